//! The staff pages behind the login, in the reader's language: the list of requests (sorted by
//! triage or by date, filters, search, 50 a page with the total, each rank with its reasons and
//! possible duplicates), one request's page (priority, contact, consent, recomputed results,
//! notes, answers) and its forms (assign an assessor, status, note, correct, erase: anonymise
//! or delete; all CSRF-checked, each recorded in the notes and the processing log), and the
//! processing log itself. An officer sees and does all of it; an assessor reads only the
//! requests assigned to them, with no form. Dates and times read dd/mm/yyyy HH:MM in Vietnam's
//! time; the filters' date inputs and the exports keep ISO. Long company names are cut on the
//! list (the request's page shows them whole).

use super::auth::{Allowed, Casework, Officers, Oversight, Role, Staff};
use super::store::{self, Change, Filter, NoteText, PAGE, Sort, Status};
use super::triage::reasons;
use super::words::{Words, action_word, words};
use super::{Choice, Frame, choice, not_found, refusal, render};
use crate::audit::{self, Action};
use crate::error::AppError;
use crate::{AppState, db};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sxsh_core::dates::day_time;
use sxsh_core::export::AssessmentResults;
use sxsh_core::free_text;
use sxsh_core::i18n::{Lang, fill};
use sxsh_core::request::{self, AssessmentRequest, Bills, Consent, Contact};

/// Characters of a company name shown on the list.
const LIST_NAME: usize = 80;
/// The last page number read (far beyond any list; keeps the page arithmetic in range).
const LAST_PAGE: i64 = 1_000_000_000;
/// Possible duplicates named beside a request.
const DUPLICATES: i64 = 5;

/// The page asked for, from 1 to `LAST_PAGE`.
pub(super) fn page_number(asked: Option<i64>) -> i64 {
    asked.unwrap_or(1).clamp(1, LAST_PAGE)
}

/// At most `limit` characters of `text`, with "…" when cut.
fn cut(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Percent-encodes a query value.
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The filters as a query string (without the page).
fn filter_query(filter: &Filter) -> String {
    format!(
        "status={}&sector={}&assessor={}&key={}&q={}&from={}&to={}&sort={}",
        query_value(&filter.status),
        query_value(&filter.sector),
        query_value(&filter.assessor),
        query_value(&filter.key),
        query_value(&filter.q),
        query_value(&filter.from),
        query_value(&filter.to),
        filter.sort.as_str()
    )
}

/// The list's address for another page, with the same filters.
fn page_href(filter: &Filter, page: i64) -> String {
    format!("/staff?{}&page={page}", filter_query(filter))
}

/// A count with the reader's thousands mark: 132378 → "132.378" (Vietnamese), "132,378".
fn thousands(n: i64, lang: Lang) -> String {
    sxsh_core::numbers::format(n as f64, lang, 0)
}

/// A status as stored, in words (one the service does not know, as stored).
fn status_word(status: &str, lang: Lang) -> String {
    Status::parse(status).map_or_else(|| status.to_owned(), |s| s.word(lang).to_owned())
}

/// A checklist sector's name in `lang` (an unknown id, as stored).
fn sector_word(id: &str, lang: Lang) -> String {
    sxsh_core::checklist::active().sectors.iter().find(|x| x.id == id).map_or_else(
        || id.to_owned(),
        |x| match lang {
            Lang::Vi => x.vi.clone(),
            Lang::En => x.en.clone(),
        },
    )
}

struct ListRow {
    rank: i64,
    receipt: String,
    received: String,
    company: String,
    sector: String,
    status: String,
    assessor: String,
    points: String,
    reasons: Vec<String>,
    duplicates: Vec<String>,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    frame: Frame,
    heading: &'static str,
    officer: bool,
    filter: Filter,
    statuses: Vec<Choice>,
    sectors: Vec<Choice>,
    assessors: Vec<Choice>,
    sorts: Vec<Choice>,
    key_only: bool,
    rows: Vec<ListRow>,
    summary: String,
    export: String,
    previous: Option<String>,
    next: Option<String>,
}

/// The summary line above the list.
fn summary(w: &Words, lang: Lang, page: i64, shown: usize, total: i64) -> String {
    let pages = ((total + PAGE - 1) / PAGE).max(1);
    let n = |x: i64| thousands(x, lang);
    if shown == 0 {
        return fill(w.summary_none, &[("page", &n(page)), ("total", &n(total))]);
    }
    let first = (page - 1) * PAGE + 1;
    fill(
        w.summary_rows,
        &[
            ("first", &n(first)),
            ("last", &n(first + shown as i64 - 1)),
            ("total", &n(total)),
            ("page", &n(page)),
            ("pages", &n(pages)),
        ],
    )
}

/// `GET /staff`: a page of the list, by triage unless sorted by date, with filters and search.
/// An assessor's list holds only the requests assigned to them; an administrator, who sees no
/// request, goes to the accounts.
pub(super) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
    Query(mut filter): Query<Filter>,
) -> Result<Response, AppError> {
    let officer = match staff.role {
        Role::Admin => return Ok(Redirect::to(Role::Admin.home()).into_response()),
        Role::Assessor => {
            filter.only_assessor = Some(staff.id);
            filter.assessor.clear();
            false
        }
        Role::Officer => true,
    };
    let page = page_number(filter.page);
    let query = filter.clone();
    let (total, rows, assessors) = state
        .db
        .read(move |conn| {
            let rows = store::page(conn, &query, page)?;
            let mut listed = Vec::with_capacity(rows.len());
            for r in rows {
                let same = if officer {
                    store::duplicates(conn, r.id, &r.tax_code, &r.company_key, DUPLICATES)?
                } else {
                    Vec::new()
                };
                listed.push((r, same));
            }
            let assessors = if officer { store::assessors(conn)? } else { Vec::new() };
            Ok((store::count(conn, &query)?, listed, assessors))
        })
        .await?;
    let lang = staff.lang;
    let w = words(lang);
    let summary = summary(w, lang, page, rows.len(), total);
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(n, (r, duplicates))| ListRow {
            rank: (page - 1) * PAGE + n as i64 + 1,
            received: day_time(&r.received_at),
            company: cut(&r.company, LIST_NAME),
            sector: sector_word(&r.sector, lang),
            status: status_word(&r.status, lang),
            assessor: r.assessor.unwrap_or_else(|| w.not_assigned.to_owned()),
            points: fill(w.points, &[("n", &thousands(r.triage.points, lang))]),
            reasons: reasons(&r.triage, lang),
            duplicates,
            receipt: r.receipt,
        })
        .collect();
    let all = |current: &str| choice("", w.all, current);
    let statuses = std::iter::once(all(&filter.status))
        .chain(Status::ALL.iter().map(|st| choice(st.as_str(), st.word(lang), &filter.status)))
        .collect();
    let sectors = std::iter::once(all(&filter.sector))
        .chain(
            sxsh_core::checklist::active()
                .sectors
                .iter()
                .map(|x| choice(&x.id, &sector_word(&x.id, lang), &filter.sector)),
        )
        .collect();
    let assessors = [all(&filter.assessor), choice("none", w.not_assigned, &filter.assessor)]
        .into_iter()
        .chain(assessors.iter().map(|a| choice(&a.id.to_string(), &a.username, &filter.assessor)))
        .collect();
    let sort = filter.sort.as_str();
    let sorts = vec![
        choice(Sort::Triage.as_str(), w.sort_triage, sort),
        choice(Sort::Date.as_str(), w.sort_date, sort),
    ];
    let pages = ((total + PAGE - 1) / PAGE).max(1);
    render(&ListPage {
        frame: Frame::new(&state, &staff, &uri.to_string()),
        heading: if officer { w.list_heading } else { w.list_heading_assessor },
        officer,
        statuses,
        sectors,
        assessors,
        sorts,
        key_only: filter.key == "yes",
        rows,
        summary,
        export: format!("/staff/export.csv?{}", filter_query(&filter)),
        previous: (page > 1).then(|| page_href(&filter, page - 1)),
        next: (page < pages).then(|| page_href(&filter, page + 1)),
        filter,
    })
}

/// A field of the correction form.
struct CorrectField {
    name: &'static str,
    label: &'static str,
    value: String,
    max: usize,
}

/// A note as the request's page shows it.
struct NoteLine {
    at: String,
    author: String,
    text: String,
}

/// A note's text in the reader's language.
fn note_text(text: NoteText, w: &Words, lang: Lang) -> String {
    match text {
        NoteText::Said(text) => text,
        NoteText::Status { from, to } => fill(
            w.note_status,
            &[("from", &status_word(&from, lang)), ("to", &status_word(&to, lang))],
        ),
        NoteText::Assigned(name) => fill(w.note_assigned, &[("name", &name)]),
        NoteText::Corrected(fields) => {
            let named: Vec<&str> = fields
                .iter()
                .map(|f| match f.as_str() {
                    "name" => w.contact_name,
                    "position" => w.position,
                    "phone" => w.phone,
                    "email" => w.email,
                    "tax_code" => w.tax_code,
                    "training_withdrawn" => w.training_withdrawn,
                    "news_withdrawn" => w.news_withdrawn,
                    other => other,
                })
                .collect();
            fill(w.note_corrected, &[("fields", &named.join(", "))])
        }
        NoteText::Anonymised => w.note_anonymised.to_owned(),
    }
}

#[derive(Template)]
#[template(path = "detail.html")]
struct DetailPage {
    frame: Frame,
    csrf: String,
    officer: bool,
    receipt: String,
    company: String,
    received: String,
    status: String,
    tax_code: String,
    assessor: String,
    anonymised: Option<String>,
    points: String,
    reasons: Vec<String>,
    policy_note: String,
    duplicates: Vec<String>,
    assessors: Vec<Choice>,
    contact: Vec<(&'static str, String)>,
    consent: Vec<(&'static str, String)>,
    score: String,
    basis: String,
    savings: Vec<(String, String, String, String)>,
    statuses: Vec<Choice>,
    notes: Vec<NoteLine>,
    correct_fields: Vec<CorrectField>,
    answers: Vec<(String, String, String)>,
    /// Issue 24: the progress updates and the follow-up (`follow_up_section.html`).
    follow_up: super::followup::Section,
}

/// Records that `staff` did `action` (a view, a download) to `receipt`, in the background: a
/// page that only reads never waits for the database's writer. A failure is logged with the
/// entry itself, so the log line keeps it.
pub(super) fn log(state: &AppState, staff: &Staff, action: Action, receipt: Option<String>) {
    let actor = staff.username.clone();
    let db = state.db.clone();
    tokio::spawn(async move {
        let (who, what, which) = (actor.clone(), action.as_str(), receipt.clone());
        let done = db
            .write(move |conn| {
                Ok(audit::record(conn, &db::utc_now().1, &actor, action, receipt.as_deref())?)
            })
            .await;
        if let Err(why) = done {
            tracing::error!(
                ?why,
                actor = who,
                action = what,
                receipt = which,
                "the audit log was not written"
            );
        }
    });
}

/// `GET /staff/requests/{receipt}`: everything about one request (for an assessor, only one
/// assigned to them, without the forms).
pub(super) async fn detail(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    uri: Uri,
    Path(receipt): Path<String>,
) -> Result<Response, AppError> {
    let (reader, lang) = (staff.clone(), staff.lang);
    let officer = staff.role == Role::Officer;
    let loaded = state
        .db
        .read(move |conn| {
            if store::visible(conn, &reader, &receipt)?.is_none() {
                return Ok(None);
            }
            let Some(r) = store::load(conn, &receipt)? else { return Ok(None) };
            let notes = store::notes(conn, r.id)?;
            let (duplicates, assessors) = if officer {
                (
                    store::duplicates(conn, r.id, &r.tax_code, &r.company_key, DUPLICATES)?,
                    store::assessors(conn)?,
                )
            } else {
                (Vec::new(), Vec::new())
            };
            let list = sxsh_core::checklist::active();
            let draft = &r.assessment.draft;
            let built = sxsh_core::report::build(
                list,
                draft,
                &AssessmentResults::of(list, draft),
                lang,
                &r.received_at,
            );
            let follow_up = super::followup::section(conn, r.id, lang, true)?;
            Ok(Some((r, notes, built, duplicates, assessors, follow_up)))
        })
        .await?;
    let Some((r, notes, built, duplicates, assessors, follow_up)) = loaded else {
        return Ok(not_found(&state, &staff));
    };
    log(&state, &staff, Action::RequestViewed, Some(r.receipt.clone()));
    let w = words(lang);
    let (c, p) = (&r.contact, &r.production);
    let bills = match p.bills {
        Bills::Unstated => w.bills_unstated,
        Bills::Yes => w.bills_yes,
        Bills::Partly => w.bills_partly,
        Bills::No => w.bills_no,
    };
    let contact = vec![
        (w.contact_name, c.name.clone()),
        (w.position, c.position.clone()),
        (w.phone, c.phone.clone()),
        (w.email, c.email.clone()),
        (w.preferred_period, c.preferred_period.clone()),
        (w.bills, bills.to_owned()),
        (w.equipment, p.equipment.clone()),
        (w.schedule, p.schedule.clone()),
        (w.enterprise_notes, c.notes.clone()),
    ];
    let yes_no = |b: bool| if b { w.yes } else { w.no }.to_owned();
    let consent = vec![
        (w.consent_request, yes_no(r.consent.request)),
        (w.consent_training, yes_no(r.consent.training)),
        (w.consent_news, yes_no(r.consent.news)),
        (w.consent_notice, r.consent.notice_version.clone()),
        (w.consent_at, day_time(&r.consent.given_at)),
    ];
    let field =
        |name, label, value: &str, max| CorrectField { name, label, value: value.to_owned(), max };
    let correct_fields = vec![
        field("name", w.contact_name, &c.name, free_text::NAME.max_chars),
        field("tax_code", w.tax_code, &c.tax_code, free_text::TAX_CODE.max_chars),
        field("position", w.position, &c.position, free_text::NAME.max_chars),
        field("phone", w.phone, &c.phone, free_text::PHONE.max_chars),
        field("email", w.email, &c.email, free_text::EMAIL.max_chars),
    ];
    let current = r.assessor_id.map(|id| id.to_string()).unwrap_or_default();
    render(&DetailPage {
        frame: Frame::new(&state, &staff, &uri.to_string()),
        csrf: staff.csrf.clone(),
        officer,
        company: built.company.clone(),
        received: day_time(&r.received_at),
        status: status_word(&r.status, lang),
        tax_code: if r.tax_code.is_empty() { w.not_given.to_owned() } else { r.tax_code.clone() },
        assessor: r.assessor.clone().unwrap_or_else(|| w.not_assigned.to_owned()),
        anonymised: r.anonymised_at.as_deref().map(day_time),
        points: fill(w.points, &[("n", &thousands(r.triage.points, lang))]),
        reasons: reasons(&r.triage, lang),
        policy_note: super::triage::policy()
            .map(|p| p.policy_note(lang).to_owned())
            .unwrap_or_default(),
        duplicates,
        assessors: std::iter::once(choice("", w.choose, &current))
            .chain(assessors.iter().map(|a| choice(&a.id.to_string(), &a.username, &current)))
            .collect(),
        contact,
        consent,
        score: built.score.clone().unwrap_or_else(|| "–".into()),
        basis: built.score_basis.clone(),
        savings: built
            .savings
            .iter()
            .map(|l| (l.name.clone(), l.share.clone(), l.money.clone(), l.co2.clone()))
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|st| choice(st.as_str(), st.word(lang), &r.status))
            .collect(),
        notes: notes
            .into_iter()
            .map(|n| NoteLine {
                at: day_time(&n.at),
                author: n.author,
                text: note_text(n.text, w, lang),
            })
            .collect(),
        correct_fields,
        answers: built
            .answers
            .iter()
            .map(|a| (a.section.clone(), a.question.clone(), a.answer.clone()))
            .collect(),
        follow_up,
        receipt: r.receipt,
    })
}

/// Applies a change and goes back to the request's page (or the list, after a deletion).
async fn change(
    state: &AppState,
    staff: &Staff,
    receipt: String,
    change: Change,
) -> Result<Response, AppError> {
    let back = if matches!(change, Change::Delete) {
        "/staff".to_owned()
    } else {
        format!("/staff/requests/{receipt}")
    };
    let author = staff.username.clone();
    let found =
        state.db.write(move |conn| Ok(store::apply(conn, &receipt, &author, change)?)).await?;
    if found { Ok(Redirect::to(&back).into_response()) } else { Ok(not_found(state, staff)) }
}

/// A refusal of a form on a request's page, with the page to go back to.
fn refused(
    state: &AppState,
    staff: &Staff,
    receipt: &str,
    heading: &str,
    problems: Vec<String>,
) -> Result<Response, AppError> {
    let back = format!("/staff/requests/{receipt}");
    refusal(Frame::new(state, staff, &back), heading, problems, &back)
}

#[derive(Deserialize)]
pub(super) struct StatusForm {
    csrf: String,
    status: String,
}

/// `POST /staff/requests/{receipt}/status`; the change is also noted.
pub(super) async fn set_status(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let Some(status) = Status::parse(&form.status) else {
        let w = words(staff.lang);
        return refused(&state, &staff, &receipt, w.not_done, vec![w.unknown_status.into()]);
    };
    change(&state, &staff, receipt, Change::Status(status)).await
}

#[derive(Deserialize)]
pub(super) struct AssignForm {
    csrf: String,
    assessor: String,
}

/// `POST /staff/requests/{receipt}/assessor`: assigns (or changes) the request's assessor,
/// one of the active assessor accounts; the first assignment schedules the request.
pub(super) async fn assign(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<AssignForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let assessors = state.db.read(|conn| Ok(store::assessors(conn)?)).await?;
    let chosen = form.assessor.trim().parse::<i64>().ok();
    let Some(assessor) = assessors.into_iter().find(|a| Some(a.id) == chosen) else {
        let w = words(staff.lang);
        return refused(&state, &staff, &receipt, w.not_done, vec![w.unknown_assessor.into()]);
    };
    let assign = Change::Assign { assessor_id: assessor.id, username: assessor.username };
    change(&state, &staff, receipt, assign).await
}

#[derive(Deserialize)]
pub(super) struct NoteForm {
    csrf: String,
    text: String,
}

/// `POST /staff/requests/{receipt}/notes`.
pub(super) async fn add_note(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<NoteForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let text: String = form.text.trim().chars().take(4_000).collect();
    if text.is_empty() {
        return Ok(Redirect::to(&format!("/staff/requests/{receipt}")).into_response());
    }
    change(&state, &staff, receipt, Change::Note(text)).await
}

#[derive(Deserialize)]
pub(super) struct CorrectForm {
    csrf: String,
    name: String,
    #[serde(default)]
    tax_code: Option<String>,
    position: String,
    phone: String,
    email: String,
    #[serde(default)]
    withdraw_training: Option<String>,
    #[serde(default)]
    withdraw_news: Option<String>,
}

/// `POST /staff/requests/{receipt}/correct`: the data subject's right to correct the contact
/// and withdraw the optional consents (and the enterprise's tax code, when it was mistyped).
/// The corrected contact passes the same validation as a new request; the note names the
/// fields that changed, not their values.
pub(super) async fn correct(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<CorrectForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let lookup = receipt.clone();
    let stored = state.db.read(move |conn| Ok(store::load(conn, &lookup)?)).await?;
    let Some(r) = stored else { return Ok(not_found(&state, &staff)) };
    let contact = Contact {
        name: form.name.trim().to_owned(),
        tax_code: form.tax_code.as_deref().unwrap_or(&r.contact.tax_code).trim().to_owned(),
        position: form.position.trim().to_owned(),
        phone: form.phone.trim().to_owned(),
        email: form.email.trim().to_owned(),
        ..r.contact.clone()
    };
    let consent = Consent {
        training: r.consent.training && form.withdraw_training.is_none(),
        news: r.consent.news && form.withdraw_news.is_none(),
        ..r.consent.clone()
    };
    // The same checks as a new request, on the request as it would read after the correction.
    let check = AssessmentRequest {
        kind: request::KIND.into(),
        version: request::VERSION,
        idempotency_key: "correction-0000000000".into(),
        contact: contact.clone(),
        production: r.production.clone(),
        consent: Consent { request: true, ..consent.clone() },
        assessment: r.assessment.clone(),
    };
    let lang = staff.lang;
    let problems: Vec<String> = request::validate(&check)
        .into_iter()
        .filter(|e| e.field.starts_with("contact."))
        .map(|e| match lang {
            Lang::Vi => e.vi,
            Lang::En => e.en,
        })
        .collect();
    if !problems.is_empty() {
        return refused(&state, &staff, &r.receipt, words(lang).not_corrected, problems);
    }
    let mut changed = Vec::new();
    for (name, before, after) in [
        ("name", &r.contact.name, &contact.name),
        ("tax_code", &r.contact.tax_code, &contact.tax_code),
        ("position", &r.contact.position, &contact.position),
        ("phone", &r.contact.phone, &contact.phone),
        ("email", &r.contact.email, &contact.email),
    ] {
        if before != after {
            changed.push(name);
        }
    }
    if consent.training != r.consent.training {
        changed.push("training_withdrawn");
    }
    if consent.news != r.consent.news {
        changed.push("news_withdrawn");
    }
    if changed.is_empty() {
        return Ok(Redirect::to(&format!("/staff/requests/{}", r.receipt)).into_response());
    }
    let correction = Change::Correct { contact: Box::new(contact), consent, changed };
    change(&state, &staff, receipt, correction).await
}

/// How a request is erased.
#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Erasure {
    /// The contact person's data goes; the company, answers and results stay.
    Anonymise,
    /// The request and its notes go; the processing log keeps the receipt.
    Delete,
}

#[derive(Deserialize)]
pub(super) struct EraseForm {
    csrf: String,
    how: Erasure,
    /// The receipt, typed again to confirm.
    #[serde(default)]
    confirm: String,
}

/// `POST /staff/requests/{receipt}/erase`: anonymises or deletes the request (the data
/// subject's rights), once its receipt is typed again.
pub(super) async fn erase(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<EraseForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    if form.confirm.trim() != receipt {
        let w = words(staff.lang);
        return refused(&state, &staff, &receipt, w.not_done, vec![w.receipt_mismatch.into()]);
    }
    let erasure = match form.how {
        Erasure::Anonymise => Change::Anonymise,
        Erasure::Delete => Change::Delete,
    };
    change(&state, &staff, receipt, erasure).await
}

#[derive(Deserialize)]
pub(super) struct AuditQuery {
    #[serde(default)]
    page: Option<i64>,
}

struct AuditRow {
    at: String,
    actor: String,
    action: String,
    object: String,
    /// The object is a request (linked to its page).
    receipt: bool,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    frame: Frame,
    officer: bool,
    entries: Vec<AuditRow>,
    previous: Option<String>,
    next: Option<String>,
}

/// `GET /staff/audit`: the processing log, newest first, 50 a page (officers and
/// administrators).
pub(super) async fn audit(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Oversight>,
    uri: Uri,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let page = page_number(query.page);
    log(&state, &staff, Action::AuditViewed, None);
    let entries = state
        .db
        .read(move |conn| Ok(audit::entries(conn, PAGE + 1, (page - 1).saturating_mul(PAGE))?))
        .await?;
    let more = entries.len() as i64 > PAGE;
    let (lang, w) = (staff.lang, words(staff.lang));
    let entries = entries
        .into_iter()
        .take(PAGE as usize)
        .map(|e| {
            let account = e.receipt.strip_prefix(super::admin::ACCOUNT_OBJECT).map(str::to_owned);
            AuditRow {
                at: day_time(&e.at),
                actor: e.actor,
                action: action_word(&e.action, lang).to_owned(),
                receipt: account.is_none() && !e.receipt.is_empty(),
                object: account
                    .map_or(e.receipt, |name| fill(w.account_object, &[("name", &name)])),
            }
        })
        .collect();
    render(&AuditPage {
        frame: Frame::new(&state, &staff, &uri.to_string()),
        officer: staff.role == Role::Officer,
        entries,
        previous: (page > 1).then(|| format!("/staff/audit?page={}", page - 1)),
        next: more.then(|| format!("/staff/audit?page={}", page + 1)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_on_a_character_boundary() {
        assert_eq!(cut("Dệt may", 3), "Dệt…");
        assert_eq!(cut("Dệt", 3), "Dệt");
        assert_eq!(cut("", 3), "");
    }

    #[test]
    fn totals_read_with_the_readers_thousands() {
        assert_eq!(thousands(0, Lang::Vi), "0");
        assert_eq!(thousands(999, Lang::Vi), "999");
        assert_eq!(thousands(1000, Lang::Vi), "1.000");
        assert_eq!(thousands(132_378, Lang::Vi), "132.378");
        assert_eq!(thousands(1_000_000, Lang::En), "1,000,000");
    }

    #[test]
    fn page_numbers_stay_in_range() {
        assert_eq!(page_number(None), 1);
        assert_eq!(page_number(Some(0)), 1);
        assert_eq!(page_number(Some(-5)), 1);
        assert_eq!(page_number(Some(7)), 7);
        assert_eq!(page_number(Some(i64::MAX)), LAST_PAGE);
    }

    #[test]
    fn page_links_keep_the_filters_encoded() {
        let filter = Filter {
            q: "Dệt & may".into(),
            status: "new".into(),
            key: "yes".into(),
            sort: Sort::Date,
            ..Filter::default()
        };
        assert_eq!(
            page_href(&filter, 2),
            "/staff?status=new&sector=&assessor=&key=yes&q=D%E1%BB%87t%20%26%20may&from=&to=&sort=date&page=2"
        );
    }

    #[test]
    fn the_summary_counts_in_the_readers_words() {
        assert_eq!(
            summary(&super::super::words::VI, Lang::Vi, 2, 50, 1_234),
            "Yêu cầu 51–100 trên tổng số 1.234 (trang 2/25)."
        );
        assert_eq!(
            summary(&super::super::words::EN, Lang::En, 30, 0, 1_234),
            "No requests on page 30; 1,234 in all."
        );
    }

    #[test]
    fn the_services_notes_read_in_words() {
        let w = words(Lang::En);
        let status = NoteText::Status { from: "new".into(), to: "scheduled".into() };
        assert_eq!(note_text(status, w, Lang::En), "Status: New → Scheduled");
        let corrected = NoteText::Corrected(vec!["phone".into(), "news_withdrawn".into()]);
        assert_eq!(
            note_text(corrected, words(Lang::Vi), Lang::Vi),
            "Đã sửa: Điện thoại, rút đồng ý nhận bản tin"
        );
    }
}
