//! Workbook files on disk: the versioned RON format, loading with clear
//! errors, atomic saving, and the built-in template.
//!
//! Files arrive by email and git, so loading treats them as untrusted: the
//! read is capped, every failure is a [`LoadError`] naming the file and,
//! where there is one, the line and column — never a panic.

mod atomic;
mod discover;
mod error;
mod format;
pub mod history;
pub mod lock;
pub mod recent;
pub mod recovery;
mod scan;
mod state;
mod templates;

use std::io::Read;
use std::path::Path;

pub use atomic::{write_atomic, write_replacing};
pub use discover::{DiscoverError, Walked, walk_folder, workbook_files};
pub use error::{LoadError, LoadErrorKind, SaveError};
pub use format::{FILE_SUFFIX, FORMAT_MARKER, Parsed, VERSION, item_lines, parse, to_string};
pub use history::bytes_hash;
pub use lock::{DEFAULT_LOCK_TIMEOUT, FileLock, LockError, lock};
pub use recovery::{Recoveries, Recovery, recovery_key};
pub use scan::{Scan, read_workbooks, scan};
pub use state::{STATE_DIR_ENV, StateDir};
pub use templates::{
    TEMPLATES_DIR_ENV, TemplateDir, TemplateError, UserTemplate, resolve_template,
};

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
    /// Where the file's first comment is (line, column): saving rewrites
    /// the file canonically, which drops comments.
    pub comment: Option<(usize, usize)>,
    /// What the file held, to tell later whether someone changed it.
    pub fingerprint: Fingerprint,
}

/// What a file held when it was read or written: enough to tell, later,
/// whether another program changed it since.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    pub len: u64,
    /// [`bytes_hash`] of the content.
    pub hash: String,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            hash: bytes_hash(bytes),
        }
    }
}

impl Loaded {
    /// Refuses to save over the file this came from when that would drop
    /// fields this build does not understand.
    pub fn check_save_over(&self, path: &Path) -> Result<(), SaveError> {
        check_unknown_fields(path, &self.unknown_fields)
    }
}

/// Refuses to save over `path` when its file held `unknown_fields` (written
/// by a newer Shipshape): saving would drop them.
pub fn check_unknown_fields(path: &Path, unknown_fields: &[String]) -> Result<(), SaveError> {
    if unknown_fields.is_empty() {
        return Ok(());
    }
    Err(SaveError::UnknownFields {
        path: path.to_owned(),
        fields: summarize(unknown_fields),
    })
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
    load_bytes(&bytes).map_err(|e| e.in_file(path))
}

/// Parses workbook bytes as read from a file (see [`load`]).
pub fn load_bytes(bytes: &[u8]) -> Result<Loaded, LoadError> {
    let parsed = parse(bytes)?;
    Ok(Loaded {
        workbook: parsed.workbook,
        unknown_fields: parsed.unknown_fields,
        comment: parsed.comment,
        fingerprint: Fingerprint::of(bytes),
    })
}

/// Reads and parses a workbook file only to read it (exports): [`load`]
/// without the [`Fingerprint`], which only saving back over the file needs.
/// Hashing the file is about a fortieth of a small PDF export's work.
pub fn read_workbook(path: &Path) -> Result<Workbook, LoadError> {
    let bytes = read_capped(path).map_err(|e| e.in_file(path))?;
    parse(&bytes)
        .map(|parsed| parsed.workbook)
        .map_err(|e| e.in_file(path))
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

/// Saves `workbook` to `path` atomically (see [`write_atomic`]). Refuses a
/// read-only file and a workbook larger than [`MAX_FILE_BYTES`] (it could
/// not be read back). Returns what the file now holds.
pub fn save(path: &Path, workbook: &Workbook) -> Result<Fingerprint, SaveError> {
    save_keeping(path, workbook, None).map(|saved| saved.fingerprint)
}

/// What [`save_keeping`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub fingerprint: Fingerprint,
    /// The replaced version could not be kept in the local history; the
    /// save itself worked.
    pub history_error: Option<String>,
}

/// [`save`], first keeping the version it replaces in `state`'s local
/// history of the file (see [`history`]).
pub fn save_keeping(
    path: &Path,
    workbook: &Workbook,
    state: Option<&StateDir>,
) -> Result<Saved, SaveError> {
    let io = |error| SaveError::Io {
        path: path.to_owned(),
        error,
    };
    let text = to_string(workbook)?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            path: path.to_owned(),
            bytes: text.len() as u64,
        });
    }
    check_writable(path)?;
    let mut history_error = None;
    if let Some(state) = state {
        match read_capped(path) {
            Ok(old) => {
                if let Err(e) = state
                    .history(path)
                    .record(&old, std::time::SystemTime::now())
                {
                    history_error = Some(format!(
                        "the version it replaced could not be kept in the local history ({e})"
                    ));
                }
            }
            Err(LoadError {
                kind: LoadErrorKind::Io(e),
                ..
            }) if e.kind() == std::io::ErrorKind::NotFound => {}
            // A file too large or not a file: the write below says so.
            Err(_) => {}
        }
    }
    write_atomic(path, text.as_bytes()).map_err(io)?;
    Ok(Saved {
        fingerprint: Fingerprint::of(text.as_bytes()),
        history_error,
    })
}

/// Refuses to replace a read-only file: the user (or a checkout) made it so
/// on purpose, and replacing it by a rename would ignore that.
pub fn check_writable(path: &Path) -> Result<(), SaveError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.permissions().readonly() => Err(SaveError::ReadOnly {
            path: path.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Whether the file at `path` is read-only.
pub fn is_read_only(path: &Path) -> bool {
    check_writable(path).is_err()
}

/// What the file at `path` holds now, for comparing with a fingerprint
/// taken earlier; `None` when it is gone (or unreadable).
pub fn fingerprint_of(path: &Path) -> Option<Fingerprint> {
    read_capped(path).ok().map(|b| Fingerprint::of(&b))
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
