//! Every integration test of the core in one binary (the 2-core machine links one, not six).
//! Shared helpers: `fixtures` (hand-computed factories, released file versions, hostile text)
//! and `fuzz_checks` (the properties the fuzz targets check).
#![cfg(not(target_arch = "wasm32"))] // Native tests: they read files, run tools, use proptest.

mod architecture;
mod checklist;
mod fixtures;
mod fuzz_checks;
mod fuzz_corpus;
mod learn;
mod reports;
mod scoring;
