//! The properties the fuzz targets check, shared by `fuzz/fuzz_targets/*` (libFuzzer) and
//! `tests/fuzz_corpus.rs` (which replays the saved corpus in the test command). Each function
//! takes arbitrary bytes, panics only when a property is broken, and returns whether the input
//! was accepted (so the replay can show that the properties were exercised, not only refusals).

use sxsh_core::checklist::{self, Checklist};
use sxsh_core::i18n::Lang;
use sxsh_core::{export, numbers};

/// An imported file never panics the reader; whatever it accepts, it writes back and reads
/// again to the same draft.
pub fn import_json(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else { return false };
    let Ok(file) = export::import(text) else { return false };
    let again = export::to_json(&file.draft, &file.saved_at, None);
    let reread = export::import(&again).expect("an exported draft imports");
    assert_eq!(reread.draft, file.draft, "import → export → import changed the draft");
    true
}

/// A typed number is refused or read as a finite, non-negative value that, formatted for the
/// same language, reads back to the same value (to the 4 decimals shown).
pub fn number(data: &[u8]) -> bool {
    let Some((&first, rest)) = data.split_first() else { return false };
    let lang = if first % 2 == 0 { Lang::Vi } else { Lang::En };
    let Ok(text) = std::str::from_utf8(rest) else { return false };
    let Ok(Some(value)) = numbers::parse(text, lang) else { return false };
    assert!(value.is_finite() && value >= 0.0, "{text:?} read as {value}");
    let shown = numbers::format(value, lang, 4);
    let back = numbers::parse(&shown, lang);
    let Ok(Some(back)) = back else {
        panic!("{text:?} → {shown:?} does not read back: {back:?}")
    };
    assert!((back - value).abs() <= 5e-5 + value * 1e-12, "{text:?} → {shown:?} → {back}");
    true
}

/// A checklist document never panics the parser or the validator, and one that validates can
/// be scored and priced for an empty draft.
pub fn checklist_json(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else { return false };
    let Ok(list) = Checklist::from_json(text) else { return false };
    if !checklist::validate(&list).is_empty() {
        return false;
    }
    let draft = sxsh_core::assessment::Draft::new(&list);
    let results = export::AssessmentResults::of(&list, &draft);
    assert!(results.scorecard.overall.percent().is_none(), "an empty draft has no score");
    true
}
