//! The record's revisions in SQLite (`assessment_revisions`, migration 0006): saving one exactly
//! once per idempotency key, the last one, a page of them for the history, and the assessor's
//! assigned requests with their last revision. Functions take a connection; the handlers run
//! them through `Db::read`/`Db::write`, off the async threads.

use crate::audit::{self, Action};
use crate::db;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sxsh_core::rapid_assessment::{self, RapidAssessment, Saved, Upload};

/// One saved revision of a record.
pub(super) struct Revision {
    pub(super) revision: u32,
    pub(super) author: String,
    pub(super) saved_at: String,
    pub(super) record: RapidAssessment,
}

/// What saving an upload did.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Stored {
    /// A new revision, or the one this key made before (same body): the same answer.
    Saved(Saved),
    /// The key made a revision from another body: refused, nothing stored.
    KeyReused,
    /// The upload was edited from another revision than the latest (another device saved
    /// since): refused, nothing stored.
    Stale,
}

/// A stored record, read by the core (a record of any released format opens).
fn record(column: usize, text: &str) -> rusqlite::Result<RapidAssessment> {
    rapid_assessment::read(text).map_err(|why| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("a stored rapid-assessment record: {why:?}").into(),
        )
    })
}

/// Saves `upload` as the next revision of request `request_id`, by `author`, once per key:
/// `body_hash` is the SHA-256 of the upload as parsed. A key already stored gets its answer
/// again (whatever was saved since); a new key is stored only when its `base_revision` is the
/// latest revision, so a save never overwrites one it has not seen. Recorded in the processing
/// log.
pub(super) fn save(
    conn: &mut Connection,
    request_id: i64,
    receipt: &str,
    author: &str,
    upload: &Upload,
    body_hash: &str,
) -> rusqlite::Result<Stored> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let before: Option<(u32, String, String, i64)> = tx
        .query_row(
            "SELECT revision, saved_at, body_hash, request_id FROM assessment_revisions
             WHERE idempotency_key = ?1",
            [&upload.idempotency_key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    if let Some((revision, saved_at, hash, request)) = before {
        return Ok(if hash == body_hash && request == request_id {
            Stored::Saved(Saved { revision, saved_at })
        } else {
            Stored::KeyReused
        });
    }
    let last: u32 = tx.query_row(
        "SELECT COALESCE(MAX(revision), 0) FROM assessment_revisions WHERE request_id = ?1",
        [request_id],
        |r| r.get(0),
    )?;
    if last != upload.base_revision {
        return Ok(Stored::Stale);
    }
    let revision = last + 1;
    let saved_at = db::utc_now().1;
    let json = serde_json::to_string(&upload.record)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.execute(
        "INSERT INTO assessment_revisions (request_id, revision, base_revision, idempotency_key,
             body_hash, author, saved_at, record_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            request_id,
            revision,
            upload.base_revision,
            upload.idempotency_key,
            body_hash,
            author,
            saved_at,
            json
        ],
    )?;
    audit::record(&tx, &saved_at, author, Action::AssessmentSaved, Some(receipt))?;
    tx.commit()?;
    Ok(Stored::Saved(Saved { revision, saved_at }))
}

/// The last revision of the record of request `request_id`, if it was ever saved.
pub(super) fn latest(conn: &Connection, request_id: i64) -> rusqlite::Result<Option<Revision>> {
    conn.query_row(
        "SELECT revision, author, saved_at, record_json FROM assessment_revisions
         WHERE request_id = ?1 ORDER BY revision DESC LIMIT 1",
        [request_id],
        |r| {
            Ok(Revision {
                revision: r.get(0)?,
                author: r.get(1)?,
                saved_at: r.get(2)?,
                record: record(3, &r.get::<_, String>(3)?)?,
            })
        },
    )
    .optional()
}

/// How many revisions the record has.
pub(super) fn count(conn: &Connection, request_id: i64) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM assessment_revisions WHERE request_id = ?1",
        [request_id],
        |r| r.get(0),
    )
}

/// `limit` revisions, newest first, after skipping `offset`, and the one before the oldest of
/// them (what it changed is told against that one).
pub(super) fn page(
    conn: &Connection,
    request_id: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Revision>, Option<Revision>)> {
    let mut st = conn.prepare(
        "SELECT revision, author, saved_at, record_json FROM assessment_revisions
         WHERE request_id = ?1 ORDER BY revision DESC LIMIT ?2 OFFSET ?3",
    )?;
    let mut list: Vec<Revision> = st
        .query_map(params![request_id, limit + 1, offset], |r| {
            Ok(Revision {
                revision: r.get(0)?,
                author: r.get(1)?,
                saved_at: r.get(2)?,
                record: record(3, &r.get::<_, String>(3)?)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let before = (list.len() as i64 > limit).then(|| list.pop()).flatten();
    Ok((list, before))
}

/// A request assigned to an assessor, with its record's last revision.
pub(super) struct Assigned {
    pub(super) receipt: String,
    pub(super) company: String,
    pub(super) received_at: String,
    pub(super) status: String,
    /// The last revision and when it was saved; `None` before the first save.
    pub(super) last: Option<(u32, String)>,
}

/// The requests assigned to `assessor`, newest first: `limit` after skipping `offset`, and how
/// many there are.
pub(super) fn assigned(
    conn: &Connection,
    assessor: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Assigned>, i64)> {
    let total =
        conn.query_row("SELECT COUNT(*) FROM requests WHERE assessor_id = ?1", [assessor], |r| {
            r.get(0)
        })?;
    let mut st = conn.prepare(
        "SELECT r.receipt, r.company, r.received_at, r.status, a.revision, a.saved_at
         FROM requests r
         LEFT JOIN assessment_revisions a ON a.request_id = r.id AND a.revision =
             (SELECT MAX(revision) FROM assessment_revisions WHERE request_id = r.id)
         WHERE r.assessor_id = ?1 ORDER BY r.received_at DESC, r.id DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = st
        .query_map(params![assessor, limit, offset], |r| {
            let revision: Option<u32> = r.get(4)?;
            let saved_at: Option<String> = r.get(5)?;
            Ok(Assigned {
                receipt: r.get(0)?,
                company: r.get(1)?,
                received_at: r.get(2)?,
                status: r.get(3)?,
                last: revision.zip(saved_at),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}
