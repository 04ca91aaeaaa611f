//! Tests of the generated sample: file shapes, zip, and the injected quirks.

mod files;
mod pylit;
mod quirks;

use std::collections::HashMap;
use std::sync::OnceLock;

use csv::StringRecord;
use movies_sample::{injected_quirks, sample_files, Quirk, SampleFile};

/// The sample, generated once per test run.
fn sample() -> &'static [SampleFile] {
    static SAMPLE: OnceLock<Vec<SampleFile>> = OnceLock::new();
    SAMPLE.get_or_init(sample_files)
}

/// The injected quirks, listed once per test run.
fn listed_quirks() -> &'static [Quirk] {
    static QUIRKS: OnceLock<Vec<Quirk>> = OnceLock::new();
    QUIRKS.get_or_init(injected_quirks)
}

/// A file's bytes.
fn bytes(name: &str) -> &'static [u8] {
    &sample().iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no {name}")).bytes
}

/// A parsed CSV file: header and records (record lengths may vary).
struct Table {
    header: StringRecord,
    records: Vec<StringRecord>,
    index: HashMap<String, usize>,
}

impl Table {
    fn read(name: &str) -> Table {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes(name));
        let header = reader.headers().expect("header").clone();
        let records = reader.records().collect::<Result<Vec<_>, _>>().expect("valid CSV");
        let index = header.iter().enumerate().map(|(i, c)| (c.to_string(), i)).collect();
        Table { header, records, index }
    }

    /// Records with as many fields as the header.
    fn full(&self) -> impl Iterator<Item = &StringRecord> {
        self.records.iter().filter(|r| r.len() == self.header.len())
    }

    /// A field of a full record, by column name.
    fn get<'r>(&self, record: &'r StringRecord, column: &str) -> &'r str {
        &record[self.index[column]]
    }

    /// Full records whose `id` column is `id`.
    fn by_id(&self, id: i64) -> Vec<&StringRecord> {
        let id = id.to_string();
        self.full().filter(|r| self.get(r, "id") == id).collect()
    }
}
