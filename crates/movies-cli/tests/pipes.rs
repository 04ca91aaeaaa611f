//! Input that can be read only once, front to back: `cat the-movies-dataset.zip | movies
//! process /dev/stdin`. The export must be the one the same bytes give as a file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
const MOVIES: &str = env!("CARGO_BIN_EXE_movies");

/// The committed sample dataset.
fn sample_zip() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample.zip")
}

/// A folder of its own under the temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("movies-pipes-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs `movies ARGS` with `input` piped into its standard input.
fn piped(args: &[&str], input: Vec<u8>) -> Output {
    let mut child = Command::new(MOVIES)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the movies binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The command may stop reading early (a refused input): a broken pipe is fine.
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// Every file of the export's `csv/` and `json/` folders, by relative path.
fn tables(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for folder in ["csv", "json"] {
        let mut names: Vec<_> = fs::read_dir(out.join(folder)).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        for name in names {
            let path = out.join(folder).join(&name);
            files.push((format!("{folder}/{}", name.to_string_lossy()), fs::read(path).unwrap()));
        }
    }
    files
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn a_piped_zip_exports_what_the_zip_file_does() {
    let scratch = Scratch::new("zip");
    let from_file = scratch.0.join("from-file");
    let status = Command::new(MOVIES)
        .args([
            "process".as_ref(),
            sample_zip().as_os_str(),
            "--out".as_ref(),
            from_file.as_os_str(),
            "--quiet".as_ref(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let zip = fs::read(sample_zip()).unwrap();
    for (what, bytes) in [("zip", zip.clone()), ("gzipped zip", gzip(&zip))] {
        let out = scratch.0.join(what.replace(' ', "-"));
        let output = piped(&["process", "/dev/stdin", "--out", out.to_str().unwrap(), "--quiet"], bytes);
        assert!(output.status.success(), "{what}: {}", stderr(&output));
        assert_eq!(tables(&out), tables(&from_file), "{what}: the piped export differs from the file's");
    }
}

#[test]
fn a_piped_csv_file_is_recognised_by_its_header() {
    let scratch = Scratch::new("csv");
    let out = scratch.0.join("out");
    let links = b"movieId,imdbId,tmdbId\n1,0114709,862\n2,0113497,8844\n".to_vec();
    let output = piped(&["process", "/dev/stdin", "--out", out.to_str().unwrap()], links);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = fs::read_to_string(out.join("csv/links_master.csv")).unwrap();
    assert_eq!(table.lines().count(), 3, "{table}");
    let manifest = fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"links.csv\""), "{manifest}");
}

#[test]
fn a_pipe_that_holds_nothing_of_the_dataset_or_is_cut_says_so() {
    let scratch = Scratch::new("bad");
    let out = scratch.0.join("out");
    let out = out.to_str().unwrap();
    let output = piped(&["process", "/dev/stdin", "--out", out, "--quiet"], b"hello, world\n".to_vec());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/dev/stdin: not a file of The Movies Dataset"), "{}", stderr(&output));
    assert!(!Path::new(out).exists(), "nothing is written for a refused input");

    let zip = fs::read(sample_zip()).unwrap();
    let output = piped(&["process", "/dev/stdin", "--out", out, "--quiet"], zip[..zip.len() / 2].to_vec());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("truncated"), "{}", stderr(&output));

    let mut tar = vec![0u8; 1024];
    tar[257..263].copy_from_slice(b"ustar\0");
    let output = piped(&["process", "/dev/stdin", "--out", out, "--quiet"], tar);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the file is a tar archive, not CSV"), "{}", stderr(&output));
}

#[test]
fn a_pipe_must_be_the_only_input() {
    let scratch = Scratch::new("beside");
    let out = scratch.0.join("out");
    let sample = sample_zip();
    let args = ["process", "/dev/stdin", sample.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let output = piped(&args, b"x".to_vec());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("a pipe can only be read as the one input"), "{}", stderr(&output));
}
