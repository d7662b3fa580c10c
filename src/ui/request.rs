//! The request for a rapid assessment, one file per screen: the form (`form`: contact, visit
//! details, the privacy notice and three separate unticked consents), "check what will be sent"
//! (`check`), and the status of sent requests (`status`). This file holds the form's state,
//! shared by the first two. Validation is `request::validate`'s; delivery is `DeliveryCtx`'s.

pub mod check;
pub mod form;
pub mod status;

use super::ctx::{DraftCtx, LangCtx};
use super::delivery::new_key;
use super::now_iso;
use leptos::prelude::*;
use sxsh_core::i18n::Text;
use sxsh_core::request::{AssessmentRequest, Consent, Contact, FieldError, Production};

/// The form's state, kept while the user moves between the form, the check page and the results.
#[derive(Clone, Copy)]
pub struct RequestFormCtx {
    contact: RwSignal<Contact>,
    production: RwSignal<Production>,
    consent: RwSignal<Consent>,
    /// The idempotency key of the request being prepared: made once, kept for resends.
    key: RwSignal<String>,
    /// The problems found on checking, or the service's refusal.
    errors: RwSignal<Vec<FieldError>>,
    attempt: RwSignal<u32>,
}

impl RequestFormCtx {
    /// An empty form (consents unticked) with a fresh key.
    pub fn new() -> RequestFormCtx {
        RequestFormCtx {
            contact: RwSignal::new(Contact::default()),
            production: RwSignal::new(Production::default()),
            consent: RwSignal::new(Consent::default()),
            key: RwSignal::new(new_key()),
            errors: RwSignal::new(Vec::new()),
            attempt: RwSignal::new(0),
        }
    }

    /// The request form context provided by `<App>`.
    pub fn expect() -> RequestFormCtx {
        expect_context::<RequestFormCtx>()
    }

    /// The request the form describes now, for the current draft.
    fn request(self) -> AssessmentRequest {
        let DraftCtx(draft) = DraftCtx::expect();
        draft.with_untracked(|d| {
            AssessmentRequest::new(
                d,
                &self.key.get_untracked(),
                self.contact.get_untracked(),
                self.production.get_untracked(),
                self.consent.get_untracked(),
                &now_iso(),
            )
        })
    }

    /// Shows errors and brings the error summary into focus.
    fn show(self, errors: Vec<FieldError>) {
        self.errors.set(errors);
        self.attempt.update(|n| *n += 1);
    }

    /// Loads a refused request back into the form with the service's messages.
    fn reopen(self, request: &AssessmentRequest, errors: Vec<FieldError>) {
        self.contact.set(request.contact.clone());
        self.production.set(request.production.clone());
        self.consent.set(request.consent.clone());
        self.key.set(request.idempotency_key.clone());
        self.show(errors);
    }
}

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
