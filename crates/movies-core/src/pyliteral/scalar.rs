//! What the parser hands to the caller: one scalar value at a time, into a record that
//! says which keys it wants.

use std::borrow::Cow;

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
