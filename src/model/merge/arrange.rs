//! Where things go in the merged workbook: categories and the items in each
//! ordered by whichever side reordered them, with what only the other side
//! has placed right after the element it follows there.

use std::collections::{HashMap, HashSet};

use super::find_cat;
use crate::model::{Category, Item, Workbook};

/// The kept categories in merged order, each holding its merged items in
/// merged order.
pub(super) fn arrange(
    base: &Workbook,
    ours: &Workbook,
    theirs: &Workbook,
    mut categories: HashMap<String, Category>,
    items: &mut HashMap<String, (Item, String)>,
) -> Vec<Category> {
    let cat_ids =
        |w: &Workbook| -> Vec<String> { w.categories.iter().map(|c| c.id.clone()).collect() };
    let keep_cats: HashSet<String> = categories.keys().cloned().collect();
    let cat_order = merge_order(&cat_ids(base), &cat_ids(ours), &cat_ids(theirs), &keep_cats);
    let items_in = |w: &Workbook, cat: &str| -> Vec<String> {
        find_cat(w, cat).map_or_else(Vec::new, |c| c.items.iter().map(|i| i.id.clone()).collect())
    };
    let mut members: HashMap<String, HashSet<String>> = HashMap::new();
    for (id, (_, cat)) in items.iter() {
        members.entry(cat.clone()).or_default().insert(id.clone());
    }
    let mut out = Vec::with_capacity(cat_order.len());
    for cid in cat_order {
        let Some(mut cat) = categories.remove(&cid) else {
            continue;
        };
        let keep = members.remove(&cid).unwrap_or_default();
        let order = merge_order(
            &items_in(base, &cid),
            &items_in(ours, &cid),
            &items_in(theirs, &cid),
            &keep,
        );
        cat.items = order
            .iter()
            .filter_map(|id| items.remove(id).map(|(item, _)| item))
            .collect();
        out.push(cat);
    }
    out
}

/// Orders the elements of `keep`: the side that reordered what it shares
/// with `base` gives the order (ours when both did), and elements only the
/// other side has go right after the element they follow there.
fn merge_order(
    base: &[String],
    ours: &[String],
    theirs: &[String],
    keep: &HashSet<String>,
) -> Vec<String> {
    let (skeleton, other) = if reordered(base, theirs) && !reordered(base, ours) {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut out: Vec<String> = skeleton
        .iter()
        .filter(|x| keep.contains(*x))
        .cloned()
        .collect();
    let mut placed: HashSet<String> = out.iter().cloned().collect();
    for (idx, id) in other.iter().enumerate() {
        if !keep.contains(id) || placed.contains(id) {
            continue;
        }
        let after = other[..idx]
            .iter()
            .rev()
            .find(|p| placed.contains(*p))
            .and_then(|p| out.iter().position(|x| x == p));
        let at = after.map_or(0, |i| i + 1);
        out.insert(at, id.clone());
        placed.insert(id.clone());
    }
    out
}

/// Whether `side` changed the relative order of the elements it shares with
/// `base`.
fn reordered(base: &[String], side: &[String]) -> bool {
    let in_side: HashSet<&String> = side.iter().collect();
    let in_base: HashSet<&String> = base.iter().collect();
    let b = base.iter().filter(|x| in_side.contains(x));
    let s = side.iter().filter(|x| in_base.contains(x));
    !b.eq(s)
}
