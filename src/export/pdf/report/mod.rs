//! The status report: a first page that answers "can we launch?" — the
//! verdict, counts, progress per category, what is red, overdue or about to
//! lapse — then every item in full for whoever wants the detail.

use chrono::NaiveDate;

use super::canvas::{BODY, Block, Doc, H1, Row, SMALL, Style, TITLE, ink};
use super::glyphs::Origin;
use super::item;
use super::parts;
use crate::model::{ItemCheck, ItemField, Status, Verdict, Workbook};

mod lists;
mod review;

pub(super) use review::Reviews;

pub(super) fn layout(doc: &mut Doc, wb: &Workbook, as_of: NaiveDate, reviews: &Reviews) {
    let verdict = wb.verdict(as_of);
    title(doc, wb, as_of);
    banner(doc, &verdict);
    counts(doc, &verdict);
    progress(doc, wb, &verdict);
    lists::red_items(doc, &verdict, as_of);
    lists::overdue(doc, &verdict, as_of);
    lists::expiring(doc, wb, &verdict);
    lists::rechecks_due(doc, wb, &verdict);
    review::history(doc, &reviews.history);
    checklist(doc, wb, &verdict, as_of);
    review::sign_off(doc, wb, reviews);
}

fn title(doc: &mut Doc, wb: &Workbook, as_of: NaiveDate) {
    let geo = doc.geo;
    let mut block = Block::default();
    let mut kicker = parts::kicker(doc, "READINESS REPORT");
    kicker.outline(0, "Summary");
    block.push(kicker);
    block.extend(doc.paragraph(
        geo.left,
        geo.text_width(),
        &wb.project,
        H1,
        Origin::Workbook("project name"),
    ));
    let launch = match wb.launch {
        Some(l) => {
            let days = (l - as_of).num_days();
            let when = match days {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                d if d > 1 => format!("in {d} days"),
                -1 => "yesterday".to_owned(),
                d => format!("{} days ago", -d),
            };
            format!("Launch {l} ({when})")
        }
        None => "No launch date set".to_owned(),
    };
    let facts = format!("As of {as_of} · {launch} · {} items", wb.item_count());
    block.gap(3.0);
    block.extend(doc.paragraph(
        geo.left,
        geo.text_width(),
        &facts,
        BODY.with_color(ink::MUTED),
        Origin::Fixed,
    ));
    if !wb.description.trim().is_empty() {
        block.gap(4.0);
        block.extend(doc.paragraph(
            geo.left,
            geo.text_width(),
            &wb.description,
            BODY,
            Origin::Workbook("description"),
        ));
    }
    block.gap(12.0);
    doc.place(block);
}

fn banner(doc: &mut Doc, verdict: &Verdict<'_>) {
    let geo = doc.geo;
    let ready = verdict.ready();
    let (fill, text) = if ready {
        (
            ink::GREEN,
            format!(
                "All {} items pass as of {}.",
                verdict.checks.len(),
                verdict.as_of
            ),
        )
    } else if verdict.checks.is_empty() {
        (
            ink::RED,
            "The workbook has no items, so nothing shows it is ready.".to_owned(),
        )
    } else {
        let red = verdict.red_count();
        (
            ink::RED,
            format!(
                "{red} of {} items block the launch; they are listed below.",
                verdict.checks.len()
            ),
        )
    };
    let big = Style::new(true, 20.0, ink::WHITE);
    let small = Style::new(false, 10.0, ink::WHITE);
    let mut row = Row::new(56.0);
    row.rect(geo.left, 0.0, geo.text_width(), 52.0, Some(fill), None);
    doc.text_at(
        &mut row,
        (geo.left + 14.0, 8.0),
        geo.text_width() - 28.0,
        &verdict.headline(),
        big,
        Origin::Fixed,
    );
    doc.text_at(
        &mut row,
        (geo.left + 14.0, 33.0),
        geo.text_width() - 28.0,
        &text,
        small,
        Origin::Fixed,
    );
    let mut block = Block::default();
    block.push(row);
    block.gap(10.0);
    doc.place(block);
}

fn counts(doc: &mut Doc, verdict: &Verdict<'_>) {
    let geo = doc.geo;
    let cell_w = geo.text_width() / 5.0;
    let mut row = Row::new(44.0);
    for (i, (status, n)) in verdict.counts.iter().enumerate() {
        let x = geo.left + cell_w * i as f32;
        row.rect(x + 2.0, 0.0, cell_w - 4.0, 38.0, Some(ink::TINT), None);
        doc.text_at(
            &mut row,
            (x + 10.0, 4.0),
            cell_w - 16.0,
            &n.to_string(),
            Style::new(true, 16.0, ink::TEXT),
            Origin::Fixed,
        );
        doc.text_at(
            &mut row,
            (x + 10.0, 24.0),
            cell_w - 16.0,
            status.label(),
            SMALL,
            Origin::Fixed,
        );
    }
    let mut block = Block::default();
    block.push(row);
    doc.place(block);
}

fn progress(doc: &mut Doc, wb: &Workbook, verdict: &Verdict<'_>) {
    let geo = doc.geo;
    parts::heading(
        doc,
        "Progress by category",
        "items that pass (done, mitigated or not applicable)",
        16.0,
    );
    let name_w = 150.0;
    let count_w = 70.0;
    let bar_x = geo.left + name_w;
    let bar_w = geo.text_width() - name_w - count_w;
    for cat in &wb.categories {
        let (pass, total) = verdict.category_progress(cat);
        let mut row = Row::new(17.0);
        doc.text_at(
            &mut row,
            (geo.left, 2.0),
            name_w - 10.0,
            &cat.name,
            BODY,
            Origin::Category(&cat.id),
        );
        row.rect(
            bar_x,
            4.0,
            bar_w,
            9.0,
            Some(ink::TINT),
            Some((ink::RULE, 0.5)),
        );
        if total > 0 && pass > 0 {
            let color = if pass == total {
                ink::GREEN
            } else {
                ink::AMBER
            };
            row.rect(
                bar_x,
                4.0,
                bar_w * pass as f32 / total as f32,
                9.0,
                Some(color),
                None,
            );
        }
        doc.text_right(
            &mut row,
            geo.right,
            2.0,
            &format!("{pass} of {total}"),
            BODY,
        );
        let mut block = Block::default();
        block.push(row);
        doc.place(block);
    }
}

fn checklist(doc: &mut Doc, wb: &Workbook, verdict: &Verdict<'_>, as_of: NaiveDate) {
    doc.new_page();
    let geo = doc.geo;
    let mut block = Block::default();
    let mut kicker = parts::kicker(doc, "FULL CHECKLIST");
    kicker.outline(0, "Full checklist");
    block.push(kicker);
    let all = format!("All {} items", wb.item_count());
    block.extend(doc.paragraph(geo.left, geo.text_width(), &all, H1, Origin::Fixed));
    doc.place(block);
    let mut checks = verdict.checks.iter().peekable();
    for cat in &wb.categories {
        let (pass, total) = verdict.category_progress(cat);
        let mut first = true;
        while let Some(check) = checks.next_if(|c| std::ptr::eq(c.category, cat)) {
            let block = item_block(doc, check, as_of);
            if first {
                let next = parts::keep_with(doc, &block);
                parts::user_heading(
                    doc,
                    (&cat.name, Origin::Category(&cat.id)),
                    &format!("{pass} of {total} pass"),
                    next,
                    1,
                );
                first = false;
            }
            doc.place(block);
        }
        if first {
            let name = (cat.name.as_str(), Origin::Category(&cat.id));
            parts::user_heading(doc, name, "no items", 0.0, 1);
        }
    }
}

/// Where the item's text starts, right of its status label.
const ITEM_INDENT: f32 = 84.0;

fn item_block(doc: &mut Doc, check: &ItemCheck<'_>, as_of: NaiveDate) -> Block {
    let geo = doc.geo;
    let item = check.item;
    let col = (geo.left + ITEM_INDENT, geo.text_width() - ITEM_INDENT);
    let mut block = Block::default();
    block.gap(8.0);
    // The colour says whether it passes; the "Blocks the launch" line says why not.
    block.extend(item::title(doc, item, col, TITLE, |doc, row| {
        let status = match item.status {
            Status::NotApplicable => "N/A".to_owned(),
            s => s.label().to_uppercase(),
        };
        let color = parts::status_color(check);
        parts::pill(
            doc,
            row,
            (geo.left, 0.5),
            ITEM_INDENT - 10.0,
            &status,
            color,
        );
        if !check.passes() {
            row.outline(2, &item.title);
        }
    }));
    block.gap(1.5);
    block.extend(summary_line(doc, check, col, as_of));
    let red = Style::new(true, 8.5, ink::RED);
    block.extend(item::red_line(doc, check, col, "Blocks the launch", red));
    let description = item::text(doc, item, ItemField::Description, col, BODY);
    if !description.is_empty() {
        block.gap(3.0);
        block.extend(description);
    }
    if item.has_mitigation() {
        block.gap(5.0);
        block.extend(mitigation_box(doc, check, col));
    }
    item::labelled_text(doc, &mut block, item, ItemField::Notes, col, 5.0, BODY);
    item::evidence(doc, &mut block, item, col, 5.0);
    item::conflicts(doc, &mut block, item, col);
    item::end(doc, &mut block, 8.0);
    block
}

/// "ID … · Owner: … · Due: …", small, under the title.
fn summary_line(
    doc: &mut Doc,
    check: &ItemCheck<'_>,
    (x, w): item::Column,
    as_of: NaiveDate,
) -> Vec<Row> {
    let item = check.item;
    let mut meta = vec![format!("ID {}", item.id)];
    let owner = item::label(ItemField::Owner);
    meta.push(format!("{owner}: {}", item.owner_or_unassigned()));
    if item.due.is_some() {
        let due = item::label(ItemField::Due);
        meta.push(format!("{due}: {}", parts::due_text(check, as_of)));
    }
    for field in [ItemField::Verified, ItemField::Every] {
        let value = item::value(item, field);
        if !value.is_empty() {
            meta.push(format!("{}: {value}", item::label(field)));
        }
    }
    let origin = item::origin(item, ItemField::Owner);
    doc.paragraph(x, w, &meta.join("   ·   "), SMALL, origin)
}

/// The mitigation (or why the item does not apply), who accepted it until
/// when, on a tint with a bar that is amber while it holds, red when not.
fn mitigation_box(doc: &mut Doc, check: &ItemCheck<'_>, (x, w): item::Column) -> Vec<Row> {
    let item = check.item;
    let inside = (x + 10.0, w - 20.0);
    let label = if item.status == Status::NotApplicable {
        "WHY NOT APPLICABLE".to_owned()
    } else {
        item::label(ItemField::MitigationText).to_uppercase()
    };
    let mut accepted = Vec::new();
    let by = item::value(item, ItemField::MitigationAcceptedBy);
    if !by.is_empty() {
        accepted.push(format!("accepted by {by}"));
    }
    let until = item::value(item, ItemField::MitigationUntil);
    if !until.is_empty() {
        accepted.push(format!("until {until}"));
    }
    let mut inner = vec![parts::label_row(doc, inside.0, inside.1, &label)];
    if !accepted.is_empty() {
        let origin = item::origin(item, ItemField::MitigationAcceptedBy);
        let text = accepted.join(" ");
        inner.extend(doc.paragraph(inside.0, inside.1, &text, SMALL, origin));
    }
    inner.extend(item::text(
        doc,
        item,
        ItemField::MitigationText,
        inside,
        BODY,
    ));
    let accent = if check.passes() { ink::AMBER } else { ink::RED };
    parts::tinted(inner, x, w, ink::AMBER_TINT, Some(accent), 5.0)
}
