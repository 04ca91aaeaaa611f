//! A progress bar on stderr while files are processed (only when stderr is a terminal).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::run::Progress;

const WIDTH: usize = 30;

/// Draws the bar every 200 ms until `done` is set, then clears it. `total` is the
/// bytes to read, when known (not for a pipe).
pub fn draw_until_done(total: Option<u64>, progress: &Progress, done: &AtomicBool) {
    let mut stderr = std::io::stderr();
    if !stderr.is_terminal() {
        return;
    }
    let started = Instant::now();
    while !done.load(Ordering::Relaxed) {
        let bytes: u64 = progress.bytes.iter().map(|b| b.load(Ordering::Relaxed)).sum();
        let records: u64 = progress.records.iter().map(|r| r.load(Ordering::Relaxed)).sum();
        let secs = started.elapsed().as_secs_f64();
        let rate = bytes as f64 / 1e6 / secs.max(1e-3);
        let _ = match total {
            Some(total) => {
                let fraction = (bytes as f64 / total.max(1) as f64).min(1.0);
                let filled = (fraction * WIDTH as f64) as usize;
                write!(
                    stderr,
                    "\r[{}{}] {:>3.0}%  {records} records  {rate:.0} MB/s  {secs:.1} s ",
                    "#".repeat(filled),
                    "-".repeat(WIDTH - filled),
                    fraction * 100.0,
                )
            }
            None => write!(stderr, "\r{records} records  {rate:.0} MB/s  {secs:.1} s "),
        };
        let _ = stderr.flush();
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = write!(stderr, "\r{}\r", " ".repeat(WIDTH + 60));
    let _ = stderr.flush();
}
