//! Rows as sequences of typed cells, in the column order of [`crate::schema`].

use crate::kept::MovieRating;
use crate::metrics::{CompanyGenreYear, CompanyYear, GenreYear, UserRatings};
use crate::model::{CastRow, CrewRow, Issue, KeywordRow, LinkRow, Movie, Named, RatingRow, Verbatim};
use crate::schema::Table;
use crate::values::Date;

/// Receives the cells of one row, in column order.
pub trait CellWriter {
    /// An integer cell.
    fn int(&mut self, value: Option<i64>);
    /// A float cell (finite).
    fn float(&mut self, value: Option<f64>);
    /// A text cell.
    fn text(&mut self, value: Option<&str>);
    /// A boolean cell.
    fn boolean(&mut self, value: Option<bool>);
    /// A date cell.
    fn date(&mut self, value: Option<Date>);
    /// An integer cell whose text is already in export form (see
    /// [`crate::model::Verbatim`]); writers may copy the text.
    fn int_text(&mut self, value: i64, _text: &[u8]) {
        self.int(Some(value));
    }
    /// A float cell whose text is already in export form.
    fn float_text(&mut self, value: f64, _text: &[u8]) {
        self.float(Some(value));
    }
}

/// A value that is one row of an output table.
pub trait TableRow {
    /// The table the row belongs to.
    const TABLE: Table;
    /// Writes the row's cells in the table's column order.
    fn write_cells<W: CellWriter>(&self, w: &mut W);
    /// The row's CSV line when it is known without formatting (see
    /// [`crate::model::Verbatim`]).
    fn csv_line(&self) -> Option<&[u8]> {
        None
    }
}

impl<T: TableRow> TableRow for &T {
    const TABLE: Table = T::TABLE;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        (**self).write_cells(w)
    }
    fn csv_line(&self) -> Option<&[u8]> {
        (**self).csv_line()
    }
}

impl TableRow for Movie {
    const TABLE: Table = Table::MoviesMaster;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.int(Some(self.id));
        w.text(self.title.as_deref());
        w.text(self.original_title.as_deref());
        w.text(self.original_language.as_deref());
        w.boolean(self.adult);
        w.boolean(self.video);
        w.text(self.status.as_deref());
        w.date(self.release_date);
        w.int(self.release_year().map(i64::from));
        w.float(self.budget);
        w.float(self.revenue);
        w.float(self.profit());
        w.float(self.popularity);
        w.float(self.runtime);
        w.float(self.vote_average);
        w.int(self.vote_count);
        w.text(self.imdb_id.as_deref());
        w.text(self.homepage.as_deref());
        w.text(self.tagline.as_deref());
        w.text(self.overview.as_deref());
        w.text(self.poster_path.as_deref());
        w.int(self.collection_id);
        w.text(self.collection_name.as_deref());
    }
}

/// One row of `movies_aggregated`: a movie with one of its genres and companies.
#[derive(Debug, Clone, Copy)]
pub struct AggregatedRow<'m> {
    /// The movie.
    pub movie: &'m Movie,
    /// The genre, `None` when the movie has none.
    pub genre: Option<&'m Named>,
    /// The company, `None` when the movie has none.
    pub company: Option<&'m Named>,
}

impl<'m> AggregatedRow<'m> {
    /// The movie × genre × company rows of a movie (one row with nulls when a list is empty).
    pub fn of(movie: &'m Movie) -> impl Iterator<Item = AggregatedRow<'m>> + 'm {
        let genres: Vec<Option<&Named>> =
            if movie.genres.is_empty() { vec![None] } else { movie.genres.iter().map(Some).collect() };
        let companies: Vec<Option<&Named>> =
            if movie.companies.is_empty() { vec![None] } else { movie.companies.iter().map(Some).collect() };
        genres.into_iter().flat_map(move |genre| {
            companies.clone().into_iter().map(move |company| AggregatedRow { movie, genre, company })
        })
    }
}

impl TableRow for AggregatedRow<'_> {
    const TABLE: Table = Table::MoviesAggregated;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        let m = self.movie;
        w.int(Some(m.id));
        w.text(m.title.as_deref());
        w.date(m.release_date);
        w.int(m.release_year().map(i64::from));
        w.float(m.popularity);
        w.float(m.budget);
        w.float(m.revenue);
        w.float(m.profit());
        w.int(self.genre.map(|g| g.id));
        w.text(self.genre.and_then(|g| g.name.as_deref()));
        w.int(self.company.map(|c| c.id));
        w.text(self.company.and_then(|c| c.name.as_deref()));
    }
}

impl TableRow for KeywordRow<'_> {
    const TABLE: Table = Table::KeywordsMaster;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.int(Some(self.movie_id));
        w.int(Some(self.keyword_id));
        w.text(self.keyword.as_deref());
    }
}

impl TableRow for CastRow<'_> {
    const TABLE: Table = Table::CastMaster;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        let e = &self.entry;
        w.int(Some(self.movie_id));
        w.int(e.cast_id);
        w.text(e.character.as_deref());
        w.text(e.credit_id.as_deref());
        w.int(e.gender);
        w.int(e.person_id);
        w.text(e.name.as_deref());
        w.int(e.order);
        w.text(e.profile_path.as_deref());
    }
}

impl TableRow for CrewRow<'_> {
    const TABLE: Table = Table::CrewMaster;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        let e = &self.entry;
        w.int(Some(self.movie_id));
        w.text(e.credit_id.as_deref());
        w.text(e.department.as_deref());
        w.int(e.gender);
        w.int(e.person_id);
        w.text(e.job.as_deref());
        w.text(e.name.as_deref());
        w.text(e.profile_path.as_deref());
    }
}

impl TableRow for LinkRow {
    const TABLE: Table = Table::LinksMaster;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.int(Some(self.movielens_id));
        w.text(self.imdb_id.as_deref());
        w.int(self.tmdb_id);
    }
}

impl TableRow for RatingRow {
    const TABLE: Table = Table::RatingsMaster;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        match &self.verbatim {
            Some(text) => {
                w.int_text(self.user_id, text.field(0));
                w.int_text(self.movielens_id, text.field(1));
                w.float_text(self.rating, text.field(2));
                match self.timestamp {
                    Some(timestamp) => w.int_text(timestamp, text.field(3)),
                    None => w.int(None),
                }
            }
            None => {
                w.int(Some(self.user_id));
                w.int(Some(self.movielens_id));
                w.float(Some(self.rating));
                w.int(self.timestamp);
            }
        }
    }
    fn csv_line(&self) -> Option<&[u8]> {
        self.verbatim.as_ref().map(Verbatim::line)
    }
}

impl TableRow for CompanyYear {
    const TABLE: Table = Table::CompanyYear;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.int(Some(self.company_id));
        w.text(self.company.as_deref());
        w.int(Some(i64::from(self.year)));
        w.int(Some(self.movies));
        w.float(self.budget.sum);
        w.int(Some(self.budget.movies));
        w.float(self.revenue.sum);
        w.int(Some(self.revenue.movies));
        w.float(self.profit.sum);
        w.int(Some(self.profit.movies));
        w.float(self.avg_popularity);
        self.ratings.write_cells(w);
    }
}

impl UserRatings {
    /// `rated_movies`, `ratings`, `mean_rating`.
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.int(Some(self.rated_movies));
        w.int(Some(self.ratings));
        w.float(self.mean_rating);
    }
}

impl TableRow for CompanyGenreYear {
    const TABLE: Table = Table::CompanyGenreYear;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.int(Some(self.company_id));
        w.text(self.company.as_deref());
        w.text(self.genre.as_deref());
        w.int(Some(i64::from(self.year)));
        w.int(Some(self.releases));
    }
}

impl TableRow for GenreYear {
    const TABLE: Table = Table::GenreYear;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.text(self.genre.as_deref());
        w.int(Some(i64::from(self.year)));
        w.int(Some(self.movies));
        w.float(self.budget.sum);
        w.int(Some(self.budget.movies));
        w.float(self.revenue.sum);
        w.int(Some(self.revenue.movies));
        w.float(self.profit.sum);
        w.int(Some(self.profit.movies));
        w.float(self.total_popularity);
        w.float(self.avg_popularity);
        w.int(Some(i64::from(self.popularity_rank)));
        self.ratings.write_cells(w);
    }
}

impl TableRow for MovieRating {
    const TABLE: Table = Table::MovieRatings;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.int(Some(self.movielens_id));
        w.int(self.tmdb_id);
        w.int(Some(self.ratings));
        w.float(Some(self.avg_rating));
    }
}

impl TableRow for Issue {
    const TABLE: Table = Table::ErrorLog;
    fn write_cells<W: CellWriter>(&self, w: &mut W) {
        w.text(Some(self.file.file_name()));
        w.int(i64::try_from(self.line).ok());
        w.int(self.movie_id);
        w.text(Some(self.severity.as_str()));
        w.text(self.column);
        w.text(Some(&self.reason));
        w.text(self.raw_value.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Format, TableWriter, WriteOptions};
    use crate::values;

    /// Writes rows in one format into a string.
    fn written(rows: &[RatingRow], format: Format) -> String {
        let mut writer = TableWriter::new(Vec::new(), Table::RatingsMaster, format, WriteOptions::default());
        for row in rows {
            writer.write(row).unwrap();
        }
        String::from_utf8(writer.finish().unwrap()).unwrap()
    }

    #[test]
    fn verbatim_ratings_are_written_exactly_as_formatted_ones() {
        let texts: [[&str; 4]; 7] = [
            ["1", "31", "2.5", "1260759144"],
            ["1", "1029", "3.0", "1260759179"],
            ["7", "1", "4", "0"],
            ["270896", "176273", "0.5", ""],
            ["12", "9", "4.7", "1"],
            ["100000000000000000", "2", "5", "999999999999999999"],
            ["3", "4", "3.5", "1425941529"],
        ];
        let (mut verbatim, mut formatted) = (Vec::new(), Vec::new());
        for fields in texts {
            let bytes = fields.map(str::as_bytes);
            let rating = values::export_decimal(bytes[2]).unwrap();
            assert!(values::is_export_int(bytes[0]), "{fields:?}");
            let row = RatingRow {
                user_id: fields[0].parse().unwrap(),
                movielens_id: fields[1].parse().unwrap(),
                rating: fields[2].parse().unwrap(),
                timestamp: fields[3].parse().ok(),
                verbatim: None,
            };
            formatted.push(row);
            verbatim.push(RatingRow { verbatim: Verbatim::new([bytes[0], bytes[1], rating, bytes[3]]), ..row });
        }
        assert!(verbatim.iter().all(|r| r.verbatim.is_some()));
        for format in [Format::Csv, Format::Ndjson] {
            assert_eq!(written(&verbatim, format), written(&formatted, format), "{format:?}");
        }
    }
}
