//! Who is at the staff pages: the login form, its limits and back-off, sessions, logout, the
//! `Staff` extractor every other staff handler takes, and the same-origin check on form posts.
//!
//! - Passwords are argon2 hashes, checked on a blocking thread. An unknown username is checked
//!   against a dummy hash, so both answers take as long.
//! - Login attempts are limited per client address (`Settings::logins_per_minute`; the client
//!   behind a trusted proxy, see `client`), and per account: after `FREE_FAILURES` failures in a
//!   row the account is locked for a minute, doubling with each further failure up to an hour,
//!   and the login page says until when. A success resets the count.
//! - A browser that has logged in to an account before carries a device token (OWASP's
//!   "device cookie", 90 days, stored hashed): with it, that account's owner gets past the
//!   per-address limit, so an attacker sharing the address (an office NAT, a proxy without the
//!   trusted-proxy setting) cannot keep staff out. The account's own lock still applies.
//! - A session is a random token in an `HttpOnly; SameSite=Strict; Path=/` cookie, `Secure`
//!   with the `__Host-` prefix when the public origin is HTTPS. The database holds only the
//!   token's SHA-256. Logout deletes the session and clears the cookie.

use super::words::{chosen, words};
use super::{Frame, denied, render};
use crate::AppState;
use crate::audit::{self, Action};
use crate::client::Client;
use crate::db::{self, now_seconds, sha256_hex};
use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use askama::Template;
use axum::extract::{Form, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use std::marker::PhantomData;
use std::sync::OnceLock;
use sxsh_core::i18n::Lang;

/// How long a session lasts, in seconds (8 hours).
const SESSION_SECONDS: i64 = 8 * 3600;
/// How long a browser stays known by its device token, in seconds (90 days).
const DEVICE_SECONDS: i64 = 90 * 24 * 3600;
/// Failures in a row an account may have before it is locked.
pub(crate) const FREE_FAILURES: i64 = 5;
/// The longest lock, in seconds.
const LONGEST_LOCK: i64 = 3600;
/// The longest username and password read from the form.
const LONGEST_USERNAME: usize = 64;
const LONGEST_PASSWORD: usize = 1024;

/// The session cookie's name: with the `__Host-` prefix when it can be `Secure`.
fn cookie_name(https: bool) -> &'static str {
    if https { "__Host-sxsh_staff" } else { "sxsh_staff" }
}

/// The device cookie's name, prefixed in the same way.
fn device_cookie_name(https: bool) -> &'static str {
    if https { "__Host-sxsh_device" } else { "sxsh_device" }
}

/// A host-only, HttpOnly, SameSite=Strict cookie for the whole site, `Secure` over HTTPS.
fn cookie(name: &'static str, value: String, https: bool, seconds: i64) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(https)
        .max_age(cookie::time::Duration::seconds(seconds))
        .build()
}

/// Whether the browser's device token is one issued to `username` and still valid.
async fn known_device(state: &AppState, jar: &CookieJar, username: &str) -> Result<bool, AppError> {
    let Some(token) = jar.get(device_cookie_name(state.settings.https())) else {
        return Ok(false);
    };
    let hash = sha256_hex(token.value().as_bytes());
    let username = username.to_owned();
    state
        .db
        .read(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT 1 FROM devices JOIN staff ON staff.id = devices.staff_id
                     WHERE devices.token_hash = ?1 AND staff.username = ?2 AND devices.expires_at > ?3",
                    params![hash, username, now_seconds()],
                    |_| Ok(()),
                )
                .optional()?
                .is_some())
        })
        .await
}

pub(crate) fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("random: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// An argon2 hash of `password` (default parameters, random salt).
pub(crate) fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the stored `hash`.
fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash no password is checked against for real: unknown usernames are verified against it,
/// so an unknown name takes as long as a known one.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_password("sxsh dummy password, never issued").unwrap_or_else(|_| String::new())
    })
}

/// Failed logins under usernames that have no account, in governor's keyed limiter (swept every
/// minute): as with an account, the `FREE_FAILURES`th failure in a row locks the name for about
/// a minute, and after that one try a minute fails.
pub struct UnknownNames {
    failures: governor::DefaultKeyedRateLimiter<String>,
}

impl UnknownNames {
    pub fn new() -> UnknownNames {
        // The failure that finds the burst spent is the locking one.
        let burst = std::num::NonZeroU32::new(FREE_FAILURES as u32 - 1)
            .unwrap_or(std::num::NonZeroU32::MIN);
        UnknownNames {
            failures: governor::DefaultKeyedRateLimiter::keyed(
                governor::Quota::per_minute(std::num::NonZeroU32::MIN).allow_burst(burst),
            ),
        }
    }

    /// Counts a failure under `username`; the seconds it is now "locked" for, if it is.
    fn fail(&self, username: &str) -> Option<i64> {
        use governor::clock::{Clock, DefaultClock};
        self.failures.check_key(&username.to_lowercase()).err().map(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now()).as_secs();
            i64::try_from(wait).unwrap_or(LONGEST_LOCK).clamp(1, LONGEST_LOCK)
        })
    }

    /// Forgets the names whose count is back to nothing.
    pub fn sweep(&self) {
        self.failures.retain_recent();
        self.failures.shrink_to_fit();
    }
}

impl Default for UnknownNames {
    fn default() -> UnknownNames {
        UnknownNames::new()
    }
}

/// A staff account's role: which part of the workspace it works in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Handles requests: the list, statuses, notes, assignment, exports, the processing log.
    Officer,
    /// Visits the enterprises: only the requests assigned to them, and their assessment
    /// records.
    Assessor,
    /// Manages the accounts; sees no request.
    Admin,
}

impl Role {
    /// Every role, in the order of `Words::roles`.
    pub const ALL: [Role; 3] = [Role::Officer, Role::Assessor, Role::Admin];

    /// The role as stored (`staff.role`) and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Assessor => "assessor",
            Role::Admin => "admin",
        }
    }

    /// Reads a stored or typed role.
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text.trim())
    }

    /// Where the role's work starts: the request list, or the accounts for an administrator.
    pub fn home(self) -> &'static str {
        match self {
            Role::Officer | Role::Assessor => "/staff",
            Role::Admin => "/staff/accounts",
        }
    }

    /// The role in words, in `lang`.
    pub fn word(self, lang: Lang) -> &'static str {
        words(lang).roles[self as usize]
    }
}

/// A logged-in staff member, taken from the session cookie, with the language they read in.
/// Pages without a session redirect to the login; downloads and form posts are refused with
/// 403. Which parts a role may use is `Allowed`'s business.
#[derive(Clone, Debug)]
pub struct Staff {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub csrf: String,
    pub lang: Lang,
}

impl Staff {
    /// Refuses a form post unless it carries this session's CSRF token and comes from the
    /// service's own origin.
    pub(crate) fn check_form(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        csrf: &str,
    ) -> Result<(), AppError> {
        if self.csrf == csrf && same_origin(state, headers) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Staff, Response> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar.get(cookie_name(state.settings.https())).map(|c| c.value().to_owned());
        let lang = chosen(&parts.headers);
        let found = match token {
            Some(token) => session(state, &token, lang).await.unwrap_or_else(|why| {
                tracing::error!(?why, "reading a session failed");
                None
            }),
            None => None,
        };
        found.ok_or_else(|| {
            let page = parts.method == axum::http::Method::GET
                && !parts.uri.path().rsplit('/').next().is_some_and(|last| last.contains('.'));
            if page {
                Redirect::to("/staff/login").into_response()
            } else {
                AppError::Forbidden.into_response()
            }
        })
    }
}

/// A part of the workspace: the roles that may use it.
pub trait Part {
    const ROLES: &'static [Role];
}

/// Officers alone: statuses, notes, assignment, corrections, erasure, the CSV export.
pub struct Officers;
/// Assessors alone: recording their assessments.
pub struct Assessors;
/// Administrators alone: the accounts.
pub struct Admins;
/// Officers and assessors: reading requests (an assessor only those assigned to them, which
/// the handler checks with `store::visible`) and their reports.
pub struct Casework;
/// Officers and administrators: the processing log.
pub struct Oversight;

impl Part for Officers {
    const ROLES: &'static [Role] = &[Role::Officer];
}
impl Part for Assessors {
    const ROLES: &'static [Role] = &[Role::Assessor];
}
impl Part for Admins {
    const ROLES: &'static [Role] = &[Role::Admin];
}
impl Part for Casework {
    const ROLES: &'static [Role] = &[Role::Officer, Role::Assessor];
}
impl Part for Oversight {
    const ROLES: &'static [Role] = &[Role::Officer, Role::Admin];
}

/// The guard: a logged-in staff member whose role may use part `P`. Anyone else logged in gets
/// the 403 page ("not part of your role's work") in their language; anyone not logged in, what
/// `Staff` answers.
pub struct Allowed<P: Part>(pub Staff, pub PhantomData<P>);

impl<P: Part> FromRequestParts<AppState> for Allowed<P> {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Allowed<P>, Response> {
        let staff = Staff::from_request_parts(parts, state).await?;
        if P::ROLES.contains(&staff.role) {
            Ok(Allowed(staff, PhantomData))
        } else {
            tracing::info!(
                actor = staff.username,
                role = staff.role.as_str(),
                path = parts.uri.path(),
                "refused: another role's part"
            );
            Err(denied(state, staff))
        }
    }
}

/// The reader's language on a page without a session (the login): the `lang` cookie.
pub struct Reader(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for Reader {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Reader, Self::Rejection> {
        Ok(Reader(chosen(&parts.headers)))
    }
}

/// A stored role (the column's CHECK allows only the three; anything else fails the read
/// rather than grant a role).
pub(crate) fn role_column(r: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Role> {
    let text: String = r.get(column)?;
    Role::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("unknown role {text}").into(),
        )
    })
}

/// The session behind a token, if it exists, has not expired and its account is enabled.
async fn session(state: &AppState, token: &str, lang: Lang) -> Result<Option<Staff>, AppError> {
    let hash = sha256_hex(token.as_bytes());
    state
        .db
        .read(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT staff.id, staff.username, staff.role, sessions.csrf FROM sessions
                     JOIN staff ON staff.id = sessions.staff_id
                     WHERE sessions.token_hash = ?1 AND sessions.expires_at > ?2 AND staff.disabled = 0",
                    params![hash, now_seconds()],
                    |r| {
                        Ok(Staff {
                            id: r.get(0)?,
                            username: r.get(1)?,
                            role: role_column(r, 2)?,
                            csrf: r.get(3)?,
                            lang,
                        })
                    },
                )
                .optional()?)
        })
        .await
}

/// Whether a post comes from the service's own pages: its `Origin` (which browsers send with
/// every POST) is one of the configured public origins, scheme and port included. A post with
/// no `Origin` comes from no browser page and is let through to the CSRF check.
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    match headers.get(header::ORIGIN).map(|o| o.to_str()) {
        None => true,
        Some(Ok(origin)) => {
            state.settings.public_origins.iter().any(|o| o.eq_ignore_ascii_case(origin))
        }
        Some(Err(_)) => false,
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    frame: Frame,
    notice: Option<String>,
}

/// `GET /staff/login`.
pub(super) async fn login_form(
    State(state): State<AppState>,
    Reader(lang): Reader,
) -> Result<Response, AppError> {
    render(&LoginPage { frame: Frame::public(&state, lang, "/staff/login"), notice: None })
}

fn login_again(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    notice: String,
) -> Result<Response, AppError> {
    let frame = Frame::public(state, lang, "/staff/login");
    let mut response = render(&LoginPage { frame, notice: Some(notice) })?;
    *response.status_mut() = status;
    Ok(response)
}

#[derive(Deserialize)]
pub(super) struct Login {
    username: String,
    password: String,
}

/// The account behind a username, as the login needs it.
struct Account {
    id: i64,
    role: Role,
    hash: String,
    disabled: bool,
    locked_until: i64,
}

/// What checking a login found.
enum Verdict {
    Admitted(i64, Role),
    Refused,
    Locked(i64),
}

/// How long an account is locked after `failures` in a row: none up to `FREE_FAILURES`, then
/// one minute, doubling with each further failure, at most an hour.
pub(crate) fn lock_seconds(failures: i64) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = u32::try_from(failures - FREE_FAILURES).unwrap_or(u32::MAX).min(6);
    (60_i64 << doublings).min(LONGEST_LOCK)
}

/// `HH:MM dd/mm/yyyy` in Vietnam's time, for the lockout notice.
fn vietnam_time(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| sxsh_core::dates::day_time(&db::iso(t)))
        .unwrap_or_default()
}

/// `POST /staff/login`: limited per address and per account; sets the session cookie.
pub(super) async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    Reader(lang): Reader,
    headers: HeaderMap,
    jar: CookieJar,
    Form(login): Form<Login>,
) -> Result<Response, AppError> {
    if !same_origin(&state, &headers) {
        return Err(AppError::Forbidden);
    }
    let username: String = login.username.trim().chars().take(LONGEST_USERNAME).collect();
    let known = known_device(&state, &jar, &username).await?;
    if let (Err(wait), false) = (state.logins.check(client), known) {
        let mut response = login_again(
            &state,
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            words(lang).login_too_many.replace("{wait}", &wait.to_string()),
        )?;
        if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Ok(response);
    }
    let password: String = login.password.chars().take(LONGEST_PASSWORD).collect();
    let lookup = username.clone();
    let account = state
        .db
        .read(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT id, password_hash, disabled, locked_until, role FROM staff WHERE username = ?1",
                    [lookup],
                    |r| {
                        Ok(Account {
                            id: r.get(0)?,
                            hash: r.get(1)?,
                            disabled: r.get(2)?,
                            locked_until: r.get(3)?,
                            role: role_column(r, 4)?,
                        })
                    },
                )
                .optional()?)
        })
        .await?;
    let now = now_seconds();
    // The hash is checked on a blocking thread (the dummy hash is made there too, the first
    // time), at most `heavy_jobs` at once.
    let permit =
        state.heavy.clone().acquire_owned().await.map_err(|e| AppError::Internal(e.to_string()))?;
    let hash = account.as_ref().map(|a| a.hash.clone());
    let matches = tokio::task::spawn_blocking(move || {
        let matches = match &hash {
            Some(hash) => verify(&password, hash),
            None => verify(&password, dummy_hash()),
        };
        drop(permit);
        matches
    })
    .await?;
    // A lock is looked at only now, after the hash, so a locked account, an open one and an
    // unknown name take as long. The browser the account's owner logged in from before gets
    // past the lock: a stranger cannot keep staff out by failing on purpose.
    let verdict = match account {
        Some(a) if a.locked_until > now && !known => {
            record(&state, &username, Action::LoginLocked).await;
            return login_again(
                &state,
                lang,
                StatusCode::TOO_MANY_REQUESTS,
                locked_notice(lang, a.locked_until),
            );
        }
        Some(a) if matches && !a.disabled => Verdict::Admitted(a.id, a.role),
        Some(a) => {
            // Counted in the database, so failures at the same moment each count; a run of
            // failures ends when none came for `LONGEST_LOCK`.
            let locked_until = state
                .db
                .write(move |conn| {
                    let failures: i64 = conn.query_row(
                        "UPDATE staff SET failed_logins = CASE WHEN ?2 - last_failed_at > ?3 THEN 1
                             ELSE failed_logins + 1 END, last_failed_at = ?2
                         WHERE id = ?1 RETURNING failed_logins",
                        params![a.id, now, LONGEST_LOCK],
                        |r| r.get(0),
                    )?;
                    let locked_until = match lock_seconds(failures) {
                        0 => 0,
                        seconds => now + seconds,
                    };
                    conn.execute(
                        "UPDATE staff SET locked_until = ?1 WHERE id = ?2",
                        params![locked_until, a.id],
                    )?;
                    Ok(locked_until)
                })
                .await?;
            if locked_until > 0 { Verdict::Locked(locked_until) } else { Verdict::Refused }
        }
        // An unknown name locks as an account does (after `FREE_FAILURES`), so the notice does
        // not tell which names exist.
        None => match state.unknown_names.fail(&username) {
            Some(seconds) => Verdict::Locked(now + seconds),
            None => Verdict::Refused,
        },
    };
    let (staff_id, role) = match verdict {
        Verdict::Admitted(id, role) => (id, role),
        Verdict::Refused => {
            record(&state, &username, Action::LoginFailed).await;
            return login_again(&state, lang, StatusCode::OK, words(lang).login_wrong.into());
        }
        Verdict::Locked(until) => {
            record(&state, &username, Action::LoginFailed).await;
            return login_again(
                &state,
                lang,
                StatusCode::TOO_MANY_REQUESTS,
                locked_notice(lang, until),
            );
        }
    };
    let (token, csrf, device) = (random_token()?, random_token()?, random_token()?);
    let token_hash = sha256_hex(token.as_bytes());
    let device_hash = sha256_hex(device.as_bytes());
    let actor = username.clone();
    state
        .db
        .write(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "UPDATE staff SET failed_logins = 0, locked_until = 0 WHERE id = ?1",
                [staff_id],
            )?;
            tx.execute(
                "INSERT INTO sessions (token_hash, staff_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, staff_id, csrf, now_seconds() + SESSION_SECONDS],
            )?;
            tx.execute(
                "INSERT INTO devices (token_hash, staff_id, expires_at) VALUES (?1, ?2, ?3)",
                params![device_hash, staff_id, now_seconds() + DEVICE_SECONDS],
            )?;
            audit::record(&tx, &db::utc_now().1, &actor, Action::LoginSucceeded, None)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    let https = state.settings.https();
    let jar = jar.add(cookie(cookie_name(https), token, https, SESSION_SECONDS)).add(cookie(
        device_cookie_name(https),
        device,
        https,
        DEVICE_SECONDS,
    ));
    Ok((jar, Redirect::to(role.home())).into_response())
}

fn locked_notice(lang: Lang, until: i64) -> String {
    words(lang).login_locked.replace("{at}", &vietnam_time(until))
}

/// Records a login event, for an existing account under its name, otherwise as `unknown`
/// (a mistyped name may be a password).
async fn record(state: &AppState, username: &str, action: Action) {
    let username = username.to_owned();
    let done = state
        .db
        .write(move |conn| {
            let known: bool = conn
                .query_row("SELECT 1 FROM staff WHERE username = ?1", [&username], |_| Ok(true))
                .optional()?
                .unwrap_or(false);
            let actor = if known { username.as_str() } else { "unknown" };
            Ok(audit::record(conn, &db::utc_now().1, actor, action, None)?)
        })
        .await;
    if let Err(why) = done {
        tracing::error!(?why, "the audit log was not written");
    }
}

#[derive(Deserialize)]
pub(super) struct Csrf {
    csrf: String,
}

/// `POST /staff/logout`: ends the session and clears its cookie.
pub(super) async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<Csrf>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let name = cookie_name(state.settings.https());
    if let Some(token) = jar.get(name).map(|c| sha256_hex(c.value().as_bytes())) {
        let actor = staff.username.clone();
        state
            .db
            .write(move |conn| {
                conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token])?;
                Ok(audit::record(conn, &db::utc_now().1, &actor, Action::Logout, None)?)
            })
            .await?;
    }
    let jar = jar.remove(cookie(name, String::new(), state.settings.https(), 0));
    Ok((jar, Redirect::to("/staff/login")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_name_locks_at_the_fifth_failure_as_an_account_does() {
        let names = UnknownNames::new();
        for _ in 1..FREE_FAILURES {
            assert_eq!(names.fail("nobody"), None);
        }
        let locked = names.fail("NoBody").expect("the fifth failure locks");
        assert!((1..=60).contains(&locked), "{locked}");
        assert_eq!(names.fail("somebody"), None, "each name counts apart");
    }

    #[test]
    fn an_account_locks_after_five_failures_doubling_to_an_hour() {
        assert_eq!(lock_seconds(0), 0);
        assert_eq!(lock_seconds(4), 0);
        assert_eq!(lock_seconds(5), 60);
        assert_eq!(lock_seconds(6), 120);
        assert_eq!(lock_seconds(10), 1920);
        assert_eq!(lock_seconds(11), 3600);
        assert_eq!(lock_seconds(1000), 3600);
    }
}
