//! The only user of local storage: one draft per assessor and receipt under
//! `sxsh-assessor/v1/{username}/{receipt}`: on a shared tablet an assessor
//! never opens, let alone uploads, another's unsent draft, which is left where it is.
//! Nothing here panics on what a browser or a person left in storage: a draft that cannot be
//! read, or one the assessor set aside for a newer version from the service, is put aside under
//! its own key `…/backup/{time}` (never overwritten: the `BACKUPS` newest are kept) and only
//! then removed, and a browser that refuses storage or is full says so.

use crate::draft::{Draft, Unreadable};
use crate::page::Page;
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

/// How many backups of a record's drafts are kept (the newest).
pub const BACKUPS: usize = 3;

fn key(page: &Page) -> String {
    format!("{PREFIX}{}/{}", page.username, page.receipt)
}

/// Whether `changed` (a storage event's key) is where the draft of this record is kept.
pub fn is_draft_key(changed: &str, page: &Page) -> bool {
    changed == key(page)
}

/// Keeps `text` under a backup key of its own (`…/backup/{ms since 1970}`) and removes the
/// oldest backups beyond `BACKUPS`; fails when it could not be written.
fn put_aside(storage: &web_sys::Storage, page: &Page, text: &str) -> Result<(), StorageProblem> {
    let prefix = format!("{}/backup/", key(page));
    let mut at = js_sys::Date::now() as u64;
    while storage.get_item(&format!("{prefix}{at:015}")).ok().flatten().is_some() {
        at += 1;
    }
    storage.set_item(&format!("{prefix}{at:015}"), text).map_err(|_| StorageProblem::Full)?;
    let mut backups: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .collect();
    backups.sort();
    for old in backups.iter().rev().skip(BACKUPS) {
        _ = storage.remove_item(old);
    }
    Ok(())
}

/// Keeps this device's draft aside (the assessor took a newer version from the service).
pub fn back_up(page: &Page, draft: &Draft) -> Result<(), StorageProblem> {
    put_aside(&raw()?, page, &draft.to_json())
}

fn raw() -> Result<web_sys::Storage, StorageProblem> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageProblem::Unavailable)
}

/// The draft of this record kept on this device, if any.
pub fn load(page: &Page) -> Result<Option<Draft>, StorageProblem> {
    let storage = raw()?;
    let Some(text) = storage.get_item(&key(page)).map_err(|_| StorageProblem::Unavailable)? else {
        return Ok(None);
    };
    match Draft::from_json(&text, &page.receipt) {
        Ok(draft) => Ok(Some(draft)),
        Err(why) => {
            // Put aside where no save overwrites it, and removed only once it is.
            put_aside(&storage, page, &text)?;
            _ = storage.remove_item(&key(page));
            Err(StorageProblem::Unreadable(why))
        }
    }
}

/// Keeps the draft of this record on this device while it holds something the service lacks
/// or the record is not complete (`Draft::keep_on_device`); else removes it.
pub fn save(page: &Page, draft: &Draft) -> Result<(), StorageProblem> {
    if !draft.keep_on_device() {
        return raw()?.remove_item(&key(page)).map_err(|_| StorageProblem::Unavailable);
    }
    raw()?.set_item(&key(page), &draft.to_json()).map_err(|js| {
        let name = js.dyn_ref::<web_sys::DomException>().map(web_sys::DomException::name);
        if name.as_deref() == Some("QuotaExceededError") {
            StorageProblem::Full
        } else {
            StorageProblem::Unavailable
        }
    })
}
