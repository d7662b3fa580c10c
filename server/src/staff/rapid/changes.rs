//! What a revision changed, in words, for the record's history: each field of the visit, of a
//! baseline line (by stream; a line removed is said), and of an opportunity (by id: added,
//! removed, or which fields changed, from what to what, its checklist measure included), the next steps and the "complete" mark, in the reader's language
//! with numbers the language's way and dates dd/mm/yyyy. Texts are named and cut short, never
//! quoted at length. Pure.

use super::words::RapidWords;
use sxsh_core::checklist::Checklist;
use sxsh_core::dates;
use sxsh_core::i18n::{Lang, fill};
use sxsh_core::numbers;
use sxsh_core::rapid_assessment::{BaselineLine, Opportunity, RapidAssessment};

/// Characters of a text quoted in a change.
const QUOTED: usize = 60;

/// A text as a change quotes it: trimmed, cut to `QUOTED` characters, "—" when empty.
fn quoted(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(QUOTED) {
        _ if text.is_empty() => "—".into(),
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn figure(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(|| "—".into(), |v| numbers::format(v, lang, 2))
}

/// "field: old → new" when the two differ.
fn changed(out: &mut Vec<String>, field: &str, old: String, new: String) {
    if old != new {
        out.push(format!("{field}: {old} → {new}"));
    }
}

/// What changed between two baseline lines of one stream.
fn line_changes(w: &RapidWords, old: &BaselineLine, new: &BaselineLine, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    changed(&mut out, w.verified, figure(old.verified, lang), figure(new.verified, lang));
    changed(&mut out, w.unit, quoted(&old.unit), quoted(&new.unit));
    changed(&mut out, w.cost, figure(old.cost_vnd, lang), figure(new.cost_vnd, lang));
    changed(&mut out, w.evidence, quoted(&old.evidence), quoted(&new.evidence));
    out
}

/// What changed in one opportunity.
fn opportunity_changes(
    w: &RapidWords,
    list: &Checklist,
    old: &Opportunity,
    new: &Opportunity,
    lang: Lang,
) -> Vec<String> {
    let end_use =
        |id: &str| list.end_use(id).map_or_else(|| quoted(id), |e| lang.pick(e).to_owned());
    let measure = |id: &Option<String>| match id.as_deref() {
        None => "—".to_owned(),
        Some(id) => list.question(id).map_or_else(
            || quoted(id),
            |q| {
                let text =
                    if lang == Lang::Vi && !q.text_vi.is_empty() { &q.text_vi } else { &q.text_en };
                quoted(text)
            },
        ),
    };
    let mut out = Vec::new();
    changed(&mut out, w.title, quoted(&old.title), quoted(&new.title));
    changed(&mut out, w.measure, measure(&old.measure), measure(&new.measure));
    changed(&mut out, w.end_use, end_use(&old.end_use), end_use(&new.end_use));
    changed(
        &mut out,
        w.quantity,
        figure(old.saving_quantity, lang),
        figure(new.saving_quantity, lang),
    );
    changed(&mut out, w.saving_unit, quoted(&old.saving_unit), quoted(&new.saving_unit));
    changed(&mut out, w.vnd, figure(old.saving_vnd, lang), figure(new.saving_vnd, lang));
    changed(&mut out, w.tco2, figure(old.saving_tco2, lang), figure(new.saving_tco2, lang));
    changed(
        &mut out,
        w.investment,
        figure(old.investment_vnd, lang),
        figure(new.investment_vnd, lang),
    );
    changed(
        &mut out,
        w.priority,
        w.priority_word(old.priority).into(),
        w.priority_word(new.priority).into(),
    );
    changed(
        &mut out,
        w.agreement,
        w.agreement_word(old.agreement).into(),
        w.agreement_word(new.agreement).into(),
    );
    out
}

/// What `new` changed from `old`, one sentence each; `no_change` when nothing did.
pub(super) fn changes(
    w: &RapidWords,
    list: &Checklist,
    old: &RapidAssessment,
    new: &RapidAssessment,
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    let day = |d: &str| if d.is_empty() { "—".to_owned() } else { dates::day(d) };
    changed(&mut out, w.visit_date, day(&old.visit.date), day(&new.visit.date));
    changed(&mut out, w.team, quoted(&old.visit.team), quoted(&new.visit.team));
    changed(&mut out, w.areas, quoted(&old.visit.areas), quoted(&new.visit.areas));
    let stream_name = |line: &BaselineLine| {
        list.stream_info(line.stream).map_or(line.stream.id(), |s| lang.pick(s))
    };
    for line in &new.baseline {
        let stream = stream_name(line);
        let blank = BaselineLine {
            verified: None,
            unit: String::new(),
            cost_vnd: None,
            evidence: String::new(),
            ..line.clone()
        };
        let before = old.baseline.iter().find(|l| l.stream == line.stream).unwrap_or(&blank);
        for change in line_changes(w, before, line, lang) {
            out.push(format!("{stream} – {change}"));
        }
    }
    for line in old.baseline.iter().filter(|l| !new.baseline.iter().any(|m| m.stream == l.stream)) {
        out.push(fill(w.removed_line, &[("stream", stream_name(line))]));
    }
    for o in &new.opportunities {
        match old.opportunities.iter().find(|p| p.id == o.id) {
            None => out.push(fill(w.added, &[("title", &quoted(&o.title))])),
            Some(before) => {
                let fields = opportunity_changes(w, list, before, o, lang);
                if !fields.is_empty() {
                    let fields = fields.join("; ");
                    out.push(fill(
                        w.changed_opportunity,
                        &[("title", &quoted(&o.title)), ("fields", &fields)],
                    ));
                }
            }
        }
    }
    for o in old.opportunities.iter().filter(|o| !new.opportunities.iter().any(|p| p.id == o.id)) {
        out.push(fill(w.removed, &[("title", &quoted(&o.title))]));
    }
    if old.next_steps.trim() != new.next_steps.trim() {
        out.push(format!("{}: {}", w.next_steps, quoted(&new.next_steps)));
    }
    match (old.complete, new.complete) {
        (false, true) => out.push(w.marked_complete.into()),
        (true, false) => out.push(w.marked_open.into()),
        _ => {}
    }
    if out.is_empty() {
        out.push(w.no_change.into());
    }
    out.into_iter().map(sentence).collect()
}

/// A change as a line of its own: its first letter in capitals (field names are in lower case,
/// as they read inside a sentence).
fn sentence(line: String) -> String {
    let mut chars = line.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::rapid_words;
    use super::*;
    use sxsh_core::checklist::Stream;
    use sxsh_core::rapid_assessment::{Agreement, Priority};

    fn record() -> RapidAssessment {
        let mut r = RapidAssessment::new("SXSH-2027-0001");
        r.baseline.push(BaselineLine {
            stream: Stream::Electricity,
            self_reported: Some(1_200_000.0),
            verified: None,
            unit: "kWh".into(),
            cost_vnd: None,
            evidence: String::new(),
        });
        r.opportunities.push(Opportunity {
            id: "energy.lighting.led".into(),
            measure: Some("energy.lighting.led".into()),
            title: "Thay đèn LED".into(),
            end_use: "electricity.lighting".into(),
            saving_quantity: None,
            saving_unit: "kWh".into(),
            saving_vnd: Some(72_000_000.0),
            saving_tco2: None,
            investment_vnd: None,
            priority: Priority::Medium,
            agreement: Agreement::Undecided,
        });
        r
    }

    #[test]
    fn each_change_is_told_in_the_readers_language() {
        let list = sxsh_core::checklist::active();
        let old = record();
        let mut new = old.clone();
        new.visit.date = "2027-03-15".into();
        new.baseline[0].verified = Some(1_350_000.5);
        new.opportunities[0].agreement = Agreement::Agreed;
        new.opportunities[0].investment_vnd = Some(150e6);
        new.opportunities.push(Opportunity {
            id: "finding-2".into(),
            measure: None,
            title: "Thu hồi nước ngưng".into(),
            ..old.opportunities[0].clone()
        });
        new.complete = true;
        let vi = changes(rapid_words(Lang::Vi), list, &old, &new, Lang::Vi);
        assert_eq!(
            vi,
            [
                "Ngày khảo sát: — → 15/03/2027",
                "Điện – số liệu đã kiểm tra: — → 1.350.000,5",
                "Cơ hội “Thay đèn LED”: vốn đầu tư: — → 150.000.000; doanh nghiệp: chưa quyết định → đồng ý thực hiện",
                "Thêm cơ hội “Thu hồi nước ngưng”",
                "Đánh dấu đã hoàn thành đánh giá",
            ]
        );
        let en = changes(rapid_words(Lang::En), list, &new, &old, Lang::En);
        assert!(en.contains(&"Visit date: 15/03/2027 → —".to_owned()), "{en:?}");
        assert!(en.contains(&"Removed the opportunity “Thu hồi nước ngưng”".to_owned()), "{en:?}");
        assert!(en.contains(&"Marked not complete".to_owned()), "{en:?}");
        assert_eq!(changes(rapid_words(Lang::En), list, &old, &old, Lang::En), ["No change"]);
    }

    #[test]
    fn a_changed_measure_and_a_removed_baseline_line_are_told() {
        let list = sxsh_core::checklist::active();
        let old = record();
        let mut new = old.clone();
        new.baseline.clear();
        new.opportunities[0].measure = None;
        let en = changes(rapid_words(Lang::En), list, &old, &new, Lang::En);
        assert_eq!(en.len(), 2, "{en:?}");
        assert_eq!(en[0], "Removed the baseline line “Electricity”");
        assert!(en[1].starts_with("Opportunity “Thay đèn LED”: checklist measure: "), "{en:?}");
        assert!(en[1].ends_with(" → —"), "{en:?}");
        let vi = changes(rapid_words(Lang::Vi), list, &old, &new, Lang::Vi);
        assert!(vi[1].contains("biện pháp trong bảng kiểm: "), "{vi:?}");
    }

    #[test]
    fn long_texts_are_cut_not_quoted_whole() {
        let list = sxsh_core::checklist::active();
        let old = record();
        let mut new = old.clone();
        new.next_steps = "Lắp đồng hồ phụ ".repeat(20);
        let said = changes(rapid_words(Lang::Vi), list, &old, &new, Lang::Vi);
        assert_eq!(said.len(), 1);
        assert!(said[0].ends_with('…') && said[0].chars().count() < 100, "{said:?}");
    }
}
