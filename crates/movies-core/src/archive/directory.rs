//! The archive's list of members, from its central directory (read by the `zip`
//! crate), and where each member's data starts.

use std::io::{self, Read, Seek, SeekFrom};

use zip::result::ZipError;
use zip::ZipArchive;

use super::local::{LocalHeader, END_OF_DIRECTORY};
use super::Member;
use crate::origin::read_up_to;

/// Why the central directory could not be used.
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// No end-of-directory record in the last 64 KiB: the file is cut short, or is not
    /// a zip archive at all.
    NoEnd,
    /// The directory is there but broken; the zip reader's own words, for the message.
    Broken(String),
}

impl Unreadable {
    /// The damage as the user is told it.
    pub fn describe(&self) -> String {
        match self {
            Unreadable::NoEnd => "its end, with the directory of its files, is missing".into(),
            Unreadable::Broken(why) => format!("its directory of files is unreadable: {why}"),
        }
    }
}

/// Lists the members of the archive through its central directory. `Err(io)` for a
/// failure to read the file itself, `Ok(Err(..))` when the directory is unusable
/// (the caller then walks the local headers).
pub(crate) fn list<R: Read + Seek>(reader: &mut R, len: u64) -> io::Result<Result<Vec<Member>, Unreadable>> {
    if !has_end_record(reader, len)? {
        return Ok(Err(Unreadable::NoEnd));
    }
    reader.seek(SeekFrom::Start(0))?;
    let zip = match ZipArchive::new(&mut *reader) {
        Ok(zip) => zip,
        Err(ZipError::Io(e)) if e.kind() != io::ErrorKind::UnexpectedEof => return Err(e),
        Err(e) => return Ok(Err(Unreadable::Broken(e.to_string()))),
    };
    let mut members = Vec::with_capacity(zip.len());
    for index in 0..zip.len() {
        let Ok(meta) = zip.by_index_data(index) else { continue };
        let Ok(name) = meta.name() else { continue };
        members.push(Member {
            name: super::printable(&name),
            is_dir: meta.is_dir(),
            encrypted: meta.encrypted(),
            #[allow(deprecated)]
            method: meta.compression().to_u16(),
            crc32: meta.crc32(),
            size: meta.size(),
            compressed_size: meta.compressed_size(),
            data: super::DataAt::Header(meta.header_start()),
            present: meta.compressed_size(),
            problem: None,
        });
    }
    Ok(Ok(members))
}

/// Where the data of the member whose local header is at `header_start` begins.
pub(crate) fn data_start(reader: &mut (impl Read + Seek), header_start: u64) -> io::Result<Option<u64>> {
    reader.seek(SeekFrom::Start(header_start))?;
    Ok(LocalHeader::read(reader)?.map(|header| header_start + header.length))
}

/// True when the last 64 KiB (plus the record's own 22 bytes) hold an end-of-directory
/// signature.
fn has_end_record<R: Read + Seek>(reader: &mut R, len: u64) -> io::Result<bool> {
    let window = len.min(0xFFFF + 22);
    reader.seek(SeekFrom::Start(len - window))?;
    let mut tail = vec![0u8; window as usize];
    let got = read_up_to(reader, &mut tail)?;
    let signature = END_OF_DIRECTORY.to_le_bytes();
    Ok(tail[..got].windows(4).any(|w| w == signature))
}
