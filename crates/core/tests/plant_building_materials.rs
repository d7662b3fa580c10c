//! The building-materials fixture plant: a Huế frit and glaze producer (Huế has five, domain.md
//! §2.7), worked by hand from the weights, `saving_pct` ranges and shares in `content/`.
//!
//! The plant melts frit in one LPG-fired tank furnace with a recuperator that no longer preheats
//! the air to 350 °C, has a compressor, and ticks its one stage (frit and glaze) and the general
//! "fuel-fired kiln" equipment. Every number below is worked out in the comment above it.

use crate::fixtures::{close, draft, level, range, stream};
use sxsh_core::assessment::{Draft, ElectricityUse, FuelUse, Level, Profile, StreamUse};
use sxsh_core::checklist::{self, MeasureKind, Stream};
use sxsh_core::savings::{CostBasis, savings};
use sxsh_core::scoring::{applicable_questions, score};

/// A frit and glaze plant in Huế: 1,500,000 kWh/yr (bill 2.7 bn VND), 1,000 t/yr of LPG with no
/// cost entered (priced at the checklist's 2025 default), 20,000 m³/yr of water.
fn frit_plant() -> Draft {
    let _list = checklist::active();
    let kit = ["building_materials_frit_glaze", "kiln_furnace", "compressor"];
    let profile = Profile {
        company: "Công ty Frit và Men Huế (ví dụ)".into(),
        sector: Some("building_materials".into()),
        products: "Frit, men gốm".into(),
        output: Some(6_000.0),
        output_unit: "t".into(),
        equipment: kit.iter().map(|e| (*e).to_owned()).collect(),
        electricity: ElectricityUse {
            kwh: Some(1_500_000.0),
            cost_vnd: Some(2_700_000_000.0),
            ..Default::default()
        },
        fuels: vec![FuelUse {
            fuel: "lpg".into(),
            quantity: Some(1_000_000.0),
            ..Default::default()
        }],
        water: StreamUse { quantity: Some(20_000.0), cost_vnd: Some(300_000_000.0) },
        ..Default::default()
    };
    draft(
        profile,
        vec![
            // The recuperator is there but the air leaves it below 350 °C: partly.
            level("building_materials.process_heat.frit_air_preheat", Level::Partly),
            level("building_materials.process_heat.frit_oxy_fuel", Level::NotYet),
            level("building_materials.process_heat.frit_insulation", Level::NotYet),
            level("building_materials.water_reuse.frit_quench_water", Level::Done),
            level("building_materials.monitoring.co2_per_product", Level::Partly),
            level("energy.compressed_air.leaks", Level::NotYet),
            level("energy.process_heat.insulation", Level::NotYet),
        ],
    )
}

#[test]
fn a_frit_plant_is_asked_only_its_own_stage_of_the_sector() {
    let list = checklist::active();
    let draft = frit_plant();
    let asked: Vec<&str> = applicable_questions(list, &draft)
        .into_iter()
        .map(|q| q.id.as_str())
        .filter(|id| id.starts_with("building_materials."))
        .collect();
    // The frit stage's four questions and the one asked of every stage; no brick, ceramic or
    // cement question.
    assert_eq!(
        asked,
        [
            "building_materials.process_heat.frit_air_preheat",
            "building_materials.process_heat.frit_oxy_fuel",
            "building_materials.process_heat.frit_insulation",
            "building_materials.water_reuse.frit_quench_water",
            "building_materials.monitoring.co2_per_product",
        ]
    );
}

#[test]
fn a_frit_plant_scores_and_saves_as_computed_by_hand() {
    let list = checklist::active();
    let draft = frit_plant();

    // Score: weight × credit (done 1, partly 0.5, not yet 0).
    //   frit_air_preheat 3 × 0.5 = 1.5; frit_oxy_fuel 2 × 0; frit_insulation 2 × 0;
    //   frit_quench_water 2 × 1 = 2; co2_per_product 2 × 0.5 = 1;
    //   compressed-air leaks 3 × 0; kiln insulation 2 × 0
    //   → 4.5 of 3 + 2 + 2 + 2 + 2 + 3 + 2 = 16 → 28.125 %.
    let card = score(list, &draft);
    close(card.overall.percent().expect("answered"), 28.125);
    assert_eq!(card.overall.answered, 7);

    let s = savings(list, &draft);

    // Fuel. Building-materials split (content/end_uses.toml): frit furnace 24.3, other
    // direct-fired 0.55 (kiln_furnace ticked), other 0.9; no boiler, no vehicles, and the other
    // stages' kilns are absent because the plant ticks the frit stage only → 25.75.
    //   Frit furnace 24.3/25.75: recuperator partly, ½ × 16–23 % = 8–11.5 %; furnace insulation
    //   not yet, 1–3 %. Combined: low 1 − 0.92 × 0.99 = 0.0892; high 1 − 0.885 × 0.97 = 0.14155.
    //   Other direct-fired 0.55/25.75: the general kiln insulation, 0.5–1.5 % (issue 20 merge:
    //   the general branch split the old insulation question, 1–3 %, into insulation and seals
    //   0.5–1.5 and keeping doors closed 0.5–1.5, energy.process_heat.doors_closed, which this
    //   plant has not answered).
    //   Of the fuel: low (24.3 × 0.0892 + 0.55 × 0.005)/25.75 = (2.16756 + 0.00275)/25.75
    //   = 2.17031/25.75 = 0.0842838834…; high (24.3 × 0.14155 + 0.55 × 0.015)/25.75
    //   = (3.439665 + 0.00825)/25.75 = 3.447915/25.75 = 0.1338996116….
    let f = stream(&s, Stream::Fuel);
    let (low, high) = (2.17031 / 25.75, 3.447915 / 25.75);
    range(Some(f.fraction), low, high);
    let frit = f.end_uses.iter().find(|u| u.end_use == "fuel.frit_furnace").expect("frit");
    close(frit.share, 24.3 / 25.75);
    range(Some(frit.fraction), 0.0892, 0.14155);
    let direct = f.end_uses.iter().find(|u| u.end_use == "fuel.direct_heat").expect("direct");
    close(direct.share, 0.55 / 25.75);
    assert_eq!(f.end_uses.len(), 3, "frit furnace, other direct-fired, other");
    // LPG: 1,000,000 kg at the 2025 default price of 34,300 VND/kg = 34.3 bn VND/yr
    // → 2,890,937,204–4,592,756,680 VND; CO2 2,880 t × fraction = 242.7–385.6 t;
    // 1,090 TOE × fraction = 91.9–146.0 TOE; 84,284–133,900 kg of LPG.
    range(f.vnd, 34.3e9 * low, 34.3e9 * high);
    assert_eq!(f.cost_basis, Some(CostBasis::DefaultPrice));
    range(f.co2_t, 2_880.0 * low, 2_880.0 * high);
    range(f.toe, 1_090.0 * low, 1_090.0 * high);
    close(f.fuels[0].quantity.high, 1_000_000.0 * 3.447915 / 25.75); // 133,899.6 kg

    // Electricity. Building-materials split over what the plant has: motors 8, pumps and fans
    // 8, compressed air 4, lighting 2, other 4 = 26 (no refrigeration, air conditioning, electric
    // furnace, and no cement mills: it grinds no cement). Leaks not yet: 10–24 % of compressed
    // air → 4 × 0.10/26 = 0.0153846… to 4 × 0.24/26 = 0.0369230… of the plant's electricity.
    let e = stream(&s, Stream::Electricity);
    let (e_low, e_high) = (0.4 / 26.0, 0.96 / 26.0);
    range(Some(e.fraction), e_low, e_high);
    assert!(e.end_uses.iter().all(|u| u.end_use != "electricity.cement_mills"));
    // Entered bill 2.7 bn VND → 41,538,462–99,692,308 VND; 1,500 MWh × 0.6592 = 988.8 t CO2.
    range(e.vnd, 2.7e9 * e_low, 2.7e9 * e_high);
    range(e.co2_t, 988.8 * e_low, 988.8 * e_high);

    // Water: the quench water is done and carries no saving of its own → no water stream.
    assert!(s.streams.iter().all(|x| x.stream != Stream::Water));
    // Total: 2,932,475,665–4,692,448,987 VND.
    range(Some(s.total_vnd), 34.3e9 * low + 2.7e9 * e_low, 34.3e9 * high + 2.7e9 * e_high);

    // Ranking by mid-range VND per relative cost (none 1, low 2, medium 4, high 8):
    //   recuperator 24.3/25.75 × 9.75 % × 34.3 bn = 3,155.9 M / 4 = 789.0 M;
    //   furnace insulation 24.3/25.75 × 2 % × 34.3 bn = 647.4 M / 2 = 323.7 M;
    //   air leaks 4/26 × 17 % × 2.7 bn = 70.6 M / 2 = 35.3 M;
    //   general kiln insulation 0.55/25.75 × 1 % × 34.3 bn = 7.3 M / 2 = 3.7 M;
    //   then the practices without a saving, by weight (both 2, in checklist order).
    let order: Vec<&str> = s.actions.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(
        order,
        [
            "building_materials.process_heat.frit_air_preheat",
            "building_materials.process_heat.frit_insulation",
            "energy.compressed_air.leaks",
            "energy.process_heat.insulation",
            "building_materials.process_heat.frit_oxy_fuel",
            "building_materials.monitoring.co2_per_product",
        ]
    );
    let first = s.actions[0].saving.as_ref().expect("a measure");
    assert_eq!(first.kind, MeasureKind::Efficiency);
    // Taken alone: ½ × 16–23 % of the furnace = 8–11.5 % × 24.3/25.75 of the fuel.
    range(Some(first.fraction), 0.08 * 24.3 / 25.75, 0.115 * 24.3 / 25.75);
    assert_eq!(s.actions[0].level, Level::Partly);
}
