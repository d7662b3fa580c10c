//! The report: every result of an assessment as text in one language, ready to lay out.
//!
//! The results screen, the PDF, the CSV and the print view all show the same words and numbers,
//! so they all come from here: `build` turns checklist + draft + results into a `Report`, and the
//! small formatters below are shared with the screen. The enterprise's action plan is added by
//! `Report::with_plan` (`plan_section`: each action's measure, owner, target day as dd/mm/yyyy,
//! status in words with its day, and the saving it achieved, self-reported), since only the
//! widget and a saved file have a plan. Pure: no I/O, no web APIs.

pub mod csv;
pub mod pdf;

use crate::assessment::{Answer, Draft};
use crate::checklist::{Checklist, MeasureKind, NormKind, NormMetric, Stream};
use crate::dates;
use crate::export::AssessmentResults;
use crate::flow::{self, Step};
use crate::i18n::{Lang, LateText, Text, fill};
use crate::numbers::{format, format_vnd};
use crate::plan::{ActionStatus, Plan};
use crate::savings::{Action, CostBasis, Missing, Range, ShareBasis, StreamSaving};
use serde::{Deserialize, Serialize};

/// A low–high range with `decimals` decimals ("1,7–6,4"), or one number when both ends agree.
pub fn range(r: Range, lang: Lang, decimals: usize) -> String {
    let (low, high) = (format(r.low, lang, decimals), format(r.high, lang, decimals));
    if low == high { low } else { format!("{low}–{high}") }
}

/// A fraction range as percent ("1,7–6,4 %").
pub fn percent_range(r: Range, lang: Lang) -> String {
    format!("{} %", range(Range { low: r.low * 100.0, high: r.high * 100.0 }, lang, 1))
}

/// A money range ("62.730.000 ₫ – 230.400.000 ₫").
pub fn money_range(r: Range, lang: Lang) -> String {
    format!("{} – {}", format_vnd(r.low, lang), format_vnd(r.high, lang))
}

/// A measure's payback: "Hoàn vốn ngay" when both ends are 0, "dưới 1 năm" when only the low
/// end is, one number when both ends agree, else the range; in years with one decimal.
pub fn payback_text(years: [f64; 2], lang: Lang) -> String {
    let [low, high] = years.map(|y| format(y, lang, 1));
    let unit =
        lang.text(if high == "1" { Text::ResultsPaybackUnitOne } else { Text::ResultsPaybackUnit });
    if high == "0" {
        lang.text(Text::ResultsPaybackNow).to_owned()
    } else if low == "0" {
        fill(lang.text(Text::ResultsPaybackUnder), &[("high", &high), ("unit", unit)])
    } else if low == high {
        fill(lang.text(Text::ResultsPaybackSingle), &[("value", &high), ("unit", unit)])
    } else {
        fill(lang.text(Text::ResultsPaybackYears), &[("low", &low), ("high", &high)])
    }
}

/// Where a stream's money comes from when the user gave no cost: the EVN tariff at their voltage
/// level, or a fuel's reference price, each with its year. Costs the user entered need no note.
fn price_notes(list: &Checklist, s: &StreamSaving, lang: Lang) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(CostBasis::Tariff { voltage_level, .. }) = &s.cost_basis {
        let levels = &list.electricity.voltage_levels;
        let level = levels.iter().find(|l| &l.id == voltage_level).map_or("", |l| lang.pick(l));
        notes.push(fill(
            lang.text(Text::ResultsMoneyAtTariff),
            &[("year", &list.electricity.tariff_year.to_string()), ("level", level)],
        ));
    }
    for f in s.fuels.iter().filter(|f| f.cost_basis == Some(CostBasis::DefaultPrice)) {
        let Some(fuel) = list.fuel(&f.fuel) else { continue };
        let (Some(price), Some(year)) = (fuel.price_vnd_per_unit, fuel.price_year) else {
            continue;
        };
        notes.push(fill(
            lang.text(Text::ResultsMoneyAtDefaultPrice),
            &[
                ("fuel", lang.pick(fuel)),
                ("year", &year.to_string()),
                ("price", &format_vnd(price, lang)),
                ("unit", &fuel.unit),
            ],
        ));
    }
    notes
}

/// The unit of a stream's quantity, as the content states it.
fn stream_unit(list: &Checklist, stream: Stream) -> &str {
    list.stream_info(stream).map_or("", |s| s.unit.as_str())
}

/// A stream's name.
pub fn stream_label(list: &Checklist, stream: Stream, lang: Lang) -> String {
    list.stream_info(stream).map(|s| lang.pick(s).to_owned()).unwrap_or_default()
}

/// The label of an answer level.
pub fn level_text(level: crate::assessment::Level) -> Text {
    use crate::assessment::Level;
    match level {
        Level::Done => Text::AnswerDone,
        Level::Partly => Text::AnswerPartly,
        Level::NotYet => Text::AnswerNotYet,
        Level::NotApplicable => Text::AnswerNotApplicable,
    }
}

/// One stream of the savings table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavingsLine {
    pub stream: Stream,
    pub name: String,
    pub share: String,
    pub quantity: String,
    pub money: String,
    pub co2: String,
    /// What is missing, and which default prices (with their years) the money uses.
    pub notes: Vec<String>,
}

/// One end use's saving, for the chart and its table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndUseLine {
    pub stream: Stream,
    pub end_use: String,
    /// "Chiếu sáng (điện)".
    pub name: String,
    /// Its share of the stream and the share saved ("chiếm 6,0 % điện; tiết kiệm 3,0–3,9 % điện").
    pub detail: String,
    /// Money per year, when the stream's cost is known; empty otherwise.
    pub money: String,
    /// The saving as a share of the stream, 0–1 (for the bars' length).
    pub low: f64,
    pub high: f64,
}

/// An end use's name.
pub fn end_use_label(list: &Checklist, id: &str, lang: Lang) -> String {
    list.end_use(id).map(|e| lang.pick(e).to_owned()).unwrap_or_else(|| id.to_owned())
}

/// The end uses of every stream that save something, largest saving first within a stream.
pub fn end_use_lines(list: &Checklist, streams: &[StreamSaving], lang: Lang) -> Vec<EndUseLine> {
    let mut lines = Vec::new();
    for s in streams {
        let stream = stream_label(list, s.stream, lang).to_lowercase();
        let mut of_stream: Vec<EndUseLine> = s
            .end_uses
            .iter()
            .filter(|e| e.fraction.high > 0.0 || e.switched.high > 0.0)
            .map(|e| {
                let saved = e.fraction.scale(e.share);
                let share = Range { low: e.share, high: e.share };
                let mut detail = fill(
                    lang.text(Text::ResultsEndUseDetail),
                    &[
                        ("share", &percent_range(share, lang)),
                        ("saving", &percent_range(saved, lang)),
                        ("stream", &stream),
                    ],
                );
                if e.switched.high > 0.0 {
                    let switched = percent_range(e.switched, lang);
                    let note =
                        fill(lang.text(Text::ResultsEndUseSwitch), &[("switched", &switched)]);
                    detail = format!("{detail}; {note}");
                }
                let name = end_use_label(list, &e.end_use, lang);
                EndUseLine {
                    stream: s.stream,
                    end_use: e.end_use.clone(),
                    name: fill(
                        lang.text(Text::ResultsEndUseName),
                        &[("end_use", &name), ("stream", &stream)],
                    ),
                    detail,
                    money: e.vnd.map(|v| money_range(v, lang)).unwrap_or_default(),
                    low: saved.low,
                    high: saved.high,
                }
            })
            .collect();
        of_stream.sort_by(|a, b| b.high.total_cmp(&a.high));
        lines.extend(of_stream);
    }
    lines
}

/// Where the splits over end uses come from: one sentence per source of split (the sector's
/// default, or the factory's own figures), naming the streams it covers.
pub fn share_notes(list: &Checklist, streams: &[StreamSaving], lang: Lang) -> Vec<String> {
    let mut bases: Vec<(&ShareBasis, Vec<String>)> = Vec::new();
    for s in streams.iter().filter(|s| s.end_uses.len() > 1) {
        let name = stream_label(list, s.stream, lang).to_lowercase();
        match bases.iter_mut().find(|(basis, _)| *basis == &s.share_basis) {
            Some((_, names)) => names.push(name),
            None => bases.push((&s.share_basis, vec![name])),
        }
    }
    bases
        .into_iter()
        .map(|(basis, names)| {
            let streams = names.join(", ");
            match basis {
                ShareBasis::Entered => {
                    fill(lang.text(Text::ResultsSharesEntered), &[("streams", &streams)])
                }
                ShareBasis::Default { sector } => {
                    let name = list.sectors.iter().find(|s| &s.id == sector).map_or_else(
                        || lang.text(Text::ResultsSharesAnySector).to_owned(),
                        |s| lang.pick(s).to_owned(),
                    );
                    fill(
                        lang.text(Text::ResultsSharesDefault),
                        &[("streams", &streams), ("sector", &name)],
                    )
                }
            }
        })
        .collect()
}

/// One stream's line of the savings table.
pub fn savings_line(list: &Checklist, s: &StreamSaving, lang: Lang) -> SavingsLine {
    let quantity = if s.fuels.is_empty() {
        s.quantity
            .map(|q| format!("{} {}", range(q, lang, 0), stream_unit(list, s.stream)))
            .unwrap_or_default()
    } else {
        let fuel_text = |f: &crate::savings::FuelSaving| {
            let fuel = list.fuel(&f.fuel);
            let name = fuel.map(|x| lang.pick(x).to_owned()).unwrap_or_default();
            let unit = fuel.map(|x| x.unit.clone()).unwrap_or_default();
            format!("{name}: {} {unit}", range(f.quantity, lang, 1))
        };
        s.fuels.iter().map(fuel_text).collect::<Vec<_>>().join("; ")
    };
    let missing: Vec<&str> = s
        .missing
        .iter()
        .map(|m| match m {
            Missing::Quantity => lang.text(Text::ResultsMissingQuantity),
            Missing::Cost => lang.text(Text::ResultsMissingCost),
            Missing::SwitchPrice => lang.text(Text::ResultsMissingSwitchPrice),
        })
        .collect();
    let mut notes = Vec::new();
    if !missing.is_empty() {
        notes.push(fill(lang.text(Text::ResultsMissing), &[("what", &missing.join(", "))]));
    }
    notes.extend(price_notes(list, s, lang));
    SavingsLine {
        stream: s.stream,
        name: stream_label(list, s.stream, lang),
        share: percent_range(s.fraction, lang),
        quantity,
        money: s.vnd.map(|v| money_range(v, lang)).unwrap_or_default(),
        co2: s.co2_t.map(|v| range(v, lang, 1)).unwrap_or_default(),
        notes,
    }
}

/// One recommended action, as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionLine {
    pub question: String,
    pub title: String,
    pub why: String,
    /// Saving, cost and payback; empty for a practice without a saving figure.
    pub details: Vec<String>,
    pub sources: String,
    pub estimate: Option<String>,
}

/// An action's lines.
pub fn action_line(list: &Checklist, action: &Action, lang: Lang) -> ActionLine {
    let question = list.question(&action.question);
    let title = question.map(|q| lang.pick(q).to_owned()).unwrap_or_default();
    let why =
        fill(lang.text(Text::ResultsActionWhy), &[("answer", lang.text(level_text(action.level)))]);
    let Some(s) = &action.saving else {
        return ActionLine {
            question: action.question.clone(),
            title,
            why,
            details: vec![lang.text(Text::ResultsPractice).to_owned()],
            sources: String::new(),
            estimate: None,
        };
    };
    let stream = stream_label(list, s.stream, lang).to_lowercase();
    let end_use = end_use_label(list, &s.end_use, lang).to_lowercase();
    let share = percent_range(s.fraction, lang);
    let fuel = question
        .and_then(|q| q.measure.as_ref())
        .and_then(|m| m.switch_to.as_deref())
        .and_then(|id| list.fuel(id))
        .map(|f| lang.pick(f).to_lowercase())
        .unwrap_or_default();
    let template = match s.kind {
        MeasureKind::Efficiency => Text::ResultsActionSaving,
        MeasureKind::FuelSwitch => Text::ResultsActionSwitch,
    };
    let mut saving = fill(
        lang.text(template),
        &[("share", &share), ("stream", &stream), ("end_use", &end_use), ("fuel", &fuel)],
    );
    if let Some(v) = s.vnd {
        saving = format!(
            "{saving}, {}",
            fill(lang.text(Text::ResultsActionMoney), &[("money", &money_range(v, lang))])
        );
    }
    let cost = list
        .cost_classes
        .iter()
        .find(|c| c.id == s.cost)
        .map(|c| lang.pick(c).to_owned())
        .unwrap_or_default();
    let payback = payback_text(s.payback_years, lang);
    let titles: Vec<&str> = s
        .sources
        .iter()
        .filter_map(|id| list.sources.iter().find(|x| &x.id == id))
        .map(|x| x.title.as_str())
        .collect();
    let estimate = question.and_then(|q| q.measure.as_ref()).and_then(|m| match lang {
        Lang::Vi => m.estimate_vi.clone(),
        Lang::En => m.estimate_en.clone(),
    });
    ActionLine {
        question: action.question.clone(),
        title,
        why,
        details: vec![
            saving,
            fill(lang.text(Text::ResultsActionCost), &[("cost", &cost), ("payback", &payback)]),
        ],
        sources: fill(lang.text(Text::ResultsActionSources), &[("sources", &titles.join("; "))]),
        estimate: estimate.map(|e| fill(lang.text(Text::ResultsActionEstimate), &[("text", &e)])),
    }
}

/// The comparison sentences: national target and sector norms.
pub fn comparison_lines(list: &Checklist, results: &AssessmentResults, lang: Lang) -> Vec<String> {
    let target = list.targets.last().map(|t| {
        format!(
            "{}–{} % ({})",
            format(t.low_pct, lang, 0),
            format(t.high_pct, lang, 0),
            lang.pick(t)
        )
    });
    let energy = results.benchmarks.energy_saving_pct.map(|p| {
        fill(
            lang.text(Text::ResultsBenchmarkEnergy),
            &[
                ("low", &format(p.low, lang, 1)),
                ("high", &format(p.high, lang, 1)),
                ("target", &target.clone().unwrap_or_default()),
            ],
        )
    });
    let norms = results.benchmarks.norms.iter().filter_map(|c| {
        let norm = list.norms.iter().find(|n| n.id == c.norm)?;
        let unit = match norm.metric {
            NormMetric::EnergyMj => format!("MJ/{}", norm.output_unit),
            NormMetric::ElectricityKwh => format!("kWh/{}", norm.output_unit),
            NormMetric::EnergyMjEquivalent => {
                format!("MJ/{} {}", norm.output_unit, lang.text(Text::ResultsEquivalentOutput))
            }
        };
        let template = match norm.kind {
            NormKind::National => Text::ResultsBenchmarkNorm,
            NormKind::BestPractice => Text::ResultsBenchmarkBestPractice,
        };
        Some(fill(
            lang.text(template),
            &[
                ("norm", lang.pick(norm)),
                ("actual", &format(c.actual, lang, 1)),
                ("value", &format(c.norm_value, lang, 0)),
                ("unit", &unit),
                ("percent", &format(c.percent_of_norm(), lang, 0)),
            ],
        ))
    });
    let unavailable = results.benchmarks.unavailable.iter().filter_map(|id| {
        let norm = list.norms.iter().find(|n| &n.id == id)?;
        let missing = match lang {
            Lang::Vi => norm.missing_vi.as_deref(),
            Lang::En => norm.missing_en.as_deref(),
        }?;
        Some(fill(
            lang.text(Text::ResultsBenchmarkMissing),
            &[("norm", lang.pick(norm)), ("missing", missing)],
        ))
    });
    energy.into_iter().chain(norms).chain(unavailable).collect()
}

/// The key-energy-user notice as text: the status sentence, what is missing, the obligations
/// (for a key user or one near the threshold), and the arithmetic. Empty without a rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EnergyUserText {
    pub status: String,
    pub note: String,
    pub missing: Option<String>,
    pub obligations_heading: Option<String>,
    pub obligations: Vec<String>,
    pub arithmetic: Vec<String>,
}

/// The key-energy-user notice of a profile in one language.
pub fn energy_user_text(
    list: &Checklist,
    profile: &crate::assessment::Profile,
    lang: Lang,
) -> Option<EnergyUserText> {
    use crate::benchmarks::{EnergyUserStatus, key_energy_user};
    let rule = list.key_energy_user.as_ref()?;
    let check = key_energy_user(list, profile)?;
    let threshold = format(rule.threshold_toe, lang, 0);
    let toe = check.total_toe.map(|t| format(t, lang, 1)).unwrap_or_default();
    let template = match check.status {
        EnergyUserStatus::KeyUser => Text::LearnEnergyKeyUser,
        EnergyUserStatus::Near => Text::LearnEnergyNear,
        EnergyUserStatus::Below => Text::LearnEnergyBelow,
        EnergyUserStatus::Unknown => Text::LearnEnergyUnknown,
    };
    let pick = |vi: &str, en: &str| if lang == Lang::Vi { vi.to_owned() } else { en.to_owned() };
    let source_name = |id: &str| {
        if id == "electricity" {
            lang.text(Text::LearnElectricity).to_owned()
        } else {
            list.fuel(id).map(|f| lang.pick(f).to_owned()).unwrap_or_default()
        }
    };
    let shows_obligations =
        matches!(check.status, EnergyUserStatus::KeyUser | EnergyUserStatus::Near);
    let mut arithmetic: Vec<String> = check
        .terms
        .iter()
        .map(|t| {
            fill(
                lang.text(Text::LearnEnergyTerm),
                &[
                    ("source", &source_name(&t.source)),
                    ("quantity", &format(t.quantity, lang, 2)),
                    ("unit", &t.unit),
                    ("factor", &format(t.toe_per_unit, lang, 7)),
                    ("toe", &format(t.toe, lang, 1)),
                ],
            )
        })
        .collect();
    if check.total_toe.is_some() {
        arithmetic.push(fill(lang.text(Text::LearnEnergyTotal), &[("toe", &toe)]));
        // The factors' own date, from their source (every factor shows its year).
        let dated = list
            .electricity
            .toe_sources
            .iter()
            .find_map(|id| list.sources.iter().find(|s| &s.id == id)?.valid_from.as_deref());
        if let Some(date) = dated {
            arithmetic
                .push(fill(lang.text(Text::LearnEnergyFactors), &[("date", &dates::day(date))]));
        }
    }
    Some(EnergyUserText {
        status: fill(lang.text(template), &[("toe", &toe), ("threshold", &threshold)]),
        note: match check.status {
            EnergyUserStatus::Near => pick(&rule.near_note_vi, &rule.near_note_en),
            _ => pick(&rule.note_vi, &rule.note_en),
        },
        missing: (!check.missing.is_empty()).then(|| {
            let names: Vec<String> = check.missing.iter().map(|m| source_name(m)).collect();
            fill(lang.text(Text::LearnEnergyMissing), &[("what", &names.join(", "))])
        }),
        obligations_heading: shows_obligations
            .then(|| lang.text(Text::LearnEnergyObligations).to_owned()),
        obligations: if shows_obligations {
            if lang == Lang::Vi { rule.obligations_vi.clone() } else { rule.obligations_en.clone() }
        } else {
            Vec::new()
        },
        arithmetic,
    })
}

/// The support an enterprise can seek, as (title, offers, how to apply) in one language.
pub fn support_lines(list: &Checklist, lang: Lang) -> Vec<(String, String, String)> {
    list.support
        .iter()
        .map(|s| match lang {
            Lang::Vi => (s.title_vi.clone(), s.offers_vi.clone(), s.apply_vi.clone()),
            Lang::En => (s.title_en.clone(), s.offers_en.clone(), s.apply_en.clone()),
        })
        .collect()
}

/// One answer in the appendix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerLine {
    pub section: String,
    pub question_id: String,
    pub question: String,
    pub answer: String,
}

/// The whole report in one language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub lang: Lang,
    pub department: String,
    pub company: String,
    pub sector: String,
    pub ward: String,
    /// The day of the report in Vietnam, `YYYY-MM-DD` (people read it through `dates::day`).
    pub date: String,
    pub assessment_id: String,
    pub checklist_version: String,
    /// Said when the draft was made with an earlier checklist version and is scored with this
    /// one.
    pub rescored: Option<String>,
    /// The overall score out of 100, rounded, if anything is answered.
    pub score: Option<String>,
    pub score_basis: String,
    /// Each area with its score in percent (if answered).
    pub areas: Vec<(String, Option<f64>)>,
    pub savings: Vec<SavingsLine>,
    /// The savings by end use, for the chart, and where the splits come from.
    pub end_uses: Vec<EndUseLine>,
    pub share_notes: Vec<String>,
    pub total_money: String,
    pub total_co2: String,
    pub actions: Vec<ActionLine>,
    pub comparisons: Vec<String>,
    pub energy_user: Option<EnergyUserText>,
    /// (title, what it offers, how to apply).
    pub support: Vec<(String, String, String)>,
    pub answers: Vec<AnswerLine>,
    /// The enterprise's action plan, when it has one (`with_plan`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanSection>,
}

/// The action plan as text, with its own heading and column names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSection {
    pub heading: String,
    /// That the plan is the enterprise's own and its savings self-reported.
    pub note: String,
    /// How many actions are done ("Đã hoàn thành 1/3 biện pháp").
    pub summary: String,
    /// Measure, owner, target date, status, saving achieved.
    pub columns: [String; 5],
    pub lines: Vec<PlanLine>,
}

/// One action of the plan, as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanLine {
    /// The measure's question id.
    pub measure: String,
    /// The measure's title (its id, for a measure this checklist does not have).
    pub title: String,
    pub owner: String,
    /// dd/mm/yyyy, or that none is set.
    pub due: String,
    pub status: ActionStatus,
    /// The status in words with its day ("Đã hoàn thành (20/05/2027)").
    pub status_text: String,
    /// "180.000.000 ₫; 95.000 kWh; 64,1 tấn CO2 mỗi năm", or that nothing is reported.
    pub achieved: String,
}

/// The words of an action's status.
pub fn status_text(status: ActionStatus) -> LateText {
    match status {
        ActionStatus::Planned => LateText::PlanReportPlanned,
        ActionStatus::InProgress => LateText::PlanReportInProgress,
        ActionStatus::Done => LateText::PlanReportDone,
        ActionStatus::Dropped => LateText::PlanReportDropped,
    }
}

/// The plan as text in `lang`; `None` for a plan without actions. Figures are shown as the
/// enterprise reported them: money to the dong, quantities and CO2 with up to 2 decimals.
pub fn plan_section(list: &Checklist, plan: &Plan, lang: Lang) -> Option<PlanSection> {
    if plan.is_empty() {
        return None;
    }
    let t = |text| lang.late(text);
    let lines = plan
        .actions
        .iter()
        .map(|a| {
            let title = list
                .question(&a.measure)
                .map_or_else(|| a.measure.clone(), |q| lang.pick(q).to_owned());
            let owner = a.owner.trim();
            let got = &a.achieved;
            let items: Vec<String> = [
                got.vnd.map(|v| format!("{} ₫", format(v, lang, 0))),
                got.quantity.map(|q| format!("{} {}", format(q, lang, 2), got.unit.trim())),
                got.tco2
                    .map(|c| fill(t(LateText::PlanReportCo2), &[("value", &format(c, lang, 2))])),
            ]
            .into_iter()
            .flatten()
            .map(|item| item.trim_end().to_owned())
            .collect();
            let achieved = if items.is_empty() {
                t(LateText::PlanReportNotReported).to_owned()
            } else {
                fill(t(LateText::PlanReportPerYear), &[("items", &items.join("; "))])
            };
            PlanLine {
                measure: a.measure.clone(),
                title,
                owner: if owner.is_empty() {
                    t(LateText::PlanReportOwnerNone).to_owned()
                } else {
                    owner.to_owned()
                },
                due: if a.due.is_empty() {
                    t(LateText::PlanReportDueNone).to_owned()
                } else {
                    dates::day(&a.due)
                },
                status: a.status,
                status_text: fill(
                    t(LateText::PlanReportStatusOn),
                    &[("status", t(status_text(a.status))), ("date", &dates::day(&a.status_on))],
                ),
                achieved,
            }
        })
        .collect();
    Some(PlanSection {
        heading: t(LateText::PlanReportHeading).to_owned(),
        note: t(LateText::PlanReportNote).to_owned(),
        summary: fill(
            t(LateText::PlanReportSummary),
            &[("done", &plan.done().to_string()), ("total", &plan.actions.len().to_string())],
        ),
        columns: [
            LateText::PlanReportMeasure,
            LateText::PlanReportOwner,
            LateText::PlanReportDue,
            LateText::PlanReportStatus,
            LateText::PlanReportAchieved,
        ]
        .map(|text| t(text).to_owned()),
        lines,
    })
}

impl Report {
    /// The report with the enterprise's action plan (none for a plan without actions).
    pub fn with_plan(self, list: &Checklist, plan: &Plan) -> Report {
        Report { plan: plan_section(list, plan, self.lang), ..self }
    }
}

/// A short, stable id for an assessment: FNV-1a over its content, as 8 hex digits.
pub fn assessment_id(draft: &Draft) -> String {
    let text = format!("{:?}", draft);
    let hash =
        text.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("SXSH-{hash:08X}")
}

/// The answer to a question as text ("Thực hiện một phần", "6,5 L/kg", "Chưa trả lời").
pub fn answer_text(list: &Checklist, draft: &Draft, id: &str, lang: Lang) -> String {
    match draft.answers.get(id) {
        Some(Answer::Level(level)) => lang.text(level_text(level)).to_owned(),
        Some(Answer::Number(n)) => {
            let unit = list.question(id).and_then(|q| q.number.as_ref()).map(|s| match lang {
                Lang::Vi => s.unit_vi.clone(),
                Lang::En => s.unit_en.clone(),
            });
            format!("{} {}", format(n, lang, 4), unit.unwrap_or_default()).trim_end().to_owned()
        }
        None => lang.text(Text::ReviewUnanswered).to_owned(),
    }
}

/// The name of a questionnaire step (an area, or the sector module).
fn step_title(list: &Checklist, step: Step, lang: Lang) -> String {
    match step {
        Step::Area(i) => list.areas.get(i).map(|a| lang.pick(a).to_owned()).unwrap_or_default(),
        _ => lang.text(Text::NavStepSector).to_owned(),
    }
}

/// Builds the report of a draft in one language; `date` is when (an ISO date or an RFC 3339
/// timestamp, whose day in Vietnam the report keeps).
pub fn build(
    list: &Checklist,
    draft: &Draft,
    results: &AssessmentResults,
    lang: Lang,
    date: &str,
) -> Report {
    let profile = &draft.profile;
    let overall = &results.scorecard.overall;
    let sector = profile.sector.as_ref().and_then(|s| list.sectors.iter().find(|x| &x.id == s));
    let answers = flow::steps(list, draft)
        .into_iter()
        .filter(|s| matches!(s, Step::Area(_) | Step::Sector))
        .flat_map(|step| {
            let section = step_title(list, step, lang);
            flow::questions_of(list, draft, step).into_iter().map(move |q| AnswerLine {
                section: section.clone(),
                question_id: q.id.clone(),
                question: lang.pick(q).to_owned(),
                answer: answer_text(list, draft, &q.id, lang),
            })
        })
        .collect();
    let s = &results.savings;
    Report {
        lang,
        department: lang.text(Text::AppDepartment).to_owned(),
        company: profile.company.clone(),
        sector: sector.map(|s| lang.pick(s).to_owned()).unwrap_or_default(),
        ward: profile.ward.clone(),
        date: dates::iso_day(date),
        assessment_id: assessment_id(draft),
        checklist_version: draft.checklist_version.clone(),
        rescored: draft.rescored_from(list).map(|old| {
            fill(lang.text(Text::ResultsRescored), &[("old", old), ("new", &list.version)])
        }),
        score: overall.percent().map(|p| format(p.round(), lang, 0)),
        score_basis: fill(
            lang.text(Text::ResultsScoreBasis),
            &[
                ("answered", &overall.answered.to_string()),
                ("total", &overall.applicable.to_string()),
            ],
        ),
        areas: results
            .scorecard
            .by_area
            .iter()
            .map(|g| {
                (
                    list.area(&g.id).map(|a| lang.pick(a).to_owned()).unwrap_or_default(),
                    g.score.percent(),
                )
            })
            .collect(),
        savings: s.streams.iter().map(|x| savings_line(list, x, lang)).collect(),
        end_uses: end_use_lines(list, &s.streams, lang),
        share_notes: share_notes(list, &s.streams, lang),
        total_money: money_range(s.total_vnd, lang),
        total_co2: range(s.total_co2_t, lang, 1),
        actions: s.actions.iter().map(|a| action_line(list, a, lang)).collect(),
        comparisons: comparison_lines(list, results, lang),
        energy_user: energy_user_text(list, profile, lang),
        support: support_lines(list, lang),
        answers,
        plan: None,
    }
}

/// One line of "what will be sent": a label, the value, and the field the user changes it in
/// (a request form field such as `contact.email`, or a profile field such as `company`).
#[derive(Clone, Debug, PartialEq)]
pub struct SentLine {
    pub label: String,
    pub value: String,
    pub change: Option<&'static str>,
}

/// Exactly what a request carries besides the answers themselves, in the order the check page
/// and the e-mail show it: the enterprise, the contact, the visit details, the consents, and the
/// results summary (which the Department recomputes from the answers).
pub fn sent_lines(
    list: &Checklist,
    request: &crate::request::AssessmentRequest,
    results: &AssessmentResults,
    lang: Lang,
) -> Vec<SentLine> {
    use crate::request::Bills;
    let profile = &request.assessment.draft.profile;
    let c = &request.contact;
    let p = &request.production;
    let yes_no = |b: bool| lang.text(if b { Text::RequestYes } else { Text::RequestNo }).to_owned();
    let overall = &results.scorecard.overall;
    let sector = profile
        .sector
        .as_ref()
        .and_then(|s| list.sectors.iter().find(|x| &x.id == s))
        .map(|s| lang.pick(s).to_owned())
        .unwrap_or_default();
    let bills = match p.bills {
        Bills::Unstated => Text::RequestBillsUnstated,
        Bills::Yes => Text::RequestBillsYes,
        Bills::Partly => Text::RequestBillsPartly,
        Bills::No => Text::RequestBillsNo,
    };
    let line = |label: Text, value: String, change: Option<&'static str>| SentLine {
        label: lang.text(label).to_owned(),
        value,
        change,
    };
    vec![
        line(Text::ProfileCompany, profile.company.trim().to_owned(), Some("company")),
        line(Text::ProfileSector, sector, Some("sector")),
        line(Text::RequestTaxCode, c.tax_code.trim().to_owned(), Some("contact.tax_code")),
        line(Text::RequestName, c.name.trim().to_owned(), Some("contact.name")),
        line(Text::RequestPosition, c.position.trim().to_owned(), Some("contact.position")),
        line(Text::RequestPhone, c.phone.trim().to_owned(), Some("contact.phone")),
        line(Text::RequestEmail, c.email.trim().to_owned(), Some("contact.email")),
        line(
            Text::RequestPeriod,
            c.preferred_period.trim().to_owned(),
            Some("contact.preferred_period"),
        ),
        line(Text::RequestBills, lang.text(bills).to_owned(), Some("production.bills")),
        line(Text::RequestEquipment, p.equipment.trim().to_owned(), Some("production.equipment")),
        line(Text::RequestSchedule, p.schedule.trim().to_owned(), Some("production.schedule")),
        line(Text::RequestNotes, c.notes.trim().to_owned(), Some("contact.notes")),
        line(
            Text::RequestTrainingShort,
            yes_no(request.consent.training),
            Some("consent.training"),
        ),
        line(Text::RequestNewsShort, yes_no(request.consent.news), Some("consent.news")),
        line(
            Text::ResultsScore,
            overall.percent().map_or_else(
                || lang.text(Text::ResultsScoreNone).to_owned(),
                |s| format!("{} / 100", format(s.round(), lang, 0)),
            ),
            None,
        ),
        line(Text::RequestAnswers, format!("{} / {}", overall.answered, overall.applicable), None),
        line(Text::RequestSavings, money_range(results.savings.total_vnd, lang), None),
        line(Text::ResultsCo2, range(results.savings.total_co2_t, lang, 1), None),
    ]
}

/// The e-mail a user can send instead (no endpoint, or by choice): its subject and body, with the
/// same lines as the check page and a reminder to attach the PDF report.
pub fn request_mail(
    list: &Checklist,
    request: &crate::request::AssessmentRequest,
    results: &AssessmentResults,
    lang: Lang,
) -> (String, String) {
    let company = request.assessment.draft.profile.company.trim();
    let subject = fill(lang.text(Text::RequestMailSubject), &[("company", company)]);
    let mut body = format!("{}\n\n", lang.text(Text::RequestMailIntro));
    for line in sent_lines(list, request, results, lang) {
        body += &format!("{}: {}\n", line.label, line.value);
    }
    body += &format!("\n{}\n", lang.text(Text::RequestMailAttach));
    (subject, body)
}
