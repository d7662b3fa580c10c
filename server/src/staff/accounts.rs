//! The account work shared by the administrator's commands (`sxsh_server create-staff`,
//! `set-role`, `list-staff`, `disable-staff`, `enable-staff`, `reset-password`,
//! `revoke-sessions`) and pages (`admin`): plain functions on a connection, so main.rs and the
//! handlers only wire arguments to them; a refusal says why in Vietnamese or English. A password must be at least 12
//! characters with at least 6 different ones, must not contain the username, and must not be a
//! well-known password.

use super::auth::{Role, hash_password, role_column};
use crate::db::now_seconds;
use rusqlite::{Connection, params};
use sxsh_core::i18n::Lang;

/// The shortest password accepted.
const SHORTEST_PASSWORD: usize = 12;
/// The fewest different characters a password must have.
const FEWEST_DISTINCT: usize = 6;
/// Passwords (or their cores) that every guessing list tries first.
const WELL_KNOWN: [&str; 12] = [
    "password",
    "matkhau",
    "123456",
    "qwerty",
    "abc123",
    "admin",
    "letmein",
    "welcome",
    "iloveyou",
    "sxsh",
    "123456789",
    "passw0rd",
];

/// Why an account command is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    ShortPassword,
    FewDistinct,
    ContainsUsername,
    WellKnown,
    BadUsername,
    Exists(String),
    NoAccount(String),
    /// The database or the hash failed.
    Failed(String),
}

impl Refusal {
    /// The reason in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Refusal::ShortPassword, Lang::Vi) => {
                format!("Mật khẩu cần ít nhất {SHORTEST_PASSWORD} ký tự.")
            }
            (Refusal::ShortPassword, Lang::En) => {
                format!("the password needs at least {SHORTEST_PASSWORD} characters")
            }
            (Refusal::FewDistinct, Lang::Vi) => {
                format!("Mật khẩu cần ít nhất {FEWEST_DISTINCT} ký tự khác nhau.")
            }
            (Refusal::FewDistinct, Lang::En) => {
                format!("the password needs at least {FEWEST_DISTINCT} different characters")
            }
            (Refusal::ContainsUsername, Lang::Vi) => {
                "Mật khẩu không được chứa tên đăng nhập.".into()
            }
            (Refusal::ContainsUsername, Lang::En) => {
                "the password must not contain the username".into()
            }
            (Refusal::WellKnown, Lang::Vi) => "Đây là mật khẩu phổ biến, dễ bị đoán.".into(),
            (Refusal::WellKnown, Lang::En) => "the password is a well-known one".into(),
            (Refusal::BadUsername, Lang::Vi) => {
                "Tên đăng nhập gồm 1–64 chữ cái, chữ số hoặc . _ - @.".into()
            }
            (Refusal::BadUsername, Lang::En) => {
                "the username needs 1–64 letters, digits or . _ - @".into()
            }
            (Refusal::Exists(name), Lang::Vi) => format!("Tên đăng nhập {name} đã có."),
            (Refusal::Exists(name), Lang::En) => format!("{name} exists already"),
            (Refusal::NoAccount(name), Lang::Vi) => format!("Không có tài khoản {name}."),
            (Refusal::NoAccount(name), Lang::En) => format!("no account {name}"),
            (Refusal::Failed(why), _) => why.clone(),
        }
    }
}

/// In English, as the commands print it.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// For the commands, which report in English.
impl From<Refusal> for String {
    fn from(refusal: Refusal) -> String {
        refusal.to_string()
    }
}

impl From<rusqlite::Error> for Refusal {
    fn from(e: rusqlite::Error) -> Refusal {
        Refusal::Failed(e.to_string())
    }
}

/// Why a password is refused, if it is.
pub fn password_problem(username: &str, password: &str) -> Option<Refusal> {
    let chars: Vec<char> = password.chars().collect();
    if chars.len() < SHORTEST_PASSWORD {
        return Some(Refusal::ShortPassword);
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < FEWEST_DISTINCT {
        return Some(Refusal::FewDistinct);
    }
    let lower = password.to_lowercase();
    if !username.trim().is_empty() && lower.contains(&username.trim().to_lowercase()) {
        return Some(Refusal::ContainsUsername);
    }
    let core: String = lower.chars().filter(char::is_ascii_alphanumeric).collect();
    if WELL_KNOWN.iter().any(|w| core == *w || core.trim_end_matches(char::is_numeric) == *w) {
        return Some(Refusal::WellKnown);
    }
    None
}

fn valid_username(username: &str) -> Result<&str, Refusal> {
    let name = username.trim();
    if name.is_empty()
        || name.chars().count() > 64
        || !name.chars().all(|c| c.is_alphanumeric() || "._-@".contains(c))
    {
        return Err(Refusal::BadUsername);
    }
    Ok(name)
}

/// Creates a staff account with `role`.
pub fn create_staff(
    conn: &Connection,
    username: &str,
    password: &str,
    role: Role,
) -> Result<(), Refusal> {
    let name = valid_username(username)?;
    if let Some(problem) = password_problem(name, password) {
        return Err(problem);
    }
    let hash = hash_password(password).map_err(Refusal::Failed)?;
    conn.execute(
        "INSERT INTO staff (username, password_hash, role) VALUES (?1, ?2, ?3)",
        params![name, hash, role.as_str()],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Refusal::Exists(name.to_owned()),
        _ => Refusal::from(e),
    })?;
    Ok(())
}

/// One account, as `list-staff` and the accounts page show it.
#[derive(Debug, PartialEq, Eq)]
pub struct AccountLine {
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    /// Locked after failed logins until this Unix time (0: not locked).
    pub locked_until: i64,
    pub sessions: i64,
}

/// Every account with its state and open sessions.
pub fn list_staff(conn: &Connection) -> Result<Vec<AccountLine>, Refusal> {
    let mut statement = conn.prepare(
        "SELECT username, disabled, locked_until,
                (SELECT COUNT(*) FROM sessions WHERE staff_id = staff.id AND expires_at > ?1),
                role
         FROM staff ORDER BY username",
    )?;
    Ok(statement
        .query_map([now_seconds()], |r| {
            Ok(AccountLine {
                username: r.get(0)?,
                disabled: r.get(1)?,
                locked_until: r.get(2)?,
                sessions: r.get(3)?,
                role: role_column(r, 4)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

fn changed(rows: usize, username: &str) -> Result<(), Refusal> {
    if rows == 0 { Err(Refusal::NoAccount(username.to_owned())) } else { Ok(()) }
}

/// Gives an account another role, from its next page on (a session reads the role with every
/// request).
pub fn set_role(conn: &Connection, username: &str, role: Role) -> Result<(), Refusal> {
    let rows = conn.execute(
        "UPDATE staff SET role = ?1 WHERE username = ?2",
        params![role.as_str(), username],
    )?;
    changed(rows, username)
}

/// Ends every session of an account.
pub fn revoke_sessions(conn: &Connection, username: &str) -> Result<usize, Refusal> {
    let exists: i64 =
        conn.query_row("SELECT COUNT(*) FROM staff WHERE username = ?1", [username], |r| r.get(0))?;
    changed(exists as usize, username)?;
    Ok(conn.execute(
        "DELETE FROM sessions WHERE staff_id = (SELECT id FROM staff WHERE username = ?1)",
        [username],
    )?)
}

/// Forgets every browser an account has logged in from (its device tokens).
fn forget_devices(conn: &Connection, username: &str) -> Result<usize, Refusal> {
    Ok(conn.execute(
        "DELETE FROM devices WHERE staff_id = (SELECT id FROM staff WHERE username = ?1)",
        [username],
    )?)
}

/// Disables (or enables again) an account; disabling ends its sessions and forgets its
/// browsers.
pub fn set_disabled(conn: &Connection, username: &str, disabled: bool) -> Result<(), Refusal> {
    let rows = conn.execute(
        "UPDATE staff SET disabled = ?1 WHERE username = ?2",
        params![disabled, username],
    )?;
    changed(rows, username)?;
    if disabled {
        revoke_sessions(conn, username)?;
        forget_devices(conn, username)?;
    }
    Ok(())
}

/// Sets a new password, clears the failed-login lock, ends the account's sessions and forgets
/// its browsers.
pub fn reset_password(conn: &Connection, username: &str, password: &str) -> Result<(), Refusal> {
    if let Some(problem) = password_problem(username, password) {
        return Err(problem);
    }
    let hash = hash_password(password).map_err(Refusal::Failed)?;
    let rows = conn.execute(
        "UPDATE staff SET password_hash = ?1, failed_logins = 0, locked_until = 0 WHERE username = ?2",
        params![hash, username],
    )?;
    changed(rows, username)?;
    revoke_sessions(conn, username)?;
    forget_devices(conn, username).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_refused_with_the_reason_in_either_language() {
        assert_eq!(
            password_problem("canbo", "short1!").map(|r| r.text(Lang::Vi)).as_deref(),
            Some("Mật khẩu cần ít nhất 12 ký tự.")
        );
        let problem = |u: &str, p: &str| password_problem(u, p).map(|r| r.to_string());
        assert!(problem("canbo", "aaaaaaaaaaaa").is_some_and(|p| p.contains("different")));
        assert!(problem("canbo", "short1!").is_some_and(|p| p.contains("12")));
        assert!(problem("canbo", "my canbo password").is_some_and(|p| p.contains("username")));
        assert!(problem("x", "Password123456").is_some_and(|p| p.contains("well-known")));
        assert!(problem("x", "111111222222").is_some_and(|p| p.contains("different")));
        assert_eq!(problem("canbo", "correct horse battery staple"), None);
        assert_eq!(problem("canbo", "ab12cd34ef56"), None, "twelve characters are enough");
        assert!(problem("canbo", "ab12cd34ef5").is_some_and(|p| p.contains("12")), "eleven");
        assert_eq!(problem("canbo", "aaaaaaabcdef"), None, "six different characters are enough");
    }

    #[test]
    fn usernames_are_short_plain_words() {
        assert!(valid_username("canbo.sct").is_ok());
        assert!(valid_username("").is_err());
        assert!(valid_username("a b").is_err());
        assert!(valid_username(&"a".repeat(65)).is_err());
        assert!(valid_username(&"a".repeat(64)).is_ok());
    }
}
