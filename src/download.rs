//! The only user of Blob and object URLs: offers bytes to the user as a downloaded file, and
//! reads a file the user picked. File names are ASCII-safe.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a download could not be offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DownloadError;

/// Offers `bytes` as a file called `name`.
pub fn offer(bytes: &[u8], name: &str, mime: &str) -> Result<(), DownloadError> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or(DownloadError)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| DownloadError)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| DownloadError)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| DownloadError)?
        .dyn_into()
        .map_err(|_| DownloadError)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    let body = document.body().ok_or(DownloadError)?;
    body.append_child(&anchor).map_err(|_| DownloadError)?;
    anchor.click();
    _ = body.remove_child(&anchor);
    _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads the first file chosen in a file input as text (files over `limit` bytes are refused).
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    limit: f64,
) -> Result<String, FileReadError> {
    let file = input.files().and_then(|files| files.get(0)).ok_or(FileReadError::Unreadable)?;
    if file.size() > limit {
        return Err(FileReadError::TooLarge);
    }
    let text = JsFuture::from(file.text()).await.map_err(|_| FileReadError::Unreadable)?;
    text.as_string().ok_or(FileReadError::Unreadable)
}

/// Why a chosen file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileReadError {
    TooLarge,
    Unreadable,
}
