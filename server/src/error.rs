//! What can go wrong in a handler, and the answer each failure gets. Every failure is logged
//! with `tracing` where it is turned into a response; the answer carries a short code (and, for
//! a refused request, bilingual field messages), never SQL text or a stack trace.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sxsh_core::request::FieldError;

/// A handler's failure.
#[derive(Debug)]
pub enum AppError {
    /// The database is locked by another writer for longer than the busy timeout: try again.
    Busy,
    /// The database or a background task failed.
    Internal(String),
    /// The request is refused: its status, a short code and what is wrong with which field.
    Refused(StatusCode, &'static str, Vec<FieldError>),
    /// Too many attempts: try again after this many seconds.
    Limited(u64),
    /// The thing asked for does not exist.
    NotFound,
    /// Not allowed (no session, a wrong CSRF token, a foreign origin).
    Forbidden,
    /// Heavy work (a report) did not finish in time.
    Timeout,
}

impl AppError {
    /// A field error, for `Refused`.
    pub fn field(name: &str, vi: &str, en: &str) -> FieldError {
        FieldError { field: name.into(), vi: vi.into(), en: en.into() }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(error: rusqlite::Error) -> AppError {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                AppError::Busy
            }
            _ => AppError::Internal(format!("database: {error}")),
        }
    }
}

impl From<r2d2::Error> for AppError {
    fn from(error: r2d2::Error) -> AppError {
        AppError::Internal(format!("database pool: {error}"))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(error: tokio::task::JoinError) -> AppError {
        AppError::Internal(format!("background task: {error}"))
    }
}

fn coded(status: StatusCode, code: &str, errors: &[FieldError]) -> Response {
    (status, Json(json!({ "error": code, "errors": errors }))).into_response()
}

fn retry_after(mut response: Response, seconds: u64) -> Response {
    if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Busy => {
                tracing::warn!("the database stayed locked past the busy timeout");
                retry_after(coded(StatusCode::SERVICE_UNAVAILABLE, "busy", &[]), 5)
            }
            AppError::Internal(why) => {
                tracing::error!(%why, "request failed");
                coded(StatusCode::INTERNAL_SERVER_ERROR, "internal", &[])
            }
            AppError::Refused(status, code, errors) => {
                tracing::info!(%status, code, fields = errors.len(), "request refused");
                coded(status, code, &errors)
            }
            AppError::Limited(seconds) => {
                tracing::info!(seconds, "rate limited");
                retry_after(coded(StatusCode::TOO_MANY_REQUESTS, "rate_limited", &[]), seconds)
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, "not found").into_response(),
            AppError::Forbidden => {
                tracing::info!("forbidden");
                (StatusCode::FORBIDDEN, "forbidden").into_response()
            }
            AppError::Timeout => {
                tracing::warn!("heavy work timed out");
                retry_after(coded(StatusCode::SERVICE_UNAVAILABLE, "timeout", &[]), 30)
            }
        }
    }
}
