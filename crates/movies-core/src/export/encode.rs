//! Cell encoders for CSV (RFC 4180) and NDJSON.

use super::cells::CellWriter;
use crate::schema::Column;

use crate::values::Date;

/// Appends a float in shortest round-trip form, without a trailing `.0`
/// (`3.5`, `30000000`, `1e21`).
///
/// Whole numbers and numbers with one decimal (ratings, runtimes, amounts) take a fast
/// path: when `t / 10.0 == value` for an integer `t` (`value * 10` truncated, or the
/// next integer), the decimal `t/10` written out is the shortest text that parses
/// back to `value`.
#[inline]
pub fn push_float(buf: &mut Vec<u8>, value: f64) {
    // Casts truncate in one instruction; `round`/`fract` would be libm calls here.
    if value.abs() < 1e15 {
        let whole = value as i64;
        if whole as f64 == value {
            push_int(buf, whole);
            return;
        }
        let tenths = (value * 10.0) as i64;
        for tenths in [tenths, tenths + value.signum() as i64] {
            if tenths as f64 / 10.0 == value {
                if tenths < 0 {
                    buf.push(b'-');
                }
                let magnitude = tenths.unsigned_abs();
                push_int(buf, (magnitude / 10) as i64);
                buf.push(b'.');
                buf.push(b'0' + (magnitude % 10) as u8);
                return;
            }
        }
    }
    let mut fmt = ryu::Buffer::new();
    let text = fmt.format_finite(value);
    buf.extend_from_slice(text.strip_suffix(".0").unwrap_or(text).as_bytes());
}

const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// Powers of ten, for counting digits.
const POW10: [u64; 20] = {
    let mut table = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// Number of decimal digits of `v` (1 for 0), from its bit length without a loop.
#[inline]
fn digit_count(v: u64) -> usize {
    let v = v | 1;
    let bits = 64 - v.leading_zeros();
    let guess = ((bits * 1233) >> 12) as usize;
    guess + usize::from(v >= POW10[guess])
}

/// Appends an integer.
///
/// The digits are written two at a time into a stack array that is appended whole
/// (a fixed-size copy: two vector moves) and then cut to length; a copy of variable
/// length would be a call to `memcpy` per number, which dominated writing ratings.
#[inline]
pub fn push_int(buf: &mut Vec<u8>, value: i64) {
    if value < 0 {
        buf.push(b'-');
    }
    let mut v = value.unsigned_abs();
    let digits = digit_count(v);
    let mut tmp = [b'0'; 20];
    let mut i = digits;
    while v >= 100 {
        let pair = (v % 100) as usize * 2;
        v /= 100;
        i -= 2;
        tmp[i] = DIGIT_PAIRS[pair];
        tmp[i + 1] = DIGIT_PAIRS[pair + 1];
    }
    if v >= 10 {
        let pair = v as usize * 2;
        tmp[0] = DIGIT_PAIRS[pair];
        tmp[1] = DIGIT_PAIRS[pair + 1];
    } else {
        tmp[0] = b'0' + v as u8;
    }
    let start = buf.len();
    buf.extend_from_slice(&tmp);
    buf.truncate(start + digits);
}

/// Writes one CSV row: null is an empty field, text is quoted when it holds a comma,
/// quote or line break (quotes doubled).
pub struct CsvCells<'b> {
    buf: &'b mut Vec<u8>,
    first: bool,
    spreadsheet_safe: bool,
}

impl<'b> CsvCells<'b> {
    /// Starts a row appended to `buf`. With `spreadsheet_safe`, text starting with
    /// `=`, `+`, `-` or `@` gets a leading `'` so spreadsheets do not run it as a formula.
    pub fn new(buf: &'b mut Vec<u8>, spreadsheet_safe: bool) -> Self {
        CsvCells { buf, first: true, spreadsheet_safe }
    }

    /// Ends the row.
    pub fn end(self) {
        self.buf.push(b'\n');
    }

    fn sep(&mut self) {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
    }
}

/// Appends `text` as one CSV field.
pub fn push_csv_text(buf: &mut Vec<u8>, text: &str) {
    let needs_quotes = text.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if !needs_quotes {
        buf.extend_from_slice(text.as_bytes());
        return;
    }
    buf.push(b'"');
    for part in text.split('"').enumerate() {
        if part.0 > 0 {
            buf.extend_from_slice(b"\"\"");
        }
        buf.extend_from_slice(part.1.as_bytes());
    }
    buf.push(b'"');
}

impl CellWriter for CsvCells<'_> {
    fn int_text(&mut self, _value: i64, text: &[u8]) {
        self.sep();
        self.buf.extend_from_slice(text);
    }

    fn float_text(&mut self, _value: f64, text: &[u8]) {
        self.sep();
        self.buf.extend_from_slice(text);
    }

    fn int(&mut self, value: Option<i64>) {
        self.sep();
        if let Some(v) = value {
            push_int(self.buf, v);
        }
    }

    fn float(&mut self, value: Option<f64>) {
        self.sep();
        if let Some(v) = value {
            push_float(self.buf, v);
        }
    }

    fn text(&mut self, value: Option<&str>) {
        self.sep();
        if let Some(text) = value {
            if self.spreadsheet_safe && text.starts_with(['=', '+', '-', '@']) {
                let guarded = format!("'{text}");
                push_csv_text(self.buf, &guarded);
            } else {
                push_csv_text(self.buf, text);
            }
        }
    }

    fn boolean(&mut self, value: Option<bool>) {
        self.sep();
        if let Some(v) = value {
            self.buf.extend_from_slice(if v { b"true" } else { b"false" });
        }
    }

    fn date(&mut self, value: Option<Date>) {
        self.sep();
        if let Some(d) = value {
            self.buf.extend_from_slice(&d.to_iso());
        }
    }
}

/// The `"column":` prefix of one NDJSON value (`{` or `,` included), kept in a
/// fixed array so that appending it is a fixed-size copy.
#[derive(Debug, Clone)]
struct JsonKey {
    bytes: [u8; 32],
    len: usize,
    long: Vec<u8>,
}

/// The `"column":` prefixes of a table's NDJSON objects.
#[derive(Debug, Clone)]
pub struct JsonKeys(Vec<JsonKey>);

impl JsonKeys {
    /// The prefixes for `columns`.
    pub fn new(columns: &[Column]) -> Self {
        let keys = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut key = vec![if i == 0 { b'{' } else { b',' }];
                push_json_string(&mut key, c.name);
                key.push(b':');
                let mut bytes = [0u8; 32];
                if key.len() <= bytes.len() {
                    bytes[..key.len()].copy_from_slice(&key);
                    JsonKey { bytes, len: key.len(), long: Vec::new() }
                } else {
                    JsonKey { bytes, len: 0, long: key }
                }
            })
            .collect();
        JsonKeys(keys)
    }
}

/// Writes one NDJSON object: `{"column":value,...}` with `null` for nulls.
pub struct JsonCells<'b> {
    buf: &'b mut Vec<u8>,
    keys: &'b JsonKeys,
    next: usize,
}

impl<'b> JsonCells<'b> {
    /// Starts an object with the given keys, appended to `buf`.
    pub fn new(buf: &'b mut Vec<u8>, keys: &'b JsonKeys) -> Self {
        JsonCells { buf, keys, next: 0 }
    }

    /// Closes the object and the line.
    pub fn end(self) {
        self.buf.extend_from_slice(b"}\n");
    }

    #[inline]
    fn key(&mut self) {
        if let Some(key) = self.keys.0.get(self.next) {
            if key.len > 0 {
                let len = self.buf.len();
                self.buf.extend_from_slice(&key.bytes);
                self.buf.truncate(len + key.len);
            } else {
                self.buf.extend_from_slice(&key.long);
            }
        }
        self.next += 1;
    }

    fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }
}

/// Appends `text` as a JSON string literal.
pub fn push_json_string(buf: &mut Vec<u8>, text: &str) {
    buf.push(b'"');
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1F | 0x7F => b"",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(b >> 4)]);
            buf.push(HEX[usize::from(b & 15)]);
        } else {
            buf.extend_from_slice(escape);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

impl CellWriter for JsonCells<'_> {
    fn int_text(&mut self, _value: i64, text: &[u8]) {
        self.key();
        self.buf.extend_from_slice(text);
    }

    fn float_text(&mut self, _value: f64, text: &[u8]) {
        self.key();
        self.buf.extend_from_slice(text);
    }

    fn int(&mut self, value: Option<i64>) {
        self.key();
        match value {
            Some(v) => push_int(self.buf, v),
            None => self.null(),
        }
    }

    fn float(&mut self, value: Option<f64>) {
        self.key();
        match value {
            Some(v) => push_float(self.buf, v),
            None => self.null(),
        }
    }

    fn text(&mut self, value: Option<&str>) {
        self.key();
        match value {
            Some(text) => push_json_string(self.buf, text),
            None => self.null(),
        }
    }

    fn boolean(&mut self, value: Option<bool>) {
        self.key();
        match value {
            Some(v) => self.buf.extend_from_slice(if v { b"true" } else { b"false" }),
            None => self.null(),
        }
    }

    fn date(&mut self, value: Option<Date>) {
        self.key();
        match value {
            Some(d) => {
                self.buf.push(b'"');
                self.buf.extend_from_slice(&d.to_iso());
                self.buf.push(b'"');
            }
            None => self.null(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Table;

    #[test]
    fn floats_are_shortest_round_trip() {
        let mut buf = Vec::new();
        for v in [3.5, 30_000_000.0, 0.1 + 0.2, 1e21, 4.0, 21.946943, 4.7, -0.5, 1e15 + 0.5, 2.25] {
            push_float(&mut buf, v);
            buf.push(b' ');
        }
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "3.5 30000000 0.30000000000000004 1e21 4 21.946943 4.7 -0.5 1000000000000000.5 2.25 "
        );
        for v in [0.1, 0.7, 99.9, 123456.7, 5e-324, 1.0 / 3.0, 1e-7, 0.05] {
            let mut buf = Vec::new();
            push_float(&mut buf, v);
            let text = String::from_utf8(buf).unwrap();
            assert_eq!(text.parse::<f64>().unwrap(), v, "{text}");
            let shortest = ryu::Buffer::new().format(v).trim_end_matches(".0").to_owned();
            assert_eq!(text, shortest);
        }
    }

    #[test]
    fn integers() {
        let mut buf = Vec::new();
        for v in [0, 7, 9, 10, 99, 100, 999_999, 1_000_000, 1260759144, -42, i64::MAX, i64::MIN] {
            push_int(&mut buf, v);
            buf.push(b' ');
        }
        let expected = format!("0 7 9 10 99 100 999999 1000000 1260759144 -42 {} {} ", i64::MAX, i64::MIN);
        assert_eq!(String::from_utf8(buf).unwrap(), expected);
    }

    #[test]
    fn digit_counts() {
        for (i, &p) in POW10.iter().enumerate() {
            assert_eq!(digit_count(p), i + 1, "{p}");
            if p > 1 {
                assert_eq!(digit_count(p - 1), i, "{}", p - 1);
            }
        }
        assert_eq!(digit_count(0), 1);
        assert_eq!(digit_count(u64::MAX), 20);
    }

    #[test]
    fn csv_quoting() {
        let mut buf = Vec::new();
        let mut row = CsvCells::new(&mut buf, false);
        row.text(Some("plain"));
        row.text(Some("a, \"b\"\nc"));
        row.text(None);
        row.int(Some(-3));
        row.boolean(Some(true));
        row.date(Date::new(1995, 10, 30));
        row.text(Some("=1+1"));
        row.end();
        assert_eq!(String::from_utf8(buf).unwrap(), "plain,\"a, \"\"b\"\"\nc\",,-3,true,1995-10-30,=1+1\n");
    }

    #[test]
    fn spreadsheet_safe_csv_neutralises_formulas() {
        let mut buf = Vec::new();
        let mut row = CsvCells::new(&mut buf, true);
        for text in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM", "ok"] {
            row.text(Some(text));
        }
        row.end();
        assert_eq!(String::from_utf8(buf).unwrap(), "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM,ok\n");
    }

    #[test]
    fn json_objects() {
        let mut buf = Vec::new();
        let keys = JsonKeys::new(Table::KeywordsMaster.def().columns);
        let mut row = JsonCells::new(&mut buf, &keys);
        row.int(Some(862));
        row.int(None);
        row.text(Some("tab\there \"q\" \\ \u{1} é"));
        row.end();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(
            text,
            "{\"movie_id\":862,\"keyword_id\":null,\"keyword\":\"tab\\there \\\"q\\\" \\\\ \\u0001 é\"}\n"
        );
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["keyword"], "tab\there \"q\" \\ \u{1} é");
    }
}
