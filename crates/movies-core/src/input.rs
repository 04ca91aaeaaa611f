//! The five input files and how they are recognised by name.

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

impl InputFile {
    /// Recognises a file by its header row, for files whose name does not say what
    /// they are (a pipe, `export.csv`): the input whose required columns are all
    /// there, the one with the most of them when several fit.
    pub fn from_header<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Option<InputFile> {
        let mut best: Option<(InputFile, usize)> = None;
        let mut tie = false;
        for file in InputFile::ALL {
            let required: Vec<&str> = crate::clean::required_columns(file).collect();
            if !required.iter().all(|r| names.clone().any(|n| n.eq_ignore_ascii_case(r))) {
                continue;
            }
            match best {
                Some((_, n)) if n == required.len() => tie = true,
                Some((_, n)) if n > required.len() => {}
                _ => {
                    best = Some((file, required.len()));
                    tie = false;
                }
            }
        }
        best.filter(|_| !tie).map(|(file, _)| file)
    }

    /// Recognises a file by the header row at the start of `head` (its first bytes, as
    /// UTF-8 text); see [`from_header`](Self::from_header).
    pub fn from_csv_head(head: &[u8]) -> Option<InputFile> {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let line = head.split(|&b| b == b'\n').next()?;
        let line = std::str::from_utf8(line).ok()?;
        InputFile::from_header(line.split(',').map(|name| name.trim().trim_matches('"')))
    }

    /// The header row of `head` as shown in messages (its first names).
    pub fn header_of(head: &[u8]) -> Vec<String> {
        let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
        String::from_utf8_lossy(line).split(',').take(8).map(|n| n.trim().to_owned()).collect()
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
    fn files_are_recognised_by_their_header() {
        assert_eq!(InputFile::from_csv_head(b"userId,movieId,rating,timestamp\n1,2,3,4\n"), Some(InputFile::Ratings));
        assert_eq!(InputFile::from_csv_head(b"movieId,imdbId,tmdbId\r\n"), Some(InputFile::Links));
        assert_eq!(InputFile::from_csv_head(b"\xEF\xBB\xBF\"cast\",\"crew\",\"id\"\n"), Some(InputFile::Credits));
        assert_eq!(InputFile::from_csv_head(b"id,keywords\n"), Some(InputFile::Keywords));
        let movies = b"adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,\
            original_title,overview,popularity,poster_path,production_companies,production_countries,release_date,\
            revenue,runtime,spoken_languages,status,tagline,title,video,vote_average,vote_count\n";
        assert_eq!(InputFile::from_csv_head(movies), Some(InputFile::MoviesMetadata));
        assert_eq!(InputFile::from_csv_head(b"name,age\n"), None);
        assert_eq!(InputFile::from_csv_head(b"\xff\xfe"), None);
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
