//! Merging the reviews of two branches, by review ID, as items merge: a
//! review only one side added is kept; one side's edit wins over the
//! other's silence; title, date, decision and conditions that both sides
//! set differently keep ours and record a `review.ID.FIELD` conflict on the
//! workbook. Attendees, actions and approvers merge as sets (what either
//! side added is in; an attendee both sides changed differently is kept
//! once, ours). The result is in date order, ours first on a tie.

use std::collections::HashSet;

use super::{MergeConflict, Pick, merge_set, pick3, record_workbook};
use crate::model::review::{ReviewField, review_field_name};
use crate::model::{Attendee, Review, SignOff, Workbook};

/// Merges the three sides' reviews into `wb.reviews`.
pub(super) fn merge_reviews(
    base: &Workbook,
    ours: &Workbook,
    theirs: &Workbook,
    wb: &mut Workbook,
    conflicts: &mut Vec<MergeConflict>,
    notes: &mut Vec<String>,
) {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for id in ours.reviews.iter().chain(&theirs.reviews).map(|r| &r.id) {
        if !seen.insert(id.as_str()) {
            continue;
        }
        let (b, o, t) = (base.review(id), ours.review(id), theirs.review(id));
        let merged = match (o, t) {
            (Some(o), Some(t)) => Some(merge_review(b, o, t, wb, conflicts)),
            (Some(one), None) | (None, Some(one)) => match b {
                // Removed on one side, untouched on the other: gone.
                Some(b) if b == one => None,
                Some(_) => {
                    notes.push(format!(
                        "review `{id}` was removed on one side and changed on the other: kept"
                    ));
                    Some(one.clone())
                }
                None => Some(one.clone()),
            },
            (None, None) => None,
        };
        out.extend(merged);
    }
    out.sort_by_key(|r| r.date);
    if out.iter().filter(|r| r.is_open()).count() > 1 {
        notes.push(
            "both sides started a review: more than one is open now; `shipshape review end` ends the latest".into(),
        );
    }
    wb.reviews = out;
}

fn merge_review(
    base: Option<&Review>,
    ours: &Review,
    theirs: &Review,
    wb: &mut Workbook,
    conflicts: &mut Vec<MergeConflict>,
) -> Review {
    let mut review = ours.clone();
    if let Pick::Agreed(kept) = pick3(base, ours, theirs) {
        kept.clone_into(&mut review);
        return review;
    }
    review.sign_off = merge_sign_off(base, ours, theirs);
    for field in ReviewField::ALL {
        let [o, t] = [ours, theirs].map(|r| field.get(r));
        let b = base.map(|b| field.get(b));
        match pick3(b.as_ref(), &o, &t) {
            Pick::Agreed(v) if *v == o => {}
            Pick::Agreed(_) => field.copy(&mut review, theirs),
            Pick::Conflict => {
                let name = review_field_name(&ours.id, field);
                record_workbook(wb, &name, &o, &t, conflicts);
            }
        }
    }
    let empty = Review {
        attendees: Vec::new(),
        actions: Vec::new(),
        start: Vec::new(),
        ..ours.clone()
    };
    let base = base.unwrap_or(&empty);
    review.attendees = once_per_name(merge_set(
        &base.attendees,
        &ours.attendees,
        &theirs.attendees,
    ));
    review.actions = merge_set(&base.actions, &ours.actions, &theirs.actions);
    // What the review recorded when it started and ended: the same on both
    // sides unless both started or ended it, then ours (the conflicts on
    // its decision say so).
    if let Pick::Agreed(v) = pick3(Some(&base.before), &ours.before, &theirs.before) {
        v.clone_into(&mut review.before);
    }
    if let Pick::Agreed(v) = pick3(Some(&base.start), &ours.start, &theirs.start) {
        v.clone_into(&mut review.start);
    }
    if let Pick::Agreed(v) = pick3(Some(&base.changes), &ours.changes, &theirs.changes) {
        v.clone_into(&mut review.changes);
    }
    if let Pick::Agreed(v) = pick3(Some(&base.after), &ours.after, &theirs.after) {
        v.clone_into(&mut review.after);
    }
    review
}

/// The side that ended the review wins over one that did not; both ended:
/// ours, with the approvers merged as a set (decision and conditions are
/// merged by [`merge_review`] as fields).
fn merge_sign_off(base: Option<&Review>, ours: &Review, theirs: &Review) -> Option<SignOff> {
    match (&ours.sign_off, &theirs.sign_off) {
        (None, None) => None,
        (Some(one), None) | (None, Some(one)) => Some(one.clone()),
        (Some(o), Some(t)) => {
            let b = base.and_then(|b| b.sign_off.as_ref());
            let approvers = merge_set(
                b.map_or(&[][..], |b| &b.approvers),
                &o.approvers,
                &t.approvers,
            );
            Some(SignOff {
                approvers,
                ..o.clone()
            })
        }
    }
}

/// The first attendee of each name (ignoring case): two sides that changed
/// one person differently would otherwise list them twice.
fn once_per_name(attendees: Vec<Attendee>) -> Vec<Attendee> {
    let mut seen = HashSet::new();
    attendees
        .into_iter()
        .filter(|a| seen.insert(a.name.trim().to_lowercase()))
        .collect()
}
