//! Getting the user's data in: the file picker, the sample button and drag and drop
//! (files, or folders holding the CSV files).

use js_sys::{Array, Function, Promise};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry, HtmlInputElement};

use crate::context::{use_app, AppContext};
use crate::store::Phase;

/// Name given to the embedded sample when it is loaded.
const SAMPLE_NAME: &str = "the-movies-dataset-sample.zip";

/// Fetches the sample dataset shipped with the page (a static file of this site).
async fn sample_file() -> Result<File, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str("./sample.zip")).await?.dyn_into()?;
    if !response.ok() {
        return Err(format!("sample.zip: HTTP {}", response.status()).into());
    }
    let blob: web_sys::Blob = JsFuture::from(response.blob()?).await?.dyn_into()?;
    File::new_with_blob_sequence(&Array::of1(&blob), SAMPLE_NAME)
}

/// Loads the embedded sample (the "Try the sample" button, or `?sample` in the URL).
pub fn load_sample(app: AppContext) {
    spawn_local(async move {
        match sample_file().await {
            Ok(file) => app.load(vec![file]),
            Err(e) => app
                .store
                .alert(format!("The sample dataset could not be opened: {}", e.as_string().unwrap_or_default())),
        }
    })
}

/// "Open dataset", "Try the sample" and, while loading, "Cancel".
#[component]
pub fn Loader() -> impl IntoView {
    let app = use_app();
    let store = app.store;
    let on_pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files: Vec<File> =
            input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
        if !files.is_empty() {
            app.load(files);
        }
        input.set_value("");
    };
    let on_sample = move |_| load_sample(app);
    let on_cancel = move |_| {
        let job = store.job.get_untracked();
        app.request(|_| movies_protocol::Request::Cancel { job });
    };
    view! {
        <div class="loader">
            <label class="button primary" for="open-dataset">"Open dataset"</label>
            <input
                id="open-dataset"
                class="visually-hidden"
                type="file"
                accept=".zip,.csv,application/zip,text/csv"
                multiple
                on:change=on_pick
            />
            <button class="button" id="try-sample" on:click=on_sample>"Try the sample"</button>
            <Show when=move || store.phase.get() == Phase::Loading>
                <button class="button danger" id="cancel-load" on:click=on_cancel>"Cancel"</button>
            </Show>
            <p class="hint">"…or drop the-movies-dataset.zip, the CSV files or their folder anywhere on the page."</p>
        </div>
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

/// Collects the files under a dropped entry, folders included.
async fn entry_files(entry: FileSystemEntry, out: &mut Vec<File>) -> Result<(), JsValue> {
    let mut pending = vec![entry];
    while let Some(entry) = pending.pop() {
        if entry.is_file() {
            let file_entry: FileSystemFileEntry = entry.unchecked_into();
            let file: File = callback(|resolve| file_entry.file_with_callback(resolve)).await?;
            out.push(file);
        } else if entry.is_directory() {
            let reader = entry.unchecked_into::<FileSystemDirectoryEntry>().create_reader();
            loop {
                let batch: Array = callback(|resolve| {
                    let _ = reader.read_entries_with_callback(resolve);
                })
                .await?;
                if batch.length() == 0 {
                    break;
                }
                pending.extend(batch.iter().filter_map(|e| e.dyn_into::<FileSystemEntry>().ok()));
            }
        }
    }
    Ok(())
}

/// Listens for drops anywhere on the page and shows where to drop while dragging.
#[component]
pub fn DropOverlay() -> impl IntoView {
    let app = use_app();
    let dragging = RwSignal::new(false);
    let over = window_event_listener(leptos::ev::dragover, move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev: DragEvent| {
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(transfer) = ev.data_transfer() else { return };
        // Entries must be taken while the event is being dispatched.
        let items = transfer.items();
        let entries: Vec<FileSystemEntry> = (0..items.length())
            .filter_map(|i| items.get(i))
            .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
            .collect();
        let plain: Vec<File> =
            transfer.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
        spawn_local(async move {
            let mut files = Vec::new();
            let mut traversed = !entries.is_empty();
            for entry in entries {
                if entry_files(entry, &mut files).await.is_err() {
                    traversed = false;
                    break;
                }
            }
            let files = if traversed { files } else { plain };
            if files.is_empty() {
                app.store.alert("Nothing to load in what was dropped: drop the dataset zip or its CSV files.".into());
            } else {
                app.load(files);
            }
        });
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop the dataset zip, its CSV files or their folder"</p>
            </div>
        </Show>
    }
}
