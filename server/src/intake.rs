//! `POST /api/requests`: rate-limit, parse, validate (the core's `request::validate`, the same
//! as the widget's), recompute the results, store once per idempotency key, answer with the
//! receipt; and `GET /health`. A key reused with a different body is refused (422), never
//! answered with the first receipt.

use crate::client::Client;
use crate::error::AppError;
use crate::{AppState, db, notify, staff};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sxsh_core::export::AssessmentResults;
use sxsh_core::request::{self, AssessmentRequest};

pub(crate) fn refused(
    status: StatusCode,
    code: &'static str,
    field: &str,
    vi: &str,
    en: &str,
) -> AppError {
    AppError::Refused(status, code, vec![AppError::field(field, vi, en)])
}

/// Whether the body is announced as JSON (`application/json`, any parameters).
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    })
}

/// A body the intake takes from enterprises (a request, a progress update): its format version,
/// its idempotency key, the core's check of it, and what the refusals call it.
pub(crate) trait Body: serde::de::DeserializeOwned {
    /// The newest format version this service reads.
    const VERSION: u32;
    /// Refusals in Vietnamese and English: from a newer version of the tool, not of the expected
    /// structure, the key in the header and in the body differ.
    const NEWER: (&'static str, &'static str);
    const STRUCTURE: (&'static str, &'static str);
    const KEY_MISMATCH: (&'static str, &'static str);
    /// The key made once by the widget, which every retry carries.
    fn key(&self) -> &str;
    /// Every unusable field (the core's check, the widget's too).
    fn problems(&self) -> Vec<sxsh_core::request::FieldError>;
}

impl Body for AssessmentRequest {
    const VERSION: u32 = request::VERSION;
    const NEWER: (&'static str, &'static str) = (
        "Yêu cầu từ phiên bản mới hơn của công cụ",
        "The request comes from a newer version of the tool",
    );
    const STRUCTURE: (&'static str, &'static str) = (
        "Nội dung yêu cầu không đúng cấu trúc",
        "The request does not have the expected structure",
    );
    const KEY_MISMATCH: (&'static str, &'static str) = (
        "Mã yêu cầu trong tiêu đề và nội dung không khớp",
        "The request key in the header and in the body differ",
    );
    fn key(&self) -> &str {
        &self.idempotency_key
    }
    fn problems(&self) -> Vec<sxsh_core::request::FieldError> {
        request::validate(self)
    }
}

/// The body, or why it cannot be one: not announced as JSON (415), not JSON (400), from a newer
/// version, not of the expected structure, a header key other than the body's, or fields the core
/// refuses (422).
pub(crate) fn parse<T: Body>(headers: &HeaderMap, body: &[u8]) -> Result<T, AppError> {
    if !is_json(headers) {
        return Err(AppError::Refused(StatusCode::UNSUPPORTED_MEDIA_TYPE, "json_required", vec![]));
    }
    #[derive(serde::Deserialize)]
    struct Version {
        version: Option<u64>,
    }
    let version = serde_json::from_slice::<Version>(body)
        .map_err(|_| AppError::Refused(StatusCode::BAD_REQUEST, "malformed_json", vec![]))?;
    let unprocessable = |code, field, (vi, en): (&str, &str)| {
        refused(StatusCode::UNPROCESSABLE_ENTITY, code, field, vi, en)
    };
    if version.version.is_some_and(|v| v > u64::from(T::VERSION)) {
        return Err(unprocessable("unsupported_version", "version", T::NEWER));
    }
    let parsed = serde_json::from_slice::<T>(body)
        .map_err(|_| unprocessable("invalid_structure", "body", T::STRUCTURE))?;
    let header_key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    if header_key.is_some_and(|k| k != parsed.key()) {
        return Err(unprocessable("key_mismatch", "idempotency_key", T::KEY_MISMATCH));
    }
    let errors = parsed.problems();
    if !errors.is_empty() {
        return Err(AppError::Refused(StatusCode::UNPROCESSABLE_ENTITY, "invalid_fields", errors));
    }
    Ok(parsed)
}

/// `POST /api/requests`.
pub(crate) async fn submit(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    state.submissions.check(client).map_err(AppError::Limited)?;
    let request: AssessmentRequest = parse(&headers, &body)?;
    // Results sent by a client are never read (`AssessmentFile::results` is skipped when the
    // body is parsed): they are computed here from the answers, off the async threads.
    let prepared = tokio::task::spawn_blocking(move || {
        let list = sxsh_core::checklist::active();
        let results = AssessmentResults::of(list, &request.assessment.draft);
        let draft = &request.assessment.draft;
        let company = draft.profile.company.trim();
        let triage =
            staff::triage::factors(company, list, draft, &results.savings, &request.contact);
        Ok::<_, AppError>((
            triage,
            db::sha256_hex(to_json(&request)?.as_bytes()),
            to_json(&request.contact)?,
            to_json(&request.production)?,
            to_json(&request.consent)?,
            to_json(&request.assessment)?,
            to_json(&results)?,
            request,
        ))
    })
    .await??;
    let (triage, hash, contact, production, consent, assessment, results, request) = prepared;
    let key = request.idempotency_key.clone();
    let company = request.assessment.draft.profile.company.trim().to_owned();
    let sector = request.assessment.draft.profile.sector.clone();
    let notify_company = company.clone();
    let stored = state
        .db
        .write(move |conn| {
            let (year, now) = db::utc_now();
            let new = db::NewRequest {
                idempotency_key: &key,
                body_hash: &hash,
                company: &company,
                sector: sector.as_deref(),
                contact_json: &contact,
                production_json: &production,
                consent_json: &consent,
                assessment_json: &assessment,
                results_json: &results,
            };
            let stored = db::store(conn, &new, year, &now)?;
            if let db::StoreOutcome::New(receipt) = &stored {
                // Ranked on the staff list from now on (a failure here leaves it to the next
                // start's backfill).
                if let Err(why) = staff::triage::record(conn, receipt, &triage) {
                    tracing::error!(%why, %receipt, "triage not recorded");
                }
            }
            Ok(stored)
        })
        .await?;
    let (status, receipt, duplicate) = match stored {
        db::StoreOutcome::New(receipt) => (StatusCode::CREATED, receipt, false),
        db::StoreOutcome::Duplicate(receipt) => (StatusCode::OK, receipt, true),
        db::StoreOutcome::KeyReused => {
            return Err(refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "key_reused",
                "idempotency_key",
                "Mã yêu cầu này đã được dùng cho một yêu cầu khác; hãy tạo yêu cầu mới",
                "This request key was already used for a different request; start a new request",
            ));
        }
    };
    tracing::info!(%receipt, duplicate, "request received");
    if let (Some(smtp), false) = (state.settings.smtp.clone(), duplicate) {
        match state.mail.clone().try_acquire_owned() {
            Ok(permit) => {
                let message = notify::message(&receipt, &notify_company);
                tokio::spawn(async move {
                    if let Err(why) = notify::send(&smtp, message).await {
                        tracing::warn!(%why, "the staff e-mail was not sent");
                    }
                    drop(permit);
                });
            }
            Err(_) => {
                tracing::warn!(%receipt, "the staff e-mail was not sent: the relay is behind")
            }
        }
    }
    Ok((status, Json(json!({ "receipt": receipt, "duplicate": duplicate }))).into_response())
}

pub(crate) fn to_json(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(format!("serialising: {e}")))
}

/// `GET /health`: the service answers and its database is readable.
pub(crate) async fn health(State(state): State<AppState>) -> Response {
    match state.db.read(|conn| Ok(db::count(conn)?)).await {
        Ok(_) => Json(json!({ "status": "ok" })).into_response(),
        Err(why) => {
            tracing::error!(?why, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "database unavailable" })))
                .into_response()
        }
    }
}
