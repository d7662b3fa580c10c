//! The rapid-assessment record over real HTTP and SQLite: each revision stored exactly once
//! under retries, a key reused with another body refused, the core's validation, who may read
//! and write (the assigned assessor writes; officers read; anyone else is refused), the history
//! with who and when and what changed, completing makes the request assessed, the report PDF
//! read back with qpdf and pdftotext, and the app's files served under /staff/app/.

use crate::common::{Service, settings, temp_db};
use crate::staff::{PASSWORD, get, log_in, log_in_as, no_redirects, service_with_request};
use sxsh_core::rapid_assessment::{Agreement, Opened, Opportunity, Priority, Saved, Upload};
use sxsh_server::db;
use sxsh_server::staff::{self, Role};

/// A service with one request assigned to `chuyengia`, a second assessor `khac` and an officer
/// `canbo`.
fn assigned(name: &str) -> (Service, String) {
    let (service, receipt) = service_with_request(name, "Công ty Dệt Phú Bài");
    let conn = db::open(&service.database).expect("open");
    staff::create_staff(&conn, "chuyengia", PASSWORD, Role::Assessor).expect("assessor");
    staff::create_staff(&conn, "khac", PASSWORD, Role::Assessor).expect("another assessor");
    conn.execute(
        "UPDATE requests SET assessor_id = (SELECT id FROM staff WHERE username = 'chuyengia')",
        [],
    )
    .expect("assigned");
    (service, receipt)
}

/// The session's CSRF token as the record page gives it to the app.
fn csrf(service: &Service, receipt: &str, cookie: &str) -> String {
    let (status, page) = get(service, &format!("/staff/assessments/{receipt}"), Some(cookie));
    assert_eq!(status, 200, "{page}");
    let at = page.find("data-csrf=\"").expect("the app's token") + "data-csrf=\"".len();
    page[at..].split('"').next().expect("token").to_owned()
}

/// The record as the API opens it.
fn open(service: &Service, receipt: &str, cookie: &str) -> Opened {
    let (status, body) = get(service, &format!("/staff/api/assessments/{receipt}"), Some(cookie));
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).expect("an opened record")
}

/// Posts `body` as an upload; the status and the body of the answer.
fn post(service: &Service, receipt: &str, cookie: &str, csrf: &str, body: &str) -> (u16, String) {
    let mut answer = no_redirects()
        .post(&format!("{}/staff/api/assessments/{receipt}", service.url))
        .header("Cookie", cookie)
        .header("Content-Type", "application/json")
        .header("X-CSRF-Token", csrf)
        .send(body)
        .expect("answer");
    (answer.status().as_u16(), answer.body_mut().read_to_string().unwrap_or_default())
}

fn upload(key: &str, base: u32, opened: &Opened) -> Upload {
    Upload { idempotency_key: key.into(), base_revision: base, record: opened.record.clone() }
}

fn json(upload: &Upload) -> String {
    serde_json::to_string(upload).expect("JSON")
}

fn revisions(service: &Service) -> i64 {
    let conn = db::open(&service.database).expect("open");
    conn.query_row("SELECT COUNT(*) FROM assessment_revisions", [], |r| r.get(0)).expect("count")
}

const KEY: &str = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";

#[test]
fn each_revision_is_stored_exactly_once_however_often_it_is_sent() {
    let (service, receipt) = assigned("rapid-once");
    let cookie = log_in_as(&service, "chuyengia");
    let token = csrf(&service, &receipt, &cookie);
    let first = open(&service, &receipt, &cookie);
    assert_eq!(first.revision, 0, "never saved: prefilled from the request");
    assert!(
        first.record.opportunities.iter().any(|o| o.id == "energy.lighting.led"),
        "the measure the enterprise has not taken is an opportunity"
    );
    let mut edited = upload(KEY, 0, &first);
    edited.record.visit.team = "Trung tâm Khuyến công".into();
    let body = json(&edited);
    // The same upload sent four times at once (a poor connection's retries) and once more after.
    let answers: Vec<(u16, String)> = std::thread::scope(|s| {
        let sends: Vec<_> =
            (0..4).map(|_| s.spawn(|| post(&service, &receipt, &cookie, &token, &body))).collect();
        sends.into_iter().map(|h| h.join().expect("sent")).collect()
    });
    let saved: Vec<Saved> = answers
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 200, "{body}");
            serde_json::from_str(body).expect("Saved")
        })
        .collect();
    assert!(saved.iter().all(|s| *s == saved[0] && s.revision == 1), "{saved:?}");
    let (status, again) = post(&service, &receipt, &cookie, &token, &body);
    assert_eq!((status, serde_json::from_str::<Saved>(&again).ok()), (200, Some(saved[0].clone())));
    assert_eq!(revisions(&service), 1);
    assert_eq!(open(&service, &receipt, &cookie).record, edited.record);

    let mut other = edited.clone();
    other.record.visit.areas = "Lò hơi".into();
    let (status, refusal) = post(&service, &receipt, &cookie, &token, &json(&other));
    assert_eq!(status, 422);
    assert!(refusal.contains("\"key_reused\""), "{refusal}");
    assert_eq!(revisions(&service), 1, "nothing stored");
    other.idempotency_key = "0b1a2f3e-4d5c-4b6a-8978-1a2b3c4d5e6f".into();
    other.base_revision = 1;
    let (status, body) = post(&service, &receipt, &cookie, &token, &json(&other));
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<Saved>(&body).map(|s| s.revision).ok(), Some(2));
    let reopened = open(&service, &receipt, &cookie);
    assert_eq!((reopened.revision, reopened.record.visit.areas.as_str()), (2, "Lò hơi"));
}

#[test]
fn a_save_edited_from_an_older_revision_is_refused_and_never_overwrites_the_newer() {
    let (service, receipt) = assigned("rapid-stale");
    let cookie = log_in_as(&service, "chuyengia");
    let token = csrf(&service, &receipt, &cookie);
    let opened = open(&service, &receipt, &cookie);
    // Two tablets open revision 0 and each saves its own version.
    let mut first = upload(KEY, 0, &opened);
    first.record.visit.team = "Tablet A".into();
    let mut second = upload("0b1a2f3e-4d5c-4b6a-8978-1a2b3c4d5e6f", 0, &opened);
    second.record.visit.team = "Tablet B".into();
    let (status, body) = post(&service, &receipt, &cookie, &token, &json(&first));
    assert_eq!(status, 200, "{body}");
    let saved: Saved = serde_json::from_str(&body).expect("Saved");
    assert_eq!(saved.revision, 1);
    let (status, body) = post(&service, &receipt, &cookie, &token, &json(&second));
    assert_eq!(status, 409, "{body}");
    let stale: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(stale["code"], "stale_base");
    assert_eq!(stale["revision"], 1);
    assert_eq!(stale["record"]["visit"]["team"], "Tablet A", "the newer record, for the choice");
    assert_eq!(revisions(&service), 1, "nothing stored");
    // The first tablet's retry (its answer was lost) still gets its own answer.
    let (status, again) = post(&service, &receipt, &cookie, &token, &json(&first));
    assert_eq!((status, serde_json::from_str::<Saved>(&again).ok()), (200, Some(saved)));
    // The second tablet keeps its version: a new save on top of the latest.
    second.idempotency_key = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a".into();
    second.base_revision = 1;
    assert_eq!(post(&service, &receipt, &cookie, &token, &json(&second)).0, 200);
    let reopened = open(&service, &receipt, &cookie);
    assert_eq!((reopened.revision, reopened.record.visit.team.as_str()), (2, "Tablet B"));
    assert_eq!(revisions(&service), 2, "the other version stays in the history");
}

#[test]
fn a_record_the_core_refuses_is_refused_field_by_field() {
    let (service, receipt) = assigned("rapid-invalid");
    let cookie = log_in_as(&service, "chuyengia");
    let token = csrf(&service, &receipt, &cookie);
    let mut bad = upload(KEY, 0, &open(&service, &receipt, &cookie));
    bad.record.visit.date = "2027-02-30".into();
    bad.record.opportunities[0].saving_vnd = Some(-5.0);
    let (status, body) = post(&service, &receipt, &cookie, &token, &json(&bad));
    assert_eq!(status, 422, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(answer["error"], "invalid_fields");
    let fields: Vec<&str> = answer["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["visit.date", "opportunities[0].saving_vnd"]);
    let (status, _) = post(&service, &receipt, &cookie, &token, "{\"not\":\"an upload\"}");
    assert_eq!(status, 422);
    let mut elsewhere = upload(KEY, 0, &open(&service, &receipt, &cookie));
    elsewhere.record.receipt = "SXSH-2026-9999".into();
    assert_eq!(post(&service, &receipt, &cookie, &token, &json(&elsewhere)).0, 422);
    assert_eq!(revisions(&service), 0);
}

#[test]
fn only_the_assigned_assessor_writes_officers_read_and_nobody_else() {
    let (service, receipt) = assigned("rapid-roles");
    let api = format!("/staff/api/assessments/{receipt}");
    let assessor = log_in_as(&service, "chuyengia");
    let token = csrf(&service, &receipt, &assessor);
    let record = open(&service, &receipt, &assessor);
    let body = json(&upload(KEY, 0, &record));

    // An officer reads the record, its history and report, and cannot edit it.
    let officer = log_in(&service);
    assert_eq!(open(&service, &receipt, &officer).record, record.record);
    let (status, _) = get(&service, &format!("/staff/assessments/{receipt}"), Some(&officer));
    assert_eq!(status, 303, "an officer is sent to the history");
    let officer_token = {
        let (_, page) = get(&service, &format!("/staff/requests/{receipt}"), Some(&officer));
        crate::staff::csrf_of(&page)
    };
    assert_eq!(post(&service, &receipt, &officer, &officer_token, &body).0, 403);
    assert_eq!(
        get(&service, &format!("/staff/assessments/{receipt}/history"), Some(&officer)).0,
        200
    );

    // Another assessor neither reads nor writes it.
    let other = log_in_as(&service, "khac");
    let (status, _) = get(&service, &api, Some(&other));
    assert_eq!(status, 403);
    let (_, list) = get(&service, "/staff/assessments", Some(&other));
    assert!(!list.contains(&receipt), "not on their list");
    for path in ["", "/history", "/report.pdf"] {
        let path = format!("/staff/assessments/{receipt}{path}");
        assert_eq!(get(&service, &path, Some(&other)).0, 404, "{path}");
    }
    let (_, page) = get(&service, "/staff/assessments", Some(&other));
    let other_token = crate::staff::csrf_of(&page);
    assert_eq!(post(&service, &receipt, &other, &other_token, &body).0, 403);

    // Without a session, or without the session's token, nothing.
    assert_eq!(get(&service, &api, None).0, 401);
    assert_eq!(post(&service, &receipt, "sxsh_staff=forged", &token, &body).0, 401);
    let (status, refusal) = post(&service, &receipt, &assessor, "not-the-token", &body);
    assert_eq!(status, 403);
    assert!(refusal.contains("\"stale_token\""), "the app asks for a reload: {refusal}");
    assert_eq!(revisions(&service), 0, "nothing was stored by anyone refused");
    // The assigned assessor, with the token, does.
    assert_eq!(post(&service, &receipt, &assessor, &token, &body).0, 200);
    let (_, list) = get(&service, "/staff/assessments", Some(&assessor));
    assert!(list.contains(&receipt), "on their list: {list}");
}

fn opportunity(id: &str, title: &str, vnd: f64) -> Opportunity {
    Opportunity {
        id: id.into(),
        measure: None,
        title: title.into(),
        end_use: "electricity.lighting".into(),
        saving_quantity: Some(12_000.0),
        saving_unit: "kWh".into(),
        saving_vnd: Some(vnd),
        saving_tco2: Some(8.1),
        investment_vnd: Some(30_000_000.0),
        priority: Priority::High,
        agreement: Agreement::Agreed,
    }
}

#[test]
fn the_history_says_who_saved_what_when_and_completing_makes_the_request_assessed() {
    let (service, receipt) = assigned("rapid-history");
    let cookie = log_in_as(&service, "chuyengia");
    let token = csrf(&service, &receipt, &cookie);
    let mut up = upload(KEY, 0, &open(&service, &receipt, &cookie));
    up.record.visit.date = "2027-03-15".into();
    assert_eq!(post(&service, &receipt, &cookie, &token, &json(&up)).0, 200);
    up.idempotency_key = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f".into();
    up.base_revision = 1;
    up.record.opportunities.push(opportunity("finding-9", "Thu hồi nước ngưng", 45_000_000.0));
    up.record.complete = true;
    assert_eq!(post(&service, &receipt, &cookie, &token, &json(&up)).0, 200);

    let officer = log_in(&service);
    let (status, page) =
        get(&service, &format!("/staff/assessments/{receipt}/history"), Some(&officer));
    assert_eq!(status, 200);
    assert!(page.contains("data-revision=\"2\"") && page.contains("data-revision=\"1\""), "{page}");
    assert!(page.contains("<bdi>chuyengia</bdi>"), "who: {page}");
    let today = sxsh_core::dates::day(&db::utc_now().1);
    assert!(page.contains(&today), "when, dd/mm/yyyy: {page}");
    assert!(page.contains("Ngày khảo sát: — → 15/03/2027"), "what, in words: {page}");
    assert!(page.contains("Thêm cơ hội “Thu hồi nước ngưng”"), "{page}");
    assert!(page.contains("Đánh dấu đã hoàn thành đánh giá"), "{page}");
    let (_, english) = get(
        &service,
        &format!("/staff/assessments/{receipt}/history"),
        Some(&format!("{officer}; lang=en")),
    );
    assert!(english.contains("Added the opportunity “Thu hồi nước ngưng”"), "{english}");

    let conn = db::open(&service.database).expect("open");
    let status: String =
        conn.query_row("SELECT status FROM requests", [], |r| r.get(0)).expect("status");
    assert_eq!(status, "assessed");
    let actions: Vec<String> = conn
        .prepare("SELECT action FROM audit WHERE actor = 'chuyengia' ORDER BY id")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .expect("the log");
    assert_eq!(
        actions.iter().filter(|a| !a.starts_with("login")).collect::<Vec<_>>(),
        ["assessment_saved", "assessment_saved", "status_changed"]
    );
}

/// Runs a command on a file; its standard output.
fn run(program: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(program).args(args).output().expect("the tool runs");
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_report_pdf_names_the_opportunities_and_totals_and_the_departments_contact() {
    let mut settings = settings(temp_db("rapid-pdf"), 100);
    settings.department.address = "Số 1 Hùng Vương, Huế".into();
    settings.department.phone = "0234 3822 000".into();
    let service = Service::start_settings(settings);
    let conn = db::open(&service.database).expect("open");
    staff::create_staff(&conn, "chuyengia", PASSWORD, Role::Assessor).expect("assessor");
    let mut request = crate::common::sample("5e5e5e5e-0000-4000-8000-00000000000a");
    request.assessment.draft.profile.electricity.kwh = Some(1_234_567.0);
    let receipt = crate::staff::submit(&service, &request);
    conn.execute(
        "UPDATE requests SET assessor_id = (SELECT id FROM staff WHERE username = 'chuyengia')",
        [],
    )
    .expect("assigned");
    let cookie = log_in_as(&service, "chuyengia");
    let token = csrf(&service, &receipt, &cookie);
    let opened = open(&service, &receipt, &cookie);
    let mut up = upload(KEY, 0, &opened);
    // A client that sends other "self-reported" figures and units than the enterprise's.
    let reported: Vec<_> =
        opened.record.baseline.iter().map(|l| (l.self_reported, l.unit.clone())).collect();
    for line in &mut up.record.baseline {
        (line.self_reported, line.unit) = (Some(987_654_321.0), "MWh".into());
    }
    up.record.opportunities = vec![
        opportunity("a", "Thay đèn LED xưởng may", 60_000_000.0),
        opportunity("b", "Bảo ôn đường ống hơi", 90_000_000.0),
    ];
    up.record.complete = true;
    assert_eq!(post(&service, &receipt, &cookie, &token, &json(&up)).0, 200);
    let stored: Vec<_> = open(&service, &receipt, &cookie)
        .record
        .baseline
        .iter()
        .map(|l| (l.self_reported, l.unit.clone()))
        .collect();
    assert_eq!(stored, reported, "stored with the request's own figures");
    assert_eq!(reported[0], (Some(1_234_567.0), "kWh".into()));
    let mut response = no_redirects()
        .get(&format!("{}/staff/assessments/{receipt}/report.pdf", service.url))
        .header("Cookie", &cookie)
        .call()
        .expect("answer");
    assert_eq!(response.status().as_u16(), 200);
    let pdf = response.body_mut().with_config().limit(20_000_000).read_to_vec().expect("body");
    let file = std::env::temp_dir().join(format!("sxsh-rapid-{}.pdf", std::process::id()));
    std::fs::write(&file, &pdf).expect("written");
    let path = file.to_str().expect("path");
    run("qpdf", &["--check", path]);
    let text = run("pdftotext", &["-layout", path, "-"]);
    for expected in [
        "Báo cáo đánh giá nhanh sản xuất sạch hơn",
        "Thay đèn LED xưởng may",
        "Bảo ôn đường ống hơi",
        "Tổng hợp: tự đánh giá và đánh giá nhanh",
        "150.000.000",
        "Số 1 Hùng Vương, Huế",
        "Sở Công Thương (thử nghiệm)",
        "1.234.567",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    assert!(!text.contains("987.654.321") && !text.contains("MWh"), "nothing forged: {text}");
    let first = text.find("Bảo ôn").expect("listed");
    assert!(first < text.find("Thay đèn LED xưởng").expect("listed"), "ranked by VND saved");
}

#[test]
fn the_apps_files_are_served_under_staff_app_revalidated_under_the_csp() {
    let settings = settings(temp_db("rapid-app"), 100);
    let app = settings.dist.join("assessor");
    std::fs::create_dir_all(&app).expect("folder");
    std::fs::write(app.join("start.js"), "import init from './sxsh_assessor.js';\n").expect("file");
    let service = Service::start_settings(settings);
    let response =
        no_redirects().get(&format!("{}/staff/app/start.js", service.url)).call().expect("answer");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    };
    assert_eq!(header("cache-control"), "no-cache");
    assert!(header("content-type").starts_with("text/javascript"), "{}", header("content-type"));
    assert!(header("content-security-policy").contains("script-src 'self' 'wasm-unsafe-eval'"));
    let missing = no_redirects().get(&format!("{}/staff/app/../sxsh.sqlite3", service.url)).call();
    assert_eq!(missing.expect("answer").status().as_u16(), 404);
}

#[test]
fn the_apps_and_the_widgets_files_go_compressed_to_a_browser_that_accepts_it() {
    let settings = settings(temp_db("rapid-compressed"), 100);
    let app = settings.dist.join("assessor");
    std::fs::create_dir_all(&app).expect("folder");
    let script = "export function start() { return 'Hồ sơ đánh giá nhanh SXSH'; }\n".repeat(400);
    std::fs::write(app.join("sxsh_assessor.js"), &script).expect("file");
    std::fs::write(settings.dist.join("widget.js"), &script).expect("file");
    let service = Service::start_settings(settings);
    for path in ["/staff/app/sxsh_assessor.js", "/widget.js"] {
        for encoding in ["br", "gzip"] {
            let mut response = no_redirects()
                .get(&format!("{}{path}", service.url))
                .header("Accept-Encoding", encoding)
                .call()
                .expect("answer");
            assert_eq!(response.status().as_u16(), 200);
            let sent = response.headers().get("content-encoding").cloned();
            assert_eq!(sent.as_ref().and_then(|v| v.to_str().ok()), Some(encoding), "{path}");
            let bytes = response.body_mut().with_config().limit(1 << 20).read_to_vec();
            let size = bytes.expect("body").len();
            assert!(size * 10 < script.len(), "{path} {encoding}: {size} bytes");
        }
    }
}
