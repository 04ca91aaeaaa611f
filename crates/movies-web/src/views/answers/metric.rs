//! The money metrics the views chart: budget, revenue, profit.

use movies_core::metrics::KnownSum;
use movies_protocol::{CompanyYear, GenreYear};

/// A money metric of the metric tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    /// Sum of budgets.
    #[default]
    Budget,
    /// Sum of revenues.
    Revenue,
    /// Sum of profits (movies with both budget and revenue known).
    Profit,
}

impl Metric {
    /// Every metric, in selector order.
    pub const ALL: [Metric; 3] = [Metric::Budget, Metric::Revenue, Metric::Profit];

    /// The word in file names and CSV headers.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Budget => "budget",
            Metric::Revenue => "revenue",
            Metric::Profit => "profit",
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
        }
    }

    /// CSV header of the sum.
    pub fn sum_column(self) -> &'static str {
        match self {
            Metric::Budget => "budget_sum",
            Metric::Revenue => "revenue_sum",
            Metric::Profit => "profit_sum",
        }
    }

    /// CSV header of the coverage count.
    pub fn movies_column(self) -> &'static str {
        match self {
            Metric::Budget => "budget_movies",
            Metric::Revenue => "revenue_movies",
            Metric::Profit => "profit_movies",
        }
    }

    /// Page header of the sum.
    pub fn sum_label(self) -> &'static str {
        match self {
            Metric::Budget => "Budget (sum)",
            Metric::Revenue => "Revenue (sum)",
            Metric::Profit => "Profit (sum)",
        }
    }

    /// What "known" means for this metric, for notes.
    pub fn known_means(self) -> &'static str {
        match self {
            Metric::Budget => "budget known",
            Metric::Revenue => "revenue known",
            Metric::Profit => "both budget and revenue known",
        }
    }

    /// The metric of a `company_year` row.
    pub fn of_company(self, row: &CompanyYear) -> KnownSum {
        match self {
            Metric::Budget => row.budget,
            Metric::Revenue => row.revenue,
            Metric::Profit => row.profit,
        }
    }

    /// The metric of a `genre_year` row.
    pub fn of_genre(self, row: &GenreYear) -> KnownSum {
        match self {
            Metric::Budget => row.budget,
            Metric::Revenue => row.revenue,
            Metric::Profit => row.profit,
        }
    }
}

/// The tooltip note of a sum: `(known for 3 of 5 movies)`.
pub fn known_note(known: i64, movies: i64) -> String {
    format!("(known for {known} of {movies} movies)")
}
