//! The widget's own page, `/` and `/index.html` of the built widget, configured for this service
//! (issue 22). The page's container, `<div id="sxsh-widget" …>`, gets the attributes that point
//! the widget here: `data-endpoint="/api/requests"` and, for each `[department]` setting that is
//! set, `data-department`, `data-email` and `data-phone`, and what only the Department can say
//! (`data-rapid-assessment-free`, `-days`, `data-courses-vi/-en/-url`,
//! `data-contact-name/-phone/-email`: `Department::offer_attributes`). So the page at the address
//! the README gives sends requests to this service, and states the Department's offer, with no
//! extra step. An attribute the page already has
//! is kept as it is and not added again; every value is HTML-escaped, so a quote or a `<` in a
//! setting stays text. The container is found by lol_html's HTML parser (comments and scripts
//! are not mistaken for it); a page without it is served as it is. Every other file, the
//! demo page at /demo/ included, is served unchanged by `ServeDir` in `app`.
//!
//! The configured page is kept in memory and made again only when the file's modification time
//! or length changes (a `trunk build` while the service runs), so it never names stylesheets a
//! rebuild removed. It is sent as `ServeDir` sends HTML (`Content-Type: text/html`), under the
//! same security headers, which `app` adds to every response.

use crate::{AppState, Settings};
use axum::Router;
use axum::body::Bytes;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Where the widget sends requests on this service (the route of `crate::submit`).
const ENDPOINT: &str = "/api/requests";

/// The root page's routes, merged into the service's router by `app`.
pub fn routes(settings: &Settings) -> Router<AppState> {
    let page = Arc::new(RootPage::new(settings));
    let serve = move || {
        let page = page.clone();
        async move { page.response().await }
    };
    Router::new().route("/", get(serve.clone())).route("/index.html", get(serve))
}

/// The page's file, the attributes it gets, and the last page made from the file.
struct RootPage {
    file: PathBuf,
    attributes: Vec<(&'static str, String)>,
    made: Mutex<Option<(Stamp, Bytes)>>,
}

/// What tells a changed file: its modification time and length.
type Stamp = (Option<SystemTime>, u64);

impl RootPage {
    fn new(settings: &Settings) -> RootPage {
        let department = &settings.department;
        let attributes = [
            ("data-endpoint", ENDPOINT),
            ("data-department", department.name.as_str()),
            ("data-email", department.email.as_str()),
            ("data-phone", department.phone.as_str()),
        ]
        .into_iter()
        .chain(department.offer_attributes())
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| (name, value.trim().to_owned()))
        .collect();
        RootPage { file: settings.dist.join("index.html"), attributes, made: Mutex::default() }
    }

    async fn response(&self) -> Response {
        match self.page().await {
            Ok(page) => ([(header::CONTENT_TYPE, "text/html")], page).into_response(),
            Err(why) if why.kind() == std::io::ErrorKind::NotFound => {
                StatusCode::NOT_FOUND.into_response()
            }
            Err(why) => {
                tracing::error!(%why, file = %self.file.display(), "cannot read the root page");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }

    /// The configured page: the one kept while the file is unchanged, else made again.
    async fn page(&self) -> std::io::Result<Bytes> {
        let metadata = tokio::fs::metadata(&self.file).await?;
        let stamp = (metadata.modified().ok(), metadata.len());
        if let Ok(made) = self.made.lock()
            && let Some((made_from, page)) = made.as_ref()
            && *made_from == stamp
        {
            return Ok(page.clone());
        }
        let page = match String::from_utf8(tokio::fs::read(&self.file).await?) {
            Ok(html) => Bytes::from(configure(&html, &self.attributes)),
            Err(not_text) => Bytes::from(not_text.into_bytes()),
        };
        if let Ok(mut made) = self.made.lock() {
            *made = Some((stamp, page.clone()));
        }
        Ok(page)
    }
}

/// `html` with `attributes` added to the widget's container (the element with
/// `id="sxsh-widget"`, found by lol_html's HTML parser), except those it already has. A page the
/// rewriter cannot read is served as it is, and said in the log.
fn configure(html: &str, attributes: &[(&str, String)]) -> String {
    let settings = lol_html::RewriteStrSettings::new().append_element_content_handler(
        lol_html::element!("#sxsh-widget", |container| {
            for (name, value) in attributes {
                if !container.has_attribute(name) {
                    // Escaped whole here; lol_html then finds no quote left to escape.
                    container.set_attribute(name, &escape(value))?;
                }
            }
            Ok(())
        }),
    );
    lol_html::rewrite_str(html, settings).unwrap_or_else(|why| {
        tracing::error!(%why, "cannot configure the root page; it is served as it is");
        html.to_owned()
    })
}

/// Escapes text for a quoted attribute value (lol_html writes the value as given).
fn escape(text: &str) -> String {
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
