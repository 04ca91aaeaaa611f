//! The zip reader on arbitrary bytes: open the archive (salvaging it when its central
//! directory is broken), list the dataset's entries, open each and read it to its end.
//! Errors are expected; panics, hangs and unbounded memory are not.

#![no_main]

use std::io::{self, Cursor};

use libfuzzer_sys::fuzz_target;
use movies_core::archive::Archive;

fuzz_target!(|data: &[u8]| {
    let Ok(mut archive) = Archive::open(Cursor::new(data), "fuzz.zip") else {
        return;
    };
    let _ = archive.entry_names();
    let _ = archive.damage();
    for entry in archive.dataset_entries() {
        if let Ok(mut reader) = archive.open_entry(&entry) {
            let _ = io::copy(&mut reader, &mut io::sink());
        }
    }
});
