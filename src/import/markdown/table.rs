//! Markdown tables whose rows are checks (the mercari checklists' shape).

use super::labels::{is_check_mark, one_line, set_title};
use super::{Builder, Draft, Table};
use crate::model::ItemField;

impl Builder<'_> {
    pub(super) fn on_table(&mut self, t: Table) {
        let header: Vec<String> = t
            .header
            .iter()
            .map(|c| one_line(&c.text).to_lowercase())
            .collect();
        let find = |words: &[&str]| {
            header
                .iter()
                .position(|h| words.iter().any(|w| h.contains(w)))
        };
        const TITLE: [&str; 8] = [
            "check",
            "item",
            "task",
            "title",
            "requirement",
            "control",
            "question",
            "name",
        ];
        let status_col = find(&["status", "state", "done"]);
        let Some(title_col) = find(&TITLE).or(status_col.map(|_| 0)) else {
            if !t.rows.is_empty() {
                let cols: Vec<&str> = t.header.iter().map(|c| c.text.trim()).collect();
                self.warnings.push(format!(
                    "line {}: table ({}) skipped: no column names a check (Check, Item, Task, Title…)",
                    t.line,
                    cols.join(" | ")
                ));
            }
            return;
        };
        let desc_col = find(&["description", "detail", "summary", "why", "explanation"])
            .filter(|&c| c != title_col);
        let owner_col = find(&["owner", "assignee", "responsible", "who"]);
        let due_col = find(&["due", "deadline", "target date"]);
        let mitigation_col = find(&["mitigation"]);
        let notes_col = find(&["note", "comment"]);
        let used = [
            Some(title_col),
            desc_col,
            status_col,
            owner_col,
            due_col,
            mitigation_col,
            notes_col,
        ];
        for row in t.rows {
            let cell = |c: Option<usize>| {
                c.and_then(|c| row.get(c))
                    .map(|p| p.text.trim().to_owned())
                    .unwrap_or_default()
            };
            let title_cell = row.get(title_col);
            let title = cell(Some(title_col));
            if title.is_empty() {
                continue;
            }
            let line = title_cell.map_or(t.line, |p| p.line);
            let mut d = Draft {
                category: self.category.clone(),
                id: title_cell.and_then(|p| p.id.clone()),
                ..Draft::default()
            };
            set_title(&mut d, &title);
            let desc = cell(desc_col);
            if !desc.is_empty() {
                d.description.push(desc);
            }
            let extra: Vec<String> = header
                .iter()
                .enumerate()
                .filter(|(i, _)| !used.contains(&Some(*i)))
                .filter_map(|(i, _)| {
                    let v = row.get(i).map(|p| p.text.trim()).unwrap_or_default();
                    let name = t
                        .header
                        .get(i)
                        .map(|p| one_line(&p.text))
                        .unwrap_or_default();
                    (!v.is_empty()).then(|| {
                        let v = if is_check_mark(v) { "✓" } else { v };
                        format!("{name}: {v}")
                    })
                })
                .collect();
            if !extra.is_empty() {
                d.description.push(extra.join(" · "));
            }
            if let Some(links) = title_cell.map(|p| &p.links).filter(|l| !l.is_empty()) {
                d.description.push(format!("See: {}", links.join(" ")));
            }
            let status = cell(status_col);
            if is_check_mark(&status) {
                d.checked = Some(true);
            } else {
                self.set(&mut d, ItemField::Status, &status, line);
            }
            self.set(&mut d, ItemField::Owner, &cell(owner_col), line);
            self.set(&mut d, ItemField::Due, &cell(due_col), line);
            self.set(
                &mut d,
                ItemField::MitigationText,
                &cell(mitigation_col),
                line,
            );
            self.set(&mut d, ItemField::Notes, &cell(notes_col), line);
            self.drafts.push(d);
        }
    }
}
