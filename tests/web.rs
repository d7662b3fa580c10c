//! Browser tests (wasm-bindgen-test in headless Chromium): the widget's wiring in a real DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use sxsh_widget::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Installs the shipped checklist, as the widget's content loader does once its first screen is
/// up (that fetch is tested end to end in `e2e/`); the tests' page does not serve the file.
fn load_content() {
    use sxsh_core::checklist::{self, Checklist};
    if checklist::loaded().is_none() {
        let list =
            Checklist::from_json(checklist::SHIPPED_JSON).expect("the shipped content parses");
        checklist::install(list).expect("the shipped content is valid");
    }
}

/// Mounts a fresh widget into its own host element and returns the host.
fn open_widget() -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
) {
    load_content();
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

#[wasm_bindgen_test]
async fn the_profile_fields_carry_the_core_limits_and_a_hostile_company_name_is_named() {
    use sxsh_core::assessment::{ProfileField, ProfileText};
    let (host, _handle) = open_widget();
    find(&host, "[data-testid=start]").click();
    tick().await;
    for text in ProfileText::ALL {
        // Profile text ids have no dots: the element id is `cp-field-` and the field id.
        let id = format!("#cp-field-{}", ProfileField::Text(text));
        let limit = find(&host, &id).get_attribute("maxlength");
        assert_eq!(limit, Some(text.rule().max_chars.to_string()), "{id}");
    }
    let typed_number = sxsh_core::free_text::TYPED_NUMBER.max_chars.to_string();
    let kwh = find(&host, "#cp-field-electricity-kwh").get_attribute("maxlength");
    assert_eq!(kwh, Some(typed_number));
    let company: web_sys::HtmlInputElement = find(&host, "#cp-field-company").unchecked_into();
    company.set_value("Công ty \u{202E}gnirts");
    company.dispatch_event(&web_sys::Event::new("input").expect("event")).expect("dispatch");
    find(&host, "#cp-field-sector").click();
    tick().await;
    find(&host, "[data-testid=continue]").click();
    tick().await;
    tick().await;
    let summary = find(&host, "[data-testid=error-summary]").text_content().unwrap_or_default();
    assert!(
        summary.contains(
            "Tên doanh nghiệp chứa ký tự đảo chiều văn bản không được phép (U+202E); hãy xóa ký tự này"
        ),
        "{summary}"
    );
    assert!(host.query_selector("#cp-section-title").expect("valid").is_none(), "not continued");
}

/// A queued request for the outbox tests.
fn queued_outbox() -> sxsh_core::outbox::Outbox<sxsh_core::request::AssessmentRequest> {
    use sxsh_core::request::{AssessmentRequest, Consent, Contact, Production};
    load_content();
    let draft = sxsh_core::assessment::Draft::new(sxsh_core::checklist::active());
    let request = AssessmentRequest::new(
        &draft,
        "3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b",
        Contact { name: "Trần Thị Bình".into(), ..Contact::default() },
        Production::default(),
        Consent { request: true, ..Consent::default() },
        "2026-11-28T08:00:00Z",
    );
    let mut outbox = sxsh_core::outbox::Outbox::default();
    outbox.enqueue(request, "2026-11-28T08:00:00Z", 1_000.0);
    outbox
}

fn stored(key: &str) -> Option<String> {
    window().local_storage().ok().flatten().and_then(|s| s.get_item(key).ok().flatten())
}

#[wasm_bindgen_test]
fn the_outbox_survives_a_reload_and_an_interrupted_attempt_is_due_again() {
    use sxsh_core::outbox::{Outbox, State};
    use sxsh_core::request::AssessmentRequest;
    use sxsh_widget::storage::{OUTBOX_BACKUP_KEY, OUTBOX_KEY, load_outbox, save_outbox};
    if let Ok(Some(storage)) = window().local_storage() {
        _ = storage.clear();
    }
    let mut outbox = queued_outbox();
    let key = outbox.entries[0].request.idempotency_key.clone();
    assert!(outbox.start_due(1_000.0).is_some());
    save_outbox(OUTBOX_KEY, &outbox).expect("storage works");
    let mut reloaded: Outbox<AssessmentRequest> =
        load_outbox(OUTBOX_KEY, OUTBOX_BACKUP_KEY).expect("readable");
    assert_eq!(reloaded, outbox);
    assert_eq!(reloaded.entry(&key).map(|e| &e.state), Some(&State::Sending));
    reloaded.recover(5_000.0);
    assert_eq!(reloaded.start_due(5_000.0).map(|r| r.idempotency_key), Some(key.clone()));
    reloaded.finish(
        &key,
        &sxsh_core::outbox::Reply::Http {
            status: 201,
            retry_after: None,
            body: r#"{"receipt":"SXSH-2026-0042"}"#.into(),
        },
        0.5,
        5_000.0,
    );
    save_outbox(OUTBOX_KEY, &reloaded).expect("storage works");
    assert_eq!(stored(OUTBOX_KEY), None, "no contact details are left once delivered");
}

#[wasm_bindgen_test]
fn an_unreadable_outbox_is_kept_aside_not_lost() {
    use sxsh_core::request::AssessmentRequest;
    use sxsh_widget::storage::{OUTBOX_BACKUP_KEY, OUTBOX_KEY, load_outbox};
    let storage = window().local_storage().ok().flatten().expect("storage");
    _ = storage.clear();
    storage.set_item(OUTBOX_KEY, "{not json").expect("set");
    assert_eq!(
        load_outbox::<AssessmentRequest>(OUTBOX_KEY, OUTBOX_BACKUP_KEY).map(|o| o.entries.len()),
        Ok(0)
    );
    assert_eq!(stored(OUTBOX_BACKUP_KEY).as_deref(), Some("{not json"));
    assert_eq!(stored(OUTBOX_KEY), None);
}

#[wasm_bindgen_test]
async fn a_refused_request_in_storage_is_shown_on_the_welcome_screen() {
    use sxsh_core::outbox::State;
    let storage = window().local_storage().ok().flatten().expect("storage");
    _ = storage.clear();
    let mut outbox = queued_outbox();
    outbox.entries[0].state = State::Refused {
        status: 422,
        code: "invalid_fields".into(),
        errors: vec![sxsh_core::request::FieldError {
            field: "contact.phone".into(),
            vi: "Số điện thoại không hợp lệ".into(),
            en: "The phone number is not valid".into(),
        }],
    };
    sxsh_widget::storage::save_outbox(sxsh_widget::storage::OUTBOX_KEY, &outbox)
        .expect("storage works");
    let host: web_sys::HtmlElement =
        document().create_element("section").expect("can create").unchecked_into();
    document().body().expect("body").append_child(&host).expect("append");
    let _handle = leptos::mount::mount_to(host.clone(), || view! { <App /> }.into_any());
    tick().await;
    let item = find(&host, "[data-testid=request-status] li.cp-request");
    assert_eq!(item.get_attribute("data-state").as_deref(), Some("refused"));
    assert!(item.text_content().unwrap_or_default().contains("Số điện thoại không hợp lệ"));
    assert_eq!(
        find(&host, "[data-testid=request-status]").get_attribute("role").as_deref(),
        Some("status")
    );
}
