//! "Export to a folder": the files of an export written into a folder the user picked
//! (the File System Access API of Chromium), in the command's layout and uncompressed,
//! so the export takes about as long as re-reading the input instead of deflating
//! gigabytes on one thread.
//!
//! A folder is written only when it is empty or holds the marker `.movies-written` of
//! an earlier export (the page's or the `movies` command's): then only the layout's own
//! files are replaced, and one of those that the marker does not list (a file of the
//! user's where an output must go) stops the export before anything is written.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use movies_core::export::Format;
use movies_core::schema::Table;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    FileSystemDirectoryHandle, FileSystemFileHandle, FileSystemGetDirectoryOptions, FileSystemGetFileOptions,
    FileSystemWritableFileStream,
};

use crate::format;
use crate::store::Store;

/// The ownership marker, as the `movies` command writes it.
const MARKER: &str = ".movies-written";
/// The marker's first line.
const MARKER_HEADER: &str = "movies-written 1";

/// Whether the browser lets the page write into a folder the user picks.
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| Reflect::has(&w, &"showDirectoryPicker".into()).unwrap_or(false))
}

/// Asks the user for a folder to write into; `Ok(None)` when they cancel the picker.
pub async fn pick() -> Result<Option<FileSystemDirectoryHandle>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let picker: Function = Reflect::get(&window, &"showDirectoryPicker".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("this browser cannot write into a folder: use Export all")?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"mode".into(), &"readwrite".into());
    let _ = Reflect::set(&options, &"id".into(), &"movies-export".into());
    let promise: Promise = picker.call1(&window, &options).map_err(js_text)?.unchecked_into();
    match JsFuture::from(promise).await {
        Ok(handle) => Ok(Some(handle.unchecked_into())),
        Err(e) if error_name(&e) == "AbortError" => Ok(None),
        Err(e) => Err(js_text(e)),
    }
}

/// Every file an export with these formats writes, as layout paths.
fn layout(parquet: bool) -> Vec<String> {
    let formats: &[Format] = if parquet { &Format::EVERY } else { &Format::TEXT };
    let tables = formats.iter().flat_map(|format| Table::ALL.into_iter().map(|t| format.path(t)));
    ["manifest.json", "schema.sql", "queries.sql"].into_iter().map(str::to_owned).chain(tables).collect()
}

/// Checks that `dir` may take an export; returns the files an earlier export wrote
/// there (from its marker), or a message naming what is in the way.
pub async fn check(dir: &FileSystemDirectoryHandle, parquet: bool) -> Result<BTreeSet<String>, String> {
    let names = entry_names(dir).await?;
    if names.is_empty() {
        return Ok(BTreeSet::new());
    }
    let folder = dir.name();
    if !names.iter().any(|n| n == MARKER) {
        let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
        let more = if names.len() > 5 { format!(" and {} more", names.len() - 5) } else { String::new() };
        return Err(format!(
            "The folder {folder} holds files the explorer did not write ({}{more}): pick an empty folder, or one an \
             earlier export wrote.",
            shown.join(", ")
        ));
    }
    let ours = read_marker(dir).await?;
    for path in layout(parquet) {
        if !ours.contains(&path) && exists(dir, &path).await {
            return Err(format!(
                "The folder {folder} has a {path} that no export wrote: it would be replaced, so nothing was written. \
                 Move it away or pick another folder."
            ));
        }
    }
    Ok(ours)
}

/// Names of the entries directly in `dir`.
async fn entry_names(dir: &FileSystemDirectoryHandle) -> Result<Vec<String>, String> {
    let keys = dir.keys();
    let mut names = Vec::new();
    loop {
        let step = JsFuture::from(keys.next().map_err(js_text)?).await.map_err(js_text)?;
        if Reflect::get(&step, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        if let Some(name) = Reflect::get(&step, &"value".into()).ok().and_then(|v| v.as_string()) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// The paths listed in the folder's marker; an unreadable or foreign marker lists none.
async fn read_marker(dir: &FileSystemDirectoryHandle) -> Result<BTreeSet<String>, String> {
    let handle: FileSystemFileHandle =
        JsFuture::from(dir.get_file_handle(MARKER)).await.map_err(js_text)?.unchecked_into();
    let file: web_sys::File = JsFuture::from(handle.get_file()).await.map_err(js_text)?.unchecked_into();
    let text = JsFuture::from(file.text()).await.map_err(js_text)?.as_string().unwrap_or_default();
    let mut lines = text.lines();
    if lines.next() != Some(MARKER_HEADER) {
        return Ok(BTreeSet::new());
    }
    Ok(lines.filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned).collect())
}

/// Whether `path` (`csv/movies_master.csv`) is taken in `dir`, by a file or a folder.
async fn exists(dir: &FileSystemDirectoryHandle, path: &str) -> bool {
    let Some((folders, name)) = split(path) else { return false };
    let mut current = dir.clone();
    for folder in folders {
        match JsFuture::from(current.get_directory_handle(folder)).await {
            Ok(handle) => current = handle.unchecked_into(),
            Err(e) => return error_name(&e) != "NotFoundError",
        }
    }
    match JsFuture::from(current.get_file_handle(name)).await {
        Ok(_) => true,
        Err(e) => error_name(&e) != "NotFoundError",
    }
}

fn split(path: &str) -> Option<(Vec<&str>, &str)> {
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let name = parts.pop()?;
    Some((parts, name))
}

/// Opens `path` under `dir` for writing, creating its folders; the file is replaced
/// when the stream is closed.
async fn create(dir: &FileSystemDirectoryHandle, path: &str) -> Result<FileSystemWritableFileStream, JsValue> {
    let (folders, name) = split(path).ok_or_else(|| JsValue::from_str("empty path"))?;
    let mut current = dir.clone();
    let folder_options = FileSystemGetDirectoryOptions::new();
    folder_options.set_create(true);
    for folder in folders {
        current =
            JsFuture::from(current.get_directory_handle_with_options(folder, &folder_options)).await?.unchecked_into();
    }
    let file_options = FileSystemGetFileOptions::new();
    file_options.set_create(true);
    let handle: FileSystemFileHandle =
        JsFuture::from(current.get_file_handle_with_options(name, &file_options)).await?.unchecked_into();
    Ok(JsFuture::from(handle.create_writable()).await?.unchecked_into())
}

/// Removes the file `path` under `dir`, when it is there.
async fn remove(dir: &FileSystemDirectoryHandle, path: &str) {
    let Some((folders, name)) = split(path) else { return };
    let mut current = dir.clone();
    for folder in folders {
        match JsFuture::from(current.get_directory_handle(folder)).await {
            Ok(handle) => current = handle.unchecked_into(),
            Err(_) => return,
        }
    }
    let _ = JsFuture::from(current.remove_entry(name)).await;
}

/// What the writer does next, in the order the worker sent it.
enum Op {
    Open { stream: u32, path: String },
    Write { stream: u32, bytes: Uint8Array },
    Finish { bytes: u64 },
    Abort,
}

struct Writer {
    dir: FileSystemDirectoryHandle,
    store: Store,
    id: u32,
    ours: BTreeSet<String>,
    queue: VecDeque<Op>,
    running: bool,
    open: HashMap<u32, (String, FileSystemWritableFileStream)>,
    closed: Vec<String>,
    failed: bool,
}

/// Writes the files of one folder export as their chunks arrive (a queue worked off
/// in order by one task, so the page never waits on the disk).
#[derive(Clone)]
pub struct FolderSink(Rc<RefCell<Writer>>);

impl FolderSink {
    /// A sink for export `id` into `dir`, which [`check`] found to hold `ours`.
    pub fn new(dir: FileSystemDirectoryHandle, ours: BTreeSet<String>, store: Store, id: u32) -> Self {
        FolderSink(Rc::new(RefCell::new(Writer {
            dir,
            store,
            id,
            ours,
            queue: VecDeque::new(),
            running: false,
            open: HashMap::new(),
            closed: Vec::new(),
            failed: false,
        })))
    }

    /// The file `path` begins; its bytes come as chunks of `stream`.
    pub fn open(&self, stream: u32, path: String) {
        self.push(Op::Open { stream, path });
    }

    /// A chunk of `stream`.
    pub fn write(&self, stream: u32, bytes: Uint8Array) {
        self.push(Op::Write { stream, bytes });
    }

    /// Every file was sent (`bytes` in all): close them and write the marker.
    pub fn finish(&self, bytes: u64) {
        self.push(Op::Finish { bytes });
    }

    /// The export failed or was cancelled in the worker: discard what was being written.
    pub fn abort(&self) {
        self.push(Op::Abort);
    }

    fn push(&self, op: Op) {
        let start = {
            let mut writer = self.0.borrow_mut();
            writer.queue.push_back(op);
            !std::mem::replace(&mut writer.running, true)
        };
        if start {
            wasm_bindgen_futures::spawn_local(self.clone().drain());
        }
    }

    async fn drain(self) {
        loop {
            let op = {
                let mut writer = self.0.borrow_mut();
                match writer.queue.pop_front() {
                    Some(op) => op,
                    None => {
                        writer.running = false;
                        return;
                    }
                }
            };
            if self.0.borrow().failed {
                continue;
            }
            if let Err(message) = self.perform(op).await {
                self.fail(message).await;
            }
        }
    }

    async fn perform(&self, op: Op) -> Result<(), String> {
        match op {
            Op::Open { stream, path } => {
                let dir = self.0.borrow().dir.clone();
                let file = create(&dir, &path).await.map_err(|e| format!("{path}: {}", js_text(e)))?;
                self.0.borrow_mut().open.insert(stream, (path, file));
            }
            Op::Write { stream, bytes } => {
                let file = self.0.borrow().open.get(&stream).map(|(path, file)| (path.clone(), file.clone()));
                let (path, file) = file.ok_or("a chunk of a file that was not opened")?;
                let written = file.write_with_js_u8_array(&bytes).map_err(|e| format!("{path}: {}", js_text(e)))?;
                JsFuture::from(written).await.map_err(|e| format!("{path}: {}", js_text(e)))?;
            }
            Op::Finish { bytes } => self.close_all(bytes).await?,
            Op::Abort => self.discard().await,
        }
        Ok(())
    }

    async fn close_all(&self, bytes: u64) -> Result<(), String> {
        let mut open: Vec<(u32, (String, FileSystemWritableFileStream))> = self.0.borrow_mut().open.drain().collect();
        open.sort_by_key(|(stream, _)| *stream);
        for (_, (path, file)) in open {
            JsFuture::from(file.close()).await.map_err(|e| format!("{path}: {}", js_text(e)))?;
            self.0.borrow_mut().closed.push(path);
        }
        let (dir, store, id, marker, files) = {
            let writer = self.0.borrow();
            let mut listed = writer.ours.clone();
            listed.extend(writer.closed.iter().cloned());
            let mut marker =
                format!("{MARKER_HEADER}\n# written by the movies explorer page; a later export replaces these\n");
            for path in &listed {
                marker.push_str(path);
                marker.push('\n');
            }
            (writer.dir.clone(), writer.store, writer.id, marker, writer.closed.len())
        };
        let out = create(&dir, MARKER).await.map_err(|e| format!("{MARKER}: {}", js_text(e)))?;
        let written = out.write_with_str(&marker).map_err(|e| format!("{MARKER}: {}", js_text(e)))?;
        JsFuture::from(written).await.map_err(|e| format!("{MARKER}: {}", js_text(e)))?;
        JsFuture::from(out.close()).await.map_err(|e| format!("{MARKER}: {}", js_text(e)))?;
        let message = format!("Written to the folder {}: {files} files, {}.", dir.name(), format::bytes(bytes));
        store.finish_export(id, message);
        Ok(())
    }

    /// Drops what was being written: the folder keeps what it held before, and the
    /// files and folders this export created (empty until closed) are removed.
    async fn discard(&self) {
        let (dir, ours, open) = {
            let mut writer = self.0.borrow_mut();
            let open: Vec<(String, FileSystemWritableFileStream)> = writer.open.drain().map(|(_, f)| f).collect();
            (writer.dir.clone(), writer.ours.clone(), open)
        };
        let mut folders = BTreeSet::new();
        for (path, file) in open {
            // Aborting drops the file's pending data: an earlier export's file stays.
            let _ = JsFuture::from(file.abort()).await;
            if !ours.contains(&path) {
                remove(&dir, &path).await;
                if let Some((parents, _)) = split(&path) {
                    folders.extend(parents.first().map(|f| (*f).to_owned()));
                }
            }
        }
        for folder in folders.iter().filter(|f| !ours.iter().any(|p| p.starts_with(&format!("{f}/")))) {
            // Not recursive: a folder that holds anything else stays.
            let _ = JsFuture::from(dir.remove_entry(folder)).await;
        }
    }

    async fn fail(&self, message: String) {
        self.0.borrow_mut().failed = true;
        self.discard().await;
        let (store, id, folder) = {
            let writer = self.0.borrow();
            (writer.store, writer.id, writer.dir.name())
        };
        store.fail_export(id, format!("Export to the folder {folder} failed: {message}"));
    }
}

fn error_name(error: &JsValue) -> String {
    Reflect::get(error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
}

/// A JavaScript error as text for the user.
fn js_text(error: JsValue) -> String {
    let message = Reflect::get(&error, &"message".into()).ok().and_then(|m| m.as_string());
    message.or_else(|| error.as_string()).unwrap_or_else(|| format!("{error:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_the_commands() {
        let text = layout(false);
        assert_eq!(text.len(), 3 + 2 * Table::ALL.len());
        assert!(text.contains(&"csv/movies_master.csv".to_owned()));
        assert!(text.contains(&"json/ratings_master.ndjson".to_owned()));
        assert_eq!(layout(true).len(), 3 + 3 * Table::ALL.len());
        assert_eq!(split("csv/a.csv"), Some((vec!["csv"], "a.csv")));
        assert_eq!(split("manifest.json"), Some((vec![], "manifest.json")));
    }
}
