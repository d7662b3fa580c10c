//! What the privacy notice and Decree 13/2023 promise, over real HTTP and a real SQLite file:
//! the purge deletes exactly what is due, staff correct, anonymise and delete (each in the
//! history and the processing log, which holds no personal data), the backup restores, the
//! administrator's commands manage accounts, and the list and export hold every request.

use crate::common::{Service, sample, settings, temp_db};
use crate::staff::{PASSWORD, csrf_of, get, log_in, no_redirects, post_form, submit};
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use sxsh_server::{db, staff};

fn service(name: &str) -> Service {
    let service = Service::start_settings(settings(temp_db(name), 10_000));
    let conn = db::open(&service.database).expect("open");
    staff::create_staff(&conn, "canbo", PASSWORD, staff::Role::Officer).expect("account");
    service
}

/// Stores a request received at `at` straight into the database; its receipt.
fn stored_at(conn: &mut rusqlite::Connection, key: &str, company: &str, at: &str) -> String {
    let request = sample(key);
    let outcome = db::store(
        conn,
        &db::NewRequest {
            idempotency_key: key,
            body_hash: "test",
            company,
            sector: Some("textile"),
            contact_json: &json(&request.contact),
            production_json: "{}",
            consent_json: &json(&request.consent),
            assessment_json: &json(&request.assessment),
            results_json: "{}",
        },
        at[..4].parse().expect("year"),
        at,
    )
    .expect("stored");
    match outcome {
        db::StoreOutcome::New(receipt) => receipt,
        other => panic!("{other:?}"),
    }
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("JSON")
}

fn audit_rows(database: &Path) -> Vec<(String, String, String)> {
    let conn = db::open(database).expect("open");
    let mut statement = conn
        .prepare("SELECT actor, action, COALESCE(receipt, '') FROM audit ORDER BY id")
        .expect("query");
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read")
}

/// Waits for the background audit write of a view.
fn audit_has(database: &Path, action: &str, receipt: &str) -> bool {
    (0..50).any(|_| {
        let found = audit_rows(database).iter().any(|(_, a, r)| a == action && r == receipt);
        if !found {
            std::thread::sleep(Duration::from_millis(50));
        }
        found
    })
}

#[test]
fn the_purge_deletes_exactly_what_the_notice_says() {
    let database = temp_db("purge");
    let mut conn = db::open(&database).expect("open");
    let old =
        stored_at(&mut conn, "a0a0a0a0-0000-4000-8000-000000000001", "Cũ", "2024-11-30T23:59:59Z");
    let edge = stored_at(
        &mut conn,
        "a0a0a0a0-0000-4000-8000-000000000002",
        "Đúng hạn",
        "2024-12-01T00:00:00Z",
    );
    let recent =
        stored_at(&mut conn, "a0a0a0a0-0000-4000-8000-000000000003", "Mới", "2026-11-30T08:00:00Z");
    for receipt in [&old, &edge, &recent] {
        conn.execute(
            "INSERT INTO notes (request_id, at, author, text) SELECT id, '2026-01-01T00:00:00Z', 'canbo', 'ghi chú' FROM requests WHERE receipt = ?1",
            [receipt],
        )
        .expect("note");
    }
    conn.execute("INSERT INTO staff (username, password_hash) VALUES ('x', 'x')", [])
        .expect("staff");
    conn.execute("INSERT INTO sessions (token_hash, staff_id, csrf, expires_at) VALUES ('gone', 1, 'c', 100), ('kept', 1, 'c', 99999999999)", [])
        .expect("sessions");
    // 24 months before 2026-12-01 00:00 UTC is 2024-12-01 00:00: older is due, that moment is not.
    let now = jiff::Timestamp::from_second(1_796_083_200).expect("2026-12-01");
    let purged = db::purge(&mut conn, now, 24, "system").expect("purge");
    assert_eq!(purged, db::Purged { requests: 1, notes: 1, sessions: 1 });
    let left: Vec<String> = conn
        .prepare("SELECT receipt FROM requests ORDER BY receipt")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read");
    assert_eq!(left, [edge.clone(), recent.clone()]);
    let notes: i64 = conn.query_row("SELECT COUNT(*) FROM notes", [], |r| r.get(0)).expect("count");
    assert_eq!(notes, 2);
    let sessions: String =
        conn.query_row("SELECT token_hash FROM sessions", [], |r| r.get(0)).expect("one");
    assert_eq!(sessions, "kept");
    assert!(audit_rows(&database).contains(&("system".into(), "purged".into(), old.clone())));
    // Again: nothing more is due.
    assert_eq!(db::purge(&mut conn, now, 24, "system").expect("purge"), db::Purged::default());
}

#[test]
fn the_service_purges_on_its_own_when_it_starts_and_hourly() {
    let database = temp_db("purge-scheduled");
    let old = {
        let mut conn = db::open(&database).expect("open");
        stored_at(&mut conn, "b0b0b0b0-0000-4000-8000-000000000001", "Cũ", "2020-01-01T00:00:00Z")
    };
    let service = Service::start_settings(settings(database, 100));
    let gone = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        service.rows() == 0
    });
    assert!(gone, "the request of 2020 is purged by the running service");
    assert!(audit_has(&service.database, "purged", &old));
}

#[test]
fn staff_correct_anonymise_and_delete_and_each_is_in_the_history_and_the_log() {
    let service = service("rights");
    let mut request = sample("c0c0c0c0-0000-4000-8000-000000000001");
    request.consent.training = true;
    request.contact.notes = "Gọi buổi sáng".into();
    let receipt = submit(&service, &request);
    let cookie = log_in(&service);
    let detail = format!("/staff/requests/{receipt}");
    let page = get(&service, &detail, Some(&cookie)).1;
    let token = csrf_of(&page);
    // Correct: a bad e-mail is refused with the core's message, a good one saved.
    let correct = |email: &str, withdraw: bool| {
        let mut form = vec![
            ("csrf", token.as_str()),
            ("name", "Nguyễn Văn An"),
            ("position", "Quản đốc"),
            ("phone", "0234 3822 000"),
            ("email", email),
        ];
        if withdraw {
            form.push(("withdraw_training", "yes"));
        }
        post_form(&service, &format!("{detail}/correct"), &cookie, &form)
    };
    assert_eq!(correct("not an address", false), 422);
    assert_eq!(correct("an.nguyen@detphubai.vn", true), 303);
    let page = get(&service, &detail, Some(&cookie)).1;
    assert!(page.contains("an.nguyen@detphubai.vn") && page.contains("Quản đốc"));
    assert!(page.contains("Nhận thông tin đào tạo</th><td>Không</td>"), "training withdrawn");
    assert!(
        page.contains("Đã sửa: Chức vụ, Thư điện tử, rút đồng ý nhận thông tin đào tạo"),
        "{page}"
    );
    assert!(!page.contains("Đã sửa: Người liên hệ"), "unchanged fields are not named");
    let note = [("csrf", token.as_str()), ("text", "Anh An hẹn gọi lại số 0912 345 678")];
    assert_eq!(post_form(&service, &format!("{detail}/notes"), &cookie, &note), 303);
    // Anonymise and delete need the receipt typed again.
    let erase = |how: &str, confirm: &str| {
        let form = [("csrf", token.as_str()), ("how", how), ("confirm", confirm)];
        post_form(&service, &format!("{detail}/erase"), &cookie, &form)
    };
    // Anonymise: removes the person, keeps the company and answers.
    assert_eq!(erase("anonymise", "SXSH-0000-0000"), 422);
    assert_eq!(erase("anonymise", &receipt), 303);
    let page = get(&service, &detail, Some(&cookie)).1;
    for gone in
        ["an.nguyen@detphubai.vn", "0234 3822 000", "Quản đốc", "Gọi buổi sáng", "0912 345 678"]
    {
        assert!(!page.contains(gone), "{gone} is still on the page");
    }
    assert!(page.contains("Công ty Dệt Phú Bài") && page.contains("đã ẩn danh"));
    let stored: String = db::open(&service.database)
        .expect("open")
        .query_row("SELECT contact_json FROM requests WHERE receipt = ?1", [&receipt], |r| r.get(0))
        .expect("row");
    assert!(!stored.contains("Nguyễn") && !stored.contains("detphubai"), "{stored}");
    // Delete: the request and its notes go; the log keeps the receipt.
    assert_eq!(erase("delete", ""), 422);
    assert_eq!(erase("delete", &receipt), 303);
    assert_eq!(get(&service, &detail, Some(&cookie)).0, 404);
    assert_eq!(service.rows(), 0);
    let notes: i64 = db::open(&service.database)
        .expect("open")
        .query_row("SELECT COUNT(*) FROM notes", [], |r| r.get(0))
        .expect("count");
    assert_eq!(notes, 0);
    let log = audit_rows(&service.database);
    for action in ["login_succeeded", "request_viewed", "corrected", "anonymised", "deleted"] {
        assert!(
            log.iter().any(|(actor, a, _)| a == action && actor == "canbo"),
            "{action}: {log:?}"
        );
    }
    // The log holds no personal data: no name, phone, e-mail or note text.
    let text = format!("{log:?}");
    for personal in ["Nguyễn", "0234", "detphubai", "Gọi", "Quản đốc"] {
        assert!(!text.contains(personal), "{personal} in the log: {text}");
    }
}

#[test]
fn logins_views_exports_and_changes_are_in_the_processing_log() {
    let service = service("audit");
    let receipt = submit(&service, &sample("d0d0d0d0-0000-4000-8000-000000000001"));
    let failed = no_redirects()
        .post(&format!("{}/staff/login", service.url))
        .send_form([("username", "canbo"), ("password", "wrong password!!")])
        .expect("answer");
    assert_eq!(failed.status().as_u16(), 200);
    no_redirects()
        .post(&format!("{}/staff/login", service.url))
        .send_form([("username", "my secret password"), ("password", "typed in the wrong box")])
        .expect("answer");
    let cookie = log_in(&service);
    let detail = format!("/staff/requests/{receipt}");
    let token = csrf_of(&get(&service, &detail, Some(&cookie)).1);
    for path in [
        "/staff/export.csv".to_owned(),
        format!("{detail}/report.json"),
        format!("{detail}/report.pdf"),
    ] {
        assert_eq!(get(&service, &path, Some(&cookie)).0, 200, "{path}");
    }
    assert_eq!(
        post_form(
            &service,
            &format!("{detail}/status"),
            &cookie,
            &[("csrf", &token), ("status", "contacted")]
        ),
        303
    );
    assert!(audit_has(&service.database, "report_pdf", &receipt));
    assert!(audit_has(&service.database, "export_csv", ""));
    let log = audit_rows(&service.database);
    let has = |actor: &str, action: &str, r: &str| {
        log.contains(&(actor.to_owned(), action.to_owned(), r.to_owned()))
    };
    assert!(has("canbo", "login_failed", ""), "{log:?}");
    assert!(has("unknown", "login_failed", ""), "an unknown name is not recorded: {log:?}");
    assert!(!format!("{log:?}").contains("my secret"), "{log:?}");
    assert!(has("canbo", "login_succeeded", ""));
    assert!(has("canbo", "request_viewed", &receipt));
    assert!(has("canbo", "report_json", &receipt));
    assert!(has("canbo", "status_changed", &receipt));
    // The log is readable on its own staff page.
    let (status, page) = get(&service, "/staff/audit", Some(&cookie));
    assert_eq!(status, 200);
    assert!(page.contains("Đổi trạng thái") && page.contains(&receipt), "in words: {page}");
}

#[test]
fn a_backup_taken_while_the_service_runs_restores() {
    let dir = temp_db("backup");
    let service = service("backup-live");
    let first = submit(&service, &sample("e0e0e0e0-0000-4000-8000-000000000001"));
    let second = submit(&service, &sample("e0e0e0e0-0000-4000-8000-000000000002"));
    let backup = dir.with_file_name("backup.sqlite3");
    let binary = env!("CARGO_BIN_EXE_sxsh_server");
    let database = service.database.clone();
    let run = |args: &[&str]| {
        let output = Command::new(binary)
            .args(args)
            .env("SXSH_DATABASE", &database)
            .env("SXSH_NEW_PASSWORD", "")
            .output()
            .expect("the command runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (ok, said) = run(&["backup", backup.to_str().expect("path")]);
    assert!(ok, "{said}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&backup).expect("backup").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "a backup is readable by its owner only");
    let logged = audit_rows(&database);
    assert!(logged.iter().any(|(a, b, _)| a == "command" && b == "backup_written"), "{logged:?}");
    let (ok, said) = run(&["backup", backup.to_str().expect("path")]);
    assert!(!ok && said.contains("exists"), "a backup never overwrites: {said}");
    let third = submit(&service, &sample("e0e0e0e0-0000-4000-8000-000000000003"));
    assert_eq!(service.rows(), 3);
    drop(service);
    let (ok, said) = run(&["restore", backup.to_str().expect("path")]);
    assert!(ok, "{said}");
    let restored = Service::start_settings(settings(database.clone(), 100));
    assert_eq!(restored.rows(), 2);
    // The live database logged the backup after taking it; the restored one logs the restore.
    let log = audit_rows(&restored.database);
    assert_eq!(log, [("command".to_owned(), "restored".to_owned(), String::new())]);
    let cookie = log_in(&restored);
    let (_, list) = get(&restored, "/staff", Some(&cookie));
    assert!(list.contains(&first) && list.contains(&second) && !list.contains(&third));
    // A damaged backup is refused and the database is left as it was.
    let damaged = dir.with_file_name("damaged.sqlite3");
    std::fs::write(&damaged, b"SQLite format 3\0 but not really").expect("write");
    let (ok, said) = run(&["restore", damaged.to_str().expect("path")]);
    assert!(!ok, "{said}");
    assert_eq!(restored.rows(), 2);
}

#[test]
fn the_account_commands_create_list_disable_reset_and_revoke() {
    let service = service("accounts");
    let binary = env!("CARGO_BIN_EXE_sxsh_server");
    let run = |args: &[&str], password: &str| {
        let output = Command::new(binary)
            .args(args)
            .env("SXSH_DATABASE", &service.database)
            .env("SXSH_NEW_PASSWORD", password)
            .output()
            .expect("the command runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (ok, said) = run(&["create-staff", "canbo2"], "aaaaaaaaaaaa");
    assert!(!ok && said.contains("different characters"), "{said}");
    let (ok, said) = run(&["create-staff", "canbo2"], "Tháng Chạp mưa phùn 2026");
    assert!(ok && said.contains("(officer)"), "an officer unless told otherwise: {said}");
    let password = "Tháng Giêng rét đài 2027";
    let (ok, said) = run(&["create-staff", "chuyengia", "--role", "assessor"], password);
    assert!(ok && said.contains("(assessor)"), "{said}");
    let (ok, said) = run(&["create-staff", "x1", "--role", "root"], password);
    assert!(!ok && said.contains("officer, assessor or admin"), "{said}");
    let (ok, said) = run(&["set-role", "chuyengia", "admin"], "");
    assert!(ok, "{said}");
    let (ok, said) = run(&["list-staff"], "");
    assert!(ok && said.contains("chuyengia\tadmin\tactive"), "{said}");
    let cookie = log_in(&service);
    assert_eq!(get(&service, "/staff", Some(&cookie)).0, 200);
    let (ok, said) = run(&["list-staff"], "");
    assert!(
        ok && said.contains("canbo\tofficer\tactive\t1 sessions")
            && said.contains("canbo2\tofficer\tactive\t0 sessions"),
        "{said}"
    );
    let (ok, said) = run(&["revoke-sessions", "canbo"], "");
    assert!(ok && said.contains("1 sessions"), "{said}");
    assert_eq!(get(&service, "/staff", Some(&cookie)).0, 303, "the revoked session is gone");
    let cookie = log_in(&service);
    let (ok, said) = run(&["disable-staff", "canbo"], "");
    assert!(ok, "{said}");
    assert_eq!(get(&service, "/staff", Some(&cookie)).0, 303, "a disabled account's session ends");
    let login = |password: &str| {
        no_redirects()
            .post(&format!("{}/staff/login", service.url))
            .send_form([("username", "canbo"), ("password", password)])
            .expect("answer")
            .status()
            .as_u16()
    };
    assert_eq!(login(PASSWORD), 200, "a disabled account cannot log in");
    assert!(run(&["enable-staff", "canbo"], "").0);
    let (ok, said) = run(&["reset-password", "canbo"], "sông Hương chiều nay");
    assert!(ok, "{said}");
    assert_eq!(login(PASSWORD), 200, "the old password no longer works");
    assert_eq!(login("sông Hương chiều nay"), 303);
    let (ok, said) = run(&["disable-staff", "nobody"], "");
    assert!(!ok && said.contains("no account nobody"), "{said}");
    let (ok, said) = run(&["frobnicate"], "");
    assert!(!ok && said.contains("usage"), "{said}");
    // Every command that changed an account is in the processing log, naming the account.
    let log = audit_rows(&service.database);
    for (actor, action) in [
        ("command:canbo2", "account_created"),
        ("command:chuyengia", "role_changed"),
        ("command:canbo", "sessions_revoked"),
        ("command:canbo", "account_disabled"),
        ("command:canbo", "account_enabled"),
        ("command:canbo", "password_reset"),
    ] {
        assert!(log.iter().any(|(a, b, _)| a == actor && b == action), "{actor} {action}: {log:?}");
    }
    assert!(!log.iter().any(|(a, _, _)| a == "command:nobody"), "a failed command is not logged");
}

#[test]
fn the_list_pages_through_and_the_export_holds_every_request() {
    let database = temp_db("many");
    {
        let mut conn = db::open(&database).expect("open");
        let tx = conn.transaction().expect("tx");
        let request = sample("f0f0f0f0-0000-4000-8000-000000000000");
        let contact = serde_json::to_string(&request.contact).expect("JSON");
        let consent = serde_json::to_string(&request.consent).expect("JSON");
        for n in 1..=1_234 {
            tx.execute(
                "INSERT INTO requests (receipt, idempotency_key, received_at, year, seq, company, sector,
                    contact_json, consent_json, assessment_json, results_json)
                 VALUES (?1, ?2, ?3, 2026, ?4, ?5, 'textile', ?6, ?7, '{}', '{}')",
                rusqlite::params![
                    format!("SXSH-2026-{n:04}"),
                    format!("f0f0f0f0-0000-4000-8000-{n:012}"),
                    format!("2026-11-{:02}T{:02}:{:02}:00Z", 1 + n / 100, (n / 60) % 24, n % 60),
                    n,
                    format!("Công ty số {n}"),
                    contact,
                    consent
                ],
            )
            .expect("row");
        }
        tx.commit().expect("commit");
        staff::create_staff(&conn, "canbo", PASSWORD, staff::Role::Officer).expect("account");
    }
    let service = Service::start_settings(settings(database, 100));
    let cookie = log_in(&service);
    let (_, first) = get(&service, "/staff", Some(&cookie));
    assert!(first.contains("Yêu cầu 1–50 trên tổng số 1.234 (trang 1/25)"), "{first}");
    let rows = |page: &str| page.matches("data-label=\"Số biên nhận\"><a href=").count();
    assert_eq!(rows(&first), 50);
    assert!(first.contains("page=2") && !first.contains("rel=\"prev\""));
    let (_, last) = get(&service, "/staff?page=25", Some(&cookie));
    assert!(last.contains("Yêu cầu 1.201–1.234 trên tổng số 1.234 (trang 25/25)"), "{last}");
    assert_eq!(rows(&last), 34);
    let (status, beyond) = get(&service, "/staff?page=9223372036854775807", Some(&cookie));
    assert_eq!(status, 200, "a page far past the end is an empty page: {beyond}");
    assert!(beyond.contains("1.234"), "{beyond}");
    assert_eq!(get(&service, "/staff/audit?page=9223372036854775807", Some(&cookie)).0, 200);
    let (_, filtered) = get(&service, "/staff?q=s%E1%BB%91+12", Some(&cookie));
    assert!(filtered.contains("trên tổng số 46"), "số 12, 120–129, 1200–1234: {filtered}");
    let (status, csv) = get(&service, "/staff/export.csv", Some(&cookie));
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 1_234, "a header and every request");
    for n in [1, 500, 501, 1_000, 1_001, 1_234] {
        assert!(csv.contains(&format!("\"SXSH-2026-{n:04}\"")), "{n}");
    }
}
