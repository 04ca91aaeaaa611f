//! Hostile and broken input, through the `movies` command.
//!
//! A corpus of bad inputs, each generated here into a folder of its own (nothing
//! binary is committed): empty and non-zip files, truncated archives, corrupt, encrypted
//! and bzip2/LZMA/Zstandard entries, zip bombs and lying sizes, nested zips, `..` and
//! absolute entry names, BOMs, CRLF, Windows-1252 and UTF-16, broken headers, fields of
//! hundreds of MB and rows of millions of fields, stray line breaks, hostile Python
//! literals, numbers, dates and ids, endless inputs, symlinks in the output folder.
//!
//! Each case runs the built binary (`movies process INPUT... --out DIR --quiet`) under
//! a time limit and an address-space cap, and checks:
//! - the exit status, and that it ended by itself (no signal, no timeout);
//! - stderr: the messages expected (the file, what is wrong, the limit hit), no panic
//!   or backtrace, no raw control character, every line a `movies:` message;
//! - the peak memory (the child's resident high-water mark, Linux) is under a budget;
//! - the manifest: every file has `records_read = rows_accepted + rows_rejected`, the
//!   expected status and accepted rows; the error log has one row per rejection and
//!   warning and the expected reasons;
//! - nothing was written outside `--out`, and no staging folder or lock is left.
//!
//! Each case is a test of its own, named after it (this target has its own harness,
//! `libtest-mimic`, since the cases are data, not functions), so a failure names its
//! case and the usual options apply: `-- zip-bomb` runs the cases whose name contains
//! `zip-bomb`, `--exact NAME` one, `--list` lists them, `--test-threads N` sets how
//! many run at once. With `--nocapture` each prints one line (name, exit status, time,
//! peak memory, first message): the corpus documenting itself. The heavy cases (a 1 GB
//! field, 100 million fields, a 60 GiB bomb) are ignored by default and run one at a
//! time with `cargo test --release -p movies-cli --test hostile -- --ignored`.

#[cfg(unix)]
#[path = "hostile/cases/mod.rs"]
mod cases;
#[cfg(unix)]
#[path = "hostile/check.rs"]
mod check;
#[cfg(unix)]
#[path = "hostile/csvgen.rs"]
mod csvgen;
#[cfg(unix)]
#[path = "hostile/runner.rs"]
mod runner;
#[cfg(unix)]
#[path = "hostile/zipgen.rs"]
mod zipgen;

/// Taken by a heavy case while it runs: each needs gigabytes of disk and of the test
/// process's memory for its input, so they never run side by side.
#[cfg(unix)]
static HEAVY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// One trial per case of the corpus, run by `libtest-mimic` as `cargo test` would.
#[cfg(unix)]
fn main() -> std::process::ExitCode {
    let args = libtest_mimic::Arguments::from_args();
    // libtest-mimic never captures output: the report lines are printed only when
    // asked for, as the standard harness would show them.
    let report = args.nocapture;
    let trials = cases::all().into_iter().map(|case| trial(case, report)).collect();
    libtest_mimic::run(&args, trials).exit_code()
}

/// The test of `case`: ignored when it is heavy.
#[cfg(unix)]
fn trial(case: cases::Case, report: bool) -> libtest_mimic::Trial {
    let heavy = case.heavy;
    libtest_mimic::Trial::test(case.name, move || {
        let _turn = heavy.then(|| HEAVY.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        check::run(&case, report).map_err(libtest_mimic::Failed::from)
    })
    .with_ignored_flag(heavy)
}

/// The corpus needs Unix: address-space limits, `/proc`, symlinks, `/dev/zero`.
#[cfg(not(unix))]
fn main() {
    println!("the hostile-input corpus runs on Unix only: nothing run");
}
