//! The only user of the network: reading a record (`open`) and posting an upload (`post`), both
//! to the service that served the page, with the session's cookie. What an answer means is the
//! core outbox's business; `post` only turns `fetch` into an `outbox::Reply`.

use sxsh_core::outbox::Reply;
use sxsh_core::rapid_assessment::Opened;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a record could not be read from the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No answer (offline, or the connection broke).
    Network,
    /// The service answered with this status (401: logged out, 403/404: not this reader's).
    Http(u16),
    /// The answer was not a record.
    Malformed,
}

/// Sends one request; `None` when no answer came (or `timeout_ms` passed: `timed_out` is then
/// set) — else the status, `Retry-After` and body.
async fn send(
    url: &str,
    init: &web_sys::RequestInit,
    timeout_ms: u32,
) -> Result<(u16, Option<String>, String), bool> {
    let window = web_sys::window().ok_or(false)?;
    let controller = web_sys::AbortController::new().map_err(|_| false)?;
    init.set_signal(Some(&controller.signal()));
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let abort = {
        let controller = controller.clone();
        wasm_bindgen::closure::Closure::once(move || controller.abort())
    };
    let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        abort.as_ref().unchecked_ref(),
        i32::try_from(timeout_ms).unwrap_or(i32::MAX),
    );
    let answer = async {
        let response = JsFuture::from(window.fetch_with_str_and_init(url, init)).await.ok()?;
        let response: web_sys::Response = response.dyn_into().ok()?;
        let retry_after = response.headers().get("retry-after").ok().flatten();
        let body =
            JsFuture::from(response.text().ok()?).await.ok()?.as_string().unwrap_or_default();
        Some((response.status(), retry_after, body))
    }
    .await;
    if let Ok(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    answer.ok_or_else(|| controller.signal().aborted())
}

/// Reads the record and its choices.
pub async fn open(url: &str, timeout_ms: u32) -> Result<Opened, OpenError> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().ok();
    if let Some(h) = &headers {
        _ = h.set("accept", "application/json");
        init.set_headers(h);
    }
    match send(url, &init, timeout_ms).await {
        Err(_) => Err(OpenError::Network),
        Ok((200, _, body)) => serde_json::from_str(&body).map_err(|_| OpenError::Malformed),
        Ok((status, _, _)) => Err(OpenError::Http(status)),
    }
}

/// Posts an upload with its idempotency key and the session's CSRF token, giving up after
/// `timeout_ms`. Never fails: every way it can go wrong is a `Reply`.
pub async fn post(url: &str, body: &str, key: &str, csrf: &str, timeout_ms: u32) -> Reply {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    if let Ok(h) = web_sys::Headers::new() {
        _ = h.set("content-type", "application/json");
        _ = h.set("idempotency-key", key);
        _ = h.set("x-csrf-token", csrf);
        init.set_headers(&h);
    }
    match send(url, &init, timeout_ms).await {
        Ok((status, retry_after, body)) => Reply::Http { status, retry_after, body },
        Err(true) => Reply::Timeout,
        Err(false) => Reply::NetworkError,
    }
}
