//! Optional e-mail to staff when a new request arrives, through the Department's SMTP relay
//! (plain SMTP, as inside an office network; no TLS or login). Configured by `SXSH_SMTP_HOST`,
//! `SXSH_SMTP_PORT` (25), `SXSH_SMTP_FROM` and `SXSH_SMTP_TO` (comma-separated), or the
//! settings file's `[smtp]` table; without a host, nothing is sent. The message names the receipt and the company only: no personal data.
//! Sending runs in the background and a failure is logged; it never affects the request.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Where and to whom notifications go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub from: String,
    pub to: Vec<String>,
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
        Ok(Some(Smtp { host, port, from, to }))
    }
}

/// The notification for a new request: an ASCII subject and a short UTF-8 body.
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

async fn expect(
    reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
    code: &str,
) -> Result<(), String> {
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.map_err(|e| e.to_string())? == 0 {
            return Err("the SMTP server closed the connection".into());
        }
        // Multi-line replies have a dash after the code; the last line has a space.
        if line.len() >= 4 && &line[3..4] == "-" {
            continue;
        }
        return if line.starts_with(code) {
            Ok(())
        } else {
            Err(format!("SMTP: expected {code}, got {}", line.trim_end()))
        };
    }
}

/// Sends one message.
pub async fn send(smtp: &Smtp, subject: &str, body: &str) -> Result<(), String> {
    let stream = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        TcpStream::connect((smtp.host.as_str(), smtp.port)),
    )
    .await
    .map_err(|_| "SMTP connection timed out".to_owned())?
    .map_err(|e| e.to_string())?;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    expect(&mut reader, "220").await?;
    let mut command = async |line: String, code: &str| {
        write.write_all(line.as_bytes()).await.map_err(|e| e.to_string())?;
        expect(&mut reader, code).await
    };
    command("EHLO sxsh-intake\r\n".into(), "250").await?;
    command(format!("MAIL FROM:<{}>\r\n", smtp.from), "250").await?;
    for to in &smtp.to {
        command(format!("RCPT TO:<{to}>\r\n"), "250").await?;
    }
    command("DATA\r\n".into(), "354").await?;
    // Lines starting with a dot are doubled (SMTP "dot-stuffing").
    let stuffed: String = body
        .split("\r\n")
        .map(|l| if l.starts_with('.') { format!(".{l}\r\n") } else { format!("{l}\r\n") })
        .collect();
    let data = format!(
        "From: <{}>\r\nTo: {}\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n{stuffed}.\r\n",
        smtp.from,
        smtp.to.iter().map(|t| format!("<{t}>")).collect::<Vec<_>>().join(", ")
    );
    command(data, "250").await?;
    command("QUIT\r\n".into(), "221").await
}
