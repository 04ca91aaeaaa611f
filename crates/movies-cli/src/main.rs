//! The `movies` command: a thin shell over `movies-core`.

mod args;
mod bench;
mod disk;
mod inputs;
mod marker;
mod offload;
mod output;
mod overlap;
mod owned;
mod progress;
mod readahead;
mod run;
mod sample_file;
mod stream;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use movies_core::export::{ExportPlan, FileStatus};

use std::path::{Path, PathBuf};

use args::{Command, ProcessArgs};
use inputs::Inputs;
use movies_core::input::date_in_name;
use output::Destination;

fn main() -> ExitCode {
    match args::parse(std::env::args_os().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("movies {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Process(p)) => process(&p),
        Ok(Command::Backfill(p)) => backfill(&p),
        Ok(Command::Bench { zip, out, threads }) => bench::run(&zip, out.as_deref(), threads),
        Ok(Command::Sample { out }) => write_sample(&out),
        Err(message) => {
            eprintln!("movies: {message}\n\n{}", args::USAGE);
            ExitCode::from(2)
        }
    }
}

/// `movies process`: exit 0 when every present file was read, 1 otherwise, 2 when
/// --out overlaps an input.
fn process(p: &ProcessArgs) -> ExitCode {
    if let Err(refused) = clear_of_inputs(p) {
        return refused;
    }
    let destination = match p.snapshot_date {
        Some(date) => Destination::Snapshot { root: p.out.clone(), date, hour: p.snapshot_hour },
        None => Destination::Folder(p.out.clone()),
    };
    match export_once(&p.inputs, &destination, p) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) | Err(()) => ExitCode::from(1),
    }
}

/// One export of `inputs` into `destination`: Ok(true) when every file was read,
/// Ok(false) when the export was written but some file failed, Err when nothing was
/// written (the reason is printed).
fn export_once(inputs: &[PathBuf], destination: &Destination, p: &ProcessArgs) -> Result<bool, ()> {
    let inputs = inputs::resolve(inputs).map_err(|e| eprintln!("movies: {e}"))?;
    if let Inputs::Files(resolved) = &inputs {
        // Every input the user named must contribute: one that yields nothing is a
        // mistake to report, not a file to pass over (a cron job would publish an
        // empty snapshot).
        for unused in &resolved.unused {
            eprintln!("movies: {unused}");
        }
        if !resolved.unused.is_empty() {
            return Err(());
        }
        if !p.quiet {
            for note in &resolved.notes {
                eprintln!("movies: note: {note}");
            }
        }
    }
    let claim = destination.claim().map_err(|e| eprintln!("movies: {}: {e}", destination.folder().display()))?;
    let plan = ExportPlan { formats: p.formats.clone(), options: p.options };
    let progress = run::Progress::default();
    let done = AtomicBool::new(false);
    let folder = destination.folder();
    let cannot_write = |e: &dyn std::fmt::Display| {
        eprintln!("movies: cannot write the output in {}: {e} — check the folder and free space", folder.display())
    };
    let total = match &inputs {
        Inputs::Files(resolved) => Some(resolved.sources.iter().map(|s| s.size).sum()),
        Inputs::Stream { .. } => None,
    };
    let (outcome, damage) = std::thread::scope(|scope| {
        if !p.quiet {
            scope.spawn(|| progress::draw_until_done(total, &progress, &done));
        }
        let result = run_inputs(inputs, claim.stage(), &plan, p, &progress);
        done.store(true, Ordering::Relaxed);
        result
    })
    .map_err(|failure| match failure {
        RunFailure::Input(e) => eprintln!("movies: {e}"),
        RunFailure::Output(e) => cannot_write(&e),
    })?;
    claim.publish().map_err(|e| cannot_write(&e))?;
    let mut all_read = damage.is_empty();
    for damage in &damage {
        eprintln!("movies: {damage}");
    }
    for job in &outcome.jobs {
        if let Some(error) = &job.error {
            eprintln!("movies: {error}");
            all_read = false;
        }
    }
    if !p.quiet {
        print_summary(&outcome, &folder);
    }
    Ok(all_read)
}

/// Refuses (exit 2) an --out that is, holds or lies inside an input, before anything
/// is written.
fn clear_of_inputs(p: &ProcessArgs) -> Result<(), ExitCode> {
    overlap::check(&p.out, &p.inputs).map_err(|e| {
        eprintln!("movies: {e}");
        ExitCode::from(2)
    })
}

/// Why a run stopped before its export was complete.
enum RunFailure {
    Input(movies_core::InputError),
    Output(std::io::Error),
}

/// Cleans the inputs into `stage`: the outcome, and the damage found on the way.
fn run_inputs(
    inputs: Inputs,
    stage: &Path,
    plan: &ExportPlan,
    p: &ProcessArgs,
    progress: &run::Progress,
) -> Result<(run::RunOutcome, Vec<movies_core::InputError>), RunFailure> {
    match inputs {
        Inputs::Files(resolved) => run::run(&resolved.sources, stage, plan, p.threads, progress)
            .map(|outcome| (outcome, resolved.damage))
            .map_err(|run::OutputError(e)| RunFailure::Output(e)),
        Inputs::Stream { name, opened } => match stream::run_stream(opened, &name, stage, plan, progress) {
            Ok(run) => {
                if !p.quiet {
                    run.notes.iter().for_each(|note| eprintln!("movies: note: {note}"));
                }
                Ok((run.outcome, run.damage))
            }
            Err(stream::StreamError::Input(e)) => Err(RunFailure::Input(e)),
            Err(stream::StreamError::Output(e)) => Err(RunFailure::Output(e)),
        },
    }
}

/// `movies backfill`: every dated zip into its snapshot, oldest first.
fn backfill(p: &ProcessArgs) -> ExitCode {
    if let Err(refused) = clear_of_inputs(p) {
        return refused;
    }
    let mut days = Vec::new();
    for input in &p.inputs {
        match date_in_name(&input.display().to_string()) {
            Some(date) => days.push((date, input.clone())),
            None => {
                eprintln!("movies: backfill: {}: no date (YYYY-MM-DD) in the file name", input.display());
                return ExitCode::from(2);
            }
        }
    }
    days.sort();
    if let Some(pair) = days.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        eprintln!("movies: backfill: {} and {} are both for {}", pair[0].1.display(), pair[1].1.display(), pair[0].0);
        return ExitCode::from(2);
    }
    let mut failed = Vec::new();
    for (date, input) in &days {
        if !p.quiet {
            eprintln!("movies: backfill: {date} from {}", input.display());
        }
        let destination = Destination::Snapshot { root: p.out.clone(), date: *date, hour: None };
        if export_once(std::slice::from_ref(input), &destination, p) != Ok(true) {
            failed.push(date.to_string());
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("movies: backfill: {} of {} days failed: {}", failed.len(), days.len(), failed.join(", "));
        ExitCode::from(1)
    }
}

fn print_summary(outcome: &run::RunOutcome, folder: &Path) {
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
    eprintln!("wrote {} in {:.2} s", folder.display(), outcome.elapsed.as_secs_f64());
}

/// `movies sample`: writes the embedded sample dataset zip.
fn write_sample(out: &Path) -> ExitCode {
    match sample_file::write(out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("movies: {e}");
            ExitCode::from(1)
        }
    }
}
