//! One case of the corpus from start to end: its input built in a scratch folder of
//! its own, the `movies` command run on it, and every check of what it did.
//!
//! Cases run in parallel threads, so nothing here is shared between them: each has
//! its own folder (the "nothing written outside `--out`" check lists that folder
//! alone), and the peak memory is that of its own child (see [`runner`](super::runner)).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::cases::{Case, Expect, Rows};
use super::runner;

/// The binary under test.
const MOVIES: &str = env!("CARGO_BIN_EXE_movies");

/// A case that runs longer than this is killed and fails.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Peak resident memory allowed to one run. A normal run of the small inputs here
/// takes 10 to 40 MiB; the record limit (16 MiB) held twice while a split record is
/// repaired, the read-ahead chunks and the literal lists bound the rest.
const MEMORY_BUDGET_MIB: f64 = 256.0;

/// The layout of an export and its ownership marker: nothing else may be left in `--out`.
const LAYOUT: [&str; 6] = [".movies-written", "csv", "json", "manifest.json", "queries.sql", "schema.sql"];

/// Texts that mean the process panicked or crashed.
const CRASH_SIGNS: [&str; 4] = ["panicked", "stack backtrace", "RUST_BACKTRACE", "thread '"];

/// The scratch folder of one case under the system's temporary folder, removed when
/// dropped (the inputs can be large: the disk is freed case by case).
struct Scratch(PathBuf);

impl Scratch {
    fn new(case: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("movies-hostile-{}-{case}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Builds, runs and checks `case`. Its one-line report (name, exit status, time, peak
/// memory, first message) is printed when `report`; when a check fails, the error is
/// that line followed by every problem found.
pub fn run(case: &Case, report: bool) -> Result<(), String> {
    let scratch = Scratch::new(case.name);
    // The case's folder is one level down, so that a write beside it (`../x`) still
    // lands in the scratch folder, whose listing shows it.
    let dir = scratch.0.join(case.name);
    fs::create_dir_all(&dir).unwrap();
    let (inputs, expect) = (case.build)(&dir);
    let out = dir.join("out");
    let before = runner::listing(&scratch.0, &out);
    let mut args: Vec<&OsStr> = vec!["process".as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.extend(["--out".as_ref(), out.as_os_str(), "--quiet".as_ref()]);
    let run = runner::run(MOVIES, &args, TIMEOUT);

    let first = run.stderr.lines().next().unwrap_or("(no message)").replace(&format!("{}/", dir.display()), "");
    let shown: String = first.strip_prefix("movies: ").unwrap_or(&first).chars().take(160).collect();
    let line = format!(
        "{:<42} exit {:<4} {:>6.2} s {:>6.1} MiB  {}",
        case.name,
        run.code.map_or_else(|| format!("sig{}", run.signal.unwrap_or(0)), |c| c.to_string()),
        run.elapsed.as_secs_f64(),
        run.peak_mib,
        shown
    );
    if report {
        println!("{line}");
    }

    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("killed after {} s", TIMEOUT.as_secs()));
    } else if run.code != Some(expect.code) {
        problems.push(format!("exit {:?} (signal {:?}), expected {}", run.code, run.signal, expect.code));
    }
    check_stderr(&run.stderr, &expect, &mut problems);
    if run.peak_mib > MEMORY_BUDGET_MIB {
        problems.push(format!("peak memory {:.0} MiB over the {MEMORY_BUDGET_MIB} MiB budget", run.peak_mib));
    }
    let after = runner::listing(&scratch.0, &out);
    if before != after {
        let added: Vec<_> = after.iter().filter(|p| !before.contains(p)).collect();
        let removed: Vec<_> = before.iter().filter(|p| !after.contains(p)).collect();
        problems.push(format!("written outside --out: added {added:?}, removed {removed:?}"));
    }
    check_output(&out, &expect, &mut problems);
    if let Some(check) = &expect.after {
        if let Err(problem) = check(&dir) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let stderr = run.stderr.trim_end();
        problems.push(format!("stderr was: {}", if stderr.is_empty() { "(nothing)" } else { stderr }));
        Err(format!("{line}\n    {}", problems.join("\n    ")))
    }
}

fn check_stderr(stderr: &str, expect: &Expect, problems: &mut Vec<String>) {
    for sign in CRASH_SIGNS {
        if stderr.contains(sign) {
            problems.push(format!("stderr shows a crash ({sign:?})"));
        }
    }
    if stderr.chars().any(|c| c.is_control() && c != '\n') {
        problems.push("stderr holds raw control characters".into());
    }
    if let Some(line) = stderr.lines().find(|l| !l.starts_with("movies: ")) {
        problems.push(format!("stderr line is not a `movies:` message: {line:?}"));
    }
    for alternatives in &expect.stderr {
        if !alternatives.iter().any(|text| stderr.contains(text.as_str())) {
            problems.push(format!("stderr does not say {alternatives:?}"));
        }
    }
    if expect.code != 0 && stderr.trim().is_empty() {
        problems.push("failed without a message".into());
    }
}

fn check_output(out: &Path, expect: &Expect, problems: &mut Vec<String>) {
    // Links are the case's own (the writer makes none): what they are kept as is the
    // case's check.
    let mut left: Vec<String> = match fs::read_dir(out) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| !t.is_symlink()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    left.sort();
    if !expect.export {
        if !left.is_empty() {
            problems.push(format!("no export expected, but --out holds {left:?}"));
        }
        return;
    }
    if left != LAYOUT {
        problems.push(format!("--out holds {left:?}, expected exactly {LAYOUT:?}"));
    }
    let manifest: serde_json::Value = match fs::read(out.join("manifest.json")) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(e) => {
            problems.push(format!("no manifest: {e}"));
            return;
        }
    };
    let Some(files) = manifest["files"].as_object() else {
        problems.push("the manifest has no files".into());
        return;
    };
    let mut logged = 0;
    for (name, entry) in files {
        let n = |key: &str| entry[key].as_u64().unwrap_or(u64::MAX);
        if n("records_read") != n("rows_accepted").saturating_add(n("rows_rejected")) {
            problems.push(format!("{name}: records_read != rows_accepted + rows_rejected: {entry}"));
        }
        logged += n("rows_rejected") + n("warnings");
    }
    for (file, status, rows) in &expect.files {
        let entry = &files.get(*file).cloned().unwrap_or_default();
        if entry["status"].as_str() != Some(status) {
            problems.push(format!("{file}: status {}, expected {status}", entry["status"]));
        }
        let accepted = entry["rows_accepted"].as_u64().unwrap_or(u64::MAX);
        let fits = match rows {
            Rows::Exactly(n) => accepted == *n,
            Rows::Some => accepted > 0 && accepted != u64::MAX,
            Rows::Any => accepted != u64::MAX,
        };
        if !fits {
            problems.push(format!("{file}: {accepted} rows accepted, expected {rows:?}"));
        }
    }
    let log = fs::read_to_string(out.join("csv/error_log.csv")).unwrap_or_default();
    let mut reader = csv::Reader::from_reader(log.as_bytes());
    let rows = reader.records().filter(Result::is_ok).count() as u64;
    if rows != logged || manifest["tables"]["error_log"]["rows"].as_u64() != Some(logged) {
        problems.push(format!("error log has {rows} rows, the manifest counts {logged} rejections and warnings"));
    }
    for text in &expect.log {
        if !log.contains(text) {
            let head: Vec<String> = log.lines().take(6).map(|l| l.chars().take(200).collect()).collect();
            problems.push(format!("the error log does not say {text:?}; it starts:\n      {}", head.join("\n      ")));
        }
    }
}
