//! Python `repr()` of the values the dataset's literal columns hold: strings, ints, `None`,
//! floats, and lists of dicts, in exactly the form Python 3 prints them.

/// One value inside a literal dict.
pub(crate) enum Py<'a> {
    /// An integer, e.g. `'id': 16`.
    Int(i64),
    /// A string, quoted the way Python does.
    Str(&'a str),
    /// A string or `None` (for optional image paths).
    OptStr(Option<&'a str>),
}

/// Appends Python's `repr(s)`: single quotes, unless the text has an apostrophe and no
/// double quote (then double quotes); backslash, newline, tab, CR and the chosen quote
/// are escaped with a backslash. Non-ASCII text is kept as is (Python 3 prints it).
pub(crate) fn push_str_repr(out: &mut String, s: &str) {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

/// Appends `{'key': value, ...}` with the entries in the given order.
pub(crate) fn push_dict(out: &mut String, entries: &[(&str, Py<'_>)]) {
    out.push('{');
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_str_repr(out, key);
        out.push_str(": ");
        match value {
            Py::Int(v) => out.push_str(&v.to_string()),
            Py::Str(s) | Py::OptStr(Some(s)) => push_str_repr(out, s),
            Py::OptStr(None) => out.push_str("None"),
        }
    }
    out.push('}');
}

/// `repr()` of a dict.
pub(crate) fn dict(entries: &[(&str, Py<'_>)]) -> String {
    let mut out = String::new();
    push_dict(&mut out, entries);
    out
}

/// `[{...}, {...}]`: the list-of-dicts literal, one dict per item.
pub(crate) fn list_of<T>(items: &[T], mut entries: impl FnMut(&T) -> Vec<(&str, Py<'_>)>) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_dict(&mut out, &entries(item));
    }
    out.push(']');
    out
}

/// Python's `repr(float)` (also what pandas writes): the shortest round-trip digits, with a
/// trailing `.0` for integral values (`81.0`, `3897569.0`).
pub(crate) fn float(v: f64) -> String {
    let s = v.to_string();
    if s.contains(['.', 'e', 'E', 'i', 'N']) {
        s
    } else {
        s + ".0"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repr(s: &str) -> String {
        let mut out = String::new();
        push_str_repr(&mut out, s);
        out
    }

    #[test]
    fn strings_are_quoted_like_python() {
        assert_eq!(repr("Drama"), "'Drama'");
        assert_eq!(repr("Children's Film Studio"), "\"Children's Film Studio\"");
        assert_eq!(repr("say \"hi\""), "'say \"hi\"'");
        assert_eq!(repr("Kit's \"Big\" Day"), "'Kit\\'s \"Big\" Day'");
        assert_eq!(repr("a\\b\nc"), "'a\\\\b\\nc'");
        assert_eq!(repr("東京"), "'東京'");
    }

    #[test]
    fn dicts_and_floats() {
        let d = dict(&[("id", Py::Int(7)), ("poster_path", Py::OptStr(None))]);
        assert_eq!(d, "{'id': 7, 'poster_path': None}");
        assert_eq!(float(81.0), "81.0");
        assert_eq!(float(21.946943), "21.946943");
        assert_eq!(list_of(&[1i64, 2], |&v| vec![("id", Py::Int(v))]), "[{'id': 1}, {'id': 2}]");
        assert_eq!(list_of(&[] as &[i64], |&v| vec![("id", Py::Int(v))]), "[]");
    }
}
