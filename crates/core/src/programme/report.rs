//! The programme's annual report: the indicators of `content/indicators.toml` (after Decision
//! 889/QĐ-TTg) computed over a period's requests, and every figure of the dashboard as lines
//! (`Line`: section, group, figure, unit, value and the receipts it sums), which the CSV, the
//! service's XLSX and the PDF all write. `dictionary` says what each column and each figure
//! means. The PDF is Vietnamese (or English), laid out by the self-assessment report's PDF
//! machinery (`report::pdf`), dates dd/mm/yyyy and numbers in the language's format.
//!
//! Pure: the caller reads the indicators' file and supplies the cases, the period, the date and
//! the fonts.

use super::{Basis, Case, Dimension, Figures, Summary, Traced, Unit, summary};
use crate::dates;
use crate::i18n::Lang;
use crate::numbers::format;
use crate::report::csv::{BOM, field};
use crate::report::pdf::{self, ACCENT, Fonts, LEFT, Layout, MUTED, PdfError, RIGHT, TEXT};
use serde::{Deserialize, Serialize};

/// One indicator of the annual report, as `content/indicators.toml` defines it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub vi: String,
    pub en: String,
    /// Its unit as people read it (such as "doanh nghiệp", "%", "TOE").
    pub unit: String,
    /// What it is computed from (`MEASURES`, or `saving:<basis>:<unit>`).
    pub measure: String,
    /// Only the requests of these sectors (checklist ids); empty: all.
    #[serde(default)]
    pub sectors: Vec<String>,
    pub how_vi: String,
    pub how_en: String,
    /// The national target it answers to, if any, in words.
    #[serde(default)]
    pub target_vi: String,
    #[serde(default)]
    pub target_en: String,
    /// What this tool cannot measure of the target.
    #[serde(default)]
    pub limits_vi: String,
    #[serde(default)]
    pub limits_en: String,
    /// Where the indicator or its target comes from.
    pub source: String,
}

/// The file: `[[indicator]]` tables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicators {
    pub indicator: Vec<Indicator>,
}

/// The measures an indicator can name besides `saving:<basis>:<unit>`.
pub const MEASURES: [&str; 11] = [
    "requests",
    "enterprises",
    "contacted",
    "visited",
    "enterprises_visited",
    "opportunities_agreed",
    "opportunities_implemented",
    "enterprises_implementing",
    "implementation_rate",
    "enterprise_rate",
    "energy_saved_share",
];

/// The problems of an indicators file, each naming its place (`indicator[2].measure`); empty
/// when it is sound.
pub fn check(indicators: &Indicators) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, ind) in indicators.indicator.iter().enumerate() {
        if ind.id.trim().is_empty() {
            problems.push(format!("indicator[{i}].id is empty"));
        }
        if indicators.indicator.iter().filter(|o| o.id == ind.id).count() > 1 {
            problems.push(format!("indicator[{i}].id {:?} is used twice", ind.id));
        }
        if !known_measure(&ind.measure) {
            problems.push(format!("indicator[{i}].measure {:?} is not known", ind.measure));
        }
        if ind.source.trim().is_empty() {
            problems.push(format!("indicator[{i}].source is empty"));
        }
    }
    problems
}

fn known_measure(measure: &str) -> bool {
    MEASURES.contains(&measure) || saving_measure(measure).is_some()
}

/// `saving:<basis>:<unit>`.
fn saving_measure(measure: &str) -> Option<(Basis, Unit)> {
    let mut parts = measure.split(':');
    let (Some("saving"), Some(basis), Some(unit), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let basis = Basis::ALL.into_iter().find(|b| b.as_str() == basis)?;
    let unit = Unit::ALL.into_iter().find(|u| u.as_str() == unit)?;
    Some((basis, unit))
}

/// A figure of `s` by its code (`MEASURES` but the energy share, or `<basis>_<unit>`); a rate
/// with nothing to divide by is `None`.
fn figure(s: &Summary, code: &str) -> Option<Traced> {
    let f = &s.funnel;
    let rate = |value: Option<f64>, of: &[&Traced]| {
        let mut receipts: Vec<String> = of.iter().flat_map(|t| t.receipts.clone()).collect();
        receipts.sort();
        receipts.dedup();
        value.map(|value| Traced { value, receipts })
    };
    match code {
        "requests" => Some(f.requests.clone()),
        "enterprises" => Some(f.enterprises.clone()),
        "contacted" => Some(f.contacted.clone()),
        "visited" => Some(f.visited.clone()),
        "enterprises_visited" => Some(f.enterprises_visited.clone()),
        "opportunities_agreed" => Some(f.agreed.clone()),
        "opportunities_implemented" => Some(f.implemented.clone()),
        "enterprises_implementing" => Some(f.implementing.clone()),
        "implementation_rate" => rate(f.implementation_rate(), &[&f.agreed]),
        "enterprise_rate" => rate(f.enterprise_rate(), &[&f.enterprises_visited]),
        _ => Basis::ALL.into_iter().find_map(|b| {
            let unit = code.strip_prefix(b.as_str())?.strip_prefix('_')?;
            let unit = Unit::ALL.into_iter().find(|u| u.as_str() == unit)?;
            Some(s.saving(b, unit))
        }),
    }
}

/// The energy saved by the implemented opportunities as a share of the energy those
/// enterprises use: Σ implemented TOE ÷ Σ annual TOE, in percent, over the enterprises with at
/// least one implemented opportunity whose own annual TOE is known. `None` when there is none.
pub fn energy_saved_share(cases: &[&Case]) -> Option<Traced> {
    let (mut saved, mut used, mut receipts) = (0.0, 0.0, Vec::new());
    for c in cases {
        let Some(annual) = c.annual_toe else { continue };
        let s = summary([*c]);
        if s.funnel.implementing.value == 0.0 {
            continue;
        }
        saved += s.saving(Basis::Implemented, Unit::Toe).value;
        used += annual;
        receipts.push(c.receipt.clone());
    }
    receipts.sort();
    (used > 0.0).then(|| Traced { value: saved / used * 100.0, receipts })
}

/// An indicator's value over `cases` (only its sectors' when it names some).
pub fn value(cases: &[&Case], indicator: &Indicator) -> Option<Traced> {
    let of: Vec<&Case> = cases
        .iter()
        .copied()
        .filter(|c| indicator.sectors.is_empty() || indicator.sectors.contains(&c.sector))
        .collect();
    if indicator.measure == "energy_saved_share" {
        return energy_saved_share(&of);
    }
    if let Some((basis, unit)) = saving_measure(&indicator.measure) {
        return Some(summary(of.iter().copied()).saving(basis, unit));
    }
    figure(&summary(of.iter().copied()), &indicator.measure)
}

/// One figure of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// `indicator`, `total`, a dimension (`sector`, `ward`, `size_class`, `year`) or `norm`.
    pub section: String,
    /// The indicator's id, the group's key or the norm's id; "" for the totals.
    pub group: String,
    /// The figure's code (`dictionary`).
    pub figure: String,
    pub unit: String,
    /// `None`: nothing to compute it from (a rate over nothing).
    pub value: Option<f64>,
    /// The receipts of the requests it sums.
    pub receipts: Vec<String>,
}

/// The codes of a summary's figures, with their units, in order.
pub fn summary_codes() -> Vec<(String, &'static str)> {
    let counts = [
        ("requests", "count"),
        ("enterprises", "count"),
        ("contacted", "count"),
        ("visited", "count"),
        ("enterprises_visited", "count"),
        ("opportunities_agreed", "count"),
        ("opportunities_implemented", "count"),
        ("enterprises_implementing", "count"),
        ("implementation_rate", "%"),
        ("enterprise_rate", "%"),
    ];
    let savings = Basis::ALL.into_iter().flat_map(|b| {
        Unit::ALL.into_iter().map(move |u| (format!("{}_{}", b.as_str(), u.as_str()), u.symbol()))
    });
    counts.into_iter().map(|(c, u)| (c.to_owned(), u)).chain(savings).collect()
}

fn summary_lines(section: &str, group: &str, s: &Summary, out: &mut Vec<Line>) {
    for (code, unit) in summary_codes() {
        let t = figure(s, &code);
        out.push(Line {
            section: section.into(),
            group: group.into(),
            unit: unit.into(),
            value: t.as_ref().map(|t| t.value),
            receipts: t.map(|t| t.receipts).unwrap_or_default(),
            figure: code,
        });
    }
}

/// Every figure: the indicators, the totals, each breakdown's groups and the norms.
pub fn lines(cases: &[&Case], figures: &Figures, indicators: &[Indicator]) -> Vec<Line> {
    let mut out = Vec::new();
    for ind in indicators {
        let t = value(cases, ind);
        out.push(Line {
            section: "indicator".into(),
            group: ind.id.clone(),
            figure: ind.measure.clone(),
            unit: ind.unit.clone(),
            value: t.as_ref().map(|t| t.value),
            receipts: t.map(|t| t.receipts).unwrap_or_default(),
        });
    }
    summary_lines("total", "", &figures.total, &mut out);
    for (dimension, groups) in &figures.breakdowns {
        for (key, s) in groups {
            summary_lines(dimension.as_str(), key, s, &mut out);
        }
    }
    let mut traced = |group: &str, figure: &str, unit: &str, t: &Traced| {
        out.push(Line {
            section: "norm".into(),
            group: group.into(),
            figure: figure.into(),
            unit: unit.into(),
            value: Some(t.value),
            receipts: t.receipts.clone(),
        })
    };
    traced("", "intensity_known", "count", &figures.intensity_known);
    for n in &figures.norms {
        traced(&n.norm, "norm_applies", "count", &n.applies);
        traced(&n.norm, "norm_within", "count", &n.within);
        traced(&n.norm, "norm_above", "count", &n.above);
    }
    out
}

/// What a column or a figure code means: code, unit, Vietnamese, English.
pub fn dictionary() -> Vec<(String, String, String, String)> {
    let mut d: Vec<(String, String, String, String)> = [
        ("section", "", "Phần: indicator (chỉ tiêu), total (tổng), sector/ward/size_class/year (theo ngành, phường/xã, quy mô, năm), norm (định mức)", "Section: indicator, total, sector/ward/size_class/year (breakdowns), norm"),
        ("group", "", "Mã chỉ tiêu, giá trị nhóm (mã ngành, phường/xã, quy mô, năm) hoặc mã định mức; trống ở phần tổng", "The indicator's id, the group's key (sector id, ward, size class, year) or the norm's id; empty for the totals"),
        ("figure", "", "Mã số liệu (xem các dòng dưới)", "The figure's code (see the rows below)"),
        ("unit", "", "Đơn vị", "Unit"),
        ("value", "", "Giá trị, dấu chấm thập phân; trống khi không có gì để tính (tỷ lệ trên 0)", "The value, dot for decimals; empty when there is nothing to compute it from (a rate over 0)"),
        ("records", "", "Mã tiếp nhận của các yêu cầu được cộng vào số liệu, cách nhau bởi dấu cách", "The receipts of the requests the figure sums, separated by spaces"),
        ("requests", "count", "Số yêu cầu tiếp nhận trong kỳ (theo ngày tiếp nhận)", "Requests received in the period (by day received)"),
        ("enterprises", "count", "Số doanh nghiệp gửi các yêu cầu đó, mỗi doanh nghiệp tính một lần (theo mã số thuế, nếu không có thì theo tên doanh nghiệp đã chuẩn hóa)", "The enterprises those requests are from, each counted once (by tax code, else by the normalised company name)"),
        ("contacted", "count", "Số yêu cầu đã liên hệ (trạng thái từ 'Đã liên hệ' trở đi, hoặc đã khảo sát)", "Requests contacted (status contacted or later, or visited)"),
        ("visited", "count", "Số yêu cầu đã khảo sát (biên bản đánh giá nhanh có ngày khảo sát)", "Requests visited (rapid-assessment record with a visit date)"),
        ("enterprises_visited", "count", "Số doanh nghiệp đã khảo sát, mỗi doanh nghiệp tính một lần", "Enterprises visited, each counted once"),
        ("opportunities_agreed", "count", "Số cơ hội doanh nghiệp đồng ý (bản ghi đánh giá nhanh mới nhất)", "Opportunities agreed (latest rapid-assessment record)"),
        ("opportunities_implemented", "count", "Số cơ hội đã thực hiện (theo dõi mới nhất: đã thực hiện)", "Opportunities implemented (latest follow-up: implemented)"),
        ("enterprises_implementing", "count", "Số doanh nghiệp có ít nhất một cơ hội đã thực hiện, mỗi doanh nghiệp tính một lần", "Enterprises with at least one opportunity implemented, each counted once"),
        ("implementation_rate", "%", "Cơ hội đã thực hiện ÷ cơ hội được đồng ý × 100", "Opportunities implemented ÷ agreed × 100"),
        ("enterprise_rate", "%", "Doanh nghiệp có cơ hội đã thực hiện ÷ doanh nghiệp đã khảo sát × 100", "Enterprises implementing ÷ enterprises visited × 100"),
        ("energy_saved_share", "%", "TOE tiết kiệm đã thực hiện ÷ TOE sử dụng hằng năm của các doanh nghiệp đó × 100 (chỉ doanh nghiệp có cả hai số liệu)", "TOE saved by implemented opportunities ÷ those enterprises' annual TOE × 100 (only enterprises with both figures)"),
        ("intensity_known", "count", "Số cơ sở biết được năng lượng trên một đơn vị sản phẩm", "Factories whose energy per unit of product is known"),
        ("norm_applies", "count", "Số cơ sở thuộc phạm vi định mức còn hiệu lực vào ngày tiếp nhận", "Factories within the scope of a norm in force on the day received"),
        ("norm_within", "count", "Trong đó, không vượt định mức (chỉ khi định mức có giá trị)", "Of those, at or below the norm (only when the norm has a value)"),
        ("norm_above", "count", "Trong đó, vượt định mức", "Of those, above the norm"),
    ]
    .into_iter()
    .map(|(a, b, c, e)| (a.to_owned(), b.to_owned(), c.to_owned(), e.to_owned()))
    .collect();
    for b in Basis::ALL {
        let (bvi, ben) = basis_meaning(b);
        for u in Unit::ALL {
            // The figure's code, and the same as an indicator's measure.
            for code in [
                format!("{}_{}", b.as_str(), u.as_str()),
                format!("saving:{}:{}", b.as_str(), u.as_str()),
            ] {
                d.push((
                    code,
                    u.symbol().into(),
                    format!("{bvi}, {}", unit_meaning(u).0),
                    format!("{ben}, {}", unit_meaning(u).1),
                ));
            }
        }
    }
    d
}

fn basis_meaning(b: Basis) -> (&'static str, &'static str) {
    match b {
        Basis::Potential => (
            "Tiềm năng tiết kiệm do doanh nghiệp tự đánh giá (điểm giữa, tính lại bằng lõi; chỉ có đồng, TOE và tCO2, các đơn vị khác luôn bằng 0)",
            "Saving potential self-assessed by the enterprises (midpoint, recomputed by the core; VND, TOE and tCO2 only, the other units are always 0)",
        ),
        Basis::Identified => (
            "Tiết kiệm ước tính tại chỗ của các cơ hội được đồng ý",
            "Saving estimated on site for the agreed opportunities",
        ),
        Basis::Implemented => (
            "Tiết kiệm đạt được của các cơ hội đã thực hiện (tự báo cáo và đã xác minh)",
            "Saving achieved by implemented opportunities (self-reported and verified)",
        ),
        Basis::SelfReported => {
            ("Trong đó, doanh nghiệp tự báo cáo", "Of which self-reported by the enterprises")
        }
        Basis::Verified => ("Trong đó, Sở đã xác minh", "Of which verified by the Department"),
    }
}

fn unit_meaning(u: Unit) -> (&'static str, &'static str) {
    match u {
        Unit::Vnd => ("đồng/năm", "VND a year"),
        Unit::Kwh => ("kWh điện/năm", "kWh of electricity a year"),
        Unit::Toe => (
            "TOE/năm (điện quy đổi theo hệ số của bộ câu hỏi, nhiên liệu như ghi)",
            "TOE a year (electricity at the checklist's factor, fuels as recorded)",
        ),
        Unit::M3 => ("m³ nước/năm", "m³ of water a year"),
        Unit::T => (
            "tấn nguyên liệu, hóa chất hoặc chất thải/năm",
            "tonnes of materials, chemicals or waste a year",
        ),
        Unit::Tco2 => ("tấn CO2 tránh được/năm", "tonnes of CO2 avoided a year"),
    }
}

/// The figures as CSV: `section, group, figure, unit, value, records`, one line per `Line`.
pub fn figures_csv(lines: &[Line]) -> String {
    let mut out = String::from(BOM);
    out.push_str("\"section\",\"group\",\"figure\",\"unit\",\"value\",\"records\"\r\n");
    for l in lines {
        let value = l.value.map(super::open::machine_number).unwrap_or_default();
        let cells = [&l.section, &l.group, &l.figure, &l.unit, &value, &l.receipts.join(" ")]
            .map(|c| field(c));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The data dictionary as CSV: `code, unit, meaning_vi, meaning_en`; the indicators follow,
/// each with how it is computed, its target, its limits and its source.
pub fn dictionary_csv(indicators: &[Indicator]) -> String {
    let mut out = String::from(BOM);
    out.push_str("\"code\",\"unit\",\"meaning_vi\",\"meaning_en\",\"source\"\r\n");
    let mut row = |cells: [&str; 5]| {
        out.push_str(&cells.map(field).join(","));
        out.push_str("\r\n");
    };
    for (code, unit, vi, en) in dictionary() {
        row([&code, &unit, &vi, &en, ""]);
    }
    for i in indicators {
        let vi = join_nonempty(&[&i.vi, &i.how_vi, &i.target_vi, &i.limits_vi]);
        let en = join_nonempty(&[&i.en, &i.how_en, &i.target_en, &i.limits_en]);
        row([&format!("indicator:{}", i.id), &i.unit, &vi, &en, &i.source]);
    }
    out
}

fn join_nonempty(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.trim().is_empty()).copied().collect::<Vec<_>>().join(" — ")
}

/// The records the figures sum, one row per request: the head, then the rows.
pub fn record_rows(cases: &[&Case]) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let head = vec![
        "receipt",
        "received_on",
        "year",
        "sector",
        "ward",
        "size_class",
        "contacted",
        "visited",
        "opportunities_agreed",
        "opportunities_implemented",
        "identified_vnd",
        "implemented_vnd",
        "verified_vnd",
        "identified_toe",
        "implemented_toe",
        "potential_vnd",
    ];
    let rows = cases
        .iter()
        .map(|c| {
            let s = summary([*c]);
            let n = |b: Basis, u: Unit| super::open::machine_number(s.saving(b, u).value);
            let yes = |b: bool| if b { "1" } else { "0" }.to_owned();
            vec![
                c.receipt.clone(),
                c.received_on.clone(),
                c.year.to_string(),
                c.sector.clone(),
                c.ward.clone(),
                c.size.as_str().into(),
                yes(c.contacted),
                yes(c.visited),
                s.funnel.agreed.value.to_string(),
                s.funnel.implemented.value.to_string(),
                n(Basis::Identified, Unit::Vnd),
                n(Basis::Implemented, Unit::Vnd),
                n(Basis::Verified, Unit::Vnd),
                n(Basis::Identified, Unit::Toe),
                n(Basis::Implemented, Unit::Toe),
                n(Basis::Potential, Unit::Vnd),
            ]
        })
        .collect();
    (head, rows)
}

/// A number as the report prints it in `lang`: counts whole, the rest with up to 2 decimals.
pub fn shown(value: Option<f64>, unit: &str, lang: Lang) -> String {
    match value {
        None => "—".into(),
        Some(v) if unit == "count" => format(v, lang, 0),
        Some(v) if unit == "VND" || unit == "đồng" => format(v.round(), lang, 0),
        Some(v) => format(v, lang, 2),
    }
}

/// What the annual report needs besides the figures.
pub struct AnnualInput<'a> {
    pub lang: Lang,
    pub department: &'a str,
    /// The period, `YYYY-MM-DD`.
    pub from: &'a str,
    pub to: &'a str,
    /// When it is made (a date or an ISO time).
    pub made_on: &'a str,
    /// The sectors' names by id in `lang`.
    pub sector_name: &'a dyn Fn(&str) -> String,
}

fn pick<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The widths of a table's columns: `fixed`, then the last takes the rest of the line.
fn widths(fixed: &[f32]) -> Vec<f32> {
    let rest = RIGHT - LEFT - fixed.iter().sum::<f32>();
    fixed.iter().copied().chain([rest]).collect()
}

fn table(layout: &mut Layout<'_>, head: &[String], rows: &[Vec<String>], widths: &[f32]) {
    let draw = |layout: &mut Layout<'_>, row: &[String], bold: bool| {
        let cells: Vec<(&str, f32)> =
            row.iter().map(String::as_str).zip(widths.iter().copied()).collect();
        layout.row(&cells, bold, 8.5);
    };
    draw(layout, head, true);
    for row in rows {
        draw(layout, row, false);
    }
}

/// The annual report as an A4 PDF.
pub fn annual_pdf(
    input: &AnnualInput<'_>,
    cases: &[&Case],
    figures: &Figures,
    indicators: &[Indicator],
    fonts: &Fonts<'_>,
) -> Result<Vec<u8>, PdfError> {
    let lang = input.lang;
    let t = |vi: &'static str, en: &'static str| pick(lang, vi, en).to_owned();
    let title = t(
        "Báo cáo kết quả chương trình sản xuất sạch hơn",
        "Cleaner production programme: annual report",
    );
    let period = format!(
        "{}: {} – {}",
        t("Kỳ báo cáo", "Period"),
        dates::day(input.from),
        dates::day(input.to)
    );
    let footer = format!("{} · {}", input.department, period);
    pdf::write_document(fonts, &format!("{title} – {period}"), |layout| {
        layout.paragraph(input.department, true, 11.0, 0.0, ACCENT);
        layout.space(12.0);
        layout.paragraph(&title, true, 20.0, 0.0, TEXT);
        layout.space(6.0);
        layout.paragraph(&period, false, 11.0, 0.0, TEXT);
        layout.paragraph(
            &format!("{}: {}", t("Ngày lập", "Made on"), dates::day(input.made_on)),
            false,
            11.0,
            0.0,
            TEXT,
        );
        layout.space(6.0);
        layout.paragraph(
            &t(
                "Kỳ báo cáo chọn các yêu cầu theo ngày tiếp nhận; các bước sau đó (liên hệ, khảo sát, cơ hội, theo dõi) được tính như hiện trạng khi lập báo cáo. Mỗi số liệu kèm mã tiếp nhận của các yêu cầu được cộng (tệp XLSX/CSV cùng kỳ).",
                "The period selects requests by the day they were received; their later stages (contact, visit, opportunities, follow-up) are counted as they stand when the report is made. Each figure lists the receipts it sums (the XLSX/CSV of the same period).",
            ),
            false,
            9.0,
            0.0,
            MUTED,
        );

        layout.heading(&t(
            "1. Chỉ tiêu theo Quyết định 889/QĐ-TTg",
            "1. Indicators after Decision 889/QĐ-TTg",
        ));
        for ind in indicators {
            let v = value(cases, ind);
            layout.ensure(60.0);
            layout.paragraph(
                &format!(
                    "{}: {} {}",
                    pick(lang, &ind.vi, &ind.en),
                    shown(v.as_ref().map(|v| v.value), &ind.unit, lang),
                    if ind.unit == "count" { String::new() } else { ind.unit.clone() }
                ),
                true,
                10.0,
                0.0,
                TEXT,
            );
            for text in [
                pick(lang, &ind.how_vi, &ind.how_en),
                pick(lang, &ind.target_vi, &ind.target_en),
                pick(lang, &ind.limits_vi, &ind.limits_en),
            ] {
                if !text.trim().is_empty() {
                    layout.paragraph(text, false, 9.0, 14.0, TEXT);
                }
            }
            layout.paragraph(
                &format!("{}: {}", t("Nguồn", "Source"), ind.source),
                false,
                8.5,
                14.0,
                MUTED,
            );
        }

        layout.heading(&t("2. Phễu chương trình", "2. The programme's funnel"));
        let f = &figures.total.funnel;
        let pct = |v: Option<f64>| v.map_or("—".into(), |v| format!("{} %", format(v, lang, 1)));
        let rows = vec![
            vec![
                t("Yêu cầu tiếp nhận", "Requests received"),
                shown(Some(f.requests.value), "count", lang),
            ],
            vec![t("Đã liên hệ", "Contacted"), shown(Some(f.contacted.value), "count", lang)],
            vec![t("Đã khảo sát", "Visited"), shown(Some(f.visited.value), "count", lang)],
            vec![
                t("Cơ hội được đồng ý", "Opportunities agreed"),
                shown(Some(f.agreed.value), "count", lang),
            ],
            vec![
                t("Cơ hội đã thực hiện", "Opportunities implemented"),
                shown(Some(f.implemented.value), "count", lang),
            ],
            vec![
                t("Tỷ lệ thực hiện (cơ hội)", "Implementation rate (opportunities)"),
                pct(f.implementation_rate()),
            ],
            vec![
                t(
                    "Doanh nghiệp có cơ hội đã thực hiện ÷ đã khảo sát",
                    "Enterprises implementing ÷ visited",
                ),
                pct(f.enterprise_rate()),
            ],
        ];
        table(layout, &[t("Bước", "Stage"), t("Số lượng", "Number")], &rows, &widths(&[330.0]));

        layout.heading(&t(
            "3. Tiết kiệm: xác định và thực hiện",
            "3. Savings: identified and implemented",
        ));
        let head: Vec<String> = std::iter::once(t("Loại", "Kind"))
            .chain(Unit::ALL.iter().map(|u| u.symbol().to_owned()))
            .collect();
        let rows: Vec<Vec<String>> = Basis::ALL
            .iter()
            .map(|&b| {
                let (vi, en) = b.words();
                std::iter::once(pick(lang, vi, en).to_owned())
                    .chain(Unit::ALL.iter().map(|&u| {
                        let v = figures.total.saving(b, u).value;
                        shown(Some(v), if u == Unit::Vnd { "VND" } else { "" }, lang)
                    }))
                    .collect()
            })
            .collect();
        table(layout, &head, &rows, &widths(&[120.0, 80.0, 55.0, 45.0, 50.0, 45.0]));
        if figures.total.unit_not_counted.value > 0.0 {
            layout.paragraph(
                &format!(
                    "{} {}",
                    format(figures.total.unit_not_counted.value, lang, 0),
                    t(
                        "cơ hội có lượng tiết kiệm ghi bằng đơn vị khác, không cộng vào các cột lượng (vẫn tính tiền và CO2).",
                        "opportunities have a quantity in another unit, not added to the quantity columns (their VND and CO2 still count).",
                    )
                ),
                false,
                8.5,
                0.0,
                MUTED,
            );
        }

        let mut section = 4;
        for (dimension, groups) in &figures.breakdowns {
            let (vi, en) = match dimension {
                Dimension::Sector => ("theo ngành", "by sector"),
                Dimension::Ward => ("theo phường/xã", "by ward"),
                Dimension::Size => (
                    "theo quy mô (số lao động, NĐ 80/2021/NĐ-CP)",
                    "by size class (employees, Decree 80/2021/NĐ-CP)",
                ),
                Dimension::Year => ("theo năm", "by year"),
            };
            layout.heading(&format!(
                "{section}. {} {}",
                t("Kết quả", "Results"),
                pick(lang, vi, en)
            ));
            section += 1;
            let head = vec![
                t("Nhóm", "Group"),
                t("Yêu cầu", "Requests"),
                t("Khảo sát", "Visited"),
                t("Đồng ý", "Agreed"),
                t("Thực hiện", "Implemented"),
                t("Xác định (VND)", "Identified (VND)"),
                t("Thực hiện (VND)", "Implemented (VND)"),
            ];
            let rows: Vec<Vec<String>> = groups
                .iter()
                .map(|(key, s)| {
                    let name = match dimension {
                        Dimension::Sector => (input.sector_name)(key),
                        Dimension::Size => super::SizeClass::ALL
                            .into_iter()
                            .find(|c| c.as_str() == key)
                            .map_or(key.clone(), |c| pick(lang, c.words().0, c.words().1).into()),
                        _ => key.clone(),
                    };
                    let name =
                        if name.is_empty() { t("(không ghi)", "(not given)") } else { name };
                    let f = &s.funnel;
                    vec![
                        name,
                        shown(Some(f.requests.value), "count", lang),
                        shown(Some(f.visited.value), "count", lang),
                        shown(Some(f.agreed.value), "count", lang),
                        shown(Some(f.implemented.value), "count", lang),
                        shown(Some(s.saving(Basis::Identified, Unit::Vnd).value), "VND", lang),
                        shown(Some(s.saving(Basis::Implemented, Unit::Vnd).value), "VND", lang),
                    ]
                })
                .collect();
            table(layout, &head, &rows, &widths(&[120.0, 50.0, 50.0, 50.0, 55.0, 85.0]));
        }

        layout.heading(&format!(
            "{section}. {}",
            t(
                "Năng lượng trên đơn vị sản phẩm so với định mức",
                "Energy per unit of product against the norms"
            )
        ));
        layout.paragraph(
            &format!(
                "{}: {}",
                t(
                    "Số cơ sở biết được năng lượng trên đơn vị sản phẩm",
                    "Factories whose energy per unit of product is known"
                ),
                shown(Some(figures.intensity_known.value), "count", lang)
            ),
            false,
            10.0,
            0.0,
            TEXT,
        );
        if figures.norms.is_empty() {
            layout.paragraph(
                &t(
                    "Không cơ sở nào thuộc phạm vi một định mức còn hiệu lực vào ngày tiếp nhận. Định mức đã hết hiệu lực không bao giờ được dùng để so sánh.",
                    "No factory falls within a norm in force on the day its request was received. A norm out of its validity period is never compared with.",
                ),
                false,
                10.0,
                0.0,
                TEXT,
            );
        }
        for n in &figures.norms {
            let line = match n.value {
                Some(v) => format!(
                    "{}: {} {}, {} {}, {} {} ({} {})",
                    n.norm,
                    shown(Some(n.applies.value), "count", lang),
                    t("cơ sở", "factories"),
                    shown(Some(n.within.value), "count", lang),
                    t("không vượt", "within"),
                    shown(Some(n.above.value), "count", lang),
                    t("vượt", "above"),
                    t("giá trị", "value"),
                    format(v, lang, 2)
                ),
                None => format!(
                    "{}: {} {} — {}",
                    n.norm,
                    shown(Some(n.applies.value), "count", lang),
                    t("cơ sở", "factories"),
                    t(
                        "chưa lấy được giá trị định mức, không so sánh",
                        "the norm's value was not retrieved: nothing compared"
                    )
                ),
            };
            layout.paragraph(&line, false, 10.0, 0.0, TEXT);
        }

        layout.heading(&format!(
            "{}. {}",
            section + 1,
            t("Truy vết số liệu", "Tracing the figures")
        ));
        let trace: Vec<Vec<String>> = [
            (t("Yêu cầu tiếp nhận", "Requests received"), &f.requests),
            (t("Đã khảo sát", "Visited"), &f.visited),
            (t("Có cơ hội được đồng ý", "With agreed opportunities"), &f.agreed),
            (t("Có cơ hội đã thực hiện", "With implemented opportunities"), &f.implemented),
        ]
        .into_iter()
        .map(|(label, tr)| vec![label, tr.receipts.join(", ")])
        .collect();
        table(
            layout,
            &[t("Số liệu", "Figure"), t("Mã tiếp nhận", "Receipts")],
            &trace,
            &widths(&[150.0]),
        );

        layout
            .number_pages(&footer, |page, pages| format!("{} {page}/{pages}", t("Trang", "Page")));
    })
}
