//! `<ProgressScreen>`: progress year on year (score, savings identified and actions done) as an
//! accessible inline SVG chart with the same figures in a table beside it, and "start this year's
//! assessment from the previous one", from the work this browser keeps or from a saved file.

use super::{CarriedNotice, PlanCtx};
use crate::download::{self, FileReadError};
use crate::storage::{self, KeptPlan};
use crate::ui::ctx::{DraftCtx, LangCtx, NavCtx};
use crate::ui::keeping;
use crate::ui::{focus_when_mounted, now_iso};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist;
use sxsh_core::dates;
use sxsh_core::export::{self, AssessmentResults, ImportError};
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Lang, LateText, Text, fill};
use sxsh_core::numbers::format;
use sxsh_core::plan::{ActionStatus, Milestone};
use sxsh_core::report::money_range;
use sxsh_core::savings::Range;

/// One year's figures as the chart and the table show them.
#[derive(Clone, Debug, PartialEq)]
struct Point {
    /// The day of the assessment, `YYYY-MM-DD`.
    day: String,
    /// Whether it is the assessment in progress.
    current: bool,
    score: Option<f64>,
    savings: Range,
    actions: u32,
    done: u32,
}

/// The milestones and the current assessment, oldest first.
fn points(kept: &KeptPlan, draft: &Draft, today: &str) -> Vec<Point> {
    let list = checklist::active();
    let mut points: Vec<Point> = kept
        .history
        .iter()
        .map(|m| Point {
            day: m.assessed_on.clone(),
            current: false,
            score: m.score_percent,
            savings: m.savings_vnd,
            actions: m.actions,
            done: m.actions_done,
        })
        .collect();
    let results = AssessmentResults::of(list, draft);
    let actions = &kept.plan.actions;
    points.push(Point {
        day: today.to_owned(),
        current: true,
        score: results.scorecard.overall.percent(),
        savings: results.savings.total_vnd,
        actions: actions.len() as u32,
        done: actions.iter().filter(|a| a.status == ActionStatus::Done).count() as u32,
    });
    points
}

/// The milestone of an assessment closed on `day`. WIDGET STOPGAP until `plan::carry_forward`.
fn milestone(kept: &KeptPlan, draft: &Draft, day: &str) -> Milestone {
    let list = checklist::active();
    let results = AssessmentResults::of(list, draft);
    Milestone {
        assessed_on: dates::iso_day(day),
        checklist_version: draft.checklist_version.clone(),
        score_percent: results.scorecard.overall.percent(),
        savings_vnd: results.savings.total_vnd,
        actions: kept.plan.actions.len() as u32,
        actions_done: kept.plan.actions.iter().filter(|a| a.status == ActionStatus::Done).count()
            as u32,
    }
}

/// This year's assessment begun from an earlier one closed on `day`: the same answers and
/// profile, the plan carried, and the earlier one kept as a milestone. WIDGET STOPGAP until
/// `plan::carry_forward`.
fn carry(draft: &Draft, kept: &KeptPlan, day: &str) -> (Draft, KeptPlan) {
    let mut next = draft.clone();
    next.checklist_version = checklist::active().version.clone();
    let mut history = kept.history.clone();
    history.push(milestone(kept, draft, day));
    (next, KeptPlan { plan: kept.plan.clone(), history })
}

/// The year of a `YYYY-MM-DD` day.
fn year(day: &str) -> &str {
    day.get(..4).unwrap_or(day)
}

/// Millions of VND, the middle of a range, for the chart's bars and labels.
fn millions(range: Range) -> f64 {
    range.mid() / 1e6
}

/// Progress year on year, and carrying an assessment forward.
#[component]
pub fn ProgressScreen() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let plan = PlanCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    let late = move |text| move || ctx.0.get().late(text);
    let today = super::today();
    let points = Memo::new(move |_| plan.kept.with(|k| draft.with(|d| points(k, d, &today))));
    view! {
        <section class="cp-section cp-progress" aria-labelledby="cp-progress-title">
            <h2 id="cp-progress-title" class="cp-section__title" tabindex="-1" node_ref=heading>{late(LateText::PlanProgressHeading)}</h2>
            <CarriedNotice />
            {move || (points.with(Vec::len) < 2).then(|| view! { <p data-testid="progress-none">{ctx.0.get().late(LateText::PlanProgressNone)}</p> })}
            <div class="cp-progress__figures">
                <ProgressChart points=points />
                <ProgressTable points=points />
            </div>
            <CarryForward />
            <div class="cp-nav">
                <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Results)>{late(LateText::PlanBack)}</button>
                <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Plan)>{late(LateText::PlanOpen)}</button>
            </div>
        </section>
    }
}

/// The chart: three small panels (score, savings identified, actions done), one labelled bar per
/// year with its value written beside it, so nothing is told by colour alone.
#[component]
fn ProgressChart(points: Memo<Vec<Point>>) -> impl IntoView {
    let ctx = LangCtx::expect();
    const ROW: usize = 22;
    const BAR_X: f64 = 70.0;
    const BAR_W: f64 = 170.0;
    let panel = move |lang: Lang, top: usize, title: LateText, rows: Vec<(String, f64, String)>| {
        let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max);
        let bars = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, value, text))| {
                let y = top + 20 + i * ROW;
                let width = if max > 0.0 { value / max * BAR_W } else { 0.0 };
                view! {
                    <text class="cp-chart__label" x="0" y=y + 12>{label}</text>
                    <rect class="cp-chart__track" x=BAR_X y=y + 3 width=BAR_W height="10" rx="3"></rect>
                    <rect class="cp-chart__bar" x=BAR_X y=y + 3 width=width height="10" rx="3"></rect>
                    <text class="cp-chart__value" x=BAR_X + BAR_W + 6.0 y=y + 12>{text}</text>
                }
            })
            .collect_view();
        view! {
            <text class="cp-chart__heading" x="0" y=top + 12>{lang.late(title).to_owned()}</text>
            {bars}
        }
    };
    let height = move || {
        let n = points.with(Vec::len);
        3 * (20 + n * ROW + 10)
    };
    view! {
        <svg
            class="cp-chart cp-progress__chart"
            viewBox=move || format!("0 0 330 {}", height())
            role="img"
            aria-labelledby="cp-progress-chart-title"
            focusable="false"
            data-testid="progress-chart"
        >
            <title id="cp-progress-chart-title">{move || ctx.0.get().late(LateText::PlanChartTitle)}</title>
            {move || {
                let lang = ctx.0.get();
                let points = points.get();
                let label = |p: &Point| {
                    let y = year(&p.day).to_owned();
                    if p.current { fill(lang.late(LateText::PlanCurrentYear), &[("year", &y)]) } else { y }
                };
                let block = 20 + points.len() * ROW + 10;
                let score = points
                    .iter()
                    .map(|p| (label(p), p.score.unwrap_or(0.0), p.score.map_or_else(|| "–".to_owned(), |s| format(s.round(), lang, 0))))
                    .collect();
                let savings = points
                    .iter()
                    .map(|p| (label(p), millions(p.savings), format(millions(p.savings), lang, 1)))
                    .collect();
                let done = points
                    .iter()
                    .map(|p| (label(p), f64::from(p.done), format!("{} / {}", p.done, p.actions)))
                    .collect();
                view! {
                    <g data-series="score">{panel(lang, 0, LateText::PlanChartScore, score)}</g>
                    <g data-series="savings">{panel(lang, block, LateText::PlanChartSavings, savings)}</g>
                    <g data-series="done">{panel(lang, 2 * block, LateText::PlanChartDone, done)}</g>
                }
            }}
        </svg>
    }
}

/// The chart's figures as a table.
#[component]
fn ProgressTable(points: Memo<Vec<Point>>) -> impl IntoView {
    let ctx = LangCtx::expect();
    let late = move |text| move || ctx.0.get().late(text);
    view! {
        <div class="cp-table-wrap" tabindex="0" role="region" aria-labelledby="cp-progress-table-caption">
            <table class="cp-table" data-testid="progress-table">
                <caption id="cp-progress-table-caption">{late(LateText::PlanChartTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{late(LateText::PlanColYear)}</th>
                        <th scope="col">{late(LateText::PlanColScore)}</th>
                        <th scope="col">{late(LateText::PlanColSavings)}</th>
                        <th scope="col">{late(LateText::PlanColDone)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = ctx.0.get();
                        points
                            .get()
                            .into_iter()
                            .map(|p| {
                                let when = if p.current {
                                    fill(lang.late(LateText::PlanCurrentYear), &[("year", year(&p.day))])
                                } else {
                                    fill(lang.late(LateText::PlanAssessedOn), &[("year", year(&p.day)), ("date", &dates::day(&p.day))])
                                };
                                let score = p.score.map_or_else(|| "–".to_owned(), |s| format!("{} / 100", format(s.round(), lang, 0)));
                                view! {
                                    <tr data-year=year(&p.day).to_owned()>
                                        <th scope="row">{when}</th>
                                        <td>{score}</td>
                                        <td>{money_range(p.savings, lang)}</td>
                                        <td>{format!("{} / {}", p.done, p.actions)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// "Start this year's assessment from the previous one": from the work this browser keeps, or
/// from a saved file. The answers, the profile and the plan are carried; the earlier assessment
/// becomes a milestone; the review then lists every carried answer, under a notice that says so.
#[component]
fn CarryForward() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let plan = PlanCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let late = move |text| move || ctx.0.get().late(text);
    let message = RwSignal::new(None::<String>);
    let start = move |from: Draft, kept: KeptPlan, day: String| {
        let (next, kept) = carry(&from, &kept, &day);
        draft.set(next);
        plan.change(|k| *k = kept);
        nav.go(Step::Review);
    };
    let from_browser = move |_| {
        let lang = ctx.0.get_untracked();
        let current = draft.get_untracked();
        if current.is_blank() {
            message.set(Some(lang.late(LateText::PlanCarryNothing).to_owned()));
            return;
        }
        if !crate::ui::confirm(lang.late(LateText::PlanCarryConfirm)) {
            return;
        }
        // The day it was completed (reached the results), else today.
        let day = storage::load_history()
            .into_iter()
            .find(|e| e.draft == current)
            .map_or_else(now_iso, |e| e.completed_at);
        start(current, plan.kept.get_untracked(), day);
    };
    let input = NodeRef::<html::Input>::new();
    let from_file = move |_| {
        let Some(element) = input.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let lang = ctx.0.get_untracked();
            let outcome = match download::read_chosen_file(&element, export::MAX_BYTES as f64).await
            {
                Err(FileReadError::TooLarge) => Err(Text::StorageImportTooLarge),
                Err(FileReadError::Unreadable) => Err(Text::StorageImportReadFailed),
                Ok(text) => match keeping::open().await {
                    Err(_) => Err(Text::StorageFileCodeFailed),
                    Ok(keeper) => (keeper.import)(&text).map_err(|err| match err {
                        ImportError::TooLarge => Text::StorageImportTooLarge,
                        ImportError::NotJson => Text::StorageImportNotJson,
                        ImportError::WrongKind => Text::StorageImportWrongKind,
                        ImportError::FutureVersion => Text::StorageImportFuture,
                        ImportError::Malformed => Text::StorageImportMalformed,
                    }),
                },
            };
            element.set_value("");
            match outcome {
                Err(text) => message.set(Some(lang.text(text).to_owned())),
                Ok(file) => {
                    if crate::ui::confirm(lang.late(LateText::PlanCarryConfirm)) {
                        // WIDGET STOPGAP: the file's own plan and history once version 2 lands.
                        start(file.draft, KeptPlan::default(), file.saved_at);
                    }
                }
            }
        });
    };
    view! {
        <div class="cp-panel" data-testid="carry-forward">
            <h3>{late(LateText::PlanCarryHeading)}</h3>
            <p>{late(LateText::PlanCarryLead)}</p>
            <div class="cp-nav">
                <button type="button" class="cp-button cp-button--primary" data-testid="carry-browser" on:click=from_browser>{late(LateText::PlanCarryBrowser)}</button>
                <div class="cp-file">
                    <label class="cp-button cp-file__label" for="cp-carry-file">{late(LateText::PlanCarryFile)}</label>
                    <input type="file" id="cp-carry-file" class="cp-file__input" accept=".json,application/json" data-testid="carry-file" node_ref=input on:change=from_file />
                </div>
            </div>
            <div role="status">{move || message.get().map(|m| view! { <p class="cp-notice cp-notice--warning" data-testid="carry-message">{m}</p> })}</div>
        </div>
    }
}
