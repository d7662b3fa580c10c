//! The stored requests as the staff see them: the filtered list, one request read back with its
//! report recomputed from the stored answers, its notes, and the two changes staff make (a new
//! status, a new note). Accounts and sessions are `auth`'s.

use crate::{AppState, db};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use sxsh_core::export::{AssessmentFile, AssessmentResults};
use sxsh_core::i18n::Lang;
use sxsh_core::report::{self, Report};

/// The list's filters and search, from the query string.
#[derive(Deserialize)]
pub(super) struct Filter {
    #[serde(default)]
    pub(super) status: String,
    #[serde(default)]
    pub(super) sector: String,
    #[serde(default)]
    pub(super) q: String,
    #[serde(default)]
    pub(super) from: String,
    #[serde(default)]
    pub(super) to: String,
}

/// One row of the list.
pub(super) struct Row {
    pub(super) receipt: String,
    pub(super) received_at: String,
    pub(super) company: String,
    pub(super) sector: String,
    pub(super) status: String,
    /// The separate consents: interest in training, the news.
    pub(super) training: bool,
    pub(super) news: bool,
}

/// The requests that pass `filter`, newest first (at most 1000; none if they cannot be read).
pub(super) fn list_rows(state: &AppState, filter: &Filter) -> Vec<Row> {
    let Ok(conn) = state.db.lock() else { return Vec::new() };
    let sql = "SELECT receipt, received_at, company, COALESCE(sector, ''), status,
                      json_extract(consent_json, '$.training'), json_extract(consent_json, '$.news')
               FROM requests
               WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR sector = ?2)
                 AND (?3 = '' OR company LIKE '%' || ?3 || '%' OR receipt LIKE '%' || ?3 || '%')
                 AND (?4 = '' OR received_at >= ?4) AND (?5 = '' OR received_at < date(?5, '+1 day'))
               ORDER BY received_at DESC LIMIT 1000";
    let Ok(mut statement) = conn.prepare(sql) else { return Vec::new() };
    let rows = statement.query_map(
        params![filter.status, filter.sector, filter.q.trim(), filter.from, filter.to],
        |r| {
            Ok(Row {
                receipt: r.get(0)?,
                received_at: r.get(1)?,
                company: r.get(2)?,
                sector: r.get(3)?,
                status: r.get(4)?,
                training: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
                news: r.get::<_, Option<bool>>(6)?.unwrap_or(false),
            })
        },
    );
    rows.map(|rows| rows.filter_map(Result::ok).collect()).unwrap_or_default()
}

/// A stored request, read back whole.
pub(super) struct StoredRequest {
    pub(super) id: i64,
    pub(super) receipt: String,
    pub(super) received_at: String,
    pub(super) status: String,
    pub(super) contact: sxsh_core::request::Contact,
    pub(super) production: sxsh_core::request::Production,
    pub(super) consent: sxsh_core::request::Consent,
    pub(super) assessment: AssessmentFile,
}

impl StoredRequest {
    /// Its report in Vietnamese, with the results recomputed from the stored answers.
    pub(super) fn report(&self) -> Report {
        let list = sxsh_core::checklist::active();
        let draft = &self.assessment.draft;
        report::build(list, draft, &AssessmentResults::of(list, draft), Lang::Vi, &self.received_at)
    }
}

/// The request with this receipt, if it exists and reads back.
pub(super) fn load(state: &AppState, receipt: &str) -> Option<StoredRequest> {
    let conn = state.db.lock().ok()?;
    let row: (i64, String, String, String, String, String, String, String) = conn
        .query_row(
            "SELECT id, receipt, received_at, status, contact_json, consent_json, assessment_json, production_json FROM requests WHERE receipt = ?1",
            [receipt],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .optional()
        .ok()
        .flatten()?;
    Some(StoredRequest {
        id: row.0,
        receipt: row.1,
        received_at: row.2,
        status: row.3,
        contact: serde_json::from_str(&row.4).ok()?,
        consent: serde_json::from_str(&row.5).ok()?,
        production: serde_json::from_str(&row.7).unwrap_or_default(),
        assessment: serde_json::from_str(&row.6).ok()?,
    })
}

/// A staff member's note on a request.
pub(super) struct Note {
    pub(super) at: String,
    pub(super) author: String,
    pub(super) text: String,
}

/// A request's notes, oldest first (none if they cannot be read).
pub(super) fn notes(state: &AppState, request_id: i64) -> Vec<Note> {
    state
        .db
        .lock()
        .ok()
        .and_then(|conn| {
            let mut st = conn
                .prepare("SELECT at, author, text FROM notes WHERE request_id = ?1 ORDER BY id")
                .ok()?;
            let rows = st
                .query_map([request_id], |x| {
                    Ok(Note { at: x.get(0)?, author: x.get(1)?, text: x.get(2)? })
                })
                .ok()?;
            Some(rows.filter_map(Result::ok).collect())
        })
        .unwrap_or_default()
}

fn insert_note(
    conn: &rusqlite::Connection,
    request_id: i64,
    author: &str,
    text: &str,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO notes (request_id, at, author, text) VALUES (?1, ?2, ?3, ?4)",
        params![request_id, db::utc_now().1, author, text],
    )
}

/// Adds `author`'s note to a request; whether it was saved.
pub(super) fn add_note(state: &AppState, request_id: i64, author: &str, text: &str) -> bool {
    let done = state.db.lock().ok().map(|conn| insert_note(&conn, request_id, author, text));
    matches!(done, Some(Ok(_)))
}

/// Moves a request to `status` and notes the change as `author`'s; whether both were saved.
pub(super) fn change_status(
    state: &AppState,
    request: &StoredRequest,
    status: &str,
    author: &str,
) -> bool {
    let done = state.db.lock().ok().map(|conn| {
        conn.execute("UPDATE requests SET status = ?1 WHERE id = ?2", params![status, request.id])
            .and_then(|_| {
                insert_note(
                    &conn,
                    request.id,
                    author,
                    &format!("trạng thái / status: {} → {}", request.status, status),
                )
            })
    });
    matches!(done, Some(Ok(_)))
}
