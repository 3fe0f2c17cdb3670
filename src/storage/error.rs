use std::path::{Path, PathBuf};

use crate::model::ModelError;

/// A file that could not be loaded, with where the problem is.
///
/// Displays as `PATH:LINE:COL: message`, the form editors and terminals
/// make clickable.
#[derive(Debug, thiserror::Error)]
pub struct LoadError {
    /// The file, when loading from one.
    pub path: Option<PathBuf>,
    /// 1-based line and column, when the problem has a place.
    pub position: Option<(usize, usize)>,
    pub kind: LoadErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    #[error("cannot read the file: {0}")]
    Io(#[source] std::io::Error),
    #[error("not a workbook file: it is {0}")]
    NotAFile(&'static str),
    #[error("the file is larger than {limit_mib} MiB, too large to be a workbook", limit_mib = .0 / (1024 * 1024))]
    TooLarge(u64),
    #[error("the file is empty")]
    Empty,
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    #[error(
        "this file has unresolved git conflict markers; resolve them (or use `shipshape git setup` so git merges workbooks by item) and try again"
    )]
    ConflictMarkers,
    #[error("RON extension headers (`#![enable(...)]`) are not part of the workbook format")]
    ExtensionsHeader,
    #[error("not a Shipshape workbook: {0}")]
    NotAWorkbook(String),
    #[error(
        "the file is workbook format version {found}, newer than this build understands (up to {supported}); update Shipshape to open it"
    )]
    NewerVersion { found: u32, supported: u32 },
    #[error("{0}")]
    InvalidDate(String),
    #[error("{0}")]
    Syntax(String),
    #[error("{0}")]
    Invalid(#[from] ModelError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some((line, col)) = self.position {
                write!(f, ":{line}:{col}")?;
            }
            f.write_str(": ")?;
        } else if let Some((line, col)) = self.position {
            write!(f, "line {line}, column {col}: ")?;
        }
        write!(f, "{}", self.kind)
    }
}

impl LoadError {
    pub(crate) fn new(kind: LoadErrorKind) -> Self {
        Self {
            path: None,
            position: None,
            kind,
        }
    }

    pub(crate) fn at(mut self, line: usize, col: usize) -> Self {
        self.position = Some((line, col));
        self
    }

    pub(crate) fn in_file(mut self, path: &Path) -> Self {
        self.path = Some(path.to_owned());
        self
    }
}

/// A workbook that could not be saved. The file on disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    // The OS error is part of the message, not a `source`: callers print
    // the chain, which would say it twice.
    #[error("cannot save {}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("cannot encode the workbook: {0}")]
    Encode(String),
    #[error(
        "refusing to save over {}: it has fields this version does not know ({fields}) and saving would drop them; save to another file instead, or update Shipshape",
        path.display()
    )]
    UnknownFields { path: PathBuf, fields: String },
    #[error(
        "refusing to save {}: it would be {} MiB, more than the {} MiB a workbook may be (it could not be opened again); shorten the longest notes or split the workbook",
        path.display(),
        bytes.div_ceil(1024 * 1024),
        super::MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error(
        "{} is read-only; save to another file (Save As), or make it writable first",
        path.display()
    )]
    ReadOnly { path: PathBuf },
}
