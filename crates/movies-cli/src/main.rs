//! The `movies` command: a thin shell over `movies-core`.

mod args;
mod bench;
mod inputs;
mod progress;
mod readahead;
mod run;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use movies_core::export::{ExportPlan, FileStatus};

use args::{Command, ProcessArgs};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(Command::Help) => {
            print!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("movies {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Process(p)) => process(&p),
        Ok(Command::Bench { zip, out, threads }) => bench::run(&zip, out.as_deref(), threads),
        Ok(Command::Sample { out }) => write_sample(&out),
        Err(message) => {
            eprintln!("movies: {message}\n\n{}", args::USAGE);
            ExitCode::from(2)
        }
    }
}

/// `movies process`: exit 0 when every present file was read, 1 otherwise.
fn process(p: &ProcessArgs) -> ExitCode {
    let resolved = match inputs::resolve(&p.inputs) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("movies: {e}");
            return ExitCode::from(1);
        }
    };
    if !p.quiet {
        for note in &resolved.notes {
            eprintln!("movies: note: {note}");
        }
    }
    let plan = ExportPlan { formats: p.formats.clone(), options: p.options };
    let progress = run::Progress::new(resolved.sources.len());
    let done = AtomicBool::new(false);
    let outcome = std::thread::scope(|scope| {
        if !p.quiet {
            scope.spawn(|| progress::draw_until_done(&resolved.sources, &progress, &done));
        }
        let outcome = run::run(&resolved.sources, &p.out, &plan, p.threads, &progress);
        done.store(true, Ordering::Relaxed);
        outcome
    });
    let outcome = match outcome {
        Ok(o) => o,
        Err(run::OutputError(e)) => {
            eprintln!("movies: cannot write the output in {}: {e} — check the folder and free space", p.out.display());
            return ExitCode::from(1);
        }
    };
    let mut failed = false;
    for job in &outcome.jobs {
        if let Some(error) = &job.error {
            eprintln!("movies: {error}");
            failed = true;
        }
    }
    if !p.quiet {
        print_summary(&outcome, p);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_summary(outcome: &run::RunOutcome, p: &ProcessArgs) {
    eprintln!("{:<22} {:>8} {:>12} {:>12} {:>10} {:>9}", "file", "status", "read", "accepted", "rejected", "warnings");
    for (name, entry) in &outcome.manifest.files {
        let status = match entry.status {
            FileStatus::Ok => "ok",
            FileStatus::Missing => "missing",
            FileStatus::Failed => "FAILED",
        };
        eprintln!(
            "{name:<22} {status:>8} {:>12} {:>12} {:>10} {:>9}",
            entry.records_read, entry.rows_accepted, entry.rows_rejected, entry.warnings
        );
    }
    eprintln!("wrote {} in {:.2} s", p.out.display(), outcome.elapsed.as_secs_f64());
}

/// `movies sample`: writes the embedded sample dataset zip.
fn write_sample(out: &std::path::Path) -> ExitCode {
    let written = std::fs::File::create(out)
        .map_err(|e| e.to_string())
        .and_then(|file| movies_sample::write_sample_zip(file).map_err(|e| e.to_string()));
    match written {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("movies: cannot write {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
