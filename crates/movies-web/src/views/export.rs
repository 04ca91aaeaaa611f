//! Downloads: every table as CSV, NDJSON or Parquet, or everything as one zip or
//! into a folder.

use leptos::prelude::*;
use movies_protocol::{ExportRequest, Format, Table};

use crate::context::{use_app, AppContext};
use crate::folder_export;
use crate::format;
use crate::store::Phase;

/// Today's date as `YYYY-MM-DD`, from the page's clock.
fn today() -> String {
    let date = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date())
}

/// The export view.
#[component]
pub fn ExportView() -> impl IntoView {
    let app = use_app();
    let store = app.store;
    let ready = move || matches!(store.phase.get(), Phase::Done);
    let with_parquet = RwSignal::new(false);
    let export_all = move |_| {
        let date = today();
        let parquet = with_parquet.get_untracked();
        app.export(ExportRequest::All { date: date.clone(), parquet }, format!("movies-clean-{date}.zip"));
    };
    let to_folder = move |_| {
        let parquet = with_parquet.get_untracked();
        wasm_bindgen_futures::spawn_local(export_to_folder(app, parquet));
    };
    let rows = move |table: Table| {
        store.manifest.with(|m| m.as_ref().and_then(|m| m.tables.get(table.name())).map(|t| t.rows))
    };
    view! {
        <section class="view export" aria-label="Export">
            <h2>"Export"</h2>
            <p>
                "Everything in one zip with the layout of the "
                <code>"movies process"</code>
                " command: csv/, json/, manifest.json, schema.sql and queries.sql (load them into DuckDB, Snowflake or Spark)."
            </p>
            <p class="export-all">
                <button class="button primary" id="export-all" disabled=move || !ready() on:click=export_all>
                    "Export all"
                </button>
                <Show when=folder_export::supported>
                    <button
                        class="button"
                        id="export-folder"
                        disabled=move || !ready()
                        on:click=to_folder
                        title="Writes the files themselves, uncompressed, into a folder you pick: much faster than the zip"
                    >
                        "Export to a folder…"
                    </button>
                </Show>
                <label>
                    <input
                        type="checkbox"
                        id="export-parquet"
                        prop:checked=move || with_parquet.get()
                        on:change=move |ev| with_parquet.set(event_target_checked(&ev))
                    />
                    " also Parquet (parquet/, like "
                    <code>"--format all"</code>
                    ")"
                </label>
            </p>
            <ExportProgress/>
            <table class="data export-tables">
                <thead>
                    <tr>
                        <th scope="col">"Table"</th>
                        <th scope="col">"Rows"</th>
                        <th scope="col">"Download"</th>
                    </tr>
                </thead>
                <tbody>
                    {Table::ALL
                        .into_iter()
                        .map(|table| {
                            let button = move |format: Format| {
                                let label = format!("{}.{}", table.name(), format.extension());
                                view! {
                                    <button
                                        class="button small"
                                        disabled=move || !ready()
                                        on:click=move |_| app.export(ExportRequest::Table { table, format }, label.clone())
                                    >
                                        {format.label()}
                                    </button>
                                }
                            };
                            view! {
                                <tr>
                                    <th scope="row">{table.name()}</th>
                                    <td class="num">{move || rows(table).map(format::count).unwrap_or_default()}</td>
                                    <td>{button(Format::Csv)} " " {button(Format::Ndjson)} " " {button(Format::Parquet)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Asks for a folder, checks it may take the export, and starts it.
async fn export_to_folder(app: AppContext, parquet: bool) {
    let dir = match folder_export::pick().await {
        Ok(Some(dir)) => dir,
        Ok(None) => return,
        Err(message) => return app.store.alert(message),
    };
    match folder_export::check(&dir, parquet).await {
        Ok(ours) => app.export_to_folder(dir, ours, parquet),
        Err(message) => app.store.alert(message),
    }
}

/// Exports being prepared, with what is being re-read. Each export keeps its element
/// while its figures change, so its Cancel button can be clicked while bytes flow.
#[component]
fn ExportProgress() -> impl IntoView {
    let app = use_app();
    let store = app.store;
    let ids = move || store.exports.with(|exports| exports.iter().map(|e| e.id).collect::<Vec<_>>());
    view! {
        <ul class="export-progress">
            <For each=ids key=|id| *id let:id>
                {
                    let status = move || store.exports.with(|exports| exports.iter().find(|e| e.id == id).cloned());
                    let text = move || {
                        status()
                            .map(|e| {
                                let what = match &e.finished {
                                    Some(done) => done.clone(),
                                    None => format!("Preparing {}: {}", e.label, format::bytes(e.bytes)),
                                };
                                let reading = e.reading.map(|(file, done, total)| {
                                    format!(" (reading {} {}%)", file.file_name(), done * 100 / total.max(1))
                                });
                                what + &reading.unwrap_or_default()
                            })
                            .unwrap_or_default()
                    };
                    let running = move || status().is_some_and(|e| e.running());
                    let fraction = move || {
                        status().and_then(|e| e.reading.filter(|_| e.running())).map(|(_, done, total)| {
                            (done as f64 / total.max(1) as f64).clamp(0.0, 1.0)
                        })
                    };
                    let cancelling = move || status().is_some_and(|e| e.cancelling);
                    view! {
                        <li>
                            <span class="export-status">{text}</span>
                            {move || {
                                fraction()
                                    .map(|f| {
                                        view! {
                                            " "
                                            <progress class="export-bar" max="1" value=f aria-label="Re-reading the input"></progress>
                                        }
                                    })
                            }}
                            <Show when=running>
                                " "
                                <button
                                    type="button"
                                    class="button small export-cancel"
                                    disabled=cancelling
                                    on:click=move |_| app.cancel_export(id)
                                >
                                    {move || if cancelling() { "Cancelling…" } else { "Cancel" }}
                                </button>
                            </Show>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}
