//! The test harness shared by the service's integration tests: a real service on a loopback
//! port with its own SQLite file, and a sample request.

use std::net::SocketAddr;
use std::path::PathBuf;
use sxsh_core::assessment::{Draft, Edit, ProfileText};
use sxsh_core::request::{AssessmentRequest, Consent, Contact, Production};
pub use sxsh_server::settings::default_origins;
pub use sxsh_server::{AppState, Settings, db};

/// A running service on a free loopback port, with its own database file.
pub struct Service {
    pub url: String,
    pub address: SocketAddr,
    pub database: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Service {
    pub fn start(database: PathBuf, rate_per_minute: u32) -> Service {
        Service::start_with(database, rate_per_minute, None)
    }

    /// Starts a service that e-mails staff through `smtp`.
    pub fn start_with(
        database: PathBuf,
        rate_per_minute: u32,
        smtp: Option<sxsh_server::notify::Smtp>,
    ) -> Service {
        Service::start_settings(Settings { smtp, ..settings(database, rate_per_minute) })
    }

    /// Starts a service with `settings` (made from `settings` below: a free loopback port,
    /// whose address becomes the public origin unless the settings name another).
    pub fn start_settings(mut settings: Settings) -> Service {
        let database = settings.database.clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, address) = std::sync::mpsc::channel::<SocketAddr>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind(settings.listen).await.expect("bind");
                let address = listener.local_addr().expect("address");
                if settings.public_origins == default_origins(settings.listen) {
                    settings.public_origins = default_origins(address);
                }
                // The database exists before the test hears the address (as in `main`), so a
                // test that opens it too never races the service's first migration.
                let state = AppState::open(settings).expect("database opens");
                ready.send(address).expect("test waits");
                sxsh_server::serve(listener, state, async { _ = stopped.await })
                    .await
                    .expect("serves");
            });
        });
        let address = address.recv().expect("service starts");
        Service {
            url: format!("http://{address}"),
            address,
            database,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn rows(&self) -> i64 {
        db::count(&db::open(&self.database).expect("open")).expect("count")
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            _ = thread.join();
        }
    }
}

/// The settings of `Service::start`: `database`, the fonts-only dist, a test department, no SMTP,
/// the defaults otherwise.
pub fn settings(database: PathBuf, rate_per_minute: u32) -> Settings {
    let mut settings = Settings::from_sources(None, |_| None).expect("the defaults");
    settings.listen = "127.0.0.1:0".parse().expect("address");
    settings.public_origins = default_origins(settings.listen);
    settings.database = database;
    settings.dist = fonts_dist();
    settings.allowed_origins = vec!["https://sct.hue.gov.vn".into()];
    settings.rate_per_minute = rate_per_minute;
    // The tests' many clients all come from 127.0.0.1.
    settings.limits.max_connections_per_client = 1_000;
    settings.department.name = "Sở Công Thương (thử nghiệm)".into();
    settings
}

pub fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sxsh-intake-{}-{name}", std::process::id()));
    _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("sxsh.sqlite3")
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

pub fn sample(key: &str) -> AssessmentRequest {
    let list = sxsh_core::checklist::active();
    let mut draft = Draft::new(list);
    draft.apply(Edit::SetText(ProfileText::Company, "Công ty Dệt Phú Bài".into()));
    draft.apply(Edit::SetSector(Some("textile".into())));
    draft.apply(Edit::Answer(
        "energy.lighting.led".into(),
        sxsh_core::assessment::Answer::Level(sxsh_core::assessment::Level::NotYet),
    ));
    AssessmentRequest::new(
        &draft,
        key,
        Contact {
            name: "Nguyễn Văn An".into(),
            phone: "0234 3822 000".into(),
            email: "an@detphubai.vn".into(),
            ..Contact::default()
        },
        Production::default(),
        Consent { request: true, ..Consent::default() },
        "2026-11-28T08:00:00Z",
    )
}

/// A folder standing in for `dist/` with the PDF fonts, so the tests need no widget build.
pub fn fonts_dist() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sxsh-dist-{}", std::process::id()));
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).expect("temp dir");
    for name in ["NotoSans-Regular-vi.ttf", "NotoSans-Bold-vi.ttf"] {
        std::fs::copy(PathBuf::from("../public/fonts").join(name), fonts.join(name))
            .expect("font copied");
    }
    dir
}

/// The first bytes of the service's answer to a POST to `path` whose head announces a body of
/// `bytes` and sends none of it: a body refused from its length is answered before it is read
/// (a client writing the whole body could meet a closed connection instead).
pub fn announced_too_large(service: &Service, path: &str, bytes: usize) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(service.address).expect("connect");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).expect("timeout");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {bytes}\r\n\r\n",
        service.address,
    );
    stream.write_all(head.as_bytes()).expect("send the head");
    let mut answer = [0u8; 12];
    stream.read_exact(&mut answer).expect("an answer before the body");
    String::from_utf8_lossy(&answer).into_owned()
}
