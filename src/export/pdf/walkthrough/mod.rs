//! The walkthrough checklist: printed before the review meeting and written
//! on during it. What the workbook knows is printed; what it does not is a
//! line or a box to fill in by hand.

mod block;

use chrono::NaiveDate;

use super::agenda::Agenda;
use super::canvas::{BODY, Block, Doc, H1, LABEL, Row, Style, ink};
use super::glyphs::Origin;
use super::nav::{Area, Mark};
use super::parts::{self, Table};
use super::signoff::{self, SignOff};
use crate::model::{Verdict, Workbook};

const ATTENDEE_LINES: usize = 10;

pub(super) fn layout(doc: &mut Doc, wb: &Workbook, as_of: NaiveDate) {
    let verdict = wb.verdict(as_of);
    let agenda = Agenda::of(&verdict);
    let people = attendees_of(wb);
    cover(doc, wb, as_of, &verdict.headline(), &people);
    doc.new_page();
    agenda_table(doc, &verdict, &agenda);
    let mut checks = verdict.checks.iter().enumerate().peekable();
    for cat in &wb.categories {
        let mut first = true;
        while let Some((i, check)) = checks.next_if(|(_, c)| std::ptr::eq(c.category, cat)) {
            let block = block::item_block(doc, check, agenda.entry(i), i);
            if first {
                let next = parts::keep_with(doc, &block);
                let n = cat.items.len();
                let aside = format!("{n} item{}", if n == 1 { "" } else { "s" });
                let name = (cat.name.as_str(), Origin::Category(&cat.id));
                parts::user_heading(doc, name, &aside, next, 0);
                first = false;
            }
            doc.place(block);
        }
        if first {
            let name = (cat.name.as_str(), Origin::Category(&cat.id));
            parts::user_heading(doc, name, "no items", 0.0, 0);
        }
    }
    signoff::layout(
        doc,
        &SignOff {
            min_rows: people.len().max(ATTENDEE_LINES),
            intro: "We walked through every item above. The decision agreed at the review:"
                .to_owned(),
            ..SignOff::default()
        },
    );
}

/// Who is expected at the meeting: name and role. The open review's
/// attendees (else the last review's), else the workbook's people.
fn attendees_of(wb: &Workbook) -> Vec<(String, String)> {
    let review = wb.open_review().or(wb.reviews.last());
    match review {
        Some(r) if !r.attendees.is_empty() => r
            .attendees
            .iter()
            .map(|a| (a.name.clone(), a.role.clone()))
            .collect(),
        _ => wb
            .people
            .iter()
            .map(|p| (p.name.clone(), p.role.clone()))
            .collect(),
    }
}

/// "Label: value" with a line under the value, or just the line; the value
/// starts at least `min_label_w` after `x`, so stacked fields align.
pub(super) fn field(
    doc: &mut Doc,
    row: &mut Row,
    (x, top): (f32, f32),
    w: f32,
    (label, min_label_w): (&str, f32),
    value: &str,
    origin: Origin<'_>,
) {
    let lw = doc
        .text_at(row, (x, top + 2.0), w, label, LABEL, Origin::Fixed)
        .max(min_label_w);
    let vx = x + lw + 6.0;
    if !value.trim().is_empty() {
        doc.text_at(row, (vx + 2.0, top), w - lw - 8.0, value, BODY, origin);
    }
    parts::write_line(
        row,
        vx,
        (w - lw - 12.0).max(10.0),
        top + BODY.leading() + 1.0,
    );
}

/// The first page: what is reviewed, who is there, and the rule to apply.
fn cover(
    doc: &mut Doc,
    wb: &Workbook,
    as_of: NaiveDate,
    headline: &str,
    people: &[(String, String)],
) {
    cover_title(doc, wb, as_of, headline);
    attendees(doc, people);
    parts::heading(doc, "How to use this checklist", "", 40.0);
    let geo = doc.geo;
    let mut block = Block::default();
    block.extend(doc.paragraph(geo.left, geo.text_width(), RULE, BODY, Origin::Fixed));
    doc.place(block);
}

/// The launch rule, as the people in the meeting apply it.
const RULE: &str = "Walk through the agenda first: the items it numbers are red, overdue, or pass \
                    today but lapse before launch. An item passes when it is done, or ships with a \
                    written mitigation that someone accepted until a date not yet past, or does \
                    not apply and the reason is written down; anything else is red. \
                    \"Claimed\" is ticked where the workbook says the item passes as of the date \
                    above; tick \"confirmed\" only when the meeting has seen it pass (and its \
                    evidence, where there is any). Write the owner, due date and decision of \
                    every red item, and the mitigation and who accepted it until when in the box.";

/// The project, its description, and the dates and counts the meeting
/// starts from.
fn cover_title(doc: &mut Doc, wb: &Workbook, as_of: NaiveDate, headline: &str) {
    let geo = doc.geo;
    let w = geo.text_width();
    let mut block = Block::default();
    block.push(parts::kicker(doc, "PRODUCTION-READINESS WALKTHROUGH"));
    let project = Origin::Workbook("project name");
    block.extend(doc.paragraph(geo.left, w, &wb.project, H1, project));
    if !wb.description.trim().is_empty() {
        block.gap(4.0);
        let origin = Origin::Workbook("description");
        block.extend(doc.paragraph(geo.left, w, &wb.description, BODY, origin));
    }
    block.gap(18.0);

    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let facts: [(&str, String); 4] = [
        ("Launch date", date(wb.launch)),
        ("Review date", date(wb.review_date())),
        ("Printed as of", as_of.to_string()),
        (
            "Checklist",
            format!(
                "{} items in {} categories — {headline}",
                wb.item_count(),
                wb.categories.len()
            ),
        ),
    ];
    for (name, value) in facts {
        let mut row = Row::new(24.0);
        let place = (geo.left, 4.0);
        field(
            doc,
            &mut row,
            place,
            w * 0.75,
            (name, 62.0),
            &value,
            Origin::Fixed,
        );
        block.push(row);
    }
    doc.place(block);
}

/// A line per expected attendee and blank ones for guests, each with a
/// box to tick who is present.
fn attendees(doc: &mut Doc, people: &[(String, String)]) {
    parts::heading(doc, "Attendees", "tick who is present", 30.0);
    let geo = doc.geo;
    let w = geo.text_width();
    let col_name = w * 0.45;
    let col_role = w * 0.40;
    let n = (people.len() + 3).max(ATTENDEE_LINES);
    let origin = Origin::Workbook("people");
    for i in 0..n {
        let mut row = Row::new(24.0);
        row.checkbox(geo.left, 9.0, 10.0, false, ink::TEXT);
        let (name, role) = people
            .get(i)
            .map_or(("", ""), |(n, r)| (n.as_str(), r.as_str()));
        let at = (geo.left + 18.0, 6.0);
        field(
            doc,
            &mut row,
            at,
            col_name - 24.0,
            ("Name", 0.0),
            name,
            origin,
        );
        let at = (geo.left + col_name, 6.0);
        field(doc, &mut row, at, col_role, ("Role", 0.0), role, origin);
        let mut block = Block::default();
        block.push(row);
        doc.place(block);
    }
}

const CELL: Style = Style::new(false, 8.5, ink::TEXT);
const CELL_BOLD: Style = Style::new(true, 8.5, ink::TEXT);

/// The agenda: the items to discuss, numbered, with why and the page their
/// block is on (a link to it); then how many others pass.
fn agenda_table(doc: &mut Doc, verdict: &Verdict<'_>, agenda: &Agenda) {
    let n = agenda.entries.len();
    let aside = match n {
        0 => String::new(),
        1 => "1 item to discuss".to_owned(),
        n => format!("{n} items to discuss, most urgent first"),
    };
    parts::heading(doc, "Agenda", &aside, 40.0);
    if n == 0 {
        note(
            doc,
            "Nothing to discuss: every item passes and no mitigation lapses before launch.",
        );
        return;
    }
    let titles = ["#", "Item", "Why it is on the agenda", "Owner", "Page"];
    let styles = [CELL_BOLD, CELL_BOLD, CELL, CELL, CELL];
    let mut table = Table::new(doc, &[5.0, 37.0, 37.0, 14.0, 7.0], &styles, &titles);
    let geo = doc.geo;
    for entry in &agenda.entries {
        let Some(check) = verdict.checks.get(entry.check) else {
            continue;
        };
        let item = check.item;
        let why: Vec<String> = entry.markers.iter().map(|m| m.text()).collect();
        let blocks = entry.markers.iter().any(|m| m.blocks());
        let title = format!("{}\nID {}", item.title, item.id);
        let page_ref = Mark::PageRef {
            key: entry.check,
            area: Area {
                x: geo.left,
                y: 0.0,
                w: geo.text_width(),
                h: CELL.leading(),
            },
            right: geo.right,
            top: 0.0,
            style: CELL,
        };
        table.row_marked(
            doc,
            &[
                (&entry.number.to_string(), Origin::Fixed),
                (&title, Origin::Item(&item.id, "title")),
                (&why.join("\n"), Origin::Fixed),
                (item.owner_or_unassigned(), Origin::Item(&item.id, "owner")),
                ("", Origin::Fixed),
            ],
            &[
                None,
                None,
                Some(if blocks { ink::RED } else { ink::AMBER }),
                None,
                None,
            ],
            vec![page_ref],
        );
    }
    let passing = agenda.passing();
    if passing > 0 {
        let s = if passing == 1 { " passes" } else { "s pass" };
        note(
            doc,
            &format!(
                "The other {passing} item{s} as of {}: confirm each with a tick on its page; they follow in their categories.",
                verdict.as_of
            ),
        );
    }
}

fn note(doc: &mut Doc, text: &str) {
    let geo = doc.geo;
    let mut block = Block::default();
    block.gap(4.0);
    block.extend(doc.paragraph(
        geo.left,
        geo.text_width(),
        text,
        BODY.with_color(ink::MUTED),
        Origin::Fixed,
    ));
    doc.place(block);
}
