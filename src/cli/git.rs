//! Workbooks in git: `git setup`, `show` (the diff textconv), `diff`, and
//! `conflicts` / `resolve` for what a merge could not decide. The merge
//! driver itself is `merge_driver`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};

use super::{AsOf, load};
use crate::model::{self, ItemField, Resolution, Workbook, closest_ids};
use crate::storage;

/// Exit code of `merge` when conflicts were recorded, and of `conflicts`
/// when there are any.
pub const EXIT_CONFLICTS: u8 = 1;

/// A merge side: it must load, and must not hold fields this build would drop.
pub(super) fn load_for_merge(path: &Path) -> anyhow::Result<Workbook> {
    let loaded = load(path)?;
    if !loaded.unknown_fields.is_empty() {
        bail!(
            "{} has fields this version of Shipshape does not know ({}); merging would drop them: update Shipshape",
            path.display(),
            loaded.unknown_fields.join(", ")
        );
    }
    Ok(loaded.workbook)
}

/// A workbook, or an empty one for an empty file or `/dev/null` (git's
/// stand-in for "no such version": a file added on both sides, or created).
pub(super) fn load_or_empty(path: &Path) -> anyhow::Result<Workbook> {
    // Named explicitly: the loader refuses devices (so that a FIFO cannot
    // hang it), and /dev/null is one.
    if path == Path::new("/dev/null") {
        return Ok(Workbook::new(""));
    }
    let bytes =
        storage::read_capped(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Workbook::new(""));
    }
    load_for_merge(path)
}

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// In the current repository: use Shipshape to merge and diff *.shipshape.ron files.
    Setup(GitSetupArgs),
}

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// The command git should run (default: `shipshape` when it is this program on PATH, else this program's full path).
    #[arg(long, value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn git(cmd: GitCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        GitCommand::Setup(args) => git_setup(args),
    }
}

/// The line `git setup` puts into `.gitattributes`.
pub const GITATTRIBUTES_LINE: &str = "*.shipshape.ron merge=shipshape diff=shipshape";

fn git_setup(args: GitSetupArgs) -> anyhow::Result<ExitCode> {
    let root = git_output(&["rev-parse", "--show-toplevel"])
        .context("`shipshape git setup` works inside a git repository")?;
    let root = PathBuf::from(root.trim());
    let command = match args.command {
        Some(c) if !c.trim().is_empty() => c.trim().to_owned(),
        _ => self_command()?,
    };
    let settings = [
        (
            "merge.shipshape.name",
            "Shipshape workbook merge (by item and field)".to_owned(),
        ),
        (
            "merge.shipshape.driver",
            format!("{command} merge %O %A %B %P"),
        ),
        (
            "diff.shipshape.textconv",
            format!("{command} show --textconv"),
        ),
        (
            "difftool.shipshape.cmd",
            format!("{command} diff \"$LOCAL\" \"$REMOTE\""),
        ),
    ];
    for (key, value) in &settings {
        let current = git_output(&["config", "--local", "--get", key]).ok();
        if current.as_deref().map(str::trim) == Some(value.as_str()) {
            outln!("git config {key} is already {value:?}");
        } else {
            git_output(&["config", "--local", key, value])?;
            outln!("set git config {key} = {value:?}");
        }
    }
    let attributes = root.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", attributes.display())),
    };
    if existing.lines().any(|l| {
        l.split_whitespace()
            .eq(GITATTRIBUTES_LINE.split_whitespace())
    }) {
        outln!(
            "{} already has `{GITATTRIBUTES_LINE}`",
            attributes.display()
        );
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(GITATTRIBUTES_LINE);
        text.push('\n');
        storage::write_atomic(&attributes, text.as_bytes())
            .with_context(|| format!("cannot write {}", attributes.display()))?;
        outln!("added `{GITATTRIBUTES_LINE}` to {}", attributes.display());
    }
    outln!(
        "Done. `git diff` and `git log -p` now show workbook changes by item, and `git difftool -t shipshape` the semantic diff with verdicts."
    );
    outln!(
        "Commit .gitattributes; the git config is local to this clone, so each clone runs `shipshape git setup` once."
    );
    Ok(ExitCode::SUCCESS)
}

/// How git should call the command-line program: `shipshape` when that
/// name on PATH is it, else the full path (quoted for the shell git runs it with).
fn self_command() -> anyhow::Result<String> {
    let exe = std::env::current_exe().context("cannot find this program's path")?;
    // Run from the window's program, git still gets the command line's:
    // the merge driver starts faster without the window's libraries.
    let cli = super::window::beside(&exe, super::window::CLI_PROGRAM);
    let exe = if cli.is_file() { cli } else { exe };
    let exe = exe.canonicalize().unwrap_or(exe);
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .any(|dir| dir.join("shipshape").canonicalize().is_ok_and(|p| p == exe))
    });
    if on_path {
        return Ok("shipshape".to_owned());
    }
    let text = exe
        .to_str()
        .with_context(|| format!("this program's path is not UTF-8: {}", exe.display()))?;
    Ok(shell_quote(text))
}

fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn git_output(args: &[&str]) -> anyhow::Result<String> {
    let out = std::process::Command::new("git")
        .args(args)
        .output()
        .context("cannot run git (is it installed?)")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!("git {} failed: {}", args.join(" "), err.trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub file: PathBuf,
    /// For git's diff textconv: a file that does not load is printed as it
    /// is (after a note) instead of failing, so `git diff` still works.
    #[arg(long)]
    pub textconv: bool,
}

/// `show`: a stable line-per-field rendering, for people and `git diff`.
pub fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let bytes = storage::read_capped(&args.file)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    if args.textconv && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(ExitCode::SUCCESS);
    }
    match load(&args.file) {
        Ok(loaded) => out!("{}", crate::export::text::render(&loaded.workbook)),
        Err(e) if args.textconv => {
            outln!("# shipshape: {e:#}");
            out!("{}", String::from_utf8_lossy(&bytes));
        }
        Err(e) => return Err(e),
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older workbook (an empty file or /dev/null for none).
    pub old: PathBuf,
    /// The newer workbook.
    pub new: PathBuf,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `diff`: what changed, by item and field, and the verdict before and after.
pub fn diff(args: DiffArgs) -> anyhow::Result<ExitCode> {
    let old = load_or_empty(&args.old)?;
    let new = load_or_empty(&args.new)?;
    let d = model::diff::diff(&old, &new, args.as_of.date());
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&d)?);
    } else {
        out!("{}", model::diff::render(&d));
    }
    Ok(ExitCode::SUCCESS)
}

/// What `conflicts` and `merge` print where an item ID would be, for a
/// conflict on a workbook field.
pub const WORKBOOK_MARK: &str = "(workbook)";

#[derive(Debug, Args)]
pub struct ConflictsArgs {
    pub file: PathBuf,
    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `conflicts`: exit 0 when there are none, 1 when there are — recorded in
/// the file, or a file git still lists as unmerged (whose merge by item
/// failed and left conflict markers, so it may not even load).
pub fn conflicts(args: ConflictsArgs) -> anyhow::Result<ExitCode> {
    let unmerged = super::merge_driver::unmerged_in_git(&args.file) == Some(true);
    let loaded = load(&args.file);
    let wb = match loaded {
        Ok(l) => l.workbook,
        Err(e) if unmerged => {
            errln!("error: {e:#}");
            errln!("{}", super::merge_driver::unmerged_note(&args.file));
            return Ok(ExitCode::from(EXIT_CONFLICTS));
        }
        Err(e) => return Err(e),
    };
    let entries = wb.conflict_entries();
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&entries)?);
    } else if entries.is_empty() && !unmerged {
        outln!("no unresolved merge conflicts in {}", args.file.display());
    } else {
        print_conflicts(&entries)?;
        if super::merge_driver::rebase_in_progress(&args.file) {
            outln!("{}", super::merge_driver::REBASE_HINT);
        }
    }
    if unmerged && entries.is_empty() {
        errln!(
            "{} has no conflicts left, but git still lists it as unmerged: `git add {}` marks it merged.",
            args.file.display(),
            args.file.display()
        );
    } else if unmerged {
        errln!("{}", super::merge_driver::unmerged_note(&args.file));
    }
    Ok(if entries.is_empty() && !unmerged {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CONFLICTS)
    })
}

fn print_conflicts(entries: &[model::ConflictEntry]) -> anyhow::Result<()> {
    for e in entries {
        if e.is_workbook_level() {
            outln!(
                "{WORKBOOK_MARK}  {}: ours {:?}, theirs {:?}",
                e.field,
                e.ours,
                e.theirs
            );
        } else {
            outln!(
                "{}  {}: ours {:?}, theirs {:?}  ({})",
                e.item_id,
                e.field,
                e.ours,
                e.theirs,
                e.item_title
            );
        }
    }
    Ok(())
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("choice").required(true).args(["ours", "theirs", "value"]))]
pub struct ResolveArgs {
    pub file: PathBuf,
    /// The item with the conflict (see `shipshape conflicts FILE`); given
    /// alone, a workbook field instead (project, description, launch, review,
    /// category.ID.name).
    #[arg(required_unless_present = "all")]
    pub item_id: Option<String>,
    /// The item's conflicting field (owner, status, due, mitigation.text, removed, category…).
    pub field: Option<String>,
    /// Keep our value.
    #[arg(long)]
    pub ours: bool,
    /// Take their value.
    #[arg(long)]
    pub theirs: bool,
    /// Set this value instead (dates YYYY-MM-DD; for `removed`: removed or kept).
    #[arg(long, value_name = "VALUE", conflicts_with = "all")]
    pub value: Option<String>,
    /// Resolve every conflict in the file the same way (with --ours or --theirs).
    #[arg(long, conflicts_with_all = ["item_id", "field"])]
    pub all: bool,
    /// Save even though the file has comments, which saving drops.
    #[arg(long)]
    pub drop_comments: bool,
}

pub fn resolve(args: ResolveArgs) -> anyhow::Result<ExitCode> {
    let mut editing = super::write::edit(&args.file, args.drop_comments)?;
    let resolution = match (&args.value, args.theirs) {
        (Some(v), _) => Resolution::Value(v.clone()),
        (None, true) => Resolution::Theirs,
        (None, false) => Resolution::Ours,
    };
    let message = resolve_in(&args, editing.workbook(), &resolution)?;
    editing.save()?;
    outln!("{message}");
    Ok(ExitCode::SUCCESS)
}

/// Applies `resolve`'s choice to `wb`; returns what to say once saved.
fn resolve_in(
    args: &ResolveArgs,
    wb: &mut Workbook,
    resolution: &Resolution,
) -> anyhow::Result<String> {
    if args.all {
        let n = wb.resolve_all(resolution)?;
        return Ok(format!(
            "resolved {n} conflict(s) in {}",
            args.file.display()
        ));
    }
    let Some(item) = &args.item_id else {
        bail!("give ITEM_ID and FIELD, a workbook FIELD, or --all");
    };
    let Some(field) = &args.field else {
        return resolve_workbook_field(&args.file, wb, item, resolution);
    };
    if wb.item(item).is_none() {
        let ids: Vec<&str> = wb.items().map(|(_, i)| i.id.as_str()).collect();
        let close = closest_ids(item, ids);
        if !close.is_empty() {
            bail!(
                "no item {item:?} in {}; did you mean {}?",
                args.file.display(),
                close.join(", ")
            );
        }
    }
    wb.resolve_conflict(item, field, resolution)
        .with_context(|| format!("cannot resolve {item} {field} in {}", args.file.display()))?;
    let left = wb.conflict_entries().len();
    let value = ItemField::from_name(field)
        .zip(wb.item(item))
        .map(|(f, i)| f.get(i));
    Ok(match value {
        Some(v) => format!("{item}: {field} = {v:?}; {left} conflict(s) left"),
        None => format!("{item}: resolved {field}; {left} conflict(s) left"),
    })
}

/// `resolve FILE FIELD`: a conflict on a workbook field.
fn resolve_workbook_field(
    file: &Path,
    wb: &mut Workbook,
    field: &str,
    resolution: &Resolution,
) -> anyhow::Result<String> {
    if !wb.conflicts.iter().any(|c| c.field == field)
        && let Some(item) = wb.item(field)
    {
        let open: Vec<&str> = item.conflicts.iter().map(|c| c.field.as_str()).collect();
        bail!(
            "{field} is an item: give its conflicting field too, e.g. `shipshape resolve {} {field} FIELD`{}",
            file.display(),
            if open.is_empty() {
                " (it has no conflicts)".to_owned()
            } else {
                format!(" (its conflicts: {})", open.join(", "))
            }
        );
    }
    wb.resolve_workbook_conflict(field, resolution)
        .with_context(|| format!("cannot resolve {field} in {}", file.display()))?;
    let left = wb.conflict_entries().len();
    Ok(match wb.field(field) {
        Some(v) => format!("{field} = {v:?}; {left} conflict(s) left"),
        None => format!("resolved {field}; {left} conflict(s) left"),
    })
}
