//! Wiring only: read the page's settings from `#sxsh-assessor` and mount the app into it.

#[cfg(target_arch = "wasm32")]
fn main() {
    use sxsh_assessor::page;
    console_error_panic_hook::set_once();
    let Some(host) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(page::HOST_ID))
    else {
        web_sys::console::error_1(&"SXSH assessor: no element with id=\"sxsh-assessor\"".into());
        return;
    };
    match page::read(|name| host.get_attribute(name)) {
        Ok(page) => {
            let host: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(host);
            leptos::mount::mount_to(
                host,
                move || leptos::view! { <sxsh_assessor::ui::App page=page /> },
            )
            .forget();
        }
        Err(why) => web_sys::console::error_1(&format!("SXSH assessor: {why}").into()),
    }
}

/// The app only runs in a browser; the native build exists for tests.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sxsh_assessor runs in a browser: build it with trunk (crates/assessor/Trunk.toml)");
}
