//! The drill-down on the real rows (`shared/data/real/`): for every row of
//! `company_year`, `company_genre_year` and `genre_year`, the movies the index lists
//! add up to the row's numbers exactly (same sums to the last bit, same counts, same
//! user ratings). Skips, with a message, when the real files are absent; fails under
//! `CI=true`.

// Only part of the shared helpers is used here.
#[allow(dead_code)]
mod common;
mod real;

use common::{process, Collected, Feed};
use movies_core::drill::{GenrePick, MovieIndex, MovieQuery};
use movies_core::kept::Kept;
use movies_core::metrics::GroupTotals;
use movies_core::{InputFile, Metrics};
use real::{read_real, real_data_dir};

fn clean(dir: &std::path::Path, name: &str, file: InputFile) -> Collected {
    process(file, &read_real(dir, name), Feed::Whole).unwrap_or_else(|e| panic!("{name}: {e}")).1
}

#[test]
fn every_metric_cell_is_the_sum_of_its_movies() {
    let Some(dir) = real_data_dir("drill_real") else { return };
    let movies = clean(&dir, "movies_metadata.csv", InputFile::MoviesMetadata);
    let mut kept = Kept::default();
    for link in clean(&dir, "links_small.csv", InputFile::Links).links {
        kept.links.insert(link.movielens_id, link.tmdb_id);
    }
    for rating in clean(&dir, "ratings_small.csv", InputFile::Ratings).ratings {
        kept.ratings.add(rating.movielens_id, rating.rating);
    }
    let ratings = kept.ratings_by_movie();
    let metrics = Metrics::compute(&movies.movies, &ratings);
    let index = MovieIndex::build(&movies.movies);
    let ask = |company_id, genre, year| {
        index.answer(&movies.movies, &ratings, &movies.issues, &MovieQuery { company_id, genre, year })
    };

    let money = |t: GroupTotals| (t.movies, t.budget, t.revenue, t.profit, t.ratings);
    for row in &metrics.company_year {
        let list = ask(Some(row.company_id), GenrePick::Any, row.year);
        let what = format!("company {} in {}", row.company_id, row.year);
        assert_eq!(money(list.totals), (row.movies, row.budget, row.revenue, row.profit, row.ratings), "{what}");
        assert_eq!(list.totals.avg_popularity, row.avg_popularity, "{what}");
        assert_eq!(list.rows.len() as i64, row.movies, "{what}");
    }
    for row in &metrics.company_genre_year {
        let genre = row.genre.clone().map_or(GenrePick::Without, GenrePick::Named);
        let list = ask(Some(row.company_id), genre, row.year);
        assert_eq!(list.rows.len() as i64, row.releases, "company {} {:?} {}", row.company_id, row.genre, row.year);
    }
    for row in metrics.genre_year.iter().filter(|r| r.genre.is_some()) {
        let list = ask(None, GenrePick::Named(row.genre.clone().unwrap_or_default()), row.year);
        let what = format!("{:?} in {}", row.genre, row.year);
        assert_eq!(money(list.totals), (row.movies, row.budget, row.revenue, row.profit, row.ratings), "{what}");
        assert_eq!(list.totals.popularity.sum, row.total_popularity, "{what}");
    }
    assert!(metrics.company_year.len() > 500, "{} company_year rows", metrics.company_year.len());
}
