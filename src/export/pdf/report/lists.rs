//! The report's first-page lists: red items, overdue items, mitigations
//! expiring before launch and re-checks due, each capped at
//! [`SUMMARY_LIMIT`] rows with a note of how many more.

use chrono::NaiveDate;

use crate::export::pdf::canvas::{BODY, Block, Doc, SMALL, Style, ink};
use crate::export::pdf::glyphs::Origin;
use crate::export::pdf::item;
use crate::export::pdf::parts::{self, Table};
use crate::model::{ItemCheck, ItemField, RECHECK_WARNING_DAYS, Verdict, Warning, Workbook};

/// Lists on the first pages stop after this many rows; the full checklist
/// that follows has every item, so a 10,000-item report keeps a summary
/// that is still a summary.
const SUMMARY_LIMIT: usize = 40;

fn more_note(doc: &mut Doc, shown: usize, total: usize, what: &str) {
    if total > shown {
        let geo = doc.geo;
        let text = format!(
            "… and {} more {what}: every item is in the full checklist below.",
            total - shown
        );
        let mut block = Block::default();
        block.gap(3.0);
        block.extend(doc.paragraph(geo.left, geo.text_width(), &text, SMALL, Origin::Fixed));
        doc.place(block);
    }
}

fn none_note(doc: &mut Doc, text: &str) {
    let geo = doc.geo;
    let mut block = Block::default();
    block.extend(doc.paragraph(
        geo.left,
        geo.text_width(),
        text,
        BODY.with_color(ink::MUTED),
        Origin::Fixed,
    ));
    doc.place(block);
}

const CELL: Style = Style::new(false, 8.5, ink::TEXT);
const CELL_BOLD: Style = Style::new(true, 8.5, ink::TEXT);

pub(super) fn red_items(doc: &mut Doc, verdict: &Verdict<'_>, as_of: NaiveDate) {
    let total = verdict.red_count();
    parts::heading(
        doc,
        &format!("Red items ({total})"),
        "what blocks the launch",
        40.0,
    );
    if total == 0 {
        none_note(
            doc,
            "None: every item is done, mitigated or not applicable.",
        );
        return;
    }
    let titles = ["Item", "Why it is red", "Owner", "Due"];
    let mut table = Table::new(
        doc,
        &[34.0, 26.0, 20.0, 20.0],
        &[CELL_BOLD, CELL, CELL, CELL],
        &titles,
    );
    for check in verdict.red().take(SUMMARY_LIMIT) {
        let item = check.item;
        let title = format!("{} ({})", item.title, check.category.name);
        let reason = check.red.map(parts::red_text).unwrap_or_default();
        let due = parts::due_text(check, as_of);
        table.row(
            doc,
            &[
                (&title, Origin::Item(&item.id, "title")),
                (&reason, Origin::Fixed),
                (item.owner_or_unassigned(), Origin::Item(&item.id, "owner")),
                (&due, Origin::Fixed),
            ],
            &[
                None,
                Some(ink::RED),
                None,
                check.overdue.then_some(ink::RED),
            ],
        );
    }
    more_note(doc, SUMMARY_LIMIT.min(total), total, "red items");
}

pub(super) fn overdue(doc: &mut Doc, verdict: &Verdict<'_>, as_of: NaiveDate) {
    let total = verdict.overdue().count();
    parts::heading(
        doc,
        &format!("Overdue ({total})"),
        "due before the as-of date and not passing",
        40.0,
    );
    if total == 0 {
        none_note(doc, "None.");
        return;
    }
    let titles = ["Item", "Owner", "Due"];
    let mut table = Table::new(doc, &[46.0, 24.0, 30.0], &[CELL_BOLD, CELL, CELL], &titles);
    for check in verdict.overdue().take(SUMMARY_LIMIT) {
        let item = check.item;
        let due = parts::due_text(check, as_of);
        table.row(
            doc,
            &[
                (&item.title, Origin::Item(&item.id, "title")),
                (item.owner_or_unassigned(), Origin::Item(&item.id, "owner")),
                (&due, Origin::Fixed),
            ],
            &[None, None, Some(ink::RED)],
        );
    }
    more_note(doc, SUMMARY_LIMIT.min(total), total, "overdue items");
}

pub(super) fn expiring(doc: &mut Doc, wb: &Workbook, verdict: &Verdict<'_>) {
    // By ID through a map: a large workbook can have thousands of these.
    let by_id: std::collections::HashMap<&str, &ItemCheck<'_>> = verdict
        .checks
        .iter()
        .map(|c| (c.item.id.as_str(), c))
        .collect();
    let expiring: Vec<(&ItemCheck<'_>, NaiveDate)> = verdict
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::MitigationExpiresBeforeLaunch { id, until, .. } => {
                by_id.get(id.as_str()).map(|c| (*c, *until))
            }
            Warning::RecheckDue { .. } | Warning::DueWithoutLaunch { .. } => None,
        })
        .collect();
    let total = expiring.len();
    let aside = match wb.launch {
        Some(l) => format!("they end before launch on {l}"),
        None => String::new(),
    };
    parts::heading(
        doc,
        &format!("Mitigations expiring before launch ({total})"),
        &aside,
        40.0,
    );
    if total == 0 {
        none_note(
            doc,
            if wb.launch.is_some() {
                "None."
            } else {
                "None (no launch date is set)."
            },
        );
        return;
    }
    let titles = ["Item", "Until", "Accepted by", "Mitigation"];
    let mut table = Table::new(
        doc,
        &[28.0, 14.0, 18.0, 40.0],
        &[CELL_BOLD, CELL, CELL, CELL],
        &titles,
    );
    for (check, until) in expiring.iter().take(SUMMARY_LIMIT) {
        let item = check.item;
        let expired = *until < verdict.as_of;
        let until = if expired {
            format!("{until} (expired)")
        } else {
            until.to_string()
        };
        table.row(
            doc,
            &[
                (&item.title, Origin::Item(&item.id, "title")),
                (&until, Origin::Fixed),
                (
                    &item.mitigation.accepted_by,
                    Origin::Item(&item.id, "accepted by"),
                ),
                (&item.mitigation.text, Origin::Item(&item.id, "mitigation")),
            ],
            &[
                None,
                Some(if expired { ink::RED } else { ink::AMBER }),
                None,
                None,
            ],
        );
    }
    more_note(doc, SUMMARY_LIMIT.min(total), total, "expiring mitigations");
}

/// Done items whose re-check falls due soon (see `Warning::RecheckDue`);
/// only in workbooks where some item has an interval, so a team that does
/// not use re-checks is not shown an empty section.
pub(super) fn rechecks_due(doc: &mut Doc, wb: &Workbook, verdict: &Verdict<'_>) {
    if !wb.items().any(|(_, i)| i.every.is_some()) {
        return;
    }
    let due: Vec<(&str, NaiveDate)> = verdict
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::RecheckDue { id, due, .. } => Some((id.as_str(), *due)),
            Warning::MitigationExpiresBeforeLaunch { .. } | Warning::DueWithoutLaunch { .. } => {
                None
            }
        })
        .collect();
    let total = due.len();
    let aside =
        format!("done items to re-check before launch or within {RECHECK_WARNING_DAYS} days");
    parts::heading(doc, &format!("Re-checks due ({total})"), &aside, 40.0);
    if total == 0 {
        none_note(doc, "None.");
        return;
    }
    let titles = ["Item", "Due by", "Last verified", "Owner"];
    let mut table = Table::new(
        doc,
        &[46.0, 16.0, 16.0, 22.0],
        &[CELL_BOLD, CELL, CELL, CELL],
        &titles,
    );
    for (id, due) in due.iter().take(SUMMARY_LIMIT) {
        let Some(item) = wb.item(id) else { continue };
        let verified = item::value(item, ItemField::Verified);
        table.row(
            doc,
            &[
                (&item.title, Origin::Item(&item.id, "title")),
                (&due.to_string(), Origin::Fixed),
                (&verified, Origin::Fixed),
                (item.owner_or_unassigned(), Origin::Item(&item.id, "owner")),
            ],
            &[None, Some(ink::AMBER), None, None],
        );
    }
    more_note(doc, SUMMARY_LIMIT.min(total), total, "re-checks due");
}
