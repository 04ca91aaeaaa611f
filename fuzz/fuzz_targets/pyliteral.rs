//! The Python-literal parser on arbitrary text: every list and dict shape the cleaners
//! parse. It must never panic or overflow its stack; a list's report must point inside
//! the text (skipped entries at character boundaries, in order, before any break) and
//! keep no more entries than the list limit.

#![no_main]

use libfuzzer_sys::fuzz_target;
use movies_core::pyliteral::{
    parse_dict, parse_dict_list, FromDict, ListReport, MAX_LIST_ITEMS, MAX_REPORTED_ENTRIES,
};
use movies_core::model::{CastEntry, CrewEntry, NamedEntry};

fn list<'a, T: FromDict<'a>>(text: &'a str) {
    let mut out: Vec<T> = Vec::new();
    let report: ListReport = parse_dict_list(text, &mut out);
    let mut next = 0;
    for skipped in &report.skipped {
        assert!(skipped.index >= next, "skipped entries out of order: {report:?}");
        assert!(text.get(skipped.span.clone()).is_some(), "span {:?} not in the text", skipped.span);
        assert!(skipped.error.offset <= text.len(), "offset past the end of {} bytes", text.len());
        next = skipped.index + 1;
    }
    if let Some(broken) = &report.broken {
        assert!(broken.index >= next, "break before a skipped entry: {report:?}");
        assert!(text.get(broken.start..).is_some(), "break at {} not in the text", broken.start);
        assert!(broken.error.offset <= text.len(), "offset past the end of {} bytes", text.len());
    }
    assert!(report.unreported == 0 || report.skipped.len() == MAX_REPORTED_ENTRIES);
    assert!(out.len() + report.skipped_count() <= MAX_LIST_ITEMS, "more entries than the limit");
    assert_eq!(report.is_clean(), report.first_error().is_none());
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
