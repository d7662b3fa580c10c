//! The intake service over real HTTP against a real SQLite file.

use crate::common::{Service, agent, announced_too_large, sample, temp_db};
use sxsh_core::assessment::Draft;
use sxsh_core::request::AssessmentRequest;
use sxsh_server::db;

fn post(url: &str, content_type: &str, body: &str) -> (u16, String, ureq::http::HeaderMap) {
    let mut response = agent()
        .post(&format!("{url}/api/requests"))
        .header("Content-Type", content_type)
        .send(body)
        .expect("the service answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, response.body_mut().read_to_string().unwrap_or_default(), headers)
}

/// The status line the service answers to a body announced larger than a request can be, sent
/// before any of the body (so neither side's buffers decide the outcome).
fn post_json(url: &str, request: &AssessmentRequest) -> (u16, serde_json::Value) {
    let (status, body, _) =
        post(url, "application/json", &serde_json::to_string(request).expect("serialises"));
    (status, serde_json::from_str(&body).expect("JSON answer"))
}

#[test]
fn a_valid_request_gets_a_receipt_and_one_row_with_recomputed_results() {
    let service = Service::start(temp_db("valid"), 100);
    let mut request = sample("0f6b1d6e-2c52-4d5a-9a1e-7c3b2f1e0a01");
    // A forged result must not be stored: the service recomputes.
    let forged =
        sxsh_core::export::AssessmentResults::of(sxsh_core::checklist::active(), &Draft::default());
    request.assessment.results = Some(forged);
    let (status, body) = post_json(&service.url, &request);
    assert_eq!(status, 201, "{body}");
    let receipt = body["receipt"].as_str().expect("a receipt");
    assert!(receipt.starts_with("SXSH-20") && receipt.ends_with("-0001"), "{receipt}");
    assert_eq!(service.rows(), 1);
    let conn = db::open(&service.database).expect("open");
    let (results, assessment): (String, String) = conn
        .query_row("SELECT results_json, assessment_json FROM requests", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("row");
    let results: serde_json::Value = serde_json::from_str(&results).expect("JSON");
    assert_eq!(results["savings"]["actions"][0]["question"], "energy.lighting.led");
    assert!(!assessment.contains("\"results\""), "client results are dropped");
}

#[test]
fn a_retry_with_the_same_key_gets_the_same_receipt_and_no_new_row() {
    let service = Service::start(temp_db("retry"), 100);
    let request = sample("9b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d");
    let (first, a) = post_json(&service.url, &request);
    let (second, b) = post_json(&service.url, &request);
    assert_eq!((first, second), (201, 200));
    assert_eq!(a["receipt"], b["receipt"]);
    assert_eq!(b["duplicate"], true);
    assert_eq!(service.rows(), 1);
}

#[test]
fn an_idempotency_key_header_that_differs_from_the_body_is_refused() {
    let service = Service::start(temp_db("key-header"), 100);
    let request = sample("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a");
    let send = |key: &str| {
        let mut response = agent()
            .post(&format!("{}/api/requests", service.url))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .send(serde_json::to_string(&request).expect("serialises"))
            .expect("the service answers");
        (response.status().as_u16(), response.body_mut().read_to_string().unwrap_or_default())
    };
    let (status, body) = send("00000000-0000-4000-8000-000000000000");
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("key_mismatch"), "{body}");
    assert_eq!(service.rows(), 0);
    assert_eq!(send(&request.idempotency_key).0, 201);
    assert_eq!(service.rows(), 1);
}

#[test]
fn each_invalid_field_is_named_and_nothing_is_stored() {
    let service = Service::start(temp_db("invalid"), 100);
    let mut request = sample("short");
    request.contact.email = "an@".into();
    request.contact.phone = String::new();
    request.consent.request = false;
    let (status, body) = post_json(&service.url, &request);
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["idempotency_key", "contact.phone", "contact.email", "consent.request"]);
    assert!(body["errors"][0]["vi"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(service.rows(), 0);
}

#[test]
fn bad_bodies_are_refused_with_the_right_status_and_no_internals() {
    let service = Service::start(temp_db("bad"), 100);
    let (status, body, headers) = post(&service.url, "text/plain", "{}");
    assert_eq!(status, 415, "{body}");
    assert_eq!(
        headers.get("x-content-type-options").and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    assert!(headers.get("content-security-policy").is_some());
    assert_eq!(post(&service.url, "application/json", "{not json").0, 400);
    assert_eq!(announced_too_large(&service, "/api/requests", 600 * 1024), "HTTP/1.1 413");
    let mut future =
        serde_json::to_value(sample("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")).expect("JSON");
    future["version"] = 2.into();
    let (status, body, _) = post(&service.url, "application/json", &future.to_string());
    assert_eq!(status, 422);
    assert!(body.contains("unsupported_version"));
    let (status, body, _) =
        post(&service.url, "application/json", r#"{"kind":"sxsh-assessment-request","version":1}"#);
    assert_eq!(status, 422);
    for leak in ["rusqlite", "SQL", "panicked", "src/"] {
        assert!(!body.contains(leak), "{body}");
    }
    assert_eq!(service.rows(), 0);
}

#[test]
fn fifty_concurrent_requests_give_fifty_rows_and_fifty_receipts_and_survive_a_restart() {
    let database = temp_db("concurrent");
    let service = Service::start(database.clone(), 1_000);
    let url = service.url.clone();
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                post_json(&url, &sample(&format!("c0ffee00-0000-4000-8000-{i:012}")))
            })
        })
        .collect();
    let mut receipts: Vec<String> = threads
        .into_iter()
        .map(|t| {
            let (status, body) = t.join().expect("thread");
            assert_eq!(status, 201, "{body}");
            body["receipt"].as_str().expect("receipt").to_owned()
        })
        .collect();
    receipts.sort();
    receipts.dedup();
    assert_eq!(receipts.len(), 50);
    assert_eq!(service.rows(), 50);
    drop(service);

    let restarted = Service::start(database, 1_000);
    assert_eq!(restarted.rows(), 50);
    let (status, body) = post_json(&restarted.url, &sample("c0ffee00-0000-4000-8000-999999999999"));
    assert_eq!(status, 201);
    assert!(body["receipt"].as_str().is_some_and(|r| r.ends_with("-0051")), "{body}");
}

#[test]
fn a_client_over_the_rate_limit_is_told_when_to_retry() {
    let service = Service::start(temp_db("rate"), 3);
    for i in 0..3 {
        assert_eq!(
            post_json(&service.url, &sample(&format!("aaaaaaaa-0000-4000-8000-{i:012}"))).0,
            201
        );
    }
    let (status, _, headers) = post(&service.url, "application/json", "{}");
    assert_eq!(status, 429);
    // Three a minute: the next one is allowed 20 s after the first.
    let wait: u64 = headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=20).contains(&wait), "{wait}");
}

#[test]
fn every_kind_of_response_carries_the_security_headers() {
    let service = Service::start(temp_db("headers"), 100);
    let check = |what: &str, headers: &ureq::http::HeaderMap| {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
        let csp = header("content-security-policy");
        for directive in
            ["default-src 'self'", "frame-ancestors 'self'", "object-src 'none'", "base-uri 'none'"]
        {
            assert!(csp.contains(directive), "{what}: {csp}");
        }
        assert!(
            !csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"),
            "{what}: {csp}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
        assert_eq!(header("referrer-policy"), "same-origin", "{what}");
    };
    for path in
        ["/health", "/staff/login", "/staff", "/no-such-page", "/fonts/NotoSans-Regular-vi.ttf"]
    {
        let response = agent().get(&format!("{}{path}", service.url)).call().expect("answer");
        check(path, response.headers());
    }
    let (_, _, headers) = post(&service.url, "application/json", "{not json");
    check("a refused request", &headers);
    let (status, _, headers) = post(
        &service.url,
        "application/json",
        &serde_json::to_string(&sample("2b3c4d5e-6f70-4a8b-9c0d-1e2f3a4b5c6d")).expect("JSON"),
    );
    assert_eq!(status, 201);
    check("an accepted request", &headers);
}

#[test]
fn cors_allows_only_the_listed_origins() {
    let service = Service::start(temp_db("cors"), 100);
    let preflight = |origin: &str| {
        let response = agent()
            .options(&format!("{}/api/requests", service.url))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .call()
            .expect("answer");
        // A cache must keep answers for different origins apart, refusals included.
        let vary = response.headers().get_all("vary").iter().filter_map(|v| v.to_str().ok());
        assert!(vary.map(str::to_ascii_lowercase).any(|v| v.contains("origin")), "{origin}");
        response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(preflight("https://sct.hue.gov.vn").as_deref(), Some("https://sct.hue.gov.vn"));
    assert_eq!(preflight("https://evil.example"), None);
    let answer = agent()
        .post(&format!("{}/api/requests", service.url))
        .header("Origin", "https://sct.hue.gov.vn")
        .header("Content-Type", "application/json")
        .send("{")
        .expect("answer");
    assert_eq!(
        answer.headers().get("access-control-expose-headers").and_then(|v| v.to_str().ok()),
        Some("retry-after"),
        "a cross-origin widget can read Retry-After"
    );
    let mut health = agent().get(&format!("{}/health", service.url)).call().expect("health");
    assert_eq!(health.status().as_u16(), 200);
    assert!(health.body_mut().read_to_string().unwrap_or_default().contains("ok"));
}

/// Decodes quoted-printable text (RFC 2045 §6.7): soft line breaks and `=XX` bytes.
fn quoted_printable(text: &str) -> String {
    let text = text.replace("=\r\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_new_request_is_emailed_to_staff_once_when_smtp_is_configured() {
    use std::io::{BufRead, BufReader, Write};
    // A minimal SMTP server on loopback that records what it receives.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let (got, received) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut writer = stream.try_clone().expect("clone");
            let mut reader = BufReader::new(stream);
            let mut transcript = String::new();
            writer.write_all(b"220 test\r\n").expect("greet");
            let mut in_data = false;
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                transcript.push_str(&line);
                let reply: &[u8] = if in_data {
                    if line == ".\r\n" {
                        in_data = false;
                        b"250 queued\r\n"
                    } else {
                        b""
                    }
                } else if line.starts_with("DATA") {
                    in_data = true;
                    b"354 go\r\n"
                } else if line.starts_with("QUIT") {
                    writer.write_all(b"221 bye\r\n").expect("reply");
                    break;
                } else {
                    b"250 ok\r\n"
                };
                writer.write_all(reply).expect("reply");
                line.clear();
            }
            _ = got.send(transcript);
        }
    });
    let smtp = sxsh_server::notify::Smtp {
        host: "127.0.0.1".into(),
        port,
        from: "sxsh@example.gov.vn".into(),
        to: vec!["canbo@example.gov.vn".into()],
        security: sxsh_server::notify::Security::None,
        login: None,
        timeout: sxsh_server::notify::TIMEOUT,
    };
    let service = Service::start_with(temp_db("smtp"), 100, Some(smtp));
    let request = sample("e3a11e3a-0000-4000-8000-000000000001");
    let (status, body) = post_json(&service.url, &request);
    assert_eq!(status, 201);
    let mail =
        received.recv_timeout(std::time::Duration::from_secs(10)).expect("an e-mail is sent");
    assert!(mail.contains("RCPT TO:<canbo@example.gov.vn>"));
    assert!(mail.contains(body["receipt"].as_str().expect("receipt")));
    // RFC 5322 headers, and the body in quoted-printable UTF-8.
    assert!(mail.contains("\r\nDate: ") && mail.contains("\r\nMessage-ID: <"), "{mail}");
    assert!(mail.contains("Content-Transfer-Encoding: quoted-printable"), "{mail}");
    assert!(quoted_printable(&mail).contains("Công ty Dệt Phú Bài"), "{mail}");
    assert!(!mail.contains("an@detphubai.vn"), "no personal data in the e-mail");
    // A retry stores nothing new and sends no second e-mail.
    assert_eq!(post_json(&service.url, &request).0, 200);
    assert!(received.recv_timeout(std::time::Duration::from_secs(1)).is_err());
}

#[test]
fn settings_come_from_a_file_and_the_environment_overrides_it() {
    let file = "listen = \"127.0.0.1:9099\"\ndatabase = \"/tmp/from-file.sqlite3\"\nallowed_origins = [\"https://sct.hue.gov.vn\"]\n\
                [department]\nname = \"Sở Công Thương thành phố Huế\"\nemail = \"sxsh@example.gov.vn\"\n\
                [smtp]\nhost = \"127.0.0.1\"\nfrom = \"sxsh@example.gov.vn\"\nto = [\"canbo@example.gov.vn\"]\n";
    let env = |name: &str| (name == "SXSH_DATABASE").then(|| "/tmp/from-env.sqlite3".to_owned());
    let s = sxsh_server::Settings::from_sources(Some(file), env).expect("valid settings");
    assert_eq!(s.listen.to_string(), "127.0.0.1:9099");
    assert_eq!(
        s.database,
        std::path::PathBuf::from("/tmp/from-env.sqlite3"),
        "the environment wins"
    );
    assert_eq!(s.allowed_origins, ["https://sct.hue.gov.vn"]);
    assert_eq!(s.department.name, "Sở Công Thương thành phố Huế");
    assert_eq!(s.smtp.as_ref().map(|m| (m.host.as_str(), m.port)), Some(("127.0.0.1", 25)));
    assert_eq!(s.public_origins, ["http://127.0.0.1:9099", "http://localhost:9099"]);
    assert!(!s.https(), "no Secure cookies over plain HTTP");
    let proxied = sxsh_server::Settings::from_sources(Some(file), |name| match name {
        "SXSH_PUBLIC_ORIGIN" => Some("https://SXSH.sct.hue.gov.vn/".into()),
        "SXSH_TRUSTED_PROXIES" => Some("10.0.0.2, ::1".into()),
        _ => None,
    })
    .expect("valid settings");
    assert_eq!(proxied.public_origins, ["https://sxsh.sct.hue.gov.vn"]);
    assert!(proxied.https(), "Secure cookies behind an HTTPS proxy");
    assert_eq!(proxied.trusted_proxies.len(), 2);
    let bad = sxsh_server::Settings::from_sources(None, |name| {
        (name == "SXSH_PUBLIC_ORIGIN").then(|| "sxsh.example/path".into())
    });
    assert!(bad.is_err(), "an origin needs a scheme and no path");
    let unknown = sxsh_server::Settings::from_sources(Some("lisen = \"x\""), |_| None);
    assert!(
        unknown.is_err_and(|e| e.contains("lisen")),
        "a misspelt setting is refused, not ignored"
    );
}
