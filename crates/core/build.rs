//! Build step: turns the editable content into what the widget compiles in.
//!
//! 1. `content/checklist.toml`, `content/sources.toml`, `content/learn.toml`,
//!    `content/end_uses.toml` and
//!    `content/questions/*.toml` (in file-name order) are merged into one JSON document, `$OUT_DIR/checklist.json`, which
//!    `checklist::builtin` parses once at start-up. Staff edit TOML; the widget ships JSON, which
//!    it already knows how to parse. Its file name in `dist/`, `sxsh-content-<hash>.json`, is set
//!    here as `SXSH_CONTENT_FILE` (FNV-1a of the JSON), so a content edit gets a new name and a
//!    browser never mixes an old cached copy with a new widget.
//! 2. `content/glossary.toml` becomes `$OUT_DIR/glossary.json`, apart from the checklist: only
//!    the native validator reads it (`checklist::glossary`), so the browser never downloads it.
//! 3. `locales/vi.toml` and `locales/en.toml` become `$OUT_DIR/texts.rs`: one `Text` enum variant
//!    per key and a `match` per language, so a missing translation is a build error and looking
//!    a text up costs nothing at run time. The sections only the closing screens read
//!    (`LATE_SECTIONS`) become `LateText`, likewise, so the page module does not carry them.
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
    let merged = merged_content(&root.join("content"));
    let content = serde_json::to_string(&merged).expect("TOML values are valid JSON");
    fs::write(out_dir.join("profile_part.rs"), profile_part_source(&merged))
        .expect("OUT_DIR is writable");
    println!("cargo::rustc-env=SXSH_CONTENT_FILE=sxsh-content-{:016x}.json", fnv1a(&content));
    fs::write(out_dir.join("checklist.json"), content).expect("OUT_DIR is writable");
    let glossary = read_toml(&root.join("content/glossary.toml"));
    fs::write(
        out_dir.join("glossary.json"),
        serde_json::to_string(&glossary).expect("TOML values are valid JSON"),
    )
    .expect("OUT_DIR is writable");
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

fn merged_content(dir: &Path) -> toml::Table {
    let mut merged = read_toml(&dir.join("checklist.toml"));
    let mut files =
        vec![dir.join("sources.toml"), dir.join("learn.toml"), dir.join("end_uses.toml")];
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
    merged
}

/// The Rust source of the content that the profile step needs (`checklist/profile_part.rs`
/// includes it): areas, sectors, equipment, fuels, voltage levels with the tariff's note and the
/// water note, as
/// constant tables. A missing or mistyped entry stops the build; `sxsh_content` names it.
fn profile_part_source(merged: &toml::Table) -> String {
    let list = |key: &str| -> Vec<toml::Table> {
        match merged.get(key) {
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    toml::Value::Table(table) => table.clone(),
                    _ => panic!("content: every `{key}` entry must be a table"),
                })
                .collect(),
            _ => panic!("content: `{key}` must be a list of [[{key}]] tables"),
        }
    };
    let table = |key: &str| -> toml::Table {
        match merged.get(key) {
            Some(toml::Value::Table(table)) => table.clone(),
            _ => panic!("content: `[{key}]` must be a table"),
        }
    };
    let text = |t: &toml::Table, key: &str| -> String {
        match t.get(key) {
            Some(toml::Value::String(s)) => format!("{s:?}"),
            _ => panic!("content: `{key}` must be text in {t:?}"),
        }
    };
    let number = |t: &toml::Table, key: &str| -> String {
        match t.get(key) {
            Some(toml::Value::Float(x)) => format!("{x:?}"),
            Some(toml::Value::Integer(i)) => format!("{:?}", *i as f64),
            _ => panic!("content: `{key}` must be a number in {t:?}"),
        }
    };
    let labelled = |key: &str, name: &str| -> String {
        let rows: String = list(key)
            .iter()
            .map(|t| format!("    ({}, {}, {}),\n", text(t, "id"), text(t, "vi"), text(t, "en")))
            .collect();
        format!("const {name}: &[(&str, &str, &str)] = &[\n{rows}];\n")
    };
    let mut src =
        String::from("// Generated by build.rs from content/: the profile step's part.\n");
    src += &labelled("areas", "AREAS");
    src += &labelled("sectors", "SECTORS");
    src += "const EQUIPMENT: &[EquipmentRow] = &[\n";
    for t in list("equipment") {
        let sectors: Vec<String> = match t.get("sectors") {
            None => Vec::new(),
            Some(toml::Value::Array(ids)) => ids
                .iter()
                .map(|id| match id {
                    toml::Value::String(s) => format!("{s:?}"),
                    _ => panic!("content: an equipment's `sectors` are sector ids in {t:?}"),
                })
                .collect(),
            Some(_) => panic!("content: an equipment's `sectors` must be a list in {t:?}"),
        };
        src += &format!(
            "    ({}, {}, {}, &[{}]),\n",
            text(&t, "id"),
            text(&t, "vi"),
            text(&t, "en"),
            sectors.join(", ")
        );
    }
    src += "];\n";
    src += "const FUELS: &[FuelRow] = &[\n";
    for t in list("fuels") {
        // A fuel without a current sourced price has none, and a note asking for the factory's.
        let price = match (t.get("price_vnd_per_unit"), t.get("price_year")) {
            (Some(_), Some(toml::Value::Integer(y))) => {
                format!("Some(({}, {y}))", number(&t, "price_vnd_per_unit"))
            }
            (None, None) => "None".to_owned(),
            _ => panic!(
                "content: a fuel needs both `price_vnd_per_unit` and a whole `price_year`, or neither"
            ),
        };
        let note = match (t.get("price_note_vi"), t.get("price_note_en")) {
            (None, None) => "None".to_owned(),
            _ => format!("Some(({}, {}))", text(&t, "price_note_vi"), text(&t, "price_note_en")),
        };
        src += &format!(
            "    ({}, {}, {}, {}, {}, {}, {}, {price}, {note}),\n",
            text(&t, "id"),
            text(&t, "vi"),
            text(&t, "en"),
            text(&t, "unit"),
            number(&t, "toe_per_unit"),
            number(&t, "mj_per_unit"),
            number(&t, "co2_t_per_unit"),
        );
    }
    src += "];\n";
    src += "const VOLTAGE_LEVELS: &[VoltageRow] = &[\n";
    let electricity = table("electricity");
    match electricity.get("voltage_levels") {
        Some(toml::Value::Array(levels)) => {
            for level in levels {
                let toml::Value::Table(t) = level else {
                    panic!("content: every voltage level must be a table")
                };
                src += &format!(
                    "    ({}, {}, {}, {}, {}, {}),\n",
                    text(t, "id"),
                    text(t, "vi"),
                    text(t, "en"),
                    number(t, "off_peak"),
                    number(t, "normal"),
                    number(t, "peak"),
                );
            }
        }
        _ => panic!("content: `electricity.voltage_levels` must be a list"),
    }
    src += "];\n";
    src += &format!(
        "const TARIFF_NOTE: (&str, &str) = ({}, {});\n",
        text(&electricity, "tariff_note_vi"),
        text(&electricity, "tariff_note_en")
    );
    let water = table("water");
    src += &format!(
        "const WATER_NOTE: (&str, &str) = ({}, {});\n",
        text(&water, "comparator_note_vi"),
        text(&water, "comparator_note_en")
    );
    src
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

/// The sections of `locales/*.toml` that only the closing screens' code reads: they become
/// `LateText`, a table of its own, so that the page module (which holds `Text`'s table) carries
/// none of them; the page build's splitter moves a table that only one chunk reaches into it.
const LATE_SECTIONS: [&str; 3] = ["notes", "offer", "plan"];

fn texts_source(dir: &Path) -> String {
    let vi = flat_texts(&dir.join("vi.toml"));
    let en = flat_texts(&dir.join("en.toml"));
    let missing: Vec<_> = vi.keys().filter(|k| !en.contains_key(*k)).collect();
    let extra: Vec<_> = en.keys().filter(|k| !vi.contains_key(*k)).collect();
    assert!(missing.is_empty(), "locales/en.toml lacks {missing:?}");
    assert!(extra.is_empty(), "locales/en.toml has keys that vi.toml lacks: {extra:?}");
    let late = |key: &str| LATE_SECTIONS.iter().any(|s| key.split('.').next() == Some(s));
    let mut src = String::new();
    for (name, doc, is_late) in [
        ("Text", "Every interface text, named after its key in `locales/*.toml`.", false),
        (
            "LateText",
            "The texts only the closing screens read (`LATE_SECTIONS` in `build.rs`).",
            true,
        ),
    ] {
        let keys: Vec<&String> = vi.keys().filter(|k| late(k) == is_late).collect();
        src += &format!(
            "/// {doc}\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum {name} {{\n"
        );
        for key in &keys {
            src += &format!("    /// `{key}`\n    {},\n", variant_name(key));
        }
        src += &format!("}}\n\nimpl {name} {{\n");
        for (lang, texts) in [("vi", &vi), ("en", &en)] {
            src += &format!("    fn {lang}(self) -> &'static str {{\n        match self {{\n");
            for key in &keys {
                src +=
                    &format!("            {name}::{} => {:?},\n", variant_name(key), texts[*key]);
            }
            src += "        }\n    }\n";
        }
        src += "}\n\n";
    }
    src
}
