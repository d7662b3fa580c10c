//! Tidy test: the architecture rules that code review would otherwise have to remember.
//!
//! - Core modules (everything outside `src/ui`, `src/storage.rs`, `src/download.rs`,
//!   `src/api.rs`, `src/pdf_worker.rs` and `src/main.rs`) never import
//!   `leptos`, `web_sys`, `gloo_*` or `wasm_bindgen`, so they compile and test natively.
//! - Every Rust file starts with a `//!` paragraph saying what it is for.
//! - No `inner_html` anywhere: user or imported text is only ever rendered as text.
#![cfg(not(target_arch = "wasm32"))] // Native tests: they read files or use proptest.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn all_project_rust_files() -> Vec<PathBuf> {
    let mut files = rust_files(Path::new("src"));
    files.extend(rust_files(Path::new("tests")));
    files.extend(rust_files(Path::new("server")));
    files.extend(rust_files(Path::new("benches")));
    files.push(PathBuf::from("build.rs"));
    files
}

/// Files that are allowed to touch the browser: the shell (components and the one home of each
/// side effect).
const SHELL_FILES: [&str; 6] = [
    "src/ui.rs",
    "src/storage.rs",
    "src/download.rs",
    "src/api.rs",
    "src/pdf_worker.rs",
    "src/main.rs",
];

fn is_shell(path: &Path) -> bool {
    path.starts_with("src/ui") || SHELL_FILES.iter().any(|f| path == Path::new(f))
}

#[test]
fn core_modules_import_no_web_crates() {
    let forbidden = ["leptos", "web_sys", "gloo_", "wasm_bindgen"];
    let mut offenders = Vec::new();
    for path in rust_files(Path::new("src")).into_iter().filter(|p| !is_shell(p)) {
        let text = fs::read_to_string(&path).expect("readable file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if forbidden.iter().any(|name| {
                code.contains(&format!("{name}::")) || code.contains(&format!("use {name}"))
            }) {
                offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "core files use web crates:\n{}", offenders.join("\n"));
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let undocumented: Vec<String> = all_project_rust_files()
        .into_iter()
        .filter(|path| {
            let text = fs::read_to_string(path).expect("readable file");
            !text.trim_start().starts_with("//!")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(undocumented.is_empty(), "files without a //! paragraph: {undocumented:?}");
}

#[test]
fn no_source_file_sets_inner_html() {
    let needle = ["inner", "_html"].concat();
    let offenders: Vec<String> = rust_files(Path::new("src"))
        .into_iter()
        .filter(|path| fs::read_to_string(path).expect("readable file").contains(&needle))
        .map(|p| p.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "{needle} used in {offenders:?}");
}
