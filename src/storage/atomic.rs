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
    write_atomic_with(path, bytes, |file, bytes| file.write_all(bytes))
}

/// [`write_atomic`] without forcing the file and the rename to disk: for
/// exports, which the workbook can always make again. A failure or a reader
/// still never sees a half-written file; only a power cut in the seconds
/// before the system writes it back may lose it. The two syncs cost more
/// than writing a small PDF (2.5 ms here, and tens under load).
pub fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temp(path, bytes, false, |file, bytes| file.write_all(bytes))
}

/// [`write_atomic`] with the write step supplied, so tests can make it fail
/// halfway.
pub(crate) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    write_via_temp(path, bytes, true, write)
}

fn write_via_temp(
    path: &Path,
    bytes: &[u8],
    durable: bool,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
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
        write(&mut tmp, bytes)?;
        if durable {
            tmp.sync_all()?;
        }
        if let Some(p) = permissions {
            fs::set_permissions(&tmp_path, p)?;
        }
        drop(tmp);
        fs::rename(&tmp_path, &target)
    })();
    if let Err(e) = result {
        // Best effort: the error that matters is the one above.
        let _ignored = fs::remove_file(&tmp_path);
        return Err(e);
    }
    if durable {
        sync_dir(&dir);
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
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

fn create_temp(dir: &Path, file_name: &str) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
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

fn sync_dir(dir: &Path) {
    // A directory can only be opened for syncing on Unix; elsewhere the
    // rename is as durable as the platform makes it.
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ignored = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn failure_halfway_keeps_original_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "original").unwrap();
        let err = write_atomic_with(&p, b"new content", |f, b| {
            f.write_all(&b[..3])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&p).unwrap(), "original");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file removed"
        );
    }

    #[test]
    fn replacing_without_sync_replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        fs::write(&p, "old").unwrap();
        write_replacing(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_to_replace_devices_fifos_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            let err = write_atomic(&fifo, b"x").unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
            assert!(
                !fs::metadata(&fifo).unwrap().is_file(),
                "the FIFO is still a FIFO"
            );
        }
        let link = dir.path().join("null-link");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        assert!(write_atomic(&link, b"x").is_err());
        assert!(!fs::metadata("/dev/null").unwrap().is_file());
        assert!(write_atomic(dir.path(), b"x").is_err());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temp file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_follows_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real.txt", &link).unwrap();

        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
