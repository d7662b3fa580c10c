//! The SQLite database: opening, migrations (versioned SQL files in `server/migrations/`),
//! storing a request exactly once per idempotency key with a receipt like `SXSH-2026-0001`, the
//! scheduled purge the privacy notice promises, backup and restore, and timestamps.
//!
//! `Db` is the handlers' way in: one writer connection behind a lock and a small pool of
//! read-only connections, each used on a blocking thread (`Db::read`, `Db::write`), so no query
//! runs on the async worker threads and a page never waits for a writer (WAL lets reads go on
//! while another connection writes). Durability is `synchronous=FULL`: an answered request
//! survives a power cut.

use crate::error::AppError;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The migrations, in order; the database records how many it has applied.
const MIGRATIONS: [&str; 8] = [
    include_str!("../migrations/0001_requests.sql"),
    include_str!("../migrations/0002_staff.sql"),
    include_str!("../migrations/0003_production.sql"),
    include_str!("../migrations/0004_hardening.sql"),
    include_str!("../migrations/0005_workspace.sql"),
    include_str!("../migrations/0006_rapid_assessments.sql"),
    include_str!("../migrations/0007_triage_order.sql"),
    include_str!("../migrations/0008_follow_up.sql"),
];

/// How long a write waits for another writer (another process, a backup) before the request
/// is answered 503 with Retry-After.
const WRITE_BUSY: Duration = Duration::from_secs(5);
/// How long a read waits (only a checkpoint or a restore can hold readers up).
const READ_BUSY: Duration = Duration::from_secs(1);
/// Read-only connections in the pool.
const READERS: u32 = 4;

/// A request ready to store: the parts the service keeps, already serialised.
pub struct NewRequest<'a> {
    pub idempotency_key: &'a str,
    /// SHA-256 of the request as parsed (`body_hash`): a reused key must come with the same.
    pub body_hash: &'a str,
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
pub enum StoreOutcome {
    /// Stored under a new receipt.
    New(String),
    /// The key was seen before with the same body: nothing new was stored.
    Duplicate(String),
    /// The key was seen before with a different body: refused, nothing stored.
    KeyReused,
}

/// Opens (or creates) the database file and applies any migrations it lacks.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let mut conn = Connection::open(path)?;
    // First, so that every statement below waits for another connection instead of failing.
    conn.busy_timeout(WRITE_BUSY)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // What is deleted or anonymised is overwritten in the file, not left in free pages.
    conn.pragma_update(None, "secure_delete", "FAST")?;
    // One writer at a time: two processes opening a new database (the service and a command)
    // must not both apply the migrations.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let applied: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let applied = usize::try_from(applied).unwrap_or(0);
    for sql in MIGRATIONS.iter().skip(applied) {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len().max(applied) as i64)?;
    tx.commit()?;
    Ok(conn)
}

/// The service's database: one writer and a pool of readers, used off the async threads.
#[derive(Clone)]
pub struct Db {
    writer: Arc<Mutex<Connection>>,
    readers: r2d2::Pool<SqliteConnectionManager>,
}

impl Db {
    /// Opens the database (applying migrations) and its read-only pool.
    pub fn open(path: &Path) -> Result<Db, String> {
        let writer = open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let manager = SqliteConnectionManager::file(path).with_init(|c| {
            c.busy_timeout(READ_BUSY)?;
            c.pragma_update(None, "query_only", true)
        });
        let readers = r2d2::Pool::builder()
            .max_size(READERS)
            .connection_timeout(Duration::from_secs(5))
            .build(manager)
            .map_err(|e| format!("read pool: {e}"))?;
        Ok(Db { writer: Arc::new(Mutex::new(writer)), readers })
    }

    /// Runs `work` with a read-only connection on a blocking thread.
    pub async fn read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.readers.clone();
        tokio::task::spawn_blocking(move || work(&*pool.get()?)).await?
    }

    /// Runs `work` with the writer connection on a blocking thread.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, AppError> + Send + 'static,
    {
        let writer = self.writer.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn =
                writer.lock().map_err(|_| AppError::Internal("writer lock poisoned".into()))?;
            work(&mut conn)
        })
        .await?
    }
}

/// The SHA-256 of `text`, in lower-case hex.
pub fn sha256_hex(text: &[u8]) -> String {
    Sha256::digest(text).iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores a request, or returns the receipt already given for its idempotency key.
pub fn store(
    conn: &mut Connection,
    request: &NewRequest<'_>,
    year: i16,
    received_at: &str,
) -> rusqlite::Result<StoreOutcome> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let existing: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT receipt, body_hash FROM requests WHERE idempotency_key = ?1",
            [request.idempotency_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((receipt, hash)) = existing {
        // Requests stored before bodies were hashed count as the same body.
        return Ok(if hash.as_deref().is_none_or(|h| h == request.body_hash) {
            StoreOutcome::Duplicate(receipt)
        } else {
            StoreOutcome::KeyReused
        });
    }
    let seq: i64 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM requests WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let receipt = format!("SXSH-{year}-{seq:04}");
    tx.execute(
        "INSERT INTO requests (receipt, idempotency_key, received_at, year, seq, company, sector,
            contact_json, consent_json, assessment_json, results_json, production_json, body_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
            request.production_json,
            request.body_hash
        ],
    )?;
    tx.commit()?;
    Ok(StoreOutcome::New(receipt))
}

/// How many requests are stored.
pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM requests", [], |r| r.get(0))
}

/// A moment as stored: ISO 8601 in UTC to the second, such as `2026-12-02T01:52:36Z`.
pub fn iso(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The current time as (year in UTC, `iso`).
pub fn utc_now() -> (i16, String) {
    let now = Timestamp::now();
    (now.to_zoned_datetime(TimeZone::UTC).year(), iso(now))
}

/// Seconds since the Unix epoch now.
pub fn now_seconds() -> i64 {
    Timestamp::now().as_second()
}

/// What a purge removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub requests: usize,
    pub notes: usize,
    pub sessions: usize,
}

/// The privacy notice's promise: a request is deleted, with its notes, progress updates and
/// follow-ups, `months` after it was received (calendar months, counted in UTC); expired
/// sessions and device tokens go too. Each deleted receipt is recorded in the audit log under
/// `actor`. `now` is the moment the purge counts from.
pub fn purge(
    conn: &mut Connection,
    now: Timestamp,
    months: u32,
    actor: &str,
) -> rusqlite::Result<Purged> {
    let zoned = now.to_zoned_datetime(TimeZone::UTC);
    let cutoff = zoned
        .checked_sub(i64::from(months).months())
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    let cutoff = iso(cutoff.timestamp());
    let at = iso(now);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let receipts: Vec<String> = {
        let mut statement = tx.prepare("SELECT receipt FROM requests WHERE received_at < ?1")?;
        statement.query_map([&cutoff], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let notes = tx.execute(
        "DELETE FROM notes WHERE request_id IN (SELECT id FROM requests WHERE received_at < ?1)",
        [&cutoff],
    )?;
    // Issue 24: the requests' progress updates and follow-ups go with them.
    for table in ["follow_ups", "progress_updates"] {
        tx.execute(
            &format!(
                "DELETE FROM {table}
                 WHERE request_id IN (SELECT id FROM requests WHERE received_at < ?1)"
            ),
            [&cutoff],
        )?;
    }
    let requests = tx.execute("DELETE FROM requests WHERE received_at < ?1", [&cutoff])?;
    for receipt in &receipts {
        crate::audit::record(&tx, &at, actor, crate::audit::Action::Purge, Some(receipt))?;
    }
    let sessions = tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now.as_second()])?;
    tx.execute("DELETE FROM devices WHERE expires_at <= ?1", [now.as_second()])?;
    tx.commit()?;
    Ok(Purged { requests, notes, sessions })
}

/// Writes a consistent copy of the live database to `target` (`VACUUM INTO`: safe while the
/// service runs, unlike copying a WAL database's files), readable by its owner only. `target`
/// must not exist.
pub fn backup(conn: &Connection, target: &Path) -> Result<(), String> {
    if target.exists() {
        return Err(format!("{} exists already; choose a new file", target.display()));
    }
    let target = target.to_str().ok_or("the backup path is not valid UTF-8")?;
    conn.execute("VACUUM INTO ?1", [target]).map_err(|e| e.to_string())?;
    // A backup holds personal data: readable by the service's user only.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(target, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| format!("{target}: {e}"))
}

/// Replaces the database at `live` with the backup at `from`, after checking the backup is a
/// whole, readable SXSH database. Run it with the service stopped.
pub fn restore(live: &Path, from: &Path) -> Result<(), String> {
    let source = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| format!("{}: {e}", from.display()))?;
    let check: String = source
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| format!("{}: {e}", from.display()))?;
    if check != "ok" {
        return Err(format!("{} is damaged: {check}", from.display()));
    }
    let version: i64 =
        source.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| e.to_string())?;
    if version <= 0 || version > MIGRATIONS.len() as i64 {
        return Err(format!("{} is not an SXSH database this version can read", from.display()));
    }
    drop(source);
    let mut conn = Connection::open(live).map_err(|e| format!("{}: {e}", live.display()))?;
    conn.busy_timeout(WRITE_BUSY).map_err(|e| e.to_string())?;
    conn.restore(rusqlite::MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| format!("restore: {e}"))?;
    drop(conn);
    // The restored copy may predate migrations: bring it up to date now.
    open(live).map(drop).map_err(|e| format!("migrating the restored database: {e}"))
}
