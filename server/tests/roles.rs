//! Each role sees and does only its part, over real HTTP: an officer the requests, an assessor
//! only those assigned to them, an administrator the accounts and no request; and every page
//! reads in one language, Vietnamese first, English by the switch.

use crate::common::Service;
use crate::staff::{
    PASSWORD, csrf_of, get, log_in, log_in_as, no_redirects, post_form, service_with_request,
    set_cookie,
};
use sxsh_server::db;
use sxsh_server::staff::{self, Role};

/// A service with one request and an account of each role: `canbo` (officer), `chuyengia`
/// (assessor), `quantri` (admin).
fn service_with_roles(name: &str) -> (Service, String) {
    let (service, receipt) = service_with_request(name, "Công ty Dệt Phú Bài");
    let conn = db::open(&service.database).expect("open");
    staff::create_staff(&conn, "chuyengia", PASSWORD, Role::Assessor).expect("assessor");
    staff::create_staff(&conn, "quantri", PASSWORD, Role::Admin).expect("admin");
    (service, receipt)
}

#[test]
fn an_assessor_sees_only_requests_assigned_to_them_and_changes_nothing() {
    let (service, receipt) = service_with_roles("roles-assessor");
    let cookie = log_in_as(&service, "chuyengia");
    let detail = format!("/staff/requests/{receipt}");
    let (status, list) = get(&service, "/staff", Some(&cookie));
    assert_eq!(status, 200);
    assert!(!list.contains(&receipt), "not assigned: not on the assessor's list");
    for path in [detail.clone(), format!("{detail}/report.json"), format!("{detail}/report.pdf")] {
        assert_eq!(get(&service, &path, Some(&cookie)).0, 404, "{path}");
    }
    let (status, page) = get(&service, "/staff/export.csv", Some(&cookie));
    assert_eq!(status, 403, "the export is the officers'");
    assert!(page.contains("Không có quyền truy cập"), "a page in words: {page}");
    assert_eq!(get(&service, "/staff/audit", Some(&cookie)).0, 403);
    // Assigned to them, the request is theirs to read, not to change.
    let conn = db::open(&service.database).expect("open");
    conn.execute(
        "UPDATE requests SET assessor_id = (SELECT id FROM staff WHERE username = 'chuyengia')",
        [],
    )
    .expect("assigned");
    let (status, list) = get(&service, "/staff", Some(&cookie));
    assert!(status == 200 && list.contains(&receipt), "assigned: on the list");
    let (status, page) = get(&service, &detail, Some(&cookie));
    assert_eq!(status, 200);
    assert_eq!(get(&service, &format!("{detail}/report.json"), Some(&cookie)).0, 200);
    let token = csrf_of(&page);
    let form = [("csrf", token.as_str()), ("status", "closed")];
    assert_eq!(post_form(&service, &format!("{detail}/status"), &cookie, &form), 403);
    let form = [("csrf", token.as_str()), ("text", "ghi chú")];
    assert_eq!(post_form(&service, &format!("{detail}/notes"), &cookie, &form), 403);
    let status: String =
        conn.query_row("SELECT status FROM requests", [], |r| r.get(0)).expect("status");
    assert_eq!(status, "new");
}

#[test]
fn an_administrator_sees_no_request() {
    let (service, receipt) = service_with_roles("roles-admin");
    let cookie = log_in_as(&service, "quantri");
    let detail = format!("/staff/requests/{receipt}");
    let (status, page) = get(&service, &detail, Some(&cookie));
    assert_eq!(status, 403);
    assert!(page.contains("Không có quyền truy cập") && !page.contains("Dệt Phú Bài"), "{page}");
    for path in [
        format!("{detail}/report.json"),
        format!("{detail}/report.pdf"),
        "/staff/export.csv".into(),
    ] {
        assert_eq!(get(&service, &path, Some(&cookie)).0, 403, "{path}");
    }
    let (status, _) = get(&service, "/staff", Some(&cookie));
    assert_eq!(status, 303, "the administrator's start is the accounts page");
    assert_eq!(get(&service, "/staff/audit", Some(&cookie)).0, 200);
}

#[test]
fn accounts_from_before_the_roles_are_officers() {
    let database = crate::common::temp_db("roles-migration");
    {
        // A database as the service left it before the workspace (migrations 1–4), with an
        // account.
        let conn = rusqlite::Connection::open(&database).expect("open");
        for n in ["0001_requests", "0002_staff", "0003_production", "0004_hardening"] {
            let sql = std::fs::read_to_string(format!("migrations/{n}.sql")).expect("migration");
            conn.execute_batch(&sql).expect("applied");
        }
        conn.pragma_update(None, "user_version", 4).expect("version");
        conn.execute("INSERT INTO staff (username, password_hash) VALUES ('cu', 'x')", [])
            .expect("an account");
    }
    let conn = db::open(&database).expect("migrated");
    let role: String = conn
        .query_row("SELECT role FROM staff WHERE username = 'cu'", [], |r| r.get(0))
        .expect("read");
    assert_eq!(role, "officer");
    let refused = conn.execute("UPDATE staff SET role = 'root' WHERE username = 'cu'", []);
    assert!(refused.is_err(), "the CHECK allows only the three roles");
}

#[test]
fn the_language_switch_sets_a_cookie_and_every_page_reads_in_one_language() {
    let (service, receipt) = service_with_roles("roles-language");
    let (status, login) = get(&service, "/staff/login", None);
    assert_eq!(status, 200);
    assert!(login.contains("<html lang=\"vi\">") && login.contains("Tên đăng nhập"));
    assert!(!login.contains("Username"), "one language at a time: {login}");
    let response =
        no_redirects().get(&format!("{}/staff/login?lang=en", service.url)).call().expect("answer");
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        response.headers().get("location").and_then(|l| l.to_str().ok()),
        Some("/staff/login")
    );
    let lang = set_cookie(response.headers(), "lang").expect("a language cookie");
    assert!(lang.starts_with("lang=en;"), "{lang}");
    let (_, english) = get(&service, "/staff/login", Some("lang=en"));
    assert!(english.contains("<html lang=\"en\">") && english.contains("Username"));
    assert!(!english.contains("Tên đăng nhập"), "{english}");
    let cookie = format!("{}; lang=en", log_in(&service));
    let (_, page) = get(&service, &format!("/staff/requests/{receipt}"), Some(&cookie));
    assert!(page.contains("Log out") && !page.contains("Đăng xuất"), "{page}");
    let (_, list) = get(&service, "/staff?status=new&lang=vi", Some(&cookie));
    assert!(list.is_empty(), "the switch redirects");
}

#[test]
fn an_officer_works_on_requests_and_never_reaches_the_accounts() {
    let (service, receipt) = service_with_roles("roles-officer");
    let cookie = log_in(&service);
    for path in [
        "/staff".to_owned(),
        format!("/staff/requests/{receipt}"),
        "/staff/audit".into(),
        "/staff/export.csv".into(),
    ] {
        assert_eq!(get(&service, &path, Some(&cookie)).0, 200, "{path}");
    }
    let (status, page) = get(&service, "/staff/accounts", Some(&cookie));
    assert_eq!(status, 403);
    assert!(page.contains("Không có quyền truy cập"), "{page}");
    assert_eq!(get(&service, "/staff/accounts/quantri", Some(&cookie)).0, 403);
    let token = csrf_of(&get(&service, "/staff", Some(&cookie)).1);
    let form =
        [("csrf", token.as_str()), ("username", "moi"), ("role", "admin"), ("password", PASSWORD)];
    assert_eq!(post_form(&service, "/staff/accounts", &cookie, &form), 403, "no account made");
    let form = [("csrf", token.as_str()), ("role", "officer")];
    assert_eq!(post_form(&service, "/staff/accounts/quantri/role", &cookie, &form), 403);
    let (_, list) = get(&service, "/staff", Some(&cookie));
    assert!(
        !list.contains("/staff/accounts"),
        "no link to the accounts in an officer's navigation"
    );
}

/// The administrator's processing-log entries on accounts: (action, object).
fn account_log(service: &Service) -> Vec<(String, String)> {
    let conn = db::open(&service.database).expect("open");
    let mut statement = conn
        .prepare("SELECT action, receipt FROM audit WHERE actor = 'quantri' AND receipt LIKE 'account:%' ORDER BY id")
        .expect("query");
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read")
}

#[test]
fn an_administrator_manages_the_accounts_on_the_web_each_change_in_the_log() {
    let (service, _) = service_with_roles("roles-accounts");
    let admin = log_in_as(&service, "quantri");
    let (status, page) = get(&service, "/staff/accounts", Some(&admin));
    assert_eq!(status, 200);
    assert!(
        page.contains("Chuyên gia đánh giá") && page.contains("Đang hoạt động"),
        "roles and states: {page}"
    );
    let token = csrf_of(&page);
    let post = |path: &str, form: &[(&str, &str)]| {
        let mut form = form.to_vec();
        form.push(("csrf", &token));
        no_redirects()
            .post(&format!("{}{path}", service.url))
            .header("Cookie", &admin)
            .send_form(form)
            .expect("answer")
    };
    // A weak password is refused with its reason, in Vietnamese, and nothing is made.
    let mut refused = post(
        "/staff/accounts",
        &[("username", "moi"), ("role", "assessor"), ("password", "aaaaaaaaaaaa")],
    );
    assert_eq!(refused.status().as_u16(), 422);
    let body = refused.body_mut().read_to_string().expect("page");
    assert!(
        body.contains("Mật khẩu cần ít nhất 6 ký tự khác nhau.")
            && body.contains("cp-error-summary"),
        "{body}"
    );
    let created = post(
        "/staff/accounts",
        &[("username", "moi"), ("role", "assessor"), ("password", PASSWORD)],
    );
    assert_eq!(created.status().as_u16(), 303);
    let (_, page) = get(&service, "/staff/accounts/moi?done=created", Some(&admin));
    assert!(
        page.contains("Đã tạo tài khoản.") && page.contains("<dd>Chuyên gia đánh giá</dd>"),
        "{page}"
    );
    let moi = log_in_as(&service, "moi");
    assert_eq!(get(&service, "/staff", Some(&moi)).0, 200, "the new assessor logs in");
    // Role, then disable (its session ends, it cannot log in), enable, reset, revoke.
    assert_eq!(post("/staff/accounts/moi/role", &[("role", "officer")]).status().as_u16(), 303);
    assert_eq!(
        get(&service, "/staff/export.csv", Some(&moi)).0,
        200,
        "an officer from its next page"
    );
    assert_eq!(post("/staff/accounts/moi/access", &[("disabled", "yes")]).status().as_u16(), 303);
    assert_eq!(get(&service, "/staff", Some(&moi)).0, 303, "the session is gone");
    let (_, page) = get(&service, "/staff/accounts", Some(&admin));
    assert!(page.contains("Đã vô hiệu hóa"), "{page}");
    assert_eq!(post("/staff/accounts/moi/access", &[("disabled", "no")]).status().as_u16(), 303);
    let new_password = "mưa dầm thấm lâu 2027";
    assert_eq!(
        post("/staff/accounts/moi/password", &[("password", new_password)]).status().as_u16(),
        303
    );
    let login = no_redirects()
        .post(&format!("{}/staff/login", service.url))
        .send_form([("username", "moi"), ("password", new_password)])
        .expect("answer");
    assert_eq!(login.status().as_u16(), 303, "the new password works");
    assert_eq!(post("/staff/accounts/moi/sessions", &[]).status().as_u16(), 303);
    // The administrator cannot lock themself out.
    let own = post("/staff/accounts/quantri/access", &[("disabled", "yes")]);
    assert_eq!(own.status().as_u16(), 422);
    assert_eq!(get(&service, "/staff/accounts", Some(&admin)).0, 200, "still in");
    // A forged token is refused.
    let forged = no_redirects()
        .post(&format!("{}/staff/accounts/moi/role", service.url))
        .header("Cookie", &admin)
        .send_form([("csrf", "forged"), ("role", "admin")])
        .expect("answer");
    assert_eq!(forged.status().as_u16(), 403);
    let object = "account:moi".to_owned();
    assert_eq!(
        account_log(&service),
        [
            ("account_created".to_owned(), object.clone()),
            ("role_changed".into(), object.clone()),
            ("account_disabled".into(), object.clone()),
            ("account_enabled".into(), object.clone()),
            ("password_reset".into(), object.clone()),
            ("sessions_revoked".into(), object),
        ],
        "each change once, none refused"
    );
    let (_, log) = get(&service, "/staff/audit", Some(&admin));
    assert!(log.contains("Tạo tài khoản") && log.contains("tài khoản moi"), "{log}");
}
