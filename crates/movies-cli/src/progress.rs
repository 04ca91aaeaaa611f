//! A progress bar on stderr while files are processed (only when stderr is a terminal).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::inputs::Source;
use crate::run::Progress;

const WIDTH: usize = 30;

/// Draws the bar every 200 ms until `done` is set, then clears it.
pub fn draw_until_done(sources: &[Source], progress: &Progress, done: &AtomicBool) {
    let mut stderr = std::io::stderr();
    if !stderr.is_terminal() {
        return;
    }
    let total: u64 = sources.iter().map(|s| s.size).sum::<u64>().max(1);
    let started = Instant::now();
    while !done.load(Ordering::Relaxed) {
        let bytes: u64 = progress.bytes.iter().map(|b| b.load(Ordering::Relaxed)).sum();
        let records: u64 = progress.records.iter().map(|r| r.load(Ordering::Relaxed)).sum();
        let fraction = (bytes as f64 / total as f64).min(1.0);
        let filled = (fraction * WIDTH as f64) as usize;
        let secs = started.elapsed().as_secs_f64();
        let _ = write!(
            stderr,
            "\r[{}{}] {:>3.0}%  {} records  {:.0} MB/s  {:.1} s ",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            fraction * 100.0,
            records,
            bytes as f64 / 1e6 / secs.max(1e-3),
            secs
        );
        let _ = stderr.flush();
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = write!(stderr, "\r{}\r", " ".repeat(WIDTH + 60));
    let _ = stderr.flush();
}
