//! Rankings: which companies lead on a metric over a range of years.
//!
//! Computed from the `company_year` rows, so that a ranking is exactly what summing
//! `company_year.csv` over the years gives: a money metric is the sum of the years'
//! `*_sum` (added in year order) with the sum of their `*_movies` as its coverage; the
//! user rating is the mean of every rating of the years' movies (each year's
//! `mean_rating` weighted by its `ratings`), with `rated_movies` summed as coverage.
//! A company whose value is unknown for every movie of the range is not ranked, only
//! counted.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::metrics::{CompanyYear, KnownSum};

/// What companies are ranked by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    /// Sum of budgets.
    #[default]
    Budget,
    /// Sum of revenues.
    Revenue,
    /// Sum of profits (movies with both budget and revenue known).
    Profit,
    /// Mean user rating.
    Rating,
}

/// Which ranking to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingQuery {
    /// The metric.
    pub by: RankBy,
    /// First and last release year counted (both included).
    pub years: (i32, i32),
    /// Companies ranked with fewer movies of known value are left out (counted in
    /// [`Ranking::below_minimum`]); 1 ranks every company with a known value.
    pub min_known: i64,
    /// Rows returned at most (the best ones).
    pub limit: usize,
}

/// Most rows one ranking returns.
pub const MAX_RANKED: usize = 500;

/// One company of a ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCompany {
    /// 1 for the best.
    pub rank: u32,
    /// TMDB company id.
    pub company_id: i64,
    /// Display name.
    pub company: Option<String>,
    /// The metric over the years of the range (never null: unknown values are not
    /// ranked).
    pub value: f64,
    /// Movies of the range whose value was known (rated movies for the user rating).
    pub known: i64,
    /// Movies of the company released in the range.
    pub movies: i64,
    /// Number of user ratings behind the mean (0 for money metrics).
    pub ratings: i64,
}

/// A ranking, best first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// The best companies, at most the query's `limit`.
    pub rows: Vec<RankedCompany>,
    /// Companies ranked in all (`rows` may hold fewer).
    pub ranked: u64,
    /// Companies with movies in the range but no known value there.
    pub unknown: u64,
    /// Companies with a known value for fewer movies than the minimum asked.
    pub below_minimum: u64,
}

/// A company's totals over the range, as they are added up.
struct Tally<'r> {
    first: &'r CompanyYear,
    movies: i64,
    sum: KnownSum,
    ratings: i64,
}

impl<'r> Tally<'r> {
    fn new(first: &'r CompanyYear) -> Self {
        Tally { first, movies: 0, sum: KnownSum::default(), ratings: 0 }
    }

    fn add(&mut self, row: &CompanyYear, by: RankBy) {
        self.movies += row.movies;
        let year = match by {
            RankBy::Budget => row.budget,
            RankBy::Revenue => row.revenue,
            RankBy::Profit => row.profit,
            RankBy::Rating => {
                self.ratings += row.ratings.ratings;
                let total = row.ratings.mean_rating.map(|mean| mean * row.ratings.ratings as f64);
                KnownSum { sum: total, movies: row.ratings.rated_movies }
            }
        };
        if let Some(value) = year.sum {
            self.sum.sum = Some(self.sum.sum.unwrap_or(0.0) + value);
        }
        self.sum.movies += year.movies;
    }

    /// The company's value over the range; `None` when no movie had it known.
    fn value(&self, by: RankBy) -> Option<f64> {
        match by {
            RankBy::Rating => self.sum.sum.filter(|_| self.ratings > 0).map(|total| total / self.ratings as f64),
            _ => self.sum.sum,
        }
    }
}

/// Best first: higher value, then more movies known, then name (named first), then id.
fn order(a: &RankedCompany, b: &RankedCompany) -> Ordering {
    b.value
        .total_cmp(&a.value)
        .then(b.known.cmp(&a.known))
        .then_with(|| a.company.is_none().cmp(&b.company.is_none()))
        .then_with(|| a.company.cmp(&b.company))
        .then(a.company_id.cmp(&b.company_id))
}

/// Ranks the companies of `rows` (the `company_year` table: by company id, then year)
/// on the query's metric over its years.
pub fn rank_companies(rows: &[CompanyYear], query: &RankingQuery) -> Ranking {
    let (first, last) = query.years;
    let mut ranking = Ranking::default();
    let mut ranked = Vec::new();
    let in_range = rows.iter().filter(|r| (first..=last).contains(&r.year));
    let mut tally: Option<Tally> = None;
    let mut finish = |tally: Tally, ranking: &mut Ranking| match tally.value(query.by) {
        None => ranking.unknown += 1,
        Some(_) if tally.sum.movies < query.min_known => ranking.below_minimum += 1,
        Some(value) => ranked.push(RankedCompany {
            rank: 0,
            company_id: tally.first.company_id,
            company: tally.first.company.clone(),
            value,
            known: tally.sum.movies,
            movies: tally.movies,
            ratings: tally.ratings,
        }),
    };
    for row in in_range {
        match &mut tally {
            Some(t) if t.first.company_id == row.company_id => t.add(row, query.by),
            _ => {
                if let Some(done) = tally.take() {
                    finish(done, &mut ranking);
                }
                let mut t = Tally::new(row);
                t.add(row, query.by);
                tally = Some(t);
            }
        }
    }
    if let Some(done) = tally {
        finish(done, &mut ranking);
    }
    ranked.sort_by(order);
    ranking.ranked = ranked.len() as u64;
    ranked.truncate(query.limit.min(MAX_RANKED));
    for (i, row) in ranked.iter_mut().enumerate() {
        row.rank = i as u32 + 1;
    }
    ranking.rows = ranked;
    ranking
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::UserRatings;

    fn row(company_id: i64, name: &str, year: i32, movies: i64, revenue: Option<f64>, known: i64) -> CompanyYear {
        CompanyYear {
            company_id,
            company: Some(name.to_owned()),
            year,
            movies,
            budget: KnownSum::default(),
            revenue: KnownSum { sum: revenue, movies: known },
            profit: KnownSum::default(),
            avg_popularity: None,
            ratings: UserRatings::default(),
        }
    }

    fn query(by: RankBy, years: (i32, i32)) -> RankingQuery {
        RankingQuery { by, years, min_known: 1, limit: 10 }
    }

    #[test]
    fn sums_the_years_in_range_and_ranks_best_first() {
        let rows = [
            row(1, "Alpha", 1994, 1, Some(500.0), 1),
            row(1, "Alpha", 1995, 3, Some(100.0), 2),
            row(1, "Alpha", 1996, 1, Some(50.0), 1),
            row(2, "Beta", 1995, 2, Some(150.0), 1),
            row(3, "Gamma", 1995, 4, None, 0),
            row(4, "Delta", 1996, 1, Some(150.0), 2),
        ];
        let ranking = rank_companies(&rows, &query(RankBy::Revenue, (1995, 1996)));
        let got: Vec<_> = ranking.rows.iter().map(|r| (r.rank, r.company_id, r.value, r.known, r.movies)).collect();
        // Delta ties with Alpha and Beta on value; more movies known go first, then the name.
        assert_eq!(got, [(1, 1, 150.0, 3, 4), (2, 4, 150.0, 2, 1), (3, 2, 150.0, 1, 2)]);
        assert_eq!((ranking.ranked, ranking.unknown, ranking.below_minimum), (3, 1, 0));

        let strict =
            rank_companies(&rows, &RankingQuery { min_known: 2, limit: 1, ..query(RankBy::Revenue, (1995, 1996)) });
        assert_eq!(strict.rows.len(), 1);
        assert_eq!((strict.ranked, strict.unknown, strict.below_minimum), (2, 1, 1));
        assert!(rank_companies(&rows, &query(RankBy::Budget, (1995, 1996))).rows.is_empty());
    }

    #[test]
    fn the_rating_is_the_mean_of_every_rating_of_the_range() {
        let mut a = row(1, "Alpha", 1995, 2, None, 0);
        a.ratings = UserRatings { rated_movies: 2, ratings: 3, mean_rating: Some(4.0) };
        let mut b = row(1, "Alpha", 1996, 1, None, 0);
        b.ratings = UserRatings { rated_movies: 1, ratings: 1, mean_rating: Some(2.0) };
        let c = row(2, "Beta", 1995, 1, None, 0);
        let ranking = rank_companies(&[a, b, c], &query(RankBy::Rating, (1990, 2000)));
        let alpha = &ranking.rows[0];
        assert_eq!((alpha.value, alpha.known, alpha.ratings, alpha.movies), (3.5, 3, 4, 3));
        assert_eq!((ranking.ranked, ranking.unknown), (1, 1));
    }
}
