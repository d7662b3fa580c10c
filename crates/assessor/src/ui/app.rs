//! `<App>`: opens the record and lays out the form. A draft kept on this device opens at once
//! and syncs whatever the network does; the service's copy, when it answers, is reconciled with
//! it (`Draft::reconcile`: work not yet confirmed is never overwritten). When another tab of
//! the browser writes the draft, this tab continues from that one (`Draft::from_another_tab`). Without a draft the
//! service's copy opens; without either, the page says why. The form: the error summary, the
//! visit, the baseline, the opportunities, the close, and the bar with the status line and
//! "Save".

use super::Ctx;
use super::closing::{Bar, Closing};
use super::delivery::Delivery;
use super::fields::ErrorSummary;
use super::opportunities::Opportunities;
use super::visit::{Baseline, Visit};
use crate::api::{self, OpenError};
use crate::draft::{Draft, Unreadable};
use crate::page::Page;
use crate::storage::{self, StorageProblem};
use crate::words::Word;
use leptos::prelude::*;
use sxsh_core::outbox::ATTEMPT_TIMEOUT_MS;
use sxsh_core::rapid_assessment::Opened;

/// The assessor's app for the record named by `page`.
#[component]
pub fn App(page: Page) -> impl IntoView {
    let lang = page.lang;
    let (kept, problem) = match storage::load(&page) {
        Ok(kept) => (kept, None),
        Err(problem) => (None, Some(problem)),
    };
    let fetched = RwSignal::new(None::<Result<Opened, OpenError>>);
    let url = page.api_url();
    leptos::task::spawn_local(async move {
        fetched.set(Some(api::open(&url, ATTEMPT_TIMEOUT_MS).await));
    });
    let page = StoredValue::new(page);
    let form = move |draft: Draft| view! { <Form page=page.get_value() draft=draft fetched=fetched problem=problem /> };
    let body = match kept {
        Some(draft) => form(draft).into_any(),
        None => (move || match fetched.get() {
            None => view! { <p role="status">{Word::Opening.text(lang)}</p> }.into_any(),
            Some(Ok(opened)) => form(Draft::opened(opened)).into_any(),
            Some(Err(why)) => {
                let word = match why {
                    OpenError::Http(401) => Word::SessionEnded,
                    OpenError::Http(403 | 404) => Word::Forbidden,
                    _ => Word::CannotOpen,
                };
                view! {
                    {problem.map(|p| view! { <StorageNotice problem=p lang=lang /> })}
                    <p class="cp-notice cp-notice--warning" role="alert">{word.text(lang)}</p>
                }
                .into_any()
            }
        })
        .into_any(),
    };
    view! { <div class="ra-app">{body}</div> }
}

/// What the storage's problem means for the assessor.
#[component]
fn StorageNotice(problem: StorageProblem, lang: sxsh_core::i18n::Lang) -> impl IntoView {
    let word = match problem {
        StorageProblem::Unavailable => Word::StorageUnavailable,
        StorageProblem::Full => Word::StorageFull,
        StorageProblem::Unreadable(Unreadable::FutureFormat(_)) => Word::DraftFromNewerApp,
        StorageProblem::Unreadable(Unreadable::Malformed) => Word::DraftUnreadable,
    };
    view! { <p class="cp-notice cp-notice--warning" role="status">{word.text(lang)}</p> }
}

/// The form over an open draft.
#[component]
fn Form(
    page: Page,
    draft: Draft,
    fetched: RwSignal<Option<Result<Opened, OpenError>>>,
    problem: Option<StorageProblem>,
) -> impl IntoView {
    let lang = page.lang;
    let draft = RwSignal::new(draft);
    let ctx = Ctx {
        lang,
        page: StoredValue::new(page),
        draft,
        problems: Memo::new(move |_| draft.with(|d| d.problems(lang, d.refused()))),
        summary_shown: RwSignal::new(0),
        storage: RwSignal::new(None),
        drawn: RwSignal::new(0),
        delivery: Delivery::new(),
    };
    provide_context(ctx);
    let drawn = ctx.drawn;
    Effect::new(move |_| {
        if let Some(Ok(opened)) = fetched.get() {
            let before = draft.with_untracked(|d| d.record.clone());
            ctx.change(|d| *d = d.clone().reconcile(opened));
            if draft.with_untracked(|d| d.record != before) {
                drawn.update(|n| *n += 1);
            }
        }
    });
    // Another tab of this browser changed the draft: this tab continues from it (never writing
    // its older draft over the newer one).
    let page = ctx.page;
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        if !ev.key().is_some_and(|k| page.with_value(|p| storage::is_draft_key(&k, p))) {
            return;
        }
        let receipt = page.with_value(|p| p.receipt.clone());
        let stored = ev.new_value();
        let theirs = draft.with_untracked(|d| d.from_another_tab(stored.as_deref(), &receipt));
        if let Some(theirs) = theirs {
            draft.set(theirs);
            drawn.update(|n| *n += 1);
        }
    });
    on_cleanup(move || other_tab.remove());
    ctx.delivery.start(ctx);
    view! {
        {problem.map(|p| view! { <StorageNotice problem=p lang=lang /> })}
        {move || ctx.storage.get().map(|p| view! { <StorageNotice problem=p lang=lang /> })}
        {move || {
            drawn.track();
            view! {
                <ErrorSummary />
                <Visit />
                <Baseline />
                <Opportunities />
                <Closing />
            }
        }}
        <Bar />
    }
}
