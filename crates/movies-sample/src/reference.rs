//! TMDB reference tables: genres (real ids and names), countries, languages.

/// A TMDB genre with its relative frequency in the full dataset.
pub(crate) struct Genre {
    /// TMDB genre id.
    pub(crate) id: i64,
    /// TMDB genre name.
    pub(crate) name: &'static str,
    /// Relative frequency (movies per genre in the full dataset, in hundreds).
    pub(crate) weight: f64,
}

const fn genre(id: i64, name: &'static str, weight: f64) -> Genre {
    Genre { id, name, weight }
}

/// The 20 TMDB movie genres of the dataset.
pub(crate) const GENRES: [Genre; 20] = [
    genre(18, "Drama", 203.0),
    genre(35, "Comedy", 132.0),
    genre(53, "Thriller", 76.0),
    genre(10749, "Romance", 67.0),
    genre(28, "Action", 66.0),
    genre(27, "Horror", 47.0),
    genre(80, "Crime", 43.0),
    genre(99, "Documentary", 39.0),
    genre(12, "Adventure", 35.0),
    genre(878, "Science Fiction", 30.0),
    genre(10751, "Family", 28.0),
    genre(9648, "Mystery", 25.0),
    genre(14, "Fantasy", 23.0),
    genre(16, "Animation", 19.0),
    genre(10769, "Foreign", 16.0),
    genre(10402, "Music", 16.0),
    genre(36, "History", 14.0),
    genre(10752, "War", 13.0),
    genre(37, "Western", 10.0),
    genre(10770, "TV Movie", 8.0),
];

/// A production country, the language its films are usually in, and its weight.
pub(crate) struct Country {
    /// ISO 3166-1 code.
    pub(crate) code: &'static str,
    /// Name as TMDB writes it.
    pub(crate) name: &'static str,
    /// Index into [`LANGUAGES`] of the usual original language.
    pub(crate) language: usize,
    /// Relative frequency.
    pub(crate) weight: f64,
}

const fn country(code: &'static str, name: &'static str, language: usize, weight: f64) -> Country {
    Country { code, name, language, weight }
}

/// Production countries used by the sample.
pub(crate) const COUNTRIES: [Country; 12] = [
    country("US", "United States of America", 0, 60.0),
    country("GB", "United Kingdom", 0, 9.0),
    country("FR", "France", 1, 8.0),
    country("DE", "Germany", 2, 5.0),
    country("IT", "Italy", 3, 4.0),
    country("JP", "Japan", 4, 4.0),
    country("CA", "Canada", 0, 4.0),
    country("ES", "Spain", 5, 2.0),
    country("KR", "South Korea", 6, 1.5),
    country("SE", "Sweden", 7, 1.5),
    country("IN", "India", 8, 1.5),
    country("BR", "Brazil", 9, 1.0),
];

/// Spoken languages: ISO 639-1 code and the native name TMDB shows.
pub(crate) const LANGUAGES: [(&str, &str); 10] = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("es", "Español"),
    ("ko", "한국어/조선말"),
    ("sv", "svenska"),
    ("hi", "हिन्दी"),
    ("pt", "Português"),
];
