//! What the user gave the page: picked files, or dropped files and folders, the
//! folders walked to any depth with the path of each file inside them, so that the
//! worker's resolver sees what the command's sees (and can say what a folder held
//! when it holds nothing of the dataset).

use js_sys::{Array, Function, Promise};
use movies_protocol::{GivenInput, Walk};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry};

/// Most entries a dropped folder is walked for: far past the dataset (7 files), and a
/// bound on what a drop of a home folder can cost.
const MAX_ENTRIES: usize = 100_000;

/// The files to send to the worker, and how they were given.
#[derive(Debug, Default)]
pub struct Given {
    /// Every file, in one array.
    pub files: Vec<File>,
    /// One entry per file or folder the user gave, pointing into `files`.
    pub inputs: Vec<GivenInput>,
}

impl Given {
    /// Picked (or fetched) files, each an input of its own.
    pub fn files(files: Vec<File>) -> Self {
        let inputs = (0..files.len()).map(|file| GivenInput::File { file }).collect();
        Given { files, inputs }
    }

    /// The files of a folder picked with the folder picker, which gives each its path
    /// from the folder's parent (`the-movies-dataset/ratings.csv`): one folder input.
    pub fn picked_folder(files: Vec<File>) -> Self {
        let path =
            |file: &File| js_sys::Reflect::get(file, &"webkitRelativePath".into()).ok().and_then(|p| p.as_string());
        let paths: Vec<String> =
            files.iter().map(|f| path(f).filter(|p| !p.is_empty()).unwrap_or_else(|| f.name())).collect();
        let Some(name) = paths.first().and_then(|p| p.split('/').next()).map(str::to_owned) else {
            return Given::default();
        };
        let mut walk = Walk { files: files.len() as u64, ..Walk::default() };
        let mut folders = std::collections::BTreeSet::new();
        for path in &paths {
            let parts: Vec<&str> = path.split('/').collect();
            walk.deepest = walk.deepest.max(parts.len().saturating_sub(1));
            for depth in 2..parts.len() {
                folders.insert(parts[..depth].join("/"));
            }
        }
        walk.folders = folders.len() as u64;
        let files_in = paths.into_iter().enumerate().collect();
        Given { files, inputs: vec![GivenInput::Folder { name, files: files_in, walk }] }
    }

    /// True when nothing was given.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.inputs.is_empty()
    }

    /// The files and folders of a drop (their entries, taken while the drop event was
    /// dispatched), folders walked to any depth.
    pub async fn dropped(entries: Vec<FileSystemEntry>) -> Result<Self, JsValue> {
        let mut given = Given::default();
        for entry in entries {
            if entry.is_directory() {
                let name = entry.name();
                let (files, walk) = given.walk(entry).await?;
                given.inputs.push(GivenInput::Folder { name, files, walk });
            } else if entry.is_file() {
                let file = file_of(entry.unchecked_into()).await?;
                given.inputs.push(GivenInput::File { file: given.files.len() });
                given.files.push(file);
            }
        }
        Ok(given)
    }

    /// Every file under a dropped folder, with its path from the folder's parent
    /// (`the-movies-dataset/ratings.csv`), in sorted order.
    async fn walk(&mut self, root: FileSystemEntry) -> Result<(Vec<(usize, String)>, Walk), JsValue> {
        let mut walk = Walk::default();
        let mut found = Vec::new();
        let mut pending = vec![(root, 0usize)];
        let mut seen = 0usize;
        while let Some((folder, depth)) = pending.pop() {
            let mut children = read_folder(folder.unchecked_into()).await?;
            children.sort_by_key(|entry| entry.name());
            let mut folders = Vec::new();
            for entry in children {
                seen += 1;
                if seen > MAX_ENTRIES {
                    walk.unreadable.push(format!("the walk stopped after {MAX_ENTRIES} entries"));
                    pending.clear();
                    break;
                }
                if entry.is_directory() {
                    folders.push((entry, depth + 1));
                } else if entry.is_file() {
                    let path = entry.full_path().trim_start_matches('/').to_owned();
                    let file = file_of(entry.unchecked_into()).await?;
                    walk.files += 1;
                    walk.deepest = walk.deepest.max(depth + 1);
                    found.push((self.files.len(), path));
                    self.files.push(file);
                }
            }
            walk.folders += folders.len() as u64;
            pending.extend(folders.into_iter().rev());
        }
        Ok((found, walk))
    }
}

/// Wraps a callback-style API in a promise: `start(resolve)`.
async fn callback<T: JsCast>(start: impl FnOnce(&Function)) -> Result<T, JsValue> {
    let mut start = Some(start);
    let promise = Promise::new(&mut |resolve, _reject| {
        if let Some(start) = start.take() {
            start(&resolve);
        }
    });
    JsFuture::from(promise).await?.dyn_into()
}

/// The `File` of a file entry.
async fn file_of(entry: FileSystemFileEntry) -> Result<File, JsValue> {
    callback(|resolve| entry.file_with_callback(resolve)).await
}

/// Every entry of a folder (the reader hands them out in batches).
async fn read_folder(folder: FileSystemDirectoryEntry) -> Result<Vec<FileSystemEntry>, JsValue> {
    let reader = folder.create_reader();
    let mut entries = Vec::new();
    loop {
        let batch: Array = callback(|resolve| {
            let _ = reader.read_entries_with_callback(resolve);
        })
        .await?;
        if batch.length() == 0 {
            return Ok(entries);
        }
        entries.extend(batch.iter().filter_map(|e| e.dyn_into::<FileSystemEntry>().ok()));
    }
}
