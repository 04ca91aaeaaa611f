//! What changed between snapshots: movies added, removed, and budgets or revenues
//! that changed, for each older snapshot loaded beside the newest.

use leptos::prelude::*;
use movies_protocol::{MovieChange, MovieRef, SnapshotComparison};

use super::pages::links::movie_link;
use crate::context::use_app;
use crate::format;

/// Lists this short are shown open.
const OPEN_UP_TO: u64 = 20;

fn money(value: Option<f64>) -> String {
    value.map_or_else(|| "unknown".to_owned(), |v| format!("${}", format::count(v.max(0.0) as u64)))
}

/// The movie's title, linked to its page, and its year.
fn title(movie: &MovieRef) -> impl IntoView {
    let year = movie.year.map(|y| format!(" ({y})")).unwrap_or_default();
    view! { {movie_link(movie.id, Some(movie.title.as_deref().unwrap_or("(untitled)")))} {year} }
}

fn movie_list(label: &'static str, total: u64, movies: Vec<MovieRef>) -> impl IntoView {
    let shown = movies.len() as u64;
    view! {
        <details class="change-list" open=total <= OPEN_UP_TO>
            <summary>{format!("{label}: {}", format::count(total))}</summary>
            <Show when=move || { shown < total }>
                <p class="note">{format!("The first {} are listed.", format::count(shown))}</p>
            </Show>
            <ul>
                {movies
                    .into_iter()
                    .map(|m| view! { <li>{title(&m)} <span class="note">{format!(" · id {}", m.id)}</span></li> })
                    .collect_view()}
            </ul>
        </details>
    }
}

fn change_table(total: u64, changes: Vec<MovieChange>) -> impl IntoView {
    view! {
        <details class="change-list" open>
            <summary>{format!("Budget or revenue changed: {}", format::count(total))}</summary>
            <div class="table-scroll">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">"Movie"</th>
                            <th scope="col" class="num">"Budget before"</th>
                            <th scope="col" class="num">"Budget after"</th>
                            <th scope="col" class="num">"Revenue before"</th>
                            <th scope="col" class="num">"Revenue after"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {changes
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <td>{title(&c.movie)}</td>
                                        <td class="num">{money(c.budget.0)}</td>
                                        <td class="num">{money(c.budget.1)}</td>
                                        <td class="num">{money(c.revenue.0)}</td>
                                        <td class="num">{money(c.revenue.1)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

fn comparison(c: SnapshotComparison) -> impl IntoView {
    view! {
        <article class="comparison">
            <h3>{format!("{} → {}", c.older, c.newer)}</h3>
            {c.error.map(|e| view! { <p class="alert" role="alert">{format!("{}: {e}", c.older)}</p> })}
            <p class="note">{format!("{} movies unchanged.", format::count(c.diff.unchanged))}</p>
            {movie_list("Added", c.added, c.diff.added)}
            {movie_list("Removed", c.removed, c.diff.removed)}
            {change_table(c.changed, c.diff.changed)}
        </article>
    }
}

/// The changes view.
#[component]
pub fn ChangesView() -> impl IntoView {
    let store = use_app().store;
    view! {
        <section class="view changes" aria-label="Changes between snapshots">
            <h2>"Changes between snapshots"</h2>
            <Show
                when=move || !store.snapshots.with(Vec::is_empty)
                fallback=|| {
                    view! {
                        <p class="empty">
                            "Load several snapshot zips at once (e.g. the-movies-dataset-2024-05-01.zip and -2024-06-01.zip): "
                            "the newest is explored and compared here with each older one."
                        </p>
                    }
                }
            >
                {move || store.snapshots.get().into_iter().map(comparison).collect_view()}
            </Show>
        </section>
    }
}
