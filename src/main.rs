//! Wiring only: read the host element's configuration, apply the accent colour, open the saved
//! work if the browser keeps any, and mount `<App>` into `#sxsh-widget` (never the body), in
//! short tasks.

#[cfg(target_arch = "wasm32")]
fn main() {
    use sxsh_widget::config;
    use wasm_bindgen::JsCast;
    console_error_panic_hook::set_once();
    let warn = |message: &str| web_sys::console::warn_1(&message.into());
    let Some(host) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(config::HOST_ID))
    else {
        web_sys::console::error_1(
            &"SXSH widget: no element with id=\"sxsh-widget\" on this page".into(),
        );
        return;
    };
    let (config, warnings) = config::read(|name| host.get_attribute(name));
    warnings.iter().for_each(|w| warn(w));
    let host: web_sys::HtmlElement = host.unchecked_into();
    host.class_list().add_1("cp-root").unwrap_or_default();
    if let Some(accent) = &config.accent {
        // CSSOM, not a style attribute: allowed under `style-src 'self'`.
        _ = host.style().set_property("--cp-color-accent", accent);
        if let Some(dark) = config::darken(accent) {
            _ = host.style().set_property("--cp-color-accent-dark", &dark);
        }
    }
    // Instantiating and mounting are two tasks, not one, so no task blocks a tap for long on a
    // slow phone. A returning user's saved work is opened first, so the first screen offers it;
    // the checklist content loads after the first screen (`ui::content`).
    wasm_bindgen_futures::spawn_local(async move {
        sxsh_widget::ui::open_saved_work().await;
        // A new task: the browser runs whatever is waiting (input, paint) first.
        sxsh_widget::ui::sleep(0).await;
        leptos::mount::mount_to(host, move || leptos::view! { <sxsh_widget::App config=config /> })
            .forget();
    });
}

/// The widget only runs in a browser; the native build exists for tests and tooling.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sxsh_widget runs in a browser: build it with `trunk build --release`");
}
