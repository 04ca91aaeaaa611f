//! `movies sample --out FILE.zip`: the sample is written to a temporary file beside
//! `FILE.zip`, then renamed over it, so a failed run leaves `FILE.zip` as it was; and
//! an existing `FILE.zip` is replaced only when it is a sample that `movies sample`
//! wrote, recognised by the archive's comment ([`movies_sample::ZIP_COMMENT`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter};
use std::path::Path;

/// Writes the sample to `out`; the error says what is wrong and what to do.
pub fn write(out: &Path) -> Result<(), String> {
    check_replaceable(out)?;
    let name = out.file_name().ok_or(format!("{}: not a file name; give one like sample.zip", out.display()))?;
    let folder = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".movies-tmp-{}", std::process::id()));
    let temp = folder.join(temp_name);
    let written = write_new(&temp).map_err(|e| format!("cannot write {}: {e}", out.display())).and_then(|()| {
        // Checked again: the file may have come in the way while the sample was written.
        check_replaceable(out)?;
        fs::rename(&temp, out).map_err(|e| format!("cannot write {}: {e}", out.display()))
    });
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// The sample, into a file that must not exist yet.
fn write_new(path: &Path) -> io::Result<()> {
    let file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let file = movies_sample::write_sample_zip(BufWriter::new(file)).map_err(io::Error::other)?;
    file.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// Refuses an `out` that exists and is anything but a sample of ours.
fn check_replaceable(out: &Path) -> Result<(), String> {
    let meta = match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot look at {}: {e}", out.display())),
        Ok(meta) => meta,
    };
    let ours = meta.is_file()
        && File::open(out)
            .ok()
            .and_then(|file| zip::ZipArchive::new(file).ok())
            .is_some_and(|archive| archive.comment() == movies_sample::ZIP_COMMENT.as_bytes());
    if ours {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "is a folder"
    } else if meta.is_symlink() {
        "is a symbolic link"
    } else {
        "exists and is not a sample written by `movies sample`"
    };
    Err(format!("{} {what}, so it is left untouched: remove it yourself, or give another --out", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("movies-sample-file-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_sample_replaces_only_a_sample() {
        let dir = scratch("replace");
        let zip = dir.join("sample.zip");
        write(&zip).unwrap();
        let first = fs::read(&zip).unwrap();
        write(&zip).unwrap();
        assert_eq!(fs::read(&zip).unwrap(), first, "a sample of ours is replaced");

        let theirs = dir.join("the-movies-dataset.zip");
        let mut other = zip::ZipWriter::new(File::create(&theirs).unwrap());
        other.start_file("movies_metadata.csv", zip::write::SimpleFileOptions::default()).unwrap();
        other.finish().unwrap();
        let before = fs::read(&theirs).unwrap();
        let error = write(&theirs).unwrap_err();
        assert!(
            error.contains("not a sample written by `movies sample`") && error.contains("left untouched"),
            "{error}"
        );
        assert_eq!(fs::read(&theirs).unwrap(), before);

        assert!(write(&dir).unwrap_err().contains("is a folder"));
        let listing: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(listing.len(), 2, "no temporary file left: {listing:?}");
        let _ = fs::remove_dir_all(dir);
    }
}
