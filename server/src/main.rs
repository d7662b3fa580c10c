//! Wiring only: settings from the environment, structured logs, the database, and serving until
//! Ctrl-C or SIGTERM (requests in flight are finished first); or one of the administrator's
//! commands (`sxsh_server help` lists them).

use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;
use sxsh_server::audit::{self, Action};
use sxsh_server::staff::{Role, accounts};
use sxsh_server::{AppState, Settings, db};

const USAGE: &str = "usage: sxsh_server [COMMAND]
  (no command)             serve (settings: server/README.md)
  create-staff NAME [--role officer|assessor|admin]
                           create an account, an officer unless --role says otherwise
                           (password from SXSH_NEW_PASSWORD or stdin)
  set-role NAME ROLE       give an account another role (officer, assessor or admin)
  reset-password NAME      set a new password (same source), unlock, end its sessions
  list-staff               accounts, their roles, whether disabled or locked, open sessions
  disable-staff NAME       disable an account and end its sessions
  enable-staff NAME        enable it again
  revoke-sessions NAME     end every session of an account
  purge                    delete what the privacy notice says is due now
  backup FILE              write a consistent copy of the database to FILE (new file)
  restore FILE             replace the database with the backup FILE (service stopped)";

fn new_password() -> String {
    std::env::var("SXSH_NEW_PASSWORD").ok().unwrap_or_else(|| {
        let mut line = String::new();
        _ = std::io::stdin().lock().read_line(&mut line);
        line.trim_end_matches(['\r', '\n']).to_owned()
    })
}

/// Records an administrator's command that succeeded in the processing log.
fn audited(conn: &rusqlite::Connection, actor: &str, action: Action) -> Result<(), String> {
    audit::record(conn, &db::utc_now().1, actor, action, None).map_err(|e| e.to_string())
}

/// Runs an administrator's command; `None` when `args` names none (then the service runs).
/// Each one that changes an account or the database is recorded in the processing log.
fn command(settings: &Settings, args: &[String]) -> Option<Result<String, String>> {
    let name = args.get(1)?.as_str();
    let operand = args.get(2).map(String::as_str);
    let database = settings.database.as_path();
    let open = || db::open(database).map_err(|e| format!("{}: {e}", database.display()));
    let needs = |what: &str| format!("{name} needs {what}\n{USAGE}");
    let on = |user: &str| format!("command:{user}");
    let role = |text: Option<&String>| {
        text.and_then(|t| Role::parse(t))
            .ok_or_else(|| format!("the role is officer, assessor or admin\n{USAGE}"))
    };
    Some(match (name, operand) {
        ("create-staff", Some(user)) => match args.get(3).map(String::as_str) {
            None => Ok(Role::Officer),
            Some("--role") => role(args.get(4)),
            Some(other) => Err(format!("unknown option {other}\n{USAGE}")),
        }
        .and_then(|role| {
            let c = open()?;
            accounts::create_staff(&c, user, &new_password(), role)?;
            audited(&c, &on(user), Action::AccountCreated)?;
            Ok(format!("staff account {user} created ({})", role.as_str()))
        }),
        ("set-role", Some(user)) => role(args.get(3)).and_then(|role| {
            let c = open()?;
            accounts::set_role(&c, user, role)?;
            audited(&c, &on(user), Action::RoleChanged)?;
            Ok(format!("{user} is now {}", role.as_str()))
        }),
        ("reset-password", Some(user)) => open()
            .and_then(|c| {
                accounts::reset_password(&c, user, &new_password())?;
                audited(&c, &on(user), Action::PasswordReset)
            })
            .map(|()| format!("the password of {user} is reset; its sessions are ended")),
        ("list-staff", None) => open().and_then(|c| Ok(accounts::list_staff(&c)?)).map(|lines| {
            let now = db::now_seconds();
            lines
                .iter()
                .map(|l| {
                    let state = match (l.disabled, l.locked_until > now) {
                        (true, _) => "disabled",
                        (false, true) => "locked",
                        (false, false) => "active",
                    };
                    format!("{}\t{}\t{state}\t{} sessions", l.username, l.role.as_str(), l.sessions)
                })
                .collect::<Vec<_>>()
                .join("\n")
        }),
        ("disable-staff", Some(user)) => open()
            .and_then(|c| {
                accounts::set_disabled(&c, user, true)?;
                audited(&c, &on(user), Action::AccountDisabled)
            })
            .map(|()| format!("{user} is disabled; its sessions are ended")),
        ("enable-staff", Some(user)) => open()
            .and_then(|c| {
                accounts::set_disabled(&c, user, false)?;
                audited(&c, &on(user), Action::AccountEnabled)
            })
            .map(|()| format!("{user} is enabled")),
        ("revoke-sessions", Some(user)) => open()
            .and_then(|c| {
                let n = accounts::revoke_sessions(&c, user)?;
                audited(&c, &on(user), Action::SessionsRevoked).map(|()| n)
            })
            .map(|n| format!("{n} sessions of {user} ended")),
        ("purge", None) => open()
            .and_then(|mut c| {
                db::purge(&mut c, jiff::Timestamp::now(), settings.retention_months, "command")
                    .map_err(|e| e.to_string())
            })
            .map(|p| {
                format!(
                    "purged {} requests, {} notes, {} expired sessions",
                    p.requests, p.notes, p.sessions
                )
            }),
        ("backup", Some(file)) => open()
            .and_then(|c| {
                db::backup(&c, Path::new(file))?;
                audited(&c, "command", Action::BackupWritten)
            })
            .map(|()| format!("backup written to {file}")),
        ("restore", Some(file)) => db::restore(database, Path::new(file))
            .and_then(|()| open())
            .and_then(|c| audited(&c, "command", Action::Restored))
            .map(|()| format!("{} restored from {file}", database.display())),
        ("help" | "--help" | "-h", _) => Ok(USAGE.to_owned()),
        (
            "create-staff" | "set-role" | "reset-password" | "disable-staff" | "enable-staff"
            | "revoke-sessions",
            None,
        ) => Err(needs("a username")),
        ("backup" | "restore", None) => Err(needs("a file")),
        _ => Err(format!("unknown command {name}\n{USAGE}")),
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt().json().with_target(false).init();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(why) => {
            tracing::error!(%why, "bad settings");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().collect();
    if let Some(done) = command(&settings, &args) {
        return match done {
            Ok(said) => {
                println!("{said}");
                ExitCode::SUCCESS
            }
            Err(why) => {
                eprintln!("{why}");
                ExitCode::FAILURE
            }
        };
    }
    let listen = settings.listen;
    let state = match AppState::open(settings) {
        Ok(state) => state,
        Err(why) => {
            tracing::error!(%why, "cannot open the database");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(listener) => listener,
        Err(why) => {
            tracing::error!(%why, %listen, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    let listen = listener.local_addr().unwrap_or(listen);
    tracing::info!(%listen, "SXSH intake service listening");
    let shutdown = async {
        let ctrl_c = tokio::signal::ctrl_c();
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} },
            Err(_) => _ = ctrl_c.await,
        }
    };
    match sxsh_server::serve(listener, state, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            tracing::error!(%why, "server stopped");
            ExitCode::FAILURE
        }
    }
}
