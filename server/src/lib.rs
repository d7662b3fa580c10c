//! The Department's intake service: receives requests for a rapid cleaner-production assessment
//! (`POST /api/requests`, `intake`) and the enterprises' progress updates (`POST /api/progress`,
//! `intake_progress`), stores each exactly once in SQLite with a receipt number
//! (`db`), serves the built widget with its root page configured to send requests here
//! (`root_page`), and the staff pages (`staff`). The request type, its validation and the
//! scoring are the core's, shared with the widget (`sxsh_core::request`,
//! `export::AssessmentResults`): nothing is copied, and results sent by a client are never
//! trusted.
//!
//! This file holds the shared state, the router with its layers (security headers, CORS, body
//! limit, request timeout) and `serve`, the accept loop: a bounded number of connections, each
//! with a header-read timeout that also closes idle kept-alive connections.

pub mod audit;
pub mod client;
pub mod db;
pub mod error;
mod intake;
mod intake_progress;
pub mod notify;
mod root_page;
pub mod settings;
pub mod staff;

pub use settings::{Department, Limits, Settings};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::routing::{get, post};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use sxsh_core::{progress, request};
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// The Content-Security-Policy of every response (the department's policy for the widget).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    pub(crate) db: db::Db,
    pub(crate) settings: Arc<Settings>,
    pub(crate) submissions: Arc<client::Limiter>,
    pub(crate) logins: Arc<client::Limiter>,
    /// Failed logins under usernames that do not exist, so that they lock as accounts do.
    pub(crate) unknown_names: Arc<staff::UnknownNames>,
    /// Reports made and passwords checked at once (`Limits::heavy_jobs`).
    pub(crate) heavy: Arc<Semaphore>,
    /// Staff e-mails being sent at once (`notify::AT_ONCE`).
    pub(crate) mail: Arc<Semaphore>,
}

impl AppState {
    /// Opens the database (applying migrations) for these settings.
    pub fn open(settings: Settings) -> Result<AppState, String> {
        let db = db::Db::open(&settings.database)?;
        let triaged = staff::triage::prepare(&settings.database)?;
        if triaged != staff::triage::Prepared::default() {
            tracing::info!(triaged = triaged.triaged, rescored = triaged.rescored, "triage");
        }
        Ok(AppState {
            db,
            submissions: Arc::new(client::Limiter::per_minute(settings.rate_per_minute)),
            logins: Arc::new(client::Limiter::per_minute(settings.logins_per_minute)),
            unknown_names: Arc::new(staff::UnknownNames::new()),
            heavy: Arc::new(Semaphore::new(settings.limits.heavy_jobs.max(1))),
            mail: Arc::new(Semaphore::new(notify::AT_ONCE)),
            settings: Arc::new(settings),
        })
    }
}

/// CORS for the allow-listed origins (tower-http): preflights for `POST` with the two headers
/// the widget sends, `Retry-After` readable, `Vary: Origin` on every answer.
fn cors(settings: &Settings) -> CorsLayer {
    let origins: Vec<HeaderValue> =
        settings.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_headers([header::CONTENT_TYPE, HeaderName::from_static("idempotency-key")])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}

/// The service's routes, with security headers on every response.
pub fn app(state: AppState) -> Router {
    let dist = ServeDir::new(&state.settings.dist);
    let settings = state.settings.clone();
    Router::new()
        // A body announced larger than a request can be is refused from its Content-Length,
        // before it is read (the rest of the router reads at most `DefaultBodyLimit`).
        .route(
            "/api/requests",
            post(intake::submit).layer(RequestBodyLimitLayer::new(request::MAX_BYTES)),
        )
        .route(
            "/api/progress",
            post(intake_progress::submit).layer(RequestBodyLimitLayer::new(progress::MAX_BYTES)),
        )
        .route("/health", get(intake::health))
        .merge(staff::routes())
        .merge(root_page::routes(&settings))
        // The widget's files go compressed (brotli or gzip, as the browser accepts).
        .fallback_service(ServiceBuilder::new().layer(CompressionLayer::new()).service(dist))
        .layer(DefaultBodyLimit::max(request::MAX_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            settings.limits.request_timeout,
        ))
        .layer(cors(&settings))
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

/// The open-file limit of this process (`ulimit -n`), read from /proc on Linux.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Open connections per client address, so that one address cannot take every slot. Trusted
/// proxies are not counted: every client behind them shares their address.
#[derive(Clone, Default)]
struct PerClient {
    open: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
}

/// One counted connection; dropping it frees its place.
struct Counted {
    open: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
    client: std::net::IpAddr,
}

impl PerClient {
    /// Counts a new connection from `client`, or `None` when it already has `limit` open.
    fn admit(&self, client: std::net::IpAddr, limit: usize) -> Option<Counted> {
        let mut open = self.open.lock().ok()?;
        let count = open.entry(client).or_insert(0);
        if *count >= limit {
            return None;
        }
        *count += 1;
        Some(Counted { open: self.open.clone(), client })
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        if let Ok(mut open) = self.open.lock()
            && let Some(count) = open.get_mut(&self.client)
        {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.client);
            }
        }
    }
}

/// Serves until `shutdown` resolves, then finishes the requests in flight (waiting at most the
/// request timeout).
/// - At most `Limits::max_connections` are open at once, and at most
///   `Limits::max_connections_per_client` from one address (a trusted proxy excepted); each may
///   hold two files (its socket and a file it sends), and the bound is lowered to fit the
///   open-file limit, so the service can always open its database and accept again.
/// - A client that has not sent its headers within `Limits::header_timeout`, or leaves a
///   kept-alive connection idle that long, is disconnected; a request not answered within
///   `Limits::request_timeout` (a body trickling in, say) gets 408; a connection on which
///   nothing can be read or written for `Limits::request_timeout` (a client that stops reading
///   its answer) is closed.
/// - Every minute the rate limiters are swept, and every hour the purge runs.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = state.settings.limits;
    let max_connections = match open_file_limit() {
        Some(files) if files < 2 * limits.max_connections + 64 => {
            let fit = (files.saturating_sub(64) / 2).max(1);
            tracing::warn!(files, fit, "fewer connections than configured fit the open-file limit");
            fit
        }
        _ => limits.max_connections,
    };
    let trusted = state.settings.trusted_proxies.clone();
    let router = app(state.clone());
    let permits = Arc::new(Semaphore::new(max_connections));
    let per_client = PerClient::default();
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
    let upkeep = tokio::spawn(upkeep(state));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(why) => {
                    tracing::warn!(%why, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let client = peer.ip().to_canonical();
        let counted = if trusted.contains(&client) {
            None
        } else {
            match per_client.admit(client, limits.max_connections_per_client) {
                Some(counted) => Some(counted),
                None => {
                    tracing::info!(%client, "too many connections from one address");
                    continue;
                }
            }
        };
        _ = stream.set_nodelay(true);
        let mut stream = tokio_io_timeout::TimeoutStream::new(stream);
        stream.set_read_timeout(Some(limits.request_timeout));
        stream.set_write_timeout(Some(limits.request_timeout));
        let service = router.clone().map_request(move |mut request: axum::extract::Request<_>| {
            request.extensions_mut().insert(ConnectInfo::<std::net::SocketAddr>(peer));
            request
        });
        let connection =
            graceful.watch(http.serve_connection(
                TokioIo::new(Box::pin(stream)),
                TowerToHyperService::new(service),
            ));
        tokio::spawn(async move {
            if let Err(why) = connection.await {
                tracing::debug!(%why, "connection ended");
            }
            drop((permit, counted));
        });
    }
    upkeep.abort();
    tracing::info!("shutting down after the requests in flight");
    if tokio::time::timeout(limits.request_timeout, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still in flight at shutdown were cut off");
    }
    Ok(())
}

/// The service's housekeeping while it runs: the rate limiters forget idle addresses every
/// minute; every hour the purge deletes what the privacy notice says is due (`db::purge`).
async fn upkeep(state: AppState) {
    let mut minute = tokio::time::interval(Duration::from_secs(60));
    let mut minutes = 0u32;
    loop {
        minute.tick().await;
        state.submissions.sweep();
        state.logins.sweep();
        state.unknown_names.sweep();
        if minutes.is_multiple_of(60) {
            let months = state.settings.retention_months;
            let purged = state
                .db
                .write(move |conn| Ok(db::purge(conn, jiff::Timestamp::now(), months, "system")?))
                .await;
            match purged {
                Ok(p) => tracing::info!(
                    requests = p.requests,
                    notes = p.notes,
                    sessions = p.sessions,
                    "purge"
                ),
                Err(why) => tracing::error!(?why, "the purge failed"),
            }
        }
        minutes = minutes.wrapping_add(1);
    }
}
