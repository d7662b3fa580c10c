//! The food and seafood sector's fixture plants, worked by hand: a shrimp freezing plant with
//! its refrigeration set, and a mè xửng confectionery plant (the general food stage).
//!
//! Every expected number is worked out in the comment above it from the weights, `saving_pct`
//! ranges and default splits in `content/` (questions/61-food-seafood.toml, the general
//! questions it names, end_uses.toml and the fuel prices in checklist.toml).

use crate::fixtures::{close, draft, level, number, range, stream};
use sxsh_core::assessment::{Draft, ElectricityUse, FuelUse, Level, Profile, StreamUse};
use sxsh_core::checklist::{self, Stream};
use sxsh_core::savings::{CostBasis, savings};
use sxsh_core::scoring::score;

/// A shrimp freezing plant on the Tam Giang lagoon: it ticks the shrimp stage only (so the fish
/// questions do not apply) and refrigeration; electricity, water and waste costs entered.
fn shrimp_plant() -> Draft {
    let profile = Profile {
        company: "Công ty Chế biến Tôm Tam Giang (ví dụ)".into(),
        sector: Some("food_seafood".into()),
        products: "Tôm thịt đông lạnh".into(),
        equipment: ["refrigeration", "seafood_shrimp"].iter().map(|s| (*s).to_owned()).collect(),
        electricity: ElectricityUse {
            kwh: Some(4_000_000.0),
            cost_vnd: Some(7_600_000_000.0),
            ..Default::default()
        },
        water: StreamUse { quantity: Some(120_000.0), cost_vnd: Some(1_440_000_000.0) },
        waste: StreamUse { quantity: Some(900.0), cost_vnd: Some(270_000_000.0) },
        ..Default::default()
    };
    draft(
        profile,
        vec![
            level("food_seafood.cooling.floating_head_pressure", Level::NotYet),
            level("food_seafood.cooling.purge_noncondensables", Level::Partly),
            level("food_seafood.cooling.compressor_vfd", Level::NotYet),
            level("food_seafood.cooling.cold_store_operation", Level::Done),
            level("food_seafood.cooling.cold_pipe_insulation", Level::NotYet),
            level("food_seafood.cooling.compressor_sequencing", Level::Done),
            level("energy.cooling.chilled_setpoint", Level::Partly),
            level("food_seafood.cooling.ice_management", Level::Partly),
            level("food_seafood.solid_waste.shrimp_byproducts", Level::NotYet),
            level("waste.solid_waste.byproducts", Level::NotYet),
            level("food_seafood.water_use.pressurised_cleaning", Level::Partly),
            level("water.water_use.high_pressure_cleaning", Level::NotYet),
            // Answered, but the plant does not fillet fish: the question does not apply.
            number("food_seafood.water_use.water_per_tonne_white_fish", 9.0),
        ],
    )
}

#[test]
fn the_shrimp_plant_scores_and_saves_as_computed_by_hand() {
    let list = checklist::active();
    let draft = shrimp_plant();
    let card = score(list, &draft);
    // Weight × credit over the 12 applicable answers (the white-fish water figure does not
    // apply: the plant ticked the shrimp stage, not the fish stage):
    // floating head 2×0 + purge 2×0.5 + VFD 2×0 + defrost 2×1 + pipe insulation 2×0
    // + sequencing 2×1 + chilled setpoint 2×0.5 + ice 1×0.5 + shrimp by-products 3×0
    // + general by-products 2×0 + pressurised cleaning 2×0.5 + general high-pressure cleaning 2×0
    // = 1 + 2 + 2 + 1 + 0.5 + 1 = 7.5 of 2+2+2+2+2+2+2+1+3+2+2+2 = 24 → 31.25 %.
    assert_eq!(card.overall.answered, 12);
    close(card.overall.percent().expect("answered"), 7.5 / 24.0 * 100.0);
    assert!(!card.unanswered.iter().any(|id| id.contains("white_fish")), "fish does not apply");

    let s = savings(list, &draft);
    // Electricity. The food_seafood split over the end uses the plant has (no compressor, air
    // conditioning or electric furnace): motors 5, pumps and fans 4, refrigeration 80,
    // lighting 2, other 2 = 93, so refrigeration is 80/93 of the plant's electricity.
    // Refrigeration measures (% of refrigeration electricity), "partly" at half:
    //   floating head 2–5; purge ½ × 1–2 = 0.5–1; VFD 2–8; pipe insulation 1–2;
    //   chilled setpoint ½ × 2–8 = 1–4; defrost done, sequencing carries no measure.
    // low 1 − 0.98 × 0.995 × 0.98 × 0.99 × 0.99 = 1 − 0.9365815998 = 0.0634184002;
    // high 1 − 0.95 × 0.99 × 0.92 × 0.98 × 0.96 = 1 − 0.814036608 = 0.185963392.
    let e = stream(&s, Stream::Electricity);
    let refrigeration = e.end_uses.iter().find(|u| u.end_use == "electricity.refrigeration");
    let refrigeration = refrigeration.expect("refrigeration is an end use of the plant");
    close(refrigeration.share, 80.0 / 93.0);
    range(Some(refrigeration.fraction), 0.063_418_400_2, 0.185_963_392);
    // × 80/93: 0.0545534625…–0.1599685092… of 4,000,000 kWh; of the 7.6 bn VND entered:
    // 414,606,315–1,215,760,670 VND; CO2 4,000 MWh × 0.6592 = 2,636.8 t × fraction.
    let (low, high) = (80.0 / 93.0 * 0.063_418_400_2, 80.0 / 93.0 * 0.185_963_392);
    range(Some(e.fraction), low, high);
    range(e.quantity, 4_000_000.0 * low, 4_000_000.0 * high);
    range(e.vnd, 7_600_000_000.0 * low, 7_600_000_000.0 * high);
    range(e.co2_t, 2_636.8 * low, 2_636.8 * high);
    assert_eq!(e.cost_basis, Some(CostBasis::Entered));
    assert_eq!(e.end_uses.len(), 5, "only the end uses the plant has");

    // Water. Split: process 50, cooling 8, cleaning 30, domestic 10 = 98 (no boiler, so no
    // boiler feed); cleaning is 30/98. Pressurised cleaning partly: ½ × 12–35 % = 6–17.5 % of
    // cleaning; the general high-pressure cleaning question it supersedes adds nothing.
    // 30/98 × 0.06 = 0.0183673…, 30/98 × 0.175 = 0.0535714…; of 120,000 m³: 2,204.08–6,428.57 m³;
    // of 1.44 bn VND: 26,448,980–77,142,857 VND.
    let w = stream(&s, Stream::Water);
    let (wl, wh) = (30.0 / 98.0 * 0.06, 30.0 / 98.0 * 0.175);
    range(Some(w.fraction), wl, wh);
    range(w.quantity, 120_000.0 * wl, 120_000.0 * wh);
    range(w.vnd, 1_440_000_000.0 * wl, 1_440_000_000.0 * wh);

    // Waste: shrimp by-products 25–50 % of solid waste; the general by-product question
    // (1–3 %) is superseded and adds nothing: 67.5–135 M VND of 270 M.
    let waste = stream(&s, Stream::Waste);
    range(Some(waste.fraction), 0.25, 0.50);
    range(waste.vnd, 67_500_000.0, 135_000_000.0);
    assert!(
        !s.actions.iter().any(|a| a.question == "waste.solid_waste.byproducts"
            || a.question == "water.water_use.high_pressure_cleaning"),
        "a superseded measure is not listed twice"
    );

    // Total: 414,606,315.29 + 26,448,979.59 + 67,500,000 = 508,555,294.88 VND;
    // 1,215,760,670.28 + 77,142,857.14 + 135,000,000 = 1,427,903,527.42 VND.
    range(
        Some(s.total_vnd),
        7_600_000_000.0 * low + 1_440_000_000.0 * wl + 67_500_000.0,
        7_600_000_000.0 * high + 1_440_000_000.0 * wh + 135_000_000.0,
    );
    close(s.total_vnd.low, 508_555_294.877_859);
    close(s.total_vnd.high, 1_427_903_527.422_427);
    // TOE: 4,000,000 kWh × 0.0001543 = 617.2 TOE × the electricity fraction (no fuel).
    range(Some(s.total_toe), 617.2 * low, 617.2 * high);
}

/// A mè xửng plant (the general food stage): it ticks the confectionery stage, a boiler on fuel
/// oil at the default price and a compressor; no refrigeration.
fn confectionery_plant() -> Draft {
    let profile = Profile {
        company: "Công ty Kẹo mè xửng Hương Giang (ví dụ)".into(),
        sector: Some("food_seafood".into()),
        products: "Kẹo mè xửng".into(),
        equipment: ["boiler", "compressor", "food_confectionery"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        electricity: ElectricityUse {
            kwh: Some(500_000.0),
            cost_vnd: Some(950_000_000.0),
            ..Default::default()
        },
        fuels: vec![FuelUse { fuel: "fo".into(), quantity: Some(60_000.0), ..Default::default() }],
        materials: StreamUse { quantity: Some(1_100.0), cost_vnd: Some(33_000_000_000.0) },
        ..Default::default()
    };
    draft(
        profile,
        vec![
            level("food_seafood.raw_materials.confectionery_rework", Level::NotYet),
            level("food_seafood.process_heat.cooking_endpoint", Level::Partly),
            level("food_seafood.process_heat.cooker_insulation", Level::NotYet),
            level("energy.boilers_steam.traps", Level::NotYet),
            level("energy.compressed_air.leaks", Level::Partly),
            // Answered, but they do not apply: no refrigeration, and the plant runs only the
            // confectionery stage, not shrimp.
            level("food_seafood.cooling.floating_head_pressure", Level::NotYet),
            level("food_seafood.solid_waste.shrimp_byproducts", Level::NotYet),
        ],
    )
}

#[test]
fn the_confectionery_plant_gets_only_its_own_stage_and_saves_as_computed_by_hand() {
    let list = checklist::active();
    let draft = confectionery_plant();
    let card = score(list, &draft);
    // rework 2×0 + cooking end point 2×0.5 + cooker insulation 2×0 + steam traps 3×0
    // + air leaks 3×0.5 = 2.5 of 2 + 2 + 2 + 3 + 3 = 12 → 20.833… %.
    assert_eq!(card.overall.answered, 5);
    close(card.overall.percent().expect("answered"), 2.5 / 12.0 * 100.0);
    // The seafood stages and refrigeration questions are not asked of it.
    for id in &card.unanswered {
        assert!(!id.starts_with("food_seafood.cooling."), "{id} needs refrigeration");
        assert!(!id.contains("fish") && !id.contains("shrimp"), "{id} is a seafood stage's");
    }

    let s = savings(list, &draft);
    // Electricity: the food_seafood split over what it has: motors 5, pumps and fans 4,
    // compressed air 3, lighting 2, other 2 = 16 (no refrigeration, air conditioning or
    // electric furnace), so compressed air is 3/16 = 0.1875. Leaks partly: ½ × 10–24 % =
    // 5–12 % → 0.009375–0.0225 of the plant; of 950 M VND: 8,906,250–21,375,000 VND.
    let e = stream(&s, Stream::Electricity);
    range(Some(e.fraction), 0.009_375, 0.0225);
    range(e.vnd, 8_906_250.0, 21_375_000.0);

    // Fuel: split steam 65, other 6 = 71 (no kiln, no vehicles); steam traps 1.6–4.8 % of
    // steam → 65/71 × 0.016 = 0.0146478…, 65/71 × 0.048 = 0.0439436…. Fuel oil at the default
    // price: 60,000 kg × 15,370 = 922,200,000 VND → 13,508,282–40,524,845 VND; CO2 60,000 kg ×
    // 0.00321 = 192.6 t × fraction; TOE 60,000 × 0.00099 = 59.4 × fraction.
    let f = stream(&s, Stream::Fuel);
    let (fl, fh) = (65.0 / 71.0 * 0.016, 65.0 / 71.0 * 0.048);
    range(Some(f.fraction), fl, fh);
    range(f.vnd, 922_200_000.0 * fl, 922_200_000.0 * fh);
    range(f.co2_t, 192.6 * fl, 192.6 * fh);
    assert_eq!(f.cost_basis, Some(CostBasis::DefaultPrice));

    // Materials: trim and broken pieces back into the batch, 0.5–2 % of 33 bn VND =
    // 165–660 M VND. The practices without a measure (cooking end point, cooker insulation)
    // save nothing in figures.
    let m = stream(&s, Stream::Materials);
    range(Some(m.fraction), 0.005, 0.02);
    range(m.vnd, 165_000_000.0, 660_000_000.0);

    // Total: 8,906,250 + 13,508,281.69 + 165,000,000 = 187,414,531.69 VND;
    // 21,375,000 + 40,524,845.07 + 660,000,000 = 721,899,845.07 VND.
    close(s.total_vnd.low, 187_414_531.690_140_8);
    close(s.total_vnd.high, 721_899_845.070_422_5);
    assert!(s.streams.iter().all(|x| x.stream.id() != "waste"), "shrimp waste does not apply");
}

#[test]
fn a_confectionery_plant_with_a_chiller_gets_the_refrigeration_plant_but_no_freezer_questions() {
    let list = checklist::active();
    let mut draft = confectionery_plant();
    draft.profile.equipment.insert("refrigeration".into());
    let asked: Vec<&str> = sxsh_core::scoring::applicable_questions(list, &draft)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(asked.contains(&"food_seafood.cooling.floating_head_pressure"), "{asked:?}");
    for freezer in [
        "food_seafood.cooling.freezer_loading",
        "food_seafood.cooling.cold_store_operation",
        "food_seafood.cooling.ice_management",
        "food_seafood.cooling.store_consolidation",
    ] {
        assert!(!asked.contains(&freezer), "{freezer} is asked of a sweets plant");
    }
    // A shrimp plant that left "refrigeration" unticked still freezes: it is asked them.
    let mut shrimp = shrimp_plant();
    shrimp.profile.equipment.remove("refrigeration");
    let asked = sxsh_core::scoring::applicable_questions(list, &shrimp);
    assert!(asked.iter().any(|q| q.id == "food_seafood.cooling.freezer_loading"));
}
