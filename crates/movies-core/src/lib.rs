//! The transform core of the movies explorer.
//!
//! Turns the files of Kaggle's "The Movies Dataset" into the cleaned data model, the
//! metric tables and an error log that accounts for every rejected record, as
//! `../shared/SPEC.md` defines them. The crate does no file-system or browser I/O: it
//! is fed readers and pushes rows into a [`Sink`], so the same code runs in the
//! command-line tool and, compiled to WebAssembly, in the browser's worker.
//!
//! The flow, for each input file:
//! 1. [`archive::Archive`] finds the file in a zip (or the caller opens it);
//! 2. [`FileJob`] reads its header, then cleans records in steps: [`records`] splits the
//!    CSV, [`pyliteral`] parses the list columns, [`values`] the scalars, and the
//!    cleaners apply the rules, repairing split records;
//! 3. rows go to a [`Sink`]: [`export::StreamingSink`] writes them as CSV and NDJSON;
//! 4. from the kept movies, [`Metrics::compute`] answers the questions and
//!    [`export::write_movie_tables`] writes the movie and metric tables.

pub mod archive;
mod clean;
pub mod collect;
pub mod diff;
pub mod drill;
pub mod encoding;
pub mod error;
pub mod export;
pub mod gzip;
pub mod input;
pub mod issues;
pub mod kept;
pub mod metrics;
pub mod model;
pub mod origin;
pub mod pages;
pub mod parts;
pub mod pipeline;
pub mod pyliteral;
pub mod ranking;
mod recognise;
pub mod records;
pub mod schema;
pub mod sink;
pub mod sniff;
pub mod sources;
pub mod values;

pub use error::{InputError, InputErrorKind};
pub use input::InputFile;
pub use metrics::Metrics;
pub use pipeline::{FileJob, FileReport, Step};
pub use records::Limits;
pub use schema::Table;
pub use sink::Sink;
