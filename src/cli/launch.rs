//! `launch`: moves the launch date, and with it every due date written
//! relative to it (`T-14`); says what moved, which mitigations now lapse
//! before launch and which items are now overdue.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{AsOf, DateOrNone, parse_date_or_none, plural};
use crate::model::{LaunchMove, Workbook};

#[derive(Debug, Args)]
#[command(
    after_help = "Exit codes: 0 moved (or nothing to move), 2 error (bad date, unreadable file, nothing written)."
)]
pub struct LaunchArgs {
    pub file: PathBuf,
    /// The new launch date, YYYY-MM-DD, or `none` to clear it.
    #[arg(value_name = "DATE|none", value_parser = parse_date_or_none)]
    pub date: DateOrNone,
    /// Print what would move and lapse, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Save even though the file has comments, which saving drops.
    #[arg(long)]
    pub drop_comments: bool,
}

pub fn launch(args: LaunchArgs) -> anyhow::Result<ExitCode> {
    let DateOrNone(to) = args.date;
    let as_of = args.as_of.date();
    if args.dry_run {
        let mut wb = super::load(&args.file)?.workbook;
        let report = wb.relaunch(to, as_of);
        out!("{}", render(&wb, &report));
        outln!("dry run: {} not changed", args.file.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut editing = super::write::edit(&args.file, args.drop_comments)?;
    let wb = editing.workbook();
    if wb.launch == to && wb.conflicts.iter().all(|c| c.field != "launch") {
        outln!("the launch is already {}: nothing to do", date_or_none(to));
        return Ok(ExitCode::SUCCESS);
    }
    let report = wb.relaunch(to, as_of);
    let text = render(wb, &report);
    editing.save()?;
    out!("{text}");
    outln!("saved {}", args.file.display());
    Ok(ExitCode::SUCCESS)
}

fn date_or_none(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(|| "not set".to_owned(), |d| d.to_string())
}

/// The report, one line per thing that changed, ending in a newline.
fn render(wb: &Workbook, report: &LaunchMove) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let shift = match (report.from, report.to) {
        (Some(a), Some(b)) if b > a => format!(
            " ({} later)",
            plural((b - a).num_days().unsigned_abs() as usize, "day", "days")
        ),
        (Some(a), Some(b)) if b < a => format!(
            " ({} earlier)",
            plural((a - b).num_days().unsigned_abs() as usize, "day", "days")
        ),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "launch: {} → {}{shift}",
        date_or_none(report.from),
        date_or_none(report.to)
    );
    let id_width = report
        .moved
        .iter()
        .map(|m| m.id.chars().count())
        .max()
        .unwrap_or(0);
    let _ = writeln!(out, "due dates moved: {}", report.moved.len());
    for m in &report.moved {
        let _ = writeln!(
            out,
            "  {:id_width$}  {:6}  {} → {}",
            m.id,
            m.due.to_string(),
            date_or_none(m.from),
            m.to.map_or_else(|| "no date (no launch date)".to_owned(), |d| d.to_string()),
        );
    }
    if !report.lapsing.is_empty() {
        let _ = writeln!(
            out,
            "mitigations that now lapse before launch: {}",
            report.lapsing.len()
        );
        for w in &report.lapsing {
            let _ = writeln!(out, "  {w}");
        }
    }
    if !report.overdue.is_empty() {
        let _ = writeln!(out, "now overdue: {}", report.overdue.len());
        for id in &report.overdue {
            let Some(item) = wb.item(id) else { continue };
            let due = item.due.map(|d| d.describe(wb.launch)).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {id}  due {due}, owner {}",
                item.owner_or_unassigned()
            );
        }
    }
    out
}
