//! Salvage: the members of an archive whose central directory is missing or broken
//! (a download cut short, most often), found by walking their local headers from the
//! start of the file.
//!
//! The members stored completely before the damage are listed as usual; the one the
//! damage falls in is listed with what is present of it (it reads up to the cut and
//! then reports it); the walk stops there.

use std::io::{self, Read, Seek, SeekFrom};

use flate2::{Decompress, FlushDecompress, Status};

use super::limits::RatioLimit;
use super::local::{Descriptor, LocalHeader};
use super::{DataAt, Member, Problem};
use crate::origin::read_up_to;

/// Most members a salvaged archive is searched for (a zip without zip64 holds at most
/// 65,535; the dataset has 7).
const MAX_SALVAGED_MEMBERS: usize = 65_535;

/// What the walk has inflated so far, and from how many bytes: the ratio limit holds
/// for the walk as a whole, so that many small bombs cannot add up.
#[derive(Default)]
struct Walked {
    inflated: u64,
    compressed: u64,
}

/// Walks the local headers from the start of the file. `None` when the file does not
/// start with one (it is not a zip archive at all).
pub(crate) fn walk<R: Read + Seek>(reader: &mut R, len: u64, limit: RatioLimit) -> io::Result<Option<Vec<Member>>> {
    let mut members = Vec::new();
    let mut pos = 0u64;
    let mut walked = Walked::default();
    while members.len() < MAX_SALVAGED_MEMBERS {
        reader.seek(SeekFrom::Start(pos))?;
        let Some(header) = LocalHeader::read(reader)? else {
            break;
        };
        let data_start = pos + header.length;
        let mut member = Member {
            name: super::printable(&header.name),
            is_dir: header.name.ends_with('/'),
            encrypted: header.encrypted(),
            method: header.method,
            crc32: header.crc32,
            size: header.size,
            compressed_size: header.compressed_size,
            data: DataAt::Start(data_start),
            present: 0,
            problem: None,
        };
        let data_end = if header.has_descriptor() {
            match delimit(reader, &mut member, data_start, &mut walked, limit)? {
                Some(end) => end,
                None => {
                    members.push(member);
                    break;
                }
            }
        } else {
            data_start.saturating_add(member.compressed_size)
        };
        member.present = data_end.min(len).saturating_sub(data_start);
        let cut = data_end > len;
        members.push(member);
        if cut {
            break;
        }
        pos = data_end;
    }
    Ok((!members.is_empty()).then_some(members))
}

/// Finds where the data of a member with a data descriptor (sizes not in its local
/// header) ends, by inflating it, and reads the descriptor. Returns the position after
/// the descriptor (`u64::MAX` when the file ends inside the member), or `None` when the
/// walk cannot go past this member.
fn delimit<R: Read + Seek>(
    reader: &mut R,
    member: &mut Member,
    data_start: u64,
    walked: &mut Walked,
    limit: RatioLimit,
) -> io::Result<Option<u64>> {
    if member.method != 8 || member.encrypted {
        // A stored or encrypted member does not tell where it ends.
        member.problem = Some(Problem::Corrupt("its size is only written after its data, where the damage is"));
        return Ok(None);
    }
    reader.seek(SeekFrom::Start(data_start))?;
    let mut inflater = Decompress::new(false);
    let mut input = vec![0u8; 64 * 1024];
    let mut output = vec![0u8; 256 * 1024];
    let (mut start, mut end) = (0, 0);
    loop {
        if start == end {
            start = 0;
            end = read_up_to(reader, &mut input)?;
            if end == 0 {
                // The file ends inside the deflate stream: cut short.
                member.compressed_size = u64::MAX;
                member.size = inflater.total_out();
                return Ok(Some(u64::MAX));
            }
        }
        let (before_in, before_out) = (inflater.total_in(), inflater.total_out());
        let status = inflater.decompress(&input[start..end], &mut output, FlushDecompress::None);
        start += (inflater.total_in() - before_in) as usize;
        let (inflated, compressed) = (inflater.total_out(), inflater.total_in());
        if limit.exceeded(walked.inflated + inflated, walked.compressed + compressed) {
            member.problem = Some(Problem::Ratio { inflated, compressed, limit: limit.ratio });
            return Ok(None);
        }
        match status {
            Ok(Status::StreamEnd) => break,
            Ok(_) if inflater.total_in() > before_in || inflater.total_out() > before_out => {}
            // No progress on the input it was given: a stream the inflater cannot go on with.
            Ok(_) | Err(_) => {
                member.problem = Some(Problem::Corrupt("its compressed data is invalid"));
                return Ok(None);
            }
        }
    }
    walked.inflated += inflater.total_out();
    walked.compressed += inflater.total_in();
    member.compressed_size = inflater.total_in();
    member.size = inflater.total_out();
    let data_end = data_start + member.compressed_size;
    let mut following = [0u8; 28];
    reader.seek(SeekFrom::Start(data_end))?;
    let got = read_up_to(reader, &mut following)?;
    let Some(descriptor) = Descriptor::parse(&following[..got], member.compressed_size) else {
        member.compressed_size = u64::MAX;
        return Ok(Some(u64::MAX));
    };
    member.crc32 = descriptor.crc32;
    if !descriptor.matches {
        member.problem = Some(Problem::Corrupt("its data descriptor does not match its data"));
    }
    Ok(Some(data_end + descriptor.length as u64))
}
