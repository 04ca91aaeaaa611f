//! What an answer view says before there is anything to chart.

use leptos::prelude::*;
use movies_protocol::InputFile;

use crate::context::use_app;
use crate::store::Phase;

/// "Load the data", "reading…" or "movies_metadata.csv is missing", as fits.
#[component]
pub fn NoAnswers() -> impl IntoView {
    let store = use_app().store;
    let message = move || {
        if store.missing.with(|m| m.contains(&InputFile::MoviesMetadata)) {
            return "movies_metadata.csv was not found in what was loaded, so there is nothing to chart. \
                    Open the dataset zip or a folder that holds it."
                .to_owned();
        }
        match store.phase.get() {
            Phase::Loading => "Reading movies_metadata.csv… the answers appear here as soon as it is done.".to_owned(),
            Phase::Failed => "The data could not be loaded (see the message above).".to_owned(),
            Phase::Cancelled => "The load was cancelled before movies_metadata.csv was read.".to_owned(),
            Phase::Idle | Phase::Done => {
                "Open the-movies-dataset.zip (or its CSV files), or try the sample: the answers are charted here."
                    .to_owned()
            }
        }
    };
    view! { <p class="empty answers-empty">{message}</p> }
}
