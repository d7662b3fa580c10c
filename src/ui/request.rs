//! The request for a rapid assessment, one file per screen: the form (`form`: contact, visit
//! details, the privacy notice and three separate unticked consents) and "check what will be
//! sent" (`check`), and what both show of it. The form's state is `ctx::RequestFormCtx`.
//! Validation is `request::validate`'s; delivery is `DeliveryCtx`'s.

pub mod check;
pub mod form;

use super::ctx::{LangCtx, RequestFormCtx};
use leptos::prelude::*;
use sxsh_core::i18n::Text;

/// The form's error for one field.
fn error_for(form: RequestFormCtx, field: &'static str) -> Signal<Option<String>> {
    let ctx = LangCtx::expect();
    Signal::derive(move || {
        let lang = ctx.0.get();
        form.errors.with(|e| e.iter().find(|e| e.field == field).map(|e| lang.pick(e).to_owned()))
    })
}

/// A text label in the current language.
fn label(text: Text) -> Signal<String> {
    let ctx = LangCtx::expect();
    Signal::derive(move || ctx.text(text).to_owned())
}
