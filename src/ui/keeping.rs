//! What this browser keeps, behind one door: reading the autosaved draft back, the requests'
//! outbox and its delivery, the assessment file (written with its results, and read back) and
//! the requests' status panel. A first-time visitor's welcome screen needs none of it, and it
//! carries most of the widget's JSON reading, so in the release page build (feature `split`) it
//! is a wasm chunk of its own (`sxsh_keeping`), reached only through `Keeper`'s function
//! pointers. It is opened before the first screen when the browser keeps saved work
//! (`open_saved_work`), else beside the checklist content (`ui::content`), whose gate every later
//! screen waits for; a button that needs it on the welcome screen opens it when pressed.

use super::delivery::DeliveryCtx;
use super::request_form::RequestStatus;
use crate::assessment::Draft;
use crate::checklist;
use crate::export::{self, AssessmentFile, ImportError};
use crate::storage::{self, StorageProblem};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// The chunk's door: what the rest of the widget may call in it.
pub struct Keeper {
    /// The autosaved draft, if there is one (an unreadable one is kept aside and reported).
    pub saved_draft: fn() -> Result<Option<Draft>, StorageProblem>,
    /// Reads the outbox and the sent requests and starts delivering (`DeliveryCtx::start`).
    pub start_delivery: fn(DeliveryCtx),
    /// The assessment file to download, with its results when the checklist is loaded.
    pub file_json: fn(&Draft, &str) -> String,
    /// Reads an assessment file the user chose.
    pub import: fn(&str) -> Result<AssessmentFile, ImportError>,
    /// The requests' status panel.
    pub request_status: fn() -> AnyView,
}

static KEEPER: Keeper = Keeper {
    saved_draft: storage::load_draft,
    start_delivery: DeliveryCtx::start,
    file_json: |draft, saved_at| export::to_json(draft, saved_at, checklist::loaded()),
    import: export::import,
    request_status: || view! { <RequestStatus /> }.into_any(),
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

/// The door if the chunk is loaded: after `open`, behind the content gate, and always in a build
/// without `split` (one module).
pub fn loaded() -> Option<&'static Keeper> {
    #[cfg(feature = "split")]
    {
        OPENED.get().copied()
    }
    #[cfg(not(feature = "split"))]
    keeper().ok()
}

/// Before the first screen: when this browser keeps saved work, loads the chunk that reads it,
/// so that the welcome screen offers it at once instead of changing under the user. If the chunk
/// cannot be loaded the screen shows without it, and the content gate tries again.
pub async fn open_saved_work() {
    if storage::holds_saved_work() && open().await.is_err() {
        web_sys::console::warn_1(
            &"SXSH widget: the saved work could not be opened yet; trying again with the checklist"
                .into(),
        );
    }
}
