//! The data quality view: what happened to every input file, the rows of every
//! table, the movies the per-year answers leave out, and the error log.

mod coverage;
mod files;
mod log;

use leptos::prelude::*;

use crate::context::use_app;
use crate::store::Phase;

/// The data quality view.
#[component]
pub fn QualityView() -> impl IntoView {
    let store = use_app().store;
    let idle = move || store.phase.get() == Phase::Idle;
    view! {
        <section class="view quality" aria-label="Data quality">
            <h2>"Data quality"</h2>
            <Show
                when=move || !idle()
                fallback=|| {
                    view! {
                        <p class="empty">
                            "Load the dataset (or the sample) to see what was read, accepted, rejected and repaired."
                        </p>
                    }
                }
            >
                <p class="note">
                    "Every input record ends up in a cleaned table or in the error log: records read = accepted + rejected, per file."
                </p>
                <files::FilesTable/>
                <coverage::TablesAndCoverage/>
                <log::ErrorLog/>
            </Show>
        </section>
    }
}
