//! Atomic file replacement: a save either fully happens or leaves the old
//! file exactly as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory is written, flushed to disk, given the original's permissions
/// and renamed over the target; then the directory is synced so the rename
/// itself survives a crash. A symlink is followed and its target replaced, so
/// the link stays a link.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, &Steps::REAL)
}

/// [`write_atomic`] without forcing the file and the rename to disk: for
/// exports, which the workbook can always make again. A failure or a reader
/// still never sees a half-written file; only a power cut in the seconds
/// before the system writes it back may lose it. The two syncs cost more
/// than writing a small PDF (2.5 ms here, and tens under load).
pub fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_replacing_with(path, bytes, &Steps::REAL)
}

/// The steps of a save that touch the disk's contents. Production uses
/// [`Steps::REAL`]; tests swap in steps that fail on cue or record that they
/// ran, because a skipped fsync or a failed rename cannot be provoked or
/// seen from outside (and root ignores the permissions that could).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Steps {
    pub write: fn(&mut File, &[u8]) -> io::Result<()>,
    pub sync_file: fn(&File) -> io::Result<()>,
    pub rename: fn(&Path, &Path) -> io::Result<()>,
    /// Makes a rename in the directory durable. Its failure is ignored: the
    /// new file is already in place.
    pub sync_dir: fn(&Path) -> io::Result<()>,
}

impl Steps {
    pub(crate) const REAL: Self = Self {
        write: |file, bytes| file.write_all(bytes),
        sync_file: File::sync_all,
        rename: |from, to| fs::rename(from, to),
        // Only Unix lets a directory be opened for syncing; elsewhere the
        // open fails, which is ignored like any failure of this step.
        sync_dir: |dir| File::open(dir)?.sync_all(),
    };
}

/// [`write_atomic`] with the disk steps supplied.
pub(crate) fn write_atomic_with(path: &Path, bytes: &[u8], steps: &Steps) -> io::Result<()> {
    write_via_temp(path, bytes, true, steps)
}

/// [`write_replacing`] with the disk steps supplied.
pub(crate) fn write_replacing_with(path: &Path, bytes: &[u8], steps: &Steps) -> io::Result<()> {
    write_via_temp(path, bytes, false, steps)
}

fn write_via_temp(path: &Path, bytes: &[u8], durable: bool, steps: &Steps) -> io::Result<()> {
    let target = resolve_symlinks(path)?;
    // Renaming over a device or a FIFO would replace it with a plain file
    // (as root, `-o /dev/null` would destroy /dev/null).
    match fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a directory",
            ));
        }
        Ok(m) if !m.is_file() => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is not a regular file (a device, pipe or socket); choose a file path",
            ));
        }
        _ => {}
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?
        .to_string_lossy()
        .into_owned();
    let permissions = fs::metadata(&target).ok().map(|m| m.permissions());

    let (tmp_path, mut tmp) = create_temp(&dir, &file_name)?;
    let result = (|| {
        (steps.write)(&mut tmp, bytes)?;
        if durable {
            (steps.sync_file)(&tmp)?;
        }
        if let Some(p) = permissions {
            fs::set_permissions(&tmp_path, p)?;
        }
        drop(tmp);
        (steps.rename)(&tmp_path, &target)
    })();
    if let Err(e) = result {
        // Best effort: the error that matters is the one above.
        let _ignored = fs::remove_file(&tmp_path);
        return Err(e);
    }
    if durable {
        // The file is in place; a directory that cannot be synced only
        // leaves the rename as durable as the platform makes it.
        let _ignored = (steps.sync_dir)(&dir);
    }
    Ok(())
}

/// The final file a path names, through any chain of symlinks (which may be
/// dangling: saving creates the target).
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                // A relative target is relative to the link's directory;
                // `join` keeps an absolute one as it is.
                current = match current.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Numbers this process's temporary files (module-wide so tests can see
/// which names come next).
static TEMP_COUNTER: AtomicU32 = AtomicU32::new(0);

/// A new temporary file for `file_name` in `dir`, skipping names already
/// taken (left by an earlier process that had the same ID and crashed).
fn create_temp(dir: &Path, file_name: &str) -> io::Result<(PathBuf, File)> {
    loop {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp_path = dir.join(format!(".{file_name}.{}-{n}.tmp", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp_path)
        {
            Ok(f) => return Ok((tmp_path, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests;
