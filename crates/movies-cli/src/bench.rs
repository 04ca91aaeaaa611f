//! `movies bench`: the whole pipeline timed against merely inflating the same zip.
//!
//! Prints, for the given dataset zip: the inflate-only floor (every entry inflated to
//! nowhere, one after the other, as `unzip -p > /dev/null` would), the full `process`
//! run (both formats) with its time per file, rows per second and peak memory, and
//! the ratio of the two.

use std::io::{self, Read};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use movies_core::export::ExportPlan;

use movies_core::archive::Archive;

use crate::disk::PathOrigin;
use crate::inputs::{self, Inputs};
use crate::output::{self, Destination};
use crate::overlap;
use crate::run::{self, Progress};

/// Peak resident memory of this process so far, from `/proc/self/status` (Linux).
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Inflates every dataset entry of the zip, one after the other; returns bytes and seconds.
fn inflate_floor(zip: &Path) -> Result<(u64, f64), String> {
    let started = Instant::now();
    let size = std::fs::metadata(zip).map_err(|e| format!("{}: {e}", zip.display()))?.len();
    let archive = Archive::open(PathOrigin::new(zip.to_owned(), size)).map_err(|e| e.to_string())?;
    let mut total = 0;
    let mut buf = vec![0u8; 256 * 1024];
    for entry in archive.dataset_entries() {
        let mut reader = archive.open_entry(&entry).map_err(|e| e.to_string())?;
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => total += n as u64,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(format!("{}: {e}", entry.path)),
            }
        }
    }
    Ok((total, started.elapsed().as_secs_f64()))
}

/// Runs the benchmark and prints its figures on stdout.
pub fn run(zip: &Path, out: Option<&Path>, threads: usize) -> ExitCode {
    if let Some(Err(e)) = out.map(|out| overlap::check(out, &[zip.to_owned()])) {
        eprintln!("movies: {e}");
        return ExitCode::from(2);
    }
    let resolved = match inputs::resolve(&[zip.to_owned()]) {
        Ok(Inputs::Files(resolved)) if resolved.unused.is_empty() => resolved,
        Ok(Inputs::Files(resolved)) => {
            resolved.unused.iter().for_each(|unused| eprintln!("movies: {unused}"));
            return ExitCode::from(1);
        }
        Ok(Inputs::Stream { name, .. }) => {
            eprintln!("movies: bench: {name} is a pipe; give the dataset zip as a file");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("movies: {e}");
            return ExitCode::from(1);
        }
    };
    let scratch = std::env::temp_dir().join(format!("movies-bench-{}", std::process::id()));
    let destination = Destination::Folder(out.unwrap_or(&scratch).to_owned());
    let claim = match destination.claim() {
        Ok(claim) => claim,
        Err(e) => {
            eprintln!("movies: {}: {e}", destination.folder().display());
            return ExitCode::from(1);
        }
    };
    let progress = Progress::default();
    let outcome = match run::run(&resolved.sources, claim.stage(), &ExportPlan::default(), threads, &progress) {
        Ok(o) => o,
        Err(run::OutputError(e)) => {
            eprintln!("movies: cannot write the output in {}: {e}", destination.folder().display());
            return ExitCode::from(1);
        }
    };
    if let Err(e) = claim.publish() {
        eprintln!("movies: cannot write the output in {}: {e}", destination.folder().display());
        return ExitCode::from(1);
    }
    let peak = peak_rss_bytes();
    if out.is_none() {
        // Only what this run wrote there goes.
        output::remove_export(&scratch);
    }
    let (inflated, floor) = match inflate_floor(zip) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("movies: {e}");
            return ExitCode::from(1);
        }
    };
    let total = outcome.elapsed.as_secs_f64();
    println!("dataset        {}", zip.display());
    println!("threads        {threads}");
    println!(
        "inflate only   {floor:>8.2} s   {:.0} MB uncompressed, {:.0} MB/s",
        inflated as f64 / 1e6,
        inflated as f64 / 1e6 / floor
    );
    println!("process        {total:>8.2} s   csv + ndjson, {:.2}x the inflate floor", total / floor);
    println!("peak memory    {:>8.0} MiB", peak.map_or(f64::NAN, |b| b as f64 / (1u64 << 20) as f64));
    println!();
    println!("{:<22} {:>9} {:>12} {:>14}", "file", "seconds", "records", "records/s");
    for job in &outcome.jobs {
        let secs = job.elapsed.as_secs_f64();
        println!(
            "{:<22} {secs:>9.2} {:>12} {:>14.0}",
            job.file.file_name(),
            job.entry.records_read,
            job.entry.records_read as f64 / secs.max(1e-9)
        );
    }
    ExitCode::SUCCESS
}
