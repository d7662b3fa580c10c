//! `<SectionView>`: one step of the questionnaire: the questions of one area (or of the sector
//! module) that apply to this factory, grouped by topic.

use super::ctx::{DraftCtx, LangCtx, NavCtx, PrepareClosing};
use super::error_summary::FormErrors;
use super::profile_form::number_message;
use super::question_field::QuestionField;
use super::step_indicator::step_name;
use super::{focus_by_id, focus_when_mounted};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::assessment::{Field, FieldIssue, FieldProblem};
use sxsh_core::checklist::{self, Question};
use sxsh_core::flow::{self, Step};
use sxsh_core::i18n::{Lang, Text, fill};
use sxsh_core::numbers;

fn issue_message(issue: &FieldIssue, lang: Lang) -> String {
    let list = checklist::active();
    let question = match &issue.field {
        Field::Answer(id) => list.question(id),
        Field::Profile(_) => None,
    };
    let label = question.map(|q| lang.pick(q).to_owned()).unwrap_or_default();
    match (issue.problem, question.and_then(|q| q.number.as_ref())) {
        (FieldProblem::Number(error), _) => number_message(error, &label, lang),
        (_, Some(spec)) => fill(
            lang.text(Text::ErrorsAnswerNumber),
            &[
                ("field", &label),
                ("min", &numbers::format(spec.min, lang, 4)),
                ("max", &numbers::format(spec.max, lang, 4)),
            ],
        ),
        _ => label,
    }
}

/// The questions of one step with their answer choices.
#[component]
pub fn SectionView(
    /// The step shown: an area or the sector module.
    step: Step,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let nav = NavCtx::expect();
    let list = checklist::active();
    // On the last question page, the closing screens' code and what this browser keeps come
    // meanwhile, so the review is there at once (a failure shows on the review, which tries
    // again).
    if draft.with_untracked(|d| flow::next(list, d, step)) == Step::Review {
        PrepareClosing::expect().0.run(());
        super::notes::prefetch();
    }
    // The questions are fixed while the step is shown: the profile does not change here.
    let questions: Vec<&'static Question> =
        draft.with_untracked(|d| flow::questions_of(list, d, step));
    let heading = NodeRef::<html::H2>::new();
    if nav.changing.get_untracked().is_none() {
        focus_when_mounted(heading);
    }
    let errors = FormErrors::new(issue_message);
    let checked = questions.clone();
    let proceed = move |_| {
        if errors.check(draft.with_untracked(|d| d.answer_issues(&checked, ctx.0.get_untracked())))
        {
            draft.with_untracked(|d| nav.forward(d, step));
        }
    };
    let back = move |_| draft.with_untracked(|d| nav.go(flow::previous(list, d, step)));
    let mut topic = None;
    let fields = questions
        .into_iter()
        .map(|question| {
            let topic_heading = (topic != Some(&question.topic)).then(|| {
                topic = Some(&question.topic);
                list.topics.iter().find(|t| t.id == question.topic).map(|t| view! { <h3 class="cp-section__topic">{move || ctx.0.get().pick(t).to_owned()}</h3> })
            });
            let error = errors.message_for(Field::answer(&question.id));
            view! { {topic_heading} <QuestionField question=question error=error /> }
        })
        .collect_view();
    // After a "Change" link from the review page, focus goes to that question instead.
    Effect::new(move |_| {
        if let Some(id) = nav.changing.get_untracked() {
            focus_by_id(&super::fields::dom_id(&Field::answer(&id).id()));
        }
    });
    let counter = move || {
        let all: Vec<Step> = draft
            .with(|d| flow::steps(list, d))
            .into_iter()
            .filter(|s| *s != Step::Welcome)
            .collect();
        let at = all.iter().position(|s| *s == step).map_or(0, |i| i + 1);
        fill(
            ctx.text(Text::StepsOf),
            &[("current", &at.to_string()), ("total", &all.len().to_string())],
        )
    };
    view! {
        <section class="cp-section" aria-labelledby="cp-section-title">
            {errors.summary()}
            <p class="cp-section__counter">{counter}</p>
            <h2 id="cp-section-title" class="cp-section__title" tabindex="-1" node_ref=heading>
                {move || step_name(step, ctx)}
            </h2>
            {fields}
            <div class="cp-nav">
                <button type="button" class="cp-button" on:click=back>{move || ctx.text(Text::StepsPrevious)}</button>
                <button type="button" class="cp-button cp-button--primary" data-testid="continue" on:click=proceed>
                    {move || if nav.changing.get().is_some() { ctx.text(Text::NavReviewBack) } else { ctx.text(Text::StepsNext) }}
                </button>
            </div>
        </section>
    }
}
