//! `merge`, the git merge driver (`%O %A %B %P`): merges two workbooks by
//! item and field into OURS. When a side cannot be read as a workbook (a
//! typo, a newer format), it never drops that side silently: it merges the
//! files line by line with conflict markers, as `git merge-file` does, and
//! exits non-zero naming the file and the side that failed, and why.
//!
//! Also what the other commands need to know about the repository a file is
//! in: whether git still lists it as unmerged, and whether a rebase is under
//! way (then "ours" is the upstream and "theirs" the user's own commit).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use super::git::EXIT_CONFLICTS;
use crate::model::{self, Workbook};
use crate::storage;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O); an empty file means none.
    pub base: PathBuf,
    /// Our version (git's %A); the result is written here.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P), for messages.
    pub path: Option<PathBuf>,
}

/// One input of a three-way merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Base,
    Ours,
    Theirs,
}

impl Side {
    /// How people know the side; during a rebase git swaps them.
    fn describe(self, rebase: bool) -> &'static str {
        match (self, rebase) {
            (Self::Base, _) => "the common ancestor (base)",
            (Self::Ours, false) => "ours (your branch, HEAD)",
            (Self::Ours, true) => "ours (the upstream you are rebasing onto)",
            (Self::Theirs, false) => "theirs (the branch being merged in)",
            (Self::Theirs, true) => "theirs (your own commit being replayed)",
        }
    }
}

/// `merge`: exit 0 merged cleanly, 1 merged with conflicts recorded in the
/// items or the workbook (the written file is a valid workbook) — or, when a
/// side does not load, merged line by line with conflict markers — and 2
/// when nothing could be written.
pub fn merge(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let name = args.path.as_deref().unwrap_or(&args.ours).to_owned();
    let rebase = rebase_in_progress(&args.ours);
    let loaded = [
        (Side::Base, &args.base),
        (Side::Ours, &args.ours),
        (Side::Theirs, &args.theirs),
    ]
    .map(|(side, path)| (side, read_side(side, path)));
    let failed: Vec<String> = loaded
        .iter()
        .filter_map(|(side, r)| {
            r.as_ref()
                .err()
                .map(|e| format!("{} {e}", side.describe(rebase)))
        })
        .collect();
    let [(_, Ok(base)), (_, Ok(ours)), (_, Ok(theirs))] = loaded else {
        return line_merge(&args, &name, &failed);
    };
    let merged = model::merge(&base, &ours, &theirs);
    storage::save(&args.ours, &merged.workbook)
        .with_context(|| format!("cannot write the merge of {}", name.display()))?;
    for note in &merged.notes {
        errln!("shipshape: {}: {note}", name.display());
    }
    if merged.is_clean() {
        errln!("shipshape: merged {} by item, no conflicts", name.display());
        return Ok(ExitCode::SUCCESS);
    }
    report_conflicts(&merged, &name, rebase);
    Ok(ExitCode::from(EXIT_CONFLICTS))
}

/// Reads one side: an empty file or `/dev/null` is an empty workbook (git's
/// stand-in for "no such version"). The error names the problem and where,
/// not git's temporary file.
fn read_side(side: Side, path: &Path) -> Result<Workbook, String> {
    // Named explicitly: the loader refuses devices (so that a FIFO cannot
    // hang it), and /dev/null is one.
    if path == Path::new("/dev/null") {
        return Ok(Workbook::new(""));
    }
    let bytes = storage::read_capped(path).map_err(|e| format!("cannot be read: {}", e.kind))?;
    if side == Side::Base && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Workbook::new(""));
    }
    let loaded = storage::load_bytes(&bytes).map_err(|e| match e.position {
        Some((line, col)) => format!("does not load: line {line}, column {col}: {}", e.kind),
        None => format!("does not load: {}", e.kind),
    })?;
    if !loaded.unknown_fields.is_empty() {
        return Err(format!(
            "has fields this version of Shipshape does not know ({}), which a merge by item would drop",
            loaded.unknown_fields.join(", ")
        ));
    }
    Ok(loaded.workbook)
}

/// The fallback: OURS becomes a line-by-line merge with conflict markers
/// where the sides differ, git records a conflict, and the user is told what
/// failed — so neither side is ever dropped unseen.
fn line_merge(args: &MergeArgs, name: &Path, failed: &[String]) -> anyhow::Result<ExitCode> {
    let merged = git_merge_file(args).or_else(|_| whole_file_conflict(args));
    let markers = match merged {
        Ok(true) => "with conflict markers where the sides differ",
        Ok(false) => "cleanly, but the result will not load until the side that failed is fixed",
        Err(e) => return Err(e).context(format!("cannot merge {}", name.display())),
    };
    errln!(
        "shipshape: cannot merge {} by item: {}.",
        name.display(),
        failed.join("; ")
    );
    errln!(
        "Merged it line by line instead, {markers}. Fix the file by hand (`shipshape check {}` shows where), or take one side with `git checkout --ours|--theirs {}`; then `git add` it.",
        name.display(),
        name.display()
    );
    Ok(ExitCode::from(EXIT_CONFLICTS))
}

/// `git merge-file` into OURS; whether it left conflict markers.
fn git_merge_file(args: &MergeArgs) -> anyhow::Result<bool> {
    let status = std::process::Command::new("git")
        .args([
            "merge-file",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            "--",
        ])
        .args([&args.ours, &args.base, &args.theirs])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .context("cannot run git merge-file")?;
    match status.code() {
        Some(0) => Ok(false),
        // The number of conflicts (capped at 127).
        Some(n) if n > 0 && n < 128 => Ok(true),
        _ => anyhow::bail!("git merge-file failed ({status})"),
    }
}

/// Without git: both versions in full, between markers.
fn whole_file_conflict(args: &MergeArgs) -> anyhow::Result<bool> {
    let read = |p: &Path| {
        storage::read_capped(p)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| anyhow::anyhow!("{}", e.kind))
    };
    let (ours, theirs) = (read(&args.ours)?, read(&args.theirs)?);
    let nl = |s: &str| if s.ends_with('\n') { "" } else { "\n" }.to_owned();
    let text = format!(
        "<<<<<<< ours\n{ours}{}=======\n{theirs}{}>>>>>>> theirs\n",
        nl(&ours),
        nl(&theirs)
    );
    storage::write_atomic(&args.ours, text.as_bytes())?;
    Ok(true)
}

fn report_conflicts(merged: &model::Merged, name: &Path, rebase: bool) {
    let n = merged.conflicts.len();
    errln!(
        "shipshape: {n} conflict{} merging {}:",
        if n == 1 { "" } else { "s" },
        name.display()
    );
    for c in &merged.conflicts {
        errln!("  {c}");
    }
    let on_workbook = merged.conflicts.iter().any(|c| c.item.is_none());
    let file = name.display();
    errln!(
        "The file is a valid workbook with both values kept: items in conflict count as red{}.",
        if on_workbook {
            ", and conflicts on workbook fields keep it from being production-ready"
        } else {
            ""
        }
    );
    errln!(
        "Resolve each with `shipshape resolve {file} ITEM FIELD --ours|--theirs|--value V`{} or in the app, then `git add` it.",
        if on_workbook {
            format!(" (`shipshape resolve {file} FIELD …` for a (workbook) field)")
        } else {
            String::new()
        }
    );
    if rebase {
        errln!("{REBASE_HINT}");
    }
}

/// What "ours" and "theirs" mean while git rebases.
pub const REBASE_HINT: &str = "A rebase is under way: \"ours\" is the upstream you are rebasing onto and \"theirs\" is your own commit being replayed — `--theirs` keeps your change.";

/// Runs git in `dir` and returns its stdout, or `None` when git cannot run
/// or fails there (not a repository).
fn git_in(dir: &Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The folder a file is in ("." for a bare file name).
fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether a rebase is under way in the repository holding `file`.
pub fn rebase_in_progress(file: &Path) -> bool {
    let dir = folder_of(file);
    ["rebase-merge", "rebase-apply"].iter().any(|d| {
        git_in(dir, &["rev-parse", "--git-path", d])
            .map(|p| dir.join(p.trim()))
            .is_some_and(|p| p.is_dir())
    })
}

/// Whether git lists `file` as unmerged (`git ls-files -u`): a merge left
/// it in conflict, whatever the file itself says. `None` outside a
/// repository or without git.
pub fn unmerged_in_git(file: &Path) -> Option<bool> {
    let name = file.file_name()?.to_str()?;
    let out = git_in(folder_of(file), &["ls-files", "-u", "--", name])?;
    Some(!out.trim().is_empty())
}

/// What to say about a file git still lists as unmerged.
pub fn unmerged_note(file: &Path) -> String {
    let f = file.display();
    format!(
        "git still lists {f} as unmerged: a merge left it in conflict. Fix it (`shipshape conflicts {f}`, `shipshape resolve …` or the app), or take one side with `git checkout --ours|--theirs {f}`; then `git add {f}`."
    )
}
