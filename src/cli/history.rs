//! `history`: the versions of a workbook that saves replaced, kept in the
//! local history (see `storage::history`), and putting one back.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use chrono::{DateTime, Local, Utc};
use clap::Args;
use serde::Serialize;

use super::AsOf;
use crate::model::diff::{WorkbookDiff, diff};
use crate::storage::{self, StateDir, history::Version};

#[derive(Debug, Args)]
pub struct HistoryArgs {
    pub file: PathBuf,
    /// Put version N back (1 = the newest); what the file holds now is
    /// kept as a version too, so a restore can itself be undone.
    #[arg(long, value_name = "N")]
    pub restore: Option<usize>,
    /// Print a JSON array instead of text.
    #[arg(long, conflicts_with = "restore")]
    pub json: bool,
    #[command(flatten)]
    pub as_of: AsOf,
}

/// One version in `history --json`.
#[derive(Serialize)]
struct VersionJson {
    number: usize,
    /// When a save replaced it (RFC 3339, UTC).
    replaced: String,
    bytes: u64,
    hash: String,
    path: PathBuf,
    /// The version's verdict, or `null` when it does not load.
    headline: Option<String>,
    ready: Option<bool>,
    red: Option<usize>,
    /// What the next newer version (or the file now) changed, in words.
    then: String,
    /// IDs of the items that changed, were added or removed after it.
    then_items: Vec<String>,
    error: Option<String>,
}

pub fn history(args: HistoryArgs) -> anyhow::Result<ExitCode> {
    let Some(state) = StateDir::from_env() else {
        bail!("there is no home folder to keep the local history in");
    };
    let history = state.history(&args.file);
    let versions = history
        .versions()
        .with_context(|| format!("cannot read {}", history.dir().display()))?;
    if let Some(n) = args.restore {
        return restore(&args, &state, &versions, n);
    }
    let as_of = args.as_of.date();
    // Each version is compared with the one that replaced it: the next
    // newer version, and for the newest, the file as it is now.
    let current = storage::load(&args.file).ok().map(|l| l.workbook);
    let mut newer = current;
    let mut rows = Vec::with_capacity(versions.len());
    for v in &versions {
        let loaded = history.read(v);
        let row = match &loaded {
            Ok(l) => {
                let verdict = l.workbook.verdict(as_of);
                let d = newer.as_ref().map(|n| diff(&l.workbook, n, as_of));
                VersionJson {
                    headline: Some(verdict.headline()),
                    ready: Some(verdict.ready()),
                    red: Some(verdict.red_count()),
                    then: d
                        .as_ref()
                        .map_or_else(|| "unknown".into(), WorkbookDiff::summary),
                    then_items: d.as_ref().map(WorkbookDiff::item_ids).unwrap_or_default(),
                    error: None,
                    ..version_json(v)
                }
            }
            Err(e) => VersionJson {
                error: Some(e.to_string()),
                then: "unknown".into(),
                ..version_json(v)
            },
        };
        newer = loaded.ok().map(|l| l.workbook);
        rows.push(row);
    }
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        print_rows(&args, &history, &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn version_json(v: &Version) -> VersionJson {
    VersionJson {
        number: v.number,
        replaced: DateTime::<Utc>::from(v.replaced).to_rfc3339(),
        bytes: v.bytes,
        hash: v.hash.clone(),
        path: v.path.clone(),
        headline: None,
        ready: None,
        red: None,
        then: String::new(),
        then_items: Vec::new(),
        error: None,
    }
}

fn print_rows(
    args: &HistoryArgs,
    history: &storage::history::History,
    rows: &[VersionJson],
) -> anyhow::Result<()> {
    let file = args.file.display();
    if rows.is_empty() {
        outln!(
            "no earlier versions of {file} are kept yet: each save keeps the version it replaces"
        );
        return Ok(());
    }
    outln!(
        "{} earlier version(s) of {file}, newest first (kept in {}):",
        rows.len(),
        history.dir().display()
    );
    for r in rows {
        let when = DateTime::parse_from_rfc3339(&r.replaced)
            .map(|t| {
                t.with_timezone(&Local)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_default();
        let verdict = match (&r.headline, &r.error) {
            (Some(h), _) => h.clone(),
            (None, Some(e)) => format!("does not load: {e}"),
            (None, None) => String::new(),
        };
        outln!("{:>4}  {when}  {verdict}", r.number);
        outln!("      then: {}", r.then);
    }
    outln!("Put one back with `shipshape history {file} --restore N`.");
    Ok(())
}

/// `history FILE --restore N`: writes version N's exact bytes over the
/// file, under the lock, after keeping what the file holds now.
fn restore(
    args: &HistoryArgs,
    state: &StateDir,
    versions: &[Version],
    n: usize,
) -> anyhow::Result<ExitCode> {
    let Some(version) = versions.iter().find(|v| v.number == n) else {
        bail!(
            "there is no version {n} of {}: {} version(s) are kept (`shipshape history {}` lists them)",
            args.file.display(),
            versions.len(),
            args.file.display()
        );
    };
    let bytes = std::fs::read(&version.path)
        .with_context(|| format!("cannot read {}", version.path.display()))?;
    let _lock = storage::lock(&args.file, storage::DEFAULT_LOCK_TIMEOUT)?;
    storage::check_writable(&args.file)?;
    let now = std::time::SystemTime::now();
    match storage::read_capped(&args.file) {
        Ok(current) if current == bytes => {
            outln!("{} already holds version {n}", args.file.display());
            return Ok(ExitCode::SUCCESS);
        }
        Ok(current) => state.history(&args.file).record(&current, now)?,
        Err(_) => {}
    }
    storage::write_atomic(&args.file, &bytes)
        .with_context(|| format!("cannot write {}", args.file.display()))?;
    let when = DateTime::<Local>::from(version.replaced).format("%Y-%m-%d %H:%M:%S");
    outln!(
        "restored {} to version {n} (replaced {when}); what it held before is now version 1",
        args.file.display()
    );
    Ok(ExitCode::SUCCESS)
}
