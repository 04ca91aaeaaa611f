//! The core on real rows of The Movies Dataset (`shared/data/real/`), through the
//! public API: values checked by hand in the files, row counts, and the same result
//! whether a file arrives whole or one byte at a time.
//!
//! Every test skips, with a message naming the folder, when the real files are absent;
//! under `CI=true` it fails with that message instead.

mod common;
mod real;

use std::collections::HashSet;

use common::{process, Collected, Feed};
use movies_core::kept::Kept;
use movies_core::model::{Movie, Named, Severity};
use movies_core::pipeline::TextEncoding;
use movies_core::values::Date;
use movies_core::{FileReport, InputFile, Metrics};
use real::{read_real, real_data_dir};

/// Every file of the real-data folder and the input it is read as.
const REAL_FILES: [(&str, InputFile); 7] = [
    ("movies_metadata.csv", InputFile::MoviesMetadata),
    ("movies_metadata.cp1252.csv", InputFile::MoviesMetadata),
    ("credits.csv", InputFile::Credits),
    ("keywords.csv", InputFile::Keywords),
    ("links.csv", InputFile::Links),
    ("links_small.csv", InputFile::Links),
    ("ratings_small.csv", InputFile::Ratings),
];

/// Cleans the real file `name` as `file`, or `None` (with a message) when the real data
/// is absent. Checks the accounting every file must satisfy: every record read is
/// accepted or rejected, one error-log row per rejection, one per warning.
fn clean_real(test: &str, name: &str, file: InputFile) -> Option<(FileReport, Collected)> {
    let dir = real_data_dir(test)?;
    let (report, rows) = process(file, &read_real(&dir, name), Feed::Whole).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_accounted(name, &report, &rows);
    Some((report, rows))
}

/// `records_read = rows_accepted + rows_rejected`, and the error log agrees with the
/// report's rejection and warning counts.
fn assert_accounted(name: &str, report: &FileReport, rows: &Collected) {
    assert_eq!(report.records_read, report.rows_accepted + report.rows_rejected, "{name}: {report:?}");
    assert_eq!(rows.issues_of(Severity::Error).len() as u64, report.rows_rejected, "{name}");
    assert_eq!(rows.issues_of(Severity::Warning).len() as u64, report.warnings, "{name}");
}

/// The movie with TMDB id `id`.
fn movie(rows: &Collected, id: i64) -> &Movie {
    rows.movies.iter().find(|m| m.id == id).unwrap_or_else(|| panic!("movie {id} not kept"))
}

/// `(id, name)` pairs of a genre or company list.
fn pairs(list: &[Named]) -> Vec<(i64, &str)> {
    list.iter().map(|n| (n.id, n.name.as_deref().unwrap_or(""))).collect()
}

/// Asserts `a` and `b` agree to a relative 1e-12 (sums may be added in another order).
fn assert_close(a: Option<f64>, b: f64, what: &str) {
    let a = a.unwrap_or_else(|| panic!("{what} is null"));
    assert!((a - b).abs() <= 1e-12 * b.abs(), "{what}: {a} differs from {b}");
}

#[test]
fn toy_story_has_its_genres_company_money_and_date() {
    let Some((_, rows)) = clean_real("toy_story", "movies_metadata.csv", InputFile::MoviesMetadata) else {
        return;
    };
    let toy = movie(&rows, 862);
    assert_eq!(toy.title.as_deref(), Some("Toy Story"));
    assert_eq!(pairs(&toy.genres), [(16, "Animation"), (35, "Comedy"), (10751, "Family")]);
    assert_eq!(pairs(&toy.companies), [(3, "Pixar Animation Studios")]);
    assert_eq!(toy.budget, Some(30_000_000.0));
    assert_eq!(toy.revenue, Some(373_554_033.0));
    assert_eq!(toy.profit(), Some(343_554_033.0));
    assert_eq!(toy.release_date, Date::new(1995, 10, 30));
    assert_eq!(toy.release_year(), Some(1995));
    assert_eq!(toy.collection_id, Some(10194));
    assert_eq!(toy.collection_name.as_deref(), Some("Toy Story Collection"));
    assert_eq!(toy.popularity, Some(21.946943));
    assert_eq!(toy.runtime, Some(81.0));
    assert_eq!(toy.vote_average, Some(7.7));
    assert_eq!(toy.vote_count, Some(5415));
    assert_eq!(toy.imdb_id.as_deref(), Some("tt0114709"));
    assert_eq!((toy.adult, toy.video), (Some(false), Some(false)));
    assert!(toy.overview.as_deref().is_some_and(|o| o.starts_with("Led by Woody, Andy's toys")));
}

#[test]
fn movies_metadata_counts_and_metrics() {
    let Some((report, rows)) = clean_real("movies_metadata_counts", "movies_metadata.csv", InputFile::MoviesMetadata)
    else {
        return;
    };
    assert_eq!(
        (report.records_read, report.rows_accepted, report.rows_rejected, report.warnings, report.records_repaired),
        (600, 600, 0, 0, 0)
    );
    assert_eq!(report.encoding, TextEncoding::Utf8);
    assert!(rows.issues.is_empty(), "{:?}", rows.issues);
    assert_eq!(rows.movies.len(), 600);
    let ids: HashSet<i64> = rows.movies.iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), 600);
    assert_eq!(rows.movies.iter().filter(|m| m.genres.is_empty()).count(), 9);
    assert_eq!(rows.movies.iter().filter(|m| m.companies.is_empty()).count(), 46);
    assert_eq!(rows.movies.iter().filter(|m| m.collection_id.is_some()).count(), 86);

    let metrics = Metrics::compute(&rows.movies, &Default::default());
    let c = metrics.coverage;
    assert_eq!((c.movies, c.movies_without_year, c.movies_without_company, c.movies_without_genre), (600, 0, 46, 9));
    assert_eq!(metrics.company_year.len(), 794);
    assert_eq!(metrics.company_genre_year.len(), 2400);
    assert_eq!(metrics.genre_year.len(), 129);

    let company_year = |id: i64, year: i32| {
        metrics
            .company_year
            .iter()
            .find(|r| r.company_id == id && r.year == year)
            .unwrap_or_else(|| panic!("no company_year row for {id} in {year}"))
    };
    let pixar = company_year(3, 1995);
    assert_eq!(pixar.company.as_deref(), Some("Pixar Animation Studios"));
    assert_eq!(pixar.movies, 1);
    assert_eq!((pixar.budget.sum, pixar.budget.movies), (Some(30e6), 1));
    assert_eq!(pixar.profit.sum, Some(343_554_033.0));
    assert_eq!(pixar.avg_popularity, Some(21.946943));

    // Universal Pictures in 1995: 17 movies, amounts known for only some of them.
    let universal = company_year(33, 1995);
    assert_eq!(universal.company.as_deref(), Some("Universal Pictures"));
    assert_eq!(universal.movies, 17);
    assert_eq!((universal.budget.sum, universal.budget.movies), (Some(464_500_000.0), 10));
    assert_eq!((universal.revenue.sum, universal.revenue.movies), (Some(1_608_712_529.0), 12));
    assert_eq!((universal.profit.sum, universal.profit.movies), (Some(1_085_090_012.0), 10));
    assert_close(universal.avg_popularity, 9.31216105882353, "avg_popularity");

    let ranked: Vec<(&str, i64, u32)> = metrics
        .genre_year
        .iter()
        .filter(|g| g.year == 1995)
        .map(|g| (g.genre.as_deref().unwrap_or(""), g.movies, g.popularity_rank))
        .take(3)
        .collect();
    assert_eq!(ranked, [("Drama", 131, 1), ("Comedy", 83, 2), ("Action", 48, 3)]);
    let drama = &metrics.genre_year.iter().find(|g| g.year == 1995).unwrap();
    assert_close(drama.total_popularity, 743.543584, "total_popularity");
}

#[test]
fn overview_spanning_lines_is_kept_whole() {
    let Some((_, rows)) = clean_real("multiline_overview", "movies_metadata.csv", InputFile::MoviesMetadata) else {
        return;
    };
    let jupiter = movie(&rows, 290157);
    assert_eq!(jupiter.title.as_deref(), Some("Jupiter's Wife"));
    let overview = jupiter.overview.as_deref().unwrap();
    assert!(overview.starts_with("Michel Negroponte, a documentary filmmaker"));
    assert!(overview.ends_with("reconstruct her past.\n - Written by James Meek"));
    assert_eq!(overview.matches('\n').count(), 1);
    assert_eq!(jupiter.release_date, Date::new(1995, 1, 1));
    assert!(jupiter.genres.is_empty());
    assert_eq!(jupiter.budget, None, "a budget of 0 is unknown");
}

#[test]
fn apostrophes_inside_literals() {
    let Some((_, keywords)) = clean_real("apostrophes", "keywords.csv", InputFile::Keywords) else {
        return;
    };
    let jumanji: Vec<(i64, &str)> = keywords
        .keywords
        .iter()
        .filter(|k| k.movie_id == 8844)
        .map(|k| (k.keyword_id, k.keyword.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        jumanji,
        [
            (10090, "board game"),
            (10941, "disappearance"),
            (15101, "based on children's book"),
            (33467, "new home"),
            (158086, "recluse"),
            (158091, "giant insect"),
        ]
    );

    let Some((_, credits)) = clean_real("apostrophes", "credits.csv", InputFile::Credits) else {
        return;
    };
    let whitney = credits
        .cast
        .iter()
        .find(|c| c.movie_id == 31357 && c.entry.name.as_deref() == Some("Whitney Houston"))
        .expect("Whitney Houston in the cast of Waiting to Exhale");
    assert_eq!(whitney.entry.character.as_deref(), Some("Savannah 'Vannah' Jackson"));
    assert!(credits.cast.iter().any(|c| c.movie_id == 949 && c.entry.name.as_deref() == Some("Daniel O'Haco")));

    let Some((_, movies)) = clean_real("apostrophes", "movies_metadata.csv", InputFile::MoviesMetadata) else {
        return;
    };
    assert!(pairs(&movie(&movies, 55475).companies).contains(&(93489, "D'Pelicula")));
    assert!(pairs(&movie(&movies, 902).companies).contains(&(8170, "Club d'Investissement Média")));
}

#[test]
fn credits_rows_and_none_profile_paths() {
    let Some((report, rows)) = clean_real("credits", "credits.csv", InputFile::Credits) else {
        return;
    };
    assert_eq!((report.records_read, report.rows_accepted, report.warnings), (35, 35, 0));
    assert_eq!((rows.cast.len(), rows.crew.len()), (724, 980));

    let toy_cast: Vec<_> = rows.cast.iter().filter(|c| c.movie_id == 862).collect();
    assert_eq!(toy_cast.len(), 13);
    let woody = &toy_cast[0].entry;
    assert_eq!(woody.name.as_deref(), Some("Tom Hanks"));
    assert_eq!(woody.character.as_deref(), Some("Woody (voice)"));
    assert_eq!((woody.cast_id, woody.gender, woody.person_id, woody.order), (Some(14), Some(2), Some(31), Some(0)));
    assert_eq!(woody.credit_id.as_deref(), Some("52fe4284c3a36847f8024f95"));
    assert_eq!(woody.profile_path.as_deref(), Some("/pQFoyx7rp09CJTAb932F2g8Nlho.jpg"));
    let hannah = toy_cast.iter().find(|c| c.entry.name.as_deref() == Some("Sarah Freeman")).unwrap();
    assert_eq!(hannah.entry.profile_path, None, "'profile_path': None");
    assert_eq!(hannah.entry.order, Some(11));

    let toy_crew: Vec<_> = rows.crew.iter().filter(|c| c.movie_id == 862).collect();
    assert_eq!(toy_crew.len(), 106);
    let director = &toy_crew[0].entry;
    assert_eq!(
        (director.name.as_deref(), director.job.as_deref(), director.department.as_deref(), director.person_id),
        (Some("John Lasseter"), Some("Director"), Some("Directing"), Some(7879))
    );
    let producer = toy_crew.iter().find(|c| c.entry.name.as_deref() == Some("Bonnie Arnold")).unwrap();
    assert_eq!(producer.entry.profile_path, None);

    let null_cast = rows.cast.iter().filter(|c| c.entry.profile_path.is_none());
    let null_crew = rows.crew.iter().filter(|c| c.entry.profile_path.is_none());
    assert_eq!((null_cast.count(), null_crew.count()), (153, 759));
}

#[test]
fn keywords_rows() {
    let Some((report, rows)) = clean_real("keywords", "keywords.csv", InputFile::Keywords) else {
        return;
    };
    assert_eq!((report.records_read, report.rows_accepted), (57, 57));
    assert_eq!(rows.keywords.len(), 439);
    let toy: Vec<&str> =
        rows.keywords.iter().filter(|k| k.movie_id == 862).filter_map(|k| k.keyword.as_deref()).collect();
    assert_eq!(toy.first(), Some(&"jealousy"));
    assert_eq!(toy.len(), 9);
}

#[test]
fn links_with_empty_tmdb_id_are_kept_with_null() {
    let Some((report, rows)) = clean_real("links", "links.csv", InputFile::Links) else {
        return;
    };
    assert_eq!((report.records_read, report.rows_accepted, report.rows_rejected), (45843, 45843, 0));
    assert_eq!(report.warnings, 0, "an empty tmdbId is a known gap, not a warning");
    assert_eq!(rows.links.len(), 45843);
    assert_eq!(rows.links.iter().filter(|l| l.tmdb_id.is_none()).count(), 219);
    let first = &rows.links[0];
    assert_eq!((first.movielens_id, first.imdb_id.as_deref(), first.tmdb_id), (1, Some("tt0114709"), Some(862)));
    let gap = rows.links.iter().find(|l| l.movielens_id == 142).unwrap();
    assert_eq!((gap.imdb_id.as_deref(), gap.tmdb_id), (Some("tt0094878"), None));

    let Some((small, rows)) = clean_real("links_small", "links_small.csv", InputFile::Links) else {
        return;
    };
    assert_eq!((small.records_read, small.rows_accepted), (9125, 9125));
    assert_eq!(rows.links.iter().filter(|l| l.tmdb_id.is_none()).count(), 13);
}

#[test]
fn off_grid_ratings_are_kept() {
    let Some((report, rows)) = clean_real("ratings", "ratings_small.csv", InputFile::Ratings) else {
        return;
    };
    assert_eq!((report.records_read, report.rows_accepted, report.rows_rejected), (100_004, 100_004, 0));
    let off_grid: Vec<_> = rows.ratings.iter().filter(|r| (r.rating * 2.0).fract() != 0.0).collect();
    assert_eq!(off_grid.len(), 12);
    let first = off_grid[0];
    assert_eq!((first.user_id, first.movielens_id, first.rating, first.timestamp), (1, 8613, 4.7, Some(1_260_759_179)));
    assert_eq!(rows.ratings.iter().filter(|r| r.rating == 4.2).count(), 7);
    assert_eq!(rows.ratings.iter().filter(|r| r.rating == 0.5).count(), 1101);
}

#[test]
fn user_ratings_join_the_metrics_through_the_links() {
    let (Some((_, movies)), Some((_, links)), Some((_, ratings))) = (
        clean_real("user ratings", "movies_metadata.csv", InputFile::MoviesMetadata),
        clean_real("user ratings", "links.csv", InputFile::Links),
        clean_real("user ratings", "ratings_small.csv", InputFile::Ratings),
    ) else {
        return;
    };
    let mut kept = Kept::default();
    kept.links.extend(links.links.iter().map(|l| (l.movielens_id, l.tmdb_id)));
    for r in &ratings.ratings {
        kept.ratings.add(r.movielens_id, r.rating);
    }
    // Toy Story is MovieLens movie 1, TMDB 862: its ratings counted straight from the rows.
    let toy_story: Vec<f64> = ratings.ratings.iter().filter(|r| r.movielens_id == 1).map(|r| r.rating).collect();
    assert_eq!(toy_story.len(), 247);
    let mean = toy_story.iter().sum::<f64>() / 247.0;

    let metrics = Metrics::compute(&movies.movies, &kept.ratings_by_movie());
    let pixar = metrics.company_year.iter().find(|r| r.company_id == 3 && r.year == 1995).unwrap();
    assert_eq!((pixar.ratings.rated_movies, pixar.ratings.ratings), (1, 247));
    assert_close(pixar.ratings.mean_rating, mean, "Pixar 1995 mean rating");
    assert_close(pixar.ratings.mean_rating, 3.872_469_635_627_530_3, "Pixar 1995 mean rating, by hand");

    // Every group's ratings are the sum of its movies' ratings.
    let by_movie = kept.ratings_by_movie();
    let animation_1995: Vec<&Movie> = movies
        .movies
        .iter()
        .filter(|m| m.release_year() == Some(1995) && m.genres.iter().any(|g| g.name.as_deref() == Some("Animation")))
        .collect();
    let row = metrics.genre_year.iter().find(|r| r.year == 1995 && r.genre.as_deref() == Some("Animation")).unwrap();
    let rated: Vec<_> = animation_1995.iter().filter_map(|m| by_movie.get(m.id)).collect();
    assert_eq!(row.ratings.rated_movies, rated.len() as i64);
    assert_eq!(row.ratings.ratings, rated.iter().map(|r| r.ratings as i64).sum::<i64>());
    let sum: f64 = rated.iter().map(|r| r.sum).sum();
    assert_close(row.ratings.mean_rating, sum / row.ratings.ratings as f64, "Animation 1995 mean rating");
    assert!(metrics.company_year.iter().filter(|r| r.ratings.ratings == 0).all(|r| r.ratings.mean_rating.is_none()));
}

#[test]
fn windows_1252_file_decodes_to_the_same_movies() {
    let Some((utf8_report, utf8)) = clean_real("windows_1252", "movies_metadata.csv", InputFile::MoviesMetadata) else {
        return;
    };
    let Some((report, cp1252)) = clean_real("windows_1252", "movies_metadata.cp1252.csv", InputFile::MoviesMetadata)
    else {
        return;
    };
    assert_eq!(utf8_report.windows_1252_fields, 0);
    assert_eq!(report.encoding, TextEncoding::Windows1252);
    assert!(report.windows_1252_fields > 0);

    let encoding_warnings: Vec<_> = cp1252.issues.iter().filter(|i| i.reason.contains("Windows-1252")).collect();
    assert_eq!(encoding_warnings.len(), 1, "{:?}", cp1252.issues);
    assert_eq!(encoding_warnings[0].severity, Severity::Warning);
    assert_eq!(report.warnings, 1, "{:?}", cp1252.issues);

    // The re-saved file shifted one record (37557): its revenue column holds a date.
    assert_eq!((report.records_read, report.rows_accepted, report.rows_rejected), (50, 49, 1));
    let rejected = cp1252.issues_of(Severity::Error)[0];
    assert_eq!(
        (rejected.movie_id, rejected.column, rejected.raw_value.as_deref()),
        (Some(37557), Some("revenue"), Some("4/30/1995"))
    );

    // Spreadsheet forms (FALSE, M/D/YYYY, 81 for 81.0) read as the originals; text with
    // accents (La Cité des Enfants Perdus, Ministère, Español) decodes the same.
    for m in &cp1252.movies {
        assert_eq!(m, movie(&utf8, m.id), "movie {}", m.id);
    }
    let city = movie(&cp1252, 902);
    assert_eq!(city.original_title.as_deref(), Some("La Cité des Enfants Perdus"));
}

#[test]
fn every_file_gives_the_same_rows_fed_one_byte_at_a_time() {
    let Some(dir) = real_data_dir("one_byte_reads") else {
        return;
    };
    for (name, file) in REAL_FILES {
        let bytes = read_real(&dir, name);
        let whole = process(file, &bytes, Feed::Whole).unwrap();
        let trickle = process(file, &bytes, Feed::Trickle).unwrap();
        assert_accounted(name, &trickle.0, &trickle.1);
        assert!(whole.0 == trickle.0, "{name}: reports differ");
        assert!(whole.1 == trickle.1, "{name}: rows differ");
        assert_eq!(whole.0.bytes, bytes.len() as u64, "{name}: bytes consumed");
    }
}

#[test]
fn every_file_accounts_for_every_record() {
    for (name, file) in REAL_FILES {
        if clean_real("accounting", name, file).is_none() {
            return;
        }
    }
}
