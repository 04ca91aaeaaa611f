//! Where an export goes, written atomically and by one run at a time.
//!
//! A run claims its destination with a lock file (`create_new`, so two runs cannot
//! both win), writes everything into a staging folder beside it, and only at the end
//! moves the result into place: a failed or interrupted run never leaves half an
//! export, and a rerun replaces a snapshot cleanly. With `--snapshot-date` the
//! destination is `DIR/snapshot_date=YYYY-MM-DD/`, so runs for different days never
//! collide while a second run for the same day is refused; with `--snapshot-hour` too,
//! it is `DIR/snapshot_date=YYYY-MM-DD/hour=HH/`, one lock per hour.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use movies_core::values::Date;

/// The files of the export layout.
const LAYOUT: [&str; 6] = ["csv", "json", "parquet", "manifest.json", "schema.sql", "queries.sql"];

/// Where the export is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// The layout is written directly into this folder (replacing a previous export's files).
    Folder(PathBuf),
    /// The layout is written into `root/snapshot_date=YYYY-MM-DD/`, or with an hour
    /// into `root/snapshot_date=YYYY-MM-DD/hour=HH/`.
    Snapshot {
        /// The folder holding the snapshots.
        root: PathBuf,
        /// The snapshot's date.
        date: Date,
        /// The snapshot's hour (0 to 23), for hourly partitions.
        hour: Option<u8>,
    },
}

/// Why a destination could not be claimed.
#[derive(Debug)]
pub enum ClaimError {
    /// Another run holds the lock.
    Busy {
        /// The lock file.
        lock: PathBuf,
        /// What the lock file says about its owner.
        owner: String,
    },
    /// The folder cannot be written.
    Io(io::Error),
}

impl std::fmt::Display for ClaimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClaimError::Busy { lock, owner } => write!(
                f,
                "another run ({owner}) is writing this output: wait for it to finish, or delete {} if it crashed",
                lock.display()
            ),
            ClaimError::Io(e) => write!(f, "cannot prepare the output folder: {e}"),
        }
    }
}

impl Destination {
    /// The folder that receives the layout.
    pub fn folder(&self) -> PathBuf {
        match self {
            Destination::Folder(dir) => dir.clone(),
            Destination::Snapshot { hour: Some(hour), .. } => self.parent().join(format!("hour={hour:02}")),
            Destination::Snapshot { root, date, hour: None } => root.join(format!("snapshot_date={date}")),
        }
    }

    fn parent(&self) -> PathBuf {
        match self {
            Destination::Folder(dir) => dir.clone(),
            Destination::Snapshot { root, date, hour: Some(_) } => root.join(format!("snapshot_date={date}")),
            Destination::Snapshot { root, hour: None, .. } => root.clone(),
        }
    }

    fn lock_name(&self) -> String {
        match self {
            Destination::Folder(_) => ".movies.lock".into(),
            Destination::Snapshot { hour: Some(hour), .. } => format!(".hour={hour:02}.lock"),
            Destination::Snapshot { date, hour: None, .. } => format!(".snapshot_date={date}.lock"),
        }
    }

    /// Takes the lock and prepares an empty staging folder.
    pub fn claim(&self) -> Result<Claim, ClaimError> {
        let parent = self.parent();
        fs::create_dir_all(&parent).map_err(ClaimError::Io)?;
        let lock = parent.join(self.lock_name());
        take_lock(&lock)?;
        remove_stale_staging(&parent, &self.lock_name());
        let stage =
            parent.join(format!(".{}.staging-{}", self.lock_name().trim_start_matches('.'), std::process::id()));
        let claim = Claim { destination: self.clone(), lock, stage };
        let _ = fs::remove_dir_all(&claim.stage);
        fs::create_dir_all(&claim.stage).map_err(ClaimError::Io)?;
        Ok(claim)
    }
}

/// Whether the process that wrote a lock file still runs (Linux: `/proc/<pid>`;
/// elsewhere a lock is always taken as alive).
fn owner_alive(owner: &str) -> bool {
    let pid = owner.strip_prefix("pid ").and_then(|p| p.split_whitespace().next());
    match pid {
        Some(pid) if Path::new("/proc/self").exists() => Path::new("/proc").join(pid).exists(),
        _ => true,
    }
}

/// Removes the staging folders a killed run left behind for this destination (the
/// lock is held, so no running process can own them).
fn remove_stale_staging(parent: &Path, lock_name: &str) {
    let prefix = format!(".{}.staging-", lock_name.trim_start_matches('.'));
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.filter_map(Result::ok) {
        if entry.file_name().to_string_lossy().starts_with(&prefix) && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn take_lock(lock: &Path) -> Result<(), ClaimError> {
    for _ in 0..2 {
        match OpenOptions::new().write(true).create_new(true).open(lock) {
            Ok(mut file) => {
                let _ = writeln!(file, "pid {}", std::process::id());
                return Ok(());
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let owner = fs::read_to_string(lock).unwrap_or_default().trim().to_owned();
                if owner_alive(&owner) {
                    return Err(ClaimError::Busy { lock: lock.to_owned(), owner });
                }
                // The run that held it is gone: the lock is stale.
                fs::remove_file(lock).map_err(ClaimError::Io)?;
            }
            Err(e) => return Err(ClaimError::Io(e)),
        }
    }
    Err(ClaimError::Busy { lock: lock.to_owned(), owner: "unknown".into() })
}

/// A claimed destination: the lock is held until this is dropped.
pub struct Claim {
    destination: Destination,
    lock: PathBuf,
    stage: PathBuf,
}

impl Claim {
    /// The folder to write the layout into.
    pub fn stage(&self) -> &Path {
        &self.stage
    }

    /// Moves the staged layout into place; returns the folder holding it.
    pub fn publish(self) -> io::Result<PathBuf> {
        let folder = self.destination.folder();
        match &self.destination {
            Destination::Folder(dir) => {
                for name in LAYOUT {
                    let to = dir.join(name);
                    if to.is_dir() {
                        fs::remove_dir_all(&to)?;
                    } else if to.exists() {
                        fs::remove_file(&to)?;
                    }
                    // A folder of a format not asked for (`--format csv`) is not staged.
                    let from = self.stage.join(name);
                    if from.exists() {
                        fs::rename(from, &to)?;
                    }
                }
            }
            Destination::Snapshot { .. } => {
                let previous = self.stage.with_extension("previous");
                let replacing = folder.exists();
                if replacing {
                    fs::rename(&folder, &previous)?;
                }
                fs::rename(&self.stage, &folder)?;
                if replacing {
                    fs::remove_dir_all(&previous)?;
                }
            }
        }
        Ok(folder)
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if self.stage.exists() {
            let _ = fs::remove_dir_all(&self.stage);
        }
        let _ = fs::remove_file(&self.lock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("movies-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_second_claim_on_the_same_snapshot_is_refused() {
        let root = scratch("busy");
        let date = Date::new(2026, 11, 23).unwrap();
        let day = Destination::Snapshot { root: root.clone(), date, hour: None };
        let first = day.claim().unwrap();
        assert!(matches!(day.claim(), Err(ClaimError::Busy { .. })));
        let other_day =
            Destination::Snapshot { root: root.clone(), date: Date::new(2026, 11, 24).unwrap(), hour: None };
        assert!(other_day.claim().is_ok());
        drop(first);
        assert!(day.claim().is_ok());
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn publishing_replaces_a_snapshot_and_a_stale_lock_is_taken_over() {
        let root = scratch("publish");
        let date = Date::new(2020, 1, 2).unwrap();
        let day = Destination::Snapshot { root: root.clone(), date, hour: None };
        for content in ["first", "second"] {
            let claim = day.claim().unwrap();
            fs::write(claim.stage().join("manifest.json"), content).unwrap();
            let folder = claim.publish().unwrap();
            assert_eq!(folder, root.join("snapshot_date=2020-01-02"));
            assert_eq!(fs::read_to_string(folder.join("manifest.json")).unwrap(), content);
        }
        fs::write(root.join(".snapshot_date=2020-01-02.lock"), "pid 999999999\n").unwrap();
        fs::create_dir_all(root.join(".snapshot_date=2020-01-02.lock.staging-999999999/csv")).unwrap();
        assert!(day.claim().is_ok());
        let leftovers: Vec<_> = fs::read_dir(&root).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("snapshot_date=2020-01-02")]);
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn hourly_snapshots_are_partitions_of_their_day_each_with_its_own_lock() {
        let root = scratch("hourly");
        let date = Date::new(2026, 11, 24).unwrap();
        let at = |hour| Destination::Snapshot { root: root.clone(), date, hour: Some(hour) };
        let seven = at(7).claim().unwrap();
        assert!(matches!(at(7).claim(), Err(ClaimError::Busy { .. })), "the same hour is refused");
        let eight = at(8).claim().unwrap();
        fs::write(eight.stage().join("manifest.json"), "8").unwrap();
        assert_eq!(eight.publish().unwrap(), root.join("snapshot_date=2026-11-24/hour=08"));
        fs::write(seven.stage().join("manifest.json"), "7").unwrap();
        seven.publish().unwrap();
        let day = root.join("snapshot_date=2026-11-24");
        let mut hours: Vec<_> = fs::read_dir(&day).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        hours.sort();
        assert_eq!(hours, ["hour=07", "hour=08"].map(std::ffi::OsString::from));
        assert_eq!(fs::read_to_string(day.join("hour=07/manifest.json")).unwrap(), "7");
        let _ = fs::remove_dir_all(root);
    }
}
