//! `export`: a workbook as a file for people without the app. Each format is
//! one variant of [`ExportCommand`] with its own arguments.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};

use super::AsOf;
use crate::export;
use crate::export::pdf::{Paper, PdfKind, PdfOptions};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A GitHub-flavoured Markdown checklist (a task list per category), for a PR description or an email.
    Md(TextExportArgs),
    /// CSV, one row per item with every field (RFC 4180, UTF-8), for spreadsheets; `import csv` reads it back.
    Csv(CsvArgs),
    /// A printable PDF: the status report (default) or the walkthrough checklist to write on.
    Pdf(PdfArgs),
}

#[derive(Debug, Args)]
pub struct PdfArgs {
    /// The workbook.
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
    /// Write PDF/A-2b for archiving (XMP metadata and an sRGB output intent).
    #[arg(long)]
    pub pdfa: bool,
    #[command(flatten)]
    pub as_of: AsOf,
}

fn parse_kind(s: &str) -> Result<PdfKind, String> {
    s.parse()
        .map_err(|e: export::pdf::ParseOptionError| e.to_string())
}

fn parse_paper(s: &str) -> Result<Paper, String> {
    s.parse()
        .map_err(|e: export::pdf::ParseOptionError| e.to_string())
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

#[derive(Debug, Args)]
pub struct CsvArgs {
    #[command(flatten)]
    pub text: TextExportArgs,
    /// Start with a byte-order mark, so Excel reads the file as UTF-8 (without it Excel shows "Zoë" as "ZoÃ«").
    #[arg(long)]
    pub bom: bool,
}

pub fn export(cmd: ExportCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ExportCommand::Md(args) => {
            let wb = crate::storage::read_workbook(&args.file)?;
            let text = export::markdown::to_markdown(&wb, args.as_of.date());
            write_out(&args, &text, "Markdown")
        }
        ExportCommand::Csv(CsvArgs { text: args, bom }) => {
            let wb = crate::storage::read_workbook(&args.file)?;
            let mut text = export::csv::to_csv(&wb, args.as_of.date())?;
            if bom {
                text.insert(0, '\u{feff}');
            }
            write_data(&args, &text, "CSV")
        }
        ExportCommand::Pdf(args) => export_pdf(&args),
    }
}

fn export_pdf(args: &PdfArgs) -> anyhow::Result<ExitCode> {
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout {
        refuse_overwriting_input(&args.file, &args.output)?;
    }
    let wb = crate::storage::read_workbook(&args.file)?;
    let options = PdfOptions {
        kind: args.kind,
        paper: args.paper.unwrap_or_else(Paper::from_locale),
        as_of: args.as_of.date(),
        system_fonts: export::pdf::system_fonts_allowed(),
        pdfa: args.pdfa,
    };
    let rendered = export::pdf::render(&wb, &options)?;
    for missing in &rendered.missing_glyphs {
        errln!("warning: {missing}");
    }
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&rendered.bytes)
            .and_then(|()| out.flush())
            .context("cannot write the PDF to standard output")?;
    } else {
        crate::storage::write_replacing(&args.output, &rendered.bytes)
            .with_context(|| format!("cannot write {}", args.output.display()))?;
        outln!(
            "wrote {} to {} ({}, as of {}, {} KiB)",
            options.kind.title().to_lowercase(),
            args.output.display(),
            options.paper.name().to_uppercase(),
            options.as_of,
            rendered.bytes.len().div_ceil(1024)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes an export to `-o` (atomically) or standard output.
fn write_out(args: &TextExportArgs, text: &str, what: &str) -> anyhow::Result<ExitCode> {
    let Some(out) = &args.output else {
        out!("{text}");
        return Ok(ExitCode::SUCCESS);
    };
    refuse_overwriting_input(&args.file, out)?;
    crate::storage::write_replacing(out, text.as_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    outln!("wrote {what} to {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// Writes a data export (CSV) to `-o` or standard output: its bytes exact
/// (CRLF line ends, line breaks in cells) unless standard output is a
/// terminal, where control characters from the workbook are escaped as
/// everywhere else.
fn write_data(args: &TextExportArgs, text: &str, what: &str) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal as _;
    if args.output.is_some() || std::io::stdout().is_terminal() {
        return write_out(args, text, what);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .with_context(|| format!("cannot write the {what} to standard output"))?;
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
