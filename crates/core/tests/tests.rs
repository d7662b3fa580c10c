//! Every integration test of the core in one binary (the 2-core machine links one, not six).
//! Shared helpers: `fixtures` (hand-computed factories, released file versions, hostile text)
//! and `fuzz_checks` (the properties the fuzz targets check).
#![cfg(not(target_arch = "wasm32"))] // Native tests: they read files, run tools, use proptest.

/// A path in the repository (tests run in `crates/core`; the fonts, schemas and every crate's
/// sources are found from the repository's top level).
fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

mod architecture;
mod calibration;
mod checklist;
mod fixtures;
mod fuzz_checks;
mod fuzz_corpus;
mod learn;
mod plan;
mod plant_beverage;
mod plant_building_materials;
mod plant_food;
mod plant_mechanical;
mod plant_textile;
mod plant_wood;
mod progress_update;
mod rapid_assessment;
mod reports;
mod scoring;
