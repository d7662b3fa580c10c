//! The notes: what only the closing screens, the report and the PDF show (the sources' titles,
//! the learn pages, the techniques' examples, the support programmes, the key-energy-user texts,
//! each question's and measure's source ids, the measures' and splits' estimate notes). The
//! browser loads the shipped content in two files per language: the questions' part first, with
//! the notes taken out (`Checklist::take_notes`, `notes_apart` set), and the notes in a second
//! file (`notes_file`) fetched with the closing screens, which `put_notes` puts back. Every
//! figure (thresholds, savings, shares, paybacks) stays in the first part. Natively, and in a
//! host's checklist, the notes are never apart. Pure.

use super::learn::{KeyEnergyUserRule, LearnSection, Support, TechniqueLearn};
use super::{CONTENT_FILE, Checklist, Source};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The schema tag of a notes file.
pub const NOTES_SCHEMA: &str = "sxsh-notes/1";

/// The notes of one checklist (one language's copy, or both languages).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Notes {
    pub schema: String,
    /// The version of the checklist they belong to.
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    pub sources: Vec<Source>,
    pub learn: Vec<LearnSection>,
    pub techniques_learn: Vec<TechniqueLearn>,
    pub support: Vec<Support>,
    /// The whole rule; the first part keeps its thresholds only.
    pub key_energy_user: Option<KeyEnergyUserRule>,
    /// Per question, in the checklist's order.
    pub questions: Vec<QuestionNotes>,
    /// Per default split, in the checklist's order.
    pub end_use_shares: Vec<ShareNotes>,
}

/// A question's source ids, and its measure's source ids and estimate notes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionNotes {
    pub id: String,
    pub sources: Vec<String>,
    #[serde(default)]
    pub measure_sources: Vec<String>,
    #[serde(default)]
    pub estimate_vi: Option<String>,
    #[serde(default)]
    pub estimate_en: Option<String>,
}

/// A default split's sources and estimate notes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShareNotes {
    pub sector: String,
    pub stream: String,
    pub sources: Vec<String>,
    #[serde(default)]
    pub estimate_vi: Option<String>,
    #[serde(default)]
    pub estimate_en: Option<String>,
}

/// The shipped content's notes file for `lang`, beside `language_file(lang)`. Inlined: the
/// widget's question pages and closing screens each name it, and share no code for it.
#[inline(always)]
pub fn notes_file(lang: Lang) -> String {
    let stem = CONTENT_FILE.strip_suffix(".json").unwrap_or(CONTENT_FILE);
    format!("{stem}.notes.{}.json", lang.tag())
}

impl Notes {
    /// Reads a notes file.
    pub fn from_json(json: &str) -> Result<Notes, serde_json::Error> {
        serde_json::from_str(json)
    }
}

impl Checklist {
    /// Takes the notes out of this checklist (which then says so in `notes_apart`); every figure
    /// stays. The key-energy-user rule keeps its thresholds and loses its texts.
    pub fn take_notes(&mut self) -> Notes {
        use std::mem::take;
        let questions = self
            .questions
            .iter_mut()
            .map(|q| QuestionNotes {
                id: q.id.clone(),
                sources: take(&mut q.sources),
                measure_sources: q
                    .measure
                    .as_mut()
                    .map(|m| take(&mut m.sources))
                    .unwrap_or_default(),
                estimate_vi: q.measure.as_mut().and_then(|m| m.estimate_vi.take()),
                estimate_en: q.measure.as_mut().and_then(|m| m.estimate_en.take()),
            })
            .collect();
        let end_use_shares = self
            .end_use_shares
            .iter_mut()
            .map(|s| ShareNotes {
                sector: s.sector.clone(),
                stream: s.stream.clone(),
                sources: take(&mut s.sources),
                estimate_vi: s.estimate_vi.take(),
                estimate_en: s.estimate_en.take(),
            })
            .collect();
        let key_energy_user = self.key_energy_user.as_mut().map(|rule| {
            let whole = rule.clone();
            *rule = KeyEnergyUserRule {
                threshold_toe: rule.threshold_toe,
                near_toe: rule.near_toe,
                obligations_vi: Vec::new(),
                obligations_en: Vec::new(),
                note_vi: String::new(),
                note_en: String::new(),
                near_note_vi: String::new(),
                near_note_en: String::new(),
                sources: Vec::new(),
            };
            whole
        });
        self.notes_apart = true;
        Notes {
            schema: NOTES_SCHEMA.to_owned(),
            version: self.version.clone(),
            language: self.language,
            sources: take(&mut self.sources),
            learn: take(&mut self.learn),
            techniques_learn: take(&mut self.techniques_learn),
            support: take(&mut self.support),
            key_energy_user,
            questions,
            end_use_shares,
        }
    }

    /// Puts `notes` back into a checklist whose notes were taken out, if they are its own (same
    /// schema, version and language); says whether they were.
    pub fn put_notes(&mut self, notes: &Notes) -> bool {
        if !self.notes_apart
            || notes.schema != NOTES_SCHEMA
            || notes.version != self.version
            || notes.language != self.language
        {
            return false;
        }
        self.sources = notes.sources.clone();
        self.learn = notes.learn.clone();
        self.techniques_learn = notes.techniques_learn.clone();
        self.support = notes.support.clone();
        if notes.key_energy_user.is_some() {
            self.key_energy_user = notes.key_energy_user.clone();
        }
        for (i, n) in notes.questions.iter().enumerate() {
            // In the same order as written; by id if not.
            let at = match self.questions.get(i) {
                Some(q) if q.id == n.id => Some(i),
                _ => self.questions.iter().position(|q| q.id == n.id),
            };
            let Some(q) = at.and_then(|i| self.questions.get_mut(i)) else { continue };
            q.sources = n.sources.clone();
            if let Some(m) = q.measure.as_mut() {
                m.sources = n.measure_sources.clone();
                m.estimate_vi = n.estimate_vi.clone();
                m.estimate_en = n.estimate_en.clone();
            }
        }
        for n in &notes.end_use_shares {
            if let Some(s) = self
                .end_use_shares
                .iter_mut()
                .find(|s| s.sector == n.sector && s.stream == n.stream)
            {
                s.sources = n.sources.clone();
                s.estimate_vi = n.estimate_vi.clone();
                s.estimate_en = n.estimate_en.clone();
            }
        }
        self.notes_apart = false;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{SHIPPED_JSON, one_language};

    #[test]
    fn taking_the_notes_out_and_putting_them_back_gives_the_same_checklist() {
        for lang in [Lang::Vi, Lang::En] {
            let json = one_language(SHIPPED_JSON, lang).expect("the shipped content is JSON");
            let whole = Checklist::from_json(&json).expect("a copy parses");
            let mut part = whole.clone();
            let notes = part.take_notes();
            assert!(part.notes_apart && !whole.notes_apart);
            assert!(part.sources.is_empty() && part.learn.is_empty());
            assert!(part.questions.iter().all(|q| {
                q.sources.is_empty()
                    && q.measure
                        .as_ref()
                        .is_none_or(|m| m.estimate_vi.is_none() && m.sources.is_empty())
            }));
            // Every figure stays in the first part.
            let rule = part.key_energy_user.as_ref().expect("the shipped content has the rule");
            assert_eq!(rule.threshold_toe, 1000.0);
            assert!(rule.note_vi.is_empty() && rule.obligations_vi.is_empty());
            for (a, b) in part.questions.iter().zip(&whole.questions) {
                assert_eq!(
                    a.measure.as_ref().map(|m| (m.saving_pct, m.payback_years)),
                    b.measure.as_ref().map(|m| (m.saving_pct, m.payback_years))
                );
            }
            // Through JSON, as the browser gets them.
            let notes = Notes::from_json(&serde_json::to_string(&notes).expect("notes serialise"))
                .expect("notes parse");
            let mut part = Checklist::from_json(&serde_json::to_string(&part).expect("serialises"))
                .expect("the first part parses");
            assert!(part.put_notes(&notes));
            assert_eq!(part, whole, "{lang:?}");
            assert!(!part.put_notes(&notes), "a whole checklist takes no notes");
        }
    }

    #[test]
    fn notes_in_another_order_land_on_their_own_questions_and_unknown_ones_are_skipped() {
        let json = one_language(SHIPPED_JSON, Lang::Vi).expect("the shipped content is JSON");
        let whole = Checklist::from_json(&json).expect("a copy parses");
        let mut part = whole.clone();
        let mut notes = part.take_notes();
        notes.questions.reverse();
        let mut stray = notes.questions[0].clone();
        stray.id = "energy.nowhere.retired".into();
        notes.questions.insert(1, stray);
        assert!(part.put_notes(&notes));
        assert_eq!(part, whole);
    }

    #[test]
    fn notes_of_another_version_or_language_are_refused() {
        let json = one_language(SHIPPED_JSON, Lang::Vi).expect("JSON");
        let mut part = Checklist::from_json(&json).expect("parses");
        let mut notes = part.take_notes();
        notes.language = Some(Lang::En);
        assert!(!part.put_notes(&notes));
        notes.language = Some(Lang::Vi);
        notes.version = "1999.01.1".to_owned();
        assert!(!part.put_notes(&notes));
        assert!(part.notes_apart);
    }

    #[test]
    fn the_notes_files_are_named_after_the_content() {
        assert_eq!(notes_file(Lang::Vi), CONTENT_FILE.replace(".json", ".notes.vi.json"));
        assert!(!notes_file(Lang::En).ends_with(".en.json.json"));
    }
}
