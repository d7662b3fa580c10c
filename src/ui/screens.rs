//! Every screen after the welcome screen, behind one function (`screen`): in the release page
//! build (feature `split`) it is a split point, so those screens' code is a wasm chunk of its
//! own that `preload_screens` loads, with the checklist content (`ui::content`).

use super::learn_page::LearnPage;
use super::profile_form::ProfileForm;
use super::request::check::RequestCheck;
use super::request::form::RequestForm;
use super::results::Results;
use super::review::Review;
use super::section_view::SectionView;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use sxsh_core::flow::Step;

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
pub(super) use self::screen as load_screen;

/// A screen (without `split` everything is in one module, so this is immediate).
#[cfg(not(feature = "split"))]
pub(super) async fn load_screen(step: Step) -> Result<AnyView, SplitLoaderError> {
    screen(step)
}

/// Loads the screens' chunk (without `split` there is none to load).
#[cfg(not(feature = "split"))]
pub(super) async fn preload_screens() -> Result<(), SplitLoaderError> {
    Ok(())
}
