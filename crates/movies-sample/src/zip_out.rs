//! The sample as a zip archive, byte-identical on every run.

use std::io::{Seek, Write};

use zip::result::ZipResult;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::sample_files;

/// Folder that holds the five files inside the archive.
pub const FOLDER: &str = "the-movies-dataset/";

/// The archive's comment: says what it is, and lets `movies sample` recognise a sample
/// it may replace (a file of any other content is left alone).
pub const ZIP_COMMENT: &str =
    "movies-sample: a synthetic sample of Kaggle's The Movies Dataset, every known defect injected";

/// Writes the five sample CSV files, deflated, under [`FOLDER`], with fixed timestamps and
/// permissions so the archive is byte-identical across runs, and [`ZIP_COMMENT`].
/// Returns the writer.
pub fn write_sample_zip<W: Write + Seek>(out: W) -> ZipResult<W> {
    let stamp = DateTime::from_date_and_time(2017, 11, 10, 0, 0, 0).expect("2017-11-10 is a valid zip timestamp");
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(out);
    zip.set_comment(ZIP_COMMENT)?;
    zip.add_directory(FOLDER, options.unix_permissions(0o755))?;
    for file in sample_files() {
        zip.start_file(format!("{FOLDER}{}", file.name), options)?;
        zip.write_all(&file.bytes)?;
    }
    zip.finish()
}
