//! Bringing in the checklists teams already have: pure functions from a
//! file's bytes to a [`Workbook`](crate::model::Workbook), for untrusted
//! input — every failure is an [`ImportError`] with a line where there is
//! one, never a panic.

pub mod azure;
pub mod csv;
pub mod format;
pub mod markdown;
pub mod sheet;
pub mod xlsx;

pub use format::{Format, Options};

/// The project name of an import whose file names none (no title, no
/// metadata) and no name given: the CLI puts the file's name instead.
pub const UNTITLED: &str = "Imported checklist";

/// What an import produced: the workbook, and what was noticed on the way
/// (skipped tables, unknown status words, unreadable dates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub workbook: crate::model::Workbook,
    pub warnings: Vec<String>,
    /// Spreadsheets: the columns with a header and no field of their own,
    /// whose values are kept in each item's description as "Column: value"
    /// (a warning names them, and any without a header). Each front end
    /// says how to give one a field: the command line with `--map`, the
    /// window under Columns. A column without a header cannot be named, so
    /// it is not here.
    pub kept_columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: the file is not UTF-8 text")]
    NotUtf8 { line: usize },
    #[error("the file is empty")]
    Empty,
    #[error("{0}")]
    NoItems(String),
    #[error("line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
    /// No column of the sheet was taken for the checks: the user names it
    /// (`--map COLUMN=title`, or Columns in the window; each front end
    /// adds how).
    #[error("{0}")]
    NoTitleColumn(String),
    /// A spreadsheet none of whose sheets has a column of checks: the user
    /// picks the sheet and names the column.
    #[error("{0}")]
    NoChecklistSheet(String),
}

/// The text of `bytes`, without a BOM; an error names the line of the first
/// bad byte.
pub(crate) fn text(bytes: &[u8]) -> Result<&str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        line: bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1,
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}
