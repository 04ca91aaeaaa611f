//! The money metrics the answer views chart and the URL remembers: budget, revenue,
//! profit.

use movies_core::metrics::KnownSum;
use movies_core::schema::{MoneyColumns, BUDGET_COLUMNS, PROFIT_COLUMNS, REVENUE_COLUMNS};
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

    /// The word in the URL, in file names and in chart tooltips.
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

    /// The metric's columns in the metric tables, as the schema names them.
    fn columns(self) -> MoneyColumns {
        match self {
            Metric::Budget => BUDGET_COLUMNS,
            Metric::Revenue => REVENUE_COLUMNS,
            Metric::Profit => PROFIT_COLUMNS,
        }
    }

    /// CSV header of the sum (`budget_sum`).
    pub fn sum_column(self) -> &'static str {
        self.columns().sum
    }

    /// CSV header of the coverage count (`budget_movies`).
    pub fn movies_column(self) -> &'static str {
        self.columns().movies
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
    }
}
