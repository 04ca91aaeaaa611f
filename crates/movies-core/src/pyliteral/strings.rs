//! Quoted strings: borrowed from the field when they hold no escape, else unescaped
//! (Python's escapes and JSON's `\/` and `\uXXXX` surrogate pairs).

use std::borrow::Cow;

use super::parser::Parser;
use super::report::{LiteralError, Result};

impl<'a> Parser<'a> {
    /// Parses a quoted string starting at the opening quote `quote`.
    pub(super) fn string(&mut self, quote: u8) -> Result<Cow<'a, str>> {
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
    pub(super) fn escaped_string_rest(&mut self, quote: u8, mut text: String) -> Result<Cow<'a, str>> {
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
    pub(super) fn escape(&mut self, text: &mut String) -> Result<()> {
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
    pub(super) fn low_surrogate(&self, at: usize) -> Option<u32> {
        let escape = self.bytes.get(at..at + 6)?;
        if escape[..2] != *b"\\u" || !escape[2..].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let code = u32::from_str_radix(&self.src[at + 2..at + 6], 16).ok()?;
        (0xDC00..0xE000).contains(&code).then_some(code)
    }
}
