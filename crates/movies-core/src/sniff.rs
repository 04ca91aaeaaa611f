//! What a file is, told by its first bytes.
//!
//! Users hand over what they have on disk: the zip, its CSV files, but also the CSV
//! files gzip-compressed, a tarball, a 7-Zip or RAR archive, a spreadsheet the CSV was
//! opened and saved in, the web page a failed download saved, or the pointer file Git
//! LFS leaves in a clone. Each is recognised here so that the message says what the
//! file is and what to do, instead of reading it as CSV and dumping binary into a
//! "missing column" message.

use std::fmt;

/// Bytes of a file's start that [`Content::of`] looks at (a tar header's magic is at
/// offset 257).
pub const HEAD_BYTES: usize = 512;

/// What a file holds, as far as its first bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Content {
    /// A zip archive (the dataset's own format, or a workbook: see [`Content::Workbook`]).
    Zip,
    /// A gzip stream (`.gz`): read through transparently.
    Gzip,
    /// A tar archive.
    Tar,
    /// A 7-Zip archive.
    SevenZip,
    /// A RAR archive.
    Rar,
    /// A bzip2 stream.
    Bzip2,
    /// An xz stream.
    Xz,
    /// A Zstandard stream.
    Zstd,
    /// An Excel workbook (`.xlsx`, a zip of XML, or the older `.xls`).
    Workbook,
    /// A Git LFS pointer: the file itself was never downloaded.
    LfsPointer,
    /// An HTML page (what a download that needed a login often saves).
    Html,
    /// A Parquet file.
    Parquet,
    /// Text (CSV, or anything else that is not one of the above).
    Text,
}

impl Content {
    /// Recognises the content from the first bytes of a file (up to [`HEAD_BYTES`]).
    pub fn of(head: &[u8]) -> Content {
        let starts = |magic: &[u8]| head.starts_with(magic);
        if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
            Content::Zip
        } else if starts(&[0x1f, 0x8b]) {
            Content::Gzip
        } else if head.len() >= 262 && &head[257..262] == b"ustar" {
            Content::Tar
        } else if starts(b"7z\xBC\xAF\x27\x1C") {
            Content::SevenZip
        } else if starts(b"Rar!\x1A\x07") {
            Content::Rar
        } else if starts(b"BZh") && head.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) {
            Content::Bzip2
        } else if starts(b"\xFD7zXZ\x00") {
            Content::Xz
        } else if starts(&[0x28, 0xB5, 0x2F, 0xFD]) {
            Content::Zstd
        } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            Content::Workbook
        } else if starts(b"version https://git-lfs.github.com/spec/") {
            Content::LfsPointer
        } else if starts(b"PAR1") {
            Content::Parquet
        } else if looks_like_html(head) {
            Content::Html
        } else {
            Content::Text
        }
    }

    /// True when the names of a zip's members show it is a workbook, not a dataset.
    pub fn zip_is_workbook<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
        names.any(|name| name == "[Content_Types].xml" || name.starts_with("xl/"))
    }

    /// What to do with such a file, for the message.
    pub fn advice(self) -> &'static str {
        match self {
            Content::Zip | Content::Gzip | Content::Text => "give the-movies-dataset.zip or its CSV files",
            Content::Tar => "extract it (tar -xf FILE) and give the folder or the CSV files",
            Content::SevenZip => "extract it (7z x FILE) and give the folder, or re-pack it as a zip",
            Content::Rar => "extract it (unrar x FILE) and give the folder, or re-pack it as a zip",
            Content::Bzip2 => "decompress it (bunzip2 FILE) and give the CSV file",
            Content::Xz => "decompress it (unxz FILE) and give the CSV file",
            Content::Zstd => "decompress it (unzstd FILE) and give the CSV file",
            Content::Workbook => "save each sheet as CSV (UTF-8) from the spreadsheet program and give those files",
            Content::LfsPointer => "fetch the real file first (git lfs pull), then give it",
            Content::Html => {
                "the download saved a web page instead of the data: download the dataset again (signed in)"
            }
            Content::Parquet => "give the CSV files of the original dataset (Parquet is an output format here)",
        }
    }
}

impl fmt::Display for Content {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Content::Zip => "a zip archive",
            Content::Gzip => "gzip-compressed data",
            Content::Tar => "a tar archive",
            Content::SevenZip => "a 7-Zip archive",
            Content::Rar => "a RAR archive",
            Content::Bzip2 => "bzip2-compressed data",
            Content::Xz => "xz-compressed data",
            Content::Zstd => "Zstandard-compressed data",
            Content::Workbook => "an Excel workbook",
            Content::LfsPointer => "a Git LFS pointer (the file's content was never downloaded)",
            Content::Html => "a web page (HTML)",
            Content::Parquet => "a Parquet file",
            Content::Text => "text",
        })
    }
}

fn looks_like_html(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    let text = &text[start..text.len().min(start + 15)];
    let lower: Vec<u8> = text.iter().map(u8::to_ascii_lowercase).collect();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        let mut tar = vec![0u8; 512];
        tar[..13].copy_from_slice(b"movies/a.csv\0");
        tar[257..263].copy_from_slice(b"ustar\0");
        let cases: [(&[u8], Content); 14] = [
            (b"PK\x03\x04\x14\x00", Content::Zip),
            (b"\x1f\x8b\x08\x00", Content::Gzip),
            (&tar, Content::Tar),
            (b"7z\xBC\xAF\x27\x1C\x00\x04", Content::SevenZip),
            (b"Rar!\x1A\x07\x01\x00", Content::Rar),
            (b"BZh91AY&SY", Content::Bzip2),
            (b"\xFD7zXZ\x00\x00", Content::Xz),
            (b"\x28\xB5\x2F\xFD\x04", Content::Zstd),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", Content::Workbook),
            (b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12345\n", Content::LfsPointer),
            (b"\n  <!DOCTYPE html><html>", Content::Html),
            (b"PAR1\x15\x04", Content::Parquet),
            (b"adult,belongs_to_collection,budget\n", Content::Text),
            (b"BZh is a word,id\n", Content::Text),
        ];
        for (head, content) in cases {
            assert_eq!(Content::of(head), content, "{head:?}");
        }
        assert_eq!(Content::of(b""), Content::Text);
    }

    #[test]
    fn workbooks_are_told_from_dataset_zips() {
        assert!(Content::zip_is_workbook(["[Content_Types].xml", "xl/workbook.xml"].into_iter()));
        assert!(!Content::zip_is_workbook(["the-movies-dataset/ratings.csv"].into_iter()));
    }
}
