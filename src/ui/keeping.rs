//! What this browser keeps, behind one door: reading the autosaved draft back, the requests'
//! outbox and its delivery, the assessment file (written with its results, and read back) and
//! the requests' status panel, and the action plan kept beside the draft (`plan::PlanCtx`). A first-time visitor's welcome screen needs none of it, and it
//! carries most of the widget's JSON reading, so in the release page build (feature `split`) it
//! is a wasm chunk of its own (`sxsh_keeping`), reached only through `Keeper`'s function
//! pointers. When the browser keeps saved work it is opened before the first screen
//! (`open_saved_work`, for at most a few seconds; else again when `<App>` starts and with the
//! content), and every screen that edits waits until `<App>` has read the saved work with it
//! (`KeptCtx`). A first-time visitor's questions do not need it: it comes with the closing
//! screens, which wait for it, and a button that needs it on the welcome screen opens it when
//! pressed.

use super::delivery::DeliveryCtx;
use super::plan::PlanCtx;
use super::request_status::RequestStatus;
use crate::storage::{self, StorageProblem};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist;
use sxsh_core::export::{self, ImportError};

/// Reads a file the user chose to open and, if `confirmed` (asked only of a readable file),
/// replaces the draft and the plan with it; whether it did.
pub type Restore = fn(&str, RwSignal<Draft>, &dyn Fn() -> bool) -> Result<bool, ImportError>;

/// The chunk's door: what the rest of the widget may call in it.
pub struct Keeper {
    /// The autosaved draft, if there is one (an unreadable one is kept aside and reported).
    pub saved_draft: fn() -> Result<Option<Draft>, StorageProblem>,
    /// Reads the outbox and the sent requests and starts delivering (`DeliveryCtx::start`).
    pub start_delivery: fn(DeliveryCtx),
    /// The assessment file to download, with the plan and its results when the checklist is
    /// loaded.
    pub file_json: fn(&Draft, &str) -> String,
    /// The requests' status panel.
    pub request_status: fn() -> AnyView,
    /// Reads the action plan kept beside the draft and provides it (`plan::PlanCtx::start`).
    pub start_plan: fn(RwSignal<Draft>),
    /// Reads a file the user chose to open and, if `confirmed` (asked only of a readable file),
    /// replaces the draft and the plan with it; whether it did. The file never reaches the page
    /// module, which so carries no code of its plan.
    pub restore: Restore,
}

static KEEPER: Keeper = Keeper {
    saved_draft: storage::load_draft,
    start_delivery: DeliveryCtx::start,
    file_json: |draft, saved_at| {
        let file = export::file(draft, saved_at, checklist::loaded());
        match PlanCtx::started() {
            Some(plan) => plan.kept.with_untracked(|k| file.with_plan(&k.plan, &k.history)),
            None => file,
        }
        .to_json()
    },
    restore: |text, draft, confirmed| {
        let file = export::import(text)?;
        if !confirmed() {
            return Ok(false);
        }
        if let Some(plan) = PlanCtx::started() {
            plan.take(&file);
        }
        draft.set(file.draft);
        Ok(true)
    },
    request_status: || view! { <RequestStatus /> }.into_any(),
    start_plan: |draft| PlanCtx::start(draft, export::import),
};

/// The door; with `split` the call loads the chunk if it is not yet there.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        sxsh_keeping,
        wasm_split_path = ::leptos::wasm_split,
        fallible
    )
)]
fn keeper() -> Result<&'static Keeper, SplitLoaderError> {
    Ok(&KEEPER)
}

/// The door once the chunk is loaded.
#[cfg(feature = "split")]
static OPENED: std::sync::OnceLock<&'static Keeper> = std::sync::OnceLock::new();

/// Loads the chunk (once) and returns its door.
pub async fn open() -> Result<&'static Keeper, SplitLoaderError> {
    #[cfg(feature = "split")]
    {
        let keeper = keeper().await?;
        Ok(*OPENED.get_or_init(|| keeper))
    }
    #[cfg(not(feature = "split"))]
    keeper()
}

/// The door if the chunk is loaded: after `open` (the closing screens wait for it), and always in
/// a build without `split` (one module).
pub fn loaded() -> Option<&'static Keeper> {
    #[cfg(feature = "split")]
    {
        OPENED.get().copied()
    }
    #[cfg(not(feature = "split"))]
    keeper().ok()
}

/// How long the first screen waits for the saved work's chunk: on a slow mobile network it comes
/// in about a second when it is not cached; a stalled download must not keep the screen blank.
const SAVED_WORK_WAIT_MS: i32 = 3_000;

/// Before the first screen: when this browser keeps saved work, loads the chunk that reads it,
/// so that the welcome screen offers it at once instead of changing under the user. If the chunk
/// fails, or takes longer than `SAVED_WORK_WAIT_MS`, the screen shows without it, and `<App>`
/// reads the saved work when the chunk comes (the content gate tries again if it failed).
pub async fn open_saved_work() {
    if !storage::holds_saved_work() {
        return;
    }
    // The load runs on as a task of its own: a chunk load is never dropped half-way. (Leptos'
    // task executor starts with the first mount, so this is wasm-bindgen's.)
    let (opened, outcome) = futures::channel::oneshot::channel();
    wasm_bindgen_futures::spawn_local(async move {
        _ = opened.send(open().await.is_ok());
    });
    let waited = std::pin::pin!(super::sleep(SAVED_WORK_WAIT_MS));
    let why = match futures::future::select(outcome, waited).await {
        futures::future::Either::Left((Ok(true), _)) => return,
        futures::future::Either::Left(_) => "could not be opened yet",
        futures::future::Either::Right(_) => "is slow to load",
    };
    super::warn(&format!(
        "SXSH widget: the saved work {why}; the first screen shows without it for now"
    ));
}

/// What this browser keeps (`ui::keeping`): whether `<App>` has read it (the saved draft, and
/// delivery started), and the reading, which happens once whoever asks first.
#[derive(Clone, Copy)]
pub struct KeptCtx {
    /// Whether it has been read (tracked).
    pub read: RwSignal<bool>,
    pub(super) read_with: Callback<&'static Keeper>,
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

    /// Opens the chunk and reads it (once); false if the chunk could not be loaded.
    pub async fn open_and_read(self) -> bool {
        match open().await {
            Ok(keeper) => {
                self.read_with(keeper);
                true
            }
            Err(_) => false,
        }
    }
}
