//! The Department staff's pages: log in, list and filter requests page by page, read one
//! (contact, consent, answers, results, notes), change its status, add notes, correct,
//! anonymise or delete it (the data subject's rights), download its report (PDF or JSON,
//! regenerated from the stored answers with `sxsh_core`), export the list as CSV, and read the
//! processing log.
//!
//! Pages are askama templates (`server/templates/`), which escape every value by default; user
//! text sits in `<bdi>` so a right-to-left override cannot reorder what is around it. Every
//! staff response is `Cache-Control: no-store`. The parts: `auth` (accounts, the login and its
//! back-off, sessions, the `Staff` extractor, the same-origin check), `pages` (the list, one
//! request, their forms), `export` (reports and the streamed CSV), `store` (reading and
//! changing stored requests), `accounts` (the administrator's commands).

pub mod accounts;
mod auth;
mod export;
mod pages;
mod store;

pub use accounts::create_staff;
pub use auth::{Staff, UnknownNames};

use crate::AppState;
use crate::error::AppError;
use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

/// The staff pages' routes, merged into the service's router by `app`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff", get(pages::list))
        .route("/staff/staff.css", get(stylesheet))
        .route("/staff/login", get(auth::login_form).post(auth::login))
        .route("/staff/logout", post(auth::logout))
        .route("/staff/audit", get(pages::audit))
        .route("/staff/export.csv", get(export::export_csv))
        .route("/staff/requests/{receipt}", get(pages::detail))
        .route("/staff/requests/{receipt}/status", post(pages::set_status))
        .route("/staff/requests/{receipt}/notes", post(pages::add_note))
        .route("/staff/requests/{receipt}/correct", post(pages::correct))
        .route("/staff/requests/{receipt}/erase", post(pages::erase))
        .route("/staff/requests/{receipt}/report.json", get(export::report_json))
        .route("/staff/requests/{receipt}/report.pdf", get(export::report_pdf))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// A rendered page.
fn render(page: &impl Template) -> Result<Response, AppError> {
    let html = page.render().map_err(|e| AppError::Internal(format!("template: {e}")))?;
    Ok(Html(html).into_response())
}

/// A page with a heading, one message and a link back.
#[derive(Template)]
#[template(path = "notice.html")]
struct Notice<'a> {
    heading: &'a str,
    text: &'a str,
    back: &'a str,
}

/// A refusal page (422): a correction that does not validate, a confirmation that does not
/// match.
fn refusal(heading: &str, text: &str, back: &str) -> Result<Response, AppError> {
    let mut response = render(&Notice { heading, text, back })?;
    *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

/// `GET /staff/staff.css`: the staff pages' only stylesheet (no inline styles under the CSP).
async fn stylesheet() -> Response {
    let css = "body{font-family:system-ui,Arial,sans-serif;margin:0;color:#1b1f23}main{max-width:1100px;margin:0 auto;padding:16px}\
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}\
        form.inline{display:inline}label{display:block;margin:8px 0 4px}input,select,textarea,button{font:inherit;padding:6px}\
        .muted{color:#4a5560}nav a{margin-right:12px}.notice{border-left:4px solid #b35900;padding:8px}details{margin:8px 0}";
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], css).into_response()
}
