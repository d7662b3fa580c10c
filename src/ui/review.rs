//! `<Review>`: "check your answers": the profile and every applicable question with its answer,
//! each with a "Change" link that goes to it and comes back here; an assessment carried forward
//! from an earlier one says so above them (`plan::CarriedNotice`).

use super::ctx::{DraftCtx, LangCtx, NavCtx};
use super::focus_when_mounted;
use super::plan::CarriedNotice;
use super::step_indicator::step_name;
use leptos::html;
use leptos::prelude::*;
use sxsh_core::assessment::{ElectricityPart, ProfileField, UsePart};
use sxsh_core::checklist::{self, Stream};
use sxsh_core::flow::{self, Step};
use sxsh_core::i18n::{Text, fill};
use sxsh_core::numbers;
use sxsh_core::report::answer_text;

/// The review page.
#[component]
pub fn Review() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let nav = NavCtx::expect();
    let list = checklist::active();
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    let change = move |step: Step, target: String| {
        nav.changing.set(Some(target));
        nav.go(step);
    };
    let profile_rows = move || {
        draft.with(|d| {
            let lang = ctx.0.get();
            let sector =
                d.profile.sector.as_ref().and_then(|s| list.sectors.iter().find(|x| &x.id == s));
            let not_given = || lang.text(Text::ReviewNotGiven).to_owned();
            let number = |field: ProfileField| {
                d.profile.number(&field).map_or_else(not_given, |n| numbers::format(n, lang, 4))
            };
            vec![
                (
                    lang.text(Text::ProfileCompany),
                    if d.profile.company.is_empty() {
                        not_given()
                    } else {
                        d.profile.company.clone()
                    },
                ),
                (
                    lang.text(Text::ProfileSector),
                    sector.map_or_else(not_given, |s| lang.pick(s).to_owned()),
                ),
                (
                    lang.text(Text::ProfileElectricityKwh),
                    number(ProfileField::Electricity(ElectricityPart::Kwh)),
                ),
                (
                    lang.text(Text::ProfileWaterQuantity),
                    number(ProfileField::Stream(Stream::Water, UsePart::Quantity)),
                ),
            ]
        })
    };
    let sections = move || {
        let d = draft.get();
        flow::steps(list, &d)
            .into_iter()
            .filter(|s| matches!(s, Step::Area(_) | Step::Sector))
            .map(|step| {
                let rows = flow::questions_of(list, &d, step)
                    .into_iter()
                    .map(|q| {
                        let answer = answer_text(list, &d, &q.id, ctx.0.get());
                        let target = q.id.clone();
                        let question_text = ctx.0.get().pick(q).to_owned();
                        view! {
                            <div class="cp-summary__row" data-review=q.id.clone()>
                                <dt class="cp-summary__key">{question_text.clone()}</dt>
                                <dd class="cp-summary__value">{answer}</dd>
                                <dd class="cp-summary__action">
                                    <button type="button" class="cp-link-button" on:click=move |_| change(step, target.clone())>
                                        {ctx.text(Text::ReviewChange)}
                                        <span class="cp-visually-hidden">{format!(": {question_text}")}</span>
                                    </button>
                                </dd>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <h3>{step_name(step, ctx)}</h3>
                    <dl class="cp-summary">{rows}</dl>
                }
            })
            .collect_view()
    };
    let unanswered = move || draft.with(|d| flow::progress(list, d));
    view! {
        <section class="cp-section" aria-labelledby="cp-review-title">
            <h2 id="cp-review-title" class="cp-section__title" tabindex="-1" node_ref=heading>{move || ctx.text(Text::ReviewHeading)}</h2>
            <CarriedNotice />
            <p>{move || ctx.text(Text::ReviewIntro)}</p>
            <h3>{move || ctx.text(Text::NavStepProfile)}</h3>
            <dl class="cp-summary">
                {move || {
                    profile_rows()
                        .into_iter()
                        .map(|(key, value)| {
                            view! {
                                <div class="cp-summary__row">
                                    <dt class="cp-summary__key">{key}</dt>
                                    <dd class="cp-summary__value">{value}</dd>
                                    <dd class="cp-summary__action">
                                        <button type="button" class="cp-link-button" on:click=move |_| change(Step::Profile, "profile".into())>
                                            {ctx.text(Text::ReviewChange)}
                                            <span class="cp-visually-hidden">{format!(": {key}")}</span>
                                        </button>
                                    </dd>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </dl>
            {sections}
            <Show when=move || { let p = unanswered(); p.answered < p.total }>
                <p class="cp-welcome__note">
                    {move || { let p = unanswered(); fill(ctx.text(Text::ReviewUnansweredNote), &[("count", &(p.total - p.answered).to_string())]) }}
                </p>
            </Show>
            <div class="cp-nav">
                <button type="button" class="cp-button" on:click=move |_| draft.with_untracked(|d| nav.go(flow::previous(list, d, Step::Review)))>
                    {move || ctx.text(Text::StepsPrevious)}
                </button>
                <button type="button" class="cp-button cp-button--primary" data-testid="see-results" on:click=move |_| nav.go(Step::Results)>
                    {move || ctx.text(Text::ReviewSeeResults)}
                </button>
            </div>
        </section>
    }
}
