//! Writing ratings on their own thread.
//!
//! ratings.csv is by far the largest file: cleaning its 26 million rows and writing
//! them in two formats on one thread left the second core idle once the smaller
//! files were done. Here the job's thread cleans and hands the rows over in batches,
//! and a writer thread formats and writes them through the real sink.

use std::io;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::{Scope, ScopedJoinHandle};

use movies_core::model::{CastRow, CrewRow, Issue, KeywordRow, LinkRow, Movie, RatingRow};
use movies_core::Sink;

/// Rows handed over per batch.
const BATCH: usize = 16 * 1024;
/// Batches in flight: enough to smooth the two threads, few enough to keep memory flat.
const IN_FLIGHT: usize = 4;

/// Rows of the ratings file on their way to the writer. Ratings and error-log rows go
/// to different tables, so only the order within each kind matters; keeping them
/// apart moves 96-byte ratings rather than enum values as large as an issue.
struct Batch {
    ratings: Vec<RatingRow>,
    issues: Vec<Issue>,
}

impl Batch {
    fn new() -> Self {
        Batch { ratings: Vec::with_capacity(BATCH), issues: Vec::new() }
    }

    fn len(&self) -> usize {
        self.ratings.len() + self.issues.len()
    }
}

/// The cleaning side: a [`Sink`] for the ratings file that batches rows for the writer.
pub struct Handover {
    batch: Batch,
    to_writer: SyncSender<Batch>,
    spare: Receiver<Batch>,
}

/// Starts the writer thread around `sink`; the handle gives the sink back (or the
/// first write error) once the [`Handover`] is dropped.
pub fn spawn_writer<'scope, 'env, S: Sink + Send + 'scope>(
    scope: &'scope Scope<'scope, 'env>,
    mut sink: S,
) -> (Handover, ScopedJoinHandle<'scope, io::Result<S>>) {
    let (to_writer, batches) = sync_channel::<Batch>(IN_FLIGHT);
    let (give_back, spare) = sync_channel::<Batch>(IN_FLIGHT + 1);
    let writer = scope.spawn(move || {
        for mut batch in batches {
            for rating in batch.ratings.drain(..) {
                sink.rating(&rating)?;
            }
            for issue in batch.issues.drain(..) {
                sink.issue(&issue)?;
            }
            let _ = give_back.try_send(batch);
        }
        Ok(sink)
    });
    (Handover { batch: Batch::new(), to_writer, spare }, writer)
}

impl Handover {
    fn sent_if_full(&mut self) -> io::Result<()> {
        if self.batch.len() >= BATCH {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> io::Result<()> {
        let fresh = self.spare.try_recv().unwrap_or_else(|_| Batch::new());
        let full = std::mem::replace(&mut self.batch, fresh);
        self.to_writer.send(full).map_err(|_| io::Error::other("the ratings writer stopped (see its error)"))
    }

    /// Hands over the last rows; the writer finishes once this is dropped.
    pub fn finish(mut self) -> io::Result<()> {
        if self.batch.len() > 0 {
            self.send()?;
        }
        Ok(())
    }
}

fn not_a_rating(what: &str) -> io::Result<()> {
    Err(io::Error::other(format!("the ratings writer was given a {what} row")))
}

impl Sink for Handover {
    fn movie(&mut self, _: Movie) -> io::Result<()> {
        not_a_rating("movie")
    }
    fn keyword(&mut self, _: &KeywordRow<'_>) -> io::Result<()> {
        not_a_rating("keyword")
    }
    fn cast(&mut self, _: &CastRow<'_>) -> io::Result<()> {
        not_a_rating("cast")
    }
    fn crew(&mut self, _: &CrewRow<'_>) -> io::Result<()> {
        not_a_rating("crew")
    }
    fn link(&mut self, _: &LinkRow) -> io::Result<()> {
        not_a_rating("link")
    }
    fn rating(&mut self, row: &RatingRow) -> io::Result<()> {
        self.batch.ratings.push(*row);
        self.sent_if_full()
    }
    fn issue(&mut self, issue: &Issue) -> io::Result<()> {
        self.batch.issues.push(issue.clone());
        self.sent_if_full()
    }
    fn writes_rows(&self) -> bool {
        true
    }
}
