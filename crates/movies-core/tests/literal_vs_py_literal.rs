//! Differential test of [`movies_core::pyliteral`] against the `py_literal` crate.
//!
//! Both parsers read the same text; `py_literal`'s value tree is reduced to the view
//! our parser gives its callers (per dict, the `key: scalar` pairs in order, nested
//! containers reduced to a marker) and the two views must be equal, or both parsers
//! must reject the text. Run on every literal field of the real files and on
//! hand-made edge cases.

mod real;

use movies_core::pyliteral::{parse_dict, parse_dict_list, FromDict, Scalar};
use py_literal::Value;
use real::{read_real, real_data_dir};

/// A dict value as our parser hands it over.
#[derive(Debug, Clone, PartialEq)]
enum View {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    None,
    Container,
}

/// The `key: value` pairs of one dict, in source order.
#[derive(Debug, Default, Clone, PartialEq)]
struct Pairs(Vec<(String, View)>);

impl<'a> FromDict<'a> for Pairs {
    fn set(&mut self, key: &str, value: Scalar<'a>) {
        let view = match value {
            Scalar::Str(s) => View::Str(s.into_owned()),
            Scalar::Int(v) => View::Int(v),
            Scalar::Float(v) => View::Float(v),
            Scalar::Bool(v) => View::Bool(v),
            Scalar::None => View::None,
            Scalar::Container => View::Container,
        };
        self.0.push((key.to_owned(), view));
    }
}

/// Which shape a field holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// A list of dicts (`genres`, `cast`, ...); empty text and `None` are an empty list.
    DictList,
    /// One dict (`belongs_to_collection`); empty text and `None` are no dict.
    Dict,
}

/// What our parser makes of `text`: the dicts, or `None` when it rejects it.
fn ours(text: &str, shape: Shape) -> Option<Vec<Pairs>> {
    match shape {
        Shape::DictList => {
            let mut out = Vec::new();
            parse_dict_list::<Pairs>(text, &mut out).is_clean().then_some(out)
        }
        Shape::Dict => parse_dict::<Pairs>(text).ok().map(|dict| dict.into_iter().collect()),
    }
}

/// What `py_literal` makes of `text`, reduced to our view; `None` when it rejects the
/// text or the value does not have the expected shape. The text is trimmed first:
/// `py_literal` refuses surrounding whitespace, which Python's `ast.literal_eval` strips.
fn theirs(text: &str, shape: Shape) -> Option<Vec<Pairs>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(Vec::new());
    }
    match (text.parse::<Value>().ok()?, shape) {
        (Value::None, _) => Some(Vec::new()),
        (Value::List(items), Shape::DictList) => items.iter().map(dict_view).collect(),
        (dict @ Value::Dict(_), Shape::Dict) => Some(vec![dict_view(&dict)?]),
        _ => None,
    }
}

/// A `py_literal` dict with string keys as [`Pairs`].
fn dict_view(value: &Value) -> Option<Pairs> {
    let Value::Dict(pairs) = value else {
        return None;
    };
    pairs
        .iter()
        .map(|(key, value)| Some((key.as_string()?.clone(), scalar_view(value)?)))
        .collect::<Option<Vec<_>>>()
        .map(Pairs)
}

/// A `py_literal` value as the scalar our parser reports; `None` for kinds our parser
/// does not read (bytes, complex numbers).
fn scalar_view(value: &Value) -> Option<View> {
    Some(match value {
        Value::String(s) => View::Str(s.clone()),
        Value::Integer(big) => {
            let digits = big.to_string();
            match digits.parse::<i64>() {
                Ok(v) => View::Int(v),
                Err(_) => View::Float(digits.parse().ok()?),
            }
        }
        Value::Float(v) => View::Float(*v),
        Value::Boolean(v) => View::Bool(*v),
        Value::None => View::None,
        Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) => View::Container,
        Value::Bytes(_) | Value::Complex(_) => return None,
    })
}

/// Asserts both parsers agree on `text`; returns the number of dicts read.
fn assert_agree(text: &str, shape: Shape, context: &str) -> usize {
    let ours = ours(text, shape);
    let theirs = theirs(text, shape);
    assert_eq!(ours, theirs, "{context}: {text}");
    ours.map_or(0, |dicts| dicts.len())
}

/// The literal columns of each real file and their shapes.
const LITERAL_COLUMNS: [(&str, &[(&str, Shape)]); 3] = [
    (
        "movies_metadata.csv",
        &[
            ("belongs_to_collection", Shape::Dict),
            ("genres", Shape::DictList),
            ("production_companies", Shape::DictList),
            ("production_countries", Shape::DictList),
            ("spoken_languages", Shape::DictList),
        ],
    ),
    ("credits.csv", &[("cast", Shape::DictList), ("crew", Shape::DictList)]),
    ("keywords.csv", &[("keywords", Shape::DictList)]),
];

#[test]
fn agrees_on_every_literal_field_of_the_real_files() {
    let Some(dir) = real_data_dir("literal_vs_py_literal on real files") else {
        return;
    };
    for (file, columns) in LITERAL_COLUMNS {
        let bytes = read_real(&dir, file);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers = reader.headers().unwrap().clone();
        let mut fields = 0;
        let mut dicts = 0;
        for record in reader.records() {
            let record = record.unwrap();
            for &(column, shape) in columns {
                let at = headers.iter().position(|h| h == column).unwrap();
                let text = &record[at];
                let context = format!("{file} line {:?} {column}", record.position());
                let read = assert_agree(text, shape, &context);
                if !text.is_empty() && text != "[]" {
                    assert!(read > 0, "{context}: nothing read from {text}");
                }
                fields += 1;
                dicts += read;
            }
        }
        eprintln!("{file}: {fields} literal fields, {dicts} dicts agree");
        assert!(fields > 0 && dicts > 0, "{file}");
    }
}

#[test]
fn agrees_on_escapes() {
    for text in [
        r"[{'name': 'Rock \'n\' Roll'}]",
        r"[{'name': 'back\\slash \\\\ two'}]",
        r"[{'name': '\x41\x62\xe9\xff'}]",
        r"[{'name': '\u00e9\u4e2d\uFFFD', 'more': '\U0001F600'}]",
        r"[{'name': 'tab\there\nnew\rline\\n'}]",
        r"[{'name': '\a\b\f\v\0'}]",
        r"[{'name': '\101\7\08\1234'}]",
        r"[{'name': 'unknown \q \d escapes'}]",
        "[{'name': 'joined \\\nline'}]",
        r#"[{'name': "Children's Film Studio"}]"#,
        r#"[{'name': 'Kestrel\'s "Night Owl" Pictures'}]"#,
        r#"[{'name': "say \"hi\" it's"}]"#,
        r#"[{"id": 1, "name": "double-quoted keys"}]"#,
        "[{'name': 'Café 夜の港 😀'}]",
    ] {
        assert_agree(text, Shape::DictList, "escapes");
    }
}

#[test]
fn agrees_on_scalars_and_nesting() {
    for text in [
        "[{'profile_path': None, 'adult': True, 'video': False}]",
        "[{'a': 1.5, 'b': -2.25e-3, 'c': 1e10, 'd': 3., 'e': .5, 'f': 0.0, 'g': 1E-7}]",
        "[{'a': -7, 'b': 0, 'c': 123456789012, 'd': 9223372036854775807}]",
        "[{'big': 123456789012345678901234567890, 'neg': -9223372036854775809}]",
        "[{'a': [1, 2, {'b': (3, 4)}], 'c': {'d': {'e': []}}, 'f': 'after'}]",
        "[{'a': (), 'b': (1,), 'c': {1, 2}, 'd': {}, 'e': [[[]]]}]",
        "[{'a': ['x]', \"y}\", {'z': ')'}], 'b': 2}]",
        "  [ { 'a' : 1 } ,\t{ 'b' : 2 } ]  ",
        "[{'a': 1,}, ]",
        "[{}, {}]",
        "[]",
        "None",
        "",
    ] {
        assert_agree(text, Shape::DictList, "scalars");
    }
    for text in ["{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': None}", "{}", "None", ""] {
        assert_agree(text, Shape::Dict, "single dict");
    }
    // Python allows line breaks between the tokens of a bracketed literal; py_literal
    // does not, so compare with the same literal on one line.
    assert_eq!(
        ours("[{'a': 1,\n  'b': [2,\r\n 3]},\n{'c': None}\n]", Shape::DictList),
        theirs("[{'a': 1, 'b': [2, 3]}, {'c': None}]", Shape::DictList)
    );
}

#[test]
fn both_reject_malformed_literals() {
    for text in [
        "[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'",
        "[{'id': 16, 'name': 'Anim",
        "[{'a' 1}]",
        "[{'a': 1} {'b': 2}]",
        "[{'a': @}]",
        "[{'a': 1}] trailing",
        "[{'a': [1, 2}]",
        "{'a': 1}",
        "[1, 2]",
        "[{'a': 1}",
        "[",
        "'text'",
    ] {
        assert_eq!(ours(text, Shape::DictList), None, "ours accepts {text}");
        assert_agree(text, Shape::DictList, "malformed");
    }
    assert_agree("[{'a': 1}]", Shape::Dict, "a list is not a dict");
}

#[test]
fn truncated_hex_escape_is_rejected_as_python_does() {
    // Python raises "truncated \xXX escape"; py_literal keeps the text as it is.
    assert_eq!(ours(r"[{'a': '\x4'}]", Shape::DictList), None);
    assert_eq!(ours(r"[{'a': '\u00e'}]", Shape::DictList), None);
}
