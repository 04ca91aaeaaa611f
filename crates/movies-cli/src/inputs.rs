//! The command's INPUT arguments: files and folders on disk (folders walked to any
//! depth) handed to the core's resolver, or one pipe, read front to back.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use movies_core::sources::{self, Given, GivenKind, Walk};
use movies_core::{InputError, InputErrorKind};

use crate::disk::PathOrigin;
use crate::stream::OpenedStream;

/// What the inputs are.
pub enum Inputs {
    /// Files and folders, resolved into sources.
    Files(sources::Resolved<PathOrigin>),
    /// A pipe (or another input that can be read only once, front to back), opened.
    Stream {
        /// How messages name it.
        name: String,
        /// What it holds, told by its first bytes.
        opened: OpenedStream,
    },
}

fn unreadable(path: &Path, e: io::Error) -> InputError {
    InputError::archive(&path.display().to_string(), InputErrorKind::Io(e))
}

/// True for what can be read only once, front to back: a pipe, a socket, a device.
fn is_stream(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        kind.is_fifo() || kind.is_socket() || kind.is_char_device()
    }
    #[cfg(not(unix))]
    {
        !meta.is_file() && !meta.is_dir()
    }
}

/// Finds what the given paths hold. A pipe must be the only input (it is read once,
/// as it comes); everything else goes to the core's resolver.
pub fn resolve(inputs: &[PathBuf]) -> Result<Inputs, InputError> {
    let mut given = Vec::with_capacity(inputs.len());
    for input in inputs {
        let meta = fs::metadata(input).map_err(|e| unreadable(input, e))?;
        let name = input.display().to_string();
        if is_stream(&meta) {
            if inputs.len() > 1 {
                return Err(InputError::archive(&name, InputErrorKind::StreamAmongOthers));
            }
            let opened = crate::stream::open(input, &name)?;
            return Ok(Inputs::Stream { name, opened });
        }
        let kind = if meta.is_dir() {
            let (files, walk) = walk_folder(input);
            GivenKind::Folder { files, walk }
        } else {
            GivenKind::File(PathOrigin::new(input.clone(), meta.len()))
        };
        given.push(Given { name, kind });
    }
    sources::resolve(given).map(Inputs::Files)
}

/// Every file under `root`, at any depth, in sorted order. Links are followed, but a
/// folder already visited (through a link, a bind mount...) is not entered again, so
/// a link loop ends the walk of that branch instead of the walk going on forever.
fn walk_folder(root: &Path) -> (Vec<PathOrigin>, Walk) {
    let mut files = Vec::new();
    let mut walk = Walk::default();
    let mut visited = HashSet::new();
    let mut pending = vec![(root.to_owned(), 0usize)];
    while let Some((dir, depth)) = pending.pop() {
        if identity(&dir).is_some_and(|id| !visited.insert(id)) {
            walk.loops += 1;
            continue;
        }
        let mut entries: Vec<PathBuf> = match fs::read_dir(&dir) {
            Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
            Err(e) => {
                note_unreadable(&mut walk, &dir, &e);
                continue;
            }
        };
        entries.sort();
        let mut folders = Vec::new();
        for path in entries {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => folders.push(path),
                Ok(meta) => {
                    walk.files += 1;
                    walk.deepest = walk.deepest.max(depth + 1);
                    files.push(PathOrigin::new(path, meta.len()));
                }
                Err(e) => note_unreadable(&mut walk, &path, &e),
            }
        }
        walk.folders += folders.len() as u64;
        // Reversed, so that folders are walked in sorted order off the stack.
        pending.extend(folders.into_iter().rev().map(|f| (f, depth + 1)));
    }
    walk.folders = walk.folders.saturating_sub(walk.loops);
    (files, walk)
}

/// Places that cannot be read are counted, the first few named.
fn note_unreadable(walk: &mut Walk, path: &Path, e: &io::Error) {
    if walk.unreadable.len() < 5 {
        walk.unreadable.push(format!("{} ({e})", path.display()));
    }
}

/// What tells two folders apart whatever the path they are reached by.
#[cfg(unix)]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

/// What tells two folders apart whatever the path they are reached by.
#[cfg(not(unix))]
fn identity(dir: &Path) -> Option<PathBuf> {
    fs::canonicalize(dir).ok()
}
