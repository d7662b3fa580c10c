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

/// Whether a follow-up due on `due` is due `today`: the day has come, and the request's follow-up
/// was not answered on or after it (`last_recorded`, the day every agreed opportunity had a row
/// by, `answered_on`, if any). Days are `YYYY-MM-DD`; a day that is not one is never due.
pub fn is_due(due: &str, today: &str, last_recorded: Option<&str>) -> bool {
    let (Some(due), Some(today)) = (dates::calendar_day(due), dates::calendar_day(today)) else {
        return false;
    };
    let answered = last_recorded.and_then(dates::calendar_day).is_some_and(|day| day >= due);
    due <= today && !answered
}

/// The day a request's follow-up counts as answered by, given the day each agreed opportunity's
/// latest row was recorded (`None`: it has none): the earliest of them, since a follow-up is
/// answered only when every agreed opportunity has a row on or after its due day. `None` when an
/// agreed opportunity has no row yet, or none is given (the service lists no request with
/// nothing agreed). Days compare as written (`YYYY-MM-DD`).
pub fn answered_on<'a>(latest: impl IntoIterator<Item = Option<&'a str>>) -> Option<&'a str> {
    let mut earliest: Option<&'a str> = None;
    for day in latest {
        let day = day?;
        earliest = Some(earliest.map_or(day, |e| e.min(day)));
    }
    earliest
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

/// Whether a self-reported follow-up `report` is recorded over the opportunity's latest one (its
/// entry and the day, in Vietnam, it was recorded, if there is one). Not when it says what the
/// latest says (the same status and figures: an unchanged progress update adds no row). Not
/// over a verified one unless its status held after the day the Department recorded the
/// verification: the enterprise's status day is the day the status began (done on 20/11), so an
/// update sent after a verification of 25/11 that still says "done on 20/11" is no news, and the
/// enterprise's figure never hides the Department's.
pub fn self_report_recorded(latest: Option<(&Entry, &str)>, report: &Entry) -> bool {
    let Some((latest, recorded_on)) = latest else { return true };
    if same_report(latest, report) {
        return false;
    }
    match latest.evidence {
        Evidence::Verified => {
            let (on, verified) =
                (dates::calendar_day(&report.status_on), dates::calendar_day(recorded_on));
            matches!((on, verified), (Some(on), Some(verified)) if on > verified)
        }
        Evidence::SelfReported => true,
    }
}

/// Whether two entries give the same status and figures (the unit compared trimmed); their days,
/// evidence and method aside.
fn same_report(a: &Entry, b: &Entry) -> bool {
    a.status == b.status
        && a.quantity == b.quantity
        && a.unit.trim() == b.unit.trim()
        && a.vnd == b.vnd
        && a.tco2 == b.tco2
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
    fn a_self_report_never_hides_a_verification_nor_repeats_the_latest_row() {
        // The enterprise's report: implemented on 20/11/2026 (its plan's day), 120 million ₫.
        let mut report = entry();
        report.evidence = Evidence::SelfReported;
        report.method.clear();
        assert!(self_report_recorded(None, &report), "the first row");
        // Verified on 25/11 with other figures (100 million ₫), recorded by the Department on
        // 02/12: a report whose status held from 20/11, or from 02/12, is no news of after it.
        let mut verified = entry();
        verified.status_on = "2026-11-25".into();
        verified.vnd = Some(100_000_000.0);
        let at = Some((&verified, "2026-12-02"));
        assert!(!self_report_recorded(at, &report), "status day before the verification");
        report.status_on = "2026-12-02".into();
        assert!(!self_report_recorded(at, &report), "the day it was recorded");
        report.status_on = "2026-12-03".into();
        assert!(self_report_recorded(at, &report), "after it: news");
        // An unreadable day is never news over a verification.
        report.status_on = "soon".into();
        assert!(!self_report_recorded(at, &report));
        report.status_on = "2026-12-03".into();
        assert!(!self_report_recorded(Some((&verified, "")), &report));
        // Over a self-reported row: recorded when anything the enterprise says changed, even
        // with an older day; not when the status and figures are the same (its day aside).
        let mut before = report.clone();
        before.status_on = "2026-12-20".into();
        let mine = Some((&before, "2026-12-21"));
        assert!(!self_report_recorded(mine, &report), "unchanged: no row");
        for change in [
            (|e: &mut Entry| e.status = FollowUpStatus::InProgress) as fn(&mut Entry),
            |e| e.quantity = Some(45_001.0),
            |e| e.quantity = None,
            |e| e.unit = "MWh".into(),
            |e| e.vnd = Some(120_000_001.0),
            |e| e.tco2 = Some(30.3),
        ] {
            let mut changed = report.clone();
            change(&mut changed);
            assert!(self_report_recorded(mine, &changed), "{changed:?}");
        }
        let mut spaced = report.clone();
        spaced.unit = " kWh ".into();
        assert!(!self_report_recorded(mine, &spaced), "the unit compared trimmed");
        // The same figures as a verified row: nothing to add, whatever the day.
        let mut same = verified.clone();
        same.evidence = Evidence::SelfReported;
        same.status_on = "2027-01-05".into();
        assert!(!self_report_recorded(at, &same));
    }

    #[test]
    fn a_request_is_answered_by_the_earliest_of_its_opportunities_latest_days() {
        assert_eq!(answered_on([Some("2026-12-01"), Some("2026-11-30")]), Some("2026-11-30"));
        assert_eq!(answered_on([Some("2026-11-30"), Some("2026-12-01")]), Some("2026-11-30"));
        assert_eq!(answered_on([Some("2026-12-01")]), Some("2026-12-01"));
        assert_eq!(answered_on([Some("2026-12-01"), None]), None, "one without a row");
        assert_eq!(answered_on([None, Some("2026-12-01")]), None);
        assert_eq!(answered_on(std::iter::empty()), None, "nothing agreed");
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
