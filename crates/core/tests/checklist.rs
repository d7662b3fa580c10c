//! Invariants of the shipped checklist: it passes the content validator, and it has the breadth
//! the department asked for (at least 80 general questions, a module of at least 8 per sector).
#![cfg(not(target_arch = "wasm32"))] // Native tests: they read files or use proptest.

use sxsh_core::checklist::{self, Checklist, validate};

#[test]
fn the_shipped_checklist_has_no_content_problems() {
    let problems = validate(checklist::active());
    let listing: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), listing.join("\n"));
}

#[test]
fn the_build_tool_writes_the_shipped_content_under_its_content_hashed_name() {
    let dir = std::env::temp_dir().join(format!("sxsh-content-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_sxsh_content"))
        .arg(&dir)
        .status()
        .expect("sxsh_content runs");
    assert!(status.success());
    let name = checklist::CONTENT_FILE;
    let hash = name.strip_prefix("sxsh-content-").and_then(|n| n.strip_suffix(".json"));
    assert!(
        hash.is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit())),
        "{name}"
    );
    let written = std::fs::read_to_string(dir.join(name)).expect("the content file is written");
    assert_eq!(Checklist::from_json(&written).ok().as_ref(), Some(checklist::active()));
    _ = std::fs::remove_dir_all(&dir);
    let missing = dir.join("no-such-dir");
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_sxsh_content"))
        .arg(&missing)
        .output()
        .expect("sxsh_content runs");
    assert!(!refused.status.success(), "an unwritable place fails the build");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("cannot write"));
}

#[test]
fn there_are_at_least_80_general_questions_covering_every_area() {
    let list = checklist::active();
    let general: Vec<_> = list.questions.iter().filter(|q| q.sectors.is_empty()).collect();
    assert!(general.len() >= 80, "only {} general questions", general.len());
    for area in &list.areas {
        assert!(general.iter().any(|q| q.area == area.id), "area {} has no question", area.id);
    }
}

#[test]
fn every_sector_but_other_has_a_module_of_at_least_8_questions() {
    let list = checklist::active();
    for sector in list.sectors.iter().filter(|s| s.id != "other") {
        let module = list.questions.iter().filter(|q| q.sectors.contains(&sector.id)).count();
        assert!(module >= 8, "sector {} has only {module} questions", sector.id);
    }
}

#[test]
fn every_technique_is_used() {
    let list = checklist::active();
    for technique in &list.techniques {
        assert!(
            list.questions.iter().any(|q| q.technique == technique.id),
            "technique {} has no question",
            technique.id
        );
    }
}

#[test]
fn all_checklist_text_is_in_unicode_nfc() {
    // Vietnamese has two encodings of the same letter; mixing them breaks search and the PDF.
    let json = serde_json::to_string(checklist::active()).expect("checklist serialises");
    let reparsed: Checklist = serde_json::from_str(&json).expect("and parses back");
    assert_eq!(&reparsed, checklist::active());
    for ch in json.chars() {
        // Combining diacritics (U+0300–U+036F) appear only in decomposed (NFD) text.
        assert!(
            !('\u{0300}'..='\u{036F}').contains(&ch),
            "combining mark {ch:?} found: text is not NFC"
        );
    }
}

#[test]
fn the_validator_names_the_place_of_each_problem() {
    let mut broken = checklist::active().clone();
    broken.questions[0].text_en.clear();
    broken.questions[1].id = broken.questions[0].id.clone();
    broken.questions[2].sources.push("no-such-source".into());
    if let Some(measure) = broken.questions.iter_mut().find_map(|q| q.measure.as_mut()) {
        measure.saving_pct = [5.0, 2.0];
    }
    let problems = validate(&broken);
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let first = &checklist::active().questions[0].id;
    assert!(
        text.iter().any(|t| t.contains(first) && t.contains("`text_en` is empty")),
        "{text:#?}"
    );
    assert!(text.iter().any(|t| t.contains("duplicate id")), "{text:#?}");
    assert!(text.iter().any(|t| t.contains("`no-such-source` does not exist")), "{text:#?}");
    assert!(text.iter().any(|t| t.contains("0 ≤ low ≤ high ≤ 100")), "{text:#?}");
}

#[test]
fn a_stream_the_tool_does_not_compute_is_refused_with_its_place() {
    let mut broken = checklist::active().clone();
    let water = broken.streams.iter_mut().find(|s| s.id == "water").expect("a water stream");
    water.id = "steam".into();
    let text: Vec<String> = validate(&broken).iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|t| t.starts_with("stream steam") && t.contains("does not compute")),
        "{text:#?}"
    );
    // The measures on water now name a stream the content lacks, and are told so too.
    assert!(text.iter().any(|t| t.contains("stream `water` does not exist")), "{text:#?}");
}

#[test]
fn an_invalid_replacement_checklist_is_refused_and_the_builtin_stays() {
    let mut broken = checklist::active().clone();
    broken.version = "9999.01.1".into();
    broken.questions[0].sources.clear();
    let problems = checklist::install(broken).expect_err("a checklist with problems is refused");
    assert!(problems.iter().any(|p| p.en.contains("cites no source")));
    assert_ne!(checklist::active().version, "9999.01.1");
}
