//! The selected companies as removable chips, colored like their lines.

use leptos::prelude::*;

use super::data::Selected;
use super::search::focus_search;
use crate::context::use_app;
use crate::format;
use crate::views::answers::environment::theme;

/// One chip per selected company; × removes it (and puts the focus back in the search).
#[component]
pub fn CompanyChips(#[prop(into)] selected: Signal<Vec<Selected>>, #[prop(into)] dark: Signal<bool>) -> impl IntoView {
    let store = use_app().store;
    let remove = move |id: i64| {
        store.view.update(|v| v.companies.retain(|c| *c != id));
        focus_search();
    };
    let chip = move |(i, company): (usize, Selected)| {
        let id = company.id;
        let color = move || theme(dark.get()).series(i).css();
        let count = company
            .movies
            .map(|n| format!("{} {}", format::count(n.max(0) as u64), if n == 1 { "movie" } else { "movies" }));
        view! {
            <li class="chip" class:missing=company.movies.is_none()>
                <span class="chip-swatch" aria-hidden="true" style:background-color=color></span>
                <span class="chip-name">{company.name.clone()}</span>
                {count.map(|c| view! { <span class="chip-count">{c}</span> })}
                <button
                    type="button"
                    class="chip-remove"
                    aria-label=format!("Remove {}", company.name)
                    title="Remove"
                    on:click=move |_| remove(id)
                >
                    "×"
                </button>
            </li>
        }
    };
    view! {
        <ul class="chips" aria-label="Companies compared">
            {move || selected.get().into_iter().enumerate().map(chip).collect_view()}
        </ul>
    }
}
