//! Command-line arguments: parsed raw, then validated into a [`Command`].

use std::path::PathBuf;

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
                   [--quiet]
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
backfill  replays dated zips (a YYYY-MM-DD in each file name) in date order, each into
          DIR/snapshot_date=YYYY-MM-DD/
bench     times the whole pipeline on ZIP against merely inflating it, with peak memory
sample    writes the embedded sample dataset (the explorer's \"Try the sample\")

Exit status: 0 output written; 1 the input could not (entirely) be processed; 2 usage error.
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

/// Parses `args` (without the program name).
pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut positional = Vec::new();
    let mut out = None;
    let mut format = None;
    let mut threads = None;
    let mut spreadsheet_safe = false;
    let mut snapshot_date = None;
    let mut snapshot_hour = None;
    let mut quiet = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "-o" | "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--format" => format = Some(value("--format")?),
            "--threads" => threads = Some(value("--threads")?),
            "--spreadsheet-safe" => spreadsheet_safe = true,
            "--snapshot-date" => {
                let text = value("--snapshot-date")?;
                let date = movies_core::values::date(text.as_bytes()).ok().flatten().filter(|_| text.len() == 10);
                snapshot_date = Some(date.ok_or(format!("--snapshot-date {text}: expected a date as YYYY-MM-DD"))?);
            }
            "--snapshot-hour" => {
                let text = value("--snapshot-hour")?;
                let hour = text.parse::<u8>().ok().filter(|h| *h < 24 && (1..=2).contains(&text.len()));
                snapshot_hour = Some(hour.ok_or(format!("--snapshot-hour {text}: expected an hour from 0 to 23"))?);
            }
            "-q" | "--quiet" => quiet = true,
            flag if flag.starts_with('-') && flag.len() > 1 => return Err(format!("unknown option {flag}")),
            _ => positional.push(arg.clone()),
        }
    }
    let threads = match threads {
        None => std::thread::available_parallelism().map_or(2, usize::from),
        Some(t) => {
            t.parse::<usize>().ok().filter(|&n| n >= 1).ok_or(format!("--threads {t}: expected a number >= 1"))?
        }
    };
    let Some((command, rest)) = positional.split_first() else {
        return Err("no command given".into());
    };
    match command.as_str() {
        "process" | "backfill" => {
            if rest.is_empty() {
                return Err(format!("{command}: no input given"));
            }
            let out = out.ok_or(format!("{command}: --out DIR is required"))?;
            let formats = parse_formats(format.as_deref().unwrap_or("both"))?;
            if command == "backfill" && snapshot_date.is_some() {
                return Err("backfill: the dates come from the file names; --snapshot-date is not allowed".into());
            }
            if snapshot_hour.is_some() && snapshot_date.is_none() {
                return Err(format!("{command}: --snapshot-hour needs --snapshot-date"));
            }
            let args = ProcessArgs {
                inputs: rest.iter().map(PathBuf::from).collect(),
                out,
                formats,
                options: WriteOptions { spreadsheet_safe },
                threads,
                snapshot_date,
                snapshot_hour,
                quiet,
            };
            Ok(if command == "process" { Command::Process(args) } else { Command::Backfill(args) })
        }
        "bench" => match rest {
            [zip] => Ok(Command::Bench { zip: PathBuf::from(zip), out, threads }),
            _ => Err("bench: give exactly one ZIP".into()),
        },
        "sample" => match (rest, out) {
            ([], Some(out)) => Ok(Command::Sample { out }),
            _ => Err("sample: usage is `movies sample --out FILE.zip`".into()),
        },
        other => Err(format!("unknown command `{other}`")),
    }
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

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn process_defaults_to_both_formats() {
        let Command::Process(p) = parse(&args("process a.zip --out out")).unwrap() else { panic!() };
        assert_eq!(p.formats, Format::TEXT.to_vec());
        assert_eq!(p.inputs, vec![PathBuf::from("a.zip")]);
        assert!(!p.options.spreadsheet_safe);
        assert_eq!(p.snapshot_date, None);
        let Command::Process(p) = parse(&args("process a.zip --out o --snapshot-date 2026-11-23")).unwrap() else {
            panic!()
        };
        assert_eq!(p.snapshot_date, movies_core::values::Date::new(2026, 11, 23));
    }

    #[test]
    fn formats() {
        let formats = |line: &str| match parse(&args(line)) {
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
        assert!(parse(&args("process a.zip")).unwrap_err().contains("--out"));
        assert!(parse(&args("process --out x")).unwrap_err().contains("no input"));
        assert!(parse(&args("process a --out x --snapshot-date 2026-02-30")).unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse(&args("backfill a --out x --snapshot-date 2026-01-01")).is_err());
        assert!(parse(&args("process a --out x --snapshot-hour 7")).unwrap_err().contains("needs --snapshot-date"));
        assert!(parse(&args("process a --out x --snapshot-date 2026-01-01 --snapshot-hour 24")).is_err());
        assert!(parse(&args("process a --out x --snapshot-date 2026-01-01 --snapshot-hour -1")).is_err());
        let Command::Process(p) =
            parse(&args("process a --out x --snapshot-date 2026-01-01 --snapshot-hour 07")).unwrap()
        else {
            panic!("not a process command")
        };
        assert_eq!(p.snapshot_hour, Some(7));
        assert!(parse(&args("process a --out x --format xml")).unwrap_err().contains("xml"));
        assert!(parse(&args("frobnicate")).unwrap_err().contains("frobnicate"));
        assert!(parse(&args("process a --out x --threads 0")).is_err());
        assert!(parse(&args("process a --out")).unwrap_err().contains("value"));
        assert_eq!(parse(&args("--help")), Ok(Command::Help));
    }
}
