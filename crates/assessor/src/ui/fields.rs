//! The form's fields in the GOV.UK pattern: a label, an optional hint, the error beside the field
//! with a hidden "Error:" prefix, `aria-invalid` and `aria-describedby`; the error summary whose
//! links move focus to each field. A field shows the draft's value once and reports every
//! keystroke as an edit: what the assessor types is never replaced while they type.

use super::Ctx;
use crate::fields::{NumberField, TextField, dom_id};
use crate::words::Word;
use leptos::html;
use leptos::prelude::*;
use sxsh_core::free_text::Lines;

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [(hint, "hint"), (error, "error")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, part)| format!("{id}-{part}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The label, hint and error of a field around its control.
#[component]
fn Frame(
    id: String,
    path: String,
    label: String,
    hint: Option<Word>,
    children: Children,
) -> impl IntoView {
    let ctx = Ctx::expect();
    let error = ctx.error_for(path);
    view! {
        <div class="cp-field" class=("cp-field--error", move || error.get().is_some())>
            <label class="cp-field__label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="cp-field__hint" id=format!("{id}-hint")>{ctx.t(h)}</p> })}
            {move || error.get().map(|message| view! {
                <p class="cp-field__error" id=format!("{id}-error")>
                    <span class="cp-visually-hidden">{ctx.t(Word::ErrorPrefix)} " "</span>{message}
                </p>
            })}
            {children()}
        </div>
    }
}

/// A text field of the record: one line, or several for a passage; the visit's date is a date.
#[component]
pub fn TextInput(
    field: TextField,
    #[prop(optional)] hint: Option<Word>,
    #[prop(optional)] label: Option<String>,
) -> impl IntoView {
    let ctx = Ctx::expect();
    let path = field.path();
    let id = dom_id(&path);
    let error = ctx.error_for(path.clone());
    let rule = field.rule();
    let value = ctx.draft.with_untracked(|d| field.get(&d.record));
    let label = label.unwrap_or_else(|| ctx.t(field.label()).to_owned());
    let described = {
        let id = id.clone();
        move || described_by(&id, hint.is_some(), error.get().is_some())
    };
    let invalid = move || error.get().is_some().then_some("true");
    let on_input = {
        let field = field.clone();
        move |ev| {
            let text = event_target_value(&ev);
            ctx.edit(|d| d.type_text(&field, &text));
        }
    };
    let control = if field == TextField::Date {
        view! { <input class="cp-input ra-input--date" type="date" id=id.clone() prop:value=value aria-invalid=invalid aria-describedby=described on:input=on_input /> }.into_any()
    } else if rule.lines == Lines::Several {
        view! { <textarea class="cp-input cp-textarea" id=id.clone() rows="3" maxlength=rule.max_chars prop:value=value aria-invalid=invalid aria-describedby=described on:input=on_input></textarea> }.into_any()
    } else {
        view! { <input class="cp-input" type="text" id=id.clone() autocomplete="off" maxlength=rule.max_chars prop:value=value aria-invalid=invalid aria-describedby=described on:input=on_input /> }.into_any()
    };
    view! { <Frame id=id path=path label=label hint=hint>{control}</Frame> }
}

/// A number field of the record, typed the interface language's way (`1.234.567,5` in
/// Vietnamese), with its unit beside it.
#[component]
pub fn NumberInput(
    field: NumberField,
    #[prop(optional, into)] unit: Option<Signal<String>>,
) -> impl IntoView {
    let ctx = Ctx::expect();
    let path = field.path();
    let id = dom_id(&path);
    let error = ctx.error_for(path.clone());
    let value = ctx.draft.with_untracked(|d| d.number_text(&field, ctx.lang));
    let label = ctx.t(field.label()).to_owned();
    let described = {
        let id = id.clone();
        move || described_by(&id, false, error.get().is_some())
    };
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        ctx.edit(|d| d.type_number(&field, &text, ctx.lang));
    };
    view! {
        <Frame id=id.clone() path=path label=label hint=None>
            <div class="cp-field__with-unit">
                <input
                    class="cp-input cp-input--number"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength=sxsh_core::free_text::TYPED_NUMBER.max_chars
                    id=id
                    prop:value=value
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described
                    on:input=on_input
                />
                {unit.map(|u| view! { <span class="cp-field__unit">{move || u.get()}</span> })}
            </div>
        </Frame>
    }
}

/// The summary of what must be fixed, shown once the assessor saves (or the service refuses);
/// it takes focus when it appears, and each link moves focus to its field.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let ctx = Ctx::expect();
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        ctx.summary_shown.track();
        if let Some(element) = summary.get() {
            _ = element.focus();
        }
    });
    let problems =
        move || if ctx.summary_shown.get() > 0 { ctx.problems.get() } else { Vec::new() };
    view! {
        <Show when=move || !problems().is_empty()>
            <div class="cp-error-summary" tabindex="-1" node_ref=summary aria-labelledby="cp-error-summary-title">
                <h2 class="cp-error-summary__title" id="cp-error-summary-title">{ctx.t(Word::ProblemHeading)}</h2>
                <div role="alert">
                    <ul class="cp-error-summary__list">
                        {move || problems().into_iter().map(|p| {
                            let target = dom_id(&p.path);
                            let href = format!("#{target}");
                            let focus = move |ev: leptos::ev::MouseEvent| {
                                ev.prevent_default();
                                super::focus_by_id(&target);
                            };
                            view! { <li><a href=href on:click=focus>{p.message}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </Show>
    }
}
