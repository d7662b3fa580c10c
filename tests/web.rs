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
async fn starting_opens_the_profile_and_focuses_its_heading() {
    let (host, _handle) = open_widget();
    find(&host, "[data-testid=start]").click();
    tick().await;
    let heading = find(&host, "h2#cp-profile-title");
    assert_eq!(heading.text_content().as_deref(), Some("Thông tin doanh nghiệp"));
    assert_eq!(document().active_element().expect("something has focus").id(), "cp-profile-title");
    // Nothing is pre-selected (GOV.UK radios pattern).
    assert!(host.query_selector("input[type=radio]:checked").expect("valid").is_none());
}

#[wasm_bindgen_test]
async fn continuing_without_company_and_sector_shows_the_error_summary_with_focus() {
    let (host, _handle) = open_widget();
    find(&host, "[data-testid=start]").click();
    tick().await;
    find(&host, "[data-testid=continue]").click();
    tick().await;
    tick().await;
    let summary = find(&host, "[data-testid=error-summary]");
    let text = summary.text_content().unwrap_or_default();
    assert!(text.contains("Nhập tên doanh nghiệp"), "{text}");
    assert!(text.contains("Chọn ngành sản xuất"), "{text}");
    assert_eq!(
        document().active_element().map(|e| e.class_name()).as_deref(),
        Some("cp-error-summary")
    );
    let company = find(&host, "#cp-field-company");
    assert_eq!(company.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        company.get_attribute("aria-describedby").as_deref(),
        Some("cp-field-company-error")
    );
}

#[wasm_bindgen_test]
async fn a_completed_profile_leads_to_the_energy_questions_and_answers_are_kept() {
    let (host, _handle) = open_widget();
    find(&host, "[data-testid=start]").click();
    tick().await;
    let company: web_sys::HtmlInputElement = find(&host, "#cp-field-company").unchecked_into();
    company.set_value("Công ty Thử nghiệm");
    company.dispatch_event(&web_sys::Event::new("input").expect("event")).expect("dispatch");
    find(&host, "#cp-field-sector").click();
    tick().await;
    find(&host, "[data-testid=continue]").click();
    tick().await;
    assert_eq!(find(&host, "#cp-section-title").text_content().as_deref(), Some("Năng lượng"));
    let first = find(&host, "fieldset.cp-question");
    let not_yet: web_sys::HtmlInputElement = first
        .query_selector("input[value=not_yet]")
        .expect("valid")
        .expect("has choice")
        .unchecked_into();
    not_yet.click();
    tick().await;
    assert_eq!(first.query_selector_all("input:checked").expect("valid").length(), 1);
    assert!(not_yet.checked());
    let progress = find(&host, "[data-testid=progress]").text_content().unwrap_or_default();
    assert!(progress.starts_with("Đã trả lời 1 trên"), "{progress}");
    let saved = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(sxsh_widget::storage::DRAFT_KEY).ok().flatten());
    assert!(
        saved.unwrap_or_default().contains("Công ty Thử nghiệm"),
        "the draft is autosaved at once"
    );
}
