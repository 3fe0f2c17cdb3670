//! Which items the table lists: text search, owner, status, category,
//! "overdue only", "red only", "re-check due only" and "merge conflicts
//! only". Pure, so it is tested without a window.

use chrono::NaiveDate;

use crate::model::{ItemLocation, Status, Workbook};

/// Owner filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum OwnerFilter {
    #[default]
    Anyone,
    Unassigned,
    Named(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Case-insensitive; matched against ID, title, owner, description,
    /// notes and mitigation.
    pub text: String,
    pub owner: OwnerFilter,
    pub status: Option<Status>,
    pub category: Option<usize>,
    pub overdue_only: bool,
    pub red_only: bool,
    /// Items with an unresolved merge conflict.
    pub conflicts_only: bool,
    /// Done items whose re-check is overdue or falls due soon (see
    /// [`Item::recheck`](crate::model::Item::recheck)).
    pub recheck_only: bool,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// Locations of the items that pass, in file order.
    pub fn apply(&self, wb: &Workbook, today: NaiveDate) -> Vec<ItemLocation> {
        let needle = self.text.trim().to_lowercase();
        let mut out = Vec::new();
        for (ci, cat) in wb.categories.iter().enumerate() {
            if self.category.is_some_and(|c| c != ci) {
                continue;
            }
            for (ii, item) in cat.items.iter().enumerate() {
                let owner_ok = match &self.owner {
                    OwnerFilter::Anyone => true,
                    OwnerFilter::Unassigned => item.owner.trim().is_empty(),
                    OwnerFilter::Named(n) => {
                        item.owner.trim().eq_ignore_ascii_case(n.trim())
                            || item.owner.trim() == n.trim()
                    }
                };
                let keep = owner_ok
                    && self.status.is_none_or(|s| s == item.status)
                    && (!self.red_only || !item.passes(today))
                    && (!self.overdue_only || item.is_overdue(today, wb.launch))
                    && (!self.conflicts_only || !item.conflicts.is_empty())
                    && (!self.recheck_only || item.recheck(today, wb.launch).is_some())
                    && (needle.is_empty() || text_matches(&needle, item, &cat.name));
                if keep {
                    out.push(ItemLocation {
                        category: ci,
                        item: ii,
                    });
                }
            }
        }
        out
    }
}

fn text_matches(needle: &str, item: &crate::model::Item, category: &str) -> bool {
    [
        item.id.as_str(),
        item.title.as_str(),
        item.owner.as_str(),
        item.description.as_str(),
        item.notes.as_str(),
        item.mitigation.text.as_str(),
        item.mitigation.accepted_by.as_str(),
        category,
    ]
    .iter()
    .any(|f| contains_ci(f, needle))
}

/// `needle` must already be lower-case. Nothing is copied: a field may be
/// a 60 MB log, searched again on every edit while a search is active.
fn contains_ci(haystack: &str, needle: &str) -> bool {
    if haystack.is_ascii() && needle.is_ascii() {
        return haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
    }
    let Some(first) = needle.chars().next().map(fold) else {
        return true;
    };
    haystack.char_indices().any(|(at, c)| {
        c.to_lowercase().next().map(fold) == Some(first) && starts_with_ci(&haystack[at..], needle)
    })
}

/// Whether `text`, lower-cased character by character, starts with
/// `needle` (lower-case).
fn starts_with_ci(text: &str, needle: &str) -> bool {
    let mut lowered = text.chars().flat_map(char::to_lowercase).map(fold);
    needle.chars().map(fold).all(|n| lowered.next() == Some(n))
}

/// Lower-casing a whole string writes a word-final sigma as "ς", one
/// character at a time always "σ": both count as one.
fn fold(c: char) -> char {
    if c == 'ς' { 'σ' } else { c }
}

/// Known owners that complete `typed` (case-insensitive prefix first, then
/// substring), leaving out an exact match.
pub fn owner_suggestions<'a>(known: &'a [String], typed: &str, max: usize) -> Vec<&'a str> {
    let t = typed.trim().to_lowercase();
    let mut prefix = Vec::new();
    let mut inner = Vec::new();
    for name in known {
        let n = name.to_lowercase();
        if n == t {
            continue;
        }
        if n.starts_with(&t) {
            prefix.push(name.as_str());
        } else if !t.is_empty() && n.contains(&t) {
            inner.push(name.as_str());
        }
    }
    prefix.extend(inner);
    prefix.truncate(max);
    prefix
}

/// What Enter in a person field completes the typed text to: the first
/// person the workbook knows whose name it begins (or contains), unless it
/// already is the name of someone `known_elsewhere` (the field's own text,
/// applied as it was typed, is in `known` too). `O`, `p`, Enter assigns
/// Priya: 3 keys, not 7.
pub fn completion<'a>(
    known: &'a [String],
    typed: &str,
    known_elsewhere: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    let t = typed.trim();
    if t.is_empty() || known_elsewhere(t) {
        return None;
    }
    owner_suggestions(known, t, 1).first().copied()
}

/// Evidence links open only with these schemes: a workbook arrives by
/// email, and a `file:` or `javascript:` link in it must not run anything.
pub fn is_openable_link(link: &str) -> bool {
    let l = link.trim().to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://") || l.starts_with("mailto:"))
        && !l.chars().any(char::is_whitespace)
        && l.len() > "mailto:".len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Workbook;

    fn wb() -> Workbook {
        let mut wb = Workbook::new("P");
        let c = wb.add_category("Security");
        wb.add_item(c, "Secrets rotated");
        wb.add_item(c, "Audit logs");
        let d = wb.add_category("Ops");
        wb.add_item(d, "Runbooks");
        let items = &mut wb.categories[0].items;
        items[0].status = Status::Done;
        items[0].owner = "Ann".into();
        items[1].owner = "Bob".into();
        items[1].due = NaiveDate::from_ymd_opt(2026, 1, 1).map(crate::model::Due::On);
        wb.categories[1].items[0].notes = "Pager rota".into();
        wb
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
    }

    fn titles(f: &Filter) -> Vec<String> {
        let wb = wb();
        f.apply(&wb, today())
            .into_iter()
            .map(|l| wb.item_at(l).unwrap().title.clone())
            .collect()
    }

    #[test]
    fn no_filter_lists_everything_in_order() {
        assert_eq!(
            titles(&Filter::default()),
            ["Secrets rotated", "Audit logs", "Runbooks"]
        );
    }

    #[test]
    fn text_matches_notes_and_ignores_case() {
        let f = Filter {
            text: "PAGER".into(),
            ..Filter::default()
        };
        assert_eq!(titles(&f), ["Runbooks"]);
    }

    #[test]
    fn red_overdue_owner_and_status_combine() {
        let red = Filter {
            red_only: true,
            ..Filter::default()
        };
        assert_eq!(titles(&red), ["Audit logs", "Runbooks"]);
        let overdue = Filter {
            overdue_only: true,
            ..Filter::default()
        };
        assert_eq!(titles(&overdue), ["Audit logs"]);
        let unassigned = Filter {
            owner: OwnerFilter::Unassigned,
            ..Filter::default()
        };
        assert_eq!(titles(&unassigned), ["Runbooks"]);
        let done_by_ann = Filter {
            owner: OwnerFilter::Named("ann".into()),
            status: Some(Status::Done),
            ..Filter::default()
        };
        assert_eq!(titles(&done_by_ann), ["Secrets rotated"]);
        let ops = Filter {
            category: Some(1),
            ..Filter::default()
        };
        assert_eq!(titles(&ops), ["Runbooks"]);
    }

    #[test]
    fn conflicts_only_lists_items_with_a_merge_conflict() {
        let mut wb = wb();
        wb.categories[1].items[0]
            .conflicts
            .push(crate::model::Conflict {
                field: "owner".into(),
                ours: "Ann".into(),
                theirs: "Bob".into(),
            });
        let f = Filter {
            conflicts_only: true,
            ..Filter::default()
        };
        let listed = f.apply(&wb, today());
        assert_eq!(
            listed,
            [ItemLocation {
                category: 1,
                item: 0
            }]
        );
    }

    #[test]
    fn search_ignores_case_in_any_script_without_copying() {
        assert!(contains_ci("Überprüfung der Logs", "über"));
        assert!(contains_ci("ÉTÉ À PARIS", "à paris"));
        assert!(contains_ci("Straße", "straße"));
        assert!(!contains_ci("Straße", "strasse"));
        assert!(contains_ci("日本語のメモ", "メモ"));
        assert!(!contains_ci("日本語", "メモ"));
        assert!(contains_ci("Ärger", ""));
        assert!(contains_ci("ΟΔΟΣ ΑΘΗΝΑ", &"ΟΔΟΣ".to_lowercase()));
        let log = "é".repeat(1_000_000) + "Needle";
        assert!(contains_ci(&log, "needle"));
    }

    #[test]
    fn recheck_only_lists_done_items_due_for_a_recheck() {
        let mut wb = wb();
        let quarterly = "quarterly".parse().ok();
        // Verified long ago: overdue. Verified yesterday: not due for months.
        let items = &mut wb.categories[0].items;
        items[0].every = quarterly;
        items[0].verified = NaiveDate::from_ymd_opt(2025, 6, 1);
        items[1].every = quarterly;
        items[1].status = Status::Done;
        items[1].verified = NaiveDate::from_ymd_opt(2026, 1, 31);
        let f = Filter {
            recheck_only: true,
            ..Filter::default()
        };
        let titles = |wb: &Workbook| -> Vec<String> {
            f.apply(wb, today())
                .into_iter()
                .map(|l| wb.item_at(l).unwrap().title.clone())
                .collect()
        };
        assert_eq!(titles(&wb), ["Secrets rotated"]);
        // Due by 2026-04-30, before a launch in May: due soon.
        wb.launch = NaiveDate::from_ymd_opt(2026, 5, 1);
        assert_eq!(titles(&wb), ["Secrets rotated", "Audit logs"]);
    }

    #[test]
    fn enter_completes_to_the_first_suggestion_but_keeps_a_known_name() {
        let known = vec!["Alice".to_owned(), "Malik".to_owned(), "Bob".to_owned()];
        let nowhere = |_: &str| false;
        assert_eq!(completion(&known, "al", nowhere), Some("Alice"));
        assert_eq!(completion(&known, " ik ", nowhere), Some("Malik"));
        let bob = |n: &str| n.eq_ignore_ascii_case("bob");
        assert_eq!(completion(&known, "bob", bob), None, "already a known name");
        assert_eq!(completion(&known, "Zed", nowhere), None, "a new person");
        assert_eq!(completion(&known, "  ", nowhere), None);
    }

    #[test]
    fn owner_suggestions_prefer_prefixes() {
        let known = vec!["Alice".to_owned(), "Malik".to_owned(), "Bob".to_owned()];
        assert_eq!(owner_suggestions(&known, "al", 5), ["Alice", "Malik"]);
        assert_eq!(owner_suggestions(&known, "alice", 5), Vec::<&str>::new());
        assert_eq!(owner_suggestions(&known, "", 2), ["Alice", "Malik"]);
    }

    #[test]
    fn only_web_and_mail_links_open() {
        assert!(is_openable_link("https://example.com/runbook"));
        assert!(is_openable_link("mailto:ops@example.com"));
        assert!(!is_openable_link("file:///etc/passwd"));
        assert!(!is_openable_link("javascript:alert(1)"));
        assert!(!is_openable_link("mailto:"));
        assert!(!is_openable_link("https://exa mple.com"));
    }
}
