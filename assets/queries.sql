-- The nine questions of the movies explorer, and the user ratings beside them, as SQL
-- over the exported tables.
--
-- Load the tables with schema.sql and the files in csv/ (or json/), then run any query.
-- The CSV files are RFC 4180: say so rather than let a reader guess from the first rows,
-- e.g. in DuckDB: COPY movies_master FROM 'csv/movies_master.csv' (HEADER, QUOTE '"', ESCAPE '"');
-- Written in the ANSI subset that DuckDB, Snowflake and Spark SQL all accept.
--
-- Definitions (the same as the explorer's metric tables company_year,
-- company_genre_year and genre_year, which hold these answers precomputed):
-- * every question is per release year; movies without a year are left out;
-- * sums run over distinct movies: a movie with three genres counts once for its
--   company, so each query first reduces movies_aggregated to distinct movies;
-- * *_sum is the sum of the known values (null when none is known) and *_movies says
--   how many movies had the value known;
-- * a company's (genre's) display name is the smallest name listed for its id;
-- * the most popular genre of a year has the largest total popularity (compared at the
--   six decimals of the source, so that the order in which an engine adds the floats
--   cannot decide a tie), then the most movies, then the first name in alphabetical order;
-- * a TMDB movie's user ratings are those of every MovieLens movie that links_master maps
--   to its id; rated_movies counts the movies with at least one rating, ratings their
--   ratings, and mean_rating is the sum of those ratings over their number (null without).
--
-- Each query starts with a line "-- name: <id>" so tools can pick them out.

-- name: company_budget_per_year
-- 1. Budget per production company per year.
WITH company_names AS (
    SELECT production_company_id AS company_id, MIN(production_company) AS company
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL
    GROUP BY production_company_id
),
company_movies AS (
    SELECT DISTINCT production_company_id AS company_id, movie_id, release_year, budget
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL AND release_year IS NOT NULL
)
SELECT m.company_id, n.company, m.release_year AS year,
       SUM(m.budget) AS budget_sum, COUNT(m.budget) AS budget_movies
FROM company_movies m
JOIN company_names n ON n.company_id = m.company_id
GROUP BY m.company_id, n.company, m.release_year
ORDER BY m.company_id, year;

-- name: company_revenue_per_year
-- 2. Revenue per production company per year.
WITH company_names AS (
    SELECT production_company_id AS company_id, MIN(production_company) AS company
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL
    GROUP BY production_company_id
),
company_movies AS (
    SELECT DISTINCT production_company_id AS company_id, movie_id, release_year, revenue
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL AND release_year IS NOT NULL
)
SELECT m.company_id, n.company, m.release_year AS year,
       SUM(m.revenue) AS revenue_sum, COUNT(m.revenue) AS revenue_movies
FROM company_movies m
JOIN company_names n ON n.company_id = m.company_id
GROUP BY m.company_id, n.company, m.release_year
ORDER BY m.company_id, year;

-- name: company_profit_per_year
-- 3. Profit (revenue - budget, where both are known) per production company per year.
WITH company_names AS (
    SELECT production_company_id AS company_id, MIN(production_company) AS company
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL
    GROUP BY production_company_id
),
company_movies AS (
    SELECT DISTINCT production_company_id AS company_id, movie_id, release_year, profit
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL AND release_year IS NOT NULL
)
SELECT m.company_id, n.company, m.release_year AS year,
       SUM(m.profit) AS profit_sum, COUNT(m.profit) AS profit_movies
FROM company_movies m
JOIN company_names n ON n.company_id = m.company_id
GROUP BY m.company_id, n.company, m.release_year
ORDER BY m.company_id, year;

-- name: company_releases_by_genre_per_year
-- 4. Releases per production company, genre and year (genre null: movies without a genre).
WITH company_names AS (
    SELECT production_company_id AS company_id, MIN(production_company) AS company
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL
    GROUP BY production_company_id
),
genre_names AS (
    SELECT genre_id, MIN(genre) AS genre
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL
    GROUP BY genre_id
),
company_genre_movies AS (
    SELECT DISTINCT production_company_id AS company_id, genre_id, movie_id, release_year
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL AND release_year IS NOT NULL
)
SELECT m.company_id, n.company, g.genre, m.release_year AS year, COUNT(*) AS releases
FROM company_genre_movies m
JOIN company_names n ON n.company_id = m.company_id
LEFT JOIN genre_names g ON g.genre_id = m.genre_id
GROUP BY m.company_id, n.company, m.genre_id, g.genre, m.release_year
ORDER BY m.company_id, year, g.genre;

-- name: company_average_popularity_per_year
-- 5. Average popularity per production company per year (over movies where it is known).
WITH company_names AS (
    SELECT production_company_id AS company_id, MIN(production_company) AS company
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL
    GROUP BY production_company_id
),
company_movies AS (
    SELECT DISTINCT production_company_id AS company_id, movie_id, release_year, popularity
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL AND release_year IS NOT NULL
)
SELECT m.company_id, n.company, m.release_year AS year, COUNT(*) AS movies,
       AVG(m.popularity) AS avg_popularity
FROM company_movies m
JOIN company_names n ON n.company_id = m.company_id
GROUP BY m.company_id, n.company, m.release_year
ORDER BY m.company_id, year;

-- name: most_popular_genre_per_year
-- 6. The most popular genre of each year.
WITH genre_names AS (
    SELECT genre_id, MIN(genre) AS genre
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL
    GROUP BY genre_id
),
genre_movies AS (
    SELECT DISTINCT genre_id, movie_id, release_year, popularity
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL AND release_year IS NOT NULL
),
genre_totals AS (
    SELECT m.genre_id, g.genre, m.release_year AS year, COUNT(*) AS movies,
           SUM(m.popularity) AS total_popularity, AVG(m.popularity) AS avg_popularity
    FROM genre_movies m
    JOIN genre_names g ON g.genre_id = m.genre_id
    GROUP BY m.genre_id, g.genre, m.release_year
),
ranked AS (
    SELECT genre, year, movies, total_popularity, avg_popularity,
           ROW_NUMBER() OVER (
               PARTITION BY year
               ORDER BY ROUND(total_popularity, 6) DESC NULLS LAST, movies DESC, genre ASC NULLS LAST
           ) AS popularity_rank
    FROM genre_totals
)
SELECT year, genre, movies, total_popularity, avg_popularity
FROM ranked
WHERE popularity_rank = 1
ORDER BY year;

-- name: genre_budget_per_year
-- 7. Budget per genre per year.
WITH genre_names AS (
    SELECT genre_id, MIN(genre) AS genre
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL
    GROUP BY genre_id
),
genre_movies AS (
    SELECT DISTINCT genre_id, movie_id, release_year, budget
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL AND release_year IS NOT NULL
)
SELECT g.genre, m.release_year AS year, SUM(m.budget) AS budget_sum, COUNT(m.budget) AS budget_movies
FROM genre_movies m
JOIN genre_names g ON g.genre_id = m.genre_id
GROUP BY m.genre_id, g.genre, m.release_year
ORDER BY year, g.genre;

-- name: genre_revenue_per_year
-- 8. Revenue per genre per year.
WITH genre_names AS (
    SELECT genre_id, MIN(genre) AS genre
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL
    GROUP BY genre_id
),
genre_movies AS (
    SELECT DISTINCT genre_id, movie_id, release_year, revenue
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL AND release_year IS NOT NULL
)
SELECT g.genre, m.release_year AS year, SUM(m.revenue) AS revenue_sum, COUNT(m.revenue) AS revenue_movies
FROM genre_movies m
JOIN genre_names g ON g.genre_id = m.genre_id
GROUP BY m.genre_id, g.genre, m.release_year
ORDER BY year, g.genre;

-- name: genre_profit_per_year
-- 9. Profit per genre per year.
WITH genre_names AS (
    SELECT genre_id, MIN(genre) AS genre
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL
    GROUP BY genre_id
),
genre_movies AS (
    SELECT DISTINCT genre_id, movie_id, release_year, profit
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL AND release_year IS NOT NULL
)
SELECT g.genre, m.release_year AS year, SUM(m.profit) AS profit_sum, COUNT(m.profit) AS profit_movies
FROM genre_movies m
JOIN genre_names g ON g.genre_id = m.genre_id
GROUP BY m.genre_id, g.genre, m.release_year
ORDER BY year, g.genre;

-- name: company_user_ratings_per_year
-- 10. User ratings of each production company's movies per year.
WITH company_names AS (
    SELECT production_company_id AS company_id, MIN(production_company) AS company
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL
    GROUP BY production_company_id
),
company_movies AS (
    SELECT DISTINCT production_company_id AS company_id, movie_id, release_year
    FROM movies_aggregated
    WHERE production_company_id IS NOT NULL AND release_year IS NOT NULL
),
movie_user_ratings AS (
    SELECT l.tmdb_id AS movie_id, COUNT(*) AS ratings, SUM(r.rating) AS rating_sum
    FROM ratings_master r
    JOIN links_master l ON l.movielens_id = r.movielens_id
    WHERE l.tmdb_id IS NOT NULL
    GROUP BY l.tmdb_id
)
SELECT m.company_id, n.company, m.release_year AS year,
       COUNT(r.movie_id) AS rated_movies, COALESCE(SUM(r.ratings), 0) AS ratings,
       SUM(r.rating_sum) / SUM(r.ratings) AS mean_rating
FROM company_movies m
JOIN company_names n ON n.company_id = m.company_id
LEFT JOIN movie_user_ratings r ON r.movie_id = m.movie_id
GROUP BY m.company_id, n.company, m.release_year
ORDER BY m.company_id, year;

-- name: genre_user_ratings_per_year
-- 11. User ratings of each genre's movies per year.
WITH genre_names AS (
    SELECT genre_id, MIN(genre) AS genre
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL
    GROUP BY genre_id
),
genre_movies AS (
    SELECT DISTINCT genre_id, movie_id, release_year
    FROM movies_aggregated
    WHERE genre_id IS NOT NULL AND release_year IS NOT NULL
),
movie_user_ratings AS (
    SELECT l.tmdb_id AS movie_id, COUNT(*) AS ratings, SUM(r.rating) AS rating_sum
    FROM ratings_master r
    JOIN links_master l ON l.movielens_id = r.movielens_id
    WHERE l.tmdb_id IS NOT NULL
    GROUP BY l.tmdb_id
)
SELECT g.genre, m.release_year AS year,
       COUNT(r.movie_id) AS rated_movies, COALESCE(SUM(r.ratings), 0) AS ratings,
       SUM(r.rating_sum) / SUM(r.ratings) AS mean_rating
FROM genre_movies m
JOIN genre_names g ON g.genre_id = m.genre_id
LEFT JOIN movie_user_ratings r ON r.movie_id = m.movie_id
GROUP BY m.genre_id, g.genre, m.release_year
ORDER BY year, g.genre;
