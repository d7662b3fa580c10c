//! `<SaveToFile>` and `<RestoreFromFile>`: the draft as a file, for another computer or a cleared
//! browser. Restoring never replaces the current draft without the user confirming.

use super::ctx::{DraftCtx, LangCtx, NavCtx};
use super::keeping::KeptCtx;
use super::{keeping, now_iso, warn};
use crate::download::{self, FileReadError};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::export::{self, ImportError};
use sxsh_core::flow::Step;
use sxsh_core::i18n::Text;

/// Downloads the draft (with its results) as a JSON assessment file.
#[component]
pub fn SaveToFile() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let unloaded = RwSignal::new(false);
    let save = move |_| {
        leptos::task::spawn_local(async move {
            // The file's writer is in the keeping chunk (loaded already, unless this is the
            // welcome screen's storage notice before the checklist came).
            let opened = keeping::open().await;
            unloaded.set(opened.is_err());
            let Ok(keeper) = opened else { return };
            let now = now_iso();
            let (json, name) = draft.with_untracked(|d| {
                ((keeper.file_json)(d, &now), export::file_name(&d.profile.company, &now, "json"))
            });
            if download::offer(json.as_bytes(), &name, "application/json").is_err() {
                warn("SXSH widget: the browser refused the download");
            }
        });
    };
    view! {
        <button type="button" class="cp-button" data-testid="save-file" on:click=save>
            {move || ctx.text(Text::StorageSaveFile)}
        </button>
        <span role="status">
            {move || unloaded.get().then(|| ctx.text(Text::StorageFileCodeFailed))}
        </span>
    }
}

/// Opens an assessment file and, after confirmation, replaces the draft with it.
#[component]
pub fn RestoreFromFile() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let nav = NavCtx::expect();
    let kept = KeptCtx::expect();
    let input = NodeRef::<html::Input>::new();
    let message = RwSignal::new(None::<(bool, Text)>);
    let on_change = move |_| {
        let Some(element) = input.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let outcome = match download::read_chosen_file(&element, export::MAX_BYTES as f64).await
            {
                Err(FileReadError::TooLarge) => Err(Text::StorageImportTooLarge),
                Err(FileReadError::Unreadable) => Err(Text::StorageImportReadFailed),
                Ok(text) => match keeping::open().await {
                    Err(_) => Err(Text::StorageFileCodeFailed),
                    Ok(keeper) => {
                        // A stored draft not read yet is read (and offered) before the question
                        // of replacing "the assessment in progress" is asked.
                        kept.read_with(keeper);
                        let ask = || super::confirm(ctx.text(Text::StorageRestoreConfirm));
                        (keeper.restore)(&text, draft, &ask).map_err(|err| match err {
                            ImportError::TooLarge => Text::StorageImportTooLarge,
                            ImportError::NotJson => Text::StorageImportNotJson,
                            ImportError::WrongKind => Text::StorageImportWrongKind,
                            ImportError::FutureVersion => Text::StorageImportFuture,
                            ImportError::Malformed => Text::StorageImportMalformed,
                        })
                    }
                },
            };
            // Let the same file be chosen again later.
            element.set_value("");
            match outcome {
                Err(text) => message.set(Some((false, text))),
                Ok(true) => {
                    message.set(Some((true, Text::StorageRestored)));
                    nav.go(Step::Review);
                }
                Ok(false) => {}
            }
        });
    };
    view! {
        <div class="cp-file">
            <label class="cp-button cp-file__label" for="cp-restore-file">{move || ctx.text(Text::StorageRestoreFile)}</label>
            <input
                type="file"
                id="cp-restore-file"
                class="cp-file__input"
                accept=".json,application/json"
                data-testid="restore-file"
                node_ref=input
                on:change=on_change
            />
            <div role="status">
                {move || {
                    message
                        .get()
                        .map(|(ok, text)| {
                            view! {
                                <p class="cp-notice" class=("cp-notice--warning", !ok) data-testid="restore-message">{ctx.text(text)}</p>
                            }
                        })
                }}
            </div>
        </div>
    }
}
