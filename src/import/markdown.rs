//! Markdown checklists, as teams keep them in repositories and wikis.
//!
//! - Headings become categories (the first level-1 heading names the
//!   project instead, unless YAML front matter's `title:` or `--project`
//!   does). A name that repeats under different parents takes its parent's
//!   ("HTML › Best practices").
//! - GitHub task-list items (`- [ ]`, `* [x]`, `1. [ ]`) become items; checked
//!   ones are done. A title wrapped over lines is one title (a hard break
//!   or `<br>` ends it). Tasks nested in a task are items of their own,
//!   titled `Parent › child`; other nested bullets and paragraphs are the
//!   item's description. Labelled lines such as `*Status:* Done · *Owner:*
//!   Ann · *Due:* 2026-05-11` or `*Mitigation:* …` fill those fields — the
//!   form `export::markdown` writes, so an export imports back exactly.
//! - Table rows become items: the check is the column its header names
//!   (`Check name`, `Item`, `Task`…), else the first whose cells read as
//!   checks (a bold one first), or `--item-column`; columns such as status,
//!   owner and due fill those fields, the rest go into the description.
//!   Contact lists and waiver tables are skipped with a warning.
//! - A level-3-or-deeper heading that asks a question (ends in `?`) is an item, with what
//!   follows it (guidance, option lists) as its description — the shape of the
//!   Kubernetes production-readiness questionnaire. In a document of
//!   neither, a level of headings under categories whose bodies are prose
//!   and code is one item per heading (`--items headings` forces it).
//! - A file with none of these but plain bullet lists imports its top-level
//!   bullets as items.
//! - HTML is reduced to its text; links anywhere in an item are kept (as
//!   evidence on an `Evidence:` line, else at the end of the description);
//!   badges (images) are not links. Every block no item takes is named, by
//!   line, in a warning.
//!
//! The reading is split by stage: `events` walks pulldown-cmark's events
//! into paragraphs, list items, tables and headings (`html` reads raw
//! HTML); `drafts` (and `table` for tables of checks, `headings` for the
//! outline and heading-per-check documents) makes item drafts of them,
//! reading labelled lines with `labels`; `finish` makes the drafts a
//! workbook.

use super::{ImportError, Imported};
use crate::model::{Item, Status};

/// List items nested deeper than this are folded into their parent's text,
/// so hostile nesting cannot exhaust the stack.
const MAX_DEPTH: usize = 32;
/// Titles longer than this are cut at a sentence or word; the whole text
/// goes into the description.
const MAX_TITLE_CHARS: usize = 160;

/// Which blocks of a Markdown file are the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemShape {
    /// Whatever the file holds: task lists, tables of checks and check
    /// headings together; plain bullets when there is none of these.
    #[default]
    Auto,
    /// Task-list items (`- [ ] …`); plain bullets when there are none.
    Tasks,
    /// Rows of tables.
    Tables,
    /// Headings that state or ask a check, with the text under them.
    Headings,
}

impl ItemShape {
    pub const ALL: [Self; 4] = [Self::Auto, Self::Tasks, Self::Tables, Self::Headings];

    /// The word on the command line (`--items tables`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Tasks => "tasks",
            Self::Tables => "tables",
            Self::Headings => "headings",
        }
    }

    /// The choice as the window shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "Automatic",
            Self::Tasks => "Task lists",
            Self::Tables => "Table rows",
            Self::Headings => "Headings",
        }
    }

    /// What the choice reads, for `--help` and tooltips.
    pub fn help(self) -> &'static str {
        match self {
            Self::Auto => "task lists, tables of checks and check headings, as found",
            Self::Tasks => "task-list items (- [ ] …), or plain bullets when there are none",
            Self::Tables => "the rows of tables",
            Self::Headings => "one heading per check, the text under it its description",
        }
    }
}

impl std::fmt::Display for ItemShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for ItemShape {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|shape| shape.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|s| s.name()).collect();
                format!("unknown item shape {s:?}: expected {}", names.join(", "))
            })
    }
}

/// How to read a Markdown checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// The project name; without it the front matter's `title:` or the
    /// first level-1 heading names the workbook.
    pub project: Option<String>,
    /// Which blocks are the checks.
    pub items: ItemShape,
    /// The table column that holds the check (its header, any case),
    /// instead of the column chosen by its header and content.
    pub item_column: Option<String>,
}

/// Imports a Markdown checklist, every shape it holds. `project` names the
/// workbook; without it the first level-1 heading does.
pub fn import(bytes: &[u8], project: Option<&str>) -> Result<Imported, ImportError> {
    let options = MarkdownOptions {
        project: project.map(str::to_owned),
        ..MarkdownOptions::default()
    };
    import_with(bytes, &options)
}

/// Imports a Markdown checklist as `options` say.
pub fn import_with(bytes: &[u8], options: &MarkdownOptions) -> Result<Imported, ImportError> {
    let text = super::text(bytes)?;
    let mut b = Builder::new(text, options);
    b.run();
    b.finish()
}

/// A paragraph's text (line breaks as `\n`), the links in it, and any
/// `<!-- id: … -->` marker.
#[derive(Debug, Default)]
struct Para {
    text: String,
    links: Vec<String>,
    id: Option<String>,
    line: usize,
    /// Lines (counted from 0) that end in a hard break (two spaces, a
    /// backslash or `<br>`): a title ends there, a soft break does not end it.
    hard: Vec<usize>,
    /// Whether the text starts in bold (`**Check**` in a table's cell).
    bold: bool,
    /// Where in `text` italics start: in Shipshape's own export only
    /// italic labels are labels (`*Owner:* Ann`), so a description line
    /// "Note: …" stays description.
    emph: Vec<usize>,
    kind: BlockKind,
}

/// What a heading opens: its place in the outline and the blocks under it
/// that no list item or table took, for heading-per-check documents and
/// for the warnings about dropped material.
#[derive(Debug, Default)]
struct Section {
    level: usize,
    name: String,
    /// The enclosing headings' names, outermost first.
    parents: Vec<String>,
    /// The category name the section's items go to.
    category: Option<String>,
    body: Vec<Block>,
}

/// A block under a heading: its text, links, first line and kind.
#[derive(Debug)]
struct Block {
    text: String,
    links: Vec<String>,
    line: usize,
    kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum BlockKind {
    #[default]
    Paragraph,
    Code,
    /// A plain (non-task) top-level bullet, also filed as a fallback item.
    Bullet,
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
    /// The shape of block it was read from.
    shape: ItemShape,
    /// The headings it sits under, outermost first: a category name that
    /// repeats under other parents takes its parent's name (`finish`).
    path: Vec<String>,
    /// Links in its text that no field took: they go into the description.
    links: Vec<String>,
    /// The category's ID, when the heading gave one (our own export).
    category_id: Option<String>,
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
    options: &'a MarkdownOptions,
    line_starts: Vec<usize>,
    project: Option<String>,
    /// Paragraphs between the title and the first category heading.
    description: Vec<String>,
    category: Option<String>,
    /// Enclosing category headings: level, heading text and category name.
    sections: Vec<(usize, String, String)>,
    /// Every heading below the title, in order, with the blocks under it.
    outline: Vec<Section>,
    /// Whether the title (the first level-1 heading) has been read.
    titled: bool,
    /// Links being read: each one's URL and the length of the paragraph's
    /// text where it started (a link with no text of its own is a badge).
    open_links: Vec<(String, usize)>,
    /// Nesting of images: their alt text is not the item's text.
    image: usize,
    /// Whether the open block is YAML front matter.
    front_matter: bool,
    /// The draft of the last top-level task item, while only blocks have
    /// followed it: a code block, paragraph or quoted list right after a
    /// task (not indented under it) belongs to it.
    last_task: Option<usize>,
    /// Nesting of block quotes.
    quote: usize,
    /// The launch and walkthrough dates our own export's verdict line names.
    launch: Option<chrono::NaiveDate>,
    review: Option<chrono::NaiveDate>,
    /// Whether the file is Shipshape's own export (its verdict line was
    /// read): labels are then only the italic ones.
    exported: bool,
    /// The ID of the category being read, when its heading gave one.
    category_id: Option<String>,
    /// Categories whose headings gave an ID, in order (name, ID): an
    /// exported category without items comes back too.
    declared: Vec<(String, String)>,
    /// Whether the paragraph being filled has an `Evidence:` line with
    /// links, whose words are then only the links' labels.
    link_labels: bool,
    question: Option<Draft>,
    drafts: Vec<Draft>,
    bullets: Vec<Draft>,
    warnings: Vec<String>,
    stack: Vec<Node>,
    para: Option<Para>,
    heading: bool,
    table: Option<Table>,
    /// Text of a code or HTML block being read, whether it is HTML, and
    /// its first line.
    block: Option<String>,
    block_html: bool,
    block_line: usize,
    /// Nesting of list items beyond [`MAX_DEPTH`], read as flat text.
    folded: usize,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, options: &'a MarkdownOptions) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            text,
            options,
            line_starts,
            project: None,
            description: Vec::new(),
            category: None,
            sections: Vec::new(),
            outline: Vec::new(),
            titled: false,
            open_links: Vec::new(),
            image: 0,
            front_matter: false,
            last_task: None,
            quote: 0,
            launch: None,
            review: None,
            exported: false,
            category_id: None,
            declared: Vec::new(),
            link_labels: false,
            question: None,
            drafts: Vec::new(),
            bullets: Vec::new(),
            warnings: Vec::new(),
            stack: Vec::new(),
            para: None,
            heading: false,
            table: None,
            block: None,
            block_html: false,
            block_line: 0,
            folded: 0,
        }
    }
}

mod drafts;
mod events;
mod finish;
mod headings;
mod html;
mod labels;
mod table;

#[cfg(test)]
mod label_tests;
#[cfg(test)]
mod round_trip;
#[cfg(test)]
mod shape_tests;
#[cfg(test)]
mod tests;
