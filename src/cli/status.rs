//! `status`: the portfolio — every workbook under some folders, one line
//! each, most urgent first (`model::portfolio` says what that means); or,
//! with `--owner`, what one person owes across all of them.
//!
//! Exit codes, as `check` over folders: 0 when every workbook is
//! production-ready, 1 when any is not (or none was found), 2 when a file
//! or folder could not be read — it is listed with its error and the
//! others are still reported — or an argument is wrong (a folder that does
//! not exist).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{AsOf, EXIT_ERROR, EXIT_NOT_READY, shown};
use crate::model::portfolio::{self, Column, Owed, Row, Summary, Unreadable};
use crate::storage::{self, FILE_SUFFIX};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Folders to search for *.shipshape.ron, as ripgrep searches (.gitignore honoured, hidden folders skipped); the current one by default.
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// What this person owes across every workbook: their red items and re-checks due, one line each.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[command(flatten)]
    pub as_of: AsOf,
    /// A JSON document instead of text (see the README for its shape).
    #[arg(long)]
    pub json: bool,
}

/// A project name longer than this is cut in the text table.
const MAX_TEXT_WIDTH: usize = 40;

pub fn status(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let dirs = if args.dirs.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.dirs
    };
    for dir in &dirs {
        if !dir.exists() {
            anyhow::bail!("{}: no such folder", dir.display());
        }
    }
    let as_of = args.as_of.date();
    let scan = storage::scan(&dirs);
    let rows = scan.rows(as_of);
    let empty: Vec<String> = scan.empty.iter().map(|p| shown(p)).collect();
    match (&args.owner, args.json) {
        (None, false) => print_table(&rows, &empty, as_of)?,
        (None, true) => {
            let doc = StatusJson::new(&rows, &empty, as_of);
            outln!("{}", serde_json::to_string_pretty(&doc)?);
        }
        (Some(name), false) => print_owed(&rows, &empty, name, as_of)?,
        (Some(name), true) => {
            let doc = OwnerJson::new(&rows, &empty, name, as_of);
            outln!("{}", serde_json::to_string_pretty(&doc)?);
        }
    }
    Ok(ExitCode::from(exit_code(&rows)))
}

/// 2 when anything was unreadable, else 0 when there is something and
/// all of it is ready, else 1.
fn exit_code(rows: &[Row]) -> u8 {
    if rows.iter().any(|r| r.state.is_err()) {
        EXIT_ERROR
    } else if !rows.is_empty() && rows.iter().all(Row::ready) {
        0
    } else {
        EXIT_NOT_READY
    }
}

/// `path:line:col: message`, the form editors make clickable.
fn unreadable_text(path: &Path, e: &Unreadable) -> String {
    let at = e
        .position
        .map_or_else(String::new, |(l, c)| format!(":{l}:{c}"));
    format!("{}{at}: {}", shown(path), e.message.replace('\n', " "))
}

/// Lays out `rows` of cells in columns two spaces apart; `right` says
/// which columns are right-aligned. The last column is not padded.
fn columns(rows: &[Vec<String>], right: &[bool]) -> String {
    let n = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..n)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if i > 0 {
                line.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if i + 1 < n {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `text` cut to `max` characters, "…" marking the cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

fn print_table(rows: &[Row], empty: &[String], as_of: NaiveDate) -> anyhow::Result<()> {
    for dir in empty {
        outln!("No *{FILE_SUFFIX} under {dir}");
    }
    if rows.is_empty() {
        return Ok(());
    }
    let mut table = vec![
        Column::ALL
            .iter()
            .map(|c| c.heading().to_uppercase())
            .collect::<Vec<_>>(),
    ];
    for row in rows {
        table.push(match &row.state {
            Ok(s) => Column::ALL
                .iter()
                .map(|&c| match c {
                    Column::Path => shown(&row.path),
                    Column::Project => clip(&c.cell(s), MAX_TEXT_WIDTH),
                    _ => c.cell(s),
                })
                .collect(),
            Err(e) => Column::ALL
                .iter()
                .map(|&c| match c {
                    Column::Verdict => "unreadable".to_owned(),
                    Column::Path => unreadable_text(&row.path, e),
                    _ => String::new(),
                })
                .collect(),
        });
    }
    let right: Vec<bool> = Column::ALL.iter().map(|c| c.numeric()).collect();
    out!("{}", columns(&table, &right));
    outln!("\n{}", summary_line(rows, as_of));
    Ok(())
}

/// "3 workbooks as of 2026-03-10: 1 production-ready, 1 demo-ready, 1 unreadable".
fn summary_line(rows: &[Row], as_of: NaiveDate) -> String {
    let ready = rows.iter().filter(|r| r.ready()).count();
    let unreadable = rows.iter().filter(|r| r.state.is_err()).count();
    let s = if rows.len() == 1 { "" } else { "s" };
    format!(
        "{} workbook{s} as of {as_of}: {ready} production-ready, {} demo-ready, {unreadable} unreadable",
        rows.len(),
        rows.len() - ready - unreadable
    )
}

fn print_owed(rows: &[Row], empty: &[String], name: &str, as_of: NaiveDate) -> anyhow::Result<()> {
    for dir in empty {
        outln!("No *{FILE_SUFFIX} under {dir}");
    }
    let owed = portfolio::owed_by(rows, name);
    let name = spelled(rows, name);
    let readable = rows.iter().filter(|r| r.state.is_ok()).count();
    let books = super::plural(readable, "workbook", "workbooks");
    if owed.is_empty() {
        outln!("{name} owes nothing in {books} as of {as_of}");
    } else {
        let mut table = vec![
            ["SERVICE", "ITEM", "DUE", "TITLE", "REASON", "PATH"]
                .map(str::to_owned)
                .to_vec(),
        ];
        for (row, o) in &owed {
            let project = row.summary().map_or("", |s| s.project.as_str());
            table.push(vec![
                clip(project, MAX_TEXT_WIDTH),
                o.id.clone(),
                due_text(o),
                clip(&o.title, MAX_TEXT_WIDTH),
                o.reason.clone(),
                shown(&row.path),
            ]);
        }
        out!("{}", columns(&table, &[]));
        let items = super::plural(owed.len(), "item", "items");
        outln!("\n{name} owes {items} in {books} as of {as_of}");
    }
    for row in rows {
        if let Err(e) = &row.state {
            outln!("unreadable: {}", unreadable_text(&row.path, e));
        }
    }
    Ok(())
}

/// `name` as the workbooks spell it most (`ana` → `Ana`), else as given.
fn spelled(rows: &[Row], name: &str) -> String {
    portfolio::owners(rows)
        .into_iter()
        .find(|o| portfolio::same_owner(o, name))
        .unwrap_or_else(|| name.trim().to_owned())
}

/// "2026-03-01 (overdue)", "2026-04-01", or "-" for no date.
fn due_text(o: &Owed) -> String {
    match o.due {
        Some(d) if o.overdue => format!("{d} (overdue)"),
        Some(d) => d.to_string(),
        None => "-".to_owned(),
    }
}

/// `status --json`. Field names and order are a contract (README).
#[derive(Serialize)]
struct StatusJson<'a> {
    as_of: String,
    /// Every workbook readable and production-ready (and at least one).
    ready: bool,
    workbooks: Vec<WorkbookJson<'a>>,
    unreadable: Vec<UnreadableJson>,
    /// Folders given that hold no workbook.
    empty: &'a [String],
}

#[derive(Serialize)]
struct WorkbookJson<'a> {
    path: String,
    project: &'a str,
    ready: bool,
    verdict: &'a str,
    items: usize,
    red: usize,
    overdue: usize,
    recheck_due: usize,
    lapsing: usize,
    launch: Option<String>,
    days_to_launch: Option<i64>,
    review: Option<String>,
}

#[derive(Serialize)]
struct UnreadableJson {
    path: String,
    error: String,
    line: Option<usize>,
    column: Option<usize>,
}

fn unreadable_json(rows: &[Row]) -> Vec<UnreadableJson> {
    rows.iter()
        .filter_map(|r| {
            let e = r.state.as_ref().err()?;
            Some(UnreadableJson {
                path: shown(&r.path),
                error: e.message.clone(),
                line: e.position.map(|(l, _)| l),
                column: e.position.map(|(_, c)| c),
            })
        })
        .collect()
}

impl<'a> StatusJson<'a> {
    fn new(rows: &'a [Row], empty: &'a [String], as_of: NaiveDate) -> Self {
        let workbook = |row: &Row, s: &'a Summary| WorkbookJson {
            path: shown(&row.path),
            project: &s.project,
            ready: s.ready,
            verdict: &s.headline,
            items: s.items,
            red: s.red,
            overdue: s.overdue,
            recheck_due: s.recheck_due,
            lapsing: s.lapsing,
            launch: s.launch.map(|d| d.to_string()),
            days_to_launch: s.days_to_launch,
            review: s.review.map(|d| d.to_string()),
        };
        Self {
            as_of: as_of.to_string(),
            ready: exit_code(rows) == 0,
            workbooks: rows
                .iter()
                .filter_map(|r| Some(workbook(r, r.summary()?)))
                .collect(),
            unreadable: unreadable_json(rows),
            empty,
        }
    }
}

/// `status --owner NAME --json`. Field names and order are a contract.
#[derive(Serialize)]
struct OwnerJson<'a> {
    as_of: String,
    owner: String,
    items: Vec<OwedJson<'a>>,
    unreadable: Vec<UnreadableJson>,
    empty: &'a [String],
}

#[derive(Serialize)]
struct OwedJson<'a> {
    path: String,
    project: &'a str,
    id: &'a str,
    title: &'a str,
    /// Blocks the launch (else: passes, but its re-check is due soon).
    red: bool,
    reason: &'a str,
    due: Option<String>,
    overdue: bool,
}

impl<'a> OwnerJson<'a> {
    fn new(rows: &'a [Row], empty: &'a [String], name: &'a str, as_of: NaiveDate) -> Self {
        let items = portfolio::owed_by(rows, name)
            .into_iter()
            .map(|(row, o)| OwedJson {
                path: shown(&row.path),
                project: row.summary().map_or("", |s| s.project.as_str()),
                id: &o.id,
                title: &o.title,
                red: o.red,
                reason: &o.reason,
                due: o.due.map(|d| d.to_string()),
                overdue: o.overdue,
            })
            .collect();
        Self {
            as_of: as_of.to_string(),
            owner: spelled(rows, name),
            items,
            unreadable: unreadable_json(rows),
            empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_left_and_right_and_leave_no_trailing_blanks() {
        let rows = vec![
            vec!["A".to_owned(), "1".to_owned(), "x".to_owned()],
            vec!["Łódź".to_owned(), "100".to_owned(), "".to_owned()],
        ];
        assert_eq!(
            columns(&rows, &[false, true, false]),
            "A       1  x\nŁódź  100\n"
        );
    }

    #[test]
    fn clip_cuts_long_text_with_an_ellipsis() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "ab…");
    }
}
