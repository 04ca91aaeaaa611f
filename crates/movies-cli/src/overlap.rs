//! An output must stay clear of the inputs: an `--out` that is an input, holds one or
//! lies inside one is refused before anything is written.
//!
//! Paths are compared once resolved: symbolic links followed, `.` and `..` gone. An
//! `--out` that does not exist yet is its nearest existing ancestor, resolved, with the
//! rest appended (nothing in the rest exists, so nothing in it can be a link).

use std::path::{Component, Path, PathBuf};

/// Refuses an `out` that equals, contains or lies inside one of `inputs`; the message
/// names both and says what to do.
pub fn check(out: &Path, inputs: &[PathBuf]) -> Result<(), String> {
    let resolved_out = resolve(out);
    for input in inputs {
        let resolved_input = resolve(input);
        let relation = if resolved_out == resolved_input {
            "is the input"
        } else if resolved_input.starts_with(&resolved_out) {
            "holds the input"
        } else if resolved_out.starts_with(&resolved_input) {
            "lies inside the input"
        } else {
            continue;
        };
        return Err(format!(
            "--out {} {relation} {}: the export would write over what it reads; choose an --out outside every input",
            out.display(),
            input.display()
        ));
    }
    Ok(())
}

/// `path` absolute, with symbolic links resolved as far as it exists.
fn resolve(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(resolved) = existing.canonicalize() {
            return rest.iter().rev().fold(resolved, |mut at, part: &Component| {
                match part {
                    Component::ParentDir => {
                        at.pop();
                    }
                    Component::Normal(name) => at.push(name),
                    _ => {}
                }
                at
            });
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            // Not even the root resolves: compare as written.
            _ => return path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("movies-overlap-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("project/csv")).unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn an_out_over_an_input_is_refused_whatever_its_spelling() {
        let dir = scratch("spellings");
        let input = [dir.join("project/csv")];
        for (out, relation) in [
            (dir.join("project/csv"), "is the input"),
            (dir.join("project/csv/"), "is the input"),
            (dir.join("project/./csv/../csv"), "is the input"),
            (dir.join("project"), "holds the input"),
            (dir.clone(), "holds the input"),
            (dir.join("project/csv/out"), "lies inside the input"),
            (dir.join("project/csv/not/yet/there"), "lies inside the input"),
            (dir.join("new/../project/csv/x"), "lies inside the input"),
        ] {
            let error = check(&out, &input).unwrap_err();
            assert!(error.contains(relation), "{}: {error}", out.display());
        }
        for out in [dir.join("project/out"), dir.join("project/csv2"), dir.join("elsewhere/csv")] {
            assert_eq!(check(&out, &input), Ok(()), "{}", out.display());
        }
        let _ = fs::remove_dir_all(dir);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed_both_ways() {
        let dir = scratch("links");
        std::os::unix::fs::symlink(dir.join("project/csv"), dir.join("link")).unwrap();
        let error = check(&dir.join("link"), &[dir.join("project/csv")]).unwrap_err();
        assert!(error.contains("is the input"), "{error}");
        let error = check(&dir.join("project"), &[dir.join("link")]).unwrap_err();
        assert!(error.contains("holds the input"), "{error}");
        let error = check(&dir.join("link/new"), &[dir.join("project")]).unwrap_err();
        assert!(error.contains("lies inside the input"), "{error}");
        let _ = fs::remove_dir_all(dir);
    }
}
