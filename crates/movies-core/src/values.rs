//! Parsing of single field values under SPEC.md's cleaning rules.
//!
//! Every function takes the raw field text and says either what the value is, that it
//! is absent (empty text), or why it is unusable. Whether "unusable" rejects the row or
//! becomes a null plus a warning is the cleaner's decision, not this module's.

use std::fmt;

/// Why a field's text is not a usable value.
pub type Problem = &'static str;

/// A calendar date (proleptic Gregorian), written as ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1..=9999.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, valid for the month and year.
    pub day: u8,
}

impl Date {
    /// A date when the triple is a real calendar day in years 1..=9999.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid =
            (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Writes the date as `YYYY-MM-DD` into a fixed buffer.
    pub fn to_iso(self) -> [u8; 10] {
        let mut out = *b"0000-00-00";
        let digits = |n: u32, dst: &mut [u8]| {
            let mut n = n;
            for slot in dst.iter_mut().rev() {
                *slot = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        digits(u32::from(self.year), &mut out[0..4]);
        digits(u32::from(self.month), &mut out[5..7]);
        digits(u32::from(self.day), &mut out[8..10]);
        out
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let iso = self.to_iso();
        f.write_str(std::str::from_utf8(&iso).map_err(|_| fmt::Error)?)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Trims ASCII and Unicode whitespace; `None` when nothing is left.
pub fn text(raw: &str) -> Option<&str> {
    let t = raw.trim();
    (!t.is_empty()).then_some(t)
}

/// Parses an unsigned decimal integer made of ASCII digits only.
fn digits_u64(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 19 {
        return None;
    }
    let mut v: u64 = 0;
    for &b in s {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v * 10 + u64::from(d);
    }
    Some(v)
}

/// Parses an integer written plainly or as a whole float (`42`, `42.0`, `-3`).
///
/// Spreadsheets and pandas write integer columns as floats, so a zero fraction is
/// accepted; any other fraction, exponent, sign trick or hex is not.
#[inline]
pub fn integer(raw: &[u8]) -> Result<Option<i64>, Problem> {
    if !raw.is_empty() && raw.len() <= 18 {
        let mut v: i64 = 0;
        let mut plain = true;
        for &b in raw {
            let d = b.wrapping_sub(b'0');
            plain &= d <= 9;
            // Wrapping: a non-digit byte can push a discarded `v` past i64::MAX.
            v = v.wrapping_mul(10).wrapping_add(i64::from(d));
        }
        if plain {
            return Ok(Some(v));
        }
    }
    let s = raw.trim_ascii();
    if s.is_empty() {
        return Ok(None);
    }
    let (negative, body) = match s[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let whole = match body.iter().position(|&b| b == b'.') {
        Some(dot) if body[dot + 1..].iter().all(|&b| b == b'0') => &body[..dot],
        Some(_) => return Err("not a whole number"),
        None => body,
    };
    let v = digits_u64(whole).ok_or(if whole.iter().all(u8::is_ascii_digit) && !whole.is_empty() {
        "number out of range"
    } else {
        "not an integer"
    })?;
    let v = i64::try_from(v).map_err(|_| "number out of range")?;
    Ok(Some(if negative { -v } else { v }))
}

/// Parses an id: a positive integer (`id`, `movieId`, `userId`, `tmdbId`).
pub fn positive_id(raw: &[u8]) -> Result<i64, Problem> {
    match integer(raw) {
        Ok(Some(v)) if v > 0 => Ok(v),
        Ok(Some(_)) => Err("id must be a positive integer"),
        Ok(None) => Err("id is empty"),
        Err("number out of range") => Err("id is out of range"),
        Err(_) => Err("id must be a positive integer"),
    }
}

/// Parses a finite decimal float (`3.5`, `3897569.0`, `1e6`).
///
/// Rust's parser also accepts `inf`, `NaN` and `infinity`; those, and values that
/// overflow to infinity (`1e400`), are refused here.
#[inline]
pub fn finite_float(raw: &[u8]) -> Result<Option<f64>, Problem> {
    if let Some(v) = plain_decimal(raw) {
        return Ok(Some(v));
    }
    let s = raw.trim_ascii();
    if s.is_empty() {
        return Ok(None);
    }
    let numeric = s.iter().all(|b| matches!(b, b'0'..=b'9' | b'.' | b'-' | b'+' | b'e' | b'E'));
    if !numeric {
        return Err("not a number");
    }
    let text = std::str::from_utf8(s).map_err(|_| "not a number")?;
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        Ok(_) => Err("number out of range"),
        Err(_) => Err("not a number"),
    }
}

/// Parses `digits[.digits]` exactly when it has at most 15 significant digits and 22
/// decimals: then the integer mantissa and the power of ten are both exact doubles, so
/// one division gives the correctly rounded value (Clinger's fast path).
#[inline]
fn plain_decimal(raw: &[u8]) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
    if raw.is_empty() || raw.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut decimals = None;
    for (i, &b) in raw.iter().enumerate() {
        match b {
            b'0'..=b'9' => mantissa = mantissa * 10 + u64::from(b - b'0'),
            b'.' if decimals.is_none() && i > 0 => decimals = Some(raw.len() - i - 1),
            _ => return None,
        }
    }
    match decimals {
        Some(0) => None,
        Some(d) => Some(mantissa as f64 / POW10[d]),
        None => Some(mantissa as f64),
    }
}

/// The value of `raw` when it is an integer exactly as the export writes it (digits
/// only, no sign, no leading zero, at most 18 digits), in one pass: the common case
/// of the ratings file, whose values can then be copied to the output as they are.
#[inline]
pub fn export_int(raw: &[u8]) -> Option<i64> {
    if raw.is_empty() || raw.len() > 18 || (raw[0] == b'0' && raw.len() > 1) {
        return None;
    }
    let mut value: i64 = 0;
    for &b in raw {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + i64::from(digit);
    }
    Some(value)
}

/// True when `raw` is an integer exactly as the export writes it: digits only, no
/// sign, no leading zero, at most 18 digits.
#[inline]
pub fn is_export_int(raw: &[u8]) -> bool {
    !raw.is_empty() && raw.len() <= 18 && (raw[0] != b'0' || raw.len() == 1) && raw.iter().all(u8::is_ascii_digit)
}

/// How the export writes a non-negative number with at most one decimal, as a slice
/// of `raw`: `3.5` stays, `4.0` becomes `4`, `4` stays; `None` for anything else
/// (more decimals, a sign, leading zeros, exponents).
#[inline]
pub fn export_decimal(raw: &[u8]) -> Option<&[u8]> {
    match raw {
        [whole @ .., b'.', b'0'] if is_export_int(whole) => Some(whole),
        [whole @ .., b'.', decimal] if decimal.is_ascii_digit() && is_export_int(whole) => Some(raw),
        _ if is_export_int(raw) => Some(raw),
        _ => None,
    }
}

/// Parses a budget or revenue: a non-negative finite number where `0` means unknown.
pub fn money(raw: &[u8]) -> Result<Option<f64>, Problem> {
    match finite_float(raw)? {
        Some(v) if v < 0.0 => Err("negative amount"),
        Some(0.0) => Ok(None),
        other => Ok(other),
    }
}

/// Parses a boolean: `True`/`False` in any case (spreadsheets write `TRUE`).
pub fn boolean(raw: &[u8]) -> Result<Option<bool>, Problem> {
    let s = raw.trim_ascii();
    if s.is_empty() {
        Ok(None)
    } else if s.eq_ignore_ascii_case(b"true") {
        Ok(Some(true))
    } else if s.eq_ignore_ascii_case(b"false") {
        Ok(Some(false))
    } else {
        Err("not True or False")
    }
}

/// Parses a release date: ISO `YYYY-MM-DD`, or `M/D/YYYY` as spreadsheets write it.
pub fn date(raw: &[u8]) -> Result<Option<Date>, Problem> {
    let s = raw.trim_ascii();
    if s.is_empty() {
        return Ok(None);
    }
    let number =
        |part: &[u8], max_len: usize| -> Option<u64> { (part.len() <= max_len).then(|| digits_u64(part)).flatten() };
    let parts: Vec<&[u8]>;
    let (y, m, d) = if s.len() == 10 && s[4] == b'-' && s[7] == b'-' {
        (number(&s[0..4], 4), number(&s[5..7], 2), number(&s[8..10], 2))
    } else if s.contains(&b'/') {
        parts = s.split(|&b| b == b'/').collect();
        if parts.len() != 3 || parts[2].len() != 4 {
            return Err("not a date (expected YYYY-MM-DD or M/D/YYYY)");
        }
        (number(parts[2], 4), number(parts[0], 2), number(parts[1], 2))
    } else {
        return Err("not a date (expected YYYY-MM-DD or M/D/YYYY)");
    };
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => {
            let fits = |v: u64, max: u64| (v <= max).then_some(v);
            let date = fits(y, 9999)
                .zip(fits(m, 12))
                .zip(fits(d, 31))
                .and_then(|((y, m), d)| Date::new(y as u16, m as u8, d as u8));
            date.map(Some).ok_or("impossible date")
        }
        _ => Err("not a date (expected YYYY-MM-DD or M/D/YYYY)"),
    }
}

/// Normalises an IMDb id: `tt0114709` stays, `0114709` or `114709` gains `tt` and padding.
pub fn imdb_id(raw: &str) -> Result<Option<String>, Problem> {
    let Some(s) = text(raw) else { return Ok(None) };
    let digits = s.strip_prefix("tt").unwrap_or(s);
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("not an IMDb id");
    }
    Ok(Some(format!("tt{digits:0>7}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(integer(b" 42 "), Ok(Some(42)));
        assert_eq!(integer(b"42.0"), Ok(Some(42)));
        assert_eq!(integer(b"-5"), Ok(Some(-5)));
        assert_eq!(integer(b""), Ok(None));
        assert_eq!(integer(b"4.5"), Err("not a whole number"));
        assert_eq!(integer(b"0x10"), Err("not an integer"));
        assert_eq!(integer(b"1e3"), Err("not an integer"));
        assert_eq!(integer(b"99999999999999999999"), Err("number out of range"));
        assert_eq!(integer(b"9223372036854775808"), Err("number out of range"));
    }

    #[test]
    fn ids() {
        assert_eq!(positive_id(b"862"), Ok(862));
        assert_eq!(positive_id(b"0"), Err("id must be a positive integer"));
        assert_eq!(positive_id(b"-3"), Err("id must be a positive integer"));
        assert_eq!(positive_id(b"1997-08-20"), Err("id must be a positive integer"));
        assert_eq!(positive_id(b""), Err("id is empty"));
        assert_eq!(positive_id(b"123456789012345678901"), Err("id is out of range"));
    }

    #[test]
    fn money_rules() {
        assert_eq!(money(b"30000000"), Ok(Some(30_000_000.0)));
        assert_eq!(money(b"3897569.0"), Ok(Some(3_897_569.0)));
        assert_eq!(money(b"0"), Ok(None));
        assert_eq!(money(b"0.0"), Ok(None));
        assert_eq!(money(b""), Ok(None));
        assert_eq!(money(b"-5"), Err("negative amount"));
        for bad in [&b"NaN"[..], b"inf", b"-inf", b"infinity", b"0x10", b"1,500,000", b"unknown", b"$250000", b"12.5M"]
        {
            assert!(money(bad).is_err(), "{:?}", std::str::from_utf8(bad));
        }
        assert_eq!(money(b"1e400"), Err("number out of range"));
        assert_eq!(money(b"1."), Ok(Some(1.0)));
        assert_eq!(money(b".5"), Ok(Some(0.5)));
        assert_eq!(money(b"/ff9qCepilowshEtG2GYWwzt2bs4.jpg"), Err("not a number"));
    }

    #[test]
    fn fast_float_path_agrees_with_the_standard_parser() {
        for text in ["3.5", "4.7", "0.073687", "21.946943", "3897569.0", "123456789012345", "1.000000000000001", "0.1"]
        {
            let expected: f64 = text.parse().unwrap();
            assert_eq!(finite_float(text.as_bytes()), Ok(Some(expected)), "{text}");
        }
    }

    #[test]
    fn export_forms() {
        for yes in [&b"1"[..], b"0", b"862", b"1260759144"] {
            assert!(is_export_int(yes), "{yes:?}");
        }
        for no in [&b""[..], b"01", b"-5", b"+5", b"1.0", b" 1", b"1234567890123456789"] {
            assert!(!is_export_int(no), "{no:?}");
        }
        for (raw, written) in [("3.5", "3.5"), ("4", "4"), ("4.0", "4"), ("0.5", "0.5"), ("10.1", "10.1"), ("0.0", "0")]
        {
            assert_eq!(export_decimal(raw.as_bytes()), Some(written.as_bytes()), "{raw}");
        }
        for no in [&b"4.50"[..], b".5", b"04.5", b"3.", b"1e3", b"-1.5", b"4.00"] {
            assert_eq!(export_decimal(no), None, "{no:?}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date(b"1995-10-30"), Ok(Date::new(1995, 10, 30)));
        assert_eq!(date(b"10/30/1995"), Ok(Date::new(1995, 10, 30)));
        assert_eq!(date(b"1/5/2001"), Ok(Date::new(2001, 1, 5)));
        assert_eq!(date(b""), Ok(None));
        assert_eq!(date(b"2015-02-30"), Err("impossible date"));
        assert_eq!(date(b"2016-02-29").map(|d| d.unwrap().to_string()), Ok("2016-02-29".into()));
        assert_eq!(date(b"1900-02-29"), Err("impossible date"));
        assert!(date(b"0.073687").is_err());
        assert!(date(b"1995-10-3").is_err());
        assert!(date(b"30/10/95").is_err());
    }

    #[test]
    fn booleans() {
        assert_eq!(boolean(b"False"), Ok(Some(false)));
        assert_eq!(boolean(b"TRUE"), Ok(Some(true)));
        assert_eq!(boolean(b""), Ok(None));
        assert!(boolean(b" - Written by").is_err());
    }

    #[test]
    fn imdb_ids() {
        assert_eq!(imdb_id("tt0114709"), Ok(Some("tt0114709".into())));
        assert_eq!(imdb_id("0114709"), Ok(Some("tt0114709".into())));
        assert_eq!(imdb_id("114709"), Ok(Some("tt0114709".into())));
        assert_eq!(imdb_id(" "), Ok(None));
        assert!(imdb_id("x12").is_err());
    }
}
