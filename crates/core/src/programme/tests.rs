//! The programme's figures worked by hand on four requests (`four`), the case built from a
//! stored request, the norms' validity, and the open data's suppression.

use super::*;
use crate::checklist::active;
use crate::rapid_assessment::{Opportunity, Priority};

/// `a` equals `b` to a millionth of `b`.
#[track_caller]
pub(crate) fn near(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-6 * b.abs().max(1.0), "{a} is not {b}");
}

fn opportunity(
    id: &str,
    stream: Stream,
    quantity: f64,
    unit: &str,
    vnd: f64,
    tco2: Option<f64>,
    follow_up: Option<(FollowUpStatus, Evidence, f64, f64, Option<f64>)>,
) -> AgreedOpportunity {
    let list = active();
    AgreedOpportunity {
        id: id.into(),
        stream: Some(stream),
        estimated: Amounts::of(list, Some(stream), Some(quantity), unit, Some(vnd), tco2),
        follow_up: follow_up.map(|(status, evidence, q, v, t)| FollowUp {
            status,
            status_on: "2027-01-10".into(),
            achieved: Amounts::of(list, Some(stream), Some(q), unit, Some(v), t),
            evidence,
        }),
        unit_not_counted: false,
    }
}

pub(crate) fn plain(receipt: &str, year: i32, sector: &str, ward: &str, size: SizeClass) -> Case {
    Case {
        receipt: receipt.into(),
        enterprise: format!("receipt:{receipt}"),
        received_on: format!("{year}-03-01"),
        year,
        sector: sector.into(),
        ward: ward.into(),
        size,
        contacted: false,
        visited: false,
        agreed: Vec::new(),
        potential: Amounts::default(),
        annual_toe: None,
        intensity: None,
    }
}

/// Four requests:
/// - A (2026, textile, Thuận Hóa, small): visited; agreed LED (100,000 kWh, 200,000,000 VND,
///   60 tCO2), implemented and verified at 80,000 kWh, 160,000,000 VND, 48 tCO2; and water
///   (5,000 m³, 50,000,000 VND), implemented, self-reported 4,000 m³, 40,000,000 VND. Its
///   potential 300,000,000 VND; it uses 100 TOE a year.
/// - B (2026, textile, Thuận Hóa, medium): visited; agreed a boiler measure (10 TOE,
///   100,000,000 VND, 30 tCO2), in progress.
/// - C (2026, beverage, Phú Bài, micro): contacted, not visited.
/// - D (2027, no sector, no ward, employees unknown): only received.
pub(crate) fn four() -> Vec<Case> {
    use Evidence::*;
    use FollowUpStatus::*;
    let mut a = plain("SXSH-2026-0001", 2026, "textile", "Phường Thuận Hóa", SizeClass::Small);
    a.contacted = true;
    a.visited = true;
    a.potential.vnd = Some(300_000_000.0);
    a.annual_toe = Some(100.0);
    a.agreed = vec![
        opportunity(
            "led",
            Stream::Electricity,
            100_000.0,
            "kWh",
            200_000_000.0,
            Some(60.0),
            Some((Implemented, Verified, 80_000.0, 160_000_000.0, Some(48.0))),
        ),
        opportunity(
            "water",
            Stream::Water,
            5_000.0,
            "m³",
            50_000_000.0,
            None,
            Some((Implemented, SelfReported, 4_000.0, 40_000_000.0, None)),
        ),
    ];
    let mut b = plain("SXSH-2026-0002", 2026, "textile", "Phường Thuận Hóa", SizeClass::Medium);
    b.contacted = true;
    b.visited = true;
    b.agreed = vec![opportunity(
        "boiler",
        Stream::Fuel,
        10.0,
        "TOE",
        100_000_000.0,
        Some(30.0),
        Some((InProgress, SelfReported, 0.0, 0.0, None)),
    )];
    let mut c = plain("SXSH-2026-0003", 2026, "beverage", "Phường Phú Bài", SizeClass::Micro);
    c.contacted = true;
    let d = plain("SXSH-2027-0001", 2027, "", "", SizeClass::Unknown);
    vec![a, b, c, d]
}

#[test]
fn the_funnel_counts_each_stage_and_its_rates() {
    let cases = four();
    let f = figures(&cases);
    let funnel = &f.total.funnel;
    assert_eq!(funnel.requests.value, 4.0);
    assert_eq!(funnel.contacted.value, 3.0);
    assert_eq!(funnel.contacted.receipts, ["SXSH-2026-0001", "SXSH-2026-0002", "SXSH-2026-0003"]);
    assert_eq!(funnel.visited.value, 2.0);
    // Opportunities: A's two and B's one agreed; A's two implemented (B's is in progress).
    assert_eq!(funnel.agreed.value, 3.0);
    assert_eq!(funnel.agreed.receipts, ["SXSH-2026-0001", "SXSH-2026-0002"]);
    assert_eq!(funnel.implemented.value, 2.0);
    assert_eq!(funnel.implemented.receipts, ["SXSH-2026-0001"]);
    assert_eq!(funnel.implementing.value, 1.0);
    // 2 of 3 opportunities; 1 of 2 enterprises visited.
    near(funnel.implementation_rate().unwrap_or(-1.0), 200.0 / 3.0);
    near(funnel.enterprise_rate().unwrap_or(-1.0), 50.0);
}

#[test]
fn a_rate_over_nothing_is_none() {
    let cases = vec![plain("SXSH-2026-0009", 2026, "", "", SizeClass::Unknown)];
    let f = figures(&cases);
    assert_eq!(f.total.funnel.implementation_rate(), None);
    assert_eq!(f.total.funnel.enterprise_rate(), None);
    assert_eq!(f.total.funnel.requests.value, 1.0);
}

#[test]
fn savings_identified_beside_implemented_self_reported_beside_verified() {
    let cases = four();
    let s = figures(&cases).total;
    let v = |b: Basis, u: Unit| s.saving(b, u).value;
    // Identified: 200 + 50 + 100 million VND; 100,000 kWh; 100,000 × 0.0001543 = 15.43 TOE of
    // electricity + 10 TOE of fuel = 25.43; 5,000 m³; 60 + 30 tCO2.
    near(v(Basis::Identified, Unit::Vnd), 350_000_000.0);
    near(v(Basis::Identified, Unit::Kwh), 100_000.0);
    near(v(Basis::Identified, Unit::Toe), 25.43);
    near(v(Basis::Identified, Unit::M3), 5_000.0);
    near(v(Basis::Identified, Unit::Tco2), 90.0);
    assert_eq!(v(Basis::Identified, Unit::T), 0.0);
    // Implemented: 160 + 40 million VND; 80,000 kWh = 12.344 TOE; 4,000 m³; 48 tCO2.
    near(v(Basis::Implemented, Unit::Vnd), 200_000_000.0);
    near(v(Basis::Implemented, Unit::Kwh), 80_000.0);
    near(v(Basis::Implemented, Unit::Toe), 12.344);
    near(v(Basis::Implemented, Unit::M3), 4_000.0);
    near(v(Basis::Implemented, Unit::Tco2), 48.0);
    // Verified: the LED alone; self-reported: the water alone.
    near(v(Basis::Verified, Unit::Vnd), 160_000_000.0);
    near(v(Basis::Verified, Unit::M3), 0.0);
    near(v(Basis::SelfReported, Unit::Vnd), 40_000_000.0);
    near(v(Basis::SelfReported, Unit::M3), 4_000.0);
    near(v(Basis::Potential, Unit::Vnd), 300_000_000.0);
    assert_eq!(
        s.saving(Basis::Identified, Unit::Vnd).receipts,
        ["SXSH-2026-0001", "SXSH-2026-0002"]
    );
    assert_eq!(s.saving(Basis::Verified, Unit::Vnd).receipts, ["SXSH-2026-0001"]);
}

#[test]
fn the_breakdowns_group_by_sector_ward_size_and_year() {
    let cases = four();
    let f = figures(&cases);
    let group = |d: Dimension, key: &str| {
        let (_, groups) = f.breakdowns.iter().find(|(x, _)| *x == d).expect("the dimension");
        groups.iter().find(|(k, _)| k == key).map(|(_, s)| s.clone()).expect("the group")
    };
    let textile = group(Dimension::Sector, "textile");
    assert_eq!(textile.funnel.requests.value, 2.0);
    // A's 200 + 50 million and B's 100 million.
    near(textile.saving(Basis::Identified, Unit::Vnd).value, 350_000_000.0);
    assert_eq!(group(Dimension::Sector, "").funnel.requests.receipts, ["SXSH-2027-0001"]);
    assert_eq!(group(Dimension::Ward, "Phường Phú Bài").funnel.contacted.value, 1.0);
    assert_eq!(group(Dimension::Size, "medium").funnel.agreed.value, 1.0);
    assert_eq!(group(Dimension::Year, "2026").funnel.requests.value, 3.0);
    assert_eq!(group(Dimension::Year, "2027").funnel.requests.value, 1.0);
    let sizes: Vec<&str> = f.breakdowns[2].1.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(sizes, ["medium", "micro", "small", "unknown"]);
}

#[test]
fn the_period_selects_by_the_day_received() {
    let cases = four();
    let in_2026 = in_period(&cases, "2026-01-01", "2026-12-31");
    assert_eq!(in_2026.len(), 3);
    assert_eq!(in_period(&cases, "2026-03-01", "2026-03-01").len(), 3, "both ends included");
    assert_eq!(in_period(&cases, "2026-03-02", "").len(), 1, "an open end");
    assert_eq!(in_period(&cases, "", "").len(), 4);
}

#[test]
fn size_classes_follow_the_decree_s_employee_ceilings() {
    assert_eq!(SizeClass::of(Some(10.0)), SizeClass::Micro);
    assert_eq!(SizeClass::of(Some(11.0)), SizeClass::Small);
    assert_eq!(SizeClass::of(Some(100.0)), SizeClass::Small);
    assert_eq!(SizeClass::of(Some(100.5)), SizeClass::Medium);
    assert_eq!(SizeClass::of(Some(200.0)), SizeClass::Medium);
    assert_eq!(SizeClass::of(Some(201.0)), SizeClass::Large);
    assert_eq!(SizeClass::of(None), SizeClass::Unknown);
    assert_eq!(SizeClass::of(Some(-3.0)), SizeClass::Unknown);
}

#[test]
fn quantities_count_only_in_the_units_of_their_stream() {
    let list = active();
    let a = Amounts::of(list, Some(Stream::Electricity), Some(2.0), " MWh ", None, None);
    near(a.kwh.unwrap_or(0.0), 2_000.0);
    near(a.toe.unwrap_or(0.0), 0.3086);
    let a = Amounts::of(list, Some(Stream::Waste), Some(500.0), "kg", None, None);
    near(a.t.unwrap_or(0.0), 0.5);
    let a = Amounts::of(list, Some(Stream::Water), Some(7.0), "m3", Some(1.0), Some(2.0));
    assert_eq!((a.m3, a.vnd, a.tco2), (Some(7.0), Some(1.0), Some(2.0)));
    let a = Amounts::of(list, Some(Stream::Water), Some(7.0), "lít", None, None);
    assert!(a.quantity_dropped(Some(7.0)));
    assert!(!a.quantity_dropped(None));
    let a = Amounts::of(list, Some(Stream::Fuel), Some(3.0), "toe", None, None);
    assert_eq!((a.toe, a.kwh), (Some(3.0), None));
    let a = Amounts::of(list, None, Some(3.0), "kWh", None, None);
    assert_eq!(a, Amounts::default());
}

#[test]
fn a_norm_out_of_its_period_is_never_in_force() {
    assert!(in_force(Some("2026-01-01"), Some("2030-12-31"), "2026-01-01"));
    assert!(in_force(Some("2026-01-01"), Some("2030-12-31"), "2030-12-31"));
    assert!(!in_force(Some("2026-01-01"), Some("2030-12-31"), "2025-12-31"));
    assert!(!in_force(Some("2026-01-01"), Some("2030-12-31"), "2031-01-01"));
    assert!(in_force(None, None, "2031-01-01"));
    assert!(!in_force(Some("someday"), None, "2031-01-01"), "an unreadable bound");
    assert!(!in_force(None, None, "not a day"));
}

/// A brewery of 600,000 hl a year using 20,000,000 kWh and nothing else: 72,000,000 MJ, so
/// 120 MJ/hl, under the 141 MJ/hl best practice (in force from 2012, no end).
fn brewery() -> Profile {
    let mut p = crate::assessment::Draft::new(active()).profile;
    p.sector = Some("beverage".into());
    p.output = Some(600_000.0);
    p.output_unit = "hl".into();
    p.electricity.kwh = Some(20_000_000.0);
    p
}

#[test]
fn energy_per_unit_is_compared_only_with_the_norms_in_force() {
    let list = active();
    let i = intensity(list, &brewery(), "2026-05-01").expect("output and energy are known");
    near(i.mj_per_unit, 120.0);
    near(i.kwh_per_unit.unwrap_or(0.0), 20_000_000.0 / 600_000.0);
    let ids: Vec<&str> = i.norms.iter().map(|n| n.norm.as_str()).collect();
    // Circular 28/2024 applies (no value retrieved), the best practice too.
    assert_eq!(ids, ["beverage_tt28_2024", "beer_best_practice"]);
    assert_eq!(i.norms[0].value, None);
    assert_eq!(i.norms[1].value, Some(141.0));
    // Before Circular 28/2024 came into force (25/12/2024), only the best practice applies.
    let before = intensity(list, &brewery(), "2024-12-24").expect("known");
    let ids: Vec<&str> = before.norms.iter().map(|n| n.norm.as_str()).collect();
    assert_eq!(ids, ["beer_best_practice"]);
    let mut no_unit = brewery();
    no_unit.output_unit = " ".into();
    assert_eq!(intensity(list, &no_unit, "2026-05-01"), None);
    let mut no_output = brewery();
    no_output.output = Some(0.0);
    assert_eq!(intensity(list, &no_output, "2026-05-01"), None);
    let mut no_energy = brewery();
    no_energy.electricity.kwh = None;
    assert_eq!(intensity(list, &no_energy, "2026-05-01"), None);
}

#[test]
fn fuels_add_their_energy_and_a_norm_applies_only_within_its_output_class() {
    let list = active();
    // 300,000 hl (below the best practice's 500,000 hl): 6,000,000 kWh × 3.6 = 21,600,000 MJ
    // and 1,000 t of coal 5-6 × 20,900 MJ/t = 20,900,000 MJ; 42,500,000 MJ ÷ 300,000 hl =
    // 141.67 MJ/hl.
    let mut small = brewery();
    small.output = Some(300_000.0);
    small.electricity.kwh = Some(6_000_000.0);
    small.fuels.push(crate::assessment::FuelUse {
        fuel: "coal_5_6".into(),
        quantity: Some(1_000.0),
        cost_vnd: None,
        co2_t_per_unit: None,
    });
    let i = intensity(list, &small, "2026-05-01").expect("known");
    near(i.mj_per_unit, 42_500_000.0 / 300_000.0);
    near(i.kwh_per_unit.unwrap_or(0.0), 20.0);
    let ids: Vec<&str> = i.norms.iter().map(|n| n.norm.as_str()).collect();
    assert_eq!(ids, ["beverage_tt28_2024"], "the best practice is for 500,000 hl and more");
    near(i.norms[0].actual, 42_500_000.0 / 300_000.0);
    let mut other_unit = small.clone();
    other_unit.output_unit = "t".into();
    let i = intensity(list, &other_unit, "2026-05-01").expect("known");
    assert!(i.norms.is_empty(), "no norm of the sector is stated per tonne");
}

#[test]
fn the_norm_figures_count_factories_within_and_above() {
    let list = active();
    let mut a = plain("SXSH-2026-0001", 2026, "beverage", "", SizeClass::Large);
    a.intensity = intensity(list, &brewery(), "2026-05-01");
    let mut heavy = brewery();
    heavy.electricity.kwh = Some(30_000_000.0); // 180 MJ/hl, above 141
    let mut b = plain("SXSH-2026-0002", 2026, "beverage", "", SizeClass::Large);
    b.intensity = intensity(list, &heavy, "2026-05-01");
    let c = plain("SXSH-2026-0003", 2026, "beverage", "", SizeClass::Large);
    let f = figures(&[a, b, c]);
    assert_eq!(f.intensity_known.value, 2.0);
    let best = f.norms.iter().find(|n| n.norm == "beer_best_practice").expect("applies");
    assert_eq!((best.applies.value, best.within.value, best.above.value), (2.0, 1.0, 1.0));
    assert_eq!(best.above.receipts, ["SXSH-2026-0002"]);
    assert_eq!((best.kind, best.value), (Some(NormKind::BestPractice), Some(141.0)));
    let tt28 = f.norms.iter().find(|n| n.norm == "beverage_tt28_2024").expect("applies");
    assert_eq!((tt28.applies.value, tt28.within.value, tt28.above.value), (2.0, 0.0, 0.0));
    assert_eq!((tt28.kind, tt28.value), (Some(NormKind::National), None));
}

#[test]
fn a_case_is_built_from_the_stored_request_its_record_and_follow_ups() {
    let list = active();
    let mut profile = brewery();
    profile.ward = "  Phường   Phú Bài ".into();
    profile.employees = Some(150.0);
    let mut record = RapidAssessment::new("SXSH-2026-0005");
    record.visit.date = "2026-04-02".into();
    let o = |id: &str, end_use: &str, agreement: Agreement| Opportunity {
        id: id.into(),
        measure: None,
        title: id.into(),
        end_use: end_use.into(),
        saving_quantity: Some(1_000.0),
        saving_unit: "kWh".into(),
        saving_vnd: Some(2_000_000.0),
        saving_tco2: Some(0.6),
        investment_vnd: None,
        priority: Priority::High,
        agreement,
    };
    record.opportunities = vec![
        o("n1", "electricity.lighting", Agreement::Agreed),
        o("n2", "electricity.lighting", Agreement::Declined),
        Opportunity { saving_unit: "lít".into(), ..o("n3", "water.cleaning", Agreement::Agreed) },
    ];
    let row = |id: &str, status: &str, evidence: &str, vnd: f64| FollowUpRow {
        opportunity_id: id.into(),
        status: status.into(),
        status_on: "2026-10-01".into(),
        achieved_quantity: Some(900.0),
        achieved_unit: "kWh".into(),
        achieved_vnd: Some(vnd),
        achieved_tco2: None,
        evidence: evidence.into(),
    };
    let stored = Stored {
        receipt: "SXSH-2026-0005".into(),
        tax_code: String::new(),
        company_key: String::new(),
        received_at: "2026-02-28T18:30:00Z".into(),
        year: 2025,
        contacted: false,
        potential_vnd: 5_000_000.0,
        potential_toe: 2.0,
        potential_tco2: 7.0,
        annual_toe: Some(3_000.0),
    };
    let follow_ups = [
        row("n1", "in_progress", "self_reported", 1.0),
        row("n1", "implemented", "verified", 1_800_000.0),
        row("n2", "implemented", "verified", 9.0),
    ];
    let c = case(list, &stored, &profile, Some(&record), &follow_ups);
    assert_eq!(c.received_on, "2026-03-01", "18:30 UTC is the next day in Vietnam");
    assert_eq!(c.year, 2026, "the year of the day received, not the stored one");
    assert_eq!(c.ward, "Phường Phú Bài");
    assert_eq!(c.size, SizeClass::Medium);
    assert!(c.visited && c.contacted, "a visit means it was contacted");
    assert_eq!(c.annual_toe, Some(3_000.0));
    assert_eq!(
        c.potential,
        Amounts { vnd: Some(5_000_000.0), toe: Some(2.0), tco2: Some(7.0), ..Amounts::default() },
    );
    let ids: Vec<&str> = c.agreed.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["n1", "n3"], "the declined one is not agreed");
    let n1 = &c.agreed[0];
    assert_eq!(n1.stream, Some(Stream::Electricity));
    let f = n1.follow_up.as_ref().expect("the latest row");
    assert_eq!((f.status, f.evidence), (FollowUpStatus::Implemented, Evidence::Verified));
    assert_eq!(f.achieved.vnd, Some(1_800_000.0));
    assert!(!n1.unit_not_counted);
    // n3 is on water, in litres: its quantity is not summed, and it says so.
    assert_eq!(c.agreed[1].stream, Some(Stream::Water));
    assert!(c.agreed[1].unit_not_counted);
    assert_eq!(c.agreed[1].follow_up, None);
    assert_eq!(figures(std::slice::from_ref(&c)).total.unit_not_counted.value, 1.0);
    assert_eq!(c.intensity.as_ref().map(|i| i.norms.len()), Some(2));

    let unvisited = case(list, &stored, &profile, None, &follow_ups);
    assert!(!unvisited.visited && !unvisited.contacted && unvisited.agreed.is_empty());
    let mut undated = record.clone();
    undated.visit.date = String::new();
    assert!(!case(list, &stored, &profile, Some(&undated), &[]).visited);
    let nothing = Stored {
        annual_toe: Some(0.0),
        potential_toe: 0.0,
        potential_tco2: -1.0,
        ..stored.clone()
    };
    let nothing = case(list, &nothing, &profile, None, &[]);
    assert_eq!(
        (nothing.annual_toe, nothing.potential.toe, nothing.potential.tco2),
        (None, None, None),
        "0 is no figure"
    );
    // An estimate in kWh but an achievement in litres: not counted, and said so.
    let litres =
        [FollowUpRow { achieved_unit: "lít".into(), ..row("n1", "implemented", "verified", 1.0) }];
    assert!(case(list, &stored, &profile, Some(&record), &litres).agreed[0].unit_not_counted);
    let garbled = Stored { received_at: "yesterday".into(), ..stored.clone() };
    assert_eq!(case(list, &garbled, &profile, None, &[]).year, 2025, "the stored year then");
    let odd = [FollowUpRow { status: "done".into(), ..row("n1", "", "verified", 1.0) }];
    assert_eq!(case(list, &stored, &profile, Some(&record), &odd).agreed[0].follow_up, None);
}

/// Three micro textile enterprises in Thuận Hóa in 2026 (the first visited, with one agreed
/// opportunity of 5,000 kWh and 10,000,000 VND, implemented and verified at 4,000 kWh and
/// 8,000,000 VND), and two beverage ones in Phú Bài.
fn five_for_open_data() -> Vec<Case> {
    let mut cases: Vec<Case> = (1..=3)
        .map(|i| {
            plain(
                &format!("SXSH-2026-000{i}"),
                2026,
                "textile",
                "Phường Thuận Hóa",
                SizeClass::Micro,
            )
        })
        .collect();
    cases[0].contacted = true;
    cases[0].visited = true;
    cases[0].agreed = vec![opportunity(
        "led",
        Stream::Electricity,
        5_000.0,
        "kWh",
        10_000_000.0,
        None,
        Some((FollowUpStatus::Implemented, Evidence::Verified, 4_000.0, 8_000_000.0, None)),
    )];
    for i in 4..=5 {
        cases.push(plain(
            &format!("SXSH-2026-000{i}"),
            2026,
            "beverage",
            "Phường Phú Bài",
            SizeClass::Micro,
        ));
    }
    cases
}

/// The figure of `row` in the column `name`.
fn cell(row: &OpenRow, name: &str) -> Option<f64> {
    let i = open::columns().iter().position(|c| c == name).expect(name);
    row.figures[i - 4]
}

#[test]
fn open_data_suppresses_a_group_of_fewer_than_three() {
    // The beverage group has 2 enterprises, under 3: merged into its year's and sector's
    // "other" row (still 2: suppressed), its ward never written. The textile group of 3 is
    // published, but only its cells 3 enterprises (or none) contribute to: "enterprises" (3)
    // and the zeros; the visit, the opportunity and its savings are one enterprise's.
    let cases = five_for_open_data();
    let rows = open_data(&cases);
    assert_eq!(rows.len(), 2);
    let beverage = &rows[0];
    assert_eq!(
        (beverage.sector.as_str(), beverage.ward.as_str(), beverage.size_class.as_str()),
        ("beverage", open::OTHER_WARD, open::OTHER_SIZE)
    );
    assert!(beverage.suppressed());
    let textile = &rows[1];
    assert_eq!((textile.ward.as_str(), textile.size_class.as_str()), ("Phường Thuận Hóa", "micro"));
    let columns = open::columns();
    assert_eq!(textile.figures.len() + 4, columns.len());
    assert_eq!(cell(textile, "enterprises"), Some(3.0));
    for one in [
        "contacted",
        "visited",
        "opportunities_agreed",
        "opportunities_implemented",
        "enterprises_implementing",
        "identified_vnd",
        "identified_kwh",
        "verified_vnd",
        "implemented_toe",
    ] {
        assert_eq!(cell(textile, one), None, "{one}: one enterprise's figure");
    }
    assert_eq!(cell(textile, "self_reported_vnd"), Some(0.0), "no enterprise: 0");

    let csv = open::to_csv(&rows);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].starts_with("\"year\",\"sector\",\"ward\",\"size_class\",\"enterprises\""));
    assert!(lines[1].starts_with("\"2026\",\"beverage\",\"khác\",\"other\",\"suppressed\""));
    assert_eq!(lines[1].matches("suppressed").count(), columns.len() - 4);
    assert!(lines[2].starts_with("\"2026\",\"textile\",\"Phường Thuận Hóa\",\"micro\",\"3\","));
    assert!(!csv.contains("Phú Bài"), "a small group's ward is never published");
    for receipt in ["SXSH-2026-0001", "SXSH"] {
        assert!(!csv.contains(receipt), "no receipt in the open data");
    }
}

#[test]
fn open_data_counts_enterprises_not_requests() {
    // One enterprise (one tax code) sent three requests in the same group: one enterprise,
    // under 3, suppressed however many requests.
    let cases: Vec<Case> = (1..=3)
        .map(|i| Case {
            enterprise: "tax:3300100100".into(),
            ..plain(&format!("SXSH-2026-000{i}"), 2026, "textile", "Phú Bài", SizeClass::Large)
        })
        .collect();
    let rows = open_data(&cases);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].ward, open::OTHER_WARD);
    assert!(rows[0].suppressed(), "3 requests of 1 enterprise: suppressed");
}

#[test]
fn small_groups_merge_into_one_other_row_per_year_and_sector() {
    // 2026 textile: Thuận Hóa micro (2 enterprises) and Phú Bài small (1) are each under 3;
    // merged, 3 enterprises: published as (2026, textile, khác, other) with enterprises = 3.
    // 2026 beverage: Phú Bài (1): merged alone, still 1, suppressed. All 3 textile visited:
    // "visited" = 3 published.
    let mut cases = vec![
        plain("SXSH-2026-0001", 2026, "textile", "Thuận Hóa", SizeClass::Micro),
        plain("SXSH-2026-0002", 2026, "textile", "Thuận Hóa", SizeClass::Micro),
        plain("SXSH-2026-0003", 2026, "textile", "Phú Bài", SizeClass::Small),
        plain("SXSH-2026-0004", 2026, "beverage", "Phú Bài", SizeClass::Small),
    ];
    for c in &mut cases[..3] {
        c.visited = true;
    }
    let rows = open_data(&cases);
    let keys: Vec<(&str, &str, &str, bool)> = rows
        .iter()
        .map(|r| (r.sector.as_str(), r.ward.as_str(), r.size_class.as_str(), r.suppressed()))
        .collect();
    assert_eq!(keys, [("beverage", "khác", "other", true), ("textile", "khác", "other", false)]);
    assert_eq!(cell(&rows[1], "enterprises"), Some(3.0));
    assert_eq!(cell(&rows[1], "visited"), Some(3.0));
    assert_eq!(cell(&rows[1], "contacted"), Some(0.0));
}

#[test]
fn the_funnel_counts_each_enterprise_once_where_it_counts_enterprises() {
    // One enterprise (tax code 01) sent two requests, both visited, each with an implemented
    // opportunity; another (02) one request, visited, nothing implemented. Requests 3,
    // enterprises 2; visited requests 3, enterprises visited 2; enterprises implementing 1
    // (not 2); the enterprise rate 1 ÷ 2 = 50 %.
    let implemented = || {
        opportunity(
            "led",
            Stream::Electricity,
            5_000.0,
            "kWh",
            10_000_000.0,
            None,
            Some((FollowUpStatus::Implemented, Evidence::Verified, 4_000.0, 8_000_000.0, None)),
        )
    };
    let mut cases = vec![
        plain("SXSH-2026-0001", 2026, "textile", "Thuận Hóa", SizeClass::Micro),
        plain("SXSH-2026-0002", 2026, "textile", "Thuận Hóa", SizeClass::Micro),
        plain("SXSH-2026-0003", 2026, "textile", "Thuận Hóa", SizeClass::Micro),
    ];
    for (c, tax) in cases.iter_mut().zip(["tax:01", "tax:01", "tax:02"]) {
        c.enterprise = tax.into();
        c.visited = true;
    }
    cases[0].agreed = vec![implemented()];
    cases[1].agreed = vec![implemented()];
    let f = summary(&cases).funnel;
    assert_eq!((f.requests.value, f.enterprises.value), (3.0, 2.0));
    assert_eq!((f.visited.value, f.enterprises_visited.value), (3.0, 2.0));
    assert_eq!(f.implementing.value, 1.0);
    assert_eq!(f.implementing.receipts, ["SXSH-2026-0001", "SXSH-2026-0002"]);
    assert_eq!(f.enterprise_rate(), Some(50.0));
    assert_eq!(f.implemented.value, 2.0, "opportunities stay opportunities");
}

#[test]
fn an_enterprise_is_its_tax_code_else_its_company_key_else_its_receipt() {
    let stored = Stored {
        receipt: "SXSH-2026-0009".into(),
        tax_code: " 3300100100 ".into(),
        company_key: "cong ty a".into(),
        ..Stored::default()
    };
    assert_eq!(enterprise_key(&stored), "tax:3300100100");
    let no_tax = Stored { tax_code: " ".into(), ..stored.clone() };
    assert_eq!(enterprise_key(&no_tax), "company:cong ty a");
    let nothing = Stored { company_key: String::new(), ..no_tax };
    assert_eq!(enterprise_key(&nothing), "receipt:SXSH-2026-0009");
}

#[test]
fn machine_numbers_have_a_dot_and_no_trailing_zeros() {
    assert_eq!(open::machine_number(1_234_567.0), "1234567");
    assert_eq!(open::machine_number(0.5), "0.5");
    assert_eq!(open::machine_number(12.3440001), "12.344");
    assert_eq!(open::machine_number(0.0), "0");
    assert_eq!(open::machine_number(-0.0000001), "0");
}

fn indicator(id: &str, measure: &str, sectors: &[&str]) -> report::Indicator {
    report::Indicator {
        id: id.into(),
        vi: format!("{id} vi"),
        en: format!("{id} en"),
        unit: "%".into(),
        measure: measure.into(),
        sectors: sectors.iter().map(|s| (*s).to_owned()).collect(),
        how_vi: String::new(),
        how_en: String::new(),
        target_vi: String::new(),
        target_en: String::new(),
        limits_vi: String::new(),
        limits_en: String::new(),
        source: "test".into(),
    }
}

#[test]
fn the_indicators_are_computed_from_the_cases() {
    let cases = four();
    let all: Vec<&Case> = cases.iter().collect();
    let value = |measure: &str, sectors: &[&str]| {
        report::value(&all, &indicator("x", measure, sectors)).map(|t| (t.value, t.receipts))
    };
    // A saved 12.344 TOE (80,000 kWh) of the 100 TOE it uses a year: 12.344 %. B implemented
    // nothing, C and D were not visited.
    let (share, receipts) = value("energy_saved_share", &["textile"]).expect("A counts");
    near(share, 12.344);
    assert_eq!(receipts, ["SXSH-2026-0001"]);
    assert_eq!(value("energy_saved_share", &["beverage"]), None, "no beverage maker implemented");
    assert_eq!(value("visited", &[]).map(|v| v.0), Some(2.0));
    assert_eq!(value("visited", &["beverage"]).map(|v| v.0), Some(0.0));
    assert_eq!(value("requests", &["beverage", "textile"]).map(|v| v.0), Some(3.0));
    let (rate, receipts) = value("implementation_rate", &[]).expect("3 agreed");
    near(rate, 200.0 / 3.0);
    assert_eq!(receipts, ["SXSH-2026-0001", "SXSH-2026-0002"]);
    assert_eq!(value("enterprise_rate", &["beverage"]), None, "none visited");
    near(value("saving:verified:vnd", &[]).map_or(0.0, |v| v.0), 160_000_000.0);
    near(value("saving:implemented:toe", &[]).map_or(0.0, |v| v.0), 12.344);
    assert_eq!(value("opportunities_implemented", &[]).map(|v| v.0), Some(2.0));
    assert_eq!(value("enterprises_implementing", &[]).map(|v| v.0), Some(1.0));
    assert_eq!(value("contacted", &[]).map(|v| v.0), Some(3.0));
    assert_eq!(value("opportunities_agreed", &[]).map(|v| v.0), Some(3.0));
}

#[test]
fn an_indicators_file_with_an_unknown_measure_is_refused_with_its_place() {
    let good = report::Indicators {
        indicator: vec![
            indicator("a", "visited", &[]),
            indicator("b", "saving:verified:tco2", &[]),
        ],
    };
    assert_eq!(report::check(&good), Vec::<String>::new());
    let mut bad = good.clone();
    bad.indicator[1].measure = "saving:verified:litres".into();
    bad.indicator.push(indicator("a", "saving:guessed:vnd", &[]));
    bad.indicator.push(indicator(" ", "visited:x", &[]));
    bad.indicator[3].source = " ".into();
    assert_eq!(
        report::check(&bad),
        [
            "indicator[0].id \"a\" is used twice",
            "indicator[1].measure \"saving:verified:litres\" is not known",
            "indicator[2].id \"a\" is used twice",
            "indicator[2].measure \"saving:guessed:vnd\" is not known",
            "indicator[3].id is empty",
            "indicator[3].measure \"visited:x\" is not known",
            "indicator[3].source is empty",
        ]
    );
}

#[test]
fn every_figure_of_the_report_is_in_the_dictionary_and_traced() {
    let cases = four();
    let all: Vec<&Case> = cases.iter().collect();
    let f = figures(all.iter().copied());
    let indicators =
        [indicator("share", "energy_saved_share", &[]), indicator("v", "saving:verified:vnd", &[])];
    let lines = report::lines(&all, &f, &indicators);
    let dictionary: Vec<String> = report::dictionary().into_iter().map(|d| d.0).collect();
    for l in &lines {
        assert!(dictionary.contains(&l.figure), "{} is not in the dictionary", l.figure);
    }
    let find = |section: &str, group: &str, figure: &str| {
        lines
            .iter()
            .find(|l| l.section == section && l.group == group && l.figure == figure)
            .unwrap_or_else(|| panic!("{section} {group} {figure}"))
    };
    let share = find("indicator", "share", "energy_saved_share");
    near(share.value.unwrap_or(0.0), 12.344);
    let verified = find("total", "", "verified_vnd");
    assert_eq!(
        (verified.value, verified.receipts.clone()),
        (Some(160_000_000.0), vec!["SXSH-2026-0001".to_owned()])
    );
    assert_eq!(find("year", "2027", "requests").value, Some(1.0));
    assert_eq!(find("year", "2027", "implementation_rate").value, None, "nothing agreed in 2027");
    assert_eq!(find("size_class", "medium", "identified_toe").value, Some(10.0));

    let csv = report::figures_csv(&lines);
    assert!(csv.starts_with(
        "\u{feff}\"section\",\"group\",\"figure\",\"unit\",\"value\",\"records\"\r\n"
    ));
    assert!(csv.contains(
        "\"total\",\"\",\"identified_vnd\",\"VND\",\"350000000\",\"SXSH-2026-0001 SXSH-2026-0002\"\r\n"
    ));
    assert!(csv.contains("\"year\",\"2027\",\"implementation_rate\",\"%\",\"\",\"\"\r\n"));
    let dictionary = report::dictionary_csv(&[indicator("share", "energy_saved_share", &[])]);
    assert!(dictionary.contains("\"verified_tco2\",\"tCO2\""));
    assert!(dictionary.contains("\"indicator:share\",\"%\",\"share vi\",\"share en\",\"test\""));

    let (head, rows) = report::record_rows(&all);
    assert_eq!(head.len(), rows[0].len());
    let a = &rows[0];
    assert_eq!(a[0], "SXSH-2026-0001");
    assert_eq!(a[head.iter().position(|h| *h == "implemented_vnd").unwrap_or(0)], "200000000");
    assert_eq!(a[head.iter().position(|h| *h == "opportunities_agreed").unwrap_or(0)], "2");
}

#[test]
fn the_annual_report_is_a_pdf() {
    const REGULAR: &[u8] = include_bytes!("../../../../public/fonts/NotoSans-Regular-vi.ttf");
    const BOLD: &[u8] = include_bytes!("../../../../public/fonts/NotoSans-Bold-vi.ttf");
    let cases = four();
    let all: Vec<&Case> = cases.iter().collect();
    let f = figures(all.iter().copied());
    let name = |id: &str| id.to_uppercase();
    let input = report::AnnualInput {
        lang: crate::i18n::Lang::Vi,
        department: "Sở Công Thương thành phố Huế",
        from: "2026-01-01",
        to: "2026-12-31",
        made_on: "2027-01-15",
        sector_name: &name,
    };
    let fonts = crate::report::pdf::Fonts { regular: REGULAR, bold: BOLD };
    let pdf = report::annual_pdf(
        &input,
        &all,
        &f,
        &[indicator("share", "energy_saved_share", &[])],
        &fonts,
    );
    let pdf = pdf.expect("the fonts are fonts");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() > 10_000);
    assert_eq!(report::shown(Some(1_234_567.4), "VND", crate::i18n::Lang::Vi), "1.234.567");
    assert_eq!(report::shown(Some(12.344), "%", crate::i18n::Lang::Vi), "12,34");
    assert_eq!(report::shown(Some(3.0), "count", crate::i18n::Lang::En), "3");
    assert_eq!(report::shown(None, "count", crate::i18n::Lang::En), "—");
}

#[test]
fn stored_statuses_and_evidence_read_each_as_itself() {
    use FollowUpStatus::*;
    for (text, status) in [
        ("implemented", Implemented),
        ("in_progress", InProgress),
        ("not_implemented", NotImplemented),
        ("unknown", Unknown),
    ] {
        assert_eq!(FollowUpStatus::parse(text), Some(status));
    }
    assert_eq!(FollowUpStatus::parse("done"), None);
    assert_eq!(Evidence::parse("self_reported"), Some(Evidence::SelfReported));
    assert_eq!(Evidence::parse("verified"), Some(Evidence::Verified));
    assert_eq!(Evidence::parse("measured"), None);
}

#[test]
fn each_size_class_has_its_words_and_code() {
    let codes: Vec<&str> = SizeClass::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, ["micro", "small", "medium", "large", "unknown"]);
    assert_eq!(SizeClass::Micro.words(), ("Siêu nhỏ (≤ 10 lao động)", "Micro (≤ 10 employees)"));
    assert_eq!(SizeClass::Unknown.words(), ("Chưa rõ số lao động", "Employees not given"));
    let mut words: Vec<(&str, &str)> = SizeClass::ALL.iter().map(|c| c.words()).collect();
    words.sort();
    words.dedup();
    assert_eq!(words.len(), 5, "no two classes read alike");
    assert!(SizeClass::ALL.iter().all(|c| !c.words().0.is_empty() && !c.words().1.is_empty()));
}

#[test]
fn tonnes_of_materials_count_in_either_language() {
    let list = active();
    for unit in ["t", "tấn", "tonne", "Tonnes"] {
        let a = Amounts::of(list, Some(Stream::Materials), Some(2.5), unit, None, None);
        assert_eq!(a.t, Some(2.5), "{unit}");
    }
    let a = Amounts::of(list, Some(Stream::Chemicals), Some(2.5), "tấn", None, None);
    assert_eq!(a.t, Some(2.5));
}

#[test]
fn an_electricity_norm_compares_kwh_per_unit() {
    let mut list = active().clone();
    let norm = list.norms.iter_mut().find(|n| n.id == "beer_best_practice").expect("the norm");
    norm.metric = NormMetric::ElectricityKwh;
    // 20,000,000 kWh ÷ 600,000 hl = 33.33 kWh/hl.
    let i = intensity(&list, &brewery(), "2026-05-01").expect("known");
    let best = i.norms.iter().find(|n| n.norm == "beer_best_practice").expect("applies");
    near(best.actual, 20_000_000.0 / 600_000.0);
    let mut no_kwh = brewery();
    no_kwh.electricity.kwh = None;
    no_kwh.fuels.push(crate::assessment::FuelUse {
        fuel: "coal_5_6".into(),
        quantity: Some(1_000.0),
        cost_vnd: None,
        co2_t_per_unit: None,
    });
    let i = intensity(&list, &no_kwh, "2026-05-01").expect("fuel alone is energy");
    assert!(i.norms.iter().all(|n| n.norm != "beer_best_practice"), "no electricity: no kWh");
    assert_eq!(i.kwh_per_unit, None);
}

#[test]
fn each_basis_and_unit_has_its_words_and_code() {
    let codes: Vec<&str> = Basis::ALL.iter().map(|b| b.as_str()).collect();
    assert_eq!(codes, ["potential", "identified", "implemented", "self_reported", "verified"]);
    assert_eq!(Basis::Verified.words(), ("— Sở đã xác minh", "— verified"));
    assert_eq!(Basis::Potential.words().0, "Tiềm năng tự đánh giá");
    let mut words: Vec<(&str, &str)> = Basis::ALL.iter().map(|b| b.words()).collect();
    words.sort();
    words.dedup();
    assert_eq!(words.len(), 5);
    let units: Vec<(&str, &str)> = Unit::ALL.iter().map(|u| (u.as_str(), u.symbol())).collect();
    assert_eq!(
        units,
        [
            ("vnd", "VND"),
            ("kwh", "kWh"),
            ("toe", "TOE"),
            ("m3", "m³"),
            ("t", "t"),
            ("tco2", "tCO2")
        ]
    );
    let dims: Vec<&str> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
    assert_eq!(dims, ["sector", "ward", "size_class", "year"]);
}
