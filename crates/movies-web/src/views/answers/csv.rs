//! A table as CSV (RFC 4180: comma, `\n`, double quotes around fields that need them).

use super::table::DataTable;

/// `field`, quoted when it holds a comma, a quote, a line break or edge spaces.
fn field(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The table with a header row; numbers in shortest round-trip form, nulls empty.
pub fn to_csv(table: &DataTable) -> String {
    let mut out = String::new();
    let header: Vec<String> = table.columns.iter().map(|c| field(c.name)).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|cell| field(&cell.raw())).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::answers::table::{Cell, Column, Kind};

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
            ],
        };
        assert_eq!(
            to_csv(&table),
            "company,year,budget_sum\n\
             \"Kestrel's \"\"Night Owl\"\" Pictures\",1995,30000000\n\
             \"Smith, Jones\nand Co\",2001,\n\
             ,2002,0.5\n"
        );
        assert_eq!(field(" padded"), "\" padded\"");
    }
}
