//! `list`: the items of a workbook, one per line or as JSON, filtered by
//! category, owner, status or overdue.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use super::{AsOf, check::ItemJson, load, parse_status};
use crate::model::Status;

#[derive(Debug, Args)]
pub struct ListArgs {
    pub file: PathBuf,
    /// Only items of this category (its name or ID).
    #[arg(long)]
    pub category: Option<String>,
    /// Only items of this owner (case-insensitive; "" or "unassigned" for none).
    #[arg(long)]
    pub owner: Option<String>,
    /// Only items with this status.
    #[arg(long, value_parser = parse_status)]
    pub status: Option<Status>,
    /// Only overdue items (due before the as-of date and not passing).
    #[arg(long)]
    pub overdue: bool,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Print a JSON array of items (the `items` shape of `check --json`).
    #[arg(long)]
    pub json: bool,
}

/// The widest a `list` column is padded to.
const MAX_COLUMN: usize = 40;

pub fn list(args: ListArgs) -> anyhow::Result<ExitCode> {
    let wb = load(&args.file)?.workbook;
    let as_of = args.as_of.date();
    if let Some(c) = &args.category
        && !wb
            .categories
            .iter()
            .any(|cat| cat.id.eq_ignore_ascii_case(c) || cat.name.eq_ignore_ascii_case(c))
    {
        let names: Vec<_> = wb.categories.iter().map(|c| c.name.as_str()).collect();
        bail!(
            "no category {c:?}; the categories are: {}",
            names.join(", ")
        );
    }
    let owner = args.owner.as_deref().map(|o| {
        let o = o.trim();
        if o.eq_ignore_ascii_case("unassigned") {
            ""
        } else {
            o
        }
    });
    let verdict = wb.verdict(as_of);
    let rows: Vec<_> = verdict
        .checks
        .iter()
        .filter(|c| {
            args.category.as_deref().is_none_or(|want| {
                c.category.id.eq_ignore_ascii_case(want)
                    || c.category.name.eq_ignore_ascii_case(want)
            })
        })
        .filter(|c| owner.is_none_or(|o| c.item.owner.trim().to_lowercase() == o.to_lowercase()))
        .filter(|c| args.status.is_none_or(|s| c.item.status == s))
        .filter(|c| !args.overdue || c.overdue)
        .collect();

    if args.json {
        let items: Vec<_> = rows.iter().map(|c| ItemJson::new(c)).collect();
        outln!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(ExitCode::SUCCESS);
    }
    let id_width = rows
        .iter()
        .map(|c| c.item.id.chars().count())
        .max()
        .unwrap_or(0);
    let owner_width = rows
        .iter()
        .map(|c| c.item.owner_or_unassigned().chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_COLUMN);
    let dues: Vec<String> = rows
        .iter()
        .map(|c| {
            Some(c.due_text())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| "-".to_owned())
        })
        .collect();
    let due_width = dues
        .iter()
        .map(|d| d.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    for (c, due) in rows.into_iter().zip(dues) {
        let mark = if c.overdue { " (overdue)" } else { "" };
        outln!(
            "{:id_width$}  {:14}  {:owner_width$}  {:due_width$}  {}{mark}",
            c.item.id,
            c.item.status.cli_word(),
            c.item.owner_or_unassigned(),
            due,
            c.item.title,
        );
    }
    Ok(ExitCode::SUCCESS)
}
