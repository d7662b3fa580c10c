//! Build step run by trunk before each build (`Trunk.toml`'s pre_build hook): writes the shipped
//! checklist content to `$TRUNK_STAGING_DIR/<checklist::CONTENT_FILE>` (both languages, whole, for
//! hosts and tools) and two files per language: the questions' part (`checklist::language_file`),
//! which the widget fetches in the user's language after the first question, and its notes
//! (`checklist::notes_file`: sources, learn pages, estimate notes), fetched with the closing
//! screens (`checklist::Checklist::take_notes`). Content that breaks a rule of `checklist::validate`,
//! or uses a term of `content/glossary.toml` in one language and not the other
//! (`checklist::check_glossary`), stops the build with the problems listed, so a staff edit cannot
//! ship broken. The glossary itself is never written: the browser does not need it.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use sxsh_core::checklist::{self, Checklist};
    use sxsh_core::i18n::Lang;
    let Some(dir) = std::env::args_os().nth(1).or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
    else {
        eprintln!("usage: sxsh_content <dir> (or set TRUNK_STAGING_DIR)");
        return ExitCode::FAILURE;
    };
    let problems: Vec<String> = match Checklist::from_json(checklist::SHIPPED_JSON) {
        Ok(list) => {
            let glossary = checklist::glossary::shipped();
            let mut problems = checklist::validate(&list);
            problems.extend(glossary.iter().flat_map(|g| checklist::check_glossary(&list, g)));
            let shape = glossary.err();
            problems.iter().map(ToString::to_string).chain(shape).collect()
        }
        Err(err) => vec![format!("the content does not have the checklist's shape: {err}")],
    };
    if !problems.is_empty() {
        eprintln!("content/ has {} problem(s):", problems.len());
        problems.iter().for_each(|p| eprintln!("  - {p}"));
        return ExitCode::FAILURE;
    }
    let mut files = vec![(checklist::CONTENT_FILE.to_owned(), checklist::SHIPPED_JSON.to_owned())];
    for lang in [Lang::Vi, Lang::En] {
        let split = checklist::one_language(checklist::SHIPPED_JSON, lang).and_then(|json| {
            let mut part = Checklist::from_json(&json)?;
            let notes = part.take_notes();
            Ok((serde_json::to_string(&part)?, serde_json::to_string(&notes)?))
        });
        match split {
            Ok((part, notes)) => {
                files.push((checklist::language_file(lang), part));
                files.push((checklist::notes_file(lang), notes));
            }
            Err(err) => {
                eprintln!("cannot make the {} content files: {err}", lang.tag());
                return ExitCode::FAILURE;
            }
        }
    }
    for (name, json) in files {
        let path = std::path::Path::new(&dir).join(name);
        if let Err(err) = std::fs::write(&path, json) {
            eprintln!("cannot write {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// A build tool: it has nothing to do in a browser.
#[cfg(target_arch = "wasm32")]
fn main() {}
