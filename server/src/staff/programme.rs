//! The programme's dashboard, annual report and open data (issue 24), for the Department.
//!
//! - `GET /staff/dashboard?from=YYYY-MM-DD&to=YYYY-MM-DD` (or `?year=YYYY`; the calendar year by
//!   default): the funnel with the implementation rates, the savings identified beside those
//!   implemented (self-reported beside verified) in every unit, the breakdowns by sector, ward,
//!   size class and year, and energy per unit of product against the norms in force. Each chart
//!   is an SVG drawn here (bars with their numbers written beside them, `role="img"` with a
//!   `<title>` and `<desc>`), readable without scripts, and has its table beside it; every
//!   figure lists the receipts it sums, each a link to its request.
//! - `GET /staff/reports/annual.pdf|.xlsx|.csv` for the same period (the PDF in Vietnamese,
//!   in English with `language=en`): the indicators of
//!   `content/indicators.toml` (after Decision 889/QĐ-TTg) and every figure with its receipts.
//!   The XLSX has three sheets (`figures`, `records`: one row per request summed, `dictionary`);
//!   the CSV's dictionary is a second file, `annual-dictionary.csv`.
//! - `GET /staff/open-data.csv?year=`: one whole calendar year's anonymised rows
//!   (`programme::open_data`: groups of fewer than 3 enterprises merged into one "khác" row per
//!   year and sector, suppressed under 3, and any cell of fewer than 3 enterprises suppressed;
//!   docs/open-data.md).
//!
//! Officers read the dashboard and the reports (they list receipts); officers and
//! administrators may take the open data, which names no one. Each export is in the processing
//! log, without personal data. The figures are the core's (`sxsh_core::programme`); this file
//! only reads the cases from SQLite and sums them on the blocking pool, and renders them.

use super::auth::{Allowed, Officers, Oversight};
use super::export::pdf;
use super::pages::log;
use super::{Frame, render};
use crate::AppState;
use crate::audit::Action;
use crate::error::AppError;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rusqlite::Connection;
use serde::Deserialize;
use std::sync::OnceLock;
use sxsh_core::assessment::Profile;
use sxsh_core::checklist::{self, Checklist};
use sxsh_core::dates;
use sxsh_core::i18n::{Bilingual, Lang};
use sxsh_core::numbers::format;
use sxsh_core::programme::report::{self as annual, Indicator, Indicators};
use sxsh_core::programme::{
    self, Basis, Case, Dimension, Figures, FollowUpRow, SizeClass, Stored, Summary, Traced, Unit,
};
use sxsh_core::rapid_assessment;
use tower_http::set_header::SetResponseHeaderLayer;

/// The routes, merged into the staff pages' by `staff::routes`.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/dashboard", get(dashboard))
        .route("/staff/reports/annual.pdf", get(annual_pdf))
        .route("/staff/reports/annual.xlsx", get(annual_xlsx))
        .route("/staff/reports/annual.csv", get(annual_csv))
        .route("/staff/reports/annual-dictionary.csv", get(annual_dictionary))
        .route("/staff/open-data.csv", get(open_data_csv))
        .layer(axum::middleware::from_fn(super::words::switch_language))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// The navigation's label of the dashboard.
pub fn nav_label(lang: Lang) -> &'static str {
    words(lang).nav
}

/// The indicators' file, compiled in like the checklist and the triage file.
const INDICATORS: &str = include_str!("../../../content/indicators.toml");

/// The indicators, read and checked once; the problems of a broken file.
pub fn indicators() -> Result<&'static [Indicator], String> {
    static READ: OnceLock<Result<Indicators, String>> = OnceLock::new();
    let read = READ.get_or_init(|| {
        let file: Indicators =
            toml::from_str(INDICATORS).map_err(|e| format!("content/indicators.toml: {e}"))?;
        let problems = annual::check(&file);
        if problems.is_empty() {
            Ok(file)
        } else {
            Err(format!("content/indicators.toml: {}", problems.join("; ")))
        }
    });
    read.as_ref().map(|f| f.indicator.as_slice()).map_err(Clone::clone)
}

/// The period asked for: `from` and `to` (`YYYY-MM-DD`), or a `year`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct PeriodQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    year: String,
}

/// A checked period, both days included.
#[derive(Clone, Debug, PartialEq)]
struct Period {
    from: String,
    to: String,
}

impl Period {
    /// The period of `query`: `year` gives its calendar year; a missing bound is the start or
    /// end of the current year in Vietnam. A day that is not a real `YYYY-MM-DD`, or a start
    /// after the end, is refused naming the field.
    fn of(query: &PeriodQuery) -> Result<Period, AppError> {
        let this_year = dates::iso_day(&crate::db::utc_now().1)[..4].to_owned();
        let year = match query.year.trim() {
            "" => this_year,
            y if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => y.to_owned(),
            _ => {
                return Err(refused("year", "Năm phải có dạng YYYY.", "The year must read YYYY."));
            }
        };
        let day = |text: &str, default: String, field: &str| {
            let text = text.trim();
            if text.is_empty() {
                return Ok(default);
            }
            dates::calendar_day(text).map(|_| text.to_owned()).ok_or_else(|| {
                refused(
                    field,
                    "Ngày phải có dạng YYYY-MM-DD và là ngày có thật.",
                    "The day must read YYYY-MM-DD and be a real day.",
                )
            })
        };
        let from = day(&query.from, format!("{year}-01-01"), "from")?;
        let to = day(&query.to, format!("{year}-12-31"), "to")?;
        if from > to {
            return Err(refused(
                "to",
                "Ngày kết thúc phải sau ngày bắt đầu.",
                "The end must not be before the start.",
            ));
        }
        Ok(Period { from, to })
    }

    /// The calendar year of `query` (`year`, or the current one), for the open data: a `from`
    /// or `to` is refused (two periods a day apart would give one enterprise's figures by
    /// subtraction).
    fn of_year(query: &PeriodQuery) -> Result<Period, AppError> {
        for (field, given) in [("from", &query.from), ("to", &query.to)] {
            if !given.trim().is_empty() {
                return Err(refused(
                    field,
                    "Dữ liệu mở chỉ xuất theo cả năm dương lịch (?year=YYYY).",
                    "The open data is given for whole calendar years only (?year=YYYY).",
                ));
            }
        }
        Period::of(query)
    }

    /// The query string of this period.
    fn query(&self) -> String {
        format!("from={}&to={}", self.from, self.to)
    }
}

fn refused(field: &str, vi: &str, en: &str) -> AppError {
    AppError::Refused(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "bad_period",
        vec![AppError::field(field, vi, en)],
    )
}

/// The requests received in `period` (by their day in Vietnam), as the core's cases: each with
/// its latest rapid-assessment record, the follow-ups of its opportunities (the latest row of
/// each counts), and whether it was ever contacted (its status now, or one it had, as its
/// notes record).
fn cases(conn: &Connection, list: &Checklist, period: &Period) -> rusqlite::Result<Vec<Case>> {
    // Vietnam is UTC+7: a day there starts the evening before in UTC. The window is a day
    // wider on each side; the core keeps exactly the period's days.
    let wide = |day: &str, by: i32| {
        day.parse::<jiff::civil::Date>()
            .ok()
            .and_then(|d| d.checked_add(jiff::Span::new().days(by)).ok())
            .map_or_else(|| day.to_owned(), |d| d.to_string())
    };
    let (start, end) = (wide(&period.from, -1), wide(&period.to, 2));
    let mut requests = conn.prepare(
        "SELECT r.id, r.receipt, r.received_at, r.year, r.status, r.assessment_json,
                r.potential_vnd, r.potential_toe, r.potential_tco2, r.annual_toe,
                (SELECT record_json FROM assessment_revisions a WHERE a.request_id = r.id
                 ORDER BY a.revision DESC LIMIT 1),
                EXISTS (SELECT 1 FROM notes n WHERE n.request_id = r.id
                        AND (n.text GLOB (char(1) || 'status * contacted')
                          OR n.text GLOB (char(1) || 'status * scheduled')
                          OR n.text GLOB (char(1) || 'status * assessed'))),
                r.tax_code, r.company_key
         FROM requests r WHERE r.received_at >= ?1 AND r.received_at < ?2
         ORDER BY r.received_at, r.id",
    )?;
    let mut follow_ups = conn.prepare(
        "SELECT opportunity_id, status, status_on, achieved_quantity, achieved_unit,
                achieved_vnd, achieved_tco2, evidence
         FROM follow_ups WHERE request_id = ?1 ORDER BY id",
    )?;
    let rows = requests.query_map([&start, &end], |r| {
        let status: String = r.get(4)?;
        let noted: bool = r.get(11)?;
        Ok((
            r.get::<_, i64>(0)?,
            Stored {
                receipt: r.get(1)?,
                tax_code: r.get(12)?,
                company_key: r.get(13)?,
                received_at: r.get(2)?,
                year: r.get(3)?,
                contacted: noted
                    || matches!(status.as_str(), "contacted" | "scheduled" | "assessed"),
                potential_vnd: r.get(6)?,
                potential_toe: r.get(7)?,
                potential_tco2: r.get(8)?,
                annual_toe: r.get(9)?,
            },
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(10)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, stored, assessment, record) = row?;
        let profile = serde_json::from_str::<ProfileOnly>(&assessment)
            .map(|f| f.draft.profile)
            .unwrap_or_else(|why| {
                tracing::error!(%why, receipt = %stored.receipt, "stored answers unreadable");
                Default::default()
            });
        let record = record.and_then(|text| rapid_assessment::read(&text).ok());
        let rows: Vec<FollowUpRow> = follow_ups
            .query_map([id], |r| {
                Ok(FollowUpRow {
                    opportunity_id: r.get(0)?,
                    status: r.get(1)?,
                    status_on: r.get(2)?,
                    achieved_quantity: r.get(3)?,
                    achieved_unit: r.get(4)?,
                    achieved_vnd: r.get(5)?,
                    achieved_tco2: r.get(6)?,
                    evidence: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.push(programme::case(list, &stored, &profile, record.as_ref(), &rows));
    }
    let kept: Vec<Case> =
        programme::in_period(&out, &period.from, &period.to).into_iter().cloned().collect();
    Ok(kept)
}

/// The stored answers' profile alone: the answers are skipped, not built.
#[derive(Deserialize)]
struct ProfileOnly {
    draft: DraftProfile,
}

#[derive(Deserialize)]
struct DraftProfile {
    profile: Profile,
}

/// `work` over the period's cases, read and computed on the blocking pool (the sums grow with
/// the requests: never on the async threads).
async fn with_cases<T: Send + 'static>(
    state: &AppState,
    period: &Period,
    work: impl FnOnce(Vec<Case>) -> T + Send + 'static,
) -> Result<T, AppError> {
    let period = period.clone();
    state.db.read(move |conn| Ok(work(cases(conn, checklist::active(), &period)?))).await
}

/// The words of these pages, in one language.
struct ProgrammeWords {
    nav: &'static str,
    title: &'static str,
    intro: &'static str,
    period: &'static str,
    from: &'static str,
    to: &'static str,
    show: &'static str,
    downloads: &'static str,
    open_data: &'static str,
    funnel: &'static str,
    funnel_desc: &'static str,
    stages: [&'static str; 6],
    stage: &'static str,
    number: &'static str,
    records: &'static str,
    /// After the number of receipts a figure sums ("3 hồ sơ").
    record_count: &'static str,
    none: &'static str,
    rate_opportunities: &'static str,
    rate_enterprises: &'static str,
    not_computable: &'static str,
    savings: &'static str,
    savings_desc: &'static str,
    kind: &'static str,
    by: [&'static str; 4],
    group: &'static str,
    requests: &'static str,
    visited: &'static str,
    agreed: &'static str,
    implemented: &'static str,
    identified_vnd: &'static str,
    implemented_vnd: &'static str,
    breakdown_desc: &'static str,
    not_given: &'static str,
    norms: &'static str,
    norms_intro: &'static str,
    intensity_known: &'static str,
    norm: &'static str,
    applies: &'static str,
    within: &'static str,
    above: &'static str,
    no_value: &'static str,
    no_norm: &'static str,
    other_units: &'static str,
}

const VI: ProgrammeWords = ProgrammeWords {
    nav: "Chương trình",
    title: "Kết quả chương trình sản xuất sạch hơn",
    intro: "Các yêu cầu được chọn theo ngày tiếp nhận; các bước sau đó được tính như hiện trạng. Mỗi số liệu kèm mã tiếp nhận của các yêu cầu được cộng.",
    period: "Kỳ báo cáo",
    from: "Từ ngày",
    to: "Đến ngày",
    show: "Xem",
    downloads: "Tải báo cáo năm của kỳ này",
    open_data: "Dữ liệu mở (ẩn danh) cả năm",
    funnel: "Phễu chương trình",
    funnel_desc: "Số yêu cầu qua từng bước: tiếp nhận, liên hệ, khảo sát, cơ hội được đồng ý, cơ hội đã thực hiện, doanh nghiệp có cơ hội đã thực hiện.",
    stages: [
        "Yêu cầu tiếp nhận",
        "Đã liên hệ",
        "Đã khảo sát",
        "Cơ hội được đồng ý",
        "Cơ hội đã thực hiện",
        "Doanh nghiệp có cơ hội đã thực hiện",
    ],
    stage: "Bước",
    number: "Số lượng",
    records: "Hồ sơ được cộng",
    record_count: "hồ sơ",
    none: "không có",
    rate_opportunities: "Tỷ lệ thực hiện: cơ hội đã thực hiện ÷ cơ hội được đồng ý",
    rate_enterprises: "Doanh nghiệp có ít nhất một cơ hội đã thực hiện ÷ doanh nghiệp đã khảo sát",
    not_computable: "chưa tính được (mẫu số bằng 0)",
    savings: "Tiết kiệm: xác định và thực hiện",
    savings_desc: "Tiết kiệm hằng năm theo loại: tiềm năng tự đánh giá, xác định tại chỗ (cơ hội được đồng ý), đã thực hiện, trong đó tự báo cáo và đã xác minh.",
    kind: "Loại",
    by: ["Theo ngành", "Theo phường/xã", "Theo quy mô (số lao động)", "Theo năm"],
    group: "Nhóm",
    requests: "Yêu cầu",
    visited: "Đã khảo sát",
    agreed: "Cơ hội đồng ý",
    implemented: "Cơ hội thực hiện",
    identified_vnd: "Xác định (đồng/năm)",
    implemented_vnd: "Đã thực hiện (đồng/năm)",
    breakdown_desc: "Số yêu cầu của từng nhóm.",
    not_given: "(không ghi)",
    norms: "Năng lượng trên đơn vị sản phẩm so với định mức",
    norms_intro: "Chỉ so sánh với định mức còn hiệu lực vào ngày tiếp nhận yêu cầu, cùng ngành, đơn vị sản phẩm và quy mô; định mức hết hiệu lực không bao giờ được dùng.",
    intensity_known: "Số cơ sở biết được năng lượng trên đơn vị sản phẩm",
    norm: "Định mức",
    applies: "Cơ sở thuộc phạm vi",
    within: "Không vượt",
    above: "Vượt",
    no_value: "chưa lấy được giá trị định mức, không so sánh",
    no_norm: "Không cơ sở nào thuộc phạm vi một định mức còn hiệu lực.",
    other_units: "cơ hội ghi lượng bằng đơn vị khác: không cộng vào các cột lượng (vẫn tính tiền và CO2)",
};

const EN: ProgrammeWords = ProgrammeWords {
    nav: "Programme",
    title: "Cleaner production programme: results",
    intro: "Requests are chosen by the day received; their later stages are counted as they stand. Each figure lists the receipts of the requests it sums.",
    period: "Period",
    from: "From",
    to: "To",
    show: "Show",
    downloads: "Download this period's annual report",
    open_data: "Open data (anonymised) for the whole year",
    funnel: "The programme's funnel",
    funnel_desc: "Requests through each stage: received, contacted, visited, opportunities agreed, opportunities implemented, enterprises implementing.",
    stages: [
        "Requests received",
        "Contacted",
        "Visited",
        "Opportunities agreed",
        "Opportunities implemented",
        "Enterprises with an implemented opportunity",
    ],
    stage: "Stage",
    number: "Number",
    records: "Records summed",
    record_count: "records",
    none: "none",
    rate_opportunities: "Implementation rate: opportunities implemented ÷ agreed",
    rate_enterprises: "Enterprises with at least one implemented opportunity ÷ enterprises visited",
    not_computable: "not computable (nothing to divide by)",
    savings: "Savings: identified and implemented",
    savings_desc: "Annual savings by kind: self-assessed potential, identified on site (agreed opportunities), implemented, of which self-reported and verified.",
    kind: "Kind",
    by: ["By sector", "By ward", "By size class (employees)", "By year"],
    group: "Group",
    requests: "Requests",
    visited: "Visited",
    agreed: "Agreed",
    implemented: "Implemented",
    identified_vnd: "Identified (VND/yr)",
    implemented_vnd: "Implemented (VND/yr)",
    breakdown_desc: "Requests in each group.",
    not_given: "(not given)",
    norms: "Energy per unit of product against the norms",
    norms_intro: "Compared only with norms in force on the day the request was received, of the same sector, product unit and size; a norm out of its period is never used.",
    intensity_known: "Factories whose energy per unit of product is known",
    norm: "Norm",
    applies: "Factories within scope",
    within: "Within",
    above: "Above",
    no_value: "the norm's value was not retrieved: nothing compared",
    no_norm: "No factory falls within a norm in force.",
    other_units: "opportunities have a quantity in another unit: not added to the quantity columns (their VND and CO2 still count)",
};

fn words(lang: Lang) -> &'static ProgrammeWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The receipts a figure sums, as the page lists them: the first `SHOWN`, and how many more
/// (a figure over thousands of requests would otherwise make a page of megabytes; the annual
/// CSV and XLSX carry them all).
pub(super) struct Receipts {
    shown: Vec<String>,
    more: usize,
    total: usize,
}

/// Receipts listed on the page per figure.
const SHOWN: usize = 50;

impl Receipts {
    fn of(all: &[String]) -> Receipts {
        Receipts {
            shown: all.iter().take(SHOWN).cloned().collect(),
            more: all.len().saturating_sub(SHOWN),
            total: all.len(),
        }
    }
}

/// One bar of a chart and the row of its table.
pub(super) struct Bar {
    label: String,
    value: String,
    /// The bar's top and its text's baseline, and its length, in the chart's units.
    y: usize,
    text_y: usize,
    width: usize,
    /// Where its number is written: just after the bar.
    value_x: usize,
    receipts: Receipts,
}

/// A bar chart drawn on the server, with the table beside it.
pub(super) struct Chart {
    id: String,
    title: String,
    desc: String,
    /// The table's header: the label's and the value's columns.
    head: [String; 2],
    bars: Vec<Bar>,
    height: usize,
}

/// The chart's geometry: label column, longest bar, row height.
const LABEL_WIDTH: usize = 360;
/// The chart's whole width: the labels, the longest bar and room for its number.
pub(super) const CHART_WIDTH: usize = LABEL_WIDTH + BAR_MAX + 130;
const BAR_MAX: usize = 240;
const ROW: usize = 30;

fn chart(
    id: &str,
    title: &str,
    desc: &str,
    head: [&str; 2],
    items: Vec<(String, f64, String, Vec<String>)>,
) -> Chart {
    let max = items.iter().map(|i| i.1).fold(0.0, f64::max);
    let bars = items
        .into_iter()
        .enumerate()
        .map(|(i, (label, value, text, receipts))| {
            let width = if max > 0.0 { (value / max * BAR_MAX as f64).round() as usize } else { 0 };
            Bar {
                label,
                value: text,
                y: i * ROW + 6,
                text_y: i * ROW + 21,
                width,
                value_x: LABEL_WIDTH + width + 6,
                receipts: Receipts::of(&receipts),
            }
        })
        .collect::<Vec<_>>();
    Chart {
        id: id.into(),
        title: title.into(),
        desc: desc.into(),
        head: head.map(str::to_owned),
        height: bars.len() * ROW + 8,
        bars,
    }
}

/// A row of the savings table: the kind, then each unit's figure and its receipts.
pub(super) struct SavingsRow {
    kind: String,
    cells: Vec<(String, Receipts)>,
}

/// A row of a breakdown's table.
pub(super) struct GroupRow {
    name: String,
    cells: Vec<(String, Receipts)>,
}

pub(super) struct Breakdown {
    chart: Chart,
    rows: Vec<GroupRow>,
}

impl Chart {
    /// Where the bars start.
    fn bar_x(&self) -> usize {
        LABEL_WIDTH
    }

    fn width(&self) -> usize {
        CHART_WIDTH
    }
}

pub(super) struct NormRow {
    norm: String,
    value: String,
    applies: (String, Receipts),
    within: String,
    above: String,
}

#[derive(Template)]
#[template(path = "programme_dashboard.html")]
struct Dashboard {
    frame: Frame,
    w: &'static ProgrammeWords,
    from: String,
    to: String,
    /// The calendar year of the period's start: the open data is by whole years only.
    year: String,
    period_text: String,
    query: String,
    funnel: Chart,
    rates: Vec<(String, String, Receipts)>,
    savings_chart: Chart,
    units: Vec<&'static str>,
    savings: Vec<SavingsRow>,
    other_units: Option<(String, Receipts)>,
    breakdowns: Vec<Breakdown>,
    intensity_known: (String, Receipts),
    norms: Vec<NormRow>,
}

fn count(t: &Traced, lang: Lang) -> String {
    format(t.value, lang, 0)
}

fn amount(t: &Traced, unit: Unit, lang: Lang) -> String {
    format(t.value, lang, if unit == Unit::Vnd { 0 } else { 2 })
}

fn percent(value: Option<f64>, lang: Lang) -> Option<String> {
    value.map(|v| format!("{} %", format(v, lang, 1)))
}

/// A group's name in `lang`.
fn group_name(dimension: Dimension, key: &str, lang: Lang, w: &ProgrammeWords) -> String {
    let name = match dimension {
        Dimension::Sector => {
            checklist::active().sectors.iter().find(|s| s.id == key).map_or(key.to_owned(), |s| {
                match lang {
                    Lang::Vi => s.vi().to_owned(),
                    Lang::En => s.en().to_owned(),
                }
            })
        }
        Dimension::Size => {
            SizeClass::ALL.into_iter().find(|c| c.as_str() == key).map_or(key.to_owned(), |c| {
                match lang {
                    Lang::Vi => c.words().0.to_owned(),
                    Lang::En => c.words().1.to_owned(),
                }
            })
        }
        _ => key.to_owned(),
    };
    if name.is_empty() { w.not_given.to_owned() } else { name }
}

fn breakdown(
    dimension: Dimension,
    index: usize,
    groups: &[(String, Summary)],
    lang: Lang,
    w: &ProgrammeWords,
) -> Breakdown {
    let items = groups
        .iter()
        .map(|(key, s)| {
            let t = &s.funnel.requests;
            (group_name(dimension, key, lang, w), t.value, count(t, lang), t.receipts.clone())
        })
        .collect();
    let rows = groups
        .iter()
        .map(|(key, s)| {
            let f = &s.funnel;
            let c = |t: &Traced| (count(t, lang), Receipts::of(&t.receipts));
            let v = |b: Basis| {
                let t = s.saving(b, Unit::Vnd);
                (amount(&t, Unit::Vnd, lang), Receipts::of(&t.receipts))
            };
            GroupRow {
                name: group_name(dimension, key, lang, w),
                cells: vec![
                    c(&f.requests),
                    c(&f.visited),
                    c(&f.agreed),
                    c(&f.implemented),
                    v(Basis::Identified),
                    v(Basis::Implemented),
                ],
            }
        })
        .collect();
    Breakdown {
        chart: chart(
            &format!("by-{}", dimension.as_str()),
            w.by[index],
            w.breakdown_desc,
            [w.group, w.requests],
            items,
        ),
        rows,
    }
}

/// `GET /staff/dashboard`.
pub(super) async fn dashboard(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let period = Period::of(&query)?;
    let figures = with_cases(&state, &period, |cases| programme::figures(&cases)).await?;
    let lang = staff.lang;
    let w = words(lang);
    let here = format!("/staff/dashboard?{}", period.query());
    let f = &figures.total.funnel;
    let stages =
        [&f.requests, &f.contacted, &f.visited, &f.agreed, &f.implemented, &f.implementing];
    let funnel = chart(
        "funnel",
        w.funnel,
        w.funnel_desc,
        [w.stage, w.number],
        stages
            .iter()
            .zip(w.stages)
            .map(|(t, label)| (label.to_owned(), t.value, count(t, lang), t.receipts.clone()))
            .collect(),
    );
    let rate = |label: &str, value: Option<f64>, of: &Traced| {
        (
            label.to_owned(),
            percent(value, lang).unwrap_or_else(|| w.not_computable.into()),
            Receipts::of(&of.receipts),
        )
    };
    let rates = vec![
        rate(w.rate_opportunities, f.implementation_rate(), &f.agreed),
        rate(w.rate_enterprises, f.enterprise_rate(), &f.visited),
    ];
    let basis_name = |b: Basis| match lang {
        Lang::Vi => b.words().0,
        Lang::En => b.words().1,
    };
    let savings_chart = chart(
        "savings-vnd",
        &format!("{} (VND)", w.savings),
        w.savings_desc,
        [w.kind, "VND"],
        Basis::ALL
            .iter()
            .map(|&b| {
                let t = figures.total.saving(b, Unit::Vnd);
                (basis_name(b).to_owned(), t.value, amount(&t, Unit::Vnd, lang), t.receipts)
            })
            .collect(),
    );
    let savings = Basis::ALL
        .iter()
        .map(|&b| SavingsRow {
            kind: basis_name(b).to_owned(),
            cells: Unit::ALL
                .iter()
                .map(|&u| {
                    let t = figures.total.saving(b, u);
                    (amount(&t, u, lang), Receipts::of(&t.receipts))
                })
                .collect(),
        })
        .collect();
    let uncounted = &figures.total.unit_not_counted;
    let breakdowns = figures
        .breakdowns
        .iter()
        .enumerate()
        .map(|(i, (d, groups))| breakdown(*d, i, groups, lang, w))
        .collect();
    let norms = norm_rows(&figures, lang, w);
    render(&Dashboard {
        frame: Frame::new(&state, &staff, &here),
        w,
        period_text: format!("{} – {}", dates::day(&period.from), dates::day(&period.to)),
        query: period.query(),
        year: period.from.get(..4).unwrap_or_default().to_owned(),
        from: period.from,
        to: period.to,
        funnel,
        rates,
        savings_chart,
        units: Unit::ALL.iter().map(|u| u.symbol()).collect(),
        savings,
        other_units: (uncounted.value > 0.0)
            .then(|| (count(uncounted, lang), Receipts::of(&uncounted.receipts))),
        breakdowns,
        intensity_known: (
            count(&figures.intensity_known, lang),
            Receipts::of(&figures.intensity_known.receipts),
        ),
        norms,
    })
}

fn norm_rows(figures: &Figures, lang: Lang, w: &ProgrammeWords) -> Vec<NormRow> {
    figures
        .norms
        .iter()
        .map(|n| {
            let (within, above) = match n.value {
                Some(_) => (count(&n.within, lang), count(&n.above, lang)),
                None => (w.no_value.to_owned(), w.no_value.to_owned()),
            };
            NormRow {
                norm: norm_name(&n.norm, lang),
                value: n.value.map_or_else(|| "—".into(), |v| format(v, lang, 2)),
                applies: (count(&n.applies, lang), Receipts::of(&n.applies.receipts)),
                within,
                above,
            }
        })
        .collect()
}

/// A norm's name in `lang` (its id when the checklist no longer has it).
fn norm_name(id: &str, lang: Lang) -> String {
    checklist::active().norms.iter().find(|n| n.id == id).map_or(id.to_owned(), |n| match lang {
        Lang::Vi => n.vi.clone(),
        Lang::En => n.en.clone(),
    })
}

/// The period's cases, figures and lines for an annual export.
async fn annual_lines(
    state: &AppState,
    period: &Period,
) -> Result<(Vec<Case>, Figures, Vec<annual::Line>), AppError> {
    let indicators = indicators().map_err(AppError::Internal)?;
    with_cases(state, period, move |cases| {
        let figures = programme::figures(&cases);
        let all: Vec<&Case> = cases.iter().collect();
        let lines = annual::lines(&all, &figures, indicators);
        (cases, figures, lines)
    })
    .await
}

fn download(content_type: &'static str, name: String, body: impl IntoResponse) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let disposition =
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// `GET /staff/reports/annual.csv`: every figure with its receipts.
pub(super) async fn annual_csv(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let period = Period::of(&query)?;
    let indicators = indicators().map_err(AppError::Internal)?;
    let body = with_cases(&state, &period, move |cases| {
        let figures = programme::figures(&cases);
        let all: Vec<&Case> = cases.iter().collect();
        annual::figures_csv(&annual::lines(&all, &figures, indicators))
    })
    .await?;
    log(&state, &staff, Action::AnnualReport, None);
    let name = format!("sxsh-annual-{}-{}.csv", period.from, period.to);
    Ok(download("text/csv; charset=utf-8", name, body))
}

/// `GET /staff/reports/annual-dictionary.csv`: what each column and figure code means.
pub(super) async fn annual_dictionary(
    Allowed(_, _): Allowed<Officers>,
) -> Result<Response, AppError> {
    let indicators = indicators().map_err(AppError::Internal)?;
    let body = annual::dictionary_csv(indicators);
    Ok(download("text/csv; charset=utf-8", "sxsh-annual-dictionary.csv".into(), body))
}

/// `GET /staff/reports/annual.xlsx`: the figures, the records they sum and the dictionary.
pub(super) async fn annual_xlsx(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let period = Period::of(&query)?;
    let (cases, _, lines) = annual_lines(&state, &period).await?;
    let indicators = indicators().map_err(AppError::Internal)?;
    let heavy = state.heavy.clone();
    let permit = heavy.acquire_owned().await.map_err(|e| AppError::Internal(e.to_string()))?;
    let book = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        workbook(&cases, &lines, indicators)
    })
    .await?
    .map_err(|e| AppError::Internal(format!("XLSX: {e}")))?;
    log(&state, &staff, Action::AnnualReport, None);
    let name = format!("sxsh-annual-{}-{}.xlsx", period.from, period.to);
    Ok(download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, book))
}

/// The workbook: `figures` (as the CSV), `records` (one row per request summed) and
/// `dictionary` (as `annual-dictionary.csv`). Numbers are cells of numbers.
fn workbook(
    cases: &[Case],
    lines: &[annual::Line],
    indicators: &[Indicator],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("figures")?;
    for (c, head) in ["section", "group", "figure", "unit", "value", "records"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *head, &bold)?;
    }
    for (i, l) in lines.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &l.section)?;
        sheet.write_string(r, 1, &l.group)?;
        sheet.write_string(r, 2, &l.figure)?;
        sheet.write_string(r, 3, &l.unit)?;
        if let Some(v) = l.value {
            sheet.write_number(r, 4, v)?;
        }
        sheet.write_string(r, 5, receipts_cell(&l.receipts))?;
    }
    let sheet = book.add_worksheet().set_name("records")?;
    let all: Vec<&Case> = cases.iter().collect();
    let (head, rows) = annual::record_rows(&all);
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (i as u32 + 1, c as u16);
            // Receipts, days and keys stay text; the figures are numbers.
            match (c >= 6, cell.parse::<f64>()) {
                (true, Ok(x)) => sheet.write_number(r, c, x)?,
                _ => sheet.write_string(r, c, cell)?,
            };
        }
    }
    let sheet = book.add_worksheet().set_name("dictionary")?;
    for (c, h) in ["code", "unit", "meaning_vi", "meaning_en", "source"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut r = 1;
    for (code, unit, vi, en) in annual::dictionary() {
        for (c, cell) in [code, unit, vi, en].iter().enumerate() {
            sheet.write_string(r, c as u16, cell)?;
        }
        r += 1;
    }
    for i in indicators {
        let cells = [
            format!("indicator:{}", i.id),
            i.unit.clone(),
            [i.vi.as_str(), &i.how_vi, &i.target_vi, &i.limits_vi]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" — "),
            [i.en.as_str(), &i.how_en, &i.target_en, &i.limits_en]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" — "),
            i.source.clone(),
        ];
        for (c, cell) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, cell)?;
        }
        r += 1;
    }
    book.save_to_buffer()
}

/// The most characters an Excel cell holds.
const CELL_MAX: usize = 32_767;

/// A figure's receipts in one cell: all of them while they fit in a cell; else as many as fit,
/// then how many there are in all (the `records` sheet, filtered by the figure's group, lists
/// every one; the CSV has no such limit and lists them all).
fn receipts_cell(receipts: &[String]) -> String {
    let all = receipts.join(" ");
    if all.len() <= CELL_MAX {
        return all;
    }
    let note = format!(
        " … (tổng cộng {n}: xem trang records / {n} in all: see the records sheet)",
        n = receipts.len()
    );
    let mut cell = String::new();
    for r in receipts {
        if cell.len() + r.len() + 1 + note.len() > CELL_MAX {
            break;
        }
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(r);
    }
    cell.push_str(&note);
    cell
}

/// The language of a report asked for: `language=en` for English; anything else Vietnamese.
/// (Not `lang=`: on the staff pages that switches the interface's language and is dropped.)
#[derive(Debug, Default, Deserialize)]
pub(super) struct ReportLanguage {
    #[serde(default)]
    language: String,
}

impl ReportLanguage {
    fn lang(&self) -> Lang {
        if self.language.trim() == "en" { Lang::En } else { Lang::Vi }
    }
}

/// `GET /staff/reports/annual.pdf`: the annual report, in Vietnamese, the Department's official
/// language, whatever the officer's interface language; in English with `language=en`.
pub(super) async fn annual_pdf(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Officers>,
    Query(query): Query<PeriodQuery>,
    Query(asked): Query<ReportLanguage>,
) -> Result<Response, AppError> {
    let period = Period::of(&query)?;
    let (cases, figures, _) = annual_lines(&state, &period).await?;
    let indicators = indicators().map_err(AppError::Internal)?;
    let department = state.settings.department.name.clone();
    let lang = asked.lang();
    let made_on = crate::db::utc_now().1;
    let (from, to) = (period.from.clone(), period.to.clone());
    let made = pdf(&state, move |fonts| {
        let sector_name = |id: &str| group_name(Dimension::Sector, id, lang, words(lang));
        let input = annual::AnnualInput {
            lang,
            department: &department,
            from: &from,
            to: &to,
            made_on: &made_on,
            sector_name: &sector_name,
        };
        let all: Vec<&Case> = cases.iter().collect();
        annual::annual_pdf(&input, &all, &figures, indicators, fonts)
    })
    .await?;
    log(&state, &staff, Action::AnnualReport, None);
    let name = format!("sxsh-annual-{}-{}.pdf", period.from, period.to);
    Ok(download("application/pdf", name, made))
}

/// `GET /staff/open-data.csv?year=`: one calendar year's anonymised rows, groups under 3
/// enterprises merged and suppressed, cells of under 3 enterprises suppressed.
pub(super) async fn open_data_csv(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Oversight>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let period = Period::of_year(&query)?;
    let body =
        with_cases(&state, &period, |cases| programme::open::to_csv(&programme::open_data(&cases)))
            .await?;
    log(&state, &staff, Action::OpenData, None);
    let name = format!("sxsh-open-data-{}-{}.csv", period.from, period.to);
    Ok(download("text/csv; charset=utf-8", name, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_indicators_file_reads_and_checks_clean() {
        let list = indicators().expect("content/indicators.toml is sound");
        assert!(list.iter().any(|i| i.measure == "energy_saved_share"));
        assert!(list.iter().all(|i| !i.source.trim().is_empty()));
    }

    #[test]
    fn a_period_defaults_to_a_calendar_year_and_refuses_what_is_not_a_day() {
        let q = |from: &str, to: &str, year: &str| PeriodQuery {
            from: from.into(),
            to: to.into(),
            year: year.into(),
        };
        assert_eq!(
            Period::of(&q("", "", "2026")).ok(),
            Some(Period { from: "2026-01-01".into(), to: "2026-12-31".into() })
        );
        assert_eq!(
            Period::of(&q("2026-04-01", "", "2026")).ok(),
            Some(Period { from: "2026-04-01".into(), to: "2026-12-31".into() })
        );
        assert!(Period::of(&q("2026-02-30", "", "")).is_err());
        assert!(Period::of(&q("", "", "26")).is_err());
        assert!(Period::of(&q("2026-05-01", "2026-04-30", "")).is_err());
        let this = Period::of(&PeriodQuery::default()).expect("the current year");
        assert!(this.from.ends_with("-01-01") && this.to.ends_with("-12-31"));
    }

    #[test]
    fn receipts_too_many_for_a_cell_are_cut_and_counted() {
        let few: Vec<String> = (0..3).map(|i| format!("SXSH-2026-{i:04}")).collect();
        assert_eq!(receipts_cell(&few), "SXSH-2026-0000 SXSH-2026-0001 SXSH-2026-0002");
        let many: Vec<String> = (0..5_000).map(|i| format!("SXSH-2026-{i:04}")).collect();
        let cell = receipts_cell(&many);
        assert!(cell.len() <= CELL_MAX, "{}", cell.len());
        assert!(cell.starts_with("SXSH-2026-0000 SXSH-2026-0001"));
        assert!(
            cell.ends_with(
                " … (tổng cộng 5000: xem trang records / 5000 in all: see the records sheet)"
            ),
            "bilingual, Vietnamese first"
        );
        let page = Receipts::of(&many);
        assert_eq!((page.shown.len(), page.more, page.total), (SHOWN, 5_000 - SHOWN, 5_000));
    }

    #[test]
    fn a_chart_scales_its_longest_bar_to_the_full_length() {
        let c = chart(
            "x",
            "t",
            "d",
            ["a", "b"],
            vec![("one".into(), 4.0, "4".into(), vec![]), ("two".into(), 1.0, "1".into(), vec![])],
        );
        assert_eq!((c.bars[0].width, c.bars[1].width), (BAR_MAX, BAR_MAX / 4));
        assert_eq!((c.bars[1].y, c.height), (ROW + 6, 2 * ROW + 8));
        let empty = chart("x", "t", "d", ["a", "b"], vec![("z".into(), 0.0, "0".into(), vec![])]);
        assert_eq!(empty.bars[0].width, 0);
    }
}
