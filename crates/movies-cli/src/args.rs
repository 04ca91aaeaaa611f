//! Command-line arguments: read raw with `lexopt`, then checked against what the
//! command accepts and validated into a [`Command`].
//!
//! Arguments are `OsString`s from start to end, so a path that is not valid UTF-8 is
//! handed to the file system unchanged; only the values that are text (`--format`,
//! `--threads`, dates and hours) must be UTF-8.

use std::ffi::OsString;
use std::path::PathBuf;

use lexopt::Arg::{Long, Short, Value};
use movies_core::export::{Format, WriteOptions};
use movies_core::values::Date;

/// The usage text shown by `--help` and after a usage error.
pub const USAGE: &str = "\
movies: clean Kaggle's \"The Movies Dataset\" into tables, metrics and an error log

USAGE:
    movies process INPUT... --out DIR [--format csv|ndjson|parquet|both|all] [--threads N]
                   [--snapshot-date YYYY-MM-DD [--snapshot-hour HH]] [--spreadsheet-safe]
                   [--quiet]
    movies backfill ZIP... --out DIR [--format csv|ndjson|parquet|both|all] [--threads N]
                   [--spreadsheet-safe] [--quiet]
    movies bench ZIP [--out DIR] [--threads N]
    movies sample --out FILE.zip
    movies --help | --version

INPUT is the-movies-dataset.zip, a folder holding the CSV files, or CSV files
(movies_metadata.csv, credits.csv, keywords.csv, links.csv, ratings.csv; links_small.csv
and ratings_small.csv are used when the full file is absent).

process   writes DIR/csv/<table>.csv, DIR/json/<table>.ndjson, DIR/manifest.json,
          DIR/schema.sql and DIR/queries.sql (the layout of the explorer's \"Export all\")
          --format            csv, ndjson, parquet (DIR/parquet/<table>.parquet), both
                              (csv and ndjson, the default) or all three; a comma-separated
                              list also works: --format csv,parquet
          --threads N         files processed in parallel (default: all cores)
          --snapshot-date D   write into DIR/snapshot_date=D/ instead (replaced atomically;
                              a second run for the same date is refused while one runs)
          --snapshot-hour H   with --snapshot-date: DIR/snapshot_date=D/hour=HH/ (0 to 23;
                              one lock per hour)
          --spreadsheet-safe  prefix CSV text starting with = + - @ with ' (for Excel)
          --quiet             no progress bar or summary
          DIR must not be, hold or lie inside an INPUT. A run replaces only what an
          earlier run wrote (listed in DIR/.movies-written); any other file where the
          export goes stops it, named, before anything is written
backfill  replays dated zips (a YYYY-MM-DD in each file name) in date order, each into
          DIR/snapshot_date=YYYY-MM-DD/
bench     times the whole pipeline on ZIP against merely inflating it, with peak memory
sample    writes the embedded sample dataset (the explorer's \"Try the sample\")

Exit status: 0 output written; 1 the input could not (entirely) be processed, or a file
not written by movies is where the output goes; 2 usage error, or --out overlaps an INPUT.
";

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Clean inputs into an output folder.
    Process(ProcessArgs),
    /// Replay dated zips into snapshots.
    Backfill(ProcessArgs),
    /// Benchmark against the inflate-only floor.
    Bench {
        /// The dataset zip.
        zip: PathBuf,
        /// Output folder (a temporary one when absent).
        out: Option<PathBuf>,
        /// Worker threads.
        threads: usize,
    },
    /// Write the sample dataset.
    Sample {
        /// The zip to write.
        out: PathBuf,
    },
    /// Print the usage.
    Help,
    /// Print the version.
    Version,
}

/// Arguments of `movies process`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessArgs {
    /// Inputs: zips, folders, CSV files.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// Writer options.
    pub options: WriteOptions,
    /// Worker threads.
    pub threads: usize,
    /// Write into `out/snapshot_date=D/`.
    pub snapshot_date: Option<Date>,
    /// With `snapshot_date`: write into `out/snapshot_date=D/hour=HH/`.
    pub snapshot_hour: Option<u8>,
    /// No progress or summary on stderr.
    pub quiet: bool,
}

/// An option of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    Out,
    Format,
    Threads,
    SnapshotDate,
    SnapshotHour,
    SpreadsheetSafe,
    Quiet,
}

impl Flag {
    /// How the usage writes it.
    fn name(self) -> &'static str {
        match self {
            Flag::Out => "--out",
            Flag::Format => "--format",
            Flag::Threads => "--threads",
            Flag::SnapshotDate => "--snapshot-date",
            Flag::SnapshotHour => "--snapshot-hour",
            Flag::SpreadsheetSafe => "--spreadsheet-safe",
            Flag::Quiet => "--quiet",
        }
    }

    /// Whether the option is followed by a value.
    fn takes_value(self) -> bool {
        !matches!(self, Flag::SpreadsheetSafe | Flag::Quiet)
    }

    /// The options `movies COMMAND` accepts, or `None` for an unknown command.
    fn accepted_by(command: &str) -> Option<&'static [Flag]> {
        use Flag::*;
        match command {
            "process" => Some(&[Out, Format, Threads, SnapshotDate, SnapshotHour, SpreadsheetSafe, Quiet]),
            "backfill" => Some(&[Out, Format, Threads, SpreadsheetSafe, Quiet]),
            "bench" => Some(&[Out, Threads]),
            "sample" => Some(&[Out]),
            _ => None,
        }
    }
}

/// The command line as given: positional arguments and the options, not yet checked.
#[derive(Default)]
struct Raw {
    /// The command, then its paths.
    positional: Vec<OsString>,
    /// Each option given, once, with its last value (`None` for a switch).
    options: Vec<(Flag, Option<OsString>)>,
    /// `--help` or `--version`, which end the reading.
    early: Option<Command>,
}

impl Raw {
    /// Reads the arguments; stops at the first `--help` or `--version`.
    fn read(args: impl IntoIterator<Item = OsString>) -> Result<Raw, String> {
        let mut raw = Raw::default();
        let mut parser = lexopt::Parser::from_args(args);
        while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
            let flag = match arg {
                Short('h') | Long("help") => {
                    raw.early = Some(Command::Help);
                    break;
                }
                Short('V') | Long("version") => {
                    raw.early = Some(Command::Version);
                    break;
                }
                Short('o') | Long("out") => Flag::Out,
                Long("format") => Flag::Format,
                Long("threads") => Flag::Threads,
                Long("snapshot-date") => Flag::SnapshotDate,
                Long("snapshot-hour") => Flag::SnapshotHour,
                Long("spreadsheet-safe") => Flag::SpreadsheetSafe,
                Short('q') | Long("quiet") => Flag::Quiet,
                Short(c) => return Err(format!("unknown option -{c}")),
                Long(name) => return Err(format!("unknown option --{name}")),
                Value(value) => {
                    raw.positional.push(value);
                    continue;
                }
            };
            let value = if flag.takes_value() {
                Some(parser.value().map_err(|_| format!("{} needs a value", flag.name()))?)
            } else {
                None
            };
            raw.options.retain(|(given, _)| *given != flag);
            raw.options.push((flag, value));
        }
        Ok(raw)
    }

    /// Whether the option was given.
    fn has(&self, flag: Flag) -> bool {
        self.options.iter().any(|(given, _)| *given == flag)
    }

    /// The value of an option, as given.
    fn value(&self, flag: Flag) -> Option<&OsString> {
        self.options.iter().find(|(given, _)| *given == flag).and_then(|(_, value)| value.as_ref())
    }

    /// The value of a text option, which must be UTF-8.
    fn text(&self, flag: Flag) -> Result<Option<&str>, String> {
        match self.value(flag) {
            None => Ok(None),
            Some(value) => value
                .to_str()
                .map(Some)
                .ok_or_else(|| format!("{} {}: not valid UTF-8", flag.name(), value.to_string_lossy())),
        }
    }
}

/// Parses `args` (without the program name).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let raw = Raw::read(args)?;
    if let Some(command) = raw.early {
        return Ok(command);
    }
    let Some((command, rest)) = raw.positional.split_first() else {
        return Err("no command given".into());
    };
    let command = command.to_string_lossy();
    let Some(accepted) = Flag::accepted_by(&command) else {
        return Err(format!("unknown command `{command}`"));
    };
    if command == "backfill" && raw.has(Flag::SnapshotDate) {
        return Err("backfill: the dates come from the file names; --snapshot-date is not allowed".into());
    }
    if let Some((flag, _)) = raw.options.iter().find(|(flag, _)| !accepted.contains(flag)) {
        return Err(format!("{command}: {} does not apply to `movies {command}`", flag.name()));
    }
    let out = raw.value(Flag::Out).map(|out| path(&command, "--out", out)).transpose()?;
    let threads = threads(raw.text(Flag::Threads)?)?;
    let paths = |what: &str| rest.iter().map(|p| path(&command, what, p)).collect::<Result<Vec<_>, _>>();
    match &*command {
        "process" | "backfill" => {
            let inputs = paths("INPUT")?;
            if inputs.is_empty() {
                return Err(format!("{command}: no input given"));
            }
            let out = out.ok_or(format!("{command}: --out DIR is required"))?;
            let formats = parse_formats(raw.text(Flag::Format)?.unwrap_or("both"))?;
            let snapshot_date = raw.text(Flag::SnapshotDate)?.map(snapshot_date).transpose()?;
            let snapshot_hour = raw.text(Flag::SnapshotHour)?.map(snapshot_hour).transpose()?;
            if snapshot_hour.is_some() && snapshot_date.is_none() {
                return Err(format!("{command}: --snapshot-hour needs --snapshot-date"));
            }
            let args = ProcessArgs {
                inputs,
                out,
                formats,
                options: WriteOptions { spreadsheet_safe: raw.has(Flag::SpreadsheetSafe) },
                threads,
                snapshot_date,
                snapshot_hour,
                quiet: raw.has(Flag::Quiet),
            };
            Ok(if command == "process" { Command::Process(args) } else { Command::Backfill(args) })
        }
        "bench" => match &paths("ZIP")?[..] {
            [zip] => Ok(Command::Bench { zip: zip.clone(), out, threads }),
            _ => Err("bench: give exactly one ZIP".into()),
        },
        _ => match (rest, out) {
            ([], Some(out)) => Ok(Command::Sample { out }),
            _ => Err("sample: usage is `movies sample --out FILE.zip`".into()),
        },
    }
}

/// A path argument; an empty or blank one is refused (`--out "$DIR"` with `DIR` unset
/// would otherwise mean the current folder).
fn path(command: &str, what: &str, value: &OsString) -> Result<PathBuf, String> {
    if value.to_str().is_some_and(|text| text.trim().is_empty()) {
        return Err(format!(
            "{command}: {what} {value:?} is an empty path: give a real one (is a shell variable unset?); \
             for the current folder write ."
        ));
    }
    Ok(PathBuf::from(value))
}

/// `--threads N`, or every core.
fn threads(text: Option<&str>) -> Result<usize, String> {
    match text {
        None => Ok(std::thread::available_parallelism().map_or(2, usize::from)),
        Some(t) => t.parse::<usize>().ok().filter(|&n| n >= 1).ok_or(format!("--threads {t}: expected a number >= 1")),
    }
}

/// `--snapshot-date YYYY-MM-DD`.
fn snapshot_date(text: &str) -> Result<Date, String> {
    let date = movies_core::values::date(text.as_bytes()).ok().flatten().filter(|_| text.len() == 10);
    date.ok_or(format!("--snapshot-date {text}: expected a date as YYYY-MM-DD"))
}

/// `--snapshot-hour HH`, 0 to 23.
fn snapshot_hour(text: &str) -> Result<u8, String> {
    let hour = text.parse::<u8>().ok().filter(|h| *h < 24 && (1..=2).contains(&text.len()));
    hour.ok_or(format!("--snapshot-hour {text}: expected an hour from 0 to 23"))
}

/// The formats of `--format`: `csv`, `ndjson` (or `json`), `parquet`, `both` (csv and
/// ndjson), `all`, or a comma-separated list of those; in export order, each once.
fn parse_formats(text: &str) -> Result<Vec<Format>, String> {
    let mut wanted = Vec::new();
    for word in text.split(',').map(str::trim) {
        match word {
            "csv" => wanted.push(Format::Csv),
            "ndjson" | "json" => wanted.push(Format::Ndjson),
            "parquet" => wanted.push(Format::Parquet),
            "both" => wanted.extend(Format::TEXT),
            "all" => wanted.extend(Format::EVERY),
            _ => return Err(format!("--format {text}: expected csv, ndjson, parquet, both or all")),
        }
    }
    Ok(Format::EVERY.into_iter().filter(|f| wanted.contains(f)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Command, String> {
        parse(line.split_whitespace().map(OsString::from))
    }

    fn process(line: &str) -> ProcessArgs {
        match parse_line(line) {
            Ok(Command::Process(p)) => p,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn process_defaults_to_both_formats() {
        let p = process("process a.zip --out out");
        assert_eq!(p.formats, Format::TEXT.to_vec());
        assert_eq!(p.inputs, vec![PathBuf::from("a.zip")]);
        assert_eq!(p.out, PathBuf::from("out"));
        assert!(!p.options.spreadsheet_safe && !p.quiet);
        assert_eq!(p.snapshot_date, None);
        let p = process("process a.zip --out o --snapshot-date 2026-11-23");
        assert_eq!(p.snapshot_date, movies_core::values::Date::new(2026, 11, 23));
    }

    #[test]
    fn options_may_come_anywhere_in_every_spelling() {
        let p = process("--quiet process -o first a.zip --out=out b --spreadsheet-safe -q --threads=3");
        assert_eq!(p.inputs, [PathBuf::from("a.zip"), PathBuf::from("b")]);
        assert_eq!(p.out, PathBuf::from("out"), "the last --out wins");
        assert!(p.quiet && p.options.spreadsheet_safe);
        assert_eq!(p.threads, 3);
        let p = process("process --out o -- --odd-name.zip");
        assert_eq!(p.inputs, [PathBuf::from("--odd-name.zip")]);
    }

    #[test]
    fn formats() {
        let formats = |line: &str| match parse_line(line) {
            Ok(Command::Process(p) | Command::Backfill(p)) => Ok(p.formats),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e),
        };
        assert_eq!(formats("process a --out o --format csv"), Ok(vec![Format::Csv]));
        assert_eq!(formats("process a --out o --format json"), Ok(vec![Format::Ndjson]));
        assert_eq!(formats("process a --out o --format parquet"), Ok(vec![Format::Parquet]));
        assert_eq!(formats("process a --out o --format both"), Ok(vec![Format::Csv, Format::Ndjson]));
        assert_eq!(formats("backfill a --out o --format all"), Ok(Format::EVERY.to_vec()));
        assert_eq!(formats("process a --out o --format parquet,csv"), Ok(vec![Format::Csv, Format::Parquet]));
        assert_eq!(formats("process a --out o --format csv,both"), Ok(vec![Format::Csv, Format::Ndjson]));
        assert!(formats("process a --out o --format csv,").unwrap_err().contains("parquet"));
        assert!(USAGE.contains("csv|ndjson|parquet|both|all"));
    }

    #[test]
    fn usage_errors() {
        assert!(parse_line("process a.zip").unwrap_err().contains("--out"));
        assert!(parse_line("process --out x").unwrap_err().contains("no input"));
        assert!(parse_line("process a --out x --snapshot-date 2026-02-30").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_line("backfill a --out x --snapshot-date 2026-01-01").is_err());
        assert!(parse_line("process a --out x --snapshot-hour 7").unwrap_err().contains("needs --snapshot-date"));
        assert!(parse_line("process a --out x --snapshot-date 2026-01-01 --snapshot-hour 24").is_err());
        assert!(parse_line("process a --out x --snapshot-date 2026-01-01 --snapshot-hour -1").is_err());
        assert_eq!(process("process a --out x --snapshot-date 2026-01-01 --snapshot-hour 07").snapshot_hour, Some(7));
        assert!(parse_line("process a --out x --format xml").unwrap_err().contains("xml"));
        assert!(parse_line("frobnicate").unwrap_err().contains("frobnicate"));
        assert!(parse_line("process a --out x --threads 0").is_err());
        assert!(parse_line("process a --out").unwrap_err().contains("value"));
        assert_eq!(parse_line("process a --bogus --out o").unwrap_err(), "unknown option --bogus");
        assert_eq!(parse_line("process a -x --out o").unwrap_err(), "unknown option -x");
        assert!(parse_line("process a --out o --quiet=yes").is_err());
        assert!(parse_line("sample").is_err());
        assert!(parse_line("bench a.zip b.zip").unwrap_err().contains("exactly one ZIP"));
        assert_eq!(parse_line("--help"), Ok(Command::Help));
        assert_eq!(parse_line("process --bogus-after-help --help"), Err("unknown option --bogus-after-help".into()));
        assert_eq!(parse_line("process --help --bogus"), Ok(Command::Help));
        assert_eq!(parse_line("-V"), Ok(Command::Version));
    }

    #[test]
    fn an_option_another_command_takes_is_refused_by_name() {
        for (line, flag, command) in [
            ("sample --out x.zip --threads 3", "--threads", "sample"),
            ("sample --out x.zip --quiet", "--quiet", "sample"),
            ("bench z.zip --format csv", "--format", "bench"),
            ("bench z.zip --snapshot-date 2026-01-01", "--snapshot-date", "bench"),
            ("backfill a-2026-01-01.zip --out o --snapshot-hour 7", "--snapshot-hour", "backfill"),
        ] {
            let error = parse_line(line).unwrap_err();
            assert_eq!(error, format!("{command}: {flag} does not apply to `movies {command}`"), "{line}");
        }
        // Refused before its value is looked at.
        assert!(parse_line("sample --out x.zip --threads 0").unwrap_err().contains("does not apply"));
        assert!(parse_line("bench z.zip --out o --threads 2").is_ok());
        assert!(parse_line("backfill a --out o --spreadsheet-safe --quiet").is_ok());
    }

    #[test]
    fn empty_and_blank_paths_are_usage_errors() {
        let with = |args: &[&str]| parse(args.iter().map(OsString::from));
        for args in [
            &["process", "a.zip", "--out", ""][..],
            &["process", "a.zip", "--out", "  "],
            &["process", "a.zip", "--out="],
            &["process", "", "--out", "o"],
            &["backfill", "\t", "--out", "o"],
            &["bench", ""],
            &["bench", "z.zip", "--out", ""],
            &["sample", "--out", ""],
        ] {
            let error = with(args).unwrap_err();
            assert!(error.contains("empty path") && error.contains("unset"), "{args:?}: {error}");
        }
        assert_eq!(with(&["process", "a.zip", "--out", "."]).map(|_| ()), Ok(()));
    }

    #[cfg(unix)]
    #[test]
    fn paths_need_not_be_utf8() {
        use std::os::unix::ffi::OsStringExt;
        let odd = || OsString::from_vec(b"caf\xe9".to_vec());
        let args = vec!["process".into(), odd(), "--out".into(), odd(), "-o".into(), odd()];
        let Ok(Command::Process(p)) = parse(args) else { panic!("a non-UTF-8 path is refused") };
        assert_eq!(p.inputs, [PathBuf::from(odd())]);
        assert_eq!(p.out, PathBuf::from(odd()));
        let error = parse(vec!["process".into(), "a".into(), "--out".into(), "o".into(), "--format".into(), odd()]);
        assert!(error.unwrap_err().contains("not valid UTF-8"));
    }
}
