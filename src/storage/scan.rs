//! Reading every workbook under some folders at once, for the portfolio
//! (`shipshape status`, the window's portfolio view): the walk of
//! [`walk_folder`], then the files read and parsed on a few named threads,
//! since parsing is most of the time and a team has hundreds of files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;

use super::{DiscoverError, LoadError, Walked, load, walk_folder};
use crate::model::Workbook;
use crate::model::portfolio::{self, Row, Unreadable};

/// At most this many reading threads: past it the disk, not the parser,
/// is the limit.
const MAX_READERS: usize = 8;

/// What a scan of some folders found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every workbook file, with its workbook or why it did not load, in
    /// the order found (each folder's files sorted by path).
    pub files: Vec<(PathBuf, Result<Workbook, LoadError>)>,
    /// What could not be searched.
    pub errors: Vec<DiscoverError>,
    /// The folders given that hold no workbook.
    pub empty: Vec<PathBuf>,
}

impl Scan {
    /// The portfolio's rows as of `as_of`, most urgent first; a folder that
    /// could not be searched is an unreadable row.
    pub fn rows(&self, as_of: NaiveDate) -> Vec<Row> {
        let files = self.files.iter().map(|(path, result)| {
            let wb = result.as_ref().map_err(|e| Unreadable {
                message: e.kind.to_string(),
                position: e.position,
            });
            (path.clone(), wb)
        });
        let errors = self.errors.iter().map(|e| {
            let unreadable = Unreadable {
                message: e.source.to_string(),
                position: None,
            };
            (e.path.clone(), Err(unreadable))
        });
        portfolio::rows(files.chain(errors), as_of)
    }
}

/// Finds and reads every workbook under `folders` (a file given is read as
/// it is, whatever its name).
pub fn scan(folders: &[PathBuf]) -> Scan {
    let mut paths = Vec::new();
    let mut scan = Scan::default();
    for folder in folders {
        if !folder.is_dir() {
            paths.push(folder.clone());
            continue;
        }
        let Walked { files, errors } = walk_folder(folder);
        if files.is_empty() && errors.is_empty() {
            scan.empty.push(folder.clone());
        }
        paths.extend(files);
        scan.errors.extend(errors);
    }
    let workbooks = read_workbooks(&paths);
    scan.files = paths.into_iter().zip(workbooks).collect();
    scan
}

/// Loads every file of `paths` on a few named threads (one per core, up to 8);
/// the results in the order of `paths`.
pub fn read_workbooks(paths: &[PathBuf]) -> Vec<Result<Workbook, LoadError>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(MAX_READERS)
        .min(paths.len());
    if threads <= 1 {
        return paths.iter().map(|p| read(p)).collect();
    }
    // Each thread takes the next unread file: files differ in size, so a
    // fixed split would leave threads idle.
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Result<Workbook, LoadError>>> = Vec::new();
    slots.resize_with(paths.len(), || None);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|n| {
                let next = &next;
                std::thread::Builder::new()
                    .name(format!("shipshape read {n}"))
                    .spawn_scoped(scope, move || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = paths.get(i) else {
                                return done;
                            };
                            done.push((i, read(path)));
                        }
                    })
            })
            .collect();
        for worker in workers {
            // A thread that could not start read nothing: the files are
            // read below, here.
            if let Ok(handle) = worker
                && let Ok(done) = handle.join()
            {
                for (i, result) in done {
                    slots[i] = Some(result);
                }
            }
        }
    });
    slots
        .into_iter()
        .zip(paths)
        .map(|(slot, path)| slot.unwrap_or_else(|| read(path)))
        .collect()
}

fn read(path: &Path) -> Result<Workbook, LoadError> {
    load(path).map(|loaded| loaded.workbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_file_in_order_with_errors_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..20 {
            let path = dir.path().join(format!("w{i:02}.shipshape.ron"));
            if i == 7 {
                std::fs::write(&path, "not a workbook").unwrap();
            } else {
                let wb = Workbook::new(format!("P{i}"));
                super::super::save(&path, &wb).unwrap();
            }
            paths.push(path);
        }
        let read = read_workbooks(&paths);
        assert_eq!(read.len(), 20);
        for (i, r) in read.iter().enumerate() {
            match r {
                Ok(wb) => assert_eq!(wb.project, format!("P{i}")),
                Err(e) => assert_eq!(i, 7, "{e}"),
            }
        }
        assert!(read[7].is_err());
    }

    #[test]
    fn scan_lists_empty_folders_and_turns_errors_into_unreadable_rows() {
        let dir = tempfile::tempdir().unwrap();
        let full = dir.path().join("full");
        let empty = dir.path().join("empty");
        std::fs::create_dir_all(&full).unwrap();
        std::fs::create_dir_all(&empty).unwrap();
        super::super::save(&full.join("a.shipshape.ron"), &Workbook::new("A")).unwrap();
        std::fs::write(full.join("b.shipshape.ron"), "(\n  nonsense").unwrap();
        let scan = scan(&[full.clone(), empty.clone()]);
        assert_eq!(scan.empty, [empty]);
        assert_eq!(scan.files.len(), 2);
        let rows = scan.rows("2026-03-10".parse().unwrap());
        assert_eq!(
            rows[0].path,
            full.join("b.shipshape.ron"),
            "unreadable first"
        );
        let err = rows[0].state.as_ref().unwrap_err();
        assert!(err.position.is_some(), "{err:?}");
        assert_eq!(rows[1].summary().unwrap().project, "A");
    }
}
