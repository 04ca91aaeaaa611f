//! Property tests of the core, one module per subject:
//! - `accounting`: random CSV files mixing valid and invalid movie, rating, link,
//!   credits and keyword rows (random field counts, stray line breaks, bad ids,
//!   duplicates, garbage lines, shuffled columns) account for every record, whether fed
//!   whole or one byte at a time, and so do they under record limits small enough to be
//!   hit;
//! - `csv_round_trip`: rows written as CSV by the core's writer read back to the same
//!   values;
//! - `literals`: the Python-literal parser never panics, reads JSON as it reads Python
//!   literals, skips a damaged entry keeping the others, and keeps what precedes a cut.

#[path = "../common/mod.rs"]
mod common;

mod accounting;
mod csv_round_trip;
mod literals;
