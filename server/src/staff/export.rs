//! The staff's downloads: one request's report as PDF (set in the widget's fonts) or JSON (the
//! assessment file), both regenerated from the stored answers, and the filtered list as CSV for
//! Excel. A logged-in session is required; without one the answer is 403.

use super::auth::session;
use super::store::{Filter, list_rows, load};
use super::{forbidden, not_found};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sxsh_core::export;
use sxsh_core::report;

/// `GET /staff/requests/{receipt}/report.json`: the assessment file with recomputed results.
pub(super) async fn report_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
) -> Response {
    if session(&state, &headers).is_none() {
        return forbidden();
    }
    let Some(r) = load(&state, &receipt) else { return not_found() };
    let json =
        export::to_json(&r.assessment.draft, &r.received_at, Some(sxsh_core::checklist::active()));
    ([(header::CONTENT_TYPE, "application/json")], json).into_response()
}

/// `GET /staff/requests/{receipt}/report.pdf`: the report regenerated with the widget's fonts.
pub(super) async fn report_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
) -> Response {
    if session(&state, &headers).is_none() {
        return forbidden();
    }
    let Some(r) = load(&state, &receipt) else { return not_found() };
    let fonts = state.settings.dist.join("fonts");
    let (Ok(regular), Ok(bold)) = (
        std::fs::read(fonts.join("NotoSans-Regular-vi.ttf")),
        std::fs::read(fonts.join("NotoSans-Bold-vi.ttf")),
    ) else {
        return (StatusCode::SERVICE_UNAVAILABLE, "fonts unavailable").into_response();
    };
    let built = r.report();
    match report::pdf::to_pdf(&built, &report::pdf::Fonts { regular: &regular, bold: &bold }) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/pdf")], bytes).into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal").into_response(),
    }
}

/// `GET /staff/export.csv`: the (filtered) list for Excel.
pub(super) async fn export_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<Filter>,
) -> Response {
    if session(&state, &headers).is_none() {
        return forbidden();
    }
    use report::csv::field;
    let mut out = String::from(report::csv::BOM);
    out.push_str(
        "\"receipt\",\"received_at\",\"company\",\"sector\",\"status\",\"training_interest\",\"news\"\r\n",
    );
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    for r in list_rows(&state, &filter) {
        let (training, news) = (yes_no(r.training), yes_no(r.news));
        let cells =
            [&r.receipt, &r.received_at, &r.company, &r.sector, &r.status, &training, &news]
                .map(|c| field(c));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"sxsh-requests.csv\""),
        ],
        out,
    )
        .into_response()
}
