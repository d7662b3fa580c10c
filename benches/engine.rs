//! Benchmark (not a test): scoring and savings of a fully answered checklist.
//!
//! Native: `cargo bench --bench engine` prints the median and spread of many runs.
//! WebAssembly: `cargo bench --target wasm32-unknown-unknown --bench engine` runs the same work
//! under wasm-bindgen-test's Criterion in headless Chromium. Target: under 1 ms per draft.

use sxsh_core::assessment::{Answer, Draft, Edit, Level};
use sxsh_core::checklist::{self, Checklist};
use sxsh_core::{savings, scoring};

/// A draft where every question of the checklist applies and is answered.
fn full_draft(list: &Checklist) -> Draft {
    let mut draft = Draft::new(list);
    let mut profile = draft.profile.clone();
    profile.sector = Some("textile".into());
    profile.equipment = list.equipment.iter().map(|e| e.id.clone()).collect();
    profile.electricity.kwh = Some(2_000_000.0);
    profile.electricity.cost_vnd = Some(3.6e9);
    profile.water.quantity = Some(200_000.0);
    profile.water.cost_vnd = Some(3e9);
    // Coal priced by the factory, and wood it could switch to: the fuel path with a switch.
    for (fuel, quantity, cost) in [("coal_3_4", 4_000.0, 1.2e10), ("wood_biomass", 500.0, 6e8)] {
        profile.fuels.push(sxsh_core::assessment::FuelUse {
            fuel: fuel.into(),
            quantity: Some(quantity),
            cost_vnd: Some(cost),
            co2_t_per_unit: None,
        });
    }
    draft.apply(Edit::SetProfile(Box::new(profile)));
    for (i, q) in list.questions.iter().enumerate() {
        let level = [Level::NotYet, Level::Partly, Level::Done][i % 3];
        draft.apply(Edit::Answer(q.id.clone(), Answer::Level(level)));
    }
    draft
}

fn work(list: &Checklist, draft: &Draft) -> usize {
    let card = scoring::score(list, draft);
    let s = savings::savings(list, draft);
    card.unanswered.len() + s.actions.len()
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::hint::black_box;
    use std::time::Instant;
    let list = checklist::active();
    let draft = full_draft(list);
    let mut runs: Vec<f64> = (0..2_000)
        .map(|_| {
            let start = Instant::now();
            black_box(work(black_box(list), black_box(&draft)));
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    let at = |q: f64| runs[((runs.len() - 1) as f64 * q) as usize];
    println!(
        "score + savings, {} questions, native: median {:.1} µs, p10 {:.1} µs, p90 {:.1} µs (2,000 runs)",
        list.questions.len(),
        at(0.5),
        at(0.1),
        at(0.9)
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen_test::{Criterion, wasm_bindgen_bench, wasm_bindgen_test_configure};
    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_bench]
    fn score_and_savings_of_a_full_draft(c: &mut Criterion) {
        let list = super::checklist::active();
        let draft = super::full_draft(list);
        c.bench_function("score + savings (wasm)", |b| b.iter(|| super::work(list, &draft)));
    }
}
