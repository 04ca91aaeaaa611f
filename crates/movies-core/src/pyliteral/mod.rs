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

// The parts, from the bottom up (each uses only those before it): `limits`, the bounds of
// a literal; `scalar`, the values handed to the caller; `report`, the account of what
// could not be read; `parser`, the reading position and its tokens; `strings`, quoted
// strings; `dict`, one dict and its values; `skip`, the skipping of a malformed list
// entry; `list`, the list read entry by entry.
mod dict;
mod limits;
mod list;
mod parser;
mod report;
mod scalar;
mod skip;
mod strings;
#[cfg(test)]
mod tests;

pub use dict::parse_dict;
pub use limits::{MAX_DEPTH, MAX_LIST_ITEMS, MAX_REPORTED_ENTRIES};
pub use list::parse_dict_list;
pub use report::{BrokenList, ListReport, LiteralError, SkippedEntry};
pub use scalar::{FromDict, Scalar};
