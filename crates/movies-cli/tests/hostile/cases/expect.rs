//! What a case is, and what the command must answer to it: exit status, what stderr
//! names, the manifest, the error log, a last check of the folder.

use std::fs;
use std::path::{Path, PathBuf};

/// Rows accepted from one file, as the manifest must report them.
#[derive(Debug, Clone, Copy)]
pub enum Rows {
    /// Exactly this many.
    Exactly(u64),
    /// At least one.
    Some,
    /// Any number (the case is about something else).
    Any,
}

/// A last check of a case's folder after the run.
pub type AfterCheck = Box<dyn Fn(&Path) -> Result<(), String>>;

/// What the command must do with a case.
pub struct Expect {
    /// Exit status.
    pub code: i32,
    /// Texts stderr must contain (each entry: any one of its alternatives).
    pub stderr: Vec<Vec<String>>,
    /// Whether an export is written.
    pub export: bool,
    /// Per input file of the manifest: its status and rows accepted.
    pub files: Vec<(&'static str, &'static str, Rows)>,
    /// Texts that must appear in the error log.
    pub log: Vec<&'static str>,
    /// A last check of the case folder after the run.
    pub after: Option<AfterCheck>,
}

impl Expect {
    /// Exit 0 with an export.
    pub fn ok() -> Self {
        Expect { code: 0, stderr: Vec::new(), export: true, files: Vec::new(), log: Vec::new(), after: None }
    }

    /// Exit 1 with an export (some file failed, the others were written).
    pub fn partial() -> Self {
        Expect { code: 1, ..Expect::ok() }
    }

    /// Exit 1 and no export at all.
    pub fn refused() -> Self {
        Expect { code: 1, export: false, ..Expect::ok() }
    }

    /// stderr must contain `text`.
    pub fn says(mut self, text: impl Into<String>) -> Self {
        self.stderr.push(vec![text.into()]);
        self
    }

    /// stderr must contain one of `texts`.
    pub fn says_any(mut self, texts: &[&str]) -> Self {
        self.stderr.push(texts.iter().map(|t| (*t).to_owned()).collect());
        self
    }

    /// The manifest must show `file` with `status` and `rows` accepted.
    pub fn file(mut self, file: &'static str, status: &'static str, rows: Rows) -> Self {
        self.files.push((file, status, rows));
        self
    }

    /// The error log must contain `text`.
    pub fn logs(mut self, text: &'static str) -> Self {
        self.log.push(text);
        self
    }

    /// A last check of the case folder.
    pub fn after(mut self, check: impl Fn(&Path) -> Result<(), String> + 'static) -> Self {
        self.after = Some(Box::new(check));
        self
    }
}

/// A case: its name, what it is, and how to build it in a folder.
pub struct Case {
    /// Short name, also the folder's.
    pub name: &'static str,
    /// Whether it runs only with `--ignored` (heavy).
    pub heavy: bool,
    /// Writes the input into the folder; returns the command's INPUT arguments.
    pub build: fn(&Path) -> (Vec<PathBuf>, Expect),
}

/// A case that runs by default.
pub fn case(name: &'static str, build: fn(&Path) -> (Vec<PathBuf>, Expect)) -> Case {
    Case { name, heavy: false, build }
}

/// A heavy case: run only with `--ignored`, one at a time.
pub fn heavy(name: &'static str, build: fn(&Path) -> (Vec<PathBuf>, Expect)) -> Case {
    Case { name, heavy: true, build }
}

/// The status of every file of a good dataset, except those named in `except`.
pub fn all_ok_but(mut expect: Expect, except: &[&str]) -> Expect {
    for (file, rows) in
        [("movies_metadata.csv", 3), ("credits.csv", 3), ("keywords.csv", 3), ("links.csv", 3), ("ratings.csv", 20_000)]
    {
        if !except.contains(&file) {
            expect = expect.file(file, "ok", Rows::Exactly(rows));
        }
    }
    expect
}

/// Checks the `(records_read, rows_accepted, rows_rejected)` of `file` in the manifest.
pub fn manifest_counts(dir: &Path, file: &str, expected: (u64, u64, u64)) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("out/manifest.json")).map_err(|e| e.to_string())?;
    let manifest: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let entry = &manifest["files"][file];
    let n = |key: &str| entry[key].as_u64().unwrap_or(u64::MAX);
    let got = (n("records_read"), n("rows_accepted"), n("rows_rejected"));
    if got == expected {
        Ok(())
    } else {
        Err(format!("{file}: (read, accepted, rejected) = {got:?}, expected {expected:?}"))
    }
}
