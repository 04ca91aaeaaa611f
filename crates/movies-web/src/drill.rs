//! What a drill-down shows: the chart cell whose movies are listed (a
//! [`MovieQuery`]), which of the cell's numbers was clicked ([`Focus`]) and how the
//! list is sorted. The URL holds it (see [`crate::url_state`]), so a link reopens the
//! panel.

use movies_protocol::{GroupTotals, MovieRow};

use crate::metric::Metric;

pub use movies_protocol::{GenrePick, MovieQuery};

/// A number of a cell and how many of its movies it is known for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The value; `None` when no movie has it.
    pub value: Option<f64>,
    /// Movies whose value is known.
    pub known: i64,
}

/// The number of a cell that was clicked: it decides which movies count as known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// A sum of budgets, revenues or profits.
    #[default]
    Budget,
    /// A sum of revenues.
    Revenue,
    /// A sum of profits.
    Profit,
    /// A mean popularity.
    AveragePopularity,
    /// A total popularity (what ranks the genres of a year).
    TotalPopularity,
    /// A count of releases.
    Releases,
    /// A mean user rating.
    Rating,
}

impl Focus {
    /// Every focus, for parsing.
    const ALL: [Focus; 7] = [
        Focus::Budget,
        Focus::Revenue,
        Focus::Profit,
        Focus::AveragePopularity,
        Focus::TotalPopularity,
        Focus::Releases,
        Focus::Rating,
    ];

    /// The focus of a charted metric.
    pub fn of(metric: Metric) -> Focus {
        match metric {
            Metric::Budget => Focus::Budget,
            Metric::Revenue => Focus::Revenue,
            Metric::Profit => Focus::Profit,
            Metric::Rating => Focus::Rating,
        }
    }

    /// The word in the URL.
    pub fn key(self) -> &'static str {
        match self {
            Focus::Budget => "budget",
            Focus::Revenue => "revenue",
            Focus::Profit => "profit",
            Focus::AveragePopularity => "avg_popularity",
            Focus::TotalPopularity => "total_popularity",
            Focus::Releases => "releases",
            Focus::Rating => "rating",
        }
    }

    /// The focus whose [`key`](Self::key) is `key`.
    pub fn from_key(key: &str) -> Option<Focus> {
        Focus::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What the number is, in words.
    pub fn label(self) -> &'static str {
        match self {
            Focus::Budget => "Budget (sum)",
            Focus::Revenue => "Revenue (sum)",
            Focus::Profit => "Profit (sum)",
            Focus::AveragePopularity => "Average popularity",
            Focus::TotalPopularity => "Total popularity",
            Focus::Releases => "Releases",
            Focus::Rating => "User rating (mean)",
        }
    }

    /// The value the number is made of, for one movie (releases: every movie counts).
    pub fn known(self, movie: &MovieRow) -> bool {
        match self {
            Focus::Budget => movie.budget.is_some(),
            Focus::Revenue => movie.revenue.is_some(),
            Focus::Profit => movie.profit.is_some(),
            Focus::AveragePopularity | Focus::TotalPopularity => movie.popularity.is_some(),
            Focus::Releases => true,
            Focus::Rating => movie.ratings > 0,
        }
    }

    /// What the word for an unknown value is (`budget`), for "budget unknown".
    pub fn value_name(self) -> &'static str {
        match self {
            Focus::Budget => "budget",
            Focus::Revenue => "revenue",
            Focus::Profit => "profit (budget or revenue)",
            Focus::AveragePopularity | Focus::TotalPopularity => "popularity",
            Focus::Releases => "release",
            Focus::Rating => "user rating",
        }
    }

    /// The number clicked, from the cell's totals, with how many movies it is known for.
    pub fn number(self, totals: &GroupTotals) -> Number {
        match self {
            Focus::Budget => Number { value: totals.budget.sum, known: totals.budget.movies },
            Focus::Revenue => Number { value: totals.revenue.sum, known: totals.revenue.movies },
            Focus::Profit => Number { value: totals.profit.sum, known: totals.profit.movies },
            Focus::AveragePopularity => Number { value: totals.avg_popularity, known: totals.popularity.movies },
            Focus::TotalPopularity => Number { value: totals.popularity.sum, known: totals.popularity.movies },
            Focus::Releases => Number { value: Some(totals.movies as f64), known: totals.movies },
            Focus::Rating => Number { value: totals.ratings.mean_rating, known: totals.ratings.rated_movies },
        }
    }
}

/// A cell and the number of it that was clicked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drill {
    /// The cell.
    pub query: MovieQuery,
    /// The number.
    pub focus: Focus,
}

/// The drill-down panel as the URL holds it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrillState {
    /// What is listed.
    pub drill: Drill,
    /// The column the list is sorted by (its CSV name) and whether ascending.
    pub sort: Option<(String, bool)>,
}

/// The rows of a cell split into those whose focused value is known and the others,
/// each in the worker's (input) order.
pub fn split(rows: &[MovieRow], focus: Focus) -> (Vec<&MovieRow>, Vec<&MovieRow>) {
    rows.iter().partition(|r| focus.known(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use movies_core::metrics::KnownSum;

    fn row(id: i64, budget: Option<f64>, popularity: Option<f64>) -> MovieRow {
        MovieRow {
            id,
            title: None,
            release_date: None,
            budget,
            revenue: None,
            profit: None,
            popularity,
            ratings: 0,
            mean_rating: None,
            genres: Vec::new(),
            companies: Vec::new(),
            issues: 0,
        }
    }

    #[test]
    fn focus_keys_round_trip_and_pick_the_clicked_number() {
        for focus in Focus::ALL {
            assert_eq!(Focus::from_key(focus.key()), Some(focus));
        }
        assert_eq!(Focus::from_key("nope"), None);
        let totals = GroupTotals {
            movies: 3,
            budget: KnownSum { sum: Some(7.0), movies: 2 },
            popularity: KnownSum { sum: Some(9.0), movies: 3 },
            avg_popularity: Some(3.0),
            ..GroupTotals::default()
        };
        assert_eq!(Focus::Budget.number(&totals), Number { value: Some(7.0), known: 2 });
        assert_eq!(Focus::Profit.number(&totals), Number { value: None, known: 0 });
        assert_eq!(Focus::AveragePopularity.number(&totals), Number { value: Some(3.0), known: 3 });
        assert_eq!(Focus::TotalPopularity.number(&totals).value, Some(9.0));
        assert_eq!(Focus::Releases.number(&totals), Number { value: Some(3.0), known: 3 });
    }

    #[test]
    fn unknown_values_are_listed_apart() {
        let rows = [row(1, Some(5.0), None), row(2, None, Some(1.0)), row(3, Some(2.0), Some(2.0))];
        let (known, unknown) = split(&rows, Focus::Budget);
        assert_eq!(known.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(unknown.iter().map(|r| r.id).collect::<Vec<_>>(), [2]);
        assert_eq!(split(&rows, Focus::Releases).1.len(), 0);
        assert_eq!(split(&rows, Focus::TotalPopularity).1[0].id, 1);
    }
}
