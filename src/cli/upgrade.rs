//! `upgrade` (a new version of the checklist into a filled-in workbook)
//! and `templates` (the user's template folder), and how `--template`
//! finds its file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use super::{AsOf, load, plural};
use crate::model::{self, UpgradeOptions, UpgradeReport, Workbook};
use crate::storage::{self, TemplateDir};

/// The workbook a `--template` names: a file, or a template in the user's
/// template folder (see [`storage::resolve_template`]).
pub(super) fn load_template(arg: &Path) -> anyhow::Result<(PathBuf, Workbook)> {
    let path = storage::resolve_template(arg, TemplateDir::from_env().as_ref())?;
    let template = load(&path).context("cannot use it as a template")?.workbook;
    Ok((path, template))
}

#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// The workbook to upgrade.
    pub file: PathBuf,
    /// The new checklist: any workbook file (its statuses and answers are
    /// ignored), or the name of a template in the template folder
    /// (`shipshape templates` lists them).
    #[arg(long, value_name = "FILE|NAME")]
    pub template: PathBuf,
    /// Drop the items the template does not have; by default they are
    /// kept, and listed.
    #[arg(long)]
    pub drop_removed: bool,
    /// Print what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Save even though the file has comments, which saving drops.
    #[arg(long)]
    pub drop_comments: bool,
}

/// `upgrade`: prints what the template changes, then (without `--dry-run`)
/// saves it under the file's lock, keeping the replaced version in the
/// local history.
pub fn upgrade(args: UpgradeArgs) -> anyhow::Result<ExitCode> {
    let (template_path, template) = load_template(&args.template)?;
    let options = UpgradeOptions {
        drop_removed: args.drop_removed,
    };
    let file = args.file.display();
    outln!(
        "Upgrading {file} to the checklist in {}",
        template_path.display()
    );
    if args.dry_run {
        let current = load(&args.file)?.workbook;
        let upgraded = model::upgrade(&current, &template, options);
        print(&args.file, &current, &upgraded, args.as_of.date())?;
        outln!("\nDry run: {file} is unchanged.");
        return Ok(ExitCode::SUCCESS);
    }
    let mut editing = super::write::edit(&args.file, args.drop_comments)?;
    let current = editing.workbook().clone();
    let upgraded = model::upgrade(&current, &template, options);
    print(&args.file, &current, &upgraded, args.as_of.date())?;
    if upgraded.workbook == current {
        outln!("\n{file} already has this checklist: nothing to write.");
        return Ok(ExitCode::SUCCESS);
    }
    *editing.workbook() = upgraded.workbook;
    editing.save()?;
    outln!("\nSaved {file}; the version before is in `shipshape history {file}`.");
    Ok(ExitCode::SUCCESS)
}

/// The upgrade's summary, then the diff as `shipshape diff` prints it.
pub(super) fn print(
    file: &Path,
    current: &Workbook,
    upgraded: &model::Upgrade,
    as_of: chrono::NaiveDate,
) -> anyhow::Result<()> {
    for line in summary(&upgraded.report, file) {
        outln!("  {line}");
    }
    let diff = model::diff::diff(current, &upgraded.workbook, as_of);
    out!("\n{}", model::diff::render(&diff));
    Ok(())
}

/// One line per kind of change, and the items the template lacks (which
/// the diff does not show while they are kept).
fn summary(report: &UpgradeReport, file: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    if !report.added.is_empty() {
        lines.push(format!(
            "{} added from the template, not started (red)",
            plural(report.added.len(), "item", "items")
        ));
    }
    let flagged = report.reworded.iter().filter(|r| r.flagged).count();
    if flagged > 0 {
        lines.push(format!(
            "{} reworded: red until confirmed (`shipshape set {} ID --confirm-wording`)",
            plural(flagged, "item", "items"),
            file.display()
        ));
    }
    if !report.moved.is_empty() {
        lines.push(format!(
            "{} moved to the template's category",
            plural(report.moved.len(), "item", "items")
        ));
    }
    if !report.removed.is_empty() {
        let fate = if report.dropped {
            "dropped"
        } else {
            "kept (--drop-removed drops them)"
        };
        lines.push(format!(
            "{} not in the template, {fate}:",
            plural(report.removed.len(), "item", "items")
        ));
        lines.extend(
            report
                .removed
                .iter()
                .map(|r| format!("  {}  {}  [{}]", r.id, r.title, r.category)),
        );
    }
    if lines.is_empty() {
        lines.push("every item already matches the template".to_owned());
    }
    lines
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {}

/// `templates`: the template folder and what is in it.
pub fn templates(_args: TemplatesArgs) -> anyhow::Result<ExitCode> {
    let Some(dir) = TemplateDir::from_env() else {
        anyhow::bail!("there is no template folder (no home directory)");
    };
    let list = dir.list();
    outln!("Template folder: {}", dir.root().display());
    if list.is_empty() {
        outln!(
            "No templates yet: save any workbook there as NAME{}, then use `--template NAME`.",
            storage::FILE_SUFFIX
        );
    }
    for t in list {
        match storage::load(&t.path) {
            Ok(loaded) => outln!(
                "{}\t{}\t{}",
                t.name,
                loaded.workbook.project,
                plural(loaded.workbook.item_count(), "item", "items")
            ),
            Err(e) => outln!("{}\tunreadable: {e}", t.name),
        }
    }
    Ok(ExitCode::SUCCESS)
}
