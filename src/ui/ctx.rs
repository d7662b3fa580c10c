//! The shared state every component reaches through Leptos' context: the language, the draft,
//! navigation, the storage notice, the host's configuration and the request form. `<App>`
//! provides them; each type's `expect()` fetches it. (What this browser keeps is `keeping::KeptCtx`; the checklist
//! content is `content::ContentCtx`; delivery is `delivery::DeliveryCtx`.)

use super::delivery::new_key;
use super::now_iso;
use crate::config::Config;
use crate::storage::StorageProblem;
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist;
use sxsh_core::flow::{self, Step};
use sxsh_core::i18n::{Lang, Text};
use sxsh_core::request::{AssessmentRequest, Consent, Contact, FieldError, Production};

/// The interface language, shared with every component.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

impl LangCtx {
    /// The language context provided by `<App>`.
    pub fn expect() -> LangCtx {
        expect_context::<LangCtx>()
    }

    /// The text in the current language, tracked.
    pub fn text(self, text: Text) -> &'static str {
        self.0.get().text(text)
    }
}

/// The draft (profile and answers), shared with every component that shows or edits it.
#[derive(Clone, Copy)]
pub struct DraftCtx(pub RwSignal<Draft>);

impl DraftCtx {
    /// The draft context provided by `<App>`.
    pub fn expect() -> DraftCtx {
        expect_context::<DraftCtx>()
    }
}

/// Navigation: the current step, and where a "Change" link from the review page leads.
#[derive(Clone, Copy)]
pub struct NavCtx {
    pub step: RwSignal<Step>,
    /// Set by a review "Change" link: the question (or profile field) to focus, and that the
    /// user returns to the review page afterwards.
    pub changing: RwSignal<Option<String>>,
    /// False until the user first moves between steps: the widget never takes focus on load.
    pub has_moved: RwSignal<bool>,
    /// The step the learn page returns to.
    pub learn_from: RwSignal<Step>,
    /// The element the learn page focuses on opening (a technique's heading), if any.
    pub learn_target: RwSignal<Option<String>>,
}

impl NavCtx {
    /// The navigation context provided by `<App>`.
    pub fn expect() -> NavCtx {
        expect_context::<NavCtx>()
    }

    /// Goes to a step (and remembers that focus may now move).
    pub fn go(self, step: Step) {
        self.has_moved.set(true);
        self.step.set(step);
    }

    /// Opens the learn page from the current step, optionally at one element.
    pub fn open_learn(self, target: Option<String>) {
        self.learn_from.set(self.step.get_untracked());
        self.learn_target.set(target);
        self.go(Step::Learn);
    }

    /// Leaves the learn page for the step it was opened from.
    pub fn back_from_learn(self) {
        self.learn_target.set(None);
        self.go(self.learn_from.get_untracked());
    }

    /// Continues from `step`: back to the review page after a change, else to the next step.
    pub fn forward(self, draft: &Draft, step: Step) {
        if self.changing.get_untracked().is_some() {
            self.changing.set(None);
            self.go(Step::Review);
        } else {
            self.go(flow::next(checklist::current(), draft, step));
        }
    }
}

/// The latest storage problem to show, if any.
#[derive(Clone, Copy)]
pub struct NoticeCtx(pub RwSignal<Option<StorageProblem>>);

impl NoticeCtx {
    /// The notice context provided by `<App>`.
    pub fn expect() -> NoticeCtx {
        expect_context::<NoticeCtx>()
    }
}

/// The host page's configuration (from the container's data attributes).
#[derive(Clone)]
pub struct ConfigCtx(pub std::sync::Arc<Config>);

impl ConfigCtx {
    /// The configuration provided by `<App>`.
    pub fn expect() -> ConfigCtx {
        expect_context::<ConfigCtx>()
    }

    /// The department's name: the host's, or the built-in text in the current language.
    pub fn department(&self, lang: Lang) -> String {
        self.0.department.clone().unwrap_or_else(|| lang.text(Text::AppDepartment).to_owned())
    }

    /// How to reach the department: its name, e-mail and phone, those that are known.
    pub fn contact_line(&self, lang: Lang) -> String {
        [Some(self.department(lang)), self.0.email.clone(), self.0.phone.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// The form's state, kept while the user moves between the form, the check page and the results.
#[derive(Clone, Copy)]
pub struct RequestFormCtx {
    pub(in crate::ui) contact: RwSignal<Contact>,
    pub(in crate::ui) production: RwSignal<Production>,
    pub(in crate::ui) consent: RwSignal<Consent>,
    /// The idempotency key of the request being prepared: made once, kept for resends.
    pub(in crate::ui) key: RwSignal<String>,
    /// The problems found on checking, or the service's refusal.
    pub(in crate::ui) errors: RwSignal<Vec<FieldError>>,
    pub(in crate::ui) attempt: RwSignal<u32>,
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
    pub(in crate::ui) fn request(self) -> AssessmentRequest {
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
    pub(in crate::ui) fn show(self, errors: Vec<FieldError>) {
        self.errors.set(errors);
        self.attempt.update(|n| *n += 1);
    }

    /// Loads a refused request back into the form with the service's messages.
    pub(in crate::ui) fn reopen(self, request: &AssessmentRequest, errors: Vec<FieldError>) {
        self.contact.set(request.contact.clone());
        self.production.set(request.production.clone());
        self.consent.set(request.consent.clone());
        self.key.set(request.idempotency_key.clone());
        self.show(errors);
    }
}

/// Starts loading what the screens after the questions need (their code, and what this browser
/// keeps), so that the review is there at once: the last question page calls it. `<App>`
/// provides it (it knows the screens' chunks; the question pages do not).
#[derive(Clone, Copy)]
pub struct PrepareClosing(pub Callback<()>);

impl PrepareClosing {
    /// The context provided by `<App>`.
    pub fn expect() -> PrepareClosing {
        expect_context::<PrepareClosing>()
    }
}
