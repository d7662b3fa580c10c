//! The action plan in the released assessment files: version 2 opens with its plan and history,
//! version 1 still opens without them, and the version-2 schema describes both (checked with
//! the `jsonschema` crate, draft 2020-12, as well as key by key).

use crate::fixtures;
use sxsh_core::checklist;
use sxsh_core::export;
use sxsh_core::i18n::Lang;
use sxsh_core::plan::{self, ActionStatus, Figure, Milestone, PlanEdit};
use sxsh_core::report;
use sxsh_core::savings::Range;

/// The plan of the released version-2 fixture: the dyeing plant six months on. Compressed-air
/// leaks done (owner, due day, and what it saved), liquor ratio in progress, LED lighting
/// dropped with "12tr" typed where money goes (not a number: kept as typed).
pub(crate) fn released_plan() -> plan::Plan {
    let mut p = plan::Plan::default();
    for (measure, unit) in [
        ("energy.compressed_air.leaks", "kWh"),
        ("textile.water_use.liquor_ratio", "m³"),
        ("energy.lighting.led", "kWh"),
    ] {
        p.apply(PlanEdit::Adopt {
            measure: measure.into(),
            unit: unit.into(),
            today: "2026-11-28".into(),
        });
    }
    let edits = [
        PlanEdit::SetOwner {
            measure: "energy.compressed_air.leaks".into(),
            owner: "Trưởng phòng Cơ điện".into(),
        },
        PlanEdit::SetDue {
            measure: "energy.compressed_air.leaks".into(),
            due: "2027-03-31".into(),
        },
        PlanEdit::SetStatus {
            measure: "energy.compressed_air.leaks".into(),
            status: ActionStatus::Done,
            today: "2027-05-20".into(),
        },
        PlanEdit::SetOwner {
            measure: "textile.water_use.liquor_ratio".into(),
            owner: "Quản đốc xưởng nhuộm".into(),
        },
        PlanEdit::SetDue {
            measure: "textile.water_use.liquor_ratio".into(),
            due: "2027-12-31".into(),
        },
        PlanEdit::SetStatus {
            measure: "textile.water_use.liquor_ratio".into(),
            status: ActionStatus::InProgress,
            today: "2027-02-01".into(),
        },
        PlanEdit::SetStatus {
            measure: "energy.lighting.led".into(),
            status: ActionStatus::Dropped,
            today: "2027-04-15".into(),
        },
    ];
    for edit in edits {
        p.apply(edit);
    }
    for (measure, figure, text) in [
        ("energy.compressed_air.leaks", Figure::Vnd, "180.000.000"),
        ("energy.compressed_air.leaks", Figure::Quantity, "95.000"),
        ("energy.compressed_air.leaks", Figure::Tco2, "64,1"),
        ("energy.lighting.led", Figure::Vnd, "12tr"),
    ] {
        p.apply(PlanEdit::SetAchieved {
            measure: measure.into(),
            figure,
            text: text.into(),
            lang: Lang::Vi,
        });
    }
    p
}

/// The released fixture's one earlier assessment.
fn released_history() -> Vec<Milestone> {
    vec![Milestone {
        assessed_on: "2025-11-20".into(),
        checklist_version: "2025.11.1".into(),
        score_percent: Some(38.5),
        savings_vnd: Range { low: 250_000_000.0, high: 610_000_000.0 },
        actions: 0,
        actions_done: 0,
    }]
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(crate::repo(&format!("crates/core/tests/fixtures/files/{name}")))
        .expect("fixture")
}

#[test]
fn the_released_version_2_file_opens_with_its_plan_and_history() {
    let text = fixture("sxsh-assessment-v2.json");
    let stored: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(stored["version"], 2);
    let file = export::import(&text).expect("the released version-2 file opens");
    assert_eq!(file.draft, fixtures::textile_dyeing_plant());
    assert_eq!(file.plan, released_plan());
    assert_eq!(file.history, released_history());
    // As written in the file: 180.000.000 ₫, 95.000 kWh and 64,1 t CO2 saved by the leaks.
    let leaks = file.plan.action("energy.compressed_air.leaks").cloned().unwrap_or_default();
    assert_eq!(leaks.owner, "Trưởng phòng Cơ điện");
    assert_eq!((leaks.status, leaks.status_on.as_str()), (ActionStatus::Done, "2027-05-20"));
    assert_eq!(
        (leaks.achieved.vnd, leaks.achieved.quantity, leaks.achieved.tco2),
        (Some(180_000_000.0), Some(95_000.0), Some(64.1))
    );
    assert_eq!(leaks.achieved.unit, "kWh");
    assert_eq!(file.plan.typed_text("energy.lighting.led", Figure::Vnd), Some("12tr"));
    assert_eq!(file.plan.done(), 1);
    // It writes back the same plan and history.
    let again: serde_json::Value = serde_json::from_str(&file.to_json()).expect("JSON");
    assert_eq!(again["plan"], stored["plan"]);
    assert_eq!(again["history"], stored["history"]);
}

#[test]
fn version_1_files_open_with_no_plan_and_no_history() {
    for name in [
        "sxsh-assessment-v1.json",
        "sxsh-assessment-v1-autosave.json",
        "sxsh-assessment-v1-typed-autosave.json",
    ] {
        let text = fixture(name);
        let stored: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(stored["version"], 1, "{name}");
        let file = export::import(&text).expect("a version-1 file opens");
        assert!(file.plan.is_blank() && file.history.is_empty(), "{name}");
        assert_eq!(file.version, export::VERSION, "it is read into this version");
    }
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(crate::repo("schemas/sxsh-assessment-2.schema.json"))
        .expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert_eq!(schema.pointer("/properties/version/const"), Some(&serde_json::json!(2)));
    jsonschema::draft202012::new(&schema).expect("the schema compiles under draft 2020-12")
}

fn errors_of(validator: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    validator.iter_errors(value).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn the_version_2_schema_describes_files_with_and_without_a_plan() {
    let validator = validator();
    let released: serde_json::Value =
        serde_json::from_str(&fixture("sxsh-assessment-v2.json")).expect("JSON");
    assert_eq!(errors_of(&validator, &released), Vec::<String>::new());
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::repo("schemas/sxsh-assessment-2.schema.json"))
            .expect("schema"),
    )
    .expect("JSON");
    crate::reports::check_against(&schema, &schema, &released, "file");
    let list = checklist::active();
    let bare = export::to_json(&fixtures::seafood_processor(), "2027-05-28T02:30:00Z", Some(list));
    let bare: serde_json::Value = serde_json::from_str(&bare).expect("JSON");
    assert_eq!(errors_of(&validator, &bare), Vec::<String>::new());
    let autosave = export::draft_json(&fixtures::brewery(), "2027-05-28T02:30:00Z");
    let autosave: serde_json::Value = serde_json::from_str(&autosave).expect("JSON");
    assert_eq!(errors_of(&validator, &autosave), Vec::<String>::new());
    // What the import refuses, the schema refuses too.
    for (pointer, bad) in [
        ("/plan/actions/0/status", serde_json::json!("finished")),
        ("/plan/actions/0/owner", serde_json::json!("x".repeat(201))),
        ("/plan/actions/0/due", serde_json::json!("31/12/2027")),
        ("/plan/actions/0/measure", serde_json::json!("a b")),
        ("/plan/actions/0/achieved/vnd", serde_json::json!(-1.0)),
        ("/plan/actions/0/achieved/unit", serde_json::json!("u".repeat(41))),
        ("/history/0/score_percent", serde_json::json!(101.0)),
        ("/history/0/assessed_on", serde_json::json!("20/11/2025")),
    ] {
        let mut file = released.clone();
        *file.pointer_mut(pointer).expect("the fixture has the field") = bad.clone();
        assert!(!errors_of(&validator, &file).is_empty(), "{pointer} = {bad}");
        assert!(export::import(&file.to_string()).is_err(), "{pointer} = {bad}");
    }
}

#[test]
fn the_next_assessment_opens_from_the_released_file_and_progress_shows_each_year() {
    let list = checklist::active();
    let previous = export::import(&fixture("sxsh-assessment-v2.json")).expect("opens");
    let next = export::carry_forward(&previous, list, "2027-11-30T01:00:00Z");
    assert_eq!(next.plan, previous.plan);
    assert_eq!(next.draft.answers, previous.draft.answers);
    assert_eq!(next.draft.profile, previous.draft.profile);
    assert_eq!(next.draft.checklist_version, list.version);
    // The file was saved on 28/05/2027 at 09:30 in Huế; its plan had 3 actions, 1 done.
    let added = &next.history[1];
    assert_eq!(next.history[0], released_history()[0]);
    assert_eq!(
        (added.assessed_on.as_str(), added.actions, added.actions_done),
        ("2027-05-28", 3, 1)
    );
    let results = export::AssessmentResults::of(list, &previous.draft);
    assert_eq!(added.score_percent, results.scorecard.overall.percent());
    assert_eq!(added.savings_vnd, results.savings.total_vnd);
    // Today's assessment, in the same year as the last one, takes that year's place.
    let today = plan::milestone(list, &next.draft, &next.plan, "2027-11-30");
    let points = plan::progress(&next.history, today.clone());
    let years: Vec<(i64, &str)> = points.iter().map(|p| (p.year, p.assessed_on.as_str())).collect();
    assert_eq!(years, [(2025, "2025-11-20"), (2027, "2027-11-30")]);
    assert_eq!(points[1].actions_done, 1);
    assert_eq!(points[0].score_percent, Some(38.5));
}

#[test]
fn the_report_lists_each_action_with_owner_due_day_status_and_saving_in_both_languages() {
    let list = checklist::active();
    let draft = fixtures::textile_dyeing_plant();
    let results = export::AssessmentResults::of(list, &draft);
    let title = |id: &str, lang: Lang| {
        let q = list.question(id).expect("a question of the checklist");
        match lang {
            Lang::Vi => q.text_vi.clone(),
            Lang::En => q.text_en.clone(),
        }
    };
    let vi = report::build(list, &draft, &results, Lang::Vi, "2027-05-28")
        .with_plan(list, &released_plan());
    let section = vi.plan.expect("the report has the plan");
    assert_eq!(section.heading, "Kế hoạch hành động");
    assert_eq!(section.summary, "Đã hoàn thành 1/3 biện pháp");
    assert_eq!(
        section.columns,
        ["Biện pháp", "Người phụ trách", "Thời hạn", "Tình trạng", "Đã tiết kiệm được"]
    );
    assert!(section.note.contains("tự báo cáo"), "{}", section.note);
    let lines: Vec<[&str; 5]> = section
        .lines
        .iter()
        .map(|l| [l.title.as_str(), &l.owner, &l.due, &l.status_text, &l.achieved])
        .collect();
    let (leaks, ratio, led) = (
        title("energy.compressed_air.leaks", Lang::Vi),
        title("textile.water_use.liquor_ratio", Lang::Vi),
        title("energy.lighting.led", Lang::Vi),
    );
    assert_eq!(
        lines,
        [
            [
                leaks.as_str(),
                "Trưởng phòng Cơ điện",
                "31/03/2027",
                "Đã hoàn thành (20/05/2027)",
                // 180.000.000 ₫ to the dong, 95.000 kWh, 64,1 t CO2, as reported.
                "180.000.000 ₫; 95.000 kWh; 64,1 tấn CO2 mỗi năm",
            ],
            [
                ratio.as_str(),
                "Quản đốc xưởng nhuộm",
                "31/12/2027",
                "Đang thực hiện (01/02/2027)",
                "Chưa báo cáo",
            ],
            // "12tr" typed for the LED is not a number: nothing is reported.
            [led.as_str(), "Chưa giao", "Chưa đặt", "Đã dừng (15/04/2027)", "Chưa báo cáo"],
        ]
    );
    assert_eq!(section.lines[0].status, ActionStatus::Done);
    assert_eq!(section.lines[0].measure, "energy.compressed_air.leaks");

    let en = report::build(list, &draft, &results, Lang::En, "2027-05-28")
        .with_plan(list, &released_plan());
    let section = en.plan.expect("the report has the plan");
    assert_eq!(section.heading, "Action plan");
    assert_eq!(section.summary, "1 of 3 actions done");
    assert_eq!(section.lines[0].title, title("energy.compressed_air.leaks", Lang::En));
    assert_eq!(section.lines[0].status_text, "Done (20/05/2027)");
    assert_eq!(section.lines[0].achieved, "180,000,000 ₫; 95,000 kWh; 64.1 t CO2 a year");
    assert_eq!(section.lines[1].status_text, "In progress (01/02/2027)");
    assert_eq!(
        [section.lines[2].owner.as_str(), &section.lines[2].due, &section.lines[2].achieved],
        ["Not assigned", "Not set", "Not reported"]
    );
    assert_eq!(section.lines[2].status_text, "Dropped (15/04/2027)");

    // A planned action with only a quantity, of a measure this checklist does not have.
    let mut other = plan::Plan::default();
    other.apply(PlanEdit::Adopt {
        measure: "retired.measure".into(),
        unit: "m³".into(),
        today: "2027-01-02".into(),
    });
    other.apply(PlanEdit::SetAchieved {
        measure: "retired.measure".into(),
        figure: Figure::Quantity,
        text: "1.234,5".into(),
        lang: Lang::Vi,
    });
    let section = report::plan_section(list, &other, Lang::Vi).expect("a plan");
    assert_eq!(section.lines[0].title, "retired.measure");
    assert_eq!(section.lines[0].status_text, "Chưa bắt đầu (02/01/2027)");
    assert_eq!(section.lines[0].achieved, "1.234,5 m³ mỗi năm");
    assert_eq!(section.summary, "Đã hoàn thành 0/1 biện pháp");
    // No plan, no section.
    assert_eq!(report::plan_section(list, &plan::Plan::default(), Lang::Vi), None);
    let plain = report::build(list, &draft, &results, Lang::Vi, "2027-05-28");
    assert_eq!(plain.clone().with_plan(list, &plan::Plan::default()), plain);
    assert!(!serde_json::to_string(&plain).expect("JSON").contains("\"plan\""));
}
