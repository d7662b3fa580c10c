//! The enterprise's action plan in the widget (issue 24): the measures it adopted from its
//! results, with owner, target date, status and what they saved; its progress year on year; and
//! the progress update it may send the Department. One file per screen: the plan (`screen`),
//! progress year on year with "start this year's assessment from the previous one" (`progress`),
//! and the update's form and check page (`update`). In the release page build they are one wasm
//! chunk of their own (`screens::plan_screen`), never in the first load.
//!
//! The plan lives in `PlanCtx`, beside the draft: read from local storage with the saved work
//! (`keeping::Keeper::start_plan`, so its code is in the saved work's chunk, not the page module),
//! written to its own key on every change (`storage::PLAN_KEY`), and in the saved file. A blank
//! draft (a new assessment, or the data deleted) has no plan. Every rule (what may be adopted,
//! carrying forward, the year-on-year figures) is `sxsh_core::plan`'s; this only shows and edits.

pub mod progress;
pub mod screen;
pub mod update;

use super::ctx::{DraftCtx, LangCtx, NavCtx, NoticeCtx};
use super::now_iso;
use crate::storage::{self, KeptPlan};
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist::Checklist;
use sxsh_core::dates;
use sxsh_core::flow::Step;
use sxsh_core::i18n::{LateText, fill};
use sxsh_core::plan::{Achieved, Action, ActionStatus, Plan};

/// The plan and the earlier assessments' milestones, as this browser keeps them.
#[derive(Clone, Copy)]
pub struct PlanCtx {
    pub kept: RwSignal<KeptPlan>,
}

impl PlanCtx {
    /// The context provided when the saved work is read (`start`).
    pub fn expect() -> PlanCtx {
        expect_context::<PlanCtx>()
    }

    /// Reads the kept plan and provides the context; called once, through `ui::keeping`, under
    /// `<App>`'s owner. The plan goes with the draft: when the draft becomes blank (a new
    /// assessment, the data deleted) the plan is forgotten too.
    pub fn start(draft: RwSignal<Draft>) {
        let ctx = PlanCtx { kept: RwSignal::new(storage::load_plan()) };
        provide_context(ctx);
        update::start();
        Effect::new(move |_| {
            let blank = draft.with(Draft::is_blank);
            if blank && ctx.kept.with_untracked(|k| *k != KeptPlan::default()) {
                ctx.change(|k| *k = KeptPlan::default());
            }
        });
    }

    /// Changes the plan and saves it at once; a storage problem shows in the storage notice.
    pub fn change(self, f: impl FnOnce(&mut KeptPlan)) {
        self.kept.update(f);
        if let Err(problem) = self.kept.with_untracked(storage::save_plan) {
            NoticeCtx::expect().0.set(Some(problem));
        }
    }

    /// Changes the plan's actions (`plan`'s edits), dated today, and saves it.
    pub fn edit(self, f: impl FnOnce(&mut Plan, &str)) {
        let today = today();
        self.change(|k| f(&mut k.plan, &today));
    }
}

/// Adopts the measure of a prioritised action into the plan (once), its quantity's unit that of
/// the measure's stream. WIDGET STOPGAP until `plan::PlanEdit` lands from the plan helper.
fn adopt(plan: &mut Plan, list: &Checklist, draft: &Draft, measure: &str, today: &str) {
    if plan.action(measure).is_some() {
        return;
    }
    let unit = sxsh_core::savings::savings(list, draft)
        .actions
        .iter()
        .find(|a| a.question == measure)
        .and_then(|a| a.saving.as_ref())
        .and_then(|s| list.stream_info(s.stream))
        .map(|s| s.unit.clone())
        .unwrap_or_default();
    plan.actions.push(Action {
        measure: measure.to_owned(),
        adopted_on: today.to_owned(),
        status_on: today.to_owned(),
        achieved: Achieved { unit, ..Achieved::default() },
        ..Action::default()
    });
}

/// Today in Vietnam, `YYYY-MM-DD` (the plan's dates).
pub fn today() -> String {
    dates::iso_day(&now_iso())
}

/// A status's label.
pub fn status_text(status: ActionStatus) -> LateText {
    match status {
        ActionStatus::Planned => LateText::PlanStatusPlanned,
        ActionStatus::InProgress => LateText::PlanStatusInProgress,
        ActionStatus::Done => LateText::PlanStatusDone,
        ActionStatus::Dropped => LateText::PlanStatusDropped,
    }
}

/// The results' panel of the plan: how many actions it holds and how many are done, and the way
/// to the plan and to progress year on year.
#[component]
pub fn PlanPanel() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let plan = PlanCtx::expect();
    let summary = move || {
        let lang = ctx.0.get();
        plan.kept.with(|k| {
            let count = k.plan.actions.len();
            if count == 0 {
                return lang.late(LateText::PlanPanelEmpty).to_owned();
            }
            let done = k.plan.actions.iter().filter(|a| a.status == ActionStatus::Done).count();
            fill(
                lang.late(LateText::PlanPanelCount),
                &[("count", &count.to_string()), ("done", &done.to_string())],
            )
        })
    };
    view! {
        <div class="cp-panel" data-testid="plan-panel">
            <h3>{move || ctx.0.get().late(LateText::PlanHeading)}</h3>
            <p data-testid="plan-summary">{summary}</p>
            <CarriedNotice />
            <div class="cp-nav">
                <button type="button" class="cp-button cp-button--primary" data-testid="plan-open" on:click=move |_| nav.go(Step::Plan)>
                    {move || ctx.0.get().late(LateText::PlanOpen)}
                </button>
                <button type="button" class="cp-button" data-testid="progress-open" on:click=move |_| nav.go(Step::Progress)>
                    {move || ctx.0.get().late(LateText::PlanProgressOpen)}
                </button>
            </div>
        </div>
    }
}

/// "Add to plan" for one prioritised action of the results; once adopted it says so and leads
/// to the plan. The same button stays in place, so focus stays on it.
#[component]
pub fn AdoptButton(
    /// The measure's question id.
    measure: String,
    /// Its title, for the announcement.
    title: String,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let plan = PlanCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let said = RwSignal::new(None::<String>);
    let adopted = {
        let measure = measure.clone();
        Signal::derive(move || plan.kept.with(|k| k.plan.action(&measure).is_some()))
    };
    let click = move |_| {
        if adopted.get_untracked() {
            nav.go(Step::Plan);
            return;
        }
        let list = sxsh_core::checklist::active();
        let measure = measure.clone();
        draft.with_untracked(|d| plan.edit(|p, today| adopt(p, list, d, &measure, today)));
        said.set(Some(fill(
            ctx.0.get_untracked().late(LateText::PlanAddedStatus),
            &[("title", &title)],
        )));
    };
    view! {
        <button type="button" class="cp-button cp-action__adopt" data-testid="adopt" data-adopted=move || adopted.get().then_some("true") on:click=click>
            {move || ctx.0.get().late(if adopted.get() { LateText::PlanAdded } else { LateText::PlanAdd })}
        </button>
        <span role="status" class="cp-visually-hidden">{move || said.get()}</span>
    }
}

/// Says that this assessment began from an earlier one, and from which day: shown on the review
/// (where every carried answer is listed as before), the plan and the progress screen.
#[component]
pub fn CarriedNotice() -> impl IntoView {
    let ctx = LangCtx::expect();
    let plan = use_context::<PlanCtx>();
    move || {
        let lang = ctx.0.get();
        let from = plan?.kept.with(|k| k.history.last().map(|m| m.assessed_on.clone()))?;
        Some(view! {
            <p class="cp-notice" data-testid="carried-notice">
                {fill(lang.late(LateText::PlanCarried), &[("date", &dates::day(&from))])}
            </p>
        })
    }
}
