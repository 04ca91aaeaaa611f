//! Numbers as an analyst reads them: `$1.2B` on axes, `$30,000,000` in tooltips.

/// What a value measures, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// US dollars.
    Money,
    /// A whole count (movies, releases).
    Count,
    /// A decimal number with this many digits after the point (popularity).
    Decimal(u8),
}

impl Unit {
    /// Short form for an axis tick (`$1.2B`, `1,200`, `12.5`).
    pub fn axis(self, v: f64) -> String {
        match self {
            Unit::Money => money_short(v),
            Unit::Count => grouped(v, 0),
            Unit::Decimal(_) => trimmed(v, 2),
        }
    }

    /// Exact form for a tooltip or a table (`$30,000,000`, `1,234`, `12.35`).
    pub fn exact(self, v: f64) -> String {
        match self {
            Unit::Money => money_exact(v),
            Unit::Count => grouped(v, 0),
            Unit::Decimal(digits) => grouped(v, digits),
        }
    }
}

/// `v` with `digits` decimals and thousands separators (`-1,234.50`).
pub fn grouped(v: f64, digits: u8) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let text = format!("{:.*}", usize::from(digits), v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    if v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Dollars, whole, with separators (`$30,000,000`, `-$5,000`).
pub fn money_exact(v: f64) -> String {
    let text = grouped(v, 0);
    match text.strip_prefix('-') {
        Some(positive) => format!("-${positive}"),
        None => format!("${text}"),
    }
}

/// `v` with at most `digits` decimals, trailing zeros dropped.
fn trimmed(v: f64, digits: usize) -> String {
    let text = format!("{v:.digits$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// Dollars with a magnitude suffix (`$950`, `$12K`, `$1.25M`, `$1.2B`, `-$3M`).
pub fn money_short(v: f64) -> String {
    const STEPS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    let abs = v.abs();
    let sign = if v < 0.0 && abs >= 0.005 { "-" } else { "" };
    for (size, suffix) in STEPS {
        // Round first so that 999,999 reads $1M rather than $1000K.
        if (abs / size * 100.0).round() / 100.0 >= 1.0 {
            return format!("{sign}${}{suffix}", trimmed(abs / size, 2));
        }
    }
    format!("{sign}${}", trimmed(abs, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_short_reads_like_a_human() {
        assert_eq!(money_short(0.0), "$0");
        assert_eq!(money_short(950.0), "$950");
        assert_eq!(money_short(12_000.0), "$12K");
        assert_eq!(money_short(1_250_000.0), "$1.25M");
        assert_eq!(money_short(1_200_000_000.0), "$1.2B");
        assert_eq!(money_short(999_999.0), "$1M");
        assert_eq!(money_short(-3_000_000.0), "-$3M");
        assert_eq!(money_short(2.5e12), "$2.5T");
    }

    #[test]
    fn exact_forms_group_thousands() {
        assert_eq!(money_exact(30_000_000.0), "$30,000,000");
        assert_eq!(money_exact(-5_000.4), "-$5,000");
        assert_eq!(money_exact(-0.2), "$0");
        assert_eq!(grouped(1234.567, 2), "1,234.57");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(-1_000_000.0, 0), "-1,000,000");
        assert_eq!(Unit::Count.exact(1234.0), "1,234");
        assert_eq!(Unit::Decimal(2).axis(2.50), "2.5");
        assert_eq!(Unit::Decimal(2).exact(12.0), "12.00");
    }
}
