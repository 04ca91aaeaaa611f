//! A parser for the Python literals of the dataset's list and dict columns.
//!
//! `genres`, `production_companies`, `belongs_to_collection`, `cast`, `crew` and
//! `keywords` hold Python `repr()` output: single-quoted strings (double-quoted when
//! the text has an apostrophe), backslash escapes, `None`, `True`, `False`, numbers,
//! nested lists and dicts. This is the hottest code of the product (credits.csv alone
//! is 190 MB of literals), so it never builds a generic tree: callers describe the
//! record they want with [`FromDict`] and the parser feeds each `key: scalar` pair
//! straight into it. Strings without escapes are borrowed from the input.
//!
//! The same columns re-exported by pandas as JSON (`json.dumps(literal_eval(x))`) read
//! the same: JSON's `null`, `true`, `false` (and the `NaN`, `Infinity`, `-Infinity` of
//! Python's `json` module) are accepted beside `None`, `True`, `False`, and the JSON
//! escapes `\/` and `\uXXXX` surrogate pairs are decoded. Neither form is ambiguous
//! with the other: `repr()` never writes those words or escapes.
//!
//! Containers the caller does not ask for (a list inside a dict, say) are skipped with
//! an explicit depth counter, so hostile nesting cannot overflow the stack.
//!
//! A list of dicts is read entry by entry: an entry that is malformed is skipped up to
//! the `,` or `]` that ends it and reported in the [`ListReport`], the others are kept.
//! See [`parse_dict_list`].

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// Deepest nesting accepted inside a value that is skipped.
pub const MAX_DEPTH: usize = 64;

/// Most dicts a list may hold. The longest lists of the dataset (crews) have a few
/// hundred entries; every entry is kept until its record is emitted, so a field of
/// tens of thousands of tiny dicts (`{},{},...`) would otherwise cost a hundred times
/// its size in memory.
pub const MAX_LIST_ITEMS: usize = 10_000;

/// One scalar value of a literal, as handed to [`FromDict::set`].
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    /// A string, borrowed when it had no escapes.
    Str(Cow<'a, str>),
    /// An integer that fits in an `i64`.
    Int(i64),
    /// A float (or an integer too large for `i64`).
    Float(f64),
    /// `True` or `False`.
    Bool(bool),
    /// `None`.
    None,
    /// A nested list, dict, tuple or set, skipped.
    Container,
}

impl<'a> Scalar<'a> {
    /// The value as an integer: ints, and floats that are whole numbers.
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Scalar::Int(v) => Some(v),
            Scalar::Float(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => Some(v as i64),
            _ => None,
        }
    }

    /// The value as text: strings only, trimmed, `None` when empty.
    pub fn into_text(self) -> Option<Cow<'a, str>> {
        match self {
            Scalar::Str(Cow::Borrowed(s)) => {
                let t = s.trim();
                (!t.is_empty()).then_some(Cow::Borrowed(t))
            }
            Scalar::Str(Cow::Owned(s)) => {
                let t = s.trim();
                if t.is_empty() {
                    None
                } else if t.len() == s.len() {
                    Some(Cow::Owned(s))
                } else {
                    Some(Cow::Owned(t.to_owned()))
                }
            }
            _ => None,
        }
    }
}

/// A record built from the `key: value` pairs of one Python dict.
pub trait FromDict<'a>: Default {
    /// Receives one pair; unknown keys are ignored by the implementation.
    fn set(&mut self, key: &str, value: Scalar<'a>);
}

/// Why a literal could not be parsed, and where (byte offset into the field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralError {
    /// Byte offset in the field at which parsing stopped.
    pub offset: usize,
    /// What was expected or found there.
    pub problem: &'static str,
}

impl fmt::Display for LiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed Python literal at byte {}: {}", self.offset, self.problem)
    }
}

impl std::error::Error for LiteralError {}

type Result<T> = std::result::Result<T, LiteralError>;

/// Most malformed entries of one list reported one by one; the others are only counted
/// ([`ListReport::unreported`]), so that a field of a million bad entries gives a few
/// error-log rows, not a million.
pub const MAX_REPORTED_ENTRIES: usize = 10;

/// An entry of a list that could not be read, and was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedEntry {
    /// Its position in the list, counting every entry (0 = the first).
    pub index: usize,
    /// Its text in the field: from its first non-blank byte to the last one before the
    /// `,` or `]` that ends it.
    pub span: Range<usize>,
    /// What is wrong with it, and where.
    pub error: LiteralError,
}

/// Where a list stopped being readable: truncated, unbalanced, nested too deep, too
/// long, not a list at all, or followed by other text. The entries before it are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenList {
    /// How many entries (kept or skipped) came before the unreadable part.
    pub index: usize,
    /// Byte offset where the unreadable part starts (0 when the field is not a list).
    pub start: usize,
    /// The first problem found there.
    pub error: LiteralError,
}

/// What [`parse_dict_list`] could not read; the default, clean report says "nothing".
#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[must_use = "a malformed entry must be logged, not dropped silently"]
pub struct ListReport {
    /// Entries skipped, in list order: the first [`MAX_REPORTED_ENTRIES`] of them.
    pub skipped: Vec<SkippedEntry>,
    /// Entries skipped beyond those.
    pub unreported: usize,
    /// Why reading stopped before the list's end, when it did.
    pub broken: Option<BrokenList>,
}

impl ListReport {
    /// Whether the whole field was read: every entry is in the output.
    #[inline]
    pub fn is_clean(&self) -> bool {
        self.skipped.is_empty() && self.broken.is_none()
    }

    /// The first problem found, in text order; `None` when the report is clean.
    pub fn first_error(&self) -> Option<&LiteralError> {
        self.skipped.first().map(|s| &s.error).or(self.broken.as_ref().map(|b| &b.error))
    }

    /// How many entries were skipped, reported or not.
    pub fn skipped_count(&self) -> usize {
        self.skipped.len() + self.unreported
    }

    fn skip(&mut self, entry: SkippedEntry) {
        if self.skipped.len() < MAX_REPORTED_ENTRIES {
            self.skipped.push(entry);
        } else {
            self.unreported += 1;
        }
    }
}

/// Parses a list of dicts (`[{...}, {...}]`) into `out`, appending one `T` per dict.
///
/// An empty field, `None` or `null` is an empty list. The list is read entry by entry,
/// an entry being the text between two top-level commas:
///
/// - an entry that is not exactly one well-formed dict is skipped, up to the `,` or `]`
///   that ends it (brackets of every kind counted outside quoted strings, as nested
///   values are skipped; at most [`MAX_DEPTH`] deep), and reading goes on with the next
///   entry; it is reported in [`ListReport::skipped`];
/// - when the end of an entry cannot be found (the text ends inside it, in a string or a
///   bracket, or it nests too deep), or the list is not a list, holds more than
///   [`MAX_LIST_ITEMS`] entries or is followed by other text, reading stops: the entries
///   read before are kept and [`ListReport::broken`] says where.
///
/// Every byte is read at most twice (once by the parser, once when skipping its
/// entry), without recursion, so hostile text costs linear time and constant stack.
pub fn parse_dict_list<'a, T: FromDict<'a>>(input: &'a str, out: &mut Vec<T>) -> ListReport {
    Parser::new(input).dict_list(out)
}

/// Parses one dict (`{...}`); an empty field, `None` or `null` gives `Ok(None)`.
pub fn parse_dict<'a, T: FromDict<'a>>(input: &'a str) -> Result<Option<T>> {
    let mut p = Parser::new(input);
    p.skip_ws();
    if p.at_end() || p.eat_word("None") || p.eat_word("null") {
        p.expect_end()?;
        return Ok(None);
    }
    let item = p.dict()?;
    p.expect_end()?;
    Ok(Some(item))
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser { src, bytes: src.as_bytes(), pos: 0 }
    }

    fn err<T>(&self, problem: &'static str) -> Result<T> {
        Err(LiteralError { offset: self.pos, problem })
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8, problem: &'static str) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            self.err(problem)
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let end = self.pos + word.len();
        let matches = self.bytes.get(self.pos..end) == Some(word.as_bytes())
            && !self.bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if matches {
            self.pos = end;
        }
        matches
    }

    fn expect_end(&mut self) -> Result<()> {
        self.skip_ws();
        if self.at_end() {
            Ok(())
        } else {
            self.err("unexpected text after the value")
        }
    }

    fn dict_list<T: FromDict<'a>>(&mut self, out: &mut Vec<T>) -> ListReport {
        let mut report = ListReport::default();
        self.skip_ws();
        if self.at_end() || self.eat_word("None") || self.eat_word("null") {
            if let Err(error) = self.expect_end() {
                report.broken = Some(BrokenList { index: 0, start: 0, error });
            }
            return report;
        }
        if !self.eat(b'[') {
            let error = LiteralError { offset: self.pos, problem: "expected '[' to open a list" };
            report.broken = Some(BrokenList { index: 0, start: 0, error });
            return report;
        }
        // Entries seen, kept or skipped.
        let mut index = 0;
        loop {
            self.skip_ws();
            let start = self.pos;
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    let error = LiteralError { offset: start, problem: "unterminated list" };
                    report.broken = Some(BrokenList { index, start, error });
                    return report;
                }
                _ => {}
            }
            if index == MAX_LIST_ITEMS {
                let error = LiteralError { offset: start, problem: "list longer than the limit of 10000 items" };
                report.broken = Some(BrokenList { index, start, error });
                return report;
            }
            index += 1;
            // An entry is kept only when one dict fills it up to its `,` or `]`.
            let error = match self.dict::<T>() {
                Ok(item) => {
                    out.push(item);
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            continue;
                        }
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        None => {
                            // A whole dict, then the end of a list cut short: keep it.
                            let error = LiteralError { offset: self.pos, problem: "unterminated list" };
                            report.broken = Some(BrokenList { index, start: self.pos, error });
                            return report;
                        }
                        _ => {
                            out.pop();
                            LiteralError { offset: self.pos, problem: "expected ',' or ']' after a list item" }
                        }
                    }
                }
                Err(error) => error,
            };
            match self.skip_entry(start, index - 1, error, &mut report) {
                AfterSkip::Next => {}
                AfterSkip::ListEnd => break,
                AfterSkip::Broken => return report,
            }
        }
        if let Err(error) = self.expect_end() {
            report.broken = Some(BrokenList { index, start: error.offset, error });
        }
        report
    }

    /// Skips the malformed entry `index` starting at `start` (which failed with
    /// `error`) to the `,` or `]` that ends it, reporting it; or, when its end cannot be
    /// found, reports the list broken there.
    #[cold]
    #[inline(never)]
    fn skip_entry(&mut self, start: usize, index: usize, error: LiteralError, report: &mut ListReport) -> AfterSkip {
        let Some(end) = entry_end(self.bytes, start) else {
            report.broken = Some(BrokenList { index, start, error });
            return AfterSkip::Broken;
        };
        report.skip(SkippedEntry { index, span: start..trim_end(self.bytes, start, end), error });
        self.pos = end + 1;
        if self.bytes[end] == b']' {
            AfterSkip::ListEnd
        } else {
            AfterSkip::Next
        }
    }

    fn dict<T: FromDict<'a>>(&mut self) -> Result<T> {
        self.expect(b'{', "expected '{' to open a dict")?;
        let mut item = T::default();
        loop {
            if self.eat(b'}') {
                break;
            }
            self.skip_ws();
            let key = match self.peek() {
                Some(q @ (b'\'' | b'"')) => self.string(q)?,
                _ => return self.err("expected a quoted dict key"),
            };
            self.expect(b':', "expected ':' after a dict key")?;
            let value = self.scalar()?;
            item.set(&key, value);
            if !self.eat(b',') {
                self.expect(b'}', "expected ',' or '}' after a dict value")?;
                break;
            }
        }
        Ok(item)
    }

    fn scalar(&mut self) -> Result<Scalar<'a>> {
        self.skip_ws();
        match self.peek() {
            Some(q @ (b'\'' | b'"')) => Ok(Scalar::Str(self.string(q)?)),
            Some(b'[' | b'{' | b'(') => {
                self.skip_container()?;
                Ok(Scalar::Container)
            }
            Some(b'-' | b'+' | b'.' | b'0'..=b'9') => self.number(),
            Some(b'N') if self.eat_word("None") => Ok(Scalar::None),
            Some(b'T') if self.eat_word("True") => Ok(Scalar::Bool(true)),
            Some(b'F') if self.eat_word("False") => Ok(Scalar::Bool(false)),
            // JSON, and the non-finite floats Python's `json.dumps` writes.
            Some(b'n') if self.eat_word("null") => Ok(Scalar::None),
            Some(b't') if self.eat_word("true") => Ok(Scalar::Bool(true)),
            Some(b'f') if self.eat_word("false") => Ok(Scalar::Bool(false)),
            Some(b'N') if self.eat_word("NaN") => Ok(Scalar::Float(f64::NAN)),
            Some(b'I') if self.eat_word("Infinity") => Ok(Scalar::Float(f64::INFINITY)),
            Some(b'u' | b'U') if matches!(self.bytes.get(self.pos + 1), Some(b'\'' | b'"')) => {
                self.pos += 1;
                let q = self.bytes[self.pos];
                Ok(Scalar::Str(self.string(q)?))
            }
            None => self.err("expected a value, found the end of the text"),
            _ => self.err("expected a value"),
        }
    }

    fn number(&mut self) -> Result<Scalar<'a>> {
        let start = self.pos;
        let mut is_float = false;
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' | b'-' | b'+' | b'_' => {}
                b'.' | b'e' | b'E' => is_float = true,
                _ => break,
            }
            self.pos += 1;
        }
        let text = &self.src[start..self.pos];
        if !is_float {
            if let Ok(v) = text.parse::<i64>() {
                return Ok(Scalar::Int(v));
            }
        }
        match text.parse::<f64>() {
            Ok(v) => Ok(Scalar::Float(v)),
            Err(_) if text == "-" && self.eat_word("Infinity") => Ok(Scalar::Float(f64::NEG_INFINITY)),
            Err(_) => {
                self.pos = start;
                self.err("malformed number")
            }
        }
    }

    /// Parses a quoted string starting at the opening quote `quote`.
    fn string(&mut self, quote: u8) -> Result<Cow<'a, str>> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        let tail = &self.bytes[start..];
        match memchr::memchr2(quote, b'\\', tail) {
            Some(i) if tail[i] == quote => {
                self.pos = start + i + 1;
                Ok(Cow::Borrowed(&self.src[start..start + i]))
            }
            Some(i) => {
                let mut text = String::with_capacity(i + 16);
                text.push_str(&self.src[start..start + i]);
                self.pos = start + i;
                self.escaped_string_rest(quote, text)
            }
            None => {
                self.pos = open;
                self.err("unterminated string")
            }
        }
    }

    /// Continues a string at a backslash, unescaping into `text`.
    fn escaped_string_rest(&mut self, quote: u8, mut text: String) -> Result<Cow<'a, str>> {
        loop {
            let tail = &self.bytes[self.pos..];
            let Some(i) = memchr::memchr2(quote, b'\\', tail) else {
                return self.err("unterminated string");
            };
            text.push_str(&self.src[self.pos..self.pos + i]);
            self.pos += i;
            if self.bytes[self.pos] == quote {
                self.pos += 1;
                return Ok(Cow::Owned(text));
            }
            self.escape(&mut text)?;
        }
    }

    /// Decodes one escape sequence at a backslash and appends it to `text`.
    fn escape(&mut self, text: &mut String) -> Result<()> {
        let Some(&kind) = self.bytes.get(self.pos + 1) else {
            return self.err("unterminated string");
        };
        let mut consumed = 2;
        match kind {
            b'\\' => text.push('\\'),
            b'\'' => text.push('\''),
            b'"' => text.push('"'),
            // JSON's escaped solidus. Python would keep the backslash, but `repr()`
            // doubles every backslash, so `\/` only ever comes from JSON.
            b'/' => text.push('/'),
            b'n' => text.push('\n'),
            b't' => text.push('\t'),
            b'r' => text.push('\r'),
            b'0'..=b'7' => {
                // Octal: one to three digits (`\0`, `\12`, `\101`), at most 0o777.
                let digits = self.bytes[self.pos + 1..].iter().take(3).take_while(|b| matches!(b, b'0'..=b'7')).count();
                let code = self.bytes[self.pos + 1..self.pos + 1 + digits]
                    .iter()
                    .fold(0, |code, b| code * 8 + u32::from(b - b'0'));
                text.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                consumed = 1 + digits;
            }
            b'a' => text.push('\x07'),
            b'b' => text.push('\x08'),
            b'f' => text.push('\x0c'),
            b'v' => text.push('\x0b'),
            b'\n' => {}
            b'x' | b'u' | b'U' => {
                let digits = match kind {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let hex = self
                    .src
                    .get(self.pos + 2..self.pos + 2 + digits)
                    .ok_or(LiteralError { offset: self.pos, problem: "truncated escape" })?;
                let code = u32::from_str_radix(hex, 16)
                    .ok()
                    .filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                    .ok_or(LiteralError { offset: self.pos, problem: "bad hex escape" })?;
                consumed += digits;
                let ch = match char::from_u32(code) {
                    Some(ch) => ch,
                    // JSON writes a character beyond the BMP as a UTF-16 surrogate pair,
                    // `\ud83d\ude00`; a surrogate without its other half is U+FFFD.
                    None if kind == b'u' && (0xD800..0xDC00).contains(&code) => {
                        match self.low_surrogate(self.pos + consumed) {
                            Some(low) => {
                                consumed += 6;
                                char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                                    .unwrap_or(char::REPLACEMENT_CHARACTER)
                            }
                            None => char::REPLACEMENT_CHARACTER,
                        }
                    }
                    None => char::REPLACEMENT_CHARACTER,
                };
                text.push(ch);
            }
            _ => {
                // Python keeps unknown escapes as they are, backslash included.
                text.push('\\');
                consumed = 1;
            }
        }
        self.pos += consumed;
        Ok(())
    }

    /// The low surrogate of a `\uDC00`..`\uDFFF` escape at `at`, if there is one.
    fn low_surrogate(&self, at: usize) -> Option<u32> {
        let escape = self.bytes.get(at..at + 6)?;
        if escape[..2] != *b"\\u" || !escape[2..].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let code = u32::from_str_radix(&self.src[at + 2..at + 6], 16).ok()?;
        (0xDC00..0xE000).contains(&code).then_some(code)
    }

    /// Skips a nested list, dict, tuple or set without recursion.
    fn skip_container(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return self.err("unterminated list or dict"),
                Some(b'[' | b'{' | b'(') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return self.err("nesting deeper than 64 levels");
                    }
                    self.pos += 1;
                }
                Some(b']' | b'}' | b')') => {
                    self.pos += 1;
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Some(q @ (b'\'' | b'"')) => {
                    self.string(q)?;
                }
                Some(b',' | b':') => self.pos += 1,
                Some(_) => {
                    self.scalar()?;
                }
            }
        }
    }
}

/// Where reading goes on after a malformed entry was skipped.
enum AfterSkip {
    /// With the next entry.
    Next,
    /// Nowhere: the entry was the last of the list.
    ListEnd,
    /// Nowhere: the entry's end could not be found.
    Broken,
}

/// The offset of the `,` or `]` that ends the list entry starting at `start`; `None`
/// when the text ends first (inside a string or a bracket) or the entry nests deeper
/// than the parser reads.
///
/// Brackets of every kind are counted alike outside quoted strings, as
/// [`Parser::skip_container`] counts them, and a closing `}` or `)` with nothing open is
/// part of the bad entry. The parser therefore never reads past the end found here
/// before it fails (it is inside the dict, at a depth of at least 1, until then), so the
/// next entry starts after everything already read and no byte is read a third time.
#[cold]
#[inline(never)]
fn entry_end(bytes: &[u8], start: usize) -> Option<usize> {
    // The dict itself is one level; the parser skips up to MAX_DEPTH levels inside it.
    const LIMIT: usize = MAX_DEPTH + 1;
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'[' | b'{' | b'(' => {
                depth += 1;
                if depth > LIMIT {
                    return None;
                }
            }
            b']' | b',' if depth == 0 => return Some(i),
            b']' | b'}' | b')' => depth = depth.saturating_sub(1),
            b'\'' | b'"' => {
                i = string_end(bytes, i)?;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset after the quote that closes the string opened at `open` (a backslash
/// escapes the byte after it, as in the parser); `None` when the text ends first.
fn string_end(bytes: &[u8], open: usize) -> Option<usize> {
    let quote = bytes[open];
    let mut i = open + 1;
    loop {
        let at = i + memchr::memchr2(quote, b'\\', bytes.get(i..)?)?;
        if bytes[at] == quote {
            return Some(at + 1);
        }
        i = at + 2;
    }
}

/// `end` moved back over the blanks before it, not before `start`.
fn trim_end(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Debug, PartialEq)]
    struct Entry {
        id: Option<i64>,
        name: Option<String>,
        other: Vec<String>,
    }

    impl<'a> FromDict<'a> for Entry {
        fn set(&mut self, key: &str, value: Scalar<'a>) {
            match key {
                "id" => self.id = value.as_int(),
                "name" => self.name = value.into_text().map(Cow::into_owned),
                _ => self.other.push(format!("{key}={value:?}")),
            }
        }
    }

    /// The entries kept and the report, after checking the report's invariants.
    fn lenient(input: &str) -> (Vec<Entry>, ListReport) {
        let mut out = Vec::new();
        let report = parse_dict_list(input, &mut out);
        assert_report_consistent(input, &report, out.len());
        (out, report)
    }

    /// The list read whole, or the first problem found.
    fn list(input: &str) -> Result<Vec<Entry>> {
        let (out, report) = lenient(input);
        match report.first_error() {
            None => Ok(out),
            Some(err) => Err(err.clone()),
        }
    }

    /// Offsets inside the text at character boundaries, skipped entries in order and
    /// before the break, entries kept plus skipped within the limit.
    fn assert_report_consistent(input: &str, report: &ListReport, kept: usize) {
        let mut after = 0;
        for s in &report.skipped {
            assert!(s.index >= after, "{input}: {report:?}");
            assert!(input.get(s.span.clone()).is_some(), "{input}: span {:?}", s.span);
            assert!(s.error.offset <= input.len(), "{input}: {report:?}");
            after = s.index + 1;
        }
        if let Some(b) = &report.broken {
            assert!(b.index >= after, "{input}: {report:?}");
            assert!(input.get(b.start..).is_some() && b.error.offset <= input.len(), "{input}: {report:?}");
        }
        assert!(report.unreported == 0 || report.skipped.len() == MAX_REPORTED_ENTRIES);
        assert!(kept + report.skipped_count() <= MAX_LIST_ITEMS, "{input}");
    }

    /// The ids kept, each skipped entry's index and text, and the break.
    type Outcome<'t> = (Vec<Option<i64>>, Vec<(usize, &'t str)>, Option<BrokenList>);

    /// What [`lenient`] reads from `input`, as an [`Outcome`].
    fn kept_and_skipped(input: &str) -> Outcome<'_> {
        let (out, report) = lenient(input);
        let skipped = report.skipped.iter().map(|s| (s.index, &input[s.span.clone()])).collect();
        (out.iter().map(|e| e.id).collect(), skipped, report.broken)
    }

    #[test]
    fn parses_real_genres() {
        let got = list("[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].id, Some(16));
        assert_eq!(got[1].name.as_deref(), Some("Comedy"));
    }

    #[test]
    fn double_quoted_string_keeps_apostrophe() {
        let got = list(r#"[{'id': 15101, 'name': "based on children's book"}]"#).unwrap();
        assert_eq!(got[0].name.as_deref(), Some("based on children's book"));
    }

    #[test]
    fn escapes_are_decoded() {
        let got = list(r"[{'name': 'Rock \'n\' Roll \\ \x41\u00e9\U0001F600'}]").unwrap();
        assert_eq!(got[0].name.as_deref(), Some("Rock 'n' Roll \\ Aé😀"));
    }

    #[test]
    fn none_true_false_floats_and_nested_values() {
        let got = list("[{'id': 3, 'profile_path': None, 'adult': True, 'x': False, 'f': -1.5e3, 'l': [1, {'a': (2, 3)}], 'name': 'A'}]").unwrap();
        assert_eq!(got[0].id, Some(3));
        assert_eq!(got[0].name.as_deref(), Some("A"));
        assert_eq!(
            got[0].other,
            ["profile_path=None", "adult=Bool(true)", "x=Bool(false)", "f=Float(-1500.0)", "l=Container"]
        );
    }

    #[test]
    fn empty_and_none_are_empty_lists() {
        assert!(list("").unwrap().is_empty());
        assert!(list("  None ").unwrap().is_empty());
        assert!(list("[]").unwrap().is_empty());
        assert!(list("[{}, ]").unwrap().len() == 1);
    }

    #[test]
    fn single_dict() {
        let got: Option<Entry> =
            parse_dict("{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': '/x.jpg'}").unwrap();
        assert_eq!(got.unwrap().id, Some(10194));
        assert_eq!(parse_dict::<Entry>("").unwrap(), None);
        assert!(parse_dict::<Entry>("{'id': 1} x").is_err());
    }

    #[test]
    fn malformed_literals_are_errors_with_offsets() {
        for (input, offset) in [
            ("[{'id': 16, 'name': 'Animation'", 31),
            ("[{'id': 16, 'name': 'Anim", 20),
            ("[{'id' 16}]", 7),
            ("[{id: 16}]", 2),
            ("[{'a': @}]", 7),
            ("{'id': 1}", 0),
            ("[{'a': '\\x4'}]", 8),
        ] {
            let err = list(input).unwrap_err();
            assert_eq!(err.offset, offset, "{input}: {err}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("[{{'a': {}{}}}]", "[".repeat(100_000), "]".repeat(100_000));
        let err = list(&deep).unwrap_err();
        assert_eq!(err.problem, "nesting deeper than 64 levels");
        let ok = format!("[{{'a': {}{}}}]", "[".repeat(60), "]".repeat(60));
        assert!(list(&ok).is_ok());
    }

    #[test]
    fn lists_longer_than_the_limit_keep_the_first_entries() {
        let at_limit = format!("[{}]", "{},".repeat(MAX_LIST_ITEMS));
        assert_eq!(list(&at_limit).unwrap().len(), MAX_LIST_ITEMS);
        let over = format!("[{}]", "{},".repeat(MAX_LIST_ITEMS + 1));
        let err = list(&over).unwrap_err();
        assert!(err.problem.contains(&MAX_LIST_ITEMS.to_string()), "{err}");
        assert_eq!(err.offset, 1 + 3 * MAX_LIST_ITEMS);
        let (kept, report) = lenient(&over);
        assert_eq!(kept.len(), MAX_LIST_ITEMS);
        assert_eq!(report.broken.map(|b| (b.index, b.start)), Some((MAX_LIST_ITEMS, 1 + 3 * MAX_LIST_ITEMS)));
    }

    #[test]
    fn borrowed_when_no_escape() {
        let mut p = Parser::new("'plain'");
        assert!(matches!(p.string(b'\'').unwrap(), Cow::Borrowed("plain")));
    }

    // ---- JSON ----------------------------------------------------------------------

    #[test]
    fn json_null_true_false_and_non_finite_floats() {
        let got = list(
            r#"[{"id": 3, "profile_path": null, "adult": true, "x": false, "n": NaN, "i": Infinity, "j": -Infinity, "name": "A"}]"#,
        )
        .unwrap();
        assert_eq!((got[0].id, got[0].name.as_deref()), (Some(3), Some("A")));
        assert_eq!(
            got[0].other,
            ["profile_path=None", "adult=Bool(true)", "x=Bool(false)", "n=Float(NaN)", "i=Float(inf)", "j=Float(-inf)"]
        );
        // Python's words and JSON's mix (a hand-edited field), and both nest.
        let got = list("[{'a': None, 'b': null, 'c': [true, {'d': False}], 'id': 1}]").unwrap();
        assert_eq!(got[0].other, ["a=None", "b=None", "c=Container"]);
    }

    #[test]
    fn json_words_need_a_word_boundary() {
        for text in ["[{'a': nullx}]", "[{'a': truely}]", "[{'a': falsey}]", "[{'a': nan}]", "[{'a': NULL}]"] {
            assert_eq!(list(text).unwrap_err().problem, "expected a value", "{text}");
        }
        assert_eq!(list("[{'a': -}]").unwrap_err().problem, "malformed number");
        assert_eq!(list("[{'a': -Inf}]").unwrap_err().problem, "malformed number");
    }

    #[test]
    fn json_null_field_is_an_empty_list_or_no_dict() {
        assert!(list("null").unwrap().is_empty());
        assert!(list(" null\n").unwrap().is_empty());
        assert_eq!(parse_dict::<Entry>("null").unwrap(), None);
        assert!(list("null x").is_err());
        let got: Option<Entry> =
            parse_dict(r#"{"id": 10194, "name": "Toy Story Collection", "backdrop_path": null}"#).unwrap();
        assert_eq!(got.unwrap().other, ["backdrop_path=None"]);
    }

    #[test]
    fn json_escapes_are_decoded() {
        let got = list(r#"[{"name": "Caf\u00e9 \u591c \ud83d\ude00 a\/b \"q\" \\ \b\f\n\r\t."}]"#).unwrap();
        assert_eq!(got[0].name.as_deref(), Some("Café 夜 😀 a/b \"q\" \\ \u{8}\u{c}\n\r\t."));
        // Upper-case hex digits, and a pair at the very end of the string.
        let got = list(r#"[{"name": "\uD83C\uDFAC"}]"#).unwrap();
        assert_eq!(got[0].name.as_deref(), Some("🎬"));
        // The escaped solidus in a single-quoted string too (an edited field).
        assert_eq!(list(r"[{'name': '\/x.jpg'}]").unwrap()[0].name.as_deref(), Some("/x.jpg"));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        for (text, want) in [
            (r#"[{"name": "a\ud83db"}]"#, "a\u{FFFD}b"),
            (r#"[{"name": "a\ude00b"}]"#, "a\u{FFFD}b"),
            (r#"[{"name": "\ud83d\u0041"}]"#, "\u{FFFD}A"),
            (r#"[{"name": "\ud83d\ud83d\ude00"}]"#, "\u{FFFD}😀"),
            (r#"[{"name": "\ud83d"}]"#, "\u{FFFD}"),
            (r#"[{"name": "\ud83d\n"}]"#, "\u{FFFD}"),
            (r#"[{"name": "\ud83d\u+c00"}]"#, "\u{FFFD}"),
            (r"[{'name': '\U0000d83d'}]", "\u{FFFD}"),
        ] {
            let got = list(text).map(|g| g[0].name.clone());
            match got {
                Ok(name) => assert_eq!(name.as_deref(), Some(want).filter(|w| !w.trim().is_empty()), "{text}"),
                // `\u+c00` is no low half, and no hex escape either.
                Err(err) => assert_eq!((text, err.problem), (r#"[{"name": "\ud83d\u+c00"}]"#, "bad hex escape")),
            }
        }
        // A high half cut short before its low half: an error, as any truncated `\u`.
        assert_eq!(list(r#"[{"name": "\ud83d\ude0"}]"#).unwrap_err().problem, "bad hex escape");
    }

    // ---- resynchronisation ---------------------------------------------------------

    #[test]
    fn a_malformed_entry_is_skipped_and_the_others_kept() {
        let text = "[{'id': 1}, {'id': @, 'name': 'x'}, {'id': 3}]";
        let (out, report) = lenient(text);
        assert_eq!(out.iter().map(|e| e.id).collect::<Vec<_>>(), [Some(1), Some(3)]);
        assert_eq!(report.skipped.len(), 1);
        let skipped = &report.skipped[0];
        assert_eq!((skipped.index, skipped.span.clone()), (1, 12..34));
        assert_eq!(&text[skipped.span.clone()], "{'id': @, 'name': 'x'}");
        assert_eq!(skipped.error, LiteralError { offset: 19, problem: "expected a value" });
        assert_eq!((report.unreported, &report.broken), (0, &None));
        assert_eq!(report.first_error(), Some(&skipped.error));
    }

    #[test]
    fn skipping_counts_brackets_and_ignores_those_in_strings() {
        let deep_bad = format!("[{{'id': 1}}, {{'x': {}{}, 'y': @}}, {{'id': 3}}]", "[".repeat(60), "]".repeat(60));
        for (text, kept, skipped) in [
            // Brackets, commas and escaped quotes inside the bad entry's strings.
            (r#"[{'id': 1}, {'x': ['a]', "b,}", (1, {2}), 'it\'s, ]'], 'y' 5}, {'id': 3}]"#, &[1, 3][..], 1),
            // Missing comma: the two dicts make one bad entry.
            ("[{'id': 1} {'id': 2}, {'id': 3}]", &[3][..], 0),
            // A stray closer after a whole dict.
            ("[{'id': 1}}, {'id': 3}]", &[3][..], 0),
            (r#"[{"id": 1}), {"id": 3}]"#, &[3][..], 0),
            // A bracket closed by the wrong kind, balanced in count.
            ("[{'id': 1, 'x': [2}], {'id': 3}]", &[3][..], 0),
            // Entries that are not dicts.
            ("[5, {'id': 1}, {'id': 3}]", &[1, 3], 0),
            ("[{'id': 1}, None, {'id': 3}]", &[1, 3], 1),
            ("[{'id': 1}, 'text, with [brackets', {'id': 3}]", &[1, 3], 1),
            ("[{'id': 1}, [{'id': 2}], {'id': 3}]", &[1, 3], 1),
            // A bad escape, a bad number, a missing colon, an unquoted key.
            (r"[{'id': 1}, {'name': '\x4'}, {'id': 3}]", &[1, 3], 1),
            ("[{'id': 1}, {'id': 1e}, {'id': 3}]", &[1, 3], 1),
            ("[{'id': 1}, {'id' 2}, {'id': 3}]", &[1, 3], 1),
            ("[{'id': 1}, {id: 2}, {'id': 3}]", &[1, 3], 1),
            // Nested 60 deep inside the bad entry (within the limit).
            (&deep_bad, &[1, 3], 1),
        ] {
            let (ids, skips, broken) = kept_and_skipped(text);
            assert_eq!(ids, kept.iter().copied().map(Some).collect::<Vec<_>>(), "{text}");
            assert_eq!(skips.iter().map(|s| s.0).collect::<Vec<_>>(), [skipped], "{text}");
            assert_eq!(broken, None, "{text}");
        }
    }

    #[test]
    fn skipped_spans_leave_out_blanks_and_may_be_empty() {
        let text = "[ {'id': 1} ,\n  {'id' @}\t , , {'id': 4},]";
        let (ids, skips, broken) = kept_and_skipped(text);
        assert_eq!(ids, [Some(1), Some(4)]);
        assert_eq!(skips, [(1, "{'id' @}"), (2, "")]);
        assert_eq!(broken, None);
        // A leading comma is an empty entry; a trailing one is allowed, as in Python.
        assert_eq!(kept_and_skipped("[, {'id': 2}, ]").1, [(0, "")]);
        assert_eq!(kept_and_skipped("[,]").1, [(0, "")]);
    }

    #[test]
    fn skipping_stops_at_the_depth_limit_as_the_parser_does() {
        // 64 levels inside the dict are read by the parser, so they are skipped too.
        let at_limit = format!("[{{'x': {}{}, 'y': @}}, {{'id': 2}}]", "[".repeat(64), "]".repeat(64));
        assert_eq!(kept_and_skipped(&at_limit).0, [Some(2)]);
        // One more and the entry's end cannot be found: the list breaks there.
        let over = format!("[{{'id': 1}}, {{'y': @, 'x': {}{}}}, {{'id': 2}}]", "[".repeat(65), "]".repeat(65));
        let (ids, skips, broken) = kept_and_skipped(&over);
        assert_eq!((ids, skips), (vec![Some(1)], vec![]));
        let broken = broken.unwrap();
        assert_eq!((broken.index, broken.start, broken.error.problem), (1, 12, "expected a value"));
    }

    #[test]
    fn a_list_cut_short_keeps_the_entries_before_the_cut() {
        for (text, ids, index, start, problem) in [
            // Cut inside a string (a field truncated at 32,767 characters by a spreadsheet).
            ("[{'id': 1}, {'id': 2}, {'id': 3, 'name': 'Th", vec![1, 2], 2, 23, "unterminated string"),
            // Cut inside a nested value, and right after a value.
            ("[{'id': 1}, {'id': 2, 'x': [1, (2", vec![1], 1, 12, "unterminated list or dict"),
            ("[{'id': 1}, {'id': 2", vec![1], 1, 12, "expected ',' or '}' after a dict value"),
            // Cut after a whole dict, or after a comma: every dict is kept.
            ("[{'id': 1}, {'id': 2}", vec![1, 2], 2, 21, "unterminated list"),
            ("[{'id': 1},  ", vec![1], 1, 13, "unterminated list"),
            ("[", vec![], 0, 1, "unterminated list"),
            // Unbalanced: a bracket opened in an entry is never closed.
            ("[{'id': 1}, {'id': [2}, {'id': 3}]", vec![1], 1, 12, "expected a quoted dict key"),
            // An unmatched quote swallows the rest of the list.
            (
                "[{'id': 1}, {'id': 2, 'name': 'O'Brien'}, {'id': 3}]",
                vec![1],
                1,
                12,
                "expected ',' or '}' after a dict value",
            ),
        ] {
            let (kept, broken) = {
                let (k, _, b) = kept_and_skipped(text);
                (k, b.unwrap_or_else(|| panic!("{text}")))
            };
            assert_eq!(kept, ids.into_iter().map(Some).collect::<Vec<_>>(), "{text}");
            assert_eq!((broken.index, broken.start, broken.error.problem), (index, start, problem), "{text}");
        }
    }

    #[test]
    fn text_after_the_list_keeps_every_entry() {
        let (ids, skips, broken) = kept_and_skipped("[{'id': 1}, {'id': 2}] trailing");
        assert_eq!((ids, skips), (vec![Some(1), Some(2)], vec![]));
        let broken = broken.unwrap();
        assert_eq!((broken.index, broken.start, broken.error.problem), (2, 23, "unexpected text after the value"));
        // Not a list at all: nothing kept, broken at the start.
        for text in ["{'id': 1}", "'text'", "None x", "null null", "x"] {
            let (out, report) = lenient(text);
            assert!(out.is_empty(), "{text}");
            assert_eq!(report.broken.map(|b| (b.index, b.start)), Some((0, 0)), "{text}");
        }
        let (out, report) = lenient("  [{'id': 1}] ]");
        assert_eq!((out.len(), report.broken.map(|b| (b.index, b.start))), (1, Some((1, 14))));
    }

    #[test]
    fn only_the_first_malformed_entries_are_reported_one_by_one() {
        let text = format!("[{}{{'id': 7}}]", "{'id': @}, ".repeat(25));
        let (out, report) = lenient(&text);
        assert_eq!(out.iter().map(|e| e.id).collect::<Vec<_>>(), [Some(7)]);
        assert_eq!(report.skipped.len(), MAX_REPORTED_ENTRIES);
        assert_eq!(
            report.skipped.iter().map(|s| s.index).collect::<Vec<_>>(),
            (0..MAX_REPORTED_ENTRIES).collect::<Vec<_>>()
        );
        assert_eq!((report.unreported, report.skipped_count(), &report.broken), (15, 25, &None));
    }

    #[test]
    fn skipped_entries_count_towards_the_list_limit() {
        let text = format!("[{}]", "x,".repeat(MAX_LIST_ITEMS + 5));
        let (out, report) = lenient(&text);
        assert!(out.is_empty());
        assert_eq!(report.skipped_count(), MAX_LIST_ITEMS);
        let broken = report.broken.unwrap();
        assert_eq!((broken.index, broken.error.problem), (MAX_LIST_ITEMS, "list longer than the limit of 10000 items"));
    }

    #[test]
    fn hostile_lists_take_linear_time() {
        // Each shape makes every entry fail, after the parser read as far as it could.
        let n = 200_000;
        for shape in [
            "{'a': [1}], ",                        // a bracket closed by the dict's brace
            "{'a': 1, 'b': [[[[[[[[]]]]]]]] @}, ", // the error at the end of each entry
            "{'a': 'x\\'y', 'b': (1, 2) 'c'}, ",   // escaped quotes and a missing comma
            "{}{}, ",                              // two dicts in one entry
            ", ",                                  // empty entries
        ] {
            let text = format!("[{}{{'id': 1}}]", shape.repeat(n.min(MAX_LIST_ITEMS - 1)));
            let started = std::time::Instant::now();
            let (out, report) = lenient(&text);
            assert!(started.elapsed().as_secs() < 20, "{shape}: {:?}", started.elapsed());
            assert_eq!(out.len(), 1, "{shape}");
            assert_eq!(report.skipped_count(), MAX_LIST_ITEMS - 1, "{shape}");
        }
        // One huge bad entry, and one entry opening brackets right up to the limit many times.
        let huge = format!("[{{'a': @, 'b': '{}'}}, {{'id': 1}}]", "x".repeat(8 << 20));
        assert_eq!(lenient(&huge).0.len(), 1);
        let deep =
            format!("[{}{{'id': 1}}]", format!("{{'a': {}{} @}}, ", "(".repeat(64), ")".repeat(64)).repeat(2_000));
        assert_eq!(lenient(&deep).0.len(), 1);
    }
}
