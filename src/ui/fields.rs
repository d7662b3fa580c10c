//! Form fields in the GOV.UK pattern: label, hint, the error message beside the field with a
//! hidden "Error:" prefix, `aria-invalid` and `aria-describedby`; nothing typed is ever cleared.
//! Every field carries the `maxlength` of its `free_text` rule, the limit the request is checked
//! against (the browser counts UTF-16 units, never fewer than the characters the core counts).

use super::ctx::{DraftCtx, LangCtx};
use leptos::prelude::*;
use sxsh_core::assessment::{Edit, Field};
use sxsh_core::free_text;
use sxsh_core::i18n::Text;
use sxsh_core::numbers;

/// The DOM id of a profile or answer field, from its field id.
pub fn dom_id(field: &str) -> String {
    format!("cp-field-{}", field.replace(['.', ':'], "-"))
}

/// The inline error message, when there is one.
#[component]
pub fn FieldErrorMessage(
    /// The field's DOM id; the message gets `<id>-error`.
    id: String,
    /// The message to show, if any.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    view! {
        {move || {
            message
                .get()
                .map(|m| {
                    view! {
                        <p class="cp-field__error" id=format!("{id}-error")>
                            <span class="cp-visually-hidden">{ctx.text(Text::ErrorsPrefix)} " "</span>
                            {m}
                        </p>
                    }
                })
        }}
    }
}

fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if has_error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A number field bound to a profile number or a numeric answer.
#[component]
pub fn NumberField(
    /// The profile number or numeric answer it edits.
    field: Field,
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// The unit shown beside the field.
    #[prop(into)]
    unit: Signal<String>,
    /// An optional hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The error message, when the field is invalid.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The value as stored: typed text not yet understood, or the number.
    #[prop(into)]
    stored: Signal<(Option<String>, Option<f64>)>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let id = dom_id(&field.id());
    let has_hint = hint.is_some();
    // Shown value: what the user typed if it is not a number yet, else the number in the
    // interface language. It follows the language, not every keystroke (so the cursor stays).
    let value = move || {
        let lang = ctx.0.get();
        match stored.get_untracked() {
            (Some(text), _) => text,
            (None, Some(n)) => numbers::format(n, lang, 4),
            (None, None) => String::new(),
        }
    };
    let field_for_input = field.clone();
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let lang = ctx.0.get_untracked();
        draft.update(|d| d.apply(Edit::Typed { field: field_for_input.clone(), text, lang }));
    };
    view! {
        <div class="cp-field" class=("cp-field--error", move || error.get().is_some())>
            <label class="cp-field__label" for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="cp-field__hint" id=format!("{}-hint", id.clone())>{move || h.get()}</p> })}
            <FieldErrorMessage id=id.clone() message=error />
            <div class="cp-field__with-unit">
                <input
                    class="cp-input cp-input--number"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength=free_text::TYPED_NUMBER.max_chars
                    id=id.clone()
                    prop:value=value
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby={
                        let id = id.clone();
                        move || described_by(&id, has_hint, error.get().is_some())
                    }
                    on:input=on_input
                />
                <span class="cp-field__unit">{move || unit.get()}</span>
            </div>
        </div>
    }
}

/// A text field (one line, or several with `multiline`): shows `value` once and reports every
/// change through `set`; what the user types is never replaced while they type.
#[component]
pub fn TextField(
    /// The field id (`company`, `contact.email`, ...); the DOM id is `dom_id(field)`.
    #[prop(into)]
    field: String,
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// An optional hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The error message, when the field is invalid.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The `autocomplete` token, for fields browsers can fill.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The input type (`text` unless given: `tel`, `email`).
    #[prop(optional)]
    kind: Option<&'static str>,
    /// A several-line text area instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
    /// The longest text the field takes, in characters (its `free_text` rule's).
    max_chars: usize,
    /// The value to show first.
    value: String,
    /// Called with the new text on every change.
    #[prop(into)]
    set: Callback<String>,
) -> impl IntoView {
    let id = dom_id(&field);
    // An empty hint is no hint (no empty paragraph, nothing for aria-describedby to point at).
    let hint = hint.filter(|h| !h.get_untracked().is_empty());
    let has_hint = hint.is_some();
    let invalid = move || error.get().is_some().then_some("true");
    let described = {
        let id = id.clone();
        move || described_by(&id, has_hint, error.get().is_some())
    };
    let on_input = move |ev| set.run(event_target_value(&ev));
    let control = if multiline {
        view! {
            <textarea class="cp-input cp-textarea" id=id.clone() rows="4" maxlength=max_chars prop:value=value aria-invalid=invalid aria-describedby=described on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class="cp-input"
                type=kind.unwrap_or("text")
                id=id.clone()
                autocomplete=autocomplete.unwrap_or("off")
                maxlength=max_chars
                prop:value=value
                aria-invalid=invalid
                aria-describedby=described
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="cp-field" class=("cp-field--error", move || error.get().is_some())>
            <label class="cp-field__label" for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="cp-field__hint" id=format!("{}-hint", id.clone())>{move || h.get()}</p> })}
            <FieldErrorMessage id=id.clone() message=error />
            {control}
        </div>
    }
}
