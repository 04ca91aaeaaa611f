//! One dict of `key: value` pairs fed into a [`FromDict`] record, the scalar values in
//! it, and the nested containers it holds, skipped without recursion.

use super::limits::MAX_DEPTH;
use super::parser::Parser;
use super::report::Result;
use super::scalar::{FromDict, Scalar};

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

impl<'a> Parser<'a> {
    pub(super) fn dict<T: FromDict<'a>>(&mut self) -> Result<T> {
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

    pub(super) fn scalar(&mut self) -> Result<Scalar<'a>> {
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

    pub(super) fn number(&mut self) -> Result<Scalar<'a>> {
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

    /// Skips a nested list, dict, tuple or set without recursion.
    pub(super) fn skip_container(&mut self) -> Result<()> {
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
