//! Company rankings on the real rows (`shared/data/real/`): for several metrics and
//! ranges, the ranking equals the `company_year` rows summed over the range, and its
//! counts are those of the cleaned movies themselves. Skips, with a message, when the
//! real files are absent; fails under `CI=true`.

// Only part of the shared helpers is used here.
#[allow(dead_code)]
mod common;
mod real;

use std::collections::BTreeMap;

use common::{process, Feed};
use movies_core::kept::RatingsByMovie;
use movies_core::ranking::{rank_companies, RankBy, RankingQuery};
use movies_core::{InputFile, Metrics};
use real::{read_real, real_data_dir};

#[test]
fn rankings_are_the_metric_rows_summed_over_the_range() {
    let Some(dir) = real_data_dir("ranking_real") else { return };
    let bytes = read_real(&dir, "movies_metadata.csv");
    let movies = process(InputFile::MoviesMetadata, &bytes, Feed::Whole).expect("movies_metadata.csv").1.movies;
    let metrics = Metrics::compute(&movies, &RatingsByMovie::default());

    for (by, years) in [(RankBy::Revenue, (1995, 1995)), (RankBy::Budget, (1990, 1999)), (RankBy::Profit, (1900, 2100))]
    {
        let query = RankingQuery { by, years, min_known: 1, limit: 500 };
        let ranking = rank_companies(&metrics.company_year, &query);
        let what = format!("{by:?} {years:?}");

        // The rows summed by company, in year order, as a spreadsheet would.
        let mut summed: BTreeMap<i64, (Option<f64>, i64, i64)> = BTreeMap::new();
        for row in metrics.company_year.iter().filter(|r| (years.0..=years.1).contains(&r.year)) {
            let cell = match by {
                RankBy::Revenue => row.revenue,
                RankBy::Budget => row.budget,
                _ => row.profit,
            };
            let entry = summed.entry(row.company_id).or_default();
            entry.0 = match (entry.0, cell.sum) {
                (Some(a), Some(b)) => Some(a + b),
                (a, b) => a.or(b),
            };
            entry.1 += cell.movies;
            entry.2 += row.movies;
        }
        let mut expected: Vec<(i64, f64, i64, i64)> =
            summed.iter().filter_map(|(&id, &(sum, known, movies))| Some((id, sum?, known, movies))).collect();
        let name = |id: i64| metrics.companies.iter().find(|c| c.company_id == id).and_then(|c| c.company.clone());
        expected.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(b.2.cmp(&a.2))
                .then_with(|| name(a.0).is_none().cmp(&name(b.0).is_none()))
                .then_with(|| name(a.0).cmp(&name(b.0)))
                .then(a.0.cmp(&b.0))
        });
        let got: Vec<_> = ranking.rows.iter().map(|r| (r.company_id, r.value, r.known, r.movies)).collect();
        assert_eq!(got, expected.iter().take(500).copied().collect::<Vec<_>>(), "{what}");
        assert_eq!(ranking.ranked as usize, expected.len(), "{what}");
        assert_eq!(ranking.unknown as usize, summed.len() - expected.len(), "{what}");
        assert!(ranking.rows.len() >= 10, "{what}: {} companies ranked", ranking.rows.len());

        // The leader's counts, from the cleaned movies themselves.
        let leader = &ranking.rows[0];
        let theirs: Vec<_> = movies
            .iter()
            .filter(|m| m.release_year().is_some_and(|y| (years.0..=years.1).contains(&y)))
            .filter(|m| m.companies.iter().any(|c| c.id == leader.company_id))
            .collect();
        let known = theirs
            .iter()
            .filter(|m| match by {
                RankBy::Revenue => m.revenue.is_some(),
                RankBy::Budget => m.budget.is_some(),
                _ => m.profit().is_some(),
            })
            .count();
        assert_eq!((leader.movies, leader.known), (theirs.len() as i64, known as i64), "{what}: leader's counts");
        println!("{what}: 1. {:?} {} (known for {} of {})", leader.company, leader.value, leader.known, leader.movies);
    }
}
