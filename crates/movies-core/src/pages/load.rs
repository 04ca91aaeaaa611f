//! Every source of a load cleaned into an [`Explorer`], natively: for the tests and
//! the benchmark (the browser's worker does the same a step at a time).

use super::{Explorer, PagesSink};
use crate::collect::CollectSink;
use crate::input::InputFile;
use crate::kept::Kept;
use crate::model::Issue;
use crate::origin::Origin;
use crate::sources::Source;
use crate::{FileJob, InputError, Limits};

/// What a load leaves for the pages.
#[derive(Debug)]
pub struct Explored {
    /// Movies, links and rating counts.
    pub kept: Kept,
    /// The whole error log.
    pub issues: Vec<Issue>,
    /// The pages' indexes.
    pub explorer: Explorer,
}

/// Cleans `sources` (movies_metadata.csv first) and builds the pages' indexes.
pub fn explore<O: Origin>(sources: &[Source<O>]) -> Result<Explored, InputError> {
    let mut order: Vec<&Source<O>> = sources.iter().collect();
    order.sort_by_key(|s| s.file != InputFile::MoviesMetadata);
    let mut sink = PagesSink::new(CollectSink::new(usize::MAX));
    for source in order {
        FileJob::open(source.file, &source.name, source.open()?, Limits::default())?.run(&mut sink)?;
    }
    let kept = std::mem::take(&mut sink.inner.kept);
    let issues = std::mem::take(&mut sink.inner.issues);
    let mut explorer = Explorer::with_movies(&kept.movies);
    explorer.finish(sink, &kept);
    Ok(Explored { kept, issues, explorer })
}
