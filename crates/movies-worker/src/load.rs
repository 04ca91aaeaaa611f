//! A load: the user's files cleaned into the session, with progress and early answers.

use std::rc::Rc;

use movies_core::collect::CollectSink;
use movies_core::diff::SnapshotDiff;
use movies_core::export::{build_manifest, FileEntry, Format};
use movies_core::{InputError, InputFile, Metrics, Table};
use movies_protocol::{FoundFile, Overview, Response, SnapshotComparison, UserError, MAX_DIFF_ROWS};
use web_sys::File;

use crate::context::Context;
use crate::runner::run_source;
use crate::session::Session;
use crate::sources::{resolve, Resolved, Source};

/// What the page is told about an error.
pub fn user_error(error: &InputError) -> UserError {
    UserError { source: error.source.clone(), line: error.line, message: error.to_string() }
}

/// movies_metadata.csv first (the answers come from it), then the rest smallest first.
fn processing_order(mut sources: Vec<Source>) -> Vec<Source> {
    sources.sort_by_key(|s| (s.file != InputFile::MoviesMetadata, s.size));
    sources
}

fn overview(metrics: &Metrics, movies: &[movies_core::model::Movie]) -> Overview {
    let years = movies
        .iter()
        .filter_map(|m| m.release_year())
        .fold(None, |range: Option<(i32, i32)>, y| Some(range.map_or((y, y), |(lo, hi)| (lo.min(y), hi.max(y)))));
    Overview {
        companies: metrics.companies.clone(),
        genre_year: metrics.genre_year.clone(),
        coverage: metrics.coverage,
        years,
    }
}

/// Reads the movies of each older snapshot and compares them with the loaded ones.
async fn compare_snapshots(
    ctx: &Context,
    files: &[File],
    older: &[(String, Source)],
    newest: &str,
    stop: &dyn Fn() -> bool,
) -> Vec<SnapshotComparison> {
    let mut comparisons = Vec::new();
    for (name, source) in older {
        let mut sink = CollectSink::new(0);
        let result = run_source(ctx, files, source, &mut sink, &mut |_| {}, stop).await;
        let newer = ctx.session.borrow().kept.clone();
        let mut diff = SnapshotDiff::compare(&sink.kept.movies, &newer.movies);
        let (added, removed, changed) = (diff.added.len(), diff.removed.len(), diff.changed.len());
        diff.added.truncate(MAX_DIFF_ROWS);
        diff.removed.truncate(MAX_DIFF_ROWS);
        diff.changed.truncate(MAX_DIFF_ROWS);
        comparisons.push(SnapshotComparison {
            older: name.clone(),
            newer: newest.to_owned(),
            added: added as u64,
            removed: removed as u64,
            changed: changed as u64,
            diff,
            error: result.err().map(|failure| failure.error.to_string()),
        });
    }
    comparisons
}

/// Size of the worker's WebAssembly memory.
fn memory_bytes() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) as u64 * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// Runs load `job` over `files`, replacing the session.
pub async fn load(ctx: Rc<Context>, job: u32, files: Vec<File>) {
    *ctx.session.borrow_mut() = Session { job, running: true, files: files.clone(), ..Session::default() };
    let post = |response: Response| ctx.poster.send(&response);
    let Resolved { sources, notes, older_snapshots, newest_snapshot, damage } = match resolve(&files) {
        Ok(found) => found,
        Err(error) => {
            ctx.session.borrow_mut().running = false;
            post(Response::Failed { job, error: user_error(&error) });
            return;
        }
    };
    let sources = processing_order(sources);
    ctx.session.borrow_mut().sources = sources.clone();
    let missing = InputFile::ALL.into_iter().filter(|f| !sources.iter().any(|s| s.file == *f)).collect();
    let found = sources.iter().map(|s| FoundFile { file: s.file, source: s.name.clone(), bytes: s.size }).collect();
    let damage = damage.iter().map(user_error).collect();
    post(Response::Started { job, files: found, missing, notes, damage });

    let stop = || {
        let session = ctx.session.borrow();
        session.job != job || session.cancel_requested
    };
    let mut sink = CollectSink::default();
    for source in &sources {
        let started = ctx.now();
        let mut on_step = |report: &movies_core::FileReport| {
            post(Response::Progress {
                job,
                file: source.file,
                bytes_done: report.bytes,
                bytes_total: source.size,
                records: report.records_read,
                elapsed_ms: ctx.now() - started,
            })
        };
        let result = run_source(&ctx, &files, source, &mut sink, &mut on_step, &stop).await;
        if ctx.session.borrow().job != job {
            return;
        }
        let entry = match result {
            Ok(report) => FileEntry::from_report(&report, None),
            Err(failure) if failure.is_cancel() => {
                let mut session = ctx.session.borrow_mut();
                session.running = false;
                session.cancel_requested = false;
                drop(session);
                post(Response::Cancelled { job });
                return;
            }
            Err(failure) => match &failure.report {
                Some(report) => FileEntry::from_report(report, Some(failure.error.to_string())),
                None => FileEntry::failed(&source.name, failure.error.to_string()),
            },
        };
        let elapsed_ms = ctx.now() - started;
        {
            let mut session = ctx.session.borrow_mut();
            session.entries.insert(source.file, entry.clone());
            session.issues = Rc::new(sink.issues.clone());
            session.issues_total = sink.issues_total;
        }
        post(Response::FileDone { job, file: source.file, entry, elapsed_ms });
        if source.file == InputFile::MoviesMetadata {
            let movies = std::mem::take(&mut sink.kept.movies);
            let metrics = Rc::new(Metrics::compute(&movies));
            let overview = overview(&metrics, &movies);
            {
                let mut session = ctx.session.borrow_mut();
                session.kept = Rc::new(movies_core::kept::Kept { movies, ..Default::default() });
                session.metrics = Some(metrics);
            }
            post(Response::MoviesReady { job, overview });
            if let Some(newest) = &newest_snapshot {
                let comparisons = compare_snapshots(&ctx, &files, &older_snapshots, newest, &stop).await;
                if ctx.session.borrow().job != job {
                    return;
                }
                post(Response::Snapshots { job, comparisons });
            }
        }
    }
    let streamed =
        [Table::KeywordsMaster, Table::CastMaster, Table::CrewMaster, Table::LinksMaster, Table::RatingsMaster]
            .into_iter()
            .chain([Table::ErrorLog])
            .map(|t| (t, sink.rows(t)))
            .collect::<Vec<_>>();
    let manifest = {
        let mut session = ctx.session.borrow_mut();
        session.running = false;
        session.rows = streamed.clone();
        let kept = Rc::make_mut(&mut session.kept);
        kept.links = std::mem::take(&mut sink.kept.links);
        kept.ratings = std::mem::take(&mut sink.kept.ratings);
        let metrics = session.metrics.clone().unwrap_or_default();
        let files: Vec<(InputFile, FileEntry)> = session.entries.iter().map(|(f, e)| (*f, e.clone())).collect();
        build_manifest(&Format::TEXT, files, &streamed, &session.kept, &metrics)
    };
    post(Response::Finished { job, manifest, memory_bytes: memory_bytes() });
}
