//! Replays the saved fuzz corpus (`fuzz/corpus/<target>/`) through the same property checks the
//! libFuzzer targets run, so every input a fuzzing run ever saved stays a regression test.
//! Fuzzing itself is a benchmark: `bench/fuzz.sh`.

use crate::fuzz_checks;
use std::path::Path;

/// Runs every saved input of a target; returns (inputs, inputs accepted).
fn replay(target: &str, check: fn(&[u8]) -> bool) -> (usize, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let (mut count, mut accepted) = (0, 0);
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).expect("readable corpus file");
        accepted += usize::from(check(&bytes));
        count += 1;
    }
    (count, accepted)
}

#[test]
fn the_import_corpus_holds() {
    let (count, accepted) = replay("import_json", fuzz_checks::import_json);
    assert!(count >= 5 && accepted >= 1, "{count} inputs, {accepted} accepted");
}

#[test]
fn the_number_corpus_holds() {
    let (count, accepted) = replay("number", fuzz_checks::number);
    assert!(count >= 10 && accepted >= 5, "{count} inputs, {accepted} accepted");
}

#[test]
fn the_checklist_corpus_holds() {
    let (count, accepted) = replay("checklist_json", fuzz_checks::checklist_json);
    assert!(count >= 3 && accepted >= 1, "{count} inputs, {accepted} accepted (the built-in one)");
}
