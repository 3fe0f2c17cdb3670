//! `export`: a workbook as a file for people without the app. Each format is
//! one variant of [`ExportCommand`] with its own arguments.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};

use super::{AsOf, load};
use crate::export;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A GitHub-flavoured Markdown checklist (a task list per category), for a PR description or an email.
    Md(TextExportArgs),
    /// CSV, one row per item with every field (RFC 4180, UTF-8), for spreadsheets.
    Csv(TextExportArgs),
}

#[derive(Debug, Args)]
pub struct TextExportArgs {
    /// The workbook.
    pub file: PathBuf,
    /// Where to write; without it, standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub as_of: AsOf,
}

pub fn export(cmd: ExportCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ExportCommand::Md(args) => {
            let wb = load(&args.file)?.workbook;
            let text = export::markdown::to_markdown(&wb, args.as_of.date());
            write_out(&args, &text, "Markdown")
        }
        ExportCommand::Csv(args) => {
            let wb = load(&args.file)?.workbook;
            let text = export::csv::to_csv(&wb, args.as_of.date())?;
            write_out(&args, &text, "CSV")
        }
    }
}

/// Writes an export to `-o` (atomically) or standard output.
fn write_out(args: &TextExportArgs, text: &str, what: &str) -> anyhow::Result<ExitCode> {
    let Some(out) = &args.output else {
        print!("{text}");
        return Ok(ExitCode::SUCCESS);
    };
    refuse_overwriting_input(&args.file, out)?;
    crate::storage::write_atomic(out, text.as_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!("wrote {what} to {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// A slip of `-o` must not replace the workbook with its export.
pub fn refuse_overwriting_input(input: &Path, output: &Path) -> anyhow::Result<()> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        bail!(
            "-o {} is the input file; choose another output",
            output.display()
        );
    }
    Ok(())
}
