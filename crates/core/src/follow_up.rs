//! The follow-up of a rapid assessment's agreed opportunities: where each stands
//! (`FollowUpStatus`, the US IAC's implemented / pending / not implemented / unknown), whether
//! the saving achieved is the enterprise's own figure or was verified by the Department
//! (`Evidence`), how an action's status in the enterprise's plan reads as a follow-up status
//! (`follow_up_status`), and when follow-ups fall due: 6 and 12 calendar months after the visit
//! (`due_dates`, `is_due`). The ids are those of migration 0008's `follow_ups` table. Dates are
//! `YYYY-MM-DD`. Pure.

use crate::dates;
use crate::plan::ActionStatus;

/// Where an agreed opportunity stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

#[cfg(test)]
mod tests {
    use super::*;

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
