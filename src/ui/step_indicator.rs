//! `<StepIndicator>`: where the user is, and how many applicable questions are answered.

use super::ctx::{DraftCtx, LangCtx, NavCtx};
use leptos::prelude::*;
use sxsh_core::checklist;
use sxsh_core::flow::{self, Step};
use sxsh_core::i18n::{Text, fill};

/// The name of a step in the current language.
pub fn step_name(step: Step, ctx: LangCtx) -> String {
    // The areas' names in both languages, whichever copy of the content is loaded.
    let list = checklist::profile_choices();
    match step {
        Step::Welcome => ctx.text(Text::AppTitle).to_owned(),
        Step::Profile => ctx.text(Text::NavStepProfile).to_owned(),
        Step::Area(i) => {
            list.areas.get(i).map(|a| ctx.0.get().pick(a).to_owned()).unwrap_or_default()
        }
        Step::Sector => ctx.text(Text::NavStepSector).to_owned(),
        Step::Review => ctx.text(Text::NavStepReview).to_owned(),
        Step::Results => ctx.text(Text::NavStepResults).to_owned(),
        Step::Learn => ctx.text(Text::LearnHeading).to_owned(),
        Step::Request => ctx.text(Text::RequestHeading).to_owned(),
        Step::RequestCheck => ctx.text(Text::RequestCheckHeading).to_owned(),
        // Never in the step list: their headings are their own screens' (`plan`, `LateText`).
        Step::Plan | Step::Progress | Step::ProgressUpdate | Step::ProgressCheck => String::new(),
    }
}

/// The step list and the progress line; hidden on the welcome screen.
#[component]
pub fn StepIndicator() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let nav = NavCtx::expect();
    let list = checklist::current();
    let steps = Memo::new(move |_| draft.with(|d| flow::steps(list, d)));
    let progress = Memo::new(move |_| draft.with(|d| flow::progress(list, d)));
    view! {
        <Show when=move || !matches!(nav.step.get(), Step::Welcome | Step::Learn | Step::Request | Step::RequestCheck | Step::Plan | Step::Progress | Step::ProgressUpdate | Step::ProgressCheck)>
            <nav class="cp-steps" aria-label=move || ctx.text(Text::StepsLabel)>
                <ol class="cp-steps__list">
                    {move || {
                        let current = nav.step.get();
                        steps
                            .get()
                            .into_iter()
                            .filter(|s| *s != Step::Welcome)
                            .map(|s| {
                                let is_current = s == current;
                                view! {
                                    <li
                                        class="cp-steps__item"
                                        class=("cp-steps__item--current", is_current)
                                        aria-current=is_current.then_some("step")
                                    >
                                        {step_name(s, ctx)}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
                // Until the questions are known (the profile shows before the checklist comes),
                // the progress keeps its place but is not shown.
                <p class="cp-steps__progress" class=("cp-steps__progress--pending", move || progress.get().total == 0) data-testid="progress">
                    {move || {
                        let p = progress.get();
                        fill(
                            ctx.text(Text::NavProgress),
                            &[("answered", &p.answered.to_string()), ("total", &p.total.to_string())],
                        )
                    }}
                </p>
                <progress
                    class="cp-steps__bar"
                    class=("cp-steps__progress--pending", move || progress.get().total == 0)
                    max=move || progress.get().total.max(1)
                    value=move || progress.get().answered
                    aria-hidden="true"
                ></progress>
            </nav>
        </Show>
    }
}
