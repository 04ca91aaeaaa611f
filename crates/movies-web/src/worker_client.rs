//! The page's side of the worker: starting it, sending requests, routing responses.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use movies_protocol::{ExportEvent, ExportRequest, LoadId, Request, Response};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{File, FileSystemDirectoryHandle, MessageEvent, Worker};

use crate::download::Downloads;
use crate::folder_export::FolderSink;
use crate::given::Given;
use crate::store::{ExportStatus, Store};

/// Messages posted before the worker said it is ready (a worker drops messages that
/// arrive before its WebAssembly module has set its handler).
#[derive(Default)]
struct Outbox {
    ready: bool,
    waiting: Vec<JsValue>,
}

/// A running worker and the bookkeeping of requests to it.
pub struct WorkerClient {
    worker: Worker,
    next_id: Cell<u32>,
    outbox: Rc<RefCell<Outbox>>,
    /// Folder exports in progress, by export id.
    folders: Folders,
    /// False once the worker failed (it is then stopped, and a new one is needed).
    alive: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

type Folders = Rc<RefCell<HashMap<u32, FolderSink>>>;

impl WorkerClient {
    /// Starts the worker (built by Trunk as `worker_loader.js`) and routes its
    /// responses into `store`; its ids start after `last_id` (those of a worker it
    /// replaces), so no answer or export can be taken for an earlier one's.
    pub fn start(store: Store, last_id: u32) -> Result<Self, JsValue> {
        let worker = Worker::new("./worker_loader.js")?;
        let downloads = Rc::new(RefCell::new(Downloads::default()));
        let folders = Folders::default();
        let routed_folders = folders.clone();
        let outbox = Rc::new(RefCell::new(Outbox::default()));
        let (ready_outbox, ready_worker) = (outbox.clone(), worker.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if !ready_outbox.borrow().ready {
                let mut outbox = ready_outbox.borrow_mut();
                outbox.ready = true;
                for message in outbox.waiting.drain(..) {
                    let _ = ready_worker.post_message(&message);
                }
            }
            route(store, &downloads, &routed_folders, &data);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let alive = Rc::new(Cell::new(true));
        let (failed_worker, failed_alive, failed_folders) = (worker.clone(), alive.clone(), folders.clone());
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if !failed_alive.replace(false) {
                return;
            }
            // A WebAssembly module that trapped is not resumed: the worker is stopped,
            // what it was sending is dropped, and the next load starts a new one.
            failed_worker.terminate();
            for (_, folder) in failed_folders.borrow_mut().drain() {
                folder.abort();
            }
            let message = Reflect::get(&event, &"message".into()).ok().and_then(|m| m.as_string());
            store.worker_failed(message.as_deref().filter(|m| !m.is_empty()).unwrap_or("no reason given"));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerClient {
            worker,
            next_id: Cell::new(last_id),
            outbox,
            folders,
            alive,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Whether the worker still runs (false after it failed).
    pub fn alive(&self) -> bool {
        self.alive.get()
    }

    /// The last id given out.
    pub fn last_id(&self) -> u32 {
        self.next_id.get()
    }

    /// A fresh id for a request or load.
    pub fn next_id(&self) -> u32 {
        self.next_id.set(self.next_id.get() + 1);
        self.next_id.get()
    }

    fn post(&self, request: &Request, files: Option<&[File]>) {
        let message = Object::new();
        let _ = Reflect::set(&message, &"json".into(), &JsValue::from_str(&request.to_json()));
        if let Some(files) = files {
            let list: Array = files.iter().collect();
            let _ = Reflect::set(&message, &"files".into(), &list);
        }
        let mut outbox = self.outbox.borrow_mut();
        if outbox.ready {
            let _ = self.worker.post_message(&message);
        } else {
            outbox.waiting.push(message.into());
        }
    }

    /// Starts loading what the user gave; returns the load's id.
    pub fn load(&self, given: Given) -> LoadId {
        let load = self.next_id();
        self.post(&Request::Load { load, inputs: given.inputs }, Some(&given.files));
        load
    }

    /// Sends a request without files.
    pub fn send(&self, request: &Request) {
        self.post(request, None);
    }

    /// Asks for an export of the current load and records it as in progress.
    pub fn export(&self, store: Store, export: ExportRequest, label: String) {
        let id = self.next_id();
        let load = store.job.get_untracked();
        store.exports.update(|e| e.push(ExportStatus::new(id, label)));
        self.post(&Request::Export { id, load, export }, None);
    }

    /// Asks for everything of the current load as files written into `dir` (which
    /// [`crate::folder_export::check`] found to hold the files `ours` of an earlier export).
    pub fn export_to_folder(
        &self,
        store: Store,
        dir: FileSystemDirectoryHandle,
        ours: BTreeSet<String>,
        parquet: bool,
    ) {
        let id = self.next_id();
        let label = format!("the folder {}", dir.name());
        self.folders.borrow_mut().insert(id, FolderSink::new(dir, ours, store, id));
        let load = store.job.get_untracked();
        store.exports.update(|e| e.push(ExportStatus::new(id, label)));
        self.post(&Request::Export { id, load, export: ExportRequest::Folder { parquet } }, None);
    }
}

fn route(store: Store, downloads: &RefCell<Downloads>, folders: &Folders, message: &JsValue) {
    let json = Reflect::get(message, &"json".into()).ok().and_then(|j| j.as_string()).unwrap_or_default();
    let response = match Response::from_json(&json) {
        Ok(r) => r,
        Err(e) => return store.alert(format!("Unexpected message from the worker: {e}")),
    };
    if let Response::Export { id, event, .. } = &response {
        let folder = folders.borrow().get(id).cloned();
        match event {
            ExportEvent::Chunk { stream } => {
                let bytes: Option<Uint8Array> =
                    Reflect::get(message, &"bytes".into()).ok().and_then(|b| b.dyn_into().ok());
                if let Some(bytes) = bytes {
                    let len = u64::from(bytes.length());
                    if let Some(folder) = &folder {
                        folder.write(*stream, bytes);
                    } else if downloads.borrow_mut().add_chunk(*id, *stream, &bytes).is_err() {
                        store.alert("The browser refused to keep the exported data (out of memory?).".into());
                    }
                    store.exports.update(|exports| {
                        if let Some(e) = exports.iter_mut().find(|e| e.id == *id) {
                            e.bytes += len;
                        }
                    });
                }
            }
            ExportEvent::File { stream, path } => {
                if let Some(folder) = &folder {
                    folder.open(*stream, path.clone());
                }
            }
            ExportEvent::Written { bytes, .. } => {
                if let Some(folder) = folders.borrow_mut().remove(id) {
                    folder.finish(*bytes);
                }
            }
            ExportEvent::Ready { file_name, mime, order, .. } => {
                if downloads.borrow_mut().finish(*id, order, file_name, mime).is_err() {
                    store.alert(format!("{file_name}: the browser could not save the download."));
                }
            }
            ExportEvent::Failed { .. } | ExportEvent::Cancelled => {
                downloads.borrow_mut().discard(*id);
                if let Some(folder) = folders.borrow_mut().remove(id) {
                    folder.abort();
                }
            }
            ExportEvent::Progress { .. } => {}
        }
    }
    store.apply(response);
}
