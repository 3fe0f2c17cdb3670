//! The items a presentation walks through, in file order, and how the keys
//! step along them.
//!
//! The walk is taken when the presenter view opens or `R` toggles red
//! only, then kept: an item set to done during a red-only walk stays in
//! it (shown passing), so "13 of 25" does not jump under the team's eyes
//! and stepping back finds the item where it was.

use chrono::NaiveDate;

use crate::model::Workbook;

/// Where a key moves in the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Next,
    Previous,
    First,
    Last,
}

/// The item IDs walked: every item, or the red ones as of `today`.
pub fn walk(wb: &Workbook, red_only: bool, today: NaiveDate) -> Vec<String> {
    wb.items()
        .filter(|(_, item)| !red_only || !item.passes(today))
        .map(|(_, item)| item.id.clone())
        .collect()
}

/// The position `step` leads to from `at` in a walk of `len` items; it
/// stops at the ends. From nowhere (the item shown is not in the walk),
/// next and first lead to the first item, previous and last to the last.
pub fn step(at: Option<usize>, len: usize, step: Step) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match (step, at) {
        (Step::First, _) | (Step::Next, None) => 0,
        (Step::Last, _) | (Step::Previous, None) => last,
        (Step::Next, Some(p)) => (p + 1).min(last),
        (Step::Previous, Some(p)) => p.saturating_sub(1).min(last),
    })
}

/// Where the walk picks up on entering: the item `from` (the one selected
/// in the table) if walked, else the first walked item after it in file
/// order, else the first. `order` lists every item ID in file order.
pub fn start_at(walk: &[String], order: &[&str], from: Option<&str>) -> Option<usize> {
    if walk.is_empty() {
        return None;
    }
    let Some(from) = from else { return Some(0) };
    if let Some(p) = walk.iter().position(|id| id == from) {
        return Some(p);
    }
    let after = order
        .iter()
        .skip_while(|id| **id != from)
        .find_map(|id| walk.iter().position(|w| w == id));
    Some(after.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn steps_stop_at_the_ends() {
        assert_eq!(step(Some(0), 3, Step::Next), Some(1));
        assert_eq!(step(Some(2), 3, Step::Next), Some(2));
        assert_eq!(step(Some(1), 3, Step::Previous), Some(0));
        assert_eq!(step(Some(0), 3, Step::Previous), Some(0));
        assert_eq!(step(Some(1), 3, Step::First), Some(0));
        assert_eq!(step(Some(1), 3, Step::Last), Some(2));
    }

    #[test]
    fn from_nowhere_forward_keys_start_and_backward_keys_end() {
        assert_eq!(step(None, 3, Step::Next), Some(0));
        assert_eq!(step(None, 3, Step::First), Some(0));
        assert_eq!(step(None, 3, Step::Previous), Some(2));
        assert_eq!(step(None, 3, Step::Last), Some(2));
    }

    #[test]
    fn an_empty_walk_goes_nowhere() {
        for s in [Step::Next, Step::Previous, Step::First, Step::Last] {
            assert_eq!(step(None, 0, s), None);
            assert_eq!(step(Some(0), 0, s), None);
        }
    }

    #[test]
    fn a_position_past_a_shrunk_walk_is_brought_in() {
        assert_eq!(step(Some(9), 3, Step::Previous), Some(2));
        assert_eq!(step(Some(9), 3, Step::Next), Some(2));
    }

    #[test]
    fn the_walk_starts_at_the_selected_item_or_the_next_walked_one() {
        let order = ["a", "b", "c", "d"];
        let walk = ids(&["b", "d"]);
        assert_eq!(start_at(&walk, &order, Some("d")), Some(1));
        assert_eq!(start_at(&walk, &order, Some("c")), Some(1), "next after c");
        assert_eq!(start_at(&walk, &order, Some("a")), Some(0));
        assert_eq!(start_at(&ids(&["a", "b"]), &order, Some("d")), Some(0));
        assert_eq!(start_at(&walk, &order, None), Some(0));
        assert_eq!(start_at(&walk, &order, Some("gone")), Some(0));
        assert_eq!(start_at(&[], &order, Some("a")), None);
    }

    #[test]
    fn red_only_walks_the_items_that_block_the_launch() {
        let mut wb = Workbook::new("P");
        let c = wb.add_category("Ops");
        for title in ["One", "Two", "Three"] {
            wb.add_item(c, title);
        }
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        wb.categories[0].items[1].set_status(Status::Done, today);
        let all: Vec<String> = wb.items().map(|(_, i)| i.id.clone()).collect();
        assert_eq!(walk(&wb, false, today), all);
        assert_eq!(walk(&wb, true, today), vec![all[0].clone(), all[2].clone()]);
    }
}
