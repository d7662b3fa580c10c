//! The staff's downloads: one request's report as PDF (set in the widget's fonts) or JSON (the
//! assessment file), both regenerated from the stored answers, and the filtered list as CSV for
//! Excel, streamed whole however long it is, holding a read connection only while a chunk is
//! read. The reports are for officers and the request's assessor (another assessor gets 404,
//! anyone else 403), the CSV for officers; each download is recorded in the processing log.
//!
//! A PDF is heavy work: it is made on a blocking thread, at most `Limits::heavy_jobs` at once,
//! and a request that waits or works longer than `PDF_TIMEOUT` gets 503 with Retry-After.

use super::auth::{Allowed, Casework, Officers};
use super::pages::log;
use super::store::{self, Filter, Status};
use crate::AppState;
use crate::audit::Action;
use crate::error::AppError;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use sxsh_core::export;
use sxsh_core::i18n::Lang;
use sxsh_core::report;

/// The longest a PDF may take, waiting for its turn included.
const PDF_TIMEOUT: Duration = Duration::from_secs(20);
/// Rows of CSV sent together.
const CSV_CHUNK: usize = 500;

/// `GET /staff/requests/{receipt}/report.json`: the assessment file with recomputed results.
pub(super) async fn report_json(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    Path(receipt): Path<String>,
) -> Result<Response, AppError> {
    let (lookup, reader) = (receipt.clone(), staff.clone());
    let json = state
        .db
        .read(move |conn| {
            if store::visible(conn, &reader, &lookup)?.is_none() {
                return Ok(None);
            }
            Ok(store::load(conn, &lookup)?.map(|r| {
                export::to_json(
                    &r.assessment.draft,
                    &r.received_at,
                    Some(sxsh_core::checklist::active()),
                )
            }))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    log(&state, &staff, Action::ReportJson, Some(receipt));
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// `GET /staff/requests/{receipt}/report.pdf`: the report regenerated with the widget's fonts.
pub(super) async fn report_pdf(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    Path(receipt): Path<String>,
) -> Result<Response, AppError> {
    let (lookup, reader) = (receipt.clone(), staff.clone());
    let stored = state
        .db
        .read(move |conn| {
            if store::visible(conn, &reader, &lookup)?.is_none() {
                return Ok(None);
            }
            Ok(store::load(conn, &lookup)?)
        })
        .await?;
    let r = stored.ok_or(AppError::NotFound)?;
    let made = pdf(&state, move |fonts| report::pdf::to_pdf(&r.report(), fonts)).await?;
    log(&state, &staff, Action::ReportPdf, Some(receipt));
    Ok(([(header::CONTENT_TYPE, "application/pdf")], made).into_response())
}

/// A PDF made by `make` with the widget's fonts (from `dist/fonts`), on a blocking thread, at
/// most `Limits::heavy_jobs` at once; 503 when it waits or works longer than `PDF_TIMEOUT`.
pub(super) async fn pdf(
    state: &AppState,
    make: impl FnOnce(&report::pdf::Fonts<'_>) -> Result<Vec<u8>, report::pdf::PdfError>
    + Send
    + 'static,
) -> Result<Vec<u8>, AppError> {
    let fonts = state.settings.dist.join("fonts");
    let heavy = state.heavy.clone();
    tokio::time::timeout(PDF_TIMEOUT, async move {
        let permit = heavy.acquire_owned().await.map_err(|e| AppError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let (regular, bold) = (
                std::fs::read(fonts.join("NotoSans-Regular-vi.ttf")),
                std::fs::read(fonts.join("NotoSans-Bold-vi.ttf")),
            );
            let (Ok(regular), Ok(bold)) = (regular, bold) else {
                return Err(AppError::Internal("the PDF fonts are missing from dist/fonts".into()));
            };
            make(&report::pdf::Fonts { regular: &regular, bold: &bold })
                .map_err(|e| AppError::Internal(format!("PDF: {e:?}")))
        })
        .await?
    })
    .await
    .map_err(|_| AppError::Timeout)?
}

/// The CSV's columns: machine-readable (ISO times, stored ids, numbers with a dot), with the
/// status also in words for people reading it in Excel.
const CSV_HEAD: &str = "\"receipt\",\"received_at\",\"company\",\"tax_code\",\"sector\",\"status\",\"status_text\",\"assessor\",\"triage_points\",\"potential_vnd\",\"potential_toe\",\"potential_tco2\",\"key_energy_user\",\"pollution_risk\",\"training_interest\",\"news\"\r\n";

/// One CSV line of a row, the status's words in `lang`.
fn csv_line(r: &store::Row, lang: Lang) -> String {
    use report::csv::field;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let status = Status::parse(&r.status).map_or(r.status.as_str(), |s| s.word(lang));
    let number = |x: f64| format!("{}", x.round());
    let t = &r.triage;
    let cells = [
        r.receipt.as_str(),
        r.received_at.as_str(),
        r.company.as_str(),
        r.tax_code.as_str(),
        r.sector.as_str(),
        r.status.as_str(),
        status,
        r.assessor.as_deref().unwrap_or(""),
        &t.points.to_string(),
        &number(t.potential_vnd),
        &format!("{:.1}", t.potential_toe),
        &format!("{:.1}", t.potential_tco2),
        yes_no(t.key_energy_user),
        yes_no(t.pollution_risk),
        yes_no(r.training),
        yes_no(r.news),
    ]
    .map(field);
    let mut line = cells.join(",");
    line.push_str("\r\n");
    line
}

/// `GET /staff/export.csv`: every request that passes the filters, in the list's order, for
/// Excel, streamed (the page number, if any, is ignored: the export is whole). Officers only.
///
/// The ids come first, from the list's covering index; then the rows, `CSV_CHUNK` at a time,
/// each chunk read on a pooled connection taken and given back before the chunk is sent. A
/// client that downloads slowly, or stops reading, holds no read connection while it waits: the
/// staff's pages go on being answered. A request changed during the export is exported as it
/// reads when its chunk is read; one deleted since is left out.
pub(super) async fn export_csv(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    Query(filter): Query<Filter>,
) -> Result<Response, AppError> {
    log(&state, &staff, Action::ExportCsv, None);
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(1);
    let lang = staff.lang;
    let db = state.db.clone();
    tokio::spawn(async move {
        let streamed: Result<(), AppError> = async {
            let ids = db.read(move |conn| Ok(store::ids(conn, &filter)?)).await?;
            let mut chunk = String::from(report::csv::BOM);
            chunk.push_str(CSV_HEAD);
            for part in ids.chunks(CSV_CHUNK) {
                let part = part.to_vec();
                let rows = db.read(move |conn| Ok(store::rows(conn, &part)?)).await?;
                for r in &rows {
                    chunk.push_str(&csv_line(r, lang));
                }
                if sender.send(Ok(std::mem::take(&mut chunk))).await.is_err() {
                    return Ok(()); // The client went away.
                }
            }
            if !chunk.is_empty() {
                _ = sender.send(Ok(chunk)).await;
            }
            Ok(())
        }
        .await;
        if let Err(why) = streamed {
            // The client sees a cut-off download, never a complete-looking one.
            _ = sender.send(Err(std::io::Error::other("the export stopped"))).await;
            tracing::error!(?why, "the CSV export failed");
        }
    });
    let body = Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(receiver));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"sxsh-requests.csv\""),
        ],
        body,
    )
        .into_response())
}
