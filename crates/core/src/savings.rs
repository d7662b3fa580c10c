//! Potential savings of a draft: per stream, in total, and as a prioritised action list.
//!
//! Each measure answered "not yet" misses its whole low–high range; "partly" misses
//! (1 − partly_credit) of it. Measures on one stream combine as 1 − Π(1 − rᵢ), capped at the
//! stream's `max_saving_pct`, so no stream's saving exceeds the stream. Fractions become
//! quantities, money, TOE and CO2 only where the profile gives the figures; otherwise the stream
//! lists what is missing. Pure and total: any draft gets a result.

use crate::assessment::{Draft, FuelUse, Level, Profile};
use crate::checklist::{Checklist, Measure, Question, Stream};
use crate::scoring::{applicable_questions, level_of};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A low–high pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

impl Range {
    fn scale(self, k: f64) -> Range {
        Range { low: self.low * k, high: self.high * k }
    }

    fn add(self, other: Range) -> Range {
        Range { low: self.low + other.low, high: self.high + other.high }
    }

    /// The middle of the range.
    pub fn mid(self) -> f64 {
        (self.low + self.high) / 2.0
    }
}

/// A profile figure that would turn a percentage into a quantity or money.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// The stream's annual quantity.
    Quantity,
    /// The stream's annual cost (for electricity: the bill, or the voltage level for the tariff).
    Cost,
}

/// Where a stream's money figure comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostBasis {
    /// The cost the user entered.
    Entered,
    /// The EVN tariff at the user's voltage level; `time_of_use` false means normal-hours price.
    Tariff { voltage_level: String, time_of_use: bool },
    /// The checklist's default fuel price (with its year) for at least one fuel.
    DefaultPrice,
}

/// The saving on one fuel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FuelSaving {
    pub fuel: String,
    pub quantity: Range,
    pub vnd: Range,
    pub co2_t: Range,
    pub toe: Range,
    pub cost_basis: CostBasis,
}

/// The combined saving on one stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamSaving {
    pub stream: Stream,
    /// Combined share of the stream, 0–1, after the cap.
    pub fraction: Range,
    /// Whether the cap cut the combined saving.
    pub capped: bool,
    /// Quantity saved in the stream's unit (not for fuel, which is per fuel).
    pub quantity: Option<Range>,
    pub vnd: Option<Range>,
    pub co2_t: Option<Range>,
    pub toe: Option<Range>,
    pub cost_basis: Option<CostBasis>,
    pub fuels: Vec<FuelSaving>,
    pub missing: Vec<Missing>,
}

/// One recommended action, with why it appears.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub question: String,
    /// The answer that triggered it: not yet or partly.
    pub level: Level,
    /// The saving it stands for, when the question is a measure.
    pub saving: Option<ActionSaving>,
}

/// The saving of one action taken alone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionSaving {
    pub stream: Stream,
    /// Share of the stream, 0–1, after the partly factor.
    pub fraction: Range,
    /// Money per year, when the stream's cost is known.
    pub vnd: Option<Range>,
    pub cost: String,
    pub payback_years: [f64; 2],
    pub sources: Vec<String>,
}

/// The savings of a draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Savings {
    /// In the checklist's stream order; only streams with at least one missed measure.
    pub streams: Vec<StreamSaving>,
    pub total_vnd: Range,
    pub total_co2_t: Range,
    pub total_toe: Range,
    /// Measures first (by value for money), then practices without a figure (by weight).
    pub actions: Vec<Action>,
}

/// Relative investment of a cost class, used only to rank actions (our convention: each class
/// costs about twice the one before; documented in content/README.md).
fn cost_rank(cost: &str) -> f64 {
    match cost {
        "none" => 1.0,
        "low" => 2.0,
        "medium" => 4.0,
        _ => 8.0,
    }
}

/// The share of a measure's range that an answer misses.
fn missed_share(level: Level, partly_credit: f64) -> f64 {
    match level {
        Level::NotYet => 1.0,
        Level::Partly => 1.0 - partly_credit,
        Level::Done | Level::NotApplicable => 0.0,
    }
}

fn positive(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite() && *v >= 0.0)
}

/// The annual electricity cost: the bill if given, else kWh priced by the tariff.
fn electricity_cost(checklist: &Checklist, profile: &Profile) -> Option<(f64, CostBasis)> {
    let e = &profile.electricity;
    if let Some(cost) = positive(e.cost_vnd) {
        return Some((cost, CostBasis::Entered));
    }
    let kwh = positive(e.kwh)?;
    let level_id = e.voltage_level.as_ref()?;
    let level = checklist.electricity.voltage_levels.iter().find(|l| &l.id == level_id)?;
    let peak = positive(e.peak_pct).map(|p| p.min(100.0));
    let off_peak = positive(e.off_peak_pct).map(|p| p.min(100.0));
    let time_of_use = peak.is_some() || off_peak.is_some();
    let peak = peak.unwrap_or(0.0) / 100.0;
    let off_peak = (off_peak.unwrap_or(0.0) / 100.0).min(1.0 - peak);
    let normal = 1.0 - peak - off_peak;
    let price = peak * level.peak + off_peak * level.off_peak + normal * level.normal;
    Some((kwh * price, CostBasis::Tariff { voltage_level: level.id.clone(), time_of_use }))
}

/// The annual cost of one fuel: as entered, or at the checklist's default price.
fn fuel_cost(checklist: &Checklist, use_: &FuelUse) -> Option<(f64, CostBasis)> {
    if let Some(cost) = positive(use_.cost_vnd) {
        return Some((cost, CostBasis::Entered));
    }
    let fuel = checklist.fuel(&use_.fuel)?;
    Some((positive(use_.quantity)? * fuel.price_vnd_per_unit, CostBasis::DefaultPrice))
}

/// The factory's annual energy use in TOE, with the MOIT conversion factors; `None` when no
/// energy figure is given at all.
pub fn annual_toe(checklist: &Checklist, profile: &Profile) -> Option<f64> {
    let electricity =
        positive(profile.electricity.kwh).map(|kwh| kwh * checklist.electricity.toe_per_kwh);
    let fuels = profile.fuels.iter().filter_map(|u| {
        let fuel = checklist.fuel(&u.fuel)?;
        Some(positive(u.quantity)? * fuel.toe_per_unit)
    });
    let mut total = electricity;
    for toe in fuels {
        total = Some(total.unwrap_or(0.0) + toe);
    }
    total
}

/// Measures missed by the draft: (question, measure, its stream, level, missed share of the
/// stream). A measure on a stream the tool does not compute is left out (the validator refuses it).
fn missed_measures<'a>(
    checklist: &'a Checklist,
    draft: &'a Draft,
) -> Vec<(&'a Question, &'a Measure, Stream, Level, Range)> {
    let applicable = applicable_questions(checklist, draft);
    let superseded: BTreeSet<&str> =
        applicable.iter().flat_map(|q| q.supersedes.iter().map(String::as_str)).collect();
    applicable
        .into_iter()
        .filter(|q| !superseded.contains(q.id.as_str()))
        .filter_map(|q| {
            let measure = q.measure.as_ref()?;
            let stream = Stream::from_id(&measure.stream)?;
            let level = level_of(q, draft)?;
            let share = missed_share(level, checklist.scoring.partly_credit);
            (share > 0.0).then(|| {
                let [low, high] = measure.saving_pct;
                let range = Range { low: low / 100.0, high: high / 100.0 }.scale(share);
                (q, measure, stream, level, range)
            })
        })
        .collect()
}

fn stream_saving(
    checklist: &Checklist,
    profile: &Profile,
    stream: Stream,
    fractions: &[Range],
) -> StreamSaving {
    let cap = checklist.stream_info(stream).map_or(1.0, |s| s.max_saving_pct / 100.0);
    let combine =
        |pick: fn(&Range) -> f64| 1.0 - fractions.iter().map(|r| 1.0 - pick(r)).product::<f64>();
    let uncapped = Range { low: combine(|r| r.low), high: combine(|r| r.high) };
    let fraction = Range { low: uncapped.low.min(cap), high: uncapped.high.min(cap) };
    let mut saving = StreamSaving {
        stream,
        fraction,
        capped: uncapped.high > cap,
        quantity: None,
        vnd: None,
        co2_t: None,
        toe: None,
        cost_basis: None,
        fuels: Vec::new(),
        missing: Vec::new(),
    };
    match stream {
        Stream::Electricity => {
            let e = &profile.electricity;
            match positive(e.kwh) {
                Some(kwh) => {
                    let factor =
                        positive(e.co2_t_per_mwh).unwrap_or(checklist.electricity.co2_t_per_mwh);
                    saving.quantity = Some(fraction.scale(kwh));
                    saving.co2_t = Some(fraction.scale(kwh / 1000.0 * factor));
                    saving.toe = Some(fraction.scale(kwh * checklist.electricity.toe_per_kwh));
                }
                None => saving.missing.push(Missing::Quantity),
            }
            match electricity_cost(checklist, profile) {
                Some((cost, basis)) => {
                    saving.vnd = Some(fraction.scale(cost));
                    saving.cost_basis = Some(basis);
                }
                None => saving.missing.push(Missing::Cost),
            }
        }
        Stream::Fuel => {
            for use_ in &profile.fuels {
                let (Some(fuel), Some(quantity)) =
                    (checklist.fuel(&use_.fuel), positive(use_.quantity))
                else {
                    continue;
                };
                let Some((cost, basis)) = fuel_cost(checklist, use_) else { continue };
                let co2 = positive(use_.co2_t_per_unit).unwrap_or(fuel.co2_t_per_unit);
                saving.fuels.push(FuelSaving {
                    fuel: fuel.id.clone(),
                    quantity: fraction.scale(quantity),
                    vnd: fraction.scale(cost),
                    co2_t: fraction.scale(quantity * co2),
                    toe: fraction.scale(quantity * fuel.toe_per_unit),
                    cost_basis: basis,
                });
            }
            if saving.fuels.is_empty() {
                saving.missing.extend([Missing::Quantity, Missing::Cost]);
            } else {
                let sum = |pick: fn(&FuelSaving) -> Range| {
                    saving.fuels.iter().map(pick).fold(Range::default(), Range::add)
                };
                saving.vnd = Some(sum(|f| f.vnd));
                saving.co2_t = Some(sum(|f| f.co2_t));
                saving.toe = Some(sum(|f| f.toe));
                saving.cost_basis =
                    Some(if saving.fuels.iter().any(|f| f.cost_basis == CostBasis::DefaultPrice) {
                        CostBasis::DefaultPrice
                    } else {
                        CostBasis::Entered
                    });
            }
        }
        other => {
            let use_ = profile.stream_use(other);
            match use_.and_then(|u| positive(u.quantity)) {
                Some(q) => saving.quantity = Some(fraction.scale(q)),
                None => saving.missing.push(Missing::Quantity),
            }
            match use_.and_then(|u| positive(u.cost_vnd)) {
                Some(cost) => {
                    saving.vnd = Some(fraction.scale(cost));
                    saving.cost_basis = Some(CostBasis::Entered);
                }
                None => saving.missing.push(Missing::Cost),
            }
        }
    }
    saving
}

/// The annual cost of a stream, when known, for pricing single actions.
fn stream_cost(checklist: &Checklist, profile: &Profile, stream: Stream) -> Option<f64> {
    match stream {
        Stream::Electricity => electricity_cost(checklist, profile).map(|(c, _)| c),
        Stream::Fuel => {
            let costs: Vec<f64> = profile
                .fuels
                .iter()
                .filter_map(|u| fuel_cost(checklist, u).map(|(c, _)| c))
                .collect();
            (!costs.is_empty()).then(|| costs.iter().sum())
        }
        other => profile.stream_use(other).and_then(|u| positive(u.cost_vnd)),
    }
}

/// Computes the potential savings of a draft.
pub fn savings(checklist: &Checklist, draft: &Draft) -> Savings {
    let missed = missed_measures(checklist, draft);
    let streams: Vec<StreamSaving> = checklist
        .streams
        .iter()
        .filter_map(|stream| {
            let kind = Stream::from_id(&stream.id)?;
            let fractions: Vec<Range> = missed
                .iter()
                .filter(|(_, _, of, _, _)| *of == kind)
                .map(|(_, _, _, _, r)| *r)
                .collect();
            (!fractions.is_empty())
                .then(|| stream_saving(checklist, &draft.profile, kind, &fractions))
        })
        .collect();
    let total = |pick: fn(&StreamSaving) -> Option<Range>| {
        streams.iter().filter_map(pick).fold(Range::default(), Range::add)
    };

    let mut measures: Vec<(f64, f64, Action)> = missed
        .iter()
        .map(|(q, m, stream, level, fraction)| {
            let vnd =
                stream_cost(checklist, &draft.profile, *stream).map(|cost| fraction.scale(cost));
            let value = vnd.map_or(0.0, Range::mid) / cost_rank(&m.cost);
            let saving = ActionSaving {
                stream: *stream,
                fraction: *fraction,
                vnd,
                cost: m.cost.clone(),
                payback_years: m.payback_years,
                sources: m.sources.clone(),
            };
            (
                value,
                fraction.mid() / cost_rank(&m.cost),
                Action { question: q.id.clone(), level: *level, saving: Some(saving) },
            )
        })
        .collect();
    // Money first where known; then share of the stream; both per unit of relative cost.
    measures.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
    let mut practices: Vec<(u8, Action)> = applicable_questions(checklist, draft)
        .into_iter()
        .filter(|q| q.measure.is_none())
        .filter_map(|q| {
            let level = level_of(q, draft)?;
            matches!(level, Level::NotYet | Level::Partly)
                .then(|| (q.weight, Action { question: q.id.clone(), level, saving: None }))
        })
        .collect();
    practices.sort_by_key(|(weight, _)| std::cmp::Reverse(*weight));
    let actions = measures
        .into_iter()
        .map(|(_, _, a)| a)
        .chain(practices.into_iter().map(|(_, a)| a))
        .collect();

    Savings {
        total_vnd: total(|s| s.vnd),
        total_co2_t: total(|s| s.co2_t),
        total_toe: total(|s| s.toe),
        streams,
        actions,
    }
}
