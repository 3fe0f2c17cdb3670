//! Local history: before a save replaces a workbook, the version it
//! replaces is kept in the state folder, like an editor's local history. A
//! teammate's change overwritten by mistake, or a bad `resolve --all`, can be
//! brought back (`shipshape history`, File → History…).
//!
//! One folder per workbook (see `state::file_key`); each version is
//! the file's exact bytes, named `MILLIS-HASH.shipshape.ron` so that listing
//! needs no index and a version is itself a workbook anyone can open.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{LoadError, Loaded};

/// Versions kept whatever their age.
pub const KEEP_VERSIONS: usize = 50;
/// Versions younger than this are kept even beyond [`KEEP_VERSIONS`].
pub const KEEP_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// The most one workbook's history may take on disk; the oldest versions go
/// first (the newest is always kept).
pub const MAX_HISTORY_BYTES: u64 = 256 * 1024 * 1024;

const SUFFIX: &str = ".shipshape.ron";

/// The local history of one workbook file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    dir: PathBuf,
    file: PathBuf,
    /// See [`MAX_HISTORY_BYTES`]; smaller in tests.
    max_bytes: u64,
}

/// One kept version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// 1 for the newest, counting back.
    pub number: usize,
    /// When the version was replaced (saved over).
    pub replaced: SystemTime,
    /// The copy, itself a workbook file.
    pub path: PathBuf,
    pub bytes: u64,
    /// The first 12 hex digits of the SHA-256 of its bytes.
    pub hash: String,
}

impl History {
    pub(super) fn new(dir: PathBuf, file: &Path) -> Self {
        Self {
            dir,
            file: file.to_owned(),
            max_bytes: MAX_HISTORY_BYTES,
        }
    }

    /// The same history with another size cap.
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// The workbook this is the history of.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Where the versions are kept.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps `bytes`, the content a save is about to replace (nothing when
    /// it is empty or the same as the newest version), then prunes.
    pub fn record(&self, bytes: &[u8], now: SystemTime) -> io::Result<()> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let hash = bytes_hash(bytes);
        let versions = self.versions()?;
        if versions.first().is_some_and(|v| v.hash == hash) {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)?;
        let about = self.dir.join("file.txt");
        if !about.exists() {
            let text = format!("{}\n", super::state::absolute(&self.file).display());
            super::write_replacing(&about, text.as_bytes())?;
        }
        let millis = now
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis();
        // Two saves in one millisecond get consecutive stamps.
        let newest = versions.first().map_or(0, |v| stamp(&v.path));
        let millis = millis.max(newest + 1);
        let path = self.dir.join(format!("{millis:013}-{hash}{SUFFIX}"));
        // A version is a copy of a file that is still on disk until the save
        // completes; it needs no sync of its own.
        super::write_replacing(&path, bytes)?;
        self.prune(now)
    }

    /// Every kept version, newest first.
    pub fn versions(&self) -> io::Result<Vec<Version>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut out: Vec<Version> = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((millis, hash)) = parse_name(&name) else {
                continue;
            };
            out.push(Version {
                number: 0,
                replaced: UNIX_EPOCH + Duration::from_millis(millis),
                path: entry.path(),
                bytes: entry.metadata()?.len(),
                hash,
            });
        }
        out.sort_by(|a, b| b.path.cmp(&a.path));
        for (n, v) in out.iter_mut().enumerate() {
            v.number = n + 1;
        }
        Ok(out)
    }

    /// Version `number` (1 = newest), read as a workbook.
    pub fn read(&self, version: &Version) -> Result<Loaded, LoadError> {
        super::load(&version.path)
    }

    /// Drops versions beyond [`KEEP_VERSIONS`] that are older than
    /// [`KEEP_FOR`], then the oldest while the history is larger than its
    /// cap ([`MAX_HISTORY_BYTES`]); the newest always stays.
    fn prune(&self, now: SystemTime) -> io::Result<()> {
        let versions = self.versions()?;
        let mut total: u64 = versions.iter().map(|v| v.bytes).sum();
        // Oldest first; index 0 is the newest, which always stays.
        for (i, v) in versions.iter().enumerate().skip(1).rev() {
            let old = now.duration_since(v.replaced).unwrap_or_default() > KEEP_FOR;
            if (i >= KEEP_VERSIONS && old) || total > self.max_bytes {
                std::fs::remove_file(&v.path)?;
                total -= v.bytes;
            }
        }
        Ok(())
    }
}

/// The millisecond stamp at the start of a version's file name.
fn stamp(path: &Path) -> u128 {
    path.file_name()
        .and_then(|n| parse_name(&n.to_string_lossy()))
        .map_or(0, |(m, _)| u128::from(m))
}

/// `(millis, hash)` of a version's file name.
fn parse_name(name: &str) -> Option<(u64, String)> {
    let stem = name.strip_suffix(SUFFIX)?;
    let (millis, hash) = stem.split_once('-')?;
    let valid = !millis.is_empty()
        && millis.bytes().all(|b| b.is_ascii_digit())
        && hash.len() == 12
        && hash.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| Some((millis.parse().ok()?, hash.to_owned())))?
}

/// The first 12 hex digits of the SHA-256 of `bytes`.
pub fn bytes_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests;
