//! A chart's data as a table: the model (columns, typed cells, sorting) and a
//! sortable table component (click a header: ascending, again: descending).

use std::cmp::Ordering;

use leptos::prelude::*;
use movies_charts::{grouped, money_exact, Unit};

use crate::context::use_app;
use crate::drill::Drill;
use crate::url_state::Page;
use crate::views::pages::links::PageLink;

/// Rows shown before "Show all" (sorting always covers every row).
const FIRST_ROWS: usize = 100;

/// What a column holds, which decides how it is written and aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, left-aligned.
    Text,
    /// A year (no thousands separator).
    Year,
    /// An identifier (no thousands separator).
    Id,
    /// A whole number.
    Count,
    /// US dollars.
    Money,
    /// A decimal number with this many digits.
    Decimal(u8),
    /// A count of error-log rows: a flag when above zero, blank at zero.
    Flag,
}

impl Kind {
    /// The column kind of values charted in `unit`.
    pub fn of(unit: Unit) -> Kind {
        match unit {
            Unit::Money => Kind::Money,
            Unit::Count => Kind::Count,
            Unit::Decimal(digits) => Kind::Decimal(digits),
        }
    }

    /// Numbers are right-aligned.
    pub fn numeric(self) -> bool {
        self != Kind::Text
    }
}

/// A column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header in the CSV download (`budget_sum`).
    pub name: &'static str,
    /// Header on the page (`Budget (sum)`).
    pub label: &'static str,
    /// What it holds.
    pub kind: Kind,
}

impl Column {
    /// A column.
    pub const fn new(name: &'static str, label: &'static str, kind: Kind) -> Self {
        Column { name, label, kind }
    }
}

/// A cell; `None` is a null (shown as "—", empty in CSV).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(Option<String>),
    /// A number.
    Number(Option<f64>),
}

impl Cell {
    /// A number cell from an integer.
    pub fn int(n: impl Into<i64>) -> Cell {
        Cell::Number(Some(n.into() as f64))
    }

    /// The cell as shown on the page.
    pub fn display(&self, kind: Kind) -> String {
        match (self, kind) {
            (Cell::Text(Some(text)), _) => text.clone(),
            (Cell::Number(Some(v)), Kind::Year | Kind::Id) => format!("{v:.0}"),
            (Cell::Number(Some(v)), Kind::Money) => money_exact(*v),
            (Cell::Number(Some(v)), Kind::Decimal(digits)) => grouped(*v, digits),
            (Cell::Number(Some(v)), Kind::Flag) if *v > 0.0 => format!("⚑ {}", grouped(*v, 0)),
            (Cell::Number(Some(_)), Kind::Flag) => String::new(),
            (Cell::Number(Some(v)), Kind::Count | Kind::Text) => grouped(*v, 0),
            (Cell::Text(None) | Cell::Number(None), _) => "—".to_owned(),
        }
    }

    /// The cell as plain text (numbers in shortest round-trip form, null empty), to
    /// order rows by.
    pub fn raw(&self) -> String {
        match self {
            Cell::Text(text) => text.clone().unwrap_or_default(),
            Cell::Number(Some(v)) => v.to_string(),
            Cell::Number(None) => String::new(),
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Cell::Text(None) | Cell::Number(None))
    }

    /// Order of two non-null cells (text case-insensitively).
    fn compare(&self, other: &Cell) -> Ordering {
        match (self, other) {
            (Cell::Number(Some(a)), Cell::Number(Some(b))) => a.total_cmp(b),
            (Cell::Text(Some(a)), Cell::Text(Some(b))) => {
                a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b))
            }
            _ => Ordering::Equal,
        }
    }
}

/// A table of data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataTable {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// Column index.
    pub column: usize,
    /// Ascending or descending.
    pub ascending: bool,
}

impl Sort {
    /// The sort after a click on `column`: the same column flips, another starts ascending.
    pub fn after_click(current: Option<Sort>, column: usize) -> Sort {
        match current {
            Some(sort) if sort.column == column => Sort { column, ascending: !sort.ascending },
            _ => Sort { column, ascending: true },
        }
    }
}

/// Row indices in `sort` order; nulls always last; ties keep their order.
pub fn sorted_rows(table: &DataTable, sort: Option<Sort>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..table.rows.len()).collect();
    if let Some(Sort { column, ascending }) = sort {
        let cell = |row: usize| table.rows[row].get(column);
        order.sort_by(|&a, &b| match (cell(a), cell(b)) {
            (Some(x), Some(y)) => match (x.is_null(), y.is_null()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) if ascending => x.compare(y),
                (false, false) => y.compare(x),
            },
            _ => Ordering::Equal,
        });
    }
    order
}

fn aria_sort(sort: Option<Sort>, column: usize) -> &'static str {
    match sort {
        Some(s) if s.column == column && s.ascending => "ascending",
        Some(s) if s.column == column => "descending",
        _ => "none",
    }
}

/// An extra last column of a [`SortableTable`]: a control per row (not sorted on).
#[derive(Clone, Copy)]
pub struct RowAction {
    /// Its header.
    pub header: &'static str,
    /// The control of a row, by the row's index in the table's rows.
    pub cell: Callback<usize, AnyView>,
}

/// A sortable table of `table`, captioned `caption` for screen readers. A row with a
/// cell in `drills` (same order as the rows) is a button that opens its movies; a row
/// with a page in `pages` shows its first cell as a link to that page.
#[component]
pub fn SortableTable(
    #[prop(into)] table: Signal<DataTable>,
    #[prop(into)] caption: Signal<String>,
    /// The cells behind the rows.
    #[prop(optional, into)]
    drills: Option<Signal<Vec<Option<Drill>>>>,
    /// The movie or person page of each row, linked from its first cell.
    #[prop(optional, into)]
    pages: Option<Signal<Vec<Option<Page>>>>,
    /// How the table is sorted, when someone else keeps it (else the table does).
    #[prop(optional)]
    sort: Option<RwSignal<Option<Sort>>>,
    /// A control at the end of every row.
    #[prop(optional)]
    action: Option<RowAction>,
) -> impl IntoView {
    let store = use_app().store;
    let sort = sort.unwrap_or_else(|| RwSignal::new(None::<Sort>));
    let show_all = RwSignal::new(false);
    let drill_of = move |row: usize| drills.and_then(|d| d.with(|d| d.get(row).cloned().flatten()));
    let page_of = move |row: usize| pages.and_then(|p| p.with(|p| p.get(row).copied().flatten()));
    let open = move |drill: Drill| store.open_drill(drill);
    let order = Memo::new(move |_| table.with(|t| sorted_rows(t, sort.get())));
    let total = move || table.with(|t| t.rows.len());
    let more = move || !show_all.get() && total() > FIRST_ROWS;
    let header = move |index: usize, column: Column| {
        let mark = move || match sort.get() {
            Some(s) if s.column == index && s.ascending => "▲",
            Some(s) if s.column == index => "▼",
            _ => "↕",
        };
        view! {
            <th scope="col" class:num=column.kind.numeric() aria-sort=move || aria_sort(sort.get(), index)>
                <button type="button" on:click=move |_| sort.update(|s| *s = Some(Sort::after_click(*s, index)))>
                    {column.label}
                    <span class="sort-mark" aria-hidden="true">{mark}</span>
                </button>
            </th>
        }
    };
    let body = move || {
        let limit = if show_all.get() { usize::MAX } else { FIRST_ROWS };
        table.with(|t| {
            order.with(|order| {
                order
                    .iter()
                    .take(limit)
                    .map(|&r| {
                        let page = page_of(r);
                        let cells = t.columns.iter().zip(&t.rows[r]).enumerate().map(|(c, (column, cell))| {
                            let text = cell.display(column.kind);
                            let content = match page.filter(|_| c == 0) {
                                Some(page) => view! { <PageLink page=page text=text/> }.into_any(),
                                None => text.into_any(),
                            };
                            view! { <td class:num=column.kind.numeric()>{content}</td> }
                        });
                        let control = action.map(|a| view! { <td class="row-action">{a.cell.run(r)}</td> });
                        let cells = cells.collect_view();
                        match drill_of(r) {
                            Some(drill) => {
                                let on_key_drill = drill.clone();
                                let on_key = move |ev: leptos::ev::KeyboardEvent| {
                                    if ev.key() == "Enter" || ev.key() == " " {
                                        ev.prevent_default();
                                        open(on_key_drill.clone());
                                    }
                                };
                                view! {
                                    <tr
                                        class="drillable"
                                        tabindex="0"
                                        title="Show the movies of this row"
                                        on:click=move |_| open(drill.clone())
                                        on:keydown=on_key
                                    >
                                        {cells}
                                        {control}
                                    </tr>
                                }
                                .into_any()
                            }
                            None => view! { <tr>{cells}{control}</tr> }.into_any(),
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <div class="table-scroll">
            <table class="data sortable">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        {move || {
                            table.with(|t| t.columns.iter().cloned().enumerate().map(|(i, c)| header(i, c)).collect_view())
                        }}
                        {action.map(|a| view! { <th scope="col" class="row-action">{a.header}</th> })}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <Show when=more>
            <button type="button" class="button small show-all" on:click=move |_| show_all.set(true)>
                {move || format!("Show all {} rows", movies_charts::grouped(total() as f64, 0))}
            </button>
        </Show>
    }
}

/// Panics unless every row has a cell per column, text in text columns and numbers
/// in the others (for the tests of the figures).
#[cfg(test)]
pub fn assert_consistent(table: &DataTable) {
    for row in &table.rows {
        assert_eq!(row.len(), table.columns.len(), "{row:?}");
        for (cell, column) in row.iter().zip(&table.columns) {
            assert_eq!(matches!(cell, Cell::Text(_)), column.kind == Kind::Text, "{} holds {cell:?}", column.name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> DataTable {
        DataTable {
            columns: vec![Column::new("name", "Name", Kind::Text), Column::new("budget", "Budget", Kind::Money)],
            rows: vec![
                vec![Cell::Text(Some("beta".into())), Cell::Number(Some(5.0))],
                vec![Cell::Text(None), Cell::Number(Some(1.0))],
                vec![Cell::Text(Some("Alpha".into())), Cell::Number(None)],
                vec![Cell::Text(Some("gamma".into())), Cell::Number(Some(30_000_000.0))],
            ],
        }
    }

    #[test]
    fn sorting_keeps_nulls_last_both_ways() {
        let t = table();
        assert_eq!(sorted_rows(&t, None), [0, 1, 2, 3]);
        assert_eq!(sorted_rows(&t, Some(Sort { column: 0, ascending: true })), [2, 0, 3, 1]);
        assert_eq!(sorted_rows(&t, Some(Sort { column: 0, ascending: false })), [3, 0, 2, 1]);
        assert_eq!(sorted_rows(&t, Some(Sort { column: 1, ascending: true })), [1, 0, 3, 2]);
        assert_eq!(sorted_rows(&t, Some(Sort { column: 1, ascending: false })), [3, 0, 1, 2]);
    }

    #[test]
    fn clicks_cycle_and_cells_format() {
        let first = Sort::after_click(None, 1);
        assert_eq!(first, Sort { column: 1, ascending: true });
        assert_eq!(Sort::after_click(Some(first), 1), Sort { column: 1, ascending: false });
        assert_eq!(Sort::after_click(Some(first), 0), Sort { column: 0, ascending: true });
        assert_eq!(aria_sort(Some(first), 1), "ascending");
        assert_eq!(aria_sort(Some(first), 0), "none");
        assert_eq!(Cell::Number(Some(30_000_000.0)).display(Kind::Money), "$30,000,000");
        assert_eq!(Cell::Number(Some(1995.0)).display(Kind::Year), "1995");
        assert_eq!(Cell::Number(Some(12345.0)).display(Kind::Count), "12,345");
        assert_eq!(Cell::Number(Some(2.345)).display(Kind::Decimal(2)), "2.35");
        assert_eq!(Cell::Number(None).display(Kind::Money), "—");
        assert_eq!(Cell::Text(None).display(Kind::Text), "—");
        assert_eq!(Cell::int(2).display(Kind::Flag), "⚑ 2");
        assert_eq!(Cell::int(0).display(Kind::Flag), "");
        assert_eq!(Cell::Number(Some(3897569.0)).raw(), "3897569");
        assert_eq!(Cell::Number(Some(0.1)).raw(), "0.1");
    }
}
