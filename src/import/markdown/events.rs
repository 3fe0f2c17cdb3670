//! The event walker: pulldown-cmark's events gathered into paragraphs,
//! list-item trees, tables and code blocks, each handed on when it ends —
//! headings and list items to `drafts`, tables to `table`.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::headings::front_matter_title;
use super::labels::{id_marker, is_export_summary, strip_comments};
use super::{Block, BlockKind, Builder, MAX_DEPTH, Node, Para, Table, html};

impl Builder<'_> {
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    pub(super) fn run(&mut self) {
        let options = Options::ENABLE_TASKLISTS
            | Options::ENABLE_TABLES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
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
                } else if self.image == 0 {
                    self.para_at(line).text.push_str(&t);
                }
            }
            Event::Html(h) => {
                if let Some(block) = &mut self.block {
                    block.push_str(&h);
                }
            }
            Event::InlineHtml(h) => self.inline_html(&h, line),
            Event::SoftBreak => self.para_at(line).text.push('\n'),
            Event::HardBreak => self.hard_break(line),
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

    /// A line break that ends a title (two trailing spaces, `\`, `<br>`).
    fn hard_break(&mut self, line: usize) {
        let p = self.para_at(line);
        let n = p.text.matches('\n').count();
        p.hard.push(n);
        p.text.push('\n');
    }

    /// Inline HTML: an ID marker, a line break, a link; other tags are
    /// markup and leave no text.
    fn inline_html(&mut self, h: &str, line: usize) {
        if let Some(id) = id_marker(h) {
            self.para_at(line).id = Some(id);
            return;
        }
        match html::tag(h) {
            html::Tag::Break => self.hard_break(line),
            html::Tag::LinkStart(url) => {
                let at = self.para_at(line).text.len();
                self.open_links.push((url, at));
            }
            html::Tag::LinkEnd => self.close_link(),
            html::Tag::Other => {}
        }
    }

    /// A link ends: its URL is kept unless it had no text of its own (a
    /// badge: an image in a link).
    fn close_link(&mut self) {
        let Some((url, at)) = self.open_links.pop() else {
            return;
        };
        if let Some(p) = &mut self.para
            && p.text.len() > at
            && !url.is_empty()
            && !url.starts_with('#')
            && !p.links.contains(&url)
        {
            p.links.push(url);
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
                self.block_html = matches!(tag, Tag::HtmlBlock);
                self.block_line = line;
            }
            Tag::MetadataBlock(_) => {
                self.flush_para();
                self.block = Some(String::new());
                self.front_matter = true;
            }
            Tag::Strong => {
                let p = self.para_at(line);
                if p.text.trim().is_empty() {
                    p.bold = true;
                }
            }
            Tag::Emphasis => {
                let p = self.para_at(line);
                let at = p.text.len();
                p.emph.push(at);
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
            Tag::Link { dest_url, .. } => {
                let at = self.para_at(line).text.len();
                self.open_links.push((dest_url.trim().to_owned(), at));
            }
            Tag::Image { .. } => self.image += 1,
            Tag::BlockQuote(_) => self.quote += 1,
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
            TagEnd::Link => self.close_link(),
            TagEnd::Image => self.image = self.image.saturating_sub(1),
            TagEnd::BlockQuote(_) => self.quote = self.quote.saturating_sub(1),
            TagEnd::MetadataBlock(_) => {
                self.front_matter = false;
                if let Some(yaml) = self.block.take()
                    && let Some(title) = front_matter_title(&yaml)
                {
                    self.project.get_or_insert(title);
                }
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                if let Some(text) = self.block.take() {
                    self.raw_block(&text);
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

    /// The verdict line of our own export: the file is one, and its launch
    /// and walkthrough dates are the workbook's.
    fn read_export_summary(&mut self, text: &str) {
        if !text.contains(" · as of ") {
            return;
        }
        self.exported = true;
        for part in text.split(" · ") {
            let date = |word: &str| part.strip_prefix(word).and_then(|d| d.trim().parse().ok());
            if let Some(d) = date("launch ") {
                self.launch = Some(d);
            }
            if let Some(d) = date("review ") {
                self.review = Some(d);
            }
        }
    }

    /// A code or HTML block: code as written, HTML as its text; an ID
    /// marker names the list item it sits in.
    fn raw_block(&mut self, text: &str) {
        let (text, links, kind) = if self.block_html {
            let outside = self.stack.is_empty() && self.question.is_none();
            if outside && text.trim_start().starts_with("<!--") && text.trim_end().ends_with("-->")
            {
                // A comment between items is invisible on the page.
                return;
            }
            let (text, id) = strip_comments(text);
            if let (Some(id), Some(node)) = (id, self.stack.last_mut())
                && let Some(first) = node.paras.first_mut()
            {
                first.id = Some(id);
            }
            let heading = text.trim_start().to_ascii_lowercase().starts_with("<h1");
            let (text, links) = html::block_text(&text);
            if heading
                && !self.titled
                && outside
                && self.drafts.is_empty()
                && self.category.is_none()
            {
                // An HTML title (`<h1 align="center">`, banners around it).
                self.titled = true;
                let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !title.is_empty() {
                    self.project.get_or_insert(title);
                }
                return;
            }
            (text, links, BlockKind::Paragraph)
        } else {
            (text.to_owned(), Vec::new(), BlockKind::Code)
        };
        if !text.trim().is_empty() || !links.is_empty() {
            self.para = Some(Para {
                text: text.trim_end().to_owned(),
                links,
                line: self.block_line,
                kind,
                ..Para::default()
            });
            self.flush_para();
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
        if p.text.trim().is_empty() && p.id.is_none() && p.links.is_empty() {
            return;
        }
        if let Some(node) = self.stack.last_mut() {
            node.paras.push(p);
        } else if let Some(q) = &mut self.question {
            q.description.push(p.text.trim().to_owned());
            q.links.extend(p.links);
        } else if is_export_summary(&p.text) {
            // Derived from the items, but for the dates it names.
            self.read_export_summary(&p.text);
        } else if self.project.is_some() && self.category.is_none() && self.drafts.is_empty() {
            // Leading spaces here are encoded ones (an indented line).
            let text = p.text.trim_end().trim_start_matches('\n');
            self.description.push(text.to_owned());
        } else {
            self.attach_or_file(Block {
                text: p.text.trim().to_owned(),
                links: p.links,
                line: p.line,
                kind: p.kind,
            });
        }
    }
}
