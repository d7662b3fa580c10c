//! The rapid-assessment record (issue 23): the assessor's app and its page, the record's API,
//! its history and its report.
//!
//! - `GET /staff/assessments`: the requests assigned to the assessor, with their record's last
//!   revision. `GET /staff/assessments/{receipt}`: the page that mounts the assessor's app
//!   (`crates/assessor`, served from `dist/assessor/` under `/staff/app/`) with the receipt, the
//!   session's CSRF token, the assessor's username (whose drafts it keeps) and the language; an officer, who reads the record but never edits
//!   it, is sent to its history.
//! - `GET /staff/api/assessments/{receipt}`: the record (its last revision, or the one prefilled
//!   from the request) with the checklist's choices (`rapid_assessment::opened`).
//!   `POST` the same with an `Upload` and `X-CSRF-Token`: validated by the core
//!   (`rapid_assessment::validate`, 422 with the field errors), stored as the next revision
//!   exactly once per idempotency key (the same key again: the same `Saved`; with another body:
//!   422 `key_reused`), answered `Saved`. A new save whose `base_revision` is not the latest
//!   revision (another device saved since) is refused with 409 `stale_base`, the latest revision
//!   and its record: no save overwrites one it has not seen. A record saved complete makes the request `assessed`
//!   (noted and logged). The API answers in JSON: 401 without a session, 403 when the record is
//!   not the reader's to read (or, for a save, to write: only the assigned assessor writes), 403
//!   `stale_token` for a save without the session's CSRF token (a page older than the session).
//! - `GET /staff/assessments/{receipt}/history`: every revision, who saved it, when, and what
//!   it changed in words (`changes`). `GET /staff/assessments/{receipt}/report.pdf`: the core's
//!   Vietnamese report of the last revision with the Department's contact from the settings.
//!
//! Officers and the assigned assessor read; an unassigned assessor gets the "not found" page
//! (as for the request itself), an administrator the 403 page. Saves and reports are in the
//! processing log. The revisions live in `assessment_revisions` (`revisions`).

mod changes;
mod revisions;
mod words;

use super::auth::{Allowed, Assessors, Casework, Role, Staff};
use super::store::{self, Change, PAGE, Status};
use super::{Frame, not_found, render};
use crate::audit::Action;
use crate::error::AppError;
use crate::{AppState, db};
use askama::Template;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use revisions::{Revision, Stored};
use serde::{Deserialize, Serialize};
use sxsh_core::checklist;
use sxsh_core::dates::day_time;
use sxsh_core::i18n::fill;
use sxsh_core::rapid_assessment::{self, RapidAssessment, Upload};
use sxsh_core::request::{self, AssessmentRequest};
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use words::{RapidWords, rapid_words};

/// The routes, merged into the staff pages' by `staff::routes`.
pub(super) fn routes() -> Router<AppState> {
    let pages = Router::new()
        .route("/staff/assessments", get(list))
        .route("/staff/assessments/{receipt}", get(record_page))
        .route("/staff/assessments/{receipt}/history", get(history))
        .route("/staff/assessments/{receipt}/report.pdf", get(report_pdf))
        .route(
            "/staff/api/assessments/{receipt}",
            get(api_read).post(api_save).layer(DefaultBodyLimit::max(rapid_assessment::MAX_BYTES)),
        )
        .layer(axum::middleware::from_fn(super::words::switch_language))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    // The app's files are named without a hash: the browser asks each time whether they changed.
    // They go compressed (brotli or gzip, as the browser accepts): a tablet on a poor mobile
    // connection loads about a third of the bytes.
    let app = Router::new()
        .route("/staff/app/{*file}", get(app_file))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(CompressionLayer::new());
    pages.merge(app)
}

/// `GET /staff/app/{file}`: the assessor's app as built into `dist/assessor/`.
async fn app_file(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let rest = parts.uri.path().strip_prefix("/staff/app").unwrap_or("/").to_owned();
    parts.uri = rest.parse().unwrap_or_default();
    let files = ServeDir::new(state.settings.dist.join("assessor"));
    match files.oneshot(Request::from_parts(parts, body)).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

/// The words of a page for `staff`.
fn w(staff: &Staff) -> &'static RapidWords {
    rapid_words(staff.lang)
}

/// The request behind a stored one, as the core's record and report take it.
fn as_request(stored: store::StoredRequest) -> AssessmentRequest {
    AssessmentRequest {
        kind: request::KIND.into(),
        version: request::VERSION,
        idempotency_key: String::new(),
        contact: stored.contact,
        production: stored.production,
        consent: stored.consent,
        assessment: stored.assessment,
    }
}

/// The page asked for, from 1.
#[derive(Deserialize)]
struct PageQuery {
    page: Option<i64>,
}

impl PageQuery {
    fn number(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 1_000_000_000)
    }
}

/// One assigned request on the list.
struct ListRow {
    receipt: String,
    company: String,
    received: String,
    status: String,
    record: String,
}

#[derive(Template)]
#[template(path = "rapid_list.html")]
struct ListPage {
    frame: Frame,
    w: &'static RapidWords,
    rows: Vec<ListRow>,
    previous: Option<String>,
    next: Option<String>,
}

/// `GET /staff/assessments`: the requests assigned to the assessor, 50 a page.
async fn list(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Assessors>,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = query.number();
    let assessor = staff.id;
    let (rows, total) = state
        .db
        .read(move |conn| Ok(revisions::assigned(conn, assessor, (page - 1) * PAGE, PAGE)?))
        .await?;
    let w = w(&staff);
    let lang = staff.lang;
    let rows = rows
        .into_iter()
        .map(|r| ListRow {
            record: match &r.last {
                Some((n, at)) => {
                    fill(w.revision_at, &[("n", &n.to_string()), ("at", &day_time(at))])
                }
                None => w.not_saved.into(),
            },
            status: Status::parse(&r.status).map_or(r.status.clone(), |s| s.word(lang).into()),
            received: day_time(&r.received_at),
            receipt: r.receipt,
            company: r.company,
        })
        .collect();
    let href = |n: i64| format!("/staff/assessments?page={n}");
    let frame = Frame::new(&state, &staff, &href(page));
    render(&ListPage {
        frame,
        w,
        rows,
        previous: (page > 1).then(|| href(page - 1)),
        next: (page * PAGE < total).then(|| href(page + 1)),
    })
}

#[derive(Template)]
#[template(path = "rapid_record.html")]
struct RecordPage {
    frame: Frame,
    w: &'static RapidWords,
    receipt: String,
    company: String,
    csrf: String,
    /// Whose drafts the app keeps (on a shared tablet, each assessor's apart).
    username: String,
}

/// `GET /staff/assessments/{receipt}`: the assessor's app for an assigned request; an officer
/// reads the record's history.
async fn record_page(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    Path(receipt): Path<String>,
) -> Result<Response, AppError> {
    if staff.role == Role::Officer {
        return Ok(Redirect::to(&format!("/staff/assessments/{receipt}/history")).into_response());
    }
    let (reader, lookup) = (staff.clone(), receipt.clone());
    let company = state
        .db
        .read(move |conn| {
            if store::visible(conn, &reader, &lookup)?.is_none() {
                return Ok(None);
            }
            Ok(store::load(conn, &lookup)?.map(|r| r.assessment.draft.profile.company))
        })
        .await?;
    let Some(company) = company else { return Ok(not_found(&state, &staff)) };
    let frame = Frame::new(&state, &staff, &format!("/staff/assessments/{receipt}"));
    let (csrf, username) = (staff.csrf.clone(), staff.username.clone());
    render(&RecordPage { frame, w: w(&staff), receipt, company, csrf, username })
}

/// One revision on the history page.
struct HistoryRow {
    revision: u32,
    author: String,
    at: String,
    changes: Vec<String>,
}

#[derive(Template)]
#[template(path = "rapid_history.html")]
struct HistoryPage {
    frame: Frame,
    w: &'static RapidWords,
    receipt: String,
    company: String,
    /// The assigned assessor may open the record to edit it.
    editor: bool,
    rows: Vec<HistoryRow>,
    previous: Option<String>,
    next: Option<String>,
}

/// `GET /staff/assessments/{receipt}/history`: the revisions, newest first, 50 a page, each with
/// what it changed from the one before (the first: from the record prefilled from the request).
async fn history(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    Path(receipt): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = query.number();
    let (reader, lookup) = (staff.clone(), receipt.clone());
    let lang = staff.lang;
    let found = state
        .db
        .read(move |conn| {
            let Some(id) = store::visible(conn, &reader, &lookup)? else { return Ok(None) };
            let Some(stored) = store::load(conn, &lookup)? else { return Ok(None) };
            let company = stored.assessment.draft.profile.company.clone();
            let total = revisions::count(conn, id)?;
            let (list, before) = revisions::page(conn, id, (page - 1) * PAGE, PAGE)?;
            let list_ = checklist::active();
            let start = before
                .map(|b| b.record)
                .unwrap_or_else(|| rapid_assessment::prefill(list_, &as_request(stored), &lookup));
            Ok(Some((company, total, rows(list_, list, start, lang))))
        })
        .await?;
    let Some((company, total, rows)) = found else { return Ok(not_found(&state, &staff)) };
    let href = |n: i64| format!("/staff/assessments/{receipt}/history?page={n}");
    let frame = Frame::new(&state, &staff, &href(page));
    render(&HistoryPage {
        frame,
        w: w(&staff),
        editor: staff.role == Role::Assessor,
        receipt: receipt.clone(),
        company,
        rows,
        previous: (page > 1).then(|| href(page - 1)),
        next: (page * PAGE < total).then(|| href(page + 1)),
    })
}

/// The history's rows: each revision (newest first) with what it changed from the one before;
/// `start` is the record before the oldest of them.
fn rows(
    list: &checklist::Checklist,
    newest_first: Vec<Revision>,
    start: RapidAssessment,
    lang: sxsh_core::i18n::Lang,
) -> Vec<HistoryRow> {
    let w = rapid_words(lang);
    let mut before = start;
    let mut rows: Vec<HistoryRow> = newest_first
        .into_iter()
        .rev()
        .map(|r| {
            let mut changes = changes::changes(w, list, &before, &r.record, lang);
            if r.revision == 1 {
                changes.insert(0, w.first.into());
            }
            before = r.record;
            HistoryRow {
                revision: r.revision,
                author: r.author,
                at: day_time(&r.saved_at),
                changes,
            }
        })
        .collect();
    rows.reverse();
    rows
}

/// `GET /staff/assessments/{receipt}/report.pdf`: the report of the record's last revision (or,
/// before the first save, of the record prefilled from the request, marked a draft).
async fn report_pdf(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    Path(receipt): Path<String>,
) -> Result<Response, AppError> {
    let (reader, lookup) = (staff.clone(), receipt.clone());
    let found = state
        .db
        .read(move |conn| {
            let Some(id) = store::visible(conn, &reader, &lookup)? else { return Ok(None) };
            let Some(stored) = store::load(conn, &lookup)? else { return Ok(None) };
            let latest = revisions::latest(conn, id)?;
            Ok(Some((as_request(stored), latest)))
        })
        .await?;
    let Some((request, latest)) = found else { return Ok(not_found(&state, &staff)) };
    let department = rapid_assessment::report::DepartmentContact {
        name: state.settings.department.name.clone(),
        details: state.settings.department.contact_lines(),
    };
    let of = receipt.clone();
    let made = super::export::pdf(&state, move |fonts| {
        let list = checklist::active();
        let (record, date) = match latest {
            Some(r) => (r.record, r.saved_at),
            None => (rapid_assessment::prefill(list, &request, &of), db::utc_now().1),
        };
        let report = rapid_assessment::report::build(
            list,
            &request,
            &record,
            &department,
            sxsh_core::i18n::Lang::Vi,
            &date,
        );
        rapid_assessment::report::to_pdf(&report, fonts)
    })
    .await?;
    super::pages::log(&state, &staff, Action::AssessmentReport, Some(receipt.clone()));
    let disposition = format!("attachment; filename=\"danh-gia-nhanh-{receipt}.pdf\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        made,
    )
        .into_response())
}

/// The API's answer to a reader without a session.
fn login_required() -> AppError {
    AppError::Refused(StatusCode::UNAUTHORIZED, "login_required", Vec::new())
}

/// The API's answer to a reader whose record this is not.
fn forbidden() -> AppError {
    AppError::Refused(StatusCode::FORBIDDEN, "forbidden", Vec::new())
}

/// The id of the request behind a record the API's reader may read: an officer any (404 when
/// there is none), an assessor only one assigned to them (403 otherwise, whether or not it
/// exists), an administrator none.
fn readable(conn: &rusqlite::Connection, staff: &Staff, receipt: &str) -> Result<i64, AppError> {
    match store::visible(conn, staff, receipt)? {
        Some(id) => Ok(id),
        None if staff.role == Role::Officer => Err(AppError::NotFound),
        None => Err(forbidden()),
    }
}

/// `GET /staff/api/assessments/{receipt}`: the record with its revision and the form's choices.
async fn api_read(
    State(state): State<AppState>,
    staff: Result<Staff, Response>,
    Path(receipt): Path<String>,
) -> Result<Response, AppError> {
    let staff = staff.map_err(|_| login_required())?;
    let opened = state
        .db
        .read(move |conn| {
            let id = readable(conn, &staff, &receipt)?;
            opened(conn, id, &receipt)
        })
        .await?;
    Ok(Json(opened).into_response())
}

/// The record of request `id` as it stands (its last revision, or the one prefilled from the
/// request) with the form's choices.
fn opened(
    conn: &rusqlite::Connection,
    id: i64,
    receipt: &str,
) -> Result<rapid_assessment::Opened, AppError> {
    let stored = store::load(conn, receipt)?.ok_or(AppError::NotFound)?;
    let saved = revisions::latest(conn, id)?.map(|r| (r.revision, r.record));
    Ok(rapid_assessment::opened(checklist::active(), &as_request(stored), receipt, saved))
}

/// The 409 answer to a save edited from an older revision: `stale_base` (also as `error`, the
/// outbox's refusal code) with the latest revision and its record, so the app offers the
/// assessor the choice between their version and the newer one.
#[derive(Serialize)]
struct StaleBase {
    error: &'static str,
    code: &'static str,
    revision: u32,
    record: rapid_assessment::RapidAssessment,
}

fn refused(code: &'static str, field: &str, vi: &str, en: &str) -> AppError {
    AppError::Refused(StatusCode::UNPROCESSABLE_ENTITY, code, vec![AppError::field(field, vi, en)])
}

/// An idempotency key as the app makes them (a UUID): 8 to 64 ASCII letters, digits and `-`.
fn is_key(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The upload in a body for the record `receipt`, or why it cannot be one.
fn parse(headers: &HeaderMap, body: &[u8], receipt: &str) -> Result<Upload, AppError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(AppError::Refused(StatusCode::UNSUPPORTED_MEDIA_TYPE, "json_required", vec![]));
    }
    let upload: Upload = serde_json::from_slice(body).map_err(|_| {
        refused(
            "invalid_structure",
            "body",
            "Nội dung gửi không phải hồ sơ đánh giá nhanh; hãy tải lại trang",
            "The body is not a rapid-assessment record; reload the page",
        )
    })?;
    let header_key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    if !is_key(&upload.idempotency_key) || header_key.is_some_and(|k| k != upload.idempotency_key) {
        return Err(refused(
            "key_mismatch",
            "idempotency_key",
            "Mã lần lưu không hợp lệ hoặc không khớp với tiêu đề",
            "The save's key is not valid or differs from the header's",
        ));
    }
    if upload.record.receipt != receipt {
        return Err(refused(
            "receipt_mismatch",
            "receipt",
            "Hồ sơ gửi lên thuộc một yêu cầu khác",
            "The record sent belongs to another request",
        ));
    }
    Ok(upload)
}

/// The statuses a completed record moves on from: a request assessed or closed stays so.
const BEFORE_ASSESSED: [Status; 3] = [Status::New, Status::Contacted, Status::Scheduled];

/// `POST /staff/api/assessments/{receipt}`: saves an upload of the assigned assessor.
async fn api_save(
    State(state): State<AppState>,
    staff: Result<Staff, Response>,
    Path(receipt): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let staff = staff.map_err(|_| login_required())?;
    let csrf = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or_default();
    // A page opened before the session it now runs in (logged in again elsewhere) carries the
    // old session's token: the app asks for a reload.
    staff
        .check_form(&state, &headers, csrf)
        .map_err(|_| AppError::Refused(StatusCode::FORBIDDEN, "stale_token", Vec::new()))?;
    if staff.role != Role::Assessor {
        return Err(forbidden());
    }
    let (reader, lookup) = (staff.clone(), receipt.clone());
    state.db.read(move |conn| readable(conn, &reader, &lookup)).await?;
    let upload = parse(&headers, &body, &receipt)?;
    // Validation and the hash are work linear in the body, off the async threads.
    let (upload, hash) = tokio::task::spawn_blocking(move || {
        let errors = rapid_assessment::validate(&upload.record, checklist::active());
        if !errors.is_empty() {
            return Err(AppError::Refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_fields",
                errors,
            ));
        }
        let json = serde_json::to_string(&upload)
            .map_err(|e| AppError::Internal(format!("serialising: {e}")))?;
        Ok((upload, db::sha256_hex(json.as_bytes())))
    })
    .await??;
    let author = staff.username.clone();
    state
        .db
        .write(move |conn| {
            // Checked again where it counts: the assignment may have changed meanwhile.
            let id = readable(conn, &staff, &receipt)?;
            // The enterprise's own figures are the request's, never the client's.
            let request = as_request(store::load(conn, &receipt)?.ok_or(AppError::NotFound)?);
            let mut upload = upload;
            rapid_assessment::with_reported(checklist::active(), &request, &mut upload.record);
            let stored = revisions::save(conn, id, &receipt, &author, &upload, &hash)?;
            let saved = match stored {
                Stored::Saved(saved) => saved,
                Stored::KeyReused => {
                    return Err(refused(
                        "key_reused",
                        "idempotency_key",
                        "Mã lần lưu này đã dùng cho một nội dung khác; hãy tải lại trang",
                        "This save's key was already used for other content; reload the page",
                    ));
                }
                Stored::Stale => {
                    let now = opened(conn, id, &receipt)?;
                    let stale = StaleBase {
                        error: "stale_base",
                        code: "stale_base",
                        revision: now.revision,
                        record: now.record,
                    };
                    return Ok((StatusCode::CONFLICT, Json(stale)).into_response());
                }
            };
            if upload.record.complete {
                let status: String =
                    conn.query_row("SELECT status FROM requests WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                if Status::parse(&status).is_some_and(|s| BEFORE_ASSESSED.contains(&s)) {
                    store::apply(conn, &receipt, &author, Change::Status(Status::Assessed))?;
                }
            }
            Ok(Json(saved).into_response())
        })
        .await
}
