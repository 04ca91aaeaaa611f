//! Progress of the files being read: a bar per file with bytes, rows and time.

use leptos::prelude::*;

use crate::context::use_app;
use crate::format;
use crate::store::{FileProgress, FileState, Phase};
use movies_protocol::FileStatus;

fn percent(p: &FileProgress) -> u32 {
    if p.bytes_total == 0 {
        return if matches!(p.state, FileState::Done(_)) { 100 } else { 0 };
    }
    ((p.bytes_done as f64 / p.bytes_total as f64) * 100.0).clamp(0.0, 100.0) as u32
}

fn status(p: &FileProgress) -> String {
    match &p.state {
        FileState::Waiting => "waiting".into(),
        FileState::Running => "reading".into(),
        FileState::Cancelled(Some(records)) => format!("cancelled at {} records", format::count(*records)),
        FileState::Cancelled(None) => "not read (cancelled)".into(),
        FileState::Lost(records) => format!("stopped at {} records: the worker failed", format::count(*records)),
        FileState::Done(entry) => match entry.status {
            FileStatus::Ok => format!(
                "done: {} accepted, {} rejected, {} warnings",
                format::count(entry.rows_accepted),
                format::count(entry.rows_rejected),
                format::count(entry.warnings)
            ),
            FileStatus::Failed => "failed (see the message above)".into(),
            FileStatus::Missing => "missing".into(),
        },
    }
}

fn file_card(p: &FileProgress) -> impl IntoView {
    let done = percent(p);
    view! {
        <div class="file-progress">
            <div class="file-name">{p.file.file_name()}<span class="source">{p.source.clone()}</span></div>
            <div
                class="bar"
                role="progressbar"
                aria-label=format!("{} progress", p.file.file_name())
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=done.to_string()
            >
                <div class="fill" style:width=format!("{done}%")></div>
            </div>
            <div class="figures">
                {format!(
                    "{} of {} · {} rows · {}",
                    format::bytes(p.bytes_done),
                    format::bytes(p.bytes_total),
                    format::count(p.records),
                    format::seconds(p.elapsed_ms)
                )}
            </div>
            <div class="state">{status(p)}</div>
        </div>
    }
}

/// A one-line account of a finished load: files, records, rejections, time.
fn summary(files: &[FileProgress]) -> String {
    let (mut read, mut rejected, mut warnings, mut failed) = (0, 0, 0, 0);
    for p in files {
        if let FileState::Done(entry) = &p.state {
            read += entry.records_read;
            rejected += entry.rows_rejected;
            warnings += entry.warnings;
            failed += usize::from(entry.status == FileStatus::Failed);
        }
    }
    let elapsed = files.iter().map(|p| p.elapsed_ms).sum::<f64>();
    let failed = if failed > 0 { format!(", {failed} failed") } else { String::new() };
    format!(
        "{} files read{failed}: {} records, {} rejected, {} warnings, {}",
        files.len(),
        format::count(read),
        format::count(rejected),
        format::count(warnings),
        format::seconds(elapsed)
    )
}

/// One bar per input file while a load runs; once it is done, a summary line that
/// opens onto the same cards.
#[component]
pub fn ProgressPanel() -> impl IntoView {
    let store = use_app().store;
    let visible = move || store.phase.get() != Phase::Idle && !store.files.with(Vec::is_empty);
    let cards = move || {
        view! {
            <div class="progress">
                {move || store.files.get().into_iter().map(|p| file_card(&p)).collect_view()}
            </div>
        }
    };
    view! {
        <Show when=visible>
            <section class="load-status" aria-label="Loading progress">
                <Show when=move || store.phase.get() == Phase::Done fallback=cards>
                    <details class="load-summary">
                        <summary>{move || store.files.with(|files| summary(files))}</summary>
                        {cards()}
                    </details>
                </Show>
                <Show when=move || !store.notes.with(Vec::is_empty)>
                    <ul class="notes">
                        {move || store.notes.get().into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                    </ul>
                </Show>
                <Show when=move || !store.missing.with(Vec::is_empty)>
                    <p class="missing">
                        "Not found (their tables stay empty): "
                        {move || store.missing.get().iter().map(|f| f.file_name()).collect::<Vec<_>>().join(", ")}
                    </p>
                </Show>
                <Show when=move || store.phase.get() == Phase::Cancelled>
                    <p class="cancelled">"Cancelled. The answers of the files read so far stay available."</p>
                </Show>
            </section>
        </Show>
    }
}
