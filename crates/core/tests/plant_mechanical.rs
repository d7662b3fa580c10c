//! A hand-worked mechanical plant (issue 20): machining and barrel zinc electroplating at Phú
//! Bài, with an electric heat-treatment furnace. Every expected number is worked out in the
//! comments from the weights, `saving_pct` ranges and default splits in `content/`
//! (questions/65-mechanical.toml, questions/10-energy.toml, questions/20-water.toml,
//! end_uses.toml).

use crate::fixtures::{close, draft, level, range, stream};
use sxsh_core::assessment::{Draft, ElectricityUse, Level, Profile, StreamUse};
use sxsh_core::checklist::{self, Stream};
use sxsh_core::savings::{CostBasis, savings};
use sxsh_core::scoring::score;

/// Machining and electroplating (no foundry, galvanising or painting line); an air compressor,
/// an electric heat-treatment furnace and its own transformer; no boiler.
fn mechanical_plant() -> Draft {
    let _list = checklist::active();
    let equipment =
        ["mech_machining", "mech_electroplating", "compressor", "electric_furnace", "transformer"];
    let profile = Profile {
        company: "Công ty Cơ khí và Xi mạ Phú Bài (ví dụ)".into(),
        sector: Some("mechanical".into()),
        products: "Bu lông, chi tiết máy mạ kẽm".into(),
        equipment: equipment.iter().map(|e| (*e).to_owned()).collect(),
        electricity: ElectricityUse {
            kwh: Some(2_000_000.0),
            voltage_level: Some("kv22_110".into()),
            ..Default::default()
        },
        water: StreamUse { quantity: Some(40_000.0), cost_vnd: Some(680_000_000.0) },
        chemicals: StreamUse { quantity: Some(120.0), cost_vnd: Some(2_400_000_000.0) },
        ..Default::default()
    };
    draft(
        profile,
        vec![
            level("mechanical.water_reuse.countercurrent_rinse", Level::NotYet),
            // Superseded by counter-current rinsing: scored, but its saving is not counted again.
            level("water.water_reuse.cascade", Level::NotYet),
            level("water.water_use.flow_restrictors", Level::Partly),
            level("mechanical.chemicals.dragout_tank", Level::NotYet),
            level("mechanical.chemicals.galvanising_acid", Level::Partly),
            level("mechanical.chemicals.cutting_fluid", Level::Done),
            // Its electric furnace is for heat treatment, not melting.
            level("mechanical.process_heat.induction_lid", Level::NotApplicable),
            level("energy.process_heat.electric_loading", Level::NotYet),
            level("energy.compressed_air.leaks", Level::Partly),
            // No painting line among the stages it ticked: kept, but it does not apply.
            level("mechanical.chemicals.coating_transfer", Level::Done),
            level("management.monitoring.key_energy_user", Level::NotApplicable),
        ],
    )
}

#[test]
fn mechanical_plant_scores_and_saves_as_worked_by_hand() {
    let list = checklist::active();
    let draft = mechanical_plant();
    let painting = list.question("mechanical.chemicals.coating_transfer").expect("a question");
    assert!(!draft.profile.applies(list, painting), "painting is not one of its stages");

    // Score: counter-current rinsing 3 × 0; cascade 2 × 0; flow restrictors 1 × ½ = 0.5;
    // drag-out tank 2 × 0; pickling acid 3 × ½ = 1.5; cutting fluid 2 × 1 = 2; electric
    // furnace loading 3 × 0; compressed-air leaks 3 × ½ = 1.5. Weights 3 + 2 + 1 + 2 + 3 + 2
    // + 3 + 3 = 19; credit 5.5 → 5.5 / 19 = 28.947368… %. The induction lid and the
    // key-energy-user question are not applicable; painting does not apply.
    let card = score(list, &draft);
    close(card.overall.percent().expect("answered"), 5.5 / 19.0 * 100.0);
    assert_eq!(card.overall.answered, 8);

    let s = savings(list, &draft);

    // Electricity: mechanical split over the end uses it has (compressor and electric furnace;
    // no refrigeration or air conditioning): motors 18, pumps and fans 15, compressed air 10,
    // lighting 9, electric heat 17, other 13 = 82. Leaks partly: ½ × 10–24 % = 5–12 % of
    // compressed air; furnace loading 2.5–7.5 % of electric heat.
    // low (10 × 0.05 + 17 × 0.025) / 82 = 0.925 / 82; high (10 × 0.12 + 17 × 0.075) / 82
    // = 2.475 / 82. No bill entered: priced at the 22–110 kV normal-hours tariff, 1,833
    // VND/kWh, × 2,000,000 kWh.
    let e = stream(&s, Stream::Electricity);
    let (low, high) = (0.925 / 82.0, 2.475 / 82.0);
    range(Some(e.fraction), low, high);
    range(e.quantity, 2_000_000.0 * low, 2_000_000.0 * high);
    range(e.vnd, 2_000_000.0 * 1_833.0 * low, 2_000_000.0 * 1_833.0 * high);
    assert_eq!(
        e.cost_basis,
        Some(CostBasis::Tariff { voltage_level: "kv22_110".into(), time_of_use: false })
    );

    // Water: mechanical split without a boiler: process 55, cooling 20, cleaning 5, domestic 17
    // = 97. On process water: counter-current rinsing 9–15 % (the observed 30 % cut × rinsing
    // at 30–50 % of process water), flow restrictors partly ½ × 0.5–1.5 % = 0.25–0.75 %; the
    // cascade question (6–13.5 %) is superseded and not counted.
    // 1 − 0.91 × 0.9975 = 0.0922750; 1 − 0.85 × 0.9925 = 0.156375; × 55/97, of 40,000 m³ and
    // of the 680,000,000 VND entered.
    let w = stream(&s, Stream::Water);
    let (low, high) = (0.092_275 * 55.0 / 97.0, 0.156_375 * 55.0 / 97.0);
    range(Some(w.fraction), low, high);
    range(w.quantity, 40_000.0 * low, 40_000.0 * high);
    range(w.vnd, 680_000_000.0 * low, 680_000_000.0 * high);

    // No saving on fuel (none used) or chemicals: the drag-out tank and pickling-acid practices
    // carry no saving figure, so they are listed as practices, not counted.
    assert!(s.streams.iter().all(|x| matches!(x.stream, Stream::Electricity | Stream::Water)));
    let listed: Vec<&str> = s.actions.iter().map(|a| a.question.as_str()).collect();
    assert!(!listed.contains(&"water.water_reuse.cascade"), "superseded: {listed:?}");
    assert!(listed.contains(&"mechanical.chemicals.dragout_tank"), "{listed:?}");
    assert!(!listed.contains(&"mechanical.chemicals.coating_transfer"), "{listed:?}");
}
