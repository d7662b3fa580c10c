//! The checklist in one language or two. The browser loads the shipped content in the user's
//! language only (`one_language` writes each file at build time, `language_file` names it), and
//! the other language's copy only if the user switches; `Copies` says which copy a reader gets
//! and whether the one they need is missing. The bilingual content (natively, or a host's) serves
//! both languages. Pure.

use super::{CONTENT_FILE, Checklist};
use crate::i18n::Lang;

/// The shipped content's one-language file name for `lang` (`CONTENT_FILE` is bilingual).
pub fn language_file(lang: Lang) -> String {
    let stem = CONTENT_FILE.strip_suffix(".json").unwrap_or(CONTENT_FILE);
    format!("{stem}.{}.json", lang.tag())
}

/// The bilingual content `json` with only `lang`'s texts: every text field of the other
/// language (`en` / `*_en`, or `vi` / `*_vi`) is emptied, and `language` says which it is. The
/// same shape, so the same reader reads it; for the browser, which then downloads one language.
pub fn one_language(json: &str, lang: Lang) -> Result<String, serde_json::Error> {
    fn blank(value: &mut serde_json::Value, other: &str) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, item) in map.iter_mut() {
                    let foreign =
                        key == other || key.strip_suffix(other).is_some_and(|k| k.ends_with('_'));
                    match item {
                        serde_json::Value::String(text) if foreign => text.clear(),
                        _ => blank(item, other),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|item| blank(item, other)),
            _ => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_str(json)?;
    blank(&mut value, if lang == Lang::Vi { "en" } else { "vi" });
    if let serde_json::Value::Object(map) = &mut value {
        map.insert("language".to_owned(), serde_json::Value::String(lang.tag().to_owned()));
    }
    serde_json::to_string(&value)
}

/// The checklists installed: the first, and the other language's one-language copy if it came.
#[derive(Clone, Copy)]
pub(super) struct Copies<'a> {
    pub first: &'a Checklist,
    pub other: Option<&'a Checklist>,
}

impl<'a> Copies<'a> {
    /// The copy for a reader of `lang`: the other copy if the first is in another language and
    /// the other has come, else the first.
    pub fn for_reader(self, lang: Lang) -> &'a Checklist {
        match (self.first.language, self.other) {
            (Some(language), Some(other)) if language != lang => other,
            _ => self.first,
        }
    }

    /// Whether no copy has `lang`'s texts.
    pub fn lacks(self, lang: Lang) -> bool {
        let has = |list: &Checklist| list.language.is_none_or(|l| l == lang);
        !has(self.first) && !self.other.is_some_and(has)
    }

    /// Whether `next` is the other language's copy of a one-language first checklist.
    pub fn completed_by(self, next: &Checklist) -> bool {
        self.first.language.is_some()
            && next.language.is_some()
            && self.first.language != next.language
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::SHIPPED_JSON;

    fn copy(lang: Lang) -> Checklist {
        let json = one_language(SHIPPED_JSON, lang).expect("the shipped content is JSON");
        Checklist::from_json(&json).expect("a one-language copy has the checklist's shape")
    }

    #[test]
    fn a_one_language_copy_keeps_its_language_and_empties_the_other() {
        let full = Checklist::from_json(SHIPPED_JSON).expect("the shipped content parses");
        let vi = copy(Lang::Vi);
        assert_eq!(vi.language, Some(Lang::Vi));
        assert_eq!(full.language, None);
        assert_eq!(vi.questions.len(), full.questions.len());
        for (one, both) in vi.questions.iter().zip(&full.questions) {
            assert_eq!(
                (one.id.as_str(), one.text_vi.as_str(), one.help_vi.as_str()),
                (both.id.as_str(), both.text_vi.as_str(), both.help_vi.as_str())
            );
            assert_eq!((one.text_en.as_str(), one.help_en.as_str()), ("", ""), "{}", one.id);
            assert_eq!(one.weight, both.weight, "numbers stay");
        }
        assert!(vi.sectors.iter().all(|s| s.en.is_empty() && !s.vi.is_empty()));
        let en = copy(Lang::En);
        assert!(en.areas.iter().all(|a| a.vi.is_empty() && !a.en.is_empty()));
        assert_eq!(en.title_en, full.title_en);
        assert!(en.title_vi.is_empty());
        // Ids, units and other texts that are neither language's stay whole.
        assert_eq!(
            en.fuels.iter().map(|f| (&f.id, &f.unit)).collect::<Vec<_>>(),
            full.fuels.iter().map(|f| (&f.id, &f.unit)).collect::<Vec<_>>()
        );
        // Smaller by about the other language's share.
        assert!(
            one_language(SHIPPED_JSON, Lang::Vi).map(|j| j.len()).unwrap_or(usize::MAX)
                < SHIPPED_JSON.len() * 3 / 4
        );
    }

    #[test]
    fn each_reader_gets_their_language_once_it_has_come() {
        let (vi, en) = (copy(Lang::Vi), copy(Lang::En));
        let full = Checklist::from_json(SHIPPED_JSON).expect("the shipped content parses");
        let only_vi = Copies { first: &vi, other: None };
        // Until English comes, the Vietnamese copy (the widget's screens wait for English meanwhile).
        assert!(std::ptr::eq(only_vi.for_reader(Lang::En), &vi));
        assert!(only_vi.lacks(Lang::En));
        assert!(!only_vi.lacks(Lang::Vi));
        assert!(only_vi.completed_by(&en));
        assert!(
            !only_vi.completed_by(&copy(Lang::Vi)),
            "the same language again completes nothing"
        );
        assert!(!only_vi.completed_by(&full), "nor does the bilingual content");
        let both = Copies { first: &vi, other: Some(&en) };
        assert!(std::ptr::eq(both.for_reader(Lang::En), &en));
        assert!(std::ptr::eq(both.for_reader(Lang::Vi), &vi));
        assert!(!both.lacks(Lang::En) && !both.lacks(Lang::Vi));
        let bilingual = Copies { first: &full, other: None };
        assert!(!bilingual.lacks(Lang::En) && !bilingual.lacks(Lang::Vi));
        assert!(std::ptr::eq(bilingual.for_reader(Lang::En), &full));
        assert!(!bilingual.completed_by(&en), "a bilingual checklist needs no copy");
    }

    #[test]
    fn the_language_files_are_named_after_the_content() {
        assert_eq!(language_file(Lang::Vi), CONTENT_FILE.replace(".json", ".vi.json"));
        assert_eq!(language_file(Lang::En), CONTENT_FILE.replace(".json", ".en.json"));
    }
}
