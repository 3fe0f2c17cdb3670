//! CSV files to workbooks: our own export read back exactly, and any sheet
//! saved as CSV whose header names a title column (see [`sheet`]).
//!
//! Spreadsheets write CSV in more than one way, so the text is decoded as
//! UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode
//! text"), else Windows-1252 (Excel's "CSV" on Western Windows), with a
//! warning; the delimiter is whichever of `,` `;` (Excel where the decimal
//! separator is a comma) and tab the header line has most of.

use std::borrow::Cow;

use super::sheet::{self, Row, SheetOptions};
use super::{ImportError, Imported};

/// Imports a CSV file (see the module docs).
pub fn import(bytes: &[u8], options: &SheetOptions) -> Result<Imported, ImportError> {
    super::format::refuse_other(bytes, super::format::Format::Csv)?;
    let (text, note) = decode(bytes);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    check_quotes(&text)?;
    let rows = rows(&text)?;
    let mut imported = sheet::to_workbook(&rows, options)?;
    if let Some(note) = note {
        imported.warnings.insert(0, note);
    }
    Ok(imported)
}

/// The columns an import of `bytes` reads and where each goes under `maps`
/// (see [`sheet::columns_of`]); `None` when the file cannot be read.
pub fn columns(bytes: &[u8], maps: &[sheet::columns::Mapping]) -> Option<Vec<sheet::ColumnUse>> {
    let (text, _) = decode(bytes);
    check_quotes(&text).ok()?;
    sheet::columns_of(&rows(&text).ok()?, maps)
}

/// The text, and a note when it was not UTF-8.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = enc.decode(bytes);
        return (text, None);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let note = format!(
                "line {line}: the file is not UTF-8; read as Windows-1252, the encoding of Excel's \"CSV\" on Western Windows (save as \"CSV UTF-8\" to be sure of every character)"
            );
            (text, Some(note))
        }
    }
}

/// The delimiter: the one of `,` `;` and tab the first line has most of
/// (outside quotes), a comma on a tie.
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// A quoted cell that never ends would swallow the rest of the file
/// silently (CSV readers stop at the end of the file without an error);
/// this names where it opened.
fn check_quotes(text: &str) -> Result<(), ImportError> {
    let delim = char::from(delimiter(text));
    let mut open: Option<(usize, usize)> = None;
    let (mut line, mut column) = (1, 0);
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        match (c, open) {
            ('"', None) if at_start => open = Some((line, column)),
            ('"', Some(_)) if chars.peek() == Some(&'"') => {
                chars.next();
                column += 1;
            }
            ('"', Some(_)) => open = None,
            _ => {}
        }
        at_start = open.is_none() && (c == delim || c == '\n' || c == '\r');
        if c == '\n' {
            line += 1;
            column = 0;
        }
    }
    match open {
        Some((line, column)) => Err(ImportError::Invalid(format!(
            "line {line}, column {column}: this quoted cell is never closed (a `\"` is missing), so the rest of the file would be one cell"
        ))),
        None => Ok(()),
    }
}

/// Every record, with its row (and line, when they differ: cells with line
/// breaks) for messages.
fn rows(text: &str) -> Result<Vec<Row>, ImportError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Lines counted up to each record's first byte: a cell may hold line breaks.
    let (mut line, mut counted) = (1, 0);
    let mut record = ::csv::StringRecord::new();
    loop {
        let at = usize::try_from(reader.position().byte())
            .unwrap_or(usize::MAX)
            .clamp(counted, text.len());
        // The reader stops after a CR and takes the LF with the next record,
        // and passes over blank lines: the record starts after them.
        let start = at + text[at..].len() - text[at..].trim_start_matches(['\r', '\n']).len();
        let row = rows.len() + 1;
        let more = reader
            .read_record(&mut record)
            .map_err(|e| ImportError::Invalid(format!("row {row}: {e}")))?;
        if !more {
            break;
        }
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..start]).count();
        counted = start;
        let place = if line == row {
            format!("row {row}")
        } else {
            format!("row {row} (line {line})")
        };
        rows.push(Row {
            place,
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests;
