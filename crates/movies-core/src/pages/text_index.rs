//! Case-insensitive substring search over many short texts (titles, names).
//!
//! The texts are lowercased into one haystack, separated by a byte no query holds;
//! a search runs one substring finder over it and skips to the next text after a
//! match, so a keystroke costs one pass over a few megabytes.

use memchr::memmem;

const SEPARATOR: char = '\0';

/// How a text matches a query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The text starts with the query.
    Prefix,
    /// A word of the text starts with the query.
    WordStart,
    /// The query is inside a word.
    Inside,
}

/// Lowercased texts, searchable by substring.
#[derive(Debug, Default, Clone)]
pub struct TextIndex {
    hay: String,
    starts: Vec<u32>,
}

/// The query as searched: trimmed, lowercased, without the separator.
pub fn normalise(query: &str) -> String {
    query.trim().to_lowercase().replace(SEPARATOR, "")
}

impl TextIndex {
    /// Indexes `texts`; text `i` is found as entry `i`.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut index = TextIndex::default();
        for text in texts {
            index.starts.push(index.hay.len() as u32);
            index.hay.extend(text.chars().flat_map(char::to_lowercase).filter(|c| *c != SEPARATOR));
            index.hay.push(SEPARATOR);
        }
        index.hay.shrink_to_fit();
        index.starts.shrink_to_fit();
        index
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.hay.capacity() + self.starts.capacity() * 4
    }

    /// Every entry holding `query` (normalised by [`normalise`], not empty), once,
    /// with how it matches, in entry order, until `each` returns false.
    pub fn find(&self, query: &str, mut each: impl FnMut(usize, MatchKind) -> bool) {
        if query.is_empty() {
            return;
        }
        let finder = memmem::Finder::new(query.as_bytes());
        let hay = self.hay.as_bytes();
        let mut from = 0;
        while let Some(found) = finder.find(&hay[from..]) {
            let at = from + found;
            let entry = self.starts.partition_point(|&s| s as usize <= at) - 1;
            let start = self.starts[entry] as usize;
            let text = &self.hay[start..];
            let text = &text[..text.find(SEPARATOR).unwrap_or(text.len())];
            let kind = best_kind(text, query, at - start);
            from = start + text.len() + 1;
            if !each(entry, kind) || from >= hay.len() {
                break;
            }
        }
    }
}

/// The best way `query`, first found at byte `first`, matches `text`.
fn best_kind(text: &str, query: &str, first: usize) -> MatchKind {
    if first == 0 {
        return MatchKind::Prefix;
    }
    let word_start = |at: usize| !text[..at].ends_with(char::is_alphanumeric);
    if text.match_indices(query).any(|(at, _)| word_start(at)) {
        MatchKind::WordStart
    } else {
        MatchKind::Inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(index: &TextIndex, query: &str) -> Vec<(usize, MatchKind)> {
        let mut all = Vec::new();
        index.find(&normalise(query), |i, kind| {
            all.push((i, kind));
            true
        });
        all
    }

    #[test]
    fn finds_each_text_once_with_its_best_match() {
        let index = TextIndex::new(["Toy Story", "Story of a Toy", "Toy Story 2", "Ästhetik", "Tommy"]);
        assert_eq!(found(&index, " TOY "), [(0, MatchKind::Prefix), (1, MatchKind::WordStart), (2, MatchKind::Prefix)]);
        assert_eq!(found(&index, "tor"), [(0, MatchKind::Inside), (1, MatchKind::Inside), (2, MatchKind::Inside)]);
        assert_eq!(found(&index, "äs"), [(3, MatchKind::Prefix)]);
        assert_eq!(found(&index, "y\0s"), []);
        assert_eq!(found(&index, "ys"), []);
        assert_eq!(found(&index, ""), []);
        assert_eq!(found(&index, "mmy"), [(4, MatchKind::Inside)]);
        let mut first = Vec::new();
        index.find("toy", |i, _| {
            first.push(i);
            false
        });
        assert_eq!(first, [0]);
    }
}
