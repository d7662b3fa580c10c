//! The glossary (`content/glossary.toml`): the checklist's technical terms, each with one
//! Vietnamese and one English form, and the rule that keeps the two languages consistent.
//!
//! `check_glossary` reads every bilingual text pair of a checklist (names, questions, help,
//! estimates, units, notes, the learn pages) and reports each pair in which one language has a
//! term and the other lacks its counterpart, so one English term is always rendered by the same
//! Vietnamese term and the reverse. Terms match as whole words, ignoring case; a longer term, or a
//! `mask` phrase, hides the shorter forms inside it ("máy nén khí" is not also "máy nén", "NĐ-CP"
//! is not "CP"). It also checks the glossary itself: ids well formed and unique, no empty form, no
//! form shared by two terms. Matching costs one pass per form over each text (no pairwise work),
//! with the texts lowercased once.
//!
//! The glossary is validation-only content: `build.rs` writes it beside the checklist, never into
//! it, and only native builds compile it in (`shipped`). `sxsh_content` and the content tests run
//! the check; the browser's `install` of a host's checklist does not. Pure.

use super::{Checklist, ContentProblem};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The glossary file: its version, the mask phrases and the terms.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// `YYYY.MM.N`, changed whenever a term changes.
    pub version: String,
    /// Phrases that contain a term's form without being the term (a decree's "NĐ-CP").
    #[serde(default)]
    pub mask: Vec<String>,
    pub terms: Vec<Term>,
}

/// One term: its forms in each language, how to use it, and where the Vietnamese is attested.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub en: String,
    pub vi: String,
    /// Other forms of the same term: inflections, spellings, abbreviations.
    #[serde(default)]
    pub en_also: Vec<String>,
    #[serde(default)]
    pub vi_also: Vec<String>,
    #[serde(default)]
    pub note_vi: Option<String>,
    #[serde(default)]
    pub note_en: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One of the two languages of a text pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Vi,
    En,
}

impl Term {
    /// The term's forms in one language: the main one first.
    fn forms(&self, side: Side) -> impl Iterator<Item = &str> {
        let (main, also) = match side {
            Side::Vi => (&self.vi, &self.vi_also),
            Side::En => (&self.en, &self.en_also),
        };
        std::iter::once(main.as_str()).chain(also.iter().map(String::as_str))
    }
}

impl Glossary {
    /// Parses the glossary as `build.rs` wrote it (JSON of the TOML file).
    pub fn from_json(json: &str) -> Result<Glossary, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// The glossary of `content/glossary.toml`, compiled into native builds only; an error names a
/// misspelt field or a value of the wrong kind.
#[cfg(not(target_arch = "wasm32"))]
pub fn shipped() -> Result<Glossary, String> {
    Glossary::from_json(include_str!(concat!(env!("OUT_DIR"), "/glossary.json")))
        .map_err(|err| format!("content/glossary.toml does not have the glossary's shape: {err}"))
}

/// Every glossary problem of `checklist`'s texts, and of the glossary itself.
pub fn check_glossary(checklist: &Checklist, glossary: &Glossary) -> Vec<ContentProblem> {
    let mut problems = check_terms(glossary);
    let vi = Forms::new(glossary, Side::Vi);
    let en = Forms::new(glossary, Side::En);
    for (place, vi_text, en_text) in pairs(checklist) {
        let in_vi = vi.terms_in(vi_text);
        let in_en = en.terms_in(en_text);
        for &index in &in_en {
            if in_vi.binary_search(&index).is_err() {
                problems.push(lacking(&place, &glossary.terms[index], Side::Vi));
            }
        }
        for &index in &in_vi {
            if in_en.binary_search(&index).is_err() {
                problems.push(lacking(&place, &glossary.terms[index], Side::En));
            }
        }
    }
    problems
}

/// The problem of a text pair whose `missing` side lacks `term`, which the other side has.
fn lacking(place: &str, term: &Term, missing: Side) -> ContentProblem {
    let (vi, en) = match missing {
        Side::Vi => (
            format!(
                "tiếng Anh có \"{}\" nhưng tiếng Việt thiếu \"{}\" (thuật ngữ {} trong content/glossary.toml)",
                term.en, term.vi, term.id
            ),
            format!(
                "English says \"{}\" but Vietnamese lacks \"{}\" (term {} in content/glossary.toml)",
                term.en, term.vi, term.id
            ),
        ),
        Side::En => (
            format!(
                "tiếng Việt có \"{}\" nhưng tiếng Anh thiếu \"{}\" (thuật ngữ {} trong content/glossary.toml)",
                term.vi, term.en, term.id
            ),
            format!(
                "Vietnamese says \"{}\" but English lacks \"{}\" (term {} in content/glossary.toml)",
                term.vi, term.en, term.id
            ),
        ),
    };
    ContentProblem { place: place.to_owned(), vi, en }
}

/// One language's forms, lowercased once, each with its term's index (`None` for a mask).
struct Forms(Vec<(String, Option<usize>)>);

impl Forms {
    fn new(glossary: &Glossary, side: Side) -> Forms {
        let terms = glossary.terms.iter().enumerate();
        let forms = terms.flat_map(|(index, term)| term.forms(side).map(move |f| (f, Some(index))));
        let masks = glossary.mask.iter().map(|phrase| (phrase.as_str(), None));
        Forms(
            forms
                .chain(masks)
                .map(|(form, term)| (form.trim().to_lowercase(), term))
                .filter(|(form, _)| !form.is_empty())
                .collect(),
        )
    }

    /// The indices of the terms `text` contains, sorted: whole-word matches that no longer
    /// match (of another form, or a mask) contains.
    fn terms_in(&self, text: &str) -> Vec<usize> {
        let text = text.to_lowercase();
        let mut found: Vec<(usize, usize, Option<usize>)> = Vec::new();
        for (form, term) in &self.0 {
            for (start, _) in text.match_indices(form.as_str()) {
                let end = start + form.len();
                if is_whole_word(&text, start, end) {
                    found.push((start, end, *term));
                }
            }
        }
        // By start, the longer first: a match is inside an earlier one when that one reaches
        // past its end, or to its end from further left.
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut reach: Option<(usize, usize)> = None; // (end, start) of the furthest match so far
        let mut terms = Vec::new();
        for (start, end, term) in found {
            let inside = reach.is_some_and(|(far, from)| far > end || (far == end && from < start));
            if !inside {
                terms.extend(term);
            }
            if reach.is_none_or(|(far, _)| end > far) {
                reach = Some((end, start));
            }
        }
        terms.sort_unstable();
        terms.dedup();
        terms
    }
}

/// Whether `text[start..end]` is whole words: no letter or digit right before or after it.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The glossary's own rules: a version, well-formed unique ids, no empty form, every form in
/// Unicode NFC, and no form shared by two terms.
fn check_terms(glossary: &Glossary) -> Vec<ContentProblem> {
    let mut problems = Vec::new();
    let mut add = |place: String, vi: String, en: String| {
        problems.push(ContentProblem { place, vi, en });
    };
    if !is_version(&glossary.version) {
        add(
            "glossary".into(),
            format!("version phải có dạng YYYY.MM.N, không phải `{}`", glossary.version),
            format!("version must read YYYY.MM.N, not `{}`", glossary.version),
        );
    }
    let mut ids = HashSet::new();
    let mut owners: [HashMap<String, &str>; 2] = [HashMap::new(), HashMap::new()];
    for term in &glossary.terms {
        let place = format!("glossary term {}", term.id);
        let well_formed = !term.id.is_empty()
            && term.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_formed {
            add(
                place.clone(),
                "mã chỉ gồm chữ thường, chữ số và dấu _".into(),
                "the id takes lower-case letters, digits and _ only".into(),
            );
        }
        if !ids.insert(term.id.as_str()) {
            add(
                place.clone(),
                "mã bị trùng; mỗi mã chỉ được dùng một lần".into(),
                "duplicate id; each id must be used once".into(),
            );
        }
        for (side, owner) in [Side::Vi, Side::En].into_iter().zip(owners.iter_mut()) {
            let (field, also) = match side {
                Side::Vi => ("vi", "vi_also"),
                Side::En => ("en", "en_also"),
            };
            for (n, form) in term.forms(side).enumerate() {
                let name = if n == 0 { field.to_owned() } else { format!("{also} {n}") };
                if form.trim().is_empty() {
                    add(
                        place.clone(),
                        format!("thiếu nội dung `{name}`"),
                        format!("`{name}` is empty"),
                    );
                    continue;
                }
                if form.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
                    add(
                        place.clone(),
                        format!("`{name}` \"{form}\" chưa ở dạng Unicode NFC (dấu tổ hợp)"),
                        format!("`{name}` \"{form}\" is not in Unicode NFC (combining marks)"),
                    );
                }
                let key = form.trim().to_lowercase();
                if let Some(other) = owner.insert(key, &term.id) {
                    add(
                        place.clone(),
                        format!("\"{form}\" đã là một dạng của thuật ngữ {other}"),
                        format!("\"{form}\" is already a form of term {other}"),
                    );
                }
            }
        }
    }
    problems
}

/// Whether `version` reads `YYYY.MM.N`.
fn is_version(version: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    parts.len() == 3
        && [4, 2].iter().zip(&parts).all(|(len, part)| part.len() == *len)
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Every bilingual text pair of the checklist: its place ("question x.y.z, help"), its
/// Vietnamese and its English.
fn pairs(list: &Checklist) -> Vec<(String, &str, &str)> {
    let mut out: Vec<(String, &str, &str)> = Vec::new();
    macro_rules! names {
        ($kind:literal, $items:expr) => {
            for item in $items {
                out.push((format!("{} {}, name", $kind, item.id), &item.vi, &item.en));
            }
        };
    }
    names!("area", &list.areas);
    names!("topic", &list.topics);
    names!("technique", &list.techniques);
    names!("sector", &list.sectors);
    names!("equipment", &list.equipment);
    names!("stream", &list.streams);
    names!("cost class", &list.cost_classes);
    names!("fuel", &list.fuels);
    names!("voltage level", &list.electricity.voltage_levels);
    names!("target", &list.targets);
    names!("norm", &list.norms);
    names!("end use", &list.end_uses);
    out.push(("checklist.toml, title".into(), &list.title_vi, &list.title_en));
    let scoring = &list.scoring;
    out.push(("scoring, partly note".into(), &scoring.partly_note_vi, &scoring.partly_note_en));
    let electricity = &list.electricity;
    out.push((
        "electricity, tariff note".into(),
        &electricity.tariff_note_vi,
        &electricity.tariff_note_en,
    ));
    let water = &list.water;
    out.push((
        "water, comparator note".into(),
        &water.comparator_note_vi,
        &water.comparator_note_en,
    ));
    for fuel in &list.fuels {
        if let (Some(vi), Some(en)) = (&fuel.price_note_vi, &fuel.price_note_en) {
            out.push((format!("fuel {}, price note", fuel.id), vi, en));
        }
    }
    for norm in &list.norms {
        if let (Some(vi), Some(en)) = (&norm.missing_vi, &norm.missing_en) {
            out.push((format!("norm {}, missing note", norm.id), vi, en));
        }
    }
    for split in &list.end_use_shares {
        if let (Some(vi), Some(en)) = (&split.estimate_vi, &split.estimate_en) {
            out.push((format!("split {} {}, estimate", split.sector, split.stream), vi, en));
        }
    }
    for section in &list.learn {
        out.push((format!("learn {}, title", section.id), &section.title_vi, &section.title_en));
        for (n, (vi, en)) in section.body_vi.iter().zip(&section.body_en).enumerate() {
            out.push((format!("learn {}, paragraph {}", section.id, n + 1), vi, en));
        }
    }
    for t in &list.techniques_learn {
        out.push((
            format!("techniques_learn {}, summary", t.technique),
            &t.summary_vi,
            &t.summary_en,
        ));
        out.push((
            format!("techniques_learn {}, example", t.technique),
            &t.example_vi,
            &t.example_en,
        ));
    }
    for s in &list.support {
        out.push((format!("support {}, title", s.id), &s.title_vi, &s.title_en));
        out.push((format!("support {}, offers", s.id), &s.offers_vi, &s.offers_en));
        out.push((format!("support {}, apply", s.id), &s.apply_vi, &s.apply_en));
    }
    if let Some(rule) = &list.key_energy_user {
        for (n, (vi, en)) in rule.obligations_vi.iter().zip(&rule.obligations_en).enumerate() {
            out.push((format!("key_energy_user, obligation {}", n + 1), vi, en));
        }
        out.push(("key_energy_user, note".into(), &rule.note_vi, &rule.note_en));
        out.push(("key_energy_user, near note".into(), &rule.near_note_vi, &rule.near_note_en));
    }
    for q in &list.questions {
        out.push((format!("question {}, text", q.id), &q.text_vi, &q.text_en));
        out.push((format!("question {}, help", q.id), &q.help_vi, &q.help_en));
        if let Some(m) = &q.measure
            && let (Some(vi), Some(en)) = (&m.estimate_vi, &m.estimate_en)
        {
            out.push((format!("question {}, estimate", q.id), vi, en));
        }
        if let Some(n) = &q.number {
            out.push((format!("question {}, unit", q.id), &n.unit_vi, &n.unit_en));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::Question;

    fn term(id: &str, en: &str, vi: &str) -> Term {
        Term { id: id.into(), en: en.into(), vi: vi.into(), ..Term::default() }
    }

    fn glossary(terms: Vec<Term>) -> Glossary {
        Glossary { version: "2026.12.1".into(), mask: Vec::new(), terms }
    }

    fn question(id: &str, text_vi: &str, text_en: &str) -> Question {
        serde_json::from_value(serde_json::json!({
            "id": id, "area": "energy", "topic": "boilers_steam", "technique": "good_housekeeping",
            "weight": 1, "text_vi": text_vi, "text_en": text_en, "help_vi": "", "help_en": "",
            "sources": ["s"],
        }))
        .expect("a question")
    }

    /// The problems of one question text pair against `glossary`.
    fn check(glossary: &Glossary, vi: &str, en: &str) -> Vec<ContentProblem> {
        let mut list = Checklist::default();
        list.questions.push(question("energy.boilers_steam.x", vi, en));
        check_glossary(&list, glossary)
    }

    fn trap() -> Glossary {
        glossary(vec![term("steam_trap", "steam trap", "bẫy hơi")])
    }

    #[test]
    fn an_english_term_without_its_vietnamese_is_named_with_its_place() {
        let problems =
            check(&trap(), "Có kiểm tra van xả không?", "Are steam traps checked? A steam trap...");
        assert_eq!(
            problems,
            vec![ContentProblem {
                place: "question energy.boilers_steam.x, text".into(),
                vi: "tiếng Anh có \"steam trap\" nhưng tiếng Việt thiếu \"bẫy hơi\" (thuật ngữ steam_trap trong content/glossary.toml)".into(),
                en: "English says \"steam trap\" but Vietnamese lacks \"bẫy hơi\" (term steam_trap in content/glossary.toml)".into(),
            }]
        );
    }

    #[test]
    fn a_vietnamese_term_without_its_english_is_named_with_its_place() {
        let problems = check(&trap(), "Bẫy hơi có được kiểm tra không?", "Are the valves checked?");
        assert_eq!(
            problems,
            vec![ContentProblem {
                place: "question energy.boilers_steam.x, text".into(),
                vi: "tiếng Việt có \"bẫy hơi\" nhưng tiếng Anh thiếu \"steam trap\" (thuật ngữ steam_trap trong content/glossary.toml)".into(),
                en: "Vietnamese says \"bẫy hơi\" but English lacks \"steam trap\" (term steam_trap in content/glossary.toml)".into(),
            }]
        );
    }

    #[test]
    fn both_sides_with_the_term_pass_whatever_the_case() {
        assert_eq!(check(&trap(), "BẪY HƠI hỏng", "Steam Trap failed"), vec![]);
        assert_eq!(check(&trap(), "", ""), vec![]);
    }

    #[test]
    fn inflections_and_abbreviations_count_as_the_term() {
        let mut boiler = term("boiler", "boiler", "lò hơi");
        boiler.en_also = vec!["boilers".into()];
        let mut cp = term("cleaner_production", "cleaner production", "sản xuất sạch hơn");
        cp.en_also = vec!["CP".into()];
        cp.vi_also = vec!["SXSH".into()];
        let g = glossary(vec![boiler, cp]);
        assert_eq!(check(&g, "Hai lò hơi", "Two boilers"), vec![]);
        assert_eq!(check(&g, "Đánh giá SXSH", "A CP assessment"), vec![]);
        assert_eq!(check(&g, "Đánh giá SXSH", "A cleaner production assessment"), vec![]);
        assert_eq!(check(&g, "Hai lò hơi", "Two boilers and CP").len(), 1);
    }

    #[test]
    fn terms_match_whole_words_only() {
        let g = glossary(vec![term("air", "air", "khí"), term("fan", "fan", "quạt")]);
        assert_eq!(check(&g, "", "airflow, chair, fans, fanfare, hot-airx"), vec![]);
        assert_eq!(check(&g, "khía cạnh, quạtx", ""), vec![]);
        for en in ["air", "Air.", "hot air", "(air)", "air-to-fuel", "2air"] {
            let found = check(&g, "", en).len();
            assert_eq!(found, usize::from(en != "2air"), "{en}");
        }
        assert_eq!(check(&g, "khí", "").len(), 1);
        assert_eq!(check(&g, "xkhí", "").len(), 0);
    }

    #[test]
    fn a_longer_term_hides_the_shorter_ones_inside_it() {
        let g = glossary(vec![
            term("compressor", "compressor", "máy nén"),
            term("air_compressor", "air compressor", "máy nén khí"),
            term("compressed_air", "compressed air", "khí nén"),
            term("glaze", "glaze", "men"),
            term("yeast", "yeast", "nấm men"),
        ]);
        // Same start, longer end; same end, earlier start.
        assert_eq!(check(&g, "máy nén khí", "the air compressor"), vec![]);
        assert_eq!(check(&g, "nấm men thừa", "surplus yeast"), vec![]);
        // A shorter term outside the longer one still counts.
        let problems = check(&g, "máy nén khí và máy nén lạnh", "the air compressor");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].en.contains("Vietnamese says \"máy nén\""), "{problems:?}");
        let problems = check(&g, "nấm men và men gốm", "yeast");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].en.contains("\"men\""), "{problems:?}");
        // Two overlapping terms, neither inside the other, both count.
        let problems = check(&g, "máy nén khí nén", "");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn a_longer_term_hides_the_shorter_ones_after_other_matches_too() {
        let g = glossary(vec![
            term("fan", "fan", "quạt"),
            term("compressor", "compressor", "máy nén"),
            term("air_compressor", "air compressor", "máy nén khí"),
        ]);
        // The same terms in another order in each language: only the hiding differs.
        assert_eq!(check(&g, "quạt và máy nén khí", "an air compressor and a fan"), vec![]);
        assert_eq!(check(&g, "máy nén khí và quạt", "a fan and an air compressor"), vec![]);
    }

    #[test]
    fn a_form_shared_by_two_terms_counts_for_both() {
        // A broken glossary (the shared form is reported too): each term still counts.
        let g = glossary(vec![term("fan", "fan", "quạt"), term("blower", "blower", "quạt")]);
        let problems = check(&g, "quạt", "fan and blower");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].place.starts_with("glossary term blower"), "{problems:?}");
        // Inside a longer term, both are hidden, however many they are.
        let g = glossary(vec![
            term("air_compressor", "air compressor", "máy nén khí"),
            term("a", "a1", "nén khí"),
            term("b", "b1", "nén khí"),
        ]);
        let problems = check(&g, "máy nén khí", "air compressor");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].place.starts_with("glossary term b"), "{problems:?}");
    }

    #[test]
    fn a_mask_phrase_hides_the_forms_inside_it() {
        let mut cp = term("cleaner_production", "cleaner production", "sản xuất sạch hơn");
        cp.en_also = vec!["CP".into()];
        cp.vi_also = vec!["SXSH".into()];
        let mut g = glossary(vec![cp]);
        assert_eq!(check(&g, "Nghị định 06/2022/NĐ-CP", "Decree 06/2022/NĐ-CP").len(), 1);
        g.mask = vec!["NĐ-CP".into(), " ".into()];
        assert_eq!(check(&g, "Nghị định 06/2022/NĐ-CP", "Decree 06/2022/NĐ-CP"), vec![]);
        assert_eq!(check(&g, "Nghị định 06/2022/NĐ-CP", "Decree 06/2022/NĐ-CP and CP").len(), 1);
    }

    #[test]
    fn an_empty_form_matches_nothing() {
        let mut boiler = term("boiler", "boiler", "lò hơi");
        boiler.vi_also = vec![String::new()];
        let g = glossary(vec![boiler]);
        let vi = Forms::new(&g, Side::Vi);
        assert_eq!(vi.terms_in("abc"), Vec::<usize>::new());
        assert_eq!(vi.terms_in("lò hơi"), vec![0]);
    }

    /// Every (`…vi`, `…en`) string pair and zipped list pair of a checklist's JSON, counted
    /// independently of `pairs`, each set to `vi` and `en`.
    fn set_every_pair(value: &mut serde_json::Value, vi: &str, en: &str) -> usize {
        use serde_json::Value;
        let mut count = 0;
        match value {
            Value::Object(map) => {
                let keys: Vec<String> = map.keys().cloned().collect();
                for key in &keys {
                    let Some(stem) = key.strip_suffix("vi") else { continue };
                    let other = format!("{stem}en");
                    match (map.get(key), map.get(&other)) {
                        (Some(Value::String(_)), Some(Value::String(_))) => {
                            map.insert(key.clone(), Value::String(vi.into()));
                            map.insert(other, Value::String(en.into()));
                            count += 1;
                        }
                        (Some(Value::Array(a)), Some(Value::Array(b))) => {
                            let n = a.len().min(b.len());
                            map.insert(
                                key.clone(),
                                Value::Array(vec![Value::String(vi.into()); n]),
                            );
                            map.insert(other, Value::Array(vec![Value::String(en.into()); n]));
                            count += n;
                        }
                        _ => {}
                    }
                }
                for inner in map.values_mut() {
                    count += set_every_pair(inner, vi, en);
                }
            }
            Value::Array(items) => {
                for inner in items {
                    count += set_every_pair(inner, vi, en);
                }
            }
            _ => {}
        }
        count
    }

    #[test]
    fn every_bilingual_text_of_the_checklist_is_checked_once_with_its_own_place() {
        let g = glossary(vec![term("boiler", "boiler", "lò hơi")]);
        for (vi, en, says) in [("x", "boiler", "English says"), ("lò hơi", "x", "Vietnamese says")]
        {
            let mut json = serde_json::to_value(crate::checklist::active()).expect("serialises");
            let pairs_found = set_every_pair(&mut json, vi, en);
            let list: Checklist = serde_json::from_value(json).expect("still a checklist");
            let problems = check_glossary(&list, &g);
            assert!(pairs_found > 500, "{pairs_found}");
            assert_eq!(problems.len(), pairs_found);
            assert!(problems.iter().all(|p| p.en.starts_with(says)));
            let places: HashSet<&str> = problems.iter().map(|p| p.place.as_str()).collect();
            assert_eq!(places.len(), problems.len(), "every place is named apart");
        }
    }

    fn self_problems(g: &Glossary) -> Vec<String> {
        check_terms(g).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_glossary_itself_has_unique_ids_no_empty_forms_and_no_shared_forms() {
        let sound =
            glossary(vec![term("boiler", "boiler", "lò hơi"), term("fan_2", "fan", "quạt")]);
        assert_eq!(self_problems(&sound), Vec::<String>::new());
        let mut bad = sound.clone();
        bad.terms.push(term("boiler", "boiler house", "nhà lò"));
        bad.terms.push(term("Bad-id", "kiln", "lò nung"));
        bad.terms.push(term("", "dryer", "máy sấy"));
        bad.terms.push(term("empty", " ", ""));
        let mut also = term("also", "chiller", "chiller");
        also.en_also = vec!["".into(), "Boiler".into()];
        also.vi_also = vec!["QUẠT".into(), "chiller".into(), "le\u{301}".into()];
        bad.terms.push(also);
        let found = self_problems(&bad);
        let expect = [
            "glossary term boiler: mã bị trùng",
            "glossary term Bad-id: mã chỉ gồm",
            "glossary term : mã chỉ gồm",
            "glossary term empty: thiếu nội dung `vi`",
            "glossary term empty: thiếu nội dung `en`",
            "glossary term also: thiếu nội dung `en_also 1`",
            "glossary term also: \"Boiler\" đã là một dạng của thuật ngữ boiler",
            "glossary term also: \"QUẠT\" đã là một dạng của thuật ngữ fan_2",
            "glossary term also: \"chiller\" đã là một dạng của thuật ngữ also",
            "glossary term also: `vi_also 3` \"le\u{301}\" chưa ở dạng Unicode NFC",
        ];
        for e in expect {
            assert_eq!(found.iter().filter(|f| f.starts_with(e)).count(), 1, "{e} in {found:#?}");
        }
        assert_eq!(found.len(), expect.len(), "{found:#?}");
    }

    #[test]
    fn the_glossary_has_a_version_of_the_form_yyyy_mm_n() {
        for (version, ok) in [
            ("2026.12.1", true),
            ("2027.01.15", true),
            ("2026.12", false),
            ("2026.12.1.1", false),
            ("26.12.1", false),
            ("2026.1.1", false),
            ("2026.12.x", false),
            ("2026.12.", false),
            ("20a6.12.1", false),
            ("", false),
        ] {
            assert_eq!(is_version(version), ok, "{version}");
            let mut g = glossary(Vec::new());
            g.version = version.into();
            assert_eq!(self_problems(&g).is_empty(), ok, "{version}");
        }
    }

    #[test]
    fn the_shipped_glossary_parses_has_the_terms_and_breaks_none_of_its_own_rules() {
        let g = shipped().expect("content/glossary.toml has the glossary's shape");
        assert!(g.terms.len() >= 60, "{} terms", g.terms.len());
        assert_eq!(self_problems(&g), Vec::<String>::new());
        let err = Glossary::from_json(
            r#"{"version":"2026.12.1","terms":[{"id":"a","en":"a","vi":"a","en_alse":[]}]}"#,
        );
        assert!(err.is_err_and(|e| e.to_string().contains("en_alse")));
    }
}
