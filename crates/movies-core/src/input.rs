//! The five input files and how they are recognised by name (by header row: see
//! `recognise`).

use serde::{Deserialize, Serialize};

/// One of the dataset's input files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFile {
    /// `movies_metadata.csv`: one record per movie.
    MoviesMetadata,
    /// `credits.csv`: cast and crew literals per movie.
    Credits,
    /// `keywords.csv`: keyword literals per movie.
    Keywords,
    /// `links.csv` (or `links_small.csv`): MovieLens to TMDB/IMDb ids.
    Links,
    /// `ratings.csv` (or `ratings_small.csv`): MovieLens ratings.
    Ratings,
}

/// How well a file name matches an input: the full file beats its `_small` fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchQuality {
    /// `links_small.csv`, `ratings_small.csv`.
    Fallback,
    /// The file's own name.
    Exact,
}

impl InputFile {
    /// All inputs, in the order their outputs are written.
    pub const ALL: [InputFile; 5] =
        [InputFile::MoviesMetadata, InputFile::Credits, InputFile::Keywords, InputFile::Links, InputFile::Ratings];

    /// The canonical file name.
    pub fn file_name(self) -> &'static str {
        match self {
            InputFile::MoviesMetadata => "movies_metadata.csv",
            InputFile::Credits => "credits.csv",
            InputFile::Keywords => "keywords.csv",
            InputFile::Links => "links.csv",
            InputFile::Ratings => "ratings.csv",
        }
    }

    /// The fallback file name, for the files that have one.
    pub fn fallback_name(self) -> Option<&'static str> {
        match self {
            InputFile::Links => Some("links_small.csv"),
            InputFile::Ratings => Some("ratings_small.csv"),
            _ => None,
        }
    }

    /// Recognises a path (`/`- or `\`-separated, or an `archive.zip:entry` name) by its
    /// base name, case-insensitively; a gzip-compressed file (`ratings.csv.gz`) is
    /// recognised as the file it holds.
    pub fn recognise(path: &str) -> Option<(InputFile, MatchQuality)> {
        let base = path.rsplit(['/', '\\', ':']).next().unwrap_or(path);
        let base = match base.len().checked_sub(3) {
            Some(cut) if base.is_char_boundary(cut) && base[cut..].eq_ignore_ascii_case(".gz") => &base[..cut],
            _ => base,
        };
        InputFile::ALL.into_iter().find_map(|file| {
            if base.eq_ignore_ascii_case(file.file_name()) {
                Some((file, MatchQuality::Exact))
            } else if file.fallback_name().is_some_and(|name| base.eq_ignore_ascii_case(name)) {
                Some((file, MatchQuality::Fallback))
            } else {
                None
            }
        })
    }
}

/// The date written in a file name (`the-movies-dataset-2024-05-01.zip`), which is
/// how snapshots are told apart.
pub fn date_in_name(path: &str) -> Option<crate::values::Date> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path).as_bytes();
    (0..name.len().saturating_sub(9)).find_map(|i| {
        let window = &name[i..i + 10];
        let shaped =
            window.iter().enumerate().all(|(j, b)| if j == 4 || j == 7 { *b == b'-' } else { b.is_ascii_digit() });
        if shaped {
            crate::values::date(window).ok().flatten()
        } else {
            None
        }
    })
}

impl std::fmt::Display for InputFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.file_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_file_names() {
        use crate::values::Date;
        assert_eq!(date_in_name("/x/the-movies-dataset-2024-05-01.zip"), Date::new(2024, 5, 1));
        assert_eq!(date_in_name("snap_2017-11-10_full.zip"), Date::new(2017, 11, 10));
        assert_eq!(date_in_name("2024-13-01.zip"), None);
        assert_eq!(date_in_name("dataset.zip"), None);
    }

    #[test]
    fn recognises_base_names_at_any_depth_any_case() {
        assert_eq!(
            InputFile::recognise("the-movies-dataset/Movies_Metadata.CSV"),
            Some((InputFile::MoviesMetadata, MatchQuality::Exact))
        );
        assert_eq!(InputFile::recognise(r"a\b\ratings_small.csv"), Some((InputFile::Ratings, MatchQuality::Fallback)));
        assert_eq!(InputFile::recognise("links.csv"), Some((InputFile::Links, MatchQuality::Exact)));
        assert_eq!(InputFile::recognise("data/s005.zip:Links.csv"), Some((InputFile::Links, MatchQuality::Exact)));
        assert_eq!(InputFile::recognise("movies_metadata.csv.bak"), None);
        assert_eq!(InputFile::recognise("dumps/Ratings.csv.GZ"), Some((InputFile::Ratings, MatchQuality::Exact)));
        assert_eq!(InputFile::recognise("ratings.gz"), None);
        assert_eq!(InputFile::recognise("__MACOSX/notes.txt"), None);
    }
}
