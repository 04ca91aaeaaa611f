//! The genre answers as chart data and tables (pure: `genre_year` rows in, figures out).

use std::collections::{BTreeMap, HashMap};

use movies_charts::{
    grouped, Category, Contender, HeatCell, HeatRow, Heatmap, LeaderBand, LeaderYear, LineChart, LinePoint, LineSeries,
    Spacing,
};
use movies_protocol::GenreYear;

use crate::drill::{Drill, Focus, GenrePick, MovieQuery};
use crate::format::capitalized;
use crate::metric::{known_note, Metric};
use crate::views::answers::figure::{ChartData, Figure};
use crate::views::answers::palette::GenrePalette;
use crate::views::answers::table::{Cell, Column, DataTable, Kind};

/// Name of a genre without one.
const UNNAMED: &str = "(unnamed genre)";

fn name(row: &GenreYear) -> &str {
    row.genre.as_deref().unwrap_or(UNNAMED)
}

/// The cell of a genre in a year (none for a genre without a name: no question can
/// name it).
fn genre_cell(row: &GenreYear, focus: Focus) -> Option<Drill> {
    let genre = GenrePick::Named(row.genre.clone()?);
    Some(Drill { query: MovieQuery { company_id: None, genre, year: row.year }, focus })
}

fn in_range(year: i32, (first, last): (i32, i32)) -> bool {
    (first..=last).contains(&year)
}

fn popularity(row: &GenreYear) -> String {
    let total = row.total_popularity.map_or_else(|| "unknown".to_owned(), |p| grouped(p, 1));
    let noun = if row.movies == 1 { "movie" } else { "movies" };
    format!("total popularity {total} · {} {noun}", row.movies)
}

/// The most popular genre of each year, with the runner-up.
pub fn leader_figure(rows: &[GenreYear], palette: &GenrePalette, years: (i32, i32)) -> Figure {
    let mut by_year: BTreeMap<i32, [Option<&GenreYear>; 2]> = BTreeMap::new();
    for row in rows.iter().filter(|r| in_range(r.year, years) && (1..=2).contains(&r.popularity_rank)) {
        by_year.entry(row.year).or_default()[row.popularity_rank as usize - 1] = Some(row);
    }
    // Rows of the band: genres that led or came second, most years led first.
    let mut standing: HashMap<&str, (usize, usize)> = HashMap::new();
    for [first, second] in by_year.values() {
        if let Some(first) = first {
            standing.entry(name(first)).or_default().0 += 1;
        }
        if let Some(second) = second {
            standing.entry(name(second)).or_default().1 += 1;
        }
    }
    let mut order: Vec<(&str, (usize, usize))> = standing.into_iter().collect();
    order.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(b.1 .1.cmp(&a.1 .1)).then(a.0.cmp(b.0)));
    let index: HashMap<&str, usize> = order.iter().enumerate().map(|(i, (g, _))| (*g, i)).collect();
    let categories =
        order.iter().map(|(g, _)| Category { name: (*g).to_owned(), color: palette.paint(Some(g)) }).collect();

    let mut leaders = Vec::new();
    let mut table = Vec::new();
    let (mut points, mut row_drills) = (BTreeMap::new(), Vec::new());
    for (year, [first, second]) in &by_year {
        let Some(first) = first else { continue };
        let drill = genre_cell(first, Focus::TotalPopularity);
        if let Some(drill) = &drill {
            points.insert((index[name(first)], *year), drill.clone());
        }
        row_drills.push(drill);
        let contender = |row: &GenreYear| Contender { category: index[name(row)], detail: popularity(row) };
        leaders.push(LeaderYear { year: *year, first: contender(first), second: second.map(contender) });
        table.push(vec![
            Cell::int(*year),
            Cell::Text(Some(name(first).to_owned())),
            Cell::Number(first.total_popularity),
            Cell::int(first.movies),
            Cell::Text(second.map(|s| name(s).to_owned())),
            Cell::Number(second.and_then(|s| s.total_popularity)),
            Cell::Number(second.map(|s| s.movies as f64)),
        ]);
    }
    let led: Vec<String> = order
        .iter()
        .filter(|(_, (won, _))| *won > 0)
        .take(3)
        .map(|(g, (won, _))| format!("{g} ({won} {})", if *won == 1 { "year" } else { "years" }))
        .collect();
    let mut notes =
        vec!["Most popular: the genre whose movies of that year add up to the highest TMDB popularity (ties: more \
         movies, then name). Faint marks show the runner-up."
            .to_owned()];
    if !led.is_empty() {
        notes.push(format!("Most often on top: {}.", led.join(", ")));
    }
    Figure {
        title: "Most popular genre of each year".into(),
        notes,
        chart: ChartData::Leaders(LeaderBand {
            years,
            lead_name: "Most popular".into(),
            caption: String::new(),
            categories,
            leaders,
        }),
        table: DataTable {
            columns: vec![
                Column::new("year", "Year", Kind::Year),
                Column::new("genre", "Most popular", Kind::Text),
                Column::new("total_popularity", "Total popularity", Kind::Decimal(1)),
                Column::new("movies", "Movies", Kind::Count),
                Column::new("runner_up", "Runner-up", Kind::Text),
                Column::new("runner_up_total_popularity", "Runner-up popularity", Kind::Decimal(1)),
                Column::new("runner_up_movies", "Runner-up movies", Kind::Count),
            ],
            rows: table,
        },
        file_stem: "genre-most-popular-per-year".into(),
        points,
        row_drills,
    }
}

/// The genres shown: the filter's (in the palette's order), or all when it is empty
/// or names none of the dataset's genres.
pub fn shown_genres(filter: &[String], palette: &GenrePalette) -> Vec<String> {
    let chosen: Vec<String> = palette.names().iter().filter(|g| filter.contains(g)).cloned().collect();
    if chosen.is_empty() {
        palette.names().to_vec()
    } else {
        chosen
    }
}

/// The filter after (un)checking `genre`: never empty of shown genres, and empty
/// (meaning all) when every genre is checked.
pub fn toggle(filter: &[String], palette: &GenrePalette, genre: &str) -> Vec<String> {
    let mut shown = shown_genres(filter, palette);
    if let Some(at) = shown.iter().position(|g| g == genre) {
        if shown.len() > 1 {
            shown.remove(at);
        }
    } else {
        shown.push(genre.to_owned());
    }
    if shown.len() == palette.names().len() {
        Vec::new()
    } else {
        palette.names().iter().filter(|g| shown.contains(g)).cloned().collect()
    }
}

/// Budget, revenue or profit by genre and year: a heatmap, or lines.
pub fn metric_figure(
    rows: &[GenreYear],
    palette: &GenrePalette,
    metric: Metric,
    genres: &[String],
    years: (i32, i32),
    lines: bool,
) -> Figure {
    // Per genre: (year, value, tooltip note).
    type Points = Vec<(i32, Option<f64>, String)>;
    let mut cells: BTreeMap<&str, Points> = genres.iter().map(|g| (g.as_str(), Vec::new())).collect();
    // The chart's rows (series) are the genres in the map's order.
    let series: HashMap<&str, usize> = cells.keys().enumerate().map(|(i, g)| (*g, i)).collect();
    let mut table = Vec::new();
    let mut points = BTreeMap::new();
    let (mut known, mut pairs) = (0, 0);
    for row in rows.iter().filter(|r| in_range(r.year, years)) {
        let Some(list) = row.genre.as_deref().and_then(|g| cells.get_mut(g)) else { continue };
        let value = metric.of_genre(row);
        known += value.known;
        pairs += row.movies;
        list.push((row.year, value.value, known_note(value.known, row.movies)));
        let drill = genre_cell(row, Focus::of(metric));
        if let (Some(drill), Some(at)) = (&drill, row.genre.as_deref().and_then(|g| series.get(g))) {
            points.insert((*at, row.year), drill.clone());
        }
        let cells = vec![
            Cell::Text(Some(name(row).to_owned())),
            Cell::int(row.year),
            Cell::int(row.movies),
            Cell::Number(value.value),
            Cell::int(value.known),
        ];
        table.push((cells, drill));
    }
    table.sort_by(|(a, _), (b, _)| a[0].raw().cmp(&b[0].raw()).then(a[1].raw().cmp(&b[1].raw())));
    let (table, row_drills): (Vec<_>, Vec<_>) = table.into_iter().unzip();
    // Sums of money span orders of magnitude; mean ratings sit within a few stars.
    let (spacing, scale_word) =
        if metric.is_sum() { (Spacing::Logarithmic, "logarithmic") } else { (Spacing::Linear, "linear") };
    let chart = if lines {
        ChartData::Lines(LineChart {
            years,
            unit: metric.unit(),
            value_name: metric.key().into(),
            caption: format!("{}, {}", metric.label(), metric.per("per genre and year")),
            series: cells
                .into_iter()
                .map(|(genre, points)| LineSeries {
                    name: genre.to_owned(),
                    color: palette.paint(Some(genre)),
                    points: points
                        .into_iter()
                        .map(|(year, value, note)| LinePoint { year, value, note: Some(note) })
                        .collect(),
                })
                .collect(),
        })
    } else {
        ChartData::Heat(Heatmap {
            years,
            unit: metric.unit(),
            value_name: metric.key().into(),
            caption: format!("{}, {} ({} color scale)", metric.label(), metric.per("per genre and year"), scale_word),
            rows: cells
                .into_iter()
                .map(|(genre, points)| HeatRow {
                    name: genre.to_owned(),
                    cells: points
                        .into_iter()
                        .map(|(year, value, note)| HeatCell { year, value, note: Some(note) })
                        .collect(),
                })
                .collect(),
            spacing,
        })
    };
    let share = if pairs == 0 { String::from("—") } else { format!("{:.0}%", known as f64 * 100.0 / pairs as f64) };
    Figure {
        title: format!("{} by genre per year", metric.label()),
        notes: vec![
            format!(
                "{} for {} of {} movie × genre pairs in these years ({share}). A movie with several genres counts in each.",
                capitalized(metric.known_means()),
                grouped(known as f64, 0),
                grouped(pairs as f64, 0)
            ),
            if metric.is_sum() {
                "Sums over distinct movies; a dot (heatmap) or a gap (lines) is a year whose value is unknown, not zero."
                    .into()
            } else {
                "Mean of every user rating of the genre's movies that year; a dot (heatmap) or a gap (lines) is a \
                 year without ratings."
                    .into()
            },
        ],
        chart,
        table: DataTable {
            columns: vec![
                Column::new("genre", "Genre", Kind::Text),
                Column::new("year", "Year", Kind::Year),
                Column::new("movies", "Movies", Kind::Count),
                Column::new(metric.sum_column(), metric.sum_label(), Kind::of(metric.unit())),
                Column::new(metric.movies_column(), "Known for (movies)", Kind::Count),
            ],
            rows: table,
        },
        file_stem: format!("genre-{}-per-year", metric.key()),
        points,
        row_drills,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use movies_core::metrics::KnownSum;

    use crate::views::answers::table::assert_consistent;

    fn row(genre: &str, year: i32, rank: u32, popularity: f64, budget: Option<f64>) -> GenreYear {
        GenreYear {
            genre: Some(genre.into()),
            year,
            movies: 2,
            budget: KnownSum { sum: budget, movies: i64::from(budget.is_some()) },
            revenue: KnownSum::default(),
            profit: KnownSum::default(),
            total_popularity: Some(popularity),
            avg_popularity: Some(popularity / 2.0),
            popularity_rank: rank,
            ratings: Default::default(),
        }
    }

    fn rows() -> Vec<GenreYear> {
        vec![
            row("Drama", 2000, 1, 30.0, Some(5e6)),
            row("Comedy", 2000, 2, 20.0, None),
            row("Action", 2000, 3, 10.0, Some(1e6)),
            row("Comedy", 2001, 1, 25.0, Some(2e6)),
            row("Drama", 2002, 1, 5.0, None),
            row("Action", 2002, 2, 4.0, None),
        ]
    }

    #[test]
    fn leaders_with_runner_ups() {
        let rows = rows();
        let palette = GenrePalette::new(&rows);
        let figure = leader_figure(&rows, &palette, (2000, 2002));
        let ChartData::Leaders(band) = &figure.chart else { panic!("band expected") };
        let names: Vec<_> = band.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Drama", "Comedy", "Action"]);
        assert_eq!(band.leaders.len(), 3);
        assert_eq!(band.leaders[0].first.detail, "total popularity 30.0 · 2 movies");
        assert_eq!(band.leaders[0].second.as_ref().map(|s| s.category), Some(1));
        assert_eq!(band.leaders[1].second, None);
        assert_eq!(figure.table.rows[1][4], Cell::Text(None));
        assert_consistent(&figure.table);
        assert_eq!(figure.notes[1], "Most often on top: Drama (2 years), Comedy (1 year).");
        let leader = figure.points.get(&(1, 2001)).expect("Comedy led 2001");
        assert_eq!((&leader.query.genre, leader.focus), (&GenrePick::Named("Comedy".into()), Focus::TotalPopularity));
    }

    #[test]
    fn filter_toggles_keep_at_least_one_genre() {
        let palette = GenrePalette::new(&rows());
        assert_eq!(shown_genres(&[], &palette), ["Action", "Comedy", "Drama"]);
        assert_eq!(shown_genres(&["Western".into()], &palette), ["Action", "Comedy", "Drama"]);
        let only_two = toggle(&[], &palette, "Comedy");
        assert_eq!(only_two, ["Action", "Drama"]);
        assert_eq!(toggle(&only_two, &palette, "Comedy"), Vec::<String>::new());
        assert_eq!(toggle(&["Drama".into()], &palette, "Drama"), ["Drama"]);
    }

    #[test]
    fn metric_cells_keep_unknowns() {
        let rows = rows();
        let palette = GenrePalette::new(&rows);
        let genres = vec!["Action".to_owned(), "Comedy".to_owned()];
        let figure = metric_figure(&rows, &palette, Metric::Budget, &genres, (2000, 2001), false);
        let ChartData::Heat(heat) = &figure.chart else { panic!("heatmap expected") };
        assert_eq!(heat.rows.len(), 2);
        assert_eq!(heat.rows[1].cells[0].value, None);
        assert_eq!(heat.rows[1].cells[0].note.as_deref(), Some("(known for 0 of 2 movies)"));
        assert_eq!(figure.table.rows.len(), 3);
        assert_consistent(&figure.table);
        assert!(figure.notes[0].starts_with("Budget known for 2 of 6 movie × genre pairs"));
        let lines = metric_figure(&rows, &palette, Metric::Budget, &genres, (2000, 2001), true);
        assert!(matches!(lines.chart, ChartData::Lines(_)));
        // Each cell opens its genre's movies of that year; so does each table row.
        let comedy = Drill {
            query: MovieQuery { company_id: None, genre: GenrePick::Named("Comedy".into()), year: 2000 },
            focus: Focus::Budget,
        };
        assert_eq!(figure.points.get(&(1, 2000)), Some(&comedy));
        assert_eq!(lines.points, figure.points);
        assert_eq!(figure.row_drills.len(), figure.table.rows.len());
        assert_eq!(figure.row_drills[1], Some(comedy));
    }
}
