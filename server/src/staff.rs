//! The Department staff's pages: log in, list and filter requests, read one (contact, consent,
//! answers, results, notes), change its status, add notes, download its report (PDF or JSON,
//! regenerated from the stored answers with the widget's core) and export the list as CSV.
//!
//! Server-rendered HTML; every user-supplied value goes through `escape`. Passwords are argon2
//! hashes; sessions are random tokens in an HttpOnly, SameSite=Strict cookie; every form carries
//! the session's CSRF token; logins are rate-limited per address.

use crate::{AppState, db};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use std::net::SocketAddr;
use sxsh_core::export::{self, AssessmentFile, AssessmentResults};
use sxsh_core::i18n::Lang;
use sxsh_core::report;
use sxsh_core::request::Bills;

/// The session cookie's name.
pub const COOKIE: &str = "sxsh_staff";
/// How long a session lasts, in seconds (8 hours).
const SESSION_SECONDS: i64 = 8 * 3600;
/// The statuses a request moves through.
pub const STATUSES: [&str; 5] = ["new", "contacted", "scheduled", "assessed", "closed"];

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A table row of escaped cells.
fn row(cells: &[&str]) -> String {
    let cells: String = cells.iter().map(|c| format!("<td>{}</td>", escape(c))).collect();
    format!("<tr>{cells}</tr>")
}

fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Creates a staff account (the `create-staff` subcommand uses this).
pub fn create_staff(
    conn: &rusqlite::Connection,
    username: &str,
    password: &str,
) -> Result<(), String> {
    if username.trim().is_empty() || password.chars().count() < 12 {
        return Err(
            "the username must not be empty and the password needs at least 12 characters".into()
        );
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| e.to_string())?
        .to_string();
    conn.execute(
        "INSERT INTO staff (username, password_hash) VALUES (?1, ?2)",
        params![username.trim(), hash],
    )
    .map_err(|e| e.to_string())?;
    Ok(())
}

/// A logged-in staff member.
struct Session {
    username: String,
    csrf: String,
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then(|| value.to_owned())
        })
}

fn session(state: &AppState, headers: &HeaderMap) -> Option<Session> {
    let token = cookie_token(headers)?;
    let conn = state.db.lock().ok()?;
    conn.query_row(
        "SELECT staff.username, sessions.csrf FROM sessions JOIN staff ON staff.id = sessions.staff_id
         WHERE sessions.token = ?1 AND sessions.expires_at > ?2",
        params![token, now_seconds()],
        |r| Ok(Session { username: r.get(0)?, csrf: r.get(1)? }),
    )
    .optional()
    .ok()
    .flatten()
}

fn page(title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} – SXSH</title><link rel=\"stylesheet\" href=\"/staff/staff.css\"></head><body><main>{body}</main></body></html>",
        escape(title)
    );
    let mut response = Html(html).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

/// The session behind a form post, if its CSRF token matches and it comes from this site.
fn form_session(state: &AppState, headers: &HeaderMap, csrf: &str) -> Option<Session> {
    session(state, headers).filter(|s| s.csrf == csrf && same_origin(headers))
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "forbidden").into_response()
}

/// Whether a form post comes from the staff pages themselves: its `Origin` (which browsers send
/// with every POST) names this host. This guards the login form, which has no session yet, and
/// backs up the CSRF token on every other form.
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => true,
        Some(origin) => host.is_some_and(|h| {
            origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(h)
        }),
    }
}

/// `GET /staff/staff.css`: the staff pages' only stylesheet (no inline styles under the CSP).
pub async fn stylesheet() -> Response {
    let css = "body{font-family:system-ui,Arial,sans-serif;margin:0;color:#1b1f23}main{max-width:1100px;margin:0 auto;padding:16px}\
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:6px;text-align:left;vertical-align:top}\
        form.inline{display:inline}label{display:block;margin:8px 0 4px}input,select,textarea,button{font:inherit;padding:6px}\
        .muted{color:#4a5560}nav a{margin-right:12px}";
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], css).into_response()
}

/// `GET /staff/login`.
pub async fn login_form() -> Response {
    page(
        "Đăng nhập",
        "<h1>Đăng nhập cán bộ Sở / Staff login</h1><form method=\"post\" action=\"/staff/login\">\
         <label for=\"u\">Tên đăng nhập / Username</label><input id=\"u\" name=\"username\" autocomplete=\"username\" required>\
         <label for=\"p\">Mật khẩu / Password</label><input id=\"p\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
         <p><button type=\"submit\">Đăng nhập / Log in</button></p></form>",
    )
}

#[derive(Deserialize)]
pub struct Login {
    username: String,
    password: String,
}

/// `POST /staff/login`: rate-limited per address; sets the session cookie.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(login): Form<Login>,
) -> Response {
    if !same_origin(&headers) {
        return forbidden();
    }
    if !crate::allow_in(&state.logins, client.ip(), 10) {
        return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "60")], "too many attempts")
            .into_response();
    }
    let found: Option<(i64, String)> = state.db.lock().ok().and_then(|conn| {
        conn.query_row(
            "SELECT id, password_hash FROM staff WHERE username = ?1",
            [login.username.trim()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .ok()
        .flatten()
    });
    let verified = found.filter(|(_, hash)| {
        PasswordHash::new(hash).is_ok_and(|parsed| {
            Argon2::default().verify_password(login.password.as_bytes(), &parsed).is_ok()
        })
    });
    let Some((staff_id, _)) = verified else {
        return page(
            "Đăng nhập",
            "<h1>Sai tên đăng nhập hoặc mật khẩu / Wrong username or password</h1><p><a href=\"/staff/login\">Thử lại / Try again</a></p>",
        );
    };
    let (Ok(token), Ok(csrf)) = (random_token(), random_token()) else { return forbidden() };
    let stored = state.db.lock().ok().map(|conn| {
        conn.execute(
            "INSERT INTO sessions (token, staff_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![token, staff_id, csrf, now_seconds() + SESSION_SECONDS],
        )
    });
    if !matches!(stored, Some(Ok(_))) {
        return forbidden();
    }
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{COOKIE}={token}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}{secure}"
    );
    let mut response = Redirect::to("/staff").into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

#[derive(Deserialize)]
pub struct Csrf {
    csrf: String,
}

/// `POST /staff/logout`.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Csrf>,
) -> Response {
    let Some(s) = form_session(&state, &headers, &form.csrf) else { return forbidden() };
    if let (Some(token), Ok(conn)) = (cookie_token(&headers), state.db.lock()) {
        _ = conn.execute("DELETE FROM sessions WHERE token = ?1", [token]);
    }
    tracing::info!(staff = %s.username, "logged out");
    Redirect::to("/staff/login").into_response()
}

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// One row of the list.
struct Row {
    receipt: String,
    received_at: String,
    company: String,
    sector: String,
    status: String,
    /// The separate consents: interest in training, the news.
    training: bool,
    news: bool,
}

fn list_rows(state: &AppState, filter: &Filter) -> Vec<Row> {
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

fn nav(s: &Session, department: &crate::Department) -> String {
    format!(
        "<p class=\"muted\">{}</p><nav><a href=\"/staff\">Danh sách yêu cầu / Requests</a><a href=\"/staff/export.csv\">Xuất CSV / Export CSV</a>\
         <form class=\"inline\" method=\"post\" action=\"/staff/logout\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <button type=\"submit\">Đăng xuất / Log out ({})</button></form></nav>",
        escape(
            &[department.name.as_str(), department.email.as_str(), department.phone.as_str()]
                .iter()
                .filter(|x| !x.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ")
        ),
        escape(&s.csrf),
        escape(&s.username)
    )
}

/// `GET /staff`: the list with filters and search.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<Filter>,
) -> Response {
    let Some(s) = session(&state, &headers) else {
        return Redirect::to("/staff/login").into_response();
    };
    let list = sxsh_core::checklist::active();
    let option = |value: &str, label: &str, current: &str| {
        let selected = if value == current { " selected" } else { "" };
        format!("<option value=\"{}\"{selected}>{}</option>", escape(value), escape(label))
    };
    let statuses: String = std::iter::once(option("", "Tất cả / All", &filter.status))
        .chain(STATUSES.iter().map(|st| option(st, st, &filter.status)))
        .collect();
    let sectors: String = std::iter::once(option("", "Tất cả / All", &filter.sector))
        .chain(list.sectors.iter().map(|x| option(&x.id, &x.vi, &filter.sector)))
        .collect();
    let rows: String = list_rows(&state, &filter)
        .iter()
        .map(|r| {
            let sector = list.sectors.iter().find(|x| x.id == r.sector).map_or(r.sector.as_str(), |x| x.vi.as_str());
            format!(
                "<tr><td><a href=\"/staff/requests/{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td></tr>",
                escape(&r.receipt),
                escape(&r.received_at),
                escape(&r.company),
                escape(sector),
                escape(&r.status)
            )
        })
        .collect();
    let body = format!(
        "{}<h1>Yêu cầu đánh giá nhanh SXSH / Rapid assessment requests</h1>\
         <form method=\"get\" action=\"/staff\"><label for=\"st\">Trạng thái / Status</label><select id=\"st\" name=\"status\">{statuses}</select>\
         <label for=\"se\">Ngành / Sector</label><select id=\"se\" name=\"sector\">{sectors}</select>\
         <label for=\"q\">Tìm / Search</label><input id=\"q\" name=\"q\" value=\"{}\">\
         <label for=\"f\">Từ ngày / From</label><input id=\"f\" name=\"from\" type=\"date\" value=\"{}\">\
         <label for=\"t\">Đến ngày / To</label><input id=\"t\" name=\"to\" type=\"date\" value=\"{}\">\
         <p><button type=\"submit\">Lọc / Filter</button></p></form>\
         <table><thead><tr><th>Số biên nhận / Receipt</th><th>Ngày nhận / Received</th><th>Doanh nghiệp / Company</th><th>Ngành / Sector</th><th>Trạng thái / Status</th></tr></thead><tbody>{rows}</tbody></table>",
        nav(&s, &state.settings.department),
        escape(&filter.q),
        escape(&filter.from),
        escape(&filter.to)
    );
    page("Yêu cầu", &body)
}

/// A stored request.
struct Stored {
    id: i64,
    receipt: String,
    received_at: String,
    status: String,
    contact: sxsh_core::request::Contact,
    production: sxsh_core::request::Production,
    consent: sxsh_core::request::Consent,
    assessment: AssessmentFile,
}

fn load(state: &AppState, receipt: &str) -> Option<Stored> {
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
    Some(Stored {
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

/// `GET /staff/requests/{receipt}`: everything about one request.
pub async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
) -> Response {
    let Some(s) = session(&state, &headers) else {
        return Redirect::to("/staff/login").into_response();
    };
    let Some(r) = load(&state, &receipt) else { return not_found() };
    let list = sxsh_core::checklist::active();
    let draft = &r.assessment.draft;
    let built =
        report::build(list, draft, &AssessmentResults::of(list, draft), Lang::Vi, &r.received_at);
    let c = &r.contact;
    let p = &r.production;
    let bills = match p.bills {
        Bills::Unstated => "chưa trả lời / not answered",
        Bills::Yes => "có, đủ 12 tháng / yes, 12 months",
        Bills::Partly => "một phần / some",
        Bills::No => "không / no",
    }
    .to_owned();
    let contact = [
        ("Người liên hệ / Contact", &c.name),
        ("Chức vụ / Position", &c.position),
        ("Điện thoại / Phone", &c.phone),
        ("Thư điện tử / E-mail", &c.email),
        ("Thời gian mong muốn / Preferred period", &c.preferred_period),
        ("Hóa đơn 12 tháng / 12 months of bills", &bills),
        ("Thiết bị chính / Main equipment", &p.equipment),
        ("Chế độ làm việc / Working schedule", &p.schedule),
        ("Ghi chú / Notes", &c.notes),
    ]
    .iter()
    .map(|(k, v)| format!("<tr><th>{}</th><td>{}</td></tr>", escape(k), escape(v)))
    .collect::<String>();
    let consent = format!(
        "Yêu cầu / request: {}; đào tạo / training: {}; bản tin / news: {}; thông báo / notice {}; lúc / at {}",
        r.consent.request,
        r.consent.training,
        r.consent.news,
        escape(&r.consent.notice_version),
        escape(&r.consent.given_at)
    );
    let savings: String =
        built.savings.iter().map(|l| row(&[&l.name, &l.share, &l.money, &l.co2])).collect();
    let answers: String =
        built.answers.iter().map(|a| row(&[&a.section, &a.question, &a.answer])).collect();
    let notes: String = state
        .db
        .lock()
        .ok()
        .and_then(|conn| {
            let mut st = conn
                .prepare("SELECT at, author, text FROM notes WHERE request_id = ?1 ORDER BY id")
                .ok()?;
            let rows = st
                .query_map([r.id], |x| {
                    Ok((x.get::<_, String>(0)?, x.get::<_, String>(1)?, x.get::<_, String>(2)?))
                })
                .ok()?;
            Some(
                rows.filter_map(Result::ok)
                    .map(|(at, who, text)| {
                        format!("<li>{} – {}: {}</li>", escape(&at), escape(&who), escape(&text))
                    })
                    .collect(),
            )
        })
        .unwrap_or_default();
    let statuses: String = STATUSES
        .iter()
        .map(|st| {
            format!(
                "<option value=\"{st}\"{}>{st}</option>",
                if *st == r.status { " selected" } else { "" }
            )
        })
        .collect();
    let token = escape(&s.csrf);
    let id = escape(&r.receipt);
    let body = format!(
        "{nav}<h1>{id}: {company}</h1><p class=\"muted\">Nhận lúc / Received {received}; trạng thái / status <strong>{status}</strong></p>\
         <p><a href=\"/staff/requests/{id}/report.pdf\">Báo cáo PDF</a> · <a href=\"/staff/requests/{id}/report.json\">JSON</a></p>\
         <h2>Liên hệ / Contact</h2><table>{contact}</table><h2>Đồng ý / Consent</h2><p>{consent}</p>\
         <h2>Kết quả (tính lại tại máy chủ) / Results (recomputed)</h2><p>Điểm / Score: {score}; {basis}</p>\
         <table><thead><tr><th>Dòng</th><th>Tỷ lệ</th><th>Tiền</th><th>CO2</th></tr></thead><tbody>{savings}</tbody></table>\
         <h2>Trạng thái / Status</h2><form method=\"post\" action=\"/staff/requests/{id}/status\"><input type=\"hidden\" name=\"csrf\" value=\"{token}\">\
         <label for=\"s\">Trạng thái mới / New status</label><select id=\"s\" name=\"status\">{statuses}</select> <button type=\"submit\">Lưu / Save</button></form>\
         <h2>Ghi chú / Notes</h2><ul>{notes}</ul><form method=\"post\" action=\"/staff/requests/{id}/notes\"><input type=\"hidden\" name=\"csrf\" value=\"{token}\">\
         <label for=\"n\">Ghi chú mới / New note</label><textarea id=\"n\" name=\"text\" rows=\"3\" cols=\"60\"></textarea> <button type=\"submit\">Thêm / Add</button></form>\
         <h2>Câu trả lời / Answers</h2><table><tbody>{answers}</tbody></table>",
        nav = nav(&s, &state.settings.department),
        company = escape(&built.company),
        received = escape(&r.received_at),
        status = escape(&r.status),
        score = escape(built.score.as_deref().unwrap_or("–")),
        basis = escape(&built.score_basis),
    );
    page(&r.receipt, &body)
}

#[derive(Deserialize)]
pub struct StatusForm {
    csrf: String,
    status: String,
}

fn note(
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

/// `POST /staff/requests/{receipt}/status` (CSRF-checked); the change is also noted.
pub async fn set_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<StatusForm>,
) -> Response {
    let Some(s) = form_session(&state, &headers, &form.csrf) else { return forbidden() };
    if !STATUSES.contains(&form.status.as_str()) {
        return (StatusCode::UNPROCESSABLE_ENTITY, "unknown status").into_response();
    }
    let Some(r) = load(&state, &receipt) else { return not_found() };
    let done = state.db.lock().ok().map(|conn| {
        conn.execute("UPDATE requests SET status = ?1 WHERE id = ?2", params![form.status, r.id])
            .and_then(|_| {
                note(
                    &conn,
                    r.id,
                    &s.username,
                    &format!("trạng thái / status: {} → {}", r.status, form.status),
                )
            })
    });
    match done {
        Some(Ok(_)) => Redirect::to(&format!("/staff/requests/{}", r.receipt)).into_response(),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "internal").into_response(),
    }
}

#[derive(Deserialize)]
pub struct NoteForm {
    csrf: String,
    text: String,
}

/// `POST /staff/requests/{receipt}/notes` (CSRF-checked).
pub async fn add_note(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<NoteForm>,
) -> Response {
    let Some(s) = form_session(&state, &headers, &form.csrf) else { return forbidden() };
    let text: String = form.text.trim().chars().take(4_000).collect();
    let Some(r) = load(&state, &receipt) else { return not_found() };
    if !text.is_empty() {
        let done = state.db.lock().ok().map(|conn| note(&conn, r.id, &s.username, &text));
        if !matches!(done, Some(Ok(_))) {
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal").into_response();
        }
    }
    Redirect::to(&format!("/staff/requests/{}", r.receipt)).into_response()
}

/// `GET /staff/requests/{receipt}/report.json`: the assessment file with recomputed results.
pub async fn report_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
) -> Response {
    if session(&state, &headers).is_none() {
        return forbidden();
    }
    let Some(r) = load(&state, &receipt) else { return not_found() };
    let json =
        export::to_json(&r.assessment.draft, &r.received_at, Some(sxsh_core::checklist::active()));
    ([(header::CONTENT_TYPE, "application/json")], json).into_response()
}

/// `GET /staff/requests/{receipt}/report.pdf`: the report regenerated with the widget's fonts.
pub async fn report_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
) -> Response {
    if session(&state, &headers).is_none() {
        return forbidden();
    }
    let Some(r) = load(&state, &receipt) else { return not_found() };
    let fonts = state.settings.dist.join("fonts");
    let (Ok(regular), Ok(bold)) = (
        std::fs::read(fonts.join("NotoSans-Regular-vi.ttf")),
        std::fs::read(fonts.join("NotoSans-Bold-vi.ttf")),
    ) else {
        return (StatusCode::SERVICE_UNAVAILABLE, "fonts unavailable").into_response();
    };
    let list = sxsh_core::checklist::active();
    let draft = &r.assessment.draft;
    let built =
        report::build(list, draft, &AssessmentResults::of(list, draft), Lang::Vi, &r.received_at);
    match report::pdf::to_pdf(&built, &report::pdf::Fonts { regular: &regular, bold: &bold }) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/pdf")], bytes).into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal").into_response(),
    }
}

/// `GET /staff/export.csv`: the (filtered) list for Excel.
pub async fn export_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<Filter>,
) -> Response {
    if session(&state, &headers).is_none() {
        return forbidden();
    }
    use report::csv::field;
    let mut out = String::from(report::csv::BOM);
    out.push_str(
        "\"receipt\",\"received_at\",\"company\",\"sector\",\"status\",\"training_interest\",\"news\"\r\n",
    );
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    for r in list_rows(&state, &filter) {
        let (training, news) = (yes_no(r.training), yes_no(r.news));
        let cells =
            [&r.receipt, &r.received_at, &r.company, &r.sector, &r.status, &training, &news]
                .map(|c| field(c));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"sxsh-requests.csv\""),
        ],
        out,
    )
        .into_response()
}
