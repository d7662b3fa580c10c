//! The staff pages behind the login: the list of requests (filters, search, 50 a page with the
//! total), one request's page (contact, consent, recomputed results, notes, answers) and its
//! forms (status, note, correct, erase: anonymise or delete; all CSRF-checked, each recorded in the
//! notes and the processing log), and the processing log itself. Dates and times read
//! dd/mm/yyyy HH:MM in Vietnam's time; the filters' date inputs and the exports keep ISO. Long
//! company names are cut on the list (the request's page shows them whole).

use super::auth::{Allowed, Casework, Officers, Oversight, Role, Staff};
use super::store::{self, Change, Filter, PAGE, Status};
use super::{Frame, not_found, refusal, render};
use crate::audit::{self, Action};
use crate::error::AppError;
use crate::{AppState, db};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sxsh_core::dates::day_time;
use sxsh_core::free_text;
use sxsh_core::request::{self, AssessmentRequest, Bills, Consent, Contact};

/// Characters of a company name shown on the list.
const LIST_NAME: usize = 80;
/// The last page number read (far beyond any list; keeps the page arithmetic in range).
const LAST_PAGE: i64 = 1_000_000_000;

/// The page asked for, from 1 to `LAST_PAGE`.
fn page_number(asked: Option<i64>) -> i64 {
    asked.unwrap_or(1).clamp(1, LAST_PAGE)
}

/// An `<option>`.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choice(value: &str, label: &str, current: &str) -> Choice {
    Choice { value: value.into(), label: label.into(), selected: value == current }
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

/// The list's address for another page, with the same filters.
fn page_href(filter: &Filter, page: i64) -> String {
    format!(
        "/staff?status={}&sector={}&q={}&from={}&to={}&page={page}",
        query_value(&filter.status),
        query_value(&filter.sector),
        query_value(&filter.q),
        query_value(&filter.from),
        query_value(&filter.to)
    )
}

/// Vietnamese thousands (the core's number format): 132378 → "132.378".
fn thousands(n: i64) -> String {
    sxsh_core::numbers::format(n as f64, sxsh_core::i18n::Lang::Vi, 0)
}

struct ListRow {
    receipt: String,
    received: String,
    company: String,
    sector: String,
    status: String,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    frame: Frame,
    filter: Filter,
    statuses: Vec<Choice>,
    sectors: Vec<Choice>,
    rows: Vec<ListRow>,
    summary: String,
    previous: Option<String>,
    next: Option<String>,
}

/// `GET /staff`: a page of the list with filters and search; an assessor's list holds only the
/// requests assigned to them; an administrator, who sees no request, goes to the accounts.
pub(super) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
    Query(mut filter): Query<Filter>,
) -> Result<Response, AppError> {
    match staff.role {
        Role::Admin => return Ok(Redirect::to(Role::Admin.home()).into_response()),
        Role::Assessor => filter.only_assessor = Some(staff.id),
        Role::Officer => {}
    }
    let page = page_number(filter.page);
    let query = filter.clone();
    let (total, rows) = state
        .db
        .read(move |conn| Ok((store::count(conn, &query)?, store::page(conn, &query, page)?)))
        .await?;
    let list = sxsh_core::checklist::active();
    let pages = ((total + PAGE - 1) / PAGE).max(1);
    let first = (page - 1) * PAGE + 1;
    let summary = if rows.is_empty() {
        format!(
            "Không có yêu cầu nào trên trang {page}. / No requests on page {page}; {} in all.",
            thousands(total)
        )
    } else {
        let last = first + rows.len() as i64 - 1;
        format!(
            "Yêu cầu {}–{} trên tổng số {} (trang {}/{}). / Requests {}–{} of {} (page {} of {}).",
            thousands(first),
            thousands(last),
            thousands(total),
            thousands(page),
            thousands(pages),
            thousands(first),
            thousands(last),
            thousands(total),
            thousands(page),
            thousands(pages)
        )
    };
    let rows = rows
        .into_iter()
        .map(|r| ListRow {
            received: day_time(&r.received_at),
            company: cut(&r.company, LIST_NAME),
            sector: list
                .sectors
                .iter()
                .find(|x| x.id == r.sector)
                .map_or(r.sector.clone(), |x| x.vi.clone()),
            status: Status::parse(&r.status)
                .map_or(r.status.clone(), |s| s.word(staff.lang).to_owned()),
            receipt: r.receipt,
        })
        .collect();
    let statuses = std::iter::once(choice("", "Tất cả / All", &filter.status))
        .chain(
            Status::ALL.iter().map(|st| choice(st.as_str(), st.word(staff.lang), &filter.status)),
        )
        .collect();
    let sectors = std::iter::once(choice("", "Tất cả / All", &filter.sector))
        .chain(list.sectors.iter().map(|x| choice(&x.id, &x.vi, &filter.sector)))
        .collect();
    let previous = (page > 1).then(|| page_href(&filter, page - 1));
    let next = (page < pages).then(|| page_href(&filter, page + 1));
    render(&ListPage {
        frame: Frame::new(&state, &staff, &uri.to_string()),
        filter,
        statuses,
        sectors,
        rows,
        summary,
        previous,
        next,
    })
}

/// A field of the correction form.
struct CorrectField {
    name: &'static str,
    label: &'static str,
    value: String,
    max: usize,
}

#[derive(Template)]
#[template(path = "detail.html")]
struct DetailPage {
    frame: Frame,
    csrf: String,
    receipt: String,
    company: String,
    received: String,
    status: String,
    anonymised: Option<String>,
    contact: Vec<(&'static str, String)>,
    consent: String,
    score: String,
    basis: String,
    savings: Vec<(String, String, String, String)>,
    statuses: Vec<Choice>,
    notes: Vec<store::Note>,
    correct_fields: Vec<CorrectField>,
    answers: Vec<(String, String, String)>,
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
/// assigned to them).
pub(super) async fn detail(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    uri: Uri,
    Path(receipt): Path<String>,
) -> Result<Response, AppError> {
    let reader = staff.clone();
    let loaded = state
        .db
        .read(move |conn| {
            if store::visible(conn, &reader, &receipt)?.is_none() {
                return Ok(None);
            }
            let Some(r) = store::load(conn, &receipt)? else { return Ok(None) };
            let notes = store::notes(conn, r.id)?;
            let report = r.report();
            Ok(Some((r, notes, report)))
        })
        .await?;
    let Some((r, notes, built)) = loaded else { return Ok(not_found(&state, &staff)) };
    log(&state, &staff, Action::RequestViewed, Some(r.receipt.clone()));
    let c = &r.contact;
    let p = &r.production;
    let bills = match p.bills {
        Bills::Unstated => "chưa trả lời / not answered",
        Bills::Yes => "có, đủ 12 tháng / yes, 12 months",
        Bills::Partly => "một phần / some",
        Bills::No => "không / no",
    };
    let contact = vec![
        ("Người liên hệ / Contact", c.name.clone()),
        ("Chức vụ / Position", c.position.clone()),
        ("Điện thoại / Phone", c.phone.clone()),
        ("Thư điện tử / E-mail", c.email.clone()),
        ("Thời gian mong muốn / Preferred period", c.preferred_period.clone()),
        ("Hóa đơn 12 tháng / 12 months of bills", bills.to_owned()),
        ("Thiết bị chính / Main equipment", p.equipment.clone()),
        ("Chế độ làm việc / Working schedule", p.schedule.clone()),
        ("Ghi chú / Notes", c.notes.clone()),
    ];
    let consent = format!(
        "Yêu cầu / request: {}; đào tạo / training: {}; bản tin / news: {}; thông báo / notice {}; lúc / at {}",
        r.consent.request,
        r.consent.training,
        r.consent.news,
        r.consent.notice_version,
        day_time(&r.consent.given_at)
    );
    let correct_fields = vec![
        CorrectField {
            name: "name",
            label: "Người liên hệ / Contact",
            value: c.name.clone(),
            max: free_text::NAME.max_chars,
        },
        CorrectField {
            name: "position",
            label: "Chức vụ / Position",
            value: c.position.clone(),
            max: free_text::NAME.max_chars,
        },
        CorrectField {
            name: "phone",
            label: "Điện thoại / Phone",
            value: c.phone.clone(),
            max: free_text::PHONE.max_chars,
        },
        CorrectField {
            name: "email",
            label: "Thư điện tử / E-mail",
            value: c.email.clone(),
            max: free_text::EMAIL.max_chars,
        },
    ];
    render(&DetailPage {
        frame: Frame::new(&state, &staff, &uri.to_string()),
        csrf: staff.csrf.clone(),
        company: built.company.clone(),
        received: day_time(&r.received_at),
        status: Status::parse(&r.status)
            .map_or(r.status.clone(), |s| s.word(staff.lang).to_owned()),
        anonymised: r.anonymised_at.as_deref().map(day_time),
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
            .map(|st| choice(st.as_str(), st.word(staff.lang), &r.status))
            .collect(),
        notes: notes.into_iter().map(|n| store::Note { at: day_time(&n.at), ..n }).collect(),
        correct_fields,
        answers: built
            .answers
            .iter()
            .map(|a| (a.section.clone(), a.question.clone(), a.answer.clone()))
            .collect(),
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
    if found { Ok(Redirect::to(&back).into_response()) } else { Err(AppError::NotFound) }
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
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, "unknown status").into_response());
    };
    change(&state, &staff, receipt, Change::Status(status)).await
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
    position: String,
    phone: String,
    email: String,
    #[serde(default)]
    withdraw_training: Option<String>,
    #[serde(default)]
    withdraw_news: Option<String>,
}

/// `POST /staff/requests/{receipt}/correct`: the data subject's right to correct the contact
/// and withdraw the optional consents. The corrected contact passes the same validation as a
/// new request; the note names the fields that changed, not their values.
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
    let Some(r) = stored else { return Err(AppError::NotFound) };
    let contact = Contact {
        name: form.name.trim().to_owned(),
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
    let problems: Vec<String> = request::validate(&check)
        .into_iter()
        .filter(|e| e.field.starts_with("contact."))
        .map(|e| format!("{} / {}", e.vi, e.en))
        .collect();
    if !problems.is_empty() {
        let back = format!("/staff/requests/{}", r.receipt);
        return refusal(
            Frame::new(&state, &staff, &back),
            "Chưa sửa được / Not corrected",
            &problems.join(" · "),
            &back,
        );
    }
    let mut changed = Vec::new();
    for (name, before, after) in [
        ("name", &r.contact.name, &contact.name),
        ("position", &r.contact.position, &contact.position),
        ("phone", &r.contact.phone, &contact.phone),
        ("email", &r.contact.email, &contact.email),
    ] {
        if before != after {
            changed.push(name);
        }
    }
    if consent.training != r.consent.training {
        changed.push("training consent withdrawn");
    }
    if consent.news != r.consent.news {
        changed.push("news consent withdrawn");
    }
    if changed.is_empty() {
        return Ok(Redirect::to(&format!("/staff/requests/{}", r.receipt)).into_response());
    }
    change(
        &state,
        &staff,
        receipt,
        Change::Correct { contact: Box::new(contact), consent, changed },
    )
    .await
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
        let back = format!("/staff/requests/{receipt}");
        return refusal(
            Frame::new(&state, &staff, &back),
            "Chưa thực hiện / Not done",
            "Số biên nhận nhập vào không khớp. / The receipt typed does not match.",
            &back,
        );
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
    receipt: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    frame: Frame,
    entries: Vec<AuditRow>,
    previous: Option<String>,
    next: Option<String>,
}

/// `GET /staff/audit`: the processing log, newest first, 50 a page.
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
    let entries = entries
        .into_iter()
        .take(PAGE as usize)
        .map(|e| AuditRow {
            at: day_time(&e.at),
            actor: e.actor,
            action: e.action,
            receipt: e.receipt,
        })
        .collect();
    render(&AuditPage {
        frame: Frame::new(&state, &staff, &uri.to_string()),
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
    fn totals_read_with_vietnamese_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1.000");
        assert_eq!(thousands(132_378), "132.378");
        assert_eq!(thousands(1_000_000), "1.000.000");
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
        let filter = Filter { q: "Dệt & may".into(), status: "new".into(), ..Filter::default() };
        assert_eq!(
            page_href(&filter, 2),
            "/staff?status=new&sector=&q=D%E1%BB%87t%20%26%20may&from=&to=&page=2"
        );
    }
}
