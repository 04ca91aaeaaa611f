//! The user's `File`s as origins of the core's resolver, and what the page said of
//! how they were given (files, or the files of dropped folders).

use movies_core::origin::Origin;
use movies_core::sources::{Given, GivenKind};
use movies_protocol::{ErrorKind, GivenInput, UserError};
use web_sys::File;

use crate::blob_reader::BlobReader;

/// A dropped or picked `File`, under the name the user knows it by (its path inside
/// a dropped folder).
#[derive(Debug, Clone)]
pub struct FileOrigin {
    file: File,
    name: String,
    size: u64,
}

impl FileOrigin {
    fn new(file: File, name: String) -> Self {
        let size = file.size() as u64;
        FileOrigin { file, name, size }
    }
}

impl Origin for FileOrigin {
    type Reader = BlobReader;

    fn name(&self) -> &str {
        &self.name
    }

    fn size(&self) -> u64 {
        self.size
    }

    fn open(&self) -> std::io::Result<BlobReader> {
        BlobReader::new(self.file.clone().into())
    }
}

/// The inputs as the resolver takes them. Without `inputs` (an older page), every
/// file is an input of its own.
pub fn given(files: &[File], inputs: &[GivenInput]) -> Result<Vec<Given<FileOrigin>>, UserError> {
    let file_at = |index: usize| {
        files.get(index).cloned().ok_or_else(|| {
            UserError::new(ErrorKind::BadRequest, "page", format!("the load names file {index}, which was not sent"))
        })
    };
    if inputs.is_empty() {
        return Ok(files
            .iter()
            .map(|file| Given { name: file.name(), kind: GivenKind::File(FileOrigin::new(file.clone(), file.name())) })
            .collect());
    }
    inputs
        .iter()
        .map(|input| match input {
            GivenInput::File { file } => {
                let file = file_at(*file)?;
                let name = file.name();
                Ok(Given { name: name.clone(), kind: GivenKind::File(FileOrigin::new(file, name)) })
            }
            GivenInput::Folder { name, files, walk } => {
                let files = files
                    .iter()
                    .map(|(index, path)| Ok(FileOrigin::new(file_at(*index)?, path.clone())))
                    .collect::<Result<Vec<_>, UserError>>()?;
                Ok(Given { name: name.clone(), kind: GivenKind::Folder { files, walk: walk.clone() } })
            }
        })
        .collect()
}
