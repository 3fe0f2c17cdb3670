//! `import`: checklists teams already have, made into workbooks.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};

use super::plural;
use crate::import::markdown::{ItemShape, MarkdownOptions};
use crate::import::sheet::SheetOptions;
use crate::import::sheet::columns::Mapping;
use crate::import::{self, Format, Imported};
use crate::storage;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A Markdown checklist: headings become categories; task-list items, check tables and check headings become items.
    Md(MdArgs),
    /// A CSV file with a header row: our own export (read back exactly), or any sheet whose header names the checks (Item, Check, Task, Title…).
    Csv(SheetArgs),
    /// An Excel or OpenDocument spreadsheet (.xlsx, .xlsm, .xls, .xlsb, .ods), read like a CSV file, e.g. Azure's review-checklist spreadsheets.
    Xlsx(XlsxArgs),
    /// An Azure review-checklists JSON file (github.com/Azure/review-checklists).
    Azure(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import.
    pub input: PathBuf,
    /// The workbook to create (by convention NAME.shipshape.ron).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// The project name (default: the checklist's title, else the input's file name).
    #[arg(long)]
    pub project: Option<String>,
    /// Overwrite the workbook if it exists.
    #[arg(long)]
    pub force: bool,
    /// Import into the existing workbook -o FILE, as `shipshape upgrade` does: its answers kept, changed wording flagged, new items added, items the file lacks kept; Azure items matched by their GUID.
    #[arg(long, conflicts_with = "force")]
    pub update: bool,
}

#[derive(Debug, Args)]
pub struct MdArgs {
    #[command(flatten)]
    pub common: ImportArgs,
    /// Which blocks are the checks.
    #[arg(long, value_name = "SHAPE", default_value_t = ItemShape::Auto)]
    pub items: ItemShape,
    /// The table column that holds the checks, by its header (default: chosen by header and content).
    #[arg(long, value_name = "NAME")]
    pub item_column: Option<String>,
}

impl clap::ValueEnum for ItemShape {
    fn value_variants<'a>() -> &'a [Self] {
        &ItemShape::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).help(self.help()))
    }
}

#[derive(Debug, Args)]
pub struct SheetArgs {
    #[command(flatten)]
    pub common: ImportArgs,
    /// Which field a column fills, by its header: `--map Control=title`, `--map Ref=ignore`; repeatable. Fields: title, description, status, owner, due, mitigation, accepted_by, until, notes, evidence, verified, every, reworded, category, id, fact (into the description), ignore.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<Mapping>,
}

#[derive(Debug, Args)]
pub struct XlsxArgs {
    #[command(flatten)]
    pub sheet_args: SheetArgs,
    /// The sheet to read (default: the first whose header names a column of checks).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// How to mend a failed import on the command line, after its message.
fn remedy(e: &import::ImportError) -> &'static str {
    match e {
        import::ImportError::NoTitleColumn(_) => {
            "; name the column of checks with --map COLUMN=title"
        }
        import::ImportError::NoChecklistSheet(_) => {
            "; pick one with --sheet NAME and name its column of checks with --map COLUMN=title"
        }
        _ => "",
    }
}

/// An importer: the file's bytes and an optional project name to a workbook.
type Importer = Box<dyn Fn(&[u8], Option<&str>) -> Result<Imported, import::ImportError>>;

/// A sheet importer with its `--map` (and `--sheet`).
fn sheet_importer(map: Vec<Mapping>, sheet: Option<String>, xlsx: bool) -> Importer {
    Box::new(move |bytes, project| {
        let options = SheetOptions {
            project: project.map(str::to_owned),
            map: map.clone(),
        };
        if xlsx {
            import::xlsx::import(bytes, sheet.as_deref(), &options)
        } else {
            import::csv::import(bytes, &options)
        }
    })
}

pub fn import(cmd: ImportCommand) -> anyhow::Result<ExitCode> {
    let (args, format, parse): (ImportArgs, Format, Importer) = match cmd {
        ImportCommand::Md(a) => {
            let (items, item_column) = (a.items, a.item_column);
            let parse = move |bytes: &[u8], project: Option<&str>| {
                let options = MarkdownOptions {
                    project: project.map(str::to_owned),
                    items,
                    item_column: item_column.clone(),
                };
                import::markdown::import_with(bytes, &options)
            };
            (a.common, Format::Markdown, Box::new(parse))
        }
        ImportCommand::Csv(a) => (a.common, Format::Csv, sheet_importer(a.map, None, false)),
        ImportCommand::Xlsx(a) => {
            let importer = sheet_importer(a.sheet_args.map, a.sheet, true);
            (a.sheet_args.common, Format::Xlsx, importer)
        }
        ImportCommand::Azure(a) => (a, Format::Azure, Box::new(import::azure::import)),
    };
    if !args.force && !args.update && std::fs::symlink_metadata(&args.output).is_ok() {
        bail!(
            "{} already exists; use --force to overwrite it, or --update to import into it keeping its answers",
            args.output.display()
        );
    }
    if args.update && std::fs::symlink_metadata(&args.output).is_err() {
        bail!(
            "--update: {} does not exist; leave out --update to create it",
            args.output.display()
        );
    }
    let bytes = storage::read_capped(&args.input)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.input.display()))?;
    let mut imported = import::format::refuse_other(&bytes, format)
        .and_then(|()| parse(&bytes, args.project.as_deref()))
        .map_err(|e| anyhow::anyhow!("{}: {e}{}", args.input.display(), remedy(&e)))?;
    let wb = &mut imported.workbook;
    if wb.project == import::UNTITLED
        && let Some(stem) = import::format::file_stem(&args.input)
    {
        wb.project = stem;
    }
    for w in &imported.warnings {
        errln!("warning: {}: {w}", args.input.display());
    }
    if !imported.kept_columns.is_empty() {
        errln!(
            "hint: --map COLUMN=FIELD gives a column a field of its own, --map COLUMN=ignore leaves it out"
        );
    }
    if args.update {
        return update(&args.output, format, imported.workbook);
    }
    super::write::replace(&args.output, wb)?;
    outln!(
        "imported {} in {} from {} into {} (project {:?})",
        plural(wb.item_count(), "item", "items"),
        plural(wb.categories.len(), "category", "categories"),
        args.input.display(),
        args.output.display(),
        wb.project
    );
    Ok(ExitCode::SUCCESS)
}

/// `--update`: the imported checklist applied to the existing workbook as
/// a template upgrade, under the file's lock, the version before kept in
/// the local history.
fn update(
    output: &std::path::Path,
    format: Format,
    mut template: crate::model::Workbook,
) -> anyhow::Result<ExitCode> {
    let mut editing = super::write::edit(output, false)?;
    let current = editing.workbook().clone();
    if format == Format::Azure {
        import::azure::match_ids(&mut template, &current);
    }
    let upgraded = crate::model::upgrade(&current, &template, Default::default());
    outln!("Updating {} with the imported checklist", output.display());
    super::upgrade::print(output, &current, &upgraded, super::today())?;
    if upgraded.workbook == current {
        outln!(
            "\n{} already has this checklist: nothing to write.",
            output.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    *editing.workbook() = upgraded.workbook;
    editing.save()?;
    outln!(
        "\nSaved {}; the version before is in `shipshape history {}`.",
        output.display(),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}
