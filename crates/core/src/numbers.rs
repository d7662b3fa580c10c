//! Numbers the Vietnamese way and the English way: parsing what people type, and formatting.
//!
//! Vietnamese writes `1.234.567` and `1.234,5`; English writes `1,234,567.5`. A separator that
//! does not fit the language's grouping (such as `1.5` in Vietnamese) is refused with a message
//! that says why, never guessed. Spaces between digit groups are accepted. Pure.

use crate::i18n::Lang;

/// Why typed text is not a number we accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Something other than digits, separators and spaces.
    NotANumber,
    /// Thousands separators not in groups of three, or a second decimal mark.
    Ambiguous,
    /// A minus sign: every quantity here is zero or more.
    Negative,
    /// More than a thousand trillion: surely a typing slip.
    TooLarge,
}

/// The largest number accepted (10¹⁵).
pub const MAX: f64 = 1e15;

fn marks(lang: Lang) -> (char, char) {
    match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// Parses a number typed in `lang`. Empty text is `Ok(None)`.
pub fn parse(text: &str, lang: Lang) -> Result<Option<f64>, NumberError> {
    let compact: String =
        text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')).collect();
    if compact.is_empty() {
        return Ok(None);
    }
    if compact.starts_with('-') || compact.starts_with('\u{2212}') {
        return Err(NumberError::Negative);
    }
    let (group, decimal) = marks(lang);
    if compact.chars().any(|c| !(c.is_ascii_digit() || c == group || c == decimal)) {
        return Err(NumberError::NotANumber);
    }
    let mut parts = compact.split(decimal);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    if parts.next().is_some() || fraction.is_some_and(|f| f.is_empty() || f.contains(group)) {
        return Err(NumberError::Ambiguous);
    }
    let groups: Vec<&str> = whole.split(group).collect();
    let grouped_well = groups.len() == 1
        || (matches!(groups[0].len(), 1..=3) && groups[1..].iter().all(|g| g.len() == 3));
    if whole.is_empty() || !grouped_well {
        return Err(if whole.is_empty() {
            NumberError::NotANumber
        } else {
            NumberError::Ambiguous
        });
    }
    let plain = format!("{}.{}", groups.concat(), fraction.unwrap_or("0"));
    let value: f64 = plain.parse().map_err(|_| NumberError::NotANumber)?;
    if value > MAX {
        return Err(NumberError::TooLarge);
    }
    Ok(Some(value))
}

/// Formats a number for `lang` with thousands separators and at most `decimals` decimals
/// (trailing zeros dropped).
pub fn format(value: f64, lang: Lang, decimals: usize) -> String {
    let (group, decimal) = marks(lang);
    let negative = value < 0.0;
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    if negative && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// Formats a sum of money in VND, rounded to the nearest thousand when large.
pub fn format_vnd(value: f64, lang: Lang) -> String {
    let rounded =
        if value.abs() >= 100_000.0 { (value / 1000.0).round() * 1000.0 } else { value.round() };
    format!("{} ₫", format(rounded, lang, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers_use_dots_for_thousands_and_a_comma_for_decimals() {
        assert_eq!(parse("1.234.567", Lang::Vi), Ok(Some(1_234_567.0)));
        assert_eq!(parse("1.234,5", Lang::Vi), Ok(Some(1234.5)));
        assert_eq!(parse("0,95", Lang::Vi), Ok(Some(0.95)));
        assert_eq!(parse(" 2 000 000 ", Lang::Vi), Ok(Some(2_000_000.0)));
        assert_eq!(parse("1234", Lang::Vi), Ok(Some(1234.0)));
    }

    #[test]
    fn english_numbers_use_commas_for_thousands_and_a_dot_for_decimals() {
        assert_eq!(parse("1,234,567.5", Lang::En), Ok(Some(1_234_567.5)));
        assert_eq!(parse("0.95", Lang::En), Ok(Some(0.95)));
    }

    #[test]
    fn ambiguous_or_invalid_entries_are_refused_not_guessed() {
        assert_eq!(parse("1.5", Lang::Vi), Err(NumberError::Ambiguous));
        assert_eq!(parse("1,5", Lang::En), Err(NumberError::Ambiguous));
        assert_eq!(parse("1.23.456", Lang::Vi), Err(NumberError::Ambiguous));
        assert_eq!(parse("1,2,3", Lang::Vi), Err(NumberError::Ambiguous));
        assert_eq!(parse("1,", Lang::Vi), Err(NumberError::Ambiguous));
        assert_eq!(parse("12a", Lang::Vi), Err(NumberError::NotANumber));
        assert_eq!(parse(",5", Lang::Vi), Err(NumberError::NotANumber));
        assert_eq!(parse("-3", Lang::En), Err(NumberError::Negative));
        assert_eq!(parse("9.999.999.999.999.999", Lang::Vi), Err(NumberError::TooLarge));
        assert_eq!(parse("", Lang::Vi), Ok(None));
    }

    #[test]
    fn formatting_groups_thousands_per_language() {
        assert_eq!(format(1_234_567.5, Lang::Vi, 1), "1.234.567,5");
        assert_eq!(format(1_234_567.5, Lang::En, 1), "1,234,567.5");
        assert_eq!(format(999.0, Lang::Vi, 0), "999");
        assert_eq!(format(0.9, Lang::Vi, 2), "0,9");
        assert_eq!(format(-0.0001, Lang::En, 1), "0");
        assert_eq!(format_vnd(62_730_456.0, Lang::Vi), "62.730.000 ₫");
    }

    #[test]
    fn formatted_numbers_parse_back() {
        for value in [0.0, 7.0, 1234.5, 1_000_000.0, 98_765_432.25] {
            for lang in [Lang::Vi, Lang::En] {
                assert_eq!(
                    parse(&format(value, lang, 2), lang),
                    Ok(Some(value)),
                    "{value} {lang:?}"
                );
            }
        }
    }
}
