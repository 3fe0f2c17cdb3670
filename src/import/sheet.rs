//! Sheets to workbooks: the rows of a CSV file or a spreadsheet's sheet,
//! under a header row whose names say which column is which
//! ([`columns`]). Shared by [`csv`](super::csv) and [`xlsx`](super::xlsx),
//! which only turn their bytes into [`Row`]s.
//!
//! Our own CSV export reads back exactly (every field, category and item
//! IDs, relative dues, conflicts): `import csv` of `export csv` changes
//! nothing. Other sheets are read as people fill them in: cells trimmed,
//! an empty category cell continues the one above (merged cells), status
//! words of many kinds, and every column without a field kept in the
//! item's description as "Header: value" rather than dropped.

pub mod columns;
mod conflicts;

use std::collections::HashMap;

use super::{ImportError, Imported};
use crate::model::{Category, Item, ItemField, ItemIds, Status, Workbook};
use columns::{Mapping, Target};

/// How many rows above the header a sheet may have (a title, notes on how
/// to fill it in, as Azure's spreadsheets have).
const HEADER_SEARCH_ROWS: usize = 30;

/// One row of a sheet, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Where it is, for messages: "row 5", "row 5 (line 7)".
    pub place: String,
    pub cells: Vec<String>,
}

/// What a sheet import needs besides the rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetOptions {
    /// The project name; without it [`UNTITLED`](super::UNTITLED).
    pub project: Option<String>,
    /// `--map COLUMN=FIELD`, applied before the header names are guessed.
    pub map: Vec<Mapping>,
}

/// The workbook in `rows` (a whole sheet, header included).
pub fn to_workbook(rows: &[Row], options: &SheetOptions) -> Result<Imported, ImportError> {
    let rows: Vec<&Row> = rows.iter().filter(|r| !blank(&r.cells)).collect();
    let Some(first) = rows.first() else {
        return Err(ImportError::Empty);
    };
    let own = columns::is_own_export(&first.cells);
    let header_at = header_at(&rows, own, &options.map).ok_or_else(|| no_title_column(first))?;
    let header = &rows[header_at].cells;
    let targets = columns::assign(header, own, &options.map)
        .map_err(|e| ImportError::Invalid(e.to_string()))?;
    let name = options
        .project
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .unwrap_or(super::UNTITLED);
    let mut b = Builder {
        own,
        header,
        targets: &targets,
        wb: Workbook::new(name),
        ids: ItemIds::default(),
        by_id: HashMap::new(),
        by_name: HashMap::new(),
        last: None,
        warnings: Vec::new(),
        kept_columns: Vec::new(),
    };
    for row in &rows[header_at + 1..] {
        b.row(row);
    }
    b.note_facts(&rows[header_at + 1..]);
    if b.wb.item_count() == 0 {
        return Err(ImportError::NoItems(format!(
            "no row under the header ({}) has a title",
            rows[header_at].place
        )));
    }
    Ok(Imported {
        workbook: b.wb,
        warnings: b.warnings,
        kept_columns: b.kept_columns,
    })
}

/// Where the header row is among the non-blank `rows`: the first (our
/// export's), else the first of the top [`HEADER_SEARCH_ROWS`] that names a
/// title column.
fn header_at(rows: &[&Row], own: bool, maps: &[Mapping]) -> Option<usize> {
    if own {
        return Some(0);
    }
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| r.cells.iter().any(|c| columns::names_title(c, maps)))
}

/// Whether `rows` has a header row naming a title column (under `maps`):
/// an import without a sheet named reads the first sheet that has one
/// (and an item under it).
pub fn has_header(rows: &[Row], maps: &[Mapping]) -> bool {
    let rows: Vec<&Row> = rows.iter().filter(|r| !blank(&r.cells)).collect();
    rows.first()
        .is_some_and(|first| header_at(&rows, columns::is_own_export(&first.cells), maps).is_some())
}

/// A column of a sheet's header row and where its values would go, for a
/// chooser that changes it (`--map` in the window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnUse {
    /// The header as written; empty for a column without one.
    pub header: String,
    /// What messages call it: the header, else its letter ("Column C").
    pub label: String,
    pub target: Target,
}

/// The columns a sheet import of `rows` reads and their targets under
/// `maps`. When no row names a title column, the columns of the likeliest
/// header (the first of the widest top rows: a title or a note above it
/// fills fewer cells), as they would be read if it were the header, so
/// that the user can say which of them holds the checks; `None` for a
/// sheet with no non-blank row, or maps naming columns the header does
/// not have.
pub fn columns_of(rows: &[Row], maps: &[Mapping]) -> Option<Vec<ColumnUse>> {
    let rows: Vec<&Row> = rows.iter().filter(|r| !blank(&r.cells)).collect();
    let own = columns::is_own_export(&rows.first()?.cells);
    let widest = || {
        let filled = |r: &&Row| r.cells.iter().filter(|c| !c.trim().is_empty()).count();
        let top = &rows[..rows.len().min(HEADER_SEARCH_ROWS)];
        let most = top.iter().map(filled).max().unwrap_or(0);
        top.iter().position(|r| filled(r) == most).unwrap_or(0)
    };
    let header = &rows[header_at(&rows, own, maps).unwrap_or_else(widest)].cells;
    let targets = columns::assign(header, own, maps).ok()?;
    Some(
        header
            .iter()
            .zip(targets)
            .enumerate()
            .map(|(i, (h, target))| ColumnUse {
                header: h.trim().to_owned(),
                label: label(header, i),
                target,
            })
            .collect(),
    )
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

fn no_title_column(first: &Row) -> ImportError {
    let seen: Vec<String> = first
        .cells
        .iter()
        .filter(|c| !c.trim().is_empty())
        .take(8)
        .map(|c| format!("{:?}", c.trim()))
        .collect();
    ImportError::NoTitleColumn(format!(
        "no title column: none of the first {HEADER_SEARCH_ROWS} rows names a column Item, Check, Task, Title or Question ({} has {})",
        first.place,
        seen.join(", ")
    ))
}

/// A column's name in a description or message: its header, else its
/// letter as a spreadsheet shows it.
fn label(header: &[String], i: usize) -> String {
    match header.get(i).map(|h| h.trim()) {
        Some(h) if !h.is_empty() => h.to_owned(),
        _ => format!("Column {}", letters(i)),
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for 0-based column `i`.
pub fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + u8::try_from(i % 26).unwrap_or_default());
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

struct Builder<'a> {
    /// Our own export: values exactly as written.
    own: bool,
    header: &'a [String],
    targets: &'a [Target],
    wb: Workbook,
    ids: ItemIds,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    /// The category of the row above, for a row whose category cell is empty.
    last: Option<usize>,
    warnings: Vec<String>,
    /// The columns with a header kept as "Column: value" facts that hold
    /// values.
    kept_columns: Vec<String>,
}

/// One row's cells, sorted by target.
#[derive(Default)]
struct Cells<'r> {
    title: Option<&'r str>,
    category: Option<&'r str>,
    category_id: Option<&'r str>,
    id: Option<&'r str>,
    due_relative: Option<&'r str>,
    conflicts: Option<&'r str>,
    fields: Vec<(ItemField, &'r str)>,
    facts: Vec<(usize, &'r str)>,
}

impl Builder<'_> {
    fn target(&self, i: usize) -> Target {
        self.targets.get(i).copied().unwrap_or(Target::Fact)
    }

    fn sort<'r>(&self, row: &'r Row) -> Cells<'r> {
        let mut c = Cells::default();
        for (i, raw) in row.cells.iter().enumerate() {
            let v = crate::export::csv::undefuse(raw);
            let v = if self.own { v } else { v.trim() };
            match self.target(i) {
                Target::Field(ItemField::Title) => c.title = Some(v),
                Target::Category => c.category = Some(v),
                Target::CategoryId => c.category_id = Some(v),
                Target::Id => c.id = Some(v),
                Target::DueRelative => c.due_relative = Some(v),
                Target::Conflicts => c.conflicts = Some(v),
                Target::Field(f) => c.fields.push((f, v)),
                Target::Fact if !v.trim().is_empty() => c.facts.push((i, v.trim())),
                Target::Fact | Target::Ignore => {}
            }
        }
        c
    }

    fn row(&mut self, row: &Row) {
        let cells = self.sort(row);
        let Some(title) = cells.title.filter(|t| !t.trim().is_empty()) else {
            self.warnings
                .push(format!("{}: no title, skipped", row.place));
            return;
        };
        let ci = self.category(&cells);
        let mut item = Item::default();
        let mut description = String::new();
        if self.own {
            item.title = title.to_owned();
        } else {
            // A title cell of several lines: the first is the title.
            let (first, rest) = title.split_once('\n').unwrap_or((title, ""));
            item.title = first.trim().to_owned();
            description = rest.trim().to_owned();
        }
        let mut kept = Vec::new();
        for &(field, value) in &cells.fields {
            if field == ItemField::Description && !description.is_empty() {
                description = format!("{description}\n\n{value}").trim().to_owned();
            } else if field == ItemField::Description {
                description = value.to_owned();
            } else {
                kept.extend(self.field(&mut item, field, value, &row.place));
            }
        }
        if let Some(rel) = cells.due_relative.filter(|r| !r.trim().is_empty()) {
            kept.extend(self.field(&mut item, ItemField::Due, rel, &row.place));
        }
        for line in kept {
            if !item.notes.is_empty() {
                item.notes.push_str("\n\n");
            }
            item.notes.push_str(&line);
        }
        item.description = with_facts(description, &cells.facts, self.header);
        if !self.own && item.status == Status::NotApplicable && item.mitigation.text.is_empty() {
            // A sheet's comment on an item that does not apply is its reason.
            item.mitigation.text = std::mem::take(&mut item.notes);
        }
        if let Some(text) = cells.conflicts {
            match conflicts::parse(text) {
                Ok(cs) => item.conflicts = cs,
                Err(line) => self.warnings.push(format!(
                    "{}: conflicts: {line:?} is not `FIELD: ours \"…\", theirs \"…\"`, left out",
                    row.place
                )),
            }
        }
        item.id = self.item_id(cells.id, ci, &item.title, &row.place);
        self.wb.categories[ci].items.push(item);
    }

    /// Sets `field` from a cell. A value the field cannot take is returned,
    /// labelled, for the notes (with a warning) rather than lost.
    fn field(
        &mut self,
        item: &mut Item,
        field: ItemField,
        value: &str,
        place: &str,
    ) -> Option<String> {
        // Nothing written is nothing to set (a status cell left blank).
        if value.is_empty() {
            return None;
        }
        let result = match field {
            ItemField::Status if !self.own => match status_word(value) {
                Some(s) => {
                    item.status = s;
                    Ok(())
                }
                None => Err(format!("{value:?} is not a status")),
            },
            ItemField::Evidence if !self.own => {
                item.evidence = value.split_whitespace().map(str::to_owned).collect();
                Ok(())
            }
            _ => item.set_field(field, value).map_err(|e| e.to_string()),
        };
        let why = result.err()?;
        let label = field.label();
        // The field's own error may name it already ("due: …").
        let prefix = format!("{}: ", field.name());
        let why = why.strip_prefix(&prefix).unwrap_or(&why);
        self.warnings.push(format!(
            "{place}: {label}: {why}; kept in the notes instead"
        ));
        Some(format!("{label}: {value}"))
    }

    /// The category a row goes in: by ID (our export), else by name; an
    /// empty cell continues the category above.
    fn category(&mut self, cells: &Cells<'_>) -> usize {
        let name = cells.category.unwrap_or_default();
        if let Some(id) = cells.category_id.filter(|id| !id.trim().is_empty()) {
            if let Some(&ci) = self.by_id.get(id) {
                return ci;
            }
            self.wb.categories.push(Category {
                id: id.to_owned(),
                name: name.to_owned(),
                items: Vec::new(),
            });
            let ci = self.wb.categories.len() - 1;
            self.by_id.insert(id.to_owned(), ci);
            self.by_name.entry(name.to_owned()).or_insert(ci);
            return ci;
        }
        let name = name.trim();
        let ci = match (name.is_empty(), self.last) {
            (true, Some(ci)) if !self.own => ci,
            _ => {
                let name = if name.is_empty() { "General" } else { name };
                match self.by_name.get(name) {
                    Some(&ci) => ci,
                    None => {
                        let ci = self.wb.add_category(name);
                        self.by_id.insert(self.wb.categories[ci].id.clone(), ci);
                        self.by_name.insert(name.to_owned(), ci);
                        ci
                    }
                }
            }
        };
        self.last = Some(ci);
        ci
    }

    /// The row's own ID when it has a usable one, else a fresh one.
    fn item_id(&mut self, wanted: Option<&str>, ci: usize, title: &str, place: &str) -> String {
        if let Some(id) = wanted.map(str::trim).filter(|id| !id.is_empty()) {
            if id.chars().any(char::is_whitespace) {
                self.warnings.push(format!(
                    "{place}: ID {id:?} has spaces; the item gets a new one"
                ));
            } else if self.ids.claim(id) {
                return id.to_owned();
            } else {
                self.warnings.push(format!(
                    "{place}: ID {id:?} is used by an earlier row; the item gets a new one"
                ));
            }
        }
        let cat_id = self.wb.categories[ci].id.clone();
        self.ids.fresh(&cat_id, title)
    }

    /// One warning naming the columns that went into descriptions.
    fn note_facts(&mut self, rows: &[&Row]) {
        let width = rows
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0)
            .max(self.header.len());
        let kept: Vec<usize> = (0..width)
            .filter(|&i| self.target(i) == Target::Fact)
            .filter(|&i| {
                rows.iter()
                    .any(|r| r.cells.get(i).is_some_and(|c| !c.trim().is_empty()))
            })
            .collect();
        // A column without a header cannot be named in a map.
        self.kept_columns = kept
            .iter()
            .filter_map(|&i| self.header.get(i).map(|h| h.trim()))
            .filter(|h| !h.is_empty())
            .map(str::to_owned)
            .collect();
        if !kept.is_empty() {
            let quoted: Vec<String> = kept
                .iter()
                .map(|&i| format!("{:?}", label(self.header, i)))
                .collect();
            self.warnings.push(format!(
                "columns with no field of their own, kept in each item's description as \"Column: value\": {}",
                quoted.join(", ")
            ));
        }
    }
}

/// The description, then one "Header: value" line per fact.
fn with_facts(description: String, facts: &[(usize, &str)], header: &[String]) -> String {
    if facts.is_empty() {
        return description;
    }
    let lines: Vec<String> = facts
        .iter()
        .map(|&(i, v)| format!("{}: {v}", label(header, i)))
        .collect();
    let facts = lines.join("\n");
    if description.is_empty() {
        facts
    } else {
        format!("{description}\n\n{facts}")
    }
}

/// A status as people write it in a sheet: our words and labels, Azure's
/// (*Fulfilled*, *Open*, *Not verified*, *Not required*), and ticks.
pub fn status_word(word: &str) -> Option<Status> {
    let w = word.trim().to_lowercase();
    Some(match w.as_str() {
        "yes" | "y" | "x" | "✓" | "✔" | "☑" | "✅" | "true" | "pass" | "passed" | "ok" => {
            Status::Done
        }
        "no" | "n" | "false" | "fail" | "failed" | "☐" | "❌" | "pending" => Status::NotStarted,
        "partial" | "partially" | "ongoing" => Status::InProgress,
        _ => return super::azure::english_status(&w),
    })
}

#[cfg(test)]
mod tests;
