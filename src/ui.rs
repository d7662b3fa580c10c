//! Leptos components. They render state and turn user actions into edits; they compute no
//! scores (that is `scoring`'s and `savings`' job). Shared state is reached through the `*Ctx`
//! newtypes of `ctx`, provided by `App`.

mod app;
mod content;
mod ctx;
mod delivery;
mod draft_file;
mod end_uses;
mod error_summary;
mod export_buttons;
mod fields;
mod keeping;
mod language_switch;
mod learn_page;
mod notes;
mod offer;
mod plan;
mod profile_form;
mod question_field;
mod request;
mod request_status;
mod results;
mod review;
mod screens;
mod section_view;
mod step_indicator;
mod storage_notice;
mod welcome;

pub use app::App;
pub use keeping::open_saved_work;

use leptos::prelude::*;

/// Waits `ms` milliseconds (a browser timer), letting the browser run whatever is waiting.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Tells the host page's staff something in the browser console (a warning, in English).
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// The browser's current time as ISO 8601 (UTC).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Asks the user to confirm with the browser's dialog; false when there is no window.
pub fn confirm(message: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}

/// Moves focus to the element with this DOM id, if it is in the page.
pub fn focus_by_id(id: &str) {
    let element =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(el) =
        element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        _ = el.focus();
    }
}

/// Moves focus to a step's heading once it is in the page, but only after the user has moved
/// between steps: on page load the widget never takes focus from the host page.
pub fn focus_when_mounted<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    let ctx::NavCtx { has_moved, .. } = ctx::NavCtx::expect();
    Effect::new(move |_| {
        if let Some(element) = node.get()
            && has_moved.get_untracked()
        {
            let element: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(element);
            // A screen whose code was still loading is put into the page after it is built: then
            // the heading takes focus in the next frame, once it is there.
            if element.is_connected() {
                _ = element.focus();
            } else {
                request_animation_frame(move || _ = element.focus());
            }
        }
    });
}
