//! The reading position in one field, and the token-level steps every rule takes:
//! blanks, one expected byte, a keyword, the end of the text.

use super::report::{LiteralError, Result};

/// A field being read, and how far.
pub(super) struct Parser<'a> {
    pub(super) src: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
}

impl<'a> Parser<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Parser { src, bytes: src.as_bytes(), pos: 0 }
    }

    pub(super) fn err<T>(&self, problem: &'static str) -> Result<T> {
        Err(LiteralError { offset: self.pos, problem })
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    pub(super) fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn expect(&mut self, byte: u8, problem: &'static str) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            self.err(problem)
        }
    }

    pub(super) fn eat_word(&mut self, word: &str) -> bool {
        let end = self.pos + word.len();
        let matches = self.bytes.get(self.pos..end) == Some(word.as_bytes())
            && !self.bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if matches {
            self.pos = end;
        }
        matches
    }

    pub(super) fn expect_end(&mut self) -> Result<()> {
        self.skip_ws();
        if self.at_end() {
            Ok(())
        } else {
            self.err("unexpected text after the value")
        }
    }
}
