//! The stored requests as the staff see them: a page of the filtered list with the total, one
//! request read back with its report recomputed from the stored answers, its notes, and the
//! changes staff make (status, note, correction, anonymisation, deletion), each recorded in the
//! request's notes and in the processing log. Functions take a connection; handlers run them
//! through `Db::read`/`Db::write`, off the async threads.

use super::auth::{Role, Staff};
use crate::audit::{self, Action};
use crate::db;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};
use serde::Deserialize;
use sxsh_core::export::{AssessmentFile, AssessmentResults};
use sxsh_core::i18n::Lang;
use sxsh_core::report::{self, Report};
use sxsh_core::request::{Consent, Contact, Production};

/// The statuses a request moves through, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    New,
    Contacted,
    /// An assessor is assigned (set by the first assignment).
    Scheduled,
    /// The assessment record is complete.
    Assessed,
    Closed,
}

impl Status {
    /// Every status, in the order of `Words::statuses`.
    pub const ALL: [Status; 5] =
        [Status::New, Status::Contacted, Status::Scheduled, Status::Assessed, Status::Closed];

    /// As stored (`requests.status`) and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Contacted => "contacted",
            Status::Scheduled => "scheduled",
            Status::Assessed => "assessed",
            Status::Closed => "closed",
        }
    }

    /// Reads a stored status.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The status in words, in `lang`.
    pub fn word(self, lang: Lang) -> &'static str {
        super::words::words(lang).statuses[self as usize]
    }
}

/// Rows on a page of the list.
pub(super) const PAGE: i64 = 50;

/// The list's filters and search, from the query string.
#[derive(Clone, Debug, Default, Deserialize)]
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
    /// The page, from 1.
    #[serde(default)]
    pub(super) page: Option<i64>,
    /// Only the requests assigned to this assessor (set for an assessor's own list, never from
    /// the query).
    #[serde(skip)]
    pub(super) only_assessor: Option<i64>,
}

/// The longest search used (a longer one would only make each row's match slower).
const LONGEST_SEARCH: usize = 200;

impl Filter {
    /// The search as used: trimmed, at most `LONGEST_SEARCH` characters.
    fn search(&self) -> String {
        self.q.trim().chars().take(LONGEST_SEARCH).collect()
    }
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

/// The `FROM … WHERE` of the filters that are set, with their values in order. Filters not set
/// are left out of the SQL altogether (not compared with an empty string on every row), so an
/// unfiltered count reads only an index.
fn filtered(filter: &Filter) -> (String, Vec<Value>) {
    let mut terms = Vec::new();
    let mut values = Vec::new();
    let mut term = |sql: &str, value: Value| {
        values.push(value);
        terms.push(sql.replace('?', &format!("?{}", values.len())));
    };
    if let Some(assessor) = filter.only_assessor {
        term("assessor_id = ?", Value::Integer(assessor));
    }
    if !filter.status.is_empty() {
        term("status = ?", Value::Text(filter.status.clone()));
    }
    if !filter.sector.is_empty() {
        term("sector = ?", Value::Text(filter.sector.clone()));
    }
    let search = filter.search();
    if !search.is_empty() {
        term("(company LIKE '%' || ? || '%' OR receipt LIKE '%' || ? || '%')", Value::Text(search));
    }
    if !filter.from.is_empty() {
        term("received_at >= ?", Value::Text(filter.from.clone()));
    }
    if !filter.to.is_empty() {
        term("received_at < date(?, '+1 day')", Value::Text(filter.to.clone()));
    }
    let sql = if terms.is_empty() {
        "FROM requests".to_owned()
    } else {
        format!("FROM requests WHERE {}", terms.join(" AND "))
    };
    (sql, values)
}

const ROW: &str = "SELECT receipt, received_at, company, COALESCE(sector, ''), status,
    json_extract(consent_json, '$.training'), json_extract(consent_json, '$.news') ";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        receipt: r.get(0)?,
        received_at: r.get(1)?,
        company: r.get(2)?,
        sector: r.get(3)?,
        status: r.get(4)?,
        training: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
        news: r.get::<_, Option<bool>>(6)?.unwrap_or(false),
    })
}

/// How many requests pass `filter`.
pub(super) fn count(conn: &Connection, filter: &Filter) -> rusqlite::Result<i64> {
    let (from, values) = filtered(filter);
    conn.query_row(&format!("SELECT COUNT(*) {from}"), params_from_iter(&values), |r| r.get(0))
}

/// A page of the requests that pass `filter`, newest first. The page's ids come from the
/// `requests_list` index alone; only those rows are read.
pub(super) fn page(conn: &Connection, filter: &Filter, page: i64) -> rusqlite::Result<Vec<Row>> {
    let (from, mut values) = filtered(filter);
    let skip = (page - 1).max(0).saturating_mul(PAGE);
    values.extend([Value::Integer(PAGE), Value::Integer(skip)]);
    let (limit, offset) = (values.len() - 1, values.len());
    let mut statement = conn.prepare(&format!(
        "{ROW}FROM requests WHERE id IN
            (SELECT id {from} ORDER BY received_at DESC, id DESC LIMIT ?{limit} OFFSET ?{offset})
         ORDER BY received_at DESC, id DESC"
    ))?;
    statement.query_map(params_from_iter(&values), row)?.collect()
}

/// Every request that passes `filter`, newest first, handed one by one to `each` (the CSV
/// export streams them); stops early when `each` returns false.
pub(super) fn each(
    conn: &Connection,
    filter: &Filter,
    mut each: impl FnMut(Row) -> bool,
) -> rusqlite::Result<()> {
    let (from, values) = filtered(filter);
    let mut statement = conn.prepare(&format!("{ROW}{from} ORDER BY received_at DESC, id DESC"))?;
    let mut rows = statement.query(params_from_iter(&values))?;
    while let Some(r) = rows.next()? {
        if !each(row(r)?) {
            break;
        }
    }
    Ok(())
}

/// The id of the request with this receipt if `staff` may read it: an officer any request, an
/// assessor only one assigned to them, an administrator none.
pub(super) fn visible(
    conn: &Connection,
    staff: &Staff,
    receipt: &str,
) -> rusqlite::Result<Option<i64>> {
    let found: Option<(i64, Option<i64>)> = conn
        .query_row("SELECT id, assessor_id FROM requests WHERE receipt = ?1", [receipt], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(found.and_then(|(id, assessor)| match staff.role {
        Role::Officer => Some(id),
        Role::Assessor => (assessor == Some(staff.id)).then_some(id),
        Role::Admin => None,
    }))
}

/// A stored request, read back whole.
pub(super) struct StoredRequest {
    pub(super) id: i64,
    pub(super) receipt: String,
    pub(super) received_at: String,
    pub(super) status: String,
    pub(super) anonymised_at: Option<String>,
    pub(super) contact: Contact,
    pub(super) production: Production,
    pub(super) consent: Consent,
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

fn json<T: serde::de::DeserializeOwned>(column: usize, text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The request with this receipt, if it exists.
pub(super) fn load(conn: &Connection, receipt: &str) -> rusqlite::Result<Option<StoredRequest>> {
    conn.query_row(
        "SELECT id, receipt, received_at, status, anonymised_at, contact_json, consent_json,
                assessment_json, production_json
         FROM requests WHERE receipt = ?1",
        [receipt],
        |r| {
            Ok(StoredRequest {
                id: r.get(0)?,
                receipt: r.get(1)?,
                received_at: r.get(2)?,
                status: r.get(3)?,
                anonymised_at: r.get(4)?,
                contact: json(5, &r.get::<_, String>(5)?)?,
                consent: json(6, &r.get::<_, String>(6)?)?,
                assessment: json(7, &r.get::<_, String>(7)?)?,
                production: json(8, &r.get::<_, String>(8)?).unwrap_or_default(),
            })
        },
    )
    .optional()
}

/// A staff member's note on a request.
pub(super) struct Note {
    pub(super) at: String,
    pub(super) author: String,
    pub(super) text: String,
}

/// A request's notes, oldest first.
pub(super) fn notes(conn: &Connection, request_id: i64) -> rusqlite::Result<Vec<Note>> {
    let mut st =
        conn.prepare("SELECT at, author, text FROM notes WHERE request_id = ?1 ORDER BY id")?;
    st.query_map([request_id], |x| Ok(Note { at: x.get(0)?, author: x.get(1)?, text: x.get(2)? }))?
        .collect()
}

fn insert_note(
    conn: &Connection,
    request_id: i64,
    at: &str,
    author: &str,
    text: &str,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO notes (request_id, at, author, text) VALUES (?1, ?2, ?3, ?4)",
        params![request_id, at, author, text],
    )
}

/// A change staff make to a stored request.
pub(super) enum Change {
    Status(Status),
    Note(String),
    /// A corrected contact and consent (the fields that changed are named in the note, their
    /// values are not).
    Correct {
        contact: Box<Contact>,
        consent: Consent,
        changed: Vec<&'static str>,
    },
    Anonymise,
    Delete,
}

/// The contact left after anonymisation.
pub(super) fn anonymous() -> Contact {
    Contact { name: "(đã ẩn danh / anonymised)".into(), ..Contact::default() }
}

/// Applies `change` to the request with this receipt as `author`, noting it and logging it in
/// one transaction; `false` when the receipt does not exist.
pub(super) fn apply(
    conn: &mut Connection,
    receipt: &str,
    author: &str,
    change: Change,
) -> rusqlite::Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: Option<(i64, String)> = tx
        .query_row("SELECT id, status FROM requests WHERE receipt = ?1", [receipt], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((id, status)) = found else { return Ok(false) };
    let at = db::utc_now().1;
    let action = match change {
        Change::Status(new) => {
            let new = new.as_str();
            tx.execute("UPDATE requests SET status = ?1 WHERE id = ?2", params![new, id])?;
            insert_note(&tx, id, &at, author, &format!("trạng thái / status: {status} → {new}"))?;
            Action::StatusChanged
        }
        Change::Note(text) => {
            insert_note(&tx, id, &at, author, &text)?;
            Action::NoteAdded
        }
        Change::Correct { contact, consent, changed } => {
            tx.execute(
                "UPDATE requests SET contact_json = ?1, consent_json = ?2 WHERE id = ?3",
                params![to_json(&contact)?, to_json(&consent)?, id],
            )?;
            let what = changed.join(", ");
            insert_note(&tx, id, &at, author, &format!("đã sửa / corrected: {what}"))?;
            Action::Corrected
        }
        Change::Anonymise => {
            let consent: String =
                tx.query_row("SELECT consent_json FROM requests WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            let mut consent: Consent = json(0, &consent)?;
            consent.training = false;
            consent.news = false;
            tx.execute(
                "UPDATE requests SET contact_json = ?1, consent_json = ?2, anonymised_at = ?3 WHERE id = ?4",
                params![to_json(&anonymous())?, to_json(&consent)?, at, id],
            )?;
            // Staff notes are free text and may name the person: their text goes too; who
            // wrote each and when stay, as the history.
            tx.execute(
                "UPDATE notes SET text = '(đã ẩn danh / anonymised)' WHERE request_id = ?1",
                [id],
            )?;
            insert_note(&tx, id, &at, author, "đã ẩn danh thông tin liên hệ / contact anonymised")?;
            Action::Anonymised
        }
        Change::Delete => {
            tx.execute("DELETE FROM notes WHERE request_id = ?1", [id])?;
            tx.execute("DELETE FROM requests WHERE id = ?1", [id])?;
            Action::Deleted
        }
    };
    audit::record(&tx, &at, author, action, Some(receipt))?;
    tx.commit()?;
    Ok(true)
}

fn to_json(value: &impl serde::Serialize) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_filters_set_are_in_the_sql_numbered_in_order() {
        let none = filtered(&Filter::default());
        assert_eq!(none, ("FROM requests".to_owned(), vec![]));
        let some = filtered(&Filter {
            sector: "textile".into(),
            q: " Dệt ".into(),
            to: "2026-12-01".into(),
            ..Filter::default()
        });
        assert_eq!(
            some.0,
            "FROM requests WHERE sector = ?1 AND (company LIKE '%' || ?2 || '%' OR receipt LIKE '%' || ?2 || '%') \
             AND received_at < date(?3, '+1 day')"
        );
        let text = |t: &str| Value::Text(t.into());
        assert_eq!(some.1, [text("textile"), text("Dệt"), text("2026-12-01")]);
        let all = filtered(&Filter {
            status: "new".into(),
            sector: "food".into(),
            q: "A".into(),
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
            page: None,
            only_assessor: None,
        });
        assert_eq!(all.1.len(), 5);
        assert!(all.0.contains("status = ?1") && all.0.contains("received_at >= ?4"), "{}", all.0);
    }

    #[test]
    fn a_search_is_trimmed_and_bounded() {
        let filter = |q: &str| Filter { q: q.into(), ..Filter::default() };
        assert_eq!(filter("  Dệt  ").search(), "Dệt");
        assert_eq!(filter(&"ệ".repeat(1_000)).search().chars().count(), LONGEST_SEARCH);
    }
}
