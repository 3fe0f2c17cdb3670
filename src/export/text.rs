//! A stable, line-per-field rendering of a workbook for `git diff`
//! (`shipshape show`, configured as the textconv by `shipshape git setup`).
//!
//! Every item line starts with the item's ID, so a changed line in
//! `git log -p` says which item it belongs to without scrolling up. Empty
//! fields are left out, multi-line text is written on one line with `\n`,
//! and the order is the file's order, so the same workbook always renders
//! the same text.

use std::fmt::Write as _;

use crate::model::{ItemField, Workbook, WorkbookField};

pub fn render(wb: &Workbook) -> String {
    let mut out = String::new();
    for field in WorkbookField::ALL {
        let value = field.get(wb);
        if !value.is_empty() || field == WorkbookField::Project {
            let _ = writeln!(out, "{}: {}", field.name(), one_line(&value));
        }
    }
    for k in &wb.conflicts {
        let _ = writeln!(
            out,
            "CONFLICT {}: ours {} | theirs {}",
            k.field,
            one_line(&k.ours),
            one_line(&k.theirs)
        );
    }
    for p in &wb.people {
        let _ = writeln!(
            out,
            "person: {} | {} | {}",
            one_line(&p.name),
            one_line(&p.role),
            one_line(&p.email)
        );
    }
    for c in &wb.categories {
        let _ = writeln!(out, "\n## {} [{}]", one_line(&c.name), c.id);
        for i in &c.items {
            out.push('\n');
            for f in ItemField::ALL {
                let value = match f.links(i) {
                    Some(links) => links.join(" "),
                    None => f.get(i),
                };
                if !value.is_empty() || matches!(f, ItemField::Status | ItemField::Title) {
                    let _ = writeln!(out, "{} {f}: {}", i.id, one_line(&value));
                }
            }
            for k in &i.conflicts {
                let _ = writeln!(
                    out,
                    "{} CONFLICT {}: ours {} | theirs {}",
                    i.id,
                    k.field,
                    one_line(&k.ours),
                    one_line(&k.theirs)
                );
            }
        }
    }
    out
}

/// Line breaks and tabs escaped so one field stays on one line.
fn one_line(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
        .replace('\t', "\\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_field_edit_changes_one_line_that_names_the_item() {
        let wb = crate::storage::builtin_template();
        let before = render(&wb);
        let mut edited = wb.clone();
        edited.item_mut("reliability.slos").unwrap().status = crate::model::Status::Done;
        edited.item_mut("reliability.slos").unwrap().notes = "a\nb".into();
        let after = render(&edited);
        let removed: Vec<_> = before
            .lines()
            .filter(|l| !after.lines().any(|a| a == *l))
            .collect();
        let added: Vec<_> = after
            .lines()
            .filter(|l| !before.lines().any(|b| b == *l))
            .collect();
        assert_eq!(removed, ["reliability.slos status: not-started"]);
        assert_eq!(
            added,
            [
                "reliability.slos status: done",
                "reliability.slos notes: a\\nb"
            ]
        );
        assert_eq!(render(&wb), before, "stable");
    }

    #[test]
    fn workbook_conflicts_are_one_line_each_after_the_header() {
        let mut wb = crate::storage::builtin_template();
        wb.conflicts.push(crate::model::Conflict {
            field: "project".into(),
            ours: "A\nB".into(),
            theirs: "C".into(),
        });
        let text = render(&wb);
        let at = text
            .find("\nCONFLICT project: ours A\\nB | theirs C\n")
            .expect(&text);
        assert!(at < text.find("\n## ").unwrap(), "before the categories");
    }
}
