//! The assessment file: one versioned JSON document holding the draft, the action plan, the
//! earlier assessments' milestones and the results.
//!
//! The same envelope is the autosave in local storage, the "save to file" download and the JSON
//! report; `import` reads any of them back. Import refuses, with a message that quotes nothing
//! from the file, anything oversized, not JSON, of another kind, of a future version, or of the
//! wrong shape (a plan or history that `plan::validate` or `plan::validate_history` finds fault
//! with is the wrong shape). Pure: callers supply the time stamp.
//!
//! Versions: 1 held the draft (and results for readers); 2 adds `plan` and `history`, both
//! left out when empty, so a file without a plan reads as before. Every version-1 file still
//! opens (`crates/core/tests/fixtures/files/`).
//!
//! Where the plan is kept in the browser: the autosave of every answer (`draft_json`, in the
//! widget's page module, whose first-load size has little margin) writes the draft alone, as
//! before; the plan and history are autosaved apart, under a storage key of their own, by the
//! chunk that edits them (`plan_json`, read back by `import_plan`). A saved file and the JSON
//! report carry all of it (`file(..).with_plan(..)`, `AssessmentFile::to_json`). A later
//! assessment opens from an earlier file with `carry_forward`.

use crate::assessment::Draft;
use crate::benchmarks::{Benchmarks, benchmarks};
use crate::checklist::Checklist;
use crate::plan::{self, Milestone, Plan};
use crate::savings::{Savings, savings};
use crate::scoring::{Scorecard, score};
use serde::{Deserialize, Serialize};

/// What the file is; anything else is refused.
pub const KIND: &str = "sxsh-assessment";
/// The format version this build writes and the newest it reads.
pub const VERSION: u32 = 2;
/// Files larger than this are refused before parsing (1 MB).
pub const MAX_BYTES: usize = 1_000_000;

/// The results stored beside the draft, for readers of the file (recomputed on import).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentResults {
    pub scorecard: Scorecard,
    pub savings: Savings,
    pub benchmarks: Benchmarks,
}

impl AssessmentResults {
    /// Computes the results of a draft.
    pub fn of(checklist: &Checklist, draft: &Draft) -> AssessmentResults {
        let savings = savings(checklist, draft);
        AssessmentResults {
            scorecard: score(checklist, draft),
            benchmarks: benchmarks(checklist, &draft.profile, &savings),
            savings,
        }
    }
}

/// The file's envelope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentFile {
    pub kind: String,
    pub version: u32,
    /// When the file was written (ISO 8601, from the browser's clock).
    pub saved_at: String,
    /// The checklist version the answers refer to.
    pub checklist_version: String,
    pub draft: Draft,
    /// The enterprise's action plan (version 2; absent when empty).
    #[serde(default, skip_serializing_if = "Plan::is_blank")]
    pub plan: Plan,
    /// The earlier assessments, oldest first (version 2; absent when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Milestone>,
    /// Absent in autosaves, present in exports. Written for the file's readers and never read
    /// back: the widget and the service recompute results from the draft, so a file's results
    /// are skipped when it is read (which also keeps their parser out of the widget).
    #[serde(default, skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub results: Option<AssessmentResults>,
}

/// Why a file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than `MAX_BYTES`.
    TooLarge,
    /// Not JSON at all.
    NotJson,
    /// JSON, but not an assessment file.
    WrongKind,
    /// An assessment file from a newer version of the widget.
    FutureVersion,
    /// An assessment file whose content does not have the expected shape.
    Malformed,
}

/// The file's envelope around a draft, without a plan (add one with `with_plan`);
/// `results_from` adds the score and savings for readers (the checklist they are computed
/// with). The draft alone needs no checklist.
pub fn file(draft: &Draft, saved_at: &str, results_from: Option<&Checklist>) -> AssessmentFile {
    AssessmentFile {
        kind: KIND.to_owned(),
        version: VERSION,
        saved_at: saved_at.to_owned(),
        checklist_version: draft.checklist_version.clone(),
        draft: draft.clone(),
        plan: Plan::default(),
        history: Vec::new(),
        results: results_from.map(|checklist| AssessmentResults::of(checklist, draft)),
    }
}

impl AssessmentFile {
    /// The same file with this plan and these earlier assessments.
    pub fn with_plan(self, plan: &Plan, history: &[Milestone]) -> AssessmentFile {
        AssessmentFile { plan: plan.clone(), history: history.to_vec(), ..self }
    }

    /// Writes the file.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .expect("an assessment file has string keys and serialisable values")
    }
}

/// Writes the file of a draft without a plan; `results_from` adds the score and savings for
/// readers.
pub fn to_json(draft: &Draft, saved_at: &str, results_from: Option<&Checklist>) -> String {
    file(draft, saved_at, results_from).to_json()
}

/// The file without results, borrowed: the autosave, written on every edit. It is the same
/// document as `to_json(draft, saved_at, None)` (a test holds them equal), through a writer that
/// knows nothing of results, so the widget's first screen carries neither them nor the copy.
#[derive(Serialize)]
struct DraftFile<'a> {
    kind: &'static str,
    version: u32,
    saved_at: &'a str,
    checklist_version: &'a str,
    draft: &'a Draft,
}

/// Writes the file without results (the autosave).
pub fn draft_json(draft: &Draft, saved_at: &str) -> String {
    let file = DraftFile {
        kind: KIND,
        version: VERSION,
        saved_at,
        checklist_version: &draft.checklist_version,
        draft,
    };
    serde_json::to_string_pretty(&file).expect("a draft has string keys and serialisable values")
}

/// The field that says what a file is, read first.
#[derive(Deserialize)]
struct Kind {
    kind: Option<String>,
}

/// The format version, read once the kind is known.
#[derive(Deserialize)]
struct Version {
    version: Option<u64>,
}

/// Reads a file back into a draft. Stored results are ignored: they are recomputed.
pub fn import(text: &str) -> Result<AssessmentFile, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    // Any JSON value parses as "ignored" (`IgnoredAny`); only then is the header read.
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|_| ImportError::NotJson)?;
    let kind: Kind = serde_json::from_str(text).map_err(|_| ImportError::WrongKind)?;
    if kind.kind.as_deref() != Some(KIND) {
        return Err(ImportError::WrongKind);
    }
    let version: Version = serde_json::from_str(text).map_err(|_| ImportError::Malformed)?;
    match version.version {
        Some(v) if v > u64::from(VERSION) => return Err(ImportError::FutureVersion),
        Some(v) if v >= 1 => {}
        _ => return Err(ImportError::Malformed),
    }
    #[derive(Deserialize)]
    struct DraftOnly {
        saved_at: String,
        checklist_version: String,
        draft: Draft,
        #[serde(default)]
        plan: Plan,
        #[serde(default)]
        history: Vec<Milestone>,
    }
    let file: DraftOnly = serde_json::from_str(text).map_err(|_| ImportError::Malformed)?;
    // A file is held to what typing allows: no number is negative or beyond `numbers::MAX`.
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| ImportError::Malformed)?;
    if !numbers_in_range(&value["draft"]) || !plan_is_sound(&file.plan, &file.history) {
        return Err(ImportError::Malformed);
    }
    Ok(AssessmentFile {
        kind: KIND.to_owned(),
        version: VERSION,
        saved_at: file.saved_at,
        checklist_version: file.checklist_version,
        draft: file.draft,
        plan: file.plan,
        history: file.history,
        results: None,
    })
}

/// Whether a plan and history read from a file or storage are ones the widget could have made:
/// `plan::validate` (without a checklist: a file may name measures of another version) and
/// `plan::validate_history` find nothing. Linear in their size.
fn plan_is_sound(plan: &Plan, history: &[Milestone]) -> bool {
    plan::validate(None, plan).is_empty() && plan::validate_history(history).is_empty()
}

/// What the plan's own autosave is.
pub const PLAN_KIND: &str = "sxsh-plan";
/// The plan autosave's format version.
pub const PLAN_VERSION: u32 = 1;

/// The plan and earlier assessments as the browser keeps them beside the autosaved draft, under
/// a storage key of their own (`plan_json`, `import_plan`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeptPlan {
    pub plan: Plan,
    pub history: Vec<Milestone>,
}

/// The plan autosave's envelope, borrowed.
#[derive(Serialize)]
struct PlanFile<'a> {
    kind: &'static str,
    version: u32,
    saved_at: &'a str,
    plan: &'a Plan,
    history: &'a [Milestone],
}

/// Writes the plan's own autosave: the plan and earlier assessments beside the draft's autosave.
pub fn plan_json(plan: &Plan, history: &[Milestone], saved_at: &str) -> String {
    let file = PlanFile { kind: PLAN_KIND, version: PLAN_VERSION, saved_at, plan, history };
    serde_json::to_string(&file).expect("a plan has string keys and serialisable values")
}

/// Reads the plan's own autosave back, refusing it as `import` refuses a file (too large, not
/// JSON, another kind, a future version, a plan or history that does not validate).
pub fn import_plan(text: &str) -> Result<KeptPlan, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|_| ImportError::NotJson)?;
    let kind: Kind = serde_json::from_str(text).map_err(|_| ImportError::WrongKind)?;
    if kind.kind.as_deref() != Some(PLAN_KIND) {
        return Err(ImportError::WrongKind);
    }
    let version: Version = serde_json::from_str(text).map_err(|_| ImportError::Malformed)?;
    match version.version {
        Some(v) if v > u64::from(PLAN_VERSION) => return Err(ImportError::FutureVersion),
        Some(v) if v >= 1 => {}
        _ => return Err(ImportError::Malformed),
    }
    let kept: KeptPlan = serde_json::from_str(text).map_err(|_| ImportError::Malformed)?;
    if !plan_is_sound(&kept.plan, &kept.history) {
        return Err(ImportError::Malformed);
    }
    Ok(kept)
}

/// The next assessment, opened from the `previous` one at `now` (the browser's clock, ISO 8601):
/// the previous profile, answers and typed text, now made with `checklist` (its version
/// stamped); the plan carried as it is (done and dropped actions kept, with their dates and
/// savings); and the previous assessment's `plan::milestone` appended to the history (scored
/// with `checklist`, dated the day in Vietnam its file was saved, or today's if that is not a
/// time stamp), at most `plan::MAX_MILESTONES`, the oldest dropped.
pub fn carry_forward(
    previous: &AssessmentFile,
    checklist: &Checklist,
    now: &str,
) -> AssessmentFile {
    let saved_day = crate::dates::iso_day(&previous.saved_at);
    let assessed_on = if crate::dates::calendar_day(&saved_day).is_some() {
        saved_day
    } else {
        crate::dates::iso_day(now)
    };
    let milestone = plan::milestone(checklist, &previous.draft, &previous.plan, &assessed_on);
    let draft = Draft { checklist_version: checklist.version.clone(), ..previous.draft.clone() };
    AssessmentFile {
        kind: KIND.to_owned(),
        version: VERSION,
        saved_at: now.to_owned(),
        checklist_version: checklist.version.clone(),
        draft,
        plan: previous.plan.clone(),
        history: plan::appended(&previous.history, milestone),
        results: None,
    }
}

/// Whether every number in a JSON value is one a user could have typed.
pub(crate) fn numbers_in_range(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Number(n) => {
            n.as_f64().is_some_and(|v| v.is_finite() && (0.0..=crate::numbers::MAX).contains(&v))
        }
        serde_json::Value::Array(items) => items.iter().all(numbers_in_range),
        serde_json::Value::Object(map) => map.values().all(numbers_in_range),
        _ => true,
    }
}

/// An ASCII-safe file name such as `SXSH-cong-ty-det-phu-bai-2026-11-28.json`: Vietnamese letters
/// lose their marks, anything else that is not a letter or digit becomes a dash; the date is the
/// day in Vietnam of `date` (a timestamp), as on the report's cover.
pub fn file_name(company: &str, date: &str, extension: &str) -> String {
    const FROM: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
    const TO: &str = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
    let mut slug = String::new();
    for c in company.to_lowercase().chars() {
        let plain = FROM.chars().position(|x| x == c).and_then(|i| TO.chars().nth(i)).unwrap_or(c);
        if plain.is_ascii_alphanumeric() {
            slug.push(plain);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_matches('-').chars().take(40).collect();
    let slug = if slug.is_empty() { "assessment".to_owned() } else { slug };
    let day = crate::dates::iso_day(date);
    format!("SXSH-{slug}-{}.{extension}", day.get(..10).unwrap_or(&day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{
        Answer, Edit, ElectricityPart, Field, Level, ProfileField, ProfileText, UsePart,
    };
    use crate::checklist;
    use crate::checklist::Stream;
    use crate::i18n::Lang;

    fn sample() -> Draft {
        let mut draft = Draft::new(checklist::active());
        draft.apply(Edit::SetText(ProfileText::Company, "Công ty <b>Ánh Dương</b> \"&\"".into()));
        draft.apply(Edit::SetSector(Some("textile".into())));
        draft.apply(Edit::Typed {
            field: Field::Profile(ProfileField::Electricity(ElectricityPart::Kwh)),
            text: "1.500.000".into(),
            lang: Lang::Vi,
        });
        draft.apply(Edit::Typed {
            field: Field::Profile(ProfileField::Stream(Stream::Water, UsePart::Quantity)),
            text: "12,5,0".into(),
            lang: Lang::Vi,
        });
        draft.apply(Edit::Answer("energy.lighting.led".into(), Answer::Level(Level::Partly)));
        draft.apply(Edit::Answer("textile.water_use.liquor_ratio".into(), Answer::Number(7.25)));
        draft
    }

    #[test]
    fn a_saved_file_restores_the_draft_exactly() {
        let draft = sample();
        let json = to_json(&draft, "2026-11-28T10:00:00Z", Some(checklist::active()));
        let file = import(&json).expect("own files import");
        assert_eq!(file.draft, draft);
        assert_eq!(file.saved_at, "2026-11-28T10:00:00Z");
    }

    #[test]
    fn the_autosave_is_the_file_without_results() {
        let draft = sample();
        let autosave = draft_json(&draft, "2026-11-28T10:00:00Z");
        assert_eq!(autosave, to_json(&draft, "2026-11-28T10:00:00Z", None));
        assert!(!autosave.contains("results"));
        assert_eq!(import(&autosave).expect("an autosave imports").draft, draft);
    }

    #[test]
    fn file_names_are_ascii_safe() {
        assert_eq!(
            file_name("Công ty Dệt may Huế", "2026-11-28T10:00:00Z", "json"),
            "SXSH-cong-ty-det-may-hue-2026-11-28.json"
        );
        assert_eq!(file_name("<script>/..\\", "2026-11-28", "csv"), "SXSH-script-2026-11-28.csv");
        assert_eq!(file_name("", "2026-11-28", "pdf"), "SXSH-assessment-2026-11-28.pdf");
        // 20:00 UTC is already the next day in Huế.
        assert_eq!(file_name("A", "2026-11-28T20:00:00.000Z", "pdf"), "SXSH-a-2026-11-29.pdf");
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert_eq!(import(&" ".repeat(MAX_BYTES + 1)), Err(ImportError::TooLarge));
        assert_eq!(import("<html>"), Err(ImportError::NotJson));
        assert_eq!(import(r#"{"kind":"something-else","version":1}"#), Err(ImportError::WrongKind));
        assert_eq!(import(r#"[1,2,3]"#), Err(ImportError::WrongKind));
        assert_eq!(
            import(r#"{"kind":"sxsh-assessment","version":3,"draft":{}}"#),
            Err(ImportError::FutureVersion)
        );
        assert_eq!(
            import(r#"{"kind":"sxsh-assessment","version":"1"}"#),
            Err(ImportError::Malformed)
        );
        let wrong_type = r#"{"kind":"sxsh-assessment","version":1,"saved_at":"x","checklist_version":"1","draft":{"answers":{"a":{"level":"maybe"}}}}"#;
        assert_eq!(import(wrong_type), Err(ImportError::Malformed));
        // Numbers are held to what typing allows (found by fuzzing: 4e42 VND did not round-trip).
        let base = r#"{"kind":"sxsh-assessment","version":1,"saved_at":"x","checklist_version":"1","draft":{"profile":{"water":{"cost_vnd":N}}}}"#;
        assert!(import(&base.replace('N', "1000000")).is_ok());
        for bad in ["4000000333333333333333333333333333033333400.0", "-1", "1e16"] {
            assert_eq!(import(&base.replace('N', bad)), Err(ImportError::Malformed), "{bad}");
        }
        // Deep nesting is refused without exhausting the stack.
        let nested = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(import(&nested).is_err());
    }

    mod plan_in_the_file {
        //! Version 2: the plan and history in the file, the plan's own autosave, and carrying
        //! an assessment forward, on the small checklist of `plan`'s tests (figures by hand).
        use super::*;
        use crate::plan::tests::{checklist as small_list, draft as small_draft};
        use crate::plan::{ActionStatus, Figure, MAX_ACTIONS, MAX_MILESTONES, PlanEdit};
        use crate::savings::Range;

        /// `led` in progress (owned, due, 1.500.000 ₫ achieved), `policy` done, `reuse`
        /// dropped with "1.5" typed (not yet a number in Vietnamese).
        fn plan() -> Plan {
            let mut plan = Plan::default();
            for measure in ["led", "policy", "reuse"] {
                plan.apply(PlanEdit::Adopt {
                    measure: measure.into(),
                    unit: "kWh".into(),
                    today: "2026-11-20".into(),
                });
            }
            let status = |measure: &str, status| PlanEdit::SetStatus {
                measure: measure.into(),
                status,
                today: "2026-11-25".into(),
            };
            plan.apply(status("led", ActionStatus::InProgress));
            plan.apply(status("policy", ActionStatus::Done));
            plan.apply(status("reuse", ActionStatus::Dropped));
            plan.apply(PlanEdit::SetOwner { measure: "led".into(), owner: "Quản đốc".into() });
            plan.apply(PlanEdit::SetDue { measure: "led".into(), due: "2027-06-30".into() });
            for (measure, text) in [("led", "1.500.000"), ("reuse", "1.5")] {
                plan.apply(PlanEdit::SetAchieved {
                    measure: measure.into(),
                    figure: Figure::Vnd,
                    text: text.into(),
                    lang: Lang::Vi,
                });
            }
            plan
        }

        fn earlier() -> Milestone {
            Milestone {
                assessed_on: "2025-11-28".into(),
                checklist_version: "2025.11.1".into(),
                score_percent: Some(20.0),
                savings_vnd: Range { low: 2.0e9, high: 3.0e9 },
                actions: 0,
                actions_done: 0,
            }
        }

        fn previous() -> AssessmentFile {
            file(&sample(), "2026-11-30T20:00:00Z", None).with_plan(&plan(), &[earlier()])
        }

        #[test]
        fn a_file_keeps_its_plan_and_history_and_leaves_them_out_when_empty() {
            let json = previous().to_json();
            let back = import(&json).expect("a version-2 file imports");
            assert_eq!(back.plan, plan());
            assert_eq!(back.history, [earlier()]);
            assert_eq!(back.plan.typed_text("reuse", Figure::Vnd), Some("1.5"));
            assert!(json.contains("\"version\": 2"));
            let bare = to_json(&sample(), "2026-11-30T20:00:00Z", None);
            assert!(!bare.contains("\"plan\"") && !bare.contains("\"history\""));
            let back = import(&bare).expect("imports");
            assert_eq!((back.plan, back.history), (Plan::default(), Vec::new()));
            // The autosave is the draft alone, as before.
            let autosave = draft_json(&sample(), "2026-11-30T20:00:00Z");
            assert_eq!(autosave, bare);
        }

        #[test]
        fn a_file_whose_plan_or_history_does_not_validate_is_refused() {
            let refused = |f: AssessmentFile| import(&f.to_json());
            let mut bad = previous();
            bad.plan.actions[0].owner = "Quản\u{0007}đốc".into();
            assert_eq!(refused(bad), Err(ImportError::Malformed));
            let mut bad = previous();
            bad.plan.actions[1].due = "2027-02-29".into();
            assert_eq!(refused(bad), Err(ImportError::Malformed));
            let mut bad = previous();
            bad.history[0].assessed_on = "28/11/2025".into();
            assert_eq!(refused(bad), Err(ImportError::Malformed));
            let mut bad = previous();
            let action = bad.plan.actions[0].clone();
            bad.plan.actions = (0..=MAX_ACTIONS)
                .map(|i| crate::plan::Action { measure: format!("m{i}"), ..action.clone() })
                .collect();
            bad.plan.typed.clear();
            assert_eq!(refused(bad), Err(ImportError::Malformed));
            let mut bad = previous();
            bad.history = vec![earlier(); MAX_MILESTONES + 1];
            assert_eq!(refused(bad), Err(ImportError::Malformed));
            // A figure out of range, and a plan of the wrong shape, are refused too.
            let json = previous().to_json().replace("1500000.0", "-1.0");
            assert_eq!(import(&json), Err(ImportError::Malformed));
            let json = previous().to_json().replace("\"in_progress\"", "\"started\"");
            assert_eq!(import(&json), Err(ImportError::Malformed));
        }

        #[test]
        fn the_plans_own_autosave_reads_back_and_refuses_what_import_refuses() {
            let json = plan_json(&plan(), &[earlier()], "2026-11-30T20:00:00Z");
            assert!(json.starts_with(
                r#"{"kind":"sxsh-plan","version":1,"saved_at":"2026-11-30T20:00:00Z","#
            ));
            let kept = import_plan(&json).expect("the plan's autosave reads back");
            assert_eq!(kept, KeptPlan { plan: plan(), history: vec![earlier()] });
            assert_eq!(import_plan(&" ".repeat(MAX_BYTES + 1)), Err(ImportError::TooLarge));
            let at_most = format!("{json}{}", " ".repeat(MAX_BYTES - json.len()));
            assert_eq!(at_most.len(), MAX_BYTES);
            assert_eq!(import_plan(&at_most), Ok(kept.clone()), "MAX_BYTES itself is taken");
            assert_eq!(import_plan("{"), Err(ImportError::NotJson));
            assert_eq!(import_plan(r#"[1]"#), Err(ImportError::WrongKind));
            let draft = draft_json(&sample(), "2026-11-30T20:00:00Z");
            assert_eq!(import_plan(&draft), Err(ImportError::WrongKind));
            assert_eq!(import(&json), Err(ImportError::WrongKind));
            let future = json.replace("\"version\":1", "\"version\":2");
            assert_eq!(import_plan(&future), Err(ImportError::FutureVersion));
            for version in ["0", "\"1\"", "null"] {
                let odd = json.replace("\"version\":1", &format!("\"version\":{version}"));
                assert_eq!(import_plan(&odd), Err(ImportError::Malformed), "{version}");
            }
            let shapeless = json.replace("\"actions\":[", "\"actions\":{\"x\":[");
            assert_eq!(import_plan(&shapeless), Err(ImportError::NotJson));
            let wrong = json.replace("\"done\"", "\"finished\"");
            assert_eq!(import_plan(&wrong), Err(ImportError::Malformed));
            let mut bad = plan();
            bad.actions[2].status_on = "yesterday".into();
            let bad = plan_json(&bad, &[], "2026-11-30T20:00:00Z");
            assert_eq!(import_plan(&bad), Err(ImportError::Malformed));
            let mut old = earlier();
            old.actions_done = 1;
            let bad = plan_json(&Plan::default(), &[old], "2026-11-30T20:00:00Z");
            assert_eq!(import_plan(&bad), Err(ImportError::Malformed));
            let empty = plan_json(&Plan::default(), &[], "x");
            assert_eq!(import_plan(&empty), Ok(KeptPlan::default()));
        }

        #[test]
        fn the_next_assessment_opens_with_the_answers_the_plan_and_a_milestone_of_the_last() {
            let list = small_list();
            let mut last = previous();
            last.draft = small_draft();
            last.draft.checklist_version = "2025.11.1".into();
            let next = carry_forward(&last, &list, "2027-11-30T20:00:00Z");
            // The milestone: saved 30/11/2026 20:00 UTC, which is 01/12/2026 in Huế. Points:
            // led 2 × 0, reuse 2 × 0.5 (partly), traps 2 × 1, policy 3 × 0 = 3 of 9 = 33.3 %.
            // Savings: led alone has a cost, 50–60 % of all electricity at 2,000,000,000 ₫ =
            // 1.0e9–1.2e9 ₫. The plan: 3 actions, policy done.
            let milestone = Milestone {
                assessed_on: "2026-12-01".into(),
                checklist_version: "2026.12.9".into(),
                score_percent: Some(3.0 / 9.0 * 100.0),
                savings_vnd: Range { low: 1.0e9, high: 1.2e9 },
                actions: 3,
                actions_done: 1,
            };
            assert_eq!(next.history, [earlier(), milestone]);
            assert_eq!(next.plan, last.plan, "done and dropped actions are kept as they are");
            let mut draft = small_draft();
            draft.checklist_version = "2026.12.9".into();
            assert_eq!(next.draft, draft, "the answers and profile, made with this checklist");
            assert_eq!(
                (next.kind.as_str(), next.version, next.saved_at.as_str()),
                (KIND, VERSION, "2027-11-30T20:00:00Z")
            );
            assert_eq!(next.checklist_version, "2026.12.9");
            assert_eq!(next.results, None);
            // It writes and reads back as it is.
            assert_eq!(import(&next.to_json()), Ok(next.clone()));
            // A previous file without a readable time is dated today in Huế.
            last.saved_at = "sometime".into();
            let next = carry_forward(&last, &list, "2027-11-30T20:00:00Z");
            assert_eq!(next.history[1].assessed_on, "2027-12-01");
            // The history keeps the latest MAX_MILESTONES.
            last.history = vec![earlier(); MAX_MILESTONES];
            let next = carry_forward(&last, &list, "2027-11-30T20:00:00Z");
            assert_eq!(next.history.len(), MAX_MILESTONES);
            assert_eq!(next.history[MAX_MILESTONES - 1].assessed_on, "2027-12-01");
        }
    }
}
