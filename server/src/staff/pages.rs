//! The staff pages behind the login: the list of requests with its filters and search, one
//! request's page (contact, consent, recomputed results, notes, answers), and that page's two
//! forms, a new status and a new note (both CSRF-checked). Dates and times read dd/mm/yyyy HH:MM
//! in Vietnam's time; the filters' date inputs and the exports keep ISO.

use super::auth::{Session, form_session, session};
use super::store::{self, Filter, list_rows, load};
use super::{escape, forbidden, not_found, page};
use crate::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sxsh_core::dates::day_time;
use sxsh_core::request::Bills;

/// The statuses a request moves through.
const STATUSES: [&str; 5] = ["new", "contacted", "scheduled", "assessed", "closed"];

/// A table row of escaped cells.
fn row(cells: &[&str]) -> String {
    let cells: String = cells.iter().map(|c| format!("<td>{}</td>", escape(c))).collect();
    format!("<tr>{cells}</tr>")
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
pub(super) async fn list(
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
                escape(&day_time(&r.received_at)),
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

/// `GET /staff/requests/{receipt}`: everything about one request.
pub(super) async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
) -> Response {
    let Some(s) = session(&state, &headers) else {
        return Redirect::to("/staff/login").into_response();
    };
    let Some(r) = load(&state, &receipt) else { return not_found() };
    let built = r.report();
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
        escape(&day_time(&r.consent.given_at))
    );
    let savings: String =
        built.savings.iter().map(|l| row(&[&l.name, &l.share, &l.money, &l.co2])).collect();
    let answers: String =
        built.answers.iter().map(|a| row(&[&a.section, &a.question, &a.answer])).collect();
    let notes: String = store::notes(&state, r.id)
        .iter()
        .map(|n| {
            format!(
                "<li>{} – {}: {}</li>",
                escape(&day_time(&n.at)),
                escape(&n.author),
                escape(&n.text)
            )
        })
        .collect();
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
        received = escape(&day_time(&r.received_at)),
        status = escape(&r.status),
        score = escape(built.score.as_deref().unwrap_or("–")),
        basis = escape(&built.score_basis),
    );
    page(&r.receipt, &body)
}

#[derive(Deserialize)]
pub(super) struct StatusForm {
    csrf: String,
    status: String,
}

/// `POST /staff/requests/{receipt}/status` (CSRF-checked); the change is also noted.
pub(super) async fn set_status(
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
    if store::change_status(&state, &r, &form.status, &s.username) {
        Redirect::to(&format!("/staff/requests/{}", r.receipt)).into_response()
    } else {
        (StatusCode::INTERNAL_SERVER_ERROR, "internal").into_response()
    }
}

#[derive(Deserialize)]
pub(super) struct NoteForm {
    csrf: String,
    text: String,
}

/// `POST /staff/requests/{receipt}/notes` (CSRF-checked).
pub(super) async fn add_note(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<NoteForm>,
) -> Response {
    let Some(s) = form_session(&state, &headers, &form.csrf) else { return forbidden() };
    let text: String = form.text.trim().chars().take(4_000).collect();
    let Some(r) = load(&state, &receipt) else { return not_found() };
    if !text.is_empty() && !store::add_note(&state, r.id, &s.username, &text) {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal").into_response();
    }
    Redirect::to(&format!("/staff/requests/{}", r.receipt)).into_response()
}
