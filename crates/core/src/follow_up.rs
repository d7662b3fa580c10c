//! The follow-up of a rapid assessment's agreed opportunities: where each stands
//! (`FollowUpStatus`, the US IAC's implemented / pending / not implemented / unknown), whether
//! the saving achieved is the enterprise's own figure or was verified by the Department
//! (`Evidence`), how an action's status in the enterprise's plan reads as a follow-up status
//! (`follow_up_status`), and when follow-ups fall due: 6 and 12 calendar months after the visit
//! (`due_dates`, `is_due`). The ids are those of migration 0008's `follow_ups` table. Dates are
//! `YYYY-MM-DD`. Pure.

use crate::dates;
use crate::free_text;
use crate::i18n::Lang;
use crate::numbers;
use crate::plan::{Action, ActionStatus};
use crate::request::FieldError;
use serde::{Deserialize, Serialize};

/// Where an agreed opportunity stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    Implemented,
    InProgress,
    NotImplemented,
    /// Nobody knows yet (nothing reported, or the enterprise could not be reached).
    Unknown,
}

impl FollowUpStatus {
    /// Every status, in the order a form offers them.
    pub const ALL: [FollowUpStatus; 4] = [
        FollowUpStatus::Implemented,
        FollowUpStatus::InProgress,
        FollowUpStatus::NotImplemented,
        FollowUpStatus::Unknown,
    ];

    /// The id stored in `follow_ups.status` and sent by forms.
    pub fn id(self) -> &'static str {
        match self {
            FollowUpStatus::Implemented => "implemented",
            FollowUpStatus::InProgress => "in_progress",
            FollowUpStatus::NotImplemented => "not_implemented",
            FollowUpStatus::Unknown => "unknown",
        }
    }

    /// The status with this id.
    pub fn parse(id: &str) -> Option<FollowUpStatus> {
        FollowUpStatus::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// Whose figure the saving achieved is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The enterprise's own, from a progress update (or as it told an officer).
    SelfReported,
    /// Checked by the Department, by a method it names (bills, meter readings, a visit).
    Verified,
}

impl Evidence {
    pub const ALL: [Evidence; 2] = [Evidence::SelfReported, Evidence::Verified];

    /// The id stored in `follow_ups.evidence` and sent by forms.
    pub fn id(self) -> &'static str {
        match self {
            Evidence::SelfReported => "self_reported",
            Evidence::Verified => "verified",
        }
    }

    /// The evidence with this id.
    pub fn parse(id: &str) -> Option<Evidence> {
        Evidence::ALL.into_iter().find(|e| e.id() == id)
    }
}

/// How an action's status in the enterprise's plan reads as a follow-up: done is implemented, in
/// progress stays in progress, and an action dropped or not yet started is not implemented.
pub fn follow_up_status(status: ActionStatus) -> FollowUpStatus {
    match status {
        ActionStatus::Done => FollowUpStatus::Implemented,
        ActionStatus::InProgress => FollowUpStatus::InProgress,
        ActionStatus::Dropped | ActionStatus::Planned => FollowUpStatus::NotImplemented,
    }
}

/// The months after the visit at which follow-ups fall due.
pub const DUE_MONTHS: [u32; 2] = [6, 12];

/// The day `months` calendar months after `day` (`YYYY-MM-DD`), the month's last day when it is
/// shorter (31/08 + 6 months is 28/02, or 29/02 in a leap year); `None` when `day` is not a real
/// day.
pub fn add_months(day: &str, months: u32) -> Option<String> {
    let n = dates::calendar_day(day)?;
    let (year, month, day) = (n / 10_000, n / 100 % 100, n % 100);
    let index = year * 12 + (month - 1) + i64::from(months);
    let (year, month) = (index / 12, index % 12 + 1);
    let last = (28..=31)
        .rev()
        .find(|d| dates::calendar_day(&format!("{year:04}-{month:02}-{d:02}")).is_some())?;
    Some(format!("{year:04}-{month:02}-{:02}", day.min(last)))
}

/// The days the follow-ups of a visit on `visit_date` fall due: 6 and 12 months after it
/// (`DUE_MONTHS`); `None` when the visit's date is not a real day.
pub fn due_dates(visit_date: &str) -> Option<[String; 2]> {
    Some([add_months(visit_date, DUE_MONTHS[0])?, add_months(visit_date, DUE_MONTHS[1])?])
}

/// Whether a follow-up due on `due` is due `today`: the day has come, and no follow-up was
/// recorded on or after it (`last_recorded`, the day the request's latest follow-up row was
/// recorded, if any). Days are `YYYY-MM-DD`; a day that is not one is never due.
pub fn is_due(due: &str, today: &str, last_recorded: Option<&str>) -> bool {
    let (Some(due), Some(today)) = (dates::calendar_day(due), dates::calendar_day(today)) else {
        return false;
    };
    let answered = last_recorded.and_then(dates::calendar_day).is_some_and(|day| day >= due);
    due <= today && !answered
}

/// One follow-up of an agreed opportunity, as it is recorded (a row of `follow_ups`): its
/// status on a day, the saving achieved a year (each figure may be unknown) and whose figure it
/// is.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub status: FollowUpStatus,
    /// The day the status held, `YYYY-MM-DD`.
    pub status_on: String,
    pub quantity: Option<f64>,
    /// The unit of `quantity` (`free_text::UNIT`).
    pub unit: String,
    pub vnd: Option<f64>,
    pub tco2: Option<f64>,
    pub evidence: Evidence,
    /// How the saving was verified (bills, meter readings, a visit): required when verified
    /// (`free_text::SHORT`).
    pub method: String,
}

/// The self-reported follow-up an action of a progress update gives: its status mapped
/// (`follow_up_status`), on its day, with what it achieved.
pub fn reported(action: &Action) -> Entry {
    let achieved = &action.achieved;
    Entry {
        status: follow_up_status(action.status),
        status_on: action.status_on.clone(),
        quantity: achieved.quantity,
        unit: achieved.unit.trim().to_owned(),
        vnd: achieved.vnd,
        tco2: achieved.tco2,
        evidence: Evidence::SelfReported,
        method: String::new(),
    }
}

/// Whether a self-reported follow-up for `status_on` is recorded over the opportunity's latest
/// one (its evidence and day, if there is one): always, unless that one was verified on the same
/// day or later. The enterprise's figure never hides a newer verified one.
pub fn self_report_recorded(latest: Option<(Evidence, &str)>, status_on: &str) -> bool {
    match latest {
        Some((Evidence::Verified, verified_on)) => {
            dates::calendar_day(status_on) > dates::calendar_day(verified_on)
        }
        _ => true,
    }
}

/// What is wrong with an entry, each named by its field (`status_on`, `unit`, `quantity`,
/// `vnd`, `tco2`, `method`) in both languages: the day must be a real `YYYY-MM-DD`, the figures
/// numbers from 0 to `numbers::MAX`, the unit and method short single lines, and a verified
/// saving must say how it was verified.
pub fn validate(entry: &Entry) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut add = |field: &str, vi: String, en: String| {
        errors.push(FieldError { field: field.into(), vi, en });
    };
    if dates::calendar_day(&entry.status_on).is_none() {
        add(
            "status_on",
            "Ngày của trạng thái không phải ngày hợp lệ".into(),
            "The status's day is not a valid day".into(),
        );
    }
    let figures = [("quantity", entry.quantity), ("vnd", entry.vnd), ("tco2", entry.tco2)];
    for (field, value) in figures {
        if value.is_some_and(|v| !(0.0..=numbers::MAX).contains(&v)) {
            add(
                field,
                "Số liệu tiết kiệm âm hoặc quá lớn".into(),
                "The saving is negative or too large".into(),
            );
        }
    }
    let texts = [
        ("unit", free_text::UNIT, &entry.unit, ("Đơn vị", "Unit")),
        ("method", free_text::SHORT, &entry.method, ("Cách xác minh", "Verification method")),
    ];
    for (field, rule, text, (vi, en)) in texts {
        if let Some(problem) = free_text::check(rule, text) {
            add(field, problem.message(vi, Lang::Vi), problem.message(en, Lang::En));
        } else if field == "method"
            && entry.evidence == Evidence::Verified
            && text.trim().is_empty()
        {
            add(
                field,
                "Ghi cách xác minh số liệu tiết kiệm (hóa đơn, chỉ số công tơ, kiểm tra tại chỗ)"
                    .into(),
                "Say how the saving was verified (bills, meter readings, a site check)".into(),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            status: FollowUpStatus::Implemented,
            status_on: "2026-11-20".into(),
            quantity: Some(45_000.0),
            unit: "kWh".into(),
            vnd: Some(120_000_000.0),
            tco2: Some(30.2),
            evidence: Evidence::Verified,
            method: "Hóa đơn điện 6 tháng".into(),
        }
    }

    fn fields(change: impl FnOnce(&mut Entry)) -> Vec<String> {
        let mut e = entry();
        change(&mut e);
        let errors = validate(&e);
        for e in &errors {
            assert!(!e.vi.is_empty() && !e.en.is_empty() && e.vi != e.en, "{e:?}");
        }
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn an_entry_is_checked_field_by_field() {
        assert_eq!(fields(|_| ()), Vec::<String>::new());
        assert_eq!(fields(|e| e.status_on = "2026-02-30".into()), ["status_on"]);
        assert_eq!(fields(|e| e.status_on.clear()), ["status_on"]);
        assert_eq!(fields(|e| e.quantity = Some(-0.5)), ["quantity"]);
        assert_eq!(fields(|e| e.vnd = Some(2e15)), ["vnd"]);
        assert_eq!(fields(|e| e.tco2 = Some(f64::NAN)), ["tco2"]);
        assert_eq!(fields(|e| e.vnd = Some(1e15)), Vec::<String>::new());
        assert_eq!(fields(|e| e.vnd = Some(0.0)), Vec::<String>::new());
        assert_eq!(fields(|e| e.unit = "k\nWh".into()), ["unit"]);
        assert_eq!(fields(|e| e.unit = "x".repeat(41)), ["unit"]);
        assert_eq!(fields(|e| e.method = "x".repeat(201)), ["method"]);
        // Verified needs its method; self-reported does not.
        assert_eq!(fields(|e| e.method = "  ".into()), ["method"]);
        let unverified = |e: &mut Entry| {
            e.method.clear();
            e.evidence = Evidence::SelfReported;
        };
        assert_eq!(fields(unverified), Vec::<String>::new());
        let mut e = entry();
        e.method.clear();
        assert_eq!(
            validate(&e)[0].en,
            "Say how the saving was verified (bills, meter readings, a site check)"
        );
    }

    #[test]
    fn an_action_gives_its_self_reported_entry() {
        let action = Action {
            measure: "energy.lighting.led".into(),
            status: ActionStatus::Done,
            status_on: "2026-11-20".into(),
            achieved: crate::plan::Achieved {
                vnd: Some(120_000_000.0),
                quantity: Some(45_000.0),
                unit: " kWh ".into(),
                tco2: None,
            },
            ..Action::default()
        };
        assert_eq!(
            reported(&action),
            Entry {
                status: FollowUpStatus::Implemented,
                status_on: "2026-11-20".into(),
                quantity: Some(45_000.0),
                unit: "kWh".into(),
                vnd: Some(120_000_000.0),
                tco2: None,
                evidence: Evidence::SelfReported,
                method: String::new(),
            }
        );
    }

    #[test]
    fn a_self_report_never_hides_a_verified_follow_up_as_new_or_newer() {
        assert!(self_report_recorded(None, "2026-11-20"));
        let self_reported = Some((Evidence::SelfReported, "2026-12-01"));
        assert!(self_report_recorded(self_reported, "2026-11-20"), "self-reported: replaced");
        let verified = Some((Evidence::Verified, "2026-11-20"));
        assert!(!self_report_recorded(verified, "2026-11-19"), "older");
        assert!(!self_report_recorded(verified, "2026-11-20"), "the same day");
        assert!(self_report_recorded(verified, "2026-11-21"), "newer");
    }

    #[test]
    fn an_actions_status_reads_as_a_follow_up_status() {
        assert_eq!(follow_up_status(ActionStatus::Done), FollowUpStatus::Implemented);
        assert_eq!(follow_up_status(ActionStatus::InProgress), FollowUpStatus::InProgress);
        assert_eq!(follow_up_status(ActionStatus::Dropped), FollowUpStatus::NotImplemented);
        assert_eq!(follow_up_status(ActionStatus::Planned), FollowUpStatus::NotImplemented);
    }

    #[test]
    fn the_ids_are_the_tables_and_read_back() {
        let ids: Vec<&str> = FollowUpStatus::ALL.iter().map(|s| s.id()).collect();
        assert_eq!(ids, ["implemented", "in_progress", "not_implemented", "unknown"]);
        for status in FollowUpStatus::ALL {
            assert_eq!(FollowUpStatus::parse(status.id()), Some(status));
        }
        assert_eq!(FollowUpStatus::parse("done"), None);
        assert_eq!(FollowUpStatus::parse(""), None);
        assert_eq!(Evidence::SelfReported.id(), "self_reported");
        assert_eq!(Evidence::Verified.id(), "verified");
        assert_eq!(Evidence::parse("verified"), Some(Evidence::Verified));
        assert_eq!(Evidence::parse("self_reported"), Some(Evidence::SelfReported));
        assert_eq!(Evidence::parse("checked"), None);
    }

    #[test]
    fn months_are_added_on_the_calendar_ending_on_a_shorter_months_last_day() {
        for (day, months, after) in [
            // 31 August + 6 months: February has no 31st, so its last day.
            ("2026-08-31", 6, "2027-02-28"),
            ("2027-08-31", 6, "2028-02-29"),
            ("2026-08-31", 12, "2027-08-31"),
            ("2026-03-31", 6, "2026-09-30"),
            ("2026-05-15", 6, "2026-11-15"),
            // Across the year's end: July + 6 is January of the next year.
            ("2026-07-01", 6, "2027-01-01"),
            ("2026-12-31", 12, "2027-12-31"),
            ("2028-02-29", 12, "2029-02-28"),
            ("2026-06-30", 6, "2026-12-30"),
            ("2026-01-01", 0, "2026-01-01"),
        ] {
            assert_eq!(add_months(day, months).as_deref(), Some(after), "{day} + {months}");
        }
        assert_eq!(add_months("2026-02-30", 6), None);
        assert_eq!(add_months("", 6), None);
        assert_eq!(add_months("31/08/2026", 6), None);
    }

    #[test]
    fn follow_ups_fall_due_six_and_twelve_months_after_the_visit() {
        assert_eq!(
            due_dates("2026-08-31"),
            Some(["2027-02-28".to_owned(), "2027-08-31".to_owned()])
        );
        assert_eq!(
            due_dates("2025-11-30"),
            Some(["2026-05-30".to_owned(), "2026-11-30".to_owned()])
        );
        assert_eq!(due_dates(""), None);
        assert_eq!(due_dates("2026-13-01"), None);
    }

    #[test]
    fn a_follow_up_is_due_from_its_day_until_one_is_recorded_on_or_after_it() {
        let due = "2026-11-30";
        assert!(!is_due(due, "2026-11-29", None), "the day before");
        assert!(is_due(due, "2026-11-30", None), "on the day");
        assert!(is_due(due, "2027-03-01", None), "after");
        assert!(is_due(due, "2026-12-02", Some("2026-11-29")), "recorded before the day");
        assert!(!is_due(due, "2026-12-02", Some("2026-11-30")), "recorded on the day");
        assert!(!is_due(due, "2026-12-02", Some("2026-12-01")), "recorded after");
        assert!(is_due(due, "2026-12-02", Some("")), "an unreadable day counts for nothing");
        assert!(!is_due("", "2026-12-02", None));
        assert!(!is_due("2026-02-30", "2026-12-02", None));
        assert!(!is_due(due, "soon", None));
    }
}
