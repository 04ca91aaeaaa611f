//! A chart's data table as CSV, encoded by the core's CSV writer: the quoting
//! (RFC 4180) and number forms (shortest round trip) of every exported table.

use movies_core::export::{CellWriter, CsvCells};

use super::table::{Cell, DataTable};

/// The table with a header row, as UTF-8 bytes; nulls are empty fields.
pub fn to_csv(table: &DataTable) -> Vec<u8> {
    let mut csv = Vec::new();
    let mut header = CsvCells::new(&mut csv, false);
    for column in &table.columns {
        header.text(Some(column.name));
    }
    header.end();
    for row in &table.rows {
        let mut cells = CsvCells::new(&mut csv, false);
        for cell in row {
            match cell {
                Cell::Text(text) => cells.text(text.as_deref()),
                // The encoder takes finite numbers; anything else has no value to write.
                Cell::Number(value) => cells.float(value.filter(|v| v.is_finite())),
            }
        }
        cells.end();
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::answers::table::{Column, Kind};

    fn csv_text(table: &DataTable) -> String {
        String::from_utf8(to_csv(table)).unwrap()
    }

    #[test]
    fn fields_are_quoted_when_needed() {
        let table = DataTable {
            columns: vec![
                Column::new("company", "Company", Kind::Text),
                Column::new("year", "Year", Kind::Year),
                Column::new("budget_sum", "Budget", Kind::Money),
            ],
            rows: vec![
                vec![
                    Cell::Text(Some(r#"Kestrel's "Night Owl" Pictures"#.into())),
                    Cell::int(1995),
                    Cell::Number(Some(3e7)),
                ],
                vec![Cell::Text(Some("Smith, Jones\nand Co".into())), Cell::int(2001), Cell::Number(None)],
                vec![Cell::Text(None), Cell::int(2002), Cell::Number(Some(0.5))],
                vec![Cell::Text(Some("Carriage\rReturn".into())), Cell::int(2003), Cell::Number(Some(f64::NAN))],
            ],
        };
        assert_eq!(
            csv_text(&table),
            "company,year,budget_sum\n\
             \"Kestrel's \"\"Night Owl\"\" Pictures\",1995,30000000\n\
             \"Smith, Jones\nand Co\",2001,\n\
             ,2002,0.5\n\
             \"Carriage\rReturn\",2003,\n"
        );
    }

    #[test]
    fn numbers_are_written_as_the_exports_write_them() {
        let column = |name| Column::new(name, name, Kind::Decimal(2));
        let table = DataTable {
            columns: vec![column("avg_popularity"), column("profit_sum")],
            rows: vec![
                vec![Cell::Number(Some(21.946943)), Cell::Number(Some(-1_234_567.0))],
                vec![Cell::Number(Some(0.1 + 0.2)), Cell::Number(Some(2_787_965_087.0))],
            ],
        };
        assert_eq!(csv_text(&table), "avg_popularity,profit_sum\n21.946943,-1234567\n0.30000000000000004,2787965087\n");
    }
}
