//! The service's settings: an optional TOML file (`SXSH_CONFIG`) overridden by environment
//! variables. Every limit the service enforces (timeouts, connections, rates, retention) is here
//! with its default, so SECURITY.md and server/README.md can name one place.

use crate::notify;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// The service's settings (see `Settings::from_sources` for the variables).
#[derive(Clone, Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    pub database: PathBuf,
    /// The built widget (`dist/`), served at `/`.
    pub dist: PathBuf,
    /// The origin browsers use to reach the service (scheme, host and port), such as
    /// `https://sxsh.sct.hue.gov.vn`. Staff form posts must come from it, and the session
    /// cookie is `Secure` with the `__Host-` prefix when it is `https`. Default: `http://` and
    /// the listen address (plus `http://localhost:PORT` on loopback).
    pub public_origins: Vec<String>,
    /// Origins other than the service's own that may send requests (CORS allow-list).
    pub allowed_origins: Vec<String>,
    /// Proxies whose `X-Forwarded-For` is believed: the client is the right-most address in it
    /// that is not itself one of these proxies. Empty: the socket address is the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Requests accepted per client address per minute.
    pub rate_per_minute: u32,
    /// Login attempts per client address per minute.
    pub logins_per_minute: u32,
    /// Limits on connections and how long a client may take.
    pub limits: Limits,
    /// Months a request is kept after it is received (the privacy notice says 24).
    pub retention_months: u32,
    /// E-mail to staff on a new request, when an SMTP relay is configured.
    pub smtp: Option<notify::Smtp>,
    /// The department's name, e-mail and phone, shown on the staff pages and given to the
    /// widget on the root page; with its address, the contact the rapid-assessment report
    /// prints.
    pub department: Department,
}

/// How long a client may take and how many may be connected at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Time to send a request's headers; an idle kept-alive connection is closed after it too.
    pub header_timeout: Duration,
    /// Time for a whole request, its body included, to be read and answered.
    pub request_timeout: Duration,
    /// Connections open at once; more wait to be accepted.
    pub max_connections: usize,
    /// Connections open at once from one client address (a trusted proxy excepted); more are
    /// closed at once.
    pub max_connections_per_client: usize,
    /// Reports (PDF) made at once; more wait their turn.
    pub heavy_jobs: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 200,
            max_connections_per_client: 32,
            heavy_jobs: 2,
        }
    }
}

/// The department running the service.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct Department {
    pub name: String,
    pub email: String,
    pub phone: String,
    /// The postal address, printed on the rapid-assessment report.
    pub address: String,
    /// What only the Department can say, given to the widget on the root page as the
    /// attributes of the same names (`data-rapid-assessment-free`, …; EMBEDDING.md), each only
    /// when set: whether its rapid assessment is free (`true`/`false`) and how many days it
    /// takes (`2-3`), its courses (in each language, and their address), and whom to contact.
    /// The widget checks each value and ignores a bad one with a console warning.
    pub rapid_assessment_free: String,
    pub rapid_assessment_days: String,
    pub courses_vi: String,
    pub courses_en: String,
    pub courses_url: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
}

impl Department {
    /// The widget's attributes for what only the Department can say, with their settings (set
    /// or not).
    pub fn offer_attributes(&self) -> [(&'static str, &str); 8] {
        [
            ("data-rapid-assessment-free", &self.rapid_assessment_free),
            ("data-rapid-assessment-days", &self.rapid_assessment_days),
            ("data-courses-vi", &self.courses_vi),
            ("data-courses-en", &self.courses_en),
            ("data-courses-url", &self.courses_url),
            ("data-contact-name", &self.contact_name),
            ("data-contact-phone", &self.contact_phone),
            ("data-contact-email", &self.contact_email),
        ]
    }

    /// How the enterprise reaches the Department: the address, phone and e-mail that are set,
    /// one a line.
    pub fn contact_lines(&self) -> String {
        [&self.address, &self.phone, &self.email]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The optional settings file (`SXSH_CONFIG`, TOML); environment variables override it.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SettingsFile {
    listen: Option<String>,
    database: Option<String>,
    dist: Option<String>,
    public_origin: Option<String>,
    allowed_origins: Option<Vec<String>>,
    trusted_proxies: Option<Vec<String>>,
    rate_per_minute: Option<u32>,
    logins_per_minute: Option<u32>,
    header_timeout_seconds: Option<u64>,
    request_timeout_seconds: Option<u64>,
    max_connections: Option<usize>,
    max_connections_per_client: Option<usize>,
    retention_months: Option<u32>,
    department: Department,
    smtp: Option<notify::SmtpFile>,
}

fn list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect()
}

fn number<T: std::str::FromStr>(
    name: &str,
    env: Option<String>,
    file: Option<T>,
    default: T,
) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    match env {
        Some(v) => v.trim().parse().map_err(|e| format!("{name}: {e}")),
        None => Ok(file.unwrap_or(default)),
    }
}

/// An origin as browsers send it: `http` or `https`, a host, an optional port, no path; in
/// lower case, without a trailing slash.
fn origin(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/').to_ascii_lowercase();
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', '@', ' ']) => Ok(text),
        _ => Err(format!("origin {text:?}: expected like https://sxsh.example.gov.vn")),
    }
}

impl Settings {
    /// Reads the settings file named by `SXSH_CONFIG` (TOML, optional; see server/README.md),
    /// then the environment variables, which win.
    pub fn from_env() -> Result<Settings, String> {
        let file = match std::env::var("SXSH_CONFIG") {
            Ok(path) => Some(
                std::fs::read_to_string(&path).map_err(|e| format!("SXSH_CONFIG {path}: {e}"))?,
            ),
            Err(_) => None,
        };
        Settings::from_sources(file.as_deref(), |name| std::env::var(name).ok())
    }

    /// The settings from a settings file's text (if any) and a lookup of environment variables,
    /// which win over the file: `SXSH_LISTEN` (127.0.0.1:8080), `SXSH_DATABASE` (sxsh.sqlite3),
    /// `SXSH_DIST` (dist), `SXSH_PUBLIC_ORIGIN`, `SXSH_ALLOWED_ORIGINS` and
    /// `SXSH_TRUSTED_PROXIES` (comma-separated), `SXSH_RATE_PER_MINUTE` (60),
    /// `SXSH_LOGINS_PER_MINUTE` (10), `SXSH_HEADER_TIMEOUT_SECONDS` (10),
    /// `SXSH_REQUEST_TIMEOUT_SECONDS` (30), `SXSH_MAX_CONNECTIONS` (200),
    /// `SXSH_MAX_CONNECTIONS_PER_CLIENT` (32),
    /// `SXSH_RETENTION_MONTHS` (24), `SXSH_DEPARTMENT_NAME/EMAIL/PHONE/ADDRESS`, the
    /// Department's offer `SXSH_DEPARTMENT_RAPID_ASSESSMENT_FREE/DAYS`,
    /// `SXSH_DEPARTMENT_COURSES_VI/EN/URL`, `SXSH_DEPARTMENT_CONTACT_NAME/PHONE/EMAIL`, and
    /// `SXSH_SMTP_*`.
    pub fn from_sources(
        file: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, String> {
        let file: SettingsFile = match file {
            Some(text) => toml::from_str(text).map_err(|e| format!("settings file: {e}"))?,
            None => SettingsFile::default(),
        };
        let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let listen: SocketAddr = var("SXSH_LISTEN")
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|e| format!("listen address: {e}"))?;
        let public_origins: Vec<String> = match var("SXSH_PUBLIC_ORIGIN").or(file.public_origin) {
            Some(text) => list(&text).iter().map(|o| origin(o)).collect::<Result<_, _>>()?,
            None if listen.ip().is_unspecified() => {
                return Err(format!(
                    "listening on {listen}, the service cannot tell its own address: set SXSH_PUBLIC_ORIGIN (like https://sxsh.example.gov.vn)"
                ));
            }
            None => default_origins(listen),
        };
        let trusted_proxies: Vec<IpAddr> = match var("SXSH_TRUSTED_PROXIES") {
            Some(text) => list(&text),
            None => file.trusted_proxies.unwrap_or_default(),
        }
        .iter()
        .map(|p| p.parse::<IpAddr>().map_err(|e| format!("trusted proxy {p:?}: {e}")))
        .collect::<Result<_, _>>()?;
        let smtp = match notify::Smtp::from_lookup(var)? {
            Some(smtp) => Some(smtp),
            None => file.smtp.map(notify::SmtpFile::into_smtp),
        };
        let retention_months = number(
            "SXSH_RETENTION_MONTHS",
            var("SXSH_RETENTION_MONTHS"),
            file.retention_months,
            24,
        )?;
        if retention_months == 0 {
            return Err(
                "SXSH_RETENTION_MONTHS must be at least 1 (the privacy notice says 24)".into()
            );
        }
        let defaults = Limits::default();
        let limits = Limits {
            header_timeout: Duration::from_secs(number(
                "SXSH_HEADER_TIMEOUT_SECONDS",
                var("SXSH_HEADER_TIMEOUT_SECONDS"),
                file.header_timeout_seconds,
                defaults.header_timeout.as_secs(),
            )?),
            request_timeout: Duration::from_secs(number(
                "SXSH_REQUEST_TIMEOUT_SECONDS",
                var("SXSH_REQUEST_TIMEOUT_SECONDS"),
                file.request_timeout_seconds,
                defaults.request_timeout.as_secs(),
            )?),
            max_connections: number(
                "SXSH_MAX_CONNECTIONS",
                var("SXSH_MAX_CONNECTIONS"),
                file.max_connections,
                defaults.max_connections,
            )?,
            max_connections_per_client: number(
                "SXSH_MAX_CONNECTIONS_PER_CLIENT",
                var("SXSH_MAX_CONNECTIONS_PER_CLIENT"),
                file.max_connections_per_client,
                defaults.max_connections_per_client,
            )?,
            heavy_jobs: defaults.heavy_jobs,
        };
        if limits.header_timeout.is_zero() || limits.request_timeout.is_zero() {
            return Err("timeouts must be at least one second".into());
        }
        if limits.max_connections == 0 || limits.max_connections_per_client == 0 {
            return Err(
                "SXSH_MAX_CONNECTIONS and SXSH_MAX_CONNECTIONS_PER_CLIENT must be at least 1"
                    .into(),
            );
        }
        if !trusted_proxies.is_empty()
            && !public_origins.first().is_some_and(|o: &String| o.starts_with("https://"))
        {
            return Err("behind a trusted proxy, set SXSH_PUBLIC_ORIGIN to the https:// address browsers use, so the session cookie is Secure".into());
        }
        let department = Department {
            name: var("SXSH_DEPARTMENT_NAME").unwrap_or(file.department.name),
            email: var("SXSH_DEPARTMENT_EMAIL").unwrap_or(file.department.email),
            phone: var("SXSH_DEPARTMENT_PHONE").unwrap_or(file.department.phone),
            address: var("SXSH_DEPARTMENT_ADDRESS").unwrap_or(file.department.address),
            rapid_assessment_free: var("SXSH_DEPARTMENT_RAPID_ASSESSMENT_FREE")
                .unwrap_or(file.department.rapid_assessment_free),
            rapid_assessment_days: var("SXSH_DEPARTMENT_RAPID_ASSESSMENT_DAYS")
                .unwrap_or(file.department.rapid_assessment_days),
            courses_vi: var("SXSH_DEPARTMENT_COURSES_VI").unwrap_or(file.department.courses_vi),
            courses_en: var("SXSH_DEPARTMENT_COURSES_EN").unwrap_or(file.department.courses_en),
            courses_url: var("SXSH_DEPARTMENT_COURSES_URL").unwrap_or(file.department.courses_url),
            contact_name: var("SXSH_DEPARTMENT_CONTACT_NAME")
                .unwrap_or(file.department.contact_name),
            contact_phone: var("SXSH_DEPARTMENT_CONTACT_PHONE")
                .unwrap_or(file.department.contact_phone),
            contact_email: var("SXSH_DEPARTMENT_CONTACT_EMAIL")
                .unwrap_or(file.department.contact_email),
        };
        Ok(Settings {
            listen,
            database: PathBuf::from(
                var("SXSH_DATABASE").or(file.database).unwrap_or_else(|| "sxsh.sqlite3".into()),
            ),
            dist: PathBuf::from(var("SXSH_DIST").or(file.dist).unwrap_or_else(|| "dist".into())),
            public_origins,
            allowed_origins: match var("SXSH_ALLOWED_ORIGINS") {
                Some(text) => list(&text),
                None => file.allowed_origins.unwrap_or_default(),
            }
            .iter()
            .map(|o| origin(o))
            .collect::<Result<_, _>>()?,
            trusted_proxies,
            rate_per_minute: number(
                "SXSH_RATE_PER_MINUTE",
                var("SXSH_RATE_PER_MINUTE"),
                file.rate_per_minute,
                60,
            )?,
            logins_per_minute: number(
                "SXSH_LOGINS_PER_MINUTE",
                var("SXSH_LOGINS_PER_MINUTE"),
                file.logins_per_minute,
                10,
            )?,
            limits,
            retention_months,
            smtp,
            department,
        })
    }

    /// Whether browsers reach the service over HTTPS (then cookies are `Secure`, `__Host-`).
    pub fn https(&self) -> bool {
        self.public_origins.first().is_some_and(|o| o.starts_with("https://"))
    }
}

/// `http://` and the listen address, and on loopback `http://localhost:PORT` as well.
pub fn default_origins(listen: SocketAddr) -> Vec<String> {
    let mut origins = vec![format!("http://{listen}")];
    if listen.ip().is_loopback() {
        origins.push(format!("http://localhost:{}", listen.port()));
    }
    origins
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Result<Settings, String> {
        Settings::from_sources(None, |name| {
            vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn origins_are_a_scheme_and_a_host_in_lower_case() {
        assert_eq!(
            origin(" HTTPS://SXSH.Example.gov.vn/ "),
            Ok("https://sxsh.example.gov.vn".into())
        );
        assert_eq!(origin("http://127.0.0.1:8080"), Ok("http://127.0.0.1:8080".into()));
        for bad in [
            "sxsh.example.gov.vn",
            "https://",
            "https://a/b",
            "https://a?b",
            "https://u@a",
            "ftp://a",
            "https://a b",
        ] {
            assert!(origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_default_origin_is_the_listen_address_and_localhost_on_loopback() {
        let loopback = "127.0.0.1:8080".parse().expect("address");
        assert_eq!(default_origins(loopback), ["http://127.0.0.1:8080", "http://localhost:8080"]);
        let other = "192.0.2.7:80".parse().expect("address");
        assert_eq!(default_origins(other), ["http://192.0.2.7:80"]);
        let s = with(&[]).expect("defaults");
        assert!(!s.https());
        let s = with(&[("SXSH_PUBLIC_ORIGIN", "https://a.example, http://b.example")]).expect("ok");
        assert!(s.https(), "the first origin decides");
        let s = with(&[("SXSH_PUBLIC_ORIGIN", "http://b.example, https://a.example")]).expect("ok");
        assert!(!s.https());
    }

    #[test]
    fn settings_that_cannot_work_are_refused_at_start() {
        let refused = |vars: &[(&str, &str)], says: &str| {
            let why = with(vars).expect_err("refused");
            assert!(why.contains(says), "{why}");
        };
        refused(&[("SXSH_LISTEN", "0.0.0.0:8080")], "SXSH_PUBLIC_ORIGIN");
        refused(&[("SXSH_TRUSTED_PROXIES", "127.0.0.1")], "https://");
        refused(&[("SXSH_RETENTION_MONTHS", "0")], "at least 1");
        refused(&[("SXSH_MAX_CONNECTIONS_PER_CLIENT", "0")], "at least 1");
        refused(&[("SXSH_ALLOWED_ORIGINS", "sct.hue.gov.vn")], "origin");
        let ok = with(&[
            ("SXSH_LISTEN", "0.0.0.0:8080"),
            ("SXSH_PUBLIC_ORIGIN", "https://sxsh.example.gov.vn"),
            ("SXSH_TRUSTED_PROXIES", "127.0.0.1"),
            ("SXSH_ALLOWED_ORIGINS", "https://SCT.hue.gov.vn/"),
        ])
        .expect("a proxied service");
        assert_eq!(ok.allowed_origins, ["https://sct.hue.gov.vn"]);
    }

    #[test]
    fn the_departments_contact_is_what_is_set_one_a_line() {
        let file = "[department]\nname = \"Sở Công Thương\"\naddress = \"1 Hùng Vương, Huế\"\nemail = \"sct@hue.gov.vn\"";
        let s = Settings::from_sources(Some(file), |name| {
            (name == "SXSH_DEPARTMENT_PHONE").then(|| "0234 3822 000".to_owned())
        })
        .expect("settings");
        assert_eq!(
            s.department.contact_lines(),
            "1 Hùng Vương, Huế\n0234 3822 000\nsct@hue.gov.vn"
        );
        assert_eq!(Department::default().contact_lines(), "");
    }

    #[test]
    fn the_departments_offer_comes_from_the_file_or_the_environment_which_wins() {
        let file = "[department]\nrapid_assessment_free = \"true\"\ncourses_vi = \"Lớp tập huấn\"";
        let s = Settings::from_sources(Some(file), |name| match name {
            "SXSH_DEPARTMENT_RAPID_ASSESSMENT_DAYS" => Some("2-3".to_owned()),
            "SXSH_DEPARTMENT_COURSES_VI" => Some("Khóa học SXSH".to_owned()),
            "SXSH_DEPARTMENT_CONTACT_EMAIL" => Some("  ".to_owned()),
            _ => None,
        })
        .expect("settings");
        let d = &s.department;
        assert_eq!(
            (d.rapid_assessment_free.as_str(), d.rapid_assessment_days.as_str()),
            ("true", "2-3")
        );
        assert_eq!(d.courses_vi, "Khóa học SXSH", "the environment wins over the file");
        assert_eq!(d.contact_email, "", "a blank variable sets nothing");
        let set: Vec<&str> = d
            .offer_attributes()
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, _)| name)
            .collect();
        assert_eq!(
            set,
            ["data-rapid-assessment-free", "data-rapid-assessment-days", "data-courses-vi"]
        );
    }
}
