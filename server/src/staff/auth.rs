//! Who is at the staff pages: accounts with argon2 password hashes, the login form and its
//! per-address rate limit, sessions (random tokens in an HttpOnly, SameSite=Strict cookie,
//! stored with their CSRF token), logout, and the same-origin check on form posts.

use super::{forbidden, page};
use crate::AppState;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{ConnectInfo, Form, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use std::net::SocketAddr;

/// The session cookie's name.
const COOKIE: &str = "sxsh_staff";
/// How long a session lasts, in seconds (8 hours).
const SESSION_SECONDS: i64 = 8 * 3600;

fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Creates a staff account (the `create-staff` subcommand uses this).
pub fn create_staff(
    conn: &rusqlite::Connection,
    username: &str,
    password: &str,
) -> Result<(), String> {
    if username.trim().is_empty() || password.chars().count() < 12 {
        return Err(
            "the username must not be empty and the password needs at least 12 characters".into()
        );
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| e.to_string())?
        .to_string();
    conn.execute(
        "INSERT INTO staff (username, password_hash) VALUES (?1, ?2)",
        params![username.trim(), hash],
    )
    .map_err(|e| e.to_string())?;
    Ok(())
}

/// A logged-in staff member.
pub(super) struct Session {
    pub(super) username: String,
    pub(super) csrf: String,
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then(|| value.to_owned())
        })
}

/// The session behind a request's cookie, if it exists and has not expired.
pub(super) fn session(state: &AppState, headers: &HeaderMap) -> Option<Session> {
    let token = cookie_token(headers)?;
    let conn = state.db.lock().ok()?;
    conn.query_row(
        "SELECT staff.username, sessions.csrf FROM sessions JOIN staff ON staff.id = sessions.staff_id
         WHERE sessions.token = ?1 AND sessions.expires_at > ?2",
        params![token, now_seconds()],
        |r| Ok(Session { username: r.get(0)?, csrf: r.get(1)? }),
    )
    .optional()
    .ok()
    .flatten()
}

/// The session behind a form post, if its CSRF token matches and it comes from this site.
pub(super) fn form_session(state: &AppState, headers: &HeaderMap, csrf: &str) -> Option<Session> {
    session(state, headers).filter(|s| s.csrf == csrf && same_origin(headers))
}

/// Whether a form post comes from the staff pages themselves: its `Origin` (which browsers send
/// with every POST) names this host. This guards the login form, which has no session yet, and
/// backs up the CSRF token on every other form.
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => true,
        Some(origin) => host.is_some_and(|h| {
            origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(h)
        }),
    }
}

/// `GET /staff/login`.
pub(super) async fn login_form() -> Response {
    page(
        "Đăng nhập",
        "<h1>Đăng nhập cán bộ Sở / Staff login</h1><form method=\"post\" action=\"/staff/login\">\
         <label for=\"u\">Tên đăng nhập / Username</label><input id=\"u\" name=\"username\" autocomplete=\"username\" required>\
         <label for=\"p\">Mật khẩu / Password</label><input id=\"p\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
         <p><button type=\"submit\">Đăng nhập / Log in</button></p></form>",
    )
}

#[derive(Deserialize)]
pub(super) struct Login {
    username: String,
    password: String,
}

/// `POST /staff/login`: rate-limited per address; sets the session cookie.
pub(super) async fn login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(login): Form<Login>,
) -> Response {
    if !same_origin(&headers) {
        return forbidden();
    }
    if !crate::allow_in(&state.logins, client.ip(), 10) {
        return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "60")], "too many attempts")
            .into_response();
    }
    let found: Option<(i64, String)> = state.db.lock().ok().and_then(|conn| {
        conn.query_row(
            "SELECT id, password_hash FROM staff WHERE username = ?1",
            [login.username.trim()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .ok()
        .flatten()
    });
    let verified = found.filter(|(_, hash)| {
        PasswordHash::new(hash).is_ok_and(|parsed| {
            Argon2::default().verify_password(login.password.as_bytes(), &parsed).is_ok()
        })
    });
    let Some((staff_id, _)) = verified else {
        return page(
            "Đăng nhập",
            "<h1>Sai tên đăng nhập hoặc mật khẩu / Wrong username or password</h1><p><a href=\"/staff/login\">Thử lại / Try again</a></p>",
        );
    };
    let (Ok(token), Ok(csrf)) = (random_token(), random_token()) else { return forbidden() };
    let stored = state.db.lock().ok().map(|conn| {
        conn.execute(
            "INSERT INTO sessions (token, staff_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![token, staff_id, csrf, now_seconds() + SESSION_SECONDS],
        )
    });
    if !matches!(stored, Some(Ok(_))) {
        return forbidden();
    }
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{COOKIE}={token}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}{secure}"
    );
    let mut response = Redirect::to("/staff").into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

#[derive(Deserialize)]
pub(super) struct Csrf {
    csrf: String,
}

/// `POST /staff/logout`.
pub(super) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Csrf>,
) -> Response {
    let Some(s) = form_session(&state, &headers, &form.csrf) else { return forbidden() };
    if let (Some(token), Ok(conn)) = (cookie_token(&headers), state.db.lock()) {
        _ = conn.execute("DELETE FROM sessions WHERE token = ?1", [token]);
    }
    tracing::info!(staff = %s.username, "logged out");
    Redirect::to("/staff/login").into_response()
}
