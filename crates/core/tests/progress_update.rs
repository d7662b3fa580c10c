//! The progress update's promise to its readers: the shipped JSON Schema
//! (`schemas/progress-update-v1.schema.json`) describes every update the core writes and accepts,
//! and refuses what the core refuses. Checked with an independent validator (the `jsonschema`
//! crate, draft 2020-12).

use serde_json::{Value, json};
use sxsh_core::plan::{Achieved, Action, ActionStatus};
use sxsh_core::progress::{Accepted, KIND, ProgressUpdate, VERSION, validate};
use sxsh_core::request::{self, Consent};

fn schema() -> Value {
    let text = std::fs::read_to_string(crate::repo("schemas/progress-update-v1.schema.json"))
        .expect("schema file");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// The validator of the schema's definition `def` (`update`, `accepted`).
fn validator(def: &str) -> jsonschema::Validator {
    let mut schema = schema();
    schema["$ref"] = json!(format!("#/$defs/{def}"));
    jsonschema::draft202012::new(&schema).expect("the schema compiles under draft 2020-12")
}

fn action(measure: &str, status: ActionStatus, achieved: Achieved) -> Action {
    Action {
        measure: measure.into(),
        adopted_on: "2026-06-01".into(),
        owner: "Trưởng phòng kỹ thuật".into(),
        due: String::new(),
        status,
        status_on: "2026-11-20".into(),
        achieved,
    }
}

/// Updates as the widget writes them: a full one, one without figures or notes, one from a
/// dependent unit with an empty plan.
fn updates() -> Vec<ProgressUpdate> {
    let full = ProgressUpdate {
        kind: KIND.into(),
        version: VERSION,
        idempotency_key: "0b1a2f3e-4d5c-4b6a-8978-1a2b3c4d5e6f".into(),
        receipt: "SXSH-2026-0001".into(),
        tax_code: "3300100001".into(),
        company: "Công ty Dệt Phú Bài".into(),
        checklist_version: "2026.1".into(),
        actions: vec![
            action(
                "energy.lighting.led",
                ActionStatus::Done,
                Achieved {
                    vnd: Some(120_000_000.0),
                    quantity: Some(45_000.0),
                    unit: "kWh".into(),
                    tco2: Some(30.2),
                },
            ),
            action("energy.motors.vsd", ActionStatus::InProgress, Achieved::default()),
            action("water.reuse", ActionStatus::Dropped, Achieved::default()),
            action("energy.boiler.insulation", ActionStatus::Planned, Achieved::default()),
        ],
        notes: "Đã thay đèn LED\r\nở xưởng dệt.\tXong.".into(),
        consent: Consent {
            request: true,
            notice_version: request::NOTICE_VERSION.into(),
            given_at: "2026-11-28T08:00:00.123Z".into(),
            ..Consent::default()
        },
    };
    let mut bare = full.clone();
    bare.notes.clear();
    bare.actions.truncate(1);
    bare.actions[0].achieved = Achieved::default();
    bare.actions[0].owner.clear();
    bare.consent.notice_version = request::NOTICE_VERSIONS[0].into();
    let mut branch = full.clone();
    branch.tax_code = "3300100001-001".into();
    branch.receipt = "SXSH-2027-12345".into();
    branch.actions.clear();
    vec![full, bare, branch]
}

#[test]
fn the_schema_describes_every_update_and_reply_the_core_writes() {
    let update = validator("update");
    let top = jsonschema::draft202012::new(&schema()).expect("compiles");
    for u in updates() {
        assert_eq!(validate(&u), vec![], "the core accepts it");
        let value = serde_json::to_value(&u).expect("writes");
        let errors: Vec<String> = update.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?} in {value}");
        assert!(top.is_valid(&value), "the schema itself is the update's");
    }
    let accepted = validator("accepted");
    let reply = serde_json::to_value(Accepted { reference: "SXSH-2026-0001-P1".into() });
    assert!(accepted.is_valid(&reply.expect("writes")));
    assert!(accepted.is_valid(&json!({"reference": "SXSH-2026-0001-P12", "duplicate": true})));
    assert!(!accepted.is_valid(&json!({"reference": "SXSH-2026-0001-P0"})));
    assert!(!accepted.is_valid(&json!({"duplicate": false})));
}

#[test]
fn the_schema_names_the_notices_the_tool_issued() {
    let schema = schema();
    let versions = &schema["$defs"]["consent"]["properties"]["notice_version"]["enum"];
    assert_eq!(versions, &json!(request::NOTICE_VERSIONS));
}

#[test]
fn the_schema_refuses_what_the_core_refuses() {
    let update = validator("update");
    let base = serde_json::to_value(&updates()[0]).expect("writes");
    let with = |change: &dyn Fn(&mut Value)| {
        let mut value = base.clone();
        change(&mut value);
        value
    };
    let bad = [
        with(&|v| v["kind"] = json!("sxsh-assessment-request")),
        with(&|v| v["version"] = json!(0)),
        with(&|v| v["idempotency_key"] = json!("short")),
        with(&|v| v["receipt"] = json!("SXSH-2026-01")),
        with(&|v| v["receipt"] = json!("sxsh-2026-0001")),
        with(&|v| v["tax_code"] = json!("")),
        with(&|v| v["tax_code"] = json!("33001000011")),
        with(&|v| v["company"] = json!("")),
        with(&|v| v["company"] = json!("Dệt\nmay")),
        with(&|v| v["company"] = json!("ệ".repeat(201))),
        with(&|v| v["checklist_version"] = json!("2026 1")),
        with(&|v| v["notes"] = json!("a\rb")),
        with(&|v| v["notes"] = json!("x".repeat(2_001))),
        with(&|v| v["notes"] = json!("\u{202E}")),
        with(&|v| v["consent"]["request"] = json!(false)),
        with(&|v| v["consent"]["notice_version"] = json!("2020-01")),
        with(&|v| v["consent"]["given_at"] = json!("2026-11-28 08:00")),
        with(&|v| v["actions"][0]["measure"] = json!("")),
        with(&|v| v["actions"][0]["adopted_on"] = json!("01/06/2026")),
        with(&|v| v["actions"][0]["due"] = json!("2026-1-01")),
        with(&|v| v["actions"][0]["status_on"] = json!("")),
        with(&|v| v["actions"][0]["owner"] = json!("An\u{2066}")),
        with(&|v| v["actions"][0]["status"] = json!("finished")),
        with(&|v| v["actions"][0]["achieved"]["vnd"] = json!(-1)),
        with(&|v| v["actions"][0]["achieved"]["tco2"] = json!(2e15)),
        with(&|v| v["actions"][0]["achieved"]["quantity"] = json!("45")),
        with(&|v| v["actions"][0]["achieved"]["unit"] = json!("k\nWh")),
        with(&|v| v["surprise"] = json!(1)),
        with(&|v| {
            let one = v["actions"][0].clone();
            v["actions"] = json!(
                (0..301)
                    .map(|i| {
                        let mut a = one.clone();
                        a["measure"] = json!(format!("m{i}"));
                        a
                    })
                    .collect::<Vec<_>>()
            );
        }),
        with(&|v| {
            if let Some(o) = v.as_object_mut() {
                o.remove("tax_code");
            }
        }),
    ];
    for value in bad {
        assert!(!update.is_valid(&value), "the schema takes {value}");
        let core = serde_json::from_value::<ProgressUpdate>(value.clone()).map(|u| validate(&u));
        assert!(core.as_ref().map_or(true, |e| !e.is_empty()), "the core takes {value}: {core:?}");
    }
}
