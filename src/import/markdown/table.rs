//! Markdown tables whose rows are checks (the mercari checklists' shape).

use super::labels::{is_check_mark, one_line, set_title};
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
    /// Reads a header (each cell on one line, lower case). `None` when no
    /// column names a check; a status column alone makes the first one the
    /// check.
    fn find(header: &[String], item_column: Option<&str>) -> Option<Self> {
        let find = |words: &[&str]| {
            header
                .iter()
                .position(|h| words.iter().any(|w| h.contains(w)))
        };
        let status = find(&["status", "state", "done"]);
        let title = match item_column {
            Some(name) => header
                .iter()
                .position(|h| h.eq_ignore_ascii_case(&super::labels::one_line(name)))?,
            None => find(&TITLE_WORDS).or(status.map(|_| 0))?,
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
        let header: Vec<String> = t
            .header
            .iter()
            .map(|c| one_line(&c.text).to_lowercase())
            .collect();
        let item_column = self.options.item_column.as_deref();
        let Some(columns) = Columns::find(&header, item_column) else {
            if !t.rows.is_empty() {
                let cols: Vec<&str> = t.header.iter().map(|c| c.text.trim()).collect();
                let why = match item_column {
                    Some(name) => format!("no column is named {name:?}"),
                    None => "no column names a check (Check, Item, Task, Title…)".to_owned(),
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
        if title.is_empty() {
            return;
        }
        let line = title_cell.map_or(t.line, |p| p.line);
        let mut d = Draft {
            category: self.category.clone(),
            id: title_cell.and_then(|p| p.id.clone()),
            shape: ItemShape::Tables,
            ..Draft::default()
        };
        set_title(&mut d, &title);
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
