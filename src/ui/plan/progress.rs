//! `<ProgressScreen>`: progress year on year (score, savings identified and actions done) as an
//! accessible inline SVG chart with the same figures in a table beside it, and "start this year's
//! assessment from the previous one", from the work this browser keeps or from a saved file.

use super::{CarriedNotice, PlanCtx};
use crate::download::{self, FileReadError};
use crate::storage;
use crate::ui::ctx::{DraftCtx, LangCtx, NavCtx};
use crate::ui::{focus_when_mounted, now_iso};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist;
use sxsh_core::dates;
use sxsh_core::export::{self, AssessmentFile, ImportError, KeptPlan};
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Lang, LateText, Text, fill};
use sxsh_core::numbers::format;
use sxsh_core::plan::{self, Series, YearPoint};
use sxsh_core::report::money_range;

/// The year-on-year points (`plan::progress`): the earlier assessments and this one as of today.
fn points(kept: &KeptPlan, draft: &Draft, today: &str) -> Vec<YearPoint> {
    let current = plan::milestone(checklist::active(), draft, &kept.plan, today);
    plan::progress(&kept.history, current)
}

/// Millions of VND, for the savings panel's labels.
fn millions(vnd: f64) -> f64 {
    vnd / 1e6
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
    let today = super::today();
    let points = {
        let today = today.clone();
        Memo::new(move |_| plan.kept.with(|k| draft.with(|d| points(k, d, &today))))
    };
    // Built again on a change of language, so its texts are fixed.
    move || {
        let t = move |text| ctx.0.get().late(text);
        let today = today.clone();
        view! {
            <section class="cp-section cp-progress" aria-labelledby="cp-progress-title">
                <h2 id="cp-progress-title" class="cp-section__title" tabindex="-1" node_ref=heading>{t(LateText::PlanProgressHeading)}</h2>
                <CarriedNotice />
                {move || (points.with(Vec::len) < 2).then(|| view! { <p data-testid="progress-none">{t(LateText::PlanProgressNone)}</p> })}
                <div class="cp-progress__figures">
                    <ProgressChart points=points />
                    <ProgressTable points=points today=today />
                </div>
                <CarryForward />
                <div class="cp-nav">
                    <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Results)>{t(LateText::PlanBack)}</button>
                    <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Plan)>{t(LateText::PlanOpen)}</button>
                </div>
            </section>
        }
    }
}

/// The chart: three small panels (score, savings identified, actions done), one bar per year
/// (`plan::chart`'s geometry), each with its year written under it and its value over it, so
/// nothing is told by colour alone.
#[component]
fn ProgressChart(points: Memo<Vec<YearPoint>>) -> impl IntoView {
    let ctx = LangCtx::expect();
    const LEFT: f64 = 44.0;
    const WIDTH: f64 = 280.0;
    const HEIGHT: f64 = 90.0;
    const PANEL: f64 = 150.0;
    let panel = move |lang: Lang, index: usize, series: Series, points: &[YearPoint]| {
        let top = index as f64 * PANEL;
        let area = top + 24.0;
        let chart = plan::chart(points, series, WIDTH, HEIGHT);
        let (title, value_text): (LateText, Box<dyn Fn(f64) -> String>) = match series {
            Series::Score => {
                (LateText::PlanChartScore, Box::new(move |v| format(v.round(), lang, 0)))
            }
            Series::Savings => {
                (LateText::PlanChartSavings, Box::new(move |v| format(millions(v), lang, 1)))
            }
            Series::ActionsDone => (LateText::PlanChartDone, Box::new(move |v| format(v, lang, 0))),
        };
        let ticks = chart
            .ticks
            .iter()
            .map(|t| {
                view! {
                    <line stroke="currentColor" stroke-opacity="0.3" x1=LEFT x2=LEFT + WIDTH y1=area + t.y y2=area + t.y></line>
                    <text class="cp-chart__label" x=LEFT - 4.0 y=area + t.y + 4.0 text-anchor="end">{value_text(t.value)}</text>
                }
            })
            .collect_view();
        let bars = chart
            .bars
            .iter()
            .zip(points)
            .map(|(bar, p)| {
                let middle = LEFT + bar.x + bar.width / 2.0;
                let label = match series {
                    Series::Score => p.score_percent.map_or_else(|| "–".to_owned(), &value_text),
                    Series::Savings => format!("{}–{}", format(millions(p.savings_vnd.low), lang, 1), format(millions(p.savings_vnd.high), lang, 1)),
                    Series::ActionsDone => format!("{} / {}", p.actions_done, p.actions),
                };
                let low = bar.low_y.map(|y| view! {
                    <line stroke="currentColor" stroke-width="2" x1=LEFT + bar.x x2=LEFT + bar.x + bar.width y1=area + y y2=area + y></line>
                });
                view! {
                    <rect class="cp-chart__bar" x=LEFT + bar.x y=area + bar.y width=bar.width height=bar.height></rect>
                    {low}
                    <text class="cp-chart__value" x=middle y=area + bar.y - 3.0 text-anchor="middle">{label}</text>
                    <text class="cp-chart__label" x=middle y=area + HEIGHT + 14.0 text-anchor="middle">{bar.year.to_string()}</text>
                }
            })
            .collect_view();
        view! {
            <g data-series=format!("{series:?}").to_lowercase()>
                <text class="cp-chart__label" font-weight="700" x="0" y=top + 12.0>{lang.late(title).to_owned()}</text>
                {ticks}
                {bars}
            </g>
        }
    };
    view! {
        <svg
            class="cp-chart cp-progress__chart"
            viewBox=format!("0 0 {} {}", LEFT + WIDTH + 6.0, 3.0 * PANEL)
            role="img"
            aria-labelledby="cp-progress-chart-title"
            focusable="false"
            data-testid="progress-chart"
        >
            <title id="cp-progress-chart-title">{move || ctx.0.get().late(LateText::PlanChartTitle)}</title>
            {move || {
                let lang = ctx.0.get();
                let points = points.get();
                view! {
                    {panel(lang, 0, Series::Score, &points)}
                    {panel(lang, 1, Series::Savings, &points)}
                    {panel(lang, 2, Series::ActionsDone, &points)}
                }
            }}
        </svg>
    }
}

/// The chart's figures as a table.
#[component]
fn ProgressTable(points: Memo<Vec<YearPoint>>, today: String) -> impl IntoView {
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
                                let year = p.year.to_string();
                                let when = if p.assessed_on == today {
                                    fill(lang.late(LateText::PlanCurrentYear), &[("year", &year)])
                                } else {
                                    fill(lang.late(LateText::PlanAssessedOn), &[("year", &year), ("date", &dates::day(&p.assessed_on))])
                                };
                                let score = p.score_percent.map_or_else(|| "–".to_owned(), |s| format!("{} / 100", format(s.round(), lang, 0)));
                                view! {
                                    <tr data-year=year>
                                        <th scope="row">{when}</th>
                                        <td>{score}</td>
                                        <td>{money_range(p.savings_vnd, lang)}</td>
                                        <td>{format!("{} / {}", p.actions_done, p.actions)}</td>
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
    // Built with the screen, again on a change of language: its texts are fixed.
    let late = move |text| ctx.0.get_untracked().late(text);
    let message = RwSignal::new(None::<String>);
    let start = move |previous: AssessmentFile| {
        let next = export::carry_forward(&previous, checklist::active(), &now_iso());
        plan.take(&next);
        draft.set(next.draft);
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
        // Dated the day it was completed (reached the results), else today.
        let day = storage::load_history()
            .into_iter()
            .find(|e| e.draft == current)
            .map_or_else(now_iso, |e| e.completed_at);
        let kept = plan.kept.get_untracked();
        start(export::file(&current, &day, None).with_plan(&kept.plan, &kept.history));
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
                Ok(text) => (plan.import)(&text).map_err(|err| match err {
                    ImportError::TooLarge => Text::StorageImportTooLarge,
                    ImportError::NotJson => Text::StorageImportNotJson,
                    ImportError::WrongKind => Text::StorageImportWrongKind,
                    ImportError::FutureVersion => Text::StorageImportFuture,
                    ImportError::Malformed => Text::StorageImportMalformed,
                }),
            };
            element.set_value("");
            match outcome {
                Err(text) => message.set(Some(lang.text(text).to_owned())),
                Ok(file) => {
                    // Work in progress on this browser is replaced: the user is told so, as when
                    // a file is opened.
                    let question = if draft.with_untracked(Draft::is_blank) {
                        LateText::PlanCarryConfirm
                    } else {
                        LateText::PlanCarryReplaceConfirm
                    };
                    if crate::ui::confirm(lang.late(question)) {
                        start(file);
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
