//! The widget's own page, `/` and `/index.html` of the built widget, configured for this service
//! (issue 22). The page's container, `<div id="sxsh-widget" …>`, gets the attributes that point
//! the widget here: `data-endpoint="/api/requests"` and, for each `[department]` setting that is
//! set, `data-department`, `data-email` and `data-phone`. So the page at the address the README
//! gives sends requests to this service with no extra step. An attribute the page already has
//! is kept as it is and not added again; every value is HTML-escaped, so a quote or a `<` in a
//! setting stays text. A page without the container is served as it is. Every other file, the
//! demo page at /demo/ included, is served unchanged by `ServeDir` in `app`.
//!
//! The configured page is kept in memory and made again only when the file's modification time
//! or length changes (a `trunk build` while the service runs), so it never names stylesheets a
//! rebuild removed. It is sent as `ServeDir` sends HTML (`Content-Type: text/html`), under the
//! same security headers, which `app` adds to every response.

use crate::staff::escape;
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

/// `html` with `attributes` added to the widget's container, except those it already has.
fn configure(html: &str, attributes: &[(&str, String)]) -> String {
    let Some((end, present)) = container(html) else { return html.to_owned() };
    let mut added = String::new();
    for (name, value) in attributes {
        if !present.iter().any(|p| p.eq_ignore_ascii_case(name)) {
            added.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
    }
    format!("{}{added}{}", &html[..end], &html[end..])
}

/// The start tag with `id="sxsh-widget"`: where its attributes end (the `>` or `/>` closing it)
/// and their names. Comments and the text of `script` and `style` elements are skipped.
fn container(html: &str) -> Option<(usize, Vec<&str>)> {
    let mut at = 0;
    while let Some(found) = html.get(at..)?.find('<') {
        let start = at + found;
        let rest = html.get(start..)?;
        if rest.starts_with("<!--") {
            at = start + 4 + rest.get(4..)?.find("-->")? + 3;
            continue;
        }
        let name_len = rest.bytes().skip(1).take_while(u8::is_ascii_alphanumeric).count();
        let Some(name) = rest.get(1..=name_len).filter(|n| n.starts_with(char::is_alphabetic))
        else {
            at = start + 1; // an end tag, a doctype or a `<` in text
            continue;
        };
        let (end, attributes) = start_tag_attributes(html, start + 1 + name_len)?;
        if attributes.iter().any(|&(n, v)| n.eq_ignore_ascii_case("id") && v == "sxsh-widget") {
            return Some((end, attributes.into_iter().map(|(n, _)| n).collect()));
        }
        at = end;
        if ["script", "style"].iter().any(|raw| name.eq_ignore_ascii_case(raw)) {
            let close = format!("</{}", name.to_ascii_lowercase());
            at += html.get(at..)?.to_ascii_lowercase().find(&close)?;
        }
    }
    None
}

/// The attributes of the start tag whose name ends at `at`: where they end (at the `>` or `/>`
/// closing the tag) and each one's name and (still escaped) value.
fn start_tag_attributes(html: &str, mut at: usize) -> Option<(usize, Vec<(&str, &str)>)> {
    let bytes = html.as_bytes();
    let byte = |i: usize| bytes.get(i).copied();
    let skip_space = |mut i: usize| {
        while byte(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        i
    };
    let mut attributes = Vec::new();
    loop {
        at = skip_space(at);
        match byte(at)? {
            b'>' => return Some((at, attributes)),
            b'/' if byte(at + 1) == Some(b'>') => return Some((at, attributes)),
            b'/' => {
                at += 1;
                continue;
            }
            _ => {}
        }
        let name_start = at;
        at += 1;
        while byte(at).is_some_and(|b| !b.is_ascii_whitespace() && !b"=>/".contains(&b)) {
            at += 1;
        }
        let name = html.get(name_start..at)?;
        let after_name = skip_space(at);
        let mut value = "";
        if byte(after_name) == Some(b'=') {
            at = skip_space(after_name + 1);
            match byte(at)? {
                quote @ (b'"' | b'\'') => {
                    let close = at + 1 + html.get(at + 1..)?.find(char::from(quote))?;
                    value = html.get(at + 1..close)?;
                    at = close + 1;
                }
                _ => {
                    let value_start = at;
                    while byte(at).is_some_and(|b| !b.is_ascii_whitespace() && b != b'>') {
                        at += 1;
                    }
                    value = html.get(value_start..at)?;
                }
            }
        }
        attributes.push((name, value));
    }
}
