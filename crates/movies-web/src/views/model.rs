//! The data model view: every output table with its grain, source, key, columns and
//! relations, and an entity-relationship diagram, all from `movies_core::schema`.

mod diagram;

use leptos::prelude::*;
use movies_core::schema::{Column, TableDef};
use movies_protocol::Table;

use crate::context::use_app;
use crate::download;
use crate::format;

/// "a, b" or a word saying there is none.
fn list_or(items: Vec<String>, none: &str) -> String {
    if items.is_empty() {
        none.to_owned()
    } else {
        items.join(", ")
    }
}

/// What the table references, as `column → table.column`.
fn references(def: &TableDef) -> String {
    let items = def.references.iter().map(|r| format!("{} → {}.{}", r.column, r.table.name(), r.target)).collect();
    list_or(items, "none")
}

/// What references the table, as `table.column → column`.
fn referenced_by(table: Table) -> String {
    let items = diagram::referenced_by(table)
        .into_iter()
        .map(|(from, r)| format!("{}.{} → {}", from.name(), r.column, r.target))
        .collect();
    list_or(items, "none")
}

fn column_row(def: &TableDef, column: &Column) -> impl IntoView {
    let in_key = def.key.contains(&column.name);
    view! {
        <tr>
            <th scope="row">
                <code>{column.name}</code>
                {in_key.then(|| view! { <span class="key-badge" title="part of the key">"key"</span> })}
            </th>
            <td><code>{column.ty.sql()}</code></td>
            <td>{if column.nullable { "yes" } else { "no" }}</td>
            <td>{column.doc}</td>
        </tr>
    }
}

/// One table's description (the diagram's boxes link here).
fn table_card(table: Table) -> impl IntoView {
    let store = use_app().store;
    let def = table.def();
    let rows =
        move || store.manifest.with(|m| m.as_ref().and_then(|m| m.tables.get(def.name)).map(|t| format::count(t.rows)));
    view! {
        <article class="table-def" id=format!("table-{}", def.name) aria-labelledby=format!("table-title-{}", def.name)>
            <h3 id=format!("table-title-{}", def.name)><code>{def.name}</code></h3>
            <dl class="table-facts">
                <dt>"One row per"</dt>
                <dd>{def.grain}</dd>
                <dt>"Source"</dt>
                <dd>{def.source}</dd>
                <dt>"Key"</dt>
                <dd>{list_or(def.key.iter().map(|k| (*k).to_owned()).collect(), "none (rows have no natural key)")}</dd>
                <dt>"References"</dt>
                <dd>{references(def)}</dd>
                <dt>"Referenced by"</dt>
                <dd>{referenced_by(table)}</dd>
                <Show when=move || rows().is_some()>
                    <dt>"Rows loaded"</dt>
                    <dd>{rows}</dd>
                </Show>
            </dl>
            // Long column names do not wrap: on a phone the table scrolls in its box.
            <div class="table-scroll wide">
                <table class="data table-columns">
                    <thead>
                        <tr>
                            <th scope="col">"Column"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Nullable"</th>
                            <th scope="col">"Description"</th>
                        </tr>
                    </thead>
                    <tbody>{def.columns.iter().map(|c| column_row(def, c)).collect_view()}</tbody>
                </table>
            </div>
        </article>
    }
}

/// The data model view.
#[component]
pub fn ModelView() -> impl IntoView {
    let store = use_app().store;
    let svg = diagram::svg();
    let svg_file = svg.clone();
    let save = move |_| {
        if download::save_text(&svg_file, "movies-data-model.svg", "image/svg+xml").is_err() {
            store.alert("movies-data-model.svg: the browser could not save the download.".into());
        }
    };
    view! {
        <section class="view model" aria-label="Data model">
            <h2>"Data model"</h2>
            <p>
                "The tables the export writes (csv/<table>.csv, json/<table>.ndjson), as declared in "
                <code>"schema.sql"</code>
                ". Keys and references are documented, not enforced: orphan rows are kept (a rating of a movie missing from links, a credit of a rejected movie)."
            </p>
            <figure class="er-diagram">
                <div class="er-scroll" inner_html=svg></div>
                <figcaption>
                    "Lines join a referencing column (crow's foot: many rows) to the column it references (bar: one row). PK: part of the key; FK: references another table. Select a table to read its columns. "
                    <button class="button small" id="download-diagram" on:click=save>
                        "Download SVG"
                    </button>
                </figcaption>
            </figure>
            <div class="table-defs">{Table::ALL.into_iter().map(table_card).collect_view()}</div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_read_both_ways() {
        assert_eq!(references(Table::RatingsMaster.def()), "movielens_id → links_master.movielens_id");
        assert!(referenced_by(Table::LinksMaster).contains("ratings_master.movielens_id → movielens_id"));
        assert_eq!(references(Table::GenreYear.def()), "none");
        assert!(referenced_by(Table::MoviesMaster).contains("cast_master.movie_id → id"));
    }
}
