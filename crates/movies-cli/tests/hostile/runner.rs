//! Running the `movies` binary on one case: with a time limit, under an address-space
//! cap, measuring its peak memory.
//!
//! The peak is the child's `VmHWM` (the high-water mark of its resident set), read from
//! `/proc/<pid>/status` every few milliseconds while it runs (Linux; elsewhere it reads
//! 0). `ru_maxrss` from `wait4` would be simpler but is no use here: a forked child's
//! peak starts at the resident set of its copy of the parent, so every case would show
//! the test process's own memory.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Address space the child may map: a backstop so that a runaway allocation fails in
/// the child instead of exhausting the machine (the budget checked is far lower).
const ADDRESS_SPACE_CAP: u64 = 8 << 30;

/// What one run did.
pub struct Run {
    /// Exit status, `None` when killed by a signal (a crash or the timeout).
    pub code: Option<i32>,
    /// The signal that ended it, if any.
    pub signal: Option<i32>,
    /// Whether the time limit was hit.
    pub timed_out: bool,
    /// Everything written on stderr.
    pub stderr: String,
    /// Peak resident memory, MiB (0 where `/proc` is not available).
    pub peak_mib: f64,
    /// Wall time.
    pub elapsed: Duration,
}

/// Runs `binary args...`, killing it after `timeout`.
// The only `unsafe` of the workspace: the address-space cap, polling and killing the child
// need libc (each block says why it is sound).
#[allow(unsafe_code)]
pub fn run(binary: &str, args: &[&std::ffi::OsStr], timeout: Duration) -> Run {
    let mut command = Command::new(binary);
    command.args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches only the child.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: ADDRESS_SPACE_CAP, rlim_max: ADDRESS_SPACE_CAP };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let started = Instant::now();
    // Reaped below by `waitpid`, polled so that its memory can be read while it runs.
    #[allow(clippy::zombie_processes)]
    let mut child = command.spawn().expect("the movies binary starts");
    let pid = child.id() as libc::pid_t;
    let mut stderr_pipe = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let mut status = 0;
    let mut timed_out = false;
    let mut peak_kib = 0;
    let status_file = format!("/proc/{pid}/status");
    loop {
        peak_kib = peak_kib.max(high_water_kib(&status_file));
        // SAFETY: waits for our own child, with a valid pointer.
        let reaped = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if reaped == pid {
            break;
        }
        assert!(reaped == 0, "waitpid failed: {}", std::io::Error::last_os_error());
        if started.elapsed() > timeout && !timed_out {
            timed_out = true;
            // SAFETY: signals our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let elapsed = started.elapsed();
    let stderr = reader.join().unwrap_or_default();
    let exited = libc::WIFEXITED(status);
    let peak_mib = peak_kib as f64 / 1024.0;
    Run {
        code: exited.then(|| libc::WEXITSTATUS(status)),
        signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
        timed_out,
        stderr,
        peak_mib,
        elapsed,
    }
}

/// The `VmHWM` of a process, KiB (0 when it cannot be read: gone, or no `/proc`).
fn high_water_kib(status_file: &str) -> u64 {
    let text = std::fs::read_to_string(status_file).unwrap_or_default();
    text.lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Every path under `dir` (files and folders, relative), except under `skip`, sorted.
pub fn listing(dir: &Path, skip: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path == skip {
                continue;
            }
            found.push(path.strip_prefix(dir).unwrap_or(&path).to_owned());
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            }
        }
    }
    found.sort();
    found
}
