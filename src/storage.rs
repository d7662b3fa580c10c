//! The only user of browser storage (gloo-storage). Keys carry a format version.
//!
//! Every failure (storage disabled, quota exceeded, a corrupt or future-version value) comes back
//! as a `StorageProblem` the interface shows; nothing here panics on what a browser or a user
//! left in storage, and a value that cannot be read is moved to a backup key, never discarded.

use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sxsh_core::assessment::Draft;
use sxsh_core::export::{self, ImportError, KeptPlan};
use sxsh_core::i18n::Lang;
use sxsh_core::outbox::{Outbox, Parcel};
use wasm_bindgen::JsCast;

/// Where the chosen interface language is kept.
pub const LANG_KEY: &str = "sxsh-widget/v1/lang";
/// The autosaved draft (an `export::AssessmentFile` without results).
pub const DRAFT_KEY: &str = "sxsh-widget/v1/draft";
/// Where an autosave that could not be read is kept for the user to recover by hand.
pub const BACKUP_KEY: &str = "sxsh-widget/v1/draft-unreadable";
/// Completed assessments, newest first.
pub const HISTORY_KEY: &str = "sxsh-widget/v1/history";
/// Requests waiting to be delivered (`outbox::Outbox`, with the contact details until delivery).
pub const OUTBOX_KEY: &str = "sxsh-widget/v1/outbox";
/// Where an outbox that could not be read is kept (never overwritten by the next save).
pub const OUTBOX_BACKUP_KEY: &str = "sxsh-widget/v1/outbox-unreadable";
/// Delivered requests: receipts, without contact details (`outbox::Sent`, newest first).
pub const SENT_KEY: &str = "sxsh-widget/v1/sent";
/// The action plan and the earlier assessments' milestones, beside the autosaved draft
/// (`KeptPlan`). Kept apart from `DRAFT_KEY` so the autosave of every answer (in the page module)
/// does not carry the plan's code; only the screens that edit the plan write it.
pub const PLAN_KEY: &str = "sxsh-widget/v1/plan";
/// How many completed assessments the history keeps.
pub const HISTORY_LEN: usize = 5;

/// Why storage did not do what was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser refuses storage (private mode, disabled, blocked).
    Unavailable,
    /// Storage is full.
    Full,
    /// The saved draft could not be read (it was kept under `BACKUP_KEY`).
    Unreadable(ImportError),
}

fn raw() -> Result<web_sys::Storage, StorageProblem> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageProblem::Unavailable)
}

/// Whether storage can be reached: `Unavailable` when the browser refuses it.
pub fn check() -> Result<(), StorageProblem> {
    raw().map(|_| ())
}

/// The language the user chose last time on this browser, if any. It is stored as a JSON
/// string (`"vi"`), read here without a JSON parser, which the first screen does not carry.
pub fn load_lang() -> Option<Lang> {
    let text = raw().ok()?.get_item(LANG_KEY).ok()??;
    text.trim().strip_prefix('"')?.strip_suffix('"').and_then(Lang::from_tag)
}

/// Remembers the chosen language; failure only means it is not remembered.
pub fn save_lang(lang: Lang) -> Result<(), StorageProblem> {
    set(LANG_KEY, &format!("\"{}\"", lang.tag()))
}

/// Whether this browser keeps the widget's saved work: a draft, or requests queued or sent.
/// A returning user's is read before the first screen (`ui::keeping`), so it is offered at once.
pub fn holds_saved_work() -> bool {
    raw().is_ok_and(|storage| {
        [DRAFT_KEY, OUTBOX_KEY, SENT_KEY]
            .iter()
            .any(|key| storage.get_item(key).ok().flatten().is_some())
    })
}

/// The autosaved draft, if there is one.
pub fn load_draft() -> Result<Option<Draft>, StorageProblem> {
    let storage = raw()?;
    let Some(text) = storage.get_item(DRAFT_KEY).map_err(|_| StorageProblem::Unavailable)? else {
        return Ok(None);
    };
    export::import(&text).map(|file| Some(file.draft)).map_err(|err| {
        // Keep the unreadable value where the next autosave cannot overwrite it.
        _ = storage.set_item(BACKUP_KEY, &text);
        StorageProblem::Unreadable(err)
    })
}

/// Saves the draft at once.
pub fn save_draft(draft: &Draft, now: &str) -> Result<(), StorageProblem> {
    set(DRAFT_KEY, &export::draft_json(draft, now))
}

/// Writes one value, telling a full storage from a refused one.
fn set(key: &str, text: &str) -> Result<(), StorageProblem> {
    raw()?.set_item(key, text).map_err(|js| {
        let name = js.dyn_ref::<web_sys::DomException>().map(web_sys::DomException::name);
        if name.as_deref() == Some("QuotaExceededError") {
            StorageProblem::Full
        } else {
            StorageProblem::Unavailable
        }
    })
}

/// Removes every key of the widget (all start with `sxsh-widget/`) from this browser; returns how
/// many were removed. Requests already sent are the Department's to delete, not this.
pub fn clear_all() -> usize {
    let Ok(storage) = raw() else { return 0 };
    let length = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with("sxsh-widget/"))
        .collect();
    keys.iter().filter(|k| storage.remove_item(k).is_ok()).count()
}

/// Forgets the autosaved draft and the plan kept with it (the draft is blank: new, or its data
/// deleted).
pub fn clear_draft() -> Result<(), StorageProblem> {
    let storage = raw()?;
    _ = storage.remove_item(PLAN_KEY);
    storage.remove_item(DRAFT_KEY).map_err(|_| StorageProblem::Unavailable)
}

/// One completed assessment kept for comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub completed_at: String,
    pub checklist_version: String,
    pub company: String,
    pub draft: Draft,
}

/// The completed assessments on this browser, newest first (empty when unreadable).
pub fn load_history() -> Vec<HistoryEntry> {
    // gloo-storage's accessors throw (and so abort the widget) when the browser refuses storage,
    // so the gloo call is guarded.
    if check().is_err() {
        return Vec::new();
    }
    LocalStorage::get(HISTORY_KEY).unwrap_or_default()
}

/// Adds a completed assessment to the history, keeping the newest `HISTORY_LEN`.
pub fn push_history(entry: HistoryEntry) -> Result<(), StorageProblem> {
    raw()?;
    let mut history = load_history();
    history.retain(|e| e.completed_at != entry.completed_at);
    history.insert(0, entry);
    history.truncate(HISTORY_LEN);
    set(HISTORY_KEY, &serde_json::to_string(&history).unwrap_or_default())
}

/// The outbox kept under `key` (`OUTBOX_KEY`, `UPDATE_OUTBOX_KEY`): empty when there is none;
/// an unreadable one is moved to `backup_key` (so it is not lost) and an empty outbox is used.
pub fn load_outbox<T: Parcel>(key: &str, backup_key: &str) -> Result<Outbox<T>, StorageProblem> {
    let storage = raw()?;
    let text = storage.get_item(key).map_err(|_| StorageProblem::Unavailable)?;
    let Some(text) = text else { return Ok(Outbox::default()) };
    Ok(Outbox::from_json(&text).unwrap_or_else(|_| {
        _ = storage.set_item(backup_key, &text);
        _ = storage.remove_item(key);
        Outbox::default()
    }))
}

/// Saves the outbox under `key` (an empty one removes the key, so no contact details or tax
/// code linger).
pub fn save_outbox<T: Parcel>(key: &str, outbox: &Outbox<T>) -> Result<(), StorageProblem> {
    if outbox.entries.is_empty() {
        return raw()?.remove_item(key).map_err(|_| StorageProblem::Unavailable);
    }
    set(key, &outbox.to_json())
}

/// The delivered parcels kept under `key` (`SENT_KEY`, `UPDATE_SENT_KEY`), newest first (empty
/// when unreadable).
pub fn load_sent<S: DeserializeOwned>(key: &str) -> Vec<S> {
    raw()
        .ok()
        .and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Saves the delivered parcels under `key`.
pub fn save_sent<S: Serialize>(key: &str, sent: &[S]) -> Result<(), StorageProblem> {
    set(key, &serde_json::to_string(sent).unwrap_or_default())
}

/// The kept plan (`export::import_plan`): empty when there is none; one that cannot be read is
/// moved to a backup key (`PLAN_KEY` + `-unreadable`, never overwritten by the next save) and an
/// empty plan is used.
pub fn load_plan() -> KeptPlan {
    let Ok(storage) = raw() else { return KeptPlan::default() };
    let Some(text) = storage.get_item(PLAN_KEY).ok().flatten() else {
        return KeptPlan::default();
    };
    export::import_plan(&text).unwrap_or_else(|_| {
        _ = storage.set_item(&format!("{PLAN_KEY}-unreadable"), &text);
        _ = storage.remove_item(PLAN_KEY);
        KeptPlan::default()
    })
}

/// Saves the plan at once (`export::plan_json`; a blank plan without milestones removes the key).
pub fn save_plan(kept: &KeptPlan, now: &str) -> Result<(), StorageProblem> {
    if kept.plan.is_blank() && kept.history.is_empty() {
        return raw()?.remove_item(PLAN_KEY).map_err(|_| StorageProblem::Unavailable);
    }
    set(PLAN_KEY, &export::plan_json(&kept.plan, &kept.history, now))
}

/// Progress updates waiting to be delivered (`outbox::Outbox<ProgressUpdate>`, with the tax code
/// until delivery).
pub const UPDATE_OUTBOX_KEY: &str = "sxsh-widget/v1/progress-outbox";
/// Where an update outbox that could not be read is kept (never overwritten by the next save).
pub const UPDATE_OUTBOX_BACKUP_KEY: &str = "sxsh-widget/v1/progress-outbox-unreadable";
/// Delivered progress updates: the Department's reference, without the tax code (`SentUpdate`,
/// newest first).
pub const UPDATE_SENT_KEY: &str = "sxsh-widget/v1/progress-sent";

/// A delivered progress update as this browser keeps it: the Department's reference and the
/// request it followed, without the tax code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentUpdate {
    pub reference: String,
    pub receipt: String,
    pub company: String,
    pub idempotency_key: String,
    pub delivered_at: String,
}
