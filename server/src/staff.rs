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
mod admin;
mod auth;
mod export;
pub(crate) mod followup;
pub(crate) mod followup_rows;
mod pages;
// The programme: the dashboard, the annual report and the open data.
mod programme;
mod rapid;
mod store;
pub mod triage;
pub mod words;

pub use accounts::create_staff;
pub use auth::{
    Admins, Allowed, Assessors, Casework, Officers, Oversight, Part, Reader, Role, Staff,
    UnknownNames,
};

use crate::AppState;
use crate::error::AppError;
use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use sxsh_core::i18n::Lang;
use tower_http::set_header::SetResponseHeaderLayer;
use words::Words;

/// The staff pages' routes, merged into the service's router by `app`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff", get(pages::list))
        .route("/staff/staff.css", get(stylesheet))
        .route("/staff/login", get(auth::login_form).post(auth::login))
        .route("/staff/logout", post(auth::logout))
        .route("/staff/audit", get(pages::audit))
        .route("/staff/accounts", get(admin::accounts).post(admin::create))
        .route("/staff/accounts/{username}", get(admin::account))
        .route("/staff/accounts/{username}/role", post(admin::set_role))
        .route("/staff/accounts/{username}/access", post(admin::set_access))
        .route("/staff/accounts/{username}/password", post(admin::reset_password))
        .route("/staff/accounts/{username}/sessions", post(admin::revoke_sessions))
        .route("/staff/export.csv", get(export::export_csv))
        .route("/staff/requests/{receipt}", get(pages::detail))
        .route("/staff/requests/{receipt}/status", post(pages::set_status))
        .route("/staff/requests/{receipt}/assessor", post(pages::assign))
        .route("/staff/requests/{receipt}/notes", post(pages::add_note))
        .route("/staff/requests/{receipt}/correct", post(pages::correct))
        .route("/staff/requests/{receipt}/erase", post(pages::erase))
        .route("/staff/requests/{receipt}/report.json", get(export::report_json))
        .route("/staff/requests/{receipt}/report.pdf", get(export::report_pdf))
        .layer(axum::middleware::from_fn(words::switch_language))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .merge(rapid::routes())
        .merge(followup::routes())
        .merge(programme::routes())
}

/// A link of the navigation.
pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
    /// The page being read is this one (`aria-current`).
    pub current: bool,
}

/// What `base.html` and `nav.html` need around every staff page: the language and its words,
/// the Department, the reader (none on the login page) with the navigation of their role, and
/// the language switch's address. Every page's template struct has a `frame` field.
pub struct Frame {
    pub lang: Lang,
    pub w: &'static Words,
    pub department: String,
    pub staff: Option<Staff>,
    /// The reader's role in words ("" before a login).
    pub role: &'static str,
    pub nav: Vec<NavLink>,
    /// The same page in the other language.
    pub switch: String,
}

impl Frame {
    /// The frame of a page at `here` (its path and query) for `staff`.
    pub fn new(state: &AppState, staff: &Staff, here: &str) -> Frame {
        let w = words::words(staff.lang);
        let links: &[(&'static str, &'static str)] = match staff.role {
            Role::Officer => &[
                ("/staff", w.nav_requests),
                ("/staff/follow-up", w.nav_follow_up),
                ("/staff/export.csv", w.nav_export),
                ("/staff/audit", w.nav_log),
                ("/staff/dashboard", programme::nav_label(staff.lang)),
            ],
            Role::Assessor => &[
                ("/staff", w.nav_my_requests),
                ("/staff/assessments", w.nav_assessments),
                ("/staff/follow-up", w.nav_follow_up),
            ],
            Role::Admin => &[("/staff/accounts", w.nav_accounts), ("/staff/audit", w.nav_log)],
        };
        let path = here.split('?').next().unwrap_or(here);
        // The page's own link: the longest one its path starts with.
        let current = links
            .iter()
            .map(|(href, _)| *href)
            .filter(|href| path == *href || path.starts_with(&format!("{href}/")))
            .max_by_key(|href| href.len());
        Frame {
            nav: links
                .iter()
                .map(|&(href, label)| NavLink { href, label, current: Some(href) == current })
                .collect(),
            staff: Some(staff.clone()),
            role: staff.role.word(staff.lang),
            ..Frame::public(state, staff.lang, here)
        }
    }

    /// The frame of a page nobody is logged in to (the login).
    pub fn public(state: &AppState, lang: Lang, here: &str) -> Frame {
        Frame {
            lang,
            w: words::words(lang),
            department: department_line(state),
            staff: None,
            role: "",
            nav: Vec::new(),
            switch: words::switch_href(here, lang.other()),
        }
    }
}

/// An `<option>` of a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The option `value` shown as `label`, selected when it is `current`.
pub fn choice(value: &str, label: &str, current: &str) -> Choice {
    Choice { value: value.into(), label: label.into(), selected: value == current }
}

/// The Department's name, e-mail and phone, as far as configured.
fn department_line(state: &AppState) -> String {
    let d = &state.settings.department;
    [d.name.as_str(), d.email.as_str(), d.phone.as_str()]
        .iter()
        .filter(|x| !x.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A rendered page.
fn render(page: &impl Template) -> Result<Response, AppError> {
    let html = page.render().map_err(|e| AppError::Internal(format!("template: {e}")))?;
    Ok(Html(html).into_response())
}

/// A page with a heading, what went wrong (one line or a list) and a link back.
#[derive(Template)]
#[template(path = "notice.html")]
struct Notice<'a> {
    frame: Frame,
    heading: &'a str,
    lines: Vec<String>,
    back: &'a str,
}

/// A notice page with `status`.
fn notice(
    status: StatusCode,
    frame: Frame,
    heading: &str,
    lines: Vec<String>,
    back: &str,
) -> Result<Response, AppError> {
    let mut response = render(&Notice { frame, heading, lines, back })?;
    *response.status_mut() = status;
    Ok(response)
}

/// A refusal page (422) with every problem listed: a correction that does not validate, a
/// confirmation that does not match.
fn refusal(
    frame: Frame,
    heading: &str,
    problems: Vec<String>,
    back: &str,
) -> Result<Response, AppError> {
    notice(StatusCode::UNPROCESSABLE_ENTITY, frame, heading, problems, back)
}

/// The 403 page: what `staff` asked for is outside their role's part.
fn denied(state: &AppState, staff: Staff) -> Response {
    let home = staff.role.home();
    let frame = Frame::new(state, &staff, home);
    let w = frame.w;
    notice(StatusCode::FORBIDDEN, frame, w.denied_title, vec![w.denied_text.into()], home)
        .unwrap_or_else(IntoResponse::into_response)
}

/// The 404 page of a request that does not exist or, for an assessor, is not assigned to them
/// (the two read the same, so an assessor learns nothing of the others).
fn not_found(state: &AppState, staff: &Staff) -> Response {
    let home = staff.role.home();
    let frame = Frame::new(state, staff, home);
    let w = frame.w;
    notice(StatusCode::NOT_FOUND, frame, w.not_found_title, vec![w.not_found_text.into()], home)
        .unwrap_or_else(IntoResponse::into_response)
}

/// The widget's design files, compiled in: the staff pages look like one product with it.
const WIDGET_STYLE: [&str; 3] = [
    include_str!("../../style/tokens.css"),
    include_str!("../../style/base.css"),
    include_str!("../../style/components.css"),
];

/// The staff stylesheet: the widget's tokens, base and components with their scope moved from
/// the widget's root (`#sxsh-widget.cp-root`, `#sxsh-widget`) to the page's body, then the
/// workspace's own rules (`server/templates/staff.css`), which use the tokens only.
fn staff_css() -> &'static str {
    static CSS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSS.get_or_init(|| {
        let mut css: String = WIDGET_STYLE
            .iter()
            .map(|file| {
                file.replace("#sxsh-widget.cp-root", "body").replace("#sxsh-widget ", "body ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        css.push_str(include_str!("../templates/staff.css"));
        css
    })
}

/// `GET /staff/staff.css`: the staff pages' only stylesheet (no inline styles under the CSP).
async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], staff_css()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_takes_the_widgets_tokens_and_leaves_no_widget_scope() {
        let css = staff_css();
        assert!(!css.contains("#sxsh-widget"), "every rule is rescoped to the body");
        // The token values come from style/tokens.css, not a copy.
        let tokens = WIDGET_STYLE[0];
        for token in ["--cp-color-accent:", "--cp-color-focus:", "--cp-target:"] {
            let line = tokens.lines().find(|l| l.contains(token)).expect("a token");
            assert!(css.contains(line.trim()), "{token}");
        }
        assert!(css.contains("body :focus-visible"), "the widget's focus ring");
        assert!(css.contains("min-height: var(--cp-target)"), "44 px targets");
    }
}
