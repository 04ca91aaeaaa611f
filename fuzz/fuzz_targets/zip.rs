//! The zip reader on arbitrary bytes: open the archive (salvaging it when its central
//! directory is broken), list the dataset's entries, open each and read it to its end;
//! then walk the same bytes as a stream, as a pipe would deliver them. Errors are
//! expected; panics, hangs and unbounded memory are not.

#![no_main]

use std::io;

use libfuzzer_sys::fuzz_target;
use movies_core::archive::{Archive, StreamedZip};
use movies_core::origin::InMemory;

fuzz_target!(|data: &[u8]| {
    if let Ok(archive) = Archive::open(InMemory::new("fuzz.zip", data.to_vec())) {
        let _ = archive.entry_names().count();
        let _ = archive.damage();
        for entry in archive.dataset_entries() {
            if let Ok(mut reader) = archive.open_entry(&entry) {
                let _ = io::copy(&mut reader, &mut io::sink());
            }
        }
    }
    let mut stream = StreamedZip::new(data, "fuzz.zip");
    while let Ok(Some(_)) = stream.next_entry() {
        let _ = io::copy(&mut stream.entry(), &mut io::sink());
    }
    let _ = stream.damage();
});
