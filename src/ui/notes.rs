//! The notes' one home in the browser: the sources, learn pages and estimate notes that only the
//! closing screens show come in a file of their own (`checklist::notes_file`), fetched on the
//! last question page (`prefetch`) and again by any closing screen that lacks them (`ensure`).
//! Until they are put back the results show every figure and say the notes are missing
//! (`<NotesStatus>`, with a retry); the learn page waits for them. `<WithNotes>` builds a
//! closing screen again once they come. A host's checklist (whole) never waits. The code is in
//! the question pages' and closing screens' chunks, not in the first screen's module.

use super::content::ContentCtx;
use super::ctx::{ConfigCtx, LangCtx, NavCtx};
use crate::api;
use leptos::prelude::*;
use std::cell::Cell;
use sxsh_core::checklist::{self, Notes};
use sxsh_core::i18n::{Lang, Text};

/// Where the notes of the language read now are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotesState {
    /// Not asked for, or on their way.
    Loading,
    Ready,
    Failed,
}

thread_local! {
    /// The notes' state (one for the widget), made on first use.
    static STATE: Cell<Option<RwSignal<NotesState>>> = const { Cell::new(None) };
    /// Whether a load is on its way.
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// What builds the screen again when the notes come (`<App>`'s screen, through the content
    /// context), kept by the first screen that asks for them.
    static REBUILD: Cell<Option<(ContentCtx, NavCtx)>> = const { Cell::new(None) };
}

/// The notes' state, tracked where it is read.
pub fn state() -> RwSignal<NotesState> {
    STATE.with(|cell| {
        cell.get().unwrap_or_else(|| {
            let signal = RwSignal::new(NotesState::Loading);
            cell.set(Some(signal));
            signal
        })
    })
}

/// Whether `lang`'s notes are in (a whole checklist has them).
pub fn ready(lang: Lang) -> bool {
    !checklist::lacks_notes(lang)
}

/// Starts loading `lang`'s notes from the folder `assets` unless they are in or on their way.
pub fn load(assets: String, lang: Lang) {
    let state = state();
    if ready(lang) {
        state.set(NotesState::Ready);
        return;
    }
    if BUSY.with(|b| b.replace(true)) {
        return;
    }
    state.set(NotesState::Loading);
    leptos::task::spawn_local(async move {
        let url = format!("{assets}{}", checklist::notes_file(lang));
        let put = match api::fetch_bytes(&url).await {
            Ok(bytes) => Notes::from_json(&String::from_utf8_lossy(&bytes))
                .map(|notes| checklist::install_notes(&notes) || ready(lang))
                .unwrap_or(false),
            Err(_) => false,
        };
        BUSY.with(|b| b.set(false));
        if !put {
            super::warn(&format!("SXSH widget: the notes could not be loaded ({url})"));
        }
        state.set(if put { NotesState::Ready } else { NotesState::Failed });
        if put && let Some((content, nav)) = REBUILD.with(Cell::get) {
            // The results are rebuilt where the user reads them: focus stays. The learn page,
            // which showed only a status line, puts it on its heading again.
            if nav.step.get_untracked() != sxsh_core::flow::Step::Learn {
                nav.has_moved.set(false);
            }
            content.rebuild();
        }
    });
}

/// On the last question page: the notes come meanwhile.
pub fn prefetch() {
    keep_rebuild();
    load(ConfigCtx::expect().0.assets.clone(), LangCtx::expect().0.get_untracked());
}

/// For a closing screen as it is built: loads the notes of the language read now if they are
/// missing.
pub fn ensure() {
    keep_rebuild();
    load(ConfigCtx::expect().0.assets.clone(), LangCtx::expect().0.get_untracked());
}

/// Keeps what builds the screen again once the notes come (from a component's context).
fn keep_rebuild() {
    REBUILD.with(|r| r.set(Some((ContentCtx::expect(), NavCtx::expect()))));
}

/// A closing screen that shows notes: it asks for them; `<App>` builds it again when they come.
#[component]
pub fn WithNotes(children: Children) -> impl IntoView {
    ensure();
    children()
}

/// On the results: that the notes are still on their way, or could not be loaded, with a retry.
#[component]
pub fn NotesStatus() -> impl IntoView {
    let ctx = LangCtx::expect();
    let assets = StoredValue::new(ConfigCtx::expect().0.assets.clone());
    let retry = move |_| load(assets.get_value(), ctx.0.get_untracked());
    let state = state();
    move || {
        match state.get() {
        _ if ready(ctx.0.get()) => None,
        NotesState::Failed => Some(
            view! {
                <div class="cp-notice" role="alert" data-testid="notes-failed">
                    <p>{ctx.text(Text::NotesFailed)}</p>
                    <button type="button" class="cp-button" data-testid="notes-retry" on:click=retry>
                        {ctx.text(Text::ContentRetry)}
                    </button>
                </div>
            }
            .into_any(),
        ),
        _ => Some(
            view! { <p class="cp-notice" role="status" data-testid="notes-loading">{ctx.text(Text::NotesLoading)}</p> }
                .into_any(),
        ),
    }
    }
}
