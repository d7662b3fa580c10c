//! `<Welcome>`: the first screen: what cleaner production is, what the assessment covers, how long
//! it takes, that answers stay in the browser, and the start button.

use super::LangCtx;
use crate::i18n::Text;
use leptos::prelude::*;

/// The welcome screen.
#[component]
pub fn Welcome(
    /// Called when the user starts the assessment.
    on_start: impl Fn() + 'static,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let t = move |text| move || ctx.text(text);
    view! {
        <section class="cp-welcome" aria-labelledby="cp-welcome-title">
            <h1 id="cp-welcome-title" class="cp-welcome__title" tabindex="-1">
                {t(Text::AppTitle)}
            </h1>
            <p class="cp-welcome__lead">{t(Text::WelcomeLead)}</p>
            <h2 class="cp-welcome__heading">{t(Text::WelcomeWhatHeading)}</h2>
            <p>{t(Text::WelcomeWhatBody)}</p>
            <h2 class="cp-welcome__heading">{t(Text::WelcomeCoversHeading)}</h2>
            <ul class="cp-welcome__list">
                <li>{t(Text::WelcomeCoversProfile)}</li>
                <li>{t(Text::WelcomeCoversAreas)}</li>
                <li>{t(Text::WelcomeCoversSector)}</li>
                <li>{t(Text::WelcomeCoversResults)}</li>
            </ul>
            <p class="cp-welcome__note">{t(Text::WelcomeTime)}</p>
            <p class="cp-welcome__note cp-welcome__note--privacy">{t(Text::WelcomePrivacy)}</p>
            <button type="button" class="cp-button cp-button--primary" data-testid="start" on:click=move |_| on_start()>
                {t(Text::WelcomeStart)}
            </button>
        </section>
    }
}
