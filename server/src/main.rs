//! Wiring only: settings from the environment, structured logs, the database, and serving until
//! Ctrl-C or SIGTERM (requests in flight are finished first). `sxsh_server create-staff NAME`
//! creates a staff account, reading the password from `SXSH_NEW_PASSWORD` or standard input.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt().json().with_target(false).init();
    let settings = match sxsh_server::Settings::from_env() {
        Ok(settings) => settings,
        Err(why) => {
            tracing::error!(%why, "bad settings");
            return std::process::ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("create-staff") {
        let Some(username) = args.get(2) else {
            eprintln!(
                "usage: sxsh_server create-staff USERNAME   (password from SXSH_NEW_PASSWORD or stdin)"
            );
            return std::process::ExitCode::FAILURE;
        };
        let password = std::env::var("SXSH_NEW_PASSWORD").ok().unwrap_or_else(|| {
            let mut line = String::new();
            _ = std::io::stdin().read_line(&mut line);
            line.trim_end_matches(['\r', '\n']).to_owned()
        });
        let created = sxsh_server::db::open(&settings.database)
            .map_err(|e| e.to_string())
            .and_then(|conn| sxsh_server::staff::create_staff(&conn, username, &password));
        return match created {
            Ok(()) => {
                println!("staff account {username} created");
                std::process::ExitCode::SUCCESS
            }
            Err(why) => {
                eprintln!("cannot create the account: {why}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let listen = settings.listen;
    let state = match sxsh_server::AppState::open(settings) {
        Ok(state) => state,
        Err(why) => {
            tracing::error!(%why, "cannot open the database");
            return std::process::ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(listener) => listener,
        Err(why) => {
            tracing::error!(%why, %listen, "cannot listen");
            return std::process::ExitCode::FAILURE;
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
        tracing::info!("shutting down after the requests in flight");
    };
    match sxsh_server::serve(listener, state, shutdown).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(why) => {
            tracing::error!(%why, "server stopped");
            std::process::ExitCode::FAILURE
        }
    }
}
