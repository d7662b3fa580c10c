//! Dates as people read them: dd/mm/yyyy, and HH:MM where a time is shown, for the screen, the
//! PDF and the service's pages. What is stored and exported (the files, CSV, JSON, the database)
//! stays ISO 8601; only text a person reads goes through `day` and `day_time`.
//!
//! A timestamp is shown in Vietnam's time, UTC+7 all year, whatever its offset: the Department,
//! its staff and the enterprises are there, and a request stamped `2026-11-30T20:00:00Z` arrived
//! on 01/12/2026 at 03:00 in Huế. A date alone, or a time without an offset, is taken as already
//! local. Total: text that is not such a date or timestamp comes back unchanged, so a person still
//! sees what was stored. Pure: no clock, no time-zone database.

/// Vietnam's offset from UTC in minutes (UTC+7, no daylight saving).
pub const VIETNAM_OFFSET_MINUTES: i64 = 7 * 60;

const MINUTES_PER_DAY: i64 = 24 * 60;

/// A calendar day in Vietnam and, for a timestamp, the minute of that day.
struct Moment {
    year: i64,
    month: i64,
    day: i64,
    minute: Option<i64>,
}

/// The day a date or timestamp falls on in Vietnam, as dd/mm/yyyy: `2026-12-01` and
/// `2026-11-30T20:00:00Z` both read `01/12/2026`. Anything else comes back unchanged.
pub fn day(text: &str) -> String {
    parse(text).map_or_else(|| text.to_owned(), |m| day_of(&m))
}

/// A timestamp in Vietnam's time as dd/mm/yyyy HH:MM (`2026-11-30T20:00:00Z` reads
/// `01/12/2026 03:00`); a date alone as dd/mm/yyyy. Anything else comes back unchanged.
pub fn day_time(text: &str) -> String {
    match parse(text) {
        Some(m @ Moment { minute: Some(minute), .. }) => {
            format!("{} {:02}:{:02}", day_of(&m), minute / 60, minute % 60)
        }
        Some(m) => day_of(&m),
        None => text.to_owned(),
    }
}

/// The day a date or timestamp falls on in Vietnam, kept ISO (`2026-11-30T20:00:00Z` gives
/// `2026-12-01`), for what stays machine-readable: the report's date, file names. Anything else
/// comes back unchanged.
pub fn iso_day(text: &str) -> String {
    parse(text)
        .map_or_else(|| text.to_owned(), |m| format!("{:04}-{:02}-{:02}", m.year, m.month, m.day))
}

/// dd/mm/yyyy.
fn day_of(m: &Moment) -> String {
    format!("{:02}/{:02}/{:04}", m.day, m.month, m.year)
}

/// A date exactly as the content writes it, `YYYY-MM-DD`, naming a real day of the calendar, as
/// the comparable number `YYYYMMDD`; `None` for anything else (a time, spaces, another form).
pub fn calendar_day(text: &str) -> Option<i64> {
    let mut rest = text.as_bytes();
    let (year, month, day) = date_part(&mut rest)?;
    rest.is_empty().then_some(year * 10_000 + month * 100 + day)
}

/// A UTC timestamp as the widget's clock (JavaScript's `toISOString`) and the service write one:
/// `YYYY-MM-DDTHH:MM:SS`, a fraction of a second or none (one to nine digits after a `.`), then
/// `Z` (RFC 3339 in UTC, upper case; a leap second, `:60`, is well formed). Its whole seconds
/// since 1970-01-01T00:00:00Z; `None` for anything else: another offset, a missing part,
/// spaces, an impossible day or time.
pub fn utc_timestamp(text: &str) -> Option<i64> {
    let mut rest = text.as_bytes();
    let (year, month, day) = date_part(&mut rest)?;
    skip(&mut rest, b"T")?;
    let hour = number(take(&mut rest, 2)?)?;
    skip(&mut rest, b":")?;
    let minute = number(take(&mut rest, 2)?)?;
    skip(&mut rest, b":")?;
    let second = number(take(&mut rest, 2)?)?;
    if skip(&mut rest, b".").is_some() {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        rest = &rest[digits..];
    }
    (rest == b"Z" && hour <= 23 && minute <= 59 && second <= 60).then(|| {
        days_from_civil(year, month, day) * MINUTES_PER_DAY * 60
            + hour * 3_600
            + minute * 60
            + second
    })
}

/// `YYYY-MM-DD` at the start of `rest`, a real day of the calendar, moving past it.
fn date_part(rest: &mut &[u8]) -> Option<(i64, i64, i64)> {
    let year = number(take(rest, 4)?)?;
    skip(rest, b"-")?;
    let month = number(take(rest, 2)?)?;
    skip(rest, b"-")?;
    let day = number(take(rest, 2)?)?;
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
        .then_some((year, month, day))
}

/// Reads `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` and `Z` or `±HH:MM` (RFC 3339;
/// a space or a lower-case `t`/`z` is accepted too), and moves a timestamp with an offset into
/// Vietnam's time. `None` for anything else, including impossible days and times.
fn parse(text: &str) -> Option<Moment> {
    let mut rest = text.trim().as_bytes();
    let (year, month, day) = date_part(&mut rest)?;
    if rest.is_empty() {
        return Some(Moment { year, month, day, minute: None });
    }
    skip(&mut rest, b"Tt ")?;
    let hour = number(take(&mut rest, 2)?)?;
    skip(&mut rest, b":")?;
    let minute = number(take(&mut rest, 2)?)?;
    if skip(&mut rest, b":").is_some() {
        // Seconds (60 is a leap second) and any fraction of one only have to be well formed.
        if number(take(&mut rest, 2)?)? > 60 {
            return None;
        }
        if skip(&mut rest, b".,").is_some() {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            rest = &rest[digits..];
        }
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let offset = match rest {
        [] => VIETNAM_OFFSET_MINUTES,
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h @ .., b':', m1, m2] if h.len() == 2 => {
            let (hours, minutes) = (number(h)?, number(&[*m1, *m2])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let minutes = hours * 60 + minutes;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let local = days_from_civil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute;
    let vietnam = local - offset + VIETNAM_OFFSET_MINUTES;
    let (year, month, day) = civil_from_days(vietnam.div_euclid(MINUTES_PER_DAY));
    (0..=9999).contains(&year).then_some(Moment {
        year,
        month,
        day,
        minute: Some(vietnam.rem_euclid(MINUTES_PER_DAY)),
    })
}

/// The first `n` bytes of `rest`, moving past them.
fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, tail) = rest.split_at_checked(n)?;
    *rest = tail;
    Some(head)
}

/// Moves past one byte if it is one of `any`.
fn skip(rest: &mut &[u8], any: &[u8]) -> Option<()> {
    let (first, tail) = rest.split_first()?;
    if !any.contains(first) {
        return None;
    }
    *rest = tail;
    Some(())
}

/// A run of ASCII digits (at most four are ever read) as a number; `None` if anything else.
fn number(digits: &[u8]) -> Option<i64> {
    (!digits.is_empty() && digits.iter().all(u8::is_ascii_digit))
        .then(|| digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_date_is_a_real_day_written_yyyy_mm_dd() {
        for (text, day) in [
            ("2026-12-31", Some(20_261_231)),
            ("2026-01-01", Some(20_260_101)),
            ("2024-02-29", Some(20_240_229)),
            ("2000-02-29", Some(20_000_229)),
            ("2026-04-30", Some(20_260_430)),
            ("2026-02-28", Some(20_260_228)),
            ("2023-02-29", None),
            ("1900-02-29", None),
            ("2026-04-31", None),
            ("2026-06-31", None),
            ("2026-09-31", None),
            ("2026-11-31", None),
            ("2026-01-32", None),
            ("2026-13-01", None),
            ("2026-00-10", None),
            ("2026-01-00", None),
            ("2026/01/01", None),
            ("2026-01/01", None),
            ("2026-1-01", None),
            ("20260101", None),
            ("2026-01-01T00:00", None),
            ("+026-01-01", None),
            ("2026-0a-01", None),
            ("", None),
        ] {
            assert_eq!(calendar_day(text), day, "{text}");
        }
    }

    #[test]
    fn a_utc_timestamp_is_read_exactly_as_the_clocks_write_it() {
        for (text, seconds) in [
            ("1970-01-01T00:00:00Z", 0),
            ("1970-01-01T00:00:01Z", 1),
            ("1970-01-01T00:01:00Z", 60),
            ("1970-01-01T01:00:00Z", 3_600),
            ("1970-01-02T00:00:00Z", 86_400),
            ("2026-11-28T08:00:00Z", 1_795_852_800),
            ("2026-11-28T08:00:00.000Z", 1_795_852_800),
            ("2026-11-28T08:00:00.1Z", 1_795_852_800),
            ("2026-11-28T08:00:00.123456789Z", 1_795_852_800),
            ("2026-11-28T23:59:59Z", 1_795_910_399),
            ("2016-12-31T23:59:60Z", 1_483_228_800),
            ("2024-02-29T12:30:45Z", 1_709_209_845),
            ("1969-12-31T23:59:59Z", -1),
        ] {
            assert_eq!(utc_timestamp(text), Some(seconds), "{text}");
        }
        for text in [
            "",
            "not a date",
            "2026-11-28",
            "2026-11-28T08:00Z",
            "2026-11-28T08:00:00",
            "2026-11-28T08:00:00+00:00",
            "2026-11-28T08:00:00+07:00",
            "2026-11-28T08:00:00z",
            "2026-11-28t08:00:00Z",
            "2026-11-28 08:00:00Z",
            " 2026-11-28T08:00:00Z",
            "2026-11-28T08:00:00Z ",
            "2026-11-28T08:00:00ZZ",
            "2026-11-28T08:00:00.Z",
            "2026-11-28T08:00:00.1234567890Z",
            "2026-11-28T08:00:00,5Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T08:60:00Z",
            "2026-11-28T08:00:61Z",
            "2026-11-28T8:00:00Z",
            "2026-02-29T08:00:00Z",
            "2026-13-01T08:00:00Z",
            "+2026-11-28T08:00:00Z",
            "2026-11-28T08:00:00.000Z\u{202E}",
        ] {
            assert_eq!(utc_timestamp(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_date_reads_day_month_year() {
        assert_eq!(day("2026-12-01"), "01/12/2026");
        assert_eq!(day_time("2026-12-01"), "01/12/2026");
        assert_eq!(day("2024-02-29"), "29/02/2024");
        assert_eq!(iso_day("2026-12-01"), "2026-12-01");
    }

    #[test]
    fn a_timestamp_shows_the_day_and_time_in_vietnam() {
        // The widget's clock (JavaScript's toISOString) and the service's both write UTC.
        assert_eq!(day_time("2026-11-28T08:00:00.000Z"), "28/11/2026 15:00");
        assert_eq!(day_time("2026-11-28T08:00:03Z"), "28/11/2026 15:00");
        assert_eq!(day("2026-11-30T16:59:59.999Z"), "30/11/2026");
        assert_eq!(day("2026-11-30T17:00:00Z"), "01/12/2026");
        assert_eq!(day_time("2026-11-30T20:00:00Z"), "01/12/2026 03:00");
        assert_eq!(iso_day("2026-11-30T20:00:00Z"), "2026-12-01");
        // Other offsets, a space for the T, lower case, minutes only.
        assert_eq!(day_time("2026-12-01T09:30:00+07:00"), "01/12/2026 09:30");
        assert_eq!(day_time("2026-11-30 22:15-05:00"), "01/12/2026 10:15");
        assert_eq!(day_time("2026-12-01t00:30z"), "01/12/2026 07:30");
        assert_eq!(day_time("2026-12-01T06:00:00+13:45"), "30/11/2026 23:15");
        // Without an offset the time is taken as Vietnam's already.
        assert_eq!(day_time("2026-12-01T23:59"), "01/12/2026 23:59");
        assert_eq!(day_time(" 2026-12-01T23:59:60 "), "01/12/2026 23:59");
    }

    #[test]
    fn the_day_crosses_months_years_and_leap_days() {
        assert_eq!(day("2024-02-28T17:00:00Z"), "29/02/2024");
        assert_eq!(day("2023-02-28T17:00:00Z"), "01/03/2023");
        assert_eq!(day("2100-02-28T17:00:00Z"), "01/03/2100");
        assert_eq!(day("2000-02-28T17:00:00Z"), "29/02/2000");
        assert_eq!(day_time("2025-12-31T17:00:00Z"), "01/01/2026 00:00");
        assert_eq!(day_time("2026-01-01T05:00:00+14:00"), "31/12/2025 22:00");
    }

    #[test]
    fn anything_else_comes_back_unchanged() {
        for text in [
            "",
            "x",
            "t",
            "2026",
            "2026-12",
            "2026-12-1",
            "26-12-01",
            "01/12/2026",
            "2026/12/01",
            "2026-13-01",
            "2026-00-10",
            "2026-02-29",
            "2026-04-31",
            "2026-12-00",
            "+202-12-01",
            "2026-1a-01",
            "２０２６-12-01",
            "2026-12-01T",
            "2026-12-01T10",
            "2026-12-01T24:00Z",
            "2026-12-01T10:60Z",
            "2026-12-01T10:00:61Z",
            "2026-12-01T10:00:00.Z",
            "2026-12-01T10:00:00+0700",
            "2026-12-01T10:00:00+7:00",
            "2026-12-01T10:00:00+24:00",
            "2026-12-01T10:00:00+07:60",
            "2026-12-01T10:00:00ZZ",
            "2026-12-01T10:00:00Zé",
            "2026-12-01 garbage",
            "2026-12-01x",
            "+275760-09-13T00:00:00.000Z",
            "9999-12-31T23:00:00Z",
            "0000-01-01T00:00:00+08:00",
        ] {
            assert_eq!(day(text), text, "{text:?}");
            assert_eq!(day_time(text), text, "{text:?}");
            assert_eq!(iso_day(text), text, "{text:?}");
        }
        assert_eq!(day("9999-12-31T16:59:59Z"), "31/12/9999");
        assert_eq!(day("0000-01-01T00:00:00Z"), "01/01/0000");
    }

    #[test]
    fn every_cut_and_change_of_a_timestamp_is_read_or_returned_whole() {
        let full = "2026-11-30T20:00:00.123+07:00";
        let mut texts: Vec<String> = (0..=full.len()).map(|n| full[..n].to_owned()).collect();
        for i in 0..full.len() {
            for c in ['0', '9', '-', ':', 'T', 'Z', '+', '.', ' ', 'é'] {
                let mut text = full.to_owned();
                text.replace_range(i..=i, &c.to_string());
                texts.push(text);
            }
        }
        for text in texts {
            let shown = day_time(&text);
            let read = shown != text;
            assert!(!read || shown.len() == 10 || shown.len() == 16, "{text:?} → {shown:?}");
            assert_eq!(day(&text) != text, read, "{text:?}");
        }
    }

    #[test]
    fn the_calendar_arithmetic_round_trips_across_four_centuries() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2026, 12, 1), 20_788);
        let mut expected = (1900, 1, 1);
        for days in days_from_civil(1900, 1, 1)..days_from_civil(2301, 1, 1) {
            assert_eq!(civil_from_days(days), expected);
            assert_eq!(days_from_civil(expected.0, expected.1, expected.2), days);
            let (year, month, day) = expected;
            expected = if day < days_in_month(year, month) {
                (year, month, day + 1)
            } else if month < 12 {
                (year, month + 1, 1)
            } else {
                (year + 1, 1, 1)
            };
        }
    }
}
