//! `Read + Seek` over a `Blob` (a dropped `File`), reading slices with `FileReaderSync`.
//!
//! Only one slice (4 MiB) is in memory at a time, so a 300 MB archive is never copied
//! whole into the worker.

use std::io::{self, Read, Seek, SeekFrom};

use js_sys::Uint8Array;
use web_sys::{Blob, FileReaderSync};

const SLICE: u64 = 4 << 20;

/// A seekable reader over a Blob.
pub struct BlobReader {
    blob: Blob,
    reader: FileReaderSync,
    size: u64,
    pos: u64,
    buf: Vec<u8>,
    buf_start: u64,
}

fn js_error(what: &str, e: wasm_bindgen::JsValue) -> io::Error {
    io::Error::other(format!("{what}: {}", e.as_string().unwrap_or_else(|| format!("{e:?}"))))
}

impl BlobReader {
    /// Reads `blob` from its start.
    pub fn new(blob: Blob) -> io::Result<Self> {
        let reader = FileReaderSync::new().map_err(|e| js_error("FileReaderSync", e))?;
        let size = blob.size() as u64;
        Ok(BlobReader { blob, reader, size, pos: 0, buf: Vec::new(), buf_start: 0 })
    }

    fn load_slice(&mut self) -> io::Result<()> {
        let end = (self.pos + SLICE).min(self.size);
        let slice =
            self.blob.slice_with_f64_and_f64(self.pos as f64, end as f64).map_err(|e| js_error("Blob.slice", e))?;
        let array = self.reader.read_as_array_buffer(&slice).map_err(|e| js_error("reading the file", e))?;
        let bytes = Uint8Array::new(&array);
        self.buf.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut self.buf);
        self.buf_start = self.pos;
        Ok(())
    }
}

impl Read for BlobReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.size || out.is_empty() {
            return Ok(0);
        }
        let in_buffer = self.pos >= self.buf_start && self.pos < self.buf_start + self.buf.len() as u64;
        if !in_buffer {
            self.load_slice()?;
            if self.buf.is_empty() {
                return Ok(0);
            }
        }
        let offset = (self.pos - self.buf_start) as usize;
        let n = out.len().min(self.buf.len() - offset);
        out[..n].copy_from_slice(&self.buf[offset..offset + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for BlobReader {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.size.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(self.pos)
    }
}
