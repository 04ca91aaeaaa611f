//! The company answers as chart data and tables (pure: rows in, figures out).

use std::collections::{BTreeMap, HashMap};

use movies_charts::{Bar, Category, LineChart, LinePoint, LineSeries, Paint, StackedBars, Unit};
use movies_protocol::CompanySummary;

use crate::drill::{Drill, Focus, GenrePick, MovieQuery};
use crate::metric::{known_note, Metric};
use crate::store::CompanyData;
use crate::views::answers::figure::{ChartData, Figure};
use crate::views::answers::palette::{GenrePalette, NO_GENRE};
use crate::views::answers::table::{Cell, Column, DataTable, Kind};

/// A company being compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    /// TMDB id.
    pub id: i64,
    /// Name as shown (with its id when two selected companies share a name).
    pub name: String,
    /// Movies listing it (with or without a year); `None` when the dataset lacks it.
    pub movies: Option<i64>,
}

/// Name of a company without one.
pub fn unnamed(id: i64) -> String {
    format!("(unnamed company #{id})")
}

/// The selected ids as companies of the dataset.
pub fn selected(ids: &[i64], companies: &[CompanySummary]) -> Vec<Selected> {
    let mut out: Vec<Selected> = ids
        .iter()
        .map(|&id| match companies.iter().find(|c| c.company_id == id) {
            Some(c) => Selected { id, name: c.company.clone().unwrap_or_else(|| unnamed(id)), movies: Some(c.movies) },
            None => Selected { id, name: format!("company #{id} (not in this dataset)"), movies: None },
        })
        .collect();
    let names: Vec<String> = out.iter().map(|s| s.name.clone()).collect();
    for s in &mut out {
        if names.iter().filter(|n| **n == s.name).count() > 1 {
            s.name = format!("{} (#{})", s.name, s.id);
        }
    }
    out
}

/// The `n` companies with the most movies (named ones first), for a first look.
pub fn top_companies(companies: &[CompanySummary], n: usize) -> Vec<i64> {
    let mut ranked: Vec<&CompanySummary> = companies.iter().collect();
    ranked.sort_by(|a, b| {
        b.company
            .is_some()
            .cmp(&a.company.is_some())
            .then(b.movies.cmp(&a.movies))
            .then(a.company_id.cmp(&b.company_id))
    });
    ranked.into_iter().take(n).map(|c| c.company_id).collect()
}

/// First and last year in which any of the companies released a movie.
pub fn data_years(selected: &[Selected], data: &HashMap<i64, CompanyData>) -> Option<(i32, i32)> {
    let years = selected.iter().filter_map(|s| data.get(&s.id)).flat_map(|d| d.years.iter().map(|r| r.year));
    years.fold(None, |range, y| Some(range.map_or((y, y), |(a, b): (i32, i32)| (a.min(y), b.max(y)))))
}

fn in_range(year: i32, (first, last): (i32, i32)) -> bool {
    (first..=last).contains(&year)
}

fn span((first, last): (i32, i32)) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// The selected metric per company and year (lines), with its coverage.
pub fn metric_figure(
    selected: &[Selected],
    data: &HashMap<i64, CompanyData>,
    metric: Metric,
    years: (i32, i32),
) -> Figure {
    let mut series = Vec::new();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut drills = Drills::default();
    for (i, company) in selected.iter().enumerate() {
        let rows_of = data.get(&company.id).map(|d| d.years.as_slice()).unwrap_or_default();
        let (mut known, mut movies) = (0, 0);
        let mut points = Vec::new();
        for row in rows_of.iter().filter(|r| in_range(r.year, years)) {
            drills.add((i, row.year), company_cell(company.id, GenrePick::Any, row.year, Focus::of(metric)));
            let value = metric.of_company(row);
            known += value.known;
            movies += row.movies;
            points.push(LinePoint {
                year: row.year,
                value: value.value,
                note: Some(known_note(value.known, row.movies)),
            });
            rows.push(vec![
                Cell::Text(Some(company.name.clone())),
                Cell::int(company.id),
                Cell::int(row.year),
                Cell::int(row.movies),
                Cell::Number(value.value),
                Cell::int(value.known),
            ]);
        }
        notes.push(if movies == 0 {
            format!("{}: no movie with a release year in {}.", company.name, span(years))
        } else {
            format!(
                "{}: {} for {known} of {movies} movies released in {} ({}).",
                company.name,
                metric.known_means(),
                span(years),
                percent(known, movies)
            )
        });
        series.push(LineSeries { name: company.name.clone(), color: Paint::Series(i), points });
    }
    notes.push(if metric.is_sum() {
        "Sums over distinct movies. Years without a known value are gaps, not zero.".into()
    } else {
        "Mean of every user rating of the year's movies (a movie rated more often weighs more). Years without \
         ratings are gaps."
            .into()
    });
    let caption = match metric {
        Metric::Profit => format!("Profit (revenue − budget), {}", metric.per("per year")),
        _ => format!("{}, {}", metric.label(), metric.per("per year")),
    };
    Figure {
        title: format!("{} per year", metric.label()),
        notes,
        chart: ChartData::Lines(LineChart {
            years,
            unit: metric.unit(),
            value_name: metric.key().into(),
            caption,
            series,
        }),
        table: DataTable {
            columns: company_year_columns([
                Column::new("movies", "Movies", Kind::Count),
                Column::new(metric.sum_column(), metric.sum_label(), Kind::of(metric.unit())),
                Column::new(metric.movies_column(), "Known for (movies)", Kind::Count),
            ]),
            rows,
        },
        file_stem: format!("company-{}-per-year", metric.key()),
        points: drills.points,
        row_drills: drills.rows,
    }
}

/// The cells behind a figure's points and table rows, collected as they are drawn.
#[derive(Default)]
struct Drills {
    points: BTreeMap<(usize, i32), Drill>,
    rows: Vec<Option<Drill>>,
}

impl Drills {
    /// The cell of the point `(series, year)`, which is also the next table row's.
    fn add(&mut self, point: (usize, i32), drill: Drill) {
        self.rows.push(Some(drill.clone()));
        self.points.insert(point, drill);
    }
}

/// A company's cell of a year.
fn company_cell(company: i64, genre: GenrePick, year: i32, focus: Focus) -> Drill {
    Drill { query: MovieQuery { company_id: Some(company), genre, year }, focus }
}

fn percent(part: i64, whole: i64) -> String {
    if whole == 0 {
        "—".into()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// Average popularity per company and year (lines).
pub fn popularity_figure(selected: &[Selected], data: &HashMap<i64, CompanyData>, years: (i32, i32)) -> Figure {
    let mut series = Vec::new();
    let mut rows = Vec::new();
    let mut drills = Drills::default();
    for (i, company) in selected.iter().enumerate() {
        let rows_of = data.get(&company.id).map(|d| d.years.as_slice()).unwrap_or_default();
        let mut points = Vec::new();
        for row in rows_of.iter().filter(|r| in_range(r.year, years)) {
            drills.add((i, row.year), company_cell(company.id, GenrePick::Any, row.year, Focus::AveragePopularity));
            let note = format!("({} movies)", row.movies);
            points.push(LinePoint { year: row.year, value: row.avg_popularity, note: Some(note) });
            rows.push(vec![
                Cell::Text(Some(company.name.clone())),
                Cell::int(company.id),
                Cell::int(row.year),
                Cell::int(row.movies),
                Cell::Number(row.avg_popularity),
            ]);
        }
        series.push(LineSeries { name: company.name.clone(), color: Paint::Series(i), points });
    }
    Figure {
        title: "Average popularity per year".into(),
        notes: vec![
            "Mean TMDB popularity of the company's movies released that year (movies with a known popularity).".into(),
        ],
        chart: ChartData::Lines(LineChart {
            years,
            unit: Unit::Decimal(2),
            value_name: "average popularity".into(),
            caption: "Average popularity (TMDB score)".into(),
            series,
        }),
        table: DataTable {
            columns: company_year_columns([
                Column::new("movies", "Movies", Kind::Count),
                Column::new("avg_popularity", "Average popularity", Kind::Decimal(2)),
            ]),
            rows,
        },
        file_stem: "company-popularity-per-year".into(),
        points: drills.points,
        row_drills: drills.rows,
    }
}

/// Releases by genre per year of one company (stacked bars).
pub fn genre_figure(
    company: &Selected,
    data: &HashMap<i64, CompanyData>,
    palette: &GenrePalette,
    years: (i32, i32),
) -> Figure {
    let empty = CompanyData::default();
    let rows_of = data.get(&company.id).unwrap_or(&empty);
    let genre_rows: Vec<_> = rows_of.genres.iter().filter(|r| in_range(r.year, years)).collect();
    // Biggest genres at the bottom of the stacks; no genre on top.
    let mut totals: BTreeMap<Option<&str>, i64> = BTreeMap::new();
    for row in &genre_rows {
        *totals.entry(row.genre.as_deref()).or_default() += row.releases;
    }
    let mut order: Vec<(Option<&str>, i64)> = totals.into_iter().collect();
    order.sort_by(|a, b| a.0.is_none().cmp(&b.0.is_none()).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    let index: HashMap<Option<&str>, usize> = order.iter().enumerate().map(|(i, (g, _))| (*g, i)).collect();
    let categories = order
        .iter()
        .map(|(g, _)| Category { name: g.unwrap_or(NO_GENRE).to_owned(), color: palette.paint(*g) })
        .collect();
    let movies: HashMap<i32, i64> = rows_of.years.iter().map(|r| (r.year, r.movies)).collect();
    let mut bars: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    let mut rows = Vec::new();
    let mut drills = Drills::default();
    for row in &genre_rows {
        let genre = row.genre.clone().map_or(GenrePick::Without, GenrePick::Named);
        let category = index[&row.genre.as_deref()];
        drills.add((category, row.year), company_cell(company.id, genre, row.year, Focus::Releases));
        bars.entry(row.year).or_insert_with(|| vec![0.0; order.len()])[category] += row.releases as f64;
        rows.push(vec![
            Cell::Text(Some(company.name.clone())),
            Cell::int(company.id),
            Cell::int(row.year),
            Cell::Text(Some(row.genre.clone().unwrap_or_else(|| NO_GENRE.to_owned()))),
            Cell::int(row.releases),
        ]);
    }
    let bars = bars
        .into_iter()
        .map(|(year, values)| Bar {
            year,
            values,
            note: movies.get(&year).map(|n| format!("{n} {} that year", if *n == 1 { "movie" } else { "movies" })),
        })
        .collect();
    Figure {
        title: format!("Releases by genre · {}", company.name),
        notes: vec!["A movie with several genres counts once in each of them, so a bar can be taller than the \
                     number of movies released that year."
            .into()],
        chart: ChartData::Stacked(StackedBars {
            years,
            unit: Unit::Count,
            value_name: "releases".into(),
            caption: "Releases per year, by genre".into(),
            categories,
            bars,
        }),
        table: DataTable {
            columns: company_year_columns([
                Column::new("genre", "Genre", Kind::Text),
                Column::new("releases", "Releases", Kind::Count),
            ]),
            rows,
        },
        file_stem: format!("company-{}-releases-by-genre", company.id),
        points: drills.points,
        row_drills: drills.rows,
    }
}

/// The columns every company table starts with (which company, which year), then `more`.
fn company_year_columns(more: impl IntoIterator<Item = Column>) -> Vec<Column> {
    [
        Column::new("company", "Company", Kind::Text),
        Column::new("company_id", "Company id", Kind::Id),
        Column::new("year", "Year", Kind::Year),
    ]
    .into_iter()
    .chain(more)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use movies_core::metrics::KnownSum;
    use movies_protocol::{CompanyGenreYear, CompanyYear};

    use crate::views::answers::table::assert_consistent;

    fn summary(id: i64, name: Option<&str>, movies: i64) -> CompanySummary {
        CompanySummary { company_id: id, company: name.map(str::to_owned), movies }
    }

    fn year(id: i64, year: i32, movies: i64, budget: Option<f64>, known: i64) -> CompanyYear {
        CompanyYear {
            company_id: id,
            company: Some("Pixar".into()),
            year,
            movies,
            budget: KnownSum { sum: budget, movies: known },
            revenue: KnownSum::default(),
            profit: KnownSum::default(),
            avg_popularity: Some(2.5),
            ratings: Default::default(),
        }
    }

    fn data() -> HashMap<i64, CompanyData> {
        let genre = |year, genre: Option<&str>, releases| CompanyGenreYear {
            company_id: 3,
            company: Some("Pixar".into()),
            genre: genre.map(str::to_owned),
            year,
            releases,
        };
        let pixar = CompanyData {
            years: vec![year(3, 1995, 1, Some(30_000_000.0), 1), year(3, 1998, 2, None, 0)],
            genres: vec![
                genre(1995, Some("Animation"), 1),
                genre(1995, Some("Comedy"), 1),
                genre(1998, Some("Animation"), 2),
                genre(1998, None, 1),
            ],
        };
        HashMap::from([(3, pixar)])
    }

    #[test]
    fn selection_names_and_defaults() {
        let companies = [summary(1, Some("Same"), 5), summary(2, Some("Same"), 9), summary(3, None, 50)];
        let chosen = selected(&[2, 1, 7], &companies);
        assert_eq!(chosen[0].name, "Same (#2)");
        assert_eq!(chosen[1].name, "Same (#1)");
        assert_eq!(chosen[2].movies, None);
        assert_eq!(top_companies(&companies, 2), [2, 1]);
        assert_eq!(selected(&[3], &companies)[0].name, "(unnamed company #3)");
    }

    #[test]
    fn metric_figure_keeps_gaps_and_counts_coverage() {
        let pixar = Selected { id: 3, name: "Pixar".into(), movies: Some(3) };
        let figure = metric_figure(std::slice::from_ref(&pixar), &data(), Metric::Budget, (1990, 2000));
        let ChartData::Lines(chart) = &figure.chart else { panic!("lines expected") };
        let values: Vec<_> = chart.series[0].points.iter().map(|p| (p.year, p.value)).collect();
        assert_eq!(values, [(1995, Some(30_000_000.0)), (1998, None)]);
        assert_eq!(chart.series[0].points[0].note.as_deref(), Some("(known for 1 of 1 movies)"));
        assert_eq!(figure.notes[0], "Pixar: budget known for 1 of 3 movies released in 1990–2000 (33%).");
        assert_eq!(figure.table.rows.len(), 2);
        assert_consistent(&figure.table);
        assert_consistent(&popularity_figure(std::slice::from_ref(&pixar), &data(), (1990, 2000)).table);
        assert_eq!(figure.table.rows[1][4], Cell::Number(None));
        assert_eq!(figure.table.rows[1][0], Cell::Text(Some("Pixar".into())));
        assert_eq!(data_years(&[pixar], &data()), Some((1995, 1998)));
    }

    #[test]
    fn genre_figure_stacks_biggest_first_and_no_genre_last() {
        let pixar = Selected { id: 3, name: "Pixar".into(), movies: Some(3) };
        let palette = GenrePalette::default();
        let figure = genre_figure(&pixar, &data(), &palette, (1990, 2000));
        let ChartData::Stacked(chart) = &figure.chart else { panic!("stacked bars expected") };
        let names: Vec<_> = chart.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Animation", "Comedy", NO_GENRE]);
        assert_eq!(chart.bars[1].values, [2.0, 0.0, 1.0]);
        assert_eq!(chart.bars[1].note.as_deref(), Some("2 movies that year"));
        assert_eq!(figure.table.rows.len(), 4);
        assert_consistent(&figure.table);
        assert_eq!(figure.table.rows[0][..2], [Cell::Text(Some("Pixar".into())), Cell::int(3)]);
        // The no-genre segment of 1998 opens Pixar's movies of 1998 without a genre.
        let without = &figure.points[&(2, 1998)];
        assert_eq!(without.query, MovieQuery { company_id: Some(3), genre: GenrePick::Without, year: 1998 });
        assert_eq!(without.focus, Focus::Releases);
        assert_eq!(figure.row_drills.len(), 4);
    }
}
