//! Synthetic workbooks of any size, for benchmarks and tests: realistic
//! field lengths, every status, some owners, due dates, mitigations and
//! re-check intervals.

use chrono::NaiveDate;

use super::{Category, Due, Interval, Item, Mitigation, Status, Workbook};

/// A workbook with `items` items in categories of 25, filled in the way a
/// team mid-review would have it.
pub fn synthetic(items: usize) -> Workbook {
    let owners = ["Zoë Łukasz", "李雷", "Ayşe Öztürk", "Sam Patel", ""];
    let base = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default();
    let mut wb = Workbook::new("Synthetic");
    wb.description = format!("{items} generated items");
    wb.launch = Some(base);
    wb.categories = (0..items.div_ceil(25))
        .map(|c| Category {
            id: format!("cat{c}"),
            name: format!("Category {c}"),
            items: (0..25.min(items - c * 25))
                .map(|i| {
                    let n = c * 25 + i;
                    let status = Status::ALL[n % 5];
                    Item {
                        id: format!("cat{c}.item-{i}"),
                        title: format!("Check number {n}: the service does what it says"),
                        description: "A one-or-two sentence explanation of what done means for this item, long enough to wrap.".into(),
                        status,
                        owner: owners[n % owners.len()].into(),
                        due: base.checked_sub_signed(chrono::Duration::days((n % 60) as i64)).map(Due::On),
                        mitigation: if matches!(status, Status::Mitigated | Status::NotApplicable) {
                            Mitigation {
                                text: "Manual failover documented; accepted for the first month.".into(),
                                accepted_by: "Ayşe Öztürk".into(),
                                until: base.checked_add_signed(chrono::Duration::days(30)),
                            }
                        } else {
                            Mitigation::default()
                        },
                        notes: if n % 3 == 0 { "Discussed in the walkthrough.\nFollow up next week.".into() } else { String::new() },
                        evidence: if n % 4 == 0 { vec![format!("https://example.com/evidence/{n}")] } else { Vec::new() },
                        verified: (status == Status::Done).then(|| base.checked_sub_signed(chrono::Duration::days(30))).flatten(),
                        // Every other done item is re-checked quarterly, due well after launch.
                        every: (n % 10 == 2).then_some(Interval::Months(3)),
                        reworded: String::new(),
                        conflicts: Vec::new(),
                    }
                })
                .collect(),
        })
        .collect();
    wb
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_has_the_asked_size_and_is_valid() {
        for n in [0, 1, 25, 26, 1000] {
            let wb = super::synthetic(n);
            assert_eq!(wb.item_count(), n);
            wb.validate().unwrap();
        }
    }
}
