//! The rapid-assessment record's promises to its readers: the shipped JSON Schema
//! (`schemas/rapid-assessment-v1.schema.json`) describes every record the core writes and keeps,
//! and refuses what the core refuses; a record written by format 1 keeps opening
//! (`fixtures/rapid/`; what `read` refuses is tested beside it, in the core). The schema is
//! checked with an independent validator (the `jsonschema` crate, draft 2020-12).

use crate::fixtures;
use serde_json::{Value, json};
use sxsh_core::checklist;
use sxsh_core::rapid_assessment::{
    self, Agreement, FORMAT, KIND, Opportunity, Priority, RapidAssessment, Saved, Upload, prefill,
    read, validate,
};
use sxsh_core::request::{AssessmentRequest, Consent, Contact, Production};

fn schema() -> Value {
    let text = std::fs::read_to_string(crate::repo("schemas/rapid-assessment-v1.schema.json"))
        .expect("schema file");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// The validator of the schema's definition `def` (`record`, `upload`, `saved`).
fn validator(def: &str) -> jsonschema::Validator {
    let mut schema = schema();
    schema["$ref"] = json!(format!("#/$defs/{def}"));
    jsonschema::draft202012::new(&schema).expect("the schema compiles under draft 2020-12")
}

fn fixture(name: &str) -> String {
    let path = crate::repo(&format!("crates/core/tests/fixtures/rapid/{name}"));
    std::fs::read_to_string(path).expect("fixture")
}

/// The textile plant's request and its prefilled record.
fn prefilled() -> (AssessmentRequest, RapidAssessment) {
    let request = AssessmentRequest::new(
        &fixtures::textile_dyeing_plant(),
        "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        Contact { name: "Nguyễn Văn An".into(), ..Contact::default() },
        Production::default(),
        Consent { request: true, ..Consent::default() },
        "2026-11-28T08:00:00Z",
    );
    let record = prefill(checklist::active(), &request, "SXSH-2027-0042");
    (request, record)
}

/// Records the core writes: prefilled, after a visit, empty, and the released fixtures.
fn records() -> Vec<RapidAssessment> {
    let (_, prefilled) = prefilled();
    let mut visited = prefilled.clone();
    visited.visit.date = "2027-03-15".into();
    visited.visit.areas = "Xưởng nhuộm\r\nLò hơi\tkho".into();
    visited.baseline[0].verified = Some(2_150_000.0);
    visited.opportunities[0].agreement = Agreement::Agreed;
    visited.opportunities[0].priority = Priority::High;
    visited.opportunities.push(Opportunity {
        id: "n:1".into(),
        measure: None,
        title: "Thu hồi nhiệt nước thải 🏭".into(),
        end_use: "fuel.steam".into(),
        saving_quantity: Some(0.0),
        saving_unit: "TOE".into(),
        saving_vnd: Some(f64::MAX),
        saving_tco2: None,
        investment_vnd: Some(0.0),
        priority: Priority::Low,
        agreement: Agreement::Declined,
    });
    visited.complete = true;
    let released = ["rapid-assessment-v1.json", "rapid-assessment-v1-begun.json"]
        .map(|name| read(&fixture(name)).expect("a released record opens"));
    let mut all = vec![prefilled, visited, RapidAssessment::new("SXSH-2027-0001")];
    all.extend(released);
    all
}

#[test]
fn the_schema_describes_every_record_upload_and_reply_the_core_writes() {
    let list = checklist::active();
    let (record, upload, saved) = (validator("record"), validator("upload"), validator("saved"));
    let top = jsonschema::draft202012::new(&schema()).expect("compiles");
    for r in records() {
        assert_eq!(validate(&r, list), Vec::new(), "{r:?}");
        let value = serde_json::to_value(&r).expect("a record writes");
        let errors: Vec<String> = record.iter_errors(&value).map(|e| e.to_string()).collect();
        assert_eq!(errors, Vec::<String>::new(), "{value}");
        assert!(top.is_valid(&value), "the schema itself is the record's");
        let sent = Upload { idempotency_key: "9f0e1d2c-3b4a".into(), base_revision: 3, record: r };
        assert!(upload.is_valid(&serde_json::to_value(&sent).expect("writes")));
    }
    // As stored, the released files too (null and absent fields alike).
    for name in ["rapid-assessment-v1.json", "rapid-assessment-v1-begun.json"] {
        let stored: Value = serde_json::from_str(&fixture(name)).expect("JSON");
        assert!(record.is_valid(&stored), "{name}");
    }
    let reply = Saved { revision: 4, saved_at: "2027-03-15T08:00:00Z".into() };
    assert!(saved.is_valid(&serde_json::to_value(&reply).expect("writes")));
    assert!(!saved.is_valid(&json!({"revision": -1, "saved_at": "x"})));
    assert!(!upload.is_valid(&json!({"idempotency_key": "k", "base_revision": 0})));
}

#[test]
fn the_schema_refuses_what_the_core_refuses() {
    let list = checklist::active();
    let record = validator("record");
    let base = serde_json::to_value(&records()[1]).expect("writes");
    let opportunity = base["opportunities"][0].clone();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut value = base.clone();
        change(&mut value);
        value
    };
    let bad = [
        with(&|v| v["kind"] = json!("sxsh-assessment")),
        with(&|v| v["format"] = json!(2)),
        with(&|v| v["receipt"] = json!("SXSH 1")),
        with(&|v| v["surprise"] = json!(1)),
        with(&|v| v["visit"]["date"] = json!("15/03/2027")),
        with(&|v| v["visit"]["team"] = json!("An\u{202E}")),
        with(&|v| v["visit"]["areas"] = json!("a\rb")),
        with(&|v| v["baseline"][0]["stream"] = json!("steam")),
        with(&|v| v["baseline"][0]["verified"] = json!(-1.0)),
        with(&|v| v["baseline"][0]["unit"] = json!("k\nWh")),
        with(&|v| v["baseline"][0]["unit"] = json!("u".repeat(41))),
        with(&|v| {
            let line = v["baseline"][0].clone();
            v["baseline"] = json!(vec![line; 7]);
        }),
        with(&|v| {
            v["opportunities"] = json!(
                (0..201)
                    .map(|i| {
                        let mut o = opportunity.clone();
                        o["id"] = json!(format!("o{i}"));
                        o
                    })
                    .collect::<Vec<_>>()
            );
        }),
        with(&|v| v["opportunities"][0]["id"] = json!("a b")),
        with(&|v| v["opportunities"][0]["measure"] = json!("")),
        with(&|v| v["opportunities"][0]["title"] = json!("")),
        with(&|v| v["opportunities"][0]["title"] = json!("ệ".repeat(201))),
        with(&|v| v["opportunities"][0]["title"] = json!("LED\u{2066}")),
        with(&|v| v["opportunities"][0]["priority"] = json!("urgent")),
        with(&|v| v["opportunities"][0]["agreement"] = json!(true)),
        with(&|v| v["opportunities"][0]["saving_vnd"] = json!(-0.5)),
        with(&|v| v["opportunities"][0]["saving_tco2"] = json!("12")),
        with(&|v| {
            if let Some(o) = v["opportunities"][0].as_object_mut() {
                o.remove("end_use");
            }
        }),
        with(&|v| v["next_steps"] = json!("\u{1B}[31m")),
        with(&|v| v["complete"] = json!("yes")),
    ];
    for value in bad {
        assert!(!record.is_valid(&value), "the schema takes {value}");
        let text = value.to_string();
        let core = read(&text).map(|r| validate(&r, list));
        assert!(core.as_ref().map_or(true, |e| !e.is_empty()), "the core takes {value}: {core:?}");
    }
}

#[test]
fn a_record_written_by_format_1_keeps_opening_and_writes_back_the_same() {
    let text = fixture("rapid-assessment-v1.json");
    let record = read(&text).expect("opens");
    assert_eq!((record.kind.as_str(), record.format), (KIND, FORMAT));
    assert_eq!(record.receipt, "SXSH-2027-0001");
    assert_eq!(record.visit.areas, "Xưởng nhuộm\nLò hơi\tkhu xử lý nước thải");
    assert_eq!(record.baseline[0].verified, Some(2_150_000.0));
    assert_eq!(record.baseline[1].verified, None);
    let led = &record.opportunities[0];
    assert_eq!((led.priority, led.agreement), (Priority::High, Agreement::Agreed));
    assert_eq!(rapid_assessment::payback_years(led).map(|y| (y * 1e6).round()), Some(1_851_852.0));
    assert_eq!(record.opportunities[1].measure, None);
    assert!(record.complete);
    let stored: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(serde_json::to_value(&record).expect("writes"), stored, "ids read back unchanged");
    // A record begun before most fields were filled: what it lacks reads as empty.
    let begun = read(&fixture("rapid-assessment-v1-begun.json")).expect("opens");
    assert_eq!(begun.baseline, []);
    assert_eq!(begun.visit.date, "");
    assert!(!begun.complete);
    let o = &begun.opportunities[0];
    assert_eq!(
        (o.priority, o.agreement, o.saving_vnd),
        (Priority::Medium, Agreement::Undecided, None)
    );
}
