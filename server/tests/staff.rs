//! The staff pages over real HTTP: nothing without a login, escaped user text, CSRF on every
//! form, status and notes, CSV and PDF exports, and the login rate limit.

use crate::common::{Service, sample, temp_db};
use sxsh_core::dates::day_time;
use sxsh_server::{db, staff};

pub const PASSWORD: &str = "correct horse battery staple";

/// Text as the staff pages' templates (askama) escape it: `"&'<>` as numeric references.
pub fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' | '&' | '\'' | '<' | '>' => format!("&#{};", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

pub fn no_redirects() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into()
}

/// Starts a service with one stored request (from a hostile company name) and one staff account.
pub fn service_with_request(name: &str, company: &str) -> (Service, String) {
    let service = Service::start(temp_db(name), 100);
    {
        let conn = db::open(&service.database).expect("open");
        staff::create_staff(&conn, "canbo", PASSWORD, staff::Role::Officer).expect("account");
    }
    let mut request = sample("5e5e5e5e-0000-4000-8000-000000000001");
    request.assessment.draft.profile.company = company.into();
    request.consent.training = true;
    request.production.equipment = "Lò hơi <b>4 t/h</b>".into();
    request.production.bills = sxsh_core::request::Bills::Partly;
    let receipt = submit(&service, &request);
    (service, receipt)
}

/// Sends a request to the service and returns its receipt.
pub fn submit(service: &Service, request: &sxsh_core::request::AssessmentRequest) -> String {
    let mut response = no_redirects()
        .post(&format!("{}/api/requests", service.url))
        .header("Content-Type", "application/json")
        .send(serde_json::to_string(request).expect("JSON"))
        .expect("answer");
    let body: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().expect("body")).expect("JSON");
    body["receipt"].as_str().expect("receipt").to_owned()
}

/// The `Set-Cookie` value of the cookie called `name`.
pub fn set_cookie(headers: &ureq::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// Logs in as `canbo` and returns the cookie header value: the session and the device cookie.
pub fn log_in(service: &Service) -> String {
    log_in_as(service, "canbo")
}

/// Logs in as `username` (whose password is `PASSWORD`) and returns the cookie header value.
pub fn log_in_as(service: &Service, username: &str) -> String {
    let response = no_redirects()
        .post(&format!("{}/staff/login", service.url))
        .send_form([("username", username), ("password", PASSWORD)])
        .expect("answer");
    assert_eq!(response.status().as_u16(), 303);
    let cookie = set_cookie(response.headers(), "sxsh_staff").expect("a session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let device = set_cookie(response.headers(), "sxsh_device").expect("a device cookie");
    let pair = |c: &str| c.split(';').next().expect("name=value").to_owned();
    format!("{}; {}", pair(&cookie), pair(&device))
}

pub fn get(service: &Service, path: &str, cookie: Option<&str>) -> (u16, String) {
    let mut request = no_redirects().get(&format!("{}{path}", service.url));
    if let Some(c) = cookie {
        request = request.header("Cookie", c);
    }
    let mut response = request.call().expect("answer");
    (response.status().as_u16(), response.body_mut().read_to_string().unwrap_or_default())
}

pub fn post_form(service: &Service, path: &str, cookie: &str, form: &[(&str, &str)]) -> u16 {
    no_redirects()
        .post(&format!("{}{path}", service.url))
        .header("Cookie", cookie)
        .send_form(form.iter().copied())
        .expect("answer")
        .status()
        .as_u16()
}

pub fn csrf_of(page: &str) -> String {
    let at =
        page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    page[at..].split('"').next().expect("token").to_owned()
}

#[test]
fn every_staff_page_and_export_refuses_anyone_not_logged_in() {
    let (service, receipt) = service_with_request("refuse", "Công ty A");
    assert_eq!(get(&service, "/staff", None).0, 303);
    assert_eq!(get(&service, &format!("/staff/requests/{receipt}"), None).0, 303);
    for path in [
        "/staff/export.csv".to_owned(),
        format!("/staff/requests/{receipt}/report.json"),
        format!("/staff/requests/{receipt}/report.pdf"),
    ] {
        assert_eq!(get(&service, &path, None).0, 403, "{path}");
    }
    assert_eq!(get(&service, "/staff", Some("sxsh_staff=forged")).0, 303);
    let wrong = no_redirects()
        .post(&format!("{}/staff/login", service.url))
        .send_form([("username", "canbo"), ("password", "wrong password!!")])
        .expect("answer");
    assert!(wrong.headers().get("set-cookie").is_none());
}

#[test]
fn forms_need_the_session_csrf_token_and_changes_are_noted() {
    let (service, receipt) = service_with_request("csrf", "Công ty B");
    let cookie = log_in(&service);
    let detail = format!("/staff/requests/{receipt}");
    // A form without the token does not even parse; with a wrong one it is refused.
    assert_ne!(
        post_form(&service, &format!("{detail}/status"), &cookie, &[("status", "contacted")]),
        303
    );
    assert_eq!(
        post_form(
            &service,
            &format!("{detail}/status"),
            &cookie,
            &[("csrf", "forged"), ("status", "contacted")]
        ),
        403
    );
    let token = csrf_of(&get(&service, &detail, Some(&cookie)).1);
    assert_eq!(
        post_form(
            &service,
            &format!("{detail}/status"),
            &cookie,
            &[("csrf", &token), ("status", "contacted")]
        ),
        303
    );
    assert_eq!(
        post_form(
            &service,
            &format!("{detail}/notes"),
            &cookie,
            &[("csrf", &token), ("text", "Đã gọi điện <b>hẹn</b> ngày 5/12")]
        ),
        303
    );
    let (_, page) = get(&service, &detail, Some(&cookie));
    assert!(page.contains("<strong>Đã liên hệ</strong>"), "the status in words");
    assert!(page.contains("Lò hơi &#60;b&#62;4 t/h&#60;/b&#62;"), "the visit details, escaped");
    assert!(page.contains("<td><bdi>Có một phần</bdi></td>"), "bills in words");
    assert!(page.contains("Nhận thông tin đào tạo</th><td>Có</td>"), "consent in words");
    assert!(page.contains("Trạng thái: Mới tiếp nhận → Đã liên hệ"), "the change noted in words");
    assert!(page.contains("Đã gọi điện &#60;b&#62;hẹn&#60;/b&#62; ngày 5/12"));
    let (_, filtered) = get(&service, "/staff?status=contacted&q=B", Some(&cookie));
    assert!(filtered.contains(&receipt));
    let (_, none) = get(&service, "/staff?status=closed", Some(&cookie));
    assert!(!none.contains(&receipt));
}

#[test]
fn staff_read_dates_and_times_as_dd_mm_yyyy_hh_mm_in_vietnam() {
    let before = db::utc_now().1;
    let (service, receipt) = service_with_request("dates", "Công ty Đ");
    let cookie = log_in(&service);
    let detail = format!("/staff/requests/{receipt}");
    let token = csrf_of(&get(&service, &detail, Some(&cookie)).1);
    let form = [("csrf", token.as_str()), ("text", "Đã gọi")];
    assert_eq!(post_form(&service, &format!("{detail}/notes"), &cookie, &form), 303);
    let after = db::utc_now().1;
    // The request was received and the note written between `before` and `after`.
    let mut shown = vec![day_time(&before), day_time(&after)];
    shown.dedup();
    let times = |page: &str| shown.iter().map(|t| page.matches(t.as_str()).count()).sum::<usize>();
    let (_, list) = get(&service, "/staff", Some(&cookie));
    assert!(times(&list) >= 1, "the received time in the list: {list}");
    let (_, page) = get(&service, &detail, Some(&cookie));
    assert!(times(&page) >= 2, "the received time and the note's: {page}");
    assert!(page.contains("<td>28/11/2026 15:00</td>"), "consent given at 08:00 UTC: {page}");
    for text in [&list, &page] {
        assert!(!text.contains(&format!("{}T", &before[..10])), "no ISO timestamp is shown");
    }
}

#[test]
fn exports_are_excel_safe_and_the_report_is_regenerated() {
    let (service, receipt) = service_with_request("exports", "=HYPERLINK(\"http://x\")");
    let cookie = log_in(&service);
    let (status, csv) = get(&service, "/staff/export.csv", Some(&cookie));
    assert_eq!(status, 200);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(csv.contains(",\"training_interest\",\"news\"\r\n"), "{csv}");
    assert!(
        csv.contains(",\"new\",\"Mới tiếp nhận\",") && csv.ends_with(",\"yes\",\"no\"\r\n"),
        "the status stored and in words; training yes, news no: {csv}"
    );
    let (status, json) =
        get(&service, &format!("/staff/requests/{receipt}/report.json"), Some(&cookie));
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["results"]["savings"]["actions"][0]["question"], "energy.lighting.led");
    let pdf = no_redirects()
        .get(&format!("{}/staff/requests/{receipt}/report.pdf", service.url))
        .header("Cookie", &cookie)
        .call()
        .expect("answer")
        .body_mut()
        .read_to_vec()
        .expect("bytes");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn logins_are_rate_limited_per_address() {
    let (service, _) = service_with_request("login-rate", "Công ty C");
    // Unknown usernames, so no account locks first.
    let statuses: Vec<u16> = (0..11)
        .map(|n| {
            no_redirects()
                .post(&format!("{}/staff/login", service.url))
                .send_form([
                    ("username", format!("nobody{n}").as_str()),
                    ("password", "not the password"),
                ])
                .expect("answer")
                .status()
                .as_u16()
        })
        .collect();
    assert_eq!(statuses[..10], [200; 10]);
    assert_eq!(statuses[10], 429);
}

#[test]
fn posts_from_another_origin_are_refused_even_with_a_valid_token() {
    let (service, receipt) = service_with_request("origin", "Công ty D");
    let forged_login = no_redirects()
        .post(&format!("{}/staff/login", service.url))
        .header("Origin", "https://evil.example")
        .send_form([("username", "canbo"), ("password", PASSWORD)])
        .expect("answer");
    assert_eq!(forged_login.status().as_u16(), 403);
    let cookie = log_in(&service);
    let detail = format!("/staff/requests/{receipt}");
    let (_, page) = get(&service, &detail, Some(&cookie));
    assert!(page.contains("Sở Công Thương (thử nghiệm)"), "the department is shown");
    let token = csrf_of(&page);
    let status = no_redirects()
        .post(&format!("{}{detail}/status", service.url))
        .header("Cookie", &cookie)
        .header("Origin", "https://evil.example")
        .send_form([("csrf", token.as_str()), ("status", "closed")])
        .expect("answer")
        .status()
        .as_u16();
    assert_eq!(status, 403);
}

#[test]
fn every_hostile_payload_is_escaped_on_the_staff_pages() {
    let payloads: Vec<String> =
        std::fs::read_to_string("../crates/core/tests/fixtures/xss-payloads.txt")
            .expect("the corpus shared with the widget's tests")
            .lines()
            .map(str::to_owned)
            .collect();
    assert!(payloads.len() >= 50);
    let (service, _) = service_with_request("hostile", "Công ty A");
    let cookie = log_in(&service);
    let mut stored = Vec::new();
    for (n, payload) in payloads.iter().enumerate() {
        let mut request = sample(&format!("7e7e7e7e-0000-4000-8000-{n:012}"));
        request.assessment.draft.profile.company = format!("X{payload}");
        request.contact.notes = payload.clone();
        request.production.schedule = payload.clone();
        // A payload a field refuses (sxsh_core::free_text: a control, bidi or line-separator
        // character, or longer than the field takes) is refused whole with 422 and stored
        // nowhere; the others are stored and shown escaped.
        let refused = sxsh_core::request::validate(&request);
        if !refused.is_empty() {
            let status = no_redirects()
                .post(&format!("{}/api/requests", service.url))
                .header("Content-Type", "application/json")
                .send(serde_json::to_string(&request).expect("JSON"))
                .expect("answer")
                .status()
                .as_u16();
            assert_eq!(status, 422, "payload {n} is refused: {refused:?}");
            continue;
        }
        stored.push(payload);
        let receipt = submit(&service, &request);
        let (status, page) = get(&service, &format!("/staff/requests/{receipt}"), Some(&cookie));
        assert_eq!(status, 200);
        let escaped = escape(payload);
        assert!(page.matches(&escaped).count() >= 2, "payload {n}: notes and schedule, escaped");
        if payload.contains('<') {
            assert!(!page.contains(payload.as_str()), "payload {n} appears unescaped");
        }
    }
    // Every page of the list (50 a page).
    let list: String = (1..=payloads.len() / 50 + 2)
        .map(|page| get(&service, &format!("/staff?page={page}"), Some(&cookie)).1)
        .collect();
    assert!(stored.len() >= 45, "{} payloads stored", stored.len());
    for payload in stored.into_iter().filter(|p| p.chars().count() < 79) {
        let company = format!("X{payload}");
        assert!(list.contains(&escape(company.trim())), "the list: {payload}");
        if payload.contains('<') {
            assert!(!list.contains(payload.as_str()), "the list escapes {payload}");
        }
    }
}
