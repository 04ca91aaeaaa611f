//! The record reader and cleaners on arbitrary bytes, as each of the five input files:
//! whatever the bytes, a file either fails as a whole with an `InputError` or every
//! record is accounted for (`records_read = rows_accepted + rows_rejected`, one
//! error-log row per rejection and per warning).
//!
//! The first byte picks the input file and the limits; the rest is the file. It is
//! cleaned twice, whole and one byte per read, which must give the same counts.

#![no_main]

use std::io::{self, Read};

use libfuzzer_sys::fuzz_target;
use movies_core::model::{CastRow, CrewRow, Issue, KeywordRow, LinkRow, Movie, RatingRow, Severity};
use movies_core::{FileJob, FileReport, InputFile, Limits, Sink, Step};

/// Counts what it receives.
#[derive(Default, Debug, PartialEq)]
struct Counting {
    errors: u64,
    warnings: u64,
    rows: u64,
}

impl Sink for Counting {
    fn movie(&mut self, _: Movie) -> io::Result<()> {
        self.rows += 1;
        Ok(())
    }
    fn keyword(&mut self, _: &KeywordRow<'_>) -> io::Result<()> {
        self.rows += 1;
        Ok(())
    }
    fn cast(&mut self, _: &CastRow<'_>) -> io::Result<()> {
        self.rows += 1;
        Ok(())
    }
    fn crew(&mut self, _: &CrewRow<'_>) -> io::Result<()> {
        self.rows += 1;
        Ok(())
    }
    fn link(&mut self, _: &LinkRow) -> io::Result<()> {
        self.rows += 1;
        Ok(())
    }
    fn rating(&mut self, _: &RatingRow) -> io::Result<()> {
        self.rows += 1;
        Ok(())
    }
    fn issue(&mut self, issue: &Issue) -> io::Result<()> {
        match issue.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        Ok(())
    }
}

/// A reader that hands out one byte per `read`.
struct OneByte<'a>(&'a [u8]);

impl Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&byte, rest)), Some(slot)) => {
                *slot = byte;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

/// Cleans `csv` as `file`; `None` when the file fails as a whole.
fn clean<R: Read>(file: InputFile, csv: R, limits: Limits, step: usize) -> Option<(FileReport, Counting)> {
    let mut job = FileJob::open(file, file.file_name(), csv, limits).ok()?;
    let mut sink = Counting::default();
    loop {
        match job.step(&mut sink, step) {
            Ok(Step::More) => {}
            Ok(Step::Done) => break,
            Err(e) => panic!("{file}: a byte slice cannot fail to read: {e}"),
        }
    }
    let report = job.report().clone();
    assert_eq!(report.records_read, report.rows_accepted + report.rows_rejected, "{report:?}");
    assert_eq!(sink.errors, report.rows_rejected, "{report:?}");
    assert_eq!(sink.warnings, report.warnings, "{report:?}");
    Some((report, sink))
}

/// Small limits, so that the fuzzer reaches them with small inputs.
const LIMITS: Limits = Limits { max_record_bytes: 4096, max_fields: 64 };

fuzz_target!(|data: &[u8]| {
    let Some((&pick, csv)) = data.split_first() else {
        return;
    };
    let file = InputFile::ALL[usize::from(pick) % InputFile::ALL.len()];
    let limits = if pick / 5 % 2 == 0 { Limits::default() } else { LIMITS };
    let whole = clean(file, csv, limits, 7);
    let trickled = clean(file, OneByte(csv), limits, 1);
    assert_eq!(whole.is_some(), trickled.is_some(), "{file}: opens whole but not one byte at a time, or back");
    if let (Some(whole), Some(trickled)) = (whole, trickled) {
        assert_eq!(whole, trickled, "{file}: whole and one byte at a time differ");
    }
});
