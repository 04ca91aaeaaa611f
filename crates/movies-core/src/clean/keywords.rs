//! `keywords.csv` → `keywords_master`.

use std::io;

use super::{required, Cleaner, ColumnSpec, Emit, Record, Rejection, SeenIds};
use crate::input::InputFile;
use crate::model::KeywordRow;

const ID: usize = 0;
const KEYWORDS: usize = 1;

/// Cleans keyword records: one row per keyword of the literal.
#[derive(Default)]
pub(crate) struct KeywordsCleaner {
    seen: SeenIds,
}

impl Cleaner for KeywordsCleaner {
    const FILE: InputFile = InputFile::Keywords;
    const COLUMNS: &'static [ColumnSpec] = &[required("id"), required("keywords")];
    type Checked = i64;

    fn check(&self, rec: &Record<'_>) -> Result<i64, Rejection> {
        let raw = rec.get(ID);
        let id = crate::values::positive_id(raw).map_err(|reason| Rejection::value("id", reason, raw))?;
        self.seen.check("id", id)?;
        Ok(id)
    }

    fn record_id(checked: &i64) -> Option<i64> {
        Some(*checked)
    }

    fn emit(&mut self, movie_id: i64, rec: &Record<'_>, out: &mut Emit<'_>) -> io::Result<()> {
        self.seen.insert(movie_id, out.line);
        for keyword in out.named_list("keywords", rec.get(KEYWORDS))? {
            let row = KeywordRow { movie_id, keyword_id: keyword.id, keyword: keyword.name.map(Into::into) };
            out.sink.keyword(&row)?;
        }
        Ok(())
    }
}
