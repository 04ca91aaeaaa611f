//! The Python-literal parser on arbitrary text: every list and dict shape the cleaners
//! parse. It must return a value or an error with an offset inside the text, never
//! panic, overflow its stack or leave entries behind on error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use movies_core::model::{CastEntry, CrewEntry, NamedEntry};
use movies_core::pyliteral::{parse_dict, parse_dict_list, FromDict, LiteralError};

fn list<'a, T: FromDict<'a>>(text: &'a str) {
    let mut out: Vec<T> = Vec::new();
    if let Err(LiteralError { offset, .. }) = parse_dict_list(text, &mut out) {
        assert!(offset <= text.len(), "offset {offset} past the end of {} bytes", text.len());
        assert!(out.is_empty(), "entries left behind on error");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    list::<CastEntry<'_>>(&text);
    list::<CrewEntry<'_>>(&text);
    list::<NamedEntry<'_>>(&text);
    if let Err(err) = parse_dict::<NamedEntry<'_>>(&text) {
        assert!(err.offset <= text.len());
    }
});
