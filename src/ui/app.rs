//! `<App>`: owns the draft, the language and the current step; autosaves; chooses the screen.
//! The welcome screen shows at once; every other screen waits for the checklist content
//! (`content`), which loads meanwhile.

use super::content::{ContentCtx, ContentPending, ContentState};
use super::delivery::DeliveryCtx;
use super::keeping::{self, Keeper};
use super::learn_page::LearnPage;
use super::profile_form::ProfileForm;
use super::request_form::{RequestCheck, RequestForm, RequestFormCtx};
use super::results::Results;
use super::review::Review;
use super::section_view::SectionView;
use super::step_indicator::StepIndicator;
use super::welcome::Welcome;
use super::{language_switch::LanguageSwitch, now_iso};
use crate::config::Config;
use crate::storage::{self, StorageProblem};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist;
use sxsh_core::flow::{self, Step};
use sxsh_core::i18n::{Lang, Text};

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
            self.go(flow::next(checklist::active(), draft, step));
        }
    }
}

/// What this browser keeps (`ui::keeping`): whether `<App>` has read it (the saved draft, and
/// delivery started), and the reading, which happens once whoever asks first.
#[derive(Clone, Copy)]
pub struct KeptCtx {
    /// Whether it has been read (tracked).
    pub read: RwSignal<bool>,
    read_with: Callback<&'static Keeper>,
}

impl KeptCtx {
    /// The context provided by `<App>`.
    pub fn expect() -> KeptCtx {
        expect_context::<KeptCtx>()
    }

    /// Reads it with the loaded chunk, unless it has been read.
    pub fn read_with(self, keeper: &'static Keeper) {
        self.read_with.run(keeper);
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

/// Every screen after the welcome screen. In the release page build (feature `split`) this
/// function, and all the code only it reaches, is a separate wasm chunk (`wasm-split-cli`, run by
/// `scripts/build-page.mjs`), so the first screen does not carry it; `preload_screens` loads the
/// chunk, and `ui::content` calls it with the checklist content.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        sxsh_screens,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_screens)
    )
)]
pub(super) fn screen(step: Step) -> Result<AnyView, SplitLoaderError> {
    Ok(match step {
        // The welcome screen is `App`'s own: it never waits for this chunk.
        Step::Welcome => ().into_any(),
        Step::Profile => view! { <ProfileForm /> }.into_any(),
        step @ (Step::Area(_) | Step::Sector) => view! { <SectionView step=step /> }.into_any(),
        Step::Review => view! { <Review /> }.into_any(),
        Step::Results => view! { <Results /> }.into_any(),
        Step::Learn => view! { <LearnPage /> }.into_any(),
        Step::Request => view! { <RequestForm /> }.into_any(),
        Step::RequestCheck => view! { <RequestCheck /> }.into_any(),
    })
}

/// A screen; with `split` the call loads the screens' chunk if it is not yet there.
#[cfg(feature = "split")]
use self::screen as load_screen;

/// A screen (without `split` everything is in one module, so this is immediate).
#[cfg(not(feature = "split"))]
async fn load_screen(step: Step) -> Result<AnyView, SplitLoaderError> {
    screen(step)
}

/// Loads the screens' chunk (without `split` there is none to load).
#[cfg(not(feature = "split"))]
pub(super) async fn preload_screens() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// The storage notice: shown when the draft cannot be saved or the saved one could not be read.
#[component]
fn StorageNotice() -> impl IntoView {
    let ctx = LangCtx::expect();
    let NoticeCtx(notice) = NoticeCtx::expect();
    view! {
        <div role="status" class="cp-notice-region">
            {move || {
                notice
                    .get()
                    .map(|problem| {
                        let text = match problem {
                            StorageProblem::Unavailable => Text::StorageUnavailable,
                            StorageProblem::Full => Text::StorageFull,
                            StorageProblem::Unreadable(_) => Text::StorageUnreadable,
                        };
                        view! {
                            <div class="cp-notice cp-notice--warning" data-testid="storage-notice">
                                <p>{ctx.text(text)}</p>
                                <super::draft_file::SaveToFile />
                            </div>
                        }
                    })
            }}
        </div>
    }
}
