//! Finding workbooks: the files named on the command line, and every
//! `*.shipshape.ron` under the folders named there.
//!
//! One function, [`workbook_files`], so that the walk can be replaced by
//! one that honours `.gitignore` (the `ignore` crate) without its callers
//! changing. Until then: hidden folders (`.git`, `.cache`) are skipped, as
//! ripgrep skips them, and symbolic links to folders are not followed, so a
//! link cannot make the walk loop.

use std::path::{Path, PathBuf};

use super::FILE_SUFFIX;

/// A path that could not be searched, and why.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct DiscoverError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// The workbook files `paths` name: a file as given (whatever its name),
/// a folder as every `*.shipshape.ron` under it, sorted by path. In the
/// order the paths were given; a folder that cannot be read is an error in
/// its place, and so is one that holds no workbook (a gate that checks
/// nothing must not pass).
pub fn workbook_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, DiscoverError>> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(Ok(path.clone()));
            continue;
        }
        let mut found = Vec::new();
        let mut errors = Vec::new();
        walk(path, &mut found, &mut errors);
        found.sort();
        if found.is_empty() && errors.is_empty() {
            errors.push(DiscoverError {
                path: path.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("no *{FILE_SUFFIX} file in this folder or below"),
                ),
            });
        }
        out.extend(found.into_iter().map(Ok));
        out.extend(errors.into_iter().map(Err));
    }
    out
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<DiscoverError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(DiscoverError {
                path: dir.to_owned(),
                source,
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(source) => {
                errors.push(DiscoverError {
                    path: dir.to_owned(),
                    source,
                });
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // `file_type` does not follow links: a linked folder is not walked.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !name.starts_with('.') {
                walk(&path, found, errors);
            }
        } else if name.ends_with(FILE_SUFFIX) && name.len() > FILE_SUFFIX.len() {
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_give_their_workbooks_sorted_and_files_are_kept_as_given() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "b/z.shipshape.ron",
            "b/a.shipshape.ron",
            "a.shipshape.ron",
            "notes.ron",
            ".git/x.shipshape.ron",
            "c/.hidden/y.shipshape.ron",
            "c/.shipshape.ron",
        ] {
            let p = root.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let given = root.join("notes.ron");
        let found: Vec<PathBuf> = workbook_files(&[given.clone(), root.to_owned()])
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let rel: Vec<_> = found
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            rel,
            [
                "notes.ron",
                "a.shipshape.ron",
                "b/a.shipshape.ron",
                "b/z.shipshape.ron"
            ]
        );
    }

    #[test]
    fn a_folder_without_workbooks_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let found = workbook_files(&[dir.path().to_owned()]);
        assert_eq!(found.len(), 1);
        let err = found.into_iter().next().unwrap().unwrap_err();
        assert!(err.to_string().contains("no *.shipshape.ron file"), "{err}");
    }
}
