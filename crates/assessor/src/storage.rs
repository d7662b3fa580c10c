//! The only user of local storage: one draft per receipt under `sxsh-assessor/v1/{receipt}`.
//! Nothing here panics on what a browser or a person left in storage: a draft that cannot be
//! read is moved to `…/unreadable` (never overwritten by the next save) and reported, and a
//! browser that refuses storage or is full says so.

use crate::draft::{Draft, Unreadable};
use wasm_bindgen::JsCast;

/// The prefix of every key the app writes.
pub const PREFIX: &str = "sxsh-assessor/v1/";

/// Why storage did not do what was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser refuses storage (private mode, disabled, blocked).
    Unavailable,
    /// Storage is full.
    Full,
    /// The stored draft could not be read (it was kept under the backup key).
    Unreadable(Unreadable),
}

fn key(receipt: &str) -> String {
    format!("{PREFIX}{receipt}")
}

fn raw() -> Result<web_sys::Storage, StorageProblem> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageProblem::Unavailable)
}

/// The draft of this record kept on this device, if any.
pub fn load(receipt: &str) -> Result<Option<Draft>, StorageProblem> {
    let storage = raw()?;
    let Some(text) = storage.get_item(&key(receipt)).map_err(|_| StorageProblem::Unavailable)?
    else {
        return Ok(None);
    };
    Draft::from_json(&text, receipt).map(Some).map_err(|why| {
        // Put aside where the next save cannot overwrite it, then start afresh.
        _ = storage.set_item(&format!("{}/unreadable", key(receipt)), &text);
        _ = storage.remove_item(&key(receipt));
        StorageProblem::Unreadable(why)
    })
}

/// Keeps the draft of this record on this device.
pub fn save(receipt: &str, draft: &Draft) -> Result<(), StorageProblem> {
    raw()?.set_item(&key(receipt), &draft.to_json()).map_err(|js| {
        let name = js.dyn_ref::<web_sys::DomException>().map(web_sys::DomException::name);
        if name.as_deref() == Some("QuotaExceededError") {
            StorageProblem::Full
        } else {
            StorageProblem::Unavailable
        }
    })
}
