//! The only user of browser storage (gloo-storage). Keys carry a format version.
//!
//! Every failure (storage disabled, quota exceeded, corrupt value) comes back as a value the
//! caller can show; nothing here panics on what a browser or a user left in storage.

use crate::i18n::Lang;
use gloo_storage::{LocalStorage, Storage};

/// Where the chosen interface language is kept.
pub const LANG_KEY: &str = "sxsh-widget/v1/lang";

/// The language the user chose last time on this browser, if any.
pub fn load_lang() -> Option<Lang> {
    LocalStorage::get(LANG_KEY).ok()
}

/// Remembers the chosen language; failure only means it is not remembered.
pub fn save_lang(lang: Lang) -> Result<(), gloo_storage::errors::StorageError> {
    LocalStorage::set(LANG_KEY, lang)
}
