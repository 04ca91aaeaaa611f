//! The parser's unit tests: values, strings and escapes, JSON's forms, and the
//! resynchronisation after a malformed list entry.

use std::borrow::Cow;

use super::parser::Parser;
use super::report::Result;
use super::*;

#[derive(Default, Debug, PartialEq)]
struct Entry {
    id: Option<i64>,
    name: Option<String>,
    other: Vec<String>,
}

impl<'a> FromDict<'a> for Entry {
    fn set(&mut self, key: &str, value: Scalar<'a>) {
        match key {
            "id" => self.id = value.as_int(),
            "name" => self.name = value.into_text().map(Cow::into_owned),
            _ => self.other.push(format!("{key}={value:?}")),
        }
    }
}

/// The entries kept and the report, after checking the report's invariants.
fn lenient(input: &str) -> (Vec<Entry>, ListReport) {
    let mut out = Vec::new();
    let report = parse_dict_list(input, &mut out);
    assert_report_consistent(input, &report, out.len());
    (out, report)
}

/// The list read whole, or the first problem found.
fn list(input: &str) -> Result<Vec<Entry>> {
    let (out, report) = lenient(input);
    match report.first_error() {
        None => Ok(out),
        Some(err) => Err(err.clone()),
    }
}

/// Offsets inside the text at character boundaries, skipped entries in order and
/// before the break, entries kept plus skipped within the limit.
fn assert_report_consistent(input: &str, report: &ListReport, kept: usize) {
    let mut after = 0;
    for s in &report.skipped {
        assert!(s.index >= after, "{input}: {report:?}");
        assert!(input.get(s.span.clone()).is_some(), "{input}: span {:?}", s.span);
        assert!(s.error.offset <= input.len(), "{input}: {report:?}");
        after = s.index + 1;
    }
    if let Some(b) = &report.broken {
        assert!(b.index >= after, "{input}: {report:?}");
        assert!(input.get(b.start..).is_some() && b.error.offset <= input.len(), "{input}: {report:?}");
    }
    assert!(report.unreported == 0 || report.skipped.len() == MAX_REPORTED_ENTRIES);
    assert!(kept + report.skipped_count() <= MAX_LIST_ITEMS, "{input}");
}

/// The ids kept, each skipped entry's index and text, and the break.
type Outcome<'t> = (Vec<Option<i64>>, Vec<(usize, &'t str)>, Option<BrokenList>);

/// What [`lenient`] reads from `input`, as an [`Outcome`].
fn kept_and_skipped(input: &str) -> Outcome<'_> {
    let (out, report) = lenient(input);
    let skipped = report.skipped.iter().map(|s| (s.index, &input[s.span.clone()])).collect();
    (out.iter().map(|e| e.id).collect(), skipped, report.broken)
}

#[test]
fn parses_real_genres() {
    let got = list("[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]").unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].id, Some(16));
    assert_eq!(got[1].name.as_deref(), Some("Comedy"));
}

#[test]
fn double_quoted_string_keeps_apostrophe() {
    let got = list(r#"[{'id': 15101, 'name': "based on children's book"}]"#).unwrap();
    assert_eq!(got[0].name.as_deref(), Some("based on children's book"));
}

#[test]
fn escapes_are_decoded() {
    let got = list(r"[{'name': 'Rock \'n\' Roll \\ \x41\u00e9\U0001F600'}]").unwrap();
    assert_eq!(got[0].name.as_deref(), Some("Rock 'n' Roll \\ Aé😀"));
}

#[test]
fn none_true_false_floats_and_nested_values() {
    let got = list("[{'id': 3, 'profile_path': None, 'adult': True, 'x': False, 'f': -1.5e3, 'l': [1, {'a': (2, 3)}], 'name': 'A'}]").unwrap();
    assert_eq!(got[0].id, Some(3));
    assert_eq!(got[0].name.as_deref(), Some("A"));
    assert_eq!(
        got[0].other,
        ["profile_path=None", "adult=Bool(true)", "x=Bool(false)", "f=Float(-1500.0)", "l=Container"]
    );
}

#[test]
fn empty_and_none_are_empty_lists() {
    assert!(list("").unwrap().is_empty());
    assert!(list("  None ").unwrap().is_empty());
    assert!(list("[]").unwrap().is_empty());
    assert!(list("[{}, ]").unwrap().len() == 1);
}

#[test]
fn single_dict() {
    let got: Option<Entry> =
        parse_dict("{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': '/x.jpg'}").unwrap();
    assert_eq!(got.unwrap().id, Some(10194));
    assert_eq!(parse_dict::<Entry>("").unwrap(), None);
    assert!(parse_dict::<Entry>("{'id': 1} x").is_err());
}

#[test]
fn malformed_literals_are_errors_with_offsets() {
    for (input, offset) in [
        ("[{'id': 16, 'name': 'Animation'", 31),
        ("[{'id': 16, 'name': 'Anim", 20),
        ("[{'id' 16}]", 7),
        ("[{id: 16}]", 2),
        ("[{'a': @}]", 7),
        ("{'id': 1}", 0),
        ("[{'a': '\\x4'}]", 8),
    ] {
        let err = list(input).unwrap_err();
        assert_eq!(err.offset, offset, "{input}: {err}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("[{{'a': {}{}}}]", "[".repeat(100_000), "]".repeat(100_000));
    let err = list(&deep).unwrap_err();
    assert_eq!(err.problem, "nesting deeper than 64 levels");
    let ok = format!("[{{'a': {}{}}}]", "[".repeat(60), "]".repeat(60));
    assert!(list(&ok).is_ok());
}

#[test]
fn lists_longer_than_the_limit_keep_the_first_entries() {
    let at_limit = format!("[{}]", "{},".repeat(MAX_LIST_ITEMS));
    assert_eq!(list(&at_limit).unwrap().len(), MAX_LIST_ITEMS);
    let over = format!("[{}]", "{},".repeat(MAX_LIST_ITEMS + 1));
    let err = list(&over).unwrap_err();
    assert!(err.problem.contains(&MAX_LIST_ITEMS.to_string()), "{err}");
    assert_eq!(err.offset, 1 + 3 * MAX_LIST_ITEMS);
    let (kept, report) = lenient(&over);
    assert_eq!(kept.len(), MAX_LIST_ITEMS);
    assert_eq!(report.broken.map(|b| (b.index, b.start)), Some((MAX_LIST_ITEMS, 1 + 3 * MAX_LIST_ITEMS)));
}

#[test]
fn borrowed_when_no_escape() {
    let mut p = Parser::new("'plain'");
    assert!(matches!(p.string(b'\'').unwrap(), Cow::Borrowed("plain")));
}

// ---- JSON ----------------------------------------------------------------------

#[test]
fn json_null_true_false_and_non_finite_floats() {
    let got = list(
        r#"[{"id": 3, "profile_path": null, "adult": true, "x": false, "n": NaN, "i": Infinity, "j": -Infinity, "name": "A"}]"#,
    )
    .unwrap();
    assert_eq!((got[0].id, got[0].name.as_deref()), (Some(3), Some("A")));
    assert_eq!(
        got[0].other,
        ["profile_path=None", "adult=Bool(true)", "x=Bool(false)", "n=Float(NaN)", "i=Float(inf)", "j=Float(-inf)"]
    );
    // Python's words and JSON's mix (a hand-edited field), and both nest.
    let got = list("[{'a': None, 'b': null, 'c': [true, {'d': False}], 'id': 1}]").unwrap();
    assert_eq!(got[0].other, ["a=None", "b=None", "c=Container"]);
}

#[test]
fn json_words_need_a_word_boundary() {
    for text in ["[{'a': nullx}]", "[{'a': truely}]", "[{'a': falsey}]", "[{'a': nan}]", "[{'a': NULL}]"] {
        assert_eq!(list(text).unwrap_err().problem, "expected a value", "{text}");
    }
    assert_eq!(list("[{'a': -}]").unwrap_err().problem, "malformed number");
    assert_eq!(list("[{'a': -Inf}]").unwrap_err().problem, "malformed number");
}

#[test]
fn json_null_field_is_an_empty_list_or_no_dict() {
    assert!(list("null").unwrap().is_empty());
    assert!(list(" null\n").unwrap().is_empty());
    assert_eq!(parse_dict::<Entry>("null").unwrap(), None);
    assert!(list("null x").is_err());
    let got: Option<Entry> =
        parse_dict(r#"{"id": 10194, "name": "Toy Story Collection", "backdrop_path": null}"#).unwrap();
    assert_eq!(got.unwrap().other, ["backdrop_path=None"]);
}

#[test]
fn json_escapes_are_decoded() {
    let got = list(r#"[{"name": "Caf\u00e9 \u591c \ud83d\ude00 a\/b \"q\" \\ \b\f\n\r\t."}]"#).unwrap();
    assert_eq!(got[0].name.as_deref(), Some("Café 夜 😀 a/b \"q\" \\ \u{8}\u{c}\n\r\t."));
    // Upper-case hex digits, and a pair at the very end of the string.
    let got = list(r#"[{"name": "\uD83C\uDFAC"}]"#).unwrap();
    assert_eq!(got[0].name.as_deref(), Some("🎬"));
    // The escaped solidus in a single-quoted string too (an edited field).
    assert_eq!(list(r"[{'name': '\/x.jpg'}]").unwrap()[0].name.as_deref(), Some("/x.jpg"));
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    for (text, want) in [
        (r#"[{"name": "a\ud83db"}]"#, "a\u{FFFD}b"),
        (r#"[{"name": "a\ude00b"}]"#, "a\u{FFFD}b"),
        (r#"[{"name": "\ud83d\u0041"}]"#, "\u{FFFD}A"),
        (r#"[{"name": "\ud83d\ud83d\ude00"}]"#, "\u{FFFD}😀"),
        (r#"[{"name": "\ud83d"}]"#, "\u{FFFD}"),
        (r#"[{"name": "\ud83d\n"}]"#, "\u{FFFD}"),
        (r#"[{"name": "\ud83d\u+c00"}]"#, "\u{FFFD}"),
        (r"[{'name': '\U0000d83d'}]", "\u{FFFD}"),
    ] {
        let got = list(text).map(|g| g[0].name.clone());
        match got {
            Ok(name) => assert_eq!(name.as_deref(), Some(want).filter(|w| !w.trim().is_empty()), "{text}"),
            // `\u+c00` is no low half, and no hex escape either.
            Err(err) => assert_eq!((text, err.problem), (r#"[{"name": "\ud83d\u+c00"}]"#, "bad hex escape")),
        }
    }
    // A high half cut short before its low half: an error, as any truncated `\u`.
    assert_eq!(list(r#"[{"name": "\ud83d\ude0"}]"#).unwrap_err().problem, "bad hex escape");
}

// ---- resynchronisation ---------------------------------------------------------

#[test]
fn a_malformed_entry_is_skipped_and_the_others_kept() {
    let text = "[{'id': 1}, {'id': @, 'name': 'x'}, {'id': 3}]";
    let (out, report) = lenient(text);
    assert_eq!(out.iter().map(|e| e.id).collect::<Vec<_>>(), [Some(1), Some(3)]);
    assert_eq!(report.skipped.len(), 1);
    let skipped = &report.skipped[0];
    assert_eq!((skipped.index, skipped.span.clone()), (1, 12..34));
    assert_eq!(&text[skipped.span.clone()], "{'id': @, 'name': 'x'}");
    assert_eq!(skipped.error, LiteralError { offset: 19, problem: "expected a value" });
    assert_eq!((report.unreported, &report.broken), (0, &None));
    assert_eq!(report.first_error(), Some(&skipped.error));
}

#[test]
fn skipping_counts_brackets_and_ignores_those_in_strings() {
    let deep_bad = format!("[{{'id': 1}}, {{'x': {}{}, 'y': @}}, {{'id': 3}}]", "[".repeat(60), "]".repeat(60));
    for (text, kept, skipped) in [
        // Brackets, commas and escaped quotes inside the bad entry's strings.
        (r#"[{'id': 1}, {'x': ['a]', "b,}", (1, {2}), 'it\'s, ]'], 'y' 5}, {'id': 3}]"#, &[1, 3][..], 1),
        // Missing comma: the two dicts make one bad entry.
        ("[{'id': 1} {'id': 2}, {'id': 3}]", &[3][..], 0),
        // A stray closer after a whole dict.
        ("[{'id': 1}}, {'id': 3}]", &[3][..], 0),
        (r#"[{"id": 1}), {"id": 3}]"#, &[3][..], 0),
        // A bracket closed by the wrong kind, balanced in count.
        ("[{'id': 1, 'x': [2}], {'id': 3}]", &[3][..], 0),
        // Entries that are not dicts.
        ("[5, {'id': 1}, {'id': 3}]", &[1, 3], 0),
        ("[{'id': 1}, None, {'id': 3}]", &[1, 3], 1),
        ("[{'id': 1}, 'text, with [brackets', {'id': 3}]", &[1, 3], 1),
        ("[{'id': 1}, [{'id': 2}], {'id': 3}]", &[1, 3], 1),
        // A bad escape, a bad number, a missing colon, an unquoted key.
        (r"[{'id': 1}, {'name': '\x4'}, {'id': 3}]", &[1, 3], 1),
        ("[{'id': 1}, {'id': 1e}, {'id': 3}]", &[1, 3], 1),
        ("[{'id': 1}, {'id' 2}, {'id': 3}]", &[1, 3], 1),
        ("[{'id': 1}, {id: 2}, {'id': 3}]", &[1, 3], 1),
        // Nested 60 deep inside the bad entry (within the limit).
        (&deep_bad, &[1, 3], 1),
    ] {
        let (ids, skips, broken) = kept_and_skipped(text);
        assert_eq!(ids, kept.iter().copied().map(Some).collect::<Vec<_>>(), "{text}");
        assert_eq!(skips.iter().map(|s| s.0).collect::<Vec<_>>(), [skipped], "{text}");
        assert_eq!(broken, None, "{text}");
    }
}

#[test]
fn skipped_spans_leave_out_blanks_and_may_be_empty() {
    let text = "[ {'id': 1} ,\n  {'id' @}\t , , {'id': 4},]";
    let (ids, skips, broken) = kept_and_skipped(text);
    assert_eq!(ids, [Some(1), Some(4)]);
    assert_eq!(skips, [(1, "{'id' @}"), (2, "")]);
    assert_eq!(broken, None);
    // A leading comma is an empty entry; a trailing one is allowed, as in Python.
    assert_eq!(kept_and_skipped("[, {'id': 2}, ]").1, [(0, "")]);
    assert_eq!(kept_and_skipped("[,]").1, [(0, "")]);
}

#[test]
fn skipping_stops_at_the_depth_limit_as_the_parser_does() {
    // 64 levels inside the dict are read by the parser, so they are skipped too.
    let at_limit = format!("[{{'x': {}{}, 'y': @}}, {{'id': 2}}]", "[".repeat(64), "]".repeat(64));
    assert_eq!(kept_and_skipped(&at_limit).0, [Some(2)]);
    // One more and the entry's end cannot be found: the list breaks there.
    let over = format!("[{{'id': 1}}, {{'y': @, 'x': {}{}}}, {{'id': 2}}]", "[".repeat(65), "]".repeat(65));
    let (ids, skips, broken) = kept_and_skipped(&over);
    assert_eq!((ids, skips), (vec![Some(1)], vec![]));
    let broken = broken.unwrap();
    assert_eq!((broken.index, broken.start, broken.error.problem), (1, 12, "expected a value"));
}

#[test]
fn a_list_cut_short_keeps_the_entries_before_the_cut() {
    for (text, ids, index, start, problem) in [
        // Cut inside a string (a field truncated at 32,767 characters by a spreadsheet).
        ("[{'id': 1}, {'id': 2}, {'id': 3, 'name': 'Th", vec![1, 2], 2, 23, "unterminated string"),
        // Cut inside a nested value, and right after a value.
        ("[{'id': 1}, {'id': 2, 'x': [1, (2", vec![1], 1, 12, "unterminated list or dict"),
        ("[{'id': 1}, {'id': 2", vec![1], 1, 12, "expected ',' or '}' after a dict value"),
        // Cut after a whole dict, or after a comma: every dict is kept.
        ("[{'id': 1}, {'id': 2}", vec![1, 2], 2, 21, "unterminated list"),
        ("[{'id': 1},  ", vec![1], 1, 13, "unterminated list"),
        ("[", vec![], 0, 1, "unterminated list"),
        // Unbalanced: a bracket opened in an entry is never closed.
        ("[{'id': 1}, {'id': [2}, {'id': 3}]", vec![1], 1, 12, "expected a quoted dict key"),
        // An unmatched quote swallows the rest of the list.
        (
            "[{'id': 1}, {'id': 2, 'name': 'O'Brien'}, {'id': 3}]",
            vec![1],
            1,
            12,
            "expected ',' or '}' after a dict value",
        ),
    ] {
        let (kept, broken) = {
            let (k, _, b) = kept_and_skipped(text);
            (k, b.unwrap_or_else(|| panic!("{text}")))
        };
        assert_eq!(kept, ids.into_iter().map(Some).collect::<Vec<_>>(), "{text}");
        assert_eq!((broken.index, broken.start, broken.error.problem), (index, start, problem), "{text}");
    }
}

#[test]
fn text_after_the_list_keeps_every_entry() {
    let (ids, skips, broken) = kept_and_skipped("[{'id': 1}, {'id': 2}] trailing");
    assert_eq!((ids, skips), (vec![Some(1), Some(2)], vec![]));
    let broken = broken.unwrap();
    assert_eq!((broken.index, broken.start, broken.error.problem), (2, 23, "unexpected text after the value"));
    // Not a list at all: nothing kept, broken at the start.
    for text in ["{'id': 1}", "'text'", "None x", "null null", "x"] {
        let (out, report) = lenient(text);
        assert!(out.is_empty(), "{text}");
        assert_eq!(report.broken.map(|b| (b.index, b.start)), Some((0, 0)), "{text}");
    }
    let (out, report) = lenient("  [{'id': 1}] ]");
    assert_eq!((out.len(), report.broken.map(|b| (b.index, b.start))), (1, Some((1, 14))));
}

#[test]
fn only_the_first_malformed_entries_are_reported_one_by_one() {
    let text = format!("[{}{{'id': 7}}]", "{'id': @}, ".repeat(25));
    let (out, report) = lenient(&text);
    assert_eq!(out.iter().map(|e| e.id).collect::<Vec<_>>(), [Some(7)]);
    assert_eq!(report.skipped.len(), MAX_REPORTED_ENTRIES);
    assert_eq!(
        report.skipped.iter().map(|s| s.index).collect::<Vec<_>>(),
        (0..MAX_REPORTED_ENTRIES).collect::<Vec<_>>()
    );
    assert_eq!((report.unreported, report.skipped_count(), &report.broken), (15, 25, &None));
}

#[test]
fn skipped_entries_count_towards_the_list_limit() {
    let text = format!("[{}]", "x,".repeat(MAX_LIST_ITEMS + 5));
    let (out, report) = lenient(&text);
    assert!(out.is_empty());
    assert_eq!(report.skipped_count(), MAX_LIST_ITEMS);
    let broken = report.broken.unwrap();
    assert_eq!((broken.index, broken.error.problem), (MAX_LIST_ITEMS, "list longer than the limit of 10000 items"));
}

#[test]
fn hostile_lists_take_linear_time() {
    // Each shape makes every entry fail, after the parser read as far as it could.
    let n = 200_000;
    for shape in [
        "{'a': [1}], ",                        // a bracket closed by the dict's brace
        "{'a': 1, 'b': [[[[[[[[]]]]]]]] @}, ", // the error at the end of each entry
        "{'a': 'x\\'y', 'b': (1, 2) 'c'}, ",   // escaped quotes and a missing comma
        "{}{}, ",                              // two dicts in one entry
        ", ",                                  // empty entries
    ] {
        let text = format!("[{}{{'id': 1}}]", shape.repeat(n.min(MAX_LIST_ITEMS - 1)));
        let started = std::time::Instant::now();
        let (out, report) = lenient(&text);
        assert!(started.elapsed().as_secs() < 20, "{shape}: {:?}", started.elapsed());
        assert_eq!(out.len(), 1, "{shape}");
        assert_eq!(report.skipped_count(), MAX_LIST_ITEMS - 1, "{shape}");
    }
    // One huge bad entry, and one entry opening brackets right up to the limit many times.
    let huge = format!("[{{'a': @, 'b': '{}'}}, {{'id': 1}}]", "x".repeat(8 << 20));
    assert_eq!(lenient(&huge).0.len(), 1);
    let deep = format!("[{}{{'id': 1}}]", format!("{{'a': {}{} @}}, ", "(".repeat(64), ")".repeat(64)).repeat(2_000));
    assert_eq!(lenient(&deep).0.len(), 1);
}
