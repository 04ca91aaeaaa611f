//! A record of `movies_metadata.csv` as it is written: whole on one line, or cut in two
//! by a stray line break (one of the defects).

/// One logical record of the movies file.
pub(crate) enum Record {
    /// A normal 24-field row.
    Row(Vec<String>),
    /// A row cut inside `overview` by a stray line break: the first physical line ends
    /// with `head`, the second starts with `tail`.
    Split {
        /// The 24 fields (the `overview` entry is unused).
        fields: Vec<String>,
        /// Unquoted start of the overview, ending the first line.
        head: String,
        /// Unquoted rest of the overview, starting the second line.
        tail: String,
    },
}
