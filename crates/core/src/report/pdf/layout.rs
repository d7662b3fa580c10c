//! The layout: text and shapes placed on A4 pages, top to bottom. Paragraphs wrap at the margin
//! and break across pages, a heading keeps a few lines of what follows it, table rows wrap each
//! cell, the bar chart draws one bar per area, and every page gets a footer and its number. The
//! crate's other documents (the rapid-assessment report) draw with the same text calls.

use super::font::{Face, nfc};
use super::{Fonts, PdfError};

pub(super) const PAGE_W: f32 = 595.28;
pub(super) const PAGE_H: f32 = 841.89;
pub(crate) const LEFT: f32 = 56.0;
pub(crate) const RIGHT: f32 = PAGE_W - 56.0;
const TOP: f32 = PAGE_H - 60.0;
const BOTTOM: f32 = 64.0;
pub(crate) const ACCENT: (f32, f32, f32) = (0.043, 0.431, 0.310);
/// The accent at about a third of its strength: the high end of a range.
pub(super) const ACCENT_LIGHT: (f32, f32, f32) = (0.68, 0.82, 0.77);
pub(crate) const TEXT: (f32, f32, f32) = (0.106, 0.122, 0.137);
pub(crate) const MUTED: (f32, f32, f32) = (0.29, 0.33, 0.376);

/// One thing drawn on a page: glyphs of the regular or bold face, or a filled rectangle.
pub(super) enum Op {
    Text { bold: bool, size: f32, x: f32, y: f32, color: (f32, f32, f32), glyphs: Vec<u16> },
    Rect { x: f32, y: f32, w: f32, h: f32, color: (f32, f32, f32) },
}

/// Lays text out on pages, top to bottom.
pub(crate) struct Layout<'a> {
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

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Moves down by `height`.
    pub(crate) fn space(&mut self, height: f32) {
        self.y -= height;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub(crate) fn ensure(&mut self, height: f32) {
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
        let page = self.pages.len().saturating_sub(1);
        self.text_on(page, text, bold, size, (x, y), color);
    }

    /// Puts `text` at `(x, y)` on the page numbered `page` (from 0).
    fn text_on(
        &mut self,
        page: usize,
        text: &str,
        bold: bool,
        size: f32,
        (x, y): (f32, f32),
        color: (f32, f32, f32),
    ) {
        let face = &mut self.faces[usize::from(bold)];
        let glyphs = text.chars().map(|c| face.glyph(c)).collect();
        if let Some(page) = self.pages.get_mut(page) {
            page.push(Op::Text { bold, size, x, y, color, glyphs });
        }
    }

    /// Splits text into lines no wider than `width`: at spaces, and a word wider than a line is
    /// cut after its last character that fits (a character wider than the line stands alone), so
    /// nothing runs off the page. A line's width is the sum of its glyphs' advances, added from its
    /// first character on (the page applies no kerning either); each character is measured once,
    /// so the work is linear in the length of the text, however long its words.
    fn wrap(&mut self, text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
        let face = &mut self.faces[usize::from(bold)];
        let fits = |advances: f32| advances * size / 1000.0 <= width;
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            // The advances of the line's glyphs, summed from its first character.
            let mut line_advances = 0.0;
            for word in paragraph.split(' ') {
                let mut advance = |c: char| {
                    let glyph = face.glyph(c);
                    face.advance(glyph)
                };
                let glyphs: Vec<(char, f32)> = word.chars().map(|c| (c, advance(c))).collect();
                if !line.is_empty() {
                    let space = advance(' ');
                    let joined = glyphs.iter().fold(line_advances + space, |sum, g| sum + g.1);
                    if fits(joined) {
                        line.push(' ');
                        line.push_str(word);
                        line_advances = joined;
                        continue;
                    }
                    lines.push(std::mem::take(&mut line));
                }
                // The word begins a line, and goes on to the next line wherever it stops fitting.
                line_advances = 0.0;
                for (c, advance) in glyphs {
                    if !line.is_empty() && !fits(line_advances + advance) {
                        lines.push(std::mem::take(&mut line));
                        line_advances = 0.0;
                    }
                    line.push(c);
                    line_advances += advance;
                }
            }
            lines.push(line);
        }
        lines
    }

    pub(crate) fn paragraph(
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

    pub(crate) fn heading(&mut self, text: &str) {
        // Keep a heading with at least a few lines of what follows it.
        self.ensure(110.0);
        self.y -= 10.0;
        self.paragraph(text, true, 13.0, 0.0, ACCENT);
    }

    /// A row of cells with given widths; each cell wraps on its own. A row that fits on a page is
    /// kept whole (moved to the next page if need be); a taller one begins where it is and goes
    /// on over the next pages, its cells' lines still side by side.
    pub(crate) fn row(&mut self, cells: &[(&str, f32)], bold: bool, size: f32) {
        let leading = size * 1.35;
        let wrapped: Vec<Vec<String>> =
            cells.iter().map(|(t, w)| self.wrap(&nfc(t), bold, size, w - 6.0)).collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let height = lines as f32 * leading + 6.0;
        self.ensure(if height <= TOP - BOTTOM { height } else { leading + 6.0 });
        // Where each line of the row goes: its page and its baseline.
        let mut top = self.y;
        let mut on_page = 0.0;
        let mut places = Vec::with_capacity(lines);
        for _ in 0..lines {
            if top - leading * (on_page + 1.0) < BOTTOM {
                self.new_page();
                top = self.y;
                on_page = 0.0;
            }
            let page = self.pages.len() - 1;
            places.push((page, top - leading * (on_page + 1.0) + size * 0.3));
            on_page += 1.0;
        }
        // Cell after cell, so each cell's text reads in one piece.
        let mut x = LEFT;
        for ((_, width), cell) in cells.iter().zip(&wrapped) {
            for (line, (page, y)) in cell.iter().zip(&places) {
                self.text_on(*page, line, bold, size, (x, *y), TEXT);
            }
            x += width;
        }
        self.y = top - on_page * leading - 4.0;
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
    pub(crate) fn number_pages(&mut self, footer: &str, number: impl Fn(usize, usize) -> String) {
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

#[cfg(test)]
mod tests {
    use super::super::tests::within;
    use super::*;
    use std::time::Duration;

    const REGULAR: &[u8] = include_bytes!("../../../../../public/fonts/NotoSans-Regular-vi.ttf");
    const BOLD: &[u8] = include_bytes!("../../../../../public/fonts/NotoSans-Bold-vi.ttf");

    fn layout() -> Layout<'static> {
        Layout::new(&Fonts { regular: REGULAR, bold: BOLD }).expect("the shipped fonts parse")
    }

    /// The wrapping this file had before it measured each character once: quadratic in the
    /// length of a word, kept as the reference the linear one must match line for line.
    fn wrap_as_before(face: &mut Face<'_>, text: &str, size: f32, width: f32) -> Vec<String> {
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

    /// Text of every kind the report wraps: Vietnamese words, double and leading spaces, line
    /// breaks, long unbroken words, wide and narrow letters, a control character.
    fn samples() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            " ",
            "  a",
            "a  b ",
            "Công ty Dệt nhuộm Huế Nguyễn",
            "Sở Công Thương thành phố Huế\nPhụ lục: toàn bộ câu trả lời\n\n",
            "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
            "a\tb\u{7}c https://sct.hue.gov.vn/sxsh/a-very-long-address-that-will-not-fit-anywhere",
        ]
        .map(str::to_owned)
        .to_vec();
        // Pseudo-random words of 0 to 40 letters (a fixed sequence: the test is repeatable).
        let letters: Vec<char> = "aăâbcdđeêghiklmnoôơpqrstuưvxyWMIl.,-ếộữ".chars().collect();
        let mut seed = 0x2545_f491_u32;
        let mut next = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize % below
        };
        for _ in 0..60 {
            let mut text = String::new();
            for _ in 0..next(30) {
                let word: String = (0..next(41)).map(|_| letters[next(letters.len())]).collect();
                text.push_str(&word);
                text.push([' ', ' ', ' ', ' ', '\n', ' '][next(6)]);
            }
            texts.push(text);
        }
        texts
    }

    #[test]
    fn wrapping_is_line_for_line_what_it_was() {
        let mut layout = layout();
        for text in samples() {
            for bold in [false, true] {
                for (size, width) in [(10.5, 333.28), (8.5, 84.0), (8.5, 56.0), (13.0, 483.28)] {
                    let reference = {
                        let face = &mut layout.faces[usize::from(bold)];
                        wrap_as_before(face, &text, size, width)
                    };
                    assert_eq!(
                        layout.wrap(&text, bold, size, width),
                        reference,
                        "{text:?} at {size} pt in {width} pt"
                    );
                }
            }
        }
        // Down to one character a line, and narrower than any character.
        for width in [0.0, 1.0, 6.0] {
            let text = "Nguyễn Văn An";
            let reference = wrap_as_before(&mut layout.faces[0], text, 10.0, width);
            assert_eq!(layout.wrap(text, false, 10.0, width), reference, "{width} pt");
        }
    }

    /// The width of `line` in points.
    fn width(layout: &mut Layout<'_>, line: &str, size: f32) -> f32 {
        layout.faces[0].width(line, size)
    }

    #[test]
    fn a_100_000_character_word_is_cut_where_each_line_is_full_and_nothing_is_lost() {
        let mut layout = layout();
        let name: String = "CôngtyDệtnhuộmHuếNguyễn".chars().cycle().take(100_000).collect();
        let (size, limit) = (10.5, RIGHT - LEFT - 150.0 - 6.0);
        let lines = within(Duration::from_secs(2), || layout.wrap(&name, false, size, limit));
        assert_eq!(lines.concat(), name, "the lines are the name, in order");
        assert!(lines.len() > 1_000, "{} lines", lines.len());
        let (last, full) = lines.split_last().expect("lines");
        assert!(width(&mut layout, last, size) <= limit);
        for (line, next) in full.iter().zip(&lines[1..]) {
            assert!(width(&mut layout, line, size) <= limit, "{line:?} runs over");
            let first = next.chars().next().expect("no empty line");
            let longer = format!("{line}{first}");
            assert!(width(&mut layout, &longer, size) > limit, "{line:?} could take {first}");
        }
    }

    #[test]
    fn a_100_000_character_note_of_many_words_breaks_at_spaces_and_nothing_is_lost() {
        let mut layout = layout();
        let words = ["Đề", "nghị", "đánh", "giá", "nhanh", "sản", "xuất", "sạch", "hơn", "tại"];
        let mut note = String::new();
        for word in words.iter().cycle() {
            if note.chars().count() + word.chars().count() + 1 > 100_000 {
                break;
            }
            if !note.is_empty() {
                note.push(' ');
            }
            note.push_str(word);
        }
        let (size, limit) = (9.0, RIGHT - LEFT);
        let lines = within(Duration::from_secs(2), || layout.wrap(&note, false, size, limit));
        assert_eq!(lines.join(" "), note, "the lines are the note, broken at spaces");
        for (line, next) in lines.iter().zip(&lines[1..]) {
            assert!(width(&mut layout, line, size) <= limit, "{line:?} runs over");
            let first = next.split(' ').next().unwrap_or_default();
            let longer = format!("{line} {first}");
            assert!(width(&mut layout, &longer, size) > limit, "{line:?} could take {first}");
        }
    }

    /// Every line of text on the pages as (page, x, baseline, glyph count).
    fn text_lines(pages: &[Vec<Op>]) -> Vec<(usize, f32, f32, usize)> {
        let mut lines = Vec::new();
        for (page, ops) in pages.iter().enumerate() {
            for op in ops {
                if let Op::Text { x, y, glyphs, .. } = op {
                    lines.push((page, *x, *y, glyphs.len()));
                }
            }
        }
        lines
    }

    /// Every rectangle on the pages as (page, x, y, width, height).
    fn rectangles(pages: &[Vec<Op>]) -> Vec<(usize, f32, f32, f32, f32)> {
        let mut rectangles = Vec::new();
        for (page, ops) in pages.iter().enumerate() {
            for op in ops {
                if let Op::Rect { x, y, w, h, .. } = op {
                    rectangles.push((page, *x, *y, *w, *h));
                }
            }
        }
        rectangles
    }

    #[test]
    fn a_paragraph_puts_each_line_at_its_indent_one_leading_below_the_last() {
        let mut layout = layout();
        layout.paragraph("Công ty\nDệt", false, 10.0, 12.0, TEXT);
        let (pages, _) = layout.into_parts();
        let (x, lift) = (LEFT + 12.0, 10.0 * 0.3);
        assert_eq!(
            text_lines(&pages),
            [(0, x, TOP - 14.0 + lift, 7), (0, x, TOP - 14.0 - 14.0 + lift, 3)]
        );
    }

    #[test]
    fn a_row_places_each_cell_in_its_column_and_rules_it_off_below() {
        let mut layout = layout();
        let (size, leading) = (10.5, 10.5 * 1.35);
        layout.row(&[("Ngày", 150.0), ("28/11/2026\nhai dòng", 333.28)], false, size);
        let after = layout.y;
        let (pages, _) = layout.into_parts();
        let baseline = |n: f32| TOP - leading * n + size * 0.3;
        let value = LEFT + 150.0;
        assert_eq!(
            text_lines(&pages),
            [
                (0, LEFT, baseline(1.0), 4),
                (0, value, baseline(1.0), 10),
                (0, value, baseline(2.0), 8)
            ]
        );
        let bottom = TOP - 2.0 * leading - 4.0;
        assert_eq!(rectangles(&pages), [(0, LEFT, bottom + 1.0, RIGHT - LEFT, 0.5)]);
        assert_eq!(after, bottom - 2.0, "the next thing goes below the rule");
    }

    #[test]
    fn a_row_that_fits_in_the_room_left_stays_and_one_that_does_not_moves_whole() {
        let (size, leading) = (10.5, 10.5 * 1.35);
        let height = 2.0 * leading + 6.0;
        for (room, page) in [(height + 0.01, 0), (height - 0.01, 1)] {
            let mut layout = layout();
            layout.y = BOTTOM + room;
            layout.row(&[("Ngày", 150.0), ("28/11/2026\nhai dòng", 333.28)], false, size);
            let (pages, _) = layout.into_parts();
            let lines = text_lines(&pages);
            assert_eq!(lines.len(), 3);
            assert!(lines.iter().all(|l| l.0 == page), "{room} pt left: {lines:?}");
        }
    }

    #[test]
    fn a_row_taller_than_a_page_begins_where_a_line_and_its_rule_fit() {
        // 60 lines of 13.5 pt: taller than a page, shorter than a page and both margins.
        let (size, leading) = (10.0, 13.5);
        let tall = ["x"; 60].join("\n");
        for (room, page) in [(300.0, 0), (leading + 10.0, 0), (leading + 3.0, 1)] {
            let mut layout = layout();
            layout.y = BOTTOM + room;
            layout.row(&[(&tall, RIGHT - LEFT)], false, size);
            let (pages, _) = layout.into_parts();
            let lines = text_lines(&pages);
            assert_eq!(lines.len(), 60);
            assert_eq!(lines[0].0, page, "{room} pt left");
        }
        // A line that ends exactly on the bottom margin is still on the page.
        let mut layout = layout();
        layout.y = BOTTOM + leading * 3.0;
        layout.row(&[(&tall, RIGHT - LEFT)], false, size);
        let (pages, _) = layout.into_parts();
        let pages_of: Vec<usize> = text_lines(&pages).iter().map(|l| l.0).take(4).collect();
        assert_eq!(pages_of, [0, 0, 0, 1]);
    }

    #[test]
    fn a_row_taller_than_a_page_goes_on_over_the_next_pages_with_every_line_on_a_page() {
        let name: String = "CôngtyDệtnhuộmHuếNguyễn".chars().cycle().take(100_000).collect();
        let value_width = RIGHT - LEFT - 150.0;
        let expected = layout().wrap(&name, false, 10.5, value_width - 6.0);
        let layout = within(Duration::from_secs(2), || {
            let mut layout = layout();
            layout.row(&[("Doanh nghiệp", 150.0), (&name, value_width)], false, 10.5);
            layout
        });
        let (pages, _) = layout.into_parts();
        let lines = text_lines(&pages);
        assert_eq!(lines.len(), expected.len() + 1, "the label and every line of the name");
        assert_eq!(
            lines.iter().map(|l| l.3).sum::<usize>(),
            100_000 + "Doanh nghiệp".chars().count()
        );
        assert!(pages.len() > 20, "{} pages", pages.len());
        assert_eq!(lines[0].0, 0, "the row begins on the page it is on, none is left blank");
        for (page, _, y, _) in &lines {
            assert!((BOTTOM..=TOP).contains(y), "a line at {y} on page {page} is off the page");
        }
        // Line after line, down each page, then on from the top of the next.
        for (a, b) in lines[1..].iter().zip(&lines[2..]) {
            assert!(b.0 == a.0 && b.2 < a.2 || b.0 == a.0 + 1 && b.2 > a.2, "{a:?} then {b:?}");
        }
    }
}
