//! Text encodings of the input files.
//!
//! Files are expected in UTF-8 (a byte-order mark is skipped by the CSV reader).
//! Two other encodings occur in the wild and are handled here:
//! - UTF-16 (files "saved as Unicode text" by spreadsheets), recognised by its BOM and
//!   transcoded to UTF-8 as a stream by [`Utf16ToUtf8`];
//! - Windows-1252 (files re-saved on Windows): a field that is not valid UTF-8 is
//!   decoded with [`decode_windows_1252`], and the file gets one warning.

use std::borrow::Cow;
use std::io::{self, Read};

/// The characters of Windows-1252 bytes 0x80..=0x9F (the rest is Latin-1).
/// Unassigned bytes map to the C1 control of the same value, as browsers do.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}',
    '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}',
    '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}',
    '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes bytes as Windows-1252. Every byte maps to a character, so this cannot fail.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// A field as text: borrowed when it is valid UTF-8, else decoded as Windows-1252.
///
/// The flag says whether the fallback was used, so the caller can warn once per file.
pub fn field_text(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (Cow::Owned(decode_windows_1252(bytes)), true),
    }
}

/// The encoding a stream declares with its byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    /// No UTF-16 mark: read as UTF-8 (with Windows-1252 fallback per field).
    None,
    /// `FF FE`: UTF-16 little endian.
    Utf16Le,
    /// `FE FF`: UTF-16 big endian.
    Utf16Be,
}

impl Bom {
    /// Recognises a UTF-16 byte-order mark at the start of `head`.
    pub fn sniff(head: &[u8]) -> Bom {
        match head {
            [0xFF, 0xFE, ..] => Bom::Utf16Le,
            [0xFE, 0xFF, ..] => Bom::Utf16Be,
            _ => Bom::None,
        }
    }
}

/// A reader that transcodes a UTF-16 stream (after its BOM) into UTF-8.
///
/// Unpaired surrogates become U+FFFD, as does an odd trailing byte.
pub struct Utf16ToUtf8<R> {
    inner: R,
    little_endian: bool,
    input: Vec<u8>,
    input_len: usize,
    pending_high: Option<u16>,
    output: Vec<u8>,
    output_pos: usize,
    eof: bool,
}

impl<R: Read> Utf16ToUtf8<R> {
    /// Wraps `inner`, positioned just after the byte-order mark.
    pub fn new(inner: R, bom: Bom) -> Self {
        Utf16ToUtf8 {
            inner,
            little_endian: bom != Bom::Utf16Be,
            input: vec![0; 64 * 1024],
            input_len: 0,
            pending_high: None,
            output: Vec::with_capacity(96 * 1024),
            output_pos: 0,
            eof: false,
        }
    }

    fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.output.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    fn push_unit(&mut self, unit: u16) {
        if let Some(high) = self.pending_high.take() {
            if (0xDC00..0xE000).contains(&unit) {
                let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                self.push_char(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                return;
            }
            self.push_char(char::REPLACEMENT_CHARACTER);
        }
        if (0xD800..0xDC00).contains(&unit) {
            self.pending_high = Some(unit);
        } else {
            self.push_char(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.output.clear();
        self.output_pos = 0;
        while self.output.is_empty() && !self.eof {
            let n = self.inner.read(&mut self.input[self.input_len..])?;
            if n == 0 {
                self.eof = true;
            }
            self.input_len += n;
            let whole = self.input_len & !1;
            for i in (0..whole).step_by(2) {
                let pair = [self.input[i], self.input[i + 1]];
                let unit = if self.little_endian { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) };
                self.push_unit(unit);
            }
            self.input.copy_within(whole..self.input_len, 0);
            self.input_len -= whole;
            if self.eof && (self.input_len > 0 || self.pending_high.is_some()) {
                self.input_len = 0;
                self.pending_high = None;
                self.push_char(char::REPLACEMENT_CHARACTER);
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.output_pos == self.output.len() {
            self.refill()?;
        }
        let available = &self.output[self.output_pos..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.output_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252() {
        assert_eq!(decode_windows_1252(b"Caf\xe9 \x93quoted\x94 \x80"), "Café \u{201C}quoted\u{201D} €");
        let (text, fallback) = field_text(b"Caf\xc3\xa9");
        assert_eq!((text.as_ref(), fallback), ("Café", false));
        let (text, fallback) = field_text(b"Caf\xe9");
        assert_eq!((text.as_ref(), fallback), ("Café", true));
    }

    fn transcode(bytes: &[u8], bom: Bom, chunk: usize) -> String {
        struct Chunked<'a>(&'a [u8], usize);
        impl Read for Chunked<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = String::new();
        Utf16ToUtf8::new(Chunked(bytes, chunk), bom).read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn utf16_both_endians_any_chunking() {
        let text = "id,title\n862,Toy Story é 😀\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for chunk in [1, 3, 7, 1024] {
            assert_eq!(transcode(&le, Bom::Utf16Le, chunk), text);
            assert_eq!(transcode(&be, Bom::Utf16Be, chunk), text);
        }
        assert_eq!(Bom::sniff(&[0xFF, 0xFE, b'a']), Bom::Utf16Le);
        assert_eq!(Bom::sniff(b"id"), Bom::None);
    }

    #[test]
    fn broken_utf16_becomes_replacement_characters() {
        assert_eq!(transcode(&[0x00, 0xD8, b'a', 0], Bom::Utf16Le, 4), "\u{FFFD}a");
        assert_eq!(transcode(&[b'a', 0, b'b'], Bom::Utf16Le, 4), "a\u{FFFD}");
    }
}
