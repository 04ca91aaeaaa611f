//! The drill-down panel: the movies behind a number of a chart (a point, bar segment
//! or cell, or a row of its table), with their sums at the foot, the movies whose
//! value is unknown listed apart, error-log flags and a CSV download. What it shows
//! lives in the URL (see [`crate::url_state`]).

mod list;

use leptos::html::H2;
use leptos::prelude::*;
use movies_protocol::Request;

use self::list::{columns, Total};
use crate::context::{use_app, AppContext};
use crate::download::save_bytes;
use crate::drill::{DrillState, Focus, GenrePick, MovieQuery};
use crate::format::capitalized;
use crate::store::{CellMovies, Store};
use crate::views::answers::csv::to_csv;
use crate::views::answers::palette::NO_GENRE;
use crate::views::answers::table::{Sort, SortableTable};

/// Asks the worker for the movies of the open cell when they are not there yet (again
/// once the user ratings are read, which empties what was received).
fn fetch(app: AppContext) {
    let store = app.store;
    let asked = StoredValue::new(None::<(u32, MovieQuery, bool)>);
    Effect::new(move |_| {
        let Some(query) = store.view.with(|v| v.drill.as_ref().map(|d| d.drill.query.clone())) else { return };
        if store.overview.with(Option::is_none) {
            return;
        }
        let held = store.cell_movies.with(|c| c.as_ref().is_some_and(|c| c.query == query));
        let key = (store.job.get(), query.clone(), store.rated.get());
        if held || asked.get_value().as_ref() == Some(&key) {
            return;
        }
        asked.set_value(Some(key));
        app.request(|id, load| Request::Movies { id, load, query });
    });
}

/// The panel's heading: the cell's company, genre and year.
fn heading(store: Store, query: &MovieQuery) -> String {
    let company = query.company_id.map(|id| {
        store.overview.with(|o| {
            o.as_ref()
                .and_then(|o| o.companies.iter().find(|c| c.company_id == id))
                .and_then(|c| c.company.clone())
                .unwrap_or_else(|| format!("company #{id}"))
        })
    });
    let genre = match &query.genre {
        GenrePick::Any => None,
        GenrePick::Without => Some(NO_GENRE.to_owned()),
        GenrePick::Named(name) => Some(name.clone()),
    };
    company.into_iter().chain(genre).chain([query.year.to_string()]).collect::<Vec<_>>().join(" · ")
}

/// The sort of the URL as the tables' (column index) and back.
fn sort_of(state: &DrillState) -> Option<Sort> {
    let (name, ascending) = state.sort.as_ref()?;
    let column = columns().iter().position(|c| c.name == name)?;
    Some(Sort { column, ascending: *ascending })
}

/// Keeps the tables' sort and the URL's in step.
fn url_sort(store: Store) -> RwSignal<Option<Sort>> {
    let sort = RwSignal::new(store.view.with_untracked(|v| v.drill.as_ref().and_then(sort_of)));
    Effect::new(move |_| {
        let from_url = store.view.with(|v| v.drill.as_ref().and_then(sort_of));
        if sort.get_untracked() != from_url {
            sort.set(from_url);
        }
    });
    Effect::new(move |_| {
        let chosen = sort.get().map(|s| (columns()[s.column].name.to_owned(), s.ascending));
        let differs = store.view.with_untracked(|v| v.drill.as_ref().is_some_and(|d| d.sort != chosen));
        if differs {
            store.view.update(|v| {
                if let Some(drill) = &mut v.drill {
                    drill.sort = chosen;
                }
            });
        }
    });
    sort
}

/// The totals at the foot, the clicked one marked.
#[component]
fn Totals(totals: Vec<Total>) -> impl IntoView {
    view! {
        <table class="data drill-totals">
            <caption>"Sums over the movies listed (distinct movies, as in the metric tables)"</caption>
            <thead>
                <tr>
                    {totals
                        .iter()
                        .map(|t| view! { <th scope="col" class="num" class:clicked=t.clicked>{t.label}</th> })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>
                <tr class="sums">
                    {totals
                        .iter()
                        .map(|t| {
                            view! {
                                <td class="num" class:clicked=t.clicked data-total=t.key>
                                    {t.value.clone()}
                                </td>
                            }
                        })
                        .collect_view()}
                </tr>
                <tr class="known">
                    {totals
                        .iter()
                        .map(|t| view! { <td class="num" class:clicked=t.clicked>{format!("known for {}", t.known)}</td> })
                        .collect_view()}
                </tr>
            </tbody>
        </table>
    }
}

/// The lists and totals of a received cell.
#[component]
fn CellLists(cell: CellMovies, focus: Focus, sort: RwSignal<Option<Sort>>) -> impl IntoView {
    let store = use_app().store;
    let (known, unknown) = list::tables(&cell.list.rows, focus);
    let (known_pages, unknown_pages) = (list::movie_pages(&known), list::movie_pages(&unknown));
    let (known_count, unknown_count, all) = (known.rows.len(), unknown.rows.len(), cell.list.rows.len());
    let number = focus.number(&cell.list.totals);
    let value = totals_value(focus, &list::totals(&cell.list.totals, focus));
    let name = focus.value_name();
    let flagged = cell.list.rows.iter().filter(|r| r.issues > 0).count();
    let query = cell.query.clone();
    let genre = match &query.genre {
        GenrePick::Named(name) => Some(name.as_str()),
        GenrePick::Without => Some("no genre"),
        GenrePick::Any => None,
    };
    let file_name = list::file_name(query.company_id, genre, query.year);
    let rows = cell.list.rows.clone();
    let on_csv = move |_| {
        if let Err(e) = save_bytes(&to_csv(&list::all(&rows, focus)), &file_name, "text/csv;charset=utf-8") {
            store.alert(format!("The CSV file could not be saved: {e:?}"));
        }
    };
    let unknown_view = (unknown_count > 0).then(|| {
        view! {
            <h3 class="drill-unknown-heading">{format!("{} unknown: {}", capitalized(name), movies(unknown_count))}</h3>
            <div class="drill-unknown">
                <SortableTable
                    table=unknown
                    pages=unknown_pages
                    caption=format!("Movies whose {name} is unknown")
                    sort=sort
                />
            </div>
        }
    });
    view! {
        <p class="drill-number">
            {format!("{}: ", focus.label())}
            <strong>{value}</strong>
            {format!(" — known for {} of {}.", number.known, movies(all))}
        </p>
        <div class="drill-tools">
            <button type="button" class="button small" id="drill-csv" on:click=on_csv>
                "Download CSV"
            </button>
            <span class="note">
                {(flagged > 0)
                    .then(|| {
                        format!(
                            "⚑ {flagged} of these movies have rows in the error log: open a movie to see them."
                        )
                    })}
                {(!cell.flags_complete).then_some(" Flags come from the error-log rows kept in memory.")}
                {(!cell.rated).then_some(" User ratings come when ratings.csv and links.csv are read.")}
            </span>
        </div>
        <h3 class="drill-known-heading">{format!("{} known: {}", capitalized(name), movies(known_count))}</h3>
        <div class="drill-known">
            <SortableTable table=known pages=known_pages caption=format!("Movies whose {name} is known") sort=sort/>
        </div>
        {unknown_view}
        <Totals totals=list::totals(&cell.list.totals, focus)/>
    }
}

/// `1 movie`, `3 movies`.
fn movies(n: usize) -> String {
    format!("{n} {}", if n == 1 { "movie" } else { "movies" })
}

/// The written value of the clicked number.
fn totals_value(focus: Focus, totals: &[Total]) -> String {
    let key = match focus {
        Focus::Releases => "movies",
        Focus::Rating => "mean_rating",
        other => other.key(),
    };
    totals.iter().find(|t| t.key == key).map(|t| t.value.clone()).unwrap_or_default()
}

/// The panel, shown while the URL names a cell.
#[component]
pub fn DrillPanel() -> impl IntoView {
    let app = use_app();
    let store = app.store;
    fetch(app);
    let sort = url_sort(store);
    let heading_ref = NodeRef::<H2>::new();
    let state = Memo::new(move |_| store.view.with(|v| v.drill.as_ref().map(|d| d.drill.clone())));
    // Focus goes to the heading when another cell opens.
    Effect::new(move |_| {
        if state.with(Option::is_some) {
            if let Some(h) = heading_ref.get() {
                let _ = h.focus();
            }
        }
    });
    let close = move || store.view.update(|v| v.drill = None);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let body = move || {
        let drill = state.get()?;
        let cell = store.cell_movies.with(|c| c.as_ref().filter(|c| c.query == drill.query).cloned());
        Some(match cell {
            Some(cell) => view! { <CellLists cell=cell focus=drill.focus sort=sort/> }.into_any(),
            None => view! { <p class="status" aria-live="polite">"Listing the movies…"</p> }.into_any(),
        })
    };
    view! {
        <Show when=move || state.with(Option::is_some)>
            <aside
                class="drill-panel"
                id="drill-panel"
                role="dialog"
                aria-modal="false"
                aria-labelledby="drill-title"
                on:keydown=on_key
            >
                <header class="drill-head">
                    <h2 id="drill-title" tabindex="-1" node_ref=heading_ref>
                        {move || state.get().map(|d| format!("Movies · {}", heading(store, &d.query)))}
                    </h2>
                    <button type="button" class="button small" id="drill-close" on:click=move |_| close()>
                        "Close"
                    </button>
                </header>
                {body}
            </aside>
        </Show>
    }
}
