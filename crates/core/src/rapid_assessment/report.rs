//! The rapid-assessment report for the enterprise: a PDF in Vietnamese (or English), made by the
//! core through the self-assessment report's PDF machinery (`report::pdf`: embedded Noto Sans,
//! user text only as glyphs, layout linear in the text's length).
//!
//! `build` turns the request, its record and the Department's contact into a `RapidReport`,
//! every word and number already text in one language: the cover (enterprise, visit, team), the
//! verified baseline beside the self-reported figures, the opportunities ranked (`ranked`: agreed
//! first, then priority, then VND saved) with their saving, investment and payback, the totals
//! self-assessed (recomputed from the request's answers) beside verified (all and agreed), the
//! agreed next steps and the Department's contact. `to_pdf` lays it out. Dates read dd/mm/yyyy,
//! money and numbers in the language's format. The interface words are here, in both languages,
//! not in `locales/`: only the service prints this report, so the widget carries none of them.
//! Pure: the caller supplies the date and the fonts.

use super::{Agreement, Priority, RapidAssessment, Verified, payback_years, ranked, totals};
use crate::checklist::{Checklist, Stream};
use crate::dates;
use crate::i18n::{Bilingual, Lang, Text, fill};
use crate::numbers::{format, format_vnd};
use crate::report::pdf::{self, ACCENT, Fonts, LEFT, Layout, MUTED, PdfError, RIGHT, TEXT};
use crate::report::{end_use_label, money_range, payback_text, range, stream_label};
use crate::request::AssessmentRequest;
use crate::savings::{Range, positive};
use serde::{Deserialize, Serialize};

/// The Department's contact as the report prints it (the service's settings supply it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentContact {
    /// Such as "Sở Công Thương thành phố Huế".
    pub name: String,
    /// Address, phone, e-mail: one per line.
    pub details: String,
}

/// A table: its header and rows (each as many cells as the header), and what to say when it
/// has no row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub empty: String,
}

/// One opportunity as the report gives it: "1. title", then its lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpportunityText {
    pub title: String,
    pub lines: Vec<String>,
}

/// The report, every word and number as text in one language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RapidReport {
    pub lang: Lang,
    pub title: String,
    pub department: DepartmentContact,
    /// Said on the cover when the assessor has not finished the record.
    pub draft_note: Option<String>,
    /// Label and value.
    pub cover: Vec<(String, String)>,
    /// What the figures are and where they come from.
    pub note: String,
    pub baseline_heading: String,
    pub baseline: Table,
    pub opportunities_heading: String,
    pub opportunities: Vec<OpportunityText>,
    pub no_opportunity: String,
    pub totals_heading: String,
    pub totals: Table,
    pub totals_notes: Vec<String>,
    pub next_steps_heading: String,
    /// One paragraph per line the assessor wrote; a sentence saying there is none when empty.
    pub next_steps: Vec<String>,
    pub contact_heading: String,
    /// At the foot of every page: the enterprise and the receipt.
    pub footer: String,
    /// "Trang {page}/{pages}".
    pub page: String,
}

/// An interface text of the report in both languages.
struct Words(&'static str, &'static str);

impl Bilingual for Words {
    fn vi(&self) -> &str {
        self.0
    }
    fn en(&self) -> &str {
        self.1
    }
}

const TITLE: Words =
    Words("Báo cáo đánh giá nhanh sản xuất sạch hơn", "Rapid cleaner-production assessment report");
const DRAFT: Words = Words(
    "Bản nháp: chuyên gia chưa hoàn tất hồ sơ đánh giá.",
    "Draft: the assessor has not finished the record.",
);
const TAX_CODE: Words = Words("Mã số thuế", "Tax code");
const RECEIPT: Words = Words("Mã yêu cầu", "Request receipt");
const VISIT_DATE: Words = Words("Ngày khảo sát", "Visit date");
const TEAM: Words = Words("Đoàn khảo sát", "Assessment team");
const AREAS: Words = Words("Khu vực đã khảo sát", "Areas walked");
const REPORT_DATE: Words = Words("Ngày lập báo cáo", "Report date");
const NOTE: Words = Words(
    "Số liệu đã kiểm tra lấy từ hóa đơn và đồng hồ đo; khoản tiết kiệm của từng cơ hội là ước tính của chuyên gia tại hiện trường. Số liệu tự đánh giá là của doanh nghiệp, do công cụ tính lại từ câu trả lời, và cũng là ước tính.",
    "Verified figures come from bills and meters; each opportunity's saving is the assessor's estimate on site. Self-assessed figures are the enterprise's own, recomputed by the tool from its answers, and are estimates too.",
);
const BASELINE: Words = Words("Số liệu nền đã kiểm tra", "Verified baseline");
const STREAM: Words = Words("Tài nguyên", "Stream");
const UNIT: Words = Words("Đơn vị", "Unit");
const SELF_REPORTED: Words = Words("Doanh nghiệp tự khai", "Self-reported");
const VERIFIED: Words = Words("Đã kiểm tra", "Verified");
const COST: Words = Words("Chi phí mỗi năm", "Cost a year");
const EVIDENCE: Words = Words("Căn cứ", "Evidence");
const NO_BASELINE: Words = Words("Chưa có số liệu nền.", "No baseline recorded yet.");
const OPPORTUNITIES: Words = Words(
    "Các cơ hội sản xuất sạch hơn, theo thứ tự ưu tiên",
    "Cleaner-production opportunities, ranked",
);
const NO_OPPORTUNITY: Words = Words("Chưa ghi nhận cơ hội nào.", "No opportunity recorded yet.");
const END_USE: Words = Words("Mục đích sử dụng", "End use");
const FROM_CHECKLIST: Words =
    Words("Biện pháp trong bộ câu hỏi tự đánh giá", "A measure of the self-assessment checklist");
const NEW_FINDING: Words = Words("Phát hiện mới tại hiện trường", "A new finding on site");
const SAVING: Words = Words("Tiết kiệm ước tính mỗi năm", "Estimated saving a year");
const NOT_ESTIMATED: Words = Words("chưa ước tính", "not estimated yet");
const INVESTMENT: Words = Words("Vốn đầu tư", "Investment");
const NOT_KNOWN: Words = Words("chưa xác định", "not known");
const PAYBACK_UNKNOWN: Words = Words("Hoàn vốn: chưa xác định", "Payback: not known");
const PRIORITY: Words = Words("Mức ưu tiên", "Priority");
const HIGH: Words = Words("cao", "high");
const MEDIUM: Words = Words("trung bình", "medium");
const LOW: Words = Words("thấp", "low");
const ENTERPRISE: Words = Words("Doanh nghiệp", "The enterprise");
const AGREED: Words = Words("đã đồng ý thực hiện", "agreed to carry it out");
const UNDECIDED: Words = Words("chưa quyết định", "has not decided");
const DECLINED: Words = Words("không thực hiện", "declined");
const TOTALS: Words =
    Words("Tổng hợp: tự đánh giá và đánh giá nhanh", "Totals: self-assessed and rapid assessment");
const SELF_ASSESSED: Words = Words("Tự đánh giá", "Self-assessed");
const ALL: Words = Words("Đánh giá nhanh: mọi cơ hội", "Rapid assessment: all opportunities");
const AGREED_ONLY: Words = Words("Đánh giá nhanh: đã đồng ý", "Rapid assessment: agreed");
const COUNT: Words = Words("Số cơ hội", "Opportunities");
const MONEY: Words = Words("Tiết kiệm (đồng/năm)", "Saving (VND a year)");
const CO2: Words = Words("Giảm phát thải (tCO2/năm)", "Emissions avoided (tCO2 a year)");
const WITHOUT_VND: Words = Words(
    "{count} cơ hội (trong đó {agreed} đã thống nhất) chưa có số tiền tiết kiệm nên không tính vào các tổng tiền.",
    "{count} opportunities ({agreed} of them agreed) have no VND figure and are not in the money totals.",
);
const WITHOUT_TCO2: Words = Words(
    "{count} cơ hội (trong đó {agreed} đã thống nhất) chưa có lượng CO2 giảm nên không tính vào các tổng tCO2.",
    "{count} opportunities ({agreed} of them agreed) have no tCO2 figure and are not in the tCO2 totals.",
);
const NEXT_STEPS: Words = Words("Các bước tiếp theo đã thống nhất", "Agreed next steps");
const NO_NEXT_STEPS: Words = Words("Chưa ghi các bước tiếp theo.", "No next steps recorded yet.");
const CONTACT: Words = Words("Liên hệ", "Contact");

/// Shown for a figure not given.
const NONE: &str = "—";

/// How many decimals a quantity of this size shows: none from 1,000, one from 10, else two
/// (48.571 kWh, 18,5 TOE, 7,25 t).
fn decimals(value: f64) -> usize {
    match value.abs() {
        v if v >= 1_000.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    }
}

/// A quantity with the decimals its size calls for ("1.350.000", "17,5").
fn quantity(value: f64, lang: Lang) -> String {
    format(value, lang, decimals(value))
}

/// An optional figure through `show`, or a dash (for none, or one that is not a figure).
fn or_dash(value: Option<f64>, show: impl Fn(f64) -> String) -> String {
    positive(value).map_or_else(|| NONE.to_owned(), show)
}

/// The verified figure, with how far it is from the self-reported one ("1.350.000 (+12,5 %)").
fn verified_cell(verified: Option<f64>, reported: Option<f64>, lang: Lang) -> String {
    or_dash(verified, |v| match positive(reported).filter(|r| *r > 0.0) {
        Some(r) => {
            let shown = format((v - r) / r * 100.0, lang, 1);
            let sign = if shown.starts_with('-') || shown == "0" { "" } else { "+" };
            format!("{} ({sign}{shown} %)", quantity(v, lang))
        }
        None => quantity(v, lang),
    })
}

/// The baseline table: one row per line of the record.
fn baseline_table(list: &Checklist, record: &RapidAssessment, lang: Lang) -> Table {
    let rows = record
        .baseline
        .iter()
        .map(|line| {
            vec![
                stream_label(list, line.stream, lang),
                line.unit.clone(),
                or_dash(line.self_reported, |v| quantity(v, lang)),
                verified_cell(line.verified, line.self_reported, lang),
                or_dash(line.cost_vnd, |v| format_vnd(v, lang)),
                line.evidence.clone(),
            ]
        })
        .collect();
    let head = [STREAM, UNIT, SELF_REPORTED, VERIFIED, COST, EVIDENCE];
    Table {
        head: head.map(|w| lang.pick(&w).to_owned()).into(),
        rows,
        empty: lang.pick(&NO_BASELINE).into(),
    }
}

/// Each opportunity's lines, in the report's order.
fn opportunity_texts(
    list: &Checklist,
    record: &RapidAssessment,
    lang: Lang,
) -> Vec<OpportunityText> {
    let t = |w: &Words| lang.pick(w).to_owned();
    ranked(record)
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let stream = list.end_use(&o.end_use).and_then(|e| Stream::from_id(&e.stream));
            let end_use = match stream {
                Some(s) => {
                    format!(
                        "{} ({})",
                        end_use_label(list, &o.end_use, lang),
                        stream_label(list, s, lang)
                    )
                }
                None => o.end_use.clone(),
            };
            let origin = if o.measure.is_some() { &FROM_CHECKLIST } else { &NEW_FINDING };
            let amounts: Vec<String> = [
                positive(o.saving_quantity).map(|v| {
                    format!("{} {}", quantity(v, lang), o.saving_unit.trim()).trim_end().to_owned()
                }),
                positive(o.saving_vnd).map(|v| format_vnd(v, lang)),
                positive(o.saving_tco2).map(|v| format!("{} tCO2", format(v, lang, 1))),
            ]
            .into_iter()
            .flatten()
            .collect();
            let saving = if amounts.is_empty() { t(&NOT_ESTIMATED) } else { amounts.join("; ") };
            let investment = or_dash(o.investment_vnd, |v| format_vnd(v, lang));
            let investment = if investment == NONE { t(&NOT_KNOWN) } else { investment };
            let payback = payback_years(o)
                .map_or_else(|| t(&PAYBACK_UNKNOWN), |y| payback_text([y, y], lang));
            let priority = match o.priority {
                Priority::High => &HIGH,
                Priority::Medium => &MEDIUM,
                Priority::Low => &LOW,
            };
            let agreement = match o.agreement {
                Agreement::Agreed => &AGREED,
                Agreement::Undecided => &UNDECIDED,
                Agreement::Declined => &DECLINED,
            };
            OpportunityText {
                title: format!("{}. {}", i + 1, o.title),
                lines: vec![
                    format!("{}: {end_use}. {}.", t(&END_USE), t(origin)),
                    format!("{}: {saving}.", t(&SAVING)),
                    format!("{}: {investment}. {payback}.", t(&INVESTMENT)),
                    format!(
                        "{}: {}. {}: {}.",
                        t(&PRIORITY),
                        t(priority),
                        t(&ENTERPRISE),
                        t(agreement)
                    ),
                ],
            }
        })
        .collect()
}

/// The totals table: self-assessed beside verified (all, agreed); then one row per stream and
/// unit that either side has.
fn totals_table(
    list: &Checklist,
    request: &AssessmentRequest,
    record: &RapidAssessment,
    lang: Lang,
) -> (Table, Vec<String>) {
    let totals = totals(list, record, &request.assessment.draft);
    let own = &totals.self_assessed;
    let t = |w: &Words| lang.pick(w).to_owned();
    let both = |pick: &dyn Fn(&Verified) -> String| [pick(&totals.all), pick(&totals.agreed)];
    let row =
        |label: String, own: String, [all, agreed]: [String; 2]| vec![label, own, all, agreed];
    let mut rows = vec![
        row(t(&COUNT), NONE.into(), both(&|v| v.opportunities.to_string())),
        row(t(&MONEY), money_range(own.vnd, lang), both(&|v| format_vnd(v.vnd, lang))),
        row(t(&CO2), range(own.tco2, lang, 1), both(&|v| format(v.tco2, lang, 1))),
        row(t(&INVESTMENT), NONE.into(), both(&|v| format_vnd(v.investment_vnd, lang))),
    ];
    // Each stream and unit once, in stream order, then by unit (both lists are so ordered).
    let mut keys: Vec<(Stream, &str)> = own
        .quantities
        .iter()
        .map(|q| (q.stream, q.unit.as_str()))
        .chain(totals.all.quantities.iter().map(|q| (q.stream, q.unit.as_str())))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for (stream, unit) in keys {
        let own = own.quantities.iter().find(|q| (q.stream, q.unit.as_str()) == (stream, unit));
        let own = own.map_or_else(|| NONE.to_owned(), |q| quantity_range(q.quantity, lang));
        let of = |v: &Verified| {
            let found = v.quantities.iter().find(|q| (q.stream, q.unit.as_str()) == (stream, unit));
            found.map_or_else(|| NONE.to_owned(), |q| quantity(q.quantity, lang))
        };
        let label = format!("{} ({unit})", stream_label(list, stream, lang));
        rows.push(row(label, own, both(&of)));
    }
    // What the totals leave out, all and agreed alike (the agreed are among all).
    let mut notes = Vec::new();
    let without = [
        (&WITHOUT_VND, totals.all.without_vnd, totals.agreed.without_vnd),
        (&WITHOUT_TCO2, totals.all.without_tco2, totals.agreed.without_tco2),
    ];
    for (words, all, agreed) in without {
        if all > 0 {
            let (count, agreed) = (all.to_string(), agreed.to_string());
            notes.push(fill(lang.pick(words), &[("count", &count), ("agreed", &agreed)]));
        }
    }
    let head = vec![String::new(), t(&SELF_ASSESSED), t(&ALL), t(&AGREED_ONLY)];
    (Table { head, rows, empty: String::new() }, notes)
}

/// A quantity range with the decimals its high end calls for.
fn quantity_range(r: Range, lang: Lang) -> String {
    range(r, lang, decimals(r.high))
}

/// The report of `record`, made for `request`, in `lang`, dated `date` (ISO; printed dd/mm/yyyy).
/// The self-reported figures are the request's (`with_reported`), whatever the record holds.
pub fn build(
    list: &Checklist,
    request: &AssessmentRequest,
    record: &RapidAssessment,
    department: &DepartmentContact,
    lang: Lang,
    date: &str,
) -> RapidReport {
    let t = |w: &Words| lang.pick(w).to_owned();
    let mut record = record.clone();
    super::with_reported(list, request, &mut record);
    let record = &record;
    let profile = &request.assessment.draft.profile;
    let sector = profile.sector.as_ref().and_then(|s| list.sectors.iter().find(|x| &x.id == s));
    let tax_code = request.contact.tax_code.trim();
    let mut cover = vec![(lang.text(Text::ReportCompany).to_owned(), profile.company.clone())];
    if !tax_code.is_empty() {
        cover.push((t(&TAX_CODE), tax_code.to_owned()));
    }
    cover.extend([
        (
            lang.text(Text::ReportSector).to_owned(),
            sector.map(|s| lang.pick(s).to_owned()).unwrap_or_default(),
        ),
        (lang.text(Text::ReportWard).to_owned(), profile.ward.clone()),
        (t(&RECEIPT), record.receipt.clone()),
        (t(&VISIT_DATE), dates::day(&record.visit.date)),
        (t(&TEAM), record.visit.team.clone()),
        (t(&AREAS), record.visit.areas.clone()),
        (t(&REPORT_DATE), dates::day(date)),
    ]);
    let (totals, totals_notes) = totals_table(list, request, record, lang);
    let next_steps: Vec<String> = record
        .next_steps
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    RapidReport {
        lang,
        title: t(&TITLE),
        department: department.clone(),
        draft_note: (!record.complete).then(|| t(&DRAFT)),
        cover,
        note: t(&NOTE),
        baseline_heading: t(&BASELINE),
        baseline: baseline_table(list, record, lang),
        opportunities_heading: t(&OPPORTUNITIES),
        opportunities: opportunity_texts(list, record, lang),
        no_opportunity: t(&NO_OPPORTUNITY),
        totals_heading: t(&TOTALS),
        totals,
        totals_notes,
        next_steps_heading: t(&NEXT_STEPS),
        next_steps: if next_steps.is_empty() { vec![t(&NO_NEXT_STEPS)] } else { next_steps },
        contact_heading: t(&CONTACT),
        footer: format!("{} · {}", profile.company, record.receipt),
        page: lang.text(Text::ReportPage).to_owned(),
    }
}

/// The widths of a table's columns: `fixed`, then the last column takes the rest of the line.
fn widths(fixed: &[f32]) -> Vec<f32> {
    let rest = RIGHT - LEFT - fixed.iter().sum::<f32>();
    fixed.iter().copied().chain([rest]).collect()
}

/// Lays a table out: a bold header row, then each row (cells wrap within `widths`).
fn table(layout: &mut Layout<'_>, table: &Table, widths: &[f32]) {
    if table.rows.is_empty() {
        layout.paragraph(&table.empty, false, 10.0, 0.0, TEXT);
        return;
    }
    let draw = |layout: &mut Layout<'_>, row: &[String], bold: bool| {
        let cells: Vec<(&str, f32)> =
            row.iter().map(String::as_str).zip(widths.iter().copied()).collect();
        layout.row(&cells, bold, 8.5);
    };
    draw(layout, &table.head, true);
    for row in &table.rows {
        draw(layout, row, false);
    }
}

/// The report as an A4 PDF with searchable text in the embedded fonts.
pub fn to_pdf(report: &RapidReport, fonts: &Fonts<'_>) -> Result<Vec<u8>, PdfError> {
    let title = format!("{} – {}", report.title, report.footer);
    pdf::write_document(fonts, &title, |layout| {
        layout.paragraph(&report.department.name, true, 11.0, 0.0, ACCENT);
        layout.space(12.0);
        layout.paragraph(&report.title, true, 20.0, 0.0, TEXT);
        layout.space(8.0);
        if let Some(note) = &report.draft_note {
            layout.paragraph(note, true, 10.5, 0.0, ACCENT);
        }
        let cover = widths(&[150.0]);
        for (label, value) in &report.cover {
            layout.row(&[(label, cover[0]), (value, cover[1])], false, 10.5);
        }
        layout.space(6.0);
        layout.paragraph(&report.note, false, 9.0, 0.0, MUTED);

        layout.heading(&report.baseline_heading);
        table(layout, &report.baseline, &widths(&[72.0, 42.0, 82.0, 100.0, 90.0]));

        layout.heading(&report.opportunities_heading);
        if report.opportunities.is_empty() {
            layout.paragraph(&report.no_opportunity, false, 10.0, 0.0, TEXT);
        }
        for o in &report.opportunities {
            layout.ensure(60.0);
            layout.paragraph(&o.title, true, 10.0, 0.0, TEXT);
            for line in &o.lines {
                layout.paragraph(line, false, 9.0, 14.0, TEXT);
            }
        }

        layout.heading(&report.totals_heading);
        table(layout, &report.totals, &widths(&[141.0, 114.0, 114.0]));
        for note in &report.totals_notes {
            layout.paragraph(note, false, 8.5, 0.0, MUTED);
        }

        layout.heading(&report.next_steps_heading);
        for line in &report.next_steps {
            layout.paragraph(line, false, 10.0, 0.0, TEXT);
        }

        layout.heading(&report.contact_heading);
        layout.paragraph(&report.department.name, true, 10.0, 0.0, TEXT);
        layout.paragraph(&report.department.details, false, 10.0, 0.0, TEXT);

        layout.number_pages(&report.footer, |page, pages| {
            fill(&report.page, &[("page", &page.to_string()), ("pages", &pages.to_string())])
        });
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rapid_assessment::tests::factory;
    use crate::rapid_assessment::{BaselineLine, Opportunity, prefill};

    fn department() -> DepartmentContact {
        DepartmentContact {
            name: "Sở Công Thương thành phố Huế".into(),
            details: "01 Lê Lai, phường Thuận Hóa\n0234 3822 000 · sxsh@hue.gov.vn".into(),
        }
    }

    /// The factory's prefilled record after the visit: the electricity verified at 1,125,000
    /// kWh (12.5 % above the 1,000,000 reported) for 2,250,000,000 VND; the LED replacement
    /// agreed at 150,000,000 VND; the condensate return declined; a new finding agreed, with no
    /// money figure.
    fn visited() -> (AssessmentRequest, RapidAssessment) {
        let request = factory();
        let mut record = prefill(crate::checklist::active(), &request, "SXSH-2027-0001");
        record.visit.date = "2027-03-15".into();
        record.visit.team = "Nguyễn Văn An, Trần Thị Bình".into();
        record.baseline[0] = BaselineLine {
            verified: Some(1_125_000.0),
            cost_vnd: Some(2_250_000_000.0),
            evidence: "Hóa đơn EVN 12 tháng".into(),
            ..record.baseline[0].clone()
        };
        for o in &mut record.opportunities {
            if o.id == "energy.lighting.led" {
                o.agreement = Agreement::Agreed;
                o.investment_vnd = Some(150_000_000.0);
                o.saving_vnd = Some(90_000_000.0);
            } else {
                o.agreement = Agreement::Declined;
            }
        }
        record.opportunities.push(Opportunity {
            id: "n1".into(),
            measure: None,
            title: "Sửa rò rỉ khí nén ở xưởng nhuộm".into(),
            end_use: "electricity.compressed_air".into(),
            saving_quantity: Some(12_000.0),
            saving_unit: "kWh".into(),
            saving_vnd: None,
            saving_tco2: Some(7.2),
            investment_vnd: Some(0.0),
            priority: Priority::High,
            agreement: Agreement::Agreed,
        });
        record.next_steps =
            "Lắp đồng hồ phụ cho lò hơi\n\n  \nGửi báo giá đèn LED trước 30/4".into();
        record.complete = true;
        (request, record)
    }

    #[test]
    fn the_report_ranks_agreed_first_and_writes_numbers_and_dates_the_vietnamese_way() {
        let list = crate::checklist::active();
        let (request, record) = visited();
        let report =
            build(list, &request, &record, &department(), Lang::Vi, "2027-03-20T02:00:00Z");
        assert_eq!(report.title, "Báo cáo đánh giá nhanh sản xuất sạch hơn");
        assert_eq!(report.draft_note, None);
        let cover =
            |label: &str| report.cover.iter().find(|(l, _)| l == label).map(|(_, v)| v.as_str());
        assert_eq!(cover("Ngày khảo sát"), Some("15/03/2027"));
        assert_eq!(cover("Ngày lập báo cáo"), Some("20/03/2027"));
        assert_eq!(cover("Mã yêu cầu"), Some("SXSH-2027-0001"));
        assert_eq!(cover("Doanh nghiệp"), Some("Công ty Dệt Phú Bài"));
        assert_eq!(cover("Mã số thuế"), None, "no tax code given: no line");
        // Electricity: reported 1,000,000, verified 1,125,000 (+12.5 %).
        assert_eq!(
            report.baseline.rows[0],
            [
                "Điện",
                "kWh",
                "1.000.000",
                "1.125.000 (+12,5 %)",
                "2.250.000.000 ₫",
                "Hóa đơn EVN 12 tháng"
            ]
        );
        assert_eq!(report.baseline.rows[2][2..4], ["10.000", "—"]);
        // The new finding (agreed, high) before the LED (agreed, medium), the declined last.
        let titles: Vec<&str> = report.opportunities.iter().map(|o| o.title.as_str()).collect();
        let led = &list.question("energy.lighting.led").expect("LED").text_vi;
        let condensate = &list.question("energy.boilers_steam.condensate").expect("in").text_vi;
        assert_eq!(
            titles,
            [
                "1. Sửa rò rỉ khí nén ở xưởng nhuộm".to_owned(),
                format!("2. {led}"),
                format!("3. {condensate}")
            ]
        );
        assert_eq!(
            report.opportunities[0].lines,
            [
                "Mục đích sử dụng: Khí nén (Điện). Phát hiện mới tại hiện trường.",
                "Tiết kiệm ước tính mỗi năm: 12.000 kWh; 7,2 tCO2.",
                "Vốn đầu tư: 0 ₫. Hoàn vốn ngay.",
                "Mức ưu tiên: cao. Doanh nghiệp: đã đồng ý thực hiện.",
            ]
        );
        // 150,000,000 over 90,000,000 a year: 1.7 years. 45,000 kWh, 27 t of CO2 prefilled.
        assert_eq!(
            report.opportunities[1].lines[1..],
            [
                "Tiết kiệm ước tính mỗi năm: 45.000 kWh; 90.000.000 ₫; 27 tCO2.",
                "Vốn đầu tư: 150.000.000 ₫. Hoàn vốn: 1,7 năm.",
                "Mức ưu tiên: trung bình. Doanh nghiệp: đã đồng ý thực hiện.",
            ]
        );
        assert!(report.opportunities[2].lines[2].ends_with("Hoàn vốn: chưa xác định."));
        // Totals: all 90,000,000 + 70,000,000 VND; agreed 90,000,000; CO2 7.2 + 27 + 70.
        let rows = &report.totals.rows;
        assert_eq!(rows[0], ["Số cơ hội", "—", "3", "2"]);
        assert_eq!(
            rows[1],
            [
                "Tiết kiệm (đồng/năm)",
                "100.000.000 ₫ – 220.000.000 ₫",
                "160.000.000 ₫",
                "90.000.000 ₫"
            ]
        );
        assert_eq!(rows[2], ["Giảm phát thải (tCO2/năm)", "58–136", "104,2", "34,2"]);
        assert_eq!(rows[3], ["Vốn đầu tư", "—", "150.000.000 ₫", "150.000.000 ₫"]);
        assert_eq!(rows[4], ["Điện (kWh)", "30.000–60.000", "57.000", "57.000"]);
        assert_eq!(rows[5], ["Nhiên liệu (TOE)", "10–25", "17,5", "—"]);
        assert_eq!(rows.len(), 6);
        assert_eq!(
            report.totals_notes,
            [
                "1 cơ hội (trong đó 1 đã thống nhất) chưa có số tiền tiết kiệm nên không tính vào các tổng tiền."
            ]
        );
        assert_eq!(
            report.next_steps,
            ["Lắp đồng hồ phụ cho lò hơi", "Gửi báo giá đèn LED trước 30/4"]
        );
        assert_eq!(report.footer, "Công ty Dệt Phú Bài · SXSH-2027-0001");
    }

    #[test]
    fn what_the_totals_leave_out_is_said_for_money_and_co2_all_and_agreed() {
        let (request, mut record) = visited();
        for o in &mut record.opportunities {
            (o.saving_vnd, o.saving_tco2) = (None, None);
        }
        let list = crate::checklist::active();
        let agreed = record.opportunities.iter().filter(|o| o.agreement == Agreement::Agreed);
        let (count, agreed) = (record.opportunities.len(), agreed.count());
        let report = build(list, &request, &record, &department(), Lang::En, "2027-03-20");
        assert_eq!(
            report.totals_notes,
            [
                format!(
                    "{count} opportunities ({agreed} of them agreed) have no VND figure and are not in the money totals."
                ),
                format!(
                    "{count} opportunities ({agreed} of them agreed) have no tCO2 figure and are not in the tCO2 totals."
                ),
            ]
        );
        assert!(agreed > 0 && agreed < count, "the agreed are counted apart");
    }

    #[test]
    fn in_english_and_before_anything_is_recorded_it_says_so() {
        let list = crate::checklist::active();
        let mut request = factory();
        request.contact.tax_code = "3300100001".into();
        request.assessment.draft.profile.sector = Some("textile".into());
        let record = RapidAssessment::new("SXSH-2027-0002");
        let report = build(list, &request, &record, &department(), Lang::En, "2027-03-20");
        let textile = list.sectors.iter().find(|s| s.id == "textile").map(|s| s.en.clone());
        assert!(report.cover.contains(&("Sector".into(), textile.unwrap_or_default())));
        assert_eq!(report.title, "Rapid cleaner-production assessment report");
        assert_eq!(
            report.draft_note.as_deref(),
            Some("Draft: the assessor has not finished the record.")
        );
        assert!(report.cover.contains(&("Tax code".into(), "3300100001".into())));
        assert!(report.cover.contains(&("Visit date".into(), String::new())));
        assert_eq!(report.baseline.rows, Vec::<Vec<String>>::new());
        assert_eq!(report.baseline.empty, "No baseline recorded yet.");
        assert_eq!(report.opportunities, []);
        assert_eq!(report.next_steps, ["No next steps recorded yet."]);
        assert_eq!(report.totals.rows[1][1..], ["100,000,000 ₫ – 220,000,000 ₫", "0 ₫", "0 ₫"]);
        assert_eq!(report.totals_notes, Vec::<String>::new());
        assert_eq!(report.page, "Page {page}/{pages}");
    }

    #[test]
    fn a_verified_figure_below_or_equal_to_the_reported_one_has_no_plus() {
        let cell = |v, r| verified_cell(Some(v), r, Lang::Vi);
        assert_eq!(cell(900.0, Some(1_000.0)), "900 (-10 %)");
        assert_eq!(cell(1_000.0, Some(1_000.0)), "1.000 (0 %)");
        assert_eq!(cell(1_005.0, Some(1_000.0)), "1.005 (+0,5 %)");
        assert_eq!(cell(1_000.4, Some(1_000.0)), "1.000 (0 %)", "no decimals from 1,000");
        assert_eq!(cell(18.46, Some(20.0)), "18,5 (-7,7 %)");
        assert_eq!(cell(7.254, None), "7,25");
        assert_eq!(cell(1_000.0, None), "1.000");
        assert_eq!(cell(1_000.0, Some(0.0)), "1.000");
        assert_eq!(verified_cell(None, Some(1.0), Lang::Vi), "—");
        assert_eq!(verified_cell(Some(-1.0), Some(1.0), Lang::Vi), "—");
    }

    #[test]
    fn a_figure_that_is_not_one_is_shown_as_not_known() {
        let list = crate::checklist::active();
        let (request, mut record) = visited();
        let o = &mut record.opportunities[0];
        (o.saving_quantity, o.saving_vnd, o.saving_tco2) = (Some(-1.0), Some(f64::NAN), Some(-2.0));
        o.investment_vnd = Some(f64::INFINITY);
        let title = o.title.clone();
        let report = build(list, &request, &record, &department(), Lang::Vi, "2027-03-20");
        let lines = &report.opportunities.iter().find(|t| t.title.contains(&title)).expect("in");
        assert_eq!(lines.lines[1], "Tiết kiệm ước tính mỗi năm: chưa ước tính.");
        assert_eq!(lines.lines[2], "Vốn đầu tư: chưa xác định. Hoàn vốn: chưa xác định.");
    }

    const REGULAR: &[u8] = include_bytes!("../../../../public/fonts/NotoSans-Regular-vi.ttf");
    const BOLD: &[u8] = include_bytes!("../../../../public/fonts/NotoSans-Bold-vi.ttf");

    fn pages(pdf: &[u8]) -> usize {
        pdf.windows(b"/Type /Page\n".len()).filter(|w| w == b"/Type /Page\n").count()
    }

    #[test]
    fn the_pdf_draws_its_tables_and_grows_a_page_at_a_time() {
        let list = crate::checklist::active();
        let fonts = Fonts { regular: REGULAR, bold: BOLD };
        let (request, mut record) = visited();
        let report = build(list, &request, &record, &department(), Lang::Vi, "2027-03-20");
        let pdf = to_pdf(&report, &fonts).expect("the fonts parse");
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
        assert_eq!(pages(&pdf), 2, "three opportunities and the totals on two pages");
        // Without its tables' rows the same report is smaller: the rows are drawn.
        let mut bare = report.clone();
        bare.baseline.rows.clear();
        bare.totals.rows.clear();
        let smaller = to_pdf(&bare, &fonts).expect("the fonts parse");
        assert!(smaller.len() < pdf.len(), "{} ≥ {}", smaller.len(), pdf.len());
        // Sixty opportunities take several pages.
        let one = record.opportunities[0].clone();
        record.opportunities =
            (0..60).map(|i| Opportunity { id: format!("o{i}"), ..one.clone() }).collect();
        let long = build(list, &request, &record, &department(), Lang::Vi, "2027-03-20");
        assert!(pages(&to_pdf(&long, &fonts).expect("the fonts parse")) > 5);
        assert_eq!(
            to_pdf(&report, &Fonts { regular: b"not a font", bold: BOLD }),
            Err(PdfError::Font)
        );
    }

    #[test]
    fn a_tables_last_column_takes_the_rest_of_the_line() {
        // A4 is 595.28 pt wide, less 56 pt margins on each side: 483.28 pt of line.
        let line = 595.28 - 2.0 * 56.0;
        assert_eq!(widths(&[]), [line]);
        let three = widths(&[141.0, 114.0, 114.0]);
        assert_eq!(three[..3], [141.0, 114.0, 114.0]);
        assert!((three[3] - (line - 369.0)).abs() < 1e-3, "{three:?}");
    }
}
