//! Running one dataset file through the core, a step at a time, yielding between steps.

use std::io::Read;

use movies_core::sources::Source;
use movies_core::{FileJob, FileReport, InputError, InputErrorKind, Limits, Sink, Step};

use crate::context::Context;
use crate::origin::FileOrigin;

/// Milliseconds of work between two yields: short enough for the page's requests to
/// be answered at once, long enough for the yields to cost little.
const STEP_MS: f64 = 30.0;

/// A file that stopped early: the counts so far (when it had started) and why.
pub struct FileFailure {
    /// Counts up to the failure.
    pub report: Option<FileReport>,
    /// What stopped it.
    pub error: InputError,
}

impl FileFailure {
    /// True when the user cancelled.
    pub fn is_cancel(&self) -> bool {
        matches!(self.error.kind, InputErrorKind::Cancelled)
    }
}

impl From<InputError> for FileFailure {
    fn from(error: InputError) -> Self {
        FileFailure { report: None, error }
    }
}

/// Cleans `source` into `sink`; `on_step` sees the counts after every step and
/// `stop` is asked after every yield.
pub async fn run_source(
    ctx: &Context,
    source: &Source<FileOrigin>,
    sink: &mut dyn Sink,
    on_step: &mut dyn FnMut(&FileReport),
    stop: &dyn Fn() -> bool,
) -> Result<FileReport, FileFailure> {
    let reader = source.open()?;
    drive(ctx, source, reader, sink, on_step, stop).await
}

async fn drive<R: Read>(
    ctx: &Context,
    source: &Source<FileOrigin>,
    reader: R,
    sink: &mut dyn Sink,
    on_step: &mut dyn FnMut(&FileReport),
    stop: &dyn Fn() -> bool,
) -> Result<FileReport, FileFailure> {
    let mut job = FileJob::open(source.file, &source.name, reader, Limits::default())?;
    let mut batch = 1024usize;
    loop {
        let started = ctx.now();
        let step = job.step(sink, batch);
        on_step(job.report());
        match step {
            Err(error) => return Err(FileFailure { report: Some(job.report().clone()), error }),
            Ok(Step::Done) => return Ok(job.report().clone()),
            Ok(Step::More) => {}
        }
        let spent = ctx.now() - started;
        if spent < STEP_MS / 2.0 && batch < 1 << 20 {
            batch *= 2;
        } else if spent > STEP_MS * 2.0 && batch > 16 {
            batch /= 2;
        }
        ctx.yielder.yield_now().await;
        if stop() {
            let error = InputError::new(source.file, &source.name, InputErrorKind::Cancelled);
            return Err(FileFailure { report: Some(job.report().clone()), error });
        }
    }
}
