//! Markdown tables whose rows are checks (the mercari checklists' shape).

use super::labels::{is_check_mark, is_none_word, one_line, parse_status, set_title};
use super::{Builder, Draft, ItemShape, Para, Table};
use crate::model::ItemField;

/// Header words that name the column holding the check itself.
const TITLE_WORDS: [&str; 8] = [
    "check",
    "item",
    "task",
    "title",
    "requirement",
    "control",
    "question",
    "name",
];

/// Fields a column fills when its header has one of the words, in the order
/// they are set (which is the order of any warnings).
const FIELD_WORDS: [(ItemField, &[&str]); 4] = [
    (
        ItemField::Owner,
        &["owner", "assignee", "responsible", "who"],
    ),
    (ItemField::Due, &["due", "deadline", "target date"]),
    (ItemField::MitigationText, &["mitigation"]),
    (ItemField::Notes, &["note", "comment"]),
];

/// Which column holds what.
struct Columns {
    title: usize,
    description: Option<usize>,
    /// A status word or a check mark.
    status: Option<usize>,
    fields: [(ItemField, Option<usize>); 4],
}

impl Columns {
    /// Reads a header (each cell on one line, lower case) and the rows.
    /// The check is the column `item_column` names, else the one whose
    /// header names a check, else the first whose cells read as checks
    /// (a bold one first). `None` when there is none.
    fn find(header: &[String], rows: &[Vec<Para>], item_column: Option<&str>) -> Option<Self> {
        let find = |words: &[&str]| {
            header
                .iter()
                .position(|h| words.iter().any(|w| h.contains(w)))
        };
        let status = find(&["status", "state", "done"]);
        let title = match item_column {
            Some(name) => header
                .iter()
                .position(|h| h.eq_ignore_ascii_case(&one_line(name)))?,
            None => find(&TITLE_WORDS).or_else(|| by_content(header.len(), rows, status))?,
        };
        let status = status.filter(|&c| c != title);
        let description = find(&["description", "detail", "summary", "why", "explanation"])
            .filter(|&c| c != title);
        Some(Self {
            title,
            description,
            status,
            fields: FIELD_WORDS.map(|(field, words)| (field, find(words))),
        })
    }

    /// Whether column `i` is read into a field; the others go into the
    /// description as `Name: value`.
    fn is_used(&self, i: usize) -> bool {
        i == self.title
            || self.description == Some(i)
            || self.status == Some(i)
            || self.fields.iter().any(|&(_, c)| c == Some(i))
    }
}

impl Builder<'_> {
    pub(super) fn on_table(&mut self, t: Table) {
        self.last_task = None;
        let header: Vec<String> = t
            .header
            .iter()
            .map(|c| one_line(&c.text).to_lowercase())
            .collect();
        let item_column = self.options.item_column.as_deref();
        if item_column.is_none()
            && let Some(why) = not_a_checklist(&header, &t.rows)
        {
            self.warnings.push(format!(
                "line {}: table ({}) skipped: {why}",
                t.line,
                t.header
                    .iter()
                    .map(|c| one_line(&c.text))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
            return;
        }
        let Some(columns) = Columns::find(&header, &t.rows, item_column) else {
            if !t.rows.is_empty() {
                let cols: Vec<&str> = t.header.iter().map(|c| c.text.trim()).collect();
                let why = match item_column {
                    Some(name) => format!("no column is named {name:?}"),
                    None => "no column holds checks (by its header: Check, Item, Task, Title…; or by its cells)".to_owned(),
                };
                self.warnings.push(format!(
                    "line {}: table ({}) skipped: {why}",
                    t.line,
                    cols.join(" | ")
                ));
            }
            return;
        };
        for row in &t.rows {
            self.table_row(&t, &columns, row);
        }
    }

    /// One row of a table of checks as a draft; rows without a check are
    /// skipped.
    fn table_row(&mut self, t: &Table, columns: &Columns, row: &[Para]) {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|p| p.text.trim().to_owned())
                .unwrap_or_default()
        };
        let title_cell = row.get(columns.title);
        let title = cell(Some(columns.title));
        let line = title_cell.map_or(t.line, |p| p.line);
        if title.is_empty() {
            return;
        }
        if is_none_word(&title) {
            self.warnings.push(format!(
                "line {line}: table row “{}” skipped: it holds no check",
                one_line(&title)
            ));
            return;
        }
        let mut d = Draft {
            category: self.category.clone(),
            id: title_cell.and_then(|p| p.id.clone()),
            shape: ItemShape::Tables,
            path: self.path(),
            ..Draft::default()
        };
        set_title(&mut d, &title, false);
        // Links in the other cells (a link in a description) are kept too.
        for (i, p) in row.iter().enumerate() {
            if i != columns.title {
                for l in &p.links {
                    if !d.links.contains(l) {
                        d.links.push(l.clone());
                    }
                }
            }
        }
        let desc = cell(columns.description);
        if !desc.is_empty() {
            d.description.push(desc);
        }
        let other = other_cells(&t.header, columns, row);
        if !other.is_empty() {
            d.description.push(other.join(" · "));
        }
        if let Some(links) = title_cell.map(|p| &p.links).filter(|l| !l.is_empty()) {
            d.description.push(format!("See: {}", links.join(" ")));
        }
        let status = cell(columns.status);
        if is_check_mark(&status) {
            d.checked = Some(true);
        } else {
            self.set(&mut d, ItemField::Status, &status, line);
        }
        for (field, column) in columns.fields {
            self.set(&mut d, field, &cell(column), line);
        }
        self.drafts.push(d);
    }
}

/// `Name: value` for each non-empty cell of `row` that no field reads, a
/// check mark as ✓.
fn other_cells(header: &[Para], columns: &Columns, row: &[Para]) -> Vec<String> {
    (0..header.len())
        .filter(|&i| !columns.is_used(i))
        .filter_map(|i| {
            let v = row.get(i).map(|p| p.text.trim()).unwrap_or_default();
            let name = header.get(i).map(|p| one_line(&p.text)).unwrap_or_default();
            (!v.is_empty()).then(|| {
                let v = if is_check_mark(v) { "✓" } else { v };
                format!("{name}: {v}")
            })
        })
        .collect()
}

/// The first column (not the status) whose cells read as checks, a bold
/// one first.
fn by_content(width: usize, rows: &[Vec<Para>], status: Option<usize>) -> Option<usize> {
    let candidates: Vec<usize> = (0..width)
        .filter(|&c| Some(c) != status && reads_as_checks(rows, c))
        .collect();
    let bold = |c: usize| {
        let n = rows
            .iter()
            .filter(|r| r.get(c).is_some_and(|p| p.bold))
            .count();
        n * 2 > rows.len()
    };
    candidates
        .iter()
        .copied()
        .find(|&c| bold(c))
        .or(candidates.first().copied())
}

/// Whether most of a column's cells are words (not marks, statuses,
/// numbers, dates or "none").
fn reads_as_checks(rows: &[Vec<Para>], c: usize) -> bool {
    let cells: Vec<&str> = rows
        .iter()
        .map(|r| r.get(c).map_or("", |p| p.text.trim()))
        .collect();
    let wordy = cells
        .iter()
        .filter(|v| {
            v.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && !is_check_mark(v)
                && parse_status(v).is_none()
                && !is_none_word(v)
        })
        .count();
    !cells.is_empty() && wordy * 2 > cells.len()
}

/// Why a table is not a checklist although a column could name a check:
/// a contact list, or a table of waivers or exceptions.
fn not_a_checklist(header: &[String], rows: &[Vec<Para>]) -> Option<&'static str> {
    let has = |words: &[&str]| header.iter().any(|h| words.iter().any(|w| h.contains(w)));
    let any_status = has(&["status", "state", "done"]);
    if !any_status
        && has(&[
            "email", "e-mail", "phone", "slack", "contact", "pager", "handle",
        ])
    {
        return Some("it lists contacts, not checks");
    }
    let emails = rows
        .iter()
        .filter(|r| {
            r.iter()
                .any(|p| p.text.contains('@') && !p.text.contains(' '))
        })
        .count();
    if !any_status && !rows.is_empty() && emails * 2 > rows.len() {
        return Some("it lists contacts, not checks");
    }
    if has(&["waiver", "exception", "exemption"]) {
        return Some("it lists waivers or exceptions, not checks");
    }
    None
}
