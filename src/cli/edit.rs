//! `new`, `list` and `set`: making and editing workbooks from the shell.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use clap::Args;

use super::{
    AsOf, DateOrNone, check::ItemJson, load, parse_date, parse_date_or_none, parse_status, plural,
};
use crate::model::{Item, RedReason, Status, TemplateOptions, Workbook, closest_ids};
use crate::storage;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The workbook file to create (by convention NAME.shipshape.ron).
    pub file: PathBuf,
    /// The project (service or launch) the workbook is for.
    #[arg(long)]
    pub project: String,
    /// Launch date, YYYY-MM-DD. The review defaults to four weeks before.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub launch: Option<NaiveDate>,
    /// Use this workbook's checklist instead of the built-in 25 items.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn new(args: NewArgs) -> anyhow::Result<ExitCode> {
    if args.project.trim().is_empty() {
        bail!("--project must not be empty");
    }
    if !args.force && std::fs::symlink_metadata(&args.file).is_ok() {
        bail!(
            "{} already exists; use --force to overwrite it",
            args.file.display()
        );
    }
    let template = match &args.template {
        Some(path) => load(path).context("cannot use it as a template")?.workbook,
        None => storage::builtin_template(),
    };
    let wb = Workbook::from_template(
        &template,
        TemplateOptions {
            project: args.project.trim().to_owned(),
            launch: args.launch,
        },
    );
    storage::save(&args.file, &wb)?;
    outln!(
        "created {} for {} with {} in {}",
        args.file.display(),
        wb.project,
        plural(wb.item_count(), "item", "items"),
        plural(wb.categories.len(), "category", "categories")
    );
    Ok(ExitCode::SUCCESS)
}

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
    for c in rows {
        let due = c.item.due.map_or_else(|| "-".to_owned(), |d| d.to_string());
        let mark = if c.overdue { " (overdue)" } else { "" };
        outln!(
            "{:id_width$}  {:14}  {:owner_width$}  {:10}  {}{mark}",
            c.item.id,
            c.item.status.cli_word(),
            c.item.owner_or_unassigned(),
            due,
            c.item.title,
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct SetArgs {
    pub file: PathBuf,
    /// The item's ID, as `list` shows it (e.g. reliability.slos).
    pub item_id: String,
    /// not-started, in-progress, done, mitigated or not-applicable.
    #[arg(long, value_parser = parse_status)]
    pub status: Option<Status>,
    /// The owner; "" clears it.
    #[arg(long)]
    pub owner: Option<String>,
    /// Due date, YYYY-MM-DD, or `none`.
    #[arg(long, value_name = "DATE|none", value_parser = parse_date_or_none)]
    pub due: Option<DateOrNone>,
    /// The mitigation (or, for not-applicable, the reason).
    #[arg(long, value_name = "TEXT")]
    pub mitigation: Option<String>,
    /// Who accepted the mitigation.
    #[arg(long, value_name = "NAME")]
    pub accepted_by: Option<String>,
    /// Last day the mitigation is accepted, YYYY-MM-DD, or `none`.
    #[arg(long, value_name = "DATE|none", value_parser = parse_date_or_none)]
    pub until: Option<DateOrNone>,
    /// Append a paragraph to the item's notes.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Add an evidence link (URL).
    #[arg(long, value_name = "URL")]
    pub evidence: Option<String>,
}

pub fn set(args: SetArgs) -> anyhow::Result<ExitCode> {
    let nothing = args.status.is_none()
        && args.owner.is_none()
        && args.due.is_none()
        && args.mitigation.is_none()
        && args.accepted_by.is_none()
        && args.until.is_none()
        && args.note.is_none()
        && args.evidence.is_none();
    if nothing {
        bail!(
            "nothing to change: give at least one of --status, --owner, --due, --mitigation, --accepted-by, --until, --note, --evidence"
        );
    }
    let mut loaded = load(&args.file)?;
    loaded.check_save_over(&args.file)?;
    let wb = &mut loaded.workbook;
    let Some(item) = wb.item_mut(&args.item_id) else {
        let ids: Vec<&str> = wb.items().map(|(_, i)| i.id.as_str()).collect();
        let close = closest_ids(&args.item_id, ids);
        if close.is_empty() {
            bail!(
                "no item {:?} in {}; `shipshape list {}` shows the IDs",
                args.item_id,
                args.file.display(),
                args.file.display()
            );
        }
        bail!(
            "no item {:?} in {}; did you mean {}?",
            args.item_id,
            args.file.display(),
            close.join(", ")
        );
    };
    apply(item, &args)?;
    // Say when the edit leaves the item red for a reason the user may not
    // expect (`--status mitigated` without `--mitigation`).
    let still_red = match item.red_reason(super::today()) {
        Some(
            r @ (RedReason::MitigationIncomplete(_)
            | RedReason::ReasonMissing
            | RedReason::MitigationExpired(_)),
        ) => {
            format!(" — still red: {r}")
        }
        _ => String::new(),
    };
    let summary = format!(
        "{}: {}, owner {}, due {}{still_red}",
        item.id,
        item.status.cli_word(),
        item.owner_or_unassigned(),
        item.due
            .map_or_else(|| "none".to_owned(), |d| d.to_string())
    );
    storage::save(&args.file, wb)?;
    outln!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// Applies `set`'s options to `item`. Setting a field also settles any merge
/// conflict recorded on it: the value given is the resolution.
fn apply(item: &mut Item, args: &SetArgs) -> anyhow::Result<()> {
    let mut settled: Vec<&str> = Vec::new();
    if let Some(s) = args.status {
        item.status = s;
        settled.push("status");
    }
    if let Some(o) = &args.owner {
        item.owner = o.trim().to_owned();
        settled.push("owner");
    }
    if let Some(DateOrNone(d)) = args.due {
        item.due = d;
        settled.push("due");
    }
    if let Some(m) = &args.mitigation {
        item.mitigation.text = m.trim().to_owned();
        settled.push("mitigation.text");
    }
    if let Some(a) = &args.accepted_by {
        item.mitigation.accepted_by = a.trim().to_owned();
        settled.push("mitigation.accepted_by");
    }
    if let Some(DateOrNone(u)) = args.until {
        item.mitigation.until = u;
        settled.push("mitigation.until");
    }
    if let Some(n) = &args.note {
        let n = n.trim();
        if !n.is_empty() {
            if !item.notes.is_empty() {
                item.notes.push_str("\n\n");
            }
            item.notes.push_str(n);
            settled.push("notes");
        }
    }
    if let Some(url) = &args.evidence {
        let url = url.trim();
        if url.is_empty() || url.chars().any(char::is_whitespace) {
            bail!("--evidence needs a URL without spaces, got {url:?}");
        }
        if !item.evidence.iter().any(|e| e == url) {
            item.evidence.push(url.to_owned());
        }
        settled.push("evidence");
    }
    item.conflicts
        .retain(|c| !settled.contains(&c.field.as_str()));
    Ok(())
}
