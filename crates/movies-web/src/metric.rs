//! The metrics the answer views chart and the URL remembers: the sums of budget,
//! revenue and profit, and the mean user rating.

use movies_charts::Unit;
use movies_core::metrics::{KnownSum, UserRatings};
use movies_core::schema::{MoneyColumns, BUDGET_COLUMNS, PROFIT_COLUMNS, RATING_COLUMNS, REVENUE_COLUMNS};
use movies_protocol::{CompanyYear, GenreYear, RankBy};

/// A metric's value for a group of movies, and over how many of them it was known.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Charted {
    /// The value charted; `None` when no movie of the group had it known.
    pub value: Option<f64>,
    /// Movies of the group with the value known (with a budget, with ratings...).
    pub known: i64,
}

impl From<KnownSum> for Charted {
    fn from(sum: KnownSum) -> Self {
        Charted { value: sum.sum, known: sum.movies }
    }
}

impl From<UserRatings> for Charted {
    fn from(ratings: UserRatings) -> Self {
        Charted { value: ratings.mean_rating, known: ratings.rated_movies }
    }
}

/// A metric of the metric tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    /// Sum of budgets.
    #[default]
    Budget,
    /// Sum of revenues.
    Revenue,
    /// Sum of profits (movies with both budget and revenue known).
    Profit,
    /// Mean user rating (ratings.csv, through links.csv).
    Rating,
}

impl Metric {
    /// Every metric, in selector order.
    pub const ALL: [Metric; 4] = [Metric::Budget, Metric::Revenue, Metric::Profit, Metric::Rating];

    /// The word in the URL, in file names and in chart tooltips.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Budget => "budget",
            Metric::Revenue => "revenue",
            Metric::Profit => "profit",
            Metric::Rating => "rating",
        }
    }

    /// The metric whose [`key`](Self::key) is `key`.
    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The label of the selector.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Budget => "Budget",
            Metric::Revenue => "Revenue",
            Metric::Profit => "Profit",
            Metric::Rating => "User rating",
        }
    }

    /// The metric's columns in the metric tables, as the schema names them.
    fn columns(self) -> MoneyColumns {
        match self {
            Metric::Budget => BUDGET_COLUMNS,
            Metric::Revenue => REVENUE_COLUMNS,
            Metric::Profit => PROFIT_COLUMNS,
            Metric::Rating => MoneyColumns { sum: RATING_COLUMNS[2], movies: RATING_COLUMNS[0] },
        }
    }

    /// CSV header of the value (`budget_sum`, `mean_rating`).
    pub fn sum_column(self) -> &'static str {
        self.columns().sum
    }

    /// CSV header of the coverage count (`budget_movies`, `rated_movies`).
    pub fn movies_column(self) -> &'static str {
        self.columns().movies
    }

    /// Page header of the value.
    pub fn sum_label(self) -> &'static str {
        match self {
            Metric::Budget => "Budget (sum)",
            Metric::Revenue => "Revenue (sum)",
            Metric::Profit => "Profit (sum)",
            Metric::Rating => "Mean user rating",
        }
    }

    /// What "known" means for this metric, for notes.
    pub fn known_means(self) -> &'static str {
        match self {
            Metric::Budget => "budget known",
            Metric::Revenue => "revenue known",
            Metric::Profit => "both budget and revenue known",
            Metric::Rating => "rated by users",
        }
    }

    /// Whether the value is a sum over the movies (money), not a mean (rating).
    pub fn is_sum(self) -> bool {
        self != Metric::Rating
    }

    /// How values are written on axes and in tooltips.
    pub fn unit(self) -> Unit {
        match self {
            Metric::Rating => Unit::Decimal(2),
            _ => Unit::Money,
        }
    }

    /// What a value of a year is, for captions (`sum per year, USD`).
    pub fn per(self, per: &str) -> String {
        match self {
            Metric::Rating => format!("mean of every user rating of the movies, {per}, stars 0.5–5"),
            _ => format!("sum {per}, USD"),
        }
    }

    /// What a ranking on this metric ranks by.
    pub fn rank_by(self) -> RankBy {
        match self {
            Metric::Budget => RankBy::Budget,
            Metric::Revenue => RankBy::Revenue,
            Metric::Profit => RankBy::Profit,
            Metric::Rating => RankBy::Rating,
        }
    }

    /// The metric of a `company_year` row.
    pub fn of_company(self, row: &CompanyYear) -> Charted {
        match self {
            Metric::Budget => row.budget.into(),
            Metric::Revenue => row.revenue.into(),
            Metric::Profit => row.profit.into(),
            Metric::Rating => row.ratings.into(),
        }
    }

    /// The metric of a `genre_year` row.
    pub fn of_genre(self, row: &GenreYear) -> Charted {
        match self {
            Metric::Budget => row.budget.into(),
            Metric::Revenue => row.revenue.into(),
            Metric::Profit => row.profit.into(),
            Metric::Rating => row.ratings.into(),
        }
    }
}

/// Said first under a chart of the rating while ratings.csv and links.csv are not read.
const RATINGS_PENDING: &str =
    "User ratings join the answers when ratings.csv and links.csv are read (see the load progress).";

/// Adds the note that the ratings are not read yet to the notes of a chart of `metric`,
/// unless the answers carry them (`rated`).
pub fn note_pending_ratings(metric: Metric, rated: bool, notes: &mut Vec<String>) {
    if metric == Metric::Rating && !rated {
        notes.insert(0, RATINGS_PENDING.to_owned());
    }
}

/// The tooltip note of a sum: `(known for 3 of 5 movies)`.
pub fn known_note(known: i64, movies: i64) -> String {
    format!("(known for {known} of {movies} movies)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use movies_core::schema::Table;

    #[test]
    fn columns_are_those_of_both_metric_tables() {
        for table in [Table::CompanyYear, Table::GenreYear] {
            let names: Vec<&str> = table.def().columns.iter().map(|c| c.name).collect();
            for metric in Metric::ALL {
                assert!(names.contains(&metric.sum_column()), "{} in {}", metric.sum_column(), table.name());
                assert!(names.contains(&metric.movies_column()), "{} in {}", metric.movies_column(), table.name());
            }
        }
        assert_eq!(Metric::Profit.sum_column(), "profit_sum");
        assert_eq!(Metric::from_key("revenue"), Some(Metric::Revenue));
        assert_eq!(Metric::from_key("popularity"), None);
        assert_eq!((Metric::Rating.sum_column(), Metric::Rating.movies_column()), ("mean_rating", "rated_movies"));
    }
}
