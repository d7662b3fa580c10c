//! Content rules of the checklist, reported in plain words with the place of each problem.
//!
//! Department staff edit the TOML files; this is what tells them, in Vietnamese and English,
//! which question or source is wrong and why. It never stops at the first problem.

use super::{Better, Checklist, Measure, MeasureKind, Question, SourceKind, Stream};
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
    for item in &checklist.equipment {
        for sector in &item.sectors {
            r.check_ref(&format!("equipment {}", item.id), "sector", sector, &sectors);
        }
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
    }
    check_end_uses(r, checklist, &sectors, &equipment, &sources);
    let as_of = check_date(r, "checklist.toml", "as_of", Some(checklist.as_of.as_str()));
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
            || fuel.price_vnd_per_unit.is_some_and(|p| p.is_nan() || p < 0.0)
        {
            r.add(
                &place,
                "hệ số quy đổi và giá không được âm",
                "factors and price must not be negative",
            );
        }
        check_sources(r, &place, &fuel.factor_sources, &sources);
        match (fuel.price_vnd_per_unit, fuel.price_year, &fuel.price_note_vi, &fuel.price_note_en) {
            (Some(_), Some(_), _, _) => check_sources(r, &place, &fuel.price_sources, &sources),
            (None, None, Some(vi), Some(en)) => {
                r.check_text(&place, "price_note_vi", vi);
                r.check_text(&place, "price_note_en", en);
            }
            _ => r.add(
                &place,
                "cần cả giá và năm của giá, hoặc không có giá và có price_note_vi, price_note_en nói vì sao",
                "needs a price with its year, or no price and price_note_vi/price_note_en saying why",
            ),
        }
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
        let from = check_date(r, &place, "valid_from", source.valid_from.as_deref());
        let to =
            source.valid_to.as_deref().and_then(|d| check_date(r, &place, "valid_to", Some(d)));
        if source.kind == SourceKind::Law && from.is_none() {
            r.add(
                &place,
                "văn bản pháp luật cần valid_from (ngày có hiệu lực)",
                "a legal instrument needs valid_from (the date it took effect)",
            );
        }
        if from.zip(to).is_some_and(|(from, to)| to < from) {
            r.add(&place, "valid_to trước valid_from", "valid_to is before valid_from");
        }
        if let Some(other) = &source.replaced_by {
            r.check_ref(&place, "replaced_by: source", other, &sources);
        }
    }
    let ended_laws: HashSet<&str> = checklist
        .sources
        .iter()
        .filter(|s| ended(s.valid_to.as_deref(), as_of))
        .map(|s| s.id.as_str())
        .collect();
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
        let period = (target.valid_from.as_deref(), target.valid_to.as_deref());
        check_comparison_period(r, &place, period, &target.sources, as_of, &ended_laws);
    }
    for norm in &checklist.norms {
        let place = format!("norm {}", norm.id);
        r.check_text(&place, "vi", &norm.vi);
        r.check_text(&place, "en", &norm.en);
        r.check_ref(&place, "sector", &norm.sector, &sectors);
        if !(norm.value.is_none_or(|v| v > 0.0)
            && 0.0 <= norm.output_min
            && norm.output_min < norm.output_max)
        {
            r.add(
                &place,
                "định mức phải dương và output_min < output_max",
                "a norm needs a positive value and output_min < output_max",
            );
        }
        if norm.value.is_none() {
            match (&norm.missing_vi, &norm.missing_en) {
                (Some(vi), Some(en)) => {
                    r.check_text(&place, "missing_vi", vi);
                    r.check_text(&place, "missing_en", en);
                }
                _ => r.add(
                    &place,
                    "định mức không có giá trị cần missing_vi và missing_en nói vì sao",
                    "a norm without a value needs missing_vi and missing_en saying why",
                ),
            }
        }
        check_sources(r, &place, &norm.sources, &sources);
        let period = (norm.valid_from.as_deref(), norm.valid_to.as_deref());
        check_comparison_period(r, &place, period, &norm.sources, as_of, &ended_laws);
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
        ] {
            r.check_text(place, field, text);
        }
        check_sources(r, place, &rule.sources, &sources);
    }
    let known = Known { areas, techniques, sectors, equipment, costs, sources };
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
    check_sector_gate(r, checklist, place, q);
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
    match (&q.end_use, &q.measure) {
        (Some(id), None) if checklist.end_use(id).is_none() => r.add(
            place,
            format!("end_use `{id}` không có trong danh mục mục đích sử dụng"),
            format!("end_use `{id}` is not in the list of end uses"),
        ),
        (Some(_), Some(_)) => r.add(
            place,
            "câu hỏi có mức tiết kiệm ghi end_use trong measure, không ghi ở câu hỏi",
            "a question with a measure names its end_use in the measure, not on the question",
        ),
        _ => {}
    }
    if let Some(m) = &q.measure {
        check_measure_end_use(r, checklist, place, q, m);
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

/// A sector module's question names the equipment or stages it is asked for (a stage of one of
/// its own sectors, or equipment any plant may have) and the end use it is about.
fn check_sector_gate(r: &mut Findings, checklist: &Checklist, place: &str, q: &Question) {
    if q.sectors.is_empty() {
        return;
    }
    if q.equipment.is_empty() {
        r.add(
            place,
            "câu hỏi của mô-đun ngành cần equipment: công đoạn hoặc thiết bị mà câu hỏi áp dụng",
            "a sector module's question needs equipment: the stage or equipment it applies to",
        );
    }
    for id in &q.equipment {
        let Some(item) = checklist.equipment.iter().find(|e| &e.id == id) else { continue };
        if !item.sectors.is_empty() && !item.sectors.iter().any(|s| q.sectors.contains(s)) {
            r.add(
                place,
                format!(
                    "`{id}` là công đoạn của ngành {:?}, không phải của ngành câu hỏi",
                    item.sectors
                ),
                format!("`{id}` is a stage of {:?}, not of the question's sectors", item.sectors),
            );
        }
    }
    if q.measure.is_none() && q.end_use.is_none() {
        r.add(
            place,
            "câu hỏi của mô-đun ngành cần mục đích sử dụng: end_use của measure, hoặc end_use ở câu hỏi",
            "a sector module's question needs an end use: its measure's end_use, or end_use on the question",
        );
    }
}

/// A date of the content (`YYYY-MM-DD`, a real calendar day) as a comparable number
/// `YYYYMMDD`; a problem for a malformed one, `None` when absent or malformed.
fn check_date(r: &mut Findings, place: &str, field: &str, date: Option<&str>) -> Option<i64> {
    let text = date?;
    let parsed = crate::dates::calendar_day(text);
    if parsed.is_none() {
        r.add(
            place,
            format!("`{field}` phải là ngày dạng YYYY-MM-DD, không phải `{text}`"),
            format!("`{field}` must be a date YYYY-MM-DD, not `{text}`"),
        );
    }
    parsed
}

/// Whether a period ending on `valid_to` has ended by `as_of` (both `YYYY-MM-DD`).
fn ended(valid_to: Option<&str>, as_of: Option<i64>) -> bool {
    valid_to.and_then(crate::dates::calendar_day).zip(as_of).is_some_and(|(to, now)| to < now)
}

/// The period of a target or norm: it must have one, it must not have ended by `as_of`, and no
/// source it rests on may have ended (a comparison with an ended value is refused).
fn check_comparison_period(
    r: &mut Findings,
    place: &str,
    (valid_from, valid_to): (Option<&str>, Option<&str>),
    cited: &[String],
    as_of: Option<i64>,
    ended_laws: &HashSet<&str>,
) {
    if valid_from.is_none() {
        r.add(
            place,
            "cần valid_from (và valid_to nếu có): thời kỳ áp dụng giá trị này",
            "needs valid_from (and valid_to if it has one): the period the value applies",
        );
    }
    let from = check_date(r, place, "valid_from", valid_from);
    let to = valid_to.and_then(|d| check_date(r, place, "valid_to", Some(d)));
    if from.zip(to).is_some_and(|(from, to)| to < from) {
        r.add(place, "valid_to trước valid_from", "valid_to is before valid_from");
    }
    if ended(valid_to, as_of) {
        r.add(
            place,
            "thời kỳ áp dụng đã kết thúc trước as_of nhưng vẫn được dùng để so sánh; hãy thay bằng giá trị hiện hành hoặc bỏ đi",
            "its period ended before as_of but it is still used for a comparison; replace it with the current value or remove it",
        );
    }
    for id in cited.iter().filter(|id| ended_laws.contains(id.as_str())) {
        r.add(
            place,
            format!("dựa trên nguồn `{id}` đã hết hiệu lực nhưng vẫn được dùng để so sánh"),
            format!("rests on source `{id}`, which is no longer in force, but is still used for a comparison"),
        );
    }
}

/// The end uses and their default splits: every end use of a known stream and equipment; every
/// split of a known sector and stream, naming end uses of that stream, summing to 100 %, with a
/// source or an estimate note; a `default` split for every stream that has end uses.
fn check_end_uses(
    r: &mut Findings,
    checklist: &Checklist,
    sectors: &HashSet<&str>,
    equipment: &HashSet<&str>,
    sources: &HashSet<&str>,
) {
    r.check_unique("end use", checklist.end_uses.iter().map(|e| e.id.as_str()));
    for end_use in &checklist.end_uses {
        let place = format!("end use {}", end_use.id);
        r.check_text(&place, "vi", &end_use.vi);
        r.check_text(&place, "en", &end_use.en);
        let prefix = format!("{}.", end_use.stream);
        if Stream::from_id(&end_use.stream).is_none() || !end_use.id.starts_with(&prefix) {
            r.add(
                &place,
                "mã phải có dạng <luồng>.<tên> với một luồng công cụ tính",
                "the id must be <stream>.<name> with a stream the tool computes",
            );
        }
        for e in &end_use.equipment {
            r.check_ref(&place, "equipment", e, equipment);
        }
    }
    for stream in Stream::ALL {
        let of_stream = checklist.end_uses.iter().filter(|e| e.stream == stream.id()).count();
        let has_default = checklist
            .end_use_shares
            .iter()
            .any(|s| s.sector == super::DEFAULT_SHARES && s.stream == stream.id());
        if of_stream == 0 || !has_default {
            r.add(
                format!("end uses of {}", stream.id()),
                "mỗi luồng cần ít nhất một mục đích sử dụng và một tỷ trọng `default`",
                "every stream needs at least one end use and a `default` split",
            );
        }
    }
    let mut seen = HashSet::new();
    for set in &checklist.end_use_shares {
        let place = format!("end_use_shares {} {}", set.sector, set.stream);
        if !seen.insert((set.sector.as_str(), set.stream.as_str())) {
            r.add(&place, "tỷ trọng bị lặp", "duplicate split");
        }
        if set.sector != super::DEFAULT_SHARES {
            r.check_ref(&place, "sector", &set.sector, sectors);
        }
        for (id, pct) in &set.pct {
            if checklist.end_use(id).is_none_or(|e| e.stream != set.stream) {
                r.add(
                    &place,
                    format!("`{id}` không phải mục đích sử dụng của luồng `{}`", set.stream),
                    format!("`{id}` is not an end use of stream `{}`", set.stream),
                );
            }
            if !(0.0..=100.0).contains(pct) {
                r.add(
                    &place,
                    format!("`{id}` phải trong khoảng 0–100"),
                    format!("`{id}` must be within 0–100"),
                );
            }
        }
        // To the hundredth of a percent: 33.33 + 33.33 + 33.34 is 100.
        let sum: f64 = set.pct.values().sum();
        if (sum * 100.0).round() != 10_000.0 {
            r.add(
                &place,
                format!("tổng tỷ trọng phải là 100, không phải {sum}"),
                format!("the shares must add up to 100, not {sum}"),
            );
        }
        let estimate = match (&set.estimate_vi, &set.estimate_en) {
            (Some(vi), Some(en)) => !vi.trim().is_empty() && !en.trim().is_empty(),
            _ => false,
        };
        if set.sources.is_empty() && !estimate {
            r.add(
                &place,
                "tỷ trọng mặc định cần nguồn, hoặc estimate_vi và estimate_en nói đây là ước tính và cách ước tính",
                "a default split needs a source, or estimate_vi and estimate_en saying it is an estimate and how it was made",
            );
        }
        for id in &set.sources {
            r.check_ref(&place, "source", id, sources);
        }
    }
}

/// A measure's end use: one the checklist has; when it needs equipment, the question is asked
/// only of factories with some of that equipment; a fuel switch names a fuel and is on fuel.
fn check_measure_end_use(
    r: &mut Findings,
    checklist: &Checklist,
    place: &str,
    q: &Question,
    m: &Measure,
) {
    let Some(end_use) = checklist.end_use(&m.end_use) else {
        r.add(
            place,
            format!(
                "giải pháp cần end_use là một mục đích sử dụng trong danh mục, không phải `{}`",
                m.end_use
            ),
            format!("a measure needs an end_use from the list of end uses, not `{}`", m.end_use),
        );
        return;
    };
    if !end_use.equipment.is_empty()
        && (q.equipment.is_empty() || !q.equipment.iter().all(|e| end_use.equipment.contains(e)))
    {
        r.add(
            place,
            format!(
                "mục đích sử dụng `{}` chỉ có khi nhà máy có {:?}: câu hỏi cần equipment nằm trong danh sách đó",
                end_use.id, end_use.equipment
            ),
            format!(
                "end use `{}` exists only with {:?}: the question needs equipment within that list",
                end_use.id, end_use.equipment
            ),
        );
    }
    match (m.kind, &m.switch_to) {
        (MeasureKind::Efficiency, None) => {}
        (MeasureKind::FuelSwitch, Some(fuel))
            if end_use.stream == Stream::Fuel.id() && checklist.fuel(fuel).is_some() => {}
        _ => r.add(
            place,
            "chuyển đổi nhiên liệu cần kind = \"fuel_switch\", switch_to là một nhiên liệu, trên luồng nhiên liệu; giải pháp khác không có switch_to",
            "a fuel switch needs kind = \"fuel_switch\" and switch_to naming a fuel, on the fuel stream; other measures have no switch_to",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{MeasureKind, SourceKind};

    /// The problems of the shipped checklist after `change`, as text.
    fn after(change: impl FnOnce(&mut Checklist)) -> Vec<String> {
        let mut list = crate::checklist::active().clone();
        change(&mut list);
        validate(&list).iter().map(ToString::to_string).collect()
    }

    fn says(problems: &[String], place: &str, what: &str) -> bool {
        problems.iter().any(|p| p.starts_with(place) && p.contains(what))
    }

    #[test]
    fn a_sector_question_needs_a_gate_of_its_own_sector_and_an_end_use() {
        let sector_question = |l: &mut Checklist| -> usize {
            l.questions.iter().position(|q| !q.sectors.is_empty()).expect("a sector question")
        };
        let ungated = after(|l| {
            let i = sector_question(l);
            l.questions[i].equipment.clear();
        });
        assert!(ungated.iter().any(|p| p.contains("needs equipment")), "{ungated:#?}");
        let foreign = after(|l| {
            let i = sector_question(l);
            l.questions[i].sectors = vec!["beverage".into()];
            l.questions[i].equipment = vec!["textile_spinning".into()];
        });
        assert!(
            foreign.iter().any(|p| p.contains("`textile_spinning` is a stage of")),
            "{foreign:#?}"
        );
        let no_end_use = after(|l| {
            let i = sector_question(l);
            l.questions[i].measure = None;
            l.questions[i].end_use = None;
            for q in &mut l.questions {
                q.supersedes.clear();
            }
        });
        assert!(no_end_use.iter().any(|p| p.contains("needs an end use")), "{no_end_use:#?}");
        // A general question needs neither.
        let general = after(|l| {
            let q = l.questions.iter_mut().find(|q| q.sectors.is_empty() && q.measure.is_none());
            let q = q.expect("a general question without a measure");
            q.equipment.clear();
        });
        assert!(general.is_empty(), "{general:#?}");
    }

    #[test]
    fn a_stage_names_known_sectors_and_a_question_a_known_end_use_once() {
        let stage = after(|l| l.equipment[0].sectors = vec!["nowhere".into()]);
        assert!(says(&stage, "equipment boiler", "`nowhere`"), "{stage:#?}");
        let unknown = after(|l| {
            let q = l.questions.iter_mut().find(|q| q.measure.is_none()).expect("one");
            q.end_use = Some("water.nowhere".into());
        });
        assert!(unknown.iter().any(|p| p.contains("`water.nowhere`")), "{unknown:#?}");
        let known = after(|l| {
            let q = l.questions.iter_mut().find(|q| q.measure.is_none()).expect("one");
            q.end_use = Some("water.process".into());
        });
        assert!(known.is_empty(), "{known:#?}");
        let twice = after(|l| {
            let q = l.questions.iter_mut().find(|q| q.measure.is_some()).expect("one");
            q.end_use = Some("water.process".into());
        });
        assert!(twice.iter().any(|p| p.contains("not on the question")), "{twice:#?}");
    }

    #[test]
    fn a_period_may_be_one_day_but_not_end_before_it_starts() {
        let one_day = after(|l| {
            l.targets[0].valid_from = Some(l.as_of.clone());
            l.targets[0].valid_to = Some(l.as_of.clone());
        });
        assert!(one_day.is_empty(), "{one_day:#?}");
        let backwards = after(|l| {
            l.targets[0].valid_from = Some("2030-12-31".into());
            l.targets[0].valid_to = Some("2030-12-30".into());
        });
        assert!(says(&backwards, "target", "valid_to is before valid_from"), "{backwards:#?}");
        let law = after(|l| {
            let source = l.sources.iter_mut().find(|s| s.kind == SourceKind::Law);
            let source = source.expect("a law");
            source.valid_from = Some("2020-01-02".into());
            source.valid_to = Some("2020-01-01".into());
        });
        assert!(says(&law, "source", "valid_to is before valid_from"), "{law:#?}");
    }

    #[test]
    fn an_end_use_needs_a_computed_stream_its_own_prefix_and_a_default_split() {
        let stream = after(|l| l.end_uses[0].stream = "steam".into());
        assert!(says(&stream, "end use electricity.motors", "the id must be <stream>.<name>"));
        let prefix = after(|l| l.end_uses[0].id = "motors".into());
        assert!(says(&prefix, "end use motors", "the id must be <stream>.<name>"), "{prefix:#?}");
        let no_default = after(|l| {
            l.end_use_shares.retain(|s| !(s.sector == "default" && s.stream == "water"));
        });
        assert!(says(&no_default, "end uses of water", "a `default` split"), "{no_default:#?}");
        let other_sector_only = after(|l| {
            for set in &mut l.end_use_shares {
                if set.sector == "default" && set.stream == "water" {
                    set.stream = "fuel".into();
                }
            }
        });
        assert!(says(&other_sector_only, "end uses of water", "a `default` split"));
        let no_end_use = after(|l| l.end_uses.retain(|e| e.stream != "waste"));
        assert!(says(&no_end_use, "end uses of waste", "at least one end use"), "{no_end_use:#?}");
    }

    #[test]
    fn a_split_adds_up_to_100_to_the_hundredth_and_says_where_it_comes_from() {
        let set_of = |l: &mut Checklist| {
            let set = l.end_use_shares.iter_mut().find(|s| s.stream == "electricity");
            set.expect("an electricity split").clone()
        };
        let base = set_of(&mut crate::checklist::active().clone());
        let place = format!("end_use_shares {} electricity", base.sector);
        let nudge = |by: f64| {
            after(|l| {
                let set = l.end_use_shares.iter_mut().find(|s| s.stream == "electricity");
                let set = set.expect("an electricity split");
                if let Some(v) = set.pct.values_mut().next() {
                    *v += by;
                }
            })
        };
        assert!(nudge(0.004).is_empty(), "within a hundredth of a percent");
        assert!(says(&nudge(0.01), &place, "must add up to 100"));
        assert!(says(&nudge(-0.01), &place, "must add up to 100"));
        // A split with no source needs both estimate texts, neither blank.
        let half = after(|l| {
            let set = l.end_use_shares.iter_mut().find(|s| s.stream == "electricity");
            let set = set.expect("an electricity split");
            set.sources.clear();
            set.estimate_vi = Some("Ước tính của nhóm.".into());
            set.estimate_en = Some(" ".into());
        });
        assert!(says(&half, &place, "needs a source, or estimate_vi"), "{half:#?}");
    }

    #[test]
    fn a_fuel_switch_names_a_fuel_and_acts_on_fuel() {
        let switch = |end_use: &'static str, fuel: &'static str| {
            after(move |l| {
                let q = l.questions.iter_mut().find(|q| {
                    q.measure.as_ref().is_some_and(|m| m.kind == MeasureKind::FuelSwitch)
                });
                let q = q.expect("a fuel switch in the content");
                q.equipment = vec!["boiler".into()];
                if let Some(m) = q.measure.as_mut() {
                    m.end_use = end_use.into();
                    m.switch_to = Some(fuel.into());
                }
            })
        };
        assert!(switch("fuel.steam", "rice_husk").is_empty());
        assert!(switch("water.boiler_feed", "rice_husk").iter().any(|p| p.contains("fuel switch")));
        assert!(switch("fuel.steam", "uranium").iter().any(|p| p.contains("fuel switch")));
        // An efficiency measure names no fuel to switch to.
        let efficiency = after(|l| {
            let m = l
                .questions
                .iter_mut()
                .find_map(|q| q.measure.as_mut().filter(|m| m.kind == MeasureKind::Efficiency));
            m.expect("a measure").switch_to = Some("rice_husk".into());
        });
        assert!(efficiency.iter().any(|p| p.contains("other measures have no switch_to")));
    }
}
