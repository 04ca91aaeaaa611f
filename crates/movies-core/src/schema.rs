//! The definition of every output table: columns, types, keys and relations.
//!
//! This is the single source of truth for the column order of the CSV and NDJSON
//! writers, for `schema.sql`, and for the data model view of the explorer.

use serde::{Deserialize, Serialize};

/// Every table the product writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// One row per movie.
    MoviesMaster,
    /// One row per movie × genre × production company.
    MoviesAggregated,
    /// One row per movie × keyword.
    KeywordsMaster,
    /// One row per movie × cast entry.
    CastMaster,
    /// One row per movie × crew entry.
    CrewMaster,
    /// One row per MovieLens movie.
    LinksMaster,
    /// One row per rating.
    RatingsMaster,
    /// Budget, revenue, profit and popularity per company per year.
    CompanyYear,
    /// Releases per company, genre and year.
    CompanyGenreYear,
    /// Budget, revenue, profit and popularity rank per genre per year.
    GenreYear,
    /// Count and mean of the ratings of each movie.
    MovieRatings,
    /// Every rejected record and nulled value.
    ErrorLog,
}

/// SQL type of a column (ANSI names that DuckDB, Snowflake and Spark all accept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ColumnType {
    /// 64-bit integer.
    BigInt,
    /// 32-bit integer.
    Integer,
    /// 64-bit float.
    Double,
    /// UTF-8 text.
    Varchar,
    /// true / false.
    Boolean,
    /// Calendar date, ISO in exports.
    Date,
}

impl ColumnType {
    /// The SQL spelling.
    pub fn sql(self) -> &'static str {
        match self {
            ColumnType::BigInt => "BIGINT",
            ColumnType::Integer => "INTEGER",
            ColumnType::Double => "DOUBLE",
            // ANSI requires a length and Spark refuses VARCHAR without one; 16 MiB, the
            // largest record the reader accepts, bounds every text and is Snowflake's maximum.
            ColumnType::Varchar => "VARCHAR(16777216)",
            ColumnType::Boolean => "BOOLEAN",
            ColumnType::Date => "DATE",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Column {
    /// Name in headers, JSON keys and SQL.
    pub name: &'static str,
    /// SQL type.
    #[serde(rename = "type")]
    pub ty: ColumnType,
    /// Whether the column can be null.
    pub nullable: bool,
    /// What the column holds.
    pub doc: &'static str,
}

/// A reference from columns of one table to the key of another.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Reference {
    /// The referencing column.
    pub column: &'static str,
    /// The referenced table.
    pub table: Table,
    /// The referenced column.
    pub target: &'static str,
}

/// A table's definition.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TableDef {
    /// Which table.
    pub table: Table,
    /// Name of the table and of its files.
    pub name: &'static str,
    /// What one row stands for.
    pub grain: &'static str,
    /// The input file it comes from (or `derived`).
    pub source: &'static str,
    /// Columns forming the key (may be empty when rows have no natural key).
    pub key: &'static [&'static str],
    /// Columns in output order.
    pub columns: &'static [Column],
    /// Relations to other tables (not enforced: orphans are kept).
    pub references: &'static [Reference],
}

const fn col(name: &'static str, ty: ColumnType, doc: &'static str) -> Column {
    Column { name, ty, nullable: true, doc }
}

const fn key(name: &'static str, ty: ColumnType, doc: &'static str) -> Column {
    Column { name, ty, nullable: false, doc }
}

use ColumnType::{BigInt, Boolean, Date, Double, Integer, Varchar};

/// The two columns of a money measure in the metric tables, spelt alike in
/// `company_year` and `genre_year`, for code that names them (the explorer's chart data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoneyColumns {
    /// The sum over the movies where the amount is known (`budget_sum`).
    pub sum: &'static str,
    /// How many movies had it known (`budget_movies`).
    pub movies: &'static str,
}

/// The budget columns of the metric tables.
pub const BUDGET_COLUMNS: MoneyColumns = MoneyColumns { sum: "budget_sum", movies: "budget_movies" };
/// The revenue columns of the metric tables.
pub const REVENUE_COLUMNS: MoneyColumns = MoneyColumns { sum: "revenue_sum", movies: "revenue_movies" };
/// The profit columns of the metric tables.
pub const PROFIT_COLUMNS: MoneyColumns = MoneyColumns { sum: "profit_sum", movies: "profit_movies" };

/// The user-rating columns of the metric tables: `rated_movies`, `ratings`,
/// `mean_rating` (a TMDB movie's ratings are those of every MovieLens movie links_master
/// maps to it).
pub const RATING_COLUMNS: [&str; 3] = ["rated_movies", "ratings", "mean_rating"];

const MOVIE_REF: [Reference; 1] = [Reference { column: "movie_id", table: Table::MoviesMaster, target: "id" }];

static DEFS: [TableDef; 12] = [
    TableDef {
        table: Table::MoviesMaster,
        name: "movies_master",
        grain: "movie",
        source: "movies_metadata.csv",
        key: &["id"],
        columns: &[
            key("id", BigInt, "TMDB movie id"),
            col("title", Varchar, "title"),
            col("original_title", Varchar, "title in the original language"),
            col("original_language", Varchar, "ISO 639-1 code of the original language"),
            col("adult", Boolean, "adult film"),
            col("video", Boolean, "video release"),
            col("status", Varchar, "release status"),
            col("release_date", Date, "release date"),
            col("release_year", Integer, "year of release_date"),
            col("budget", Double, "budget in USD; null when unknown (0 in the source)"),
            col("revenue", Double, "revenue in USD; null when unknown (0 in the source)"),
            col("profit", Double, "revenue - budget when both are known"),
            col("popularity", Double, "TMDB popularity"),
            col("runtime", Double, "running time in minutes"),
            col("vote_average", Double, "mean TMDB vote"),
            col("vote_count", BigInt, "number of TMDB votes"),
            col("imdb_id", Varchar, "IMDb id"),
            col("homepage", Varchar, "official web site"),
            col("tagline", Varchar, "tagline"),
            col("overview", Varchar, "plot overview"),
            col("poster_path", Varchar, "TMDB poster path"),
            col("collection_id", BigInt, "TMDB collection id"),
            col("collection_name", Varchar, "collection name"),
        ],
        references: &[],
    },
    TableDef {
        table: Table::MoviesAggregated,
        name: "movies_aggregated",
        grain: "movie × genre × production company (null genre or company kept)",
        source: "movies_metadata.csv",
        key: &[],
        columns: &[
            key("movie_id", BigInt, "TMDB movie id"),
            col("title", Varchar, "title"),
            col("release_date", Date, "release date"),
            col("release_year", Integer, "year of release_date"),
            col("popularity", Double, "TMDB popularity"),
            col("budget", Double, "budget in USD, null when unknown"),
            col("revenue", Double, "revenue in USD, null when unknown"),
            col("profit", Double, "revenue - budget when both are known"),
            col("genre_id", BigInt, "TMDB genre id; null when the movie has no genre"),
            col("genre", Varchar, "genre name as listed on this movie"),
            col("production_company_id", BigInt, "TMDB company id; null when the movie has no company"),
            col("production_company", Varchar, "company name as listed on this movie"),
        ],
        references: &MOVIE_REF,
    },
    TableDef {
        table: Table::KeywordsMaster,
        name: "keywords_master",
        grain: "movie × keyword",
        source: "keywords.csv",
        key: &["movie_id", "keyword_id"],
        columns: &[
            key("movie_id", BigInt, "TMDB movie id"),
            key("keyword_id", BigInt, "TMDB keyword id"),
            col("keyword", Varchar, "keyword"),
        ],
        references: &MOVIE_REF,
    },
    TableDef {
        table: Table::CastMaster,
        name: "cast_master",
        grain: "movie × cast entry",
        source: "credits.csv",
        key: &[],
        columns: &[
            key("movie_id", BigInt, "TMDB movie id"),
            col("cast_id", BigInt, "cast entry id within the movie"),
            col("character", Varchar, "character played"),
            col("credit_id", Varchar, "TMDB credit id"),
            col("gender", Integer, "0 unknown, 1 female, 2 male"),
            col("person_id", BigInt, "TMDB person id"),
            col("name", Varchar, "person name"),
            col("order", Integer, "billing order"),
            col("profile_path", Varchar, "TMDB profile image path"),
        ],
        references: &MOVIE_REF,
    },
    TableDef {
        table: Table::CrewMaster,
        name: "crew_master",
        grain: "movie × crew entry",
        source: "credits.csv",
        key: &[],
        columns: &[
            key("movie_id", BigInt, "TMDB movie id"),
            col("credit_id", Varchar, "TMDB credit id"),
            col("department", Varchar, "department"),
            col("gender", Integer, "0 unknown, 1 female, 2 male"),
            col("person_id", BigInt, "TMDB person id"),
            col("job", Varchar, "job"),
            col("name", Varchar, "person name"),
            col("profile_path", Varchar, "TMDB profile image path"),
        ],
        references: &MOVIE_REF,
    },
    TableDef {
        table: Table::LinksMaster,
        name: "links_master",
        grain: "MovieLens movie",
        source: "links.csv",
        key: &["movielens_id"],
        columns: &[
            key("movielens_id", BigInt, "MovieLens movie id"),
            col("imdb_id", Varchar, "IMDb id, tt-prefixed like movies_master.imdb_id"),
            col("tmdb_id", BigInt, "TMDB movie id; null when the source has none"),
        ],
        references: &[Reference { column: "tmdb_id", table: Table::MoviesMaster, target: "id" }],
    },
    TableDef {
        table: Table::RatingsMaster,
        name: "ratings_master",
        grain: "rating",
        source: "ratings.csv",
        key: &[],
        columns: &[
            key("user_id", BigInt, "MovieLens user id"),
            key("movielens_id", BigInt, "MovieLens movie id"),
            key("rating", Double, "stars, 0.5 to 5"),
            col("timestamp", BigInt, "Unix time of the rating"),
        ],
        references: &[Reference { column: "movielens_id", table: Table::LinksMaster, target: "movielens_id" }],
    },
    TableDef {
        table: Table::CompanyYear,
        name: "company_year",
        grain: "production company × release year",
        source: "derived from movies_aggregated",
        key: &["company_id", "year"],
        columns: &[
            key("company_id", BigInt, "TMDB company id"),
            col("company", Varchar, "smallest name listed for the id"),
            key("year", Integer, "release year"),
            key("movies", BigInt, "distinct movies"),
            col(BUDGET_COLUMNS.sum, Double, "sum of known budgets; null when none is known"),
            key(BUDGET_COLUMNS.movies, BigInt, "movies with a known budget"),
            col(REVENUE_COLUMNS.sum, Double, "sum of known revenues"),
            key(REVENUE_COLUMNS.movies, BigInt, "movies with a known revenue"),
            col(PROFIT_COLUMNS.sum, Double, "sum of known profits"),
            key(PROFIT_COLUMNS.movies, BigInt, "movies with both budget and revenue known"),
            col("avg_popularity", Double, "mean popularity over movies where it is known"),
            key(RATING_COLUMNS[0], BigInt, "distinct movies with at least one user rating"),
            key(RATING_COLUMNS[1], BigInt, "user ratings of those movies"),
            col(RATING_COLUMNS[2], Double, "sum of those ratings / ratings; null when there are none"),
        ],
        references: &[],
    },
    TableDef {
        table: Table::CompanyGenreYear,
        name: "company_genre_year",
        grain: "production company × genre × release year",
        source: "derived from movies_aggregated",
        key: &["company_id", "genre", "year"],
        columns: &[
            key("company_id", BigInt, "TMDB company id"),
            col("company", Varchar, "smallest name listed for the id"),
            col("genre", Varchar, "genre; null for movies without a genre"),
            key("year", Integer, "release year"),
            key("releases", BigInt, "distinct movies released"),
        ],
        references: &[],
    },
    TableDef {
        table: Table::GenreYear,
        name: "genre_year",
        grain: "genre × release year",
        source: "derived from movies_aggregated",
        key: &["genre", "year"],
        columns: &[
            key("genre", Varchar, "genre"),
            key("year", Integer, "release year"),
            key("movies", BigInt, "distinct movies"),
            col(BUDGET_COLUMNS.sum, Double, "sum of known budgets"),
            key(BUDGET_COLUMNS.movies, BigInt, "movies with a known budget"),
            col(REVENUE_COLUMNS.sum, Double, "sum of known revenues"),
            key(REVENUE_COLUMNS.movies, BigInt, "movies with a known revenue"),
            col(PROFIT_COLUMNS.sum, Double, "sum of known profits"),
            key(PROFIT_COLUMNS.movies, BigInt, "movies with both budget and revenue known"),
            col("total_popularity", Double, "sum of known popularity"),
            col("avg_popularity", Double, "mean of known popularity"),
            key("popularity_rank", Integer, "1 = most popular genre of the year"),
            key(RATING_COLUMNS[0], BigInt, "distinct movies with at least one user rating"),
            key(RATING_COLUMNS[1], BigInt, "user ratings of those movies"),
            col(RATING_COLUMNS[2], Double, "sum of those ratings / ratings; null when there are none"),
        ],
        references: &[],
    },
    TableDef {
        table: Table::MovieRatings,
        name: "movie_ratings",
        grain: "MovieLens movie with ratings",
        source: "derived from ratings_master and links_master",
        key: &["movielens_id"],
        columns: &[
            key("movielens_id", BigInt, "MovieLens movie id"),
            col("tmdb_id", BigInt, "TMDB movie id through links_master; null when unknown"),
            key("ratings", BigInt, "number of ratings"),
            key("avg_rating", Double, "mean rating"),
        ],
        references: &[
            Reference { column: "movielens_id", table: Table::LinksMaster, target: "movielens_id" },
            Reference { column: "tmdb_id", table: Table::MoviesMaster, target: "id" },
        ],
    },
    TableDef {
        table: Table::ErrorLog,
        name: "error_log",
        grain: "rejected record or nulled value",
        source: "all input files",
        key: &[],
        columns: &[
            key("source_file", Varchar, "input file name"),
            key("line", BigInt, "line where the record starts (1 = header)"),
            col("movie_id", BigInt, "the record's id when readable"),
            key("severity", Varchar, "error = row rejected, warning = row kept with the value set to null"),
            col("column", Varchar, "column concerned"),
            key("reason", Varchar, "what is wrong"),
            col("raw_value", Varchar, "offending text, first 200 characters"),
        ],
        references: &[],
    },
];

impl Table {
    /// Every table, in export order.
    pub const ALL: [Table; 12] = [
        Table::MoviesMaster,
        Table::MoviesAggregated,
        Table::KeywordsMaster,
        Table::CastMaster,
        Table::CrewMaster,
        Table::LinksMaster,
        Table::RatingsMaster,
        Table::CompanyYear,
        Table::CompanyGenreYear,
        Table::GenreYear,
        Table::MovieRatings,
        Table::ErrorLog,
    ];

    /// The table's definition.
    pub fn def(self) -> &'static TableDef {
        &DEFS[self as usize]
    }

    /// The table's name.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// Finds a table by name.
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// SQL words used as column names here that must be quoted in `CREATE TABLE`.
const RESERVED: [&str; 4] = ["order", "character", "column", "timestamp"];

/// A column name as written in SQL: quoted when it is a reserved word.
pub fn sql_identifier(name: &str) -> String {
    if RESERVED.contains(&name) {
        format!("\"{name}\"")
    } else {
        name.to_owned()
    }
}

/// The text of `schema.sql`: a `CREATE TABLE` for every table.
pub fn schema_sql() -> String {
    let mut sql = String::from(
        "-- Tables written by the movies explorer (csv/<table>.csv, json/<table>.ndjson).\n\
         -- ANSI types accepted by DuckDB, Snowflake and Spark SQL. Keys and references are\n\
         -- documented in comments, not enforced: the cleaner keeps orphan rows.\n",
    );
    for table in Table::ALL {
        let def = table.def();
        sql.push_str(&format!("\n-- {}: one row per {} (from {})\n", def.name, def.grain, def.source));
        if !def.key.is_empty() {
            sql.push_str(&format!("-- key: {}\n", def.key.join(", ")));
        }
        for r in def.references {
            sql.push_str(&format!("-- {} references {}.{}\n", r.column, r.table.name(), r.target));
        }
        sql.push_str(&format!("CREATE TABLE {} (\n", def.name));
        let lines: Vec<String> = def
            .columns
            .iter()
            .map(|c| {
                let null = if c.nullable { "" } else { " NOT NULL" };
                format!("    {} {}{}", sql_identifier(c.name), c.ty.sql(), null)
            })
            .collect();
        sql.push_str(&lines.join(",\n"));
        sql.push_str("\n);\n");
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defs_are_indexed_by_table() {
        for table in Table::ALL {
            assert_eq!(table.def().table, table);
            assert_eq!(Table::from_name(table.name()), Some(table));
        }
    }

    #[test]
    fn references_point_at_real_columns() {
        for table in Table::ALL {
            let def = table.def();
            for r in def.references {
                assert!(def.columns.iter().any(|c| c.name == r.column));
                assert!(r.table.def().columns.iter().any(|c| c.name == r.target));
            }
            for k in def.key {
                assert!(def.columns.iter().any(|c| c.name == *k), "{k}");
            }
        }
    }

    #[test]
    fn schema_sql_quotes_reserved_words() {
        let sql = schema_sql();
        assert!(sql.contains("CREATE TABLE cast_master (\n    movie_id BIGINT NOT NULL,"));
        assert!(sql.contains("    \"order\" INTEGER,"));
        assert_eq!(sql.matches("CREATE TABLE").count(), Table::ALL.len());
    }
}
