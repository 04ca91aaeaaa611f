//! A movie's cleaned row as column names and texts, written as the CSV export
//! writes its values.

use serde::{Deserialize, Serialize};

use crate::export::{push_float, CellWriter, TableRow};
use crate::model::Movie;
use crate::schema::Table;
use crate::values::Date;

/// One column of a cleaned row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The column's name in `movies_master`.
    pub column: String,
    /// Its value as exported; `None` for null.
    pub value: Option<String>,
}

struct Texts(Vec<Option<String>>);

impl CellWriter for Texts {
    fn int(&mut self, value: Option<i64>) {
        self.0.push(value.map(|v| v.to_string()));
    }
    fn float(&mut self, value: Option<f64>) {
        self.0.push(value.map(|v| {
            let mut text = Vec::new();
            push_float(&mut text, v);
            String::from_utf8_lossy(&text).into_owned()
        }));
    }
    fn text(&mut self, value: Option<&str>) {
        self.0.push(value.map(str::to_owned));
    }
    fn boolean(&mut self, value: Option<bool>) {
        self.0.push(value.map(|v| v.to_string()));
    }
    fn date(&mut self, value: Option<Date>) {
        self.0.push(value.map(|v| v.to_string()));
    }
}

/// The `movies_master` row of a movie.
pub fn movie_row(movie: &Movie) -> Vec<Field> {
    let mut texts = Texts(Vec::new());
    movie.write_cells(&mut texts);
    let columns = Table::MoviesMaster.def().columns;
    columns.iter().zip(texts.0).map(|(c, value)| Field { column: c.name.to_owned(), value }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_has_every_column_in_order() {
        let movie = Movie { id: 862, title: Some("Toy Story".into()), budget: Some(3e7), ..Movie::default() };
        let row = movie_row(&movie);
        assert_eq!(row.len(), Table::MoviesMaster.def().columns.len());
        assert_eq!(row[0], Field { column: "id".into(), value: Some("862".into()) });
        assert_eq!(row[1].value.as_deref(), Some("Toy Story"));
        assert!(row.iter().any(|f| f.column == "budget" && f.value.as_deref() == Some("30000000")));
    }
}
