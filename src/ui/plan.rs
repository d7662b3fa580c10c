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
use crate::storage;
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::dates;
use sxsh_core::export::{AssessmentFile, ImportError, KeptPlan};
use sxsh_core::flow::Step;
use sxsh_core::i18n::{LateText, fill};
use sxsh_core::plan::{self, ActionStatus, PlanEdit};

/// The plan and the earlier assessments' milestones, as this browser keeps them.
#[derive(Clone, Copy)]
pub struct PlanCtx {
    pub kept: RwSignal<KeptPlan>,
    /// Reads an assessment file the user chose (`keeping::Keeper::import`, given by the saved
    /// work's chunk that starts the plan, so the plan's screens need no door of their own).
    pub import: fn(&str) -> Result<AssessmentFile, ImportError>,
}

impl PlanCtx {
    /// The context provided when the saved work is read (`start`).
    pub fn expect() -> PlanCtx {
        expect_context::<PlanCtx>()
    }

    /// Reads the kept plan and provides the context; called once, through `ui::keeping`, under
    /// `<App>`'s owner. The plan goes with the draft: when the draft becomes blank (a new
    /// assessment, the data deleted) the plan is forgotten too, here in memory, and in storage
    /// by the draft's autosave (`storage::clear_draft`), the one effect that writes.
    pub fn start(draft: RwSignal<Draft>, import: fn(&str) -> Result<AssessmentFile, ImportError>) {
        let ctx = PlanCtx { kept: RwSignal::new(storage::load_plan()), import };
        provide_context(ctx);
        _ = STARTED.set(ctx);
        update::start();
        Effect::new(move |_| {
            let blank = draft.with(Draft::is_blank);
            if blank && ctx.kept.with_untracked(|k| *k != KeptPlan::default()) {
                ctx.kept.set(KeptPlan::default());
            }
        });
    }

    /// The context once the saved work has been read (for the saved work's own code, which
    /// runs outside any component).
    pub fn started() -> Option<PlanCtx> {
        STARTED.get().copied()
    }

    /// Changes the plan and saves it at once; a storage problem shows in the storage notice.
    pub fn change(self, f: impl FnOnce(&mut KeptPlan)) {
        self.kept.update(f);
        let saved = self.kept.with_untracked(|k| storage::save_plan(k, &now_iso()));
        if let (Err(problem), Some(NoticeCtx(notice))) = (saved, use_context::<NoticeCtx>()) {
            notice.set(Some(problem));
        }
    }

    /// Applies one of the plan's edits (`Plan::apply`) and saves the plan if it changed.
    pub fn apply(self, edit: PlanEdit) {
        let changed = self.kept.try_update(|k| k.plan.apply(edit)).unwrap_or(false);
        if changed {
            self.change(|_| ());
        }
    }

    /// Takes the plan and the earlier assessments of an assessment file (a file opened, or an
    /// assessment carried forward).
    pub fn take(self, file: &AssessmentFile) {
        self.change(|k| {
            *k = KeptPlan { plan: file.plan.clone(), history: file.history.clone() };
        });
    }
}

/// The plan's context, once provided.
static STARTED: std::sync::OnceLock<PlanCtx> = std::sync::OnceLock::new();

/// Today in Vietnam, `YYYY-MM-DD` (the plan's dates).
pub fn today() -> String {
    dates::iso_day(&now_iso())
}

/// A status's label (the report's words, so the screen and the PDF say the same).
pub fn status_text(status: ActionStatus) -> LateText {
    match status {
        ActionStatus::Planned => LateText::PlanReportPlanned,
        ActionStatus::InProgress => LateText::PlanReportInProgress,
        ActionStatus::Done => LateText::PlanReportDone,
        ActionStatus::Dropped => LateText::PlanReportDropped,
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
            let done = k.plan.done();
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
        let unit = draft.with_untracked(|d| {
            plan::adoptable(list, d).into_iter().find(|a| a.measure == measure).map(|a| a.unit)
        });
        plan.apply(PlanEdit::Adopt {
            measure: measure.clone(),
            unit: unit.unwrap_or_default(),
            today: today(),
        });
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
