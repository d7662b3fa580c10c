//! The only user of the network: fetching the PDF fonts when the user asks for a PDF (so the
//! first page load stays small), a host-supplied checklist, and posting a request to the
//! Department's intake endpoint (`post_request`). What an answer means is `outbox`'s business;
//! this file only turns `fetch` into an `outbox::Reply`.

use js_sys::Uint8Array;
use sxsh_core::outbox::Reply;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a fetch failed (offline, not found, or not bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchError(pub String);

/// Fetches a URL (relative to the page) and returns its body.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| FetchError(format!("{url}: network error")))?;
    let response: web_sys::Response =
        response.dyn_into().map_err(|_| FetchError(format!("{url}: not a response")))?;
    if !response.ok() {
        return Err(FetchError(format!("{url}: HTTP {}", response.status())));
    }
    let buffer =
        response.array_buffer().map_err(|_| FetchError(format!("{url}: unreadable body")))?;
    let buffer =
        JsFuture::from(buffer).await.map_err(|_| FetchError(format!("{url}: body failed")))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Posts a request body to the intake endpoint with its idempotency key, giving up after
/// `timeout_ms`. Never fails: every way it can go wrong is a `Reply`.
pub async fn post_request(url: &str, body: &str, idempotency_key: &str, timeout_ms: u32) -> Reply {
    let Some(window) = web_sys::window() else { return Reply::NetworkError };
    let Ok(controller) = web_sys::AbortController::new() else { return Reply::NetworkError };
    let headers = web_sys::Headers::new().ok();
    if let Some(h) = &headers {
        _ = h.set("content-type", "application/json");
        _ = h.set("idempotency-key", idempotency_key);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    init.set_signal(Some(&controller.signal()));
    // No cookies or other credentials travel with a request (the endpoint may be another origin).
    init.set_credentials(web_sys::RequestCredentials::Omit);
    if let Some(h) = &headers {
        init.set_headers(h);
    }
    let abort = {
        let controller = controller.clone();
        wasm_bindgen::closure::Closure::once(move || controller.abort())
    };
    let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        abort.as_ref().unchecked_ref(),
        i32::try_from(timeout_ms).unwrap_or(i32::MAX),
    );
    let answer = async {
        let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.ok()?;
        let response: web_sys::Response = response.dyn_into().ok()?;
        let retry_after = response.headers().get("retry-after").ok().flatten();
        let body =
            JsFuture::from(response.text().ok()?).await.ok()?.as_string().unwrap_or_default();
        Some(Reply::Http { status: response.status(), retry_after, body })
    }
    .await;
    if let Ok(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    match answer {
        Some(answer) => answer,
        None if controller.signal().aborted() => Reply::Timeout,
        None => Reply::NetworkError,
    }
}
