//! Finding workbooks: the files named on the command line, and every
//! `*.shipshape.ron` under the folders named there.
//!
//! The walk is ripgrep's (the `ignore` crate), with ripgrep's defaults, so a
//! folder is searched as `rg --files` would search it: inside a git
//! repository, what `.gitignore`, `.git/info/exclude` and the user's global
//! excludes ignore is skipped (outside one, `.gitignore` files mean
//! nothing, as for git); `.ignore` files apply everywhere; hidden files and
//! folders (`.git`, `.cache`) are skipped; symbolic links are not followed,
//! so a link cannot make the walk loop. A folder named on the command line
//! is searched even if it is itself ignored. An ignore-file line that is
//! not a valid glob is skipped, as git skips it.

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

/// What the walk of one folder found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Every `*.shipshape.ron` not ignored, sorted by path.
    pub files: Vec<PathBuf>,
    /// Folders and files that could not be read, in the order met.
    pub errors: Vec<DiscoverError>,
}

/// The workbook files `paths` name: a file as given (whatever its name),
/// a folder as every `*.shipshape.ron` under it ([`walk_folder`]), sorted
/// by path. In the order the paths were given; a folder that cannot be
/// read is an error in its place, and so is one that holds no workbook (a
/// gate that checks nothing must not pass).
pub fn workbook_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, DiscoverError>> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(Ok(path.clone()));
            continue;
        }
        let Walked { files, mut errors } = walk_folder(path);
        if files.is_empty() && errors.is_empty() {
            errors.push(DiscoverError {
                path: path.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("no *{FILE_SUFFIX} file in this folder or below"),
                ),
            });
        }
        out.extend(files.into_iter().map(Ok));
        out.extend(errors.into_iter().map(Err));
    }
    out
}

/// Every `*.shipshape.ron` under `dir` that ripgrep would search (see the
/// module documentation), sorted by path.
pub fn walk_folder(dir: &Path) -> Walked {
    let mut walked = Walked::default();
    // ripgrep's defaults: hidden files skipped, .gitignore (in a git
    // repository), .ignore, .git/info/exclude and the global excludes
    // honoured, parent folders' ignore files too, links not followed.
    for entry in ignore::WalkBuilder::new(dir).build() {
        match entry {
            Ok(entry) => {
                // A link to a file is read (a link to a folder is not walked).
                let is_file = entry
                    .file_type()
                    .is_some_and(|t| t.is_file() || (t.is_symlink() && entry.path().is_file()));
                let name = entry.file_name().to_string_lossy();
                if is_file && name.ends_with(FILE_SUFFIX) && name.len() > FILE_SUFFIX.len() {
                    walked.files.push(entry.into_path());
                }
            }
            // A bad line in an ignore file: skipped, as git does.
            Err(e) if e.is_partial() => {}
            Err(e) => walked.errors.push(discover_error(dir, e)),
        }
    }
    walked.files.sort();
    walked
}

/// The walker's error as the path it is about (`dir` when it names none)
/// and an I/O error saying what went wrong.
fn discover_error(dir: &Path, error: ignore::Error) -> DiscoverError {
    let kind = error
        .io_error()
        .map_or(std::io::ErrorKind::Other, std::io::Error::kind);
    let mut path = dir.to_owned();
    let mut inner = error;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = p;
                inner = *err;
            }
            ignore::Error::WithDepth { err, .. } => inner = *err,
            other => {
                inner = other;
                break;
            }
        }
    }
    let message = match inner {
        ignore::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    };
    DiscoverError {
        path,
        source: std::io::Error::new(kind, message),
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
