//! The corpus: each case writes its input into a folder and says what the `movies`
//! command must answer (exit status, what stderr names, the manifest, the error log).
//!
//! One module per subject, in the order [`all`] lists them: `truncated`, `damaged`,
//! `bombs`, `entry_names`, `encodings`, `headers`, `limits`, `records`, `literals`,
//! `values`, `paths`, `users`, `heavy`. Beside them, `expect` says what a case is and
//! what it expects, and `inputs` writes the inputs that several cases share.

mod bombs;
mod damaged;
mod encodings;
mod entry_names;
mod expect;
mod headers;
mod heavy;
mod inputs;
mod limits;
mod literals;
mod paths;
mod records;
mod truncated;
mod users;
mod values;

pub use expect::{Case, Expect, Rows};

/// Every case of the corpus.
pub fn all() -> Vec<Case> {
    [
        truncated::cases(),
        damaged::cases(),
        bombs::cases(),
        entry_names::cases(),
        encodings::cases(),
        headers::cases(),
        limits::cases(),
        records::cases(),
        literals::cases(),
        values::cases(),
        paths::cases(),
        users::cases(),
        heavy::cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
