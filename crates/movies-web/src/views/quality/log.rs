//! The error log as a filterable, paged table. The rows stay in the worker; the
//! page asks for one page at a time with [`Request::ErrorLog`].

use std::time::Duration;

use leptos::prelude::*;
use movies_protocol::{
    ErrorLogQuery, ExportRequest, Format, InputFile, IssueFilter, IssueRow, Request, Severity, Table,
};

use crate::context::use_app;
use crate::format;
use crate::store::{ErrorLogPage, Phase};
use crate::views::pages::links::movie_link;

/// Rows per page.
const PAGE_SIZE: usize = 100;

/// The input file chosen in the filter (`""` = all).
fn parse_file(value: &str) -> Option<InputFile> {
    InputFile::ALL.into_iter().find(|f| f.file_name() == value)
}

/// The severity chosen in the filter (`""` = both).
fn parse_severity(value: &str) -> Option<Severity> {
    [Severity::Error, Severity::Warning].into_iter().find(|s| s.as_str() == value)
}

/// "N matching of M; showing rows a–b" for a page that starts at row `offset`.
fn summary(page: &ErrorLogPage, offset: usize) -> String {
    let of = format!("{} matching of {}", format::count(page.matching), format::count(page.kept));
    if page.rows.is_empty() {
        return format!("{of}; no rows to show");
    }
    let first = offset as u64 + 1;
    let last = offset as u64 + page.rows.len() as u64;
    format!("{of}; showing rows {}–{}", format::count(first), format::count(last))
}

/// Offset of the last page when `matching` rows match.
fn last_offset(matching: u64) -> usize {
    (matching.saturating_sub(1) as usize / PAGE_SIZE) * PAGE_SIZE
}

fn issue_row(row: IssueRow) -> impl IntoView {
    let severity = row.severity;
    view! {
        <tr>
            <td><code>{row.file.file_name()}</code></td>
            <td class="num">{format::count(row.line)}</td>
            <td class="num">{row.movie_id.map(|id| movie_link(id, Some(&id.to_string())))}</td>
            <td>
                <span
                    class="severity"
                    class:severity-error=severity == Severity::Error
                    class:severity-warning=severity == Severity::Warning
                >
                    {severity.as_str()}
                </span>
            </td>
            <td>{row.column.unwrap_or_default()}</td>
            <td>{row.reason}</td>
            <td class="raw">{row.raw_value.map(|raw| view! { <code>{raw}</code> })}</td>
        </tr>
    }
}

/// Filters, summary, the page of rows and the pager.
#[component]
pub fn ErrorLog() -> impl IntoView {
    let app = use_app();
    let store = app.store;
    let file = RwSignal::new(None::<InputFile>);
    let severity = RwSignal::new(None::<Severity>);
    let text = RwSignal::new(String::new());
    let offset = RwSignal::new(0usize);
    // The last request sent (id, offset) and the page that answered it.
    let sent = RwSignal::new((0u32, 0usize));
    let page = RwSignal::new(None::<(ErrorLogPage, usize)>);

    Effect::new(move |_| {
        // The log grows as files finish: ask again when they do.
        store.entries.track();
        store.manifest.track();
        let filter = IssueFilter { file: file.get(), severity: severity.get(), text: text.get() };
        let query = ErrorLogQuery { filter, offset: offset.get(), limit: PAGE_SIZE };
        let asked = query.offset;
        let id = app.request(|id, load| Request::ErrorLog { id, load, query });
        sent.set((id, asked));
    });
    Effect::new(move |_| {
        if let Some(answer) = store.error_log.get() {
            let (id, asked) = sent.get_untracked();
            if answer.id == id {
                page.set(Some((answer, asked)));
            }
        }
    });

    let mut on_text = debounce(Duration::from_millis(250), move |value: String| {
        text.set(value);
        offset.set(0);
    });
    let matching = move || page.with(|p| p.as_ref().map_or(0, |(p, _)| p.matching));
    let at_start = move || offset.get() == 0;
    let at_end = move || offset.get() + PAGE_SIZE >= matching() as usize;
    let export = move |format: Format| {
        let label = format!("error_log.{}", format.extension());
        app.export(ExportRequest::Table { table: Table::ErrorLog, format }, label);
    };
    let done = move || store.phase.get() == Phase::Done;

    view! {
        <h3 id="error-log-title">"Error log"</h3>
        <form class="log-filters" on:submit=|ev| ev.prevent_default()>
            <label>
                "File "
                <select
                    id="log-file"
                    on:change=move |ev| {
                        file.set(parse_file(&event_target_value(&ev)));
                        offset.set(0);
                    }
                >
                    <option value="">"All files"</option>
                    {InputFile::ALL
                        .into_iter()
                        .map(|f| view! { <option value=f.file_name()>{f.file_name()}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                "Severity "
                <select
                    id="log-severity"
                    on:change=move |ev| {
                        severity.set(parse_severity(&event_target_value(&ev)));
                        offset.set(0);
                    }
                >
                    <option value="">"Errors and warnings"</option>
                    <option value="error">"error (row rejected)"</option>
                    <option value="warning">"warning (value set to null)"</option>
                </select>
            </label>
            <label>
                "Text "
                <input
                    id="log-text"
                    type="search"
                    placeholder="column, reason, value or movie id"
                    on:input=move |ev| on_text(event_target_value(&ev))
                />
            </label>
        </form>
        <p class="log-summary" aria-live="polite">
            {move || page.with(|p| p.as_ref().map(|(p, asked)| summary(p, *asked)))}
        </p>
        <Show when=move || page.with(|p| p.as_ref().is_some_and(|(p, _)| p.kept < p.total))>
            <p class="note log-capped">
                {move || {
                    page.with(|p| {
                        p.as_ref()
                            .map(|(p, _)| {
                                format!(
                                    "The error log holds {} rows; the first {} are kept in memory for browsing and filtering. The export has them all.",
                                    format::count(p.total),
                                    format::count(p.kept),
                                )
                            })
                    })
                }}
            </p>
        </Show>
        <div class="table-scroll">
            <table class="data error-log" aria-labelledby="error-log-title">
                <thead>
                    <tr>
                        <th scope="col">"File"</th>
                        <th scope="col" class="num">"Line"</th>
                        <th scope="col" class="num">"Movie id"</th>
                        <th scope="col">"Severity"</th>
                        <th scope="col">"Column"</th>
                        <th scope="col">"Reason"</th>
                        <th scope="col">"Raw value"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        page.with(|p| p.as_ref().map(|(p, _)| p.rows.clone()).unwrap_or_default())
                            .into_iter()
                            .map(issue_row)
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Error log pages">
            <button class="button small" disabled=at_start on:click=move |_| offset.set(0)>
                "First"
            </button>
            <button
                class="button small"
                disabled=at_start
                on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE_SIZE))
            >
                "Previous"
            </button>
            <span class="page-number">
                {move || {
                    let pages = matching().div_ceil(PAGE_SIZE as u64).max(1);
                    format!("Page {} of {}", format::count(offset.get() as u64 / PAGE_SIZE as u64 + 1), format::count(pages))
                }}
            </span>
            <button class="button small" disabled=at_end on:click=move |_| offset.update(|o| *o += PAGE_SIZE)>
                "Next"
            </button>
            <button class="button small" disabled=at_end on:click=move |_| offset.set(last_offset(matching()))>
                "Last"
            </button>
            <span class="log-export">
                "Whole log: "
                {Format::TEXT
                    .into_iter()
                    .map(|format| {
                        view! {
                            <button class="button small" disabled=move || !done() on:click=move |_| export(format)>
                                {format.label()}
                            </button>
                            " "
                        }
                    })
                    .collect_view()}
            </span>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(matching: u64, kept: u64, rows: usize) -> ErrorLogPage {
        let row = IssueRow {
            file: InputFile::MoviesMetadata,
            line: 2,
            movie_id: None,
            severity: Severity::Warning,
            column: None,
            reason: "r".into(),
            raw_value: None,
        };
        ErrorLogPage { id: 1, matching, total: kept, kept, rows: vec![row; rows] }
    }

    #[test]
    fn summary_names_the_rows_shown() {
        assert_eq!(summary(&page(250, 1_000, 50), 200), "250 matching of 1,000; showing rows 201–250");
        assert_eq!(summary(&page(0, 1_000, 0), 0), "0 matching of 1,000; no rows to show");
    }

    #[test]
    fn last_page_starts_on_a_page_boundary() {
        assert_eq!(last_offset(0), 0);
        assert_eq!(last_offset(100), 0);
        assert_eq!(last_offset(101), 100);
        assert_eq!(last_offset(250), 200);
    }

    #[test]
    fn filters_parse_their_option_values() {
        assert_eq!(parse_file("credits.csv"), Some(InputFile::Credits));
        assert_eq!(parse_file(""), None);
        assert_eq!(parse_severity("warning"), Some(Severity::Warning));
        assert_eq!(parse_severity(""), None);
    }
}
