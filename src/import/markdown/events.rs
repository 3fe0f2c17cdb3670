//! The event walker: pulldown-cmark's events gathered into paragraphs,
//! list-item trees, tables and code blocks, each handed on when it ends —
//! headings and list items to `drafts`, tables to `table`.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::labels::{id_marker, is_export_summary, one_line, strip_comments};
use super::{Builder, MAX_DEPTH, Node, Para, Table};

impl Builder<'_> {
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    pub(super) fn run(&mut self) {
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
}
