//! What every component reaches through context: the page's state and its worker.
//!
//! The app provides it once; the frame and the views take it with [`use_app`]. It sits
//! below everything that draws, so no component needs the root to reach it.

use std::collections::BTreeSet;

use leptos::prelude::*;
use movies_protocol::{ExportRequest, LoadId, Request};
use web_sys::FileSystemDirectoryHandle;

use crate::given::Given;
use crate::store::Store;
use crate::worker_client::WorkerClient;

/// The state and the worker, as one cheap copy.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// The page's state.
    pub store: Store,
    client: StoredValue<Option<WorkerClient>, LocalStorage>,
}

impl AppContext {
    /// Starts the worker that feeds `store`. Where the browser refuses it, the page
    /// still shows and says why in an alert.
    pub fn start(store: Store) -> Self {
        let client = match WorkerClient::start(store, 0) {
            Ok(client) => Some(client),
            Err(e) => {
                store.alert(format!("This browser cannot start the processing worker: {e:?}"));
                None
            }
        };
        AppContext { store, client: StoredValue::new_local(client) }
    }

    /// Loads what the user gave (or the sample) in the worker, starting a new worker
    /// when the last one failed.
    pub fn load(&self, given: Given) {
        let store = self.store;
        self.client.update_value(|client| {
            if let Some(dead) = client.as_ref().filter(|c| !c.alive()) {
                match WorkerClient::start(store, dead.last_id()) {
                    Ok(fresh) => *client = Some(fresh),
                    Err(e) => store.alert(format!("A new processing worker could not start: {e:?}")),
                }
            }
        });
        self.client.with_value(|client| match client {
            Some(client) => store.begin_load(client.load(given)),
            None => store.alert("The processing worker is not running: reload the page.".into()),
        });
    }

    /// Sends a request about the current load to the worker; `make` gets the request's
    /// id and the load. Returns the id.
    pub fn request(&self, make: impl FnOnce(u32, LoadId) -> Request) -> u32 {
        let load = self.store.job.get_untracked();
        self.client.with_value(|client| match client {
            Some(client) => {
                let id = client.next_id();
                client.send(&make(id, load));
                id
            }
            None => 0,
        })
    }

    /// Asks for an export.
    pub fn export(&self, export: ExportRequest, label: String) {
        let store = self.store;
        self.client.with_value(|client| {
            if let Some(client) = client {
                client.export(store, export, label);
            }
        });
    }

    /// Asks the worker to stop export `id`; what it produced so far is dropped.
    pub fn cancel_export(&self, id: u32) {
        let store = self.store;
        store.cancelling_export(id);
        let load = store.job.get_untracked();
        self.client.with_value(|client| {
            if let Some(client) = client {
                client.send(&Request::CancelExport { id, load });
            }
        });
    }

    /// Asks for everything of the current load, written into the folder `dir`, which
    /// holds the files `ours` of an earlier export.
    pub fn export_to_folder(&self, dir: FileSystemDirectoryHandle, ours: BTreeSet<String>, parquet: bool) {
        let store = self.store;
        self.client.with_value(|client| {
            if let Some(client) = client {
                client.export_to_folder(store, dir, ours, parquet);
            }
        });
    }
}

/// The context provided by the app.
pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}
