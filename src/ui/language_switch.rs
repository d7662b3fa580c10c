//! `<LanguageSwitch>`: one button that switches between Vietnamese and English.

use super::ctx::LangCtx;
use crate::storage;
use leptos::prelude::*;
use sxsh_core::i18n::Text;

/// Switches the interface language and remembers the choice on this browser.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let ctx = LangCtx::expect();
    let switch = move |_| {
        let next = ctx.0.get_untracked().other();
        ctx.0.set(next);
        // Not remembering the choice (storage disabled or full) is harmless: the switch still works.
        _ = storage::save_lang(next);
    };
    view! {
        <button
            type="button"
            class="cp-lang-switch"
            data-testid="lang-switch"
            lang=move || ctx.0.get().other().tag()
            title=move || ctx.text(Text::LanguageSwitchHint)
            on:click=switch
        >
            {move || ctx.text(Text::LanguageSwitch)}
        </button>
    }
}
