//! Invariants of the shipped checklist: it passes the content validator, and it has the breadth
//! the department asked for (at least 80 general questions, a module of at least 8 per sector).
#![cfg(not(target_arch = "wasm32"))] // Native tests: they read files or use proptest.

use sxsh_core::checklist::{self, Checklist, check_glossary, validate};

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

/// The glossary's problems in the shipped content, as text.
fn glossary_problems() -> Vec<sxsh_core::checklist::ContentProblem> {
    let glossary = checklist::glossary::shipped().expect("content/glossary.toml parses");
    check_glossary(checklist::active(), &glossary)
}

#[test]
fn the_shipped_content_uses_the_glossarys_terms_in_both_languages() {
    let problems: Vec<String> = glossary_problems().iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_glossary_is_not_in_the_content_the_browser_downloads() {
    // sxsh_content writes SHIPPED_JSON as it is, and the one-language files are cut from it.
    let glossary = checklist::glossary::shipped().expect("content/glossary.toml parses");
    let shipped = checklist::SHIPPED_JSON;
    // No glossary field ("glossary" as a word may appear in a source's title: a foundry glossary).
    assert!(!shipped.contains("\"glossary\""));
    let notes = glossary.terms.iter().filter_map(|t| t.note_en.as_deref());
    for note in
        notes.chain(glossary.terms.iter().flat_map(|t| t.sources.iter().map(String::as_str)))
    {
        assert!(!shipped.contains(note), "{note}");
    }
    let content: serde_json::Value = serde_json::from_str(shipped).expect("JSON");
    assert!(content.get("glossary").is_none());
    assert!(content.get("terms").is_none() && content.get("mask").is_none());
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
}

/// The problems `validate` finds in the shipped checklist after `change`, as text.
fn problems_after(change: impl FnOnce(&mut Checklist)) -> Vec<String> {
    let mut broken = checklist::active().clone();
    change(&mut broken);
    validate(&broken).iter().map(ToString::to_string).collect()
}

#[test]
fn a_measure_without_a_known_end_use_is_refused() {
    let text = problems_after(|list| {
        let measure = list.questions.iter_mut().find_map(|q| q.measure.as_mut());
        measure.expect("a measure").end_use = String::new();
    });
    assert!(text.iter().any(|t| t.contains("a measure needs an end_use")), "{text:#?}");
}

#[test]
fn a_measure_on_equipment_the_question_does_not_ask_for_is_refused() {
    let text = problems_after(|list| {
        let question = list
            .questions
            .iter_mut()
            .find(|q| q.measure.as_ref().is_some_and(|m| m.end_use == "electricity.compressed_air"))
            .expect("a compressed-air measure");
        question.equipment.clear();
    });
    assert!(text.iter().any(|t| t.contains("exists only with")), "{text:#?}");
}

#[test]
fn a_default_split_needs_a_source_or_an_estimate_and_adds_up_to_100() {
    let text = problems_after(|list| {
        let set = &mut list.end_use_shares[0];
        set.sources.clear();
        set.estimate_vi = None;
        set.estimate_en = None;
        if let Some(share) = set.pct.values_mut().next() {
            *share += 1.0;
        }
    });
    assert!(text.iter().any(|t| t.contains("needs a source, or estimate_vi")), "{text:#?}");
    assert!(text.iter().any(|t| t.contains("must add up to 100")), "{text:#?}");
}

#[test]
fn a_norm_or_law_without_a_validity_period_is_refused() {
    let text = problems_after(|list| {
        list.norms[0].valid_from = None;
        let law = list.sources.iter_mut().find(|s| s.kind == checklist::SourceKind::Law);
        law.expect("a legal source").valid_from = None;
        list.targets[0].valid_from = Some("2026-02-30".into());
    });
    let norm = &checklist::active().norms[0].id;
    assert!(
        text.iter().any(|t| t.contains(norm.as_str()) && t.contains("needs valid_from")),
        "{text:#?}"
    );
    assert!(text.iter().any(|t| t.contains("a legal instrument needs valid_from")), "{text:#?}");
    assert!(
        text.iter().any(|t| t.contains("must be a date YYYY-MM-DD, not `2026-02-30`")),
        "{text:#?}"
    );
}

#[test]
fn a_reference_whose_period_has_ended_cannot_be_compared_with() {
    // A norm whose own period ended before the content's date.
    let text = problems_after(|list| list.norms[0].valid_to = Some("2025-12-31".into()));
    assert!(text.iter().any(|t| t.contains("its period ended before as_of")), "{text:#?}");
    // A target resting on a circular that is no longer in force.
    let text = problems_after(|list| {
        let cited = list.targets[0].sources[0].clone();
        let source = list.sources.iter_mut().find(|s| s.id == cited).expect("cited source");
        source.kind = checklist::SourceKind::Law;
        source.valid_from = Some("2020-01-01".into());
        source.valid_to = Some("2026-06-30".into());
    });
    assert!(text.iter().any(|t| t.contains("no longer in force")), "{text:#?}");
    // The same period still open on the content's date is fine.
    let text = problems_after(|list| list.norms[0].valid_to = Some(list.as_of.clone()));
    assert!(text.is_empty(), "{text:#?}");
}

#[test]
fn content_readme_lists_every_legal_reference_and_norm_with_its_validity() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/README.md"))
            .expect("content/README.md");
    let list = checklist::active();
    let laws = list.sources.iter().filter(|s| s.kind == checklist::SourceKind::Law);
    for (id, from) in laws.map(|s| (&s.id, &s.valid_from)).chain(
        list.norms
            .iter()
            .map(|n| (&n.id, &n.valid_from))
            .chain(list.targets.iter().map(|t| (&t.id, &t.valid_from))),
    ) {
        let line = readme.lines().find(|l| l.starts_with(&format!("| `{id}` |")));
        let line = line.unwrap_or_else(|| panic!("content/README.md does not list `{id}`"));
        let from = from.as_deref().expect("a validity period (checked by validate)");
        let dmy = format!("{}/{}/{}", &from[8..10], &from[5..7], &from[..4]);
        assert!(line.contains(&dmy) || line.contains(from), "`{id}`: its line lacks {dmy}: {line}");
    }
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
