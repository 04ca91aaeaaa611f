//! The manifest per input file: records read, accepted, rejected, warnings and
//! repaired, with status, encoding and error. Files appear as they finish.

use leptos::prelude::*;
use movies_core::pipeline::TextEncoding;
use movies_protocol::{FileEntry, FileStatus, InputFile};

use crate::context::use_app;
use crate::format;
use crate::store::{FileState, Store};

/// Where one input file stands in the current load.
#[derive(Debug, Clone, PartialEq)]
enum Standing {
    /// Done (or failed, or missing): its manifest entry.
    Entry(FileEntry),
    /// Found (where: first field), not started.
    Waiting(String),
    /// Being read from a source: percent of its bytes, records so far.
    Reading(String, u64, u64),
    /// Stopped by a cancel: at this many records, or before it started.
    Cancelled(String, Option<u64>),
    /// Stopped by a failure of the worker, at this many records.
    Lost(String, u64),
    /// Not found in the input.
    Missing,
    /// Nothing known yet (the load has not listed its files).
    Unknown,
}

/// What the page knows about `file`: the final manifest first, then the entries of
/// the files done so far, then the progress of the running load.
fn standing(store: &Store, file: InputFile) -> Standing {
    let final_entry = store.manifest.with(|m| m.as_ref().and_then(|m| m.files.get(file.file_name())).cloned());
    if let Some(entry) = final_entry.or_else(|| store.entries.with(|e| e.get(&file).cloned())) {
        return Standing::Entry(entry);
    }
    let progress = store.files.with(|files| {
        files.iter().find(|p| p.file == file).map(|p| match p.state {
            FileState::Waiting => Standing::Waiting(p.source.clone()),
            FileState::Cancelled(records) => Standing::Cancelled(p.source.clone(), records),
            FileState::Lost(records) => Standing::Lost(p.source.clone(), records),
            FileState::Running | FileState::Done(_) => {
                Standing::Reading(p.source.clone(), p.bytes_done * 100 / p.bytes_total.max(1), p.records)
            }
        })
    });
    match progress {
        Some(standing) => standing,
        None if store.missing.with(|m| m.contains(&file)) => Standing::Missing,
        None => Standing::Unknown,
    }
}

/// The encoding as people name it.
fn encoding_name(encoding: TextEncoding) -> &'static str {
    match encoding {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Windows1252 => "Windows-1252",
        TextEncoding::Utf16le => "UTF-16 LE",
        TextEncoding::Utf16be => "UTF-16 BE",
    }
}

fn status_word(status: FileStatus) -> &'static str {
    match status {
        FileStatus::Ok => "ok",
        FileStatus::Missing => "missing",
        FileStatus::Failed => "failed",
    }
}

/// What to say beside the counts: the error, or a check that nothing was dropped.
fn remark(entry: &FileEntry) -> String {
    if let Some(error) = &entry.error {
        return error.clone();
    }
    match entry.status {
        FileStatus::Missing => "not in the input: its tables are empty".into(),
        _ if entry.records_read == entry.rows_accepted + entry.rows_rejected => "read = accepted + rejected".into(),
        _ => "counts do not add up: read ≠ accepted + rejected".into(),
    }
}

/// Read, accepted, rejected, warnings, repaired: the columns of the table.
fn counts(e: &FileEntry) -> [u64; 5] {
    [e.records_read, e.rows_accepted, e.rows_rejected, e.warnings, e.records_repaired]
}

fn count_cells(counts: [u64; 5]) -> impl IntoView {
    counts.map(|n| view! { <td class="num">{format::count(n)}</td> }).into_iter().collect_view()
}

fn file_row(file: InputFile, standing: Standing) -> impl IntoView {
    let name = view! { <th scope="row"><code>{file.file_name()}</code></th> };
    let pending = |source: String, status: String, remark: &'static str| {
        view! {
            <td class="source">{source}</td>
            <td class="status status-pending">{status}</td>
            <td></td>
            <td class="num" colspan="5"></td>
            <td class="remark">{remark}</td>
        }
        .into_any()
    };
    let rest = match standing {
        Standing::Entry(entry) => {
            let status = entry.status;
            view! {
                <td class="source">{entry.source.clone().unwrap_or_default()}</td>
                <td class="status" class:status-failed=status == FileStatus::Failed
                    class:status-missing=status == FileStatus::Missing>
                    {status_word(status)}
                </td>
                <td>{entry.encoding.map(encoding_name).unwrap_or("")}</td>
                {count_cells(counts(&entry))}
                <td class="remark" class:error-text=entry.error.is_some()>{remark(&entry)}</td>
            }
            .into_any()
        }
        Standing::Waiting(source) => pending(source, "waiting".into(), ""),
        Standing::Reading(source, percent, records) => {
            pending(source, format!("reading {percent}% · {} records", format::count(records)), "")
        }
        Standing::Cancelled(source, Some(records)) => {
            pending(source, format!("cancelled at {} records", format::count(records)), "")
        }
        Standing::Cancelled(source, None) => pending(source, "not read (cancelled)".into(), ""),
        Standing::Lost(source, records) => {
            pending(source, format!("stopped at {} records", format::count(records)), "the worker failed")
        }
        Standing::Missing => pending(String::new(), "missing".into(), "not in the input: its tables are empty"),
        Standing::Unknown => pending(String::new(), "—".into(), ""),
    };
    view! { <tr>{name}{rest}</tr> }
}

/// Sums of the counts over the files with an entry.
fn totals(entries: &[FileEntry]) -> [u64; 5] {
    entries.iter().map(counts).fold([0; 5], |mut sum, c| {
        sum.iter_mut().zip(c).for_each(|(s, n)| *s += n);
        sum
    })
}

/// One row per input file, with totals.
#[component]
pub fn FilesTable() -> impl IntoView {
    let store = use_app().store;
    let standings = move || InputFile::ALL.map(|file| (file, standing(&store, file)));
    let footer = move || {
        let entries: Vec<FileEntry> = standings()
            .into_iter()
            .filter_map(|(_, s)| match s {
                Standing::Entry(e) => Some(e),
                _ => None,
            })
            .collect();
        count_cells(totals(&entries))
    };
    view! {
        <h3 id="quality-files">"Input files"</h3>
        <div class="table-scroll wide">
            <table class="data quality-files" aria-labelledby="quality-files">
                <thead>
                    <tr>
                        <th scope="col">"File"</th>
                        <th scope="col">"Read from"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Encoding"</th>
                        <th scope="col" class="num">"Records read"</th>
                        <th scope="col" class="num">"Accepted"</th>
                        <th scope="col" class="num">"Rejected"</th>
                        <th scope="col" class="num">"Warnings"</th>
                        <th scope="col" class="num">"Repaired"</th>
                        <th scope="col">"Remark"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || standings().into_iter().map(|(file, s)| file_row(file, s)).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="4">"All files"</th>
                        {footer}
                        <td></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        <p class="note">
            "Accepted counts a repaired pair (a record split by a stray line break and joined back) as two records. Warnings are values set to null on rows that were kept."
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(read: u64, accepted: u64, rejected: u64) -> FileEntry {
        FileEntry { records_read: read, rows_accepted: accepted, rows_rejected: rejected, ..FileEntry::missing() }
    }

    #[test]
    fn remark_checks_that_nothing_was_dropped() {
        let ok = FileEntry { status: FileStatus::Ok, ..entry(10, 8, 2) };
        assert_eq!(remark(&ok), "read = accepted + rejected");
        let bad = FileEntry { status: FileStatus::Ok, ..entry(10, 8, 1) };
        assert!(remark(&bad).starts_with("counts do not add up"));
        let failed = FileEntry::failed("a.zip:credits.csv", "missing column cast".into());
        assert_eq!(remark(&failed), "missing column cast");
    }

    #[test]
    fn totals_add_every_count() {
        assert_eq!(totals(&[entry(10, 8, 2), entry(5, 5, 0)]), [15, 13, 2, 0, 0]);
    }
}
