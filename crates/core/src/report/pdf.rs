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
//! `document` (the report's sections) and `file` (the PDF objects).

mod compose_table;
mod document;
mod file;
mod font;
mod job;
mod layout;

pub use font::nfc;
pub use job::{JOB_FORMAT, Job, Labels, WORKER_READY};

use super::Report;
use layout::Layout;

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
    let mut layout = Layout::new(fonts)?;
    document::lay_out(report, labels, &mut layout);
    let (pages, faces) = layout.into_parts();
    Ok(file::write(&pages, &faces, &document::title(report, labels)))
}
