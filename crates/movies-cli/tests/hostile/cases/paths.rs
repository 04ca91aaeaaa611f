//! Several inputs, paths with shell metacharacters, link loops, and links in the output
//! folder.

use std::fs;
use std::path::Path;

use super::expect::{all_ok_but, case, Case, Expect, Rows};
use super::inputs::{loose_dataset, put};
use crate::csvgen;

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
        case("good-files-beside-a-bad-one", |dir| {
            let mut inputs = loose_dataset(dir);
            inputs[3] = put(dir, "links.csv", b"movieId,imdbId\n1,0114709\n");
            let expect = Expect::partial().says("links.csv, line 1: missing required column(s) tmdbId");
            let expect = all_ok_but(expect, &["links.csv", "ratings.csv"])
                .file("links.csv", "failed", Rows::Exactly(0))
                .file("ratings.csv", "ok", Rows::Exactly(3));
            (inputs, expect)
        }),
        case("shell-metacharacters-in-paths", |dir| {
            let folder = dir.join("$(touch pwned); `touch pwned2` | rm -rf x &");
            put(&folder, "movies_metadata.csv", &csvgen::good_movies());
            let expect = Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)).after(|dir| {
                let leaked = ["pwned", "pwned2"].iter().any(|n| dir.join(n).exists() || Path::new(n).exists());
                if leaked {
                    Err("a command in a path was run".into())
                } else {
                    Ok(())
                }
            });
            (vec![folder], expect)
        }),
        case("folder-with-a-symlink-loop", |dir| {
            let folder = dir.join("data");
            put(&folder, "movies_metadata.csv", &csvgen::good_movies());
            std::os::unix::fs::symlink(&folder, folder.join("loop")).unwrap();
            (vec![folder], Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)))
        }),
        case("output-folder-with-symlinks", |dir| {
            // A previous export's folders replaced by links to elsewhere: links are
            // nobody's output, so the run is refused, and neither the links nor where
            // they point are touched.
            let precious = dir.join("precious");
            put(&precious, "keep.txt", b"keep me");
            let out = dir.join("out");
            fs::create_dir_all(&out).unwrap();
            std::os::unix::fs::symlink(&precious, out.join("csv")).unwrap();
            std::os::unix::fs::symlink(precious.join("keep.txt"), out.join("manifest.json")).unwrap();
            let input = put(dir, "movies_metadata.csv", &csvgen::good_movies());
            let expect = Expect::refused().says("out/csv").says("not written by movies").after(|dir| {
                let precious = dir.join("precious");
                let kept = fs::read_to_string(precious.join("keep.txt")).map_err(|e| e.to_string())?;
                let names: Vec<_> = fs::read_dir(&precious).map_err(|e| e.to_string())?.collect();
                if kept != "keep me" || names.len() != 1 {
                    return Err("the folder a symlink in --out pointed to was changed".into());
                }
                let out = dir.join("out");
                if fs::read_link(out.join("csv")).ok() != Some(precious.clone())
                    || fs::read_link(out.join("manifest.json")).ok() != Some(precious.join("keep.txt"))
                {
                    return Err("the links in --out were changed".into());
                }
                Ok(())
            });
            (vec![input], expect)
        }),
    ]
}
