//! Every screen after the welcome screen, in three groups, each behind one function: in the
//! release page build (feature `split`) each is a split point, so its screens' code is a wasm
//! chunk of its own, loaded when it is first needed or preloaded before:
//! - `profile_screen`: the company profile, the first question. The entry fetches its chunks with
//!   the page and `ui::content` loads them first, so it is there when the user presses start; it
//!   needs no checklist file (`checklist::profile_choices`).
//! - `question_screen`: the question pages, preloaded with the checklist content
//!   (`ui::content`).
//! - `closing_screen`: review, results, the learn page and the request for an assessment,
//!   preloaded on the last question page (`ctx::PrepareClosing`), or loaded when first shown.
//!
//! - `plan_screen`: the action plan, progress year on year and the progress update with its
//!   check page (issue 24), loaded when first shown: never with the first load.
//!
//! `load_screen` picks the group of a step.

use super::learn_page::LearnPage;
use super::notes::WithNotes;
use super::plan::progress::ProgressScreen;
use super::plan::screen::PlanScreen;
use super::plan::update::{UpdateCheck, UpdateFormScreen};
use super::profile_form::ProfileForm;
use super::request::check::RequestCheck;
use super::request::form::RequestForm;
use super::results::Results;
use super::review::Review;
use super::section_view::SectionView;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use sxsh_core::flow::Step;

/// The profile screen.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        sxsh_profile,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_profile)
    )
)]
fn profile_screen() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ProfileForm /> }.into_any())
}

/// A question page (an area's, or the sector module's).
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        sxsh_questions,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_questions)
    )
)]
fn question_screen(step: Step) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <SectionView step=step /> }.into_any())
}

/// A screen after the questions: review, results, learn, and the request and its check.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        sxsh_closing,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_closing)
    )
)]
fn closing_screen(step: Step) -> Result<AnyView, SplitLoaderError> {
    Ok(match step {
        Step::Review => view! { <Review /> }.into_any(),
        // The two that show the notes are built again when they come.
        Step::Results => view! { <WithNotes><Results /></WithNotes> }.into_any(),
        Step::Learn => view! { <WithNotes><LearnPage /></WithNotes> }.into_any(),
        Step::Request => view! { <RequestForm /> }.into_any(),
        Step::RequestCheck => view! { <RequestCheck /> }.into_any(),
        // The welcome screen is `App`'s own, and the others are the groups above and below.
        Step::Welcome | Step::Profile | Step::Area(_) | Step::Sector => ().into_any(),
        Step::Plan | Step::Progress | Step::ProgressUpdate | Step::ProgressCheck => ().into_any(),
    })
}

/// The action plan, progress year on year, and the progress update and its check.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(sxsh_plan, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn plan_screen(step: Step) -> Result<AnyView, SplitLoaderError> {
    Ok(match step {
        Step::Plan => view! { <PlanScreen /> }.into_any(),
        Step::Progress => view! { <ProgressScreen /> }.into_any(),
        Step::ProgressUpdate => view! { <UpdateFormScreen /> }.into_any(),
        Step::ProgressCheck => view! { <UpdateCheck /> }.into_any(),
        _ => ().into_any(),
    })
}

/// A split point's call: awaited with `split` (the call loads the chunk), plain without.
macro_rules! call {
    ($screen:expr) => {{
        #[cfg(feature = "split")]
        let screen = $screen.await;
        #[cfg(not(feature = "split"))]
        let screen = $screen;
        screen
    }};
}

/// The screen of a step; with `split` the call loads its group's chunk if it is not yet there.
pub(super) async fn load_screen(step: Step) -> Result<AnyView, SplitLoaderError> {
    match step {
        Step::Welcome => Ok(().into_any()),
        Step::Profile => call!(profile_screen()),
        Step::Area(_) | Step::Sector => call!(question_screen(step)),
        Step::Plan | Step::Progress | Step::ProgressUpdate | Step::ProgressCheck => {
            call!(plan_screen(step))
        }
        _ => call!(closing_screen(step)),
    }
}

/// Loads the chunks of the question pages (without `split` there are none to load).
pub(super) async fn preload_question_pages() -> Result<(), SplitLoaderError> {
    #[cfg(feature = "split")]
    preload_questions().await?;
    Ok(())
}

/// Loads the profile's chunk (without `split` there is none to load).
pub(super) async fn preload_first_question() -> Result<(), SplitLoaderError> {
    #[cfg(feature = "split")]
    preload_profile().await?;
    Ok(())
}

/// Loads the closing screens' chunk (without `split` there is none to load).
pub(super) async fn preload_closing_screens() -> Result<(), SplitLoaderError> {
    #[cfg(feature = "split")]
    preload_closing().await?;
    Ok(())
}
