//! Rows per output table and the movies the per-year answers leave out.

use leptos::prelude::*;
use movies_protocol::{Coverage, Table};

use crate::context::use_app;
use crate::format;

/// `part` as a percentage of `whole`, one decimal.
fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".into();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

/// The coverage lines: label, count, what it costs.
fn coverage_lines(c: &Coverage) -> [(&'static str, u64, &'static str); 3] {
    [
        ("Movies without a release year", c.movies_without_year, "left out of every per-year table"),
        (
            "Movies without a production company",
            c.movies_without_company,
            "left out of company_year and company_genre_year",
        ),
        ("Movies without a genre", c.movies_without_genre, "left out of genre_year"),
    ]
}

/// Row counts of the final manifest, and coverage (known once movies_metadata.csv is done).
#[component]
pub fn TablesAndCoverage() -> impl IntoView {
    let store = use_app().store;
    let coverage = move || {
        store
            .manifest
            .with(|m| m.as_ref().map(|m| m.coverage))
            .or_else(|| store.overview.with(|o| o.as_ref().map(|o| o.coverage)))
    };
    let coverage_view = move || match coverage() {
        None => view! { <p class="empty">"Known once movies_metadata.csv is read."</p> }.into_any(),
        Some(c) => view! {
            <table class="data quality-coverage" aria-labelledby="quality-coverage">
                <tbody>
                    <tr>
                        <th scope="row">"Movies in movies_master"</th>
                        <td class="num">{format::count(c.movies)}</td>
                        <td class="num"></td>
                        <td></td>
                    </tr>
                    {coverage_lines(&c)
                        .into_iter()
                        .map(|(label, n, effect)| {
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td class="num">{format::count(n)}</td>
                                    <td class="num">{percent(n, c.movies)}</td>
                                    <td class="remark">{effect}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    };
    let tables_view = move || {
        store.manifest.with(|m| match m {
            None => view! { <p class="empty">"Row counts appear when every file is done."</p> }.into_any(),
            Some(m) => view! {
                <table class="data quality-tables" aria-labelledby="quality-tables">
                    <thead>
                        <tr>
                            <th scope="col">"Table"</th>
                            <th scope="col" class="num">"Rows"</th>
                            <th scope="col">"One row per"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {Table::ALL
                            .into_iter()
                            .map(|table| {
                                let rows = m.tables.get(table.name()).map(|t| t.rows).unwrap_or(0);
                                view! {
                                    <tr>
                                        <th scope="row"><code>{table.name()}</code></th>
                                        <td class="num">{format::count(rows)}</td>
                                        <td>{table.def().grain}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        })
    };
    view! {
        <div class="quality-columns">
            <div>
                <h3 id="quality-tables">"Tables written"</h3>
                {tables_view}
            </div>
            <div>
                <h3 id="quality-coverage">"Coverage of the answers"</h3>
                {coverage_view}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_has_one_decimal_and_survives_zero() {
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(0, 0), "–");
    }
}
