//! `<App>`: provides the shared state (`ctx`), owns the draft, the language and the current step;
//! autosaves; chooses the screen (the welcome screen here, every other one from `screens`).
//! The welcome screen shows at once; every other screen waits for the checklist content
//! (`content`), which loads meanwhile.

use super::content::{ContentCtx, ContentPending, ContentState};
use super::ctx::{ConfigCtx, DraftCtx, LangCtx, NavCtx, NoticeCtx, RequestFormCtx};
use super::delivery::DeliveryCtx;
use super::keeping::{self, Keeper, KeptCtx};
use super::screens::load_screen;
use super::step_indicator::StepIndicator;
use super::storage_notice::StorageNotice;
use super::welcome::Welcome;
use super::{language_switch::LanguageSwitch, now_iso};
use crate::config::Config;
use crate::storage::{self, StorageProblem};
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist;
use sxsh_core::flow::Step;

/// The widget's root component.
#[component]
pub fn App(
    /// The host page's configuration; the language is the start language when the user has not
    /// chosen one on this browser.
    #[prop(optional)]
    config: Config,
) -> impl IntoView {
    let lang = RwSignal::new(storage::load_lang().unwrap_or(config.lang));
    let content = ContentCtx::start(&config);
    let config = ConfigCtx(std::sync::Arc::new(config));
    provide_context(config.clone());
    let draft = RwSignal::new(Draft::fresh(checklist::loaded()));
    // A browser that refuses storage is told at once; the saved work's own problems come with it.
    let notice = RwSignal::new(storage::check().err());
    let has_saved_work = RwSignal::new(false);
    let delivery = DeliveryCtx::new(config.0.endpoint.clone());
    // What this browser keeps is read once, under this owner: now if its chunk is loaded (it is
    // opened before mounting when there is saved work), else as soon as it loads. Until then
    // nothing is written over it: the content gate (every screen that edits) and "open from a
    // file" wait for the chunk and read it first.
    let kept_read = RwSignal::new(false);
    let owner = Owner::current();
    let read_kept = move |keeper: &'static Keeper| {
        if kept_read.get_untracked() {
            return;
        }
        kept_read.set(true);
        let read = move || {
            untrack(|| {
                match (keeper.saved_draft)() {
                    Ok(Some(saved)) => {
                        has_saved_work.set(!saved.is_blank());
                        draft.set(saved);
                    }
                    Ok(None) => {}
                    Err(problem) => notice.set(Some(problem)),
                }
                (keeper.start_delivery)(delivery);
            })
        };
        match &owner {
            Some(owner) => owner.with(read),
            None => read(),
        }
    };
    let kept = KeptCtx { read: kept_read, read_with: Callback::new(read_kept) };
    match keeping::loaded() {
        Some(keeper) => kept.read_with(keeper),
        None => leptos::task::spawn_local(async move {
            if let Ok(keeper) = keeping::open().await {
                kept.read_with(keeper);
            }
        }),
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

    // Once the gate is open: what this browser keeps has been read (the gate waits for its
    // chunk), and a draft begun before the checklist was loaded gets its version.
    Effect::new(move |_| {
        if content.ready() {
            kept.read_with(keeping::loaded().expect("the content gate opens the keeping chunk"));
            draft.maybe_update(|d| d.stamp_version(checklist::active()));
        }
    });

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
            {move || content.ready().then(|| view! { <StepIndicator /> })}
            <main class="cp-app__main">
                {move || match nav.step.get() {
                    Step::Welcome => view! { <Welcome has_saved_work=has_saved_work /> }.into_any(),
                    // Read only off the welcome screen, so the content arriving never rebuilds it.
                    _ if !content.ready() => view! { <ContentPending /> }.into_any(),
                    step => view! {
                        <Suspense fallback=|| ()>
                            {Suspend::new(async move {
                                // The gate loaded the screens' chunk; should it still fail, the
                                // gate shows why, with its retry.
                                load_screen(step).await.unwrap_or_else(|_| {
                                    content.state.set(ContentState::Failed);
                                    ().into_any()
                                })
                            })}
                        </Suspense>
                    }
                    .into_any(),
                }}
            </main>
        </div>
    }
}
