//! `<Results>`: the score (overall and per area, as a chart with a table), the potential savings,
//! the prioritised actions with their reasons, the comparisons, and the next steps. Every number
//! comes from the core (`export::AssessmentResults`); this file only formats and lays them out.

use super::ctx::{DraftCtx, LangCtx, NavCtx};
use super::end_uses::{EndUseChart, EndUseSplit};
use super::export_buttons::ExportButtons;
use super::learn_page::{SupportList, technique_anchor};
use super::notes::NotesStatus;
use super::offer::{contact_line, courses_line, rapid_line};
use super::plan::{AdoptButton, PlanPanel};
use super::request_status::RequestStatus;
use super::{focus_when_mounted, now_iso};
use crate::storage::{self, HistoryEntry};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::assessment::Draft;
use sxsh_core::checklist;
use sxsh_core::dates;
use sxsh_core::export::AssessmentResults;
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Text, fill};
use sxsh_core::numbers::format;
use sxsh_core::report::{
    ActionLine, SavingsLine, action_line, comparison_lines, energy_user_text, money_range, range,
    savings_line,
};

/// The results page.
#[component]
pub fn Results() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let nav = NavCtx::expect();
    let config = super::ctx::ConfigCtx::expect();
    let list = checklist::active();
    let offer = super::offer::offer();
    let (offer_courses, offer_contact) = (offer.clone(), offer.clone());
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    let results = Memo::new(move |_| draft.with(|d| AssessmentResults::of(list, d)));
    // Reaching the results completes an assessment: keep it in the history (once per content),
    // and compare with the latest earlier one.
    let history = storage::load_history();
    let current = draft.get_untracked();
    let previous = history.iter().find(|e| e.draft != current).cloned();
    if history.first().is_none_or(|e| e.draft != current) {
        let entry = HistoryEntry {
            completed_at: now_iso(),
            checklist_version: current.checklist_version.clone(),
            company: current.profile.company.clone(),
            draft: current,
        };
        // A history that cannot be saved only means no comparison next time.
        _ = storage::push_history(entry);
    }
    view! {
        <section class="cp-section cp-results" aria-labelledby="cp-results-title">
            <h2 id="cp-results-title" class="cp-section__title" tabindex="-1" node_ref=heading>{move || ctx.text(Text::ResultsHeading)}</h2>
            {move || {
                let lang = ctx.0.get();
                draft.with(|d| d.rescored_from(list).map(|old| fill(lang.text(Text::ResultsRescored), &[("old", old), ("new", &list.version)])))
                    .map(|text| view! { <p class="cp-notice" role="status" data-testid="rescored">{text}</p> })
            }}
            <NotesStatus />
            <ScoreSummary results=results />
            <RequestStatus />
            <ExportButtons />
            <AreaChart results=results />
            <SavingsTable results=results />
            <EndUseChart results=results />
            <EndUseSplit results=results />
            <EnergyUserPanel />
            <PlanPanel />
            <ActionList results=results />
            <SupportList />
            <Comparisons results=results previous=previous />
            <div class="cp-panel cp-next">
                <h3>{move || ctx.text(Text::ResultsNextHeading)}</h3>
                <ul>
                    <li>{move || ctx.text(Text::ResultsNextDownload)}</li>
                    <li>
                        <span data-testid="next-request">{move || rapid_line(&offer, ctx.0.get())}</span>
                        " "
                        <button type="button" class="cp-button cp-button--primary" data-testid="request-open" on:click=move |_| nav.go(Step::Request)>
                            {move || ctx.text(Text::RequestOpen)}
                        </button>
                    </li>
                    <li>{move || {
                        let lang = ctx.0.get();
                        fill(lang.text(Text::ResultsNextContact), &[("department", &config.contact_line(lang))])
                    }}</li>
                    {move || courses_line(&offer_courses, ctx.0.get()).map(|t| view! { <li data-testid="offer-courses">{t}</li> })}
                    {move || contact_line(&offer_contact, ctx.0.get()).map(|t| view! { <li data-testid="offer-contact">{t}</li> })}
                </ul>
                <div class="cp-nav">
                    <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Review)>{move || ctx.text(Text::NavStepReview)}</button>
                    <button
                        type="button"
                        class="cp-button"
                        on:click=move |_| {
                            let confirmed = super::confirm(ctx.text(Text::ResumeNewConfirm));
                            if confirmed {
                                draft.set(Draft::new(list));
                                nav.go(Step::Profile);
                            }
                        }
                    >
                        {move || ctx.text(Text::ResultsNewAssessment)}
                    </button>
                </div>
            </div>
        </section>
    }
}

/// The overall score and what it is based on.
#[component]
fn ScoreSummary(
    /// The computed results.
    results: Memo<AssessmentResults>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    view! {
        <div class="cp-score" data-testid="score">
            <h3>{move || ctx.text(Text::ResultsScore)}</h3>
            {move || {
                let lang = ctx.0.get();
                let overall = results.with(|r| r.scorecard.overall.clone());
                match overall.percent() {
                    Some(p) => view! {
                        <p class="cp-score__value"><span data-testid="score-value">{format(p.round(), lang, 0)}</span>" / 100"</p>
                        <p>{fill(lang.text(Text::ResultsScoreBasis), &[("answered", &overall.answered.to_string()), ("total", &overall.applicable.to_string())])}</p>
                    }
                    .into_any(),
                    None => view! { <p>{lang.text(Text::ResultsScoreNone)}</p> }.into_any(),
                }
            }}
        </div>
    }
}

/// The per-area scores: an SVG bar chart for the eye and the same numbers as a table.
#[component]
fn AreaChart(
    /// The computed results.
    results: Memo<AssessmentResults>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let list = checklist::active();
    let rows = move || {
        let lang = ctx.0.get();
        results.with(|r| {
            r.scorecard
                .by_area
                .iter()
                .map(|g| {
                    (
                        list.area(&g.id).map(|a| lang.pick(a).to_owned()).unwrap_or_default(),
                        g.score.percent(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h3 id="cp-chart-title">{move || ctx.text(Text::ResultsByArea)}</h3>
        <svg class="cp-chart" viewBox="0 0 320 170" role="img" aria-labelledby="cp-chart-title" focusable="false">
            {move || {
                rows()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, percent))| {
                        let y = 8 + i * 32;
                        let width = percent.map_or(0.0, |p| p * 1.9);
                        let value = percent.map_or_else(|| "–".to_owned(), |p| format!("{}", p.round()));
                        view! {
                            <text class="cp-chart__label" x="0" y=y + 12>{name}</text>
                            <rect class="cp-chart__track" x="0" y=y + 16 width="190" height="10" rx="3"></rect>
                            <rect class="cp-chart__bar" x="0" y=y + 16 width=width height="10" rx="3"></rect>
                            <text class="cp-chart__value" x="200" y=y + 26>{value}</text>
                        }
                    })
                    .collect_view()
            }}
        </svg>
        <table class="cp-table" data-testid="area-table">
            <caption class="cp-visually-hidden">{move || ctx.text(Text::ResultsChartTitle)}</caption>
            <thead>
                <tr><th scope="col">{move || ctx.text(Text::ResultsArea)}</th><th scope="col">{move || ctx.text(Text::ResultsPoints)}</th></tr>
            </thead>
            <tbody>
                {move || {
                    let lang = ctx.0.get();
                    rows()
                        .into_iter()
                        .map(|(name, percent)| {
                            let value = percent.map_or_else(|| lang.text(Text::ResultsNoAnswers).to_owned(), |p| format!("{} / 100", format(p.round(), lang, 0)));
                            view! { <tr><th scope="row">{name}</th><td>{value}</td></tr> }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}

fn stream_row(line: SavingsLine) -> impl IntoView {
    let notes = line.notes.into_iter().map(|n| view! { <br /><small>{n}</small> }).collect_view();
    view! {
        <tr data-stream=line.stream.id()>
            <th scope="row">{line.name}</th>
            <td>{line.share}</td>
            <td>{line.quantity} {notes}</td>
            <td>{line.money}</td>
            <td>{line.co2}</td>
        </tr>
    }
}

/// The potential savings per stream and in total.
#[component]
fn SavingsTable(
    /// The computed results.
    results: Memo<AssessmentResults>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let list = checklist::active();
    view! {
        <h3 id="cp-savings-title">{move || ctx.text(Text::ResultsSavingsHeading)}</h3>
        <p>{move || ctx.text(Text::ResultsSavingsIntro)}</p>
        {move || {
            let lang = ctx.0.get();
            results.with(|r| {
                let s = &r.savings;
                if s.streams.is_empty() {
                    return view! { <p data-testid="no-savings">{lang.text(Text::ResultsNoSavings)}</p> }.into_any();
                }
                view! {
                    <div class="cp-table-wrap" tabindex="0" role="region" aria-labelledby="cp-savings-title">
                        <table class="cp-table" data-testid="savings-table">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.text(Text::ResultsStream)}</th>
                                    <th scope="col">{lang.text(Text::ResultsShare)}</th>
                                    <th scope="col">{lang.text(Text::ResultsQuantity)}</th>
                                    <th scope="col">{lang.text(Text::ResultsMoney)}</th>
                                    <th scope="col">{lang.text(Text::ResultsCo2)}</th>
                                </tr>
                            </thead>
                            <tbody>{s.streams.iter().map(|x| stream_row(savings_line(list, x, lang))).collect_view()}</tbody>
                            <tfoot>
                                <tr data-testid="savings-total">
                                    <th scope="row">{lang.text(Text::ResultsTotal)}</th>
                                    <td></td>
                                    <td></td>
                                    <td>{money_range(s.total_vnd, lang)}</td>
                                    <td>{range(s.total_co2_t, lang, 1)}</td>
                                </tr>
                            </tfoot>
                        </table>
                    </div>
                }
                .into_any()
            })
        }}
        <p class="cp-method">{move || ctx.text(Text::ResultsMethod)}</p>
    }
}

fn action_item(
    line: ActionLine,
    technique: Option<(String, String)>,
    nav: NavCtx,
) -> impl IntoView {
    let adopt = view! { <AdoptButton measure=line.question.clone() title=line.title.clone() /> };
    let learn = technique.map(|(id, label)| {
        view! {
            <button type="button" class="cp-link-button" on:click=move |_| nav.open_learn(Some(technique_anchor(&id)))>{label}</button>
        }
    });
    view! {
        <li class="cp-action" data-action=line.question>
            <h4 class="cp-action__title">{line.title}</h4>
            <p class="cp-action__why">{line.why}</p>
            {line.details.into_iter().map(|d| view! { <p>{d}</p> }).collect_view()}
            {(!line.sources.is_empty()).then(|| view! { <p class="cp-action__sources">{line.sources}</p> })}
            {line.estimate.map(|e| view! { <p class="cp-action__estimate">{e}</p> })}
            <div class="cp-nav">{adopt}{learn}</div>
        </li>
    }
}

/// The prioritised actions.
#[component]
fn ActionList(
    /// The computed results.
    results: Memo<AssessmentResults>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let list = checklist::active();
    view! {
        <h3>{move || ctx.text(Text::ResultsActionsHeading)}</h3>
        <ol class="cp-actions" data-testid="actions">
            {move || {
                let lang = ctx.0.get();
                results.with(|r| {
                    r.savings
                        .actions
                        .iter()
                        .map(|a| {
                            let technique = list.question(&a.question).and_then(|q| list.techniques.iter().find(|t| t.id == q.technique)).map(|t| {
                                (t.id.clone(), fill(lang.text(Text::LearnAboutTechnique), &[("technique", lang.pick(t))]))
                            });
                            action_item(action_line(list, a, lang), technique, nav)
                        })
                        .collect_view()
                })
            }}
        </ol>
    }
}

/// The comparisons: national targets, sector norms, and the previous assessment.
#[component]
fn Comparisons(
    /// The computed results.
    results: Memo<AssessmentResults>,
    /// The latest earlier assessment on this browser, if any.
    previous: Option<HistoryEntry>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let list = checklist::active();
    let previous_line = previous.map(|entry| {
        let earlier = AssessmentResults::of(list, &entry.draft).scorecard.overall.percent();
        move || {
            let lang = ctx.0.get();
            let score =
                |p: Option<f64>| p.map_or_else(|| "–".to_owned(), |p| format(p.round(), lang, 0));
            let now = results.with(|r| r.scorecard.overall.percent());
            fill(
                lang.text(Text::ResultsPrevious),
                &[
                    ("date", &dates::day(&entry.completed_at)),
                    ("score", &score(earlier)),
                    ("current", &score(now)),
                ],
            )
        }
    });
    view! {
        <h3>{move || ctx.text(Text::ResultsBenchmarkHeading)}</h3>
        {move || {
            let lang = ctx.0.get();
            results.with(|r| comparison_lines(list, r, lang).into_iter().map(|line| view! { <p>{line}</p> }).collect_view())
        }}
        {previous_line.map(|line| view! { <h3>{move || ctx.text(Text::ResultsPreviousHeading)}</h3><p data-testid="previous">{line}</p> })}
    }
}

/// The key-energy-user notice: status, what is missing, obligations and the arithmetic on request.
#[component]
fn EnergyUserPanel() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let list = checklist::active();
    view! {
        {move || {
            let lang = ctx.0.get();
            draft.with(|d| energy_user_text(list, &d.profile, lang)).map(|e| {
                view! {
                    <div class="cp-panel" data-testid="energy-user">
                        <h3>{lang.text(Text::LearnEnergyHeading)}</h3>
                        <p><strong>{e.status}</strong></p>
                        {e.missing.map(|m| view! { <p>{m}</p> })}
                        <p>{e.note}</p>
                        {e.obligations_heading.map(|h| view! { <p><strong>{h}</strong></p> })}
                        <ul>{e.obligations.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                        <details class="cp-details">
                            <summary>{lang.text(Text::LearnEnergyShow)}</summary>
                            <ul>{e.arithmetic.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                        </details>
                    </div>
                }
            })
        }}
    }
}
