//! Spreadsheets to workbooks: Excel (.xlsx, .xlsm, .xls, .xlsb) and
//! OpenDocument (.ods) files, read with calamine, one sheet's rows handed to
//! [`sheet`] like a CSV file's.
//!
//! Without a sheet named, the first sheet with a header row that names a
//! title column is read, so the instructions and value-list sheets of
//! Azure's review-checklist spreadsheets are passed over. Dates come as
//! dates (`YYYY-MM-DD`), whole numbers without a decimal point.
//!
//! The file is untrusted: a zip's parts are refused unread when they would
//! unpack to more than [`MAX_UNPACKED_BYTES`] (a zip bomb), and a reader
//! that panics is caught.

use std::io::Cursor;

use calamine::{Data, DataType, Range, Reader, Sheets};

use super::sheet::{self, Row, SheetOptions};
use super::{ImportError, Imported};

/// Imports sheet `sheet` of a spreadsheet (or the first that has a
/// checklist).
pub fn import(
    bytes: &[u8],
    sheet: Option<&str>,
    options: &SheetOptions,
) -> Result<Imported, ImportError> {
    super::format::refuse_other(bytes, super::format::Format::Xlsx)?;
    let mut book = open(bytes)?;
    let names = book.sheet_names();
    if let Some(wanted) = sheet {
        let Some(name) = find_sheet(&names, wanted) else {
            return Err(ImportError::Invalid(format!(
                "no sheet is named {wanted:?} (sheets: {})",
                quoted(&names)
            )));
        };
        let rows = read(&mut book, name)?;
        return sheet::to_workbook(&rows, options).map_err(|e| in_sheet(name, e));
    }
    let mut first_error = None;
    for name in &names {
        let rows = read(&mut book, name)?;
        match sheet::to_workbook(&rows, options) {
            Ok(imported) => return Ok(imported),
            Err(e) => {
                first_error.get_or_insert(in_sheet(name, e));
            }
        }
    }
    Err(match (names.len(), first_error) {
        (1, Some(e)) => e,
        _ => ImportError::NoChecklistSheet(format!(
            "no sheet has a checklist: none has a header row naming a column Item, Check, Task, Title or Question (sheets: {})",
            quoted(&names)
        )),
    })
}

/// The sheet names of a spreadsheet, for a chooser.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    Ok(open(bytes)?.sheet_names())
}

/// The columns an import of sheet `sheet` (else of the sheet an import
/// picks, else the first) reads and where each goes under `maps` (see
/// [`sheet::columns_of`]); `None` when the file cannot be read.
pub fn columns(
    bytes: &[u8],
    sheet: Option<&str>,
    maps: &[sheet::columns::Mapping],
) -> Option<Vec<sheet::ColumnUse>> {
    let mut book = open(bytes).ok()?;
    let names = book.sheet_names();
    if let Some(wanted) = sheet {
        let rows = read(&mut book, find_sheet(&names, wanted)?).ok()?;
        return sheet::columns_of(&rows, maps);
    }
    // The sheet an import reads is the first with a header naming a title
    // column; failing that, the first sheet's columns are the ones to
    // choose from.
    let mut first = None;
    for name in &names {
        let rows = read(&mut book, name).ok()?;
        if sheet::has_header(&rows, maps) {
            return sheet::columns_of(&rows, maps);
        }
        first.get_or_insert(rows);
    }
    sheet::columns_of(&first?, maps)
}

/// The sheet named `wanted`, in the same case or failing that in any.
fn find_sheet<'a>(names: &'a [String], wanted: &str) -> Option<&'a String> {
    names.iter().find(|n| n.as_str() == wanted).or_else(|| {
        names
            .iter()
            .find(|n| n.to_lowercase() == wanted.to_lowercase())
    })
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn in_sheet(name: &str, e: ImportError) -> ImportError {
    match e {
        ImportError::Empty => ImportError::Invalid(format!("sheet {name:?} is empty")),
        // Still a missing column of checks, which the user can name.
        ImportError::NoTitleColumn(m) => ImportError::NoTitleColumn(format!("sheet {name:?}: {m}")),
        other => ImportError::Invalid(format!("sheet {name:?}: {other}")),
    }
}

type Book = Sheets<Cursor<Vec<u8>>>;

/// The most the parts of a zipped spreadsheet (.xlsx, .xlsm, .xlsb, .ods)
/// may unpack to, together. A checklist of ten thousand rows unpacks to a
/// few tens of megabytes; a file declaring more is damaged or a zip bomb (a
/// few kilobytes that inflate to gigabytes), which would take all memory.
pub const MAX_UNPACKED_BYTES: u64 = 128 * MIB;

const MIB: u64 = 1024 * 1024;

/// The spreadsheet, or why it is not one. A reader that panics on a
/// malformed file is an error too, never a crash.
fn open(bytes: &[u8]) -> Result<Book, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    refuse_zip_bomb(bytes)?;
    let data = bytes.to_vec();
    guarded(move || calamine::open_workbook_auto_from_rs(Cursor::new(data)))?.map_err(|e| {
        ImportError::Invalid(if bytes.starts_with(b"PK") {
            format!("the spreadsheet is damaged or cut short (its zip archive does not read): {e}")
        } else {
            format!("not a spreadsheet Shipshape can read (.xlsx, .xlsm, .xls, .xlsb or .ods): {e}")
        })
    })
}

/// Refuses a zip whose parts would unpack to more than
/// [`MAX_UNPACKED_BYTES`], before anything is inflated. The sizes its
/// directory declares are a true bound: the zip reader calamine reads
/// through stops with an error at a part's declared size.
fn refuse_zip_bomb(bytes: &[u8]) -> Result<(), ImportError> {
    let Some((total, largest, size)) = unpacked_size(bytes) else {
        return Ok(());
    };
    if total <= MAX_UNPACKED_BYTES {
        return Ok(());
    }
    Err(ImportError::Invalid(format!(
        "the spreadsheet would unpack to {} MiB ({largest:?} alone to {} MiB), more than the {} MiB Shipshape reads of a spreadsheet: it is damaged or a zip bomb, not a checklist",
        total.div_ceil(MIB),
        size.div_ceil(MIB),
        MAX_UNPACKED_BYTES / MIB
    )))
}

/// What a zip's parts declare they unpack to: the total, and the largest
/// part's name and size. `None` when `bytes` are not a zip (an .xls is an
/// uncompressed Office file) or a damaged one, which [`open`] reports.
fn unpacked_size(bytes: &[u8]) -> Option<(u64, String, u64)> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let (mut total, mut largest, mut size) = (0u64, String::new(), 0);
    for part in (0..zip.len()).filter_map(|i| zip.by_index_data(i).ok()) {
        total = total.saturating_add(part.size());
        if part.size() > size {
            size = part.size();
            largest = String::from_utf8_lossy(part.name_raw()).into_owned();
        }
    }
    Some((total, largest, size))
}

fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        ImportError::Invalid("the spreadsheet is damaged: its contents could not be read".into())
    })
}

/// The most cells the filled part of a sheet may span (its first to last
/// row times its first to last column). A checklist of ten thousand rows
/// and thirty columns is 300,000. The reader makes a cell of every place in
/// that span, so two cells at A1 and XFD1048576 — a few bytes of XML —
/// would take seventeen billion of them.
pub const MAX_SHEET_CELLS: u64 = 2_000_000;

/// Refuses an .xlsx sheet whose filled cells span more than
/// [`MAX_SHEET_CELLS`], reading its cells one at a time before the reader
/// lays them out. Other formats are read as they are.
fn refuse_sprawling_sheet(book: &mut Book, name: &str) -> Result<(), ImportError> {
    let Sheets::Xlsx(xlsx) = book else {
        return Ok(());
    };
    let Ok(mut cells) = xlsx.worksheet_cells_reader(name) else {
        return Ok(()); // `read` reports it.
    };
    let mut span: Option<((u32, u32), (u32, u32))> = None;
    let mut filled = 0u64;
    // A cell that does not read ends the count; `read` reports it.
    while let Ok(Some(cell)) = cells.next_cell() {
        if cell.get_value().is_empty() {
            continue;
        }
        filled += 1;
        let (r, c) = cell.get_position();
        let ((r0, c0), (r1, c1)) = span.unwrap_or(((r, c), (r, c)));
        span = Some(((r0.min(r), c0.min(c)), (r1.max(r), c1.max(c))));
    }
    let Some(((r0, c0), (r1, c1))) = span else {
        return Ok(());
    };
    let (rows, columns) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
    if rows * columns <= MAX_SHEET_CELLS {
        return Ok(());
    }
    Err(ImportError::Invalid(format!(
        "sheet {name:?} spreads {filled} filled cells over {rows} rows × {columns} columns ({} cells), more than the {MAX_SHEET_CELLS} cells Shipshape reads of a sheet: it is damaged or hostile, not a checklist",
        rows * columns
    )))
}

/// A sheet's rows, numbered as the spreadsheet numbers them.
fn read(book: &mut Book, name: &str) -> Result<Vec<Row>, ImportError> {
    guarded(|| refuse_sprawling_sheet(book, name))??;
    let range: Range<Data> = guarded(|| book.worksheet_range(name))?
        .map_err(|e| ImportError::Invalid(format!("sheet {name:?} cannot be read: {e}")))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(n, cells)| Row {
            place: format!("row {}", first_row + n + 1),
            cells: std::iter::repeat_n(String::new(), first_col)
                .chain(cells.iter().map(text))
                .collect(),
        })
        .collect())
}

/// A cell as text: dates as `YYYY-MM-DD` (with the time when there is one),
/// whole numbers without `.0`.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Display writes a whole number without `.0`, and never an exponent.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(d) if d.time() == chrono::NaiveTime::MIN => d.format("%Y-%m-%d").to_string(),
            Some(d) => d.format("%Y-%m-%d %H:%M").to_string(),
            None => dt.to_string(),
        },
        Data::DateTime(dt) => dt.to_string(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod azure_tests;
#[cfg(test)]
pub(crate) mod tests;
