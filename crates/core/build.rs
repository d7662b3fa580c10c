//! Build step: turns the editable content into what the widget compiles in.
//!
//! 1. `content/checklist.toml`, `content/sources.toml`, `content/learn.toml` and
//!    `content/questions/*.toml` (in file-name order) are merged into one JSON document, `$OUT_DIR/checklist.json`, which
//!    `checklist::builtin` parses once at start-up. Staff edit TOML; the widget ships JSON, which
//!    it already knows how to parse. Its file name in `dist/`, `sxsh-content-<hash>.json`, is set
//!    here as `SXSH_CONTENT_FILE` (FNV-1a of the JSON), so a content edit gets a new name and a
//!    browser never mixes an old cached copy with a new widget.
//! 2. `locales/vi.toml` and `locales/en.toml` become `$OUT_DIR/texts.rs`: one `Text` enum variant
//!    per key and a `match` per language, so a missing translation is a build error and looking
//!    a text up costs nothing at run time.
//!
//! Only shape errors stop the build here; content rules are checked by `checklist::validate`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The editable files stay at the repository's top level, where Department staff find them.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    println!("cargo::rerun-if-changed=../../content");
    println!("cargo::rerun-if-changed=../../locales");
    let content = merged_content(&root.join("content"));
    println!("cargo::rustc-env=SXSH_CONTENT_FILE=sxsh-content-{:016x}.json", fnv1a(&content));
    fs::write(out_dir.join("checklist.json"), content).expect("OUT_DIR is writable");
    fs::write(out_dir.join("texts.rs"), texts_source(&root.join("locales")))
        .expect("OUT_DIR is writable");
}

/// FNV-1a, 64 bits: a stable content hash for the file name (not for security).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn read_toml(path: &Path) -> toml::Table {
    let text = fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    toml::from_str(&text)
        .unwrap_or_else(|err| panic!("{} is not valid TOML: {err}", path.display()))
}

fn merged_content(dir: &Path) -> String {
    let mut merged = read_toml(&dir.join("checklist.toml"));
    let mut files = vec![dir.join("sources.toml"), dir.join("learn.toml")];
    let mut question_files: Vec<PathBuf> = fs::read_dir(dir.join("questions"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    question_files.retain(|p| p.extension().is_some_and(|ext| ext == "toml"));
    question_files.sort();
    files.extend(question_files);
    for file in files {
        for (key, value) in read_toml(&file) {
            let items = match value {
                toml::Value::Array(items) => items,
                // A single table may appear in one file only.
                table @ toml::Value::Table(_) if !merged.contains_key(&key) => {
                    merged.insert(key, table);
                    continue;
                }
                _ => panic!(
                    "{}: top-level `{key}` must be a list of [[{key}]] tables",
                    file.display()
                ),
            };
            match merged.entry(key).or_insert_with(|| toml::Value::Array(Vec::new())) {
                toml::Value::Array(list) => list.extend(items),
                _ => panic!("{}: `[[...]]` list collides with a setting", file.display()),
            }
        }
    }
    serde_json::to_string(&merged).expect("TOML values are valid JSON")
}

fn variant_name(key: &str) -> String {
    key.split(['.', '_'])
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn flat_texts(path: &Path) -> BTreeMap<String, String> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>, path: &Path) {
        for (key, value) in table {
            let full = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            match value {
                toml::Value::String(text) => {
                    out.insert(full, text.clone());
                }
                toml::Value::Table(inner) => walk(&full, inner, out, path),
                _ => panic!("{}: `{full}` must be text", path.display()),
            }
        }
    }
    let mut out = BTreeMap::new();
    walk("", &read_toml(path), &mut out, path);
    out
}

fn texts_source(dir: &Path) -> String {
    let vi = flat_texts(&dir.join("vi.toml"));
    let en = flat_texts(&dir.join("en.toml"));
    let missing: Vec<_> = vi.keys().filter(|k| !en.contains_key(*k)).collect();
    let extra: Vec<_> = en.keys().filter(|k| !vi.contains_key(*k)).collect();
    assert!(missing.is_empty(), "locales/en.toml lacks {missing:?}");
    assert!(extra.is_empty(), "locales/en.toml has keys that vi.toml lacks: {extra:?}");
    let mut src = String::from(
        "/// Every interface text, named after its key in `locales/*.toml`.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Text {\n",
    );
    for key in vi.keys() {
        src += &format!("    /// `{key}`\n    {},\n", variant_name(key));
    }
    src += "}\n\nimpl Text {\n";
    for (lang, texts) in [("vi", &vi), ("en", &en)] {
        src += &format!("    fn {lang}(self) -> &'static str {{\n        match self {{\n");
        for (key, text) in texts.iter() {
            src += &format!("            Text::{} => {:?},\n", variant_name(key), text);
        }
        src += "        }\n    }\n";
    }
    src += "}\n";
    src
}
