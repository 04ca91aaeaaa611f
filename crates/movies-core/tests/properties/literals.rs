//! The Python-literal parser on arbitrary text: it never panics, reads JSON as it reads
//! Python literals, skips a damaged entry keeping the others, and keeps what precedes a
//! cut.

use movies_core::model::{CastEntry, NamedEntry};
use movies_core::pyliteral::{parse_dict, parse_dict_list, ListReport, MAX_LIST_ITEMS, MAX_REPORTED_ENTRIES};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

/// Text made of the pieces of Python literals and JSON, to reach deep into the parser.
fn literal_soup() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "[", "]", "{", "}", "(", ")", "'", "\"", "\\", "\\x", "\\u", "\\U", "\\0", "\\\n", "4", "e9", "00e9", ":", ",",
        " ", "\n", "None", "True", "False", "'id'", "'name'", "1", "-", "+", ".", "e", "_", "1e999", "é", "😀", "u'",
        "'a'", "\"b\"", "[{", "}]", "x", "null", "true", "false", "NaN", "Infinity", "\\/", "\\ud83d", "\\ude00",
        "\"id\"", "@",
    ];
    proptest::collection::vec(select(PIECES), 0..60).prop_map(|pieces| pieces.concat())
}

/// The report of `parse_dict_list` is consistent: offsets and spans inside the text at
/// character boundaries, in order, kept and skipped entries within the list limit.
fn assert_report_consistent(text: &str, report: &ListReport, kept: usize) -> Result<(), TestCaseError> {
    let mut next = 0;
    for skipped in &report.skipped {
        prop_assert!(skipped.index >= next && text.get(skipped.span.clone()).is_some(), "{report:?}");
        prop_assert!(skipped.error.offset <= text.len(), "{report:?}");
        next = skipped.index + 1;
    }
    if let Some(broken) = &report.broken {
        prop_assert!(broken.index >= next && text.get(broken.start..).is_some(), "{report:?}");
        prop_assert!(broken.error.offset <= text.len(), "{report:?}");
    }
    prop_assert!(report.unreported == 0 || report.skipped.len() == MAX_REPORTED_ENTRIES, "{report:?}");
    prop_assert!(kept + report.skipped_count() <= MAX_LIST_ITEMS, "{report:?}");
    Ok(())
}

/// How a generated list writes its strings.
#[derive(Debug, Clone, Copy)]
enum Form {
    /// Python's `repr()`: single quotes, double quotes when the text has an apostrophe.
    Python,
    /// Python's `json.dumps` (every non-ASCII character as `\uXXXX`, surrogate pairs
    /// beyond the BMP) or, with `true`, JSON as other writers make it (raw UTF-8, `/`
    /// escaped as `\/`).
    Json(bool),
}

/// `text` as a string literal of `form`.
fn quoted(text: &str, form: Form) -> String {
    let mut out = String::new();
    match form {
        Form::Python => {
            let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
            out.push(quote);
            for c in text.chars() {
                if c == '\\' || c == quote {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push(quote);
        }
        Form::Json(raw) => {
            out.push('"');
            for c in text.chars() {
                match c {
                    '"' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '/' if raw => out.push_str("\\/"),
                    c if c.is_ascii() || raw => out.push(c),
                    c => {
                        for unit in c.encode_utf16(&mut [0; 2]) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                }
            }
            out.push('"');
        }
    }
    out
}

/// One `{'id': id, 'name': name}` entry of `form`.
fn entry(id: usize, name: &str, form: Form) -> String {
    format!("{{{}: {id}, {}: {}}}", quoted("id", form), quoted("name", form), quoted(name, form))
}

/// The entry `{'id': id, 'name': name}` of `form`, damaged in the way `how` picks; every
/// damage keeps its brackets balanced and its strings closed.
fn damaged(id: usize, name: &str, form: Form, how: usize) -> String {
    let (k_id, k_name, v) = (quoted("id", form), quoted("name", form), quoted(name, form));
    match how % 10 {
        0 => format!("{{{k_id}: @, {k_name}: {v}}}"),
        1 => format!("{{{k_id}: {id}, {k_name}: {v} {v}}}"),
        2 => format!("{{{k_id} {id}, {k_name}: {v}}}"),
        3 => format!("{{{k_id}: {id}, {k_name}: {v}}}}}"),
        4 => format!("{{{k_id}: {id}, {k_name}: {v}}} {{{k_id}: {id}}}"),
        5 => format!("{{{k_id}: nan, {k_name}: {v}}}"),
        6 => format!("{{{k_id}: {id}, {k_name}: {v}, {v}: [1, (2, {{3: {v}}}), '],'] @}}"),
        7 => v,
        8 => format!("{{id: {id}, {k_name}: {v}}}"),
        _ => format!("{{{k_id}: {id}, {k_name}: {v}, 'x': '\\x4'}}"),
    }
}

/// Names with the characters that matter to the parser: quotes, brackets, commas,
/// backslashes, slashes and text beyond ASCII.
fn names() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[a-z ,:'\"\\[\\]{}()/\\\\éü夜😀]{0,10}", 1..16)
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![Just(Form::Python), Just(Form::Json(false)), Just(Form::Json(true))]
}

/// The ids and names kept from `text`, with the report.
fn read_list(text: &str) -> Result<(Vec<(usize, String)>, ListReport), TestCaseError> {
    let mut out: Vec<NamedEntry<'_>> = Vec::new();
    let report = parse_dict_list(text, &mut out);
    assert_report_consistent(text, &report, out.len())?;
    let kept =
        out.iter().map(|e| (e.id.unwrap_or(-1) as usize, e.name.as_deref().unwrap_or_default().to_owned())).collect();
    Ok((kept, report))
}

proptest! {
    #[test]
    fn literal_parser_never_panics(text in prop_oneof![any::<String>(), literal_soup()]) {
        let mut cast: Vec<CastEntry<'_>> = Vec::new();
        let report = parse_dict_list(&text, &mut cast);
        assert_report_consistent(&text, &report, cast.len())?;
        if let Err(err) = parse_dict::<NamedEntry<'_>>(&text) {
            prop_assert!(err.offset <= text.len(), "offset {} past the end", err.offset);
        }
    }

    #[test]
    fn lists_read_the_same_as_python_literals_and_as_json(names in names()) {
        let expected: Vec<(usize, String)> =
            names.iter().enumerate().map(|(i, n)| (i, n.trim().to_owned())).collect();
        for form in [Form::Python, Form::Json(false), Form::Json(true)] {
            let entries: Vec<String> = names.iter().enumerate().map(|(i, n)| entry(i, n, form)).collect();
            let text = format!("[{}]", entries.join(", "));
            let (kept, report) = read_list(&text)?;
            prop_assert!(report.is_clean(), "{text}: {report:?}");
            prop_assert_eq!(&kept, &expected, "{}", text);
        }
    }

    #[test]
    fn one_damaged_entry_is_skipped_and_the_others_kept(
        names in names(),
        form in form(),
        at in any::<prop::sample::Index>(),
        how in 0..10usize,
    ) {
        let bad = at.index(names.len());
        let entries: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| if i == bad { damaged(i, n, form, how) } else { entry(i, n, form) })
            .collect();
        let text = format!("[{}]", entries.join(", "));
        let (kept, report) = read_list(&text)?;
        let expected: Vec<(usize, String)> =
            names.iter().enumerate().filter(|&(i, _)| i != bad).map(|(i, n)| (i, n.trim().to_owned())).collect();
        prop_assert_eq!(&kept, &expected, "{}", text);
        prop_assert_eq!(report.skipped.len(), 1, "{}: {:?}", text, report);
        let skipped = &report.skipped[0];
        prop_assert_eq!((skipped.index, &text[skipped.span.clone()]), (bad, entries[bad].as_str()));
        prop_assert!(report.broken.is_none(), "{text}: {report:?}");
    }

    #[test]
    fn a_list_cut_anywhere_keeps_the_entries_before_the_cut(
        names in names(),
        form in form(),
        cut in any::<prop::sample::Index>(),
    ) {
        let entries: Vec<String> = names.iter().enumerate().map(|(i, n)| entry(i, n, form)).collect();
        let text = format!("[{}]", entries.join(", "));
        let mut cut = cut.index(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let (kept, report) = read_list(&text[..cut])?;
        let expected: Vec<(usize, String)> =
            names.iter().enumerate().map(|(i, n)| (i, n.trim().to_owned())).take(kept.len()).collect();
        prop_assert_eq!(&kept, &expected, "{}", &text[..cut]);
        prop_assert!(report.skipped.is_empty(), "{}: {:?}", &text[..cut], report);
        prop_assert_eq!(report.broken.is_some(), cut > 0, "{}: {:?}", &text[..cut], report);
        // Every entry that ends before the cut is kept.
        let whole = entries.iter().scan(1, |end, e| { *end += e.len() + 2; Some(*end - 2) }).filter(|&end| end <= cut).count();
        prop_assert_eq!(kept.len(), whole, "{}", &text[..cut]);
    }
}
