//! `<Welcome>`: the first screen: what cleaner production is, what the assessment covers, how long
//! it takes, that answers stay in the browser; the start button, or the offer to continue.

use super::ctx::{DraftCtx, LangCtx, NavCtx};
use super::draft_file::RestoreFromFile;
use super::focus_when_mounted;
use super::keeping;
use super::keeping::KeptCtx;
use crate::storage;
use leptos::html;
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist;
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Text, fill};

/// The welcome screen.
#[component]
pub fn Welcome(
    /// Whether this browser holds an unfinished assessment to offer (cleared once the user
    /// starts anew or deletes it).
    has_saved_work: RwSignal<bool>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let kept = KeptCtx::expect();
    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);
    let t = move |text| move || ctx.text(text);
    let show_resume = has_saved_work;
    let start_new = move |_| {
        let confirmed = super::confirm(ctx.text(Text::ResumeNewConfirm));
        if confirmed {
            // The autosave forgets the stored draft once this one is blank.
            draft.set(Draft::fresh(checklist::loaded()));
            show_resume.set(false);
        }
    };
    let resume_body = move || {
        let company = draft.with(|d| d.profile.company.clone());
        if company.trim().is_empty() {
            ctx.text(Text::ResumeBodyUnnamed).to_owned()
        } else {
            fill(ctx.text(Text::ResumeBody), &[("company", &company)])
        }
    };
    view! {
        <section class="cp-welcome" aria-labelledby="cp-welcome-title">
            <h1 id="cp-welcome-title" class="cp-welcome__title" tabindex="-1" node_ref=heading>
                {t(Text::AppTitle)}
            </h1>
            {move || {
                kept.read.get().then(keeping::loaded).flatten().map(|keeper| (keeper.request_status)())
            }}
            <Show when=move || show_resume.get()>
                <div class="cp-panel cp-panel--resume" data-testid="resume">
                    <h2>{t(Text::ResumeHeading)}</h2>
                    <p>{resume_body}</p>
                    <div class="cp-nav">
                        <button type="button" class="cp-button cp-button--primary" data-testid="resume-continue" on:click=move |_| nav.go(Step::Profile)>
                            {t(Text::ResumeContinue)}
                        </button>
                        <button type="button" class="cp-button" data-testid="resume-new" on:click=start_new>
                            {t(Text::ResumeNew)}
                        </button>
                    </div>
                </div>
            </Show>
            <p class="cp-welcome__lead">{t(Text::WelcomeLead)}</p>
            <h2 class="cp-welcome__heading">{t(Text::WelcomeWhatHeading)}</h2>
            <p>{t(Text::WelcomeWhatBody)}</p>
            <h2 class="cp-welcome__heading">{t(Text::WelcomeCoversHeading)}</h2>
            <ul class="cp-welcome__list">
                <li>{t(Text::WelcomeCoversProfile)}</li>
                <li>{t(Text::WelcomeCoversAreas)}</li>
                <li>{t(Text::WelcomeCoversSector)}</li>
                <li>{t(Text::WelcomeCoversResults)}</li>
            </ul>
            <p class="cp-welcome__note">{t(Text::WelcomeTime)}</p>
            <p class="cp-welcome__note cp-welcome__note--privacy">{t(Text::WelcomePrivacy)}</p>
            <div class="cp-nav">
                <button type="button" class="cp-button cp-button--primary" data-testid="start" on:click=move |_| nav.go(Step::Profile)>
                    {t(Text::WelcomeStart)}
                </button>
                <button type="button" class="cp-button" data-testid="open-learn" on:click=move |_| nav.open_learn(None)>
                    {t(Text::LearnOpen)}
                </button>
                <RestoreFromFile />
            </div>
            <ClearLocalData on_cleared=move || show_resume.set(false) />
        </section>
    }
}

/// "Delete this tool's data on this device": every key of the widget leaves local storage, and
/// the screen forgets the draft, the queued and sent requests.
#[component]
fn ClearLocalData(
    /// Called after the data is deleted.
    on_cleared: impl Fn() + 'static,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let delivery = super::delivery::DeliveryCtx::expect();
    let done = RwSignal::new(false);
    let clear = move |_| {
        if super::confirm(ctx.text(Text::ClearConfirm)) {
            draft.set(Draft::fresh(checklist::loaded()));
            delivery.forget();
            storage::clear_all();
            on_cleared();
            done.set(true);
        }
    };
    view! {
        <div class="cp-clear">
            <p class="cp-field__hint">{move || ctx.text(Text::ClearHint)}</p>
            <button type="button" class="cp-button" data-testid="clear-data" on:click=clear>{move || ctx.text(Text::ClearButton)}</button>
            <p role="status" data-testid="clear-status">{move || done.get().then(|| ctx.text(Text::ClearDone))}</p>
        </div>
    }
}
