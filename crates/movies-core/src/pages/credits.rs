//! Cast, crew and keywords of every movie, held compactly for the movie and person
//! pages: text interned once ([`Strings`]), one fixed-size record per credit, sorted
//! by movie, and an index of each person's credits.

use std::collections::HashMap;

use super::strings::{Strings, NONE};
use crate::model::{CastRow, CrewRow, KeywordRow};

/// Whether a credit is a cast or a crew entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A role played.
    Cast,
    /// A job done.
    Crew,
}

/// One cast or crew entry (32 bytes).
#[derive(Debug, Clone, Copy)]
pub struct Credit {
    /// TMDB movie id.
    pub movie: i64,
    /// Index of the person in [`CreditsIndex::people`], [`NONE`] without a person id.
    pub person: u32,
    /// The name given in this credit.
    pub name: u32,
    /// The character (cast) or the job (crew).
    pub role: u32,
    /// The department (crew), [`NONE`] for cast.
    pub department: u32,
    /// The billing order (cast; `u32::MAX` when unknown), the entry's place (crew).
    pub order: u32,
    /// Cast or crew.
    pub kind: Kind,
}

/// A person with credits.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    /// TMDB person id.
    pub id: i64,
    /// The name of their first credit.
    pub name: u32,
    /// Cast credits.
    pub cast: u32,
    /// Crew credits.
    pub crew: u32,
    /// Crew credits as `Director`.
    pub directed: u32,
}

/// Collects credits and keywords as the cleaners emit them.
#[derive(Debug, Default)]
pub struct CreditsBuilder {
    strings: Strings,
    credits: Vec<Credit>,
    keywords: Vec<(i64, u32)>,
    people: Vec<Person>,
    person_of: HashMap<i64, u32>,
    crew_place: u32,
}

fn order_of(order: Option<i64>) -> u32 {
    order.and_then(|o| u32::try_from(o).ok()).filter(|o| *o != u32::MAX).unwrap_or(u32::MAX)
}

impl CreditsBuilder {
    fn person(&mut self, id: Option<i64>, name: u32) -> u32 {
        let Some(id) = id else { return NONE };
        let next = self.people.len() as u32;
        let index = *self.person_of.entry(id).or_insert(next);
        if index == next {
            self.people.push(Person { id, name, cast: 0, crew: 0, directed: 0 });
        }
        index
    }

    /// Adds a cast row.
    pub fn cast(&mut self, row: &CastRow<'_>) {
        let e = &row.entry;
        let name = self.strings.intern(e.name.as_deref());
        let person = self.person(e.person_id, name);
        if let Some(p) = self.people.get_mut(person as usize) {
            p.cast += 1;
        }
        let role = self.strings.intern(e.character.as_deref());
        let order = order_of(e.order);
        self.credits.push(Credit {
            movie: row.movie_id,
            person,
            name,
            role,
            department: NONE,
            order,
            kind: Kind::Cast,
        });
    }

    /// Adds a crew row.
    pub fn crew(&mut self, row: &CrewRow<'_>) {
        let e = &row.entry;
        let name = self.strings.intern(e.name.as_deref());
        let person = self.person(e.person_id, name);
        if let Some(p) = self.people.get_mut(person as usize) {
            p.crew += 1;
            p.directed += u32::from(e.job.as_deref() == Some("Director"));
        }
        let role = self.strings.intern(e.job.as_deref());
        let department = self.strings.intern(e.department.as_deref());
        self.crew_place = self.crew_place.wrapping_add(1);
        let order = self.crew_place;
        self.credits.push(Credit { movie: row.movie_id, person, name, role, department, order, kind: Kind::Crew });
    }

    /// Adds a keyword row.
    pub fn keyword(&mut self, row: &KeywordRow<'_>) {
        let keyword = self.strings.intern(row.keyword.as_deref());
        self.keywords.push((row.movie_id, keyword));
    }

    /// Sorts what was collected into the index.
    pub fn finish(self) -> CreditsIndex {
        let CreditsBuilder { mut strings, mut credits, mut keywords, people, person_of, .. } = self;
        drop(person_of);
        strings.freeze();
        // People by id; credits renumbered to match.
        let mut by_id: Vec<u32> = (0..people.len() as u32).collect();
        by_id.sort_unstable_by_key(|&i| people[i as usize].id);
        let mut rank = vec![0u32; people.len()];
        for (new, &old) in by_id.iter().enumerate() {
            rank[old as usize] = new as u32;
        }
        let people: Vec<Person> = by_id.iter().map(|&i| people[i as usize]).collect();
        for credit in &mut credits {
            if credit.person != NONE {
                credit.person = rank[credit.person as usize];
            }
        }
        drop(rank);
        credits.sort_by_key(|c| (c.movie, c.kind, c.order));
        credits.shrink_to_fit();
        keywords.sort_by_key(|k| k.0);
        keywords.shrink_to_fit();
        // Each person's credits, by movie.
        let mut by_person: Vec<u32> =
            (0..credits.len() as u32).filter(|&i| credits[i as usize].person != NONE).collect();
        by_person.sort_by_key(|&i| credits[i as usize].person);
        let mut person_starts = vec![0u32; people.len() + 1];
        for &i in &by_person {
            person_starts[credits[i as usize].person as usize + 1] += 1;
        }
        for p in 0..people.len() {
            person_starts[p + 1] += person_starts[p];
        }
        CreditsIndex { strings, credits, keywords, people, by_person, person_starts }
    }
}

/// Cast, crew and keywords, by movie and by person.
#[derive(Debug, Default)]
pub struct CreditsIndex {
    strings: Strings,
    credits: Vec<Credit>,
    keywords: Vec<(i64, u32)>,
    people: Vec<Person>,
    by_person: Vec<u32>,
    person_starts: Vec<u32>,
}

impl CreditsIndex {
    /// The text of a handle.
    pub fn text(&self, id: u32) -> Option<&str> {
        self.strings.get(id)
    }

    /// The credits of a movie: cast in billing order, then crew in source order.
    pub fn of_movie(&self, movie: i64) -> &[Credit] {
        let start = self.credits.partition_point(|c| c.movie < movie);
        let end = self.credits.partition_point(|c| c.movie <= movie);
        &self.credits[start..end]
    }

    /// The keywords of a movie, in source order.
    pub fn keywords_of(&self, movie: i64) -> impl Iterator<Item = &str> {
        let start = self.keywords.partition_point(|k| k.0 < movie);
        self.keywords[start..].iter().take_while(move |k| k.0 == movie).filter_map(|k| self.text(k.1))
    }

    /// Every person, by id.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// The index of the person with TMDB id `id`.
    pub fn person_index(&self, id: i64) -> Option<usize> {
        self.people.binary_search_by_key(&id, |p| p.id).ok()
    }

    /// The credits of the person at `index`, by movie.
    pub fn of_person(&self, index: usize) -> impl Iterator<Item = &Credit> {
        let (start, end) = (self.person_starts[index] as usize, self.person_starts[index + 1] as usize);
        self.by_person[start..end].iter().map(|&i| &self.credits[i as usize])
    }

    /// Credit rows held.
    pub fn len(&self) -> usize {
        self.credits.len()
    }

    /// Whether no credit is held.
    pub fn is_empty(&self) -> bool {
        self.credits.is_empty()
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.strings.bytes()
            + self.credits.capacity() * size_of::<Credit>()
            + self.keywords.capacity() * size_of::<(i64, u32)>()
            + self.people.capacity() * size_of::<Person>()
            + (self.by_person.capacity() + self.person_starts.capacity()) * 4
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::model::{CastEntry, CrewEntry};

    fn cast(movie_id: i64, person: i64, name: &'static str, character: &'static str, order: i64) -> CastRow<'static> {
        let entry = CastEntry {
            person_id: Some(person),
            name: Some(Cow::Borrowed(name)),
            character: Some(Cow::Borrowed(character)),
            order: Some(order),
            ..CastEntry::default()
        };
        CastRow { movie_id, entry }
    }

    fn crew(movie_id: i64, person: i64, name: &'static str, job: &'static str) -> CrewRow<'static> {
        let entry = CrewEntry {
            person_id: Some(person),
            name: Some(Cow::Borrowed(name)),
            job: Some(Cow::Borrowed(job)),
            department: Some(Cow::Borrowed("Directing")),
            ..CrewEntry::default()
        };
        CrewRow { movie_id, entry }
    }

    #[test]
    fn credits_by_movie_in_billing_order_and_by_person() {
        let mut builder = CreditsBuilder::default();
        builder.crew(&crew(862, 7879, "John Lasseter", "Director"));
        builder.cast(&cast(862, 12898, "Tim Allen", "Buzz", 1));
        builder.cast(&cast(862, 31, "Tom Hanks", "Woody", 0));
        builder.cast(&cast(13, 31, "Tom Hanks", "Forrest", 0));
        builder.cast(&CastRow { movie_id: 13, entry: CastEntry::default() });
        builder.keyword(&KeywordRow { movie_id: 862, keyword_id: 1, keyword: Some(Cow::Borrowed("toy")) });
        builder.keyword(&KeywordRow { movie_id: 13, keyword_id: 2, keyword: None });
        builder.keyword(&KeywordRow { movie_id: 862, keyword_id: 3, keyword: Some(Cow::Borrowed("boy")) });
        let index = builder.finish();
        assert_eq!(index.len(), 5);
        let toy_story: Vec<_> = index.of_movie(862).iter().map(|c| (c.kind, index.text(c.name))).collect();
        assert_eq!(
            toy_story,
            [(Kind::Cast, Some("Tom Hanks")), (Kind::Cast, Some("Tim Allen")), (Kind::Crew, Some("John Lasseter"))]
        );
        assert_eq!(index.keywords_of(862).collect::<Vec<_>>(), ["toy", "boy"]);
        assert_eq!(index.keywords_of(13).count(), 0);
        assert!(index.of_movie(99).is_empty());
        let hanks = index.person_index(31).unwrap();
        let movies: Vec<i64> = index.of_person(hanks).map(|c| c.movie).collect();
        assert_eq!(movies, [13, 862]);
        assert_eq!(index.people()[hanks].cast, 2);
        let lasseter = index.person_index(7879).unwrap();
        assert_eq!(index.people()[lasseter].directed, 1);
        assert_eq!(index.person_index(5), None);
        assert_eq!(index.people().len(), 3);
    }
}
