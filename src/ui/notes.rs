//! The notes' one home in the browser: the sources, learn pages and estimate notes that only the
//! closing screens show come in a file of their own (`checklist::notes_file`), fetched on the
//! last question page (`prefetch`, bytes only) and read, or fetched, by any closing screen that
//! lacks them (`ensure`).
//! Until they are put back the results show every figure and say the notes are missing
//! (`<NotesStatus>`, with a retry); the learn page waits for them. `<WithNotes>` builds a
//! closing screen again once they come. A host's checklist (whole) never waits. The code is in
//! the question pages' and closing screens' chunks, not in the first screen's module.

use super::ctx::{ConfigCtx, LangCtx};
use crate::api;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use sxsh_core::checklist::{self, Notes};
use sxsh_core::i18n::{Lang, LateText, Text};

/// Where the notes of the language read now are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotesState {
    /// Not asked for, or on their way.
    Loading,
    Ready,
    Failed,
}

thread_local! {
    /// The notes' state (one for the widget). Reference-counted, not owned by the reactive
    /// owner of the screen that first asks for it: the last question page (`prefetch`) is
    /// disposed when the user moves on, and an owned signal would go with it.
    static STATE: ArcRwSignal<NotesState> = ArcRwSignal::new(NotesState::Loading);
    /// Whether a load is on its way.
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// Counts the times notes were put in: `<WithNotes>` builds its screen again then.
    static REVISION: ArcRwSignal<u32> = ArcRwSignal::new(0);
    /// The notes file fetched on the last question page (`prefetch`).
    static EARLY: RefCell<Option<Early>> = const { RefCell::new(None) };
    /// What a closing screen's `load` left to do when the early fetch ends.
    static AFTER: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
}

/// The early fetch of a notes file, by its URL: on its way, or its bytes. Only bytes: reading
/// them is `load`'s work, in the closing screens' chunk, so the question pages' chunk carries no
/// reader of the notes and shares no code with the closing screens.
enum Early {
    Coming(String),
    Came(String, Vec<u8>),
}

/// The notes' state, tracked where it is read.
pub fn state() -> ArcRwSignal<NotesState> {
    STATE.with(ArcRwSignal::clone)
}

/// Whether `lang`'s notes are in (a whole checklist has them).
pub fn ready(lang: Lang) -> bool {
    !checklist::lacks_notes(lang)
}

/// Starts loading `lang`'s notes from the folder `assets` unless they are in or on their way;
/// takes the early fetch's bytes if they are these, or waits for it if it is on its way. The
/// screen shown is built again when they are put in.
pub fn load(assets: String, lang: Lang) {
    load_for(assets, lang, false);
}

/// `load`; `building`: called as a closing screen is built, which then needs no rebuild for
/// notes put in at once (the early fetch's bytes).
fn load_for(assets: String, lang: Lang, building: bool) {
    let state = state();
    if ready(lang) {
        state.set(NotesState::Ready);
        return;
    }
    if BUSY.with(Cell::get) {
        return;
    }
    state.set(NotesState::Loading);
    let url = format!("{assets}{}", checklist::notes_file(lang));
    match EARLY.with_borrow_mut(Option::take) {
        // Here already: read now, so the screen being built shows them.
        Some(Early::Came(from, bytes)) if from == url && put(&bytes, lang) => {
            state.set(NotesState::Ready);
            if !building {
                rebuild();
            }
            return;
        }
        Some(Early::Coming(from)) if from == url => {
            EARLY.with_borrow_mut(|early| *early = Some(Early::Coming(from)));
            AFTER.with_borrow_mut(|after| *after = Some(Box::new(move || load(assets, lang))));
            return;
        }
        // Another language's, or unreadable: fetched (again).
        _ => {}
    }
    BUSY.with(|b| b.set(true));
    leptos::task::spawn_local(async move {
        let done = match api::fetch_bytes(&url).await {
            Ok(bytes) => put(&bytes, lang),
            Err(_) => false,
        };
        BUSY.with(|b| b.set(false));
        if !done {
            super::warn(&format!("SXSH widget: the notes could not be loaded ({url})"));
        }
        state.set(if done { NotesState::Ready } else { NotesState::Failed });
        if done {
            rebuild();
        }
    });
}

/// Reads a notes file and puts its notes in; says whether `lang`'s are in now.
fn put(bytes: &[u8], lang: Lang) -> bool {
    Notes::from_json(&String::from_utf8_lossy(bytes))
        .map(|notes| checklist::install_notes(&notes) || ready(lang))
        .unwrap_or(false)
}

/// Builds the screen shown again, now with the notes. Its elements are new, so focus cannot
/// stay on one of them: where the user last moved between steps (`NavCtx::has_moved`), the
/// rebuilt screen's heading takes it, as when the screen opened; after a switch of language it
/// stays on the switch, which is not rebuilt.
fn rebuild() {
    REVISION.with(|r| r.update(|n| *n += 1));
}

/// On the last question page: the notes file of the language read now is fetched meanwhile,
/// unless the checklist in use has its notes (a host's) or they are on their way. Its bytes
/// wait for the closing screens' `load`; a failed fetch leaves nothing, and `load` fetches again.
pub fn prefetch() {
    let lacks = checklist::loaded().is_some_and(|list| list.notes_apart);
    if !lacks || BUSY.with(Cell::get) || EARLY.with_borrow(Option::is_some) {
        return;
    }
    let lang = LangCtx::expect().0.get_untracked();
    let url = format!("{}{}", ConfigCtx::expect().0.assets, checklist::notes_file(lang));
    EARLY.with_borrow_mut(|early| *early = Some(Early::Coming(url.clone())));
    leptos::task::spawn_local(async move {
        let came = api::fetch_bytes(&url).await.ok();
        EARLY.with_borrow_mut(|early| *early = came.map(|bytes| Early::Came(url, bytes)));
        if let Some(after) = AFTER.with_borrow_mut(Option::take) {
            after();
        }
    });
}

/// For a closing screen as it is built: loads the notes of the language read now if they are
/// missing.
pub fn ensure() {
    load_for(ConfigCtx::expect().0.assets.clone(), LangCtx::expect().0.get_untracked(), true);
}

/// A closing screen that shows notes: it asks for them, and is built again when they come (the
/// signal is not owned by the screen, which a rebuild disposes).
#[component]
pub fn WithNotes(children: ChildrenFn) -> impl IntoView {
    ensure();
    let revision = REVISION.with(ArcRwSignal::clone);
    move || {
        revision.track();
        children()
    }
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
                    <p>{ctx.0.get().late(LateText::NotesFailed)}</p>
                    <button type="button" class="cp-button" data-testid="notes-retry" on:click=retry>
                        {ctx.text(Text::ContentRetry)}
                    </button>
                </div>
            }
            .into_any(),
        ),
        _ => Some(
            view! { <p class="cp-notice" role="status" data-testid="notes-loading">{ctx.0.get().late(LateText::NotesLoading)}</p> }
                .into_any(),
        ),
    }
    }
}
