//! The ownership marker, `.movies-written`: the files a run of `movies` wrote into a
//! folder, so that a later run replaces or removes those and nothing else.
//!
//! Every folder an export is published to gets one (`DIR/`, or the snapshot folder).
//! It is text: the line `movies-written 1`, comment lines starting with `#`, then one
//! path per line, relative to the folder and `/`-separated. An export written before
//! the marker existed is recognised by its `manifest.json` instead: then only the file
//! names of the export layout count as ours.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use movies_core::export::Format;
use movies_core::schema::Table;

/// The marker's file name.
pub const MARKER: &str = ".movies-written";

/// The marker's first line: what it is, and the version of its format.
const HEADER: &str = "movies-written 1";

/// Larger than any marker or manifest of ours: a larger file is not one.
const MAX_BYTES: u64 = 1 << 20;

/// Every file name of the export layout: `manifest.json`, `schema.sql`, `queries.sql`
/// and each table in each format (`csv/movies_master.csv`, ...).
pub fn layout_files() -> impl Iterator<Item = String> {
    let tables = Format::EVERY.into_iter().flat_map(|format| Table::ALL.into_iter().map(move |t| format.path(t)));
    ["manifest.json", "schema.sql", "queries.sql"].into_iter().map(str::to_owned).chain(tables)
}

/// The files under a folder that a run of `movies` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The folder the paths are relative to.
    root: PathBuf,
    /// Relative, `/`-separated paths.
    files: BTreeSet<String>,
}

impl Owner {
    /// `files` (relative to `root`) as ours.
    pub fn new(root: &Path, files: impl IntoIterator<Item = String>) -> Self {
        Owner { root: root.to_owned(), files: files.into_iter().collect() }
    }

    /// What the folder's marker lists (the marker included), or for an unmarked export
    /// of an earlier version (a `manifest.json` of ours) the layout's file names;
    /// `None` when neither is there, or when the marker is not one of ours (it is then
    /// nobody's file, and found in the way like any other).
    pub fn of(dir: &Path) -> Option<Owner> {
        let marker = dir.join(MARKER);
        match fs::symlink_metadata(&marker) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Owner::legacy(dir),
            Err(_) => None,
            Ok(_) => {
                let files = parse(&read_small(&marker)?)?;
                Some(Owner::new(dir, files.into_iter().chain([MARKER.to_owned()])))
            }
        }
    }

    /// An export without a marker, recognised by a `manifest.json` that `movies` wrote.
    fn legacy(dir: &Path) -> Option<Owner> {
        let manifest: serde_json::Value = serde_json::from_str(&read_small(&dir.join("manifest.json"))?).ok()?;
        let generator = manifest.get("generator")?.as_str()?;
        (generator.starts_with("movies-core ") && manifest.get("tables")?.is_object())
            .then(|| Owner::new(dir, layout_files()))
    }

    /// Every file under `dir`, as written there (a staging folder, before it is published).
    pub fn found_in(dir: &Path) -> io::Result<Owner> {
        let mut files = BTreeSet::new();
        let mut folders = vec![dir.to_owned()];
        while let Some(folder) = folders.pop() {
            for entry in fs::read_dir(&folder)? {
                let path = entry?.path();
                if fs::symlink_metadata(&path)?.is_dir() {
                    folders.push(path);
                } else if let Some(relative) = relative(dir, &path) {
                    files.insert(relative);
                }
            }
        }
        Ok(Owner { root: dir.to_owned(), files })
    }

    /// The folder the listed paths are relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether `path` (under the root) is listed.
    pub fn covers(&self, path: &Path) -> bool {
        relative(&self.root, path).is_some_and(|relative| self.files.contains(&relative))
    }

    /// These files and `other`'s, as files of this root.
    pub fn and(&self, other: &Owner) -> Owner {
        Owner { root: self.root.clone(), files: self.files.union(&other.files).cloned().collect() }
    }

    /// Writes the marker listing these files to `temp`, then renames it to `to` (on the
    /// same file system, so that a reader sees the old list or the new one, whole).
    pub fn write_marker(&self, temp: &Path, to: &Path) -> io::Result<()> {
        let mut text = format!(
            "{HEADER}\n# Files the `movies` command wrote here. A later run replaces or removes these\n\
             # and nothing else: a file of yours placed among them stops it instead.\n"
        );
        for file in self.files.iter().filter(|f| *f != MARKER) {
            text.push_str(file);
            text.push('\n');
        }
        let mut out = File::create(temp)?;
        out.write_all(text.as_bytes())?;
        out.sync_all()?;
        fs::rename(temp, to)
    }
}

/// `path` relative to `root`, `/`-separated, when it lies under it and names no
/// `.`, `..` or non-UTF-8 component.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    parts.filter(|p| !p.is_empty()).map(|p| p.join("/"))
}

/// The text of a regular file of at most [`MAX_BYTES`] (a symbolic link is not followed).
fn read_small(path: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    let mut text = String::new();
    File::open(path).ok()?.take(MAX_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The paths a marker lists; `None` when it is not a marker of ours.
fn parse(text: &str) -> Option<Vec<String>> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let mut files = Vec::new();
    for line in lines.filter(|l| !l.is_empty() && !l.starts_with('#')) {
        // Only plain relative paths: a marker cannot claim anything outside its folder.
        if !line.split('/').all(|part| !matches!(part, "" | "." | "..") && !part.contains('\\')) {
            return None;
        }
        files.push(line.to_owned());
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("movies-marker-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_marker_written_is_read_back_and_covers_only_its_files() {
        let dir = scratch("roundtrip");
        fs::create_dir_all(dir.join("stage/csv")).unwrap();
        fs::write(dir.join("stage/csv/movies_master.csv"), "id\n").unwrap();
        fs::write(dir.join("stage/manifest.json"), "{}").unwrap();
        let written = Owner::found_in(&dir.join("stage")).unwrap();
        assert!(written.covers(&dir.join("stage/csv/movies_master.csv")));
        written.write_marker(&dir.join("stage").join(MARKER), &dir.join(MARKER)).unwrap();

        let owner = Owner::of(&dir).expect("our marker");
        assert_eq!(owner.root(), dir);
        for ours in ["csv/movies_master.csv", "manifest.json", MARKER] {
            assert!(owner.covers(&dir.join(ours)), "{ours}");
        }
        for theirs in ["csv/notes.txt", "csv", "schema.sql", "stage/manifest.json"] {
            assert!(!owner.covers(&dir.join(theirs)), "{theirs}");
        }
        assert!(!owner.covers(Path::new("/elsewhere/manifest.json")));
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_file_that_only_looks_like_a_marker_is_not_one() {
        let dir = scratch("foreign");
        for text in [
            "my notes\n",
            "movies-written 2\ncsv/x.csv\n",
            "movies-written 1\n../../etc/passwd\n",
            "movies-written 1\n/etc/passwd\n",
            "movies-written 1\ncsv/./x.csv\n",
        ] {
            fs::write(dir.join(MARKER), text).unwrap();
            assert_eq!(Owner::of(&dir), None, "{text:?}");
        }
        fs::remove_file(dir.join(MARKER)).unwrap();
        fs::create_dir(dir.join(MARKER)).unwrap();
        assert_eq!(Owner::of(&dir), None, "a folder named like the marker");
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn an_unmarked_export_is_recognised_by_its_manifest() {
        let dir = scratch("legacy");
        assert_eq!(Owner::of(&dir), None, "an empty folder");
        fs::write(dir.join("manifest.json"), r#"{"files": {}}"#).unwrap();
        assert_eq!(Owner::of(&dir), None, "a manifest of somebody else");
        fs::write(dir.join("manifest.json"), r#"{"generator": "movies-core 0.1.0", "tables": {}}"#).unwrap();
        let owner = Owner::of(&dir).expect("a manifest of ours");
        for ours in ["csv/movies_master.csv", "json/error_log.ndjson", "parquet/genre_year.parquet", "schema.sql"] {
            assert!(owner.covers(&dir.join(ours)), "{ours}");
        }
        assert!(!owner.covers(&dir.join("csv/notes.txt")));
        assert!(!owner.covers(&dir.join(MARKER)));
        let _ = fs::remove_dir_all(dir);
    }
}
