//! Browser tests (wasm-bindgen-test in headless Chromium): the widget's wiring in a real DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use sxsh_widget::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh widget into its own host element and returns the host.
fn open_widget() -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
) {
    let document = document();
    // Each test starts from a clean browser: no remembered language.
    if let Ok(Some(storage)) = window().local_storage() {
        _ = storage.clear();
    }
    let host: web_sys::HtmlElement =
        document.create_element("section").expect("can create").unchecked_into();
    document.body().expect("page has a body").append_child(&host).expect("can append");
    let handle = leptos::mount::mount_to(host.clone(), || view! { <App /> }.into_any());
    (host, handle)
}

fn find(host: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    host.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

async fn tick() {
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_widget_opens_in_vietnamese_and_the_switch_shows_english() {
    let (host, _handle) = open_widget();
    let title = find(&host, "h1");
    assert_eq!(title.text_content().as_deref(), Some("Tự đánh giá sản xuất sạch hơn"));
    assert_eq!(find(&host, ".cp-app").get_attribute("lang").as_deref(), Some("vi"));

    find(&host, "[data-testid=lang-switch]").click();
    tick().await;
    assert_eq!(
        find(&host, "h1").text_content().as_deref(),
        Some("Cleaner production self-assessment")
    );
    assert_eq!(find(&host, ".cp-app").get_attribute("lang").as_deref(), Some("en"));
    let remembered = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(sxsh_widget::storage::LANG_KEY).ok().flatten());
    assert_eq!(remembered.as_deref(), Some("\"en\""));
}

#[wasm_bindgen_test]
async fn starting_shows_the_first_area_with_its_questions_and_focuses_its_heading() {
    let (host, _handle) = open_widget();
    find(&host, "[data-testid=start]").click();
    tick().await;
    let heading = find(&host, "h2#cp-section-title");
    assert_eq!(heading.text_content().as_deref(), Some("Năng lượng"));
    let active = document().active_element().expect("something has focus");
    assert_eq!(active.id(), "cp-section-title");
    let questions = host.query_selector_all("fieldset.cp-question").expect("valid selector");
    assert!(questions.length() >= 20, "only {} questions shown", questions.length());
    // Nothing is pre-selected (GOV.UK radios pattern).
    assert!(host.query_selector("input[type=radio]:checked").expect("valid").is_none());
}

#[wasm_bindgen_test]
async fn choosing_an_answer_checks_exactly_that_choice() {
    let (host, _handle) = open_widget();
    find(&host, "[data-testid=start]").click();
    tick().await;
    let first = find(&host, "fieldset.cp-question");
    let not_yet: web_sys::HtmlInputElement = first
        .query_selector("input[value=not_yet]")
        .expect("valid")
        .expect("has choice")
        .unchecked_into();
    not_yet.click();
    tick().await;
    let checked = first.query_selector_all("input:checked").expect("valid");
    assert_eq!(checked.length(), 1);
    assert!(not_yet.checked());
}
