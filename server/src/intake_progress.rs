//! `POST /api/progress`: an enterprise's progress update on its action plan (issue 24). The same
//! rules as a request (`intake`): the same rate limit per address, a JSON body of at most
//! `progress::MAX_BYTES`, CORS for the allow-listed origins, validated by the core
//! (`progress::validate`, the widget's check), stored once per idempotency key (the same key
//! again: the same `Accepted`; with another body: 422 `key_reused`), all database work off the
//! async threads.
//!
//! An update is linked to the request whose receipt and tax code both match; otherwise it is
//! refused (422 `unknown_request`) with one message on both fields that does not say which of
//! the two was wrong, so the receipts cannot be probed for tax codes. Its reference is the
//! request's receipt, `-P` and its number (`SXSH-2026-0001-P1`). Each action on an agreed
//! opportunity of the request's rapid assessment becomes a self-reported follow-up
//! (`staff::followup_rows::store_update`). The processing log records the receipt, never the
//! enterprise's name or notes.

use crate::client::Client;
use crate::error::AppError;
use crate::intake::{is_json, refused, to_json};
use crate::staff::followup_rows::{self as rows, Stored};
use crate::{AppState, db};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sxsh_core::progress::{self, ProgressUpdate};

/// The update in a body, or why it cannot be one.
fn parse(headers: &HeaderMap, body: &[u8]) -> Result<ProgressUpdate, AppError> {
    if !is_json(headers) {
        return Err(AppError::Refused(StatusCode::UNSUPPORTED_MEDIA_TYPE, "json_required", vec![]));
    }
    #[derive(serde::Deserialize)]
    struct Version {
        version: Option<u64>,
    }
    let version = serde_json::from_slice::<Version>(body)
        .map_err(|_| AppError::Refused(StatusCode::BAD_REQUEST, "malformed_json", vec![]))?;
    if version.version.is_some_and(|v| v > u64::from(progress::VERSION)) {
        return Err(refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unsupported_version",
            "version",
            "Báo cáo tiến độ từ phiên bản mới hơn của công cụ",
            "The progress update comes from a newer version of the tool",
        ));
    }
    let update = serde_json::from_slice::<ProgressUpdate>(body).map_err(|_| {
        refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_structure",
            "body",
            "Nội dung báo cáo tiến độ không đúng cấu trúc",
            "The progress update does not have the expected structure",
        )
    })?;
    let header_key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    if header_key.is_some_and(|k| k != update.idempotency_key) {
        return Err(refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "key_mismatch",
            "idempotency_key",
            "Mã báo cáo trong tiêu đề và nội dung không khớp",
            "The update key in the header and in the body differ",
        ));
    }
    let errors = progress::validate(&update);
    if !errors.is_empty() {
        return Err(AppError::Refused(StatusCode::UNPROCESSABLE_ENTITY, "invalid_fields", errors));
    }
    Ok(update)
}

/// The refusal of an update that matches no request: the same words on both fields.
fn unknown_request() -> AppError {
    let vi = "Không tìm thấy yêu cầu nào có mã tiếp nhận và mã số thuế này; hãy kiểm tra lại cả hai như trong thư xác nhận yêu cầu";
    let en = "No request has this receipt and this tax code; check both as they are in the request's confirmation";
    AppError::Refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_request",
        vec![AppError::field("receipt", vi, en), AppError::field("tax_code", vi, en)],
    )
}

/// `POST /api/progress`.
pub(crate) async fn submit(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    state.submissions.check(client).map_err(AppError::Limited)?;
    let update = parse(&headers, &body)?;
    let (hash, json, update) = tokio::task::spawn_blocking(move || {
        let json = to_json(&update)?;
        Ok::<_, AppError>((db::sha256_hex(json.as_bytes()), json, update))
    })
    .await??;
    let stored = state
        .db
        .write(move |conn| Ok(rows::store_update(conn, &update, &hash, &json, &db::utc_now().1)?))
        .await?;
    match stored {
        Stored::Accepted { reference, new } => {
            tracing::info!(%reference, duplicate = !new, "progress update received");
            let status = if new { StatusCode::CREATED } else { StatusCode::OK };
            Ok((status, Json(json!({ "reference": reference, "duplicate": !new }))).into_response())
        }
        Stored::KeyReused => Err(refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "key_reused",
            "idempotency_key",
            "Mã báo cáo này đã được dùng cho một báo cáo khác; hãy tạo báo cáo mới",
            "This update key was already used for a different update; start a new update",
        )),
        Stored::UnknownRequest => Err(unknown_request()),
    }
}
