//! Potential savings of a draft: per end use, per stream, in total, and as a prioritised action
//! list.
//!
//! Each stream is split over its end uses (`end_use_shares`: the factory's own split, else the
//! sector's default, rescaled over the end uses whose equipment the factory has). A measure acts
//! on one end use; "not yet" misses its whole low–high range of that end use, "partly" misses
//! (1 − partly_credit) of it. Measures on one end use combine as 1 − Π(1 − rᵢ), so no end use
//! saves more than itself, and a stream's saving is Σ share × combined, so no stream saves more
//! than itself. A fuel switch saves money and CO2 on the fuel left after the efficiency measures,
//! never energy. Fractions become quantities, money, TOE and CO2 only where the profile gives the
//! figures; otherwise the stream lists what is missing. Pure and total: any draft gets a result.

use crate::assessment::{Draft, FuelUse, Level, Profile};
use crate::checklist::{Checklist, EndUse, Fuel, Measure, MeasureKind, Question, Stream};
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
    /// Both ends times `k`.
    pub fn scale(self, k: f64) -> Range {
        Range { low: self.low * k, high: self.high * k }
    }

    fn add(self, other: Range) -> Range {
        Range { low: self.low + other.low, high: self.high + other.high }
    }

    /// The same two values, low first.
    fn ordered(self) -> Range {
        Range { low: self.low.min(self.high), high: self.low.max(self.high) }
    }

    /// 1 − Π(1 − rᵢ) of each bound: shares of one whole that act one after another.
    fn combined(fractions: impl Iterator<Item = Range> + Clone) -> Range {
        let of = |pick: fn(Range) -> f64| {
            1.0 - fractions.clone().map(|r| 1.0 - pick(r)).product::<f64>()
        };
        Range { low: of(|r| r.low), high: of(|r| r.high) }
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
    /// The price of the fuel a missed fuel switch would burn (its money is left out until known:
    /// the factory enters its own use and cost of that fuel).
    SwitchPrice,
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
    /// Money per year; `None` when the fuel has neither an entered cost nor a default price.
    pub vnd: Option<Range>,
    pub co2_t: Range,
    pub toe: Range,
    pub cost_basis: Option<CostBasis>,
}

/// Where a stream's split over its end uses comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ShareBasis {
    /// The checklist's default split for this sector (`default` when the sector has none),
    /// rescaled over the end uses the factory has.
    Default { sector: String },
    /// The factory's own figures.
    Entered,
}

/// The saving on one end use of a stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndUseSaving {
    pub end_use: String,
    /// The end use's share of the stream at this factory, 0–1.
    pub share: f64,
    /// Combined saving of the efficiency measures missed, as a share of the end use, 0–1.
    pub fraction: Range,
    /// Share of the end use's remaining fuel that missed fuel switches would replace, 0–1.
    pub switched: Range,
    /// Money per year (efficiency and fuel switches), when the stream's cost is known.
    pub vnd: Option<Range>,
}

/// The combined saving on one stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamSaving {
    pub stream: Stream,
    /// Energy or material saved as a share of the stream, 0–1: Σ share × combined fraction of
    /// its end uses (fuel switches save none).
    pub fraction: Range,
    /// Every end use the factory has, in the checklist's order, with its share and saving.
    pub end_uses: Vec<EndUseSaving>,
    pub share_basis: ShareBasis,
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
    pub end_use: String,
    pub kind: MeasureKind,
    /// Share of the stream, 0–1, after the partly factor: saved, or for a fuel switch, switched.
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

/// The value when it is a usable figure: finite and not negative.
pub(crate) fn positive(value: Option<f64>) -> Option<f64> {
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

/// The annual cost of one fuel: as entered, or at the checklist's default price if it has one.
fn fuel_cost(checklist: &Checklist, use_: &FuelUse) -> Option<(f64, CostBasis)> {
    if let Some(cost) = positive(use_.cost_vnd) {
        return Some((cost, CostBasis::Entered));
    }
    let price = positive(checklist.fuel(&use_.fuel)?.price_vnd_per_unit)?;
    Some((positive(use_.quantity)? * price, CostBasis::DefaultPrice))
}

/// The price of one unit of a fuel: the factory's own (cost over quantity), else the default.
fn unit_price(checklist: &Checklist, profile: &Profile, fuel: &str) -> Option<f64> {
    let own = profile.fuels.iter().find(|u| u.fuel == fuel).and_then(|u| {
        let quantity = positive(u.quantity).filter(|q| *q > 0.0)?;
        Some(positive(u.cost_vnd)? / quantity)
    });
    own.or_else(|| positive(checklist.fuel(fuel)?.price_vnd_per_unit))
}

/// The factory's annual energy use in TOE, with the MOIT conversion factors; `None` when no
/// energy figure is given at all.
pub fn annual_toe(checklist: &Checklist, profile: &Profile) -> Option<f64> {
    let electricity =
        positive(profile.electricity.kwh).map(|kwh| kwh * checklist.electricity.toe_per_kwh);
    match (electricity, fuel_toe(checklist, profile)) {
        (Some(e), Some(f)) => Some(e + f),
        (e, f) => e.or(f),
    }
}

/// The factory's annual fuel use in TOE: the fuels the checklist knows that have a quantity;
/// `None` when none has.
pub fn fuel_toe(checklist: &Checklist, profile: &Profile) -> Option<f64> {
    let fuels = profile.fuels.iter().filter_map(|u| {
        let fuel = checklist.fuel(&u.fuel)?;
        Some(positive(u.quantity)? * fuel.toe_per_unit)
    });
    fuels.fold(None, |total, toe| Some(total.unwrap_or(0.0) + toe))
}

/// The grid emission factor at this factory, tCO2 per MWh: its own when given, else the
/// checklist's.
pub fn grid_co2_t_per_mwh(checklist: &Checklist, profile: &Profile) -> f64 {
    positive(profile.electricity.co2_t_per_mwh).unwrap_or(checklist.electricity.co2_t_per_mwh)
}

/// A fuel's emission factor at this factory, tonnes of CO2 per unit: its own when given, else
/// the checklist's.
pub fn fuel_co2_t_per_unit(fuel: &Fuel, use_: &FuelUse) -> f64 {
    positive(use_.co2_t_per_unit).unwrap_or(fuel.co2_t_per_unit)
}

/// One measure the draft misses.
struct Missed<'a> {
    question: &'a Question,
    measure: &'a Measure,
    stream: Stream,
    level: Level,
    /// Missed share of the end use: saved, or for a fuel switch, switched; 0–1.
    fraction: Range,
}

/// Measures missed by the draft. A measure on an end use the checklist does not know is left
/// out (the validator refuses it).
fn missed_measures<'a>(checklist: &'a Checklist, draft: &'a Draft) -> Vec<Missed<'a>> {
    let applicable = applicable_questions(checklist, draft);
    let superseded: BTreeSet<&str> =
        applicable.iter().flat_map(|q| q.supersedes.iter().map(String::as_str)).collect();
    applicable
        .into_iter()
        .filter(|q| !superseded.contains(q.id.as_str()))
        .filter_map(|question| {
            let measure = question.measure.as_ref()?;
            let stream = checklist.measure_stream(measure)?;
            let level = level_of(question, draft)?;
            let share = missed_share(level, checklist.scoring.partly_credit);
            (share > 0.0).then(|| {
                let [low, high] = measure.saving_pct;
                let fraction = Range { low: low / 100.0, high: high / 100.0 }.scale(share);
                Missed { question, measure, stream, level, fraction }
            })
        })
        .collect()
}

/// Whether the factory has an end use: it needs no equipment, or the factory has some of it (a
/// stage included, `Profile::has`).
pub fn has_end_use(checklist: &Checklist, profile: &Profile, end_use: &EndUse) -> bool {
    end_use.equipment.is_empty() || end_use.equipment.iter().any(|e| profile.has(checklist, e))
}

/// The end uses of `stream` at this factory with their shares of the stream (summing to 1), in
/// the checklist's order, and where the split comes from.
///
/// Without figures of its own, the factory gets its sector's default split (`default` when the
/// sector has none) over the end uses it has, rescaled to the whole stream. With figures (percent
/// of the stream), those count as given, a 0 included; the rest of 100 % goes to the end uses it
/// has and left empty, in the default proportions; the whole is then rescaled to 100 %.
pub fn end_use_shares<'a>(
    checklist: &'a Checklist,
    profile: &Profile,
    stream: Stream,
) -> (Vec<(&'a EndUse, f64)>, ShareBasis) {
    let default_set = checklist.default_shares(profile.sector.as_deref(), stream);
    // The validator holds every default share within 0–100.
    let default_weight =
        |e: &EndUse| default_set.and_then(|set| set.pct.get(&e.id)).copied().unwrap_or(0.0);
    // A figure for an end use the factory does not have (its equipment unticked since) counts
    // for nothing.
    let entered = |e: &EndUse| {
        positive(profile.end_use_split.get(&e.id).copied().flatten())
            .filter(|_| has_end_use(checklist, profile, e))
    };
    let of_stream: Vec<&EndUse> =
        checklist.end_uses.iter().filter(|e| e.stream == stream.id()).collect();
    let any_entered = of_stream.iter().any(|e| entered(e).is_some());
    let weights: Vec<(&EndUse, f64)> = if any_entered {
        let given: f64 = of_stream.iter().filter_map(|e| entered(e)).sum();
        let rest = (100.0 - given).max(0.0);
        let empty = |e: &EndUse| entered(e).is_none() && has_end_use(checklist, profile, e);
        let empty_default: f64 =
            of_stream.iter().filter(|e| empty(e)).map(|e| default_weight(e)).sum();
        of_stream
            .iter()
            .map(|e| {
                let weight = match entered(e) {
                    Some(v) => v,
                    None if empty(e) && empty_default > 0.0 => {
                        rest * default_weight(e) / empty_default
                    }
                    None => 0.0,
                };
                (*e, weight)
            })
            .collect()
    } else {
        of_stream
            .iter()
            .filter(|e| has_end_use(checklist, profile, e))
            .map(|e| (*e, default_weight(e)))
            .collect()
    };
    let basis = if any_entered {
        ShareBasis::Entered
    } else {
        let sector = default_set.map_or(crate::checklist::DEFAULT_SHARES, |s| s.sector.as_str());
        ShareBasis::Default { sector: sector.to_owned() }
    };
    // Figures too large to add up give no split rather than shares of nothing; a sum of 0 leaves
    // no weight above 0, so no share either.
    let sum: f64 = weights.iter().map(|(_, w)| w).sum();
    if !sum.is_finite() {
        return (Vec::new(), basis);
    }
    let shares = weights.into_iter().filter(|(_, w)| *w > 0.0).map(|(e, w)| (e, w / sum)).collect();
    (shares, basis)
}

/// What switching the whole of one of the factory's fuels to another saves a year.
struct SwitchValue {
    fuel: String,
    /// Money, when both fuels' prices are known.
    vnd: Option<f64>,
    co2_t: f64,
}

/// What switching the whole of each of the factory's fuels to `target` would save, per fuel. A
/// fuel already the target, or one the switch would make dearer or dirtier, saves nothing on
/// that count.
fn switch_value(checklist: &Checklist, profile: &Profile, target: &str) -> Vec<SwitchValue> {
    // The validator holds every fuel's energy content above 0.
    let Some(to) = checklist.fuel(target) else { return Vec::new() };
    let to_price = unit_price(checklist, profile, target);
    profile
        .fuels
        .iter()
        .filter(|u| u.fuel != target)
        .filter_map(|u| {
            let fuel = checklist.fuel(&u.fuel)?;
            let quantity = positive(u.quantity)?;
            let replacement = quantity * fuel.mj_per_unit / to.mj_per_unit;
            let co2 = fuel_co2_t_per_unit(fuel, u);
            let co2_saved = (quantity * co2 - replacement * to.co2_t_per_unit).max(0.0);
            let vnd = fuel_cost(checklist, u)
                .zip(to_price)
                .map(|((cost, _), price)| (cost - replacement * price).max(0.0));
            Some(SwitchValue { fuel: fuel.id.clone(), vnd, co2_t: co2_saved })
        })
        .collect()
}

/// The share of one end use that each missed fuel switch replaces, by target fuel: switches act
/// one after another on the fuel the efficiency measures leave (`left`, a share of the end use).
fn switched_by_target(switches: &[&Missed], left: Range) -> Vec<(String, Range)> {
    let mut remaining = left;
    let mut by_target: Vec<(String, Range)> = Vec::new();
    for missed in switches {
        let Some(target) = missed.measure.switch_to.clone() else { continue };
        let share = Range {
            low: remaining.low * missed.fraction.low,
            high: remaining.high * missed.fraction.high,
        };
        remaining = Range {
            low: remaining.low * (1.0 - missed.fraction.low),
            high: remaining.high * (1.0 - missed.fraction.high),
        };
        match by_target.iter_mut().find(|(t, _)| *t == target) {
            Some((_, total)) => *total = total.add(share),
            None => by_target.push((target, share)),
        }
    }
    by_target
}

fn stream_saving(
    checklist: &Checklist,
    profile: &Profile,
    stream: Stream,
    missed: &[&Missed],
) -> StreamSaving {
    let (shares, share_basis) = end_use_shares(checklist, profile, stream);
    let cost = stream_cost(checklist, profile, stream);
    let mut end_uses = Vec::new();
    // Per fuel switched to: the share of the stream switched to it, and what switching the
    // whole of each fuel to it saves (worked out once per fuel switched to).
    let mut switched_of_stream: Vec<(String, Range, Vec<SwitchValue>)> = Vec::new();
    for (end_use, share) in shares {
        let on_it: Vec<&Missed> =
            missed.iter().copied().filter(|m| m.measure.end_use == end_use.id).collect();
        let efficiency = on_it.iter().filter(|m| m.measure.kind == MeasureKind::Efficiency);
        let fraction = Range::combined(efficiency.map(|m| m.fraction));
        let switches: Vec<&Missed> =
            on_it.iter().copied().filter(|m| m.measure.kind == MeasureKind::FuelSwitch).collect();
        let left = Range { low: 1.0 - fraction.low, high: 1.0 - fraction.high };
        let by_target = switched_by_target(&switches, left);
        let mut vnd = cost.map(|c| fraction.scale(share * c));
        for (target, of_end_use) in by_target {
            let of_stream = of_end_use.scale(share);
            let at = match switched_of_stream.iter().position(|(t, _, _)| *t == target) {
                Some(at) => at,
                None => {
                    let values = switch_value(checklist, profile, &target);
                    switched_of_stream.push((target, Range::default(), values));
                    switched_of_stream.len() - 1
                }
            };
            let (_, total, values) = &mut switched_of_stream[at];
            *total = total.add(of_stream);
            let money: Option<f64> = values.iter().map(|v| v.vnd).sum();
            vnd = match (vnd, money) {
                (Some(v), Some(m)) => Some(v.add(of_stream.scale(m)).ordered()),
                (v, _) => v,
            };
        }
        let switched = Range::combined(switches.iter().map(|m| m.fraction));
        end_uses.push(EndUseSaving { end_use: end_use.id.clone(), share, fraction, switched, vnd });
    }
    let fraction =
        end_uses.iter().map(|e| e.fraction.scale(e.share)).fold(Range::default(), Range::add);
    let mut saving = StreamSaving {
        stream,
        fraction,
        end_uses,
        share_basis,
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
                    let factor = grid_co2_t_per_mwh(checklist, profile);
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
            let mut switch_unpriced = false;
            for use_ in &profile.fuels {
                let (Some(fuel), Some(quantity)) =
                    (checklist.fuel(&use_.fuel), positive(use_.quantity))
                else {
                    continue;
                };
                let cost = fuel_cost(checklist, use_);
                let co2 = fuel_co2_t_per_unit(fuel, use_);
                let mut vnd = cost.as_ref().map(|(cost, _)| fraction.scale(*cost));
                let mut co2_t = fraction.scale(quantity * co2);
                for (_, share, values) in &switched_of_stream {
                    for value in values.iter().filter(|v| v.fuel == fuel.id) {
                        match value.vnd {
                            Some(money) => vnd = vnd.map(|v| v.add(share.scale(money)).ordered()),
                            None => switch_unpriced = true,
                        }
                        co2_t = co2_t.add(share.scale(value.co2_t)).ordered();
                    }
                }
                saving.fuels.push(FuelSaving {
                    fuel: fuel.id.clone(),
                    quantity: fraction.scale(quantity),
                    vnd,
                    co2_t,
                    toe: fraction.scale(quantity * fuel.toe_per_unit),
                    cost_basis: cost.map(|(_, basis)| basis),
                });
            }
            if saving.fuels.is_empty() {
                saving.missing.extend([Missing::Quantity, Missing::Cost]);
            } else {
                let sum = |pick: fn(&FuelSaving) -> Range| {
                    saving.fuels.iter().map(pick).fold(Range::default(), Range::add)
                };
                saving.co2_t = Some(sum(|f| f.co2_t));
                saving.toe = Some(sum(|f| f.toe));
                // Money only when every fuel has a price: a partial sum would look complete.
                let money: Option<Vec<Range>> = saving.fuels.iter().map(|f| f.vnd).collect();
                match money {
                    Some(money) => {
                        saving.vnd = Some(money.into_iter().fold(Range::default(), Range::add));
                        let default_price = saving
                            .fuels
                            .iter()
                            .any(|f| f.cost_basis == Some(CostBasis::DefaultPrice));
                        saving.cost_basis = Some(if default_price {
                            CostBasis::DefaultPrice
                        } else {
                            CostBasis::Entered
                        });
                    }
                    None => saving.missing.push(Missing::Cost),
                }
            }
            if switch_unpriced && saving.vnd.is_some() {
                saving.missing.push(Missing::SwitchPrice);
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

/// The annual cost of a stream, when known, for pricing end uses and single actions.
fn stream_cost(checklist: &Checklist, profile: &Profile, stream: Stream) -> Option<f64> {
    match stream {
        Stream::Electricity => electricity_cost(checklist, profile).map(|(c, _)| c),
        Stream::Fuel => {
            // Every fuel the factory uses must have a cost: a sum over some would look complete.
            let used = profile
                .fuels
                .iter()
                .filter(|u| checklist.fuel(&u.fuel).is_some() && positive(u.quantity).is_some());
            let costs: Option<Vec<f64>> =
                used.map(|u| fuel_cost(checklist, u).map(|(c, _)| c)).collect();
            costs.filter(|c| !c.is_empty()).map(|c| c.iter().sum())
        }
        other => profile.stream_use(other).and_then(|u| positive(u.cost_vnd)),
    }
}

/// The saving of one missed measure taken alone, on a factory whose end-use shares are `shares`.
fn action_saving(
    checklist: &Checklist,
    profile: &Profile,
    missed: &Missed,
    share: f64,
) -> ActionSaving {
    let fraction = missed.fraction.scale(share);
    let vnd = match (missed.measure.kind, &missed.measure.switch_to) {
        (MeasureKind::FuelSwitch, Some(target)) => {
            let values = switch_value(checklist, profile, target);
            let money: Option<f64> = values.iter().map(|v| v.vnd).sum();
            money.map(|m| fraction.scale(m))
        }
        _ => stream_cost(checklist, profile, missed.stream).map(|cost| fraction.scale(cost)),
    };
    ActionSaving {
        stream: missed.stream,
        end_use: missed.measure.end_use.clone(),
        kind: missed.measure.kind,
        fraction,
        vnd,
        cost: missed.measure.cost.clone(),
        payback_years: missed.measure.payback_years,
        sources: missed.measure.sources.clone(),
    }
}

/// Computes the potential savings of a draft.
pub fn savings(checklist: &Checklist, draft: &Draft) -> Savings {
    let missed = missed_measures(checklist, draft);
    let profile = &draft.profile;
    let streams: Vec<StreamSaving> = checklist
        .streams
        .iter()
        .filter_map(|info| {
            let stream = Stream::from_id(&info.id)?;
            let on_stream: Vec<&Missed> = missed.iter().filter(|m| m.stream == stream).collect();
            (!on_stream.is_empty()).then(|| stream_saving(checklist, profile, stream, &on_stream))
        })
        .collect();
    let total = |pick: fn(&StreamSaving) -> Option<Range>| {
        streams.iter().filter_map(pick).fold(Range::default(), Range::add)
    };

    let share_of = |m: &Missed| {
        streams
            .iter()
            .find(|s| s.stream == m.stream)
            .and_then(|s| s.end_uses.iter().find(|e| e.end_use == m.measure.end_use))
            .map_or(0.0, |e| e.share)
    };
    let mut measures: Vec<(f64, f64, Action)> = missed
        .iter()
        .filter_map(|m| {
            // A measure on an end use the factory does not have saves nothing: not an action.
            let share = share_of(m);
            (share > 0.0).then(|| {
                let saving = action_saving(checklist, profile, m, share);
                let rank = cost_rank(&m.measure.cost);
                let value = saving.vnd.map_or(0.0, Range::mid) / rank;
                let by_share = saving.fraction.mid() / rank;
                let action = Action {
                    question: m.question.id.clone(),
                    level: m.level,
                    saving: Some(saving),
                };
                (value, by_share, action)
            })
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

#[cfg(test)]
mod tests {
    //! The end-use model on a small checklist built here, so each figure is worked by hand.
    use super::*;
    use crate::assessment::{Answer, FuelUse};
    use crate::checklist::{EndUseShares, Fuel, MeasureKind, StreamInfo};
    use std::collections::BTreeMap;

    fn end_use(id: &str, equipment: &[&str]) -> EndUse {
        EndUse {
            id: id.into(),
            vi: id.into(),
            en: id.into(),
            stream: id.split('.').next().unwrap_or_default().into(),
            equipment: equipment.iter().map(|e| (*e).into()).collect(),
        }
    }

    fn question(id: &str, end_use: &str, pct: [f64; 2], kind: MeasureKind) -> Question {
        Question {
            id: id.into(),
            area: "energy".into(),
            topic: "t".into(),
            technique: "t".into(),
            weight: 2,
            text_vi: id.into(),
            text_en: id.into(),
            help_vi: String::new(),
            help_en: String::new(),
            sectors: Vec::new(),
            equipment: Vec::new(),
            sources: Vec::new(),
            end_use: None,
            supersedes: Vec::new(),
            measure: Some(Measure {
                end_use: end_use.into(),
                saving_pct: pct,
                kind,
                switch_to: (kind == MeasureKind::FuelSwitch).then(|| "wood".into()),
                cost: "low".into(),
                payback_years: [0.0, 1.0],
                sources: Vec::new(),
                estimate_vi: None,
                estimate_en: None,
            }),
            number: None,
        }
    }

    fn fuel(id: &str, mj: f64, co2: f64, price: f64) -> Fuel {
        Fuel {
            id: id.into(),
            vi: id.into(),
            en: id.into(),
            unit: "t".into(),
            toe_per_unit: mj / 41_868.0,
            mj_per_unit: mj,
            co2_t_per_unit: co2,
            price_vnd_per_unit: Some(price),
            price_year: Some(2025),
            price_note_vi: None,
            price_note_en: None,
            factor_sources: Vec::new(),
            price_sources: Vec::new(),
        }
    }

    fn shares(stream: &str, pct: &[(&str, f64)]) -> EndUseShares {
        EndUseShares {
            sector: "default".into(),
            stream: stream.into(),
            pct: pct.iter().map(|(k, v)| ((*k).into(), *v)).collect::<BTreeMap<_, _>>(),
            sources: Vec::new(),
            estimate_vi: None,
            estimate_en: None,
        }
    }

    /// Electricity: lighting 10 %, compressed air 30 % (needs a compressor), other 60 %.
    /// Fuel: steam 80 % (needs a boiler), other 20 %. Coal 25,000 MJ/t, 2.5 t CO2/t,
    /// 2,000,000 ₫/t; wood 15,000 MJ/t, no CO2, 600,000 ₫/t.
    fn checklist() -> Checklist {
        let info =
            |id: &str| StreamInfo { id: id.into(), vi: id.into(), en: id.into(), unit: "u".into() };
        Checklist {
            scoring: crate::checklist::ScoringRules { partly_credit: 0.5, ..Default::default() },
            streams: vec![info("electricity"), info("fuel")],
            end_uses: vec![
                end_use("electricity.lighting", &[]),
                end_use("electricity.compressed_air", &["compressor"]),
                end_use("electricity.other", &[]),
                end_use("fuel.steam", &["boiler"]),
                end_use("fuel.other", &[]),
            ],
            end_use_shares: vec![
                shares(
                    "electricity",
                    &[
                        ("electricity.lighting", 10.0),
                        ("electricity.compressed_air", 30.0),
                        ("electricity.other", 60.0),
                    ],
                ),
                shares("fuel", &[("fuel.steam", 80.0), ("fuel.other", 20.0)]),
            ],
            fuels: vec![
                fuel("coal", 25_000.0, 2.5, 2_000_000.0),
                fuel("wood", 15_000.0, 0.0, 600_000.0),
            ],
            questions: vec![
                question("led", "electricity.lighting", [50.0, 60.0], MeasureKind::Efficiency),
                question(
                    "switch_off",
                    "electricity.lighting",
                    [20.0, 50.0],
                    MeasureKind::Efficiency,
                ),
                question(
                    "leaks",
                    "electricity.compressed_air",
                    [10.0, 20.0],
                    MeasureKind::Efficiency,
                ),
                question("traps", "fuel.steam", [5.0, 10.0], MeasureKind::Efficiency),
                question("residues", "fuel.steam", [10.0, 30.0], MeasureKind::FuelSwitch),
            ],
            ..Checklist::default()
        }
    }

    fn draft(answers: &[(&str, Level)], equipment: &[&str]) -> Draft {
        let mut draft = Draft::default();
        for (id, level) in answers {
            draft.answers.0.insert((*id).into(), Answer::Level(*level));
        }
        draft.profile.equipment = equipment.iter().map(|e| (*e).into()).collect();
        draft.profile.electricity.kwh = Some(1_000_000.0);
        draft.profile.electricity.cost_vnd = Some(2_000_000_000.0);
        draft.profile.fuels =
            vec![FuelUse { fuel: "coal".into(), quantity: Some(1_000.0), ..FuelUse::default() }];
        draft
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-9 * expected.abs().max(1.0),
            "{actual} ≠ {expected}"
        );
    }

    fn stream(s: &Savings, stream: Stream) -> &StreamSaving {
        s.streams.iter().find(|x| x.stream == stream).expect("a saving on the stream")
    }

    #[test]
    fn measures_on_one_end_use_combine_within_its_share() {
        let list = checklist();
        let s =
            savings(&list, &draft(&[("led", Level::NotYet), ("switch_off", Level::NotYet)], &[]));
        let e = stream(&s, Stream::Electricity);
        // No compressor: lighting 10 / 70, other 60 / 70. Lighting: 1 − 0.5 × 0.8 = 0.6 (low),
        // 1 − 0.4 × 0.5 = 0.8 (high) of lighting → × 1/7 of the stream.
        close(e.fraction.low, 0.6 / 7.0);
        close(e.fraction.high, 0.8 / 7.0);
        let lighting = &e.end_uses[0];
        assert_eq!(lighting.end_use, "electricity.lighting");
        close(lighting.share, 1.0 / 7.0);
        close(lighting.fraction.low, 0.6);
        close(lighting.vnd.expect("cost entered").high, 0.8 / 7.0 * 2e9);
        assert_eq!(e.end_uses.len(), 2, "no compressed air without a compressor");
        // Money and kWh follow the stream's fraction.
        close(e.vnd.expect("cost entered").high, 0.8 / 7.0 * 2e9);
        close(e.quantity.expect("kWh entered").low, 0.6 / 7.0 * 1e6);
        assert_eq!(e.share_basis, ShareBasis::Default { sector: "default".into() });
        // Each action alone, on its own end use: LED 50–60 % of 1/7.
        let led = s.actions.iter().find(|a| a.question == "led").and_then(|a| a.saving.clone());
        let led = led.expect("LED is an action with a saving");
        close(led.fraction.high, 0.6 / 7.0);
        assert_eq!(led.end_use, "electricity.lighting");
    }

    #[test]
    fn a_measure_on_an_end_use_the_factory_lacks_saves_nothing() {
        let list = checklist();
        let without = savings(&list, &draft(&[("leaks", Level::NotYet)], &[]));
        let e = stream(&without, Stream::Electricity);
        assert_eq!((e.fraction.low, e.fraction.high), (0.0, 0.0));
        assert!(without.actions.iter().all(|a| a.question != "leaks"));
        let with = savings(&list, &draft(&[("leaks", Level::NotYet)], &["compressor"]));
        // Compressed air 30 % of the stream, leaks 10–20 % of it.
        let e = stream(&with, Stream::Electricity);
        close(e.fraction.low, 0.03);
        close(e.fraction.high, 0.06);
    }

    #[test]
    fn partly_misses_the_rest_of_the_credit() {
        let list = checklist();
        let s = savings(&list, &draft(&[("leaks", Level::Partly)], &["compressor"]));
        let e = stream(&s, Stream::Electricity);
        close(e.fraction.low, 0.015);
        close(e.fraction.high, 0.03);
        let done = savings(
            &list,
            &draft(&[("leaks", Level::Done), ("led", Level::Done)], &["compressor"]),
        );
        assert!(done.streams.is_empty());
        assert_eq!(done.total_vnd, Range::default());
    }

    #[test]
    fn the_factorys_own_figures_replace_the_default_split() {
        let list = checklist();
        let mut d = draft(&[("led", Level::NotYet)], &["compressor"]);
        // Lighting 20 % entered; compressed air and other share the other 80 % as 30 : 60.
        d.profile.end_use_split.insert("electricity.lighting".into(), Some(20.0));
        let (shares, basis) = end_use_shares(&list, &d.profile, Stream::Electricity);
        assert_eq!(basis, ShareBasis::Entered);
        let of = |id: &str| shares.iter().find(|(e, _)| e.id == id).map_or(0.0, |(_, s)| *s);
        close(of("electricity.lighting"), 0.2);
        close(of("electricity.compressed_air"), 0.8 * 30.0 / 90.0);
        close(of("electricity.other"), 0.8 * 60.0 / 90.0);
        // Without a compressor, the rest goes to the end uses the plant has: other takes 80 %.
        let mut without = d.clone();
        without.profile.equipment.clear();
        let (shares, _) = end_use_shares(&list, &without.profile, Stream::Electricity);
        let of = |id: &str| shares.iter().find(|(e, _)| e.id == id).map_or(0.0, |(_, s)| *s);
        close(of("electricity.other"), 0.8);
        assert_eq!(shares.len(), 2, "no share for compressed air");
        // An empty end use whose default share is 0 takes nothing of the rest.
        let mut zero = list.clone();
        zero.end_use_shares[0].pct.insert("electricity.compressed_air".into(), 0.0);
        let mut both = d.clone();
        both.profile.end_use_split.insert("electricity.other".into(), Some(50.0));
        let (shares, _) = end_use_shares(&zero, &both.profile, Stream::Electricity);
        let of = |id: &str| shares.iter().find(|(e, _)| e.id == id).map_or(0.0, |(_, s)| *s);
        close(of("electricity.lighting"), 20.0 / 70.0);
        close(of("electricity.other"), 50.0 / 70.0);
        // Figures over 100 % are scaled down to 100 %; a 0 counts as given.
        d.profile.end_use_split.insert("electricity.compressed_air".into(), Some(150.0));
        d.profile.end_use_split.insert("electricity.other".into(), Some(0.0));
        let (shares, _) = end_use_shares(&list, &d.profile, Stream::Electricity);
        let of = |id: &str| shares.iter().find(|(e, _)| e.id == id).map_or(0.0, |(_, s)| *s);
        close(of("electricity.lighting"), 20.0 / 170.0);
        close(of("electricity.compressed_air"), 150.0 / 170.0);
        assert_eq!(shares.len(), 2, "an end use entered as 0 takes no share");
        let total: f64 = shares.iter().map(|(_, s)| s).sum();
        close(total, 1.0);
    }

    #[test]
    fn a_fuel_switch_saves_money_and_co2_never_energy() {
        let list = checklist();
        let s = savings(&list, &draft(&[("residues", Level::NotYet)], &["boiler"]));
        let f = stream(&s, Stream::Fuel);
        assert_eq!((f.fraction.low, f.fraction.high), (0.0, 0.0), "no energy saved");
        let coal = &f.fuels[0];
        assert_eq!((coal.quantity.high, coal.toe.high), (0.0, 0.0));
        // 1,000 t coal = 25,000,000 MJ = 1,666.67 t wood. Whole switch: 2,000,000,000 ₫ −
        // 1,666.67 × 600,000 ₫ = 1,000,000,000 ₫ and 2,500 t CO2. Steam is 80 %, switched 10–30 %.
        close(coal.vnd.expect("priced").low, 0.8 * 0.1 * 1e9);
        close(coal.vnd.expect("priced").high, 0.8 * 0.3 * 1e9);
        close(coal.co2_t.high, 0.8 * 0.3 * 2_500.0);
        close(s.total_toe.high, 0.0);
        let action = s.actions[0].saving.clone().expect("a saving");
        assert_eq!(action.kind, MeasureKind::FuelSwitch);
        close(action.vnd.expect("prices known").high, 0.8 * 0.3 * 1e9);
    }

    #[test]
    fn a_switch_acts_on_the_fuel_the_efficiency_measures_leave() {
        let list = checklist();
        let answers = [("residues", Level::NotYet), ("traps", Level::NotYet)];
        let s = savings(&list, &savings_draft(&answers));
        let f = stream(&s, Stream::Fuel);
        // Traps save 5–10 % of steam (80 %): 4–8 % of fuel. The switch replaces 10–30 % of the
        // remaining 95 % / 90 % of steam: money 0.8 × (0.05 × 2e9 + 0.95 × 0.1 × 1e9) low.
        close(f.fraction.low, 0.04);
        close(f.fraction.high, 0.08);
        let coal = &f.fuels[0];
        close(coal.vnd.expect("priced").low, 0.8 * (0.05 * 2e9 + 0.95 * 0.1 * 1e9));
        close(coal.vnd.expect("priced").high, 0.8 * (0.1 * 2e9 + 0.9 * 0.3 * 1e9));
        close(coal.quantity.high, 0.08 * 1_000.0);
    }

    fn savings_draft(answers: &[(&str, Level)]) -> Draft {
        draft(answers, &["boiler"])
    }

    #[test]
    fn a_switch_to_a_dearer_fuel_or_from_the_target_itself_saves_no_money() {
        let mut list = checklist();
        list.fuels[1].price_vnd_per_unit = Some(5_000_000.0);
        let s = savings(&list, &savings_draft(&[("residues", Level::NotYet)]));
        let coal = &stream(&s, Stream::Fuel).fuels[0];
        assert_eq!(coal.vnd.expect("priced").high, 0.0);
        assert!(coal.co2_t.high > 0.0, "CO2 still falls");
        let mut d = savings_draft(&[("residues", Level::NotYet)]);
        d.profile.fuels[0].fuel = "wood".into();
        let s = savings(&list, &d);
        let wood = &stream(&s, Stream::Fuel).fuels[0];
        assert_eq!((wood.vnd.expect("priced").high, wood.co2_t.high), (0.0, 0.0));
    }
    #[test]
    fn ranking_is_money_per_relative_cost_of_the_measure() {
        assert_eq!(Range { low: 1.0, high: 3.0 }.mid(), 2.0);
        let mut list = checklist();
        let d = draft(&[("led", Level::NotYet), ("switch_off", Level::NotYet)], &[]);
        let order = |list: &Checklist| {
            savings(list, &d).actions.into_iter().map(|a| a.question).collect::<Vec<_>>()
        };
        // Lighting: LED 50–60 % (mid 55 %), switch-off 20–50 % (mid 35 %) of the same end use.
        let cost = |list: &mut Checklist, i: usize, class: &str| {
            if let Some(m) = list.questions[i].measure.as_mut() {
                m.cost = class.into();
            }
        };
        // No cost beats low cost though it saves less: 35 / 1 against 55 / 2.
        cost(&mut list, 0, "low");
        cost(&mut list, 1, "none");
        assert_eq!(order(&list), ["switch_off", "led"]);
        // Medium cost with 55 against high cost with 35: 55 / 4 against 35 / 8.
        cost(&mut list, 0, "medium");
        cost(&mut list, 1, "high");
        assert_eq!(order(&list), ["led", "switch_off"]);
        // High against medium: 55 / 8 = 6.875 is under 35 / 4 = 8.75.
        cost(&mut list, 0, "high");
        cost(&mut list, 1, "medium");
        assert_eq!(order(&list), ["switch_off", "led"]);
        cost(&mut list, 0, "medium");
        // Medium against low: 55 / 4 = 13.75 is under 35 / 2 = 17.5.
        cost(&mut list, 1, "low");
        assert_eq!(order(&list), ["switch_off", "led"]);
        // Without money, the share of the stream per relative cost ranks them the same way.
        let mut no_money = d.clone();
        no_money.profile.electricity = crate::assessment::ElectricityUse::default();
        let order = savings(&list, &no_money).actions.into_iter().map(|a| a.question);
        assert_eq!(order.collect::<Vec<_>>(), ["switch_off", "led"]);
    }

    #[test]
    fn negative_or_unreadable_figures_count_as_missing() {
        let list = checklist();
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            let mut d = draft(&[("led", Level::NotYet)], &[]);
            d.profile.electricity.kwh = Some(bad);
            d.profile.electricity.cost_vnd = Some(bad);
            let s = savings(&list, &d);
            let e = stream(&s, Stream::Electricity);
            assert_eq!(e.missing, vec![Missing::Quantity, Missing::Cost], "{bad}");
        }
    }

    /// The checklist with one voltage level: off-peak 1,000, normal 2,000, peak 4,000 VND/kWh.
    fn with_tariff() -> Checklist {
        let mut list = checklist();
        list.electricity.voltage_levels = vec![crate::checklist::VoltageLevel {
            id: "kv".into(),
            vi: "kv".into(),
            en: "kv".into(),
            off_peak: 1_000.0,
            normal: 2_000.0,
            peak: 4_000.0,
        }];
        list
    }

    #[test]
    fn the_tariff_prices_each_band_of_hours_and_never_more_than_all_of_them() {
        let list = with_tariff();
        let priced = |peak: Option<f64>, off_peak: Option<f64>| {
            let mut d = draft(&[("led", Level::NotYet)], &[]);
            d.profile.electricity.cost_vnd = None;
            d.profile.electricity.voltage_level = Some("kv".into());
            d.profile.electricity.peak_pct = peak;
            d.profile.electricity.off_peak_pct = off_peak;
            electricity_cost(&list, &d.profile).expect("priced by the tariff")
        };
        // Peak only: 20 % × 4,000 + 80 % × 2,000 = 2,400 VND/kWh, a time-of-use split.
        let (cost, basis) = priced(Some(20.0), None);
        assert_eq!(cost, 1e6 * 2_400.0);
        assert_eq!(basis, CostBasis::Tariff { voltage_level: "kv".into(), time_of_use: true });
        // Off-peak only: 30 % × 1,000 + 70 % × 2,000 = 1,700.
        assert_eq!(
            priced(None, Some(30.0)),
            (1e6 * 1_700.0, CostBasis::Tariff { voltage_level: "kv".into(), time_of_use: true })
        );
        // 80 % peak and 50 % off-peak: off-peak is cut to the 20 % left, none at normal price.
        assert_eq!(priced(Some(80.0), Some(50.0)).0, 1e6 * (0.8 * 4_000.0 + 0.2 * 1_000.0));
        // No split: the normal price, and it says so.
        let (cost, basis) = priced(None, None);
        assert_eq!(cost, 1e6 * 2_000.0);
        assert_eq!(basis, CostBasis::Tariff { voltage_level: "kv".into(), time_of_use: false });
    }

    #[test]
    fn a_switch_is_priced_with_the_factorys_own_price_of_the_fuel_switched_to() {
        let list = checklist();
        // The plant already buys wood: 500 t for 100,000,000 ₫, 200,000 ₫/t, not the default
        // 600,000. Switching all its coal: 2e9 − 1,666.67 t × 200,000 ₫ = 1,666,666,667 ₫.
        let mut d = savings_draft(&[("residues", Level::NotYet)]);
        let wood = |quantity| FuelUse {
            fuel: "wood".into(),
            quantity: Some(quantity),
            cost_vnd: Some(1e8),
            ..FuelUse::default()
        };
        d.profile.fuels.push(wood(500.0));
        let whole = 2e9 - 25_000_000.0 / 15_000.0 * 200_000.0;
        let s = savings(&list, &d);
        let coal = &stream(&s, Stream::Fuel).fuels[0];
        close(coal.vnd.expect("priced").high, 0.8 * 0.3 * whole);
        // Wood it already burns is not switched to itself.
        let wood_saving = &stream(&s, Stream::Fuel).fuels[1];
        assert_eq!((wood_saving.vnd.expect("priced").high, wood_saving.co2_t.high), (0.0, 0.0));
        // A quantity of 0 gives no price of its own: the default price is used.
        d.profile.fuels[1] = wood(0.0);
        let s = savings(&list, &d);
        close(stream(&s, Stream::Fuel).fuels[0].vnd.expect("priced").high, 0.8 * 0.3 * 1e9);
    }

    #[test]
    fn a_switch_saves_only_the_co2_difference_and_needs_a_fuel_with_energy() {
        let mut list = checklist();
        // Wood now counted at 0.5 t CO2 per tonne: 2,500 − 1,666.67 × 0.5 = 1,666.67 t saved.
        list.fuels[1].co2_t_per_unit = 0.5;
        let s = savings(&list, &savings_draft(&[("residues", Level::NotYet)]));
        let coal = &stream(&s, Stream::Fuel).fuels[0];
        close(coal.co2_t.high, 0.8 * 0.3 * (2_500.0 - 25_000_000.0 / 15_000.0 * 0.5));
        // A fuel to switch to without any energy content (which the validator refuses) makes up
        // no saving either.
        list.fuels[1].mj_per_unit = 0.0;
        let s = savings(&list, &savings_draft(&[("residues", Level::NotYet)]));
        let coal = &stream(&s, Stream::Fuel).fuels[0];
        assert_eq!((coal.vnd.expect("priced").high, coal.co2_t.high), (0.0, 0.0));
    }

    #[test]
    fn two_switches_on_one_end_use_act_one_after_another() {
        let mut list = checklist();
        let mut second = question("husk", "fuel.steam", [20.0, 40.0], MeasureKind::FuelSwitch);
        list.questions.push(second.clone());
        let answers = [("residues", Level::NotYet), ("husk", Level::NotYet)];
        let s = savings(&list, &savings_draft(&answers));
        let steam = &stream(&s, Stream::Fuel).end_uses[0];
        // 1 − 0.9 × 0.8 = 28 %; 1 − 0.7 × 0.6 = 58 % of the steam's fuel is switched.
        close(steam.switched.low, 0.28);
        close(steam.switched.high, 0.58);
        // Both to wood: the second acts on what the first left, 0.8 × (10 % + 90 % × 20 %).
        let coal = &stream(&s, Stream::Fuel).fuels[0];
        close(coal.vnd.expect("priced").low, 0.8 * 0.28 * 1e9);
        close(coal.vnd.expect("priced").high, 0.8 * 0.58 * 1e9);
        // To another fuel (no CO2, dearer than coal per MJ): wood's share stays, the other's
        // saves no money but CO2: 0.8 × 0.7 × 40 % of the coal's 2,500 t.
        list.fuels.push(fuel("husk", 10_000.0, 0.0, 1_000_000.0));
        if let Some(m) = second.measure.as_mut() {
            m.switch_to = Some("husk".into());
        }
        *list.questions.last_mut().expect("the second switch") = second;
        let s = savings(&list, &savings_draft(&answers));
        let coal = &stream(&s, Stream::Fuel).fuels[0];
        close(coal.vnd.expect("priced").high, 0.8 * 0.3 * 1e9);
        close(coal.co2_t.high, 0.8 * (0.3 + 0.7 * 0.4) * 2_500.0);
    }

    #[test]
    fn figures_too_large_to_add_up_give_no_split() {
        let list = checklist();
        let mut d = draft(&[("led", Level::NotYet)], &[]);
        d.profile.end_use_split.insert("electricity.lighting".into(), Some(f64::MAX));
        d.profile.end_use_split.insert("electricity.other".into(), Some(f64::MAX));
        let (shares, basis) = end_use_shares(&list, &d.profile, Stream::Electricity);
        assert!(shares.is_empty());
        assert_eq!(basis, ShareBasis::Entered);
    }

    #[test]
    fn switches_on_two_end_uses_to_two_fuels_are_each_priced_with_their_own_fuel() {
        let mut list = checklist();
        list.fuels.push(fuel("husk", 10_000.0, 0.0, 200_000.0));
        let mut other = question("husk_other", "fuel.other", [20.0, 40.0], MeasureKind::FuelSwitch);
        if let Some(m) = other.measure.as_mut() {
            m.switch_to = Some("husk".into());
        }
        list.questions.push(other);
        let answers = [("residues", Level::NotYet), ("husk_other", Level::NotYet)];
        let s = savings(&list, &savings_draft(&answers));
        // Steam (80 %) 10–30 % to wood: 1e9 ₫ for a whole switch. Other (20 %) 20–40 % to husk:
        // 2,500 t × 200,000 ₫ = 5e8 ₫ instead of 2e9, so 1.5e9 ₫ for a whole switch.
        let coal = &stream(&s, Stream::Fuel).fuels[0];
        close(coal.vnd.expect("priced").low, 0.8 * 0.1 * 1e9 + 0.2 * 0.2 * 1.5e9);
        close(coal.vnd.expect("priced").high, 0.8 * 0.3 * 1e9 + 0.2 * 0.4 * 1.5e9);
        let steam = &stream(&s, Stream::Fuel).end_uses[0];
        close(steam.vnd.expect("priced").high, 0.8 * 0.3 * 1e9);
    }
    #[test]
    fn a_fuels_money_says_whether_it_is_entered_or_at_the_default_price() {
        let list = checklist();
        let mut d = savings_draft(&[("traps", Level::NotYet)]);
        let basis = |d: &Draft| stream(&savings(&list, d), Stream::Fuel).cost_basis.clone();
        assert_eq!(basis(&d), Some(CostBasis::DefaultPrice));
        d.profile.fuels[0].cost_vnd = Some(1.8e9);
        assert_eq!(basis(&d), Some(CostBasis::Entered));
        // A fuel with neither a cost nor a default price: quantities stay, money is missing.
        d.profile.fuels[0].cost_vnd = None;
        let mut unpriced = list.clone();
        unpriced.fuels[0].price_vnd_per_unit = None;
        let s = savings(&unpriced, &d);
        let f = stream(&s, Stream::Fuel);
        assert_eq!(
            (f.vnd, f.cost_basis.clone(), f.missing.clone()),
            (None, None, vec![Missing::Cost])
        );
        close(f.fuels[0].quantity.high, 0.08 * 1_000.0);
        let traps = s.actions[0].saving.as_ref().expect("traps is a measure");
        assert_eq!(traps.vnd, None, "no money is made up for the action either");
    }
    #[test]
    fn fuel_money_is_all_or_nothing_and_a_switch_without_a_price_says_so() {
        let mut list = checklist();
        // Coal priced, diesel-like "oil" without a price: no fuel money anywhere, not a part.
        let mut oil = fuel("oil", 40_000.0, 3.0, 0.0);
        oil.price_vnd_per_unit = None;
        list.fuels.push(oil);
        let mut d = savings_draft(&[("traps", Level::NotYet)]);
        d.profile.fuels.push(FuelUse {
            fuel: "oil".into(),
            quantity: Some(100.0),
            ..FuelUse::default()
        });
        let s = savings(&list, &d);
        let f = stream(&s, Stream::Fuel);
        assert_eq!(f.vnd, None);
        assert!(f.end_uses.iter().all(|u| u.vnd.is_none()), "{:?}", f.end_uses);
        assert_eq!(s.actions[0].saving.as_ref().and_then(|a| a.vnd), None);
        // A switch to a fuel without a price: the efficiency money stays, the switch's is left
        // out, and the stream says what it needs.
        let mut list = checklist();
        list.fuels[1].price_vnd_per_unit = None;
        let s = savings(
            &list,
            &savings_draft(&[("traps", Level::NotYet), ("residues", Level::NotYet)]),
        );
        let f = stream(&s, Stream::Fuel);
        close(f.vnd.expect("coal priced").high, 0.8 * 0.1 * 2e9);
        assert_eq!(f.missing, vec![Missing::SwitchPrice]);
        // A fuel given only by its cost (no quantity) is left out of the money, as of the rest.
        let mut d = savings_draft(&[("traps", Level::NotYet)]);
        d.profile.fuels.push(FuelUse {
            fuel: "wood".into(),
            cost_vnd: Some(1e9),
            ..FuelUse::default()
        });
        let s = savings(&checklist(), &d);
        let traps = s.actions[0].saving.as_ref().and_then(|a| a.vnd).expect("coal priced");
        close(traps.high, 0.8 * 0.1 * 2e9);
        // Without a missed switch, nothing is said.
        let s = savings(&list, &savings_draft(&[("traps", Level::NotYet)]));
        assert!(stream(&s, Stream::Fuel).missing.is_empty());
    }

    #[test]
    fn an_own_figure_for_an_end_use_the_plant_lacks_counts_for_nothing() {
        let list = checklist();
        let mut d = draft(&[("led", Level::NotYet)], &[]);
        // Compressed air entered, then the compressor unticked: only lighting and other count.
        d.profile.end_use_split.insert("electricity.compressed_air".into(), Some(30.0));
        let (shares, basis) = end_use_shares(&list, &d.profile, Stream::Electricity);
        assert_eq!(basis, ShareBasis::Default { sector: "default".into() });
        assert_eq!(shares.len(), 2);
        d.profile.end_use_split.insert("electricity.lighting".into(), Some(20.0));
        let (shares, basis) = end_use_shares(&list, &d.profile, Stream::Electricity);
        assert_eq!(basis, ShareBasis::Entered);
        let of = |id: &str| shares.iter().find(|(e, _)| e.id == id).map_or(0.0, |(_, s)| *s);
        close(of("electricity.lighting"), 0.2);
        close(of("electricity.other"), 0.8);
        assert_eq!(of("electricity.compressed_air"), 0.0);
    }
}
