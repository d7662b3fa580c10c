//! The programme's dashboard, annual report and open data over real HTTP and SQLite (issue 24):
//! six requests sent through the API, their rapid-assessment revisions, notes and follow-ups
//! written into the database as the other parts store them, and every figure checked against
//! sums worked by hand. The XLSX is read back with Python's openpyxl, the CSVs with Python's
//! csv, the PDF with qpdf and pdftotext. Who may read what, and the processing log.

use crate::common::{Service, sample, temp_db};
use crate::staff::{PASSWORD, get, log_in, log_in_as, no_redirects, submit};
use rusqlite::params;
use std::io::Write;
use std::process::{Command, Stdio};
use sxsh_core::rapid_assessment::{Agreement, Opportunity, Priority, RapidAssessment};
use sxsh_server::db;
use sxsh_server::staff::words::LANG_COOKIE;
use sxsh_server::staff::{self, Role};

/// The enterprises: (company, sector, ward, employees, received_at, status).
///
/// - 1, 2 and 3: textile, Thuận Hóa, 50 employees (small): one group of 3 in the open data.
/// - 4 and 5: beverage, Phú Bài, 5 employees (micro): a group of 2, suppressed. Request 5 was
///   received at 18:00 UTC on 31/12/2025, which is 01/01/2026 in Vietnam: it is of 2026.
/// - 6: textile, received in June 2025: outside the period 2026.
const ENTERPRISES: [(&str, &str, &str, f64, &str, &str); 6] = [
    ("Công ty Dệt Một", "textile", "Phường Thuận Hóa", 50.0, "2026-03-02T03:00:00Z", "assessed"),
    ("Công ty Dệt Hai", "textile", "Phường Thuận Hóa", 50.0, "2026-03-03T03:00:00Z", "assessed"),
    ("Công ty Dệt Ba", "textile", "Phường Thuận Hóa", 50.0, "2026-04-01T03:00:00Z", "contacted"),
    ("Công ty Bia Bốn", "beverage", "Phường Phú Bài", 5.0, "2026-05-01T03:00:00Z", "closed"),
    ("Công ty Nước Năm", "beverage", "Phường Phú Bài", 5.0, "2025-12-31T18:00:00Z", "new"),
    ("Công ty Dệt Sáu", "textile", "Phường Thuận Hóa", 50.0, "2025-06-01T03:00:00Z", "assessed"),
];

fn opportunity(
    id: &str,
    end_use: &str,
    quantity: f64,
    unit: &str,
    vnd: f64,
    tco2: Option<f64>,
    agreement: Agreement,
) -> Opportunity {
    Opportunity {
        id: id.into(),
        measure: None,
        title: format!("Giải pháp {id}"),
        end_use: end_use.into(),
        saving_quantity: Some(quantity),
        saving_unit: unit.into(),
        saving_vnd: Some(vnd),
        saving_tco2: tco2,
        investment_vnd: Some(0.0),
        priority: Priority::High,
        agreement,
    }
}

fn record(receipt: &str, opportunities: Vec<Opportunity>) -> String {
    let mut r = RapidAssessment::new(receipt);
    r.visit.date = "2026-06-10".into();
    r.opportunities = opportunities;
    r.complete = true;
    serde_json::to_string(&r).expect("JSON")
}

/// A service with the six requests, an officer `canbo`, an assessor and an administrator; the
/// receipts in the order of `ENTERPRISES`.
fn programme(name: &str) -> (Service, Vec<String>) {
    let service = Service::start(temp_db(name), 1_000);
    {
        let conn = db::open(&service.database).expect("open");
        staff::create_staff(&conn, "canbo", PASSWORD, Role::Officer).expect("officer");
        staff::create_staff(&conn, "chuyengia", PASSWORD, Role::Assessor).expect("assessor");
        staff::create_staff(&conn, "quantri", PASSWORD, Role::Admin).expect("admin");
    }
    let receipts: Vec<String> = ENTERPRISES
        .iter()
        .enumerate()
        .map(|(i, (company, sector, ward, employees, _, _))| {
            let mut request = sample(&format!("7a7a7a7a-0000-4000-8000-00000000000{i}"));
            let p = &mut request.assessment.draft.profile;
            p.company = (*company).into();
            p.sector = Some((*sector).into());
            p.ward = (*ward).into();
            p.employees = Some(*employees);
            submit(&service, &request)
        })
        .collect();
    let conn = db::open(&service.database).expect("open");
    for (receipt, (_, _, _, _, at, status)) in receipts.iter().zip(ENTERPRISES) {
        conn.execute(
            "UPDATE requests SET received_at = ?1, status = ?2, potential_vnd = 0,
             potential_toe = 0, potential_tco2 = 0, annual_toe = NULL WHERE receipt = ?3",
            params![at, status, receipt],
        )
        .expect("dated");
    }
    let id = |receipt: &str| -> i64 {
        conn.query_row("SELECT id FROM requests WHERE receipt = ?1", [receipt], |r| r.get(0))
            .expect("id")
    };
    let (r1, r2, r4) = (id(&receipts[0]), id(&receipts[1]), id(&receipts[3]));
    conn.execute(
        "UPDATE requests SET potential_vnd = 300000000, annual_toe = 100 WHERE id = ?1",
        [r1],
    )
    .expect("potential");
    // Request 4 was contacted, then closed: its notes keep the history.
    conn.execute(
        "INSERT INTO notes (request_id, at, author, text) VALUES
         (?1, '2026-05-02T03:00:00Z', 'canbo', char(1) || 'status new contacted'),
         (?1, '2026-05-09T03:00:00Z', 'canbo', char(1) || 'status contacted closed')",
        [r4],
    )
    .expect("notes");
    let revision = |request: i64, n: i64, key: &str, json: &str| {
        conn.execute(
            "INSERT INTO assessment_revisions (request_id, revision, base_revision,
             idempotency_key, body_hash, author, saved_at, record_json)
             VALUES (?1, ?2, ?3, ?4, 'hash', 'chuyengia', '2026-06-10T05:00:00Z', ?5)",
            params![request, n, n - 1, key, json],
        )
        .expect("revision");
    };
    // Request 1: a first revision with everything undecided, then the latest, which counts: LED
    // (100,000 kWh, 200,000,000 VND, 60 tCO2) and water (5,000 m³, 50,000,000 VND) agreed, a
    // third declined.
    let undecided = vec![opportunity(
        "led",
        "electricity.lighting",
        100_000.0,
        "kWh",
        200_000_000.0,
        Some(60.0),
        Agreement::Undecided,
    )];
    revision(r1, 1, "k-1-1", &record(&receipts[0], undecided));
    let agreed = vec![
        opportunity(
            "led",
            "electricity.lighting",
            100_000.0,
            "kWh",
            200_000_000.0,
            Some(60.0),
            Agreement::Agreed,
        ),
        opportunity(
            "water",
            "water.cleaning",
            5_000.0,
            "m³",
            50_000_000.0,
            None,
            Agreement::Agreed,
        ),
        opportunity("no", "electricity.lighting", 9.0, "kWh", 9.0, None, Agreement::Declined),
    ];
    revision(r1, 2, "k-1-2", &record(&receipts[0], agreed));
    // Request 2: a boiler measure agreed (10 TOE, 100,000,000 VND, 30 tCO2).
    let boiler = vec![opportunity(
        "boiler",
        "fuel.steam",
        10.0,
        "TOE",
        100_000_000.0,
        Some(30.0),
        Agreement::Agreed,
    )];
    revision(r2, 1, "k-2-1", &record(&receipts[1], boiler));
    let follow_up = |request: i64,
                     opportunity: &str,
                     status: &str,
                     row: (f64, &str, f64, Option<f64>),
                     evidence: &str| {
        let (quantity, unit, vnd, tco2) = row;
        conn.execute(
            "INSERT INTO follow_ups (request_id, opportunity_id, status, status_on,
             achieved_quantity, achieved_unit, achieved_vnd, achieved_tco2, evidence, method,
             author, recorded_at)
             VALUES (?1, ?2, ?3, '2026-12-10', ?4, ?5, ?6, ?7, ?8, ?9, 'canbo',
                     '2026-12-10T03:00:00Z')",
            params![
                request,
                opportunity,
                status,
                quantity,
                unit,
                vnd,
                tco2,
                evidence,
                if evidence == "verified" { "Hóa đơn EVN" } else { "" }
            ],
        )
        .expect("follow-up");
    };
    // The LED: self-reported done at 90,000 kWh, then verified at 80,000 kWh, 160,000,000 VND,
    // 48 tCO2 (the latest row counts). The water: done, self-reported, 4,000 m³, 40,000,000 VND.
    // The boiler: in progress.
    follow_up(r1, "led", "implemented", (90_000.0, "kWh", 180_000_000.0, None), "self_reported");
    follow_up(r1, "led", "implemented", (80_000.0, "kWh", 160_000_000.0, Some(48.0)), "verified");
    follow_up(r1, "water", "implemented", (4_000.0, "m³", 40_000_000.0, None), "self_reported");
    follow_up(r2, "boiler", "in_progress", (0.0, "TOE", 0.0, None), "self_reported");
    (service, receipts)
}

/// The bytes of a download.
fn download(service: &Service, path: &str, cookie: &str) -> (u16, String, Vec<u8>) {
    let mut response = no_redirects()
        .get(&format!("{}{path}", service.url))
        .header("Cookie", cookie)
        .call()
        .expect("answer");
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.body_mut().with_config().limit(50_000_000).read_to_vec().expect("body");
    (response.status().as_u16(), kind, body)
}

/// Runs Python with `script` on `input`; what it printed, as JSON.
fn python(script: &str, input: &[u8]) -> serde_json::Value {
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().expect("stdin").write_all(input).expect("write");
    let out = child.wait_with_output().expect("python3 finishes");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("python printed JSON")
}

/// A CSV read by Python's csv module: its rows.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let script = r#"
import csv, io, sys, json
text = sys.stdin.buffer.read().decode("utf-8")
assert text.startswith("\ufeff")
json.dump(list(csv.reader(io.StringIO(text[1:], newline=""))), sys.stdout)
"#;
    serde_json::from_value(python(script, bytes)).expect("rows")
}

/// The value and records of the figure (section, group, figure) among a figures table's rows.
fn figure<'a>(
    rows: &'a [Vec<String>],
    section: &str,
    group: &str,
    code: &str,
) -> (&'a str, &'a str) {
    let row = rows
        .iter()
        .find(|r| r[0] == section && r[1] == group && r[2] == code)
        .unwrap_or_else(|| panic!("no {section} {group} {code}"));
    (row[4].as_str(), row[5].as_str())
}

#[test]
fn the_dashboard_shows_the_sums_worked_by_hand_with_their_receipts() {
    let (service, receipts) = programme("programme-dashboard");
    let cookie = log_in(&service);
    let (status, page) = get(&service, "/staff/dashboard?year=2026", Some(&cookie));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("01/01/2026 – 31/12/2026"), "the period in dd/mm/yyyy");
    assert!(page.contains(r#"name="from" type="date" value="2026-01-01""#), "a date input");
    assert!(page.contains(r#"name="to" type="date" value="2026-12-31""#), "a date input");
    assert!(page.contains(r#"href="/staff/open-data.csv?year=2026""#), "the open data: a year");
    assert!(page.contains("&amp;language=en\" hreflang=\"en\""), "the report in English");
    // The rapid assessment's word for an opportunity, as its record and the follow-up say.
    assert!(page.contains("cơ hội được đồng ý"), "cơ hội");
    assert!(!page.contains("giải pháp"), "not giải pháp");
    // The funnel: 5 requests of 2026 (not the one of 2025; request 5, sent at 18:00 UTC on
    // 31/12/2025, is of 01/01/2026 in Vietnam); contacted: 1 and 2 (assessed), 3 (contacted)
    // and 4 (closed after being contacted) = 4; visited: 1 and 2; agreed: 2 + 1 = 3;
    // implemented: the LED and the water of 1 = 2; enterprises implementing: 1.
    for (i, n) in [5, 4, 2, 3, 2, 1].iter().enumerate() {
        let cell = format!("data-testid=\"funnel-{}\">{n}<", i + 1);
        assert!(page.contains(&cell), "{cell}");
    }
    // Rates: 2 of 3 opportunities = 66,7 %; 1 of 2 enterprises visited = 50 %.
    assert!(page.contains("data-testid=\"rate-1\">66,7 %<"), "the implementation rate");
    assert!(page.contains("data-testid=\"rate-2\">50 %<"));
    // Identified: 200,000,000 + 50,000,000 + 100,000,000; implemented 160,000,000 (the verified
    // row of the LED, not the older self-reported one) + 40,000,000; verified 160,000,000;
    // self-reported 40,000,000; the potential 300,000,000.
    for text in ["350.000.000", "200.000.000", "160.000.000", "40.000.000", "300.000.000"] {
        assert!(page.contains(text), "{text}");
    }
    assert!(!page.contains("180.000.000"), "the older follow-up row does not count");
    // kWh 100.000 identified, 80.000 implemented; TOE 15,43 + 10 = 25,43 and 12,34.
    for text in ["100.000", "80.000", "25,43", "12,34", "5.000", "4.000"] {
        assert!(page.contains(text), "{text}");
    }
    // Each figure links its receipts; the request of 2025 is in none.
    assert!(page.contains(&format!("href=\"/staff/requests/{}\"", receipts[0])));
    assert!(page.contains(&format!("href=\"/staff/requests/{}\"", receipts[4])));
    assert!(!page.contains(&receipts[5]), "outside the period");
    // The charts are accessible images with their tables beside them.
    assert_eq!(page.matches("<svg role=\"img\"").count(), 6, "funnel, savings, 4 breakdowns");
    assert!(page.contains("aria-labelledby=\"funnel-title funnel-desc\""));
    assert!(page.contains("<title id=\"funnel-title\">Phễu chương trình</title>"));
    assert!(
        page.contains("Yêu cầu tiếp nhận: 5. Đã liên hệ: 4."),
        "the description reads the numbers"
    );
    assert!(page.contains("<caption id=\"funnel-caption\">"));
    assert!(!page.contains("<script"), "readable without scripts");
    assert!(page.contains("Nhỏ (11–100 lao động)") && page.contains("Siêu nhỏ (≤ 10 lao động)"));
    // The norms: no profile gave output, so none compared.
    assert!(page.contains("Không cơ sở nào thuộc phạm vi một định mức còn hiệu lực."));

    let english_cookie = format!("{cookie}; {}=en", LANG_COOKIE);
    let (_, english) = get(&service, "/staff/dashboard?year=2026", Some(&english_cookie));
    assert!(english.contains("350,000,000") && english.contains("66.7 %"));
    let (status, _) = get(&service, "/staff/dashboard?from=2026-02-30", Some(&cookie));
    assert_eq!(status, 422, "not a real day");
    // 2025 alone: request 6 only.
    let (_, old) = get(&service, "/staff/dashboard?from=2025-01-01&to=2025-12-31", Some(&cookie));
    assert!(old.contains("data-testid=\"funnel-1\">1<") && old.contains(&receipts[5]));
}

#[test]
fn the_annual_xlsx_and_csv_parse_back_to_the_same_figures() {
    let (service, receipts) = programme("programme-annual");
    let cookie = log_in(&service);
    let period = "from=2026-01-01&to=2026-12-31";
    let (status, kind, xlsx) =
        download(&service, &format!("/staff/reports/annual.xlsx?{period}"), &cookie);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&xlsx));
    assert!(kind.starts_with("application/vnd.openxmlformats"), "{kind}");
    let script = r#"
import io, sys, json, openpyxl
book = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
out = {}
for sheet in book.worksheets:
    out[sheet.title] = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
json.dump(out, sys.stdout)
"#;
    let book = python(script, &xlsx);
    let sheets: Vec<&String> = book.as_object().expect("sheets").keys().collect();
    assert_eq!(sheets, ["dictionary", "figures", "records"], "JSON keys sort");
    let figures: Vec<Vec<serde_json::Value>> =
        serde_json::from_value(book["figures"].clone()).expect("rows");
    let cell = |section: &str, group: &str, code: &str| {
        figures
            .iter()
            .find(|r| r[0] == section && r[1] == group && r[2] == code)
            .map(|r| (r[4].as_f64(), r[5].as_str().unwrap_or("").to_owned()))
            .unwrap_or_else(|| panic!("{section} {group} {code}"))
    };
    let near = |x: Option<f64>, y: f64| assert!((x.unwrap_or(-1.0) - y).abs() < 1e-6, "{x:?} {y}");
    let (value, records) = cell("total", "", "identified_vnd");
    near(value, 350_000_000.0);
    assert_eq!(records, format!("{} {}", receipts[0], receipts[1]));
    near(cell("total", "", "requests").0, 5.0);
    near(cell("total", "", "implemented_vnd").0, 200_000_000.0);
    near(cell("total", "", "verified_vnd").0, 160_000_000.0);
    near(cell("total", "", "self_reported_m3").0, 4_000.0);
    near(cell("total", "", "identified_toe").0, 25.43);
    near(cell("total", "", "implementation_rate").0, 200.0 / 3.0);
    near(cell("sector", "beverage", "requests").0, 2.0);
    near(cell("year", "2026", "requests").0, 5.0);
    // The 889 indicator: request 1 saved 80,000 kWh × 0.0001543 = 12.344 TOE of its 100 TOE.
    let (share, records) = cell("indicator", "energy_saved_share_889", "energy_saved_share");
    near(share, 12.344);
    assert_eq!(records, receipts[0]);
    let records: Vec<Vec<serde_json::Value>> =
        serde_json::from_value(book["records"].clone()).expect("rows");
    assert_eq!(records.len(), 1 + 5, "a head and the period's 5 requests");
    assert_eq!(records[0][0], "receipt");
    let dictionary = book["dictionary"].to_string();
    assert!(
        dictionary.contains("verified_vnd")
            && dictionary.contains("indicator:energy_saved_share_889")
    );

    let (status, kind, csv) =
        download(&service, &format!("/staff/reports/annual.csv?{period}"), &cookie);
    assert_eq!((status, kind.as_str()), (200, "text/csv; charset=utf-8"));
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], ["section", "group", "figure", "unit", "value", "records"]);
    assert_eq!(rows.len(), figures.len(), "the CSV and the XLSX hold the same figures");
    assert_eq!(figure(&rows, "total", "", "identified_vnd").0, "350000000");
    assert_eq!(figure(&rows, "total", "", "implemented_kwh").0, "80000");
    assert_eq!(figure(&rows, "total", "", "implemented_toe").0, "12.344");
    assert_eq!(figure(&rows, "total", "", "enterprises_implementing"), ("1", receipts[0].as_str()));
    assert_eq!(
        figure(&rows, "indicator", "energy_saved_share_889", "energy_saved_share").0,
        "12.344"
    );
    let (status, _, dictionary) =
        download(&service, "/staff/reports/annual-dictionary.csv", &cookie);
    assert_eq!(status, 200);
    let dictionary = csv_rows(&dictionary);
    assert_eq!(dictionary[0], ["code", "unit", "meaning_vi", "meaning_en", "source"]);
    for row in &rows[1..] {
        assert!(dictionary.iter().any(|d| d[0] == row[2]), "{} has no entry", row[2]);
    }
}

#[test]
fn the_annual_pdf_reads_back_in_vietnamese() {
    let (service, _) = programme("programme-pdf");
    // An officer whose interface is in English still gets the Vietnamese report by default.
    let cookie = format!("{}; {}=en", log_in(&service), LANG_COOKIE);
    let text =
        pdf_text(&service, "/staff/reports/annual.pdf?from=2026-01-01&to=2026-12-31", &cookie);
    for expected in [
        "Báo cáo kết quả chương trình sản xuất sạch hơn",
        "Kỳ báo cáo: 01/01/2026 – 31/12/2026",
        "Chỉ tiêu theo Quyết định 889/QĐ-TTg",
        "350.000.000",
        "66,7 %",
        "Dệt nhuộm và may mặc",
    ] {
        assert!(text.contains(expected), "{expected} not in:\n{text}");
    }
    // In English when asked for, whatever the interface's language.
    let vietnamese = log_in(&service);
    let path = "/staff/reports/annual.pdf?year=2026&language=en";
    let text = pdf_text(&service, path, &vietnamese);
    assert!(text.contains("Cleaner production programme"), "{text}");
    assert!(!text.contains("Báo cáo kết quả chương trình"), "{text}");
}

/// The text of the PDF at `path`, checked by qpdf, its lines joined (a long title wraps).
fn pdf_text(service: &Service, path: &str, cookie: &str) -> String {
    let (status, kind, pdf) = download(service, path, cookie);
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    let file =
        std::env::temp_dir().join(format!("sxsh-annual-{}-{}.pdf", std::process::id(), path.len()));
    std::fs::write(&file, &pdf).expect("written");
    let file = file.to_str().expect("path");
    let check = Command::new("qpdf").args(["--check", file]).output().expect("qpdf runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let text = Command::new("pdftotext").args(["-layout", file, "-"]).output().expect("pdftotext");
    String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_open_data_names_no_one_and_suppresses_a_group_of_two() {
    let (service, receipts) = programme("programme-open");
    let cookie = log_in(&service);
    let (status, _, body) = download(&service, "/staff/open-data.csv?year=2026", &cookie);
    assert_eq!(status, 200);
    let text = String::from_utf8(body.clone()).expect("UTF-8");
    for personal in ["Công ty", "Nguyễn Văn An", "0234 3822 000", "an@detphubai.vn", "SXSH-", "@"]
    {
        assert!(!text.contains(personal), "{personal} in the open data");
    }
    for receipt in &receipts {
        assert!(!text.contains(receipt.as_str()));
    }
    let rows = csv_rows(&body);
    let head = &rows[0];
    let at = |name: &str| head.iter().position(|h| h == name).expect(name);
    assert_eq!(&head[..4], ["year", "sector", "ward", "size_class"]);
    assert_eq!(rows.len(), 3, "a head and two rows");
    // Beverage, Phú Bài, micro: requests 4 and 5, two enterprises, under 3: merged into the
    // 2026 beverage "other" row, still 2, every figure suppressed and its ward not written.
    let beverage = &rows[1];
    assert_eq!(&beverage[..4], ["2026", "beverage", "khác", "other"]);
    assert!(beverage[4..].iter().all(|c| c == "suppressed"), "{beverage:?}");
    assert!(!text.contains("Phú Bài"), "a small group's ward is not published");
    // Textile, Thuận Hóa, small: requests 1, 2 and 3, three enterprises, all contacted. Only
    // 1 and 2 were visited and have opportunities; only 1 implemented: the cells of fewer
    // than 3 enterprises are suppressed; the cells no enterprise contributes to are 0.
    let textile = &rows[2];
    assert_eq!(&textile[..4], ["2026", "textile", "Phường Thuận Hóa", "small"]);
    assert_eq!(textile[at("enterprises")], "3");
    assert_eq!(textile[at("contacted")], "3");
    for few in ["visited", "opportunities_implemented", "identified_vnd", "verified_vnd"] {
        assert_eq!(textile[at(few)], "suppressed", "{few}");
    }
    assert_eq!(textile[at("self_reported_m3")], "suppressed");
    assert_eq!(textile[at("verified_t")], "0");

    // Arbitrary periods are refused (two periods a day apart would give one enterprise's
    // figures by subtraction): whole calendar years only.
    for query in ["from=2026-01-01&to=2026-06-30", "year=2026&to=2026-12-30"] {
        let path = format!("/staff/open-data.csv?{query}");
        assert_eq!(download(&service, &path, &cookie).0, 422, "{query}");
    }

    // Requests 1, 2 and 3 from one enterprise (one tax code): one enterprise, under 3:
    // merged and suppressed however many requests it sent.
    let conn = db::open(&service.database).expect("open");
    conn.execute("UPDATE requests SET tax_code = '3300100100' WHERE sector = 'textile'", [])
        .expect("one tax code");
    let (_, _, body) = download(&service, "/staff/open-data.csv?year=2026", &cookie);
    let rows = csv_rows(&body);
    assert_eq!(&rows[2][..4], ["2026", "textile", "khác", "other"]);
    assert!(rows[2][4..].iter().all(|c| c == "suppressed"), "{:?}", rows[2]);
}

#[test]
fn only_officers_see_the_dashboard_and_reports_and_every_export_is_logged() {
    let (service, _) = programme("programme-roles");
    let assessor = log_in_as(&service, "chuyengia");
    let admin = log_in_as(&service, "quantri");
    for path in ["/staff/dashboard", "/staff/reports/annual.csv", "/staff/reports/annual.xlsx"] {
        assert_eq!(get(&service, path, Some(&assessor)).0, 403, "{path}");
        assert_eq!(get(&service, path, Some(&admin)).0, 403, "{path}: receipts are casework");
    }
    assert_eq!(get(&service, "/staff/open-data.csv", Some(&assessor)).0, 403);
    assert_eq!(get(&service, "/staff/open-data.csv", Some(&admin)).0, 200, "it names no one");
    let (status, _) = get(&service, "/staff/dashboard", None);
    assert!(status == 303 || status == 401, "not logged in: {status}");
    let officer = log_in(&service);
    let (_, nav) = get(&service, "/staff", Some(&officer));
    assert!(nav.contains("href=\"/staff/dashboard\""), "in the officer's navigation");
    assert_eq!(get(&service, "/staff/reports/annual.csv?year=2026", Some(&officer)).0, 200);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let conn = db::open(&service.database).expect("open");
    let logged: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT actor, action, receipt FROM audit WHERE action IN ('annual_report', 'open_data') ORDER BY id")
        .expect("query")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read");
    assert_eq!(
        logged,
        [
            ("quantri".to_owned(), "open_data".to_owned(), None),
            ("canbo".to_owned(), "annual_report".to_owned(), None),
        ]
    );
}
