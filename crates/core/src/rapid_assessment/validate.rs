//! What a rapid-assessment record must be before the service keeps it (and the assessor's app
//! says so as the assessor types): its kind and format, a receipt and ids that are plain ids, a
//! visit date that is a real day, streams and end uses the checklist knows, one baseline line per
//! stream at most, at most `MAX_OPPORTUNITIES` opportunities with distinct ids, every figure a
//! finite number of 0 or more, and every text held to its `free_text` rule. Each problem is a
//! `request::FieldError` named by its path (`opportunities[2].saving_vnd`), in Vietnamese and
//! English; the work is linear in the record's size. Every field and list being bounded, a valid
//! record is under `MAX_BYTES` (a test builds the largest), which the service holds a body to
//! before reading it. Pure.

use super::{FORMAT, KIND, RapidAssessment};
use crate::checklist::{Checklist, Stream};
use crate::free_text::{self, Rule};
use crate::i18n::Lang;
use crate::request::{FieldError, is_id};
use std::collections::BTreeSet;

/// The most opportunities a record holds: several times what one visit finds.
pub const MAX_OPPORTUNITIES: usize = 200;
/// The largest `Upload` body the service reads (512 KB); the largest valid record is under it.
pub const MAX_BYTES: usize = 512 * 1024;

/// A field's label in both languages.
struct Label {
    vi: &'static str,
    en: &'static str,
}

const DATE: Label = Label { vi: "Ngày khảo sát", en: "Visit date" };
const TEAM: Label = Label { vi: "Đoàn khảo sát", en: "Assessment team" };
const AREAS: Label = Label { vi: "Khu vực đã khảo sát", en: "Areas walked" };
const NEXT_STEPS: Label =
    Label { vi: "Các bước tiếp theo đã thống nhất", en: "Agreed next steps" };
const SELF_REPORTED: Label =
    Label { vi: "Số liệu doanh nghiệp tự khai", en: "Self-reported figure" };
const VERIFIED: Label = Label { vi: "Số liệu đã kiểm tra", en: "Verified figure" };
const UNIT: Label = Label { vi: "Đơn vị", en: "Unit" };
const COST: Label = Label { vi: "Chi phí hằng năm (đồng)", en: "Annual cost (VND)" };
const EVIDENCE: Label = Label { vi: "Căn cứ số liệu", en: "Evidence" };
const TITLE: Label = Label { vi: "Tên", en: "Title" };
const QUANTITY: Label = Label { vi: "Lượng tiết kiệm", en: "Quantity saved" };
const SAVING_UNIT: Label =
    Label { vi: "Đơn vị lượng tiết kiệm", en: "Unit of the quantity saved" };
const VND: Label = Label { vi: "Tiết kiệm (đồng/năm)", en: "Saving (VND a year)" };
const TCO2: Label =
    Label { vi: "Giảm phát thải (tCO2/năm)", en: "Emissions avoided (tCO2 a year)" };
const INVESTMENT: Label = Label { vi: "Vốn đầu tư (đồng)", en: "Investment (VND)" };

/// Collects the errors, each with its path.
struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, field: String, vi: String, en: String) {
        self.0.push(FieldError { field, vi, en });
    }

    /// `text` held to `rule`; `place` says which line or opportunity, in both languages.
    fn text(
        &mut self,
        field: String,
        label: &Label,
        place: &(String, String),
        rule: Rule,
        text: &str,
    ) {
        if let Some(problem) = free_text::check(rule, text) {
            let vi = problem.message(&format!("{}{}", label.vi, place.0), Lang::Vi);
            let en = problem.message(&format!("{}{}", label.en, place.1), Lang::En);
            self.add(field, vi, en);
        }
    }

    /// A figure, when given, is a finite number of 0 or more.
    fn figure(
        &mut self,
        field: String,
        label: &Label,
        place: &(String, String),
        value: Option<f64>,
    ) {
        if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
            let vi = format!("{}{} phải là một số từ 0 trở lên", label.vi, place.0);
            let en = format!("{}{} must be a number, 0 or more", label.en, place.1);
            self.add(field, vi, en);
        }
    }
}

/// Checks the whole record against the checklist; an empty list means it can be kept.
pub fn validate(record: &RapidAssessment, checklist: &Checklist) -> Vec<FieldError> {
    let mut errors = Errors(Vec::new());
    let nowhere = (String::new(), String::new());
    if record.kind != KIND {
        errors.add(
            "kind".into(),
            "Nội dung gửi không phải hồ sơ đánh giá nhanh SXSH".into(),
            "The body is not an SXSH rapid-assessment record".into(),
        );
    }
    if record.format != FORMAT {
        errors.add(
            "format".into(),
            "Phiên bản hồ sơ không được hỗ trợ; hãy tải lại trang".into(),
            "This record format is not supported; reload the page".into(),
        );
    }
    if !is_id(&record.receipt) {
        errors.add(
            "receipt".into(),
            "Mã tiếp nhận yêu cầu không hợp lệ".into(),
            "The request's receipt is not valid".into(),
        );
    }
    let visit = &record.visit;
    if !visit.date.is_empty() && crate::dates::calendar_day(&visit.date).is_none() {
        errors.add(
            "visit.date".into(),
            format!("{} không phải một ngày có thật (cần dạng 2027-03-15)", DATE.vi),
            format!("{} is not a real day (it must read like 2027-03-15)", DATE.en),
        );
    }
    errors.text("visit.team".into(), &TEAM, &nowhere, free_text::PASSAGE, &visit.team);
    errors.text("visit.areas".into(), &AREAS, &nowhere, free_text::PASSAGE, &visit.areas);
    baseline_errors(record, checklist, &mut errors);
    opportunity_errors(record, checklist, &mut errors);
    errors.text("next_steps".into(), &NEXT_STEPS, &nowhere, free_text::PASSAGE, &record.next_steps);
    errors.0
}

/// The baseline: at most one line per stream the checklist has, each figure and text usable.
fn baseline_errors(record: &RapidAssessment, checklist: &Checklist, errors: &mut Errors) {
    if record.baseline.len() > Stream::ALL.len() {
        errors.add(
            "baseline".into(),
            format!(
                "Số liệu nền có tối đa {} dòng, mỗi dòng một dòng tài nguyên",
                Stream::ALL.len()
            ),
            format!("The baseline has {} lines at most, one per stream", Stream::ALL.len()),
        );
        return;
    }
    let mut seen = BTreeSet::new();
    for (i, line) in record.baseline.iter().enumerate() {
        let at = |field: &str| format!("baseline[{i}].{field}");
        let info = checklist.stream_info(line.stream);
        let place = (
            format!(" của dòng {}", info.map_or(line.stream.id(), |s| s.vi.as_str())),
            format!(" on the {} line", info.map_or(line.stream.id(), |s| s.en.as_str())),
        );
        if info.is_none() || !seen.insert(line.stream) {
            errors.add(
                at("stream"),
                format!(
                    "Dòng tài nguyên “{}” không có trong bộ câu hỏi hoặc bị lặp",
                    line.stream.id()
                ),
                format!("The stream “{}” is not in the checklist or comes twice", line.stream.id()),
            );
        }
        errors.figure(at("self_reported"), &SELF_REPORTED, &place, line.self_reported);
        errors.figure(at("verified"), &VERIFIED, &place, line.verified);
        errors.text(at("unit"), &UNIT, &place, free_text::UNIT, &line.unit);
        errors.figure(at("cost_vnd"), &COST, &place, line.cost_vnd);
        errors.text(at("evidence"), &EVIDENCE, &place, free_text::PASSAGE, &line.evidence);
    }
}

/// The opportunities: at most `MAX_OPPORTUNITIES`, distinct plain ids, a checklist question id
/// for a measure, an end use the checklist knows, a title, usable figures and texts.
fn opportunity_errors(record: &RapidAssessment, checklist: &Checklist, errors: &mut Errors) {
    let count = record.opportunities.len();
    if count > MAX_OPPORTUNITIES {
        let n = |lang| crate::numbers::format(count as f64, lang, 0);
        errors.add(
            "opportunities".into(),
            format!("Hồ sơ có tối đa {MAX_OPPORTUNITIES} cơ hội (hiện có {})", n(Lang::Vi)),
            format!(
                "A record holds {MAX_OPPORTUNITIES} opportunities at most ({} now)",
                n(Lang::En)
            ),
        );
        return;
    }
    let mut ids = BTreeSet::new();
    for (i, o) in record.opportunities.iter().enumerate() {
        let at = |field: &str| format!("opportunities[{i}].{field}");
        let place = (format!(" của cơ hội {}", i + 1), format!(" of opportunity {}", i + 1));
        if !is_id(&o.id) || !ids.insert(o.id.as_str()) {
            errors.add(
                at("id"),
                format!("Mã của cơ hội {} không hợp lệ hoặc bị lặp", i + 1),
                format!("The id of opportunity {} is not valid or comes twice", i + 1),
            );
        }
        if o.measure.as_deref().is_some_and(|m| !is_id(m)) {
            errors.add(
                at("measure"),
                format!("Biện pháp của cơ hội {} không phải mã câu hỏi hợp lệ", i + 1),
                format!("The measure of opportunity {} is not a valid question id", i + 1),
            );
        }
        let title_problem = free_text::check(free_text::SHORT, &o.title);
        errors.text(at("title"), &TITLE, &place, free_text::SHORT, &o.title);
        if title_problem.is_none() && o.title.trim().is_empty() {
            errors.add(
                at("title"),
                format!("Nhập tên của cơ hội {}", i + 1),
                format!("Enter the title of opportunity {}", i + 1),
            );
        }
        if checklist.end_use(&o.end_use).is_none() {
            errors.add(
                at("end_use"),
                format!("Chọn mục đích sử dụng của cơ hội {} trong danh sách", i + 1),
                format!("Choose the end use of opportunity {} from the list", i + 1),
            );
        }
        errors.figure(at("saving_quantity"), &QUANTITY, &place, o.saving_quantity);
        errors.text(at("saving_unit"), &SAVING_UNIT, &place, free_text::UNIT, &o.saving_unit);
        errors.figure(at("saving_vnd"), &VND, &place, o.saving_vnd);
        errors.figure(at("saving_tco2"), &TCO2, &place, o.saving_tco2);
        errors.figure(at("investment_vnd"), &INVESTMENT, &place, o.investment_vnd);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rapid_assessment::tests::full;
    use crate::rapid_assessment::{BaselineLine, Opportunity};

    fn fields(record: &RapidAssessment) -> Vec<String> {
        validate(record, crate::checklist::active()).into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_full_record_and_an_empty_one_are_valid() {
        assert_eq!(fields(&full()), Vec::<String>::new());
        // Every figure may be 0: nothing saved, nothing invested, nothing verified.
        let mut zero = full();
        let (line, o) = (&mut zero.baseline[0], &mut zero.opportunities[0]);
        (line.self_reported, line.verified, line.cost_vnd) = (Some(0.0), Some(0.0), Some(0.0));
        o.saving_quantity = Some(0.0);
        (o.saving_vnd, o.saving_tco2, o.investment_vnd) = (Some(0.0), Some(0.0), Some(0.0));
        assert_eq!(fields(&zero), Vec::<String>::new());
        assert_eq!(fields(&RapidAssessment::new("SXSH-2027-0001")), Vec::<String>::new());
    }

    #[test]
    fn each_bad_field_is_named_by_its_path() {
        let mut r = full();
        r.kind = "sxsh-assessment".into();
        r.format = 2;
        r.receipt = "SXSH 1".into();
        r.visit.date = "2027-02-29".into();
        r.visit.team = "An\u{202E}".into();
        r.visit.areas = "x".repeat(2_001);
        let line = r.baseline[0].clone();
        r.baseline.push(BaselineLine {
            verified: Some(-1.0),
            unit: "k\nWh".into(),
            cost_vnd: Some(f64::INFINITY),
            evidence: "\0".into(),
            ..line
        });
        let o = r.opportunities[0].clone();
        r.opportunities.push(Opportunity {
            measure: Some("a b".into()),
            title: " ".into(),
            end_use: "electricity.teleport".into(),
            saving_quantity: Some(f64::NAN),
            saving_unit: "u".repeat(41),
            saving_vnd: Some(-0.5),
            saving_tco2: Some(f64::NEG_INFINITY),
            investment_vnd: Some(-1.0),
            ..o.clone()
        });
        r.opportunities.push(Opportunity { id: "".into(), title: "\u{2066}".into(), ..o });
        r.next_steps = "\u{1B}[31m".into();
        assert_eq!(
            fields(&r),
            [
                "kind",
                "format",
                "receipt",
                "visit.date",
                "visit.team",
                "visit.areas",
                "baseline[1].stream",
                "baseline[1].verified",
                "baseline[1].unit",
                "baseline[1].cost_vnd",
                "baseline[1].evidence",
                "opportunities[1].id",
                "opportunities[1].measure",
                "opportunities[1].title",
                "opportunities[1].end_use",
                "opportunities[1].saving_quantity",
                "opportunities[1].saving_unit",
                "opportunities[1].saving_vnd",
                "opportunities[1].saving_tco2",
                "opportunities[1].investment_vnd",
                "opportunities[2].id",
                "opportunities[2].title",
                "next_steps",
            ]
        );
    }

    #[test]
    fn the_messages_name_the_field_and_its_place_in_both_languages() {
        let list = crate::checklist::active();
        let mut r = full();
        r.opportunities[0].saving_vnd = Some(-1.0);
        r.opportunities[0].title = "T".repeat(201);
        r.baseline[0].verified = Some(f64::NAN);
        r.visit.date = "15/03/2027".into();
        let errors = validate(&r, list);
        let pairs: Vec<(&str, &str)> =
            errors.iter().map(|e| (e.vi.as_str(), e.en.as_str())).collect();
        assert_eq!(
            pairs,
            [
                (
                    "Ngày khảo sát không phải một ngày có thật (cần dạng 2027-03-15)",
                    "Visit date is not a real day (it must read like 2027-03-15)"
                ),
                (
                    "Số liệu đã kiểm tra của dòng Điện phải là một số từ 0 trở lên",
                    "Verified figure on the Electricity line must be a number, 0 or more"
                ),
                (
                    "Tên của cơ hội 1 quá dài: tối đa 200 ký tự (hiện có 201 ký tự)",
                    "Title of opportunity 1 is too long: 200 characters at most (201 now)"
                ),
                (
                    "Tiết kiệm (đồng/năm) của cơ hội 1 phải là một số từ 0 trở lên",
                    "Saving (VND a year) of opportunity 1 must be a number, 0 or more"
                ),
            ]
        );
        r = full();
        r.opportunities[0].title = "  ".into();
        r.opportunities[0].end_use = String::new();
        let errors = validate(&r, list);
        assert_eq!(errors[0].vi, "Nhập tên của cơ hội 1");
        assert_eq!(errors[0].en, "Enter the title of opportunity 1");
        assert_eq!(errors[1].en, "Choose the end use of opportunity 1 from the list");
    }

    #[test]
    fn each_stream_has_one_line_at_most_and_a_record_200_opportunities() {
        let mut r = full();
        r.baseline = Stream::ALL
            .iter()
            .map(|&stream| BaselineLine { stream, ..r.baseline[0].clone() })
            .collect();
        assert_eq!(fields(&r), Vec::<String>::new());
        r.baseline.push(r.baseline[0].clone());
        assert_eq!(fields(&r), ["baseline"]);
        let mut r = full();
        let o = r.opportunities[0].clone();
        r.opportunities = (0..MAX_OPPORTUNITIES)
            .map(|i| Opportunity { id: format!("o{i}"), ..o.clone() })
            .collect();
        assert_eq!(fields(&r), Vec::<String>::new());
        r.opportunities.push(Opportunity { id: "over".into(), ..o.clone() });
        let errors = validate(&r, crate::checklist::active());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].vi, "Hồ sơ có tối đa 200 cơ hội (hiện có 201)");
        assert_eq!(errors[0].en, "A record holds 200 opportunities at most (201 now)");
        // A flood of them is refused in one line, each not looked at.
        r.opportunities = vec![Opportunity { id: "x y".into(), ..o }; 100_000];
        assert_eq!(fields(&r), ["opportunities"]);
    }

    #[test]
    fn the_largest_valid_record_is_under_the_body_limit() {
        // Every text at its longest in characters of 4 UTF-8 bytes (an escaped character takes
        // at most 2 in JSON: a control character, which would take 6, is refused), every id at
        // its longest, every figure at its longest in JSON.
        let list = crate::checklist::active();
        let text = |rule: Rule| "🏭".repeat(rule.max_chars);
        let id = |n: usize| format!("{n:0>100}");
        let figure = Some(f64::MAX);
        let mut r = RapidAssessment::new(&id(0));
        r.visit.date = "2027-03-15".into();
        r.visit.team = text(free_text::PASSAGE);
        r.visit.areas = text(free_text::PASSAGE);
        r.next_steps = text(free_text::PASSAGE);
        r.complete = true;
        let longest_end_use = list.end_uses.iter().map(|e| &e.id).max_by_key(|id| id.len());
        r.baseline = Stream::ALL
            .iter()
            .map(|&stream| BaselineLine {
                stream,
                self_reported: figure,
                verified: figure,
                unit: text(free_text::UNIT),
                cost_vnd: figure,
                evidence: text(free_text::PASSAGE),
            })
            .collect();
        r.opportunities = (0..MAX_OPPORTUNITIES)
            .map(|i| Opportunity {
                id: id(i),
                measure: Some(id(i)),
                title: text(free_text::SHORT),
                end_use: longest_end_use.cloned().unwrap_or_default(),
                saving_quantity: figure,
                saving_unit: text(free_text::UNIT),
                saving_vnd: figure,
                saving_tco2: figure,
                investment_vnd: figure,
                priority: crate::rapid_assessment::Priority::Medium,
                agreement: crate::rapid_assessment::Agreement::Undecided,
            })
            .collect();
        assert_eq!(validate(&r, list), Vec::new());
        let upload = crate::rapid_assessment::Upload {
            idempotency_key: "k".repeat(64),
            base_revision: u32::MAX,
            record: r,
        };
        let bytes = serde_json::to_vec(&upload).map(|b| b.len()).unwrap_or(usize::MAX);
        assert!(bytes < MAX_BYTES, "{bytes} bytes");
        assert!(bytes > MAX_BYTES / 2, "the limit is not far above it: {bytes} bytes");
    }
}
