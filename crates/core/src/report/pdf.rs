//! The report as an A4 PDF with real, searchable Vietnamese text.
//!
//! Text is laid out here (word wrap, page breaks, page numbers) and written as glyph ids of an
//! embedded Noto Sans subset (Type0 / CIDFontType2, Identity-H) with a ToUnicode map, so it can be
//! searched and copied. User text never becomes PDF syntax: it is turned into glyph ids (hex),
//! and the document title goes through pdf-writer's escaping. Streams are Flate-compressed. The
//! text is normalised to NFC first, because each character maps to one precomposed glyph.

use super::Report;
use super::compose_table::COMPOSE;
use crate::i18n::{Lang, Text, fill};
use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// Every interface text the PDF prints (besides the report's own text).
const LABELS: [Text; 29] = [
    Text::LearnApply,
    Text::LearnEnergyHeading,
    Text::LearnSupportHeading,
    Text::ReportAppendix,
    Text::ReportAssessmentId,
    Text::ReportChecklistVersion,
    Text::ReportCompany,
    Text::ReportContactBody,
    Text::ReportContactHeading,
    Text::ReportCoverTitle,
    Text::ReportDate,
    Text::ReportIndicative,
    Text::ReportPage,
    Text::ReportSector,
    Text::ReportWard,
    Text::ResultsActionsHeading,
    Text::ResultsByArea,
    Text::ResultsCo2,
    Text::ResultsMethod,
    Text::ResultsMoney,
    Text::ResultsNoAnswers,
    Text::ResultsNoSavings,
    Text::ResultsQuantity,
    Text::ResultsSavingsHeading,
    Text::ResultsScore,
    Text::ResultsScoreNone,
    Text::ResultsShare,
    Text::ResultsStream,
    Text::ResultsTotal,
];

/// The interface texts of `LABELS` in the report's language. The page resolves them and sends
/// them with the job, so the worker module carries no table of interface texts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Labels(Vec<String>);

impl Labels {
    /// The labels in `lang`.
    pub fn of(lang: Lang) -> Labels {
        Labels(LABELS.iter().map(|text| lang.text(*text).to_owned()).collect())
    }

    fn get(&self, text: Text) -> &str {
        let index = LABELS.iter().position(|t| *t == text);
        index.and_then(|i| self.0.get(i)).map_or("", String::as_str)
    }
}

/// The worker's first message: it is listening for jobs.
pub const WORKER_READY: &str = "sxsh-pdf-ready";

/// The version of `Job`. The worker's stable loader may be cached from another build, so a job
/// says which shape it has.
pub const JOB_FORMAT: u32 = 1;

/// What the page sends the PDF worker (besides the font files): the report and its labels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub format: u32,
    pub labels: Labels,
    pub report: Report,
}

impl Job {
    /// The job for `report`, as sent to the worker.
    pub fn to_json(report: &Report) -> String {
        let job =
            Job { format: JOB_FORMAT, labels: Labels::of(report.lang), report: report.clone() };
        serde_json::to_string(&job).unwrap_or_default()
    }

    /// Reads a job; another format, or anything else, is `PdfError::Job`.
    pub fn from_json(text: &str) -> Result<Job, PdfError> {
        serde_json::from_str::<Job>(text)
            .ok()
            .filter(|job| job.format == JOB_FORMAT)
            .ok_or(PdfError::Job)
    }
}

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 56.0;
const RIGHT: f32 = PAGE_W - 56.0;
const TOP: f32 = PAGE_H - 60.0;
const BOTTOM: f32 = 64.0;
const ACCENT: (f32, f32, f32) = (0.043, 0.431, 0.310);
const TEXT: (f32, f32, f32) = (0.106, 0.122, 0.137);
const MUTED: (f32, f32, f32) = (0.29, 0.33, 0.376);

/// Symbols Noto Sans lacks, written with characters it has.
const SUBSTITUTES: [(char, &str); 6] =
    [('−', "-"), ('→', "->"), ('≈', "~"), ('≥', ">="), ('≤', "<="), ('∏', "Π")];

/// Composes base letters and combining marks into precomposed letters (NFC for Vietnamese), and
/// replaces the few symbols the embedded font lacks.
pub fn nfc(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| {
            SUBSTITUTES
                .iter()
                .find(|(from, _)| *from == c)
                .map_or_else(|| c.to_string(), |(_, to)| (*to).to_owned())
        })
        .collect();
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if let Some(&last) = out.last()
            && let Ok(i) = COMPOSE.binary_search_by(|(b, m, _)| (*b, *m).cmp(&(last, c)))
        {
            *out.last_mut().expect("checked above") = COMPOSE[i].2;
            continue;
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// One font face and the glyphs the document uses from it.
struct Face<'a> {
    data: &'a [u8],
    face: ttf_parser::Face<'a>,
    units_per_em: f32,
    fallback: u16,
    used: BTreeMap<u16, char>,
}

impl<'a> Face<'a> {
    fn new(data: &'a [u8]) -> Result<Face<'a>, PdfError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|_| PdfError::Font)?;
        let fallback = face.glyph_index('?').map_or(0, |g| g.0);
        Ok(Face {
            data,
            units_per_em: f32::from(face.units_per_em()),
            fallback,
            face,
            used: BTreeMap::new(),
        })
    }

    /// The glyph of a character (a '?' for characters the subset lacks), recorded as used.
    fn glyph(&mut self, c: char) -> u16 {
        let c = if c.is_control() { ' ' } else { c };
        match self.face.glyph_index(c) {
            Some(g) => {
                self.used.entry(g.0).or_insert(c);
                g.0
            }
            None => {
                self.used.entry(self.fallback).or_insert('?');
                self.fallback
            }
        }
    }

    /// Advance width of a glyph in thousandths of the font size.
    fn advance(&self, glyph: u16) -> f32 {
        let units = self.face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    fn width(&mut self, text: &str, size: f32) -> f32 {
        let glyphs: Vec<u16> = text.chars().map(|c| self.glyph(c)).collect();
        glyphs.into_iter().map(|g| self.advance(g)).sum::<f32>() * size / 1000.0
    }

    fn scaled(&self, units: i16) -> f32 {
        f32::from(units) * 1000.0 / self.units_per_em
    }
}

enum Op {
    Text { bold: bool, size: f32, x: f32, y: f32, color: (f32, f32, f32), glyphs: Vec<u16> },
    Rect { x: f32, y: f32, w: f32, h: f32, color: (f32, f32, f32) },
}

/// Lays text out on pages, top to bottom.
struct Layout<'a> {
    faces: [Face<'a>; 2],
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Layout<'a> {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn text_at(
        &mut self,
        text: &str,
        bold: bool,
        size: f32,
        x: f32,
        y: f32,
        color: (f32, f32, f32),
    ) {
        let face = &mut self.faces[usize::from(bold)];
        let glyphs = text.chars().map(|c| face.glyph(c)).collect();
        if let Some(page) = self.pages.last_mut() {
            page.push(Op::Text { bold, size, x, y, color, glyphs });
        }
    }

    /// Splits text into lines no wider than `width`.
    fn wrap(&mut self, text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
        let face = &mut self.faces[usize::from(bold)];
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate =
                    if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
                if face.width(&candidate, size) <= width || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_owned();
                }
                // A single word wider than the line is cut, so nothing runs off the page.
                while face.width(&line, size) > width && line.chars().count() > 1 {
                    let mut cut: String = line.clone();
                    while face.width(&cut, size) > width && cut.chars().count() > 1 {
                        cut.pop();
                    }
                    line = line[cut.len()..].to_owned();
                    lines.push(cut);
                }
            }
            lines.push(line);
        }
        lines
    }

    fn paragraph(
        &mut self,
        text: &str,
        bold: bool,
        size: f32,
        indent: f32,
        color: (f32, f32, f32),
    ) {
        let leading = size * 1.4;
        for line in self.wrap(&nfc(text), bold, size, RIGHT - LEFT - indent) {
            self.ensure(leading);
            self.y -= leading;
            self.text_at(&line, bold, size, LEFT + indent, self.y + size * 0.3, color);
        }
        self.y -= size * 0.35;
    }

    fn heading(&mut self, text: &str) {
        // Keep a heading with at least a few lines of what follows it.
        self.ensure(110.0);
        self.y -= 10.0;
        self.paragraph(text, true, 13.0, 0.0, ACCENT);
    }

    /// A row of cells with given widths; each cell wraps on its own.
    fn row(&mut self, cells: &[(&str, f32)], bold: bool, size: f32) {
        let leading = size * 1.35;
        let wrapped: Vec<Vec<String>> =
            cells.iter().map(|(t, w)| self.wrap(&nfc(t), bold, size, w - 6.0)).collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        self.ensure(lines as f32 * leading + 6.0);
        let top = self.y;
        let mut x = LEFT;
        for ((_, width), cell) in cells.iter().zip(&wrapped) {
            for (i, line) in cell.iter().enumerate() {
                self.text_at(
                    line,
                    bold,
                    size,
                    x,
                    top - leading * (i as f32 + 1.0) + size * 0.3,
                    TEXT,
                );
            }
            x += width;
        }
        self.y = top - lines as f32 * leading - 4.0;
        if let Some(page) = self.pages.last_mut() {
            page.push(Op::Rect { x: LEFT, y: self.y + 1.0, w: RIGHT - LEFT, h: 0.5, color: MUTED });
        }
        self.y -= 2.0;
    }

    fn bar(&mut self, label: &str, percent: Option<f64>, none: &str) {
        self.ensure(22.0);
        self.y -= 16.0;
        let y = self.y;
        self.text_at(&nfc(label), false, 10.0, LEFT, y + 3.0, TEXT);
        let (x, w) = (LEFT + 190.0, 220.0);
        if let Some(page) = self.pages.last_mut() {
            page.push(Op::Rect { x, y, w, h: 9.0, color: (0.93, 0.95, 0.94) });
            if let Some(p) = percent {
                page.push(Op::Rect {
                    x,
                    y,
                    w: w * (p as f32 / 100.0).clamp(0.0, 1.0),
                    h: 9.0,
                    color: ACCENT,
                });
            }
        }
        let value = percent.map_or_else(|| none.to_owned(), |p| format!("{}", p.round()));
        self.text_at(&nfc(&value), true, 10.0, x + w + 8.0, y + 1.0, TEXT);
        self.y -= 4.0;
    }
}

fn content_of(ops: &[Op]) -> Vec<u8> {
    let mut content = Content::new();
    for op in ops {
        match op {
            Op::Text { bold, size, x, y, color, glyphs } => {
                let bytes: Vec<u8> = glyphs.iter().flat_map(|g| g.to_be_bytes()).collect();
                content.set_fill_rgb(color.0, color.1, color.2);
                content.begin_text();
                content.set_font(Name(if *bold { b"F2" } else { b"F1" }), *size);
                content.next_line(*x, *y);
                content.show(Str(&bytes));
                content.end_text();
            }
            Op::Rect { x, y, w, h, color } => {
                content.set_fill_rgb(color.0, color.1, color.2);
                content.rect(*x, *y, *w, *h);
                content.fill_nonzero();
            }
        }
    }
    content.finish().into_vec()
}

fn write_font(pdf: &mut Pdf, next: &mut Ref, face: &Face<'_>, base: &[u8]) -> Ref {
    let mut id = || next.bump();
    let (type0, cid, descriptor, file, cmap_id) = (id(), id(), id(), id(), id());
    pdf.type0_font(type0)
        .base_font(Name(base))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap_id);
    let info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    let mut font = pdf.cid_font(cid);
    font.subtype(CidFontType::Type2)
        .base_font(Name(base))
        .system_info(info)
        .font_descriptor(descriptor)
        .default_width(0.0);
    font.cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = font.widths();
    for glyph in face.used.keys() {
        widths.consecutive(*glyph, [face.advance(*glyph)]);
    }
    widths.finish();
    font.finish();
    let b = face.face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(Name(base))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            face.scaled(b.x_min),
            face.scaled(b.y_min),
            face.scaled(b.x_max),
            face.scaled(b.y_max),
        ))
        .italic_angle(0.0)
        .ascent(face.scaled(face.face.ascender()))
        .descent(face.scaled(face.face.descender()))
        .cap_height(face.scaled(face.face.capital_height().unwrap_or(714)))
        .stem_v(80.0)
        .font_file2(file);
    let compressed = compress_to_vec_zlib(face.data, 6);
    pdf.stream(file, &compressed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), face.data.len() as i32);
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), info);
    for (glyph, c) in &face.used {
        cmap.pair(*glyph, *c);
    }
    let cmap = compress_to_vec_zlib(&cmap.finish().into_vec(), 6);
    pdf.stream(cmap_id, &cmap).filter(Filter::FlateDecode);
    type0
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
    let t = |text| labels.get(text);
    let mut layout = Layout {
        faces: [Face::new(fonts.regular)?, Face::new(fonts.bold)?],
        pages: Vec::new(),
        y: TOP,
    };
    layout.new_page();

    // Cover.
    layout.paragraph(&report.department, true, 11.0, 0.0, ACCENT);
    layout.y -= 12.0;
    layout.paragraph(t(Text::ReportCoverTitle), true, 20.0, 0.0, TEXT);
    layout.y -= 8.0;
    for (label, value) in [
        (t(Text::ReportCompany), &report.company),
        (t(Text::ReportSector), &report.sector),
        (t(Text::ReportWard), &report.ward),
        (t(Text::ReportDate), &report.date),
        (t(Text::ReportAssessmentId), &report.assessment_id),
        (t(Text::ReportChecklistVersion), &report.checklist_version),
    ] {
        layout.row(&[(label, 150.0), (value, RIGHT - LEFT - 150.0)], false, 10.5);
    }
    layout.y -= 6.0;
    layout.paragraph(t(Text::ReportIndicative), false, 9.0, 0.0, MUTED);

    // Scores.
    layout.heading(t(Text::ResultsScore));
    let score = report
        .score
        .as_ref()
        .map_or_else(|| t(Text::ResultsScoreNone).to_owned(), |s| format!("{s} / 100"));
    layout.paragraph(&score, true, 22.0, 0.0, ACCENT);
    layout.paragraph(&report.score_basis, false, 9.5, 0.0, MUTED);
    layout.heading(t(Text::ResultsByArea));
    for (name, percent) in &report.areas {
        layout.bar(name, *percent, t(Text::ResultsNoAnswers));
    }

    // Savings.
    layout.heading(t(Text::ResultsSavingsHeading));
    if report.savings.is_empty() {
        layout.paragraph(t(Text::ResultsNoSavings), false, 10.0, 0.0, TEXT);
    } else {
        let widths = [90.0, 62.0, 130.0, 130.0, RIGHT - LEFT - 412.0];
        let head = [
            Text::ResultsStream,
            Text::ResultsShare,
            Text::ResultsQuantity,
            Text::ResultsMoney,
            Text::ResultsCo2,
        ];
        let cells: Vec<(&str, f32)> = head.iter().map(|h| t(*h)).zip(widths).collect();
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
            [t(Text::ResultsTotal), "", "", report.total_money.as_str(), report.total_co2.as_str()];
        let cells: Vec<(&str, f32)> = total.into_iter().zip(widths).collect();
        layout.row(&cells, true, 8.5);
    }
    layout.paragraph(t(Text::ResultsMethod), false, 8.5, 0.0, MUTED);
    for line in &report.comparisons {
        layout.paragraph(line, false, 9.5, 0.0, TEXT);
    }

    // Key energy user.
    if let Some(e) = &report.energy_user {
        layout.heading(t(Text::LearnEnergyHeading));
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
    layout.heading(t(Text::ResultsActionsHeading));
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

    // Support.
    if !report.support.is_empty() {
        layout.heading(t(Text::LearnSupportHeading));
        for (title, offers, apply) in &report.support {
            layout.paragraph(title, true, 10.0, 0.0, TEXT);
            layout.paragraph(offers, false, 9.0, 10.0, TEXT);
            layout.paragraph(&format!("{} {apply}", t(Text::LearnApply)), false, 9.0, 10.0, TEXT);
        }
    }

    // Contact.
    layout.heading(t(Text::ReportContactHeading));
    layout.paragraph(t(Text::ReportContactBody), false, 10.0, 0.0, TEXT);
    layout.paragraph(&report.department, true, 10.0, 0.0, TEXT);

    // Appendix.
    layout.new_page();
    layout.heading(t(Text::ReportAppendix));
    let widths = [300.0, RIGHT - LEFT - 300.0];
    let mut section = String::new();
    for a in &report.answers {
        if a.section != section {
            section = a.section.clone();
            layout.y -= 4.0;
            layout.paragraph(&section, true, 10.5, 0.0, ACCENT);
        }
        layout.row(&[(&a.question, widths[0]), (&a.answer, widths[1])], false, 8.5);
    }

    // Page numbers.
    let pages = layout.pages.len();
    for page in 0..pages {
        let label = fill(
            t(Text::ReportPage),
            &[("page", &(page + 1).to_string()), ("pages", &pages.to_string())],
        );
        let footer = nfc(&format!("{} · {}", report.company, report.assessment_id));
        let faces = &mut layout.faces;
        let number: Vec<u16> = nfc(&label).chars().map(|c| faces[0].glyph(c)).collect();
        let left: Vec<u16> = footer.chars().take(90).map(|c| faces[0].glyph(c)).collect();
        let width = number.iter().map(|g| faces[0].advance(*g)).sum::<f32>() * 8.0 / 1000.0;
        layout.pages[page].push(Op::Text {
            bold: false,
            size: 8.0,
            x: RIGHT - width,
            y: 34.0,
            color: MUTED,
            glyphs: number,
        });
        layout.pages[page].push(Op::Text {
            bold: false,
            size: 8.0,
            x: LEFT,
            y: 34.0,
            color: MUTED,
            glyphs: left,
        });
    }

    let mut pdf = Pdf::new();
    let mut next = Ref::new(1);
    let catalog = next.bump();
    let page_tree = next.bump();
    let info = next.bump();
    let regular = write_font(&mut pdf, &mut next, &layout.faces[0], b"SXSHAA+NotoSans-Regular");
    let bold = write_font(&mut pdf, &mut next, &layout.faces[1], b"SXSHAB+NotoSans-Bold");
    let page_ids: Vec<(Ref, Ref)> = (0..pages).map(|_| (next.bump(), next.bump())).collect();
    pdf.catalog(catalog).pages(page_tree);
    pdf.pages(page_tree).kids(page_ids.iter().map(|(p, _)| *p)).count(pages as i32);
    for ((page_id, content_id), ops) in page_ids.iter().zip(&layout.pages) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).parent(page_tree).contents(*content_id);
        page.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
        page.finish();
        let compressed = compress_to_vec_zlib(&content_of(ops), 6);
        pdf.stream(*content_id, &compressed).filter(Filter::FlateDecode);
    }
    let title = nfc(&format!("{} – {}", t(Text::ReportCoverTitle), report.company));
    pdf.document_info(info).title(TextStr(&title)).producer(TextStr("SXSH self-assessment widget"));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::{LABELS, Labels, nfc};
    use crate::i18n::{Lang, Text};

    #[test]
    fn every_text_the_layout_prints_is_a_label_the_page_sends() {
        let source = include_str!("pdf.rs");
        let layout = &source[source.find("pub fn to_pdf_labelled").expect("layout")..];
        let layout = &layout[..layout.find("#[cfg(test)]").expect("tests follow")];
        let used: Vec<&str> = layout
            .split("Text::")
            .skip(1)
            .map(|rest| rest.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or(""))
            .collect();
        assert!(used.len() >= 20, "the scan finds the layout's texts");
        let labels: Vec<String> = LABELS.iter().map(|t| format!("{t:?}")).collect();
        for text in used {
            assert!(labels.iter().any(|l| l == text), "Text::{text} is printed but not in LABELS");
        }
        let vi = Labels::of(Lang::Vi);
        assert_eq!(vi.get(Text::ReportCoverTitle), Lang::Vi.text(Text::ReportCoverTitle));
        assert_eq!(vi.get(Text::WelcomeStart), "", "a text that is not a label prints nothing");
    }

    #[test]
    fn decomposed_vietnamese_is_composed() {
        // "Huế" and "Nguyễn" typed with combining marks (NFD).
        assert_eq!(nfc("Hue\u{0302}\u{0301}"), "Huế");
        assert_eq!(nfc("Nguye\u{0302}\u{0303}n"), "Nguyễn");
        assert_eq!(nfc("Đa\u{0306}\u{0323}ng"), "Đặng");
        assert_eq!(nfc("already NFC: Sở Công Thương"), "already NFC: Sở Công Thương");
        assert_eq!(nfc("1 − Π(1 − r) ≥ 0 → ≈"), "1 - Π(1 - r) >= 0 -> ~");
    }
}
