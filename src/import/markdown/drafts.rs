//! What the walker found, made into item drafts: headings become
//! categories or question items, list items become drafts, and labelled
//! lines (`Status: …`, `Owner: …`) fill the drafts' fields.

use super::labels::{
    clean_heading, field_key, is_long_field, is_meta, parse_status, render_node, set_title,
    split_segments,
};
use super::{Builder, Draft, ItemShape, Node, Para};
use crate::model::{FieldKind, ItemField};

impl Builder<'_> {
    pub(super) fn on_heading(&mut self, level: usize, p: Para) {
        self.close_question();
        let text = clean_heading(&p.text);
        if text.is_empty() {
            return;
        }
        if text.ends_with('?') && level >= 3 {
            self.question = Some(Draft {
                category: self.category.clone(),
                title: text,
                shape: ItemShape::Headings,
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

    pub(super) fn close_question(&mut self) {
        if let Some(q) = self.question.take() {
            self.drafts.push(q);
        }
    }

    /// A top-level list item is complete.
    pub(super) fn close_item(&mut self, node: Node) {
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
            shape: ItemShape::Tasks,
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
    pub(super) fn set(&mut self, d: &mut Draft, field: ItemField, value: &str, line: usize) {
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
