//! The report as CSV for Excel: UTF-8 with a byte-order mark, RFC 4180 quoting (every field
//! quoted, CRLF line ends), and every cell that a spreadsheet could read as a formula neutralised
//! with a leading apostrophe (OWASP CSV injection guidance), headers included.

use super::Report;
use crate::i18n::Text;

/// The UTF-8 byte-order mark that makes Excel on Windows read Vietnamese correctly.
pub const BOM: &str = "\u{feff}";

/// Whether a spreadsheet could take a cell starting with this character as a formula.
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\0' | '＝' | '＋' | '－' | '＠')
}

/// One field: neutralised, then quoted.
pub fn field(text: &str) -> String {
    let safe = if text.starts_with(is_trigger) { format!("'{text}") } else { text.to_owned() };
    format!("\"{}\"", safe.replace('"', "\"\""))
}

fn row(out: &mut String, cells: &[&str]) {
    let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// Writes the report: a summary block, the action plan (one row per action: its measure, status,
/// then owner, target date and saving achieved), then one row per answer.
pub fn to_csv(report: &Report) -> String {
    let lang = report.lang;
    let t = |text| lang.text(text);
    let mut out = String::from(BOM);
    row(
        &mut out,
        &[t(Text::ReportSection), "id", t(Text::ReportQuestion), t(Text::ReportAnswer), ""],
    );
    let summary = t(Text::ReportSummary);
    for (id, label, value) in [
        ("company", t(Text::ReportCompany), report.company.as_str()),
        ("sector", t(Text::ReportSector), report.sector.as_str()),
        ("ward", t(Text::ReportWard), report.ward.as_str()),
        ("date", t(Text::ReportDate), report.date.as_str()),
        ("assessment_id", t(Text::ReportAssessmentId), report.assessment_id.as_str()),
        ("checklist_version", t(Text::ReportChecklistVersion), report.checklist_version.as_str()),
        ("score", t(Text::ReportScoreRow), report.score.as_deref().unwrap_or("")),
    ] {
        row(&mut out, &[summary, id, label, value, ""]);
    }
    for (name, percent) in &report.areas {
        let value = percent.map(|p| format!("{}", p.round())).unwrap_or_default();
        row(&mut out, &[summary, "area_score", name, &value, ""]);
    }
    for s in &report.savings {
        let detail = [s.share.as_str(), s.quantity.as_str(), s.co2.as_str()].join(" | ");
        let id = format!("saving.{}", s.stream.id());
        row(&mut out, &[summary, &id, &s.name, &s.money, &detail]);
    }
    for e in &report.end_uses {
        let id = format!("saving.{}", e.end_use);
        row(&mut out, &[summary, &id, &e.name, &e.money, &e.detail]);
    }
    if !report.savings.is_empty() {
        row(
            &mut out,
            &[
                summary,
                "saving.total",
                t(Text::ResultsTotal),
                &report.total_money,
                &report.total_co2,
            ],
        );
    }
    if let Some(plan) = &report.plan {
        row(&mut out, &[&plan.heading, "plan", &plan.summary, &plan.note, ""]);
        let [_, owner, due, _, achieved] = &plan.columns;
        for line in &plan.lines {
            let detail = format!(
                "{owner}: {}; {due}: {}; {achieved}: {}",
                line.owner, line.due, line.achieved
            );
            let id = format!("plan.{}", line.measure);
            row(&mut out, &[&plan.heading, &id, &line.title, &line.status_text, &detail]);
        }
    }
    for a in &report.answers {
        row(&mut out, &[&a.section, &a.question_id, &a.question, &a.answer, ""]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_quotes_doubled() {
        assert_eq!(field("=1+1"), "\"'=1+1\"");
        assert_eq!(field("-2"), "\"'-2\"");
        assert_eq!(field("@SUM(1,1)"), "\"'@SUM(1,1)\"");
        assert_eq!(field("\tx"), "\"'\tx\"");
        assert_eq!(field("＝1"), "\"'＝1\"");
        assert_eq!(field("a \"b\", c"), "\"a \"\"b\"\", c\"");
        assert_eq!(field("Dệt may"), "\"Dệt may\"");
    }
}
