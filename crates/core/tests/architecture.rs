//! Tidy tests: the architecture rules the compiler cannot check.
//!
//! The core's purity is a crate boundary (`sxsh_core` has no web dependency), so it needs no test.
//! What remains:
//! - no import cycle between the modules (files) of any crate: a module reaches another through
//!   `crate::` or `super::` paths, and a cycle among siblings means two files that cannot be read
//!   or changed apart (a module's own submodules are its parts, not a cycle);
//! - every Rust file starts with a `//!` paragraph saying what it is for;
//! - no `inner_html` anywhere: user or imported text is only ever rendered as text.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return files };
    for entry in entries {
        let path = entry.expect("readable entry").path();
        let skip = path.file_name().is_some_and(|n| n == "target" || n == "node_modules");
        if path.is_dir() && !skip {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Every crate's source folder that has modules (the PDF worker is one file).
const CRATE_SOURCES: [&str; 4] = ["src", "crates/core/src", "crates/assessor/src", "server/src"];

fn all_project_rust_files() -> Vec<PathBuf> {
    ["src", "tests", "benches", "crates", "server"]
        .iter()
        .flat_map(|dir| rust_files(&crate::repo(dir)))
        .collect()
}

/// The module path of a library file below `root` (`ui/app.rs` is `["ui", "app"]`, `lib.rs` and
/// `mod.rs` name their folder); `None` for binaries (`main.rs`, `bin/`), which are crates of
/// their own.
fn module_path(root: &Path, file: &Path) -> Option<Vec<String>> {
    let relative = file.strip_prefix(root).ok()?;
    let mut parts: Vec<String> =
        relative.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned()).collect();
    if parts.first().is_some_and(|p| p == "bin") || parts == ["main"] {
        return None;
    }
    if parts.last().is_some_and(|p| p == "lib" || p == "mod") {
        parts.pop();
    }
    Some(parts)
}

/// The paths a file names through `crate::` and `super::`, as segments from the crate root
/// (`use crate::{a, b::c}` names `a` and `b::c`). Comments are ignored.
fn named_paths(text: &str, own: &[String]) -> Vec<Vec<String>> {
    let code: String = text
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (prefix, base) in
        [("crate::", Vec::new()), ("super::", own[..own.len().saturating_sub(1)].to_vec())]
    {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let group = rest.strip_prefix('{').map(|inner| {
                let mut depth = 1;
                let end = inner
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '{' => 1,
                            '}' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map_or(inner.len(), |(i, _)| i);
                inner[..end].split(',').map(str::trim).map(str::to_owned).collect::<Vec<_>>()
            });
            let items = group.unwrap_or_else(|| vec![rest.to_owned()]);
            for item in items {
                let mut path = base.clone();
                path.extend(
                    item.split("::")
                        .map(|s| {
                            s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
                        })
                        .take_while(|s: &String| !s.is_empty()),
                );
                found.push(path);
            }
        }
    }
    found
}

/// The module graph of one crate: each module (file, or the folder of its parts) and the sibling
/// modules it reaches. A file naming a part of another module reaches that module, seen from
/// their nearest common ancestor (`a::x` naming `b::y` is `a → b`); edges to a module's own
/// ancestors or descendants are left out.
fn module_graph(root: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules: BTreeMap<Vec<String>, String> = rust_files(root)
        .into_iter()
        .filter_map(|file| {
            let path = module_path(root, &file)?;
            Some((path, fs::read_to_string(&file).expect("readable file")))
        })
        .collect();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> =
        modules.keys().map(|m| (m.clone(), BTreeSet::new())).collect();
    for (module, text) in &modules {
        for named in named_paths(text, module) {
            let target = (1..=named.len())
                .rev()
                .map(|n| named[..n].to_vec())
                .find(|prefix| modules.contains_key(prefix));
            if let Some(target) = target
                && !target.starts_with(module)
                && !module.starts_with(&target)
            {
                // An edge between parts of two siblings is an edge between the siblings: the
                // children of the modules' nearest common ancestor.
                let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
                let from = module[..=common].to_vec();
                graph.entry(from).or_default().insert(target[..=common].to_vec());
            }
        }
    }
    graph
}

/// One cycle per group of modules that reach each other, written `a → b → a`.
fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<String> {
    let reach = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(m) = stack.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<_, _> = graph.keys().map(|m| (m.clone(), reach(m))).collect();
    let mut reported = BTreeSet::new();
    let mut out = Vec::new();
    for module in graph.keys().filter(|m| reached[*m].contains(*m)) {
        let group: BTreeSet<_> =
            reached[module].iter().filter(|o| reached[*o].contains(module)).cloned().collect();
        if reported.insert(group.clone()) {
            let names: Vec<String> = group.iter().map(|m| m.join("::")).collect();
            out.push(format!("{} → {}", names.join(" → "), names[0]));
        }
    }
    out
}

#[test]
fn no_import_cycle_between_the_modules_of_any_crate() {
    let found: Vec<String> = CRATE_SOURCES
        .iter()
        .flat_map(|dir| {
            let graph = module_graph(&crate::repo(dir));
            assert!(graph.len() > 1, "{dir} has modules to check");
            cycles(&graph).into_iter().map(move |c| format!("{dir}: {c}"))
        })
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_cycle_check_finds_a_cycle_and_ignores_a_module_and_its_parts() {
    let dir = std::env::temp_dir().join(format!("sxsh-cycles-{}", std::process::id()));
    let write = |file: &str, text: &str| {
        let path = dir.join(file);
        fs::create_dir_all(path.parent().expect("a folder")).expect("temp folder");
        fs::write(path, text).expect("temp file");
    };
    write("lib.rs", "//! root\nmod a;\nmod b;\nmod c;\nmod d;\nmod e;\n");
    write("a.rs", "//! a\nuse crate::b::Thing;\n");
    write("b.rs", "//! b\nuse crate::{c::Other, d};\n");
    write("c.rs", "//! c\nfn f() -> crate::a::X { todo!() } // crate::d::Y is a comment\n");
    write("d.rs", "//! d\nmod part;\npub use part::P;\n");
    write("d/part.rs", "//! part of d\nuse super::Q;\nuse crate::d::R;\nuse crate::e::one::X;\n");
    // e's parts do not name each other, but e reaches d while d's part reaches e.
    write("e.rs", "//! e\nmod one;\nmod two;\n");
    write("e/one.rs", "//! one\n");
    write("e/two.rs", "//! two\nuse crate::d::P;\n");
    let graph = module_graph(&dir);
    let found = cycles(&graph);
    fs::remove_dir_all(&dir).expect("temp folder removed");
    assert_eq!(found, vec!["a → b → c → a".to_owned(), "d → e → d".to_owned()]);
    assert_eq!(graph[&vec!["b".to_owned()]].len(), 2, "a grouped import names both modules");
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let files = all_project_rust_files();
    assert!(files.len() > 50, "the whole repository is read");
    let undocumented: Vec<String> = files
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
    let offenders: Vec<String> = all_project_rust_files()
        .into_iter()
        .filter(|path| !path.ends_with("architecture.rs"))
        .filter(|path| fs::read_to_string(path).expect("readable file").contains(&needle))
        .map(|p| p.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "{needle} used in {offenders:?}");
}
