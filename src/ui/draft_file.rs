//! `<SaveToFile>` and `<RestoreFromFile>`: the draft as a file, for another computer or a cleared
//! browser. Restoring never replaces the current draft without the user confirming.

use super::{DraftCtx, LangCtx, NavCtx, now_iso};
use crate::checklist;
use crate::download::{self, ReadError};
use crate::export::{self, ImportError};
use crate::flow::Step;
use crate::i18n::Text;
use leptos::html;
use leptos::prelude::*;

/// Downloads the draft (with its results) as a JSON assessment file.
#[component]
pub fn SaveToFile() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let save = move |_| {
        let now = now_iso();
        let (json, name) = draft.with_untracked(|d| {
            (
                export::to_json(d, &now, checklist::loaded()),
                export::file_name(&d.profile.company, &now, "json"),
            )
        });
        if download::offer(json.as_bytes(), &name, "application/json").is_err() {
            web_sys::console::warn_1(&"SXSH widget: the browser refused the download".into());
        }
    };
    view! {
        <button type="button" class="cp-button" data-testid="save-file" on:click=save>
            {move || ctx.text(Text::StorageSaveFile)}
        </button>
    }
}

/// Opens an assessment file and, after confirmation, replaces the draft with it.
#[component]
pub fn RestoreFromFile() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let nav = NavCtx::expect();
    let input = NodeRef::<html::Input>::new();
    let message = RwSignal::new(None::<(bool, Text)>);
    let on_change = move |_| {
        let Some(element) = input.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let outcome = match download::read_chosen_file(&element, export::MAX_BYTES as f64).await
            {
                Err(ReadError::TooLarge) => Err(Text::StorageImportTooLarge),
                Err(ReadError::Unreadable) => Err(Text::StorageImportReadFailed),
                Ok(text) => export::import(&text).map_err(|err| match err {
                    ImportError::TooLarge => Text::StorageImportTooLarge,
                    ImportError::NotJson => Text::StorageImportNotJson,
                    ImportError::WrongKind => Text::StorageImportWrongKind,
                    ImportError::FutureVersion => Text::StorageImportFuture,
                    ImportError::Malformed => Text::StorageImportMalformed,
                }),
            };
            // Let the same file be chosen again later.
            element.set_value("");
            match outcome {
                Err(text) => message.set(Some((false, text))),
                Ok(file) => {
                    let confirmed = super::confirm(ctx.text(Text::StorageRestoreConfirm));
                    if confirmed {
                        draft.set(file.draft);
                        message.set(Some((true, Text::StorageRestored)));
                        nav.go(Step::Review);
                    }
                }
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
