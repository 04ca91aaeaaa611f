//! One source per input file among the candidates found: the full file over its
//! `_small` fallback, the first found among equals.

use crate::input::{InputFile, MatchQuality};

/// A file of the dataset found somewhere in what the user gave.
#[derive(Debug)]
pub(super) struct Candidate<T> {
    /// Which input it is.
    pub file: InputFile,
    /// How well its name matches.
    pub quality: MatchQuality,
    /// Where it is, as the user would name it.
    pub path: String,
    /// Which of the given inputs it was found in.
    pub given: usize,
    /// How to read it.
    pub source: T,
}

/// Picks one candidate per input file; says what it left aside.
#[derive(Debug)]
pub(super) struct Chooser<T> {
    chosen: Vec<Candidate<T>>,
    /// For each candidate left aside: the given input it came from, and the path of
    /// the one chosen instead.
    pub left_aside: Vec<(usize, String, String)>,
    /// Remarks for the user.
    pub notes: Vec<String>,
}

impl<T> Default for Chooser<T> {
    fn default() -> Self {
        Chooser { chosen: Vec::new(), left_aside: Vec::new(), notes: Vec::new() }
    }
}

impl<T> Chooser<T> {
    /// Offers a candidate.
    pub fn offer(&mut self, candidate: Candidate<T>) {
        match self.chosen.iter_mut().find(|c| c.file == candidate.file) {
            Some(current) if candidate.quality > current.quality => {
                self.notes.push(format!("{}: using {} rather than {}", candidate.file, candidate.path, current.path));
                let previous = std::mem::replace(current, candidate);
                let by = current.path.clone();
                self.left_aside.push((previous.given, previous.path, by));
            }
            Some(current) => {
                self.notes.push(format!("{}: ignored, {} is already used", candidate.path, current.path));
                self.left_aside.push((candidate.given, candidate.path, current.path.clone()));
            }
            None => self.chosen.push(candidate),
        }
    }

    /// True when a candidate of the given input `given` was chosen.
    pub fn uses(&self, given: usize) -> bool {
        self.chosen.iter().any(|c| c.given == given)
    }

    /// The chosen candidates, in input order.
    pub fn finish(mut self) -> (Vec<Candidate<T>>, Vec<String>) {
        self.chosen.sort_by_key(|c| c.file);
        (self.chosen, self.notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(chooser: &mut Chooser<u8>, path: &str, given: usize) {
        let (file, quality) = InputFile::recognise(path).unwrap();
        chooser.offer(Candidate { file, quality, path: path.to_owned(), given, source: given as u8 });
    }

    #[test]
    fn full_files_are_preferred_and_the_first_wins_among_equals() {
        let mut chooser = Chooser::default();
        offer(&mut chooser, "a/ratings_small.csv", 0);
        offer(&mut chooser, "b/ratings.csv", 1);
        offer(&mut chooser, "c/ratings.csv", 2);
        offer(&mut chooser, "movies_metadata.csv", 3);
        assert!(!chooser.uses(0) && chooser.uses(1) && !chooser.uses(2) && chooser.uses(3));
        assert_eq!(chooser.left_aside.len(), 2);
        let (chosen, notes) = chooser.finish();
        let paths: Vec<&str> = chosen.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["movies_metadata.csv", "b/ratings.csv"]);
        assert_eq!(notes.len(), 2);
    }
}
