//! The rapid-assessment record (đánh giá nhanh SXSH): what the Department's assessor records on
//! the site visit for one request, keyed by the request's receipt. The visit (date, team, the
//! areas walked), the verified baseline from bills and meters beside the figures the enterprise
//! reported itself, the opportunities found (a checklist measure or a new finding, each with its
//! end use, the saving estimated on site, the investment, a priority and whether the enterprise
//! agreed to it), the agreed next steps, and whether the record is complete.
//!
//! The record is one versioned JSON document (`KIND`, `FORMAT`); everything in it refers to
//! streams, end uses and measures by their stable checklist ids. The assessor's app sends it as an
//! `Upload` (one idempotency key per change) and the service answers `Saved`. A field added in a
//! later format is `#[serde(default)]`, so a record written by an older build keeps opening; a
//! field this build does not know is refused rather than dropped unseen (a new field comes with a
//! new format). `schemas/rapid-assessment-v1.schema.json` describes the record. Pure.

mod opened;
pub mod report;
mod validate;

use crate::checklist::{Checklist, MeasureKind, Stream};
use crate::export::ImportError;
use crate::request::AssessmentRequest;
use crate::savings::{self, Range, positive};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use opened::{EndUseChoice, MeasureChoice, Opened, StreamChoice, opened};
pub use validate::{MAX_BYTES, MAX_OPPORTUNITIES, validate};

/// What the document is.
pub const KIND: &str = "sxsh-rapid-assessment";
/// The record's format version this build writes and the newest it reads.
pub const FORMAT: u32 = 1;
/// The unit of the fuel stream's quantity in the record: fuels of different units add up only
/// as energy, in tonnes of oil equivalent.
pub const FUEL_UNIT: &str = "TOE";

/// The rapid-assessment record of one request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RapidAssessment {
    /// Always `KIND`.
    pub kind: String,
    /// The format version the record was written in (`FORMAT`).
    pub format: u32,
    /// The receipt of the request the assessment is for (such as `SXSH-2026-0001`).
    pub receipt: String,
    #[serde(default)]
    pub visit: Visit,
    /// The verified baseline, one line per stream.
    #[serde(default)]
    pub baseline: Vec<BaselineLine>,
    /// The opportunities found, in the assessor's order.
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    /// The next steps agreed with the enterprise (several lines).
    #[serde(default)]
    pub next_steps: String,
    /// Whether the assessor has finished the record (the request is then assessed).
    #[serde(default)]
    pub complete: bool,
}

impl RapidAssessment {
    /// An empty record for the request with this receipt.
    pub fn new(receipt: &str) -> RapidAssessment {
        RapidAssessment {
            kind: KIND.into(),
            format: FORMAT,
            receipt: receipt.into(),
            visit: Visit::default(),
            baseline: Vec::new(),
            opportunities: Vec::new(),
            next_steps: String::new(),
            complete: false,
        }
    }
}

/// The site visit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Visit {
    /// The day of the visit, `YYYY-MM-DD`; empty before it is set.
    pub date: String,
    /// Who visited (names, organisations).
    pub team: String,
    /// The areas walked (workshops, boiler house, ...).
    pub areas: String,
}

/// One stream's annual consumption: as the enterprise reported it in its self-assessment, and as
/// the assessor verified it from bills and meters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineLine {
    pub stream: Stream,
    /// The annual quantity the enterprise reported (in `unit`), if any.
    #[serde(default)]
    pub self_reported: Option<f64>,
    /// The annual quantity verified on site (in `unit`), if any.
    #[serde(default)]
    pub verified: Option<f64>,
    /// The quantity's unit, such as `kWh` or `m³`.
    #[serde(default)]
    pub unit: String,
    /// The verified annual cost, VND, if known.
    #[serde(default)]
    pub cost_vnd: Option<f64>,
    /// What the verified figure comes from (the bills, the meters read).
    #[serde(default)]
    pub evidence: String,
}

/// An opportunity found on the visit: a checklist measure or a new finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// Stable within the record, made by the app (a plain id).
    pub id: String,
    /// The checklist question whose measure this is; `None` for a new finding.
    #[serde(default)]
    pub measure: Option<String>,
    pub title: String,
    /// The end use it acts on (an end-use id of the checklist).
    pub end_use: String,
    /// The annual saving estimated on site, in `saving_unit`.
    #[serde(default)]
    pub saving_quantity: Option<f64>,
    #[serde(default)]
    pub saving_unit: String,
    /// The annual saving estimated on site, VND.
    #[serde(default)]
    pub saving_vnd: Option<f64>,
    /// The annual emissions avoided, tonnes of CO2.
    #[serde(default)]
    pub saving_tco2: Option<f64>,
    /// The investment, VND (0 for a no-cost measure).
    #[serde(default)]
    pub investment_vnd: Option<f64>,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub agreement: Agreement,
}

/// How soon an opportunity should be taken up.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    #[default]
    Medium,
    Low,
}

/// Whether the enterprise agreed to carry an opportunity out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Agreed,
    Declined,
    #[default]
    Undecided,
}

/// What the assessor's app sends to save a record: the record with the revision it was edited
/// from. A retry carries the same key; each new change gets a new one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upload {
    pub idempotency_key: String,
    /// The revision the record was edited from (0 before the first save).
    pub base_revision: u32,
    pub record: RapidAssessment,
}

/// The service's reply to an `Upload` it has saved (the same reply for the same key again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The revision the record now has.
    pub revision: u32,
    /// When it was saved (ISO 8601, UTC).
    pub saved_at: String,
}

/// The record's header, read before the rest: what it is and in which format.
#[derive(Deserialize)]
struct Header {
    kind: Option<String>,
    format: Option<u64>,
}

/// Reads a record kept by any build: refused when larger than `MAX_BYTES`, not JSON, not a
/// rapid-assessment record, of a format newer than this build's, or of the wrong shape. A record
/// of an older format opens, what it lacks read as empty (`#[serde(default)]`).
pub fn read(text: &str) -> Result<RapidAssessment, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| ImportError::NotJson)?;
    let header = Header::deserialize(&value).map_err(|_| ImportError::WrongKind)?;
    if header.kind.as_deref() != Some(KIND) {
        return Err(ImportError::WrongKind);
    }
    match header.format {
        Some(f) if f > u64::from(FORMAT) => Err(ImportError::FutureVersion),
        Some(f) if f >= 1 => {
            RapidAssessment::deserialize(value).map_err(|_| ImportError::Malformed)
        }
        _ => Err(ImportError::Malformed),
    }
}

/// The record a visit starts from: the request's self-assessment as the enterprise sent it.
///
/// The baseline has one line per stream of the checklist, in its order, with the annual quantity
/// the enterprise reported (electricity in kWh, fuels together in TOE, the other streams in the
/// checklist's unit) and nothing verified yet. Each measure among the self-assessment's actions
/// (recomputed from its answers, never taken from the client) becomes an opportunity: its id and
/// `measure` are the question's id, its title the question's text (Vietnamese, else English), its
/// end use the measure's, and its saving the self-assessed one of the measure taken alone, as a
/// starting estimate: the middle of the range in VND, in the stream's quantity for an efficiency
/// measure, and in tCO2 where the checklist gives an emission factor (electricity, fuels); a fuel
/// switch saves no energy, and its CO2 is left for the assessor. Investment unknown, priority
/// medium, agreement undecided.
pub fn prefill(
    checklist: &Checklist,
    request: &AssessmentRequest,
    receipt: &str,
) -> RapidAssessment {
    let draft = &request.assessment.draft;
    let profile = &draft.profile;
    let baseline = checklist
        .streams
        .iter()
        .filter_map(|info| Stream::from_id(&info.id))
        .map(|stream| BaselineLine {
            stream,
            self_reported: self_reported(checklist, request, stream),
            verified: None,
            unit: baseline_unit(checklist, stream),
            cost_vnd: None,
            evidence: String::new(),
        })
        .collect();
    let opportunities = savings::savings(checklist, draft)
        .actions
        .iter()
        .filter_map(|action| {
            let saving = action.saving.as_ref()?;
            let question = checklist.question(&action.question)?;
            let title =
                if question.text_vi.is_empty() { &question.text_en } else { &question.text_vi };
            let share = saving.fraction.mid();
            let efficiency = saving.kind == MeasureKind::Efficiency;
            let quantity = self_reported(checklist, request, saving.stream)
                .filter(|_| efficiency)
                .map(|q| q * share);
            let tco2 = match saving.stream {
                Stream::Electricity => quantity
                    .map(|kwh| kwh / 1000.0 * savings::grid_co2_t_per_mwh(checklist, profile)),
                Stream::Fuel if efficiency => fuel_co2_t(checklist, request).map(|t| t * share),
                _ => None,
            };
            Some(Opportunity {
                id: question.id.clone(),
                measure: Some(question.id.clone()),
                title: title.clone(),
                end_use: saving.end_use.clone(),
                saving_unit: if quantity.is_some() {
                    baseline_unit(checklist, saving.stream)
                } else {
                    String::new()
                },
                saving_quantity: quantity,
                saving_vnd: saving.vnd.map(Range::mid),
                saving_tco2: tco2,
                investment_vnd: None,
                priority: Priority::Medium,
                agreement: Agreement::Undecided,
            })
        })
        .collect();
    RapidAssessment { baseline, opportunities, ..RapidAssessment::new(receipt) }
}

/// Puts the enterprise's own figures back into `record`: each baseline line's `self_reported`
/// and `unit` are what `prefill` computes from `request` (never what a client sent), so the
/// record and its report show what the enterprise reported, in the unit the verified figure is
/// read in.
pub fn with_reported(
    checklist: &Checklist,
    request: &AssessmentRequest,
    record: &mut RapidAssessment,
) {
    for line in &mut record.baseline {
        line.self_reported = self_reported(checklist, request, line.stream);
        line.unit = baseline_unit(checklist, line.stream);
    }
}

/// The unit of a stream's quantity in the record: the checklist's, and TOE for fuels.
pub fn baseline_unit(checklist: &Checklist, stream: Stream) -> String {
    match stream {
        Stream::Fuel => FUEL_UNIT.into(),
        other => checklist.stream_info(other).map(|s| s.unit.clone()).unwrap_or_default(),
    }
}

/// The annual quantity of a stream the enterprise reported, in `baseline_unit`.
fn self_reported(
    checklist: &Checklist,
    request: &AssessmentRequest,
    stream: Stream,
) -> Option<f64> {
    let profile = &request.assessment.draft.profile;
    match stream {
        Stream::Electricity => positive(profile.electricity.kwh),
        Stream::Fuel => savings::fuel_toe(checklist, profile),
        other => profile.stream_use(other).and_then(|u| positive(u.quantity)),
    }
}

/// The CO2 of the fuels the enterprise reported, tonnes a year; `None` when it reported none.
fn fuel_co2_t(checklist: &Checklist, request: &AssessmentRequest) -> Option<f64> {
    let fuels = &request.assessment.draft.profile.fuels;
    let each = fuels.iter().filter_map(|u| {
        let fuel = checklist.fuel(&u.fuel)?;
        Some(positive(u.quantity)? * savings::fuel_co2_t_per_unit(fuel, u))
    });
    each.fold(None, |total, t| Some(total.unwrap_or(0.0) + t))
}

/// Years for an opportunity's saving to repay its investment: the investment over the VND saved
/// a year; 0 for an opportunity that costs nothing, `None` when the investment is not known or
/// nothing is saved (it never pays back).
pub fn payback_years(opportunity: &Opportunity) -> Option<f64> {
    let investment = positive(opportunity.investment_vnd)?;
    if investment == 0.0 {
        return Some(0.0);
    }
    let saving = positive(opportunity.saving_vnd).filter(|v| *v > 0.0)?;
    Some(investment / saving)
}

/// The opportunities in the order the report gives them: those the enterprise agreed to first
/// (then those undecided, then those declined), each group by priority (high first), then by
/// VND saved a year (largest first, unknown last); equal ones keep the record's order.
pub fn ranked(record: &RapidAssessment) -> Vec<&Opportunity> {
    let agreement = |a: Agreement| match a {
        Agreement::Agreed => 0,
        Agreement::Undecided => 1,
        Agreement::Declined => 2,
    };
    let vnd = |o: &Opportunity| positive(o.saving_vnd).unwrap_or(-1.0);
    let mut list: Vec<&Opportunity> = record.opportunities.iter().collect();
    list.sort_by(|a, b| {
        agreement(a.agreement)
            .cmp(&agreement(b.agreement))
            .then(a.priority.cmp(&b.priority))
            .then(vnd(b).total_cmp(&vnd(a)))
    });
    list
}

/// A quantity saved on one stream, in one unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamQuantity {
    pub stream: Stream,
    pub unit: String,
    pub quantity: f64,
}

/// The sum of some opportunities as estimated on site.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    /// How many opportunities are summed.
    pub opportunities: usize,
    /// VND saved a year.
    pub vnd: f64,
    /// How many of them have no VND figure (not in `vnd`).
    pub without_vnd: usize,
    /// Tonnes of CO2 avoided a year.
    pub tco2: f64,
    /// How many of them have no tCO2 figure (not in `tco2`).
    #[serde(default)]
    pub without_tco2: usize,
    /// The investment, VND, of those whose investment is known.
    pub investment_vnd: f64,
    /// The quantities saved, per stream (the stream of each one's end use) and unit, in the
    /// checklist's stream order, then by unit.
    pub quantities: Vec<StreamQuantity>,
}

/// The self-assessment's totals: ranges, as the enterprise's answers give them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessed {
    pub vnd: Range,
    pub tco2: Range,
    pub toe: Range,
    /// The quantity saved per stream where the answers give one, in `baseline_unit`, in the
    /// checklist's stream order.
    pub quantities: Vec<SelfQuantity>,
}

/// A self-assessed quantity saved on one stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfQuantity {
    pub stream: Stream,
    pub unit: String,
    pub quantity: Range,
}

/// The totals of a rapid assessment beside the self-assessment's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Recomputed from the request's draft with `savings::savings`.
    pub self_assessed: SelfAssessed,
    /// Every opportunity found.
    pub all: Verified,
    /// Only those the enterprise agreed to.
    pub agreed: Verified,
}

/// The totals of the record's opportunities (all, and those agreed), beside the self-assessed
/// totals of `draft` (the request's). A figure that is not a finite number of 0 or more counts
/// for nothing (`validate` refuses it).
pub fn totals(
    checklist: &Checklist,
    record: &RapidAssessment,
    draft: &crate::assessment::Draft,
) -> Totals {
    let own = savings::savings(checklist, draft);
    let agreed = record.opportunities.iter().filter(|o| o.agreement == Agreement::Agreed);
    Totals {
        self_assessed: SelfAssessed {
            vnd: own.total_vnd,
            tco2: own.total_co2_t,
            toe: own.total_toe,
            quantities: own
                .streams
                .iter()
                .filter_map(|s| {
                    let quantity = if s.stream == Stream::Fuel { s.toe } else { s.quantity }?;
                    let unit = baseline_unit(checklist, s.stream);
                    Some(SelfQuantity { stream: s.stream, unit, quantity })
                })
                .collect(),
        },
        all: verified(checklist, record.opportunities.iter()),
        agreed: verified(checklist, agreed),
    }
}

/// The sum of these opportunities.
fn verified<'a>(checklist: &Checklist, list: impl Iterator<Item = &'a Opportunity>) -> Verified {
    let mut sum = Verified::default();
    let mut quantities: BTreeMap<(Stream, &str), f64> = BTreeMap::new();
    for o in list {
        sum.opportunities += 1;
        match positive(o.saving_vnd) {
            Some(vnd) => sum.vnd += vnd,
            None => sum.without_vnd += 1,
        }
        match positive(o.saving_tco2) {
            Some(tco2) => sum.tco2 += tco2,
            None => sum.without_tco2 += 1,
        }
        sum.investment_vnd += positive(o.investment_vnd).unwrap_or(0.0);
        let stream = checklist.end_use(&o.end_use).and_then(|e| Stream::from_id(&e.stream));
        if let (Some(stream), Some(quantity)) = (stream, positive(o.saving_quantity)) {
            *quantities.entry((stream, o.saving_unit.trim())).or_default() += quantity;
        }
    }
    sum.quantities = quantities
        .into_iter()
        .map(|((stream, unit), quantity)| StreamQuantity { stream, unit: unit.into(), quantity })
        .collect();
    sum
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::assessment::{Answer, Draft, FuelUse, Level};
    use crate::request::{Consent, Contact, Production};

    /// `a` equals `b` to a millionth of `b` (sums of binary fractions are not exact).
    #[track_caller]
    fn near(a: f64, b: f64) {
        assert!((a - b).abs() <= 1e-6 * b.abs().max(1.0), "{a} is not {b}");
    }

    /// A factory with figures chosen to be worked by hand: 1,000,000 kWh for 2,000,000,000 VND
    /// at its own 0.6 tCO2/MWh, lighting 10 % of it; 1,000 t of coal 5-6 (0.50 TOE/t in the
    /// content) for 2,000,000,000 VND at its own 2.0 tCO2/t, all in the boiler; 10,000 m³ of
    /// water. LED lighting (30–60 % of lighting) and condensate return (2–5 % of the boiler's
    /// fuel) not yet done; switching lights off done; a practice without a measure not yet.
    pub(crate) fn factory() -> AssessmentRequest {
        let mut draft = Draft::new(crate::checklist::active());
        let p = &mut draft.profile;
        p.company = "Công ty Dệt Phú Bài".into();
        p.equipment.insert("boiler".into());
        p.electricity.kwh = Some(1_000_000.0);
        p.electricity.cost_vnd = Some(2_000_000_000.0);
        p.electricity.co2_t_per_mwh = Some(0.6);
        p.fuels.push(FuelUse {
            fuel: "coal_5_6".into(),
            quantity: Some(1_000.0),
            cost_vnd: Some(2_000_000_000.0),
            co2_t_per_unit: Some(2.0),
        });
        p.water.quantity = Some(10_000.0);
        for (end_use, pct) in
            [("electricity.lighting", 10.0), ("electricity.other", 90.0), ("fuel.steam", 100.0)]
        {
            p.end_use_split.insert(end_use.into(), Some(pct));
        }
        let practice = crate::checklist::active()
            .questions
            .iter()
            .find(|q| q.measure.is_none() && q.sectors.is_empty() && q.equipment.is_empty())
            .map(|q| q.id.clone())
            .unwrap_or_default();
        for (id, level) in [
            ("energy.lighting.led", Level::NotYet),
            ("energy.boilers_steam.condensate", Level::NotYet),
            ("energy.lighting.switch_off", Level::Done),
            (practice.as_str(), Level::NotYet),
        ] {
            draft.answers.0.insert(id.into(), Answer::Level(level));
        }
        AssessmentRequest::new(
            &draft,
            "7f3c2a10-9d4e-4b6a-8c21-0e5f6a7b8c9d",
            Contact { name: "Nguyễn Văn An".into(), ..Contact::default() },
            Production::default(),
            Consent { request: true, ..Consent::default() },
            "2026-11-28T08:00:00Z",
        )
    }

    #[test]
    fn the_prefill_takes_the_reported_figures_and_each_missed_measure() {
        let list = crate::checklist::active();
        let record = prefill(list, &factory(), "SXSH-2027-0001");
        assert_eq!((record.kind.as_str(), record.format), (KIND, FORMAT));
        assert_eq!(record.receipt, "SXSH-2027-0001");
        assert_eq!((record.visit.clone(), record.complete), (Visit::default(), false));
        let lines: Vec<(Stream, Option<f64>, &str)> =
            record.baseline.iter().map(|l| (l.stream, l.self_reported, l.unit.as_str())).collect();
        assert_eq!(
            lines,
            [
                (Stream::Electricity, Some(1_000_000.0), "kWh"),
                // 1,000 t × 0.50 TOE/t.
                (Stream::Fuel, Some(500.0), "TOE"),
                (Stream::Water, Some(10_000.0), "m³"),
                (Stream::Materials, None, "t"),
                (Stream::Chemicals, None, "t"),
                (Stream::Waste, None, "t"),
            ]
        );
        assert!(record.baseline.iter().all(|l| l.verified.is_none() && l.cost_vnd.is_none()));
        // Only the two missed measures: not the one done, not the practice.
        let mut ids: Vec<&str> = record.opportunities.iter().map(|o| o.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["energy.boilers_steam.condensate", "energy.lighting.led"]);
        let find = |id: &str| record.opportunities.iter().find(|o| o.id == id);
        let led = find("energy.lighting.led").expect("LED");
        let question = list.question("energy.lighting.led").expect("in the content");
        assert_eq!(led.title, question.text_vi);
        assert_eq!(led.measure.as_deref(), Some("energy.lighting.led"));
        assert_eq!(
            (led.end_use.as_str(), led.saving_unit.as_str()),
            ("electricity.lighting", "kWh")
        );
        // 45 % (the middle of 30–60 %) of the 10 % of 1,000,000 kWh for lighting: 45,000 kWh,
        // 90,000,000 VND of 2,000,000,000, and 45 MWh × 0.6 t = 27 t of CO2.
        near(led.saving_quantity.unwrap_or_default(), 45_000.0);
        near(led.saving_vnd.unwrap_or_default(), 90_000_000.0);
        near(led.saving_tco2.unwrap_or_default(), 27.0);
        assert_eq!(led.investment_vnd, None);
        assert_eq!((led.priority, led.agreement), (Priority::Medium, Agreement::Undecided));
        // 3.5 % (the middle of 2–5 %) of the boiler's fuel: 17.5 of 500 TOE, 70,000,000 VND of
        // 2,000,000,000, and 70 t of the 1,000 t × 2.0 t of CO2.
        let condensate = find("energy.boilers_steam.condensate").expect("condensate");
        assert_eq!(
            (condensate.end_use.as_str(), condensate.saving_unit.as_str()),
            ("fuel.steam", "TOE")
        );
        near(condensate.saving_quantity.unwrap_or_default(), 17.5);
        near(condensate.saving_vnd.unwrap_or_default(), 70_000_000.0);
        near(condensate.saving_tco2.unwrap_or_default(), 70.0);
        assert_eq!(validate(&record, list), Vec::new());
    }

    #[test]
    fn a_fuel_switch_is_prefilled_with_its_money_and_no_energy() {
        let list = crate::checklist::active();
        let mut request = factory();
        let draft = &mut request.assessment.draft;
        draft.profile.sector = Some("wood".into());
        // Its own wood's price makes the switch's money known.
        draft.profile.fuels.push(FuelUse {
            fuel: "wood_biomass".into(),
            quantity: Some(100.0),
            cost_vnd: Some(50_000_000.0),
            co2_t_per_unit: None,
        });
        draft
            .answers
            .0
            .insert("wood.process_heat.residue_fuel".into(), Answer::Level(Level::NotYet));
        let record = prefill(list, &request, "SXSH-2027-0001");
        let switch = record
            .opportunities
            .iter()
            .find(|o| o.id == "wood.process_heat.residue_fuel")
            .expect("the switch is an opportunity");
        assert_eq!(switch.end_use, "fuel.steam");
        assert_eq!((switch.saving_quantity, switch.saving_tco2), (None, None));
        assert_eq!(switch.saving_unit, "");
        assert!(switch.saving_vnd.is_some_and(|v| v > 0.0), "{switch:?}");
    }

    #[test]
    fn a_factory_without_figures_gets_empty_lines_and_measures_without_amounts() {
        let list = crate::checklist::active();
        let mut request = factory();
        request.assessment.draft.profile = crate::assessment::Profile {
            equipment: ["boiler".to_owned()].into(),
            ..Default::default()
        };
        let record = prefill(list, &request, "SXSH-2027-0002");
        assert_eq!(record.baseline.len(), list.streams.len());
        assert!(record.baseline.iter().all(|l| l.self_reported.is_none()), "{record:?}");
        for o in &record.opportunities {
            assert_eq!(
                (o.saving_quantity, o.saving_vnd, o.saving_tco2),
                (None, None, None),
                "{o:?}"
            );
            assert_eq!(o.saving_unit, "");
        }
    }

    fn opportunity(
        id: &str,
        agreement: Agreement,
        priority: Priority,
        vnd: Option<f64>,
    ) -> Opportunity {
        Opportunity {
            id: id.into(),
            measure: None,
            title: format!("Cơ hội {id}"),
            end_use: "electricity.other".into(),
            saving_quantity: None,
            saving_unit: String::new(),
            saving_vnd: vnd,
            saving_tco2: None,
            investment_vnd: None,
            priority,
            agreement,
        }
    }

    #[test]
    fn payback_is_the_investment_over_the_yearly_saving() {
        let with = |investment: Option<f64>, vnd: Option<f64>| {
            let o = opportunity("a", Agreement::Agreed, Priority::High, vnd);
            payback_years(&Opportunity { investment_vnd: investment, ..o })
        };
        // 150,000,000 VND repaid by 90,000,000 VND a year: 1 year and 2/3.
        near(with(Some(150_000_000.0), Some(90_000_000.0)).unwrap_or_default(), 5.0 / 3.0);
        assert_eq!(with(Some(30_000_000.0), Some(120_000_000.0)), Some(0.25));
        assert_eq!(with(Some(0.0), None), Some(0.0), "costs nothing: repaid at once");
        assert_eq!(with(None, Some(90_000_000.0)), None, "investment unknown");
        assert_eq!(with(Some(1.0), Some(0.0)), None, "never repaid");
        assert_eq!(with(Some(1.0), None), None);
        assert_eq!(with(Some(-1.0), Some(1.0)), None);
        assert_eq!(with(Some(1.0), Some(f64::NAN)), None);
    }

    #[test]
    fn the_ranking_puts_agreed_first_then_priority_then_money() {
        let mut record = RapidAssessment::new("SXSH-2027-0001");
        record.opportunities = vec![
            opportunity("a", Agreement::Undecided, Priority::High, Some(10.0)),
            opportunity("b", Agreement::Agreed, Priority::Low, Some(100.0)),
            opportunity("c", Agreement::Agreed, Priority::High, None),
            opportunity("d", Agreement::Agreed, Priority::High, Some(50.0)),
            opportunity("e", Agreement::Declined, Priority::High, Some(1_000.0)),
            opportunity("f", Agreement::Undecided, Priority::High, Some(20.0)),
            opportunity("g", Agreement::Agreed, Priority::Medium, Some(1.0)),
            opportunity("h", Agreement::Agreed, Priority::High, Some(50.0)),
            opportunity("i", Agreement::Agreed, Priority::High, Some(0.0)),
        ];
        let order: Vec<&str> = ranked(&record).iter().map(|o| o.id.as_str()).collect();
        // A saving of nothing is still known: before the one not yet estimated.
        assert_eq!(order, ["d", "h", "i", "c", "g", "b", "f", "a", "e"]);
    }

    #[test]
    fn the_totals_sum_all_and_agreed_beside_the_self_assessment() {
        let list = crate::checklist::active();
        let request = factory();
        let mut record = RapidAssessment::new("SXSH-2027-0001");
        let with = |o: Opportunity,
                    end_use: &str,
                    q: Option<f64>,
                    unit: &str,
                    t: Option<f64>,
                    i: Option<f64>| {
            Opportunity {
                end_use: end_use.into(),
                saving_quantity: q,
                saving_unit: unit.into(),
                saving_tco2: t,
                investment_vnd: i,
                ..o
            }
        };
        record.opportunities = vec![
            with(
                opportunity("a", Agreement::Agreed, Priority::High, Some(80_000_000.0)),
                "electricity.lighting",
                Some(40_000.0),
                "kWh",
                Some(24.0),
                Some(150_000_000.0),
            ),
            with(
                opportunity("b", Agreement::Undecided, Priority::Medium, Some(20_000_000.0)),
                "electricity.motors",
                Some(10_000.0),
                " kWh ",
                Some(6.0),
                None,
            ),
            with(
                opportunity("c", Agreement::Agreed, Priority::Low, None),
                "water.process",
                Some(500.0),
                "m³",
                None,
                Some(5_000_000.0),
            ),
            with(
                opportunity("d", Agreement::Declined, Priority::Low, Some(3_000_000.0)),
                "water.cleaning",
                Some(300.0),
                "m3",
                None,
                None,
            ),
        ];
        let totals = totals(list, &record, &request.assessment.draft);
        let q =
            |stream, unit: &str, quantity| StreamQuantity { stream, unit: unit.into(), quantity };
        assert_eq!(
            totals.all,
            Verified {
                opportunities: 4,
                vnd: 103_000_000.0,
                without_vnd: 1,
                tco2: 30.0,
                without_tco2: 2,
                investment_vnd: 155_000_000.0,
                quantities: vec![
                    q(Stream::Electricity, "kWh", 50_000.0),
                    q(Stream::Water, "m3", 300.0),
                    q(Stream::Water, "m³", 500.0),
                ],
            }
        );
        assert_eq!(
            totals.agreed,
            Verified {
                opportunities: 2,
                vnd: 80_000_000.0,
                without_vnd: 1,
                tco2: 24.0,
                without_tco2: 1,
                investment_vnd: 155_000_000.0,
                quantities: vec![
                    q(Stream::Electricity, "kWh", 40_000.0),
                    q(Stream::Water, "m³", 500.0)
                ],
            }
        );
        // The self-assessment: lighting's 10 % × 30–60 % of 2,000,000,000 VND is 60–120 million,
        // the boiler's 2–5 % of 2,000,000,000 VND is 40–100 million; CO2 3–6 % of 600 t and
        // 2–5 % of 2,000 t; TOE 3–6 % of 1,000,000 kWh × 0.0001543 and 2–5 % of 500 TOE.
        let own = totals.self_assessed;
        near(own.vnd.low, 100_000_000.0);
        near(own.vnd.high, 220_000_000.0);
        near(own.tco2.low, 18.0 + 40.0);
        near(own.tco2.high, 36.0 + 100.0);
        near(own.toe.low, 154.3 * 0.03 + 10.0);
        near(own.toe.high, 154.3 * 0.06 + 25.0);
        // Per stream, in the baseline's units: 3–6 % of 1,000,000 kWh, 2–5 % of 500 TOE.
        let quantities: Vec<(Stream, &str, [f64; 2])> = own
            .quantities
            .iter()
            .map(|q| (q.stream, q.unit.as_str(), [q.quantity.low, q.quantity.high]))
            .collect();
        assert_eq!(quantities.len(), 2, "{quantities:?}");
        assert_eq!((quantities[0].0, quantities[0].1), (Stream::Electricity, "kWh"));
        assert_eq!((quantities[1].0, quantities[1].1), (Stream::Fuel, "TOE"));
        near(quantities[0].2[0], 30_000.0);
        near(quantities[0].2[1], 60_000.0);
        near(quantities[1].2[0], 10.0);
        near(quantities[1].2[1], 25.0);
        // Nothing agreed: zero, not missing.
        let none = super::totals(list, &RapidAssessment::new("x"), &request.assessment.draft);
        assert_eq!(none.agreed, Verified::default());
    }

    /// A record with every field filled.
    pub(crate) fn full() -> RapidAssessment {
        RapidAssessment {
            visit: Visit {
                date: "2027-03-15".into(),
                team: "Nguyễn Văn An (Trung tâm Khuyến công)".into(),
                areas: "Xưởng nhuộm, lò hơi".into(),
            },
            baseline: vec![BaselineLine {
                stream: Stream::Electricity,
                self_reported: Some(1_200_000.0),
                verified: Some(1_350_000.5),
                unit: "kWh".into(),
                cost_vnd: Some(2_430_000_000.0),
                evidence: "Hóa đơn điện 12 tháng".into(),
            }],
            opportunities: vec![Opportunity {
                id: "o1".into(),
                measure: Some("electricity.lighting.led".into()),
                title: "Thay đèn LED".into(),
                end_use: "electricity.lighting".into(),
                saving_quantity: Some(40_000.0),
                saving_unit: "kWh".into(),
                saving_vnd: Some(72_000_000.0),
                saving_tco2: Some(26.6),
                investment_vnd: Some(150_000_000.0),
                priority: Priority::High,
                agreement: Agreement::Agreed,
            }],
            next_steps: "Lắp đồng hồ phụ cho lò hơi\nGửi báo giá đèn".into(),
            complete: true,
            ..RapidAssessment::new("SXSH-2027-0001")
        }
    }

    #[test]
    fn a_record_reads_back_as_written_with_its_ids() {
        let record = full();
        let json = serde_json::to_string(&record).unwrap_or_default();
        assert!(json.starts_with(r#"{"kind":"sxsh-rapid-assessment","format":1,"#), "{json}");
        for id in [r#""stream":"electricity""#, r#""priority":"high""#, r#""agreement":"agreed""#] {
            assert!(json.contains(id), "{id} in {json}");
        }
        let back: RapidAssessment = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, record);
        let upload = Upload { idempotency_key: "k".repeat(16), base_revision: 3, record };
        let json = serde_json::to_string(&upload).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Upload>(&json).ok(), Some(upload));
        let saved: Saved =
            serde_json::from_str(r#"{"revision":4,"saved_at":"2027-03-15T08:00:00Z"}"#)
                .expect("reads");
        assert_eq!(saved, Saved { revision: 4, saved_at: "2027-03-15T08:00:00Z".into() });
    }

    #[test]
    fn what_may_be_missing_reads_as_empty_undecided_and_medium() {
        let minimal: RapidAssessment = serde_json::from_str(
            r#"{"kind":"sxsh-rapid-assessment","format":1,"receipt":"SXSH-2027-0001",
                "baseline":[{"stream":"water"}],
                "opportunities":[{"id":"n1","title":"Thu hồi nước ngưng","end_use":"fuel.steam"}]}"#,
        )
        .expect("reads");
        assert_eq!(minimal.visit, Visit::default());
        assert_eq!(minimal.next_steps, "");
        assert!(!minimal.complete);
        let line = &minimal.baseline[0];
        assert_eq!((line.stream, line.self_reported, line.verified), (Stream::Water, None, None));
        let o = &minimal.opportunities[0];
        assert_eq!((o.priority, o.agreement), (Priority::Medium, Agreement::Undecided));
        assert_eq!((o.measure.as_deref(), o.saving_vnd, o.investment_vnd), (None, None, None));
        // The kind, format and receipt are not optional; neither are an opportunity's id,
        // title and end use, nor a baseline line's stream.
        for json in [
            r#"{"format":1,"receipt":"r"}"#,
            r#"{"kind":"sxsh-rapid-assessment","receipt":"r"}"#,
            r#"{"kind":"sxsh-rapid-assessment","format":1}"#,
            r#"{"kind":"k","format":1,"receipt":"r","baseline":[{}]}"#,
            r#"{"kind":"k","format":1,"receipt":"r","opportunities":[{"id":"a","title":"t"}]}"#,
            r#"{"kind":"k","format":1,"receipt":"r","opportunities":[{"id":"a","end_use":"e",
                "title":"t","priority":"urgent"}]}"#,
            // A field this build does not know, at any level.
            r#"{"kind":"k","format":1,"receipt":"r","note":"x"}"#,
            r#"{"kind":"k","format":1,"receipt":"r","visit":{"weather":"mưa"}}"#,
            r#"{"kind":"k","format":1,"receipt":"r","baseline":[{"stream":"water","meter":"x"}]}"#,
            r#"{"kind":"k","format":1,"receipt":"r","opportunities":[{"id":"a","end_use":"e",
                "title":"t","owner":"x"}]}"#,
        ] {
            assert!(serde_json::from_str::<RapidAssessment>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn reading_refuses_what_is_not_a_record_this_build_can_keep() {
        let text = include_str!("../tests/fixtures/rapid/rapid-assessment-v1.json");
        assert_eq!(read(text).map(|r| (r.format, r.receipt)), Ok((1, "SXSH-2027-0001".into())));
        let cases = [
            (" ".repeat(MAX_BYTES + 1), ImportError::TooLarge),
            ("{\"kind\":".into(), ImportError::NotJson),
            ("[1,2]".into(), ImportError::WrongKind),
            ("{\"format\":1}".into(), ImportError::WrongKind),
            (text.replace("sxsh-rapid-assessment", "sxsh-assessment"), ImportError::WrongKind),
            (text.replace("\"format\": 1", "\"format\": 2"), ImportError::FutureVersion),
            (text.replace("\"format\": 1", "\"format\": 0"), ImportError::Malformed),
            (text.replace("\"format\": 1,", ""), ImportError::Malformed),
            (text.replace("\"high\"", "\"urgent\""), ImportError::Malformed),
        ];
        for (text, error) in cases {
            assert_eq!(read(&text), Err(error), "{}", text.get(..80).unwrap_or(&text));
        }
        // Just under the bound is read (and then refused only for what it is).
        let padded = format!("{text}{}", " ".repeat(MAX_BYTES - text.len()));
        assert!(read(&padded).is_ok());
    }
}
