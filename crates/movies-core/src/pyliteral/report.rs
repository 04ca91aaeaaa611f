//! The account of what could not be read: the error at a byte offset, the list entries
//! skipped and where a list stopped being readable.

use std::fmt;
use std::ops::Range;

use super::limits::MAX_REPORTED_ENTRIES;

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

pub(super) type Result<T> = std::result::Result<T, LiteralError>;

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

/// What [`parse_dict_list`](super::parse_dict_list) could not read; the default, clean report says "nothing".
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

    /// Counts a skipped entry, keeping it when fewer than [`MAX_REPORTED_ENTRIES`] are.
    pub(super) fn skip(&mut self, entry: SkippedEntry) {
        if self.skipped.len() < MAX_REPORTED_ENTRIES {
            self.skipped.push(entry);
        } else {
            self.unreported += 1;
        }
    }
}
