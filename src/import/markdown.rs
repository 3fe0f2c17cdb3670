//! Markdown checklists, as teams keep them in repositories and wikis.
//!
//! - Headings become categories (the first level-1 heading names the
//!   project instead, unless `--project` does).
//! - GitHub task-list items (`- [ ]`, `* [x]`, `1. [ ]`) become items; checked
//!   ones are done. Nested bullets and paragraphs under an item become its
//!   description. Labelled lines such as `*Status:* Done · *Owner:* Ann ·
//!   *Due:* 2026-05-11` or `*Mitigation:* …` fill those fields — the form
//!   `export::markdown` writes, so an export imports back.
//! - Table rows become items when a column names the check (`Check name`,
//!   `Item`, `Task`, `Title`…), as in the mercari checklists; columns such as
//!   status, owner and due fill those fields, the rest go into the description.
//! - A level-3-or-deeper heading that asks a question (ends in `?`) is an item, with what
//!   follows it (guidance, option lists) as its description — the shape of the
//!   Kubernetes production-readiness questionnaire.
//! - A file with none of these but plain bullet lists imports its top-level
//!   bullets as items.
//!
//! The reading is split by stage: `events` walks pulldown-cmark's events
//! into paragraphs, list items, tables and headings; `drafts` (and `table`
//! for tables of checks) makes item drafts of them, reading labelled lines
//! with `labels`; `finish` makes the drafts a workbook.

use super::{ImportError, Imported};
use crate::model::{Item, Status};

/// List items nested deeper than this are folded into their parent's text,
/// so hostile nesting cannot exhaust the stack.
const MAX_DEPTH: usize = 32;
/// Titles longer than this are cut at a sentence or word; the whole text
/// goes into the description.
const MAX_TITLE_CHARS: usize = 160;

/// Imports a Markdown checklist. `project` names the workbook; without it the
/// first level-1 heading does.
pub fn import(bytes: &[u8], project: Option<&str>) -> Result<Imported, ImportError> {
    let text = super::text(bytes)?;
    let mut b = Builder::new(text);
    b.run();
    b.finish(project)
}

/// A paragraph's text (line breaks as `\n`), the links in it, and any
/// `<!-- id: … -->` marker.
#[derive(Debug, Default)]
struct Para {
    text: String,
    links: Vec<String>,
    id: Option<String>,
    line: usize,
}

/// A list item as parsed: its checkbox, its own paragraphs and its children.
#[derive(Debug, Default)]
struct Node {
    checked: Option<bool>,
    paras: Vec<Para>,
    children: Vec<Node>,
    line: usize,
}

/// An item being read, before it gets its ID and category index.
#[derive(Debug, Default)]
struct Draft {
    category: Option<String>,
    title: String,
    checked: Option<bool>,
    /// `None` when the source gave none: the check mark decides then.
    status: Option<Status>,
    description: Vec<String>,
    /// The labelled values read so far (owner, dates, mitigation, notes,
    /// evidence…), set through the model's field setters.
    fields: Item,
    id: Option<String>,
}

/// A table being read: its header cells, finished rows and the row open.
#[derive(Debug, Default)]
struct Table {
    header: Vec<Para>,
    rows: Vec<Vec<Para>>,
    row: Vec<Para>,
    line: usize,
}

/// The importer's state while it walks one file.
struct Builder<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    project: Option<String>,
    /// Paragraphs between the title and the first category heading.
    description: Vec<String>,
    category: Option<String>,
    /// Enclosing category headings: level and full name.
    sections: Vec<(usize, String)>,
    question: Option<Draft>,
    drafts: Vec<Draft>,
    bullets: Vec<Draft>,
    warnings: Vec<String>,
    stack: Vec<Node>,
    para: Option<Para>,
    heading: bool,
    table: Option<Table>,
    /// Text of a code or HTML block being read.
    block: Option<String>,
    /// Nesting of list items beyond [`MAX_DEPTH`], read as flat text.
    folded: usize,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            text,
            line_starts,
            project: None,
            description: Vec::new(),
            category: None,
            sections: Vec::new(),
            question: None,
            drafts: Vec::new(),
            bullets: Vec::new(),
            warnings: Vec::new(),
            stack: Vec::new(),
            para: None,
            heading: false,
            table: None,
            block: None,
            folded: 0,
        }
    }
}

mod drafts;
mod events;
mod finish;
mod labels;
mod table;

#[cfg(test)]
mod tests;
