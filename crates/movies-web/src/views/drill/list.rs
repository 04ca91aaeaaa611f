//! The movies of a cell as tables (pure: the worker's list in, tables out): those
//! whose clicked value is known, those whose value is unknown, the CSV of all, and
//! the totals at the foot.

use movies_protocol::{GroupTotals, MovieRow};

use crate::drill::{split, Focus};
use crate::url_state::Page;
use crate::views::answers::table::{Cell, Column, DataTable, Kind};

/// The columns of a movie list (CSV name, label, kind).
pub fn columns() -> Vec<Column> {
    vec![
        Column::new("title", "Title", Kind::Text),
        Column::new("release_date", "Released", Kind::Text),
        Column::new("budget", "Budget", Kind::Money),
        Column::new("revenue", "Revenue", Kind::Money),
        Column::new("profit", "Profit", Kind::Money),
        Column::new("popularity", "Popularity", Kind::Decimal(2)),
        Column::new("mean_rating", "User rating", Kind::Decimal(2)),
        Column::new("ratings", "Ratings", Kind::Count),
        Column::new("genres", "Genres", Kind::Text),
        Column::new("companies", "Companies", Kind::Text),
        Column::new("error_log_rows", "Error log", Kind::Flag),
        Column::new("movie_id", "TMDB id", Kind::Id),
    ]
}

/// Lists in one cell (`Drama; Comedy`), null when empty.
fn joined(names: &[String]) -> Cell {
    Cell::Text((!names.is_empty()).then(|| names.join("; ")))
}

fn row(movie: &MovieRow) -> Vec<Cell> {
    vec![
        Cell::Text(movie.title.clone()),
        Cell::Text(movie.release_date.clone()),
        Cell::Number(movie.budget),
        Cell::Number(movie.revenue),
        Cell::Number(movie.profit),
        Cell::Number(movie.popularity),
        Cell::Number(movie.mean_rating),
        Cell::Number(Some(movie.ratings as f64)),
        joined(&movie.genres),
        joined(&movie.companies),
        Cell::int(movie.issues),
        Cell::int(movie.id),
    ]
}

fn table<'a>(movies: impl IntoIterator<Item = &'a MovieRow>) -> DataTable {
    DataTable { columns: columns(), rows: movies.into_iter().map(row).collect() }
}

/// The movies whose focused value is known, and the others.
pub fn tables(rows: &[MovieRow], focus: Focus) -> (DataTable, DataTable) {
    let (known, unknown) = split(rows, focus);
    (table(known), table(unknown))
}

/// The movie page of each row of a list, linked from its title.
pub fn movie_pages(table: &DataTable) -> Vec<Option<Page>> {
    let id = table.columns.iter().position(|c| c.name == "movie_id");
    table
        .rows
        .iter()
        .map(|row| match id.map(|i| &row[i]) {
            Some(Cell::Number(Some(id))) => Some(Page::Movie(*id as i64)),
            _ => None,
        })
        .collect()
}

/// Every movie, known values first, for the CSV download.
pub fn all(rows: &[MovieRow], focus: Focus) -> DataTable {
    let (known, unknown) = split(rows, focus);
    table(known.into_iter().chain(unknown))
}

/// A total at the foot: which number, its value as written, how many movies it is
/// known for, and whether it is the number clicked.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    /// Its name in `data-total` (`budget`).
    pub key: &'static str,
    /// What it is.
    pub label: &'static str,
    /// The value, formatted (`$30,000,000`, `—` when unknown).
    pub value: String,
    /// Known for how many of the cell's movies (`12 of 15`).
    pub known: String,
    /// Whether this is the number that was clicked.
    pub clicked: bool,
}

/// The totals of the cell, as its metric rows have them.
pub fn totals(totals: &GroupTotals, focus: Focus) -> Vec<Total> {
    let of = |known: i64| format!("{known} of {}", totals.movies);
    let money = |v: Option<f64>| Cell::Number(v).display(Kind::Money);
    let decimal = |v: Option<f64>, digits| Cell::Number(v).display(Kind::Decimal(digits));
    let ratings = &totals.ratings;
    let rated =
        format!("{} ratings · {} rated", Cell::int(ratings.ratings).display(Kind::Count), of(ratings.rated_movies));
    let popularity = of(totals.popularity.movies);
    let rows = [
        ("movies", "Movies", totals.movies.to_string(), of(totals.movies), Some(Focus::Releases)),
        ("budget", "Budget (sum)", money(totals.budget.sum), of(totals.budget.movies), Some(Focus::Budget)),
        ("revenue", "Revenue (sum)", money(totals.revenue.sum), of(totals.revenue.movies), Some(Focus::Revenue)),
        ("profit", "Profit (sum)", money(totals.profit.sum), of(totals.profit.movies), Some(Focus::Profit)),
        (
            "total_popularity",
            "Total popularity",
            decimal(totals.popularity.sum, 1),
            popularity.clone(),
            Some(Focus::TotalPopularity),
        ),
        (
            "avg_popularity",
            "Average popularity",
            decimal(totals.avg_popularity, 2),
            popularity,
            Some(Focus::AveragePopularity),
        ),
        ("mean_rating", "User rating (mean)", decimal(ratings.mean_rating, 2), rated, Some(Focus::Rating)),
    ];
    rows.into_iter()
        .map(|(key, label, value, known, of)| Total { key, label, value, known, clicked: of == Some(focus) })
        .collect()
}

/// A file name for the list (`movies-company-3-drama-1995.csv`): letters and digits
/// of the cell's names only.
pub fn file_name(company: Option<i64>, genre: Option<&str>, year: i32) -> String {
    let mut parts = vec!["movies".to_owned()];
    if let Some(company) = company {
        parts.push(format!("company-{company}"));
    }
    if let Some(genre) = genre {
        let slug: String =
            genre.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
        let slug = slug.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
        parts.push(if slug.is_empty() { "genre".to_owned() } else { slug });
    }
    parts.push(year.to_string());
    format!("{}.csv", parts.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::answers::csv::to_csv;
    use crate::views::answers::table::assert_consistent;
    use movies_core::metrics::{KnownSum, UserRatings};

    fn movie(id: i64, title: &str, budget: Option<f64>, issues: u32) -> MovieRow {
        MovieRow {
            id,
            title: Some(title.into()),
            release_date: Some("1995-10-30".into()),
            budget,
            revenue: Some(3e8),
            profit: budget.map(|b| 3e8 - b),
            popularity: Some(21.9),
            ratings: 4,
            mean_rating: Some(3.875),
            genres: vec!["Animation".into(), "Comedy".into()],
            companies: vec!["Pixar".into()],
            issues,
        }
    }

    #[test]
    fn known_and_unknown_movies_and_their_csv() {
        let rows = [movie(862, "Toy Story", Some(3e7), 0), movie(863, "A \"Bug's\", Life", None, 2)];
        let (known, unknown) = tables(&rows, Focus::Budget);
        assert_consistent(&known);
        assert_eq!((known.rows.len(), unknown.rows.len()), (1, 1));
        assert_eq!(unknown.rows[0][10].display(Kind::Flag), "⚑ 2");
        let csv = String::from_utf8(to_csv(&all(&rows, Focus::Budget))).unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some(
                "title,release_date,budget,revenue,profit,popularity,mean_rating,ratings,genres,companies,error_log_rows,movie_id"
            )
        );
        assert_eq!(
            lines.next(),
            Some("Toy Story,1995-10-30,30000000,300000000,270000000,21.9,3.875,4,Animation; Comedy,Pixar,0,862")
        );
        assert_eq!(
            lines.next(),
            Some("\"A \"\"Bug's\"\", Life\",1995-10-30,,300000000,,21.9,3.875,4,Animation; Comedy,Pixar,2,863")
        );
        assert_eq!(all(&rows, Focus::Revenue).rows.len(), 2);
    }

    #[test]
    fn totals_mark_the_number_clicked() {
        let sums = GroupTotals {
            movies: 2,
            budget: KnownSum { sum: Some(3e7), movies: 1 },
            revenue: KnownSum { sum: Some(6e8), movies: 2 },
            profit: KnownSum { sum: Some(2.7e8), movies: 1 },
            popularity: KnownSum { sum: Some(43.8), movies: 2 },
            avg_popularity: Some(21.9),
            ratings: UserRatings { rated_movies: 2, ratings: 8, mean_rating: Some(3.875) },
        };
        let shown = totals(&sums, Focus::Budget);
        let budget = shown.iter().find(|t| t.key == "budget").unwrap();
        assert_eq!((budget.value.as_str(), budget.known.as_str(), budget.clicked), ("$30,000,000", "1 of 2", true));
        assert_eq!(shown.iter().filter(|t| t.clicked).count(), 1);
        assert_eq!(shown.last().unwrap().known, "8 ratings · 2 of 2 rated");
        assert!(totals(&sums, Focus::TotalPopularity).iter().any(|t| t.key == "total_popularity" && t.clicked));
    }

    #[test]
    fn file_names_keep_letters_and_digits() {
        assert_eq!(file_name(Some(3), None, 1995), "movies-company-3-1995.csv");
        assert_eq!(file_name(None, Some("Science Fiction"), 1977), "movies-science-fiction-1977.csv");
        assert_eq!(file_name(Some(3), Some("<script>/../"), 2001), "movies-company-3-script-2001.csv");
        assert_eq!(file_name(None, Some("Ção"), 2001), "movies-o-2001.csv");
        assert_eq!(file_name(None, Some("日本"), 2001), "movies-genre-2001.csv");
    }
}
