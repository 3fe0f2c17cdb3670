//! Workbook files on disk: the versioned RON format, loading with clear
//! errors, atomic saving, and the built-in template.
//!
//! Files arrive by email and git, so loading treats them as untrusted: the
//! read is capped, every failure is a [`LoadError`] naming the file and,
//! where there is one, the line and column — never a panic.

mod atomic;
mod error;
mod format;
pub mod recent;

use std::io::Read;
use std::path::Path;

pub use atomic::{write_atomic, write_replacing};
pub use error::{LoadError, LoadErrorKind, SaveError};
pub use format::{FILE_SUFFIX, FORMAT_MARKER, Parsed, VERSION, parse, to_string};

use crate::model::Workbook;

/// Files larger than this are refused unread: 10,000 items take about 5 MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The "Production-ready in 25 items" checklist, as shipped.
pub const BUILTIN_TEMPLATE: &str =
    include_str!("../../assets/templates/production-ready-25.shipshape.ron");

/// A workbook read from a file, with what saving back over it needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub workbook: Workbook,
    /// Fields written by a newer Shipshape; see [`Loaded::check_save_over`].
    pub unknown_fields: Vec<String>,
}

impl Loaded {
    /// Refuses to save over the file this came from when that would drop
    /// fields this build does not understand.
    pub fn check_save_over(&self, path: &Path) -> Result<(), SaveError> {
        if self.unknown_fields.is_empty() {
            return Ok(());
        }
        Err(SaveError::UnknownFields {
            path: path.to_owned(),
            fields: summarize(&self.unknown_fields),
        })
    }
}

fn summarize(fields: &[String]) -> String {
    let mut s = fields
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if fields.len() > 3 {
        s.push_str(&format!(" and {} more", fields.len() - 3));
    }
    s
}

/// Reads and parses a workbook file.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = read_capped(path).map_err(|e| e.in_file(path))?;
    let parsed = parse(&bytes).map_err(|e| e.in_file(path))?;
    Ok(Loaded {
        workbook: parsed.workbook,
        unknown_fields: parsed.unknown_fields,
    })
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. A workbook path may
/// name a FIFO (whose open blocks until a writer comes) or `/dev/zero`
/// (endless): both must end in an error, not a hang.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io = |e| LoadError::new(LoadErrorKind::Io(e));
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::new(LoadErrorKind::NotAFile("a directory")));
    }
    if !meta.is_file() {
        return Err(LoadError::new(LoadErrorKind::NotAFile(
            "a device, pipe or socket",
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge(MAX_FILE_BYTES)));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    // The file may grow between the check and the read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge(MAX_FILE_BYTES)));
    }
    Ok(bytes)
}

/// Saves `workbook` to `path` atomically (see [`write_atomic`]).
pub fn save(path: &Path, workbook: &Workbook) -> Result<(), SaveError> {
    let text = to_string(workbook)?;
    write_atomic(path, text.as_bytes()).map_err(|error| SaveError::Io {
        path: path.to_owned(),
        error,
    })
}

/// The built-in 25-item template as a workbook.
pub fn builtin_template() -> Workbook {
    match parse(BUILTIN_TEMPLATE.as_bytes()) {
        Ok(p) => p.workbook,
        // The template is compiled in and checked by a test; an empty
        // workbook beats a crash if that test was skipped.
        Err(_) => Workbook::new("Production-ready in 25 items"),
    }
}

/// A short, stable fingerprint of the workbook's content (the first 12 hex
/// digits of the SHA-256 of its canonical file text), printed on exports so a
/// paper copy can be matched to a file version.
pub fn content_hash(workbook: &Workbook) -> String {
    use sha2::{Digest, Sha256};
    let text = to_string(workbook).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
