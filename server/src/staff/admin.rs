//! The administrator's pages: the accounts with their roles and states, creating one (a role
//! and a password the policy accepts), and on an account's page changing its role, disabling or
//! enabling it, resetting its password and ending its sessions. Only administrators reach them
//! (`Allowed<Admins>`); every form is CSRF-checked and every change recorded in the processing
//! log with the account as its object (`account:NAME`). An administrator cannot disable their
//! own account or change its role, so the service always keeps one. The work itself is
//! `accounts`', shared with the commands.

use super::accounts::{self, AccountLine, Refusal};
use super::auth::{Admins, Allowed, Role, Staff};
use super::words::{Words, words};
use super::{Choice, Frame, choice, render};
use crate::audit::{self, Action};
use crate::error::AppError;
use crate::{AppState, db};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sxsh_core::i18n::{Lang, fill};

/// How an account is named as the object of a processing-log entry.
pub(super) const ACCOUNT_OBJECT: &str = "account:";

/// An account's row on the accounts page.
struct AccountRow {
    username: String,
    role: &'static str,
    state: String,
    sessions: i64,
    manage: String,
}

/// An account's state in words.
fn state_word(line: &AccountLine, w: &Words, now: i64) -> String {
    if line.disabled {
        w.state_disabled.to_owned()
    } else if line.locked_until > now {
        let at = jiff::Timestamp::from_second(line.locked_until)
            .map(|t| sxsh_core::dates::day_time(&db::iso(t)))
            .unwrap_or_default();
        fill(w.state_locked, &[("at", &at)])
    } else {
        w.state_active.to_owned()
    }
}

/// The role choices, `current` selected.
fn roles(lang: Lang, current: Role) -> Vec<Choice> {
    Role::ALL.iter().map(|r| choice(r.as_str(), r.word(lang), current.as_str())).collect()
}

#[derive(Template)]
#[template(path = "accounts.html")]
struct AccountsPage {
    frame: Frame,
    csrf: String,
    accounts: Vec<AccountRow>,
    roles: Vec<Choice>,
    /// What the create form was given, when it is shown again with its problems.
    username: String,
    problems: Vec<String>,
}

/// Reads every account.
async fn all_accounts(state: &AppState) -> Result<Vec<AccountLine>, AppError> {
    state
        .db
        .read(|conn| accounts::list_staff(conn).map_err(|r| AppError::Internal(r.to_string())))
        .await
}

/// The accounts page, with the create form holding `username`/`role` and its `problems`.
async fn accounts_page(
    state: &AppState,
    staff: &Staff,
    username: String,
    role: Role,
    problems: Vec<String>,
) -> Result<Response, AppError> {
    let lines = all_accounts(state).await?;
    let (lang, w, now) = (staff.lang, words(staff.lang), db::now_seconds());
    let accounts = lines
        .iter()
        .map(|l| AccountRow {
            username: l.username.clone(),
            role: l.role.word(lang),
            state: state_word(l, w, now),
            sessions: l.sessions,
            manage: fill(w.manage, &[("name", &l.username)]),
        })
        .collect();
    let refused = !problems.is_empty();
    let mut response = render(&AccountsPage {
        frame: Frame::new(state, staff, "/staff/accounts"),
        csrf: staff.csrf.clone(),
        accounts,
        roles: roles(lang, role),
        username,
        problems,
    })?;
    if refused {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

/// `GET /staff/accounts`: every account with its role and state, and the create form.
pub(super) async fn accounts(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Admins>,
) -> Result<Response, AppError> {
    accounts_page(&state, &staff, String::new(), Role::Officer, Vec::new()).await
}

/// Runs an account change as the administrator `staff` and records it with `action`, in one
/// transaction; the refusal, if any, in the reader's language.
async fn apply<T: Send + 'static>(
    state: &AppState,
    staff: &Staff,
    target: &str,
    action: Action,
    work: impl FnOnce(&rusqlite::Connection) -> Result<T, Refusal> + Send + 'static,
) -> Result<Result<T, String>, AppError> {
    let (actor, object, lang) =
        (staff.username.clone(), format!("{ACCOUNT_OBJECT}{target}"), staff.lang);
    state
        .db
        .write(move |conn| {
            let tx = conn.transaction()?;
            match work(&tx) {
                Ok(done) => {
                    audit::record(&tx, &db::utc_now().1, &actor, action, Some(&object))?;
                    tx.commit()?;
                    Ok(Ok(done))
                }
                Err(Refusal::Failed(why)) => Err(AppError::Internal(why)),
                Err(refusal) => Ok(Err(refusal.text(lang))),
            }
        })
        .await
}

#[derive(Deserialize)]
pub(super) struct CreateForm {
    csrf: String,
    username: String,
    role: String,
    password: String,
}

/// `POST /staff/accounts`: creates an account; a refusal shows the page again with its reason.
pub(super) async fn create(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Admins>,
    headers: HeaderMap,
    Form(form): Form<CreateForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let role = Role::parse(&form.role).unwrap_or(Role::Officer);
    let username = form.username.trim().chars().take(64).collect::<String>();
    let (name, password) = (username.clone(), form.password);
    let done = apply(&state, &staff, &username, Action::AccountCreated, move |conn| {
        accounts::create_staff(conn, &name, &password, role)
    })
    .await?;
    match done {
        Ok(()) => {
            Ok(Redirect::to(&format!("/staff/accounts/{username}?done=created")).into_response())
        }
        Err(problem) => accounts_page(&state, &staff, username, role, vec![problem]).await,
    }
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    frame: Frame,
    csrf: String,
    heading: String,
    username: String,
    role: &'static str,
    state: String,
    sessions: i64,
    disabled: bool,
    own: bool,
    roles: Vec<Choice>,
    done: Option<&'static str>,
    problems: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct Done {
    #[serde(default)]
    done: String,
}

/// What a change done says on the account's page.
fn done_word(done: &str, w: &Words) -> Option<&'static str> {
    match done {
        "created" => Some(w.done_created),
        "role" => Some(w.done_role),
        "disabled" => Some(w.done_disabled),
        "enabled" => Some(w.done_enabled),
        "reset" => Some(w.done_reset),
        "revoked" => Some(w.done_revoked),
        _ => None,
    }
}

/// An account's page, with what was `done` or the `problems` of a refused form.
async fn account_page(
    state: &AppState,
    staff: &Staff,
    username: &str,
    done: &str,
    problems: Vec<String>,
) -> Result<Response, AppError> {
    let lines = all_accounts(state).await?;
    let Some(line) = lines.into_iter().find(|l| l.username == username) else {
        return super::notice(
            StatusCode::NOT_FOUND,
            Frame::new(state, staff, "/staff/accounts"),
            words(staff.lang).not_found_title,
            vec![Refusal::NoAccount(username.to_owned()).text(staff.lang)],
            "/staff/accounts",
        );
    };
    let (lang, w) = (staff.lang, words(staff.lang));
    let refused = !problems.is_empty();
    let here = format!("/staff/accounts/{username}");
    let mut response = render(&AccountPage {
        frame: Frame::new(state, staff, &here),
        csrf: staff.csrf.clone(),
        heading: fill(w.account_heading, &[("name", username)]),
        role: line.role.word(lang),
        state: state_word(&line, w, db::now_seconds()),
        sessions: line.sessions,
        disabled: line.disabled,
        own: line.username == staff.username,
        roles: roles(lang, line.role),
        done: done_word(done, w),
        problems,
        username: line.username,
    })?;
    if refused {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

/// `GET /staff/accounts/{username}`: one account and its forms.
pub(super) async fn account(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Admins>,
    Path(username): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    account_page(&state, &staff, &username, &done.done, Vec::new()).await
}

/// After a change: the account's page saying what was done, or again with the refusal.
async fn after(
    state: &AppState,
    staff: &Staff,
    username: &str,
    done: &str,
    result: Result<(), String>,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => {
            Ok(Redirect::to(&format!("/staff/accounts/{username}?done={done}")).into_response())
        }
        Err(problem) => account_page(state, staff, username, "", vec![problem]).await,
    }
}

/// Refuses a change to the administrator's own role or access.
async fn not_own(
    state: &AppState,
    staff: &Staff,
    username: &str,
) -> Result<Option<Response>, AppError> {
    if username == staff.username {
        let problem = words(staff.lang).own_account.to_owned();
        return account_page(state, staff, username, "", vec![problem]).await.map(Some);
    }
    Ok(None)
}

#[derive(Deserialize)]
pub(super) struct RoleForm {
    csrf: String,
    role: String,
}

/// `POST /staff/accounts/{username}/role`.
pub(super) async fn set_role(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Admins>,
    headers: HeaderMap,
    Path(username): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    if let Some(refused) = not_own(&state, &staff, &username).await? {
        return Ok(refused);
    }
    let Some(role) = Role::parse(&form.role) else { return Err(AppError::Forbidden) };
    let name = username.clone();
    let done = apply(&state, &staff, &username, Action::RoleChanged, move |conn| {
        accounts::set_role(conn, &name, role)
    })
    .await?;
    after(&state, &staff, &username, "role", done).await
}

#[derive(Deserialize)]
pub(super) struct AccessForm {
    csrf: String,
    /// `yes` to disable, `no` to enable.
    disabled: String,
}

/// `POST /staff/accounts/{username}/access`: disables (ending its sessions) or enables.
pub(super) async fn set_access(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Admins>,
    headers: HeaderMap,
    Path(username): Path<String>,
    Form(form): Form<AccessForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    if let Some(refused) = not_own(&state, &staff, &username).await? {
        return Ok(refused);
    }
    let disabled = form.disabled == "yes";
    let (action, word) = if disabled {
        (Action::AccountDisabled, "disabled")
    } else {
        (Action::AccountEnabled, "enabled")
    };
    let name = username.clone();
    let done = apply(&state, &staff, &username, action, move |conn| {
        accounts::set_disabled(conn, &name, disabled)
    })
    .await?;
    after(&state, &staff, &username, word, done).await
}

#[derive(Deserialize)]
pub(super) struct PasswordForm {
    csrf: String,
    password: String,
}

/// `POST /staff/accounts/{username}/password`: a new password the policy accepts; unlocks the
/// account and ends its sessions.
pub(super) async fn reset_password(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Admins>,
    headers: HeaderMap,
    Path(username): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let (name, password) = (username.clone(), form.password);
    let done = apply(&state, &staff, &username, Action::PasswordReset, move |conn| {
        accounts::reset_password(conn, &name, &password)
    })
    .await?;
    after(&state, &staff, &username, "reset", done).await
}

#[derive(Deserialize)]
pub(super) struct CsrfForm {
    csrf: String,
}

/// `POST /staff/accounts/{username}/sessions`: ends every session of the account.
pub(super) async fn revoke_sessions(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Admins>,
    headers: HeaderMap,
    Path(username): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let name = username.clone();
    let done = apply(&state, &staff, &username, Action::SessionsRevoked, move |conn| {
        accounts::revoke_sessions(conn, &name).map(drop)
    })
    .await?;
    after(&state, &staff, &username, "revoked", done).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_reads_disabled_before_locked() {
        let line = |disabled, locked_until| AccountLine {
            username: "a".into(),
            role: Role::Officer,
            disabled,
            locked_until,
            sessions: 0,
        };
        let w = words(Lang::Vi);
        assert_eq!(state_word(&line(true, i64::MAX / 2), w, 0), "Đã vô hiệu hóa");
        assert_eq!(state_word(&line(false, 0), w, 10), "Đang hoạt động");
        assert!(state_word(&line(false, 1_800_000_000), w, 10).starts_with("Tạm khóa đến "));
    }
}
