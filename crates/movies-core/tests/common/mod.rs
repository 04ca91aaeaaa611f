//! Running one input file through the public API into a sink that keeps every row.

use std::borrow::Cow;
use std::io::{self, Read};

use movies_core::model::{
    CastEntry, CastRow, CrewEntry, CrewRow, Issue, KeywordRow, LinkRow, Movie, RatingRow, Severity,
};
use movies_core::{FileJob, FileReport, InputError, InputFile, Limits, Sink, Step};

/// A [`Sink`] that keeps an owned copy of every row it receives, in order.
#[derive(Debug, Default, PartialEq)]
pub struct Collected {
    /// Rows of `movies_master`.
    pub movies: Vec<Movie>,
    /// Rows of `keywords_master`.
    pub keywords: Vec<KeywordRow<'static>>,
    /// Rows of `cast_master`.
    pub cast: Vec<CastRow<'static>>,
    /// Rows of `crew_master`.
    pub crew: Vec<CrewRow<'static>>,
    /// Rows of `links_master`.
    pub links: Vec<LinkRow>,
    /// Rows of `ratings_master`.
    pub ratings: Vec<RatingRow>,
    /// Rows of the error log.
    pub issues: Vec<Issue>,
}

impl Collected {
    /// Error-log rows of the given severity.
    pub fn issues_of(&self, severity: Severity) -> Vec<&Issue> {
        self.issues.iter().filter(|i| i.severity == severity).collect()
    }
}

/// An owned copy of borrowed text.
fn owned(text: &Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.as_deref().map(|t| Cow::Owned(t.to_owned()))
}

impl Sink for Collected {
    fn movie(&mut self, movie: Movie) -> io::Result<()> {
        self.movies.push(movie);
        Ok(())
    }

    fn keyword(&mut self, row: &KeywordRow<'_>) -> io::Result<()> {
        self.keywords.push(KeywordRow {
            movie_id: row.movie_id,
            keyword_id: row.keyword_id,
            keyword: owned(&row.keyword),
        });
        Ok(())
    }

    fn cast(&mut self, row: &CastRow<'_>) -> io::Result<()> {
        let e = &row.entry;
        self.cast.push(CastRow {
            movie_id: row.movie_id,
            entry: CastEntry {
                cast_id: e.cast_id,
                character: owned(&e.character),
                credit_id: owned(&e.credit_id),
                gender: e.gender,
                person_id: e.person_id,
                name: owned(&e.name),
                order: e.order,
                profile_path: owned(&e.profile_path),
            },
        });
        Ok(())
    }

    fn crew(&mut self, row: &CrewRow<'_>) -> io::Result<()> {
        let e = &row.entry;
        self.crew.push(CrewRow {
            movie_id: row.movie_id,
            entry: CrewEntry {
                credit_id: owned(&e.credit_id),
                department: owned(&e.department),
                gender: e.gender,
                person_id: e.person_id,
                job: owned(&e.job),
                name: owned(&e.name),
                profile_path: owned(&e.profile_path),
            },
        });
        Ok(())
    }

    fn link(&mut self, row: &LinkRow) -> io::Result<()> {
        self.links.push(row.clone());
        Ok(())
    }

    fn rating(&mut self, row: &RatingRow) -> io::Result<()> {
        self.ratings.push(*row);
        Ok(())
    }

    fn issue(&mut self, issue: &Issue) -> io::Result<()> {
        self.issues.push(issue.clone());
        Ok(())
    }
}

/// A reader that hands out at most one byte per `read` call.
pub struct OneByte<'a>(pub &'a [u8]);

impl Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&byte, rest)), Some(slot)) => {
                *slot = byte;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

/// How the input is fed to the [`FileJob`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    /// The whole buffer as one reader, cleaned by [`FileJob::run`].
    Whole,
    /// One byte per read, and one record per [`FileJob::step`].
    Trickle,
}

/// Cleans `input` as the input `file` and returns the final report with every row.
pub fn process(file: InputFile, input: &[u8], feed: Feed) -> Result<(FileReport, Collected), InputError> {
    process_with(file, input, feed, Limits::default())
}

/// [`process`] under the given record limits.
pub fn process_with(
    file: InputFile,
    input: &[u8],
    feed: Feed,
    limits: Limits,
) -> Result<(FileReport, Collected), InputError> {
    let mut sink = Collected::default();
    let source = file.file_name();
    let report = match feed {
        Feed::Whole => FileJob::open(file, source, input, limits)?.run(&mut sink)?,
        Feed::Trickle => {
            let mut job = FileJob::open(file, source, OneByte(input), limits)?;
            while job.step(&mut sink, 1)? == Step::More {}
            job.report().clone()
        }
    };
    Ok((report, sink))
}
