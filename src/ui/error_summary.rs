//! `<ErrorSummary>`: the GOV.UK error summary: a titled list at the top of the step, focused when
//! it appears, whose links move focus to each field (without touching the page's URL or hash).

use super::LangCtx;
use super::fields::dom_id;
use crate::i18n::Text;
use leptos::html;
use leptos::prelude::*;

/// The summary of the current errors; renders nothing when there are none.
#[component]
pub fn ErrorSummary(
    /// Each error as (field id, message), in form order.
    #[prop(into)]
    errors: Signal<Vec<(String, String)>>,
    /// Bumped each time the user tries to continue, so the summary takes focus again.
    #[prop(into)]
    attempt: Signal<u32>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        attempt.track();
        if let Some(element) = summary.get() {
            _ = element.focus();
        }
    });
    view! {
        <Show when=move || !errors.get().is_empty()>
            <div class="cp-error-summary" tabindex="-1" node_ref=summary data-testid="error-summary" aria-labelledby="cp-error-summary-title">
                <h2 class="cp-error-summary__title" id="cp-error-summary-title">{move || ctx.text(Text::ErrorsSummaryTitle)}</h2>
                <div role="alert">
                    <ul class="cp-error-summary__list">
                        {move || {
                            errors
                                .get()
                                .into_iter()
                                .map(|(field, message)| {
                                    let target = dom_id(&field);
                                    let href = format!("#{target}");
                                    let focus = move |ev: leptos::ev::MouseEvent| {
                                        ev.prevent_default();
                                        super::focus_by_id(&target);
                                    };
                                    view! { <li><a href=href on:click=focus>{message}</a></li> }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </div>
        </Show>
    }
}
