//! The PDF file: the laid-out pages as Flate-compressed content streams (glyph ids as hex, never
//! PDF syntax), the two embedded fonts, the page tree, the catalog and the document info.

use super::font::{Face, write_font};
use super::layout::{Op, PAGE_H, PAGE_W};
use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// The content stream of one page.
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

/// The PDF of `pages`, written with `faces` (regular, bold), titled `title`.
pub(super) fn write(pages: &[Vec<Op>], faces: &[Face<'_>; 2], title: &str) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut next = Ref::new(1);
    let catalog = next.bump();
    let page_tree = next.bump();
    let info = next.bump();
    let regular = write_font(&mut pdf, &mut next, &faces[0], b"SXSHAA+NotoSans-Regular");
    let bold = write_font(&mut pdf, &mut next, &faces[1], b"SXSHAB+NotoSans-Bold");
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (next.bump(), next.bump())).collect();
    pdf.catalog(catalog).pages(page_tree);
    pdf.pages(page_tree).kids(page_ids.iter().map(|(p, _)| *p)).count(pages.len() as i32);
    for ((page_id, content_id), ops) in page_ids.iter().zip(pages) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).parent(page_tree).contents(*content_id);
        page.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
        page.finish();
        let compressed = compress_to_vec_zlib(&content_of(ops), 6);
        pdf.stream(*content_id, &compressed).filter(Filter::FlateDecode);
    }
    pdf.document_info(info).title(TextStr(title)).producer(TextStr("SXSH self-assessment widget"));
    pdf.finish()
}
