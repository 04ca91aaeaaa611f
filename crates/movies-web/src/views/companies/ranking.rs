//! The ranking beside the company charts: the companies that lead on the charted
//! metric over the years shown, each with its coverage, and a button that adds it to
//! the charts. The worker ranks (see `movies_core::ranking`); this draws.

use leptos::prelude::*;
use movies_protocol::{Ranking, RankingQuery, Request};

use super::data::unnamed;
use crate::context::use_app;
use crate::download::save_bytes;
use crate::format;
use crate::metric::Metric;
use crate::url_state::MAX_COMPANIES;
use crate::views::answers::csv::to_csv;
use crate::views::answers::table::{Cell, Column, DataTable, Kind, RowAction, SortableTable};

/// Companies listed in a ranking.
const RANKED_ROWS: usize = 100;

/// The ranking as a table: rank, company, the metric, its coverage.
pub fn ranking_table(ranking: &Ranking, metric: Metric) -> DataTable {
    let mut columns = vec![
        Column::new("rank", "Rank", Kind::Count),
        Column::new("company", "Company", Kind::Text),
        Column::new("company_id", "Company id", Kind::Id),
        Column::new(metric.sum_column(), metric.sum_label(), Kind::of(metric.unit())),
        Column::new(metric.movies_column(), "Known for (movies)", Kind::Count),
        Column::new("movies", "Of movies", Kind::Count),
        Column::new("known_share", "Known (%)", Kind::Decimal(0)),
    ];
    if !metric.is_sum() {
        columns.push(Column::new("ratings", "Ratings", Kind::Count));
    }
    let rows = ranking
        .rows
        .iter()
        .map(|r| {
            let share = (r.movies > 0).then(|| r.known as f64 * 100.0 / r.movies as f64);
            let mut row = vec![
                Cell::int(r.rank),
                Cell::Text(Some(r.company.clone().unwrap_or_else(|| unnamed(r.company_id)))),
                Cell::int(r.company_id),
                Cell::Number(Some(r.value)),
                Cell::int(r.known),
                Cell::int(r.movies),
                Cell::Number(share),
            ];
            if !metric.is_sum() {
                row.push(Cell::int(r.ratings));
            }
            row
        })
        .collect();
    DataTable { columns, rows }
}

/// What a movie has when the metric is known for it (`a known budget`).
fn having(metric: Metric) -> &'static str {
    match metric {
        Metric::Budget => "a known budget",
        Metric::Revenue => "a known revenue",
        Metric::Profit => "both budget and revenue known",
        Metric::Rating => "user ratings",
    }
}

/// What the ranking leaves out, in words.
pub fn left_out(ranking: &Ranking, metric: Metric, min_known: i64) -> String {
    let companies = |n: u64| match n {
        1 => "1 company is".to_owned(),
        n => format!("{} companies are", format::count(n)),
    };
    let mut text =
        format!("{} ranked; the top {} listed.", companies(ranking.ranked), format::count(ranking.rows.len() as u64));
    if ranking.unknown > 0 {
        text.push_str(&format!(
            " {} not ranked: they released movies in these years, none with {}.",
            companies(ranking.unknown),
            having(metric)
        ));
    }
    if ranking.below_minimum > 0 {
        text.push_str(&format!(
            " {} left out: fewer than {min_known} of their movies have {}.",
            companies(ranking.below_minimum),
            having(metric)
        ));
    }
    text
}

/// "Add" for a company not charted yet; says why when it cannot be added.
#[component]
fn AddButton(company_id: i64, name: String, years: Signal<(i32, i32)>) -> impl IntoView {
    let store = use_app().store;
    let id = company_id;
    let charted = move || store.view.with(|v| v.companies.contains(&id));
    let full = move || store.view.with(|v| v.companies.len() >= MAX_COMPANIES);
    let add = move |_| {
        // The range stays as it is: the new company's years must not move it.
        let shown = years.get_untracked();
        store.view.update(|v| {
            if !v.companies.contains(&id) && v.companies.len() < MAX_COMPANIES {
                v.companies.push(id);
                v.years = Some(shown);
            }
        });
    };
    let title = move || {
        if charted() {
            "Charted already".to_owned()
        } else if full() {
            format!("{MAX_COMPANIES} companies are compared already: remove one to add this one")
        } else {
            "Add to the charts above".to_owned()
        }
    };
    view! {
        <button
            type="button"
            class="button small add-company"
            data-company=id
            disabled=move || charted() || full()
            title=title
            aria-label=move || format!("Add {name} to the charts")
            on:click=add
        >
            {move || if charted() { "Charted" } else { "Add" }}
        </button>
    }
}

/// The ranking of the companies on `metric` over `years`.
#[component]
pub fn CompanyRanking(#[prop(into)] metric: Signal<Metric>, #[prop(into)] years: Signal<(i32, i32)>) -> impl IntoView {
    let app = use_app();
    let store = app.store;
    let min_known = RwSignal::new(1i64);
    let query = Memo::new(move |_| RankingQuery {
        by: metric.get().rank_by(),
        years: years.get(),
        min_known: min_known.get(),
        limit: RANKED_ROWS,
    });
    // Asks once per question, and again when the ratings arrive (they drop the last answer).
    let asked = StoredValue::new(None::<(u32, bool, RankingQuery)>);
    Effect::new(move |_| {
        let key = (store.job.get(), store.rated.get(), query.get());
        if store.overview.with(Option::is_none) || store.ranking.with(|r| r.as_ref().is_some_and(|r| r.query == key.2))
        {
            return;
        }
        if asked.get_value() != Some(key) {
            asked.set_value(Some(key));
            app.request(|id, load| Request::CompanyRanking { id, load, query: key.2 });
        }
    });
    let current = Memo::new(move |_| {
        store.ranking.with(|r| r.as_ref().filter(|r| r.query == query.get()).map(|r| r.ranking.clone()))
    });
    let table = Signal::derive(move || {
        current.with(|r| r.as_ref().map(|r| ranking_table(r, metric.get())).unwrap_or_default())
    });
    let span = move || {
        let (first, last) = years.get();
        if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        }
    };
    let title =
        Signal::derive(move || format!("Top companies by {}, {}", metric.get().sum_label().to_lowercase(), span()));
    let ids: Memo<Vec<(i64, String)>> = Memo::new(move |_| {
        current.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.rows
                        .iter()
                        .map(|c| (c.company_id, c.company.clone().unwrap_or_else(|| unnamed(c.company_id))))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let action = RowAction {
        header: "Chart",
        cell: Callback::new(move |row: usize| {
            let (id, name) = ids.with_untracked(|ids| ids.get(row).cloned()).unwrap_or_default();
            view! { <AddButton company_id=id name=name years=years/> }.into_any()
        }),
    };
    let on_csv = move |_| {
        let csv = table.with_untracked(to_csv);
        let (first, last) = years.get_untracked();
        let name = format!("company-ranking-{}-{first}-{last}.csv", metric.get_untracked().key());
        if let Err(e) = save_bytes(&csv, &name, "text/csv;charset=utf-8") {
            store.alert(format!("The CSV file could not be saved: {}", e.as_string().unwrap_or_default()));
        }
    };
    let on_min = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev).trim().parse::<i64>().unwrap_or(1).max(1);
        min_known.set(value);
    };
    let note = move || {
        let metric = metric.get();
        let how = if metric.is_sum() {
            format!(
                "The {} of the company's movies released in these years, summed over distinct movies.",
                metric.key()
            )
        } else {
            "The mean of every user rating of the company's movies released in these years (a movie rated more often weighs more)."
                .to_owned()
        };
        format!("{how} Beside each figure: how many of those movies have {}.", having(metric))
    };
    view! {
        <section class="ranking chart-card" id="company-ranking" aria-labelledby="company-ranking-title">
            <div class="chart-head">
                <h3 id="company-ranking-title">{title}</h3>
                <div class="ranking-min">
                    <label for="ranking-min-known">"At least"</label>
                    <input
                        id="ranking-min-known"
                        type="number"
                        min="1"
                        inputmode="numeric"
                        prop:value=move || min_known.get().to_string()
                        on:change=on_min
                    />
                    <span>"movies known"</span>
                </div>
            </div>
            <p class="note">{note}</p>
            {move || match current.get() {
                Some(ranking) => view! {
                    <p class="note ranking-counts" aria-live="polite">{left_out(&ranking, metric.get(), min_known.get())}</p>
                }
                .into_any(),
                None => view! { <p class="status" aria-live="polite">"Ranking the companies…"</p> }.into_any(),
            }}
            <div class="chart-tools" role="group" aria-label="Downloads">
                <button type="button" class="button small" on:click=on_csv title="The ranking, as in the table below">
                    "Download CSV"
                </button>
            </div>
            <SortableTable table=table caption=title action=action/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use movies_protocol::RankedCompany;

    use crate::views::answers::table::assert_consistent;

    fn ranking() -> Ranking {
        let company = |rank, company_id, company: Option<&str>, value, known, movies| RankedCompany {
            rank,
            company_id,
            company: company.map(str::to_owned),
            value,
            known,
            movies,
            ratings: 40,
        };
        Ranking {
            rows: vec![company(1, 33, Some("Universal Pictures"), 1.6e9, 12, 17), company(2, 9, None, 5.0e8, 1, 4)],
            ranked: 2,
            unknown: 3,
            below_minimum: 1,
        }
    }

    #[test]
    fn the_table_shows_coverage_beside_each_figure() {
        let table = ranking_table(&ranking(), Metric::Revenue);
        assert_consistent(&table);
        let names: Vec<_> = table.columns.iter().map(|c| c.name).collect();
        assert_eq!(names, ["rank", "company", "company_id", "revenue_sum", "revenue_movies", "movies", "known_share"]);
        assert_eq!(table.rows[0][3].display(Kind::Money), "$1,600,000,000");
        assert_eq!(table.rows[1][1], Cell::Text(Some("(unnamed company #9)".into())));
        assert_eq!(table.rows[1][6].display(Kind::Decimal(0)), "25");
        let rated = ranking_table(&ranking(), Metric::Rating);
        assert_consistent(&rated);
        assert_eq!(rated.columns.last().map(|c| c.name), Some("ratings"));
    }

    #[test]
    fn what_is_left_out_is_said() {
        assert_eq!(
            left_out(&ranking(), Metric::Revenue, 2),
            "2 companies are ranked; the top 2 listed. 3 companies are not ranked: they released movies in these \
             years, none with a known revenue. 1 company is left out: fewer than 2 of their movies have a known \
             revenue."
        );
    }
}
