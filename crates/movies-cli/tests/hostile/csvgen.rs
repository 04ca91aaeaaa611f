//! Small, known-good CSV files of the five inputs, and records to spoil them with.

pub use movies_sample::{csv_field as field, MOVIES_METADATA_COLUMNS as MOVIE_COLUMNS};

/// A line of CSV from its fields.
pub fn line(fields: &[String]) -> String {
    fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",")
}

/// The fields of a valid movie with id `id`, with the named columns replaced.
pub fn movie(id: u32, set: &[(&str, &str)]) -> Vec<String> {
    let mut fields: Vec<String> = MOVIE_COLUMNS
        .iter()
        .map(|column| {
            match *column {
                "adult" | "video" => "False",
                "belongs_to_collection" => "{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': None}",
                "budget" => "30000000",
                "genres" => "[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]",
                "original_language" => "en",
                "overview" => "Led by Woody, Andy's toys live happily in his room.",
                "popularity" => "21.946943",
                "production_companies" => "[{'name': 'Pixar Animation Studios', 'id': 3}]",
                "release_date" => "1995-10-30",
                "revenue" => "373554033",
                "runtime" => "81.0",
                "status" => "Released",
                "vote_average" => "7.7",
                "vote_count" => "5415",
                _ => "",
            }
            .to_owned()
        })
        .collect();
    fields[5] = id.to_string();
    let title = format!("Movie {id}");
    fields[8].clone_from(&title);
    fields[20] = title;
    for (column, value) in set {
        let at = MOVIE_COLUMNS.iter().position(|c| c == column).unwrap_or_else(|| panic!("no column {column}"));
        fields[at] = (*value).to_owned();
    }
    fields
}

/// A movies_metadata.csv of `records` (whole lines, already joined), `\n`-terminated.
pub fn movies_file(records: &[String]) -> Vec<u8> {
    let mut out = MOVIE_COLUMNS.join(",");
    for record in records {
        out.push('\n');
        out.push_str(record);
    }
    out.push('\n');
    out.into_bytes()
}

/// A movies_metadata.csv with the three valid movies 1, 2 and 3.
pub fn good_movies() -> Vec<u8> {
    movies_file(&[line(&movie(1, &[])), line(&movie(2, &[])), line(&movie(3, &[]))])
}

/// A credits.csv with three valid records (one cast and one crew entry each).
pub fn good_credits() -> Vec<u8> {
    let mut out = String::from("cast,crew,id\n");
    for id in 1..=3 {
        let cast = format!(
            "[{{'cast_id': 14, 'character': 'Woody (voice)', 'credit_id': 'c{id}', 'gender': 2, 'id': 31, \
             'name': 'Tom Hanks', 'order': 0, 'profile_path': None}}]"
        );
        let crew = format!(
            "[{{'credit_id': 'k{id}', 'department': 'Directing', 'gender': 2, 'id': 7879, 'job': 'Director', \
             'name': 'John Lasseter', 'profile_path': None}}]"
        );
        out.push_str(&line(&[cast, crew, id.to_string()]));
        out.push('\n');
    }
    out.into_bytes()
}

/// A keywords.csv with three valid records.
pub fn good_keywords() -> Vec<u8> {
    let mut out = String::from("id,keywords\n");
    for id in 1..=3 {
        out.push_str(&line(&[id.to_string(), "[{'id': 931, 'name': 'jealousy'}, {'id': 4290, 'name': 'toy'}]".into()]));
        out.push('\n');
    }
    out.into_bytes()
}

/// A links.csv with three valid records.
pub fn good_links() -> Vec<u8> {
    b"movieId,imdbId,tmdbId\n1,0114709,1\n2,0113497,2\n3,0113228,3\n".to_vec()
}

/// A ratings.csv with `n` valid ratings.
pub fn ratings(n: usize) -> Vec<u8> {
    let mut out = String::from("userId,movieId,rating,timestamp\n");
    for i in 0..n {
        out.push_str(&format!("{},{},{}.5,{}\n", i % 671 + 1, i % 3 + 1, i % 5, 1_260_759_144 + i));
    }
    out.into_bytes()
}

/// The five good files, by name (ratings with `ratings_rows` rows).
pub fn good_dataset(ratings_rows: usize) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("movies_metadata.csv", good_movies()),
        ("credits.csv", good_credits()),
        ("keywords.csv", good_keywords()),
        ("links.csv", good_links()),
        ("ratings.csv", ratings(ratings_rows)),
    ]
}
