//! `check`: the verdict for people and for CI gates — one workbook, or
//! every workbook under the folders given (`gate`), as text, JSON, JUnit
//! XML or GitHub annotations.

mod gate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{AsOf, EXIT_NOT_READY, load};
use crate::model::{Due, FieldKind, ItemCheck, ItemField, Status, Verdict, Workbook, date_text};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Workbook files, and folders to search for *.shipshape.ron (as ripgrep searches: .gitignore honoured, hidden folders skipped).
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub as_of: AsOf,
    /// What to print: text for people, json, junit (a test report CI systems show), github (annotations on the workbook's lines).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// `check`'s output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Junit,
    Github,
}

pub fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let format = if args.json { Format::Json } else { args.format };
    match args.paths.as_slice() {
        // One file, for people or scripts: the report and JSON document
        // `check` has always printed.
        [file] if matches!(format, Format::Text | Format::Json) && !file.is_dir() => {
            check_one(file, args.as_of.date(), format == Format::Json)
        }
        paths => gate::check_many(paths, args.as_of.date(), format),
    }
}

fn check_one(file: &Path, as_of: chrono::NaiveDate, json: bool) -> anyhow::Result<ExitCode> {
    // A file git still lists as unmerged is not ready whatever it says: a
    // merge left it in conflict (with markers when the merge by item failed).
    let unmerged = super::merge_driver::unmerged_in_git(file) == Some(true);
    let loaded = match load(file) {
        Ok(l) => l,
        Err(e) if unmerged => {
            let note = super::merge_driver::unmerged_note(file);
            anyhow::bail!("{e:#}\n{note}");
        }
        Err(e) => return Err(e),
    };
    warn_unknown_fields(file, &loaded.unknown_fields);
    let wb = loaded.workbook;
    if unmerged {
        errln!("{}", super::merge_driver::unmerged_note(file));
    }
    let verdict = wb.verdict(as_of);
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&CheckJson::new(&wb, &verdict))?
        );
    } else {
        out!("{}", report(&wb, &verdict));
    }
    Ok(if verdict.ready() && !unmerged {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NOT_READY)
    })
}

/// Says on stderr that the verdict ignores fields a newer Shipshape wrote
/// (a newer rule may turn items red that this build passes).
fn warn_unknown_fields(file: &Path, fields: &[String]) {
    if !fields.is_empty() {
        errln!(
            "warning: {} has fields this version of Shipshape does not know ({}); the verdict ignores them: update Shipshape",
            file.display(),
            fields.join(", ")
        );
    }
}

/// The human-readable verdict: headline, then what blocks the launch.
pub fn report(wb: &Workbook, v: &Verdict<'_>) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = write!(out, "{} — {} (as of {}", wb.project, v.headline(), v.as_of);
    if let Some(launch) = wb.launch {
        let days = (launch - v.as_of).num_days();
        if days >= 0 {
            let _ = write!(out, "; launch {launch}, T-{days} days");
        } else {
            let _ = write!(out, "; launched {launch}");
        }
    }
    out.push_str(")\n");

    let counts: Vec<String> = v
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.cli_word()))
        .collect();
    let _ = writeln!(out, "{} items: {}", v.counts.total(), counts.join(", "));
    let conflicts = wb.conflict_entries().len();
    if conflicts > 0 {
        let s = if conflicts == 1 { "" } else { "s" };
        let _ = writeln!(
            out,
            "{conflicts} unresolved merge conflict{s}, both values kept (listed below); settle each with `shipshape resolve FILE ITEM FIELD --ours|--theirs|--value V` (`shipshape resolve FILE FIELD …` for a workbook field)"
        );
    }

    if !wb.conflicts.is_empty() {
        let _ = writeln!(
            out,
            "\nWorkbook fields in conflict (the workbook is not ready until they are settled):"
        );
        for c in &wb.conflicts {
            let _ = writeln!(
                out,
                "  conflict in {}: ours {:?}, theirs {:?}",
                c.field, c.ours, c.theirs
            );
        }
    }

    if v.red_count() > 0 {
        let _ = writeln!(out, "\nRed items (block the launch):");
        let mut last_cat = None;
        for c in v.red() {
            if last_cat != Some(&c.category.id) {
                let _ = writeln!(out, "  {}", c.category.name);
                last_cat = Some(&c.category.id);
            }
            let _ = writeln!(out, "    {}  {}", c.item.id, c.item.title);
            let due = match c.due_text() {
                d if d.is_empty() => "no due date".to_owned(),
                d if c.overdue => format!("due {d} (overdue)"),
                d => format!("due {d}"),
            };
            let why = c.red.map(|r| r.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "      owner {}, {due}: {why}",
                c.item.owner_or_unassigned()
            );
            for conflict in &c.item.conflicts {
                let _ = writeln!(
                    out,
                    "      conflict in {}: ours {:?}, theirs {:?}",
                    conflict.field, conflict.ours, conflict.theirs
                );
            }
        }
    }
    let overdue: Vec<_> = v.overdue().collect();
    if !overdue.is_empty() {
        let _ = writeln!(out, "\nOverdue:");
        for c in overdue {
            let due = c.due_text();
            let _ = writeln!(
                out,
                "  {}  due {due}, owner {}",
                c.item.id,
                c.item.owner_or_unassigned()
            );
        }
    }
    if !v.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &v.warnings {
            let _ = writeln!(out, "  {w}");
        }
    }
    out
}

/// `check --json`. Field names and order are a contract.
#[derive(Serialize)]
struct CheckJson<'a> {
    /// The file, when several were checked (then the output is a list).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    project: &'a str,
    as_of: String,
    ready: bool,
    counts: std::collections::BTreeMap<&'static str, usize>,
    warnings: Vec<String>,
    items: Vec<ItemJson<'a>>,
    /// Unresolved merge conflicts on workbook fields: `{field, ours, theirs}`.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    conflicts: &'a [crate::model::Conflict],
}

impl<'a> CheckJson<'a> {
    fn new(wb: &'a Workbook, v: &'a Verdict<'a>) -> Self {
        Self {
            path: None,
            project: &wb.project,
            as_of: v.as_of.to_string(),
            ready: v.ready(),
            counts: Status::ALL
                .iter()
                .map(|&s| (s.cli_word(), v.counts.get(s)))
                .collect(),
            warnings: v.warnings.iter().map(ToString::to_string).collect(),
            items: v.checks.iter().map(ItemJson::new).collect(),
            conflicts: &wb.conflicts,
        }
    }
}

/// One item in `check --json` and `list --json`: its ID and category, every
/// field of [`ItemField::ALL`] under its key (dates and intervals `null` when unset,
/// evidence an array), then the verdict's finding. Names are a contract;
/// new fields add keys.
pub struct ItemJson<'a> {
    check: &'a ItemCheck<'a>,
}

impl<'a> ItemJson<'a> {
    pub fn new(check: &'a ItemCheck<'a>) -> Self {
        Self { check }
    }
}

/// A field's value as JSON. The due date is the resolved day (consumers
/// compare ISO dates), its relative form is `due_relative` beside it.
fn field_json(field: ItemField, check: &ItemCheck<'_>) -> serde_json::Value {
    use serde_json::Value;
    let item = check.item;
    if let Some(links) = field.links(item) {
        return Value::from(links.to_vec());
    }
    let text = match field.kind() {
        FieldKind::Due => date_text(check.due),
        _ => field.get(item),
    };
    match field.kind() {
        FieldKind::Date | FieldKind::Due | FieldKind::Interval if text.is_empty() => Value::Null,
        FieldKind::Person => Value::from(text.trim()),
        _ => Value::from(text),
    }
}

impl Serialize for ItemJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let c = self.check;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &c.item.id)?;
        map.serialize_entry("category", &c.category.name)?;
        for field in ItemField::ALL {
            map.serialize_entry(field.key(), &field_json(field, c))?;
            if field == ItemField::Due {
                let relative = c.item.due.and_then(Due::relative_text);
                map.serialize_entry("due_relative", &relative)?;
            }
        }
        map.serialize_entry("overdue", &c.overdue)?;
        map.serialize_entry("passes", &c.passes())?;
        map.serialize_entry("reason", &c.red.map(|r| r.to_string()))?;
        // Unresolved merge conflicts: `{field, ours, theirs}`.
        if !c.item.conflicts.is_empty() {
            map.serialize_entry("conflicts", &c.item.conflicts)?;
        }
        map.end()
    }
}
