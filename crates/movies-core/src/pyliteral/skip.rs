//! The skipping of a malformed list entry: finding the `,` or `]` that ends it, so that
//! the entries after it are still read.

use super::limits::MAX_DEPTH;
use super::parser::Parser;
use super::report::{BrokenList, ListReport, LiteralError, SkippedEntry};

impl Parser<'_> {
    /// Skips the malformed entry `index` starting at `start` (which failed with
    /// `error`) to the `,` or `]` that ends it, reporting it; or, when its end cannot be
    /// found, reports the list broken there.
    #[cold]
    #[inline(never)]
    pub(super) fn skip_entry(
        &mut self,
        start: usize,
        index: usize,
        error: LiteralError,
        report: &mut ListReport,
    ) -> AfterSkip {
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
}

/// Where reading goes on after a malformed entry was skipped.
pub(super) enum AfterSkip {
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
