//! Where an export goes: written atomically, by one run at a time, and never over a
//! file that `movies` did not write.
//!
//! A run claims its destination with a lock file (`create_new`, so two runs cannot
//! both win), writes everything into a staging folder beside it, and only at the end
//! moves the result into place: a failed or interrupted run never leaves half an
//! export, and a rerun replaces a snapshot cleanly. With `--snapshot-date` the
//! destination is `DIR/snapshot_date=YYYY-MM-DD/`, so runs for different days never
//! collide while a second run for the same day is refused; with `--snapshot-hour` too,
//! it is `DIR/snapshot_date=YYYY-MM-DD/hour=HH/`, one lock per hour.
//!
//! What a run may replace is what an earlier run wrote: each published folder gets a
//! marker listing its files ([`crate::marker`]). Before anything is processed, and
//! again just before publishing, every path the export would replace is checked
//! against it ([`crate::owned`]); a file of anybody else there stops the run, named,
//! with nothing changed. Stale staging folders and locks of crashed runs are removed
//! only when they are recognisably ours (our names, and only files of the layout).

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use movies_core::export::Format;
use movies_core::values::Date;
use movies_core::InputFile;

use crate::marker::{layout_files, Owner, MARKER};
use crate::owned;
use crate::run::error_part_path;

/// The files and folders of the export layout, in the folder it is published to.
const LAYOUT: [&str; 6] = ["csv", "json", "parquet", "manifest.json", "schema.sql", "queries.sql"];

/// Where a snapshot's marker is written before it is renamed into place.
const MARKER_TEMP: &str = ".movies-written.new";

/// How many of the files in the way a message names.
const NAMED: usize = 5;

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

/// Why a destination could not be claimed, or its export published.
#[derive(Debug)]
pub enum ClaimError {
    /// Another run holds the lock.
    Busy {
        /// The lock file.
        lock: PathBuf,
        /// What the lock file says about its owner.
        owner: String,
    },
    /// Files that `movies` did not write are where the export must go.
    InTheWay {
        /// The files, sorted.
        paths: Vec<PathBuf>,
        /// Whether some of them have the layout's names in a folder with neither a
        /// marker nor a manifest of ours: perhaps an old export, that cannot be told
        /// from the user's files.
        unmarked: bool,
    },
    /// The folder cannot be written.
    Io(io::Error),
    /// The staged export could not be moved into place.
    Move(io::Error),
}

impl From<io::Error> for ClaimError {
    fn from(e: io::Error) -> Self {
        ClaimError::Io(e)
    }
}

impl std::fmt::Display for ClaimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClaimError::Busy { lock, owner } => write!(
                f,
                "another run ({owner}) is writing this output: wait for it to finish, or delete {} if it crashed",
                lock.display()
            ),
            ClaimError::InTheWay { paths, unmarked } => {
                let named: Vec<String> = paths.iter().take(NAMED).map(|p| p.display().to_string()).collect();
                let more = match paths.len().saturating_sub(NAMED) {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                let (is, it) = if paths.len() == 1 { ("is", "it") } else { ("are", "them") };
                write!(
                    f,
                    "{}{more} {is} where the export must go, not written by movies: left untouched and the run \
                     stopped; move {it} away or choose another --out",
                    named.join(", "),
                )?;
                if *unmarked {
                    write!(f, " (an export of an older version is recognised by its manifest.json, missing here)")?;
                }
                Ok(())
            }
            ClaimError::Io(e) => write!(f, "cannot prepare the output folder: {e}"),
            ClaimError::Move(e) => write!(f, "moving the export into place: {e}"),
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

    /// The name of this destination's staging folders, up to the process id.
    fn staging_prefix(&self) -> String {
        format!(".{}.staging-", self.lock_name().trim_start_matches('.'))
    }

    /// The name a replaced snapshot has until it is removed, up to the process id.
    fn previous_prefix(&self) -> String {
        format!(".{}.previous-", self.lock_name().trim_start_matches('.'))
    }

    /// Takes the lock, checks that nothing but an earlier export of ours is where the
    /// export goes, and prepares an empty staging folder.
    pub fn claim(&self) -> Result<Claim, ClaimError> {
        let parent = self.parent();
        let mut created: Vec<PathBuf> =
            parent.ancestors().take_while(|dir| !dir.exists()).map(Path::to_owned).collect();
        created.reverse();
        fs::create_dir_all(&parent)?;
        let lock = parent.join(self.lock_name());
        take_lock(&lock)?;
        let stage = parent.join(format!("{}{}", self.staging_prefix(), std::process::id()));
        let claim = Claim { destination: self.clone(), lock, stage, created };
        claim.remove_stale();
        claim.check()?;
        fs::create_dir(&claim.stage)?;
        Ok(claim)
    }
}

/// Whether the process that wrote a lock file still runs (Linux: `/proc/<pid>`;
/// elsewhere a lock is always taken as alive). A lock file that is not exactly ours,
/// `pid N`, is taken as alive too: it is not ours to remove.
fn owner_alive(owner: &str) -> bool {
    let pid = owner.strip_prefix("pid ").filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    match pid {
        Some(pid) if Path::new("/proc/self").exists() => Path::new("/proc").join(pid).exists(),
        _ => true,
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
                // A lock is a line; more than that is not one of ours.
                let mut owner = String::new();
                let _ = fs::File::open(lock).and_then(|file| file.take(64).read_to_string(&mut owner));
                let owner = owner.trim().to_owned();
                if owner_alive(&owner) {
                    return Err(ClaimError::Busy { lock: lock.to_owned(), owner });
                }
                // The run that held it is gone: the lock is stale.
                fs::remove_file(lock)?;
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
    /// The folders the claim created to hold the export, outermost first: removed
    /// again (when still empty) if nothing is published.
    created: Vec<PathBuf>,
}

impl Claim {
    /// The folder to write the layout into.
    pub fn stage(&self) -> &Path {
        &self.stage
    }

    /// Moves the staged layout into place, after checking again that nothing foreign
    /// came in the way meanwhile; returns the folder holding it.
    pub fn publish(mut self) -> Result<PathBuf, ClaimError> {
        self.check()?;
        let left = self.move_into_place().map_err(ClaimError::Move)?;
        self.created.clear();
        if left.is_empty() {
            Ok(self.destination.folder())
        } else {
            Err(ClaimError::InTheWay { paths: left, unmarked: false })
        }
    }

    /// Replaces the previous export with the staged one; returns what was found in the
    /// way meanwhile, and left there.
    fn move_into_place(&self) -> io::Result<Vec<PathBuf>> {
        let written = Owner::found_in(&self.stage)?;
        let folder = self.destination.folder();
        if let Destination::Folder(dir) = &self.destination {
            let old = owner_of(dir);
            let (temp, marker) = (self.stage.join(MARKER), dir.join(MARKER));
            // While one export replaces the other, the marker lists the files of both:
            // a run killed half-way leaves nothing of ours unlisted.
            old.and(&written).write_marker(&temp, &marker)?;
            for name in LAYOUT {
                let left = owned::remove(&dir.join(name), &old)?;
                if !left.is_empty() {
                    return Ok(left);
                }
                // A folder of a format not asked for (`--format csv`) is not staged.
                let from = self.stage.join(name);
                if from.exists() {
                    fs::rename(from, dir.join(name))?;
                }
            }
            written.write_marker(&temp, &marker)?;
            return Ok(Vec::new());
        }
        written.write_marker(&self.stage.join(MARKER_TEMP), &self.stage.join(MARKER))?;
        if fs::symlink_metadata(&folder).is_err() {
            fs::rename(&self.stage, &folder)?;
            return Ok(Vec::new());
        }
        // The snapshot is swapped whole: readers see the old one or the new one.
        let previous = self.parent().join(format!("{}{}", self.destination.previous_prefix(), std::process::id()));
        fs::rename(&folder, &previous)?;
        if let Err(e) = fs::rename(&self.stage, &folder) {
            let _ = fs::rename(&previous, &folder);
            return Err(e);
        }
        owned::remove(&previous, &owner_of(&previous))
    }

    fn parent(&self) -> PathBuf {
        self.destination.parent()
    }

    /// Refuses when anything is in the way of the export: anything where it goes that
    /// no earlier run of ours wrote (in the snapshot folder, which is replaced whole;
    /// in a plain folder, under the names of the layout and the marker).
    fn check(&self) -> Result<(), ClaimError> {
        let folder = self.destination.folder();
        let owner = Owner::of(&folder);
        let marked = owner.is_some();
        let owner = owner.unwrap_or_else(|| Owner::new(&folder, []));
        let paths: Vec<PathBuf> = match self.destination {
            Destination::Folder(_) => {
                LAYOUT.iter().chain(&[MARKER]).flat_map(|name| owned::foreign(&folder.join(name), &owner)).collect()
            }
            Destination::Snapshot { .. } => owned::foreign(&folder, &owner),
        };
        if paths.is_empty() {
            return Ok(());
        }
        let layout = Owner::new(&folder, layout_files());
        let unmarked = !marked && paths.iter().any(|path| layout.covers(path));
        Err(ClaimError::InTheWay { paths, unmarked })
    }

    /// Removes what crashed runs left for this destination (the lock is held, so no
    /// running process owns it): staging folders, and a replaced snapshot not yet
    /// removed; of each, only what a run of ours writes there.
    fn remove_stale(&self) {
        let (staging, previous) = (self.destination.staging_prefix(), self.destination.previous_prefix());
        let Ok(entries) = fs::read_dir(self.parent()) else { return };
        for entry in entries.filter_map(Result::ok) {
            let (path, name) = (entry.path(), entry.file_name());
            let Some(name) = name.to_str() else { continue };
            if name.starts_with(&staging) {
                let _ = owned::remove(&path, &staging_owner(&path));
            } else if name.starts_with(&previous) {
                let _ = owned::remove(&path, &owner_of(&path));
            }
        }
    }
}

/// What a staging folder may hold: the layout, the error-log parts and the marker.
fn staging_owner(stage: &Path) -> Owner {
    let parts = InputFile::ALL.into_iter().flat_map(|file| Format::EVERY.map(|format| error_part_path(format, file)));
    let markers = [MARKER, MARKER_TEMP].map(str::to_owned);
    Owner::new(stage, layout_files().chain(parts).chain(markers))
}

/// The owner of an export folder, or nobody's when it has neither marker nor manifest.
fn owner_of(folder: &Path) -> Owner {
    Owner::of(folder).unwrap_or_else(|| Owner::new(folder, []))
}

/// Removes an export published into `dir` by this process (`movies bench`'s scratch
/// folder), then `dir` once empty; what is not ours stays.
pub fn remove_export(dir: &Path) {
    let _ = owned::remove(dir, &owner_of(dir));
}

impl Drop for Claim {
    fn drop(&mut self) {
        let _ = owned::remove(&self.stage, &staging_owner(&self.stage));
        let _ = fs::remove_file(&self.lock);
        // Only empty folders can be removed: what someone put there meanwhile stays.
        for dir in self.created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
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
