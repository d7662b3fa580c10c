//! The document: the report's sections in order (cover, score and areas, savings, key energy
//! user, actions, the enterprise's action plan as a table, support, contact, the appendix of
//! answers), with the interface texts of
//! `Labels`, laid out into pages with a footer and page number on each.

use super::font::nfc;
use super::job::Labels;
use super::layout::{ACCENT, LEFT, Layout, MUTED, RIGHT, TEXT};
use crate::dates;
use crate::i18n::fill;
use crate::report::Report;

/// The document's title (in its info dictionary).
pub(super) fn title(report: &Report, labels: &Labels) -> String {
    nfc(&format!("{} – {}", labels.cover_title, report.company))
}

/// Lays the whole report out on `layout`, from its first page.
pub(super) fn lay_out(report: &Report, labels: &Labels, layout: &mut Layout<'_>) {
    // Cover.
    layout.paragraph(&report.department, true, 11.0, 0.0, ACCENT);
    layout.space(12.0);
    layout.paragraph(&labels.cover_title, true, 20.0, 0.0, TEXT);
    layout.space(8.0);
    let date = dates::day(&report.date);
    for (label, value) in [
        (&labels.company, &report.company),
        (&labels.sector, &report.sector),
        (&labels.ward, &report.ward),
        (&labels.date, &date),
        (&labels.assessment_id, &report.assessment_id),
        (&labels.checklist_version, &report.checklist_version),
    ] {
        layout.row(&[(label, 150.0), (value, RIGHT - LEFT - 150.0)], false, 10.5);
    }
    layout.space(6.0);
    layout.paragraph(&labels.indicative, false, 9.0, 0.0, MUTED);
    if let Some(note) = &report.rescored {
        layout.paragraph(note, false, 9.0, 0.0, TEXT);
    }

    // Scores.
    layout.heading(&labels.score);
    let score =
        report.score.as_ref().map_or_else(|| labels.score_none.clone(), |s| format!("{s} / 100"));
    layout.paragraph(&score, true, 22.0, 0.0, ACCENT);
    layout.paragraph(&report.score_basis, false, 9.5, 0.0, MUTED);
    layout.heading(&labels.by_area);
    for (name, percent) in &report.areas {
        layout.bar(name, *percent, &labels.no_answers);
    }

    // Savings.
    layout.heading(&labels.savings_heading);
    if report.savings.is_empty() {
        layout.paragraph(&labels.no_savings, false, 10.0, 0.0, TEXT);
    } else {
        let widths = [90.0, 62.0, 130.0, 130.0, RIGHT - LEFT - 412.0];
        let head = [&labels.stream, &labels.share, &labels.quantity, &labels.money, &labels.co2];
        let cells: Vec<(&str, f32)> = head.map(String::as_str).into_iter().zip(widths).collect();
        layout.row(&cells, true, 8.5);
        for s in &report.savings {
            let quantity = [s.quantity.clone()]
                .into_iter()
                .chain(s.notes.iter().cloned())
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            let values = [
                s.name.as_str(),
                s.share.as_str(),
                quantity.as_str(),
                s.money.as_str(),
                s.co2.as_str(),
            ];
            let cells: Vec<(&str, f32)> = values.into_iter().zip(widths).collect();
            layout.row(&cells, false, 8.5);
        }
        let total =
            [labels.total.as_str(), "", "", report.total_money.as_str(), report.total_co2.as_str()];
        let cells: Vec<(&str, f32)> = total.into_iter().zip(widths).collect();
        layout.row(&cells, true, 8.5);
    }
    if !report.end_uses.is_empty() {
        layout.heading(&labels.end_use_heading);
        let largest = report.end_uses.iter().map(|e| e.high).fold(f64::MIN_POSITIVE, f64::max);
        for line in &report.end_uses {
            let low = (line.low / largest * 100.0) as f32;
            let high = (line.high / largest * 100.0) as f32;
            layout.range_bar(&line.name, low, high);
            let detail = [line.detail.as_str(), line.money.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            layout.paragraph(&detail, false, 8.5, 10.0, MUTED);
        }
        for note in &report.share_notes {
            layout.paragraph(note, false, 8.5, 0.0, MUTED);
        }
    }
    layout.paragraph(&labels.method, false, 8.5, 0.0, MUTED);
    for line in &report.comparisons {
        layout.paragraph(line, false, 9.5, 0.0, TEXT);
    }

    // Key energy user.
    if let Some(e) = &report.energy_user {
        layout.heading(&labels.energy_heading);
        layout.paragraph(&e.status, true, 10.0, 0.0, TEXT);
        if let Some(m) = &e.missing {
            layout.paragraph(m, false, 9.0, 0.0, MUTED);
        }
        layout.paragraph(&e.note, false, 9.0, 0.0, TEXT);
        if let Some(h) = &e.obligations_heading {
            layout.paragraph(h, true, 9.5, 0.0, TEXT);
            for o in &e.obligations {
                layout.paragraph(&format!("• {o}"), false, 9.0, 10.0, TEXT);
            }
        }
        for line in &e.arithmetic {
            layout.paragraph(line, false, 8.5, 0.0, MUTED);
        }
    }

    // Actions.
    layout.heading(&labels.actions_heading);
    for (i, a) in report.actions.iter().enumerate() {
        layout.ensure(48.0);
        layout.paragraph(&format!("{}. {}", i + 1, a.title), true, 10.0, 0.0, TEXT);
        layout.paragraph(&a.why, false, 9.0, 14.0, TEXT);
        for d in &a.details {
            layout.paragraph(d, false, 9.0, 14.0, TEXT);
        }
        if !a.sources.is_empty() {
            layout.paragraph(&a.sources, false, 8.0, 14.0, MUTED);
        }
        if let Some(e) = &a.estimate {
            layout.paragraph(e, false, 8.0, 14.0, MUTED);
        }
    }

    // The action plan: its own heading and column names come with it.
    if let Some(plan) = &report.plan {
        // The heading, note and summary stay with the column names and the first action.
        layout.ensure(190.0);
        layout.heading(&plan.heading);
        layout.paragraph(&plan.note, false, 9.0, 0.0, MUTED);
        layout.paragraph(&plan.summary, true, 10.0, 0.0, TEXT);
        let widths = [150.0, 85.0, 62.0, 86.0, RIGHT - LEFT - 383.0];
        let head: Vec<(&str, f32)> = plan.columns.iter().map(String::as_str).zip(widths).collect();
        layout.row(&head, true, 8.5);
        for line in &plan.lines {
            let values = [
                line.title.as_str(),
                line.owner.as_str(),
                line.due.as_str(),
                line.status_text.as_str(),
                line.achieved.as_str(),
            ];
            let cells: Vec<(&str, f32)> = values.into_iter().zip(widths).collect();
            layout.row(&cells, false, 8.5);
        }
    }

    // Support.
    if !report.support.is_empty() {
        layout.heading(&labels.support_heading);
        for (title, offers, apply) in &report.support {
            layout.paragraph(title, true, 10.0, 0.0, TEXT);
            layout.paragraph(offers, false, 9.0, 10.0, TEXT);
            layout.paragraph(&format!("{} {apply}", labels.apply), false, 9.0, 10.0, TEXT);
        }
    }

    // Contact.
    layout.heading(&labels.contact_heading);
    layout.paragraph(&labels.contact_body, false, 10.0, 0.0, TEXT);
    layout.paragraph(&report.department, true, 10.0, 0.0, TEXT);

    // Appendix.
    layout.new_page();
    layout.heading(&labels.appendix);
    let widths = [300.0, RIGHT - LEFT - 300.0];
    let mut section = String::new();
    for a in &report.answers {
        if a.section != section {
            section = a.section.clone();
            layout.space(4.0);
            layout.paragraph(&section, true, 10.5, 0.0, ACCENT);
        }
        layout.row(&[(&a.question, widths[0]), (&a.answer, widths[1])], false, 8.5);
    }

    // Page numbers.
    let footer = format!("{} · {}", report.company, report.assessment_id);
    layout.number_pages(&footer, |page, pages| {
        fill(&labels.page, &[("page", &page.to_string()), ("pages", &pages.to_string())])
    });
}
