//! Genre colors: each genre keeps its color in every chart (its rank in the sorted
//! list of the dataset's genres); movies without a genre are neutral.

use movies_charts::Paint;
use movies_protocol::GenreYear;

/// Label of movies without a genre.
pub const NO_GENRE: &str = "(no genre)";

/// The dataset's genres, sorted, for stable colors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GenrePalette {
    names: Vec<String>,
}

impl GenrePalette {
    /// The genres found in `genre_year`.
    pub fn new(rows: &[GenreYear]) -> Self {
        let mut names: Vec<String> = rows.iter().filter_map(|r| r.genre.clone()).collect();
        names.sort();
        names.dedup();
        GenrePalette { names }
    }

    /// Every genre, sorted.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The color of a genre (neutral for none or an unknown one).
    pub fn paint(&self, genre: Option<&str>) -> Paint {
        genre
            .and_then(|g| self.names.binary_search_by(|n| n.as_str().cmp(g)).ok())
            .map_or(Paint::Neutral, Paint::Category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colors_follow_the_sorted_names() {
        let row = |g: Option<&str>| GenreYear {
            genre: g.map(str::to_owned),
            year: 2000,
            movies: 1,
            budget: Default::default(),
            revenue: Default::default(),
            profit: Default::default(),
            total_popularity: None,
            avg_popularity: None,
            popularity_rank: 1,
            ratings: Default::default(),
        };
        let palette = GenrePalette::new(&[row(Some("Drama")), row(Some("Action")), row(Some("Drama")), row(None)]);
        assert_eq!(palette.names(), ["Action", "Drama"]);
        assert_eq!(palette.paint(Some("Drama")), Paint::Category(1));
        assert_eq!(palette.paint(Some("Western")), Paint::Neutral);
        assert_eq!(palette.paint(None), Paint::Neutral);
    }
}
