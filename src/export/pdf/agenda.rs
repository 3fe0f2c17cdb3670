//! The walkthrough's agenda: which items the meeting must talk about, in
//! which order, and what to say about each (the markers printed on the
//! item's block). Pure, so the order is tested without a PDF.
//!
//! The agenda lists, numbered from 1: overdue items (the longest overdue
//! first), the other red items, mitigations that pass today but lapse
//! before launch (the soonest first), and done items whose re-check falls
//! due before launch (the soonest first); within a kind, in checklist
//! order. Every other item passes and is only confirmed.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::{RedReason, Verdict, Warning};

/// Something the meeting must hear about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    /// Due `days` before the as-of date and still red.
    Overdue { days: i64 },
    /// Why the item blocks the launch.
    Red(RedReason),
    /// Passes today, but its mitigation is accepted only until a day
    /// before the launch.
    Lapses { until: NaiveDate, launch: NaiveDate },
    /// Done, but to be re-checked by `due` (before launch, or soon).
    RecheckDue { due: NaiveDate },
}

impl Marker {
    /// The marker as printed: short, and in capitals where the meeting must
    /// not miss it.
    pub fn text(self) -> String {
        match self {
            Self::Overdue { days } => {
                format!("OVERDUE by {days} day{}", if days == 1 { "" } else { "s" })
            }
            Self::Red(reason) => format!("Red: {reason}"),
            Self::Lapses { until, launch } => {
                format!("Mitigation lapses before launch: accepted until {until}, launch {launch}")
            }
            Self::RecheckDue { due } => format!("Re-check due by {due}"),
        }
    }

    /// Whether the marker blocks the launch today (printed red), rather
    /// than warning about what will (printed amber).
    pub fn blocks(self) -> bool {
        match self {
            Self::Overdue { .. } | Self::Red(_) => true,
            Self::Lapses { .. } | Self::RecheckDue { .. } => false,
        }
    }
}

/// One item on the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// 1 for the first item to discuss.
    pub number: usize,
    /// The item's index in the verdict's checks.
    pub check: usize,
    pub markers: Vec<Marker>,
}

/// The items to discuss, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Agenda {
    pub entries: Vec<Entry>,
    /// Entry index by check index.
    by_check: HashMap<usize, usize>,
    /// How many items the verdict has.
    total: usize,
}

impl Agenda {
    pub fn of(verdict: &Verdict<'_>) -> Self {
        let index: HashMap<&str, usize> = verdict
            .checks
            .iter()
            .enumerate()
            .map(|(i, c)| (c.item.id.as_str(), i))
            .collect();
        let mut markers: Vec<Vec<Marker>> = vec![Vec::new(); verdict.checks.len()];
        for (i, check) in verdict.checks.iter().enumerate() {
            if let (true, Some(due)) = (check.overdue, check.due) {
                let days = (verdict.as_of - due).num_days();
                markers[i].push(Marker::Overdue { days });
            }
            if let Some(reason) = check.red {
                markers[i].push(Marker::Red(reason));
            }
        }
        for warning in &verdict.warnings {
            let marker = match *warning {
                Warning::MitigationExpiresBeforeLaunch { until, launch, .. } => {
                    Marker::Lapses { until, launch }
                }
                Warning::RecheckDue { due, .. } => Marker::RecheckDue { due },
                Warning::DueWithoutLaunch { .. } => continue,
            };
            if let Some(&i) = index.get(warning.item_id()) {
                markers[i].push(marker);
            }
        }
        let mut order: Vec<(usize, Vec<Marker>)> = markers
            .into_iter()
            .enumerate()
            .filter(|(_, m)| !m.is_empty())
            .collect();
        order.sort_by_key(|(i, m)| (urgency(m), *i));
        let entries: Vec<Entry> = order
            .into_iter()
            .enumerate()
            .map(|(n, (check, markers))| Entry {
                number: n + 1,
                check,
                markers,
            })
            .collect();
        let by_check = entries
            .iter()
            .enumerate()
            .map(|(e, entry)| (entry.check, e))
            .collect();
        Self {
            entries,
            by_check,
            total: verdict.checks.len(),
        }
    }

    /// The agenda entry of check `check`, if it is on the agenda.
    pub fn entry(&self, check: usize) -> Option<&Entry> {
        self.by_check.get(&check).and_then(|&e| self.entries.get(e))
    }

    /// How many items are not on the agenda (they pass, nothing lapses).
    pub fn passing(&self) -> usize {
        self.total - self.entries.len()
    }
}

/// Sort key of an item's markers: overdue (longest first), red, lapsing
/// (soonest first), re-check due (soonest first).
fn urgency(markers: &[Marker]) -> (u8, i64) {
    let mut key = (u8::MAX, 0);
    for m in markers {
        let k = match *m {
            Marker::Overdue { days } => (0, -days),
            Marker::Red(_) => (1, 0),
            Marker::Lapses { until, .. } => (2, day_number(until)),
            Marker::RecheckDue { due } => (3, day_number(due)),
        };
        key = key.min(k);
    }
    key
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date))
}

#[cfg(test)]
mod tests;
