//! The outline: the blocks under each heading that no list item or table
//! took, heading-per-check documents (a level of headings that state the
//! checks, prose and code under each), the warnings for blocks that are
//! dropped, and YAML front matter's `title:`.

use super::labels::{one_line, render_snippet};
use super::{Block, BlockKind, Builder, Draft, ItemShape, Section};

/// The `title:` of YAML front matter, unquoted.
pub(super) fn front_matter_title(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|l| {
        let v = l.strip_prefix("title:")?.trim();
        let unquoted = ['"', '\'']
            .into_iter()
            .find_map(|q| v.strip_prefix(q).and_then(|v| v.strip_suffix(q)))
            .unwrap_or(v);
        let title = one_line(unquoted);
        (!title.is_empty()).then_some(title)
    })
}

impl Section {
    /// Prose or code under the heading, more of it than bullets: the
    /// heading states a check and the body explains it.
    fn reads_as_check(&self) -> bool {
        let bullets = self
            .body
            .iter()
            .filter(|b| b.kind == BlockKind::Bullet)
            .count();
        let prose = self.body.len() - bullets;
        prose > 0 && prose >= bullets
    }
}

impl Builder<'_> {
    /// A paragraph or code block outside any list item: the task item it
    /// follows takes it, else it is filed under its heading.
    pub(super) fn attach_or_file(&mut self, block: Block) {
        if let Some(d) = self.last_task.and_then(|i| self.drafts.get_mut(i)) {
            d.description.push(block.text);
            for l in block.links {
                if !d.links.contains(&l) {
                    d.links.push(l);
                }
            }
            return;
        }
        self.file_block(block);
    }

    /// Files a block that no item took under the heading it follows.
    pub(super) fn file_block(&mut self, block: Block) {
        if self.outline.is_empty() {
            // Text before any heading.
            self.outline.push(Section::default());
        }
        if let Some(s) = self.outline.last_mut() {
            s.body.push(block);
        }
    }

    /// The heading level whose headings are the checks of a heading-per-check
    /// document: the deepest level with a heading whose body reads as a
    /// check. Unless `forced`, those headings must sit under a category
    /// heading (a document of sections alone is not a checklist) and at
    /// least two must read as checks.
    fn check_level(&self, forced: bool) -> Option<usize> {
        let level = self
            .outline
            .iter()
            .filter(|s| s.level > 0 && s.reads_as_check() && (forced || s.category.is_some()))
            .map(|s| s.level)
            .max()?;
        let min = if forced { 1 } else { 2 };
        let at_level = self.outline.iter().filter(|s| s.level == level);
        let checks = at_level.clone().filter(|s| s.reads_as_check()).count();
        (checks >= min && checks * 2 >= at_level.count()).then_some(level)
    }

    /// The headings of a heading-per-check document as drafts: under
    /// `--items headings` any level found, under `auto` only when at least
    /// two headings read as checks. Their bodies are used, so later no
    /// warning names them.
    pub(super) fn heading_drafts(&mut self, forced: bool) -> Vec<Draft> {
        let Some(level) = self.check_level(forced) else {
            return Vec::new();
        };
        let mut drafts = Vec::new();
        let sections: Vec<Section> = std::mem::take(&mut self.outline);
        let mut rest = Vec::new();
        for mut s in sections {
            if s.level != level {
                rest.push(s);
                continue;
            }
            let mut d = Draft {
                category: s.category.clone(),
                title: s.name.clone(),
                shape: ItemShape::Headings,
                path: s.parents.clone(),
                ..Draft::default()
            };
            for b in std::mem::take(&mut s.body) {
                let lines: Vec<&str> = b.text.lines().collect();
                if b.kind == BlockKind::Code {
                    d.description.push(b.text.clone());
                    d.links.extend(b.links);
                } else {
                    self.fill(&mut d, &lines, b.line, &b.links, ("", &[]));
                }
            }
            drafts.push(d);
            rest.push(s);
        }
        self.outline = rest;
        drafts
    }

    /// A warning for each block no item took (a line each; plain bullets
    /// once per heading), when `bullets_used` is false for bullets too.
    pub(super) fn warn_dropped(&mut self, bullets_used: bool) {
        let mut warnings = Vec::new();
        for s in &self.outline {
            let under = if s.name.is_empty() {
                "outside any section".to_owned()
            } else {
                format!("under “{}”", s.name)
            };
            let bullets: Vec<&Block> = s
                .body
                .iter()
                .filter(|b| b.kind == BlockKind::Bullet)
                .collect();
            if !bullets_used && let Some(first) = bullets.first() {
                let n = bullets.len();
                let what = if n == 1 { "bullet" } else { "bullets" };
                warnings.push(format!(
                    "line {}: {n} plain {what} {under} not imported (not task items)",
                    first.line
                ));
            }
            for b in s.body.iter().filter(|b| b.kind != BlockKind::Bullet) {
                let what = match b.kind {
                    BlockKind::Code => "code block",
                    _ => "text",
                };
                warnings.push(format!(
                    "line {}: {what} {under} not imported (not part of an item): {}",
                    b.line,
                    render_snippet(&b.text, &b.links)
                ));
            }
        }
        self.warnings.extend(warnings);
    }
}
