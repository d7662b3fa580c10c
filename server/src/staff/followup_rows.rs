//! The follow-up's rows in SQLite (migration 0008): progress updates stored once per
//! idempotency key and linked to their request, the follow-up rows of a request's agreed
//! opportunities (each change a new row: the latest is the current state, the others its
//! history), and the requests whose follow-ups fall due. Functions take a connection; the
//! handlers run them through `Db::read`/`Db::write`, off the async threads.

use crate::audit::{self, Action};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sxsh_core::dates;
use sxsh_core::follow_up::{self, Entry, Evidence, FollowUpStatus};
use sxsh_core::progress::ProgressUpdate;
use sxsh_core::rapid_assessment::{self, Agreement, Opportunity, RapidAssessment};

/// Who a self-reported follow-up row is by.
pub(crate) const ENTERPRISE: &str = "enterprise";

/// The record of request `request_id`'s latest rapid-assessment revision, if one was saved and
/// reads (a record that does not read counts as none, and is logged).
pub(crate) fn latest_record(
    conn: &Connection,
    request_id: i64,
) -> rusqlite::Result<Option<RapidAssessment>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT record_json FROM assessment_revisions WHERE request_id = ?1
             ORDER BY revision DESC LIMIT 1",
            [request_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json.and_then(|json| match rapid_assessment::read(&json) {
        Ok(record) => Some(record),
        Err(why) => {
            tracing::error!(?why, request_id, "a stored rapid-assessment record does not read");
            None
        }
    }))
}

/// The opportunities the enterprise agreed to, in the record's order.
pub(crate) fn agreed(record: &RapidAssessment) -> Vec<&Opportunity> {
    record.opportunities.iter().filter(|o| o.agreement == Agreement::Agreed).collect()
}

/// One follow-up row.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub(crate) opportunity_id: String,
    pub(crate) entry: Entry,
    pub(crate) author: String,
    pub(crate) recorded_at: String,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let status: String = r.get(1)?;
    let evidence: String = r.get(7)?;
    let unknown = |column: usize, text: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("not a follow-up id: {text}").into(),
        )
    };
    Ok(Row {
        opportunity_id: r.get(0)?,
        entry: Entry {
            status: FollowUpStatus::parse(&status).ok_or_else(|| unknown(1, &status))?,
            status_on: r.get(2)?,
            quantity: r.get(3)?,
            unit: r.get(4)?,
            vnd: r.get(5)?,
            tco2: r.get(6)?,
            evidence: Evidence::parse(&evidence).ok_or_else(|| unknown(7, &evidence))?,
            method: r.get(8)?,
        },
        author: r.get(9)?,
        recorded_at: r.get(10)?,
    })
}

const COLUMNS: &str = "opportunity_id, status, status_on, achieved_quantity, achieved_unit, \
    achieved_vnd, achieved_tco2, evidence, method, author, recorded_at";

/// Every follow-up row of request `request_id`, oldest first.
pub(crate) fn all(conn: &Connection, request_id: i64) -> rusqlite::Result<Vec<Row>> {
    let sql = format!("SELECT {COLUMNS} FROM follow_ups WHERE request_id = ?1 ORDER BY id");
    let mut statement = conn.prepare(&sql)?;
    statement.query_map([request_id], row)?.collect()
}

/// The latest follow-up row of one opportunity, if any.
fn latest(conn: &Connection, request_id: i64, opportunity: &str) -> rusqlite::Result<Option<Row>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM follow_ups WHERE request_id = ?1 AND opportunity_id = ?2
         ORDER BY id DESC LIMIT 1"
    );
    conn.query_row(&sql, params![request_id, opportunity], row).optional()
}

/// Adds a follow-up row.
pub(crate) fn insert(
    conn: &Connection,
    request_id: i64,
    opportunity: &str,
    entry: &Entry,
    update_id: Option<i64>,
    author: &str,
    recorded_at: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO follow_ups (request_id, opportunity_id, status, status_on, achieved_quantity,
             achieved_unit, achieved_vnd, achieved_tco2, evidence, method, update_id, author,
             recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            request_id,
            opportunity,
            entry.status.id(),
            entry.status_on,
            entry.quantity,
            entry.unit,
            entry.vnd,
            entry.tco2,
            entry.evidence.id(),
            entry.method.trim(),
            update_id,
            author,
            recorded_at
        ],
    )?;
    Ok(())
}

/// Records a staff member's follow-up of an agreed opportunity, with its entry in the
/// processing log, in one transaction; `false` when the opportunity is not an agreed one of the
/// request's latest record (nothing recorded).
pub(crate) fn record(
    conn: &mut Connection,
    request_id: i64,
    receipt: &str,
    opportunity: &str,
    entry: &Entry,
    author: &str,
) -> rusqlite::Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let record = latest_record(&tx, request_id)?;
    if !record.as_ref().is_some_and(|r| agreed(r).iter().any(|o| o.id == opportunity)) {
        return Ok(false);
    }
    let at = crate::db::utc_now().1;
    insert(&tx, request_id, opportunity, entry, None, author, &at)?;
    audit::record(&tx, &at, author, Action::FollowUpRecorded, Some(receipt))?;
    tx.commit()?;
    Ok(true)
}

/// What storing a progress update did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Stored {
    /// Stored under this reference (`new`), or stored before under the same key with the same
    /// body: the same answer.
    Accepted { reference: String, new: bool },
    /// The key was used before with another body: refused, nothing stored.
    KeyReused,
    /// No request has both this receipt and this tax code: refused, nothing stored.
    UnknownRequest,
}

/// Stores a progress update once per idempotency key (`body_hash` is the SHA-256 of the update
/// as parsed, `json` the update), linked to the request whose receipt and tax code both match,
/// as that request's next update (reference: the receipt, `-P`, the number). Each action whose
/// measure is an agreed opportunity's of the request's latest rapid-assessment record becomes a
/// self-reported follow-up row of it, unless it says what the opportunity's latest row says, or
/// that row is verified and the action's status day is not after the day (in Vietnam) the
/// verification was recorded (`follow_up::self_report_recorded`). Logged in the processing log (no personal
/// data: the actor is `enterprise`, the object the receipt). One transaction.
pub(crate) fn store_update(
    conn: &mut Connection,
    update: &ProgressUpdate,
    body_hash: &str,
    json: &str,
    received_at: &str,
) -> rusqlite::Result<Stored> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let before: Option<(String, String)> = tx
        .query_row(
            "SELECT reference, body_hash FROM progress_updates WHERE idempotency_key = ?1",
            [&update.idempotency_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((reference, hash)) = before {
        return Ok(if hash == body_hash {
            Stored::Accepted { reference, new: false }
        } else {
            Stored::KeyReused
        });
    }
    let found: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT id, receipt, tax_code FROM requests WHERE receipt = ?1",
            [update.receipt.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((request_id, receipt, _)) =
        found.filter(|(_, _, code)| !code.is_empty() && code.trim() == update.tax_code.trim())
    else {
        return Ok(Stored::UnknownRequest);
    };
    let seq: i64 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM progress_updates WHERE request_id = ?1",
        [request_id],
        |r| r.get(0),
    )?;
    let reference = format!("{receipt}-P{seq}");
    tx.execute(
        "INSERT INTO progress_updates (request_id, seq, reference, idempotency_key, body_hash,
             received_at, update_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![request_id, seq, reference, update.idempotency_key, body_hash, received_at, json],
    )?;
    let update_id = tx.last_insert_rowid();
    if let Some(record) = latest_record(&tx, request_id)? {
        for opportunity in agreed(&record) {
            let Some(action) =
                update.actions.iter().find(|a| opportunity.measure.as_deref() == Some(&a.measure))
            else {
                continue;
            };
            let entry = follow_up::reported(action);
            let last = latest(&tx, request_id, &opportunity.id)?;
            let last = last.map(|r| (dates::iso_day(&r.recorded_at), r.entry));
            let last = last.as_ref().map(|(on, entry)| (entry, on.as_str()));
            if follow_up::self_report_recorded(last, &entry) {
                insert(
                    &tx,
                    request_id,
                    &opportunity.id,
                    &entry,
                    Some(update_id),
                    ENTERPRISE,
                    received_at,
                )?;
            }
        }
    }
    audit::record(&tx, received_at, ENTERPRISE, Action::ProgressReceived, Some(&receipt))?;
    tx.commit()?;
    Ok(Stored::Accepted { reference, new: true })
}

/// A progress update as received.
pub(crate) struct Update {
    pub(crate) reference: String,
    pub(crate) received_at: String,
    pub(crate) update: ProgressUpdate,
}

/// The progress updates of request `request_id`, oldest first (one that does not read is
/// skipped and logged).
pub(crate) fn updates(conn: &Connection, request_id: i64) -> rusqlite::Result<Vec<Update>> {
    let mut statement = conn.prepare(
        "SELECT reference, received_at, update_json FROM progress_updates
         WHERE request_id = ?1 ORDER BY seq",
    )?;
    let rows = statement.query_map([request_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut updates = Vec::new();
    for found in rows {
        let (reference, received_at, json) = found?;
        match serde_json::from_str(&json) {
            Ok(update) => updates.push(Update { reference, received_at, update }),
            Err(why) => tracing::error!(%why, reference, "a stored progress update does not read"),
        }
    }
    Ok(updates)
}

/// An assessed request whose visit has a date, as the due list needs it.
pub(crate) struct Visited {
    pub(crate) receipt: String,
    pub(crate) company: String,
    pub(crate) sector: String,
    pub(crate) visit_date: String,
    /// When its follow-up was last answered, if it was (UTC ISO): the earliest of its agreed
    /// opportunities' latest rows' times, none while one of them has no row
    /// (`follow_up::answered_on`).
    pub(crate) last_recorded: Option<String>,
}

/// The assessed (or since closed) requests with a rapid-assessment record (its latest revision
/// giving a visit date and at least one agreed opportunity), only those assigned to `assessor`
/// when one is named.
pub(crate) fn visited(conn: &Connection, assessor: Option<i64>) -> rusqlite::Result<Vec<Visited>> {
    let mut statement = conn.prepare(
        "SELECT requests.id, requests.receipt, requests.company, COALESCE(requests.sector, ''),
                assessment_revisions.record_json
         FROM requests JOIN assessment_revisions ON assessment_revisions.request_id = requests.id
         WHERE requests.status IN ('assessed', 'closed')
           AND (?1 IS NULL OR requests.assessor_id = ?1)
           AND assessment_revisions.revision = (SELECT MAX(revision) FROM assessment_revisions
                WHERE assessment_revisions.request_id = requests.id)",
    )?;
    let rows = statement.query_map([assessor], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut latest = conn.prepare(
        "SELECT opportunity_id, MAX(recorded_at) FROM follow_ups WHERE request_id = ?1
         GROUP BY opportunity_id",
    )?;
    let mut visited = Vec::new();
    for found in rows {
        let (id, receipt, company, sector, json) = found?;
        let Ok(record) = rapid_assessment::read(&json) else {
            tracing::error!(receipt, "a stored rapid-assessment record does not read");
            continue;
        };
        // Nothing to count from, or nothing agreed to follow up (a visit that found nothing
        // the enterprise took on is not due: no row could ever answer it).
        if record.visit.date.is_empty() || agreed(&record).is_empty() {
            continue;
        }
        let times: Vec<(String, String)> =
            latest.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        let last_recorded = follow_up::answered_on(agreed(&record).iter().map(|o| {
            times.iter().find(|(opportunity, _)| *opportunity == o.id).map(|(_, at)| at.as_str())
        }))
        .map(str::to_owned);
        let visit_date = record.visit.date;
        visited.push(Visited { receipt, company, sector, visit_date, last_recorded });
    }
    Ok(visited)
}

/// Rewrites each progress update of request `request_id` by `change`; the updates changed.
fn rewrite_updates(
    conn: &Connection,
    request_id: i64,
    change: impl Fn(&mut ProgressUpdate),
) -> rusqlite::Result<usize> {
    let stored: Vec<(i64, String)> = {
        let mut statement =
            conn.prepare("SELECT id, update_json FROM progress_updates WHERE request_id = ?1")?;
        statement
            .query_map([request_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (id, json) in &stored {
        let mut update: ProgressUpdate = serde_json::from_str(json).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?;
        change(&mut update);
        let json = serde_json::to_string(&update)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        conn.execute(
            "UPDATE progress_updates SET update_json = ?1 WHERE id = ?2",
            params![json, id],
        )?;
    }
    Ok(stored.len())
}

/// Gives the progress updates of request `request_id` the request's tax code as a staff
/// correction leaves it (`store::apply`, `Change::Correct`): an update was accepted because its
/// code matched the request's, so it follows the request's when staff correct it (an enterprise
/// that sent the wrong code is not left with its wrong code in the updates). Their stored body
/// hash stays the one received, so the same update sent again is still the same answer.
/// Returns the updates changed.
pub(crate) fn correct_tax_code(
    conn: &Connection,
    request_id: i64,
    tax_code: &str,
) -> rusqlite::Result<usize> {
    rewrite_updates(conn, request_id, |update| update.tax_code = tax_code.to_owned())
}

/// Anonymises the follow-up of request `request_id` with its request (the data subject's right,
/// `store::apply`): in each progress update the company's name and the notes are replaced by
/// `replacement`, each action's owner (a person's name, perhaps) is emptied, and the tax code
/// follows the request's rule (`request::anonymous_tax_code`: a person's 12-digit number goes, an
/// enterprise's code stays); each follow-up row's verification method (staff's free text) is
/// replaced too. The statuses, days and figures stay. Returns the updates changed.
pub(crate) fn anonymise(
    conn: &Connection,
    request_id: i64,
    replacement: &str,
) -> rusqlite::Result<usize> {
    let changed = rewrite_updates(conn, request_id, |update| {
        update.company = replacement.into();
        if !update.notes.is_empty() {
            update.notes = replacement.into();
        }
        for action in &mut update.actions {
            action.owner.clear();
        }
        update.tax_code = sxsh_core::request::anonymous_tax_code(&update.tax_code);
    })?;
    conn.execute(
        "UPDATE follow_ups SET method = ?1 WHERE request_id = ?2 AND method <> ''",
        params![replacement, request_id],
    )?;
    Ok(changed)
}

/// Deletes the follow-up rows and progress updates of request `request_id`, before the request
/// itself goes (erasure on request; the purge does the same in its own SQL). Returns the
/// progress updates deleted.
pub(crate) fn delete(conn: &Connection, request_id: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM follow_ups WHERE request_id = ?1", [request_id])?;
    conn.execute("DELETE FROM progress_updates WHERE request_id = ?1", [request_id])
}
