//! The page of one person: their movies by year with role or job, the budget,
//! revenue and profit of those movies per year, and their mean user rating.

use leptos::prelude::*;
use movies_charts::money_exact;
use movies_protocol::{PersonMovie, PersonPage, PersonRole, Request};

use super::links::movie_link;
use super::{ask_when_ready, waiting, PageHeading};
use crate::context::use_app;
use crate::format;

fn role_text(role: &PersonRole) -> String {
    match (role.cast, &role.role) {
        (true, Some(character)) if !character.is_empty() => format!("as {character}"),
        (true, _) => "cast".to_owned(),
        (false, job) => {
            let job = job.clone().unwrap_or_else(|| "crew".into());
            match &role.department {
                Some(d) => format!("{job} ({d})"),
                None => job,
            }
        }
    }
}

fn movie_row(m: &PersonMovie) -> impl IntoView {
    let roles = m.roles.iter().map(role_text).collect::<Vec<_>>().join("; ");
    view! {
        <tr>
            <td class="num">{m.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td>{movie_link(m.movie_id, m.title.as_deref())}</td>
            <td>{roles}</td>
        </tr>
    }
}

fn money(sum: Option<f64>, known: u64, of: u64) -> String {
    match sum {
        Some(v) => format!("{} ({known} of {of})", money_exact(v)),
        None => "—".to_owned(),
    }
}

/// Movies listed before "Show all": a long career (over a thousand credits) would
/// otherwise take longer to draw than the page may.
const FIRST_MOVIES: usize = 200;

fn page_view(mut page: PersonPage) -> impl IntoView {
    let rating = match page.mean_rating {
        Some(mean) => format!(
            "Mean user rating {mean:.2}, over {} ratings of {} of these movies.",
            format::count(page.ratings),
            format::count(page.rated_movies)
        ),
        None => "None of these movies has a user rating.".to_owned(),
    };
    let years = page
        .years
        .iter()
        .map(|y| {
            view! {
                <tr>
                    <td class="num">{y.year}</td>
                    <td class="num">{y.movies}</td>
                    <td class="num">{money(y.budget_sum, y.budget_movies, y.movies)}</td>
                    <td class="num">{money(y.revenue_sum, y.revenue_movies, y.movies)}</td>
                    <td class="num">{money(y.profit_sum, y.profit_movies, y.movies)}</td>
                </tr>
            }
        })
        .collect_view();
    let total = page.movies.len();
    let first: Vec<_> = page.movies.iter().take(FIRST_MOVIES).map(movie_row).collect();
    let rest = page.movies.split_off(total.min(FIRST_MOVIES));
    let show_all = RwSignal::new(false);
    let more = move || {
        if show_all.get() {
            rest.iter().map(movie_row).collect_view().into_any()
        } else {
            ().into_any()
        }
    };
    view! {
        <p id="person-rating">{rating}</p>
        <section class="page-section" id="person-movies">
            <h3>{format!("Movies ({total})")}</h3>
            <table class="data-table">
                <thead><tr><th class="num">"Year"</th><th>"Title"</th><th>"Role or job"</th></tr></thead>
                <tbody>{first}{more}</tbody>
            </table>
            <Show when=move || { total > FIRST_MOVIES && !show_all.get() }>
                <button type="button" class="button small show-all" on:click=move |_| show_all.set(true)>
                    {format!("Show all {} movies", format::count(total as u64))}
                </button>
            </Show>
        </section>
        <section class="page-section" id="person-years">
            <h3>"Budget, revenue and profit of these movies per year"</h3>
            <p class="note">"Sums over the movies with the value known (known for N of the year's movies)."</p>
            <table class="data-table">
                <thead>
                    <tr>
                        <th class="num">"Year"</th>
                        <th class="num">"Movies"</th>
                        <th class="num">"Budget"</th>
                        <th class="num">"Revenue"</th>
                        <th class="num">"Profit"</th>
                    </tr>
                </thead>
                <tbody>{years}</tbody>
            </table>
        </section>
    }
}

/// The page of the person with TMDB person id `id`.
#[component]
pub fn PersonView(id: i64) -> impl IntoView {
    let app = use_app();
    let store = app.store;
    ask_when_ready(move || {
        app.request(|rid, load| Request::Person { id: rid, load, person_id: id });
    });
    let answer = Memo::new(move |_| store.person.get().filter(|a| a.person_id == id));
    let title = Signal::derive(move || {
        answer.with(|a| {
            a.as_ref()
                .and_then(|a| a.page.as_ref())
                .and_then(|p| p.name.clone())
                .unwrap_or_else(|| format!("Person {id}"))
        })
    });
    let body = move || {
        match answer.get() {
        None => view! { <p class="note">{waiting(store, "person")}</p> }.into_any(),
        Some(a) => match a.page {
            Some(page) => page_view(page).into_any(),
            None if !a.credits_read => view! { <p class="note">{waiting(store, "person")}</p> }.into_any(),
            None => view! { <p class="note" role="status">{format!("No credit of this load names a person with id {id}.")}</p> }
                .into_any(),
        },
    }
    };
    view! {
        <article class="entity-page" id="person-page">
            <PageHeading title=title kind="Person"/>
            {body}
        </article>
    }
}
