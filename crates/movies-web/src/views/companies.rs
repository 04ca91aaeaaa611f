//! The companies view: pick up to five companies, then per year their budget,
//! revenue or profit, their releases by genre and their average popularity; and the
//! companies that lead on the metric over the years shown, to pick from.

mod chips;
mod data;
mod ranking;
mod search;

use std::collections::HashSet;

use leptos::prelude::*;
use movies_protocol::Request;

use self::chips::CompanyChips;
use self::data::Selected;
use self::ranking::CompanyRanking;
use self::search::CompanySearch;
use super::answers::controls::{MetricPicker, YearRange};
use super::answers::empty::NoAnswers;
use super::answers::environment::prefers_dark;
use super::answers::figure::ChartFigure;
use super::answers::palette::GenrePalette;
use super::answers::prefs::use_choices;
use crate::context::{use_app, AppContext};
use crate::metric::note_pending_ratings;

/// How many companies are picked when nothing is selected yet.
const DEFAULT_COMPANIES: usize = 3;

/// Picks the biggest companies once per load, unless the URL already chose some.
fn preselect(app: AppContext) {
    let store = app.store;
    Effect::new(move |_| {
        let Some(top) =
            store.overview.with(|o| o.as_ref().map(|o| data::top_companies(&o.companies, DEFAULT_COMPANIES)))
        else {
            return;
        };
        if use_choices().first_defaults_for(store.job.get_untracked())
            && store.view.with_untracked(|v| v.companies.is_empty())
        {
            store.view.update(|v| v.companies = top);
        }
    });
}

/// Asks the worker for the rows of selected companies not received yet; returns the
/// ids waiting for an answer.
fn fetch_rows(app: AppContext) -> Signal<HashSet<i64>> {
    let store = app.store;
    let pending = RwSignal::new(HashSet::<i64>::new());
    Effect::new(move |_| {
        let ids = store.view.with(|v| v.companies.clone());
        if store.overview.with(Option::is_none) {
            return;
        }
        let missing: Vec<i64> = store.companies.with_untracked(|received| {
            pending.with_untracked(|p| {
                ids.into_iter().filter(|id| !received.contains_key(id) && !p.contains(id)).collect()
            })
        });
        if !missing.is_empty() {
            pending.update(|p| p.extend(&missing));
            app.request(|id, load| Request::Companies { id, load, company_ids: missing });
        }
    });
    // The worker answers in order: any change of the received rows ends the waits.
    Effect::new(move |first: Option<()>| {
        store.companies.track();
        if first.is_some() {
            pending.update(HashSet::clear);
        }
    });
    pending.into()
}

/// Radio buttons choosing the company whose releases by genre are shown.
#[component]
fn FocusPicker(#[prop(into)] selected: Signal<Vec<Selected>>, focus: RwSignal<Option<i64>>) -> impl IntoView {
    let current = move || {
        let ids: Vec<i64> = selected.with(|s| s.iter().map(|c| c.id).collect());
        focus.get().filter(|f| ids.contains(f)).or(ids.first().copied())
    };
    view! {
        <fieldset class="segmented focus-picker">
            <legend>"Company"</legend>
            {move || {
                selected
                    .get()
                    .into_iter()
                    .map(|company| {
                        let id = company.id;
                        let input_id = format!("genre-focus-{id}");
                        view! {
                            <input
                                type="radio"
                                name="genre-focus"
                                id=input_id.clone()
                                prop:checked=move || current() == Some(id)
                                on:change=move |_| focus.set(Some(id))
                            />
                            <label for=input_id>{company.name}</label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

/// The companies view.
#[component]
pub fn CompaniesView() -> impl IntoView {
    let app = use_app();
    let store = app.store;
    preselect(app);
    let pending = fetch_rows(app);
    let dark = prefers_dark();
    let choices = use_choices();
    let focus = choices.genre_focus;
    let (metric, set_metric) = create_slice(store.view, |v| v.company_metric, |v, metric| v.company_metric = metric);

    let selected = Memo::new(move |_| {
        store.overview.with(|o| match o {
            Some(o) => store.view.with(|v| data::selected(&v.companies, &o.companies)),
            None => Vec::new(),
        })
    });
    let bounds = Signal::derive(move || store.overview.with(|o| o.as_ref().and_then(|o| o.years)));
    // Years shown: the URL's, else those with data for the selection, else the dataset's.
    let years = Memo::new(move |_| {
        store
            .view
            .with(|v| v.years)
            .or_else(|| selected.with(|s| store.companies.with(|d| data::data_years(s, d))))
            .or(bounds.get())
    });
    let shown = move || years.get().unwrap_or((1900, 2020));
    let palette = Memo::new(move |_| {
        store.overview.with(|o| o.as_ref().map(|o| GenrePalette::new(&o.genre_year)).unwrap_or_default())
    });

    let metric_figure = Memo::new(move |_| {
        let mut figure = store.companies.with(|d| selected.with(|s| data::metric_figure(s, d, metric.get(), shown())));
        note_pending_ratings(metric.get(), store.rated.get(), &mut figure.notes);
        figure
    });
    let popularity_figure =
        Memo::new(move |_| store.companies.with(|d| selected.with(|s| data::popularity_figure(s, d, shown()))));
    let genre_figure = Memo::new(move |_| {
        let company = selected.with(|s| {
            let chosen = focus.get();
            s.iter().find(|c| Some(c.id) == chosen).or(s.first()).cloned()
        });
        let company = company.unwrap_or(Selected { id: 0, name: String::new(), movies: None });
        store.companies.with(|d| palette.with(|p| data::genre_figure(&company, d, p, shown())))
    });

    let waiting = move || {
        let n = pending.with(HashSet::len);
        (n > 0).then(|| format!("Loading the rows of {n} {}…", if n == 1 { "company" } else { "companies" }))
    };
    let has_overview = move || store.overview.with(Option::is_some);
    let has_selection = move || selected.with(|s| !s.is_empty());

    view! {
        <section class="view answers" aria-labelledby="companies-heading">
            <div class="answers-head">
                <h2 id="companies-heading">"Companies"</h2>
                <p class="lede">
                    "Budget, revenue, profit and user rating, releases by genre and average popularity per year, for up to five production companies."
                </p>
            </div>
            <Show when=has_overview fallback=|| view! { <NoAnswers/> }>
                <div class="answer-controls">
                    <div class="control-group companies-control">
                        <CompanySearch/>
                        <CompanyChips selected=selected dark=dark/>
                    </div>
                    <YearRange bounds=bounds shown=Signal::derive(move || years.get()) id="company-years"/>
                </div>
                <Show
                    when=has_selection
                    fallback=|| view! { <p class="empty">"Search for a company above to chart it."</p> }
                >
                    <p class="status" aria-live="polite">{waiting}</p>
                    <div class="figures">
                        <ChartFigure id="company-metric" figure=metric_figure>
                            <MetricPicker metric=metric set_metric=set_metric name="company-metric"/>
                        </ChartFigure>
                        <ChartFigure id="company-genres" figure=genre_figure height=280>
                            <FocusPicker selected=selected focus=focus/>
                        </ChartFigure>
                        <ChartFigure id="company-popularity" figure=popularity_figure/>
                    </div>
                </Show>
                <CompanyRanking metric=metric years=Signal::derive(shown)/>
            </Show>
        </section>
    }
}
