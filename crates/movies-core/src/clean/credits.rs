//! `credits.csv` → `cast_master` and `crew_master`.

use std::io;

use super::{required, Cleaner, ColumnSpec, Emit, Record, Rejection, SeenIds};
use crate::input::InputFile;
use crate::model::{CastEntry, CastRow, CrewEntry, CrewRow};

const CAST: usize = 0;
const CREW: usize = 1;
const ID: usize = 2;

/// Cleans credits records: one cast row and one crew row per literal entry.
#[derive(Default)]
pub(crate) struct CreditsCleaner {
    seen: SeenIds,
}

impl Cleaner for CreditsCleaner {
    const FILE: InputFile = InputFile::Credits;
    const COLUMNS: &'static [ColumnSpec] = &[required("cast"), required("crew"), required("id")];
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
        let cast_text = out.text("cast", rec.get(CAST))?;
        let mut cast: Vec<CastEntry<'_>> = Vec::new();
        out.dict_list("cast", &cast_text, &mut cast)?;
        for entry in cast {
            out.sink.cast(&CastRow { movie_id, entry })?;
        }
        let crew_text = out.text("crew", rec.get(CREW))?;
        let mut crew: Vec<CrewEntry<'_>> = Vec::new();
        out.dict_list("crew", &crew_text, &mut crew)?;
        for entry in crew {
            out.sink.crew(&CrewRow { movie_id, entry })?;
        }
        Ok(())
    }
}
