//! Entries that cannot be read: corrupt data, a wrong checksum, encryption, and
//! compression methods the build does not read.

use super::expect::{all_ok_but, case, Case, Expect, Rows};
use super::inputs::{entry_span, put, with_ratings_entry};
use crate::csvgen;
use crate::zipgen::{self, RawEntry};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
        case("corrupt-deflate-in-one-entry", |dir| {
            let mut zip = zipgen::deflated(&csvgen::good_dataset(20_000));
            let (start, len) = entry_span(&zip, "ratings.csv");
            for byte in &mut zip[start + len / 2..start + len / 2 + 64] {
                *byte ^= 0x55;
            }
            let input = put(dir, "the-movies-dataset.zip", &zip);
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv")
                .says_any(&["the entry is corrupt", "inflates beyond its declared size"])
                .file("ratings.csv", "failed", Rows::Any);
            (vec![input], all_ok_but(expect, &["ratings.csv"]))
        }),
        case("wrong-checksum", |dir| {
            let mut entry = RawEntry::deflated("ratings.csv", &csvgen::ratings(100));
            entry.crc ^= 1;
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("ratings.csv")
                .says("does not match its checksum")
                .file("ratings.csv", "failed", Rows::Any)
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("encrypted-entry", |dir| {
            let entry = RawEntry { flags: 1, ..RawEntry::deflated("ratings.csv", &csvgen::ratings(100)) };
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv: the entry is encrypted")
                .file("ratings.csv", "failed", Rows::Exactly(0))
                .file("movies_metadata.csv", "ok", Rows::Exactly(3))
                .file("links.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("aes-encrypted-entry", |dir| {
            let mut entry = RawEntry::with_method("ratings.csv", 99, b"\x8f\x11 not really AES");
            entry.flags = 1;
            entry.extra = vec![0x01, 0x99, 7, 0, 2, 0, b'A', b'E', 3, 8, 0];
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial().says("ratings.csv").says("encrypted").file(
                "movies_metadata.csv",
                "ok",
                Rows::Exactly(3),
            );
            (vec![input], expect)
        }),
        case("bzip2-entry", |dir| {
            let input = with_ratings_entry(dir, RawEntry::with_method("ratings.csv", 12, b"BZh91AY&SY\x00\x01"));
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv: the entry is compressed with bzip2 (method 12)")
                .file("ratings.csv", "failed", Rows::Exactly(0))
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("lzma-entry", |dir| {
            let input = with_ratings_entry(dir, RawEntry::with_method("ratings.csv", 14, b"\x09\x14\x05\x00]\x00\x00"));
            let expect = Expect::partial().says("ratings.csv: the entry is compressed with LZMA (method 14)").file(
                "links.csv",
                "ok",
                Rows::Exactly(3),
            );
            (vec![input], expect)
        }),
        case("zstd-entry", |dir| {
            let input =
                with_ratings_entry(dir, RawEntry::with_method("ratings.csv", 93, b"\x28\xb5\x2f\xfd\x00\x58\x00"));
            let expect = Expect::partial()
                .says("ratings.csv: the entry is compressed with Zstandard (method 93)")
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("unknown-method-entry", |dir| {
            let input = with_ratings_entry(dir, RawEntry::with_method("ratings.csv", 77, b"??"));
            let expect = Expect::partial().says("ratings.csv").says("(method 77)");
            (vec![input], expect)
        }),
    ]
}
