//! CSV text in the dialect of the real files (Python's `csv.writer`, `QUOTE_MINIMAL`): a
//! field is quoted only when it holds a comma, a double quote, CR or LF, and inner double
//! quotes are doubled.

/// Line ending of a file: the real `movies_metadata.csv` uses LF, the other four CRLF.
#[derive(Clone, Copy)]
pub(crate) enum Eol {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
}

impl Eol {
    fn as_str(self) -> &'static str {
        match self {
            Eol::Lf => "\n",
            Eol::CrLf => "\r\n",
        }
    }
}

/// Accumulates one CSV file in memory.
pub(crate) struct CsvText {
    buf: String,
    eol: Eol,
}

impl CsvText {
    /// An empty file with the given line ending.
    pub(crate) fn new(eol: Eol) -> Self {
        CsvText { buf: String::new(), eol }
    }

    /// Writes one record (fields quoted as needed), then the line ending.
    pub(crate) fn record<S: AsRef<str>>(&mut self, fields: &[S]) {
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.buf.push(',');
            }
            push_field(&mut self.buf, field.as_ref());
        }
        self.buf.push_str(self.eol.as_str());
    }

    /// Writes a line exactly as given (for hand-built defects), then the line ending.
    pub(crate) fn raw_line(&mut self, line: &str) {
        self.buf.push_str(line);
        self.buf.push_str(self.eol.as_str());
    }

    /// The finished file.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.buf.into_bytes()
    }
}

/// One field as the real files write it, quoted only when needed.
pub fn csv_field(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    push_field(&mut out, field);
    out
}

/// Appends one field, quoted only when needed.
pub(crate) fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let mut t = CsvText::new(Eol::CrLf);
        t.record(&["a", "b,c", "say \"hi\"", "x\ny", ""]);
        t.raw_line("raw,line");
        let text = String::from_utf8(t.into_bytes()).unwrap();
        assert_eq!(text, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\r\nraw,line\r\n");
    }
}
