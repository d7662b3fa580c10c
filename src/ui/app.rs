//! `<App>`: provides the shared state (`ctx`), owns the draft, the language and the current step;
//! autosaves; chooses the screen (the welcome screen here, every other one from `screens`).
//! The welcome screen shows at once; the profile (the first question) waits only for its own
//! code, and every later screen for the checklist content (`content`), which loads meanwhile.

use super::content::{ContentCtx, ContentPending, ContentState};
use super::ctx::{ConfigCtx, DraftCtx, LangCtx, NavCtx, NoticeCtx, PrepareClosing, RequestFormCtx};
use super::delivery::DeliveryCtx;
use super::keeping::{self, Keeper, KeptCtx};
use super::screens::{load_screen, preload_closing_screens};
use super::step_indicator::StepIndicator;
use super::storage_notice::StorageNotice;
use super::welcome::Welcome;
use super::{language_switch::LanguageSwitch, now_iso};
use crate::config::Config;
use crate::storage::{self, StorageProblem};
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist::{self, profile_part};
use sxsh_core::flow::Step;
use sxsh_core::i18n::Lang;

/// The widget's root component.
#[component]
pub fn App(
    /// The host page's configuration; the language is the start language when the user has not
    /// chosen one on this browser.
    #[prop(optional)]
    config: Config,
) -> impl IntoView {
    let lang = RwSignal::new(storage::load_lang().unwrap_or(config.lang));
    // Whether this browser kept anything when the page opened: if not, the profile (the first
    // question) need not wait for the saved work's code, since there is nothing to write over.
    let kept_at_start = storage::holds_saved_work();
    let content = ContentCtx::start(&config, lang, kept_at_start);
    let config = ConfigCtx(std::sync::Arc::new(config));
    provide_context(config.clone());
    let draft = RwSignal::new(Draft::fresh(checklist::loaded()));
    // A browser that refuses storage is told at once; the saved work's own problems come with it.
    let notice = RwSignal::new(storage::check().err());
    let has_saved_work = RwSignal::new(false);
    let delivery = DeliveryCtx::new(config.0.endpoint.clone());
    // What this browser keeps is read once, under this owner: now if its chunk is loaded (it is
    // opened before mounting when there is saved work), else as soon as it loads. Until then
    // nothing is written over it: when anything was kept, every screen that edits (the profile,
    // and the later screens through the content gate) waits for it; the closing screens and "open
    // from a file" read it first in any case.
    let kept_read = RwSignal::new(false);
    let owner = Owner::current();
    let read_kept = move |keeper: &'static Keeper| {
        if kept_read.get_untracked() {
            return;
        }
        kept_read.set(true);
        let read = move || {
            untrack(|| {
                // With nothing kept at start, what is stored now is this page's own autosave.
                if kept_at_start {
                    match (keeper.saved_draft)() {
                        Ok(Some(saved)) => {
                            has_saved_work.set(!saved.is_blank());
                            draft.set(saved);
                        }
                        Ok(None) => {}
                        Err(problem) => notice.set(Some(problem)),
                    }
                }
                (keeper.start_delivery)(delivery);
                (keeper.start_plan)(draft);
            })
        };
        match &owner {
            Some(owner) => owner.with(read),
            None => read(),
        }
    };
    let kept = KeptCtx { read: kept_read, read_with: Callback::new(read_kept) };
    // Opened now only when this browser kept something; a first-time visitor's questions need
    // none of it, so it comes with the closing screens (or a button that needs it).
    match keeping::loaded() {
        Some(keeper) => kept.read_with(keeper),
        None if kept_at_start => leptos::task::spawn_local(async move {
            kept.open_and_read().await;
        }),
        None => {}
    }
    let nav = NavCtx {
        step: RwSignal::new(Step::Welcome),
        changing: RwSignal::new(None),
        has_moved: RwSignal::new(false),
        learn_from: RwSignal::new(Step::Welcome),
        learn_target: RwSignal::new(None),
    };
    provide_context(LangCtx(lang));
    provide_context(DraftCtx(draft));
    provide_context(nav);
    provide_context(NoticeCtx(notice));
    provide_context(content);
    provide_context(delivery);
    provide_context(kept);
    provide_context(RequestFormCtx::new());
    provide_context(PrepareClosing(Callback::new(move |()| {
        leptos::task::spawn_local(async move {
            // A failure shows on the review, which loads both again.
            _ = futures::join!(preload_closing_screens(), kept.open_and_read());
        });
    })));

    // Once the gate is open: what this browser keeps is read if its chunk is here (the gate
    // waits for it when anything was kept), and a draft begun before the checklist was loaded
    // gets its version.
    Effect::new(move |_| {
        if content.ready() {
            if let Some(keeper) = keeping::loaded() {
                kept.read_with(keeper);
            }
            draft.maybe_update(|d| d.stamp_version(checklist::active()));
        }
    });

    // A switch of language: screens that hold a one-language copy of the content are built again
    // in the new language (`ContentCtx::switch_language`), leaving focus where it is (on the
    // switch) rather than on the rebuilt screen's heading.
    Effect::new(move |previous: Option<Lang>| {
        let now = lang.get();
        checklist::prefer(now);
        if previous.is_some_and(|p| p != now)
            && content.state.get_untracked() == ContentState::Ready
        {
            nav.has_moved.set(false);
            content.switch_language(now);
        }
        now
    });
    // Whether the loaded checklist offers the profile other choices than the compiled-in ones.
    let other_profile_choices =
        Memo::new(move |_| content.ready() && !profile_part::matches(checklist::profile_choices()));
    // The first question waits for its own code and, if this browser kept work, for that to be
    // read.
    let profile_ready =
        move || content.profile.get() == ContentState::Ready && (kept.read.get() || !kept_at_start);
    // A screen from its group's chunk; if loading the chunk fails, the gate shows why, with its
    // retry.
    let screen = move |step: Step| {
        view! {
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    // The closing screens download, send and show requests: what this browser
                    // keeps is read before them.
                    let closing = !matches!(step, Step::Profile | Step::Area(_) | Step::Sector);
                    let kept_ok = !closing || kept.open_and_read().await;
                    let shown = if kept_ok { load_screen(step).await.ok() } else { None };
                    shown.unwrap_or_else(|| {
                        let failed =
                            if step == Step::Profile { content.profile } else { content.state };
                        failed.set(ContentState::Failed);
                        ().into_any()
                    })
                })}
            </Suspense>
        }
        .into_any()
    };

    // The only effect that writes outside: every change of the draft is saved at once. Its
    // outcome is the one thing it reports back (the storage notice).
    Effect::new(move |first_run: Option<()>| {
        draft.track();
        if first_run.is_some() {
            // An untouched draft is not worth keeping (and "delete my data" must stay deleted).
            let result = draft.with_untracked(|d| {
                if d.is_blank() {
                    storage::clear_draft()
                } else {
                    storage::save_draft(d, &now_iso())
                }
            });
            let shown = notice.get_untracked();
            match result {
                Ok(())
                    if matches!(
                        shown,
                        Some(StorageProblem::Full | StorageProblem::Unavailable)
                    ) =>
                {
                    notice.set(None)
                }
                Err(problem) if shown != Some(problem) => notice.set(Some(problem)),
                _ => {}
            }
        }
    });

    view! {
        <div class="cp-app" lang=move || lang.get().tag()>
            <header class="cp-app__header">
                <p class="cp-app__department">{move || config.department(lang.get())}</p>
                <LanguageSwitch />
            </header>
            <StorageNotice />
            {move || {
                // Built again when the content arrives: the step list and progress need it.
                content.track_language();
                let shown = content.ready() || nav.step.get() == Step::Profile;
                shown.then(|| view! { <StepIndicator /> })
            }}
            <main class="cp-app__main">
                {move || match nav.step.get() {
                    Step::Welcome => view! { <Welcome has_saved_work=has_saved_work /> }.into_any(),
                    // The profile is built again only if the loaded checklist (a host's)
                    // offers other choices than the compiled-in ones.
                    Step::Profile if !profile_ready() => {
                        view! { <ContentPending /> }.into_any()
                    }
                    Step::Profile => {
                        other_profile_choices.track();
                        screen(Step::Profile)
                    }
                    // Read only off the welcome screen, so the content arriving never rebuilds it.
                    _ if !content.ready() => view! { <ContentPending /> }.into_any(),
                    step => {
                        content.track_language();
                        screen(step)
                    }
                }}
            </main>
        </div>
    }
}
