//! An advisory lock on a workbook file for one read-modify-write: `set`,
//! `resolve`, `import --force` and the window's save take it, read the file
//! under it, and write before letting go, so two writers never both start
//! from the same version and one of them silently loses.
//!
//! The lock is on the file itself (`flock`-style, through std), so there is
//! no lock file next to the workbook for git to see. Saving replaces the file
//! by a rename, so a writer that waited may hold the lock of a file the path
//! no longer names: it checks, and locks the new one.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another before giving up with an error. A
/// `set` takes milliseconds; a lock held longer means a hung process.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// Held while a workbook is read, changed and written; dropping it lets the
/// next writer in.
#[derive(Debug)]
pub struct FileLock {
    // Never read: the lock lives as long as the open file.
    _file: Option<File>,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{} is being changed by another program (another `shipshape` or the window saving) and it has not finished after {:.1} s; try again, or end the program that hangs",
        path.display(),
        waited.as_secs_f32()
    )]
    Timeout { path: PathBuf, waited: Duration },
    #[error("cannot lock {}: {error}", path.display())]
    Io { path: PathBuf, error: io::Error },
}

/// Locks `path` for one read-modify-write, waiting up to `timeout` for
/// another writer. A file that does not exist yet needs no lock (the
/// returned guard holds none): there is nothing to lose.
pub fn lock(path: &Path, timeout: Duration) -> Result<FileLock, LockError> {
    let started = Instant::now();
    let io_error = |error| LockError::Io {
        path: path.to_owned(),
        error,
    };
    // Opening a FIFO would wait for a writer forever; devices and FIFOs are
    // refused by the save itself, so they need no lock.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return Ok(FileLock { _file: None }),
        _ => {}
    }
    let mut pause = Duration::from_millis(2);
    loop {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(FileLock { _file: None }),
            Err(e) => return Err(io_error(e)),
        };
        match file.try_lock() {
            Ok(()) => {
                // The writer we waited for may have replaced the file: the
                // lock must be on the file the path names now.
                if names_same_file(&file, path).map_err(io_error)? {
                    return Ok(FileLock { _file: Some(file) });
                }
                continue;
            }
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                // A file system without locks (some network mounts): go on
                // unlocked rather than refuse every save.
                return Ok(FileLock { _file: None });
            }
            Err(TryLockError::Error(e)) => return Err(io_error(e)),
        }
        let waited = started.elapsed();
        if waited >= timeout {
            return Err(LockError::Timeout {
                path: path.to_owned(),
                waited,
            });
        }
        std::thread::sleep(pause.min(timeout - waited));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Whether the open `file` is still the one `path` names.
#[cfg(unix)]
fn names_same_file(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt as _;
    let open = file.metadata()?;
    match std::fs::metadata(path) {
        Ok(now) => Ok(open.dev() == now.dev() && open.ino() == now.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Elsewhere a file open for reading cannot be renamed over, so it is.
#[cfg(not(unix))]
fn names_same_file(_file: &File, _path: &Path) -> io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_gives_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.shipshape.ron");
        std::fs::write(&path, "x").unwrap();
        let held = lock(&path, DEFAULT_LOCK_TIMEOUT).unwrap();
        let started = Instant::now();
        let err = lock(&path, Duration::from_millis(200)).unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!(matches!(err, LockError::Timeout { .. }), "{err}");
        assert!(err.to_string().contains("being changed by another program"));
        drop(held);
        lock(&path, Duration::from_millis(200)).unwrap();
    }

    #[test]
    fn a_missing_file_needs_no_lock() {
        let dir = tempfile::tempdir().unwrap();
        let guard = lock(&dir.path().join("new.shipshape.ron"), DEFAULT_LOCK_TIMEOUT).unwrap();
        assert!(guard._file.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_waiter_locks_the_file_that_replaced_the_one_it_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.shipshape.ron");
        std::fs::write(&path, "old").unwrap();
        let held = lock(&path, DEFAULT_LOCK_TIMEOUT).unwrap();
        std::thread::scope(|s| {
            let waiter = s.spawn(|| {
                let guard = lock(&path, Duration::from_secs(5)).unwrap();
                (guard, std::fs::read_to_string(&path).unwrap())
            });
            std::thread::sleep(Duration::from_millis(50));
            crate::storage::write_atomic(&path, b"new").unwrap();
            drop(held);
            let (guard, seen) = waiter.join().unwrap();
            assert_eq!(seen, "new", "the waiter reads what the first writer wrote");
            // The new file is locked by the waiter: a third writer must wait.
            assert!(matches!(
                lock(&path, Duration::from_millis(50)),
                Err(LockError::Timeout { .. })
            ));
            drop(guard);
        });
    }
}
