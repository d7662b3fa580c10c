//! Content rules of the checklist, reported in plain words with the place of each problem.
//!
//! Department staff edit the TOML files; this is what tells them, in Vietnamese and English,
//! which question or source is wrong and why. It never stops at the first problem.

use super::{Better, Checklist, Question};
use std::collections::HashSet;
use std::fmt;

/// One content problem: where it is and what is wrong, in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentProblem {
    /// The place, such as `question energy.lighting.led` or `source doe-ca-tip3`.
    pub place: String,
    pub vi: String,
    pub en: String,
}

impl fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} / {}", self.place, self.vi, self.en)
    }
}

struct Findings {
    problems: Vec<ContentProblem>,
}

impl Findings {
    fn add(&mut self, place: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) {
        self.problems.push(ContentProblem { place: place.into(), vi: vi.into(), en: en.into() });
    }

    fn check_text(&mut self, place: &str, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.add(place, format!("thiếu nội dung `{field}`"), format!("`{field}` is empty"));
        }
    }

    fn check_ref(&mut self, place: &str, kind: &str, id: &str, known: &HashSet<&str>) {
        if !known.contains(id) {
            self.add(
                place,
                format!("{kind} `{id}` không có trong danh mục"),
                format!("{kind} `{id}` does not exist"),
            );
        }
    }

    fn check_unique<'a>(&mut self, kind: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                self.add(
                    format!("{kind} {id}"),
                    "mã bị trùng; mỗi mã chỉ được dùng một lần",
                    "duplicate id; each id must be used once",
                );
            }
        }
    }
}

fn ids<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashSet<&'a str> {
    items.iter().map(id).collect()
}

fn is_question_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// Checks every content rule and returns all problems found (none means the checklist is sound).
pub fn validate(checklist: &Checklist) -> Vec<ContentProblem> {
    let mut report = Findings { problems: Vec::new() };
    let r = &mut report;
    if checklist.schema != super::SCHEMA {
        r.add(
            "checklist.toml",
            format!("schema phải là `{}`", super::SCHEMA),
            format!("schema must be `{}`", super::SCHEMA),
        );
    }
    let partly = checklist.scoring.partly_credit;
    if !(0.0..=1.0).contains(&partly) {
        r.add("scoring", "partly_credit phải trong khoảng 0–1", "partly_credit must be within 0–1");
    }
    r.check_unique("area", checklist.areas.iter().map(|a| a.id.as_str()));
    r.check_unique("topic", checklist.topics.iter().map(|a| a.id.as_str()));
    r.check_unique("technique", checklist.techniques.iter().map(|a| a.id.as_str()));
    r.check_unique("sector", checklist.sectors.iter().map(|a| a.id.as_str()));
    r.check_unique("equipment", checklist.equipment.iter().map(|a| a.id.as_str()));
    r.check_unique("stream", checklist.streams.iter().map(|a| a.id.as_str()));
    r.check_unique("fuel", checklist.fuels.iter().map(|a| a.id.as_str()));
    r.check_unique("source", checklist.sources.iter().map(|a| a.id.as_str()));
    r.check_unique("question", checklist.questions.iter().map(|a| a.id.as_str()));

    let areas = ids(&checklist.areas, |a| a.id.as_str());
    let techniques = ids(&checklist.techniques, |a| a.id.as_str());
    let sectors = ids(&checklist.sectors, |a| a.id.as_str());
    let equipment = ids(&checklist.equipment, |a| a.id.as_str());
    let streams = ids(&checklist.streams, |a| a.id.as_str());
    let costs = ids(&checklist.cost_classes, |a| a.id.as_str());
    let sources = ids(&checklist.sources, |a| a.id.as_str());

    for (kind, list) in [
        ("area", labels(&checklist.areas)),
        ("topic", labels(&checklist.topics)),
        ("technique", labels(&checklist.techniques)),
        ("sector", labels(&checklist.sectors)),
        ("equipment", labels(&checklist.equipment)),
        ("stream", labels(&checklist.streams)),
        ("cost class", labels(&checklist.cost_classes)),
        (
            "fuel",
            checklist.fuels.iter().map(|f| (f.id.as_str(), f.vi.as_str(), f.en.as_str())).collect(),
        ),
    ] {
        for (id, vi, en) in list {
            let place = format!("{kind} {id}");
            r.check_text(&place, "vi", vi);
            r.check_text(&place, "en", en);
        }
    }
    for topic in &checklist.topics {
        r.check_ref(&format!("topic {}", topic.id), "area", &topic.area, &areas);
    }
    for stream in &checklist.streams {
        let place = format!("stream {}", stream.id);
        if super::Stream::from_id(&stream.id).is_none() {
            r.add(
                &place,
                "luồng này không được công cụ tính (chỉ: electricity, fuel, water, materials, chemicals, waste)",
                "the tool does not compute this stream (only electricity, fuel, water, materials, chemicals, waste)",
            );
        }
        if !(0.0..=100.0).contains(&stream.max_saving_pct) {
            r.add(
                &place,
                "max_saving_pct phải trong khoảng 0–100",
                "max_saving_pct must be within 0–100",
            );
        }
        check_sources(r, &place, &stream.sources, &sources);
    }
    let electricity = &checklist.electricity;
    check_sources(r, "electricity", &electricity.toe_sources, &sources);
    check_sources(r, "electricity", &electricity.co2_sources, &sources);
    check_sources(r, "electricity", &electricity.tariff_sources, &sources);
    for level in &electricity.voltage_levels {
        if !(0.0 < level.off_peak && level.off_peak <= level.normal && level.normal <= level.peak) {
            r.add(
                format!("voltage level {}", level.id),
                "giá phải dương và thấp điểm ≤ bình thường ≤ cao điểm",
                "prices must be positive with off-peak ≤ normal ≤ peak",
            );
        }
    }
    for fuel in &checklist.fuels {
        let place = format!("fuel {}", fuel.id);
        if fuel.toe_per_unit <= 0.0
            || fuel.mj_per_unit <= 0.0
            || fuel.co2_t_per_unit < 0.0
            || fuel.price_vnd_per_unit < 0.0
        {
            r.add(
                &place,
                "hệ số quy đổi và giá không được âm",
                "factors and price must not be negative",
            );
        }
        check_sources(r, &place, &fuel.factor_sources, &sources);
        check_sources(r, &place, &fuel.price_sources, &sources);
    }
    check_sources(r, "water", &checklist.water.comparator_sources, &sources);
    for source in &checklist.sources {
        let place = format!("source {}", source.id);
        r.check_text(&place, "title", &source.title);
        if !(source.url.starts_with("https://") || source.url.starts_with("http://")) {
            r.add(
                &place,
                "url phải bắt đầu bằng http:// hoặc https://",
                "url must start with http:// or https://",
            );
        }
        if !["P", "S", "V", "D"].contains(&source.quality.as_str()) {
            r.add(&place, "quality phải là P, S, V hoặc D", "quality must be P, S, V or D");
        }
    }
    for target in &checklist.targets {
        let place = format!("target {}", target.id);
        r.check_text(&place, "vi", &target.vi);
        r.check_text(&place, "en", &target.en);
        if !(0.0 <= target.low_pct && target.low_pct <= target.high_pct && target.high_pct <= 100.0)
        {
            r.add(
                &place,
                "mục tiêu phải thỏa 0 ≤ thấp ≤ cao ≤ 100",
                "target must satisfy 0 ≤ low ≤ high ≤ 100",
            );
        }
        check_sources(r, &place, &target.sources, &sources);
    }
    for norm in &checklist.norms {
        let place = format!("norm {}", norm.id);
        r.check_text(&place, "vi", &norm.vi);
        r.check_text(&place, "en", &norm.en);
        r.check_ref(&place, "sector", &norm.sector, &sectors);
        if !(norm.value > 0.0 && 0.0 <= norm.output_min && norm.output_min < norm.output_max) {
            r.add(
                &place,
                "định mức phải dương và output_min < output_max",
                "a norm needs a positive value and output_min < output_max",
            );
        }
        check_sources(r, &place, &norm.sources, &sources);
    }
    for section in &checklist.learn {
        let place = format!("learn {}", section.id);
        r.check_text(&place, "title_vi", &section.title_vi);
        r.check_text(&place, "title_en", &section.title_en);
        if section.body_vi.is_empty() || section.body_vi.len() != section.body_en.len() {
            r.add(
                &place,
                "body_vi và body_en cần cùng số đoạn (ít nhất một)",
                "body_vi and body_en need the same number of paragraphs (at least one)",
            );
        }
        check_sources(r, &place, &section.sources, &sources);
    }
    for technique in &checklist.techniques {
        let place = format!("techniques_learn {}", technique.id);
        match checklist.techniques_learn.iter().find(|t| t.technique == technique.id) {
            None if !checklist.techniques_learn.is_empty() => r.add(
                &place,
                "thiếu phần giải thích kỹ thuật này",
                "this technique has no explanation",
            ),
            None => {}
            Some(t) => {
                for (field, text) in [
                    ("summary_vi", &t.summary_vi),
                    ("summary_en", &t.summary_en),
                    ("example_vi", &t.example_vi),
                    ("example_en", &t.example_en),
                ] {
                    r.check_text(&place, field, text);
                }
                check_sources(r, &place, &t.sources, &sources);
            }
        }
    }
    for support in &checklist.support {
        let place = format!("support {}", support.id);
        for (field, text) in [
            ("title_vi", &support.title_vi),
            ("title_en", &support.title_en),
            ("offers_vi", &support.offers_vi),
            ("offers_en", &support.offers_en),
            ("apply_vi", &support.apply_vi),
            ("apply_en", &support.apply_en),
        ] {
            r.check_text(&place, field, text);
        }
        check_sources(r, &place, &support.sources, &sources);
    }
    if let Some(rule) = &checklist.key_energy_user {
        let place = "key_energy_user";
        if !(0.0 < rule.near_toe && rule.near_toe < rule.threshold_toe) {
            r.add(place, "cần 0 < near_toe < threshold_toe", "need 0 < near_toe < threshold_toe");
        }
        if rule.obligations_vi.is_empty() || rule.obligations_vi.len() != rule.obligations_en.len()
        {
            r.add(
                place,
                "obligations_vi và obligations_en cần cùng số mục",
                "obligations_vi and obligations_en need the same number of items",
            );
        }
        for (field, text) in [
            ("note_vi", &rule.note_vi),
            ("note_en", &rule.note_en),
            ("near_note_vi", &rule.near_note_vi),
            ("near_note_en", &rule.near_note_en),
            ("applies_from", &rule.applies_from),
        ] {
            r.check_text(place, field, text);
        }
        check_sources(r, place, &rule.sources, &sources);
    }
    let known = Known { areas, techniques, sectors, equipment, streams, costs, sources };
    for question in &checklist.questions {
        check_question(r, checklist, question, &known);
    }
    report.problems
}

fn labels<T: crate::i18n::Bilingual + HasId>(items: &[T]) -> Vec<(&str, &str, &str)> {
    items.iter().map(|i| (i.id(), i.vi(), i.en())).collect()
}

/// Items with a stable id.
trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),*) => { $(impl HasId for $t { fn id(&self) -> &str { &self.id } })* };
}
has_id!(
    super::Area,
    super::Topic,
    super::Technique,
    super::Sector,
    super::Equipment,
    super::StreamInfo,
    super::CostClass
);

fn check_sources(r: &mut Findings, place: &str, cited: &[String], known: &HashSet<&str>) {
    if cited.is_empty() {
        r.add(place, "chưa trích dẫn nguồn nào", "cites no source");
    }
    for id in cited {
        r.check_ref(place, "source", id, known);
    }
}

struct Known<'a> {
    areas: HashSet<&'a str>,
    techniques: HashSet<&'a str>,
    sectors: HashSet<&'a str>,
    equipment: HashSet<&'a str>,
    streams: HashSet<&'a str>,
    costs: HashSet<&'a str>,
    sources: HashSet<&'a str>,
}

fn check_question(r: &mut Findings, checklist: &Checklist, q: &Question, known: &Known<'_>) {
    let place = format!("question {}", q.id);
    let place = place.as_str();
    if !is_question_id(&q.id) {
        r.add(
            place,
            "mã câu hỏi chỉ gồm chữ thường, số, dấu gạch dưới, ngăn bằng dấu chấm",
            "a question id is lower-case letters, digits and underscores separated by dots",
        );
    }
    r.check_ref(place, "area", &q.area, &known.areas);
    r.check_ref(place, "technique", &q.technique, &known.techniques);
    match checklist.topics.iter().find(|t| t.id == q.topic) {
        None => r.add(
            place,
            format!("chủ đề `{}` không tồn tại", q.topic),
            format!("topic `{}` does not exist", q.topic),
        ),
        Some(topic) if topic.area != q.area => r.add(
            place,
            format!(
                "chủ đề `{}` thuộc lĩnh vực `{}`, không phải `{}`",
                q.topic, topic.area, q.area
            ),
            format!("topic `{}` belongs to area `{}`, not `{}`", q.topic, topic.area, q.area),
        ),
        Some(_) => {}
    }
    if !(1..=3).contains(&q.weight) {
        r.add(place, "trọng số phải là 1, 2 hoặc 3", "weight must be 1, 2 or 3");
    }
    for (field, text) in [
        ("text_vi", &q.text_vi),
        ("text_en", &q.text_en),
        ("help_vi", &q.help_vi),
        ("help_en", &q.help_en),
    ] {
        r.check_text(place, field, text);
    }
    for sector in &q.sectors {
        r.check_ref(place, "sector", sector, &known.sectors);
    }
    for equipment in &q.equipment {
        r.check_ref(place, "equipment", equipment, &known.equipment);
    }
    check_sources(r, place, &q.sources, &known.sources);
    for other in &q.supersedes {
        if checklist.question(other).is_none_or(|o| o.measure.is_none()) {
            r.add(
                place,
                format!("supersedes: `{other}` không phải câu hỏi có mức tiết kiệm"),
                format!("supersedes: `{other}` is not a question with a saving"),
            );
        }
    }
    if let Some(m) = &q.measure {
        r.check_ref(place, "stream", &m.stream, &known.streams);
        r.check_ref(place, "cost class", &m.cost, &known.costs);
        let [low, high] = m.saving_pct;
        if !(0.0 <= low && low <= high && high <= 100.0) {
            r.add(
                place,
                "saving_pct phải thỏa 0 ≤ thấp ≤ cao ≤ 100",
                "saving_pct must satisfy 0 ≤ low ≤ high ≤ 100",
            );
        }
        let [low, high] = m.payback_years;
        if !(0.0 <= low && low <= high && high <= 30.0) {
            r.add(
                place,
                "payback_years phải thỏa 0 ≤ thấp ≤ cao ≤ 30",
                "payback_years must satisfy 0 ≤ low ≤ high ≤ 30",
            );
        }
        check_sources(r, place, &m.sources, &known.sources);
        match (&m.estimate_vi, &m.estimate_en) {
            (Some(vi), Some(en)) => {
                r.check_text(place, "estimate_vi", vi);
                r.check_text(place, "estimate_en", en);
            }
            (None, None) => {}
            _ => r.add(
                place,
                "estimate cần có cả tiếng Việt và tiếng Anh",
                "estimate needs both estimate_vi and estimate_en",
            ),
        }
    }
    if let Some(n) = &q.number {
        let ordered = match n.better {
            Better::Higher => n.partly_at <= n.done_at,
            Better::Lower => n.done_at <= n.partly_at,
        };
        let inside = |v: f64| n.min <= v && v <= n.max;
        if !(n.min < n.max && ordered && inside(n.done_at) && inside(n.partly_at)) {
            r.add(
                place,
                "ngưỡng số không hợp lệ: cần min < max, các ngưỡng nằm trong khoảng và đúng thứ tự",
                "invalid number thresholds: need min < max, thresholds inside the range and in order",
            );
        }
    }
}
