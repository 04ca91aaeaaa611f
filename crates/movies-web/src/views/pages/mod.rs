//! The pages of one movie and of one person, the searches that lead to them, and
//! the links to them from every list.

pub mod links;
mod movie;
mod person;
pub mod search;

use leptos::prelude::*;

use crate::context::use_app;
use crate::store::Phase;
use crate::url_state::Page;

/// The page shown instead of the tab's view.
pub fn render(page: Page) -> AnyView {
    match page {
        Page::Movie(id) => movie::MovieView(movie::MovieViewProps { id }).into_any(),
        Page::Person(id) => person::PersonView(person::PersonViewProps { id }).into_any(),
    }
}

/// Asks the worker for a page once the movies are read, and again when the load
/// ends (credits, keywords and ratings are in by then).
fn ask_when_ready(request: impl Fn() + 'static) {
    let store = use_app().store;
    Effect::new(move |_| {
        let phase = store.phase.get();
        if store.overview.with(Option::is_some) || matches!(phase, Phase::Done) {
            request();
        }
    });
}

/// "Back to the companies" and the page's heading.
#[component]
fn PageHeading(title: Signal<String>, kind: &'static str) -> impl IntoView {
    let store = use_app().store;
    let back = move |_| store.view.update(|v| v.page = None);
    let tab = move || store.view.with(|v| v.view.label());
    view! {
        <div class="page-heading">
            <button class="button small back" on:click=back>{move || format!("← Back to {}", tab())}</button>
            <p class="page-kind">{kind}</p>
            <h2 id="page-title">{title}</h2>
        </div>
    }
}

/// What the page says while there is nothing to show.
fn waiting(store: crate::store::Store, what: &str) -> String {
    match store.phase.get() {
        Phase::Idle => format!("Load the dataset (or try the sample) to see this {what}."),
        Phase::Loading => format!("Reading the dataset: the {what} shows once its files are read."),
        Phase::Done | Phase::Cancelled | Phase::Failed => format!("Looking up the {what}…"),
    }
}
