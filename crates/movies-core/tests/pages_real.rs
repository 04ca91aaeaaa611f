//! The movie and person pages and the searches on the real rows
//! (`shared/data/real/`): Toy Story, Tom Hanks, John Lasseter and the ratings of
//! `ratings_small.csv`.

mod real;

use movies_core::origin::InMemory;
use movies_core::pages::load::{explore, Explored};
use movies_core::sources::{resolve, Given, GivenKind};

use real::{read_real, real_data_dir};

/// The real files (the small ratings and links as the real folder has them).
const FILES: [&str; 5] = ["movies_metadata.csv", "credits.csv", "keywords.csv", "links.csv", "ratings_small.csv"];

fn explored(test: &str) -> Option<Explored> {
    let dir = real_data_dir(test)?;
    let given = FILES
        .iter()
        .map(|name| Given { name: (*name).into(), kind: GivenKind::File(InMemory::new(name, read_real(&dir, name))) })
        .collect();
    let sources = resolve(given).expect("the real files resolve").sources;
    Some(explore(&sources).expect("the real files load"))
}

#[test]
fn toy_story_has_its_cast_crew_keywords_and_ratings() {
    let Some(Explored { kept, explorer, .. }) = explored("toy_story_page") else { return };
    let page = explorer.movie_page(&kept, 862).expect("Toy Story has a page");
    assert_eq!(page.title.as_deref(), Some("Toy Story"));
    assert_eq!(page.cast[0].name.as_deref(), Some("Tom Hanks"));
    assert_eq!(page.cast[0].person_id, Some(31));
    assert_eq!(page.cast[0].character.as_deref(), Some("Woody (voice)"));
    let directing = page.crew.iter().find(|d| d.department.as_deref() == Some("Directing")).expect("a director");
    assert!(directing
        .crew
        .iter()
        .any(|c| c.name.as_deref() == Some("John Lasseter") && c.job.as_deref() == Some("Director")));
    assert_eq!(page.crew[0].department.as_deref(), Some("Directing"));
    assert!(page.genres.iter().any(|g| g.name.as_deref() == Some("Animation")));
    assert!(page.companies.iter().any(|c| c.name.as_deref() == Some("Pixar Animation Studios")));
    assert_eq!(page.collection.as_ref().and_then(|c| c.name.as_deref()), Some("Toy Story Collection"));
    assert!(page.keywords.iter().any(|k| k == "toy"));
    assert_eq!(page.movielens_ids, [1]);
    assert_eq!(page.ratings.count, 247);
    assert_eq!(page.ratings.bins.iter().sum::<u64>(), 247);
    let mean = page.ratings.mean.expect("a mean");
    assert!((3.0..4.5).contains(&mean), "{mean}");
    assert!(page.credits_read);
    assert!(page.row.iter().any(|f| f.column == "title" && f.value.as_deref() == Some("Toy Story")));
    assert!(explorer.movie_page(&kept, 999_999_999).is_none());
}

#[test]
fn tom_hanks_has_toy_story_and_the_searches_find_them() {
    let Some(Explored { kept, explorer, .. }) = explored("tom_hanks_page") else { return };
    let page = explorer.person_page(&kept, 31).expect("Tom Hanks has a page");
    assert_eq!(page.name.as_deref(), Some("Tom Hanks"));
    let toy_story = page.movies.iter().find(|m| m.movie_id == 862).expect("Toy Story among his movies");
    assert_eq!(toy_story.year, Some(1995));
    assert!(toy_story.roles[0].cast);
    assert!(page.years.iter().any(|y| y.year == 1995 && y.movies >= 1 && y.budget_sum.is_some()));
    assert!(page.ratings >= 247 && page.mean_rating.is_some());
    assert!(explorer.person_page(&kept, -5).is_none());

    let titles = explorer.search_titles(&kept.movies, "toy st", 20);
    assert_eq!(titles[0].movie_id, 862, "{titles:?}");
    let people = explorer.search_people("hanks", 20);
    assert_eq!(people[0].person_id, 31, "{people:?}");
    assert_eq!(people[0].known_for, "Actor");
    let lasseter = explorer.search_people("LASSETER", 20);
    assert_eq!(lasseter[0].known_for, "Director");
    assert!(explorer.search_people("", 20).is_empty());
}
