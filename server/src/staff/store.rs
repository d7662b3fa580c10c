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

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Sort {
    /// By triage points, highest first, then by the potential saving in VND, largest first,
    /// then newest first.
    #[default]
    Triage,
    /// Newest first.
    Date,
}

impl Sort {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Sort::Triage => "triage",
            Sort::Date => "date",
        }
    }

    /// The covering index that serves the order (`INDEXED BY`: the list never reads the rows,
    /// with their JSON columns, to filter, count or page), the `ORDER BY` in it, and the same
    /// order for the rows read back.
    fn order(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Sort::Triage => (
                "requests_triage",
                "triage_points DESC, potential_vnd DESC, received_at DESC, id DESC",
                "requests.triage_points DESC, requests.potential_vnd DESC, requests.received_at DESC,
                 requests.id DESC",
            ),
            Sort::Date => (
                "requests_list",
                "received_at DESC, id DESC",
                "requests.received_at DESC, requests.id DESC",
            ),
        }
    }
}

/// The list's filters and search, from the query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct Filter {
    #[serde(default)]
    pub(super) status: String,
    #[serde(default)]
    pub(super) sector: String,
    /// An assessor's account id, `none` (not assigned) or empty (any).
    #[serde(default)]
    pub(super) assessor: String,
    /// `yes`: key energy users only.
    #[serde(default)]
    pub(super) key: String,
    #[serde(default)]
    pub(super) q: String,
    #[serde(default)]
    pub(super) from: String,
    #[serde(default)]
    pub(super) to: String,
    #[serde(default)]
    pub(super) sort: Sort,
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

/// One row of the list (and of the CSV export).
pub(super) struct Row {
    pub(super) id: i64,
    pub(super) receipt: String,
    pub(super) received_at: String,
    pub(super) company: String,
    pub(super) sector: String,
    pub(super) status: String,
    pub(super) tax_code: String,
    pub(super) company_key: String,
    pub(super) assessor: Option<String>,
    pub(super) triage: Triage,
    /// The separate consents: interest in training, the news.
    pub(super) training: bool,
    pub(super) news: bool,
}

/// A request's stored triage.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Triage {
    pub(super) points: i64,
    pub(super) potential_vnd: f64,
    pub(super) potential_toe: f64,
    pub(super) potential_tco2: f64,
    pub(super) key_energy_user: bool,
    pub(super) pollution_risk: bool,
}

impl Triage {
    /// The factors from a row whose columns from `first` on are `triage_points, potential_vnd,
    /// potential_toe, potential_tco2, key_energy_user, pollution_risk`.
    fn read(r: &rusqlite::Row, first: usize) -> rusqlite::Result<Triage> {
        Ok(Triage {
            points: r.get(first)?,
            potential_vnd: r.get(first + 1)?,
            potential_toe: r.get(first + 2)?,
            potential_tco2: r.get(first + 3)?,
            key_energy_user: r.get(first + 4)?,
            pollution_risk: r.get(first + 5)?,
        })
    }
}

/// The `WHERE` of the filters that are set, with their values in order. Filters not set are
/// left out of the SQL altogether (not compared with an empty string on every row). Every
/// column named is in both list indexes.
fn filtered(filter: &Filter) -> (String, Vec<Value>) {
    let mut terms = Vec::new();
    let mut values = Vec::new();
    let mut term = |sql: &str, value: Option<Value>| {
        if let Some(value) = value {
            values.push(value);
        }
        terms.push(sql.replace('?', &format!("?{}", values.len())));
    };
    if let Some(assessor) = filter.only_assessor {
        term("assessor_id = ?", Some(Value::Integer(assessor)));
    }
    match filter.assessor.trim() {
        "" => {}
        "none" => term("assessor_id IS NULL", None),
        id => term("assessor_id = ?", Some(id.parse::<i64>().map_or(Value::Null, Value::Integer))),
    }
    if !filter.status.is_empty() {
        term("status = ?", Some(Value::Text(filter.status.clone())));
    }
    if !filter.sector.is_empty() {
        term("sector = ?", Some(Value::Text(filter.sector.clone())));
    }
    if filter.key == "yes" {
        term("key_energy_user = 1", None);
    }
    let search = filter.search();
    if !search.is_empty() {
        term(
            "(company LIKE '%' || ? || '%' OR receipt LIKE '%' || ? || '%' OR tax_code LIKE '%' || ? || '%')",
            Some(Value::Text(search)),
        );
    }
    if !filter.from.is_empty() {
        term("received_at >= ?", Some(Value::Text(filter.from.clone())));
    }
    if !filter.to.is_empty() {
        term("received_at < date(?, '+1 day')", Some(Value::Text(filter.to.clone())));
    }
    let sql =
        if terms.is_empty() { String::new() } else { format!("WHERE {}", terms.join(" AND ")) };
    (sql, values)
}

const ROW: &str = "SELECT requests.id, receipt, received_at, company, COALESCE(sector, ''), status,
    tax_code, company_key, staff.username, triage_points, potential_vnd, potential_toe,
    potential_tco2, key_energy_user, pollution_risk,
    json_extract(consent_json, '$.training'), json_extract(consent_json, '$.news')
    FROM requests LEFT JOIN staff ON staff.id = requests.assessor_id ";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        receipt: r.get(1)?,
        received_at: r.get(2)?,
        company: r.get(3)?,
        sector: r.get(4)?,
        status: r.get(5)?,
        tax_code: r.get(6)?,
        company_key: r.get(7)?,
        assessor: r.get(8)?,
        triage: Triage::read(r, 9)?,
        training: r.get::<_, Option<bool>>(15)?.unwrap_or(false),
        news: r.get::<_, Option<bool>>(16)?.unwrap_or(false),
    })
}

/// The SQL that counts the requests passing `filter`, with its values: a filter on the status
/// counts a range of `requests_filters` (status first, then every other filtered column), any
/// other walks the sort's covering index.
pub(super) fn count_sql(filter: &Filter) -> (String, Vec<Value>) {
    let index = if filter.status.is_empty() { filter.sort.order().0 } else { "requests_filters" };
    let (filters, values) = filtered(filter);
    (format!("SELECT COUNT(*) FROM requests INDEXED BY {index} {filters}"), values)
}

/// How many requests pass `filter`.
pub(super) fn count(conn: &Connection, filter: &Filter) -> rusqlite::Result<i64> {
    let (sql, values) = count_sql(filter);
    conn.query_row(&sql, params_from_iter(&values), |r| r.get(0))
}

/// The SQL of a page of the list, with its values: the page's ids come from the sort's covering
/// index alone; only those rows are read.
pub(super) fn page_sql(filter: &Filter, page: i64) -> (String, Vec<Value>) {
    let (index, order, outer) = filter.sort.order();
    let (filters, mut values) = filtered(filter);
    let skip = (page - 1).max(0).saturating_mul(PAGE);
    values.extend([Value::Integer(PAGE), Value::Integer(skip)]);
    let (limit, offset) = (values.len() - 1, values.len());
    let sql = format!(
        "{ROW}WHERE requests.id IN
            (SELECT id FROM requests INDEXED BY {index} {filters} ORDER BY {order}
             LIMIT ?{limit} OFFSET ?{offset})
         ORDER BY {outer}"
    );
    (sql, values)
}

/// A page of the requests that pass `filter`, in the filter's order.
pub(super) fn page(conn: &Connection, filter: &Filter, page: i64) -> rusqlite::Result<Vec<Row>> {
    let (sql, values) = page_sql(filter, page);
    let mut statement = conn.prepare(&sql)?;
    statement.query_map(params_from_iter(&values), row)?.collect()
}

/// The ids of every request that passes `filter`, in the filter's order, from the covering
/// index alone (eight bytes each; the CSV export reads the rows by `rows`, a chunk at a time).
pub(super) fn ids(conn: &Connection, filter: &Filter) -> rusqlite::Result<Vec<i64>> {
    let (index, order, _) = filter.sort.order();
    let (filters, values) = filtered(filter);
    let mut statement = conn.prepare(&format!(
        "SELECT id FROM requests INDEXED BY {index} {filters} ORDER BY {order}"
    ))?;
    statement.query_map(params_from_iter(&values), |r| r.get(0))?.collect()
}

/// The requests with these ids, in the ids' order; an id whose request is gone since (deleted)
/// is left out.
pub(super) fn rows(conn: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<Row>> {
    // The ids are the database's own integers.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let mut statement = conn.prepare(&format!("{ROW}WHERE requests.id IN ({list})"))?;
    let mut found: std::collections::HashMap<i64, Row> =
        statement.query_map([], row)?.map(|r| r.map(|r| (r.id, r))).collect::<Result<_, _>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The receipts of other requests with a tax code.
const SAME_TAX_CODE: &str = "SELECT receipt FROM requests INDEXED BY requests_by_tax_code
    WHERE tax_code = ?1 AND tax_code <> '' AND id <> ?2 ORDER BY id DESC LIMIT ?3";
/// The receipts of other requests with a normalised company name.
const SAME_NAME: &str = "SELECT receipt FROM requests INDEXED BY requests_by_company_key
    WHERE company_key = ?1 AND id <> ?2 ORDER BY id DESC LIMIT ?3";

/// Other requests that may be the same enterprise's: the same tax code or, when `tax_code` is
/// empty, the same normalised company name. Their receipts, newest first, at most `limit`. Each
/// is one look-up in an index and `limit` row reads at most (the receipt is near the start of a
/// row, before its JSON).
pub(super) fn duplicates(
    conn: &Connection,
    id: i64,
    tax_code: &str,
    company_key: &str,
    limit: i64,
) -> rusqlite::Result<Vec<String>> {
    let (sql, key) = if !tax_code.is_empty() {
        (SAME_TAX_CODE, tax_code)
    } else if !company_key.is_empty() {
        (SAME_NAME, company_key)
    } else {
        return Ok(Vec::new());
    };
    let mut statement = conn.prepare_cached(sql)?;
    statement.query_map(params![key, id, limit], |r| r.get(0))?.collect()
}

/// An assessor account that can be assigned (active).
pub(super) struct Assessor {
    pub(super) id: i64,
    pub(super) username: String,
}

/// The active assessor accounts, by name.
pub(super) fn assessors(conn: &Connection) -> rusqlite::Result<Vec<Assessor>> {
    let mut statement = conn.prepare(
        "SELECT id, username FROM staff WHERE role = 'assessor' AND disabled = 0 ORDER BY username",
    )?;
    statement.query_map([], |r| Ok(Assessor { id: r.get(0)?, username: r.get(1)? }))?.collect()
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
    pub(super) tax_code: String,
    pub(super) company_key: String,
    pub(super) assessor_id: Option<i64>,
    pub(super) assessor: Option<String>,
    pub(super) triage: Triage,
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
        "SELECT requests.id, receipt, received_at, status, anonymised_at, contact_json,
                consent_json, assessment_json, production_json, tax_code, company_key,
                assessor_id, staff.username, triage_points, potential_vnd, potential_toe,
                potential_tco2, key_energy_user, pollution_risk
         FROM requests LEFT JOIN staff ON staff.id = requests.assessor_id WHERE receipt = ?1",
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
                tax_code: r.get(9)?,
                company_key: r.get(10)?,
                assessor_id: r.get(11)?,
                assessor: r.get(12)?,
                triage: Triage::read(r, 13)?,
            })
        },
    )
    .optional()
}

/// A note on a request, oldest first: a staff member's words, or a change the service noted.
pub(super) struct Note {
    pub(super) at: String,
    pub(super) author: String,
    pub(super) text: NoteText,
}

/// What a note says. A change is stored in a fixed form (`MARK` and words, never shown as such)
/// and shown in the reader's language; a staff member's note is their text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum NoteText {
    Said(String),
    Status {
        from: String,
        to: String,
    },
    Assigned(String),
    /// The names of the fields corrected (not their values).
    Corrected(Vec<String>),
    Anonymised,
}

/// The first character of a note the service wrote: a control character, which a staff
/// member's note never holds (`said` takes them out).
const MARK: char = '\u{1}';

impl NoteText {
    /// As stored in `notes.text`.
    fn stored(&self) -> String {
        match self {
            NoteText::Said(text) => text.clone(),
            NoteText::Status { from, to } => format!("{MARK}status {from} {to}"),
            NoteText::Assigned(username) => format!("{MARK}assigned {username}"),
            NoteText::Corrected(fields) => format!("{MARK}corrected {}", fields.join(" ")),
            NoteText::Anonymised => format!("{MARK}anonymised"),
        }
    }

    /// Reads a stored note (notes stored before this form are a staff member's words).
    fn read(text: String) -> NoteText {
        let Some(rest) = text.strip_prefix(MARK) else { return NoteText::Said(text) };
        let mut words = rest.split(' ');
        match (words.next(), words.next(), words.next()) {
            (Some("status"), Some(from), Some(to)) => {
                NoteText::Status { from: from.into(), to: to.into() }
            }
            (Some("assigned"), Some(username), None) => NoteText::Assigned(username.into()),
            (Some("corrected"), ..) => {
                NoteText::Corrected(rest.split(' ').skip(1).map(str::to_owned).collect())
            }
            (Some("anonymised"), None, None) => NoteText::Anonymised,
            _ => NoteText::Said(rest.to_owned()),
        }
    }

    /// A staff member's note as kept: without control characters other than line breaks and
    /// tabs (so it can never read as the service's).
    pub(super) fn said(text: &str) -> NoteText {
        NoteText::Said(
            text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect(),
        )
    }
}

/// A request's notes, oldest first.
pub(super) fn notes(conn: &Connection, request_id: i64) -> rusqlite::Result<Vec<Note>> {
    let mut st =
        conn.prepare("SELECT at, author, text FROM notes WHERE request_id = ?1 ORDER BY id")?;
    st.query_map([request_id], |x| {
        Ok(Note { at: x.get(0)?, author: x.get(1)?, text: NoteText::read(x.get(2)?) })
    })?
    .collect()
}

fn insert_note(
    conn: &Connection,
    request_id: i64,
    at: &str,
    author: &str,
    text: &NoteText,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO notes (request_id, at, author, text) VALUES (?1, ?2, ?3, ?4)",
        params![request_id, at, author, text.stored()],
    )
}

/// Sets a request's status as `author`, noting the change and recording it in the processing
/// log, in the caller's transaction (the rapid assessment's record sets `assessed` with it).
pub(super) fn record_status(
    conn: &Connection,
    request_id: i64,
    receipt: &str,
    author: &str,
    new: Status,
) -> rusqlite::Result<()> {
    let from: String =
        conn.query_row("SELECT status FROM requests WHERE id = ?1", [request_id], |r| r.get(0))?;
    let at = db::utc_now().1;
    conn.execute(
        "UPDATE requests SET status = ?1 WHERE id = ?2",
        params![new.as_str(), request_id],
    )?;
    let text = NoteText::Status { from, to: new.as_str().into() };
    insert_note(conn, request_id, &at, author, &text)?;
    audit::record(conn, &at, author, Action::StatusChanged, Some(receipt))
}

/// A change staff make to a stored request.
pub(super) enum Change {
    Status(Status),
    Note(String),
    /// A corrected contact and consent (the fields that changed are named in the note, their
    /// values are not); `requests.tax_code` follows the contact's.
    Correct {
        contact: Box<Contact>,
        consent: Consent,
        changed: Vec<&'static str>,
    },
    Anonymise,
    Delete,
    /// Assigns an assessor account (or another one); the first assignment of a request that is
    /// new or contacted makes it scheduled.
    Assign {
        assessor_id: i64,
        username: String,
    },
}

/// The contact left after anonymising `contact`: an enterprise's tax code stays (it names the
/// enterprise, not a person), the person's data goes, and so does a tax code that is a person's
/// identification number (a household business's 12 digits).
pub(super) fn anonymous(contact: &Contact) -> Contact {
    let tax_code = sxsh_core::request::anonymous_tax_code(&contact.tax_code);
    Contact { name: ANONYMISED.into(), tax_code, ..Contact::default() }
}

/// The tax code as stored in `requests.tax_code` (the list's search, duplicates and the CSV read
/// it): the contact's, trimmed. The intake, a staff correction and anonymising all store it so.
pub(super) fn tax_code(contact: &Contact) -> String {
    contact.tax_code.trim().to_owned()
}

/// What replaces anonymised text (stored, so in both languages).
pub(super) const ANONYMISED: &str = "(đã ẩn danh / anonymised)";

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
            tx.execute("UPDATE requests SET status = ?1 WHERE id = ?2", params![new.as_str(), id])?;
            let text = NoteText::Status { from: status, to: new.as_str().into() };
            insert_note(&tx, id, &at, author, &text)?;
            Action::StatusChanged
        }
        Change::Note(text) => {
            insert_note(&tx, id, &at, author, &NoteText::said(&text))?;
            Action::NoteAdded
        }
        Change::Correct { contact, consent, changed } => {
            // The tax code is the only column derived from the contact (the company's name
            // comes from the answers): it changes with it, so the page, the search, the
            // duplicates and the CSV read the corrected code.
            tx.execute(
                "UPDATE requests SET contact_json = ?1, consent_json = ?2, tax_code = ?3
                 WHERE id = ?4",
                params![to_json(&contact)?, to_json(&consent)?, tax_code(&contact), id],
            )?;
            // Issue 24: the progress updates, accepted under the request's code, follow it.
            super::followup_rows::correct_tax_code(&tx, id, &tax_code(&contact))?;
            let changed = changed.iter().map(|c| (*c).to_owned()).collect();
            insert_note(&tx, id, &at, author, &NoteText::Corrected(changed))?;
            Action::Corrected
        }
        Change::Anonymise => {
            let (contact, consent): (String, String) = tx.query_row(
                "SELECT contact_json, consent_json FROM requests WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let left = anonymous(&json::<Contact>(0, &contact)?);
            let mut consent: Consent = json(1, &consent)?;
            consent.training = false;
            consent.news = false;
            tx.execute(
                "UPDATE requests SET contact_json = ?1, consent_json = ?2, anonymised_at = ?3,
                    tax_code = ?5 WHERE id = ?4",
                params![to_json(&left)?, to_json(&consent)?, at, id, tax_code(&left)],
            )?;
            // Staff notes are free text and may name the person: their text goes too; who
            // wrote each and when stay, as the history. The service's own notes name no one.
            tx.execute(
                "UPDATE notes SET text = ?1 WHERE request_id = ?2 AND substr(text, 1, 1) <> ?3",
                params![ANONYMISED, id, MARK.to_string()],
            )?;
            // Issue 24: the progress updates' company, notes and owners, the methods' text.
            super::followup_rows::anonymise(&tx, id, ANONYMISED)?;
            insert_note(&tx, id, &at, author, &NoteText::Anonymised)?;
            Action::Anonymised
        }
        Change::Delete => {
            tx.execute("DELETE FROM notes WHERE request_id = ?1", [id])?;
            super::followup_rows::delete(&tx, id)?;
            tx.execute("DELETE FROM requests WHERE id = ?1", [id])?;
            Action::Deleted
        }
        Change::Assign { assessor_id, username } => {
            let before: Option<i64> =
                tx.query_row("SELECT assessor_id FROM requests WHERE id = ?1", [id], |r| r.get(0))?;
            tx.execute(
                "UPDATE requests SET assessor_id = ?1 WHERE id = ?2",
                params![assessor_id, id],
            )?;
            insert_note(&tx, id, &at, author, &NoteText::Assigned(username))?;
            let first = before.is_none();
            if first && matches!(Status::parse(&status), Some(Status::New | Status::Contacted)) {
                record_status(&tx, id, receipt, author, Status::Scheduled)?;
            }
            Action::AssessorAssigned
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
        assert_eq!(none, (String::new(), vec![]));
        let some = filtered(&Filter {
            sector: "textile".into(),
            q: " Dệt ".into(),
            to: "2026-12-01".into(),
            ..Filter::default()
        });
        assert_eq!(
            some.0,
            "WHERE sector = ?1 AND (company LIKE '%' || ?2 || '%' OR receipt LIKE '%' || ?2 || '%' \
             OR tax_code LIKE '%' || ?2 || '%') AND received_at < date(?3, '+1 day')"
        );
        let text = |t: &str| Value::Text(t.into());
        assert_eq!(some.1, [text("textile"), text("Dệt"), text("2026-12-01")]);
        let all = filtered(&Filter {
            status: "new".into(),
            sector: "food".into(),
            q: "A".into(),
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
            assessor: "none".into(),
            key: "yes".into(),
            sort: Sort::Date,
            page: None,
            only_assessor: Some(7),
        });
        assert_eq!(all.1.len(), 6);
        assert!(
            all.0.starts_with("WHERE assessor_id = ?1 AND assessor_id IS NULL AND status = ?2")
                && all.0.contains("key_energy_user = 1")
                && all.0.contains("received_at >= ?5"),
            "{}",
            all.0
        );
        let unknown = filtered(&Filter { assessor: "x".into(), ..Filter::default() });
        assert_eq!(
            unknown,
            ("WHERE assessor_id = ?1".to_owned(), vec![Value::Null]),
            "matches none"
        );
    }

    /// The plan SQLite makes for `sql`, one line per step.
    fn plan(conn: &Connection, sql: &str, values: &[Value]) -> Vec<String> {
        let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect("plan");
        statement
            .query_map(params_from_iter(values), |r| r.get::<_, String>(3))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("read")
    }

    #[test]
    fn the_list_counts_filters_and_pages_from_an_index_never_scanning_the_rows() {
        let dir = std::env::temp_dir().join(format!("sxsh-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("plan.sqlite3");
        _ = std::fs::remove_file(&path);
        let conn = db::open(&path).expect("migrated");
        conn.execute_batch("ANALYZE").expect("statistics");
        let filters = [
            Filter::default(),
            Filter { sort: Sort::Date, ..Filter::default() },
            Filter { status: "new".into(), sector: "textile".into(), ..Filter::default() },
            Filter {
                q: "Dệt".into(),
                key: "yes".into(),
                assessor: "none".into(),
                from: "2026-01-01".into(),
                to: "2026-12-31".into(),
                ..Filter::default()
            },
            Filter { only_assessor: Some(3), sort: Sort::Date, ..Filter::default() },
        ];
        for filter in &filters {
            let (index, _, _) = filter.sort.order();
            for (sql, values) in [count_sql(filter), page_sql(filter, 7)] {
                let steps = plan(&conn, &sql, &values);
                for step in &steps {
                    // Every scan or search of the requests reads a covering index, or finds a
                    // page's row by its id: none walks the rows with their JSON columns.
                    if step.contains("requests")
                        && (step.starts_with("SCAN") || step.starts_with("SEARCH"))
                    {
                        assert!(
                            step.contains("USING COVERING INDEX")
                                || step.contains("USING INTEGER PRIMARY KEY"),
                            "{filter:?}: {step} in {steps:?}"
                        );
                    }
                }
            }
            // A count by status reads a range of the filters' index, not the whole sort index.
            if !filter.status.is_empty() {
                let (sql, values) = count_sql(filter);
                let steps = plan(&conn, &sql, &values);
                assert!(
                    steps.iter().any(|s| s.starts_with(
                        "SEARCH requests USING COVERING INDEX requests_filters (status=? AND sector=?)"
                    )),
                    "{filter:?}: {steps:?}"
                );
            }
            // The page's ids come in the sort's order straight from its index (no sorting of
            // every matching row: no temporary B-tree for the ORDER BY of the ids).
            let (sql, values) = page_sql(filter, 7);
            let steps = plan(&conn, &sql, &values);
            assert!(
                steps
                    .iter()
                    .any(|s| s.contains(&format!("SCAN requests USING COVERING INDEX {index}"))),
                "{filter:?}: {steps:?}"
            );
            let ids = format!(
                "SELECT id FROM requests INDEXED BY {index} {} ORDER BY {}",
                filtered(filter).0,
                filter.sort.order().1
            );
            let steps = plan(&conn, &ids, &filtered(filter).1);
            assert!(!steps.iter().any(|s| s.contains("TEMP B-TREE")), "{filter:?}: {steps:?}");
        }
        // Possible duplicates: one index search each, in id order (no sort).
        for sql in [SAME_TAX_CODE, SAME_NAME] {
            let values = [Value::Text("x".into()), Value::Integer(1), Value::Integer(5)];
            let steps = plan(&conn, sql, &values);
            assert!(
                steps.iter().all(|s| s.starts_with("SEARCH requests USING INDEX requests_by_")),
                "{steps:?}"
            );
        }
        _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_search_is_trimmed_and_bounded() {
        let filter = |q: &str| Filter { q: q.into(), ..Filter::default() };
        assert_eq!(filter("  Dệt  ").search(), "Dệt");
        assert_eq!(filter(&"ệ".repeat(1_000)).search().chars().count(), LONGEST_SEARCH);
    }
}
