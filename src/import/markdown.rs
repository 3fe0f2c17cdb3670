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

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{ImportError, Imported};
use crate::model::{FieldKind, Item, ItemField, ItemIds, Status, Workbook};
use labels::{
    clean_heading, field_key, id_marker, is_export_summary, is_long_field, is_meta, leading_code,
    one_line, parse_status, render_node, set_title, split_segments, strip_comments,
};

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

#[derive(Debug, Default)]
struct Table {
    header: Vec<Para>,
    rows: Vec<Vec<Para>>,
    row: Vec<Para>,
    line: usize,
}

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

    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn run(&mut self) {
        let options = Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES;
        let text = self.text;
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            self.event(event, range);
        }
        self.flush_para();
        while let Some(node) = self.stack.pop() {
            self.close_item(node);
        }
        self.close_question();
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let line = self.line(range.start);
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(block) = &mut self.block {
                    block.push_str(&t);
                } else {
                    self.para_at(line).text.push_str(&t);
                }
            }
            Event::Html(h) => {
                if let Some(block) = &mut self.block {
                    block.push_str(&h);
                }
            }
            Event::InlineHtml(h) => {
                let p = self.para_at(line);
                if let Some(id) = id_marker(&h) {
                    p.id = Some(id);
                } else if h.trim().to_ascii_lowercase().starts_with("<br") {
                    p.text.push('\n');
                }
            }
            Event::SoftBreak | Event::HardBreak => self.para_at(line).text.push('\n'),
            Event::TaskListMarker(checked) => {
                if self.folded > 0 {
                    let mark = if checked { "[x] " } else { "[ ] " };
                    self.para_at(line).text.push_str(mark);
                } else if let Some(node) = self.stack.last_mut() {
                    node.checked = Some(checked);
                }
            }
            Event::FootnoteReference(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: usize) {
        match tag {
            Tag::Paragraph => {
                self.flush_para();
                self.para = Some(Para {
                    line,
                    ..Para::default()
                });
            }
            Tag::Heading { .. } => {
                self.flush_para();
                self.heading = true;
                self.para = Some(Para {
                    line,
                    ..Para::default()
                });
            }
            Tag::List(_) => self.flush_para(),
            Tag::Item => {
                self.flush_para();
                if self.stack.len() >= MAX_DEPTH || self.folded > 0 {
                    self.folded += 1;
                    self.para_at(line).text.push_str("- ");
                } else {
                    self.stack.push(Node {
                        line,
                        ..Node::default()
                    });
                }
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                self.flush_para();
                self.block = Some(String::new());
            }
            Tag::Table(_) => {
                self.flush_para();
                self.table = Some(Table {
                    line,
                    ..Table::default()
                });
            }
            Tag::TableCell => {
                self.para = Some(Para {
                    line,
                    ..Para::default()
                });
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                let url = dest_url.trim().to_owned();
                let p = self.para_at(line);
                if !url.is_empty() && !p.links.contains(&url) {
                    p.links.push(url);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush_para(),
            TagEnd::Heading(level) => {
                self.heading = false;
                if let Some(p) = self.para.take() {
                    self.on_heading(level as usize, p);
                }
            }
            TagEnd::Item => {
                if self.folded > 0 {
                    self.folded -= 1;
                    self.para_at(0).text.push('\n');
                    return;
                }
                self.flush_para();
                if let Some(node) = self.stack.pop() {
                    match self.stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => self.close_item(node),
                    }
                }
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                if let Some(text) = self.block.take() {
                    let (text, id) = strip_comments(&text);
                    if let (Some(id), Some(node)) = (id, self.stack.last_mut())
                        && let Some(first) = node.paras.first_mut()
                    {
                        first.id = Some(id);
                    }
                    if !text.trim().is_empty() {
                        self.para = Some(Para {
                            text: text.trim_end().to_owned(),
                            ..Para::default()
                        });
                        self.flush_para();
                    }
                }
            }
            TagEnd::TableCell => {
                if let (Some(t), Some(p)) = (&mut self.table, self.para.take()) {
                    t.row.push(p);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.on_table(t);
                }
            }
            _ => {}
        }
    }

    /// The paragraph being read, opened at `line` if there is none (tight
    /// list items have text without a paragraph).
    fn para_at(&mut self, line: usize) -> &mut Para {
        self.para.get_or_insert_with(|| Para {
            line,
            ..Para::default()
        })
    }

    /// Files the finished paragraph with the list item or question it
    /// belongs to; elsewhere (introductions under headings) it is dropped.
    fn flush_para(&mut self) {
        if self.heading || self.table.is_some() {
            return;
        }
        let Some(p) = self.para.take() else {
            return;
        };
        if p.text.trim().is_empty() && p.id.is_none() {
            return;
        }
        if let Some(node) = self.stack.last_mut() {
            node.paras.push(p);
        } else if let Some(q) = &mut self.question {
            q.description.push(p.text.trim().to_owned());
        } else if self.project.is_some() && self.category.is_none() && !is_export_summary(&p.text) {
            self.description.push(one_line(&p.text));
        }
    }

    fn on_heading(&mut self, level: usize, p: Para) {
        self.close_question();
        let text = clean_heading(&p.text);
        if text.is_empty() {
            return;
        }
        if text.ends_with('?') && level >= 3 {
            self.question = Some(Draft {
                category: self.category.clone(),
                title: text,
                ..Draft::default()
            });
        } else if level == 1
            && self.project.is_none()
            && self.drafts.is_empty()
            && self.category.is_none()
        {
            self.project = Some(text);
        } else {
            // A sub-heading of a category that has items of its own names
            // its context ("Data Storage › GCP Cloud Spanner"); under a mere
            // section title it stands alone.
            self.sections.retain(|(l, _)| *l < level);
            let name = match self.sections.last() {
                Some((_, parent))
                    if self
                        .drafts
                        .iter()
                        .any(|d| d.category.as_ref() == Some(parent)) =>
                {
                    format!("{parent} › {text}")
                }
                _ => text,
            };
            self.sections.push((level, name.clone()));
            self.category = Some(name);
        }
    }

    fn close_question(&mut self) {
        if let Some(q) = self.question.take() {
            self.drafts.push(q);
        }
    }

    /// A top-level list item is complete.
    fn close_item(&mut self, node: Node) {
        if let Some(q) = &mut self.question {
            q.description.push(render_node(&node, 0));
            return;
        }
        if node.checked.is_some() {
            let d = self.draft_from(node);
            self.drafts.push(d);
            return;
        }
        // A plain bullet: an item only if the file has nothing better, but
        // task items under it count.
        let mut tasks = Vec::new();
        let mut plain = Node {
            checked: None,
            paras: node.paras,
            children: Vec::new(),
            line: node.line,
        };
        for child in node.children {
            if child.checked.is_some() {
                tasks.push(child);
            } else {
                plain.children.push(child);
            }
        }
        for t in tasks {
            let d = self.draft_from(t);
            self.drafts.push(d);
        }
        if !plain.paras.is_empty() {
            let d = self.draft_from(plain);
            self.bullets.push(d);
        }
    }

    fn draft_from(&mut self, node: Node) -> Draft {
        let mut d = Draft {
            category: self.category.clone(),
            checked: node.checked,
            ..Draft::default()
        };
        let mut paras = node.paras.into_iter();
        if let Some(first) = paras.next() {
            d.id = first.id.clone();
            let mut lines = first.text.lines();
            let title = lines.next().unwrap_or_default();
            set_title(&mut d, title);
            let rest: Vec<&str> = lines.collect();
            self.fill(&mut d, &rest, first.line + 1);
            if !first.links.is_empty() && !is_meta(&rest) {
                d.description
                    .push(format!("Links: {}", first.links.join(" ")));
            }
        }
        for p in paras {
            if d.id.is_none() {
                d.id.clone_from(&p.id);
            }
            let lines: Vec<&str> = p.text.lines().collect();
            self.fill(&mut d, &lines, p.line);
        }
        for child in &node.children {
            d.description.push(render_node(child, 0));
        }
        d
    }

    /// Reads labelled lines (`Status: …`, `Mitigation: …`) into fields; other
    /// lines are description.
    /// `first_line` is the file line of `lines[0]`, for warnings.
    fn fill(&mut self, d: &mut Draft, lines: &[&str], first_line: usize) {
        let mut plain: Vec<String> = Vec::new();
        // The field being read, its value, and the line it started on.
        let mut current: Option<(ItemField, String, usize)> = None;
        for (n, l) in lines.iter().enumerate() {
            let line = first_line + n;
            let segments = split_segments(l);
            if !segments.iter().any(|s| field_key(s).is_some()) {
                match &mut current {
                    Some((k, v, _)) if is_long_field(*k) => {
                        v.push('\n');
                        v.push_str(l.trim());
                    }
                    _ => plain.push((*l).to_owned()),
                }
                continue;
            }
            for (n, seg) in segments.into_iter().enumerate() {
                match field_key(seg) {
                    Some((k, v)) => {
                        if let Some((pk, pv, pl)) = current.take() {
                            self.set(d, pk, &pv, pl);
                        }
                        current = Some((k, v.to_owned(), line));
                    }
                    // The verdict marker the exporter writes: derived, not data.
                    None if seg.starts_with('🔴') => {}
                    None => match &mut current {
                        Some((k, v, _)) if is_long_field(*k) => {
                            v.push_str(if n == 0 { "\n" } else { " · " });
                            v.push_str(seg);
                        }
                        _ => plain.push(seg.to_owned()),
                    },
                }
            }
        }
        if let Some((k, v, l)) = current {
            self.set(d, k, &v, l);
        }
        let text = plain.join("\n").trim().to_owned();
        if !text.is_empty() {
            d.description.push(text);
        }
    }

    /// Sets a labelled value on the draft; a value the field cannot take
    /// is kept in the notes with a warning naming its line.
    fn set(&mut self, d: &mut Draft, field: ItemField, value: &str, line: usize) {
        let value = value.trim();
        if value.is_empty() || value == "-" {
            return;
        }
        let kept = |this: &mut Self, d: &mut Draft, why: &str| {
            this.warnings.push(format!(
                "line {line}: {} {value:?} {why}; kept in the notes",
                field.key()
            ));
            let note = format!("{} in the source: {value}", field.label());
            let _ignored = d.fields.add_to_field(ItemField::Notes, &note);
        };
        match field.kind() {
            FieldKind::Status => match parse_status(value) {
                Some(s) => d.status = Some(s),
                None => kept(self, d, "is not a Shipshape status"),
            },
            FieldKind::Person if value.eq_ignore_ascii_case("unassigned") => {}
            FieldKind::Links => {
                let links = value
                    .split([',', ' ', '\n'])
                    .map(|s| s.trim().trim_start_matches('<').trim_end_matches('>'))
                    .filter(|s| !s.is_empty());
                for link in links {
                    let _ignored = d.fields.add_to_field(field, link);
                }
            }
            FieldKind::Date => {
                if d.fields.set_field(field, value).is_err() {
                    kept(self, d, "is not a YYYY-MM-DD date");
                }
            }
            FieldKind::Text | FieldKind::Multiline | FieldKind::Person => {
                let set = if field.accumulates() {
                    d.fields.add_to_field(field, value)
                } else {
                    d.fields.set_field(field, value)
                };
                if let Err(e) = set {
                    kept(self, d, &e.to_string());
                }
            }
        }
    }

    fn finish(mut self, project: Option<&str>) -> Result<Imported, ImportError> {
        let drafts = if self.drafts.is_empty() {
            std::mem::take(&mut self.bullets)
        } else {
            std::mem::take(&mut self.drafts)
        };
        if drafts.is_empty() {
            return Err(ImportError::NoItems(
                "found no checklist items: expected task-list items (`- [ ] …`), tables of checks, question headings or bullet lists".into(),
            ));
        }
        let name = project
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .or(self.project.take())
            .unwrap_or_else(|| super::UNTITLED.to_owned());
        let mut wb = Workbook::new(name);
        wb.description = self.description.join("\n\n");
        // Lookups by map, not by scanning: a hostile file may hold 100,000
        // items with one title.
        let mut ids = ItemIds::of(&wb);
        let mut categories: HashMap<String, usize> = HashMap::new();
        for d in drafts {
            let cat_name = d.category.clone().unwrap_or_else(|| "General".to_owned());
            let ci = *categories
                .entry(cat_name.clone())
                .or_insert_with(|| wb.add_category(&cat_name));
            let id = match d.id.as_deref().map(str::trim) {
                Some(id)
                    if !id.is_empty() && !id.contains(char::is_whitespace) && ids.claim(id) =>
                {
                    id.to_owned()
                }
                _ => ids.fresh(
                    &wb.categories[ci].id,
                    leading_code(&d.title).unwrap_or(&d.title),
                ),
            };
            let status = d.status.unwrap_or(if d.checked == Some(true) {
                Status::Done
            } else {
                Status::NotStarted
            });
            let item = Item {
                id,
                title: d.title,
                description: d.description.join("\n\n"),
                status,
                ..d.fields
            };
            wb.categories[ci].items.push(item);
        }
        Ok(Imported {
            workbook: wb,
            warnings: self.warnings,
        })
    }
}

mod labels;
mod table;

#[cfg(test)]
mod tests;
