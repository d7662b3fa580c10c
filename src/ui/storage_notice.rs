//! `<StorageNotice>`: tells the user when the draft cannot be saved in this browser, or the saved
//! one could not be read, and offers to save it to a file instead.

use super::ctx::{LangCtx, NoticeCtx};
use super::draft_file::SaveToFile;
use crate::storage::StorageProblem;
use leptos::prelude::*;
use sxsh_core::i18n::Text;

/// The storage notice: shown when the draft cannot be saved or the saved one could not be read.
#[component]
pub fn StorageNotice() -> impl IntoView {
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
                                <SaveToFile />
                            </div>
                        }
                    })
            }}
        </div>
    }
}
