//! Making a new workbook from a template: any workbook can serve, and the
//! built-in "Production-ready in 25 items" checklist is one (see
//! `storage::builtin_template`).

use chrono::NaiveDate;

use super::{Item, Workbook};

/// What the new workbook gets instead of the template's own values.
#[derive(Debug, Clone)]
pub struct TemplateOptions {
    pub project: String,
    pub launch: Option<NaiveDate>,
}

impl Workbook {
    /// A new workbook with `template`'s categories and items (IDs and the
    /// checklist part, see [`Item::take_checklist`]) and none of its
    /// progress: every item not started, unassigned, never verified, with
    /// no due date, mitigation, notes, evidence, flag or conflicts.
    pub fn from_template(template: &Workbook, options: TemplateOptions) -> Workbook {
        let mut wb = template.clone();
        // Exhaustive, like `Item::take_checklist`: a new workbook field must say
        // whether a new workbook keeps it.
        let Workbook {
            project,
            description: _,
            launch,
            review,
            people,
            categories: _,
            conflicts,
            reviews,
        } = &mut wb;
        *project = options.project;
        *launch = options.launch;
        *review = None;
        people.clear();
        conflicts.clear();
        // The template's meetings are not the new project's.
        reviews.clear();
        for item in wb.categories.iter_mut().flat_map(|c| c.items.iter_mut()) {
            let mut fresh = Item {
                id: std::mem::take(&mut item.id),
                ..Item::default()
            };
            fresh.take_checklist(item);
            *item = fresh;
        }
        wb
    }
}

impl Item {
    /// Puts `template`'s checklist part into this item and leaves the
    /// team's progress alone. This is the one place that splits an item's
    /// fields between the checklist and the team: a new workbook is
    /// progress-free items with the template's checklist part
    /// ([`Workbook::from_template`]), and a template upgrade puts the new
    /// checklist part into the team's items (`model::upgrade`).
    ///
    /// The checklist part is the wording (title and description) and the
    /// re-check interval the checklist asks for. An item the template does
    /// not re-check keeps an interval the team chose itself: the template
    /// has nothing to say about it, and dropping a re-check would turn a
    /// stricter team's item green unseen.
    pub fn take_checklist(&mut self, template: &Item) {
        // Exhaustive on purpose: a new field must say here whether it is
        // part of the checklist (taken) or of a team's progress (kept).
        let Item {
            id: _,
            title,
            description,
            status: _,
            owner: _,
            due: _,
            mitigation: _,
            notes: _,
            evidence: _,
            // When a team last checked is progress; how often the
            // checklist asks for a check is part of the checklist.
            verified: _,
            every,
            // The team's own confirmation of the wording: the upgrade
            // decides it, comparing the old wording with the new.
            reworded: _,
            conflicts: _,
        } = self;
        title.clone_from(&template.title);
        description.clone_from(&template.description);
        if template.every.is_some() {
            *every = template.every;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

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
