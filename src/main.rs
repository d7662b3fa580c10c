//! Wiring only: install the panic hook and mount `<App>` into the host element `#sxsh-widget`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    console_error_panic_hook::set_once();
    let Some(host) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("sxsh-widget"))
    else {
        web_sys::console::error_1(
            &"SXSH widget: no element with id=\"sxsh-widget\" on this page".into(),
        );
        return;
    };
    let lang = host
        .get_attribute("data-lang")
        .and_then(|tag| sxsh_widget::i18n::Lang::from_tag(&tag))
        .unwrap_or_default();
    let host: web_sys::HtmlElement = host.unchecked_into();
    leptos::mount::mount_to(host, move || leptos::view! { <sxsh_widget::App initial_lang=lang /> })
        .forget();
}

/// The widget only runs in a browser; the native build exists for tests and tooling.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sxsh_widget runs in a browser: build it with `trunk build --release`");
}
