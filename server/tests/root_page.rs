//! The widget's root page as the service serves it (issue 22): `/` and `/index.html` of the built
//! widget name the service's own endpoint and the department's settings, HTML-escaped, so the
//! page at the README's address sends its requests here; the rest of the page is unchanged.

use crate::common::{Service, agent, sample, settings, temp_db};
use std::path::PathBuf;
use sxsh_server::Department;

/// A folder standing in for `dist/` that holds `index.html` only.
fn dist_with(name: &str, index: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sxsh-root-{}-{name}", std::process::id()));
    _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("index.html"), index).expect("index.html written");
    dir
}

/// `GET url path`: the status, the headers and the body.
fn get(url: &str, path: &str) -> (u16, ureq::http::HeaderMap, String) {
    let mut response = agent().get(&format!("{url}{path}")).call().expect("the service answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.body_mut().read_to_string().expect("a text body"))
}

fn header<'a>(headers: &'a ureq::http::HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[test]
fn the_root_page_names_this_service_and_the_department_escaped() {
    let index = std::fs::read_to_string("../index.html").expect("the widget's page");
    let mut settings = settings(temp_db("root-page"), 100);
    settings.dist = dist_with("page", &index);
    settings.department = Department {
        name: "Sở \"Công Thương\"><script>alert(1)</script>".into(),
        email: "sxsh@example.gov.vn".into(),
        phone: "0234 000 0000".into(),
        ..Department::default()
    };
    let service = Service::start_settings(settings);
    let added = " data-endpoint=\"/api/requests\" \
                 data-department=\"Sở &quot;Công Thương&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" \
                 data-email=\"sxsh@example.gov.vn\" data-phone=\"0234 000 0000\"";
    for path in ["/", "/index.html"] {
        let (status, headers, body) = get(&service.url, path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(header(&headers, "content-type"), "text/html", "{path}: as the static files");
        assert_eq!(header(&headers, "content-security-policy"), sxsh_server::CSP, "{path}");
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&headers, "referrer-policy"), "same-origin", "{path}");
        let start = body.find("<div id=\"sxsh-widget\"").expect("the widget's container");
        let tag = &body[start..=start + body[start..].find('>').expect("the tag ends")];
        assert!(tag.ends_with(&format!("{added}>")), "{path}: {tag}");
        assert!(!body.contains("<script>alert"), "{path}: the name stays text");
        assert_eq!(body.replacen(added, "", 1), index, "{path}: nothing else changes");
    }

    // The endpoint the page names is the one that stores requests.
    let (_, _, body) = get(&service.url, "/");
    let endpoint = body
        .split_once("data-endpoint=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(endpoint, _)| endpoint)
        .expect("an endpoint");
    let response = agent()
        .post(&format!("{}{endpoint}", service.url))
        .header("Content-Type", "application/json")
        .send(serde_json::to_string(&sample("7e1a0b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b")).expect("JSON"))
        .expect("the service answers");
    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(service.rows(), 1);
}

#[test]
fn the_page_keeps_its_own_attributes_and_gets_only_the_settings_that_are_set() {
    let page = "<!doctype html><html><body><!-- <div id=\"sxsh-widget\"> -->\n\
                <div class=\"a b\"\n  id='sxsh-widget' data-endpoint=\"https://portal.example/api\" \
                data-phone=\"0234 111 111\"></div></body></html>";
    let mut settings = settings(temp_db("root-kept"), 100);
    let dist = dist_with("kept", page);
    settings.dist = dist.clone();
    settings.department = Department {
        name: "Sở Công Thương".into(),
        email: "  ".into(),
        phone: "0234 999 999".into(),
        ..Department::default()
    };
    let service = Service::start_settings(settings);
    let (status, _, body) = get(&service.url, "/");
    assert_eq!(status, 200);
    assert_eq!(
        body,
        // The rewritten tag's attributes are written with single spaces between them.
        page.replace("\"a b\"\n  id=", "\"a b\" id=")
            .replace("111\"></div>", "111\" data-department=\"Sở Công Thương\"></div>"),
        "only the department's name is added, to the container and not to the comment"
    );

    // A rebuilt page is served as rebuilt; a page without the container is served as it is.
    let rebuilt = "<!doctype html><title>rebuilt</title><div id=\"sxsh-widget\"></div>";
    std::fs::write(dist.join("index.html"), rebuilt).expect("rebuilt");
    let (_, _, body) = get(&service.url, "/");
    assert_eq!(
        body,
        "<!doctype html><title>rebuilt</title><div id=\"sxsh-widget\" \
         data-endpoint=\"/api/requests\" data-department=\"Sở Công Thương\" \
         data-phone=\"0234 999 999\"></div>"
    );
    let other = "<!doctype html><title>another page</title><div id=\"other\"></div>";
    std::fs::write(dist.join("index.html"), other).expect("rewritten");
    assert_eq!(get(&service.url, "/index.html").2, other);
    std::fs::remove_file(dist.join("index.html")).expect("removed");
    assert_eq!(get(&service.url, "/").0, 404);
}

#[test]
fn the_departments_offer_is_on_the_page_only_when_set_and_escaped() {
    let index = std::fs::read_to_string("../index.html").expect("the widget's page");
    let offer_attribute = |body: &str| {
        ["data-rapid-assessment", "data-courses-", "data-contact-"].iter().any(|a| body.contains(a))
    };
    assert!(!offer_attribute(&index), "the widget's own page states no offer");

    // Without the settings the page carries none of the attributes.
    let mut plain = settings(temp_db("root-no-offer"), 100);
    plain.dist = dist_with("no-offer", &index);
    plain.department = Department { name: "Sở Công Thương".into(), ..Department::default() };
    let service = Service::start_settings(plain);
    let (status, _, body) = get(&service.url, "/");
    assert_eq!(status, 200);
    assert!(!offer_attribute(&body), "no offer without its settings: {body}");
    drop(service);

    // With them, each is added to the container, HTML-escaped; a blank one is not.
    let mut configured = settings(temp_db("root-offer"), 100);
    configured.dist = dist_with("offer", &index);
    configured.department = Department {
        rapid_assessment_free: "true".into(),
        rapid_assessment_days: "2-3".into(),
        courses_vi: "Lớp \"SXSH\" <b>hằng quý</b> & hội thảo".into(),
        courses_en: "Quarterly CP courses".into(),
        courses_url: "https://sct.example.gov.vn/tap-huan?a=1&b=2".into(),
        contact_name: "Nguyễn Văn A".into(),
        contact_phone: "0234 3822 000".into(),
        contact_email: "  ".into(),
        ..Department::default()
    };
    let service = Service::start_settings(configured);
    let added = " data-endpoint=\"/api/requests\" data-rapid-assessment-free=\"true\" \
                 data-rapid-assessment-days=\"2-3\" \
                 data-courses-vi=\"Lớp &quot;SXSH&quot; &lt;b&gt;hằng quý&lt;/b&gt; &amp; hội thảo\" \
                 data-courses-en=\"Quarterly CP courses\" \
                 data-courses-url=\"https://sct.example.gov.vn/tap-huan?a=1&amp;b=2\" \
                 data-contact-name=\"Nguyễn Văn A\" data-contact-phone=\"0234 3822 000\"";
    for path in ["/", "/index.html"] {
        let (status, _, body) = get(&service.url, path);
        assert_eq!(status, 200, "{path}");
        let start = body.find("<div id=\"sxsh-widget\"").expect("the widget's container");
        let tag = &body[start..=start + body[start..].find('>').expect("the tag ends")];
        assert!(tag.ends_with(&format!("{added}>")), "{path}: {tag}");
        assert!(!body.contains("data-contact-email"), "{path}: a blank setting adds nothing");
        assert!(!body.contains("<b>hằng"), "{path}: the courses stay text");
        assert_eq!(body.replacen(added, "", 1), index, "{path}: nothing else changes");
    }
}
