//! `<QuestionField>`: one checklist question: done / partly / not yet / not applicable radios in a
//! fieldset, or a number with its unit (plus "not applicable"), with its help text.

use super::ctx::{DraftCtx, LangCtx};
use super::fields::{NumberField, dom_id};
use leptos::prelude::*;
use sxsh_core::assessment::{Answer, Edit, Field, Level};
use sxsh_core::checklist::Question;
use sxsh_core::i18n::{Lang, Text};
use sxsh_core::report::level_text;

/// The help text of a question in a language.
pub fn help(question: &Question, lang: Lang) -> &str {
    match lang {
        Lang::Vi => &question.help_vi,
        Lang::En => &question.help_en,
    }
}

/// One question bound to the draft.
#[component]
pub fn QuestionField(
    /// The question to show; checklist data lives for the whole program.
    question: &'static Question,
    /// The error message for a numeric answer, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let selected = Memo::new(move |_| draft.with(|d| d.answers.get(&question.id)));
    let field = Field::answer(&question.id);
    let name = dom_id(&field.id());
    let help_id = format!("{name}-help");
    let group = format!("{name}-level");
    let choice = move |level: Level, id: String| {
        let choose = move |_| {
            draft.update(|d| d.apply(Edit::Answer(question.id.clone(), Answer::Level(level))))
        };
        view! {
            <div class="cp-choice">
                <input
                    type="radio"
                    class="cp-choice__input"
                    id=id.clone()
                    name=group.clone()
                    value=level.id()
                    prop:checked=move || selected.get() == Some(Answer::Level(level))
                    on:change=choose
                />
                <label class="cp-choice__label" for=id>{move || ctx.text(level_text(level))}</label>
            </div>
        }
    };
    let body = match &question.number {
        None => Level::ALL
            .into_iter()
            .map(|level| choice(level, format!("{name}-{}", level.id())))
            .collect_view()
            .into_any(),
        Some(spec) => {
            let stored = Signal::derive({
                let field = field.clone();
                move || {
                    draft.with(|d| {
                        let number = match d.answers.get(&question.id) {
                            Some(Answer::Number(n)) => Some(n),
                            _ => None,
                        };
                        (d.typed_text(&field).cloned(), number)
                    })
                }
            });
            let unit = Signal::derive(move || match ctx.0.get() {
                Lang::Vi => spec.unit_vi.clone(),
                Lang::En => spec.unit_en.clone(),
            });
            let label = Signal::derive(move || ctx.text(Text::AnswerQuestionNumber).to_owned());
            view! {
                <NumberField field=field.clone() label=label unit=unit error=error stored=stored />
                {choice(Level::NotApplicable, format!("{name}-not_applicable"))}
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="cp-question" id=name.clone() data-question=question.id.clone() aria-describedby=help_id.clone() tabindex="-1">
            <legend class="cp-question__legend">{move || ctx.0.get().pick(question).to_owned()}</legend>
            <p class="cp-question__help" id=help_id.clone()>{move || help(question, ctx.0.get()).to_owned()}</p>
            <div class="cp-question__choices">{body}</div>
        </fieldset>
    }
}
