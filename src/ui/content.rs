//! The checklist content's one home in the browser: `ContentCtx` loads the profile's code first
//! (`screens::preload_first_question`: the first question needs no checklist file), then, once
//! the first screen is up, the checklist content together with the question pages' code
//! (`screens::preload_question_pages`) and the checklist's reader; `<ContentPending>` stands in
//! for a screen until what it needs is there. In the release build the screens and the
//! checklist's reader (`install_checklist`) are wasm chunks, so the first screen carries none.
//!
//! The content is the host's `data-checklist-url` if it is given, fetches and passes
//! `checklist::validate`; otherwise the shipped content in the user's language
//! (`checklist::language_file`) beside the widget's other files (`data-assets`), and the other
//! language's copy when the user switches (`switch_language`). A failed load is told on the
//! screen that needs it, with a retry; it is tried again by itself when the browser comes back
//! online.
//! Nothing the user entered depends on it: the draft is read and autosaved without it.

use super::ctx::{LangCtx, NavCtx};
use super::warn;
use crate::api;
use crate::config::Config;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use sxsh_core::checklist::{self, Checklist};
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Lang, Text};

/// Where the content is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentState {
    Loading,
    Ready,
    Failed,
}

/// The content's state, shared by `<App>` and the screens it gates.
#[derive(Clone, Copy)]
pub struct ContentCtx {
    pub state: RwSignal<ContentState>,
    /// The profile step's code (the first question), loaded on its own, first.
    pub profile: RwSignal<ContentState>,
    /// The folder of the widget's files, where the shipped content files are.
    assets: StoredValue<String>,
    /// The language the user reads: the shipped content comes in it alone.
    lang: RwSignal<Lang>,
    /// Counts switches between one-language copies of the content: screens that show content
    /// are built again then (tracked through `revision`).
    revision: RwSignal<u32>,
    /// Whether this browser kept work when the page opened (`storage::holds_saved_work`).
    kept_at_start: bool,
    host_url: StoredValue<Option<String>>,
}

impl ContentCtx {
    /// The content context provided by `<App>`.
    pub fn expect() -> ContentCtx {
        expect_context::<ContentCtx>()
    }

    /// Starts loading the profile's code, then the content unless it is already there
    /// (installed by a test, in the build without chunks). The profile's code comes first, alone
    /// on the network, so the first question is there as soon as possible on a slow line.
    pub fn start(config: &Config, lang: RwSignal<Lang>, kept_at_start: bool) -> ContentCtx {
        let split = cfg!(feature = "split");
        let ready = checklist::loaded().is_some() && !split;
        let at_start = |loaded| if loaded { ContentState::Ready } else { ContentState::Loading };
        let ctx = ContentCtx {
            state: RwSignal::new(at_start(ready)),
            profile: RwSignal::new(at_start(!split)),
            kept_at_start,
            assets: StoredValue::new(config.assets.clone()),
            lang,
            revision: RwSignal::new(0),
            host_url: StoredValue::new(config.checklist_url.clone()),
        };
        leptos::task::spawn_local(async move {
            if split {
                ctx.profile_code().await;
            }
            if !ready {
                ctx.load();
            }
        });
        let online = window_event_listener(leptos::ev::online, move |_| ctx.retry());
        on_cleanup(move || online.remove());
        ctx
    }

    /// Whether the content is loaded (tracked).
    pub fn ready(self) -> bool {
        self.state.get() == ContentState::Ready
    }

    /// Tracks the content's language: a screen that reads it calls this to be built again when
    /// the user switches language and that language's content is in.
    pub fn track_language(self) {
        self.revision.track();
    }

    /// After the user switched to `lang`: with the shipped content (one language a copy), the
    /// screens that show it are built again in `lang`, once its copy is in. Loading it is a load
    /// like the first (the screens wait, a failure is told with a retry); a copy already here
    /// needs only the rebuild. With bilingual content (a host's) the screens follow by themselves.
    pub fn switch_language(self, lang: Lang) {
        if checklist::loaded().is_none_or(|list| list.language.is_none()) {
            return;
        }
        if checklist::lacks(lang) {
            self.load();
        } else {
            self.revision.update(|r| *r += 1);
        }
    }

    /// Whether loading the content or the profile's code failed (tracked).
    pub fn failed(self) -> bool {
        self.state.get() == ContentState::Failed || self.profile.get() == ContentState::Failed
    }

    /// Loads again whatever failed.
    pub fn retry(self) {
        if self.profile.get_untracked() == ContentState::Failed {
            leptos::task::spawn_local(self.profile_code());
        }
        if self.state.get_untracked() == ContentState::Failed {
            self.load();
        }
    }

    /// Loads (again) the profile step's code: the first question needs nothing else.
    async fn profile_code(self) {
        self.profile.set(ContentState::Loading);
        match super::screens::preload_first_question().await {
            Ok(()) => self.profile.set(ContentState::Ready),
            Err(_) => {
                warn("SXSH widget: the profile's code could not be loaded");
                self.profile.set(ContentState::Failed);
            }
        }
    }

    /// Loads (again), at the same time: the checklist (the host's if it is usable, else the
    /// shipped one, unless one is installed), the question pages' code, the checklist's reader
    /// and the saved work's code.
    pub fn load(self) {
        self.state.set(ContentState::Loading);
        let host_url = self.host_url.get_value();
        let (assets, lang) = (self.assets.get_value(), self.lang);
        leptos::task::spawn_local(async move {
            // The chunks download beside the content, not after it. The reader's own failure is
            // told by `load_checklist`, which calls it (a failed load is tried again there).
            let kept = self.kept_at_start;
            let (content, code, _, keeping) = futures::join!(
                load_checklist(host_url, assets, lang),
                super::screens::preload_question_pages(),
                preload_reader(),
                async move {
                    // What this browser kept is read before any screen that edits; a
                    // first-time visitor's questions need none of it.
                    if kept { super::keeping::open().await.map(|_| ()) } else { Ok(()) }
                }
            );
            let code = code.map_err(|_| "the question pages' code could not be loaded".to_owned());
            let keeping =
                keeping.map_err(|_| "the saved work's code could not be loaded".to_owned());
            match content.and(code).and(keeping) {
                Ok(()) => self.state.set(ContentState::Ready),
                Err(why) => {
                    warn(&format!("SXSH widget: the checklist could not be loaded ({why})"));
                    self.state.set(ContentState::Failed);
                }
            }
        });
    }
}

/// Installs the host's checklist if it is usable, else the shipped one in the user's language
/// (from the folder `assets`), unless one is installed; then, if the user reads the other
/// language by now and the checklist in use lacks it, that language's copy.
async fn load_checklist(
    host_url: Option<String>,
    assets: String,
    lang: RwSignal<Lang>,
) -> Result<(), String> {
    let shipped = |lang| format!("{assets}{}", checklist::language_file(lang));
    if checklist::loaded().is_none() {
        let mut host_usable = false;
        if let Some(url) = host_url {
            match install_from(&url, ContentSource::Host).await {
                Ok(()) => host_usable = true,
                Err(why) => warn(&format!(
                    "SXSH widget: data-checklist-url not usable ({why}); using the built-in checklist"
                )),
            }
        }
        if !host_usable {
            install_from(&shipped(lang.get_untracked()), ContentSource::Shipped).await?;
        }
    }
    // The user may have switched language while the first copy came.
    let now = lang.get_untracked();
    checklist::prefer(now);
    if checklist::lacks(now) {
        install_from(&shipped(now), ContentSource::Shipped).await?;
    }
    Ok(())
}

/// Whose checklist a URL holds.
#[derive(Clone, Copy)]
enum ContentSource {
    /// The host's `data-checklist-url`: checked against every content rule before use.
    Host,
    /// The shipped file, checked when it was built (`sxsh_content`).
    Shipped,
}

/// Why a checklist could not be used: said in the console, in English, for the host's staff.
struct Unusable(String);

impl From<SplitLoaderError> for Unusable {
    fn from(_: SplitLoaderError) -> Unusable {
        Unusable("the checklist reader could not be loaded".to_owned())
    }
}

/// Fetches a checklist, reads it and makes it the one in use.
async fn install_from(url: &str, source: ContentSource) -> Result<(), String> {
    let bytes = api::fetch_bytes(url).await.map_err(|e| e.0)?;
    read_checklist(String::from_utf8_lossy(&bytes).into_owned(), source)
        .await
        .map_err(|Unusable(why)| why)
}

/// Parses a checklist and makes it the one in use: a host's through `checklist::install`, which
/// checks it against every content rule; the shipped one as it is (it was checked when it was
/// built). In the release page build (feature `split`) this is a wasm chunk of its own, so the
/// first screen does not carry the checklist's parser and rules.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        sxsh_checklist,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_reader)
    )
)]
fn install_checklist(text: String, source: ContentSource) -> Result<(), Unusable> {
    let list = Checklist::from_json(&text).map_err(|e| Unusable(e.to_string()))?;
    match source {
        ContentSource::Shipped => {
            checklist::install_validated(list);
            Ok(())
        }
        ContentSource::Host => checklist::install(list).map_err(|problems| {
            let first = problems.first().map(ToString::to_string).unwrap_or_default();
            Unusable(format!("{} problems (first: {first})", problems.len()))
        }),
    }
}

/// Reads and installs a checklist; with `split` the call loads the reader's chunk if it is not
/// yet there.
#[cfg(feature = "split")]
use self::install_checklist as read_checklist;

/// Reads and installs a checklist (without `split` the reader is in the one module).
#[cfg(not(feature = "split"))]
async fn read_checklist(text: String, source: ContentSource) -> Result<(), Unusable> {
    install_checklist(text, source)
}

/// Loads the reader's chunk (without `split` there is none to load).
#[cfg(not(feature = "split"))]
async fn preload_reader() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// What a screen that needs the content shows until it is loaded: a status line while it loads;
/// the reason, a retry and the way back when it failed.
#[component]
pub fn ContentPending() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let content = ContentCtx::expect();
    let failed = move || content.failed();
    view! {
        <section class="cp-panel cp-content-pending" data-testid="content-pending">
            <p role="status" aria-live="polite">
                {move || (!failed()).then(|| ctx.text(Text::ContentLoading))}
            </p>
            <Show when=failed>
                <div role="alert" data-testid="content-failed">
                    <p>{move || ctx.text(Text::ContentFailed)}</p>
                    <div class="cp-nav">
                        <button type="button" class="cp-button cp-button--primary" data-testid="content-retry" on:click=move |_| content.retry()>
                            {move || ctx.text(Text::ContentRetry)}
                        </button>
                        <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Welcome)>
                            {move || ctx.text(Text::ContentBack)}
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
