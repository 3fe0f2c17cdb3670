//! Making a new workbook from a template: any workbook can serve, and the
//! built-in "Production-ready in 25 items" checklist is one (see
//! `storage::builtin_template`).

use chrono::NaiveDate;

use super::{Item, Mitigation, Status, Workbook};

/// What the new workbook gets instead of the template's own values.
#[derive(Debug, Clone)]
pub struct TemplateOptions {
    pub project: String,
    pub launch: Option<NaiveDate>,
}

impl Workbook {
    /// A new workbook with `template`'s categories and items (IDs, titles and
    /// descriptions, re-check intervals) and none of its progress: every
    /// item not started, unassigned, never verified, with no due date,
    /// mitigation, notes, evidence or conflicts.
    pub fn from_template(template: &Workbook, options: TemplateOptions) -> Workbook {
        let mut wb = template.clone();
        // Exhaustive, like the items below: a new workbook field must say
        // whether a new workbook keeps it.
        let Workbook {
            project,
            description: _,
            launch,
            review,
            people,
            categories: _,
            conflicts,
        } = &mut wb;
        *project = options.project;
        *launch = options.launch;
        *review = None;
        people.clear();
        conflicts.clear();
        for item in wb.categories.iter_mut().flat_map(|c| c.items.iter_mut()) {
            // Exhaustive on purpose: a new field must say here whether it is
            // part of the checklist (kept) or of a team's progress (reset).
            let Item {
                id: _,
                title: _,
                description: _,
                status,
                owner,
                due,
                mitigation,
                notes,
                evidence,
                verified,
                every: _,
                conflicts,
            } = item;
            *status = Status::NotStarted;
            owner.clear();
            *due = None;
            *mitigation = Mitigation::default();
            notes.clear();
            evidence.clear();
            // When a team last checked is progress; how often the
            // checklist asks for a check is part of the checklist.
            *verified = None;
            conflicts.clear();
        }
        wb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_template_keeps_structure_and_drops_progress() {
        let mut t = Workbook::new("Old");
        t.description = "checklist".into();
        let c = t.add_category("Security");
        let loc = t.add_item(c, "Audit logs").unwrap();
        {
            let i = &mut t.categories[0].items[loc.item];
            i.description = "who did what".into();
            i.status = Status::Done;
            i.owner = "Ann".into();
            i.notes = "n".into();
        }
        let wb = Workbook::from_template(
            &t,
            TemplateOptions {
                project: "New".into(),
                launch: NaiveDate::from_ymd_opt(2027, 1, 1),
            },
        );
        assert_eq!(wb.project, "New");
        let i = &wb.categories[0].items[0];
        assert_eq!(
            (i.id.as_str(), i.title.as_str()),
            ("security.audit-logs", "Audit logs")
        );
        assert_eq!(i.description, "who did what");
        assert_eq!(i.status, Status::NotStarted);
        assert!(i.owner.is_empty() && i.notes.is_empty());
    }
}
