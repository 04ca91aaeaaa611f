//! A load: the user's files cleaned into the session, with progress and early answers.

use std::rc::Rc;

use movies_core::collect::CollectSink;
use movies_core::diff::SnapshotDiff;
use movies_core::drill::MovieIndex;
use movies_core::export::{build_manifest, FileEntry, Format};
use movies_core::kept::RatingsByMovie;
use movies_core::pages::{Explorer, PagesSink};
use movies_core::sources::{resolve, Resolved, Source};
use movies_core::{InputFile, Metrics, Table};
use movies_protocol::{
    ErrorKind, FoundFile, GivenInput, LoadEvent, LoadId, Overview, Response, SnapshotComparison, UserError,
    MAX_DIFF_ROWS,
};
use web_sys::File;

use crate::context::Context;
use crate::origin::{given, FileOrigin};
use crate::runner::run_source;
use crate::session::Session;

/// movies_metadata.csv first (the answers come from it), then the rest smallest first.
fn processing_order(mut sources: Vec<Source<FileOrigin>>) -> Vec<Source<FileOrigin>> {
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
    older: &[(String, Source<FileOrigin>)],
    newest: &str,
    stop: &dyn Fn() -> bool,
) -> Vec<SnapshotComparison> {
    let mut comparisons = Vec::new();
    for (name, source) in older {
        let mut sink = CollectSink::new(0);
        let result = run_source(ctx, source, &mut sink, &mut |_| {}, stop).await;
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

/// Runs load `load` over `files` (given as `inputs` say), replacing the session.
pub async fn load(ctx: Rc<Context>, load: LoadId, files: Vec<File>, inputs: Vec<GivenInput>) {
    *ctx.session.borrow_mut() = Session { load, running: true, ..Session::default() };
    let post = |event: LoadEvent| ctx.poster.send(&Response::Load { load, event });
    let fail = |error: UserError| {
        ctx.session.borrow_mut().running = false;
        post(LoadEvent::Failed { error });
    };
    let given = match given(&files, &inputs) {
        Ok(given) => given,
        Err(error) => return fail(error),
    };
    let Resolved { sources, notes, older_snapshots, newest_snapshot, damage, unused } = match resolve(given) {
        Ok(found) => found,
        Err(error) => return fail(UserError::from_input(&error)),
    };
    let sources = processing_order(sources);
    ctx.session.borrow_mut().sources = sources.clone();
    let missing = InputFile::ALL.into_iter().filter(|f| !sources.iter().any(|s| s.file == *f)).collect();
    let found = sources.iter().map(|s| FoundFile { file: s.file, source: s.name.clone(), bytes: s.size }).collect();
    let damage = damage.iter().map(UserError::from_input).collect();
    // Older snapshots are not unused here: they are compared in the Changes view.
    let unused = unused
        .iter()
        .filter(|u| !matches!(u.reason, movies_core::sources::UnusedReason::OlderSnapshot { .. }))
        .map(|u| UserError::new(ErrorKind::Unused, &u.name, u.to_string()))
        .collect();
    post(LoadEvent::Started { files: found, missing, notes, unused, damage });

    let stop = || {
        let session = ctx.session.borrow();
        session.load != load || session.cancel_requested
    };
    let mut sink = PagesSink::new(CollectSink::default());
    for source in &sources {
        let started = ctx.now();
        let mut on_step = |report: &movies_core::FileReport| {
            post(LoadEvent::Progress {
                file: source.file,
                bytes_done: report.bytes,
                bytes_total: source.size,
                records: report.records_read,
                elapsed_ms: ctx.now() - started,
            })
        };
        let result = run_source(&ctx, source, &mut sink, &mut on_step, &stop).await;
        if ctx.session.borrow().load != load {
            return;
        }
        let entry = match result {
            Ok(report) => FileEntry::from_report(&report, None),
            Err(failure) if failure.is_cancel() => {
                let mut session = ctx.session.borrow_mut();
                session.running = false;
                session.cancel_requested = false;
                drop(session);
                let stopped = Some((source.file, failure.report.as_ref().map_or(0, |r| r.records_read)));
                post(LoadEvent::Cancelled { stopped });
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
            session.issues = Rc::new(sink.inner.issues.clone());
            session.issues_total = sink.inner.issues_total;
        }
        post(LoadEvent::FileDone { file: source.file, entry, elapsed_ms });
        if source.file == InputFile::MoviesMetadata {
            let movies = std::mem::take(&mut sink.inner.kept.movies);
            let metrics = Rc::new(Metrics::compute(&movies, &RatingsByMovie::default()));
            let overview = overview(&metrics, &movies);
            let index = Rc::new(MovieIndex::build(&movies));
            {
                let mut session = ctx.session.borrow_mut();
                session.index = index;
                session.explorer = Explorer::with_movies(&movies);
                session.kept = Rc::new(movies_core::kept::Kept { movies, ..Default::default() });
                session.metrics = Some(metrics);
            }
            post(LoadEvent::MoviesReady { overview });
            if let Some(newest) = &newest_snapshot {
                let comparisons = compare_snapshots(&ctx, &older_snapshots, newest, &stop).await;
                if ctx.session.borrow().load != load {
                    return;
                }
                post(LoadEvent::Snapshots { comparisons });
            }
        }
    }
    let streamed =
        [Table::KeywordsMaster, Table::CastMaster, Table::CrewMaster, Table::LinksMaster, Table::RatingsMaster]
            .into_iter()
            .chain([Table::ErrorLog])
            .map(|t| (t, sink.inner.rows(t)))
            .collect::<Vec<_>>();
    let (manifest, rated) = {
        let mut session = ctx.session.borrow_mut();
        session.running = false;
        session.rows = streamed.clone();
        let kept = Rc::make_mut(&mut session.kept);
        kept.links = std::mem::take(&mut sink.inner.kept.links);
        kept.ratings = std::mem::take(&mut sink.inner.kept.ratings);
        let kept = session.kept.clone();
        session.explorer.finish(sink, &kept);
        // The user ratings join the answers once ratings and links are read.
        let ratings = kept.ratings_by_movie();
        let rated = (session.metrics.is_some() && !ratings.is_empty()).then(|| {
            let metrics = Rc::new(Metrics::compute(&session.kept.movies, &ratings));
            session.metrics = Some(metrics.clone());
            overview(&metrics, &session.kept.movies)
        });
        session.ratings = Rc::new(ratings);
        let metrics = session.metrics.clone().unwrap_or_default();
        let files: Vec<(InputFile, FileEntry)> = session.entries.iter().map(|(f, e)| (*f, e.clone())).collect();
        (build_manifest(&Format::TEXT, files, &streamed, &session.kept, &metrics), rated)
    };
    if let Some(overview) = rated {
        post(LoadEvent::RatingsReady { overview });
    }
    post(LoadEvent::Finished { manifest, memory_bytes: memory_bytes() });
}
