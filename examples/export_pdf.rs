//! Loads a workbook and writes its PDF: the whole-process path of
//! `shipshape export pdf`, kept as a benchmark proxy and a quick way to look
//! at the output.
//!
//! `cargo run --release --example export_pdf -- FILE OUT.pdf [walkthrough|report] [a4|letter] [YYYY-MM-DD]`

use std::path::PathBuf;
use std::process::ExitCode;

use shipshape::export::pdf::{self, Paper, PdfKind, PdfOptions};

fn run() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        anyhow::bail!(
            "usage: export_pdf FILE OUT.pdf [walkthrough|report] [a4|letter] [YYYY-MM-DD]"
        );
    };
    let kind: PdfKind = args.next().as_deref().unwrap_or("report").parse()?;
    let paper = match args.next() {
        Some(p) => p.parse()?,
        None => Paper::from_locale(),
    };
    let as_of = match args.next() {
        Some(d) => d.parse()?,
        None => chrono::Local::now().date_naive(),
    };
    let loaded = shipshape::storage::load(&PathBuf::from(input))?;
    let rendered = pdf::render(
        &loaded.workbook,
        &PdfOptions {
            kind,
            paper,
            as_of,
            system_fonts: pdf::system_fonts_allowed(),
            pdfa: false,
        },
    )?;
    for missing in &rendered.missing_glyphs {
        eprintln!("warning: {missing}");
    }
    std::fs::write(&output, &rendered.bytes)?;
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
