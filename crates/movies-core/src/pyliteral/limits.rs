//! The bounds of what one literal may hold, which keep hostile text cheap in time,
//! stack and memory.

/// Deepest nesting accepted inside a value that is skipped.
pub const MAX_DEPTH: usize = 64;

/// Most dicts a list may hold. The longest lists of the dataset (crews) have a few
/// hundred entries; every entry is kept until its record is emitted, so a field of
/// tens of thousands of tiny dicts (`{},{},...`) would otherwise cost a hundred times
/// its size in memory.
pub const MAX_LIST_ITEMS: usize = 10_000;

/// Most malformed entries of one list reported one by one; the others are only counted
/// ([`ListReport::unreported`](super::ListReport::unreported)), so that a field of a million bad entries gives a few
/// error-log rows, not a million.
pub const MAX_REPORTED_ENTRIES: usize = 10;
