//! Errors that stop a whole input file or archive, with where and what to do.
//!
//! Problems with single records are not errors: they go to the error log.

use std::fmt;
use std::io;

use crate::input::InputFile;
use crate::records::LimitHit;

/// A file-level failure: which file, where, what is wrong.
#[derive(Debug)]
pub struct InputError {
    /// The input concerned, when known.
    pub file: Option<InputFile>,
    /// The path as the user knows it (archive entry or file name).
    pub source: String,
    /// Line in the file, when the problem has one.
    pub line: Option<u64>,
    /// What is wrong.
    pub kind: InputErrorKind,
}

/// What is wrong with an input.
#[derive(Debug)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// Reading failed (truncated file, corrupt compressed data, I/O error).
    Io(io::Error),
    /// The file has no header row.
    Empty,
    /// The header lacks columns the file cannot do without.
    MissingColumns {
        /// The required columns not found.
        missing: Vec<&'static str>,
        /// The header as found.
        found: Vec<String>,
    },
    /// A column the cleaner reads appears twice in the header.
    DuplicateColumn {
        /// The column.
        column: &'static str,
        /// 1-based position of its first occurrence.
        first: usize,
        /// 1-based position of the second.
        second: usize,
    },
    /// The header row breaks a size limit.
    HeaderTooLarge(LimitHit),
    /// The archive cannot be read as a zip file.
    NotAZip(String),
    /// An entry is encrypted.
    Encrypted,
    /// An entry uses a compression method this reader does not support.
    UnsupportedCompression(String),
    /// An entry inflates to more than its declared size (corrupt or a zip bomb).
    InflatesBeyondDeclaredSize(u64),
    /// An entry would inflate to more than [`MAX_COMPRESSION_RATIO`] times its
    /// compressed size: a zip bomb.
    ///
    /// [`MAX_COMPRESSION_RATIO`]: crate::archive::MAX_COMPRESSION_RATIO
    CompressionRatioTooHigh {
        /// Declared (or, in a salvaged archive, inflated so far) uncompressed size.
        declared: u64,
        /// Compressed size.
        compressed: u64,
        /// The limit, as uncompressed bytes per compressed byte.
        limit: u64,
    },
    /// The archive ends inside this entry's data (a download cut short).
    EntryTruncated {
        /// Compressed bytes of the entry present in the file.
        present: u64,
        /// Its compressed size, `u64::MAX` when not known.
        compressed: u64,
    },
    /// An entry's data is corrupt (what is wrong with it).
    CorruptEntry(&'static str),
    /// The archive's central directory is unreadable: its entries were found by their
    /// local headers, and those stored completely were processed.
    ArchiveSalvaged {
        /// Entries found.
        entries: usize,
        /// Why the central directory could not be read.
        why: String,
    },
    /// An entry declares a size beyond what this dataset can be.
    DeclaredSizeTooLarge {
        /// Declared uncompressed size.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// None of the five dataset files was found.
    NoDatasetFiles {
        /// What each input held instead, in words (escaped, ready to show).
        found: Vec<String>,
        /// What to do, when one input says it better than the general hint.
        hint: Option<&'static str>,
    },
    /// The file is not CSV but something else, recognised by its first bytes.
    NotCsv(crate::sniff::Content),
    /// A gzip-compressed file's data is corrupt or cut short.
    CorruptGzip,
    /// A pipe (an input read once, as it comes) was given beside other inputs.
    StreamAmongOthers,
    /// The work was cancelled by the user.
    Cancelled,
}

impl InputError {
    /// An error about `file`, read from `source`.
    pub fn new(file: InputFile, source: &str, kind: InputErrorKind) -> Self {
        InputError { file: Some(file), source: source.to_owned(), line: None, kind }
    }

    /// An error about an archive or path, before any file is recognised.
    pub fn archive(source: &str, kind: InputErrorKind) -> Self {
        InputError { file: None, source: source.to_owned(), line: None, kind }
    }

    /// A read failure of `file` (with the kind a reader down the stack put in it, see
    /// [`InputErrorKind::from_io`]).
    pub fn io(file: InputFile, source: &str, err: io::Error) -> Self {
        InputError::new(file, source, InputErrorKind::from_io(err))
    }

    /// Adds the line the problem was found on.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// A short hint of what the user can do.
    pub fn hint(&self) -> &'static str {
        match &self.kind {
            InputErrorKind::Io(e) if e.kind() == io::ErrorKind::NotFound => "check the path: nothing is there",
            InputErrorKind::Io(_) | InputErrorKind::InflatesBeyondDeclaredSize(_) | InputErrorKind::CorruptEntry(_) => {
                "the file looks truncated or corrupt: download it again"
            }
            InputErrorKind::EntryTruncated { .. } => {
                "the archive was cut short (interrupted download?): the rows before the cut are kept; download it again"
            }
            InputErrorKind::ArchiveSalvaged { .. } => {
                "the files stored completely before the damage were processed; download the archive again for the rest"
            }
            InputErrorKind::CompressionRatioTooHigh { .. } => "this looks like a zip bomb, not The Movies Dataset",
            InputErrorKind::Empty | InputErrorKind::MissingColumns { .. } | InputErrorKind::DuplicateColumn { .. } => {
                "check that this is the file of The Movies Dataset (Kaggle) with its original header"
            }
            InputErrorKind::HeaderTooLarge(_) => "this is not a CSV file of The Movies Dataset",
            InputErrorKind::NotAZip(_) => "give the-movies-dataset.zip as downloaded from Kaggle, or the CSV files",
            InputErrorKind::Encrypted => "extract the archive with its password and give the CSV files",
            InputErrorKind::UnsupportedCompression(_) => "re-create the zip with standard (deflate) compression",
            InputErrorKind::DeclaredSizeTooLarge { .. } => "this archive is not The Movies Dataset",
            InputErrorKind::NoDatasetFiles { hint: Some(hint), .. } => hint,
            InputErrorKind::NoDatasetFiles { hint: None, .. } => {
                "give the-movies-dataset.zip, the folder of its CSV files, or the CSV files themselves"
            }
            InputErrorKind::NotCsv(content) => content.advice(),
            InputErrorKind::CorruptGzip => "the file looks truncated or corrupt: download it again",
            InputErrorKind::StreamAmongOthers => "give the pipe alone, or save what it carries to a file first",
            InputErrorKind::Cancelled => "start again when ready",
        }
    }
}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputErrorKind::Io(e) => write!(f, "cannot read the data: {e}"),
            InputErrorKind::Empty => f.write_str("the file is empty (no header row)"),
            InputErrorKind::MissingColumns { missing, found } => {
                let shown: Vec<String> = found.iter().take(12).map(|name| shown(name)).collect();
                let more = if found.len() > 12 { ", ..." } else { "" };
                write!(f, "missing required column(s) {} (header has: {}{more})", missing.join(", "), shown.join(", "))
            }
            InputErrorKind::DuplicateColumn { column, first, second } => {
                write!(f, "column `{column}` appears twice in the header (columns {first} and {second})")
            }
            InputErrorKind::HeaderTooLarge(hit) => write!(f, "header row too large: {hit}"),
            InputErrorKind::NotAZip(why) => write!(f, "not a readable zip archive: {why}"),
            InputErrorKind::Encrypted => f.write_str("the entry is encrypted"),
            InputErrorKind::UnsupportedCompression(method) => {
                write!(f, "the entry is compressed with {method}, which is not supported (only deflate and stored)")
            }
            InputErrorKind::InflatesBeyondDeclaredSize(size) => {
                write!(f, "the entry inflates beyond its declared size of {size} bytes (corrupt archive or zip bomb)")
            }
            InputErrorKind::CompressionRatioTooHigh { declared, compressed, limit } => write!(
                f,
                "the entry inflates to {} from {} compressed, more than the limit of {limit} times its compressed size",
                bytes(*declared),
                bytes(*compressed)
            ),
            InputErrorKind::EntryTruncated { present, compressed: u64::MAX } => {
                write!(f, "the archive ends {} into this entry's compressed data (truncated)", bytes(*present))
            }
            InputErrorKind::EntryTruncated { present, compressed } => write!(
                f,
                "the archive ends inside this entry: {} of its {} of compressed data are present (truncated)",
                bytes(*present),
                bytes(*compressed)
            ),
            InputErrorKind::CorruptEntry(what) => write!(f, "the entry is corrupt: {what}"),
            InputErrorKind::ArchiveSalvaged { entries: 1, why } => {
                write!(f, "the archive is damaged ({why}); read by its local headers instead: 1 entry found")
            }
            InputErrorKind::ArchiveSalvaged { entries, why } => {
                write!(f, "the archive is damaged ({why}); read by its local headers instead: {entries} entries found")
            }
            InputErrorKind::DeclaredSizeTooLarge { declared, limit } => {
                write!(f, "the entry declares {} GiB uncompressed, over the {} GiB limit", declared >> 30, limit >> 30)
            }
            InputErrorKind::NoDatasetFiles { found, .. } if found.is_empty() => {
                f.write_str("no file of The Movies Dataset found (nothing was given)")
            }
            InputErrorKind::NoDatasetFiles { found, .. } if found.len() == 1 => f.write_str(&found[0]),
            InputErrorKind::NoDatasetFiles { found, .. } => {
                write!(f, "no file of The Movies Dataset found: {}", found.join("; "))
            }
            InputErrorKind::NotCsv(content) => write!(f, "the file is {content}, not CSV"),
            InputErrorKind::CorruptGzip => f.write_str("its gzip-compressed data is corrupt or cut short"),
            InputErrorKind::StreamAmongOthers => {
                f.write_str("a pipe can only be read as the one input: it is read once, front to back")
            }
            InputErrorKind::Cancelled => f.write_str("cancelled"),
        }
    }
}

/// A byte count for messages: `512 bytes`, `3.4 MiB`, `10.0 GiB`.
fn bytes(n: u64) -> String {
    match n {
        0..1024 => format!("{n} bytes"),
        1024..0x10_0000 => format!("{:.1} KiB", n as f64 / 1024.0),
        0x10_0000..0x4000_0000 => format!("{:.1} MiB", n as f64 / f64::from(0x10_0000)),
        _ => format!("{:.1} GiB", n as f64 / f64::from(0x4000_0000)),
    }
}

/// The kind of an [`InputError`] without its details: what crosses the boundary to the
/// page (with the message), so the page can act on the kind and not on the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// [`InputErrorKind::Io`].
    Io,
    /// [`InputErrorKind::Empty`].
    Empty,
    /// [`InputErrorKind::MissingColumns`].
    MissingColumns,
    /// [`InputErrorKind::DuplicateColumn`].
    DuplicateColumn,
    /// [`InputErrorKind::HeaderTooLarge`].
    HeaderTooLarge,
    /// [`InputErrorKind::NotAZip`].
    NotAZip,
    /// [`InputErrorKind::Encrypted`].
    Encrypted,
    /// [`InputErrorKind::UnsupportedCompression`].
    UnsupportedCompression,
    /// [`InputErrorKind::InflatesBeyondDeclaredSize`].
    InflatesBeyondDeclaredSize,
    /// [`InputErrorKind::CompressionRatioTooHigh`].
    CompressionRatioTooHigh,
    /// [`InputErrorKind::EntryTruncated`].
    EntryTruncated,
    /// [`InputErrorKind::CorruptEntry`].
    CorruptEntry,
    /// [`InputErrorKind::ArchiveSalvaged`].
    ArchiveSalvaged,
    /// [`InputErrorKind::DeclaredSizeTooLarge`].
    DeclaredSizeTooLarge,
    /// [`InputErrorKind::NoDatasetFiles`].
    NoDatasetFiles,
    /// [`InputErrorKind::NotCsv`].
    NotCsv,
    /// [`InputErrorKind::CorruptGzip`].
    CorruptGzip,
    /// [`InputErrorKind::StreamAmongOthers`].
    StreamAmongOthers,
    /// [`InputErrorKind::Cancelled`].
    Cancelled,
}

impl InputErrorKind {
    /// The kind's code.
    pub fn code(&self) -> ErrorCode {
        match self {
            InputErrorKind::Io(_) => ErrorCode::Io,
            InputErrorKind::Empty => ErrorCode::Empty,
            InputErrorKind::MissingColumns { .. } => ErrorCode::MissingColumns,
            InputErrorKind::DuplicateColumn { .. } => ErrorCode::DuplicateColumn,
            InputErrorKind::HeaderTooLarge(_) => ErrorCode::HeaderTooLarge,
            InputErrorKind::NotAZip(_) => ErrorCode::NotAZip,
            InputErrorKind::Encrypted => ErrorCode::Encrypted,
            InputErrorKind::UnsupportedCompression(_) => ErrorCode::UnsupportedCompression,
            InputErrorKind::InflatesBeyondDeclaredSize(_) => ErrorCode::InflatesBeyondDeclaredSize,
            InputErrorKind::CompressionRatioTooHigh { .. } => ErrorCode::CompressionRatioTooHigh,
            InputErrorKind::EntryTruncated { .. } => ErrorCode::EntryTruncated,
            InputErrorKind::CorruptEntry(_) => ErrorCode::CorruptEntry,
            InputErrorKind::ArchiveSalvaged { .. } => ErrorCode::ArchiveSalvaged,
            InputErrorKind::DeclaredSizeTooLarge { .. } => ErrorCode::DeclaredSizeTooLarge,
            InputErrorKind::NoDatasetFiles { .. } => ErrorCode::NoDatasetFiles,
            InputErrorKind::NotCsv(_) => ErrorCode::NotCsv,
            InputErrorKind::CorruptGzip => ErrorCode::CorruptGzip,
            InputErrorKind::StreamAmongOthers => ErrorCode::StreamAmongOthers,
            InputErrorKind::Cancelled => ErrorCode::Cancelled,
        }
    }

    /// The kind carried by an I/O error, when a reader down the stack (the zip entry
    /// guard, say) found a problem it could name; else the I/O error itself.
    pub fn from_io(err: io::Error) -> Self {
        match err.downcast::<InputErrorKind>() {
            Ok(kind) => kind,
            Err(err) => InputErrorKind::Io(err),
        }
    }

    /// Wraps the kind in an I/O error, for readers whose callers only see `io::Error`
    /// (undone by [`from_io`](Self::from_io)).
    pub fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, self)
    }
}

impl std::error::Error for InputErrorKind {}

/// Text from the input (a column name, a file name) as messages show it: control
/// characters escaped, so that hostile bytes cannot drive the terminal, and cut to 60
/// characters.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        push_printable(&mut out, c);
    }
    out
}

/// Text from the input (a path, an entry name) whole, its control characters escaped.
pub(crate) fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    text.chars().for_each(|c| push_printable(&mut out, c));
    out
}

/// Appends `c`, escaped when it is a control character.
fn push_printable(out: &mut String, c: char) {
    if c.is_control() {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source.chars().any(char::is_control) {
            let mut source = String::with_capacity(self.source.len() + 16);
            self.source.chars().for_each(|c| push_printable(&mut source, c));
            f.write_str(&source)?;
        } else {
            f.write_str(&self.source)?;
        }
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        write!(f, ": {} — {}", self.kind, self.hint())
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            InputErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_control_characters_and_cut_long_names() {
        let kind = InputErrorKind::MissingColumns {
            missing: vec!["id"],
            found: vec!["\u{1b}[31mred".into(), "x".repeat(1000), "title".into()],
        };
        let text = InputError::new(InputFile::MoviesMetadata, "in\u{7}put.csv", kind).at_line(1).to_string();
        assert!(!text.chars().any(char::is_control), "{text}");
        assert!(
            text.starts_with("in\\u{7}put.csv, line 1: missing required column(s) id (header has: \\u{1b}[31mred, ")
        );
        assert!(text.contains(&format!("{}…, title)", "x".repeat(60))), "{text}");
    }

    #[test]
    fn a_kind_travels_through_io_errors() {
        let io = InputErrorKind::InflatesBeyondDeclaredSize(1000).into_io();
        let error = InputError::io(InputFile::Ratings, "a.zip:ratings.csv", io).at_line(7);
        assert!(matches!(error.kind, InputErrorKind::InflatesBeyondDeclaredSize(1000)));
        assert!(error
            .to_string()
            .starts_with("a.zip:ratings.csv, line 7: the entry inflates beyond its declared size"));
        let plain = InputError::io(InputFile::Ratings, "r.csv", io::Error::other("disk on fire"));
        assert!(matches!(plain.kind, InputErrorKind::Io(_)));
    }
}
