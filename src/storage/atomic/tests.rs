//! Atomic saves against the real disk, and with steps that fail on cue or
//! record that they ran (which a skipped fsync otherwise never shows).

use std::cell::RefCell;

use super::*;

thread_local! {
    /// What the recording steps did, in order, on this test's thread.
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn log(entry: String) {
    LOG.with(|l| l.borrow_mut().push(entry));
}

fn take_log() -> Vec<String> {
    LOG.with(|l| l.take())
}

/// The real steps, each recording itself first (the directory with its path).
const RECORDING: Steps = Steps {
    write: |file, bytes| {
        log("write".into());
        (Steps::REAL.write)(file, bytes)
    },
    sync_file: |file| {
        log("sync file".into());
        (Steps::REAL.sync_file)(file)
    },
    rename: |from, to| {
        log("rename".into());
        (Steps::REAL.rename)(from, to)
    },
    sync_dir: |dir| {
        log(format!("sync dir {}", dir.display()));
        (Steps::REAL.sync_dir)(dir)
    },
};

fn failure() -> io::Error {
    io::Error::new(io::ErrorKind::StorageFull, "injected failure")
}

/// A directory holding `a.txt` with "original" in it.
fn dir_with_original() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, "original").unwrap();
    (dir, p)
}

fn entries(dir: &Path) -> usize {
    fs::read_dir(dir).unwrap().count()
}

#[test]
fn replaces_content() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, "old").unwrap();
    write_atomic(&p, b"new").unwrap();
    assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(entries(dir.path()), 1, "no temp file left");
}

#[test]
fn creates_a_file_that_is_not_there_yet() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("new.txt");
    write_atomic(&p, b"new").unwrap();
    assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(entries(dir.path()), 1);
}

#[test]
fn a_durable_write_syncs_the_file_before_the_rename_and_the_directory_after() {
    let (dir, p) = dir_with_original();
    take_log();
    write_atomic_with(&p, b"new", &RECORDING).unwrap();
    assert_eq!(
        take_log(),
        [
            "write".to_owned(),
            "sync file".to_owned(),
            "rename".to_owned(),
            format!("sync dir {}", dir.path().display()),
        ]
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(entries(dir.path()), 1);
}

#[test]
fn replacing_skips_both_syncs() {
    let (dir, p) = dir_with_original();
    take_log();
    write_replacing_with(&p, b"new", &RECORDING).unwrap();
    assert_eq!(take_log(), ["write", "rename"]);
    assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(entries(dir.path()), 1);
    write_replacing(&p, b"newer").unwrap();
    assert_eq!(fs::read_to_string(&p).unwrap(), "newer");
    assert_eq!(entries(dir.path()), 1);
}

#[test]
fn a_bare_file_name_syncs_the_current_directory() {
    // Nothing is written: the steps only record, and the "rename" removes
    // the temporary file, which is the only thing created.
    let name = format!("shipshape-atomic-test-{}.txt", std::process::id());
    let steps = Steps {
        write: |_, _| Ok(()),
        sync_file: |_| Ok(()),
        rename: |from, to| {
            log(format!("rename {} to {}", from.display(), to.display()));
            fs::remove_file(from)
        },
        sync_dir: |dir| {
            log(format!("sync dir {}", dir.display()));
            Ok(())
        },
    };
    take_log();
    write_atomic_with(Path::new(&name), b"x", &steps).unwrap();
    let log = take_log();
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[0].starts_with("rename ./."), "{log:?}");
    assert!(log[0].ends_with(&format!(".tmp to {name}")), "{log:?}");
    assert_eq!(log[1], "sync dir .");
    assert!(!Path::new(&name).exists());
}

#[test]
fn a_failed_write_keeps_the_original_and_removes_the_temp_file() {
    let (dir, p) = dir_with_original();
    let steps = Steps {
        write: |f, b| {
            f.write_all(&b[..3])?;
            Err(failure())
        },
        ..Steps::REAL
    };
    let err = write_atomic_with(&p, b"new content", &steps).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    assert_eq!(fs::read_to_string(&p).unwrap(), "original");
    assert_eq!(entries(dir.path()), 1, "temp file removed");
}

#[test]
fn a_failed_file_sync_keeps_the_original_and_removes_the_temp_file() {
    let (dir, p) = dir_with_original();
    let steps = Steps {
        sync_file: |_| Err(failure()),
        rename: |from, to| {
            log("rename".into());
            fs::rename(from, to)
        },
        ..Steps::REAL
    };
    take_log();
    let err = write_atomic_with(&p, b"new", &steps).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    assert!(take_log().is_empty(), "no rename after a failed sync");
    assert_eq!(fs::read_to_string(&p).unwrap(), "original");
    assert_eq!(entries(dir.path()), 1, "temp file removed");
}

#[test]
fn a_failed_rename_keeps_the_original_and_removes_the_temp_file() {
    for durable in [true, false] {
        let (dir, p) = dir_with_original();
        let steps = Steps {
            rename: |_, _| Err(failure()),
            sync_dir: |_| {
                log("sync dir".into());
                Ok(())
            },
            ..Steps::REAL
        };
        take_log();
        let err = if durable {
            write_atomic_with(&p, b"new", &steps)
        } else {
            write_replacing_with(&p, b"new", &steps)
        }
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert!(
            take_log().is_empty(),
            "nothing to sync after a failed rename"
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "original");
        assert_eq!(entries(dir.path()), 1, "temp file removed");
    }
}

#[test]
fn a_failed_directory_sync_still_counts_as_saved() {
    let (dir, p) = dir_with_original();
    let steps = Steps {
        sync_dir: |_| Err(failure()),
        ..Steps::REAL
    };
    write_atomic_with(&p, b"new", &steps).unwrap();
    assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(entries(dir.path()), 1);
}

#[test]
fn temp_names_left_by_an_earlier_process_with_our_id_are_skipped() {
    let (dir, p) = dir_with_original();
    // The next names this process would try, and a margin for other tests
    // running meanwhile.
    let next = TEMP_COUNTER.load(Ordering::Relaxed);
    for n in next..next + 200 {
        let name = format!(".a.txt.{}-{n}.tmp", std::process::id());
        fs::write(dir.path().join(name), "left over").unwrap();
    }
    write_atomic(&p, b"new").unwrap();
    assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(entries(dir.path()), 201, "only the new temp file is gone");
}

#[test]
fn a_temp_file_that_cannot_be_made_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("missing-dir").join("a.txt");
    // On a thread, so that retrying forever fails this test rather than
    // hanging the run.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("save into a missing directory".into())
        .spawn(move || tx.send(write_atomic(&p, b"x")))
        .unwrap();
    let result = rx.recv_timeout(std::time::Duration::from_secs(20));
    let err = result.expect("the save gave up").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::NotFound);
}

/// A device node to point a link at. As root (CI) it is one of our own, made
/// in `dir`: were refusing devices broken, saving would replace the node with
/// a plain file, and as root that would be `/dev/null` itself. Elsewhere it
/// is `/dev/null`, which a user cannot replace anyway.
#[cfg(unix)]
fn a_device(dir: &Path) -> PathBuf {
    let own = dir.join("null");
    let made = std::process::Command::new("mknod")
        .arg(&own)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        own
    } else {
        PathBuf::from("/dev/null")
    }
}

#[cfg(unix)]
#[test]
fn refuses_to_replace_devices_fifos_and_directories() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made_fifo {
        let err = write_atomic(&fifo, b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(
            fs::metadata(&fifo).unwrap().file_type().is_fifo(),
            "the FIFO is still a FIFO"
        );
    }
    let device = a_device(dir.path());
    let link = dir.path().join("null-link");
    std::os::unix::fs::symlink(&device, &link).unwrap();
    let err = write_atomic(&link, b"x").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{err}");
    assert!(fs::metadata(&device).unwrap().file_type().is_char_device());
    let err = write_atomic(dir.path(), b"x").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::IsADirectory, "{err}");
    let expected = [made_fifo, device.starts_with(dir.path()), true]
        .iter()
        .filter(|made| **made)
        .count();
    assert_eq!(entries(dir.path()), expected, "no temp file left");
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

#[cfg(unix)]
#[test]
fn follows_absolute_links_and_chains_and_stops_at_loops() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    fs::write(&real, "old").unwrap();
    let absolute = dir.path().join("absolute");
    std::os::unix::fs::symlink(&real, &absolute).unwrap();
    let chain = dir.path().join("chain");
    std::os::unix::fs::symlink("absolute", &chain).unwrap();
    write_atomic(&chain, b"new").unwrap();
    assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    assert!(fs::symlink_metadata(&absolute).unwrap().is_symlink());

    let (a, b) = (dir.path().join("loop-a"), dir.path().join("loop-b"));
    std::os::unix::fs::symlink("loop-b", &a).unwrap();
    std::os::unix::fs::symlink("loop-a", &b).unwrap();
    let err = write_atomic(&a, b"x").unwrap_err();
    assert!(err.to_string().contains("too many levels"), "{err}");
}
