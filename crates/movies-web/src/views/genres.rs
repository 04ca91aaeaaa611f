//! The genres view: the most popular genre of each year, and budget, revenue or
//! profit by genre and year, from the `genre_year` table of the overview.

mod data;
mod filter;

use leptos::prelude::*;

use self::filter::{ChartForm, GenreFilter};
use super::answers::controls::{MetricPicker, YearRange};
use super::answers::empty::NoAnswers;
use super::answers::environment::prefers_dark;
use super::answers::figure::ChartFigure;
use super::answers::palette::GenrePalette;
use crate::context::use_app;
use crate::metric::note_pending_ratings;

/// The genres view.
#[component]
pub fn GenresView() -> impl IntoView {
    let store = use_app().store;
    let dark = prefers_dark();
    let (metric, set_metric) = create_slice(store.view, |v| v.genre_metric, |v, metric| v.genre_metric = metric);
    let (lines, set_lines) = create_slice(store.view, |v| v.genre_lines, |v, lines| v.genre_lines = lines);

    let palette = Memo::new(move |_| {
        store.overview.with(|o| o.as_ref().map(|o| GenrePalette::new(&o.genre_year)).unwrap_or_default())
    });
    let bounds = Signal::derive(move || store.overview.with(|o| o.as_ref().and_then(|o| o.years)));
    let years = Memo::new(move |_| store.view.with(|v| v.years).or(bounds.get()));
    let shown = move || years.get().unwrap_or((1900, 2020));
    let genres = Memo::new(move |_| palette.with(|p| store.view.with(|v| data::shown_genres(&v.genres, p))));

    let leader_figure = Memo::new(move |_| {
        store.overview.with(|o| {
            let rows = o.as_ref().map(|o| o.genre_year.as_slice()).unwrap_or_default();
            palette.with(|p| data::leader_figure(rows, p, shown()))
        })
    });
    let metric_figure = Memo::new(move |_| {
        store.overview.with(|o| {
            let rows = o.as_ref().map(|o| o.genre_year.as_slice()).unwrap_or_default();
            let mut figure =
                palette.with(|p| genres.with(|g| data::metric_figure(rows, p, metric.get(), g, shown(), lines.get())));
            note_pending_ratings(metric.get(), store.rated.get(), &mut figure.notes);
            figure
        })
    });
    let has_overview = move || store.overview.with(Option::is_some);

    view! {
        <section class="view answers" aria-labelledby="genres-heading">
            <div class="answers-head">
                <h2 id="genres-heading">"Genres"</h2>
                <p class="lede">"The most popular genre of each year, and budget, revenue, profit and user rating by genre and year."</p>
            </div>
            <Show when=has_overview fallback=|| view! { <NoAnswers/> }>
                <div class="answer-controls">
                    <YearRange bounds=bounds shown=Signal::derive(move || years.get()) id="genre-years"/>
                </div>
                <div class="figures">
                    <ChartFigure id="genre-leaders" figure=leader_figure/>
                    <ChartFigure id="genre-metric" figure=metric_figure>
                        <div class="figure-controls">
                            <MetricPicker metric=metric set_metric=set_metric name="genre-metric"/>
                            <ChartForm lines=lines set_lines=set_lines/>
                        </div>
                        <GenreFilter palette=palette dark=dark/>
                    </ChartFigure>
                </div>
            </Show>
        </section>
    }
}
