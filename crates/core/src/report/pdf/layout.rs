//! The layout: text and shapes placed on A4 pages, top to bottom. Paragraphs wrap at the margin
//! and break across pages, a heading keeps a few lines of what follows it, table rows wrap each
//! cell, the bar chart draws one bar per area, and every page gets a footer and its number.

use super::font::{Face, nfc};
use super::{Fonts, PdfError};

pub(super) const PAGE_W: f32 = 595.28;
pub(super) const PAGE_H: f32 = 841.89;
pub(super) const LEFT: f32 = 56.0;
pub(super) const RIGHT: f32 = PAGE_W - 56.0;
const TOP: f32 = PAGE_H - 60.0;
const BOTTOM: f32 = 64.0;
pub(super) const ACCENT: (f32, f32, f32) = (0.043, 0.431, 0.310);
/// The accent at about a third of its strength: the high end of a range.
pub(super) const ACCENT_LIGHT: (f32, f32, f32) = (0.68, 0.82, 0.77);
pub(super) const TEXT: (f32, f32, f32) = (0.106, 0.122, 0.137);
pub(super) const MUTED: (f32, f32, f32) = (0.29, 0.33, 0.376);

/// One thing drawn on a page: glyphs of the regular or bold face, or a filled rectangle.
pub(super) enum Op {
    Text { bold: bool, size: f32, x: f32, y: f32, color: (f32, f32, f32), glyphs: Vec<u16> },
    Rect { x: f32, y: f32, w: f32, h: f32, color: (f32, f32, f32) },
}

/// Lays text out on pages, top to bottom.
pub(super) struct Layout<'a> {
    faces: [Face<'a>; 2],
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Layout<'a> {
    /// A layout with the regular and bold faces of `fonts`, at the top of its first page.
    pub(super) fn new(fonts: &Fonts<'a>) -> Result<Layout<'a>, PdfError> {
        let mut layout = Layout {
            faces: [Face::new(fonts.regular)?, Face::new(fonts.bold)?],
            pages: Vec::new(),
            y: TOP,
        };
        layout.new_page();
        Ok(layout)
    }

    /// The pages drawn, and the faces with the glyphs they use.
    pub(super) fn into_parts(self) -> (Vec<Vec<Op>>, [Face<'a>; 2]) {
        (self.pages, self.faces)
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Moves down by `height`.
    pub(super) fn space(&mut self, height: f32) {
        self.y -= height;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub(super) fn ensure(&mut self, height: f32) {
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

    pub(super) fn paragraph(
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

    pub(super) fn heading(&mut self, text: &str) {
        // Keep a heading with at least a few lines of what follows it.
        self.ensure(110.0);
        self.y -= 10.0;
        self.paragraph(text, true, 13.0, 0.0, ACCENT);
    }

    /// A row of cells with given widths; each cell wraps on its own.
    pub(super) fn row(&mut self, cells: &[(&str, f32)], bold: bool, size: f32) {
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

    /// One bar of the chart: `label`, a bar filled to `percent`, and the value (`none` if none).
    pub(super) fn bar(&mut self, label: &str, percent: Option<f64>, none: &str) {
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

    /// A labelled bar of a range: the low end in the accent colour over the high end in a lighter
    /// one, both in percent of the bar's length.
    pub(super) fn range_bar(&mut self, label: &str, low: f32, high: f32) {
        self.ensure(22.0);
        self.y -= 16.0;
        let y = self.y;
        self.text_at(&nfc(label), false, 9.5, LEFT, y + 3.0, TEXT);
        let (x, w) = (LEFT + 250.0, RIGHT - LEFT - 250.0);
        if let Some(page) = self.pages.last_mut() {
            page.push(Op::Rect { x, y, w, h: 9.0, color: (0.93, 0.95, 0.94) });
            let length = |p: f32| w * (p / 100.0).clamp(0.0, 1.0);
            page.push(Op::Rect { x, y, w: length(high), h: 9.0, color: ACCENT_LIGHT });
            page.push(Op::Rect { x, y, w: length(low), h: 9.0, color: ACCENT });
        }
        self.y -= 2.0;
    }

    /// Puts `footer` (its first 90 characters) at the bottom left of every page, and
    /// `number(page, pages)` (counted from 1) at the bottom right.
    pub(super) fn number_pages(&mut self, footer: &str, number: impl Fn(usize, usize) -> String) {
        let pages = self.pages.len();
        let footer = nfc(footer);
        let face = &mut self.faces[0];
        for (page, ops) in self.pages.iter_mut().enumerate() {
            let label: Vec<u16> =
                nfc(&number(page + 1, pages)).chars().map(|c| face.glyph(c)).collect();
            let left: Vec<u16> = footer.chars().take(90).map(|c| face.glyph(c)).collect();
            let width = label.iter().map(|g| face.advance(*g)).sum::<f32>() * 8.0 / 1000.0;
            for (x, glyphs) in [(RIGHT - width, label), (LEFT, left)] {
                ops.push(Op::Text { bold: false, size: 8.0, x, y: 34.0, color: MUTED, glyphs });
            }
        }
    }
}
