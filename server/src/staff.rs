//! The Department staff's pages: log in, list and filter requests, read one (contact, consent,
//! answers, results, notes), change its status, add notes, download its report (PDF or JSON,
//! regenerated from the stored answers with `sxsh_core`) and export the list as CSV.
//!
//! Server-rendered HTML; every user-supplied value goes through `escape`. Passwords are argon2
//! hashes; sessions are random tokens in an HttpOnly, SameSite=Strict cookie; every form carries
//! the session's CSRF token; logins are rate-limited per address.
//!
//! This file holds the routes and what the parts share (the page frame, its stylesheet,
//! escaping, the short refusals); `auth` logs staff in and out, `pages` renders the list and a
//! request's page and takes their forms, `export` serves the reports and the CSV, and `store`
//! reads and writes the stored requests and their notes.

mod auth;
mod export;
mod pages;
mod store;

pub use auth::create_staff;

use crate::AppState;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

/// The staff pages' routes, merged into the service's router by `app`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff", get(pages::list))
        .route("/staff/staff.css", get(stylesheet))
        .route("/staff/login", get(auth::login_form).post(auth::login))
        .route("/staff/logout", post(auth::logout))
        .route("/staff/export.csv", get(export::export_csv))
        .route("/staff/requests/{receipt}", get(pages::detail))
        .route("/staff/requests/{receipt}/status", post(pages::set_status))
        .route("/staff/requests/{receipt}/notes", post(pages::add_note))
        .route("/staff/requests/{receipt}/report.json", get(export::report_json))
        .route("/staff/requests/{receipt}/report.pdf", get(export::report_pdf))
}

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

/// A whole staff page around `body` (already escaped HTML), never cached.
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

/// `GET /staff/staff.css`: the staff pages' only stylesheet (no inline styles under the CSP).
async fn stylesheet() -> Response {
    let css = "body{font-family:system-ui,Arial,sans-serif;margin:0;color:#1b1f23}main{max-width:1100px;margin:0 auto;padding:16px}\
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:6px;text-align:left;vertical-align:top}\
        form.inline{display:inline}label{display:block;margin:8px 0 4px}input,select,textarea,button{font:inherit;padding:6px}\
        .muted{color:#4a5560}nav a{margin-right:12px}";
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], css).into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "forbidden").into_response()
}
