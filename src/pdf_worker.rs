//! The one home of the PDF worker, both ends of it.
//!
//! The PDF writer and its fonts are not in the page's WebAssembly: they live in a second module,
//! `sxsh_pdf` (`src/pdf_main.rs`), that runs in a dedicated Web Worker. The page loads it on the
//! first "Download PDF", so the first question needs none of its bytes, and the PDF is laid out,
//! compressed and written off the main thread, so a tap during an export is answered at once.
//!
//! The conversation, in order:
//! 1. The page starts `sxsh-pdf-worker.js` (a stable loader written by `scripts/embed-entry.mjs`
//!    next to the widget's other files; it loads the content-hashed worker files).
//! 2. The worker says `READY` once it listens.
//! 3. The page sends one `report::pdf::Job` as JSON text; the worker answers with the PDF's bytes
//!    (a `Uint8Array`, its buffer transferred) or with a text saying why not.
//!
//! The worker keeps the two fonts after the first job. The page ends the worker `IDLE_MS` after
//! the last job, which frees all of its memory; the next export starts a new one (its files come
//! from the HTTP cache).

use crate::report::Report;
use crate::report::pdf::{self, Fonts, Job};
use js_sys::{Array, Promise, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The worker's first message: it is listening.
const READY: &str = "sxsh-pdf-ready";
/// The stable name of the worker's loader, in the widget's asset folder.
pub const LOADER: &str = "sxsh-pdf-worker.js";
/// Where the PDF fonts are, inside the widget's asset folder (copied to `dist/fonts/` by trunk).
const FONT_DIR: &str = "fonts/";
/// The page ends an idle worker after this long.
const IDLE_MS: i32 = 30_000;

/// Why the page got no PDF. The text is for the console; the user sees a plain message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfFailed(pub String);

thread_local! {
    /// The page's running worker, if any.
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// Counts jobs, so an idle timer set before a later job does not end the worker.
    static JOBS: Cell<u32> = const { Cell::new(0) };
}

/// Page side: the PDF of `report`, made in the worker, with the fonts from `assets`.
pub async fn make_pdf(assets: &str, report: &Report) -> Result<Vec<u8>, PdfFailed> {
    let job = JOBS.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let result = run_job(assets, report).await;
    if result.is_err() {
        end_worker();
    } else {
        end_when_idle(job);
    }
    result
}

async fn run_job(assets: &str, report: &Report) -> Result<Vec<u8>, PdfFailed> {
    let worker = match WORKER.with(|w| w.borrow().clone()) {
        Some(worker) => worker,
        None => {
            let worker = web_sys::Worker::new(&format!("{assets}{LOADER}"))
                .map_err(|_| PdfFailed(format!("cannot start {assets}{LOADER}")))?;
            let first = next_message(&worker).await?;
            if first.as_string().as_deref() != Some(READY) {
                return Err(PdfFailed("the PDF worker did not start".into()));
            }
            WORKER.with(|w| *w.borrow_mut() = Some(worker.clone()));
            worker
        }
    };
    let answer =
        next_message_after(&worker, &Job::to_json(report, &format!("{assets}{FONT_DIR}"))).await?;
    match answer.dyn_into::<Uint8Array>() {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(other) => Err(PdfFailed(other.as_string().unwrap_or_else(|| "no PDF".into()))),
    }
}

/// Posts `job` and waits for the worker's answer.
async fn next_message_after(worker: &web_sys::Worker, job: &str) -> Result<JsValue, PdfFailed> {
    let answer = next_message(worker);
    worker.post_message(&JsValue::from_str(job)).map_err(|_| PdfFailed("cannot post".into()))?;
    answer.await
}

/// The worker's next message, or why there will be none (its script failed to load or threw).
fn next_message(
    worker: &web_sys::Worker,
) -> impl std::future::Future<Output = Result<JsValue, PdfFailed>> + use<> {
    let promise = Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
    });
    async move {
        let event = JsFuture::from(promise).await.map_err(|error| {
            let message = error.dyn_ref::<web_sys::ErrorEvent>().map(web_sys::ErrorEvent::message);
            PdfFailed(message.unwrap_or_else(|| "the PDF worker failed".into()))
        })?;
        Ok(event.unchecked_into::<web_sys::MessageEvent>().data())
    }
}

/// Ends the worker `IDLE_MS` from now unless another job has started by then.
fn end_when_idle(job: u32) {
    let Some(window) = web_sys::window() else { return };
    let check = Closure::once_into_js(move || {
        if JOBS.with(Cell::get) == job {
            end_worker();
        }
    });
    _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), IDLE_MS);
}

fn end_worker() {
    if let Some(worker) = WORKER.with(|w| w.borrow_mut().take()) {
        worker.terminate();
    }
}

/// Worker side: the regular and bold font files.
type FontFiles = Rc<(Vec<u8>, Vec<u8>)>;

thread_local! {
    /// Worker side: the two fonts, once fetched.
    static FONTS: RefCell<Option<FontFiles>> = const { RefCell::new(None) };
}

/// Worker side: listens for jobs and answers each. Called once, from the worker module's `main`.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_job =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let scope = reply_scope.clone();
            let text = event.data().as_string().unwrap_or_default();
            wasm_bindgen_futures::spawn_local(async move {
                match answer(&text).await {
                    Ok(bytes) => {
                        let array = Uint8Array::from(bytes.as_slice());
                        _ = scope.post_message_with_transfer(&array, &Array::of1(&array.buffer()));
                    }
                    Err(PdfFailed(why)) => _ = scope.post_message(&JsValue::from_str(&why)),
                }
            });
        });
    scope.set_onmessage(Some(on_job.as_ref().unchecked_ref()));
    on_job.forget();
    _ = scope.post_message(&JsValue::from_str(READY));
}

async fn answer(text: &str) -> Result<Vec<u8>, PdfFailed> {
    let job =
        Job::from_json(text).map_err(|_| PdfFailed("not a PDF job of this version".into()))?;
    let fonts = match FONTS.with(|f| f.borrow().clone()) {
        Some(fonts) => fonts,
        None => {
            let regular = fetch_font(&job.fonts, "NotoSans-Regular-vi.ttf").await?;
            let bold = fetch_font(&job.fonts, "NotoSans-Bold-vi.ttf").await?;
            let fonts = Rc::new((regular, bold));
            FONTS.with(|f| *f.borrow_mut() = Some(fonts.clone()));
            fonts
        }
    };
    pdf::to_pdf(&job.report, &Fonts { regular: &fonts.0, bold: &fonts.1 })
        .map_err(|e| PdfFailed(format!("{e:?}")))
}

async fn fetch_font(folder: &str, name: &str) -> Result<Vec<u8>, PdfFailed> {
    crate::api::fetch_bytes(&format!("{folder}{name}")).await.map_err(|e| PdfFailed(e.0))
}
