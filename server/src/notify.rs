//! Optional e-mail to staff when a new request arrives, through the Department's SMTP relay,
//! sent with lettre: connection and reply timeouts, plain SMTP, STARTTLS or TLS, optional
//! login, and RFC 5322 headers (Date, Message-ID). Configured by `SXSH_SMTP_HOST`,
//! `SXSH_SMTP_PORT` (25), `SXSH_SMTP_FROM`, `SXSH_SMTP_TO` (comma-separated),
//! `SXSH_SMTP_SECURITY` (`none`, `starttls` or `tls`; default `none`, as inside an office
//! network), `SXSH_SMTP_USER`/`SXSH_SMTP_PASSWORD` and `SXSH_SMTP_TIMEOUT_SECONDS` (15), or the settings file's `[smtp]` table;
//! without a host, nothing is sent. The message names the receipt and the company only: no
//! personal data. Sending runs in the background and a failure is logged; it never affects the
//! request.

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// E-mails sent at once; a new request's e-mail beyond them is not sent (and the log says so),
/// so a slow relay cannot gather sockets and tasks without bound.
pub const AT_ONCE: usize = 4;

/// How long a whole conversation with the relay may take, by default.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// How the connection to the relay is protected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain SMTP (a relay inside the office network).
    #[default]
    None,
    /// Plain, upgraded with STARTTLS (refused if the relay does not offer it).
    Starttls,
    /// TLS from the start (port 465).
    Tls,
}

/// Where and to whom notifications go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub from: String,
    pub to: Vec<String>,
    pub security: Security,
    /// A login, when the relay needs one.
    pub login: Option<(String, String)>,
    /// How long a whole conversation may take (`SXSH_SMTP_TIMEOUT_SECONDS`, 15): a relay that
    /// accepts the connection and never answers is cut off then.
    pub timeout: Duration,
}

/// The `[smtp]` table of the settings file.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SmtpFile {
    host: String,
    #[serde(default = "smtp_port")]
    port: u16,
    from: String,
    to: Vec<String>,
    #[serde(default)]
    security: Security,
    user: Option<String>,
    password: Option<String>,
    timeout_seconds: Option<u64>,
}

fn smtp_port() -> u16 {
    25
}

impl SmtpFile {
    pub(crate) fn into_smtp(self) -> Smtp {
        Smtp {
            host: self.host,
            port: self.port,
            from: self.from,
            to: self.to,
            security: self.security,
            login: self.user.zip(self.password),
            timeout: self.timeout_seconds.map_or(TIMEOUT, Duration::from_secs),
        }
    }
}

impl Smtp {
    /// Reads the `SXSH_SMTP_*` variables through `var`; `None` when no host is set.
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Result<Option<Smtp>, String> {
        let Some(host) = var("SXSH_SMTP_HOST") else { return Ok(None) };
        let port = var("SXSH_SMTP_PORT")
            .unwrap_or_else(|| "25".into())
            .parse()
            .map_err(|e| format!("SXSH_SMTP_PORT: {e}"))?;
        let from = var("SXSH_SMTP_FROM")
            .ok_or_else(|| "SXSH_SMTP_FROM is required with SXSH_SMTP_HOST".to_owned())?;
        let to: Vec<String> = var("SXSH_SMTP_TO")
            .ok_or_else(|| "SXSH_SMTP_TO is required with SXSH_SMTP_HOST".to_owned())?
            .split(',')
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect();
        let security = match var("SXSH_SMTP_SECURITY").as_deref() {
            None | Some("none") => Security::None,
            Some("starttls") => Security::Starttls,
            Some("tls") => Security::Tls,
            Some(other) => {
                return Err(format!("SXSH_SMTP_SECURITY: {other:?} is not none, starttls or tls"));
            }
        };
        let login = var("SXSH_SMTP_USER").zip(var("SXSH_SMTP_PASSWORD"));
        let timeout = match var("SXSH_SMTP_TIMEOUT_SECONDS") {
            Some(v) => Duration::from_secs(
                v.parse().map_err(|e| format!("SXSH_SMTP_TIMEOUT_SECONDS: {e}"))?,
            ),
            None => TIMEOUT,
        };
        Ok(Some(Smtp { host, port, from, to, security, login, timeout }))
    }
}

/// The notification for a new request: its subject and a short UTF-8 body.
pub fn message(receipt: &str, company: &str) -> (String, String) {
    let company: String = company.chars().filter(|c| !c.is_control()).take(200).collect();
    let subject = format!("New SXSH rapid assessment request {receipt}");
    let body = format!(
        "Yêu cầu đánh giá nhanh SXSH mới / New rapid CP assessment request\r\n\r\n\
         Số biên nhận / Receipt: {receipt}\r\nDoanh nghiệp / Company: {company}\r\n\r\n\
         Xem chi tiết trên trang cán bộ / See the staff pages: /staff/requests/{receipt}\r\n"
    );
    (subject, body)
}

/// Sends one message (subject, body) to every address in `smtp.to`.
pub async fn send(smtp: &Smtp, (subject, body): (String, String)) -> Result<(), String> {
    let from: Mailbox = smtp.from.parse().map_err(|e| format!("SMTP from: {e}"))?;
    let mut builder = Message::builder().from(from).subject(subject).message_id(None);
    for to in &smtp.to {
        builder = builder.to(to.parse().map_err(|e| format!("SMTP to {to}: {e}"))?);
    }
    let email = builder
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| format!("building the e-mail: {e}"))?;
    let transport = match smtp.security {
        Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
        Security::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .map_err(|e| format!("SMTP STARTTLS: {e}"))?,
        Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)
            .map_err(|e| format!("SMTP TLS: {e}"))?,
    };
    let mut transport = transport.port(smtp.port).timeout(Some(smtp.timeout));
    if let Some((user, password)) = &smtp.login {
        transport = transport.credentials(Credentials::new(user.clone(), password.clone()));
    }
    // lettre's timeout covers connecting and commands, not the relay's greeting: the whole
    // conversation has its own bound.
    tokio::time::timeout(smtp.timeout, transport.build().send(email))
        .await
        .map_err(|_| "the SMTP relay took too long".to_owned())?
        .map(drop)
        .map_err(|e| format!("SMTP: {e}"))
}
