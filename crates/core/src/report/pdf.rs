//! The report as an A4 PDF with real, searchable Vietnamese text.
//!
//! Text is laid out here (word wrap, page breaks, page numbers) and written as glyph ids of an
//! embedded Noto Sans subset (Type0 / CIDFontType2, Identity-H) with a ToUnicode map, so it can be
//! searched and copied. User text never becomes PDF syntax: it is turned into glyph ids (hex),
//! and the document title goes through pdf-writer's escaping. Streams are Flate-compressed. The
//! text is normalised to NFC first, because each character maps to one precomposed glyph.
//!
//! This file is the API; the parts, each depending only on those before it: `job` (what the page
//! sends the worker), `font` (NFC with `compose_table`, glyphs, widths, embedding), `layout` (lines and pages),
//! `document` (the report's sections) and `file` (the PDF objects). Another document of the crate
//! (the rapid-assessment report) is drawn on the same `Layout` through `write_document`.

mod compose_table;
mod document;
mod file;
mod font;
mod job;
mod layout;

pub use font::nfc;
pub use job::{JOB_FORMAT, Job, Labels, WORKER_READY};

use super::Report;
pub(crate) use layout::{ACCENT, LEFT, Layout, MUTED, RIGHT, TEXT};

/// The two font files the report embeds (Noto Sans Regular and Bold, subset to Vietnamese).
pub struct Fonts<'a> {
    pub regular: &'a [u8],
    pub bold: &'a [u8],
}

/// Why no PDF could be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// A font file is not a font.
    Font,
    /// The page sent a job this build does not understand.
    Job,
}

/// Lays out and writes the report.
pub fn to_pdf(report: &Report, fonts: &Fonts<'_>) -> Result<Vec<u8>, PdfError> {
    to_pdf_labelled(report, &Labels::of(report.lang), fonts)
}

/// Lays out and writes the report with labels resolved elsewhere (the worker's way).
pub fn to_pdf_labelled(
    report: &Report,
    labels: &Labels,
    fonts: &Fonts<'_>,
) -> Result<Vec<u8>, PdfError> {
    write_document(fonts, &document::title(report, labels), |layout| {
        document::lay_out(report, labels, layout);
    })
}

/// Writes a document: `draw` lays it out from its first page, and `title` goes into the file's
/// information dictionary.
pub(crate) fn write_document(
    fonts: &Fonts<'_>,
    title: &str,
    draw: impl FnOnce(&mut Layout<'_>),
) -> Result<Vec<u8>, PdfError> {
    let mut layout = Layout::new(fonts)?;
    draw(&mut layout);
    let (pages, faces) = layout.into_parts();
    Ok(file::write(&pages, &faces, &nfc(title)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Draft, Edit, ProfileText};
    use crate::checklist;
    use crate::export::AssessmentResults;
    use crate::i18n::Lang;
    use std::time::{Duration, Instant};

    const REGULAR: &[u8] = include_bytes!("../../../../public/fonts/NotoSans-Regular-vi.ttf");
    const BOLD: &[u8] = include_bytes!("../../../../public/fonts/NotoSans-Bold-vi.ttf");

    /// The result of `work`, which must take less than `bound` at least once in three runs: a
    /// machine busy with other work (tests run side by side) slows one run, work that is not
    /// linear in the text's length slows every run (by minutes, for 100,000 characters).
    pub(super) fn within<T>(bound: Duration, mut work: impl FnMut() -> T) -> T {
        let mut quickest = Duration::MAX;
        for _ in 0..3 {
            let started = Instant::now();
            let result = work();
            quickest = quickest.min(started.elapsed());
            if quickest < bound {
                return result;
            }
        }
        panic!("the quickest of three runs took {quickest:?}, not under {bound:?}");
    }

    #[test]
    fn a_report_with_a_100_000_character_name_and_ward_is_a_pdf_in_well_under_a_second() {
        let list = checklist::active();
        let mut draft = Draft::new(list);
        let name: String = "CôngtyDệtnhuộmHuếNguyễn".chars().cycle().take(100_000).collect();
        let ward: String =
            "phường Phú Bài thị xã Hương Thủy ".chars().cycle().take(100_000).collect();
        draft.apply(Edit::SetText(ProfileText::Company, name));
        draft.apply(Edit::SetText(ProfileText::Ward, ward));
        draft.apply(Edit::SetSector(Some("textile".into())));
        let results = AssessmentResults::of(list, &draft);
        let report = crate::report::build(list, &draft, &results, Lang::Vi, "2026-11-28");
        let fonts = Fonts { regular: REGULAR, bold: BOLD };
        let pdf = within(Duration::from_secs(2), || to_pdf(&report, &fonts)).expect("fonts parse");
        assert!(pdf.starts_with(b"%PDF-"));
        let pages = pdf.windows(b"/Type /Page\n".len()).filter(|w| w == b"/Type /Page\n").count();
        assert!(pages > 50, "{pages} pages: the name and the ward are there in full");
    }
}
