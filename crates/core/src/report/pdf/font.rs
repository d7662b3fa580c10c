//! The fonts: text normalised to NFC (one precomposed glyph per character), glyph ids and
//! advance widths from a font file, and the embedding of a font as Type0 / CIDFontType2
//! (Identity-H) with the widths and a ToUnicode map of the glyphs the document uses.

use super::PdfError;
use super::compose_table::COMPOSE;
use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;

/// Symbols Noto Sans lacks, written with characters it has.
const SUBSTITUTES: [(char, &str); 6] =
    [('−', "-"), ('→', "->"), ('≈', "~"), ('≥', ">="), ('≤', "<="), ('∏', "Π")];

/// Composes base letters and combining marks into precomposed letters (NFC for Vietnamese), and
/// replaces the few symbols the embedded font lacks. One pass, one look-up per combining mark.
pub fn nfc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some((_, to)) = SUBSTITUTES.iter().find(|(from, _)| *from == c) {
            out.push_str(to);
            continue;
        }
        // Every mark the table composes is a combining diacritic (U+0300–U+036F).
        if ('\u{0300}'..='\u{036F}').contains(&c)
            && let Some(last) = out.pop()
        {
            match COMPOSE.binary_search_by(|(b, m, _)| (*b, *m).cmp(&(last, c))) {
                Ok(i) => out.push(COMPOSE[i].2),
                Err(_) => {
                    out.push(last);
                    out.push(c);
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// One font face and the glyphs the document uses from it.
pub(super) struct Face<'a> {
    data: &'a [u8],
    face: ttf_parser::Face<'a>,
    units_per_em: f32,
    fallback: u16,
    used: BTreeMap<u16, char>,
}

impl<'a> Face<'a> {
    pub(super) fn new(data: &'a [u8]) -> Result<Face<'a>, PdfError> {
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
    pub(super) fn glyph(&mut self, c: char) -> u16 {
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
    pub(super) fn advance(&self, glyph: u16) -> f32 {
        let units = self.face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    /// The width of `text` at `size` points: the sum of its glyphs' advances (no kerning). The
    /// layout adds advances up as it wraps; its tests measure whole lines with this.
    #[cfg(test)]
    pub(super) fn width(&mut self, text: &str, size: f32) -> f32 {
        let glyphs: Vec<u16> = text.chars().map(|c| self.glyph(c)).collect();
        glyphs.into_iter().map(|g| self.advance(g)).sum::<f32>() * size / 1000.0
    }

    fn scaled(&self, units: i16) -> f32 {
        f32::from(units) * 1000.0 / self.units_per_em
    }
}

/// Embeds `face` as the font `base` (its objects numbered from `next`); returns the font's id.
pub(super) fn write_font(pdf: &mut Pdf, next: &mut Ref, face: &Face<'_>, base: &[u8]) -> Ref {
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

#[cfg(test)]
mod tests {
    use super::{COMPOSE, SUBSTITUTES, nfc};

    /// NFC as this file wrote it before it took one pass: substitutes first, then every
    /// character looked up as a mark on the one before. The reference the one pass must match.
    fn nfc_as_before(text: &str) -> String {
        let text: String = text
            .chars()
            .map(|c| {
                SUBSTITUTES
                    .iter()
                    .find(|(from, _)| *from == c)
                    .map_or_else(|| c.to_string(), |(_, to)| (*to).to_owned())
            })
            .collect();
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if let Some(last) = out.last_mut()
                && let Ok(i) = COMPOSE.binary_search_by(|(b, m, _)| (*b, *m).cmp(&(*last, c)))
            {
                *last = COMPOSE[i].2;
                continue;
            }
            out.push(c);
        }
        out.into_iter().collect()
    }

    #[test]
    fn one_pass_composes_exactly_as_before() {
        let mut texts: Vec<String> = [
            "",
            "\u{0301}a",
            "q\u{0301}x\u{0300}\u{0301}",
            "a\u{0302}\u{0301}\u{0323}",
            "u\u{031B}\u{0303}\u{0301}",
            "≥\u{0301}→\u{0302}∏\u{0301}Π\u{0301}",
            "Sở Công Thương \u{036F}\u{0300}\u{02FF}\u{0370}",
        ]
        .map(str::to_owned)
        .to_vec();
        // Every base of the table with every mark of it, and each composed letter with each mark.
        let marks: Vec<char> = COMPOSE.iter().map(|e| e.1).collect();
        for (base, _, composed) in COMPOSE {
            for mark in &marks {
                texts.push(format!("{base}{mark}{composed}{mark}{mark}"));
            }
        }
        for text in texts {
            assert_eq!(nfc(&text), nfc_as_before(&text), "{text:?}");
        }
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
