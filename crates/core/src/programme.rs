//! The programme's figures (issue 24): what the Department's cleaner-production programme did and
//! achieved, summed from its requests, rapid assessments and follow-ups, for the dashboard, the
//! annual report and the open data.
//!
//! The input is one `Case` per request, built by `case` from what the service stores: the
//! request (its profile and self-assessed potential), whether it was contacted, its latest
//! rapid-assessment record (the visit and the opportunities the enterprise agreed to) and the
//! current follow-up of each of those opportunities. `figures` sums the cases into the funnel
//! (requests → contacted → visited → opportunities agreed → implemented) with the
//! implementation rates, the savings identified beside those implemented (self-reported beside
//! verified) in VND, kWh, TOE, m³, t and tCO2, the same per sector, ward, size class and year,
//! and the energy per unit of product against the sector norms in force. Every figure keeps the
//! receipts it sums (`Traced`), so each can be traced back to its records.
//!
//! `open_data` gives the anonymised rows (`open`): no company, contact, tax code or receipt, and
//! any group of fewer than `MIN_GROUP` enterprises suppressed. `report` turns the figures into
//! the annual report (text, CSV and PDF).
//!
//! Pure and total: a missing figure is counted as missing, never as zero; nothing is estimated
//! here that the records do not hold.

pub mod open;
pub mod report;

use crate::assessment::Profile;
use crate::benchmarks::MJ_PER_KWH;
use crate::checklist::{Checklist, NormKind, NormMetric, Stream};
use crate::dates::calendar_day;
use crate::follow_up::{Evidence, FollowUpStatus};
use crate::rapid_assessment::{Agreement, RapidAssessment};
use crate::savings::positive;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub use open::{MIN_GROUP, OpenRow, open_data};

/// An enterprise's size class by its number of employees, after Decree 80/2021/NĐ-CP Art. 5 for
/// industry and construction (micro ≤ 10, small ≤ 100, medium ≤ 200 employees paying social
/// insurance). The Decree also sets a revenue or capital ceiling, which the request does not ask:
/// the class here is by employees alone, our grouping after the Decree (docs/open-data.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// 10 employees or fewer.
    Micro,
    /// 11 to 100.
    Small,
    /// 101 to 200.
    Medium,
    /// More than 200.
    Large,
    /// The request gave no number of employees.
    Unknown,
}

impl SizeClass {
    /// Every class, in order.
    pub const ALL: [SizeClass; 5] = [
        SizeClass::Micro,
        SizeClass::Small,
        SizeClass::Medium,
        SizeClass::Large,
        SizeClass::Unknown,
    ];

    /// The class of a number of employees (`None`, negative or not a number: unknown).
    pub fn of(employees: Option<f64>) -> SizeClass {
        match positive(employees) {
            None => SizeClass::Unknown,
            Some(n) if n <= 10.0 => SizeClass::Micro,
            Some(n) if n <= 100.0 => SizeClass::Small,
            Some(n) if n <= 200.0 => SizeClass::Medium,
            Some(_) => SizeClass::Large,
        }
    }

    /// As stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            SizeClass::Micro => "micro",
            SizeClass::Small => "small",
            SizeClass::Medium => "medium",
            SizeClass::Large => "large",
            SizeClass::Unknown => "unknown",
        }
    }

    /// In words: Vietnamese, English.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            SizeClass::Micro => ("Siêu nhỏ (≤ 10 lao động)", "Micro (≤ 10 employees)"),
            SizeClass::Small => ("Nhỏ (11–100 lao động)", "Small (11–100 employees)"),
            SizeClass::Medium => ("Vừa (101–200 lao động)", "Medium (101–200 employees)"),
            SizeClass::Large => ("Lớn (> 200 lao động)", "Large (> 200 employees)"),
            SizeClass::Unknown => ("Chưa rõ số lao động", "Employees not given"),
        }
    }
}

/// A saving in each of the units the programme reports; `None` where the record gives none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Amounts {
    pub vnd: Option<f64>,
    /// Electricity, kWh.
    pub kwh: Option<f64>,
    /// Energy, tonnes of oil equivalent: electricity at the checklist's TOE per kWh, fuels as
    /// recorded (the record keeps fuels in TOE).
    pub toe: Option<f64>,
    /// Water, m³.
    pub m3: Option<f64>,
    /// Materials, chemicals or waste, tonnes.
    pub t: Option<f64>,
    /// Emissions avoided, tonnes of CO2.
    pub tco2: Option<f64>,
}

/// The units of `Amounts`, in the order the figures give them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Vnd,
    Kwh,
    Toe,
    M3,
    T,
    Tco2,
}

impl Unit {
    /// Every unit, in order.
    pub const ALL: [Unit; 6] = [Unit::Vnd, Unit::Kwh, Unit::Toe, Unit::M3, Unit::T, Unit::Tco2];

    /// As exported (column suffixes).
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Vnd => "vnd",
            Unit::Kwh => "kwh",
            Unit::Toe => "toe",
            Unit::M3 => "m3",
            Unit::T => "t",
            Unit::Tco2 => "tco2",
        }
    }

    /// As people read it.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Vnd => "VND",
            Unit::Kwh => "kWh",
            Unit::Toe => "TOE",
            Unit::M3 => "m³",
            Unit::T => "t",
            Unit::Tco2 => "tCO2",
        }
    }
}

impl Amounts {
    /// The amount in `unit`.
    pub fn get(&self, unit: Unit) -> Option<f64> {
        match unit {
            Unit::Vnd => self.vnd,
            Unit::Kwh => self.kwh,
            Unit::Toe => self.toe,
            Unit::M3 => self.m3,
            Unit::T => self.t,
            Unit::Tco2 => self.tco2,
        }
    }

    /// A saving recorded as a quantity in `unit` of `stream`, with its VND and tCO2, in the
    /// programme's units. The quantity counts where its unit is one the programme reports for
    /// its stream: kWh (or MWh) of electricity, TOE of fuel, m³ of water, t (tấn, or kg) of
    /// materials, chemicals or waste; a quantity in any other unit is left out (`quantity_kept`
    /// says whether it was kept). Electricity's TOE uses the checklist's `toe_per_kwh`.
    pub fn of(
        list: &Checklist,
        stream: Option<Stream>,
        quantity: Option<f64>,
        unit: &str,
        vnd: Option<f64>,
        tco2: Option<f64>,
    ) -> Amounts {
        let mut a = Amounts { vnd: positive(vnd), tco2: positive(tco2), ..Amounts::default() };
        let Some(quantity) = positive(quantity) else { return a };
        let unit = unit.trim().to_lowercase();
        match (stream, unit.as_str()) {
            (Some(Stream::Electricity), "kwh") => a.kwh = Some(quantity),
            (Some(Stream::Electricity), "mwh") => a.kwh = Some(quantity * 1000.0),
            (Some(Stream::Fuel), "toe") => a.toe = Some(quantity),
            (Some(Stream::Water), "m³" | "m3") => a.m3 = Some(quantity),
            (
                Some(Stream::Materials | Stream::Chemicals | Stream::Waste),
                "t" | "tấn" | "tonne" | "tonnes",
            ) => a.t = Some(quantity),
            (Some(Stream::Materials | Stream::Chemicals | Stream::Waste), "kg") => {
                a.t = Some(quantity / 1000.0)
            }
            _ => {}
        }
        if let Some(kwh) = a.kwh {
            a.toe = Some(kwh * list.electricity.toe_per_kwh);
        }
        a
    }

    /// Whether a quantity was given but in a unit `of` does not count.
    pub fn quantity_dropped(&self, quantity: Option<f64>) -> bool {
        positive(quantity).is_some()
            && self.kwh.is_none()
            && self.toe.is_none()
            && self.m3.is_none()
            && self.t.is_none()
    }
}

/// The current follow-up of an agreed opportunity (the latest `follow_ups` row).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub status: FollowUpStatus,
    /// The day the status held, `YYYY-MM-DD`.
    pub status_on: String,
    /// The saving achieved, in the programme's units.
    pub achieved: Amounts,
    pub evidence: Evidence,
}

/// The current follow-up as stored: one `follow_ups` row's columns.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FollowUpRow {
    pub opportunity_id: String,
    pub status: String,
    pub status_on: String,
    pub achieved_quantity: Option<f64>,
    pub achieved_unit: String,
    pub achieved_vnd: Option<f64>,
    pub achieved_tco2: Option<f64>,
    pub evidence: String,
}

/// An opportunity the enterprise agreed to, with its estimate and its current follow-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreedOpportunity {
    pub id: String,
    pub stream: Option<Stream>,
    /// The saving estimated on site.
    pub estimated: Amounts,
    pub follow_up: Option<FollowUp>,
    /// Its estimated or achieved quantity is in a unit the programme does not report (counted
    /// here, not summed).
    pub unit_not_counted: bool,
}

/// The energy a factory uses per unit of its product, next to the norms for its sector, unit
/// and output that were in force on the day the request was received.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intensity {
    /// MJ (electricity at 3.6 MJ/kWh plus fuels) per unit of output.
    pub mj_per_unit: f64,
    /// kWh of electricity per unit of output, if electricity was given.
    pub kwh_per_unit: Option<f64>,
    pub output_unit: String,
    pub norms: Vec<NormCheck>,
}

/// One norm applied to a factory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NormCheck {
    pub norm: String,
    pub kind: NormKind,
    /// The factory's consumption per unit in the norm's metric.
    pub actual: f64,
    /// The norm's value; `None` when its current value was not retrieved (nothing compared).
    pub value: Option<f64>,
}

/// One request with what happened to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub receipt: String,
    /// The enterprise it is from, used only to count enterprises (never published): `tax:` and
    /// the tax code when given, else `company:` and the normalised company name
    /// (`requests.company_key`), else `receipt:` and the receipt.
    pub enterprise: String,
    /// The day it was received in Vietnam, `YYYY-MM-DD`.
    pub received_on: String,
    /// The year of `received_on`.
    pub year: i32,
    /// The checklist's sector id, "" when not given.
    pub sector: String,
    /// The ward or commune as the enterprise wrote it (spaces tidied), "" when not given.
    pub ward: String,
    pub size: SizeClass,
    /// Its status reached "contacted" or a later stage, or it was visited.
    pub contacted: bool,
    /// Its latest rapid-assessment record has a visit date.
    pub visited: bool,
    /// The agreed opportunities of its latest rapid-assessment record.
    pub agreed: Vec<AgreedOpportunity>,
    /// The self-assessed potential (the midpoints of the core's savings, kept with the request).
    pub potential: Amounts,
    /// The factory's own annual energy use, TOE (`requests.annual_toe`), if it gave any.
    pub annual_toe: Option<f64>,
    /// Energy per unit of product, where the output, its unit and some energy are known.
    pub intensity: Option<Intensity>,
}

/// What the service knows of a request beyond its answers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stored {
    pub receipt: String,
    /// `requests.tax_code`, "" when not given.
    pub tax_code: String,
    /// `requests.company_key`, the normalised company name, "" when none.
    pub company_key: String,
    /// `requests.received_at` (UTC).
    pub received_at: String,
    /// `requests.year`, the receipt's year (used only when `received_at` cannot be read).
    pub year: i32,
    /// The status reached "contacted" or later (the current status or one it had).
    pub contacted: bool,
    /// `requests.potential_vnd`, `potential_toe`, `potential_tco2`.
    pub potential_vnd: f64,
    pub potential_toe: f64,
    pub potential_tco2: f64,
    /// `requests.annual_toe`.
    pub annual_toe: Option<f64>,
}

/// The case of a stored request: `profile` is its answers' profile, `record` its latest
/// rapid-assessment record if any, `follow_ups` the current follow-up of each opportunity (only
/// those of agreed opportunities count; a row with a status or evidence this build does not
/// know is left out).
pub fn case(
    list: &Checklist,
    stored: &Stored,
    profile: &Profile,
    record: Option<&RapidAssessment>,
    follow_ups: &[FollowUpRow],
) -> Case {
    let received_on = crate::dates::iso_day(&stored.received_at);
    let visited = record.is_some_and(|r| calendar_day(r.visit.date.trim()).is_some());
    let agreed = record
        .map(|r| {
            r.opportunities
                .iter()
                .filter(|o| o.agreement == Agreement::Agreed)
                .map(|o| {
                    let stream = list.end_use(&o.end_use).and_then(|e| Stream::from_id(&e.stream));
                    let estimated = Amounts::of(
                        list,
                        stream,
                        o.saving_quantity,
                        &o.saving_unit,
                        o.saving_vnd,
                        o.saving_tco2,
                    );
                    let mut unit_not_counted = estimated.quantity_dropped(o.saving_quantity);
                    let row = follow_ups.iter().rev().find(|f| f.opportunity_id == o.id);
                    let follow_up = row.and_then(|f| {
                        let achieved = Amounts::of(
                            list,
                            stream,
                            f.achieved_quantity,
                            &f.achieved_unit,
                            f.achieved_vnd,
                            f.achieved_tco2,
                        );
                        let status = FollowUpStatus::parse(&f.status)?;
                        let evidence = Evidence::parse(&f.evidence)?;
                        unit_not_counted |= achieved.quantity_dropped(f.achieved_quantity);
                        Some(FollowUp {
                            status,
                            status_on: f.status_on.clone(),
                            achieved,
                            evidence,
                        })
                    });
                    AgreedOpportunity {
                        id: o.id.clone(),
                        stream,
                        estimated,
                        follow_up,
                        unit_not_counted,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let nonzero = |x: f64| positive(Some(x)).filter(|v| *v > 0.0);
    Case {
        receipt: stored.receipt.clone(),
        enterprise: enterprise_key(stored),
        // The year of the day received in Vietnam, as the period reads it (the receipt's year
        // is the UTC one: a request of 31/12 after 17:00 UTC is of the next year here).
        year: received_on.get(..4).and_then(|y| y.parse().ok()).unwrap_or(stored.year),
        sector: profile.sector.clone().unwrap_or_default(),
        ward: tidy(&profile.ward),
        size: SizeClass::of(profile.employees),
        contacted: stored.contacted || visited,
        visited,
        agreed,
        potential: Amounts {
            vnd: nonzero(stored.potential_vnd),
            toe: nonzero(stored.potential_toe),
            tco2: nonzero(stored.potential_tco2),
            ..Amounts::default()
        },
        annual_toe: positive(stored.annual_toe).filter(|t| *t > 0.0),
        intensity: intensity(list, profile, &received_on),
        received_on,
    }
}

/// The key that tells enterprises apart: the tax code when given, else the normalised company
/// name, else the receipt (a request with neither is its own enterprise).
pub fn enterprise_key(stored: &Stored) -> String {
    let (tax, company) = (stored.tax_code.trim(), stored.company_key.trim());
    if !tax.is_empty() {
        format!("tax:{tax}")
    } else if !company.is_empty() {
        format!("company:{company}")
    } else {
        format!("receipt:{}", stored.receipt)
    }
}

/// Text with its spaces tidied: trimmed, each run of white space one space.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a norm is in force on `day` (`YYYY-MM-DD`): from its `valid_from` (if any) to its
/// `valid_to` (if any), both included. A norm whose period cannot be read is not in force.
pub fn in_force(valid_from: Option<&str>, valid_to: Option<&str>, day: &str) -> bool {
    let Some(day) = calendar_day(day) else { return false };
    let bound = |b: Option<&str>| b.map(calendar_day);
    match (bound(valid_from), bound(valid_to)) {
        (Some(None), _) | (_, Some(None)) => false,
        (from, to) => {
            from.flatten().is_none_or(|f| f <= day) && to.flatten().is_none_or(|t| day <= t)
        }
    }
}

/// The factory's energy per unit of product, with the norms of its sector, output unit and
/// output class in force on `day`. `None` without a positive output, a unit, or any energy.
pub fn intensity(list: &Checklist, profile: &Profile, day: &str) -> Option<Intensity> {
    let output = positive(profile.output).filter(|o| *o > 0.0)?;
    let unit = profile.output_unit.trim();
    if unit.is_empty() {
        return None;
    }
    let kwh = positive(profile.electricity.kwh);
    let fuels: Vec<f64> = profile
        .fuels
        .iter()
        .filter_map(|u| Some(positive(u.quantity)? * list.fuel(&u.fuel)?.mj_per_unit))
        .collect();
    if kwh.is_none() && fuels.is_empty() {
        return None;
    }
    let mj = kwh.unwrap_or(0.0) * MJ_PER_KWH + fuels.iter().sum::<f64>();
    let norms = list
        .norms
        .iter()
        .filter(|n| profile.sector.as_deref() == Some(n.sector.as_str()))
        .filter(|n| n.output_unit == unit && (n.output_min..n.output_max).contains(&output))
        .filter(|n| in_force(n.valid_from.as_deref(), n.valid_to.as_deref(), day))
        .filter_map(|n| {
            let actual = match n.metric {
                NormMetric::EnergyMj => mj / output,
                NormMetric::ElectricityKwh => kwh? / output,
                // Per tonne of equivalent product: finished product is not comparable.
                NormMetric::EnergyMjEquivalent => return None,
            };
            Some(NormCheck { norm: n.id.clone(), kind: n.kind, actual, value: n.value })
        })
        .collect();
    Some(Intensity {
        mj_per_unit: mj / output,
        kwh_per_unit: kwh.map(|k| k / output),
        output_unit: unit.into(),
        norms,
    })
}

/// A figure with the receipts of the requests it sums, sorted and each once.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Traced {
    pub value: f64,
    pub receipts: Vec<String>,
}

impl Traced {
    /// Counts the enterprise `key` of the request `receipt` once: 1 the first time `seen` meets
    /// it, 0 after (the receipt is kept either way).
    fn count_once(&mut self, seen: &mut BTreeSet<String>, key: &str, receipt: &str) {
        let first = !seen.contains(key);
        if first {
            seen.insert(key.to_owned());
        }
        self.add(if first { 1.0 } else { 0.0 }, receipt);
    }

    /// Adds `amount` from the request `receipt`.
    fn add(&mut self, amount: f64, receipt: &str) {
        self.value += amount;
        if let Err(at) = self.receipts.binary_search_by(|r| r.as_str().cmp(receipt)) {
            self.receipts.insert(at, receipt.to_owned());
        }
    }
}

/// The funnel: how far the requests went.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    pub requests: Traced,
    /// The enterprises those requests are from, each counted once (`Case::enterprise`).
    pub enterprises: Traced,
    pub contacted: Traced,
    pub visited: Traced,
    /// The enterprises visited, each counted once.
    pub enterprises_visited: Traced,
    /// Opportunities agreed (a count of opportunities; the receipts of their requests).
    pub agreed: Traced,
    /// Agreed opportunities whose current follow-up is "implemented".
    pub implemented: Traced,
    /// Enterprises with at least one implemented opportunity, each counted once.
    pub implementing: Traced,
}

impl Funnel {
    /// Implemented ÷ agreed opportunities, in percent; `None` with none agreed.
    pub fn implementation_rate(&self) -> Option<f64> {
        ratio(self.implemented.value, self.agreed.value)
    }

    /// Enterprises with ≥ 1 implemented opportunity ÷ enterprises visited, in percent; `None`
    /// with none visited.
    pub fn enterprise_rate(&self) -> Option<f64> {
        ratio(self.implementing.value, self.enterprises_visited.value)
    }
}

/// `part` ÷ `whole` in percent, `None` when `whole` is 0.
fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole * 100.0)
}

/// One kind of saving in each unit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sums {
    pub by_unit: BTreeMap<Unit, Traced>,
}

impl Sums {
    /// The figure in `unit` (0 with no receipt when nothing was summed).
    pub fn get(&self, unit: Unit) -> Traced {
        self.by_unit.get(&unit).cloned().unwrap_or_default()
    }

    fn add(&mut self, amounts: &Amounts, receipt: &str) {
        for unit in Unit::ALL {
            if let Some(x) = amounts.get(unit) {
                self.by_unit.entry(unit).or_default().add(x, receipt);
            }
        }
    }
}

/// The kinds of saving the programme reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Self-assessed by the enterprises in their requests (the potential).
    Potential,
    /// Estimated on site for the opportunities the enterprises agreed to.
    Identified,
    /// Achieved by the opportunities implemented, whatever the evidence.
    Implemented,
    /// Of those, the enterprises' own figures.
    SelfReported,
    /// Of those, the figures the Department verified.
    Verified,
}

impl Basis {
    /// Every basis, in order.
    pub const ALL: [Basis; 5] = [
        Basis::Potential,
        Basis::Identified,
        Basis::Implemented,
        Basis::SelfReported,
        Basis::Verified,
    ];

    /// As exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Potential => "potential",
            Basis::Identified => "identified",
            Basis::Implemented => "implemented",
            Basis::SelfReported => "self_reported",
            Basis::Verified => "verified",
        }
    }

    /// In words: Vietnamese, English.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Basis::Potential => ("Tiềm năng tự đánh giá", "Self-assessed potential"),
            Basis::Identified => ("Đã xác định (cơ hội được đồng ý)", "Identified (agreed)"),
            Basis::Implemented => ("Đã thực hiện", "Implemented"),
            Basis::SelfReported => ("— doanh nghiệp tự báo cáo", "— self-reported"),
            Basis::Verified => ("— Sở đã xác minh", "— verified"),
        }
    }
}

/// The funnel and savings of some cases.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub funnel: Funnel,
    pub savings: BTreeMap<Basis, Sums>,
    /// Agreed opportunities whose estimate or achieved quantity is in a unit the programme does
    /// not report (counted, not summed).
    pub unit_not_counted: Traced,
}

impl Summary {
    /// The saving of `basis` in `unit`.
    pub fn saving(&self, basis: Basis, unit: Unit) -> Traced {
        self.savings.get(&basis).map(|s| s.get(unit)).unwrap_or_default()
    }
}

/// What to group the cases by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Sector,
    Ward,
    Size,
    Year,
}

impl Dimension {
    /// Every dimension, in order.
    pub const ALL: [Dimension; 4] =
        [Dimension::Sector, Dimension::Ward, Dimension::Size, Dimension::Year];

    /// As exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Sector => "sector",
            Dimension::Ward => "ward",
            Dimension::Size => "size_class",
            Dimension::Year => "year",
        }
    }

    /// The case's key along this dimension.
    pub fn key(self, case: &Case) -> String {
        match self {
            Dimension::Sector => case.sector.clone(),
            Dimension::Ward => case.ward.clone(),
            Dimension::Size => case.size.as_str().into(),
            Dimension::Year => case.year.to_string(),
        }
    }
}

/// How the factories compared with one norm.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NormFigures {
    pub norm: String,
    pub kind: Option<NormKind>,
    /// The norm's value, if retrieved.
    pub value: Option<f64>,
    /// Factories the norm applies to.
    pub applies: Traced,
    /// Of those, at or below the norm (only when it has a value).
    pub within: Traced,
    /// Above it.
    pub above: Traced,
}

/// Everything the dashboard and the annual report show.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub total: Summary,
    /// Per dimension, each group's key and summary, keys in order.
    pub breakdowns: Vec<(Dimension, Vec<(String, Summary)>)>,
    /// Factories whose energy per unit of product is known.
    pub intensity_known: Traced,
    /// One line per norm that applies to at least one factory, in id order.
    pub norms: Vec<NormFigures>,
}

/// The summary of `cases`.
pub fn summary<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Summary {
    let mut s = Summary::default();
    let (mut all, mut visited, mut implementers) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for c in cases {
        let r = c.receipt.as_str();
        let f = &mut s.funnel;
        f.requests.add(1.0, r);
        f.enterprises.count_once(&mut all, &c.enterprise, r);
        if c.contacted {
            f.contacted.add(1.0, r);
        }
        if c.visited {
            f.visited.add(1.0, r);
            f.enterprises_visited.count_once(&mut visited, &c.enterprise, r);
        }
        let mut implementing = false;
        let mut sums = |basis: Basis, a: &Amounts| s.savings.entry(basis).or_default().add(a, r);
        sums(Basis::Potential, &c.potential);
        for o in &c.agreed {
            s.funnel.agreed.add(1.0, r);
            let mut sums =
                |basis: Basis, a: &Amounts| s.savings.entry(basis).or_default().add(a, r);
            sums(Basis::Identified, &o.estimated);
            let Some(follow_up) = o.follow_up.as_ref() else { continue };
            if follow_up.status != FollowUpStatus::Implemented {
                continue;
            }
            implementing = true;
            sums(Basis::Implemented, &follow_up.achieved);
            let evidence = match follow_up.evidence {
                Evidence::SelfReported => Basis::SelfReported,
                Evidence::Verified => Basis::Verified,
            };
            sums(evidence, &follow_up.achieved);
            s.funnel.implemented.add(1.0, r);
        }
        if implementing {
            s.funnel.implementing.count_once(&mut implementers, &c.enterprise, r);
        }
        for _ in c.agreed.iter().filter(|o| o.unit_not_counted) {
            s.unit_not_counted.add(1.0, r);
        }
    }
    s
}

/// The cases received from `from` to `to` (`YYYY-MM-DD`, both included; an empty bound is
/// open): the period's cohort of requests, each with its stages as they now stand.
pub fn in_period<'a>(cases: &'a [Case], from: &str, to: &str) -> Vec<&'a Case> {
    let (from, to) = (calendar_day(from), calendar_day(to));
    cases
        .iter()
        .filter(|c| {
            let Some(day) = calendar_day(&c.received_on) else { return false };
            from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t)
        })
        .collect()
}

/// The programme's figures over `cases`.
pub fn figures<'a>(cases: impl IntoIterator<Item = &'a Case> + Clone) -> Figures {
    // One pass per dimension: each case goes to its group's list once.
    let breakdowns = Dimension::ALL
        .iter()
        .map(|&d| {
            let mut groups: BTreeMap<String, Vec<&Case>> = BTreeMap::new();
            for c in cases.clone() {
                groups.entry(d.key(c)).or_default().push(c);
            }
            let groups = groups.into_iter().map(|(k, members)| (k, summary(members))).collect();
            (d, groups)
        })
        .collect();
    let mut intensity_known = Traced::default();
    let mut norms: BTreeMap<String, NormFigures> = BTreeMap::new();
    for c in cases.clone() {
        let Some(i) = &c.intensity else { continue };
        intensity_known.add(1.0, &c.receipt);
        for n in &i.norms {
            let line = norms.entry(n.norm.clone()).or_insert_with(|| NormFigures {
                norm: n.norm.clone(),
                kind: Some(n.kind),
                value: n.value,
                ..NormFigures::default()
            });
            line.applies.add(1.0, &c.receipt);
            match n.value {
                Some(v) if n.actual <= v => line.within.add(1.0, &c.receipt),
                Some(_) => line.above.add(1.0, &c.receipt),
                None => {}
            }
        }
    }
    Figures {
        total: summary(cases),
        breakdowns,
        intensity_known,
        norms: norms.into_values().collect(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
