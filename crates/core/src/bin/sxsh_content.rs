//! Build step run by trunk before each build (`Trunk.toml`'s pre_build hook): writes the shipped
//! checklist content to `$TRUNK_STAGING_DIR/<checklist::CONTENT_FILE>`, the file the widget
//! fetches once its first screen is up. Content that breaks a rule of `checklist::validate`
//! stops the build with the problems listed, so a staff edit cannot ship broken.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use sxsh_core::checklist::{self, Checklist};
    let Some(dir) = std::env::args_os().nth(1).or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
    else {
        eprintln!("usage: sxsh_content <dir> (or set TRUNK_STAGING_DIR)");
        return ExitCode::FAILURE;
    };
    let problems = match Checklist::from_json(checklist::SHIPPED_JSON) {
        Ok(list) => checklist::validate(&list).iter().map(ToString::to_string).collect(),
        Err(err) => vec![format!("the content does not have the checklist's shape: {err}")],
    };
    if !problems.is_empty() {
        eprintln!("content/ has {} problem(s):", problems.len());
        problems.iter().for_each(|p| eprintln!("  - {p}"));
        return ExitCode::FAILURE;
    }
    let path = std::path::Path::new(&dir).join(checklist::CONTENT_FILE);
    match std::fs::write(&path, checklist::SHIPPED_JSON) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("cannot write {}: {err}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// A build tool: it has nothing to do in a browser.
#[cfg(target_arch = "wasm32")]
fn main() {}
