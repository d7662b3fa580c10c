//! Leptos components. They render the draft and turn what the assessor does into the draft's
//! edits (`draft`); every edit goes through `Ctx::edit`, which keeps the draft on this device at
//! once and sends it when the assessor stops typing (`delivery`). They compute nothing of the
//! record's (the core computes the payback).

mod app;
mod closing;
mod delivery;
mod fields;
mod opportunities;
mod visit;

pub use app::App;

use crate::draft::{Draft, Problem};
use crate::page::Page;
use crate::storage::{self, StorageProblem};
use crate::words::Word;
use leptos::prelude::*;
use sxsh_core::i18n::Lang;

/// What every component reaches: the language, the page's settings, the draft, what must be
/// fixed, and the storage's state.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: Lang,
    pub page: StoredValue<Page>,
    pub draft: RwSignal<Draft>,
    /// What must be fixed before sending, in form order.
    pub problems: Memo<Vec<Problem>>,
    /// Bumped each time the assessor saves with something to fix: the summary shows and takes
    /// focus.
    pub summary_shown: RwSignal<u32>,
    /// A problem with this device's storage, if the last save met one.
    pub storage: RwSignal<Option<StorageProblem>>,
    /// Bumped when the record is replaced from elsewhere (the service's copy): the form is
    /// drawn again (the inputs show the draft once, so nothing moves under the assessor's
    /// fingers otherwise).
    pub drawn: RwSignal<u32>,
    delivery: delivery::Delivery,
}

impl Ctx {
    /// The context provided by `App`.
    pub fn expect() -> Ctx {
        expect_context::<Ctx>()
    }

    /// An interface text in the page's language.
    pub fn t(self, word: Word) -> &'static str {
        word.text(self.lang)
    }

    /// The error beside the field with this stable path, if it has one.
    pub fn error_for(self, path: String) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.problems.with(|all| all.iter().find(|p| p.path == path).map(|p| p.message.clone()))
        })
    }

    /// Changes the draft and keeps it on this device.
    fn change<R>(self, f: impl FnOnce(&mut Draft) -> R) -> Option<R> {
        let result = self.draft.try_update(f);
        let saved = self.page.with_value(|p| self.draft.with_untracked(|d| storage::save(p, d)));
        self.storage.set(saved.err());
        result
    }

    /// An edit by the assessor: kept on this device at once, sent once they stop typing.
    pub fn edit<R: Default>(self, f: impl FnOnce(&mut Draft) -> R) -> R {
        let result = self.change(f).unwrap_or_default();
        self.delivery.edited(self);
        result
    }

    /// Another device saved a newer version; the assessor keeps this device's: it is uploaded
    /// on top of the newer one.
    pub fn keep_mine(self) {
        self.delivery.keep_mine(self);
    }

    /// Another device saved a newer version; the assessor takes it. This device's draft is
    /// first kept as a backup in storage, and nothing changes if that cannot be written.
    pub fn take_newer(self) {
        let mine = self.draft.with_untracked(Draft::clone);
        match self.page.with_value(|p| storage::back_up(p, &mine)) {
            Ok(()) => {
                self.change(Draft::take_newer);
                self.drawn.update(|n| *n += 1);
            }
            Err(problem) => self.storage.set(Some(problem)),
        }
    }

    /// The assessor's "Save": sends now, or shows what must be fixed first.
    pub fn save(self) {
        if !self.problems.with_untracked(Vec::is_empty) {
            self.summary_shown.update(|n| *n += 1);
        }
        self.delivery.send_now(self);
    }
}

/// The browser's clock, ms since 1970.
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The browser's clock as ISO 8601 (UTC).
fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A time on the browser's clock (ms) as ISO 8601 (UTC).
fn iso_at(ms: f64) -> String {
    String::from(js_sys::Date::new(&ms.into()).to_iso_string())
}

/// Moves focus to the element with this DOM id, if it is in the page.
fn focus_by_id(id: &str) {
    let element =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(el) =
        element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        _ = el.focus();
    }
}

/// Asks the assessor to confirm with the browser's dialog; false when there is no window.
fn confirm(message: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}
