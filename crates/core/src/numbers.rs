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
    let value = decimal_value(groups.iter().copied(), fraction.unwrap_or_default());
    if value > MAX {
        return Err(NumberError::TooLarge);
    }
    Ok(Some(value))
}

/// The value of a decimal number given as its whole-part digits (in groups) and its fraction
/// digits, all ASCII digits. Its significant digits (up to 19) make an integer, which one
/// division by a power of ten turns into the value: exact division of exact operands, so the
/// result is the correctly rounded value whenever that integer is below 2⁵³ (every number of up
/// to 15 significant digits) and there are at most 22 fraction digits; otherwise it is within a
/// unit in the last place (longer fractions keep their first 19 digits). Hand-written rather than `str::parse`,
/// whose tables cost the browser's first download more than this whole module.
fn decimal_value<'a>(whole: impl Iterator<Item = &'a str>, fraction: &str) -> f64 {
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut scale = 0i32;
    let mut push = |digit: u8, in_fraction: bool| {
        if mantissa == 0 && digit == b'0' && !in_fraction {
            return;
        }
        if digits < 19 {
            mantissa = mantissa * 10 + u64::from(digit - b'0');
            digits += u32::from(mantissa > 0);
            scale -= i32::from(in_fraction);
        } else if !in_fraction {
            scale += 1;
        }
    };
    whole.flat_map(str::bytes).for_each(|d| push(d, false));
    fraction.bytes().for_each(|d| push(d, true));
    // Powers of ten up to 10²² are exact in f64; beyond, the steps round (only for values far
    // outside what is accepted).
    let (mut value, mut left) = (mantissa as f64, scale);
    while left != 0 {
        let step = left.clamp(-22, 22);
        let power = (0..step.unsigned_abs()).fold(1.0_f64, |p, _| p * 10.0);
        value = if step < 0 { value / power } else { value * power };
        left -= step;
    }
    value
}

/// Formats a number for `lang` with thousands separators and at most `decimals` decimals
/// (trailing zeros dropped).
pub fn format(value: f64, lang: Lang, decimals: usize) -> String {
    let (group, decimal) = marks(lang);
    let negative = value < 0.0;
    let (whole, fraction) = fixed_digits(value.abs(), decimals);
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

/// The digits of `value` (zero or more) rounded to `decimals` places (at most 9), before and after
/// the decimal mark, as `format!("{:.*}")` gives them: the value times 10^decimals, rounded half to
/// even, computed exactly in integers from the value's binary form m·2^e (m < 2⁵³, and 10⁹ < 2³⁰,
/// so m·10^decimals fits in 128 bits). A value that is not finite shows as 0, one of 2¹²⁸ or
/// more as 2¹²⁸ − 1. Hand-written
/// because the standard formatter's exact-decimal machinery costs the browser's first question
/// more than this whole module.
fn fixed_digits(value: f64, decimals: usize) -> (String, String) {
    let decimals = decimals.min(9);
    let scale = 10u128.pow(decimals as u32);
    let bits = if value.is_finite() { value.to_bits() } else { 0 };
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    let (mantissa, power) =
        if exponent == 0 { (fraction, -1074) } else { (fraction | 1 << 52, exponent - 1075) };
    let product = mantissa * scale;
    let scaled = if power >= 0 {
        // A whole number: exact while it fits in 128 bits (far beyond any figure shown), else
        // the largest that does.
        if power as u32 <= product.leading_zeros() { product << power } else { u128::MAX }
    } else if power <= -127 {
        // Far below one unit of the last place shown (the product is under 2⁸³).
        0
    } else {
        let shift = (-power) as u32;
        let below = product >> shift;
        let rest = product & ((1 << shift) - 1);
        let half = 1 << (shift - 1);
        match rest.cmp(&half) {
            std::cmp::Ordering::Less => below,
            std::cmp::Ordering::Greater => below + 1,
            std::cmp::Ordering::Equal => below + (below & 1),
        }
    };
    let fraction = format!("{:0decimals$}", scaled % scale);
    ((scaled / scale).to_string(), if decimals == 0 { String::new() } else { fraction })
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

    /// A fixed pseudo-random sequence (xorshift64), so that the sampled cases are the same on
    /// every run.
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

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

    #[test]
    fn typed_numbers_read_exactly_as_the_standard_parser_reads_them() {
        // Every value with up to 16 significant digits and up to 6 decimals, sampled by a fixed
        // generator, and the awkward ones by hand: the hand-written reader is bit-for-bit equal.
        let mut next = xorshift(0x2545_f491_4f6c_dd1d_u64);
        let mut cases: Vec<(String, String)> =
            ["0,1", "0,3", "0,000001", "1,005", "0,285", "123456789012345,6"]
                .iter()
                .map(|v| (v.to_string(), v.replace(',', ".")))
                .collect();
        for _ in 0..20_000 {
            let whole = next() % 10u64.pow((next() % 16) as u32 + 1);
            let places = (next() % 7) as usize;
            let fraction = next() % 10u64.pow(places as u32);
            let (vi, plain) = if places == 0 {
                (whole.to_string(), whole.to_string())
            } else {
                (format!("{whole},{fraction:0places$}"), format!("{whole}.{fraction:0places$}"))
            };
            cases.push((vi, plain));
        }
        let mut exact = 0;
        for (typed, plain) in cases {
            let expected: f64 = plain.parse().expect("a plain decimal");
            let got = parse(&typed, Lang::Vi);
            let significant = plain.trim_start_matches(['0', '.']).replace('.', "").len();
            if expected > MAX {
                assert_eq!(got, Err(NumberError::TooLarge), "{typed}");
            } else if significant <= 15 {
                // Below 2⁵³: one exact division, so the correctly rounded value.
                let bits = got.map(|v| v.map(f64::to_bits));
                assert_eq!(bits, Ok(Some(expected.to_bits())), "{typed}");
                exact += 1;
            } else {
                let bits = got.ok().flatten().unwrap_or_default().to_bits();
                assert!(bits.abs_diff(expected.to_bits()) <= 1, "{typed}: more than one ulp off");
            }
        }
        assert!(exact > 10_000, "the sample has {exact} numbers of up to 15 digits");
        // Beyond 19 significant digits the first ones count, within one unit in the last place.
        let long = parse("0,12345678901234567890123", Lang::Vi).ok().flatten().unwrap_or_default();
        assert!((long - 0.123_456_789_012_345_68).abs() <= f64::EPSILON * 0.2, "{long}");
        let tiny = parse("0,0000000000000000000000000001", Lang::Vi).ok().flatten();
        assert!(tiny.is_some_and(|v| v.to_bits().abs_diff(1e-28_f64.to_bits()) <= 1), "{tiny:?}");
    }

    #[test]
    fn formatting_agrees_with_the_standard_formatter() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let mut differ = Vec::new();
        for i in 0..50_000 {
            // Magnitudes from 10⁻⁴ to 10¹⁵, and exact ties such as 0.125 and 2.5.
            let value = if i % 10 == 0 {
                (next() % 100_000) as f64 / 8.0
            } else {
                (next() % 1_000_000_000) as f64 * 10f64.powi((next() % 20) as i32 - 10)
            };
            let decimals = (next() % 5) as usize;
            let standard = format!("{value:.decimals$}");
            let (whole, fraction) = fixed_digits(value, decimals);
            let ours = if fraction.is_empty() { whole } else { format!("{whole}.{fraction}") };
            if ours != standard && value <= MAX {
                differ.push((value, decimals, ours, standard));
            }
        }
        assert!(differ.is_empty(), "{} differ, e.g. {:?}", differ.len(), differ.first());
        assert_eq!(format(0.125, Lang::En, 2), "0.12");
        assert_eq!(format(2.5, Lang::En, 0), "2");
        assert_eq!(format(3.5, Lang::Vi, 0), "4");
        assert_eq!(format(1e15, Lang::Vi, 0), "1.000.000.000.000.000");
        assert_eq!(format(0.000_04, Lang::En, 4), "0");
        assert_eq!(format(12.345_67, Lang::Vi, 9), "12,34567");
    }

    #[test]
    fn numbers_far_beyond_what_is_accepted_are_still_read_and_written_exactly() {
        // More than 19 whole digits: the first 19 count, times the power of ten of the rest.
        for digits in [20, 25, 30, 40] {
            let typed = format!("1{}", "0".repeat(digits - 1));
            let whole = ["1234567890123456789", &"0".repeat(digits - 19)].concat();
            assert_eq!(
                decimal_value(std::iter::once(typed.as_str()), ""),
                typed.parse::<f64>().unwrap_or_default()
            );
            // Past 2⁵³ the 19 digits round once as an integer: within one unit in the last place.
            let read = decimal_value(std::iter::once(whole.as_str()), "").to_bits();
            let exact = whole.parse::<f64>().unwrap_or_default().to_bits();
            assert!(read.abs_diff(exact) <= 1, "{whole}");
            assert_eq!(parse(&typed, Lang::En), Err(NumberError::TooLarge), "{typed}");
        }
        // Whole numbers past 2⁵³, exact up to 2¹²⁸ − 1, the largest after that.
        for power in [53, 60, 100, 127] {
            let value = 2f64.powi(power);
            assert_eq!(fixed_digits(value, 0).0, format!("{value:.0}"), "2^{power}");
        }
        // With decimals too, while the scaled value fits.
        let value = 1.5 * 2f64.powi(100);
        assert_eq!(fixed_digits(value, 2), (format!("{value:.0}"), "00".to_owned()));
        assert_eq!(fixed_digits(2f64.powi(128), 0).0, u128::MAX.to_string());
        assert_eq!(fixed_digits(f64::INFINITY, 1), ("0".to_owned(), "0".to_owned()));
    }
}
