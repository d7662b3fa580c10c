//! The officer's workspace over real HTTP and SQLite: requests ranked by triage with the
//! reasons beside each rank, the filters, possible duplicates of one enterprise, the tax code
//! kept through anonymisation, assigning an assessor (the first assignment schedules the
//! request, the assessor's list shows it), triage backfilled for requests stored before, and a
//! CSV export that streams every one of 20,000 requests.

use crate::common::{Service, sample, settings, temp_db};
use crate::staff::{
    PASSWORD, csrf_of, get, log_in, log_in_as, post_form, service_with_request, submit,
};
use sxsh_core::request::AssessmentRequest;
use sxsh_server::db;
use sxsh_server::staff::{self, Role};

/// A request from `company` in `sector`, with a yearly electricity use (kWh) and the LED measure
/// not yet done, so it has a saving potential.
fn request(
    key: u32,
    company: &str,
    sector: &str,
    kwh: Option<f64>,
    tax_code: &str,
) -> AssessmentRequest {
    let mut request = sample(&format!("a1a1a1a1-0000-4000-8000-{key:012}"));
    let profile = &mut request.assessment.draft.profile;
    profile.company = company.into();
    profile.sector = Some(sector.into());
    profile.electricity.kwh = kwh;
    request.contact.tax_code = tax_code.into();
    request
}

/// The receipts on a page of the list, in order.
fn receipts(page: &str) -> Vec<String> {
    page.split("data-label=\"Số biên nhận\"><a href=\"/staff/requests/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect()
}

#[test]
fn the_list_ranks_by_triage_with_the_reasons_and_sorts_by_date_on_request() {
    let (service, plain) = service_with_request("triage", "Công ty Dệt Phú Bài");
    // Textile (on the pollution-risk list), a key energy user with savings, and a sector with
    // neither.
    let key_user =
        submit(&service, &request(2, "Nhà máy Bia Huế", "beverage", Some(10_000_000.0), ""));
    let nothing = submit(&service, &request(3, "Xưởng gỗ Hương Trà", "wood", None, ""));
    let cookie = log_in(&service);
    let (status, list) = get(&service, "/staff", Some(&cookie));
    assert_eq!(status, 200);
    assert_eq!(receipts(&list), [key_user.clone(), plain.clone(), nothing.clone()], "by triage");
    assert!(list.contains("Cơ sở sử dụng năng lượng trọng điểm (≥ 1.000 TOE/năm)"), "{list}");
    assert!(list.contains("Tiềm năng tiết kiệm ~"), "the potential in words");
    assert!(
        list.contains(
            "Ngành thuộc danh mục có nguy cơ gây ô nhiễm môi trường (Phụ lục II NĐ 08/2022)"
        ),
        "the textile request's reason, with its source"
    );
    assert!(list.contains("Chưa có yếu tố ưu tiên"), "the request with no factor says so");
    let (_, by_date) = get(&service, "/staff?sort=date", Some(&cookie));
    assert_eq!(
        receipts(&by_date),
        [nothing.clone(), key_user.clone(), plain.clone()],
        "newest first"
    );
    let (_, key_only) = get(&service, "/staff?key=yes", Some(&cookie));
    assert_eq!(receipts(&key_only), std::slice::from_ref(&key_user));
    let (_, english) = get(&service, "/staff", Some(&format!("{cookie}; lang=en")));
    assert!(english.contains("Key energy user (≥ 1,000 TOE a year)"), "{english}");
    assert!(!english.contains("trọng điểm"), "one language at a time");
    // The CSV carries the triage, machine-readable.
    let (_, csv) = get(&service, "/staff/export.csv", Some(&cookie));
    let line = csv.lines().find(|l| l.contains(&key_user)).expect("the key user's line");
    assert!(line.contains(",\"yes\",\"no\",\"no\",\"no\""), "key user, no pollution risk: {line}");
}

#[test]
fn within_the_same_points_the_larger_potential_ranks_first() {
    let (service, _) = service_with_request("triage-ties", "Công ty Khác");
    let older = submit(&service, &request(31, "Xưởng A", "wood", None, ""));
    let newer = submit(&service, &request(32, "Xưởng B", "wood", None, ""));
    {
        // The same points (one VND band), 4,9 tỷ for the older request and 1,0 tỷ for the newer.
        let conn = db::open(&service.database).expect("open");
        for (receipt, vnd) in [(&older, 4.9e9), (&newer, 1.0e9)] {
            conn.execute(
                "UPDATE requests SET triage_points = 35, potential_vnd = ?1 WHERE receipt = ?2",
                rusqlite::params![vnd, receipt],
            )
            .expect("triage");
        }
    }
    let cookie = log_in(&service);
    let (_, list) = get(&service, "/staff", Some(&cookie));
    let order = receipts(&list);
    assert_eq!(order[..2], [older.clone(), newer.clone()], "4,9 tỷ above 1,0 tỷ: {order:?}");
    let (_, csv) = get(&service, "/staff/export.csv", Some(&cookie));
    let at = |r: &str| csv.find(r).expect("in the CSV");
    assert!(at(&older) < at(&newer), "the export in the same order");
}

#[test]
fn possible_duplicates_share_a_tax_code_or_else_a_normalised_name() {
    let (service, _) = service_with_request("duplicates", "Công ty Khác");
    let first =
        submit(&service, &request(11, "Công ty TNHH Dệt Phú Bài", "textile", None, "3300100018"));
    let same_code = submit(
        &service,
        &request(12, "Dệt may Phú Bài (chi nhánh)", "textile", None, "3300100018"),
    );
    let same_name =
        submit(&service, &request(13, "CÔNG TY CỔ PHẦN  DỆT PHÚ BÀI", "textile", None, ""));
    let also_name = submit(&service, &request(14, "Dệt Phú Bài", "textile", None, ""));
    let cookie = log_in(&service);
    let (_, page) = get(&service, &format!("/staff/requests/{first}"), Some(&cookie));
    assert!(page.contains("Có thể trùng doanh nghiệp với:"), "{page}");
    assert!(
        page.contains(&format!("<a href=\"/staff/requests/{same_code}\">")),
        "the same tax code"
    );
    assert!(
        !page.contains(&format!("/staff/requests/{same_name}\"")),
        "a tax code decides: {page}"
    );
    assert!(page.contains("<dd><bdi>3300100018</bdi></dd>"), "the tax code is shown");
    let (_, page) = get(&service, &format!("/staff/requests/{same_name}"), Some(&cookie));
    assert!(page.contains(&format!("<a href=\"/staff/requests/{also_name}\">")), "the same name");
    let (_, list) = get(&service, "/staff", Some(&cookie));
    assert!(list.matches("Có thể trùng doanh nghiệp với:").count() >= 4, "{list}");
    let (_, csv) = get(&service, "/staff/export.csv", Some(&cookie));
    assert!(csv.contains("\"3300100018\""), "the tax code in the CSV");
    // Anonymising keeps the tax code: it names the enterprise, not a person.
    let token = csrf_of(&page);
    let form = [("csrf", token.as_str()), ("how", "anonymise"), ("confirm", first.as_str())];
    assert_eq!(post_form(&service, &format!("/staff/requests/{first}/erase"), &cookie, &form), 303);
    let (_, page) = get(&service, &format!("/staff/requests/{first}"), Some(&cookie));
    assert!(
        page.contains("<dd><bdi>3300100018</bdi></dd>") && page.contains("Đã ẩn danh lúc"),
        "{page}"
    );
    let stored: String = db::open(&service.database)
        .expect("open")
        .query_row("SELECT contact_json FROM requests WHERE receipt = ?1", [&first], |r| r.get(0))
        .expect("row");
    assert!(stored.contains("3300100018") && !stored.contains("Nguyễn"), "{stored}");
}

#[test]
fn a_corrected_tax_code_is_the_one_the_page_search_duplicates_and_csv_read() {
    let (service, _) = service_with_request("correct-tax-code", "Công ty Khác");
    let mistyped =
        submit(&service, &request(21, "Công ty TNHH Dệt Phú Bài", "textile", None, "3300100018"));
    let other = submit(&service, &request(22, "Dệt may Hương Thủy", "textile", None, "0100109106"));
    let cookie = log_in(&service);
    let detail = format!("/staff/requests/{mistyped}");
    let (_, page) = get(&service, &detail, Some(&cookie));
    assert!(
        page.contains("id=\"c-tax_code\" name=\"tax_code\" value=\"3300100018\" maxlength=\"20\""),
        "the correction form offers the tax code: {page}"
    );
    let token = csrf_of(&page);
    let correct = |code: &str| {
        let form = [
            ("csrf", token.as_str()),
            ("name", "Nguyễn Văn An"),
            ("tax_code", code),
            ("position", ""),
            ("phone", "0234 3822 000"),
            ("email", "an@detphubai.vn"),
        ];
        post_form(&service, &format!("{detail}/correct"), &cookie, &form)
    };
    assert_eq!(correct("33001"), 422, "the core's rule refuses a malformed code");
    assert_eq!(correct(" 0100109106 "), 303);
    let (_, page) = get(&service, &detail, Some(&cookie));
    assert!(page.contains("<dd><bdi>0100109106</bdi></dd>"), "the page's facts: {page}");
    assert!(page.contains("Đã sửa: Mã số thuế"), "the note names the field");
    assert!(
        page.contains(&format!("<a href=\"/staff/requests/{other}\">")),
        "a duplicate of the enterprise with the corrected code"
    );
    let (_, found) = get(&service, "/staff?q=0100109106", Some(&cookie));
    let mut found = receipts(&found);
    found.sort();
    assert_eq!(found, [mistyped.clone(), other.clone()], "the search finds the new code");
    let (_, old) = get(&service, "/staff?q=3300100018", Some(&cookie));
    assert!(receipts(&old).is_empty(), "the old code finds nothing");
    let (_, csv) = get(&service, "/staff/export.csv", Some(&cookie));
    let line = csv.lines().find(|l| l.contains(&mistyped)).expect("its line");
    assert!(line.contains("\"0100109106\""), "{line}");
    assert!(!csv.contains("3300100018"), "{csv}");
}

#[test]
fn an_officer_assigns_an_assessor_and_the_first_assignment_schedules_the_request() {
    let (service, receipt) = service_with_request("assign", "Công ty Dệt Phú Bài");
    let (ids, officer) = {
        let conn = db::open(&service.database).expect("open");
        staff::create_staff(&conn, "chuyengia", PASSWORD, Role::Assessor).expect("assessor");
        staff::create_staff(&conn, "chuyengia2", PASSWORD, Role::Assessor).expect("assessor");
        let id = |name: &str| -> i64 {
            conn.query_row("SELECT id FROM staff WHERE username = ?1", [name], |r| r.get(0))
                .expect("id")
        };
        ((id("chuyengia"), id("chuyengia2")), id("canbo"))
    };
    let cookie = log_in(&service);
    let detail = format!("/staff/requests/{receipt}");
    let (_, page) = get(&service, &detail, Some(&cookie));
    assert!(page.contains("<option value=\"") && page.contains(">chuyengia</option>"), "{page}");
    let token = csrf_of(&page);
    let assign = |id: i64| {
        let id = id.to_string();
        post_form(
            &service,
            &format!("{detail}/assessor"),
            &cookie,
            &[("csrf", &token), ("assessor", &id)],
        )
    };
    assert_eq!(assign(officer), 422, "only an assessor account can be assigned");
    assert_eq!(assign(ids.0), 303);
    let (_, page) = get(&service, &detail, Some(&cookie));
    assert!(page.contains("<strong>Đã lên lịch</strong>"), "scheduled on the first assignment");
    assert!(page.contains("Giao cho chuyên gia đánh giá chuyengia"), "noted");
    assert!(page.contains("Trạng thái: Mới tiếp nhận → Đã lên lịch"), "the status change noted");
    // Moved on to contacted by hand, a second assignment leaves the status alone.
    let form = [("csrf", token.as_str()), ("status", "contacted")];
    assert_eq!(post_form(&service, &format!("{detail}/status"), &cookie, &form), 303);
    assert_eq!(assign(ids.1), 303);
    let (_, page) = get(&service, &detail, Some(&cookie));
    assert!(
        page.contains("<strong>Đã liên hệ</strong>")
            && page.contains("<dd><bdi>chuyengia2</bdi></dd>")
    );
    // The assessor's list shows it; the other assessor's does not.
    let (_, mine) = get(&service, "/staff", Some(&log_in_as(&service, "chuyengia2")));
    assert!(mine.contains(&receipt) && mine.contains("Yêu cầu được giao cho bạn"), "{mine}");
    let their = log_in_as(&service, "chuyengia");
    assert!(!get(&service, "/staff", Some(&their)).1.contains(&receipt), "reassigned away");
    assert_eq!(get(&service, &detail, Some(&their)).0, 404);
    // An officer filters by assessor; an assessor cannot assign.
    let (_, filtered) = get(&service, &format!("/staff?assessor={}", ids.1), Some(&cookie));
    assert!(filtered.contains(&receipt));
    let (_, unassigned) = get(&service, "/staff?assessor=none", Some(&cookie));
    assert!(!unassigned.contains(&receipt));
    let mine = log_in_as(&service, "chuyengia2");
    let token = csrf_of(&get(&service, &detail, Some(&mine)).1);
    let id = ids.1.to_string();
    let form = [("csrf", token.as_str()), ("assessor", id.as_str())];
    assert_eq!(post_form(&service, &format!("{detail}/assessor"), &mine, &form), 403);
    let assigned: i64 = db::open(&service.database)
        .expect("open")
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'assessor_assigned' AND actor = 'canbo'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(assigned, 2, "each assignment is in the processing log");
}

/// Seeds `n` requests straight into a new database, the way they were stored before triage
/// (no triage yet); its path.
fn seeded(name: &str, n: usize) -> std::path::PathBuf {
    let database = temp_db(name);
    let mut conn = db::open(&database).expect("open");
    let tx = conn.transaction().expect("tx");
    let request = request(0, "x", "textile", Some(10_000_000.0), "");
    let (contact, consent, assessment) =
        (json(&request.contact), json(&request.consent), json(&request.assessment));
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO requests (receipt, idempotency_key, received_at, year, seq, company, sector,
                    contact_json, consent_json, assessment_json, results_json)
                 VALUES (?1, ?2, ?3, 2026, ?4, ?5, ?6, ?7, ?8, ?9, '{}')",
            )
            .expect("insert");
        for k in 1..=n {
            let sector = ["textile", "beverage", "wood", "other"][k % 4];
            insert
                .execute(rusqlite::params![
                    format!("SXSH-2026-{k:05}"),
                    format!("b0b0b0b0-0000-4000-8000-{k:012}"),
                    format!(
                        "2026-{:02}-{:02}T{:02}:{:02}:00Z",
                        1 + k % 12,
                        1 + k % 28,
                        k % 24,
                        k % 60
                    ),
                    k as i64,
                    format!("Công ty số {k}"),
                    sector,
                    contact,
                    consent,
                    assessment
                ])
                .expect("row");
        }
    }
    tx.commit().expect("commit");
    staff::create_staff(&conn, "canbo", PASSWORD, Role::Officer).expect("account");
    database
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("JSON")
}

#[test]
fn requests_stored_before_triage_are_triaged_when_the_service_starts() {
    let database = seeded("backfill", 40);
    let service = Service::start_settings(settings(database, 100));
    let conn = db::open(&service.database).expect("open");
    let (untriaged, key_users, risky): (i64, i64, i64) = conn
        .query_row(
            "SELECT SUM(triaged_at IS NULL), SUM(key_energy_user), SUM(pollution_risk) FROM requests",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("read");
    assert_eq!((untriaged, key_users, risky), (0, 40, 10), "every one, a quarter of them textile");
    let cookie = log_in(&service);
    let (_, list) = get(&service, "/staff", Some(&cookie));
    let first = receipts(&list).into_iter().next().expect("a row");
    let sector: String = conn
        .query_row("SELECT sector FROM requests WHERE receipt = ?1", [&first], |r| r.get(0))
        .expect("sector");
    assert_eq!(sector, "textile", "the pollution risk ranks first among equal potentials");
}

#[test]
fn the_export_streams_every_one_of_twenty_thousand_requests_in_order() {
    let database = seeded("export-20k", 20_000);
    let service = Service::start_settings(settings(database, 100));
    let cookie = log_in(&service);
    let started = std::time::Instant::now();
    let (status, csv) = get(&service, "/staff/export.csv", Some(&cookie));
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 20_000, "a header and every request");
    let exported: Vec<String> = lines[1..]
        .iter()
        .filter_map(|l| l.split(',').next())
        .map(|r| r.trim_matches('"').to_owned())
        .collect();
    let listed: Vec<String> = {
        let conn = db::open(&service.database).expect("open");
        let mut statement = conn
            .prepare(
                "SELECT receipt FROM requests
                 ORDER BY triage_points DESC, potential_vnd DESC, received_at DESC, id DESC",
            )
            .expect("order");
        statement
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("read")
    };
    assert!(exported == listed, "each request once, in the list's order");
    let (_, filtered) = get(&service, "/staff/export.csv?sector=wood", Some(&cookie));
    assert_eq!(filtered.trim_end().split("\r\n").count(), 1 + 5_000);
    let (_, list) = get(&service, "/staff?page=400", Some(&cookie));
    assert!(list.contains("Yêu cầu 19.951–20.000 trên tổng số 20.000 (trang 400/400)"), "{list}");
    eprintln!("export and pages of 20,000 requests: {:?}", started.elapsed());
}

#[test]
fn downloads_that_stall_hold_no_read_connection() {
    use std::io::Write;
    let database = seeded("export-stalled", 20_000);
    let service = Service::start_settings(settings(database, 100));
    let cookie = log_in(&service);
    // More exports than the pool has read connections (4), each sent and never read.
    let stalled: Vec<std::net::TcpStream> = (0..6)
        .map(|_| {
            let mut stream = std::net::TcpStream::connect(service.address).expect("connect");
            write!(
                stream,
                "GET /staff/export.csv HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\n\r\n",
                service.address
            )
            .expect("send the head");
            stream
        })
        .collect();
    // Each export reads and sends until the client's socket and the stream's channel are full,
    // then waits for the client. Once they all wait, the list answers within a second, three
    // times running (each export held a read connection while it waited, before: four stalled
    // exports took the pool's four and the list waited for one in vain).
    let mut fast = 0;
    for _ in 0..40 {
        let started = std::time::Instant::now();
        let (status, _) = get(&service, "/staff?status=new", Some(&cookie));
        assert_eq!(status, 200, "the list answers");
        let took = started.elapsed();
        fast = if took < std::time::Duration::from_secs(1) { fast + 1 } else { 0 };
        if fast == 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    assert_eq!(fast, 3, "the list answers within a second while the downloads stall");
    drop(stalled);
}

#[test]
fn anonymising_removes_a_tax_code_that_is_a_persons_identification_number() {
    let (service, _) = service_with_request("personal-tax-code", "Công ty Khác");
    let personal = "001085012345";
    let household =
        submit(&service, &request(21, "Hộ kinh doanh Mai Lan", "textile", None, personal));
    let cookie = log_in(&service);
    let path = format!("/staff/requests/{household}");
    let (_, page) = get(&service, &path, Some(&cookie));
    assert!(page.contains(personal), "shown before: {page}");
    let token = csrf_of(&page);
    let form = [("csrf", token.as_str()), ("how", "anonymise"), ("confirm", household.as_str())];
    assert_eq!(post_form(&service, &format!("{path}/erase"), &cookie, &form), 303);
    let (_, page) = get(&service, &path, Some(&cookie));
    assert!(page.contains("Đã ẩn danh lúc") && !page.contains(personal), "{page}");
    let (_, found) = get(&service, &format!("/staff?q={personal}"), Some(&cookie));
    assert!(!found.contains(&household), "not found by the number any more");
    let (contact, column): (String, String) = db::open(&service.database)
        .expect("open")
        .query_row(
            "SELECT contact_json, tax_code FROM requests WHERE receipt = ?1",
            [&household],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row");
    assert!(!contact.contains(personal) && column.is_empty(), "{contact} / {column}");
}
