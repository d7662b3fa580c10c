//! `<SectionView>`: one step of the questionnaire: the questions of one area, grouped by topic.

use super::LangCtx;
use super::app::DraftCtx;
use crate::assessment::{Answer, Edit, Level};
use crate::checklist::{self, Question};
use crate::i18n::{Text, fill};
use leptos::html;
use leptos::prelude::*;

/// The questions of one area with their answer choices.
#[component]
pub fn SectionView(
    /// Index of the area in the checklist.
    index: usize,
    /// Called when the user goes back.
    on_back: impl Fn() + 'static,
    /// Called when the user continues.
    on_next: impl Fn() + 'static,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let list = checklist::builtin();
    let area = &list.areas[index];
    let questions: Vec<&'static Question> =
        list.questions.iter().filter(|q| q.area == area.id && q.sectors.is_empty()).collect();
    let heading = NodeRef::<html::H2>::new();
    // Moving focus to the new step's heading is a side effect on the DOM, so it is an effect.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            _ = h.focus();
        }
    });
    let total = list.areas.len().to_string();
    let counter = move || {
        fill(ctx.text(Text::StepsOf), &[("current", &(index + 1).to_string()), ("total", &total)])
    };
    view! {
        <section class="cp-section" aria-labelledby="cp-section-title">
            <p class="cp-section__counter">{counter}</p>
            <h2 id="cp-section-title" class="cp-section__title" tabindex="-1" node_ref=heading>
                {move || ctx.0.get().pick(area).to_owned()}
            </h2>
            {questions.into_iter().map(|question| view! { <QuestionField question=question /> }).collect_view()}
            <div class="cp-nav">
                <button type="button" class="cp-button" on:click=move |_| on_back()>
                    {move || ctx.text(Text::StepsPrevious)}
                </button>
                <button type="button" class="cp-button cp-button--primary" on:click=move |_| on_next()>
                    {move || ctx.text(Text::StepsNext)}
                </button>
            </div>
        </section>
    }
}

/// One question as a group of radio buttons.
#[component]
fn QuestionField(
    /// The question to show; checklist data lives for the whole program.
    question: &'static Question,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let selected = Memo::new(move |_| draft.with(|d| d.answers.get(&question.id)));
    let name = format!("cp-q-{}", question.id.replace('.', "-"));
    let help_id = format!("{name}-help");
    let choices = Level::ALL
        .into_iter()
        .map(|level| {
            let input_id = format!("{name}-{}", level.id());
            let label = match level {
                Level::Done => Text::AnswerDone,
                Level::Partly => Text::AnswerPartly,
                Level::NotYet => Text::AnswerNotYet,
                Level::NotApplicable => Text::AnswerNotApplicable,
            };
            let choose = move |_| {
                draft.update(|d| d.apply(Edit::Answer(question.id.clone(), Answer::Level(level))))
            };
            view! {
                <div class="cp-choice">
                    <input
                        type="radio"
                        class="cp-choice__input"
                        id=input_id.clone()
                        name=name.clone()
                        value=level.id()
                        prop:checked=move || selected.get() == Some(Answer::Level(level))
                        on:change=choose
                    />
                    <label class="cp-choice__label" for=input_id>{move || ctx.text(label)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="cp-question" data-question=question.id.clone() aria-describedby=help_id>
            <legend class="cp-question__legend">{move || ctx.0.get().pick(question).to_owned()}</legend>
            <p class="cp-question__help" id=help_id.clone()>
                {move || match ctx.0.get() {
                    crate::i18n::Lang::Vi => question.help_vi.clone(),
                    crate::i18n::Lang::En => question.help_en.clone(),
                }}
            </p>
            <div class="cp-question__choices">{choices}</div>
        </fieldset>
    }
}
