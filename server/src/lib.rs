//! The Department's intake service: receives requests for a rapid cleaner-production assessment
//! (`POST /api/requests`), stores each exactly once in SQLite with a receipt number, and serves
//! the built widget, its root page configured to send requests here (`root_page`). The request
//! type, its validation and the scoring are the core's, shared with the widget
//! (`sxsh_core::request`, `export::AssessmentResults`): nothing is copied, and results sent by a
//! client are never trusted.
//!
//! Error responses carry a short code and field messages, never SQL text or a stack trace.

pub mod db;
pub mod notify;
mod root_page;
pub mod staff;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use sxsh_core::export::AssessmentResults;
use sxsh_core::request::{self, AssessmentRequest};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every response (the department's policy for the widget).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/// The service's settings (see `Settings::from_env` for the variables).
#[derive(Clone, Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    pub database: PathBuf,
    /// The built widget (`dist/`), served at `/`.
    pub dist: PathBuf,
    /// Origins other than the service's own that may send requests (CORS allow-list).
    pub allowed_origins: Vec<String>,
    /// Requests accepted per client address per minute.
    pub rate_per_minute: u32,
    /// Whether the staff session cookie is marked `Secure` (HTTPS only).
    pub secure_cookies: bool,
    /// E-mail to staff on a new request, when an SMTP relay is configured.
    pub smtp: Option<notify::Smtp>,
    /// The department's name, e-mail and phone, shown on the staff pages and given to the
    /// widget on the root page.
    pub department: Department,
}

/// The department running the service.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct Department {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The optional settings file (`SXSH_CONFIG`, TOML); environment variables override it.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SettingsFile {
    listen: Option<String>,
    database: Option<String>,
    dist: Option<String>,
    allowed_origins: Option<Vec<String>>,
    rate_per_minute: Option<u32>,
    secure_cookies: Option<bool>,
    department: Department,
    smtp: Option<SmtpFile>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SmtpFile {
    host: String,
    #[serde(default = "smtp_port")]
    port: u16,
    from: String,
    to: Vec<String>,
}

fn smtp_port() -> u16 {
    25
}

impl Settings {
    /// Reads the settings file named by `SXSH_CONFIG` (TOML, optional; see server/README.md),
    /// then the environment variables, which win: `SXSH_LISTEN` (default 127.0.0.1:8080),
    /// `SXSH_DATABASE` (sxsh.sqlite3), `SXSH_DIST` (dist), `SXSH_ALLOWED_ORIGINS`
    /// (comma-separated), `SXSH_RATE_PER_MINUTE` (60), `SXSH_SECURE_COOKIES` (`true` unless
    /// listening on loopback), `SXSH_DEPARTMENT_NAME/EMAIL/PHONE` and the `SXSH_SMTP_*` variables.
    pub fn from_env() -> Result<Settings, String> {
        let file = match std::env::var("SXSH_CONFIG") {
            Ok(path) => Some(
                std::fs::read_to_string(&path).map_err(|e| format!("SXSH_CONFIG {path}: {e}"))?,
            ),
            Err(_) => None,
        };
        Settings::from_sources(file.as_deref(), |name| std::env::var(name).ok())
    }

    /// The settings from a settings file's text (if any) and a lookup of environment variables,
    /// which win over the file.
    pub fn from_sources(
        file: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, String> {
        let file: SettingsFile = match file {
            Some(text) => toml::from_str(text).map_err(|e| format!("settings file: {e}"))?,
            None => SettingsFile::default(),
        };
        let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let listen: SocketAddr = var("SXSH_LISTEN")
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|e| format!("listen address: {e}"))?;
        let rate_per_minute = match var("SXSH_RATE_PER_MINUTE") {
            Some(v) => v.parse().map_err(|e| format!("SXSH_RATE_PER_MINUTE: {e}"))?,
            None => file.rate_per_minute.unwrap_or(60),
        };
        let smtp = match notify::Smtp::from_lookup(var)? {
            Some(smtp) => Some(smtp),
            None => file.smtp.map(|s| notify::Smtp {
                host: s.host,
                port: s.port,
                from: s.from,
                to: s.to,
            }),
        };
        let secure_cookies = match var("SXSH_SECURE_COOKIES") {
            Some(v) => v == "true",
            None => file.secure_cookies.unwrap_or(!listen.ip().is_loopback()),
        };
        let department = Department {
            name: var("SXSH_DEPARTMENT_NAME").unwrap_or(file.department.name),
            email: var("SXSH_DEPARTMENT_EMAIL").unwrap_or(file.department.email),
            phone: var("SXSH_DEPARTMENT_PHONE").unwrap_or(file.department.phone),
        };
        Ok(Settings {
            listen,
            database: PathBuf::from(
                var("SXSH_DATABASE").or(file.database).unwrap_or_else(|| "sxsh.sqlite3".into()),
            ),
            dist: PathBuf::from(var("SXSH_DIST").or(file.dist).unwrap_or_else(|| "dist".into())),
            allowed_origins: match var("SXSH_ALLOWED_ORIGINS") {
                Some(list) => list
                    .split(',')
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_owned)
                    .collect(),
                None => file.allowed_origins.unwrap_or_default(),
            },
            rate_per_minute,
            secure_cookies,
            smtp,
            department,
        })
    }
}

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    db: Arc<Mutex<rusqlite::Connection>>,
    settings: Arc<Settings>,
    rate: RateWindows,
    logins: RateWindows,
}

/// Per-address counters of a one-minute window.
type RateWindows = Arc<Mutex<HashMap<IpAddr, (Instant, u32)>>>;

impl AppState {
    /// Opens the database (applying migrations) for these settings.
    pub fn open(settings: Settings) -> rusqlite::Result<AppState> {
        let conn = db::open(&settings.database)?;
        Ok(AppState {
            db: Arc::new(Mutex::new(conn)),
            settings: Arc::new(settings),
            rate: Arc::default(),
            logins: Arc::default(),
        })
    }
}

fn error(status: StatusCode, code: &str, errors: Vec<request::FieldError>) -> Response {
    (status, Json(json!({ "error": code, "errors": errors }))).into_response()
}

fn field(name: &str, vi: &str, en: &str) -> request::FieldError {
    request::FieldError { field: name.into(), vi: vi.into(), en: en.into() }
}

/// Whether a client may make another attempt now: at most `limit` per one-minute window.
fn allow_in(windows: &RateWindows, client: IpAddr, limit: u32) -> bool {
    let Ok(mut windows) = windows.lock() else { return true };
    let now = Instant::now();
    let entry = windows.entry(client).or_insert((now, 0));
    if now.duration_since(entry.0) >= Duration::from_secs(60) {
        *entry = (now, 0);
    }
    entry.1 += 1;
    entry.1 <= limit
}

/// `POST /api/requests`: validate, recompute, store once, answer with the receipt.
async fn submit(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !allow_in(&state.rate, client.ip(), state.settings.rate_per_minute) {
        let mut response = error(StatusCode::TOO_MANY_REQUESTS, "rate_limited", Vec::new());
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    }
    let is_json =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
            v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if !is_json {
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "json_required", Vec::new());
    }
    #[derive(serde::Deserialize)]
    struct Version {
        version: Option<u64>,
    }
    let Ok(version) = serde_json::from_slice::<Version>(&body) else {
        return error(StatusCode::BAD_REQUEST, "malformed_json", Vec::new());
    };
    if version.version.is_some_and(|v| v > u64::from(request::VERSION)) {
        let why = field(
            "version",
            "Yêu cầu từ phiên bản mới hơn của công cụ",
            "The request comes from a newer version of the tool",
        );
        return error(StatusCode::UNPROCESSABLE_ENTITY, "unsupported_version", vec![why]);
    }
    let Ok(request) = serde_json::from_slice::<AssessmentRequest>(&body) else {
        let why = field(
            "body",
            "Nội dung yêu cầu không đúng cấu trúc",
            "The request does not have the expected structure",
        );
        return error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_structure", vec![why]);
    };
    let header_key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    if header_key.is_some_and(|k| k != request.idempotency_key) {
        let why = field(
            "idempotency_key",
            "Mã yêu cầu trong tiêu đề và nội dung không khớp",
            "The request key in the header and in the body differ",
        );
        return error(StatusCode::UNPROCESSABLE_ENTITY, "key_mismatch", vec![why]);
    }
    let errors = request::validate(&request);
    if !errors.is_empty() {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_fields", errors);
    }
    // Results sent by a client are never read (`AssessmentFile::results` is skipped when the
    // body is parsed): they are computed here from the answers.
    let list = sxsh_core::checklist::active();
    let draft = &request.assessment.draft;
    let results = AssessmentResults::of(list, draft);
    let serialised = (
        serde_json::to_string(&request.contact),
        serde_json::to_string(&request.production),
        serde_json::to_string(&request.consent),
        serde_json::to_string(&request.assessment),
        serde_json::to_string(&results),
    );
    let (Ok(contact), Ok(production), Ok(consent), Ok(assessment), Ok(results)) = serialised else {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "internal", Vec::new());
    };
    let key = request.idempotency_key.clone();
    let company = draft.profile.company.trim().to_owned();
    let notify_company = company.clone();
    let sector = draft.profile.sector.clone();
    let db = state.db.clone();
    let stored = tokio::task::spawn_blocking(move || {
        let (year, now) = db::utc_now();
        let new = db::NewRequest {
            idempotency_key: &key,
            company: &company,
            sector: sector.as_deref(),
            contact_json: &contact,
            production_json: &production,
            consent_json: &consent,
            assessment_json: &assessment,
            results_json: &results,
        };
        let mut conn = db.lock().map_err(|_| "database lock poisoned".to_owned())?;
        db::store(&mut conn, &new, year, &now).map_err(|e| e.to_string())
    })
    .await;
    match stored {
        Ok(Ok(stored)) => {
            tracing::info!(receipt = %stored.receipt, duplicate = stored.duplicate, "request received");
            if let (Some(smtp), false) = (state.settings.smtp.clone(), stored.duplicate) {
                let (subject, body) = notify::message(&stored.receipt, &notify_company);
                tokio::spawn(async move {
                    if let Err(why) = notify::send(&smtp, &subject, &body).await {
                        tracing::warn!(%why, "the staff e-mail was not sent");
                    }
                });
            }
            let status = if stored.duplicate { StatusCode::OK } else { StatusCode::CREATED };
            (status, Json(json!({ "receipt": stored.receipt, "duplicate": stored.duplicate })))
                .into_response()
        }
        Ok(Err(why)) => {
            tracing::error!(%why, "storing a request failed");
            error(StatusCode::INTERNAL_SERVER_ERROR, "internal", Vec::new())
        }
        Err(why) => {
            tracing::error!(%why, "the storing task failed");
            error(StatusCode::INTERNAL_SERVER_ERROR, "internal", Vec::new())
        }
    }
}

/// `GET /health`: the service answers and its database is readable.
async fn health(State(state): State<AppState>) -> Response {
    let ok = state.db.lock().ok().and_then(|conn| db::count(&conn).ok()).is_some();
    if ok {
        Json(json!({ "status": "ok" })).into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "database unavailable" })))
            .into_response()
    }
}

/// CORS for the allow-listed origins: preflight answers and the allow header on responses.
/// Requests from other origins get no CORS headers, so browsers refuse to send or read them.
async fn cors(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let origin =
        request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).map(str::to_owned);
    let allowed = origin.filter(|o| state.settings.allowed_origins.iter().any(|a| a == o));
    if request.method() == Method::OPTIONS {
        let mut response = StatusCode::NO_CONTENT.into_response();
        if let Some(origin) = allowed.and_then(|o| HeaderValue::from_str(&o).ok()) {
            let h = response.headers_mut();
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST"));
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("content-type, idempotency-key"),
            );
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        }
        return response;
    }
    let mut response = next.run(request).await;
    if let Some(origin) = allowed.and_then(|o| HeaderValue::from_str(&o).ok()) {
        response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.headers_mut().insert(header::VARY, HeaderValue::from_static("origin"));
        // The widget honours Retry-After, which a cross-origin page can only read if exposed.
        response
            .headers_mut()
            .insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("retry-after"));
    }
    response
}

/// The service's routes, with security headers on every response.
pub fn app(state: AppState) -> Router {
    let dist = ServeDir::new(&state.settings.dist);
    Router::new()
        .route("/api/requests", post(submit))
        .route("/health", get(health))
        .merge(staff::routes())
        .merge(root_page::routes(&state.settings))
        .fallback_service(dist)
        .layer(DefaultBodyLimit::max(request::MAX_BYTES))
        .layer(axum::middleware::from_fn_with_state(state.clone(), cors))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .with_state(state)
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
