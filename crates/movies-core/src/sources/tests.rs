use std::io::{Cursor, Read, Write};

use flate2::write::GzEncoder;
use flate2::Compression;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use super::*;
use crate::origin::InMemory;
use crate::pipeline::FileJob;
use crate::records::Limits;

const RATINGS: &[u8] = b"userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n";
const LINKS: &[u8] = b"movieId,imdbId,tmdbId\n1,0114709,862\n";
const MOVIES: &[u8] =
    b"id,title,budget,genres,popularity,production_companies,release_date,revenue\n862,Toy Story,30000000,[],21.9,[],1995-10-30,373554033\n";

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in files {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn file(name: &str, bytes: &[u8]) -> Given<InMemory> {
    Given { name: name.to_owned(), kind: GivenKind::File(InMemory::new(name, bytes.to_vec())) }
}

fn folder(name: &str, files: &[(&str, &[u8])], walk: Walk) -> Given<InMemory> {
    let files = files.iter().map(|(n, b)| InMemory::new(n, b.to_vec())).collect();
    Given { name: name.to_owned(), kind: GivenKind::Folder { files, walk } }
}

fn text_of(source: &Source<InMemory>) -> String {
    let mut text = String::new();
    source.open().unwrap().read_to_string(&mut text).unwrap();
    text
}

fn names(resolved: &Resolved<InMemory>) -> Vec<(InputFile, String)> {
    resolved.sources.iter().map(|s| (s.file, s.name.clone())).collect()
}

#[test]
fn a_zip_gives_its_entries_and_each_reads_on_its_own() {
    let zip = zip_of(&[("data/ratings.csv", RATINGS), ("data/links.csv", LINKS)]);
    let resolved = resolve(vec![file("the-movies-dataset.zip", &zip)]).unwrap();
    assert_eq!(
        names(&resolved),
        [
            (InputFile::Links, "the-movies-dataset.zip:data/links.csv".to_owned()),
            (InputFile::Ratings, "the-movies-dataset.zip:data/ratings.csv".to_owned())
        ]
    );
    assert!(resolved.unused.is_empty() && resolved.damage.is_empty());
    assert_eq!(text_of(&resolved.sources[1]), std::str::from_utf8(RATINGS).unwrap());
    assert_eq!(text_of(&resolved.sources[0]), std::str::from_utf8(LINKS).unwrap());
    // A zip under another name is still a zip.
    let resolved = resolve(vec![file("download", &zip)]).unwrap();
    assert_eq!(resolved.sources.len(), 2);
}

#[test]
fn gzip_files_are_read_through_and_named_files_by_their_header() {
    let gz = gzip(RATINGS);
    let resolved = resolve(vec![file("dump/ratings.csv.gz", &gz), file("export (1).csv", LINKS)]).unwrap();
    assert_eq!(
        names(&resolved),
        [(InputFile::Links, "export (1).csv".to_owned()), (InputFile::Ratings, "dump/ratings.csv.gz".to_owned())]
    );
    assert_eq!(resolved.sources[1].size, RATINGS.len() as u64, "the gzip trailer gives the size");
    assert!(resolved.notes.iter().any(|n| n == "export (1).csv: read as links.csv (recognised by its header)"));
    // A gzip stream under a name that says nothing is recognised by what it holds.
    let resolved = resolve(vec![file("part-0000", &gzip(MOVIES))]).unwrap();
    assert_eq!(resolved.sources[0].file, InputFile::MoviesMetadata);
    let mut job =
        FileJob::open(InputFile::MoviesMetadata, "part-0000", resolved.sources[0].open().unwrap(), Limits::default())
            .unwrap();
    let mut sink = crate::collect::CollectSink::default();
    while job.step(&mut sink, 100).unwrap() == crate::Step::More {}
    assert_eq!(job.report().rows_accepted, 1);
}

#[test]
fn files_of_other_formats_are_named_for_what_they_are() {
    let mut tar = vec![0u8; 1024];
    tar[257..263].copy_from_slice(b"ustar\0");
    let workbook = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")]);
    let given = vec![
        file("movies.tar", &tar),
        file("movies.xlsx", &workbook),
        file("notes.txt", b"remember the milk\n"),
        file("movies.7z", b"7z\xBC\xAF\x27\x1C\x00\x04"),
        file("ratings.csv", RATINGS),
    ];
    let resolved = resolve(given).unwrap();
    let unused: Vec<String> = resolved.unused.iter().map(ToString::to_string).collect();
    assert_eq!(unused.len(), 4, "{unused:#?}");
    assert!(unused[0].starts_with("movies.tar: a tar archive, not a CSV file or zip of the dataset — extract it"));
    assert!(unused[1].starts_with("movies.xlsx: an Excel workbook"), "{}", unused[1]);
    assert!(unused[2].contains("its header (remember the milk) is not theirs"), "{}", unused[2]);
    assert!(unused[3].contains("7-Zip"), "{}", unused[3]);
}

#[test]
fn a_file_named_as_the_dataset_but_holding_something_else_says_what_it_is() {
    let pointer = b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 190\n";
    let resolved = resolve(vec![file("movies_metadata.csv", pointer)]).unwrap();
    let error = FileJob::open(
        InputFile::MoviesMetadata,
        "movies_metadata.csv",
        resolved.sources[0].open().unwrap(),
        Limits::default(),
    )
    .err()
    .unwrap();
    assert!(matches!(error.kind, InputErrorKind::NotCsv(Content::LfsPointer)));
    assert!(error.to_string().contains("git lfs pull"), "{error}");
}

#[test]
fn folders_give_their_files_at_any_depth_and_say_what_they_held_when_nothing() {
    let deep = "project/a/b/c/d/e/f/g/h/i/j/ratings.csv";
    let walk = Walk { files: 2, folders: 10, deepest: 11, ..Walk::default() };
    let resolved = resolve(vec![folder("project", &[("project/notes.txt", b"x"), (deep, RATINGS)], walk)]).unwrap();
    assert_eq!(names(&resolved), [(InputFile::Ratings, deep.to_owned())]);

    let walk = Walk { files: 3, folders: 1, deepest: 2, loops: 1, unreadable: vec![] };
    let files: [(&str, &[u8]); 3] = [("p/a.txt", b""), ("p/the-movies-dataset.zip", b""), ("p/x/b.txt", b"")];
    let error = resolve(vec![folder("p", &files, walk)]).unwrap_err().to_string();
    assert!(error.contains("3 files in 2 folders (down to level 2), 1 link to a folder not followed again"), "{error}");
    assert!(error.contains("a zip in a folder is not opened: give the zip itself"), "{error}");
    let error = resolve(vec![folder("empty", &[], Walk::default())]).unwrap_err().to_string();
    assert!(error.starts_with("empty: an empty folder (0 files)"), "{error}");
    assert!(!error.contains("the input is empty"), "{error}");
}

#[test]
fn a_named_input_whose_files_are_read_from_elsewhere_is_unused() {
    let resolved = resolve(vec![file("a/ratings.csv", RATINGS), file("b/ratings.csv", RATINGS)]).unwrap();
    assert_eq!(resolved.sources.len(), 1);
    assert_eq!(resolved.unused.len(), 1);
    assert!(resolved.unused[0]
        .to_string()
        .starts_with("b/ratings.csv: not used: the same dataset files are read from a/ratings.csv"));
    // The full file over its fallback, whichever comes first; the fallback is unused.
    let resolved = resolve(vec![file("ratings_small.csv", RATINGS), file("ratings.csv", RATINGS)]).unwrap();
    assert_eq!(names(&resolved), [(InputFile::Ratings, "ratings.csv".to_owned())]);
    assert_eq!(resolved.unused[0].name, "ratings_small.csv");
}

#[test]
fn several_snapshot_zips_load_the_newest_and_set_the_older_aside() {
    let zip = zip_of(&[("movies_metadata.csv", MOVIES), ("links.csv", LINKS)]);
    let given =
        vec![file("dump-2024-05-03.zip", &zip), file("dump-2024-05-01.zip", &zip), file("dump-2024-05-02.zip", &zip)];
    let resolved = resolve(given).unwrap();
    assert_eq!(resolved.newest_snapshot.as_deref(), Some("dump-2024-05-03.zip"));
    let older: Vec<&str> = resolved.older_snapshots.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(older, ["dump-2024-05-01.zip", "dump-2024-05-02.zip"]);
    assert!(resolved.sources.iter().all(|s| s.name.starts_with("dump-2024-05-03.zip:")));
    assert!(resolved.unused.iter().all(|u| matches!(u.reason, UnusedReason::OlderSnapshot { .. })));
}

#[test]
fn nothing_usable_is_an_error_that_lists_what_was_given() {
    let error = resolve(vec![file("a.txt", b"hello\n"), file("b.zip", &zip_of(&[("readme.md", b"#")]))]).unwrap_err();
    let text = error.to_string();
    assert!(matches!(error.kind, InputErrorKind::NoDatasetFiles { .. }));
    assert!(text.contains("a.txt: not a file of The Movies Dataset"), "{text}");
    assert!(
        text.contains("b.zip: a zip archive without any file of The Movies Dataset (it holds: readme.md)"),
        "{text}"
    );
}
