//! Reading across reviews: the trend of red and passing items, what changed
//! since the previous review, and the items red at every review (the
//! "still red a quarter later" list). The History panel and the report's
//! review-history section both read these; each takes the workbook's
//! reviews in their order (date order, see [`Workbook::start_review`](crate::model::Workbook::start_review))
//! and uses each review's [`Review::outcome`]: the verdict at its end, or at
//! its start while it is still open.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Decision, Review};

/// One review's point on the trend chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendPoint {
    pub date: NaiveDate,
    pub title: String,
    pub red: usize,
    pub passing: usize,
    /// `None` while the review is open.
    pub decision: Option<Decision>,
}

/// How one review's outcome differs from the previous one's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SincePrevious {
    /// The previous review's title.
    pub previous: String,
    /// Red at the previous review, passing now.
    pub now_passing: Vec<String>,
    /// Passing (or not yet there) at the previous review, red now.
    pub now_red: Vec<String>,
    /// Red at both.
    pub still_red: Vec<String>,
    /// Red now minus red then (negative: fewer).
    pub red_delta: i64,
}

/// Red and passing counts per review, in order.
pub fn trend(reviews: &[Review]) -> Vec<TrendPoint> {
    reviews
        .iter()
        .map(|r| TrendPoint {
            date: r.date,
            title: r.title.clone(),
            red: r.outcome().red,
            passing: r.outcome().passing,
            decision: r.decision(),
        })
        .collect()
}

/// How review `index` differs from the one before it; `None` for the first
/// review or an index out of range.
pub fn since_previous(reviews: &[Review], index: usize) -> Option<SincePrevious> {
    let previous = reviews.get(index.checked_sub(1)?)?;
    let current = reviews.get(index)?;
    let (then, now) = (previous.outcome(), current.outcome());
    let was_red: HashSet<&str> = then.red_items.iter().map(String::as_str).collect();
    let is_red: HashSet<&str> = now.red_items.iter().map(String::as_str).collect();
    let pick = |from: &[String], keep: &dyn Fn(&str) -> bool| -> Vec<String> {
        from.iter().filter(|id| keep(id)).cloned().collect()
    };
    Some(SincePrevious {
        previous: previous.title.clone(),
        now_passing: pick(&then.red_items, &|id| !is_red.contains(id)),
        now_red: pick(&now.red_items, &|id| !was_red.contains(id)),
        still_red: pick(&now.red_items, &|id| was_red.contains(id)),
        red_delta: now.red as i64 - then.red as i64,
    })
}

/// The items red at every review, in the last review's order; empty
/// without reviews.
pub fn red_at_every_review(reviews: &[Review]) -> Vec<String> {
    let Some((last, earlier)) = reviews.split_last() else {
        return Vec::new();
    };
    let sets: Vec<HashSet<&str>> = earlier
        .iter()
        .map(|r| r.outcome().red_items.iter().map(String::as_str).collect())
        .collect();
    last.outcome()
        .red_items
        .iter()
        .filter(|id| sets.iter().all(|s| s.contains(id.as_str())))
        .cloned()
        .collect()
}
