//! Free text: what every text field of the profile and the request takes, in one place. The
//! widget's inputs carry each field's limit as `maxlength`, and `request::validate` (the
//! widget's check before sending and the intake service's on receipt) holds every field of a
//! request to it, naming the field, the limit and what was found.
//!
//! | Rule           | Longest     | Lines   | Fields                                              |
//! |----------------|-------------|---------|-----------------------------------------------------|
//! | `NAME`         | 200         | one     | the company, the contact's name and position        |
//! | `SHORT`        | 200         | one     | ward, products, output unit, raw materials, period, |
//! |                |             |         | an opportunity's title (rapid assessment)           |
//! | `PHONE`        | 40          | one     | the contact's phone                                 |
//! | `EMAIL`        | 254         | one     | the contact's e-mail (RFC 5321's longest address)   |
//! | `TAX_CODE`     | 20          | one     | the enterprise's tax code (14 at most, and spaces)  |
//! | `PASSAGE`      | 2,000       | several | notes, equipment, working schedule; the rapid       |
//! |                |             |         | assessment's team, areas, evidence, next steps      |
//! | `TYPED_NUMBER` | 40          | one     | text typed into a number field (`Draft::typed`)     |
//! | `UNIT`         | 40          | one     | a unit in the rapid assessment (kWh, m³, tấn)       |
//!
//! Lengths are counted in characters (Unicode scalar values). A browser's `maxlength` counts
//! UTF-16 code units, never fewer, so an input held to the same number never goes over. No field
//! takes a control character (C0, DEL, C1: NUL, escape, ...), a bidirectional control that can
//! make text read in another order than it is stored (U+061C, U+200E, U+200F, U+202A–U+202E,
//! U+2066–U+2069), or a line or paragraph separator (U+2028, U+2029); a field of several lines
//! takes line feeds, CR LF and tabs. Pure.

use crate::i18n::{Lang, Text, fill};
use crate::numbers;

/// Whether a field is one line or may have several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    One,
    /// Line feeds, CR LF and tabs are taken.
    Several,
}

/// What a text field takes: at most `max_chars` characters, on one line or several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub max_chars: usize,
    pub lines: Lines,
}

/// A company's or a person's name, a position.
pub const NAME: Rule = Rule { max_chars: 200, lines: Lines::One };
/// A short answer on one line: ward, products, output unit, raw materials, preferred period.
pub const SHORT: Rule = Rule { max_chars: 200, lines: Lines::One };
/// A phone number (8 to 15 digits, with spaces, `+`, `-`, `.` and brackets).
pub const PHONE: Rule = Rule { max_chars: 40, lines: Lines::One };
/// An e-mail address: RFC 5321's longest forward path less its angle brackets.
pub const EMAIL: Rule = Rule { max_chars: 254, lines: Lines::One };
/// The enterprise's tax code: 14 characters at most (`3300100001-001`), with room for spaces
/// around it; `request::is_tax_code` says which texts are codes.
pub const TAX_CODE: Rule = Rule { max_chars: 20, lines: Lines::One };
/// A passage of several lines: notes for the assessor, the equipment, the working schedule.
pub const PASSAGE: Rule = Rule { max_chars: 2_000, lines: Lines::Several };
/// Text typed into a number field, kept as typed until it is a number.
pub const TYPED_NUMBER: Rule = Rule { max_chars: 40, lines: Lines::One };
/// A unit of measure in the rapid-assessment record (a baseline line's, a saving's).
pub const UNIT: Rule = Rule { max_chars: 40, lines: Lines::One };

/// What is wrong with a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Longer than the rule takes: `chars` characters for at most `max_chars`.
    TooLong { max_chars: usize, chars: usize },
    /// A control character (C0, DEL, C1, a line or paragraph separator in a field of several
    /// lines, a carriage return not before a line feed).
    Control(char),
    /// A bidirectional control.
    Bidi(char),
    /// A line break in a one-line field.
    LineBreak(char),
}

/// Whether `c` is a bidirectional control: the Arabic letter mark, the left-to-right and
/// right-to-left marks, the embeddings, overrides and isolates and their ends.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What is wrong with `c` (followed by `next`) in a field of these `lines`, if anything.
fn character_problem(c: char, next: Option<char>, lines: Lines) -> Option<Problem> {
    let several = lines == Lines::Several;
    match c {
        c if is_bidi_control(c) => Some(Problem::Bidi(c)),
        '\n' | '\t' if several => None,
        '\r' if several && next == Some('\n') => None,
        '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}' if !several => {
            Some(Problem::LineBreak(c))
        }
        c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => Some(Problem::Control(c)),
        _ => None,
    }
}

/// What is wrong with `text` under `rule`: its first forbidden character, else its length; `None`
/// when the field takes it. One pass over the text.
pub fn check(rule: Rule, text: &str) -> Option<Problem> {
    let mut chars = 0;
    let mut rest = text.chars().peekable();
    while let Some(c) = rest.next() {
        if let Some(problem) = character_problem(c, rest.peek().copied(), rule.lines) {
            return Some(problem);
        }
        chars += 1;
    }
    (chars > rule.max_chars).then_some(Problem::TooLong { max_chars: rule.max_chars, chars })
}

impl Problem {
    /// The message for the field labelled `label` (its label as the form shows it), in `lang`.
    pub fn message(self, label: &str, lang: Lang) -> String {
        let count = |n: usize| numbers::format(n as f64, lang, 0);
        let code = |c: char| format!("U+{:04X}", u32::from(c));
        let (template, values) = match self {
            Problem::TooLong { max_chars, chars } => {
                (Text::ErrorsTooLong, vec![("max", count(max_chars)), ("count", count(chars))])
            }
            Problem::Control(c) => (Text::ErrorsControlCharacter, vec![("code", code(c))]),
            Problem::Bidi(c) => (Text::ErrorsBidiCharacter, vec![("code", code(c))]),
            Problem::LineBreak(c) => (Text::ErrorsLineBreak, vec![("code", code(c))]),
        };
        let mut pairs = vec![("field", label)];
        pairs.extend(values.iter().map(|(key, value)| (*key, value.as_str())));
        fill(lang.text(template), &pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_takes_its_longest_text_and_not_one_character_more() {
        for rule in [NAME, SHORT, PHONE, EMAIL, TAX_CODE, PASSAGE, TYPED_NUMBER, UNIT] {
            let longest = "ệ".repeat(rule.max_chars);
            assert_eq!(check(rule, &longest), None, "{rule:?}");
            let over = format!("{longest}a");
            let chars = rule.max_chars + 1;
            assert_eq!(
                check(rule, &over),
                Some(Problem::TooLong { max_chars: rule.max_chars, chars }),
                "{rule:?}"
            );
        }
        assert_eq!(check(NAME, ""), None);
        // Characters, not bytes or UTF-16 units: 200 emoji are 800 bytes and 400 units.
        assert_eq!(check(NAME, &"🏭".repeat(200)), None);
    }

    #[test]
    fn the_limits_are_the_ones_documented() {
        let rules = [NAME, SHORT, PHONE, EMAIL, TAX_CODE, PASSAGE, TYPED_NUMBER, UNIT];
        assert_eq!(rules.map(|r| r.max_chars), [200, 200, 40, 254, 20, 2_000, 40, 40]);
        let several = rules.map(|r| r.lines == Lines::Several);
        assert_eq!(several, [false, false, false, false, false, true, false, false]);
    }

    #[test]
    fn bidi_controls_are_refused_in_every_field() {
        let bidi = [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ];
        for rule in [NAME, PASSAGE] {
            for c in bidi {
                assert_eq!(check(rule, &format!("Công ty {c}A")), Some(Problem::Bidi(c)));
            }
        }
        // Their neighbours are ordinary text (the zero-width joiner holds emoji together).
        for c in
            ['\u{061B}', '\u{061D}', '\u{200D}', '\u{2010}', '\u{2029}', '\u{2065}', '\u{206A}']
        {
            assert!(!is_bidi_control(c), "{c:?}");
        }
        assert_eq!(check(NAME, "👩🏽\u{200D}🔧 عربي"), None);
    }

    #[test]
    fn control_characters_are_refused_and_line_breaks_only_where_lines_are_taken() {
        for c in [
            '\0', '\u{1}', '\u{7}', '\u{8}', '\u{B}', '\u{C}', '\u{1B}', '\u{1F}', '\u{7F}',
            '\u{80}', '\u{9F}',
        ] {
            assert_eq!(check(NAME, &format!("a{c}b")), Some(Problem::Control(c)), "{c:?}");
            assert_eq!(check(PASSAGE, &format!("a{c}b")), Some(Problem::Control(c)), "{c:?}");
        }
        for c in ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'] {
            assert_eq!(check(NAME, &format!("a{c}b")), Some(Problem::LineBreak(c)), "{c:?}");
        }
        assert_eq!(check(SHORT, "a\tb"), Some(Problem::Control('\t')));
        assert_eq!(check(SHORT, "a\r\nb"), Some(Problem::LineBreak('\r')));
        // Several lines: line feeds, CR LF and tabs, but no lone CR or Unicode separators.
        assert_eq!(check(PASSAGE, "Lò hơi 4 t/h\r\n2 máy nén\t37 kW\n"), None);
        assert_eq!(check(PASSAGE, "a\rb"), Some(Problem::Control('\r')));
        assert_eq!(check(PASSAGE, "a\r"), Some(Problem::Control('\r')));
        assert_eq!(check(PASSAGE, "a\u{2028}b"), Some(Problem::Control('\u{2028}')));
        assert_eq!(check(PASSAGE, "a\u{2029}b"), Some(Problem::Control('\u{2029}')));
        assert_eq!(check(PASSAGE, "a\u{85}b"), Some(Problem::Control('\u{85}')));
        // The first thing found is named, a character before the length.
        let long_and_hostile = format!("{}\u{202E}\0", "a".repeat(5_000));
        assert_eq!(check(PASSAGE, &long_and_hostile), Some(Problem::Bidi('\u{202E}')));
        assert_eq!(check(PASSAGE, "\0\u{202E}"), Some(Problem::Control('\0')));
    }

    #[test]
    fn each_message_names_the_field_the_limit_and_what_was_found() {
        let too_long = Problem::TooLong { max_chars: 2_000, chars: 100_000 };
        assert_eq!(
            too_long.message("Ghi chú cho chuyên gia", Lang::Vi),
            "Ghi chú cho chuyên gia quá dài: tối đa 2.000 ký tự (hiện có 100.000 ký tự)"
        );
        assert_eq!(
            too_long.message("Notes for the assessor", Lang::En),
            "Notes for the assessor is too long: 2,000 characters at most (100,000 now)"
        );
        let cases = [
            (
                Problem::Bidi('\u{202E}'),
                "Tên doanh nghiệp chứa ký tự đảo chiều văn bản không được phép (U+202E); hãy xóa ký tự này",
                "Company name contains a text-direction control that is not allowed (U+202E); remove it",
            ),
            (
                Problem::Control('\0'),
                "Tên doanh nghiệp chứa ký tự điều khiển không được phép (U+0000); hãy xóa ký tự này",
                "Company name contains a control character that is not allowed (U+0000); remove it",
            ),
            (
                Problem::LineBreak('\u{2028}'),
                "Tên doanh nghiệp phải nằm trên một dòng: có ký tự xuống dòng (U+2028)",
                "Company name must be on one line: it contains a line break (U+2028)",
            ),
        ];
        for (problem, vi, en) in cases {
            assert_eq!(problem.message("Tên doanh nghiệp", Lang::Vi), vi);
            assert_eq!(problem.message("Company name", Lang::En), en);
        }
    }
}
