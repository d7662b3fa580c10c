//! The SQLite database: opening, migrations (versioned SQL files in `server/migrations/`), and
//! storing a request exactly once per idempotency key with a receipt like `SXSH-2026-0001`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;

/// The migrations, in order; the database records how many it has applied.
const MIGRATIONS: [&str; 3] = [
    include_str!("../migrations/0001_requests.sql"),
    include_str!("../migrations/0002_staff.sql"),
    include_str!("../migrations/0003_production.sql"),
];

/// A request ready to store: the parts the service keeps, already serialised.
pub struct NewRequest<'a> {
    pub idempotency_key: &'a str,
    pub company: &'a str,
    pub sector: Option<&'a str>,
    pub contact_json: &'a str,
    pub production_json: &'a str,
    pub consent_json: &'a str,
    pub assessment_json: &'a str,
    pub results_json: &'a str,
}

/// What storing did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreOutcome {
    pub receipt: String,
    /// True when the key was seen before: nothing new was stored.
    pub duplicate: bool,
}

/// Opens (or creates) the database file and applies any migrations it lacks.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let mut conn = Connection::open(path)?;
    // First, so that every statement below waits for another connection instead of failing.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // One writer at a time: two processes opening a new database (the service and the
    // `create-staff` command) must not both apply the migrations.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let applied: usize = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for sql in MIGRATIONS.iter().skip(applied) {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len().max(applied))?;
    tx.commit()?;
    Ok(conn)
}

/// Stores a request, or returns the receipt already given for its idempotency key.
pub fn store(
    conn: &mut Connection,
    request: &NewRequest<'_>,
    year: i32,
    received_at: &str,
) -> rusqlite::Result<StoreOutcome> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let existing: Option<String> = tx
        .query_row(
            "SELECT receipt FROM requests WHERE idempotency_key = ?1",
            [request.idempotency_key],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(receipt) = existing {
        return Ok(StoreOutcome { receipt, duplicate: true });
    }
    let seq: i64 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM requests WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let receipt = format!("SXSH-{year}-{seq:04}");
    tx.execute(
        "INSERT INTO requests (receipt, idempotency_key, received_at, year, seq, company, sector,
            contact_json, consent_json, assessment_json, results_json, production_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            receipt,
            request.idempotency_key,
            received_at,
            year,
            seq,
            request.company,
            request.sector,
            request.contact_json,
            request.consent_json,
            request.assessment_json,
            request.results_json,
            request.production_json
        ],
    )?;
    tx.commit()?;
    Ok(StoreOutcome { receipt, duplicate: false })
}

/// How many requests are stored.
pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM requests", [], |r| r.get(0))
}

/// The current UTC time as (year, ISO 8601), from the system clock.
pub fn utc_now() -> (i32, String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = sxsh_core::dates::civil_from_days(days);
    let year = year as i32;
    let iso = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    (year, iso)
}
