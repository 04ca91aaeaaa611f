//! Cleaning of records: one module per input file, on a shared frame.
//!
//! A cleaner first [`check`](Cleaner::check)s a record without side effects (the
//! rules that reject a row: ids, duplicates, unusable amounts), then, once the record
//! is accepted, [`emit`](Cleaner::emit)s its rows and warnings into the sink. The split
//! lets the pipeline try a repaired record before committing to it.

mod credits;
mod keywords;
mod links;
mod movies;
mod ratings;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io;

pub(crate) use credits::CreditsCleaner;
pub(crate) use keywords::KeywordsCleaner;
pub(crate) use links::LinksCleaner;
pub(crate) use movies::MoviesCleaner;
pub(crate) use ratings::RatingsCleaner;

use crate::encoding::field_text;
use crate::input::InputFile;
use crate::model::{raw_excerpt, Issue, Named, NamedEntry, Severity};
use crate::pyliteral::{parse_dict_list, FromDict, ListReport, MAX_REPORTED_ENTRIES};
use crate::records::Fields;
use crate::sink::Sink;

/// Most distinct entries kept from a `genres` or `production_companies` list. TMDB has
/// 20 genres and no movie of the dataset lists more than about 30 companies; every
/// genre × company pair of a movie becomes a `movies_aggregated` row, so this keeps
/// one hostile record from making more than 10,000 of them.
pub(crate) const MAX_NAMED_ENTRIES: usize = 100;

/// The columns the cleaner of `file` reads.
fn columns(file: InputFile) -> &'static [ColumnSpec] {
    match file {
        InputFile::MoviesMetadata => MoviesCleaner::COLUMNS,
        InputFile::Credits => CreditsCleaner::COLUMNS,
        InputFile::Keywords => KeywordsCleaner::COLUMNS,
        InputFile::Links => LinksCleaner::COLUMNS,
        InputFile::Ratings => RatingsCleaner::COLUMNS,
    }
}

/// The columns `file` cannot do without.
pub(crate) fn required_columns(file: InputFile) -> impl Iterator<Item = &'static str> {
    columns(file).iter().filter(|c| c.required).map(|c| c.name)
}

/// The column of `file` named `name`, as the error log names it.
pub(crate) fn column_named(file: InputFile, name: &str) -> Option<&'static str> {
    columns(file).iter().find(|c| c.name == name).map(|c| c.name)
}

/// A column a cleaner reads, and whether the file is unusable without it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ColumnSpec {
    pub name: &'static str,
    pub required: bool,
}

/// A required column.
pub(crate) const fn required(name: &'static str) -> ColumnSpec {
    ColumnSpec { name, required: true }
}

/// An optional column (null when absent from the header).
pub(crate) const fn optional(name: &'static str) -> ColumnSpec {
    ColumnSpec { name, required: false }
}

/// A record seen through the header: fields by the cleaner's column index.
#[derive(Clone, Copy)]
pub(crate) struct Record<'r> {
    fields: Fields<'r>,
    positions: &'r [Option<usize>],
}

impl<'r> Record<'r> {
    pub fn new(fields: Fields<'r>, positions: &'r [Option<usize>]) -> Self {
        Record { fields, positions }
    }

    /// The raw bytes of the cleaner's column `col` (empty when the column is absent).
    #[inline]
    pub fn get(&self, col: usize) -> &'r [u8] {
        match self.positions[col] {
            Some(i) => self.fields.get(i),
            None => &[],
        }
    }
}

/// Why a record is rejected.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rejection {
    pub column: Option<&'static str>,
    pub reason: Cow<'static, str>,
    pub raw: Option<String>,
    pub movie_id: Option<i64>,
}

impl Rejection {
    /// A rejection caused by the value of one column.
    pub fn value(column: &'static str, reason: impl Into<Cow<'static, str>>, raw: &[u8]) -> Self {
        Rejection {
            column: Some(column),
            reason: reason.into(),
            raw: Some(raw_excerpt(&String::from_utf8_lossy(raw))),
            movie_id: None,
        }
    }

    /// Adds the record's id to the rejection.
    pub fn with_id(mut self, id: Option<i64>) -> Self {
        self.movie_id = id;
        self
    }
}

/// Remembers accepted ids to reject later duplicates, with the line of the first one.
#[derive(Debug, Default)]
pub(crate) struct SeenIds(HashMap<i64, u64>);

impl SeenIds {
    /// Fails when `id` was accepted before.
    pub fn check(&self, column: &'static str, id: i64) -> Result<(), Rejection> {
        match self.0.get(&id) {
            Some(line) => Err(Rejection {
                column: Some(column),
                reason: format!("duplicate id (first accepted on line {line})").into(),
                raw: Some(id.to_string()),
                movie_id: Some(id),
            }),
            None => Ok(()),
        }
    }

    /// Records an accepted id.
    pub fn insert(&mut self, id: i64, line: u64) {
        self.0.insert(id, line);
    }
}

/// A cleaner of one input file.
pub(crate) trait Cleaner {
    /// The input file this cleaner reads.
    const FILE: InputFile;
    /// The columns it reads; [`Record::get`] indexes this list.
    const COLUMNS: &'static [ColumnSpec];
    /// What `check` found, handed to `emit`.
    type Checked;
    /// Applies the rejection rules, without side effects.
    fn check(&self, rec: &Record<'_>) -> Result<Self::Checked, Rejection>;
    /// The id the error log shows for the record.
    fn record_id(checked: &Self::Checked) -> Option<i64>;
    /// Emits the rows and warnings of an accepted record.
    fn emit(&mut self, checked: Self::Checked, rec: &Record<'_>, out: &mut Emit<'_>) -> io::Result<()>;
    /// Accepts and emits, in one pass, a record read in place (see [`Fields::line`])
    /// whose fields are exactly the cleaner's columns in order, when it is in the
    /// file's plain form: valid, giving no warning. `None` sends the record through
    /// `check` and `emit`. Only worth having for a file of many short records (ratings).
    #[inline]
    fn plain_line(&mut self, _fields: Fields<'_>, _sink: &mut dyn Sink) -> Option<io::Result<()>> {
        None
    }
}

/// What a cleaner writes to while emitting one record.
pub(crate) struct Emit<'s> {
    pub sink: &'s mut dyn Sink,
    pub file: InputFile,
    pub line: u64,
    pub movie_id: Option<i64>,
    pub warnings: &'s mut u64,
    pub windows_1252_fields: &'s mut u64,
}

impl Emit<'_> {
    /// A field as text: UTF-8, or Windows-1252 when it is not (warned once per file).
    pub fn text<'f>(&mut self, column: &'static str, bytes: &'f [u8]) -> io::Result<Cow<'f, str>> {
        let (text, fallback) = field_text(bytes);
        if fallback {
            *self.windows_1252_fields += 1;
            if *self.windows_1252_fields == 1 {
                let reason =
                    "file is not valid UTF-8: decoded as Windows-1252 from here on (this warning is given once)";
                self.warn(column, reason, &text)?;
            }
        }
        Ok(text)
    }

    /// Trimmed text of a column, `None` when empty.
    pub fn opt_text(&mut self, column: &'static str, bytes: &[u8]) -> io::Result<Option<String>> {
        let text = self.text(column, bytes)?;
        Ok(crate::values::text(&text).map(str::to_owned))
    }

    /// Logs a warning: the record is kept and the value of `column` set to null (or, for
    /// a list, the entries `reason` names left out).
    pub fn warn(&mut self, column: &'static str, reason: impl Into<Cow<'static, str>>, raw: &str) -> io::Result<()> {
        *self.warnings += 1;
        self.sink.issue(&Issue {
            file: self.file,
            line: self.line,
            movie_id: self.movie_id,
            severity: Severity::Warning,
            column: Some(column),
            reason: reason.into(),
            raw_value: Some(raw_excerpt(raw)),
        })
    }

    /// Logs a warning about raw bytes.
    pub fn warn_bytes(&mut self, column: &'static str, reason: &'static str, raw: &[u8]) -> io::Result<()> {
        self.warn(column, reason, &String::from_utf8_lossy(raw))
    }

    /// A value parsed by `parse`, or null plus a warning when it is unusable.
    pub fn or_warn<T>(
        &mut self,
        column: &'static str,
        raw: &[u8],
        parse: impl FnOnce(&[u8]) -> Result<Option<T>, &'static str>,
    ) -> io::Result<Option<T>> {
        match parse(raw) {
            Ok(value) => Ok(value),
            Err(reason) => {
                self.warn_bytes(column, reason, raw)?;
                Ok(None)
            }
        }
    }

    /// Parses the list of dicts `text` of `column` into `out`. The entries that parse are
    /// kept; each malformed one is skipped with a warning giving its index, its bytes in
    /// the field and, as raw value, its text; a list that cannot be read to its end keeps
    /// the entries before the break, with one warning (see [`parse_dict_list`]).
    pub fn dict_list<'t, T: FromDict<'t>>(
        &mut self,
        column: &'static str,
        text: &'t str,
        out: &mut Vec<T>,
    ) -> io::Result<()> {
        let start = out.len();
        let report = parse_dict_list(text, out);
        if report.is_clean() {
            return Ok(());
        }
        self.list_warnings(column, text, &report, out.len() - start)
    }

    /// The warnings of a list that was not read whole; `kept` entries were read.
    #[cold]
    #[inline(never)]
    fn list_warnings(&mut self, column: &'static str, text: &str, report: &ListReport, kept: usize) -> io::Result<()> {
        for skipped in &report.skipped {
            let span = &skipped.span;
            let reason = format!(
                "list entry at index {} (bytes {}..{}) skipped, the other entries kept: {}",
                skipped.index, span.start, span.end, skipped.error
            );
            self.warn(column, reason, &text[span.clone()])?;
        }
        if report.unreported > 0 {
            let reason = format!(
                "{} more malformed list entries skipped (only the first {MAX_REPORTED_ENTRIES} are logged one by one)",
                report.unreported
            );
            self.warn(column, reason, text)?;
        }
        if let Some(broken) = &report.broken {
            if broken.index == 0 {
                // Nothing could be read: the field is an empty list.
                self.warn(column, broken.error.to_string(), text)?;
            } else {
                let reason = format!(
                    "{}: the list cannot be read from entry {} (byte {}) on; the {kept} entries read before it kept",
                    broken.error, broken.index, broken.start
                );
                self.warn(column, reason, &text[broken.start..])?;
            }
        }
        Ok(())
    }

    /// Parses a list of `{'id', 'name'}` dicts: entries distinct by id, entries with
    /// no id dropped, at most [`MAX_NAMED_ENTRIES`] kept (a warning says how many were
    /// left out); malformed entries are skipped as [`Emit::dict_list`] says.
    pub fn named_list(&mut self, column: &'static str, raw: &[u8]) -> io::Result<Vec<Named>> {
        let text = self.text(column, raw)?;
        let mut entries: Vec<NamedEntry<'_>> = Vec::new();
        self.dict_list(column, &text, &mut entries)?;
        let mut out: Vec<Named> = Vec::with_capacity(entries.len().min(MAX_NAMED_ENTRIES));
        let mut seen = HashSet::with_capacity(out.capacity());
        let (mut without_id, mut beyond) = (0, 0);
        for entry in entries {
            match entry.id {
                Some(id) if !seen.insert(id) => {}
                Some(_) if out.len() == MAX_NAMED_ENTRIES => beyond += 1,
                Some(id) => out.push(Named { id, name: entry.name.map(Cow::into_owned) }),
                None => without_id += 1,
            }
        }
        if without_id > 0 {
            self.warn(column, format!("{without_id} entries without an integer id left out"), &text)?;
        }
        if beyond > 0 {
            let reason = format!("{beyond} entries beyond the limit of {MAX_NAMED_ENTRIES} per movie left out");
            self.warn(column, reason, &text)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collect::CollectSink;

    /// `named_list` of `literal`: the entries kept and the warnings given.
    fn named(literal: &str) -> (Vec<Named>, Vec<String>) {
        let (kept, issues) = named_issues(literal);
        (kept, issues.iter().map(|i| i.reason.to_string()).collect())
    }

    /// `named_list` of `literal`: the entries kept and the error-log rows, after checking
    /// that each row is a counted warning on the column.
    fn named_issues(literal: &str) -> (Vec<Named>, Vec<Issue>) {
        let mut sink = CollectSink::default();
        let (mut warnings, mut windows_1252) = (0, 0);
        let mut emit = Emit {
            sink: &mut sink,
            file: InputFile::MoviesMetadata,
            line: 2,
            movie_id: Some(1),
            warnings: &mut warnings,
            windows_1252_fields: &mut windows_1252,
        };
        let kept = emit.named_list("production_companies", literal.as_bytes()).unwrap();
        assert_eq!(warnings, sink.issues.len() as u64, "every warning counted");
        for issue in &sink.issues {
            assert_eq!(
                (issue.severity, issue.column, issue.line),
                (Severity::Warning, Some("production_companies"), 2)
            );
        }
        (kept, sink.issues)
    }

    fn ids(kept: &[Named]) -> Vec<i64> {
        kept.iter().map(|n| n.id).collect()
    }

    #[test]
    fn a_malformed_entry_is_logged_with_its_position_and_the_others_kept() {
        let text = "[{'id': 3, 'name': 'A'}, {'id': 5, 'name': null 'x'}, {'id': 4, 'name': 'B'}]";
        let (kept, issues) = named_issues(text);
        assert_eq!(ids(&kept), [3, 4]);
        assert_eq!(kept[1].name.as_deref(), Some("B"));
        assert_eq!(issues.len(), 1);
        let bad = "{'id': 5, 'name': null 'x'}";
        let (start, at) = (text.find(bad).unwrap(), text.find(" 'x'").unwrap() + 1);
        assert_eq!(
            issues[0].reason,
            format!(
                "list entry at index 1 (bytes {start}..{}) skipped, the other entries kept: \
                 malformed Python literal at byte {at}: expected ',' or '}}' after a dict value",
                start + bad.len()
            )
        );
        assert_eq!(issues[0].raw_value.as_deref(), Some(bad));
        assert_eq!(issues[0].movie_id, Some(1));
    }

    #[test]
    fn a_list_cut_short_keeps_the_entries_before_the_cut_with_one_warning() {
        let text = "[{'id': 3, 'name': 'A'}, {'id': 4, 'name': 'B'}, {'id': 6, 'name': 'Cut h";
        let (kept, issues) = named_issues(text);
        assert_eq!(ids(&kept), [3, 4]);
        let start = text.find("{'id': 6").unwrap();
        assert_eq!(
            issues.iter().map(|i| (i.reason.to_string(), i.raw_value.clone().unwrap())).collect::<Vec<_>>(),
            [(
                format!(
                    "malformed Python literal at byte {}: unterminated string: the list cannot be read \
                     from entry 2 (byte {start}) on; the 2 entries read before it kept",
                    text.find("'Cut").unwrap()
                ),
                text[start..].to_owned()
            )]
        );
        // Nothing read: the message is the parser's alone, the raw value the field.
        let (kept, issues) = named_issues("{'id': 3}");
        assert!(kept.is_empty());
        assert_eq!(issues[0].reason, "malformed Python literal at byte 0: expected '[' to open a list");
        assert_eq!(issues[0].raw_value.as_deref(), Some("{'id': 3}"));
    }

    #[test]
    fn many_malformed_entries_give_a_bounded_number_of_warnings() {
        let text = format!("[{}{{'id': 9}}]", "{'id': @}, ".repeat(1000));
        let (kept, issues) = named_issues(&text);
        assert_eq!(ids(&kept), [9]);
        assert_eq!(issues.len(), MAX_REPORTED_ENTRIES + 1);
        assert!(issues[9].reason.starts_with("list entry at index 9 (bytes 100..109) skipped"), "{}", issues[9].reason);
        assert_eq!(
            issues[10].reason,
            "990 more malformed list entries skipped (only the first 10 are logged one by one)"
        );
    }

    #[test]
    fn json_lists_read_as_python_ones() {
        let python = named("[{'id': 3, 'name': 'Caf\\xe9 \\'Noir\\''}, {'id': 4, 'name': None}]");
        let json = named(r#"[{"id": 3, "name": "Caf\u00e9 'Noir'"}, {"id": 4, "name": null}]"#);
        assert_eq!(python, json);
        assert_eq!(json.0[0].name.as_deref(), Some("Café 'Noir'"));
        assert!(json.1.is_empty());
    }

    #[test]
    fn named_lists_keep_distinct_ids_up_to_the_limit() {
        let (kept, warnings) = named("[{'id': 3, 'name': 'A'}, {'id': 3, 'name': 'B'}, {'name': 'C'}, {'id': 4}]");
        assert_eq!(kept.iter().map(|n| n.id).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(warnings, ["1 entries without an integer id left out"]);

        // 10,000 distinct ids (the most a literal list may hold) in linear time, 100 kept.
        let many = format!("[{}]", (1..=10_000).map(|i| format!("{{'id': {i}}}")).collect::<Vec<_>>().join(","));
        let (kept, warnings) = named(&many);
        assert_eq!(kept.len(), MAX_NAMED_ENTRIES);
        assert_eq!(kept.last().map(|n| n.id), Some(100));
        assert_eq!(warnings, ["9900 entries beyond the limit of 100 per movie left out"]);
    }
}
