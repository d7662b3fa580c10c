//! The report files checked with independent tools: poppler's `pdftotext` and `pdffonts`,
//! `qpdf --check`, and Python's `csv` module; plus the JSON round trip.
#![cfg(not(target_arch = "wasm32"))] // Native tests: they run command-line tools.

use crate::fixtures;
use std::io::Write;
use std::process::{Command, Stdio};
use sxsh_core::assessment::{Edit, Field, Level, ProfileField, ProfileText, UsePart};
use sxsh_core::checklist;
use sxsh_core::checklist::Stream;
use sxsh_core::export::{self, AssessmentResults};
use sxsh_core::i18n::Lang;
use sxsh_core::report::{self, csv, pdf};

const HOSTILE: &str = "<script>alert(1)</script> ) /JS (x) >> /AA << /OpenAction =HYPERLINK(\"x\")";

fn fonts() -> (Vec<u8>, Vec<u8>) {
    let read = |p| std::fs::read(crate::repo(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    (read("public/fonts/NotoSans-Regular-vi.ttf"), read("public/fonts/NotoSans-Bold-vi.ttf"))
}

fn report_of(draft: &sxsh_core::assessment::Draft, lang: Lang) -> report::Report {
    let list = checklist::active();
    report::build(list, draft, &AssessmentResults::of(list, draft), lang, "2026-11-28")
}

/// The PDF as the widget makes it: the report goes to the worker as a `Job` (JSON) first.
fn pdf_bytes(report: &report::Report) -> Vec<u8> {
    let job = pdf::Job::from_json(&pdf::Job::to_json(report)).expect("a job reads back");
    assert_eq!(&job.report, report, "the report survives the trip to the worker");
    assert_eq!(job.labels, pdf::Labels::of(report.lang));
    let (regular, bold) = fonts();
    pdf::to_pdf_labelled(&job.report, &job.labels, &pdf::Fonts { regular: &regular, bold: &bold })
        .expect("fonts are valid")
}

#[test]
fn the_pdf_worker_refuses_a_job_of_another_format_or_shape() {
    let report = report_of(&fixtures::textile_dyeing_plant(), Lang::En);
    let job = pdf::Job::to_json(&report);
    assert_eq!(pdf::Job::from_json(&job).map(|j| j.report).as_ref(), Ok(&report));
    let other = job.replacen(&format!("\"format\":{}", pdf::JOB_FORMAT), "\"format\":99", 1);
    assert_ne!(other, job);
    assert_eq!(pdf::Job::from_json(&other), Err(pdf::PdfError::Job));
    for bad in ["", "null", "{}", "[1,2]", &job[..job.len() / 2]] {
        assert_eq!(pdf::Job::from_json(bad), Err(pdf::PdfError::Job), "{bad:?}");
    }
}

fn write_temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sxsh-reports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn the_pdf_passes_qpdf_and_its_vietnamese_text_extracts_exactly() {
    let mut draft = fixtures::textile_dyeing_plant();
    draft.apply(Edit::SetText(ProfileText::Company, "Công ty Dệt nhuộm Huế Nguyễn".into()));
    let plan = crate::plan::released_plan();
    let bytes = pdf_bytes(&report_of(&draft, Lang::Vi).with_plan(checklist::active(), &plan));
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() < 250_000, "PDF is {} bytes", bytes.len());
    let path = write_temp("textile.pdf", &bytes);
    let path = path.to_str().expect("utf-8 path");
    let (ok, out) = run("qpdf", &["--check", path]);
    assert!(ok, "qpdf --check failed: {out}");
    let (ok, text) = run("pdftotext", &["-layout", path, "-"]);
    assert!(ok, "{text}");
    for expected in [
        "Báo cáo tự đánh giá sản xuất sạch hơn",
        "Công ty Dệt nhuộm Huế Nguyễn",
        "Dệt nhuộm và may mặc",
        "Sở Công Thương thành phố Huế",
        "28/11/2026",
        "43 / 100",
        // The total of tests/scoring.rs (162,521,250–315,480,000 VND), to the thousand.
        "162.521.000 ₫ – 315.480.000 ₫",
        // The savings by end use, under their own heading, with each end use's share.
        "Tiết kiệm theo mục đích sử dụng",
        "Chiếu sáng (điện)",
        // Lighting 7 of 80 = 8.75 % of electricity; LED partly: 8.75 % × 15–30 % = 1.3125–2.625 %.
        "chiếm 8,8 % điện; tiết kiệm 1,3–2,6 % điện",
        "Tỷ trọng theo mục đích sử dụng của điện, nhiên liệu, nước: mặc định của ngành Dệt",
        "Giải pháp ưu tiên",
        // The action plan's table (tests/plan.rs: the released plan).
        "Kế hoạch hành động",
        "Đã hoàn thành 1/3 biện pháp",
        "Người phụ trách",
        "31/03/2027",
        "Chưa giao",
        "Phụ lục: toàn bộ câu trả lời",
        "Thực hiện một phần",
        "Trang 1/",
    ] {
        assert!(text.contains(expected), "pdftotext lacks {expected:?}");
    }
    // Table cells wrap within their column: read them in reading order.
    let (_, raw) = run("pdftotext", &["-raw", path, "-"]);
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Trưởng phòng Cơ điện",
        "Quản đốc xưởng nhuộm",
        "Đã hoàn thành (20/05/2027)",
        "Đang thực hiện (01/02/2027)",
        "180.000.000 ₫; 95.000 kWh; 64,1 tấn CO2 mỗi năm",
        "Đã dừng (15/04/2027)",
    ] {
        assert!(raw.contains(expected), "pdftotext -raw lacks {expected:?}");
    }
    let (ok, fonts) = run("pdffonts", &[path]);
    assert!(
        ok && fonts.contains("SXSHAA+NotoSans-Regular") && fonts.contains("SXSHAB+NotoSans-Bold"),
        "{fonts}"
    );
    for line in fonts.lines().filter(|l| l.contains("NotoSans")) {
        // Columns: emb sub uni must all be "yes".
        assert_eq!(line.split_whitespace().filter(|w| *w == "yes").count(), 3, "{line}");
    }
}

/// No action, script or launch keyword in a PDF: user text is only ever glyph ids.
fn assert_no_pdf_action(bytes: &[u8], what: &str) {
    for forbidden in [&b"/JavaScript"[..], b"/JS", b"/AA", b"/OpenAction", b"/Launch", b"<script"] {
        assert!(
            !bytes.windows(forbidden.len()).any(|w| w == forbidden),
            "{what}: {} in PDF",
            String::from_utf8_lossy(forbidden)
        );
    }
}

#[test]
fn hostile_text_is_only_literal_text_in_the_pdf() {
    let mut draft = fixtures::textile_dyeing_plant();
    draft.apply(Edit::SetText(ProfileText::Company, HOSTILE.into()));
    let mut plan = crate::plan::released_plan();
    plan.actions[0].owner = HOSTILE.into();
    let bytes = pdf_bytes(&report_of(&draft, Lang::En).with_plan(checklist::active(), &plan));
    assert_no_pdf_action(&bytes, "the textile report");
    let path = write_temp("hostile.pdf", &bytes);
    let path = path.to_str().expect("utf-8 path");
    assert!(run("qpdf", &["--check", path]).0);
    let (_, text) = run("pdftotext", &["-raw", path, "-"]);
    assert!(text.contains("<script>alert(1)</script> ) /JS (x) >> /AA << /OpenAction"), "{text}");
}

/// The CSV read back by an independent reader (Python's `csv` module).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let script = r#"
import csv, io, sys, json
rows = list(csv.reader(io.StringIO(sys.stdin.read().lstrip("\ufeff"), newline="")))
json.dump(rows, sys.stdout)
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("python3 finishes");
    serde_json::from_slice(&out.stdout).expect("python printed JSON")
}

#[test]
fn the_csv_reads_back_with_an_independent_reader_and_has_no_formula_cell() {
    let mut draft = fixtures::textile_dyeing_plant();
    draft.apply(Edit::SetText(ProfileText::Company, HOSTILE.into()));
    draft.apply(Edit::SetText(ProfileText::Ward, "-1+2 \"quoted\", comma\nnew line".into()));
    let text = csv::to_csv(&report_of(&draft, Lang::Vi));
    assert!(text.starts_with(csv::BOM));
    let rows = csv_rows(&text);
    assert!(rows.iter().all(|r| r.len() == 5), "every row has 5 cells");
    for cell in rows.iter().flatten() {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']), "formula cell {cell:?}");
    }
    let company = rows.iter().find(|r| r[1] == "company").expect("company row");
    assert_eq!(company[3], HOSTILE, "text survives (it does not start with a trigger)");
    let ward = rows.iter().find(|r| r[1] == "ward").expect("ward row");
    assert_eq!(
        ward[3], "'-1+2 \"quoted\", comma\nnew line",
        "neutralised with a leading apostrophe"
    );
    let answer = rows.iter().find(|r| r[1] == "energy.lighting.led").expect("answer row");
    assert_eq!(answer[3], "Thực hiện một phần");
    let total = rows.iter().find(|r| r[1] == "saving.total").expect("total row");
    assert_eq!(total[3], "162.521.000 ₫ – 315.480.000 ₫");
    assert!(rows.iter().all(|r| !r[1].starts_with("plan")), "no plan, no plan rows");
    // With the plan: a row for it, then one per action, before the answers.
    let mut plan = crate::plan::released_plan();
    plan.actions[1].owner = "=cmd|' /C calc'!A0".into();
    let report = report_of(&draft, Lang::Vi).with_plan(checklist::active(), &plan);
    let rows = csv_rows(&csv::to_csv(&report));
    assert!(rows.iter().all(|r| r.len() == 5), "every row has 5 cells");
    let at = |id: &str| rows.iter().position(|r| r[1] == id).expect(id);
    let summary = &rows[at("plan")];
    assert_eq!(summary[0], "Kế hoạch hành động");
    assert_eq!(summary[2], "Đã hoàn thành 1/3 biện pháp");
    let leaks = &rows[at("plan.energy.compressed_air.leaks")];
    assert_eq!(leaks[3], "Đã hoàn thành (20/05/2027)");
    assert_eq!(
        leaks[4],
        "Người phụ trách: Trưởng phòng Cơ điện; Thời hạn: 31/03/2027; Đã tiết kiệm được: 180.000.000 ₫; 95.000 kWh; 64,1 tấn CO2 mỗi năm"
    );
    let ratio = &rows[at("plan.textile.water_use.liquor_ratio")];
    assert_eq!(ratio[3], "Đang thực hiện (01/02/2027)");
    assert!(ratio[4].starts_with("Người phụ trách: =cmd"), "inside a cell, not at its start");
    assert!(at("plan.energy.lighting.led") < at("energy.lighting.led"), "before the answers");
    assert!(at("saving.total") < at("plan"));
}

#[test]
fn people_read_dates_as_dd_mm_yyyy_and_the_exports_keep_the_day_in_vietnam_as_iso() {
    let list = checklist::active();
    let draft = fixtures::textile_dyeing_plant();
    // 20:00 UTC on 28 November is 03:00 on 29 November in Huế.
    let report = report::build(
        list,
        &draft,
        &AssessmentResults::of(list, &draft),
        Lang::Vi,
        "2026-11-28T20:00:00.000Z",
    );
    assert_eq!(report.date, "2026-11-29");
    let rows = csv_rows(&csv::to_csv(&report));
    let date = rows.iter().find(|r| r[1] == "date").expect("date row");
    assert_eq!(date[3], "2026-11-29", "the CSV is data: ISO");
    // 908.6 TOE is near the threshold, so the obligations show; they are not new in 2026 (they
    // have applied since Law 50/2010), so no ISO or 2026 start date heads them.
    let heading = report.energy_user.and_then(|e| e.obligations_heading).expect("obligations");
    assert_eq!(heading, "Nghĩa vụ của cơ sở sử dụng năng lượng trọng điểm:");
}

#[test]
fn a_payback_reads_as_a_person_says_it_never_0_to_0() {
    let both =
        |years| (report::payback_text(years, Lang::Vi), report::payback_text(years, Lang::En));
    assert_eq!(both([0.0, 0.0]), ("Hoàn vốn ngay".into(), "Pays back at once".into()));
    assert_eq!(both([0.0, 0.04]), ("Hoàn vốn ngay".into(), "Pays back at once".into()));
    assert_eq!(both([0.0, 1.0]), ("Hoàn vốn: dưới 1 năm".into(), "Payback: under 1 year".into()));
    assert_eq!(
        both([0.0, 0.5]),
        ("Hoàn vốn: dưới 0,5 năm".into(), "Payback: under 0.5 years".into())
    );
    assert_eq!(both([0.5, 2.0]), ("Hoàn vốn: 0,5–2 năm".into(), "Payback: 0.5–2 years".into()));
    assert_eq!(both([2.0, 2.0]), ("Hoàn vốn: 2 năm".into(), "Payback: 2 years".into()));
    assert_eq!(both([1.0, 1.0]), ("Hoàn vốn: 1 năm".into(), "Payback: 1 year".into()));
    // A measure that costs nothing, as the report and the screen show it.
    let list = checklist::active();
    let mut draft = fixtures::textile_dyeing_plant();
    draft.apply(fixtures::level("energy.electricity.idle_shutdown", Level::NotYet));
    for lang in [Lang::Vi, Lang::En] {
        let actions = report_of(&draft, lang).actions;
        let idle = actions.iter().find(|a| a.question == "energy.electricity.idle_shutdown");
        let details = idle.expect("the idle-shutdown action").details.join(" ");
        assert!(details.contains(&report::payback_text([0.0, 0.0], lang)), "{details}");
        for a in &actions {
            assert!(!a.details.join(" ").contains(" 0–0 "), "{:?}", a.details);
        }
    }
    assert!(list.questions.iter().any(|q| q.id == "energy.electricity.idle_shutdown"));
}

#[test]
fn money_from_a_default_price_or_the_tariff_says_which_and_of_what_year() {
    let list = checklist::active();
    let diesel = list.fuel("do").expect("diesel in the content");
    let year = diesel.price_year.expect("diesel has a dated reference price");
    // The textile plant burning diesel without giving its cost: money at the reference price.
    let mut on_diesel = fixtures::textile_dyeing_plant();
    on_diesel.profile.fuels[0].fuel = "do".into();
    let fuel = report_of(&on_diesel, Lang::Vi)
        .savings
        .into_iter()
        .find(|s| s.stream == Stream::Fuel)
        .expect("a fuel saving");
    let note = format!("{}: tiền tính theo giá tham khảo năm {year}", diesel.vi);
    assert!(fuel.notes.iter().any(|n| n.starts_with(&note)), "{:?}", fuel.notes);
    // Coal has no current sourced price: no reference-price note, and the cost is asked for.
    let coal = report_of(&fixtures::textile_dyeing_plant(), Lang::Vi)
        .savings
        .into_iter()
        .find(|s| s.stream == Stream::Fuel)
        .expect("a fuel saving");
    assert!(coal.money.is_empty());
    assert!(coal.notes.iter().all(|n| !n.contains("giá tham khảo")), "{:?}", coal.notes);
    assert!(coal.notes.iter().any(|n| n.contains("chi phí")), "{:?}", coal.notes);
    // The seafood processor's electricity is priced from the tariff at its voltage level.
    let electricity = report_of(&fixtures::seafood_processor(), Lang::En)
        .savings
        .into_iter()
        .find(|s| s.stream == Stream::Electricity)
        .expect("an electricity saving");
    let note = format!("Money at the EVN tariff of {}", list.electricity.tariff_year);
    assert!(electricity.notes.iter().any(|n| n.starts_with(&note)), "{:?}", electricity.notes);
    // The textile plant entered its electricity and water bills: no price note there.
    for s in report_of(&fixtures::textile_dyeing_plant(), Lang::En).savings {
        if s.stream != Stream::Fuel {
            assert!(s.notes.iter().all(|n| !n.contains("EVN") && !n.contains("reference")));
        }
    }
}

#[test]
fn the_method_names_the_grid_factor_of_the_content_with_its_year() {
    let e = &checklist::active().electricity;
    for lang in [Lang::Vi, Lang::En] {
        let method = lang.text(sxsh_core::i18n::Text::ResultsMethod);
        let factor = sxsh_core::numbers::format(e.co2_t_per_mwh, lang, 4);
        let named = format!("({factor} tCO2/MWh)");
        assert!(method.contains(&named), "{lang:?} method lacks {named:?}");
        assert!(method.contains(&e.co2_year.to_string()), "{lang:?} method lacks the year");
    }
}

#[test]
fn the_json_export_round_trips_every_fixture() {
    let list = checklist::active();
    for draft in
        [fixtures::textile_dyeing_plant(), fixtures::seafood_processor(), fixtures::brewery()]
    {
        let json = export::to_json(&draft, "2026-11-28T08:00:00Z", Some(list));
        assert_eq!(export::import(&json).expect("imports").draft, draft);
    }
}

/// Every key of `value` is described by `schema` (following `$ref`), recursively; every key the
/// schema requires is present.
pub(crate) fn check_against(
    schema: &serde_json::Value,
    root: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
) {
    let schema = match schema.get("$ref").and_then(|r| r.as_str()) {
        Some(r) => root
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("{path}: bad $ref {r}")),
        None => schema,
    };
    let Some(object) = value.as_object() else { return };
    for required in schema.get("required").and_then(|r| r.as_array()).into_iter().flatten() {
        let key = required.as_str().expect("required keys are strings");
        assert!(object.contains_key(key), "{path}: the export lacks required `{key}`");
    }
    if let Some(properties) = schema.get("properties").and_then(|p| p.as_object()) {
        for (key, child) in object {
            let described = properties
                .get(key)
                .unwrap_or_else(|| panic!("{path}: `{key}` is not in the schema"));
            check_against(described, root, child, &format!("{path}.{key}"));
        }
    }
}

#[test]
fn the_shipped_json_schema_describes_the_export() {
    let text = std::fs::read_to_string(crate::repo("schemas/sxsh-assessment-2.schema.json"))
        .expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert_eq!(
        schema.pointer("/properties/kind/const").and_then(|v| v.as_str()),
        Some(export::KIND)
    );
    assert_eq!(
        schema.pointer("/properties/version/const").and_then(|v| v.as_u64()),
        Some(u64::from(export::VERSION))
    );
    let list = checklist::active();
    let mut draft = fixtures::textile_dyeing_plant();
    draft.apply(Edit::Typed {
        field: Field::Profile(ProfileField::Stream(Stream::Waste, UsePart::Quantity)),
        text: "1,2,3".into(),
        lang: Lang::Vi,
    });
    let export: serde_json::Value =
        serde_json::from_str(&export::to_json(&draft, "2026-11-28T08:00:00Z", Some(list)))
            .expect("export is JSON");
    check_against(&schema, &schema, &export, "file");
}

#[test]
fn the_shipped_json_schemas_state_the_limits_a_request_holds_the_text_to() {
    for version in [1, 2] {
        let path = format!("schemas/sxsh-assessment-{version}.schema.json");
        let text = std::fs::read_to_string(crate::repo(&path)).expect("schema file");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
        schema_states_the_limits(&schema);
    }
}

fn schema_states_the_limits(schema: &serde_json::Value) {
    let described = |pointer: &str| {
        schema.pointer(pointer).and_then(|d| d.as_str()).unwrap_or_default().to_owned()
    };
    for field in ProfileText::ALL {
        let id = ProfileField::Text(field).to_string();
        let description = described(&format!("/$defs/profile/properties/{id}/description"));
        let limit = format!("at most {} characters on one line", field.rule().max_chars);
        assert!(description.contains(&limit), "{id}: {description:?}");
    }
    let typed = described("/$defs/draft/properties/typed/description");
    let limit = format!("at most {} characters", sxsh_core::free_text::TYPED_NUMBER.max_chars);
    assert!(typed.contains(&limit), "{typed:?}");
}

#[test]
fn what_will_be_sent_lists_every_contact_field_consent_and_the_results_summary() {
    use sxsh_core::request::{self, AssessmentRequest, Bills, Consent, Contact, Production};
    let list = checklist::active();
    let draft = fixtures::textile_dyeing_plant();
    let results = AssessmentResults::of(list, &draft);
    let request = AssessmentRequest::new(
        &draft,
        "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        Contact {
            name: "Nguyễn Văn An".into(),
            tax_code: "3300100001".into(),
            position: "Giám đốc".into(),
            phone: "0234 3822 000".into(),
            email: "an@detphubai.vn".into(),
            preferred_period: "Tháng 3/2027".into(),
            notes: "=HYPERLINK(\"x\") & <b>".into(),
        },
        Production {
            bills: Bills::Partly,
            equipment: "Lò hơi 4 t/h".into(),
            schedule: "2 ca".into(),
        },
        Consent { request: true, news: true, ..Consent::default() },
        "2026-11-28T08:00:00Z",
    );
    assert_eq!(request.consent.notice_version, request::NOTICE_VERSION);
    assert_eq!(request.assessment.results, None, "the service computes results itself");
    let lines = report::sent_lines(list, &request, &results, Lang::Vi);
    let value = |label: &str| {
        lines.iter().find(|l| l.label == label).map(|l| l.value.clone()).unwrap_or_default()
    };
    assert_eq!(value("Thư điện tử"), "an@detphubai.vn");
    assert_eq!(value("Mã số thuế"), "3300100001");
    let tax = lines.iter().position(|l| l.label == "Mã số thuế");
    assert_eq!(tax, Some(2), "with the enterprise, after its name and sector");
    assert_eq!(value("Ghi chú cho chuyên gia"), "=HYPERLINK(\"x\") & <b>", "kept literally");
    assert_eq!(
        value(
            "Doanh nghiệp có thể cung cấp hóa đơn điện, nước, nhiên liệu của 12 tháng gần nhất không?"
        ),
        "Có một phần"
    );
    assert_eq!(value("Quan tâm khóa đào tạo SXSH"), "Không");
    assert_eq!(value("Nhận bản tin SXSH"), "Có");
    // The textile plant of tests/scoring.rs: 8.5 / 20 points, shown as 43.
    assert_eq!(value("Điểm sản xuất sạch hơn"), "43 / 100");
    assert!(lines.iter().filter(|l| l.change.is_some()).all(|l| !l.label.is_empty()));
    let (subject, body) = report::request_mail(list, &request, &results, Lang::En);
    assert_eq!(subject, format!("Request for a rapid CP assessment – {}", draft.profile.company));
    assert!(body.contains("Phone number: 0234 3822 000\n"), "{body}");
    assert!(body.contains("Tax code: 3300100001\n"), "{body}");
    assert!(body.contains("Receive CP news: Yes\n"), "{body}");
    assert!(body.ends_with("The self-assessment report (PDF) is attached.\n"), "{body}");
    let link = request::mailto("sxsh@example.gov.vn", &subject, &body);
    assert!(!link.contains(' ') && !link.contains('\n') && link.matches('?').count() == 1);
}

#[test]
fn files_of_every_released_format_version_load_with_no_answer_lost() {
    // One fixture per released version of the assessment file (and so of the autosave); a new
    // version adds its own files here and keeps the old ones.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("fixture");
    // Files made with checklist 2026.11.1 keep their answers and their version, and are
    // re-scored with the current checklist's model, which the report says.
    let made_with = |mut draft: sxsh_core::assessment::Draft| {
        draft.checklist_version = "2026.11.1".into();
        draft
    };
    let export_v1 = export::import(&read("sxsh-assessment-v1.json")).expect("v1 export loads");
    assert_eq!(export_v1.draft, made_with(fixtures::textile_dyeing_plant()));
    let autosave_v1 =
        export::import(&read("sxsh-assessment-v1-autosave.json")).expect("v1 autosave loads");
    assert_eq!(autosave_v1.draft, made_with(fixtures::seafood_processor()));
    let list = checklist::active();
    assert_eq!(export_v1.draft.rescored_from(list), Some("2026.11.1"));
    assert_eq!(fixtures::textile_dyeing_plant().rescored_from(list), None);
    let results = AssessmentResults::of(list, &export_v1.draft);
    let old = report::build(list, &export_v1.draft, &results, Lang::Vi, "2026-12-01");
    let notice = old.rescored.expect("the report says the file was re-scored");
    assert!(notice.contains("2026.11.1") && notice.contains(&list.version), "{notice}");
    assert!(!results.savings.streams.is_empty(), "and it has savings from the new model");
    let versions: Vec<u32> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .flatten()
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            export::import(&text).expect("every fixture loads");
            // The version the file was written with (import reads it into this one).
            let stored: serde_json::Value = serde_json::from_str(&text).ok()?;
            u32::try_from(stored["version"].as_u64()?).ok()
        })
        .collect();
    assert!(versions.contains(&export::VERSION), "the current version has a fixture");
}

#[test]
fn files_of_every_released_format_version_read_back_unchanged() {
    // The typed field ids and stream ids must write exactly the strings the released files hold.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files");
    let (mut read, mut typed) = (0, 0);
    for entry in std::fs::read_dir(&dir).expect("fixture folder").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("fixture");
        let stored: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
        let file = export::import(&text).expect("every fixture loads");
        let again = serde_json::to_value(&file.draft).expect("a draft writes");
        assert_eq!(
            again,
            stored["draft"],
            "{}: the draft reads back unchanged",
            entry.path().display()
        );
        for id in file.draft.typed.keys() {
            assert_eq!(Field::parse(id).map(|f| f.id()).as_deref(), Some(id.as_str()));
            typed += 1;
        }
        // Each profile field's typed text is an issue shown at that field.
        let issues: Vec<String> =
            file.draft.profile_issues(Lang::Vi).iter().map(|i| i.field.id()).collect();
        for id in file.draft.typed.keys().filter(|id| !id.starts_with("answer:")) {
            assert!(issues.contains(id), "{id} is shown as an issue: {issues:?}");
        }
        if let Some(results) = stored.get("results") {
            let computed = AssessmentResults::of(checklist::active(), &file.draft);
            let written = serde_json::to_value(&computed).expect("results write");
            let streams = |v: &serde_json::Value| -> Vec<String> {
                let savings = &v["savings"];
                let of_streams = savings["streams"].as_array().into_iter().flatten();
                let of_actions = savings["actions"].as_array().into_iter().flatten();
                of_streams
                    .map(|s| &s["stream"])
                    .chain(of_actions.map(|a| &a["saving"]["stream"]))
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            };
            assert!(!streams(results).is_empty(), "the fixture has savings to compare");
            // The ranking follows the model; the ids it writes are the released strings.
            let ids = |v: &serde_json::Value| -> std::collections::BTreeSet<String> {
                streams(v).into_iter().collect()
            };
            assert!(ids(&written).is_subset(&ids(results)), "stream ids as released");
        }
        read += 1;
    }
    assert!(read >= 3, "every released file is read");
    assert!(typed >= 9, "a released file with typed text of every kind of field is read");
}

/// The hostile-input corpus shared with the end-to-end tests.
fn payloads() -> Vec<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xss-payloads.txt");
    std::fs::read_to_string(path).expect("corpus").lines().map(str::to_owned).collect()
}

#[test]
fn every_hostile_payload_is_literal_text_in_the_pdf() {
    let payloads = payloads();
    assert!(payloads.len() >= 50);
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (n, payload) in payloads.iter().enumerate() {
        // The company name is the user text the PDF prints (on the cover and in every footer).
        let mut draft = sxsh_core::assessment::Draft::new(checklist::active());
        draft.apply(Edit::SetText(ProfileText::Company, payload.clone()));
        let bytes = pdf_bytes(&report_of(&draft, Lang::Vi));
        assert_no_pdf_action(&bytes, &format!("payload {n}"));
        let path = write_temp(&format!("hostile-{n}.pdf"), &bytes);
        let path = path.to_str().expect("utf-8 path");
        assert!(run("qpdf", &["--check", path]).0, "payload {n}: qpdf");
        // Printable ASCII payloads come back character for character (line breaks aside); the
        // others are checked for structure above (the font has no glyph for an RTL override or
        // an emoji, and Vietnamese is composed to NFC).
        if payload.chars().all(|c| (' '..='~').contains(&c)) {
            let (_, text) = run("pdftotext", &["-raw", path, "-"]);
            assert!(
                squeeze(&text).contains(&squeeze(payload)),
                "payload {n}: {payload:?} not literal"
            );
        }
    }
}

#[test]
fn no_hostile_payload_becomes_a_formula_in_the_csv() {
    // The profile's free text the CSV carries.
    // Each field with the id of its CSV row.
    const FIELDS: [(ProfileText, &str); 2] =
        [(ProfileText::Company, "company"), (ProfileText::Ward, "ward")];
    for (batch, chunk) in payloads().chunks(FIELDS.len()).enumerate() {
        let mut draft = fixtures::textile_dyeing_plant();
        for (field, payload) in FIELDS.iter().zip(chunk) {
            draft.apply(Edit::SetText(field.0, payload.clone()));
        }
        let rows = csv_rows(&csv::to_csv(&report_of(&draft, Lang::Vi)));
        for cell in rows.iter().flatten() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']),
                "batch {batch}: formula cell {cell:?}"
            );
        }
        for (field, payload) in FIELDS.iter().zip(chunk) {
            let (_, id) = field;
            let row = rows.iter().find(|r| r[1] == *id).expect("field row");
            assert!(row[3] == *payload || row[3] == format!("'{payload}"), "{id}: {:?}", row[3]);
        }
    }
}

/// A rapid assessment of the textile plant: its prefilled measures, each 25,000,000 VND a year
/// and the first agreed, and a new finding agreed at 40,500,000 VND.
#[test]
fn the_rapid_assessment_pdf_passes_qpdf_and_reads_back_its_opportunities_and_totals() {
    use sxsh_core::rapid_assessment::report::{self as rapid, DepartmentContact};
    use sxsh_core::rapid_assessment::{Agreement, Opportunity, Priority, prefill};
    use sxsh_core::request::{AssessmentRequest, Consent, Contact, Production};
    let list = checklist::active();
    let request = AssessmentRequest::new(
        &fixtures::textile_dyeing_plant(),
        "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        Contact {
            name: "Nguyễn Văn An".into(),
            tax_code: "3300100001".into(),
            ..Contact::default()
        },
        Production::default(),
        Consent { request: true, ..Consent::default() },
        "2026-11-28T08:00:00Z",
    );
    let mut record = prefill(list, &request, "SXSH-2027-0042");
    let measures = record.opportunities.len();
    assert!(measures >= 3, "{measures} measures prefilled");
    for (i, o) in record.opportunities.iter_mut().enumerate() {
        o.saving_vnd = Some(25_000_000.0);
        o.agreement = if i == 0 { Agreement::Agreed } else { Agreement::Undecided };
    }
    record.opportunities.push(Opportunity {
        id: "n1".into(),
        measure: None,
        title: "Thu hồi nhiệt nước thải nhuộm".into(),
        end_use: "fuel.steam".into(),
        saving_quantity: None,
        saving_unit: String::new(),
        saving_vnd: Some(40_500_000.0),
        saving_tco2: None,
        investment_vnd: Some(81_000_000.0),
        priority: Priority::High,
        agreement: Agreement::Agreed,
    });
    record.visit.date = "2027-03-15".into();
    record.next_steps = format!("Lắp đồng hồ nước cho máy nhuộm\n{HOSTILE}");
    record.complete = true;
    assert_eq!(sxsh_core::rapid_assessment::validate(&record, list), Vec::new());
    let department = DepartmentContact {
        name: "Sở Công Thương thành phố Huế".into(),
        details: "Điện thoại 0234 3822 000 · sxsh@hue.gov.vn".into(),
    };
    let report = rapid::build(list, &request, &record, &department, Lang::Vi, "2027-03-20");
    let (regular, bold) = fonts();
    let bytes = rapid::to_pdf(&report, &pdf::Fonts { regular: &regular, bold: &bold })
        .expect("fonts are valid");
    assert_no_pdf_action(&bytes, "the rapid-assessment report");
    let path = write_temp("rapid.pdf", &bytes);
    let path = path.to_str().expect("utf-8 path");
    let (ok, out) = run("qpdf", &["--check", path]);
    assert!(ok, "qpdf --check failed: {out}");
    let (ok, text) = run("pdftotext", &["-layout", path, "-"]);
    assert!(ok, "{text}");
    // All: every measure's 25,000,000 and the finding's 40,500,000; agreed: the first measure's
    // and the finding's, 65,500,000.
    let all =
        sxsh_core::numbers::format_vnd(25_000_000.0 * measures as f64 + 40_500_000.0, Lang::Vi);
    let mut expected = vec![
        "Báo cáo đánh giá nhanh sản xuất sạch hơn".to_owned(),
        "Công ty Dệt nhuộm Phú Bài (ví dụ)".into(),
        "3300100001".into(),
        "15/03/2027".into(),
        "20/03/2027".into(),
        "Số liệu nền đã kiểm tra".into(),
        "1. Thu hồi nhiệt nước thải nhuộm".into(),
        "Hoàn vốn: 2 năm".into(),
        "Tổng hợp: tự đánh giá và đánh giá nhanh".into(),
        all,
        "65.500.000 ₫".into(),
        "Lắp đồng hồ nước cho máy nhuộm".into(),
        "Điện thoại 0234 3822 000 · sxsh@hue.gov.vn".into(),
        "Trang 1/".into(),
    ];
    // Each measure's title, as far as its first line surely reaches.
    for o in &record.opportunities[..measures] {
        expected.push(o.title.split(' ').take(5).collect::<Vec<_>>().join(" "));
    }
    for expected in &expected {
        assert!(text.contains(expected.as_str()), "pdftotext lacks {expected:?}:\n{text}");
    }
    let (_, raw) = run("pdftotext", &["-raw", path, "-"]);
    assert!(raw.contains("<script>alert(1)</script> ) /JS (x) >> /AA << /OpenAction"), "{raw}");
    let (ok, fonts) = run("pdffonts", &[path]);
    assert!(ok && fonts.contains("NotoSans-Regular") && fonts.contains("NotoSans-Bold"), "{fonts}");
    for line in fonts.lines().filter(|l| l.contains("NotoSans")) {
        assert_eq!(line.split_whitespace().filter(|w| *w == "yes").count(), 3, "{line}");
    }
}
