//! The processing log (Decree 13/2023/NĐ-CP, art. 26–27 lists it among the basic measures):
//! who did what to which receipt, and when. Each entry is a row of the `audit` table and a
//! structured log line. Neither holds personal data: the actor is a staff username, `system`
//! (the scheduled purge) or `command:NAME` (an administrator's command on account NAME, or
//! `command` alone), the action a fixed word, the receipt a number; never a requester's name,
//! phone or e-mail.

use rusqlite::{Connection, params};

/// What was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    LoginSucceeded,
    LoginFailed,
    LoginLocked,
    Logout,
    RequestViewed,
    ReportPdf,
    ReportJson,
    ExportCsv,
    StatusChanged,
    NoteAdded,
    Corrected,
    Anonymised,
    Deleted,
    Purge,
    AuditViewed,
    AccountCreated,
    RoleChanged,
    AssessorAssigned,
    PasswordReset,
    AccountDisabled,
    AccountEnabled,
    SessionsRevoked,
    BackupWritten,
    Restored,
    AssessmentSaved,
    AssessmentReport,
    // Issue 24, the follow-up.
    ProgressReceived,
    FollowUpRecorded,
    // Issue 24, the exports of the programme's figures.
    AnnualReport,
    OpenData,
}

impl Action {
    /// Every action (the staff pages name each in words).
    pub const ALL: [Action; 28] = [
        Action::LoginSucceeded,
        Action::LoginFailed,
        Action::LoginLocked,
        Action::Logout,
        Action::RequestViewed,
        Action::ReportPdf,
        Action::ReportJson,
        Action::ExportCsv,
        Action::StatusChanged,
        Action::NoteAdded,
        Action::Corrected,
        Action::Anonymised,
        Action::Deleted,
        Action::Purge,
        Action::AuditViewed,
        Action::AccountCreated,
        Action::RoleChanged,
        Action::AssessorAssigned,
        Action::PasswordReset,
        Action::AccountDisabled,
        Action::AccountEnabled,
        Action::SessionsRevoked,
        Action::BackupWritten,
        Action::Restored,
        Action::ProgressReceived,
        Action::FollowUpRecorded,
        Action::AnnualReport,
        Action::OpenData,
    ];

    /// The action as stored and logged.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::LoginSucceeded => "login_succeeded",
            Action::LoginFailed => "login_failed",
            Action::LoginLocked => "login_locked",
            Action::Logout => "logout",
            Action::RequestViewed => "request_viewed",
            Action::ReportPdf => "report_pdf",
            Action::ReportJson => "report_json",
            Action::ExportCsv => "export_csv",
            Action::StatusChanged => "status_changed",
            Action::NoteAdded => "note_added",
            Action::Corrected => "corrected",
            Action::Anonymised => "anonymised",
            Action::Deleted => "deleted",
            Action::Purge => "purged",
            Action::AuditViewed => "audit_viewed",
            Action::AccountCreated => "account_created",
            Action::RoleChanged => "role_changed",
            Action::AssessorAssigned => "assessor_assigned",
            Action::PasswordReset => "password_reset",
            Action::AccountDisabled => "account_disabled",
            Action::AccountEnabled => "account_enabled",
            Action::SessionsRevoked => "sessions_revoked",
            Action::BackupWritten => "backup_written",
            Action::Restored => "restored",
            Action::AssessmentSaved => "assessment_saved",
            Action::AssessmentReport => "assessment_report",
            Action::ProgressReceived => "progress_received",
            Action::FollowUpRecorded => "follow_up_recorded",
            Action::AnnualReport => "annual_report",
            Action::OpenData => "open_data",
        }
    }
}

/// Records one entry.
pub fn record(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: Action,
    receipt: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit (at, actor, action, receipt) VALUES (?1, ?2, ?3, ?4)",
        params![at, actor, action.as_str(), receipt],
    )?;
    tracing::info!(target: "audit", actor, action = action.as_str(), receipt, "audit");
    Ok(())
}

/// One entry, as the staff's audit page shows it.
pub struct Entry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub receipt: String,
}

/// The entries, newest first: `limit` of them after skipping `offset`.
pub fn entries(conn: &Connection, limit: i64, offset: i64) -> rusqlite::Result<Vec<Entry>> {
    let mut statement = conn.prepare(
        "SELECT at, actor, action, COALESCE(receipt, '') FROM audit ORDER BY id DESC LIMIT ?1 OFFSET ?2",
    )?;
    statement
        .query_map([limit, offset], |r| {
            Ok(Entry { at: r.get(0)?, actor: r.get(1)?, action: r.get(2)?, receipt: r.get(3)? })
        })?
        .collect()
}
