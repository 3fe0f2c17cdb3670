//! `export`: the workbook in another format, for people without the app.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};

use super::{AsOf, load};
use crate::export::pdf::{self, Paper, PdfKind, PdfOptions};
use crate::storage;

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub format: ExportFormat,
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// A printable PDF: the status report (default) or the walkthrough checklist.
    Pdf(PdfArgs),
}

#[derive(Debug, Args)]
pub struct PdfArgs {
    /// The workbook to export.
    pub file: PathBuf,
    /// Where to write the PDF (`-` for standard output).
    #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
    pub output: PathBuf,
    /// `report` (verdict first, then every item) or `walkthrough` (to print and write on).
    #[arg(long, value_name = "KIND", default_value = "report", value_parser = parse_kind)]
    pub kind: PdfKind,
    /// `a4` or `letter`; by default the locale's paper (LC_PAPER, LANG), else A4.
    #[arg(long, value_name = "PAPER", value_parser = parse_paper)]
    pub paper: Option<Paper>,
    #[command(flatten)]
    pub as_of: AsOf,
}

fn parse_kind(s: &str) -> Result<PdfKind, String> {
    s.parse().map_err(|e: pdf::ParseOptionError| e.to_string())
}

fn parse_paper(s: &str) -> Result<Paper, String> {
    s.parse().map_err(|e: pdf::ParseOptionError| e.to_string())
}

pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    match args.format {
        ExportFormat::Pdf(args) => export_pdf(args),
    }
}

fn export_pdf(args: PdfArgs) -> anyhow::Result<ExitCode> {
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout && same_file(&args.file, &args.output) {
        bail!(
            "the output would overwrite the workbook itself: {}",
            args.output.display()
        );
    }
    let wb = load(&args.file)?.workbook;
    let options = PdfOptions {
        kind: args.kind,
        paper: args.paper.unwrap_or_else(Paper::from_locale),
        as_of: args.as_of.date(),
    };
    let rendered = pdf::render(&wb, &options)?;
    for missing in &rendered.missing_glyphs {
        eprintln!("warning: {missing}");
    }
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&rendered.bytes)
            .and_then(|()| out.flush())
            .context("cannot write the PDF to standard output")?;
    } else {
        storage::write_atomic(&args.output, &rendered.bytes)
            .with_context(|| format!("cannot write {}", args.output.display()))?;
        println!(
            "wrote {} ({}, {}, as of {}, {} KiB)",
            args.output.display(),
            options.kind.title().to_lowercase(),
            options.paper.name().to_uppercase(),
            options.as_of,
            rendered.bytes.len().div_ceil(1024)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
