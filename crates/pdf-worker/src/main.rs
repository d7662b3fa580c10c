//! The PDF worker module (`sxsh_pdf`): runs in a dedicated Web Worker and turns report jobs into
//! PDF files with `sxsh_core::report::pdf`. The page's end of the conversation, and its order, is
//! in the widget's `src/pdf_worker.rs`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    serve();
}

/// The worker only runs in a browser; the native build exists so the workspace builds.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sxsh_pdf runs in a browser's Web Worker: build it with `trunk build --release`");
}

/// Listens for jobs and answers each: the PDF's bytes (its buffer transferred), or a text saying
/// why not. Says `WORKER_READY` once it listens.
#[cfg(target_arch = "wasm32")]
fn serve() {
    use js_sys::{Array, Uint8Array};
    use sxsh_core::report::pdf::{self, Fonts, Job, WORKER_READY};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_job =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let message: Array = event.data().dyn_into().unwrap_or_default();
            let text = message.get(0).as_string().unwrap_or_default();
            let regular = Uint8Array::new(&message.get(1)).to_vec();
            let bold = Uint8Array::new(&message.get(2)).to_vec();
            let made = Job::from_json(&text)
                .map_err(|_| "not a PDF job of this version".to_owned())
                .and_then(|job| {
                    pdf::to_pdf_labelled(
                        &job.report,
                        &job.labels,
                        &Fonts { regular: &regular, bold: &bold },
                    )
                    .map_err(|e| format!("{e:?}"))
                });
            match made {
                Ok(bytes) => {
                    let array = Uint8Array::from(bytes.as_slice());
                    _ = reply.post_message_with_transfer(&array, &Array::of1(&array.buffer()));
                }
                Err(why) => _ = reply.post_message(&JsValue::from_str(&why)),
            }
        });
    scope.set_onmessage(Some(on_job.as_ref().unchecked_ref()));
    on_job.forget();
    _ = scope.post_message(&JsValue::from_str(WORKER_READY));
}
