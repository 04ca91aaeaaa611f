//! Recognising a dataset file by its header row, for a file whose name does not say
//! what it is (a pipe, `export.csv`): the cleaners' required columns decide.

use crate::clean::required_columns;
use crate::input::InputFile;

impl InputFile {
    /// Recognises a file by its header row, for files whose name does not say what
    /// they are (a pipe, `export.csv`): the input whose required columns are all
    /// there, the one with the most of them when several fit.
    pub fn from_header<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Option<InputFile> {
        let mut best: Option<(InputFile, usize)> = None;
        let mut tie = false;
        for file in InputFile::ALL {
            let required: Vec<&str> = required_columns(file).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
