//! `POST /api/progress`: an enterprise's progress update on its action plan (issue 24). The same
//! rules as a request (`intake`): the same rate limit per address, a JSON body of at most
//! `progress::MAX_BYTES`, CORS for the allow-listed origins, validated by the core
//! (`progress::validate`, the widget's check; and no action's status day after the service's
//! day in Vietnam and a day of slack, `progress::days_to_come`), stored once per idempotency
//! key (the same key again: the same `Accepted`; with another body: 422 `key_reused`), all
//! database work off the async threads.
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
use crate::intake::{Body, parse, refused, to_json};
use crate::staff::followup_rows::{self as rows, Stored};
use crate::{AppState, db};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sxsh_core::dates;
use sxsh_core::progress::{self, ProgressUpdate};
use sxsh_core::request::FieldError;

impl Body for ProgressUpdate {
    const VERSION: u32 = progress::VERSION;
    const NEWER: (&'static str, &'static str) = (
        "Báo cáo tiến độ từ phiên bản mới hơn của công cụ",
        "The progress update comes from a newer version of the tool",
    );
    const STRUCTURE: (&'static str, &'static str) = (
        "Nội dung báo cáo tiến độ không đúng cấu trúc",
        "The progress update does not have the expected structure",
    );
    const KEY_MISMATCH: (&'static str, &'static str) = (
        "Mã báo cáo trong tiêu đề và nội dung không khớp",
        "The update key in the header and in the body differ",
    );
    fn key(&self) -> &str {
        &self.idempotency_key
    }
    fn problems(&self) -> Vec<FieldError> {
        progress::validate(self)
    }
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
    let update: ProgressUpdate = parse(&headers, &body)?;
    let to_come = progress::days_to_come(&update, &dates::iso_day(&db::utc_now().1));
    if !to_come.is_empty() {
        return Err(AppError::Refused(StatusCode::UNPROCESSABLE_ENTITY, "invalid_fields", to_come));
    }
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
