//! The only user of the network. Today: fetching the PDF fonts when the user asks for a PDF
//! (so the first page load stays small). Submissions to the Department will live here too.

use js_sys::Uint8Array;
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
