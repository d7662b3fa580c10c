//! `<ErrorSummary>`: the GOV.UK error summary: a titled list at the top of the step, focused when
//! it appears, whose links move focus to each field (without touching the page's URL or hash).

use super::ctx::LangCtx;
use super::fields::dom_id;
use leptos::html;
use leptos::prelude::*;
use sxsh_core::assessment::{Field, FieldIssue};
use sxsh_core::i18n::{Lang, Text};

/// The errors a step shows after the user tries to continue (GOV.UK: validate on continue),
/// each turned into words by the step's own `message` function.
#[derive(Clone, Copy)]
pub struct FormErrors {
    issues: RwSignal<Vec<FieldIssue>>,
    attempt: RwSignal<u32>,
    message: fn(&FieldIssue, Lang) -> String,
}

impl FormErrors {
    /// No errors yet.
    pub fn new(message: fn(&FieldIssue, Lang) -> String) -> FormErrors {
        FormErrors { issues: RwSignal::new(Vec::new()), attempt: RwSignal::new(0), message }
    }

    /// Shows what was found on continuing; true when there is nothing to fix.
    pub fn check(self, found: Vec<FieldIssue>) -> bool {
        let ok = found.is_empty();
        self.issues.set(found);
        if !ok {
            self.attempt.update(|n| *n += 1);
        }
        ok
    }

    /// The message beside one field, if it has an error.
    pub fn message_for(self, field: Field) -> Signal<Option<String>> {
        let ctx = LangCtx::expect();
        Signal::derive(move || {
            let lang = ctx.0.get();
            self.issues.get().iter().find(|i| i.field == field).map(|i| (self.message)(i, lang))
        })
    }

    /// The error summary for these errors.
    pub fn summary(self) -> impl IntoView {
        let ctx = LangCtx::expect();
        let errors = Signal::derive(move || {
            let lang = ctx.0.get();
            self.issues
                .get()
                .iter()
                .map(|i| (i.field.id(), (self.message)(i, lang)))
                .collect::<Vec<_>>()
        });
        view! { <ErrorSummary errors=errors attempt=self.attempt /> }
    }
}

/// The summary of the current errors; renders nothing when there are none.
#[component]
pub fn ErrorSummary(
    /// Each error as (field id, message), in form order.
    #[prop(into)]
    errors: Signal<Vec<(String, String)>>,
    /// Bumped each time the user tries to continue, so the summary takes focus again.
    #[prop(into)]
    attempt: Signal<u32>,
    /// Where a link leads, given its field id, for a step whose errors name fields of another
    /// step; without it a link focuses the field on this step.
    #[prop(optional)]
    follow: Option<Callback<String>>,
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
                                        match follow {
                                            Some(follow) => follow.run(field.clone()),
                                            None => super::focus_by_id(&target),
                                        }
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
