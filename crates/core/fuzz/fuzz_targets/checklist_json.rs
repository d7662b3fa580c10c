//! libFuzzer target: `fuzz_checks::checklist_json` (the properties are in tests/fuzz_checks/mod.rs).
#![no_main]

#[path = "../../tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz_checks::checklist_json(data);
});
