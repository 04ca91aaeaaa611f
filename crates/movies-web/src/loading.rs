//! Getting the user's data in: the file picker, the sample button and drag and drop
//! (files, or folders holding the CSV files).

use js_sys::Array;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, FileSystemEntry, HtmlInputElement};

use crate::context::{use_app, AppContext};
use crate::given::Given;
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
            Ok(file) => app.load(Given::files(vec![file])),
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
            app.load(Given::files(files));
        }
        input.set_value("");
    };
    let on_pick_folder = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files: Vec<File> =
            input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
        let given = Given::picked_folder(files);
        if given.is_empty() {
            app.store.alert("The folder picked is empty: pick the folder that holds the dataset's CSV files.".into());
        } else {
            app.load(given);
        }
        input.set_value("");
    };
    // `webkitdirectory` (a folder picker) is not an attribute the view macro knows.
    let folder_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = folder_input.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    let on_sample = move |_| load_sample(app);
    let on_cancel = move |_| {
        app.request(|_, load| movies_protocol::Request::Cancel { load });
    };
    view! {
        <div class="loader">
            // Each hidden input comes before its label, whose focus ring shows its focus.
            <input
                id="open-dataset"
                class="visually-hidden"
                type="file"
                accept=".zip,.csv,.gz,application/zip,text/csv,application/gzip"
                multiple
                on:change=on_pick
            />
            <label class="button primary" for="open-dataset">"Open dataset"</label>
            <input
                id="open-folder"
                class="visually-hidden"
                type="file"
                node_ref=folder_input
                on:change=on_pick_folder
            />
            <label class="button" for="open-folder">"Open folder"</label>
            <button class="button" id="try-sample" on:click=on_sample>"Try the sample"</button>
            <Show when=move || store.phase.get() == Phase::Loading>
                <button class="button danger" id="cancel-load" on:click=on_cancel>"Cancel"</button>
            </Show>
            <p class="hint">"…or drop the-movies-dataset.zip, the CSV files or their folder anywhere on the page."</p>
        </div>
    }
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
            // Where the browser gives no entries (or cannot walk them), the files alone.
            let given = match entries.is_empty() {
                false => Given::dropped(entries).await.unwrap_or_else(|_| Given::files(plain)),
                true => Given::files(plain),
            };
            if given.is_empty() {
                app.store.alert("Nothing to load in what was dropped: drop the dataset zip or its CSV files.".into());
            } else {
                app.load(given);
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
