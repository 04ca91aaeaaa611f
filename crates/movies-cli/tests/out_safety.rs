//! The user's files are safe from the `movies` command (SPEC, "Safety of the user's
//! files"): for every shape of `--out` — an input, the parent or a child of one, a link
//! to one, a sibling, `""`, `.`, snapshot folders — the files planted in, around and
//! above it are byte-identical after every run, failed or not; a refused run changes
//! nothing at all; and each run exits as documented, naming what is wrong.

// Shared with hostile.rs, which uses all of it; only the good dataset is used here.
#[allow(dead_code)]
#[path = "hostile/csvgen.rs"]
mod csvgen;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary under test.
const MOVIES: &str = env!("CARGO_BIN_EXE_movies");

/// The ownership marker of an export folder.
const MARKER: &str = ".movies-written";

/// What a path holds, to compare a tree before and after a run.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Folder,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Everything under `dir` (links not followed), by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Node> {
    let mut found = BTreeMap::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let node = if meta.is_symlink() {
                Node::Link(fs::read_link(&path).unwrap())
            } else if meta.is_dir() {
                folders.push(path.clone());
                Node::Folder
            } else {
                Node::File(fs::read(&path).unwrap())
            };
            found.insert(path.strip_prefix(dir).unwrap().to_owned(), node);
        }
    }
    found
}

/// A test's folder: `project/csv/` is the input (the five CSV files and the user's
/// notes), the user has files beside it and above it, and `link` points at it.
struct Case {
    root: PathBuf,
    /// The user's files, with the bytes they must keep.
    planted: BTreeMap<PathBuf, Vec<u8>>,
}

impl Case {
    fn new(test: &str) -> Case {
        let root = std::env::temp_dir().join(format!("movies-out-safety-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        let mut case = Case { root: root.canonicalize().unwrap(), planted: BTreeMap::new() };
        for (name, bytes) in csvgen::good_dataset(30) {
            case.plant(&format!("project/csv/{name}"), &bytes);
        }
        case.plant("project/csv/notes.txt", b"my notes on the data\n");
        case.plant("project/notes.txt", b"beside the input\n");
        case.plant("above.txt", b"above everything\n");
        #[cfg(unix)]
        std::os::unix::fs::symlink(case.path("project/csv"), case.path("link")).unwrap();
        case
    }

    /// A path in the case's folder.
    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The input folder.
    fn input(&self) -> PathBuf {
        self.path("project/csv")
    }

    /// Writes a file of the user's.
    fn plant(&mut self, relative: &str, bytes: &[u8]) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        self.planted.insert(path, bytes.to_vec());
    }

    /// Checks that every file of the user's is still there, byte for byte.
    fn assert_intact(&self, after: &str) {
        for (path, bytes) in &self.planted {
            let now = fs::read(path).unwrap_or_else(|e| panic!("after {after}: {} is gone: {e}", path.display()));
            assert!(now == *bytes, "after {after}: {} changed", path.display());
        }
    }

    /// Runs `movies ARGS` in `cwd` (the case's folder when `None`).
    fn run(&self, cwd: Option<&Path>, args: &[&OsStr]) -> Run {
        let output = Command::new(MOVIES)
            .args(args)
            .current_dir(cwd.unwrap_or(&self.root))
            .output()
            .expect("the movies binary runs");
        let run = Run { code: output.status.code(), stderr: String::from_utf8_lossy(&output.stderr).into_owned() };
        self.assert_intact(&format!("{args:?}"));
        run
    }

    /// `movies process INPUT --out OUT EXTRA... --quiet`.
    fn process(&self, cwd: Option<&Path>, input: &Path, out: impl AsRef<OsStr>, extra: &[&str]) -> Run {
        let mut args: Vec<&OsStr> = vec!["process".as_ref(), input.as_os_str(), "--out".as_ref(), out.as_ref()];
        args.extend(extra.iter().map(OsStr::new));
        args.push("--quiet".as_ref());
        self.run(cwd, &args)
    }

    /// Runs it and checks that it changed nothing at all under the case's folder.
    fn refused(&self, cwd: Option<&Path>, input: &Path, out: impl AsRef<OsStr>, extra: &[&str]) -> Run {
        let before = tree(&self.root);
        let run = self.process(cwd, input, &out, extra);
        assert_eq!(tree(&self.root), before, "--out {:?} {extra:?}: the run changed something", out.as_ref());
        run
    }
}

impl Drop for Case {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// How a run ended.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stderr: String,
}

impl Run {
    /// Asserts the exit code, and that stderr has each of `says`.
    fn expect(&self, code: i32, says: &[&str]) {
        assert_eq!(self.code, Some(code), "{}", self.stderr);
        for text in says {
            assert!(self.stderr.contains(text), "expected {text:?} in: {}", self.stderr);
        }
    }
}

/// The files the marker of `folder` lists.
fn marker_lists(folder: &Path) -> Vec<String> {
    let text = fs::read_to_string(folder.join(MARKER)).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("movies-written 1"));
    lines.filter(|l| !l.starts_with('#')).map(str::to_owned).collect()
}

/// Checks that `folder` holds an export of the formats given.
fn assert_export(folder: &Path, formats: &[&str]) {
    let manifest: serde_json::Value = serde_json::from_slice(&fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["formats"], serde_json::json!(formats), "{}", folder.display());
    let listed = marker_lists(folder);
    for file in ["manifest.json", "schema.sql", "queries.sql"] {
        assert!(listed.iter().any(|l| l == file), "{file} not in the marker of {}", folder.display());
    }
    for (format, extension) in [("csv", "csv"), ("ndjson", "ndjson")] {
        let folder_name = if format == "csv" { "csv" } else { "json" };
        let table = format!("{folder_name}/movies_master.{extension}");
        let wanted = formats.contains(&format);
        assert_eq!(folder.join(&table).is_file(), wanted, "{}", folder.join(&table).display());
        assert_eq!(listed.contains(&table), wanted, "{table} in the marker");
    }
}

#[test]
fn an_out_over_an_input_is_refused_before_anything_is_touched() {
    let case = Case::new("overlap");
    let input = case.input();
    let project = case.path("project");
    let mut shapes: Vec<(PathBuf, Option<&Path>, &[&str], &str)> = vec![
        (input.clone(), None, &[], "is the input"),
        (case.path("project/csv/"), None, &[], "is the input"),
        (project.clone(), None, &[], "holds the input"),
        (case.path("project/csv/out"), None, &[], "lies inside the input"),
        (case.path("project/csv/new/../out"), None, &[], "lies inside the input"),
        (PathBuf::from("."), Some(&project), &[], "holds the input"),
        (PathBuf::from("csv"), Some(&project), &[], "is the input"),
        // Snapshot destinations: their root is what is compared.
        (project.clone(), None, &["--snapshot-date", "2026-11-24"], "holds the input"),
        (input.clone(), None, &["--snapshot-date", "2026-11-24", "--snapshot-hour", "7"], "is the input"),
    ];
    if cfg!(unix) {
        shapes.push((case.path("link"), None, &[], "is the input"));
        shapes.push((case.path("link/out"), None, &[], "lies inside the input"));
    }
    for (out, cwd, extra, relation) in shapes {
        let run = case.refused(cwd, &input, &out, extra);
        run.expect(2, &[relation, &input.display().to_string(), "choose an --out outside every input"]);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    // An input given through the link is the same input.
    #[cfg(unix)]
    case.refused(None, &case.path("link"), &project, &[]).expect(2, &["holds the input"]);

    // backfill and bench compare their zips with --out the same way.
    let zip = case.path("project/csv/the-movies-dataset-2026-01-01.zip");
    fs::write(&zip, b"not read: refused before").unwrap();
    let before = tree(&case.root);
    let backfill = case.run(None, &["backfill".as_ref(), zip.as_os_str(), "--out".as_ref(), project.as_os_str()]);
    backfill.expect(2, &["holds the input"]);
    let bench = case.run(None, &["bench".as_ref(), zip.as_os_str(), "--out".as_ref(), input.as_os_str()]);
    bench.expect(2, &["holds the input"]);
    assert_eq!(tree(&case.root), before);
}

#[test]
fn an_empty_out_or_input_is_a_usage_error_that_writes_nothing() {
    let case = Case::new("empty");
    let project = case.path("project");
    for blank in ["", " ", "\t"] {
        // In project/, `./csv` is the input the empty --out used to replace.
        case.refused(Some(&project), &case.input(), blank, &[]).expect(2, &["empty path", "unset"]);
        let run = case.refused(Some(&project), Path::new(blank), "out", &[]);
        run.expect(2, &["INPUT", "empty path"]);
        assert!(!project.join("out").exists());
    }
    case.refused(None, &case.input(), "", &["--snapshot-date", "2026-11-24"]).expect(2, &["empty path"]);
}

#[test]
fn files_of_the_user_where_the_export_goes_stop_the_run_and_are_named() {
    let mut case = Case::new("foreign");
    let input = case.input();
    let out = case.path("out");
    for (planted, content) in [
        ("out/csv/notes.txt", &b"mine"[..]),
        ("out/manifest.json", b"{\"mine\": true}"),
        ("out/queries.sql", b"select 1;"),
        ("out/parquet/data.parquet", b"PAR1"),
        ("out/.movies-written", b"my own file with that name"),
    ] {
        case.plant(planted, content);
        let run = case.refused(None, &input, &out, &[]);
        run.expect(1, &[&case.path(planted).display().to_string(), "not written by movies", "left untouched"]);
        // Only layout names hint at an old export without its manifest.
        let layout_name = ["out/manifest.json", "out/queries.sql"].contains(&planted);
        assert_eq!(run.stderr.contains("an export of an older version"), layout_name, "{}", run.stderr);
        fs::remove_file(case.path(planted)).unwrap();
        case.planted.remove(&case.path(planted));
    }
    // A link where a folder of the layout goes is not followed, nor replaced.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&input, out.join("json")).unwrap();
        case.refused(None, &input, &out, &[]).expect(1, &[&out.join("json").display().to_string()]);
        fs::remove_file(out.join("json")).unwrap();
    }
    // `.` is the current folder, with a csv/ of the user's.
    case.plant("elsewhere/csv/budget.csv", b"my spreadsheet");
    let elsewhere = case.path("elsewhere");
    case.refused(Some(&elsewhere), &input, ".", &[]).expect(1, &["./csv/budget.csv", "not written by movies"]);
    // Many files: the first few are named, the rest counted.
    for i in 0..7 {
        case.plant(&format!("out/json/mine{i}.ndjson"), b"{}");
    }
    case.refused(None, &input, &out, &[]).expect(1, &["and 2 more"]);
}

#[test]
fn a_rerun_replaces_our_export_and_leaves_everything_else_alone() {
    let mut case = Case::new("rerun");
    let input = case.input();
    let out = case.path("out");
    case.plant("out/README.md", b"what this folder is");
    case.plant("out/other/keep.txt", b"not in the layout");
    case.process(None, &input, &out, &[]).expect(0, &[]);
    assert_export(&out, &["csv", "ndjson"]);
    case.process(None, &input, &out, &[]).expect(0, &[]);
    assert_export(&out, &["csv", "ndjson"]);
    // A narrower rerun removes the folder it no longer writes: it was ours.
    case.process(None, &input, &out, &["--format", "csv"]).expect(0, &[]);
    assert_export(&out, &["csv"]);
    assert!(!out.join("json").exists());
    // The same folder as `.`.
    case.process(Some(&out), &input, ".", &[]).expect(0, &[]);
    assert_export(&out, &["csv", "ndjson"]);
    // No lock, staging folder or temporary marker left.
    let mut names: Vec<String> =
        fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, [MARKER, "README.md", "csv", "json", "manifest.json", "other", "queries.sql", "schema.sql"]);

    // The user's notes inside our csv/ make it theirs too: refused, naming them.
    case.plant("out/csv/notes.txt", b"notes among the tables");
    let run = case.refused(None, &input, &out, &[]);
    run.expect(1, &[&out.join("csv/notes.txt").display().to_string()]);
}

#[test]
fn an_export_of_an_earlier_version_is_recognised_by_its_manifest() {
    let mut case = Case::new("legacy");
    let input = case.input();
    let out = case.path("out");
    case.process(None, &input, &out, &["--format", "all"]).expect(0, &[]);
    // What the previous version left: the same layout, no marker.
    fs::remove_file(out.join(MARKER)).unwrap();
    case.process(None, &input, &out, &[]).expect(0, &[]);
    assert_export(&out, &["csv", "ndjson"]);
    assert!(!out.join("parquet").exists(), "its parquet/ was recognised as ours");

    fs::remove_file(out.join(MARKER)).unwrap();
    case.plant("out/csv/mine.csv", b"a table of mine");
    case.refused(None, &input, &out, &[]).expect(1, &[&out.join("csv/mine.csv").display().to_string()]);
    fs::remove_file(out.join("csv/mine.csv")).unwrap();
    case.planted.remove(&out.join("csv/mine.csv"));

    // Without its manifest, nothing tells the tables are ours: refused, saying how an old
    // export is recognised.
    fs::remove_file(out.join("manifest.json")).unwrap();
    let run = case.refused(None, &input, &out, &[]);
    run.expect(
        1,
        &[
            &out.join("csv/").display().to_string(),
            "more are where the export must go",
            "manifest.json",
            "move them away",
        ],
    );
}

#[test]
fn snapshots_are_replaced_whole_only_when_every_file_in_them_is_ours() {
    let mut case = Case::new("snapshots");
    let input = case.input();
    let lake = case.path("lake");
    case.plant("lake/notes.txt", b"about the lake");
    let d24 = ["--snapshot-date", "2026-11-24"];
    let h07 = ["--snapshot-date", "2026-11-24", "--snapshot-hour", "07"];
    let day_folder = lake.join("snapshot_date=2026-11-24");

    case.process(None, &input, &lake, &d24).expect(0, &[]);
    case.process(None, &input, &lake, &d24).expect(0, &[]);
    assert_export(&day_folder, &["csv", "ndjson"]);
    case.process(None, &input, &lake, &h07).expect(0, &[]);
    case.process(None, &input, &lake, &h07).expect(0, &[]);
    assert_export(&day_folder.join("hour=07"), &["csv", "ndjson"]);
    // The day is replaced whole: its hour, with a marker of its own, is ours too.
    case.process(None, &input, &lake, &d24).expect(0, &[]);
    assert!(!day_folder.join("hour=07").exists());

    // A file of the user's anywhere in a snapshot keeps it.
    case.process(None, &input, &lake, &h07).expect(0, &[]);
    case.plant("lake/snapshot_date=2026-11-24/hour=07/csv/mine.txt", b"mine");
    let named = day_folder.join("hour=07/csv/mine.txt").display().to_string();
    case.refused(None, &input, &lake, &d24).expect(1, &[&named, "not written by movies"]);
    case.refused(None, &input, &lake, &h07).expect(1, &[&named]);
    // A day folder the user made, holding their file.
    case.plant("lake/snapshot_date=2026-11-25/plan.txt", b"my plan");
    let named = lake.join("snapshot_date=2026-11-25/plan.txt").display().to_string();
    case.refused(None, &input, &lake, &["--snapshot-date", "2026-11-25"]).expect(1, &[&named]);
    // An empty folder holds nothing to lose: the snapshot goes there.
    fs::create_dir_all(lake.join("snapshot_date=2026-11-26")).unwrap();
    case.process(None, &input, &lake, &["--snapshot-date", "2026-11-26"]).expect(0, &[]);
    assert_export(&lake.join("snapshot_date=2026-11-26"), &["csv", "ndjson"]);
}

#[test]
fn leftovers_of_crashed_runs_are_removed_only_when_recognisably_ours() {
    let mut case = Case::new("crashed");
    let input = case.input();
    let out = case.path("out");
    // A run killed while staging (its pid no longer runs): lock and staged tables.
    fs::create_dir_all(out.join(".movies.lock.staging-999999999/csv")).unwrap();
    fs::write(out.join(".movies.lock.staging-999999999/csv/movies_master.csv"), "id\n").unwrap();
    fs::create_dir_all(out.join(".movies.lock.staging-999999999/parts")).unwrap();
    fs::write(out.join(".movies.lock.staging-999999999/parts/error_log.ratings.csv"), "x\n").unwrap();
    fs::write(out.join(".movies.lock"), "pid 999999999\n").unwrap();
    // A folder named like a staging folder, holding a file a run never writes.
    case.plant("out/.movies.lock.staging-999999998/diary.txt", b"dear diary");
    case.process(None, &input, &out, &[]).expect(0, &[]);
    assert!(!out.join(".movies.lock.staging-999999999").exists());
    assert!(!out.join(".movies.lock").exists());
    assert_export(&out, &["csv", "ndjson"]);

    // A lock file that is not one of ours is not taken over.
    for theirs in [&b"held by my own script\n"[..], b"pid ../../x\n", b"pid 999999999 and my notes\n"] {
        case.plant("out/.movies.lock", theirs);
        case.refused(None, &input, &out, &[]).expect(1, &["another run", ".movies.lock"]);
    }
}

#[test]
fn bench_and_sample_replace_only_what_they_wrote() {
    let mut case = Case::new("bench-sample");
    let zip = case.path("project/the-movies-dataset.zip");
    let mut writer = zip::ZipWriter::new(fs::File::create(&zip).unwrap());
    for (name, bytes) in csvgen::good_dataset(30) {
        writer.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut writer, &bytes).unwrap();
    }
    writer.finish().unwrap();
    case.planted.insert(zip.clone(), fs::read(&zip).unwrap());

    let bench = |case: &Case, out: &Path| {
        case.run(None, &["bench".as_ref(), zip.as_os_str(), "--out".as_ref(), out.as_os_str()])
    };
    let results = case.path("results");
    bench(&case, &results).expect(0, &[]);
    bench(&case, &results).expect(0, &[]);
    assert_export(&results, &["csv", "ndjson"]);
    case.plant("results/csv/notes.txt", b"bench notes");
    bench(&case, &results).expect(1, &["results/csv/notes.txt", "not written by movies"]);

    let sample = |out: &OsStr| case.run(None, &["sample".as_ref(), "--out".as_ref(), out]);
    for theirs in [zip.as_path(), &case.path("project/notes.txt"), &case.path("project")] {
        let before = tree(&case.root);
        sample(theirs.as_os_str()).expect(1, &[&theirs.display().to_string(), "left untouched"]);
        assert_eq!(tree(&case.root), before, "{}", theirs.display());
    }
    let ours = case.path("sample.zip");
    sample(ours.as_os_str()).expect(0, &[]);
    sample(ours.as_os_str()).expect(0, &[]);
    assert!(fs::read(&ours).unwrap().len() > 100_000);
    sample("".as_ref()).expect(2, &["empty path"]);
    let run =
        case.run(None, &["sample".as_ref(), "--out".as_ref(), ours.as_os_str(), "--threads".as_ref(), "3".as_ref()]);
    run.expect(2, &["--threads does not apply to `movies sample`"]);
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_work_as_input_and_out() {
    use std::os::unix::ffi::OsStrExt;
    let case = Case::new("non-utf8");
    let input = case.root.join(OsStr::from_bytes(b"donn\xe9es"));
    fs::create_dir(&input).unwrap();
    for (name, bytes) in csvgen::good_dataset(30) {
        fs::write(input.join(name), bytes).unwrap();
    }
    let out = case.root.join(OsStr::from_bytes(b"r\xe9sultats"));
    case.process(None, &input, &out, &[]).expect(0, &[]);
    assert_export(&out, &["csv", "ndjson"]);
    case.process(None, &input, &out, &[]).expect(0, &[]);
    case.refused(None, &input, input.join("out"), &[]).expect(2, &["lies inside the input"]);
}
