//! Walking a tree against the ownership markers: what in it `movies` did not write,
//! and removing what it did, and only that.
//!
//! A file is ours when the [`Owner`] of the export it lies in lists it; a folder met on
//! the way that holds a marker of its own (an hourly snapshot inside a daily one) is
//! judged by that marker. Anything else that is not a folder — a file nobody listed, a
//! symbolic link, a file that cannot be looked at — is foreign. Folders are not data:
//! one is removed once it is empty, never with what it holds.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::marker::Owner;

/// Everything under `path` (a file or folder inside `owner`'s root, or the root
/// itself) that is not ours, sorted; empty when `path` does not exist.
pub fn foreign(path: &Path, owner: &Owner) -> Vec<PathBuf> {
    let mut found = Vec::new();
    // Nothing is removed, so nothing can fail but looking, and that counts as foreign.
    let _ = walk(path, owner, Walk::Look, &mut found);
    found.sort();
    found
}

/// Removes what is ours under `path`, then the folders left empty (`path` too); returns
/// what was left because it is not ours.
pub fn remove(path: &Path, owner: &Owner) -> io::Result<Vec<PathBuf>> {
    let mut left = Vec::new();
    walk(path, owner, Walk::Remove, &mut left)?;
    Ok(left)
}

/// What a walk does with what is ours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    Look,
    Remove,
}

fn walk(path: &Path, owner: &Owner, mode: Walk, foreign: &mut Vec<PathBuf>) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(_) => {
            foreign.push(path.to_owned());
            return Ok(());
        }
    };
    if !meta.is_dir() {
        if !meta.is_file() || !owner.covers(path) {
            foreign.push(path.to_owned());
        } else if mode == Walk::Remove {
            match fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        return Ok(());
    }
    let nested = if path == owner.root() { None } else { Owner::of(path) };
    let owner = nested.as_ref().unwrap_or(owner);
    let before = foreign.len();
    match fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries {
                match entry {
                    Ok(entry) => walk(&entry.path(), owner, mode, foreign)?,
                    Err(_) => foreign.push(path.to_owned()),
                }
            }
        }
        Err(_) => foreign.push(path.to_owned()),
    }
    // A folder is removed only when nothing was left in it; if something appeared in
    // it meanwhile, removing the folder fails and the folder is what is left.
    if mode == Walk::Remove && foreign.len() == before && fs::remove_dir(path).is_err() && path.exists() {
        foreign.push(path.to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marker::MARKER;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("movies-owned-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn put(dir: &Path, file: &str) {
        let path = dir.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, file).unwrap();
    }

    /// An export of ours in `dir`: two files and the marker listing them.
    fn export(dir: &Path) -> Owner {
        put(dir, "csv/genre_year.csv");
        put(dir, "manifest.json");
        let owner = Owner::new(dir, ["csv/genre_year.csv".to_owned(), "manifest.json".to_owned()]);
        owner.write_marker(&dir.join(".tmp"), &dir.join(MARKER)).unwrap();
        Owner::of(dir).unwrap()
    }

    #[test]
    fn only_listed_files_are_ours_and_only_they_are_removed() {
        let dir = scratch("listed");
        let owner = export(&dir);
        assert!(foreign(&dir, &owner).is_empty());
        assert!(foreign(&dir.join("nothing-here"), &owner).is_empty());
        put(&dir, "csv/notes.txt");
        assert_eq!(foreign(&dir.join("csv"), &owner), [dir.join("csv/notes.txt")]);
        assert_eq!(remove(&dir, &owner).unwrap(), [dir.join("csv/notes.txt")]);
        assert_eq!(fs::read_to_string(dir.join("csv/notes.txt")).unwrap(), "csv/notes.txt");
        assert!(!dir.join("csv/genre_year.csv").exists() && !dir.join("manifest.json").exists());
        assert!(!dir.join(MARKER).exists());
        fs::remove_file(dir.join("csv/notes.txt")).unwrap();
        assert!(remove(&dir, &Owner::new(&dir, [])).unwrap().is_empty(), "empty folders go");
        assert!(!dir.exists());
    }

    #[test]
    fn a_nested_export_is_judged_by_its_own_marker() {
        let dir = scratch("nested");
        let day = export(&dir);
        let hour = dir.join("hour=07");
        export(&hour);
        assert!(foreign(&dir, &day).is_empty());
        put(&hour, "schema.sql");
        assert_eq!(foreign(&dir, &day), [hour.join("schema.sql")], "listed by the day, not the hour");
        let _ = fs::remove_dir_all(dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_never_ours_nor_followed() {
        let dir = scratch("link");
        let elsewhere = scratch("link-target");
        put(&elsewhere, "csv/genre_year.csv");
        let owner = Owner::new(&dir, ["csv/genre_year.csv".to_owned()]);
        std::os::unix::fs::symlink(elsewhere.join("csv"), dir.join("csv")).unwrap();
        assert_eq!(foreign(&dir, &owner), [dir.join("csv")]);
        assert_eq!(remove(&dir, &owner).unwrap(), [dir.join("csv")]);
        assert!(elsewhere.join("csv/genre_year.csv").exists());
        let _ = fs::remove_dir_all(dir);
        let _ = fs::remove_dir_all(elsewhere);
    }
}
