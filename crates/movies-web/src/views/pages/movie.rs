//! The page of one movie: its cleaned row, genres, companies, collection, cast in
//! billing order, crew by department, keywords, MovieLens ids and user ratings
//! (count, mean, distribution over the half-star grid), and its error-log entries.

use leptos::prelude::*;
use movies_protocol::{IssueRow, MoviePage, NamedRef, RatingSummary, Request};

use super::links::person_link;
use super::{ask_when_ready, waiting, PageHeading};
use crate::context::use_app;
use crate::format;

fn names(list: &[NamedRef]) -> String {
    let names: Vec<String> = list.iter().map(|n| n.name.clone().unwrap_or_else(|| format!("#{}", n.id))).collect();
    if names.is_empty() {
        "none listed".into()
    } else {
        names.join(", ")
    }
}

fn ratings_view(ratings: &RatingSummary, movielens_ids: &[i64]) -> impl IntoView {
    let ids = if movielens_ids.is_empty() {
        "no MovieLens id links to this movie".to_owned()
    } else {
        movielens_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
    };
    let mean = ratings.mean.map_or("—".to_owned(), |m| format!("{m:.2}"));
    let most = ratings.bins.iter().copied().max().unwrap_or(0).max(1);
    let bars = ratings
        .bins
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let stars = (i + 1) as f64 / 2.0;
            view! {
                <tr>
                    <th scope="row">{format!("{stars:.1}")}</th>
                    <td class="bar-cell">
                        <meter min="0" max=most.to_string() value=n.to_string() aria-label=format!("{stars:.1} stars")></meter>
                    </td>
                    <td class="num">{format::count(n)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="page-section" id="movie-ratings">
            <h3>"User ratings"</h3>
            <p>
                "MovieLens id: " <span id="movielens-ids">{ids}</span> " · "
                <span id="ratings-count">{format::count(ratings.count)}</span> " ratings, mean "
                <span id="ratings-mean">{mean}</span>
            </p>
            <table class="distribution" aria-label="Ratings per half star">
                <thead><tr><th scope="col">"Stars"</th><th scope="col">"Share"</th><th scope="col">"Ratings"</th></tr></thead>
                <tbody>{bars}</tbody>
            </table>
            <p class="note">"Ratings off the half-star grid count at the nearest half star (a tie at the higher one)."</p>
        </section>
    }
}

fn issues_view(issues: Vec<IssueRow>) -> AnyView {
    if issues.is_empty() {
        return view! {
            <section class="page-section" id="movie-issues">
                <h3>"Error log"</h3>
                <p>"No entry of the error log is about this movie."</p>
            </section>
        }
        .into_any();
    }
    let rows = issues
        .into_iter()
        .map(|i| {
            view! {
                <tr>
                    <td>{i.file.file_name()}</td>
                    <td class="num">{i.line}</td>
                    <td>{i.severity.as_str()}</td>
                    <td>{i.column.unwrap_or_default()}</td>
                    <td>{i.reason}</td>
                    <td class="raw">{i.raw_value.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="page-section" id="movie-issues">
            <h3>"Error log"</h3>
            <table class="data-table">
                <thead><tr><th>"File"</th><th>"Line"</th><th>"Severity"</th><th>"Column"</th><th>"Reason"</th><th>"Raw value"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

fn page_view(page: MoviePage, issues: Vec<IssueRow>) -> impl IntoView {
    let cast = page
        .cast
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <td class="num">{c.order.map(|o| o.to_string()).unwrap_or_default()}</td>
                    <td>{person_link(c.person_id, c.name.as_deref())}</td>
                    <td>{c.character.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let crew = page
        .crew
        .iter()
        .map(|d| {
            let members = d
                .crew
                .iter()
                .map(|c| view! { <li>{person_link(c.person_id, c.name.as_deref())} " — " {c.job.clone().unwrap_or_default()}</li> })
                .collect_view();
            view! {
                <div class="department">
                    <h4>{d.department.clone().unwrap_or_else(|| "(no department)".into())}</h4>
                    <ul>{members}</ul>
                </div>
            }
        })
        .collect_view();
    let row = page
        .row
        .iter()
        .map(|f| view! { <tr><th scope="row">{f.column.clone()}</th><td>{f.value.clone().unwrap_or_default()}</td></tr> })
        .collect_view();
    let not_read = (!page.credits_read).then(|| {
        view! { <p class="note">"Credits, keywords and ratings show once the whole load is read."</p> }
    });
    let collection = page.collection.as_ref().map_or("none".to_owned(), |c| names(std::slice::from_ref(c)));
    let keywords = if page.keywords.is_empty() { "none listed".to_owned() } else { page.keywords.join(", ") };
    view! {
        {not_read}
        <dl class="facts">
            <dt>"Genres"</dt><dd id="movie-genres">{names(&page.genres)}</dd>
            <dt>"Companies"</dt><dd id="movie-companies">{names(&page.companies)}</dd>
            <dt>"Collection"</dt><dd id="movie-collection">{collection}</dd>
            <dt>"Keywords"</dt><dd id="movie-keywords">{keywords}</dd>
        </dl>
        {ratings_view(&page.ratings, &page.movielens_ids)}
        <section class="page-section" id="movie-cast">
            <h3>{format!("Cast ({})", page.cast.len())}</h3>
            <table class="data-table">
                <thead><tr><th class="num">"Order"</th><th>"Name"</th><th>"Character"</th></tr></thead>
                <tbody>{cast}</tbody>
            </table>
        </section>
        <section class="page-section" id="movie-crew">
            <h3>"Crew by department"</h3>
            <div class="departments">{crew}</div>
        </section>
        <section class="page-section" id="movie-row">
            <h3>"Cleaned row (movies_master)"</h3>
            <table class="data-table row-table"><tbody>{row}</tbody></table>
        </section>
        {issues_view(issues)}
    }
}

/// The page of the movie with TMDB id `id`.
#[component]
pub fn MovieView(id: i64) -> impl IntoView {
    let app = use_app();
    let store = app.store;
    ask_when_ready(move || {
        app.request(|rid, load| Request::Movie { id: rid, load, movie_id: id });
    });
    let answer = Memo::new(move |_| store.movie.get().filter(|a| a.movie_id == id));
    let title = Signal::derive(move || {
        answer.with(|a| match a {
            Some(a) => a.page.as_ref().and_then(|p| p.title.clone()).unwrap_or_else(|| format!("Movie {id}")),
            None => format!("Movie {id}"),
        })
    });
    let body = move || {
        match answer.get() {
        None => view! { <p class="note">{waiting(store, "movie")}</p> }.into_any(),
        Some(a) => match a.page {
            None => view! { <p class="note" role="status">{format!("No file of this load mentions a movie with id {id}.")}</p> }
                .into_any(),
            Some(page) => page_view(page, a.issues).into_any(),
        },
    }
    };
    view! {
        <article class="entity-page" id="movie-page">
            <PageHeading title=title kind="Movie"/>
            {body}
        </article>
    }
}
