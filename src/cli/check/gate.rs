//! `check` over several workbooks — files and folders — as a CI gate: every
//! workbook is read and judged, an unreadable one is reported in its place
//! and the others still are, and the exit code sums it up: 0 when every
//! workbook is production-ready, 1 when any is not, 2 when any could not be
//! read (or a folder held none).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::super::merge_driver::{unmerged_in_git, unmerged_note};
use super::super::{EXIT_ERROR, EXIT_NOT_READY, shown};
use super::{CheckJson, Format, report, warn_unknown_fields};
use crate::export::ci::{self, Checked, Judged, Unreadable};
use crate::model::Workbook;
use crate::storage;

/// A workbook file as read, before it is judged.
struct Read {
    /// The path to show: as given or found, without `./` steps, so that
    /// GitHub matches it with the repository's files.
    shown: String,
    result: Result<ReadOk, Unreadable>,
}

struct ReadOk {
    workbook: Workbook,
    unmerged: bool,
    lines: std::collections::HashMap<String, usize>,
}

pub fn check_many(paths: &[PathBuf], as_of: NaiveDate, format: Format) -> anyhow::Result<ExitCode> {
    let reads: Vec<Read> = storage::workbook_files(paths)
        .into_iter()
        .map(|found| match found {
            Ok(path) => read(&path),
            Err(e) => Read {
                shown: shown(&e.path),
                result: Err(Unreadable {
                    message: e.source.to_string(),
                    position: None,
                }),
            },
        })
        .collect();
    let checked: Vec<Checked<'_>> = reads
        .iter()
        .map(|r| Checked {
            path: r.shown.clone(),
            outcome: r.result.as_ref().map_err(Clone::clone).map(|ok| Judged {
                workbook: &ok.workbook,
                verdict: ok.workbook.verdict(as_of),
                unmerged: ok.unmerged,
                lines: ok.lines.clone(),
            }),
        })
        .collect();
    print(&checked, format)?;
    // Errors go to stderr too, where a report written to a file would hide
    // them (GitHub's annotations are already in the log).
    if format != Format::Github {
        for c in &checked {
            if let Err(e) = &c.outcome {
                errln!("error: {}: {}", c.path, e.message);
            }
        }
    }
    let code = if checked.iter().any(|c| c.outcome.is_err()) {
        EXIT_ERROR
    } else if checked
        .iter()
        .all(|c| c.outcome.as_ref().is_ok_and(Judged::ready))
    {
        0
    } else {
        EXIT_NOT_READY
    };
    Ok(ExitCode::from(code))
}

fn print(checked: &[Checked<'_>], format: Format) -> anyhow::Result<()> {
    match format {
        Format::Junit => out!("{}", ci::junit::render(checked)),
        Format::Github => out!("{}", ci::github::render(checked)),
        Format::Json => {
            /// A workbook's `check --json` document with its path, or the
            /// path and why it could not be read.
            #[derive(serde::Serialize)]
            #[serde(untagged)]
            enum Doc<'a> {
                Judged(CheckJson<'a>),
                Unreadable { path: &'a str, error: &'a str },
            }
            let docs: Vec<Doc<'_>> = checked
                .iter()
                .map(|c| match &c.outcome {
                    Ok(j) => {
                        let mut doc = CheckJson::new(j.workbook, &j.verdict);
                        doc.path = Some(&c.path);
                        Doc::Judged(doc)
                    }
                    Err(e) => Doc::Unreadable {
                        path: &c.path,
                        error: &e.message,
                    },
                })
                .collect();
            outln!("{}", serde_json::to_string_pretty(&docs)?);
        }
        Format::Text => {
            for c in checked {
                if let Ok(j) = &c.outcome {
                    outln!("== {}", c.path);
                    out!("{}", report(j.workbook, &j.verdict));
                    outln!("");
                }
            }
            outln!("{}", summary(checked));
        }
    }
    Ok(())
}

/// "3 workbooks: 1 production-ready, 1 not ready, 1 unreadable".
fn summary(checked: &[Checked<'_>]) -> String {
    let ready = checked
        .iter()
        .filter(|c| c.outcome.as_ref().is_ok_and(Judged::ready))
        .count();
    let unreadable = checked.iter().filter(|c| c.outcome.is_err()).count();
    let not_ready = checked.len() - ready - unreadable;
    let s = if checked.len() == 1 { "" } else { "s" };
    format!(
        "{} workbook{s}: {ready} production-ready, {not_ready} not ready, {unreadable} unreadable",
        checked.len()
    )
}

fn read(path: &Path) -> Read {
    let shown = shown(path);
    let unmerged = unmerged_in_git(path) == Some(true);
    let loaded = storage::read_capped(path).and_then(|bytes| {
        let lines = storage::item_lines(&String::from_utf8_lossy(&bytes));
        storage::load_bytes(&bytes).map(|l| (l, lines))
    });
    let result = match loaded {
        Ok((loaded, lines)) => {
            warn_unknown_fields(path, &loaded.unknown_fields);
            Ok(ReadOk {
                workbook: loaded.workbook,
                unmerged,
                lines,
            })
        }
        Err(e) => {
            let mut message = e.kind.to_string();
            if unmerged {
                message = format!("{message}\n{}", unmerged_note(path));
            }
            Err(Unreadable {
                message,
                position: e.position,
            })
        }
    };
    Read { shown, result }
}
