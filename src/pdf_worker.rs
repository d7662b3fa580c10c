//! The page's end of the PDF worker: the one place the page starts and talks to a Web Worker.
//!
//! The PDF writer and its fonts are not in the page's WebAssembly: they live in a second module,
//! `sxsh_pdf` (the `crates/pdf-worker` crate), that runs in a dedicated Web Worker. The page loads it when the
//! results screen shows, so the first screen needs none of its bytes, and the PDF is laid out,
//! compressed and written off the main thread, so a tap during an export is answered at once.
//!
//! The conversation, in order:
//! 1. The page starts `sxsh-pdf-worker.js` (the worker's bindgen glue under a stable name,
//!    written by `scripts/embed-entry.mjs` next to the widget's other files; it loads the
//!    content-hashed worker wasm).
//! 2. The worker says `READY` once it listens (or, from its loader, why its wasm did not load).
//! 3. The page sends `[job, regular font, bold font]`: one `report::pdf::Job` as JSON text and
//!    the two font files (`Uint8Array`s); the worker answers with the PDF's bytes (a
//!    `Uint8Array`, its buffer transferred) or with a text saying why not.
//!
//! The page fetches the fonts itself, at the same time as the worker loads, and keeps them; the
//! worker fetches nothing. The results screen starts both ahead of time (`prepare`). The page ends
//! the worker `IDLE_MS` after its last use, which frees all of its memory; the next export starts
//! a new one (its files come from the HTTP cache).

use js_sys::{Array, Promise, Uint8Array};
use std::cell::{Cell, RefCell};
use sxsh_core::report::Report;
use sxsh_core::report::pdf::{Job, WORKER_READY};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The stable name of the worker's script, in the widget's asset folder.
const LOADER: &str = "sxsh-pdf-worker.js";
/// Where the PDF fonts are, inside the widget's asset folder (copied to `dist/fonts/` by trunk).
const FONT_DIR: &str = "fonts/";
/// The page gives up on a worker that has not started, or not answered a job, after this long.
const ANSWER_MS: i32 = 60_000;
/// The page ends an idle worker after this long.
const IDLE_MS: i32 = 30_000;

/// Why the page got no PDF. The text is for the console; the user sees a plain message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfFailed(pub String);

/// The page's worker: started, and the promise of its `READY`.
#[derive(Clone)]
struct Running {
    worker: web_sys::Worker,
    ready: Promise,
}

thread_local! {
    /// The page's running worker, if any.
    static WORKER: RefCell<Option<Running>> = const { RefCell::new(None) };
    /// Counts uses, so an idle timer set before a later use does not end the worker.
    static USES: Cell<u32> = const { Cell::new(0) };
}

fn next_use() -> u32 {
    USES.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    })
}

/// Page side: loads the worker and the fonts ahead of an export (the results screen calls
/// this), so that they are there by the time the user asks for the PDF. Nothing is sent.
pub fn prepare(assets: &str) {
    let this_use = next_use();
    _ = fonts(assets);
    if start(assets).is_ok() {
        end_when_idle(this_use);
    }
}

/// Page side: the PDF of `report`, made in the worker, with the fonts from `assets`.
pub async fn make_pdf(assets: &str, report: &Report) -> Result<Vec<u8>, PdfFailed> {
    let this_use = next_use();
    let result = run_job(assets, report).await;
    if result.is_err() {
        end_worker();
    } else {
        end_when_idle(this_use);
    }
    result
}

/// The running worker, or a new one.
fn start(assets: &str) -> Result<Running, PdfFailed> {
    if let Some(running) = WORKER.with(|w| w.borrow().clone()) {
        return Ok(running);
    }
    let worker = web_sys::Worker::new(&format!("{assets}{LOADER}"))
        .map_err(|_| PdfFailed(format!("cannot start {assets}{LOADER}")))?;
    let running = Running { ready: next_message(&worker), worker };
    WORKER.with(|w| *w.borrow_mut() = Some(running.clone()));
    Ok(running)
}

async fn run_job(assets: &str, report: &Report) -> Result<Vec<u8>, PdfFailed> {
    let Running { worker, ready } = start(assets)?;
    let files = font_files(assets).await?;
    let first = message(ready).await?.as_string().unwrap_or_default();
    if first != WORKER_READY {
        return Err(PdfFailed(format!("the PDF worker did not start: {first}")));
    }
    let answer = next_message(&worker);
    let job = Array::of3(&JsValue::from_str(&Job::to_json(report)), &files.get(0), &files.get(1));
    worker.post_message(&job).map_err(|_| PdfFailed("cannot post".into()))?;
    match message(answer).await?.dyn_into::<Uint8Array>() {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(other) => Err(PdfFailed(other.as_string().unwrap_or_else(|| "no PDF".into()))),
    }
}

/// The worker's next message (a `MessageEvent`), or why none came: its script failed to load or
/// threw (an `ErrorEvent`), or nothing came within `ANSWER_MS` (a text). The promise never
/// rejects, so a worker started early that fails before anyone asks leaves no unhandled
/// rejection behind.
fn next_message(worker: &web_sys::Worker) -> Promise {
    let raw = Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
        if let Some(window) = web_sys::window() {
            let late = JsValue::from_str("the PDF worker did not answer in time");
            _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_1(&reject, ANSWER_MS, &late);
        }
    });
    settled(raw)
}

/// A promise that resolves with `promise`'s value or with its rejection reason, never rejecting.
fn settled(promise: Promise) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        Ok(JsFuture::from(promise).await.unwrap_or_else(|why| why))
    })
}

/// What a `next_message` promise brings: the message's data, or why there is none.
async fn message(promise: Promise) -> Result<JsValue, PdfFailed> {
    let value = JsFuture::from(promise).await.unwrap_or_default();
    if let Some(event) = value.dyn_ref::<web_sys::MessageEvent>() {
        return Ok(event.data());
    }
    let why = value.dyn_ref::<web_sys::ErrorEvent>().map(web_sys::ErrorEvent::message);
    Err(PdfFailed(
        why.or_else(|| value.as_string()).unwrap_or_else(|| "the PDF worker failed".into()),
    ))
}

/// Ends the worker `IDLE_MS` from now unless it has been used again by then.
fn end_when_idle(this_use: u32) {
    let Some(window) = web_sys::window() else { return };
    let check = Closure::once_into_js(move || {
        if USES.with(Cell::get) == this_use {
            end_worker();
        }
    });
    _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), IDLE_MS);
}

fn end_worker() {
    if let Some(running) = WORKER.with(|w| w.borrow_mut().take()) {
        running.worker.terminate();
    }
}

thread_local! {
    /// Page side: the fetch of the two fonts (an array of two `Uint8Array`s, or why not), kept
    /// for every job; a failed one is forgotten, so the next use fetches again.
    static FONTS: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// The fonts' fetch: both files at once, started on first use.
fn fonts(assets: &str) -> Promise {
    if let Some(fetching) = FONTS.with(|f| f.borrow().clone()) {
        return fetching;
    }
    let file = |name: &str| {
        let url = format!("{assets}{FONT_DIR}{name}");
        wasm_bindgen_futures::future_to_promise(async move {
            let bytes = crate::api::fetch_bytes(&url).await.map_err(|e| JsValue::from_str(&e.0))?;
            Ok(Uint8Array::from(bytes.as_slice()).into())
        })
    };
    let both =
        Promise::all(&Array::of2(&file("NotoSans-Regular-vi.ttf"), &file("NotoSans-Bold-vi.ttf")));
    // A failure is its reason (text), so an unused early fetch that failed leaves no unhandled
    // rejection behind.
    let fetching = settled(both);
    FONTS.with(|f| *f.borrow_mut() = Some(fetching.clone()));
    fetching
}

/// The two font files; an early fetch that failed (the network was down then) is tried again.
async fn font_files(assets: &str) -> Result<Array, PdfFailed> {
    let mut files = JsValue::UNDEFINED;
    for _ in 0..2 {
        files = JsFuture::from(fonts(assets)).await.unwrap_or_default();
        if Array::is_array(&files) {
            return Ok(Array::from(&files));
        }
        FONTS.with(|f| f.borrow_mut().take());
    }
    Err(PdfFailed(files.as_string().unwrap_or_else(|| "the fonts did not load".into())))
}
