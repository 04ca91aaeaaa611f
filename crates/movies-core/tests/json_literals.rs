//! The literal columns of the real files re-exported as JSON, as pandas users do
//! (`df[col].map(lambda x: json.dumps(ast.literal_eval(x)))`), clean to the same rows as
//! the Python literals; and real lists with one damaged entry, or cut short, keep the
//! entries that can be read, with one warning each that says where.
//!
//! The JSON is made here from the real files: each literal is parsed by the `py_literal`
//! crate and written back as JSON in two forms, Python's `json.dumps` (every character
//! beyond ASCII as `\uXXXX`, `null`, `true`, `false`) and a compact form as other JSON
//! writers make it (raw UTF-8, `/` escaped as `\/`). Every test skips, with a message,
//! when the real files are absent.

mod common;
mod real;

use common::{process, Collected, Feed};
use movies_core::export::AggregatedRow;
use movies_core::model::{Issue, Severity};
use movies_core::{FileReport, InputFile};
use py_literal::Value;
use real::{read_real, real_data_dir};

/// The literal columns of each real file.
const LITERAL_COLUMNS: [(&str, InputFile, &[&str]); 3] = [
    (
        "movies_metadata.csv",
        InputFile::MoviesMetadata,
        &["belongs_to_collection", "genres", "production_companies", "production_countries", "spoken_languages"],
    ),
    ("credits.csv", InputFile::Credits, &["cast", "crew"]),
    ("keywords.csv", InputFile::Keywords, &["keywords"]),
];

/// How the JSON is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum JsonForm {
    /// `json.dumps(value)`: `", "` and `": "` separators, ASCII only.
    PythonDumps,
    /// Compact, raw UTF-8, `\/` for `/` (PHP's `json_encode`, some JavaScript tools).
    CompactEscapedSlash,
}

const FORMS: [JsonForm; 2] = [JsonForm::PythonDumps, JsonForm::CompactEscapedSlash];

/// Appends `value` as JSON of `form`.
fn write_json(value: &Value, form: JsonForm, out: &mut String) {
    let (comma, colon) = match form {
        JsonForm::PythonDumps => (", ", ": "),
        JsonForm::CompactEscapedSlash => (",", ":"),
    };
    match value {
        Value::None => out.push_str("null"),
        Value::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Integer(i) => out.push_str(&i.to_string()),
        Value::Float(f) if f.is_nan() => out.push_str("NaN"),
        Value::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" }),
        Value::Float(f) => out.push_str(&format!("{f:?}")),
        Value::String(s) => write_json_string(s, form, out),
        Value::List(items) | Value::Tuple(items) | Value::Set(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(comma);
                }
                write_json(item, form, out);
            }
            out.push(']');
        }
        Value::Dict(pairs) => {
            out.push('{');
            for (i, (key, value)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(comma);
                }
                let key = key.as_string().expect("the dataset's dict keys are strings");
                write_json_string(key, form, out);
                out.push_str(colon);
                write_json(value, form, out);
            }
            out.push('}');
        }
        Value::Bytes(_) | Value::Complex(_) => panic!("no JSON form for {value:?}"),
    }
}

/// Appends `text` as a JSON string of `form`.
fn write_json_string(text: &str, form: JsonForm, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '/' if form == JsonForm::CompactEscapedSlash => out.push_str("\\/"),
            ' '..='~' => out.push(c),
            c if form == JsonForm::CompactEscapedSlash && !c.is_control() => out.push(c),
            c => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// A literal as JSON of `form` (`json.dumps(ast.literal_eval(text))`); an empty field
/// stays empty.
fn literal_to_json(text: &str, form: JsonForm) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let value: Value = text.parse().unwrap_or_else(|e| panic!("py_literal rejects {text}: {e}"));
    let mut out = String::new();
    write_json(&value, form, &mut out);
    out
}

/// `csv` with every field of the named columns replaced by `edit(column, record index,
/// field)`, written back as CSV.
fn rewrite_csv(csv: &[u8], columns: &[&str], mut edit: impl FnMut(&str, usize, &str) -> String) -> Vec<u8> {
    let mut reader = csv::Reader::from_reader(csv);
    let headers = reader.headers().unwrap().clone();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).unwrap();
    for (index, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let fields: Vec<String> = record
            .iter()
            .zip(&headers)
            .map(
                |(field, header)| if columns.contains(&header) { edit(header, index, field) } else { field.to_owned() },
            )
            .collect();
        writer.write_record(&fields).unwrap();
    }
    writer.into_inner().unwrap()
}

/// Cleans `input` as `file`, fed whole, after checking the accounting.
fn clean(name: &str, file: InputFile, input: &[u8]) -> (FileReport, Collected) {
    let (report, rows) = process(file, input, Feed::Whole).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(report.records_read, report.rows_accepted + report.rows_rejected, "{name}: {report:?}");
    assert_eq!(rows.issues_of(Severity::Error).len() as u64, report.rows_rejected, "{name}");
    assert_eq!(rows.issues_of(Severity::Warning).len() as u64, report.warnings, "{name}");
    (report, rows)
}

/// The `movies_aggregated` rows of the kept movies: movie, genre and company ids and names.
type AggregatedKey = (i64, Option<(i64, Option<String>)>, Option<(i64, Option<String>)>);

fn aggregated(rows: &Collected) -> Vec<AggregatedKey> {
    let named = |n: Option<&movies_core::model::Named>| n.map(|n| (n.id, n.name.clone()));
    rows.movies.iter().flat_map(AggregatedRow::of).map(|r| (r.movie.id, named(r.genre), named(r.company))).collect()
}

/// The counts a report gives the manifest.
fn counts(report: &FileReport) -> (u64, u64, u64, u64, u64) {
    (report.records_read, report.rows_accepted, report.rows_rejected, report.warnings, report.records_repaired)
}

#[test]
fn json_literals_clean_to_the_same_rows_as_python_literals() {
    let Some(dir) = real_data_dir("json_literals") else {
        return;
    };
    for (name, file, columns) in LITERAL_COLUMNS {
        let original = read_real(&dir, name);
        let (report, rows) = clean(name, file, &original);
        for form in FORMS {
            let json = rewrite_csv(&original, columns, |_, _, field| literal_to_json(field, form));
            let text = String::from_utf8(json.clone()).unwrap();
            assert!(!text.contains("'id': "), "{name} {form:?}: not converted");
            if form == JsonForm::CompactEscapedSlash && file != InputFile::Keywords {
                assert!(text.contains("\\/"), "{name} {form:?}: no escaped slash");
            }
            if form == JsonForm::PythonDumps && file != InputFile::Keywords {
                assert!(text.contains("\\u00"), "{name} {form:?}: no \\u escape");
            }
            let context = format!("{name} as {form:?}");
            let (json_report, json_rows) = clean(&context, file, &json);
            assert_eq!(counts(&json_report), counts(&report), "{context}");
            assert!(json_rows.issues.is_empty(), "{context}: {:?}", json_rows.issues);
            assert_eq!(json_rows.issues, rows.issues, "{context}");
            assert_eq!(json_rows.movies, rows.movies, "{context}: movies_master");
            assert_eq!(aggregated(&json_rows), aggregated(&rows), "{context}: movies_aggregated");
            assert_eq!(json_rows.cast, rows.cast, "{context}: cast_master");
            assert_eq!(json_rows.crew, rows.crew, "{context}: crew_master");
            assert_eq!(json_rows.keywords, rows.keywords, "{context}: keywords_master");

            // The same rows when the file arrives one byte per read.
            let (trickle_report, trickle_rows) = process(file, &json, Feed::Trickle).unwrap();
            assert!(trickle_report == json_report, "{context}: reports differ fed one byte at a time");
            assert!(trickle_rows == json_rows, "{context}: rows differ fed one byte at a time");
        }
        eprintln!(
            "{name}: {} movies, {} cast, {} crew, {} keywords rows identical from JSON",
            rows.movies.len(),
            rows.cast.len(),
            rows.crew.len(),
            rows.keywords.len()
        );
        match file {
            InputFile::Credits => assert_eq!((rows.cast.len(), rows.crew.len()), (724, 980)),
            InputFile::Keywords => assert_eq!(rows.keywords.len(), 439),
            _ => assert_eq!(rows.movies.len(), 600),
        }
    }
}

/// Toy Story's movie id: the first record of credits.csv.
const TOY_STORY: i64 = 862;

/// The byte range of entry `index` of a cast or crew list, from its `{` to its `}`
/// (each entry starts with the key `first_key`; the real names hold no braces).
fn entry_span(list: &str, first_key: &str, index: usize) -> std::ops::Range<usize> {
    let starts: Vec<usize> = list.match_indices(&format!("{{{first_key}")).map(|(i, _)| i).collect();
    let start = starts[index];
    let next = starts.get(index + 1).copied().unwrap_or(list.len());
    start..list[..next].rfind('}').unwrap() + 1
}

/// The credits file of `form` (`None`: the original Python literals).
fn credits_in(original: &[u8], form: Option<JsonForm>) -> Vec<u8> {
    match form {
        None => original.to_vec(),
        Some(form) => rewrite_csv(original, &["cast", "crew"], |_, _, field| literal_to_json(field, form)),
    }
}

/// The one warning of a cleaned file, after checking it concerns Toy Story's `column`.
fn only_warning<'r>(rows: &'r Collected, column: &str) -> &'r Issue {
    assert_eq!(rows.issues.len(), 1, "{:?}", rows.issues);
    let issue = &rows.issues[0];
    assert_eq!(
        (issue.severity, issue.column, issue.movie_id, issue.line),
        (Severity::Warning, Some(column), Some(TOY_STORY), 2)
    );
    issue
}

#[test]
fn a_damaged_cast_entry_is_skipped_and_the_others_kept() {
    let Some(dir) = real_data_dir("damaged_cast_entry") else {
        return;
    };
    let original = read_real(&dir, "credits.csv");
    for form in [None, Some(JsonForm::PythonDumps), Some(JsonForm::CompactEscapedSlash)] {
        let credits = credits_in(&original, form);
        let (report, rows) = clean("credits", InputFile::Credits, &credits);
        let toy_cast: Vec<_> = rows.cast.iter().filter(|c| c.movie_id == TOY_STORY).cloned().collect();
        assert_eq!(toy_cast.len(), 13);

        // Entry 4 (Rex, Wallace Shawn) damaged as a Python 2 `repr()` writes a long
        // (`12900L`), or as a JavaScript writer leaves an undefined value.
        let mut span = None;
        let damaged = rewrite_csv(&credits, &["cast"], |_, record, field| {
            if record != 0 {
                return field.to_owned();
            }
            let key = if form.is_none() { "'cast_id'" } else { "\"cast_id\"" };
            let at = entry_span(field, key, 4);
            let entry = &field[at.clone()];
            let bad = if form.is_none() {
                entry.replace("'id': 12900,", "'id': 12900L,")
            } else {
                entry.replace(
                    if form == Some(JsonForm::PythonDumps) { "\"gender\": 2" } else { "\"gender\":2" },
                    "\"gender\":undefined",
                )
            };
            assert_ne!(bad, entry, "{form:?}: nothing damaged");
            span = Some((at.start, at.start + bad.len(), bad.clone()));
            format!("{}{bad}{}", &field[..at.start], &field[at.end..])
        });
        let (start, end, bad) = span.unwrap();
        let context = format!("{form:?}");
        let (damaged_report, damaged_rows) = clean(&context, InputFile::Credits, &damaged);

        // The record is kept, with the twelve other entries of its cast, in order.
        assert_eq!(counts(&damaged_report), (35, 35, 0, 1, 0), "{context}");
        assert_eq!(report.warnings, 0);
        let mut expected = toy_cast.clone();
        let rex = expected.remove(4);
        assert_eq!(rex.entry.name.as_deref(), Some("Wallace Shawn"));
        let kept: Vec<_> = damaged_rows.cast.iter().filter(|c| c.movie_id == TOY_STORY).cloned().collect();
        assert_eq!(kept, expected, "{context}");
        // Every other row is untouched.
        assert_eq!(damaged_rows.cast.len(), rows.cast.len() - 1, "{context}");
        assert_eq!(damaged_rows.crew, rows.crew, "{context}");

        // One warning, with the entry's index, its bytes in the field and its text.
        let issue = only_warning(&damaged_rows, "cast");
        let prefix = format!("list entry at index 4 (bytes {start}..{end}) skipped, the other entries kept: malformed Python literal at byte ");
        assert!(issue.reason.starts_with(&prefix), "{context}: {}", issue.reason);
        let raw = issue.raw_value.as_deref().unwrap();
        assert_eq!(raw, bad.chars().take(200).collect::<String>(), "{context}");
        assert!(raw.starts_with("{") && raw.contains("Wallace Shawn"), "{context}: {raw}");
    }
}

#[test]
fn a_crew_list_cut_short_keeps_the_entries_before_the_cut() {
    let Some(dir) = real_data_dir("crew_cut_short") else {
        return;
    };
    let original = read_real(&dir, "credits.csv");
    for form in [None, Some(JsonForm::PythonDumps), Some(JsonForm::CompactEscapedSlash)] {
        let credits = credits_in(&original, form);
        let (_, rows) = clean("credits", InputFile::Credits, &credits);
        let toy_crew: Vec<_> = rows.crew.iter().filter(|c| c.movie_id == TOY_STORY).cloned().collect();
        assert_eq!(toy_crew.len(), 106);

        // The field cut in the middle of entry 50's name, as a spreadsheet cuts a cell
        // at its length limit.
        let mut cut_entry = 0;
        let cut = rewrite_csv(&credits, &["crew"], |_, record, field| {
            if record != 0 {
                return field.to_owned();
            }
            let key = if form.is_none() { "'credit_id'" } else { "\"credit_id\"" };
            let at = entry_span(field, key, 50);
            cut_entry = at.start;
            let name = at.start + field[at.clone()].find("name").unwrap() + 9;
            field[..name].to_owned()
        });
        let context = format!("{form:?}");
        let (report, cut_rows) = clean(&context, InputFile::Credits, &cut);
        assert_eq!(counts(&report), (35, 35, 0, 1, 0), "{context}");
        let kept: Vec<_> = cut_rows.crew.iter().filter(|c| c.movie_id == TOY_STORY).cloned().collect();
        assert_eq!(kept, toy_crew[..50], "{context}");
        assert_eq!(cut_rows.cast, rows.cast, "{context}");

        let issue = only_warning(&cut_rows, "crew");
        assert!(
            issue.reason.ends_with(&format!(
                ": the list cannot be read from entry 50 (byte {cut_entry}) on; the 50 entries read before it kept"
            )),
            "{context}: {}",
            issue.reason
        );
        assert!(issue.reason.contains("unterminated string"), "{context}: {}", issue.reason);
        assert!(issue.raw_value.as_deref().unwrap().starts_with('{'), "{context}");
    }
}
