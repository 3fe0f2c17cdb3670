//! What the walker found, made into item drafts: headings become
//! categories or question items, list items become drafts, and labelled
//! lines (`Status: …`, `Owner: …`) fill the drafts' fields.

use super::labels::{
    clean_heading, collect_links, field_key, is_long_field, looks_like_link, one_line,
    parse_status, render_node, set_title, split_segments, title_lines,
};
use super::{Block, BlockKind, Builder, Draft, ItemShape, Node, Para, Section};
use crate::model::{FieldKind, ItemField};

impl Builder<'_> {
    pub(super) fn on_heading(&mut self, level: usize, p: Para) {
        self.close_question();
        self.last_task = None;
        // A heading with an ID is our own export's: its text is exact.
        let text = match &p.id {
            Some(_) => p.text.trim().to_owned(),
            None => clean_heading(&p.text),
        };
        if text.is_empty() {
            return;
        }
        if text.ends_with('?') && level >= 3 {
            self.question = Some(Draft {
                category: self.category.clone(),
                title: text,
                shape: ItemShape::Headings,
                path: self.path(),
                ..Draft::default()
            });
        } else if level == 1 && !self.titled && self.drafts.is_empty() && self.category.is_none() {
            self.titled = true;
            // Front matter's `title:` names the project before the heading.
            self.project.get_or_insert(text);
        } else {
            // A sub-heading of a category that has items of its own names
            // its context ("Data Storage › GCP Cloud Spanner"); under a mere
            // section title it stands alone.
            self.sections.retain(|(l, _, _)| *l < level);
            let parent = self.sections.last().map(|(_, _, cat)| cat.clone());
            let name = match &parent {
                Some(parent)
                    if self
                        .drafts
                        .iter()
                        .any(|d| d.category.as_ref() == Some(parent)) =>
                {
                    format!("{parent} › {text}")
                }
                _ => text.clone(),
            };
            self.outline.push(Section {
                level,
                name: text.clone(),
                parents: self.path(),
                category: parent,
                body: Vec::new(),
            });
            if let Some(id) = &p.id {
                self.declared.push((name.clone(), id.clone()));
            }
            self.category_id.clone_from(&p.id);
            self.sections.push((level, text, name.clone()));
            self.category = Some(name);
        }
    }

    /// The names of the headings the reader is under, outermost first.
    pub(super) fn path(&self) -> Vec<String> {
        self.sections.iter().map(|(_, n, _)| n.clone()).collect()
    }

    pub(super) fn close_question(&mut self) {
        if let Some(q) = self.question.take() {
            self.drafts.push(q);
        }
    }

    /// A top-level list item is complete.
    pub(super) fn close_item(&mut self, node: Node) {
        if let Some(q) = &mut self.question {
            q.description.push(render_node(&node, 0));
            collect_links(&node, &mut q.links);
            return;
        }
        if node.checked.is_some() {
            let at = self.drafts.len();
            self.task_drafts(node, None);
            self.last_task = Some(at);
            return;
        }
        // A plain bullet: an item only if the file has nothing better, but
        // task items under it count, with the bullet as their context.
        let (tasks, children): (Vec<Node>, Vec<Node>) =
            node.children.into_iter().partition(|c| c.checked.is_some());
        let plain = Node {
            checked: None,
            paras: node.paras,
            children,
            line: node.line,
        };
        let context = plain
            .paras
            .first()
            .map(|p| one_line(p.text.lines().next().unwrap_or_default()))
            .filter(|t| !t.is_empty());
        let had_tasks = !tasks.is_empty();
        for t in tasks {
            self.task_drafts(t, context.as_deref());
        }
        if !plain.paras.is_empty() && had_tasks {
            // The bullet names its tasks' context: nothing is dropped.
            let d = self.draft_from(plain);
            self.bullets.push(d);
        } else if !plain.paras.is_empty() {
            let mut links = Vec::new();
            collect_links(&plain, &mut links);
            if self.quote > 0
                && let Some(d) = self.last_task.and_then(|i| self.drafts.get_mut(i))
            {
                // A quoted list of references right after a task.
                d.description.push(render_node(&plain, 0));
                d.links.extend(links);
                return;
            }
            self.last_task = None;
            self.file_block(Block {
                text: render_node(&plain, 0),
                links,
                line: plain.line,
                kind: BlockKind::Bullet,
            });
            let d = self.draft_from(plain);
            self.bullets.push(d);
        }
    }

    /// A task item and, after it, each task nested in it as an item of its
    /// own titled `Parent › child`; other nested lines are its description.
    fn task_drafts(&mut self, node: Node, parent: Option<&str>) {
        let (tasks, children): (Vec<Node>, Vec<Node>) =
            node.children.into_iter().partition(|c| c.checked.is_some());
        let mut d = self.draft_from(Node { children, ..node });
        if let Some(parent) = parent {
            d.title = format!("{parent} › {}", d.title);
        }
        let title = d.title.clone();
        self.drafts.push(d);
        for t in tasks {
            self.task_drafts(t, Some(&title));
        }
    }

    fn draft_from(&mut self, node: Node) -> Draft {
        let mut d = Draft {
            category: self.category.clone(),
            category_id: self.category_id.clone(),
            checked: node.checked,
            shape: ItemShape::Tasks,
            path: self.path(),
            ..Draft::default()
        };
        let mut paras = node.paras.into_iter();
        if let Some(first) = paras.next() {
            d.id = first.id.clone();
            let lines: Vec<&str> = first.text.lines().collect();
            let n = title_lines(&lines, &first.hard);
            // An exported item's title is whole; prose is cut.
            let whole = d.id.is_some();
            set_title(&mut d, &lines[..n].join(" "), whole);
            let marks = (first.text.as_str(), first.emph.as_slice());
            self.fill(&mut d, &lines[n..], first.line + n, &first.links, marks);
        }
        for p in paras {
            if d.id.is_none() {
                d.id.clone_from(&p.id);
            }
            let lines: Vec<&str> = p.text.lines().collect();
            self.fill(&mut d, &lines, p.line, &p.links, (&p.text, &p.emph));
        }
        for child in &node.children {
            d.description.push(render_node(child, 0));
            collect_links(child, &mut d.links);
        }
        d
    }

    /// Reads labelled lines (`Status: …`, `Mitigation: …`) into fields; other
    /// lines are description.
    /// `first_line` is the file line of `lines[0]`, for warnings.
    /// `links` are the paragraph's: evidence if an `Evidence:` line is in
    /// it. `marks` are the paragraph's text (which `lines` are slices of)
    /// and where italics start in it: in our own export only italic labels
    /// are labels.
    pub(super) fn fill(
        &mut self,
        d: &mut Draft,
        lines: &[&str],
        first_line: usize,
        links: &[String],
        marks: (&str, &[usize]),
    ) {
        let exported = self.exported;
        let (base, emph) = marks;
        fn label<'s>(
            seg: &'s str,
            marks: Option<(&str, &[usize])>,
        ) -> Option<(ItemField, &'s str)> {
            let italic = marks.is_none_or(|(base, emph)| {
                let at = (seg.as_ptr() as usize).wrapping_sub(base.as_ptr() as usize);
                emph.contains(&at)
            });
            field_key(seg).filter(|_| italic)
        }
        let marks = exported.then_some((base, emph));
        let label = |seg| label(seg, marks);
        let evidence = lines.iter().any(|l| {
            split_segments(l)
                .iter()
                .any(|s| label(s).is_some_and(|(f, _)| f == ItemField::Evidence))
        });
        // The words of an `Evidence:` line with links are the links' labels.
        self.link_labels = evidence && !links.is_empty();
        let mut plain: Vec<String> = Vec::new();
        // The field being read, its value, and the line it started on.
        let mut current: Option<(ItemField, String, usize)> = None;
        for (n, l) in lines.iter().enumerate() {
            let line = first_line + n;
            let segments = split_segments(l);
            if !segments.iter().any(|s| label(s).is_some()) {
                match &mut current {
                    Some((k, v, _)) if is_long_field(*k) => {
                        // A line of (encoded) spaces is the export's blank line.
                        v.push('\n');
                        v.push_str(if l.trim().is_empty() { "" } else { l });
                    }
                    _ => plain.push((*l).to_owned()),
                }
                continue;
            }
            for (n, seg) in segments.into_iter().enumerate() {
                match label(seg) {
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
                            // A line's first piece keeps its indentation.
                            let start = (seg.as_ptr() as usize).wrapping_sub(l.as_ptr() as usize);
                            let indented = l.get(..start).filter(|_| n == 0).unwrap_or_default();
                            v.push_str(indented);
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
        let text = plain.join("\n");
        let text = text.trim_end().trim_start_matches('\n');
        if !text.trim().is_empty() {
            d.description.push(text.to_owned());
        }
        // Links after the words, so an evidence list keeps its order.
        for link in links {
            if evidence {
                let _ignored = d.fields.add_to_field(ItemField::Evidence, link);
            } else if !d.links.contains(link) {
                d.links.push(link.clone());
            }
        }
    }

    /// Sets a labelled value on the draft; a value the field cannot take
    /// is kept in the notes with a warning naming its line.
    pub(super) fn set(&mut self, d: &mut Draft, field: ItemField, value: &str, line: usize) {
        let value = value.trim();
        // A dash is an empty cell in a table; our own export means it.
        if value.is_empty() || (value == "-" && !self.exported) {
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
                for line in value.lines().filter(|l| !l.trim().is_empty()) {
                    let words: Vec<&str> = line.split_whitespace().collect();
                    // A list (`<a>, <b>`, one token, or all links) holds
                    // entries; prose does not.
                    let listed = words.len() == 1
                        || words[..words.len() - 1].iter().all(|w| w.ends_with(','))
                        || words
                            .iter()
                            .all(|w| looks_like_link(w.trim_end_matches(',')));
                    if listed {
                        for w in words {
                            let w = w.strip_suffix(',').unwrap_or(w);
                            let _ignored = d.fields.add_to_field(field, w);
                        }
                    } else if !self.link_labels {
                        kept(self, d, "is not a list of links");
                    }
                }
            }
            FieldKind::Date => {
                if d.fields.set_field(field, value).is_err() {
                    kept(self, d, "is not a YYYY-MM-DD date");
                }
            }
            FieldKind::Due => {
                if d.fields.set_field(field, value).is_err() {
                    kept(
                        self,
                        d,
                        "is not a YYYY-MM-DD date or T-14 (days before launch)",
                    );
                }
            }
            FieldKind::Interval => {
                if d.fields.set_field(field, value).is_err() {
                    kept(self, d, "is not a re-check interval");
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
}
