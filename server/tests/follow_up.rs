//! The follow-up over real HTTP and SQLite (issue 24): a progress update is linked to its request
//! by receipt and tax code (and by nothing less), stored once per key, and its actions on agreed
//! opportunities become self-reported follow-ups; an officer (or the assigned assessor) records
//! a verified saving with its method, which a later self-report never hides; the follow-ups due
//! 6 and 12 months after the visit; who may record; erasure and the purge take the updates and
//! follow-ups with the request.

use crate::common::{Service, announced_too_large, sample, temp_db};
use crate::staff::{PASSWORD, csrf_of, get, log_in_as, no_redirects, post_form, submit};
use serde_json::{Value, json};
use sxsh_core::dates::day_time;
use sxsh_core::plan::{Achieved, Action, ActionStatus};
use sxsh_core::progress::{KIND, ProgressUpdate, VERSION};
use sxsh_core::request::{Consent, NOTICE_VERSION};
use sxsh_server::db;
use sxsh_server::staff::{self, Role};

const TAX_CODE: &str = "3300100001";

/// A service with the staff accounts: `canbo` (officer), `chuyengia` (the assessor requests are
/// assigned to), `khac` (another assessor) and `quantri` (administrator).
fn service(name: &str) -> Service {
    let service = Service::start(temp_db(name), 1_000);
    let conn = db::open(&service.database).expect("open");
    for (name, role) in [
        ("canbo", Role::Officer),
        ("chuyengia", Role::Assessor),
        ("khac", Role::Assessor),
        ("quantri", Role::Admin),
    ] {
        staff::create_staff(&conn, name, PASSWORD, role).expect("account");
    }
    service
}

/// Sends a request from `company` with the tax code; its receipt.
fn request(service: &Service, n: u32, company: &str) -> String {
    request_coded(service, n, company, TAX_CODE)
}

/// Sends a request from `company` with `tax_code`; its receipt.
fn request_coded(service: &Service, n: u32, company: &str, tax_code: &str) -> String {
    let mut request = sample(&format!("5e5e5e5e-0000-4000-8000-{n:012}"));
    request.assessment.draft.profile.company = company.into();
    request.contact.tax_code = tax_code.into();
    submit(service, &request)
}

/// Saves a rapid-assessment record of a visit on `visit` for `receipt` (four opportunities:
/// `o1` LED lighting and `o2` motor drives agreed, `o3` water reuse declined, `o4` a new finding
/// agreed), assigns the request to `chuyengia` and sets its status.
fn assess(service: &Service, receipt: &str, visit: &str, status: &str) {
    let opportunity = |id: &str, measure: Option<&str>, title: &str, agreement: &str| {
        json!({"id": id, "measure": measure, "title": title, "end_use": "electricity.lighting",
               "saving_unit": "kWh", "agreement": agreement})
    };
    let record = json!({
        "kind": "sxsh-rapid-assessment", "format": 1, "receipt": receipt,
        "visit": {"date": visit, "team": "Trung tâm Khuyến công", "areas": "Xưởng dệt"},
        "opportunities": [
            opportunity("o1", Some("energy.lighting.led"), "Thay đèn LED", "agreed"),
            opportunity("o2", Some("energy.motors.vsd"), "Biến tần cho động cơ", "agreed"),
            opportunity("o3", Some("water.reuse"), "Tái sử dụng nước", "declined"),
            opportunity("o4", None, "Sửa rò rỉ khí nén", "agreed"),
        ],
        "complete": true
    });
    let text = record.to_string();
    sxsh_core::rapid_assessment::read(&text).expect("the record reads");
    let conn = db::open(&service.database).expect("open");
    conn.execute(
        "INSERT INTO assessment_revisions (request_id, revision, base_revision, idempotency_key,
             body_hash, author, saved_at, record_json)
         VALUES ((SELECT id FROM requests WHERE receipt = ?1), 1, 0, ?1 || '-key', 'hash',
             'chuyengia', '2026-06-01T02:00:00Z', ?2)",
        [receipt, &text],
    )
    .expect("a revision");
    conn.execute(
        "UPDATE requests SET status = ?2,
             assessor_id = (SELECT id FROM staff WHERE username = 'chuyengia') WHERE receipt = ?1",
        [receipt, status],
    )
    .expect("assessed");
}

fn action(measure: &str, status: ActionStatus, status_on: &str, achieved: Achieved) -> Action {
    Action {
        measure: measure.into(),
        adopted_on: "2026-06-01".into(),
        owner: "Nguyễn Văn Bình".into(),
        due: "2026-12-31".into(),
        status,
        status_on: status_on.into(),
        achieved,
    }
}

/// An update for `receipt` under `key`: LED lighting done (45.000 kWh, 120.000.000 ₫, 30,2 t
/// CO2 a year), motor drives in progress, water reuse done (declined on the visit: no
/// follow-up), and a measure never found on the visit.
fn update(key: &str, receipt: &str) -> ProgressUpdate {
    let led = Achieved {
        vnd: Some(120_000_000.0),
        quantity: Some(45_000.0),
        unit: "kWh".into(),
        tco2: Some(30.2),
    };
    ProgressUpdate {
        kind: KIND.into(),
        version: VERSION,
        idempotency_key: key.into(),
        receipt: receipt.into(),
        tax_code: TAX_CODE.into(),
        company: "Công ty Dệt Phú Bài".into(),
        checklist_version: "2026.1".into(),
        actions: vec![
            action("energy.lighting.led", ActionStatus::Done, "2026-11-20", led),
            action(
                "energy.motors.vsd",
                ActionStatus::InProgress,
                "2026-11-10",
                Achieved::default(),
            ),
            action("water.reuse", ActionStatus::Done, "2026-10-01", Achieved::default()),
            action("energy.other", ActionStatus::Planned, "2026-06-01", Achieved::default()),
        ],
        notes: "Anh Bình phụ trách, gọi 0905 123 456".into(),
        consent: Consent {
            request: true,
            notice_version: NOTICE_VERSION.into(),
            given_at: "2026-11-28T08:00:00Z".into(),
            ..Consent::default()
        },
    }
}

/// Posts `body` to `/api/progress`; the status and the answer as JSON.
fn send(service: &Service, body: &str) -> (u16, Value) {
    let mut answer = no_redirects()
        .post(&format!("{}/api/progress", service.url))
        .header("Content-Type", "application/json")
        .send(body)
        .expect("answer");
    let text = answer.body_mut().read_to_string().unwrap_or_default();
    (answer.status().as_u16(), serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn json_of(update: &ProgressUpdate) -> String {
    serde_json::to_string(update).expect("JSON")
}

fn count(service: &Service, sql: &str) -> i64 {
    let conn = db::open(&service.database).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// The follow-up rows: (opportunity, status, status_on, vnd, evidence, method, author, from an
/// update), oldest first.
type FollowUp = (String, String, String, Option<f64>, String, String, String, bool);

fn follow_ups(service: &Service) -> Vec<FollowUp> {
    let conn = db::open(&service.database).expect("open");
    let mut statement = conn
        .prepare(
            "SELECT opportunity_id, status, status_on, achieved_vnd, evidence, method, author,
                    update_id IS NOT NULL FROM follow_ups ORDER BY id",
        )
        .expect("SQL");
    statement
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// A self-reported row from a progress update.
fn reported(o: &str, status: &str, on: &str, vnd: Option<f64>) -> FollowUp {
    (
        o.into(),
        status.into(),
        on.into(),
        vnd,
        "self_reported".into(),
        "".into(),
        "enterprise".into(),
        true,
    )
}

/// A row staff recorded as verified.
fn verified(o: &str, on: &str, vnd: Option<f64>, method: &str, author: &str) -> FollowUp {
    (
        o.into(),
        "implemented".into(),
        on.into(),
        vnd,
        "verified".into(),
        method.into(),
        author.into(),
        false,
    )
}

const KEY: &str = "0b1a2f3e-4d5c-4b6a-8978-1a2b3c4d5e6f";
const KEY2: &str = "1c2b3a4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

#[test]
fn the_intake_takes_updates_under_the_requests_rules() {
    let service = Service::start(temp_db("progress-rules"), 2);
    let receipt = request(&service, 1, "Công ty Dệt Phú Bài");
    // A preflight from an allow-listed origin.
    let preflight = no_redirects()
        .options(&format!("{}/api/progress", service.url))
        .header("Origin", "https://sct.hue.gov.vn")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,idempotency-key")
        .call()
        .expect("answer");
    let allowed = preflight.headers().get("access-control-allow-origin");
    assert_eq!(allowed.and_then(|v| v.to_str().ok()), Some("https://sct.hue.gov.vn"));
    // A body larger than progress::MAX_BYTES (128 KB), refused from its length.
    assert_eq!(announced_too_large(&service, "/api/progress", 130 * 1024), "HTTP/1.1 413");
    // A header key other than the body's.
    let mismatch = no_redirects()
        .post(&format!("{}/api/progress", service.url))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", KEY2)
        .send(json_of(&update(KEY, &receipt)))
        .expect("answer");
    assert_eq!(mismatch.status().as_u16(), 422);
    // The same rate limit as requests (2 a minute here, the request's included).
    let (status, answer) = send(&service, &json_of(&update(KEY, &receipt)));
    assert_eq!((status, answer["error"].as_str()), (429, Some("rate_limited")), "{answer}");
    assert_eq!(count(&service, "SELECT COUNT(*) FROM progress_updates"), 0);
}

#[test]
fn a_progress_update_is_linked_by_receipt_and_tax_code_and_stored_once() {
    let service = service("progress-intake");
    let receipt = request(&service, 1, "Công ty Dệt Phú Bài");
    assess(&service, &receipt, "2026-05-31", "assessed");
    let body = json_of(&update(KEY, &receipt));

    // The same update sent four times at once (a poor connection's retries), then once more.
    let answers: Vec<(u16, Value)> = std::thread::scope(|s| {
        let sends: Vec<_> = (0..4).map(|_| s.spawn(|| send(&service, &body))).collect();
        sends.into_iter().map(|h| h.join().expect("sent")).collect()
    });
    let reference = format!("{receipt}-P1");
    let created = answers.iter().filter(|(status, _)| *status == 201).count();
    assert_eq!(created, 1, "{answers:?}");
    for (status, answer) in &answers {
        assert!(*status == 201 || *status == 200, "{answer}");
        assert_eq!(answer["reference"], json!(reference));
    }
    assert_eq!(send(&service, &body), (200, json!({"reference": reference, "duplicate": true})));
    assert_eq!(count(&service, "SELECT COUNT(*) FROM progress_updates"), 1, "stored once");

    // The self-reported follow-ups: the two agreed measures only (water reuse was declined, the
    // other measure was never an opportunity, the new finding has no measure).
    assert_eq!(
        follow_ups(&service),
        [
            reported("o1", "implemented", "2026-11-20", Some(120_000_000.0)),
            reported("o2", "in_progress", "2026-11-10", None),
        ]
    );

    // The same key with another body.
    let mut other = update(KEY, &receipt);
    other.notes = "Khác".into();
    let (status, answer) = send(&service, &json_of(&other));
    assert_eq!((status, answer["error"].as_str()), (422, Some("key_reused")));
    assert_eq!(count(&service, "SELECT COUNT(*) FROM progress_updates"), 1, "nothing stored");

    // A wrong tax code and an unknown receipt read the same: neither says which was wrong.
    let mut wrong_code = update(KEY2, &receipt);
    wrong_code.tax_code = "3300100002".into();
    let (status, wrong) = send(&service, &json_of(&wrong_code));
    assert_eq!((status, wrong["error"].as_str()), (422, Some("unknown_request")));
    let fields: Vec<&str> = wrong["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["receipt", "tax_code"]);
    assert_eq!(wrong["errors"][0]["vi"], wrong["errors"][1]["vi"]);
    assert!(
        wrong["errors"][0]["vi"].as_str().is_some_and(|m| m.contains("mã tiếp nhận và mã số thuế"))
    );
    let unknown = update(KEY2, "SXSH-2026-9999");
    let (status, answer) = send(&service, &json_of(&unknown));
    assert_eq!((status, &answer), (422, &wrong), "the same answer");
    assert_eq!(count(&service, "SELECT COUNT(*) FROM progress_updates"), 1, "nothing stored");

    // Invalid fields, another content type.
    let mut invalid = update(KEY2, &receipt);
    invalid.tax_code.clear();
    invalid.actions[0].status_on = "20/11/2026".into();
    let (status, answer) = send(&service, &json_of(&invalid));
    assert_eq!((status, answer["error"].as_str()), (422, Some("invalid_fields")));
    let fields: Vec<&str> = answer["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["tax_code", "actions[0].status_on"]);
    let plain = no_redirects()
        .post(&format!("{}/api/progress", service.url))
        .header("Content-Type", "text/plain")
        .send(&body)
        .expect("answer");
    assert_eq!(plain.status().as_u16(), 415);

    // A second update is the request's second.
    let (status, answer) = send(&service, &json_of(&update(KEY2, &receipt)));
    assert_eq!(
        (status, answer["reference"].as_str()),
        (201, Some(format!("{receipt}-P2").as_str()))
    );

    // The processing log: the receipt, by "enterprise", never the company or the notes.
    let conn = db::open(&service.database).expect("open");
    let logged: Vec<(String, String)> = conn
        .prepare(
            "SELECT actor, COALESCE(receipt, '') FROM audit WHERE action = 'progress_received'",
        )
        .expect("SQL")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        logged,
        [("enterprise".to_owned(), receipt.clone()), ("enterprise".into(), receipt)]
    );
    let mentions: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE actor LIKE '%Phú Bài%' OR action LIKE '%Bình%'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(mentions, 0);
}

/// The page of `receipt` as `cookie` reads it (200).
fn page(service: &Service, receipt: &str, cookie: &str) -> String {
    let (status, page) = get(service, &format!("/staff/requests/{receipt}"), Some(cookie));
    assert_eq!(status, 200, "{page}");
    page
}

/// Posts the follow-up form for `opportunity`; the status and the page answered.
fn record(
    service: &Service,
    receipt: &str,
    cookie: &str,
    csrf: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let mut form = vec![("csrf", csrf)];
    form.extend_from_slice(fields);
    let mut answer = no_redirects()
        .post(&format!("{}/staff/requests/{receipt}/follow-up", service.url))
        .header("Cookie", cookie)
        .send_form(form.iter().copied())
        .expect("answer");
    (answer.status().as_u16(), answer.body_mut().read_to_string().unwrap_or_default())
}

const VERIFIED: [(&str, &str); 9] = [
    ("opportunity", "o1"),
    ("status", "implemented"),
    ("status_on", "2026-11-25"),
    ("quantity", "40.000"),
    ("unit", "kWh"),
    ("vnd", "100.000.000"),
    ("tco2", "26,8"),
    ("evidence", "verified"),
    ("method", "Hóa đơn điện tháng 6–11/2026"),
];

#[test]
fn an_officer_verifies_a_saving_and_a_later_self_report_never_hides_it() {
    let service = service("progress-verify");
    let receipt = request(&service, 1, "Công ty Dệt Phú Bài");
    assess(&service, &receipt, "2026-05-31", "assessed");
    assert_eq!(send(&service, &json_of(&update(KEY, &receipt))).0, 201);
    let cookie = log_in_as(&service, "canbo");
    let before = page(&service, &receipt, &cookie);
    // The update as received: its reference and time in Vietnam, each action's status and
    // self-reported saving (45.000 kWh; 120.000.000 ₫; 30,2 t CO2).
    let received: String = {
        let conn = db::open(&service.database).expect("open");
        conn.query_row("SELECT received_at FROM progress_updates", [], |r| r.get(0)).expect("one")
    };
    assert!(before.contains(&format!("Báo cáo {receipt}-P1, nhận lúc {}", day_time(&received))));
    assert!(before.contains("45.000 kWh; 120.000.000 ₫; 30,2 t CO2"), "{before}");
    assert!(before.contains("Đã hoàn thành") && before.contains("20/11/2026"));
    // The follow-up table: LED implemented (self-reported), drives in progress, the new finding
    // not followed up; the declined opportunity is not in it.
    assert!(before.contains("<th scope=\"row\" data-label=\"Cơ hội\"><bdi>Thay đèn LED</bdi></th>\n<td data-label=\"Tình trạng\">Đã thực hiện</td><td class=\"nowrap\" data-label=\"Ngày\">20/11/2026</td><td data-label=\"Tiết kiệm (lượng)\">45.000 kWh</td><td data-label=\"Tiết kiệm (đồng/năm)\">120.000.000 ₫</td><td data-label=\"Giảm phát thải (tấn CO2/năm)\">30,2</td><td data-label=\"Nguồn số liệu\"><bdi>Doanh nghiệp tự báo</bdi></td>"), "{before}");
    assert!(before.contains(
        "<bdi>Sửa rò rỉ khí nén</bdi></th>\n<td data-label=\"Tình trạng\">Chưa theo dõi</td>"
    ));
    assert!(!before.contains("Tái sử dụng nước"), "declined: not followed up");
    let csrf = csrf_of(&before);

    // Verified without a method: refused, nothing recorded.
    let mut no_method = VERIFIED.to_vec();
    no_method[8].1 = " ";
    let (status, refusal) = record(&service, &receipt, &cookie, &csrf, &no_method);
    assert_eq!(status, 422);
    assert!(refusal.contains("Ghi cách xác minh số liệu tiết kiệm"), "{refusal}");
    assert_eq!(follow_ups(&service).len(), 2);
    // Verified with its method: a new row, the self-reported one kept as history.
    let (status, _) = record(&service, &receipt, &cookie, &csrf, &VERIFIED);
    assert_eq!(status, 303);
    let rows = follow_ups(&service);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[2],
        verified("o1", "2026-11-25", Some(100_000_000.0), "Hóa đơn điện tháng 6–11/2026", "canbo")
    );
    assert_eq!(
        count(
            &service,
            "SELECT COUNT(*) FROM audit WHERE action = 'follow_up_recorded' AND actor = 'canbo'"
        ),
        1
    );
    let after = page(&service, &receipt, &cookie);
    assert!(after.contains("<td data-label=\"Tiết kiệm (lượng)\">40.000 kWh</td><td data-label=\"Tiết kiệm (đồng/năm)\">100.000.000 ₫</td><td data-label=\"Giảm phát thải (tấn CO2/năm)\">26,8</td><td data-label=\"Nguồn số liệu\"><bdi>Đã xác minh: Hóa đơn điện tháng 6–11/2026</bdi></td>"), "{after}");
    assert!(after.contains("Lịch sử (2)"), "both rows of o1 in its history");

    // A later update whose LED status is older than the verification: the verified row stays
    // current; the drives get their new self-reported row.
    let mut later = update(KEY2, &receipt);
    later.actions[1].status = ActionStatus::Done;
    later.actions[1].status_on = "2026-11-28".into();
    assert_eq!(send(&service, &json_of(&later)).0, 201);
    let rows = follow_ups(&service);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3], reported("o2", "implemented", "2026-11-28", None));

    // Not an agreed opportunity; an unknown status; a number the Vietnamese way cannot read.
    for (field, value, says) in [
        ("opportunity", "o3", "không phải cơ hội đã được đồng ý"),
        ("status", "done", "Lựa chọn không hợp lệ"),
        ("vnd", "1.5", "không đọc được số"),
        ("status_on", "2026-02-30", "Ngày của trạng thái không phải ngày hợp lệ"),
    ] {
        let mut form = VERIFIED.to_vec();
        form.iter_mut().filter(|(k, _)| *k == field).for_each(|f| f.1 = value);
        let (status, refusal) = record(&service, &receipt, &cookie, &csrf, &form);
        assert_eq!(status, 422, "{field}");
        assert!(refusal.contains(says), "{field}: {refusal}");
    }
    assert_eq!(follow_ups(&service).len(), 4, "nothing recorded");
}

#[test]
fn only_an_officer_or_the_assigned_assessor_records_a_follow_up() {
    let service = service("progress-roles");
    let receipt = request(&service, 1, "Công ty Dệt Phú Bài");
    assess(&service, &receipt, "2026-05-31", "assessed");
    let path = format!("/staff/requests/{receipt}/follow-up");
    let form = |csrf: &str| {
        let mut form = vec![("csrf", csrf.to_owned())];
        form.extend(VERIFIED.iter().map(|(k, v)| (*k, (*v).to_owned())));
        form
    };
    let post = |cookie: &str, csrf: &str| {
        let form = form(csrf);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post_form(&service, &path, cookie, &pairs)
    };
    // An administrator: the 403 page; an assessor the request is not assigned to: not found.
    let admin = log_in_as(&service, "quantri");
    let (_, accounts) = get(&service, "/staff/accounts", Some(&admin));
    assert_eq!(post(&admin, &csrf_of(&accounts)), 403);
    assert_eq!(get(&service, "/staff/follow-up", Some(&admin)).0, 403);
    let other = log_in_as(&service, "khac");
    let (_, list) = get(&service, "/staff/assessments", Some(&other));
    let other_csrf = list.find("name=\"csrf\"").map(|_| csrf_of(&list));
    let other_csrf = other_csrf.unwrap_or_else(|| {
        let conn = db::open(&service.database).expect("open");
        conn.query_row(
            "SELECT csrf FROM sessions JOIN staff ON staff.id = sessions.staff_id
             WHERE username = 'khac'",
            [],
            |r| r.get(0),
        )
        .expect("a session")
    });
    assert_eq!(post(&other, &other_csrf), 404);
    assert_eq!(get(&service, &format!("/staff/requests/{receipt}"), Some(&other)).0, 404);
    assert!(follow_ups(&service).is_empty());
    // The assigned assessor records; without the session's token nobody does.
    let assessor = log_in_as(&service, "chuyengia");
    let csrf = csrf_of(&page(&service, &receipt, &assessor));
    assert_eq!(post(&assessor, "forged"), 403);
    assert!(follow_ups(&service).is_empty());
    assert_eq!(post(&assessor, &csrf), 303);
    assert_eq!(follow_ups(&service)[0].6, "chuyengia");
}

/// The due list's rows as (due day, months, receipt), in the page's order.
fn due_list(service: &Service, cookie: &str) -> Vec<(String, String, String)> {
    let (status, page) = get(service, "/staff/follow-up", Some(cookie));
    assert_eq!(status, 200, "{page}");
    page.split("<tr><td class=\"nowrap\" data-label=\"Đến hạn\">")
        .skip(1)
        .map(|row| {
            let cell = |after: &str| {
                let at = row.find(after).expect(after) + after.len();
                row[at..].split('<').next().expect("text").to_owned()
            };
            (
                row.split('<').next().expect("day").to_owned(),
                cell("data-label=\"Mốc\">"),
                cell("#follow-up\">"),
            )
        })
        .collect()
}

#[test]
fn follow_ups_fall_due_six_and_twelve_months_after_the_visit_until_one_is_recorded() {
    let service = service("progress-due");
    // Visited 31/08/2025: due 28/02/2026 (February has no 31st) and 31/08/2026.
    let a = request(&service, 1, "Công ty A");
    assess(&service, &a, "2025-08-31", "assessed");
    // Visited 30/11/2025: due 30/05/2026 and 30/11/2026.
    let b = request(&service, 2, "Công ty B");
    assess(&service, &b, "2025-11-30", "closed");
    // Visited 15/09/2025: due 15/03/2026 and 15/09/2026, until a follow-up is recorded.
    let c = request(&service, 3, "Công ty C");
    assess(&service, &c, "2025-09-15", "assessed");
    // Visited in 2099: nothing due yet.
    let d = request(&service, 4, "Công ty D");
    assess(&service, &d, "2099-01-31", "assessed");
    // A record of a request not assessed (still scheduled): not followed up yet.
    let e = request(&service, 5, "Công ty E");
    assess(&service, &e, "2025-01-31", "scheduled");
    // Assessed without a visit date: nothing to count from.
    let f = request(&service, 6, "Công ty F");
    assess(&service, &f, "", "assessed");
    // Visited, but every opportunity declined: nothing to follow up (before: due for ever).
    let g = request(&service, 7, "Công ty G");
    assess(&service, &g, "2025-08-31", "assessed");
    let conn = db::open(&service.database).expect("open");
    conn.execute(
        "UPDATE assessment_revisions SET record_json = replace(record_json, '\"agreed\"',
             '\"declined\"') WHERE request_id = (SELECT id FROM requests WHERE receipt = ?1)",
        [&g],
    )
    .expect("declined");
    let officer = log_in_as(&service, "canbo");
    let s = |x: &str| x.to_owned();
    let due = |n: &str, m: &str, r: &str| (s(n), s(m), s(r));
    assert_eq!(
        due_list(&service, &officer),
        [
            due("28/02/2026", "6 tháng", &a),
            due("15/03/2026", "6 tháng", &c),
            due("30/05/2026", "6 tháng", &b),
            due("31/08/2026", "12 tháng", &a),
            due("15/09/2026", "12 tháng", &c),
            due("30/11/2026", "12 tháng", &b),
        ]
    );
    let (_, page) = get(&service, "/staff/follow-up", Some(&officer));
    assert!(page.contains("<bdi>Công ty A</bdi></td><td data-label=\"Ngành\">Dệt nhuộm và may mặc</td><td class=\"nowrap\" data-label=\"Ngày khảo sát\">31/08/2025</td>"), "{page}");
    assert!(page.contains("href=\"/staff/follow-up\" aria-current=\"page\""), "in the navigation");
    // One opportunity's follow-up recorded today does not answer C's: o2 and o4, agreed too,
    // have none (before the fix, any one row answered the whole request).
    let csrf = csrf_of(&page);
    let mut form = VERIFIED.to_vec();
    form[2].1 = "2026-03-10";
    assert_eq!(record(&service, &c, &officer, &csrf, &form).0, 303);
    assert_eq!(due_list(&service, &officer).len(), 6, "o2 and o4 of C not followed up");
    // A row for each agreed opportunity (o1, o2, o4; not the declined o3) answers both of C's.
    for opportunity in ["o2", "o4"] {
        form[0].1 = opportunity;
        assert_eq!(record(&service, &c, &officer, &csrf, &form).0, 303, "{opportunity}");
        let left = due_list(&service, &officer).len();
        assert_eq!(left, if opportunity == "o4" { 4 } else { 6 }, "{opportunity}");
    }
    assert_eq!(
        due_list(&service, &officer),
        [
            due("28/02/2026", "6 tháng", &a),
            due("30/05/2026", "6 tháng", &b),
            due("31/08/2026", "12 tháng", &a),
            due("30/11/2026", "12 tháng", &b),
        ]
    );
    // An assessor sees the requests assigned to them (all of these), another assessor none.
    let assessor = log_in_as(&service, "chuyengia");
    assert_eq!(due_list(&service, &assessor).len(), 4);
    let other = log_in_as(&service, "khac");
    let (_, none) = get(&service, "/staff/follow-up", Some(&other));
    assert!(none.contains("Không có việc theo dõi nào đến hạn."), "{none}");
}

#[test]
fn erasure_and_the_purge_take_the_updates_and_follow_ups_with_the_request() {
    let service = service("progress-erase");
    let anonymised = request(&service, 1, "Công ty Dệt Phú Bài");
    let deleted = request(&service, 2, "Công ty May Huế");
    for receipt in [&anonymised, &deleted] {
        assess(&service, receipt, "2026-05-31", "assessed");
    }
    assert_eq!(send(&service, &json_of(&update(KEY, &anonymised))).0, 201);
    assert_eq!(send(&service, &json_of(&update(KEY2, &deleted))).0, 201);
    let officer = log_in_as(&service, "canbo");
    let csrf = csrf_of(&page(&service, &anonymised, &officer));
    assert_eq!(record(&service, &anonymised, &officer, &csrf, &VERIFIED).0, 303);
    assert_eq!(count(&service, "SELECT COUNT(*) FROM follow_ups"), 5);

    // Anonymised: the update keeps its statuses and figures; the company, the notes (which name
    // a person and a phone), the owners and the method's text go.
    let erase = |receipt: &str, how: &str| {
        post_form(
            &service,
            &format!("/staff/requests/{receipt}/erase"),
            &officer,
            &[("csrf", &csrf), ("how", how), ("confirm", receipt)],
        )
    };
    assert_eq!(erase(&anonymised, "anonymise"), 303);
    let conn = db::open(&service.database).expect("open");
    let stored: String = conn
        .query_row(
            "SELECT update_json FROM progress_updates WHERE reference = ?1",
            [format!("{anonymised}-P1")],
            |r| r.get(0),
        )
        .expect("kept");
    for gone in ["Phú Bài", "Bình", "0905"] {
        assert!(!stored.contains(gone), "{gone} in {stored}");
    }
    let kept: ProgressUpdate = serde_json::from_str(&stored).expect("reads");
    assert_eq!(kept.company, "(đã ẩn danh / anonymised)");
    assert_eq!(kept.actions[0].achieved.vnd, Some(120_000_000.0));
    assert_eq!(kept.actions[0].status, ActionStatus::Done);
    let methods: Vec<String> = conn
        .prepare("SELECT method FROM follow_ups WHERE method <> ''")
        .expect("SQL")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(methods, ["(đã ẩn danh / anonymised)"]);
    assert_eq!(count(&service, "SELECT COUNT(*) FROM follow_ups"), 5, "the statuses stay");

    // Deleted: its update and follow-ups go; the other request's stay.
    assert_eq!(erase(&deleted, "delete"), 303);
    assert_eq!(count(&service, "SELECT COUNT(*) FROM progress_updates"), 1);
    assert_eq!(count(&service, "SELECT COUNT(*) FROM follow_ups"), 3);

    // The purge, 24 months on: the last request goes with its update and follow-ups.
    let mut conn = db::open(&service.database).expect("open");
    let later = jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_hours(25 * 31 * 24));
    let purged = db::purge(&mut conn, later.expect("a time"), 24, "system").expect("purge");
    assert_eq!(purged.requests, 1);
    assert_eq!(count(&service, "SELECT COUNT(*) FROM progress_updates"), 0);
    assert_eq!(count(&service, "SELECT COUNT(*) FROM follow_ups"), 0);
}

/// The day in Vietnam `days` days from now, `YYYY-MM-DD`.
fn vietnam_day(days: i64) -> String {
    let at = jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_hours(7 + 24 * days));
    at.expect("a time").to_string()[..10].to_owned()
}

#[test]
fn a_verification_of_an_earlier_day_is_not_replaced_by_an_unchanged_update() {
    let service = service("progress-verified-earlier");
    let receipt = request(&service, 1, "Công ty Dệt Phú Bài");
    assess(&service, &receipt, "2026-05-31", "assessed");
    // The plan says LED lighting done on 20/11/2026, motor drives in progress since 10/11.
    assert_eq!(send(&service, &json_of(&update(KEY, &receipt))).0, 201);
    // The officer checks the bills and records the day the status held: 15/11, before the
    // enterprise's 20/11.
    let officer = log_in_as(&service, "canbo");
    let csrf = csrf_of(&page(&service, &receipt, &officer));
    let mut form = VERIFIED.to_vec();
    form[2].1 = "2026-11-15";
    assert_eq!(record(&service, &receipt, &officer, &csrf, &form).0, 303);
    assert_eq!(follow_ups(&service).len(), 3);
    // The enterprise sends its unchanged plan again (a new key): no row. Before the fix the
    // LED's 20/11 was later than the verified 15/11 and replaced it, and the unchanged drives
    // got a second identical row.
    assert_eq!(send(&service, &json_of(&update(KEY2, &receipt))).0, 201);
    let rows = follow_ups(&service);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[2].4, "verified", "the verified row stays current");
    let after = page(&service, &receipt, &officer);
    assert!(after.contains("<bdi>Đã xác minh: Hóa đơn điện tháng 6–11/2026</bdi>"), "{after}");

    // A change the enterprise reports, with a status day after the day the verification was
    // recorded (today, in Vietnam): recorded, and current.
    let mut news = update("2d3c4b5a-6e7f-4a8b-9c0d-1e2f3a4b5c6d", &receipt);
    news.actions[0].status = ActionStatus::InProgress;
    news.actions[0].status_on = vietnam_day(1);
    assert_eq!(send(&service, &json_of(&news)).0, 201, "one day of slack");
    let rows = follow_ups(&service);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3], reported("o1", "in_progress", &vietnam_day(1), Some(120_000_000.0)));

    // A status day two days ahead: refused on its field in both languages, nothing stored.
    let mut ahead = update("3e4d5c6b-7a8f-4b9c-8d1e-2f3a4b5c6d7e", &receipt);
    ahead.actions[1].status_on = vietnam_day(2);
    let (status, refusal) = send(&service, &json_of(&ahead));
    assert_eq!(status, 422, "{refusal}");
    assert_eq!(refusal["error"], "invalid_fields", "{refusal}");
    let fields = refusal["errors"].as_array().expect("errors");
    assert_eq!(fields.len(), 1, "{refusal}");
    assert_eq!(fields[0]["field"], "actions[1].status_on");
    assert!(
        fields[0]["vi"].as_str().is_some_and(|t| t.starts_with("Ngày của trạng thái chưa đến"))
    );
    assert!(
        fields[0]["en"].as_str().is_some_and(|t| t.starts_with("The status's day has not come"))
    );
    assert_eq!(count(&service, "SELECT COUNT(*) FROM progress_updates"), 3);
    assert_eq!(follow_ups(&service).len(), 4);
}

/// The tax code of each stored progress update, in order.
fn update_codes(service: &Service) -> Vec<String> {
    let conn = db::open(&service.database).expect("open");
    let mut statement =
        conn.prepare("SELECT update_json FROM progress_updates ORDER BY id").expect("SQL");
    let jsons: Vec<String> = statement
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    jsons
        .iter()
        .map(|json| serde_json::from_str::<ProgressUpdate>(json).expect("reads").tax_code)
        .collect()
}

#[test]
fn the_updates_tax_code_follows_the_requests_correction_and_anonymising() {
    let service = service("progress-tax-code");
    // A household business: its tax code is the owner's 12-digit identification number.
    const PERSONAL: &str = "001085012345";
    let household = request_coded(&service, 1, "Hộ kinh doanh Bình", PERSONAL);
    let enterprise = request(&service, 2, "Công ty Dệt Phú Bài");
    for receipt in [&household, &enterprise] {
        assess(&service, receipt, "2026-05-31", "assessed");
    }
    let mut sent = update(KEY, &household);
    sent.tax_code = PERSONAL.into();
    assert_eq!(send(&service, &json_of(&sent)).0, 201);
    assert_eq!(send(&service, &json_of(&update(KEY2, &enterprise))).0, 201);
    assert_eq!(update_codes(&service), [PERSONAL, TAX_CODE]);

    // Staff correct the household's number (one digit was wrong): its update follows, the
    // other request's does not move.
    let officer = log_in_as(&service, "canbo");
    let detail = format!("/staff/requests/{household}");
    let csrf = csrf_of(&page(&service, &household, &officer));
    let form = [
        ("csrf", csrf.as_str()),
        ("name", "Nguyễn Văn Bình"),
        ("tax_code", " 001085012346 "),
        ("position", ""),
        ("phone", "0234 3822 000"),
        ("email", "binh@example.vn"),
    ];
    assert_eq!(post_form(&service, &format!("{detail}/correct"), &officer, &form), 303);
    assert_eq!(update_codes(&service), ["001085012346", TAX_CODE]);
    // The enterprise, with its corrected code, is still known for its next update.
    let mut next = update("4f5e6d7c-8b9a-4c0d-9e1f-3a4b5c6d7e8f", &household);
    next.tax_code = "001085012346".into();
    next.actions[1].status = ActionStatus::Done;
    assert_eq!(send(&service, &json_of(&next)).0, 201);

    // Anonymised: the person's number goes from the request and from every update; an
    // enterprise's code stays (it names the enterprise, not a person).
    let erase = |receipt: &str| {
        let form = [("csrf", csrf.as_str()), ("how", "anonymise"), ("confirm", receipt)];
        post_form(&service, &format!("/staff/requests/{receipt}/erase"), &officer, &form)
    };
    assert_eq!(erase(&household), 303);
    assert_eq!(erase(&enterprise), 303);
    assert_eq!(update_codes(&service), ["", TAX_CODE, ""]);
    let conn = db::open(&service.database).expect("open");
    let all: String = conn
        .query_row("SELECT group_concat(update_json) FROM progress_updates", [], |r| r.get(0))
        .expect("updates");
    assert!(!all.contains("00108501234"), "{all}");
    let code: String = conn
        .query_row("SELECT tax_code FROM requests WHERE receipt = ?1", [&household], |r| r.get(0))
        .expect("request");
    assert_eq!(code, "", "the request's rule, the same");
}
