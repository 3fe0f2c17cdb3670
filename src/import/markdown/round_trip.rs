//! Export to Markdown, import it back: the same workbook, for every
//! workbook the Markdown can carry — every item field, long titles, runs
//! of spaces, nested lists in descriptions, empty categories, launch and
//! walkthrough dates.
//!
//! What the Markdown does not carry is left out of the generator: the
//! people list, reviews and unresolved merge conflicts (shown, not read
//! back). Text is as the editor and `set` store it: no surrounding
//! whitespace, no control characters, no whitespace-only lines and at most
//! one blank line in a row in multi-line fields; names do not start with an
//! emoji shortcode (`:x:`), which a heading's reader drops.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::export::markdown::to_markdown;
use crate::model::{Category, Due, Interval, Mitigation, Workbook};

/// Characters people type, Markdown's special ones and a few scripts.
const CHARS: &str = "[a-zA-Z0-9.,;:!?'\"()\\[\\]{}#*_`<>|&~\\\\/=+%@^$·éß李✓-]";

fn word() -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{CHARS}{{1,12}}")).unwrap()
}

/// One line: words separated by one or two spaces (double spaces must
/// survive), at most `max` words.
fn line(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop::bool::weighted(0.2)), 1..max).prop_map(|words| {
        let mut out = String::new();
        for (i, (w, double)) in words.into_iter().enumerate() {
            if i > 0 {
                out.push_str(if double { "  " } else { " " });
            }
            out.push_str(&w);
        }
        out
    })
}

fn one_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => line(8),
        // Long titles: once cut with "…" on the way back.
        1 => line(40),
    ]
    .prop_map(|s| s.trim_start_matches(':').trim().to_owned())
    .prop_filter("not empty", |s| !s.is_empty())
}

fn maybe(s: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), s]
}

/// Lines with indentation (lists nested three deep and more), some
/// separated by a blank line.
fn multi_line() -> impl Strategy<Value = String> {
    prop::collection::vec((0usize..4, line(6), prop::bool::weighted(0.2)), 1..6).prop_map(|lines| {
        let mut out = String::new();
        for (i, (depth, text, blank)) in lines.into_iter().enumerate() {
            if i > 0 {
                out.push_str(if blank { "\n\n" } else { "\n" });
            }
            let indent = if i == 0 { 0 } else { depth * 2 };
            let bullet = if depth > 0 { "- " } else { "" };
            out.push_str(&format!("{}{bullet}{text}", " ".repeat(indent)));
        }
        out.trim().to_owned()
    })
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        (2000i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

fn evidence() -> impl Strategy<Value = Vec<String>> {
    let entry = prop_oneof![
        "[a-z0-9/._-]{1,16}".prop_map(|p| format!("https://example.test/{p}")),
        proptest::string::string_regex("[a-zA-Z0-9_.#*<>&\\[\\]-]{1,12}").unwrap(),
    ];
    prop::collection::vec(entry, 0..4).prop_map(|mut v| {
        let mut seen = std::collections::HashSet::new();
        v.retain(|e| seen.insert(e.clone()));
        v
    })
}

fn item(id: String) -> impl Strategy<Value = Item> {
    (
        (
            one_line(),
            maybe(multi_line()),
            prop::sample::select(Status::ALL.to_vec()),
        ),
        (
            maybe(one_line())
                .prop_filter("a real owner", |o| !o.eq_ignore_ascii_case("unassigned")),
            prop_oneof![
                Just(None),
                date().prop_map(|d| d.map(Due::On)),
                (-60i32..60).prop_map(|n| Some(Due::FromLaunch(n))),
            ],
        ),
        (maybe(multi_line()), maybe(one_line()), date()),
        (maybe(multi_line()), evidence(), date()),
        (
            prop_oneof![
                Just(None),
                (1u32..400).prop_map(|n| Some(Interval::Days(n))),
                (1u32..24).prop_map(|n| Some(Interval::Months(n))),
            ],
            maybe(multi_line()),
        ),
    )
        .prop_map(
            move |(
                (title, description, status),
                (owner, due),
                (text, accepted_by, until),
                (notes, evidence, verified),
                (every, reworded),
            )| Item {
                id: id.clone(),
                title,
                description,
                status,
                owner,
                due,
                mitigation: Mitigation {
                    text,
                    accepted_by,
                    until,
                },
                notes,
                evidence,
                verified,
                every,
                reworded,
                conflicts: Vec::new(),
            },
        )
}

fn category(ci: usize) -> impl Strategy<Value = Category> {
    (one_line(), 0usize..4).prop_flat_map(move |(name, n)| {
        let items: Vec<_> = (0..n).map(|ii| item(format!("c{ci}.item-{ii}"))).collect();
        (Just(name), items).prop_map(move |(name, items)| Category {
            id: format!("c{ci}"),
            name,
            items,
        })
    })
}

fn workbook() -> impl Strategy<Value = Workbook> {
    (
        (one_line(), maybe(multi_line()), date(), date()),
        (0usize..4).prop_flat_map(|n| (0..n).map(category).collect::<Vec<_>>()),
    )
        .prop_map(|((project, description, launch, review), categories)| {
            let mut wb = Workbook::new(project);
            wb.description = description;
            wb.launch = launch;
            wb.review = review;
            wb.categories = categories;
            wb
        })
}

fn round_trip(wb: &Workbook) -> (String, Imported) {
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let md = to_markdown(wb, as_of);
    let back = import(md.as_bytes(), None).unwrap_or_else(|e| panic!("{e}\n{md}"));
    (md, back)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn export_md_then_import_md_changes_nothing(wb in workbook()) {
        let (md, back) = round_trip(&wb);
        // The first item that differs, for a readable failure.
        for ((_, a), (_, b)) in back.workbook.items().zip(wb.items()) {
            prop_assert_eq!(a, b, "{}", md);
        }
        prop_assert_eq!(&back.workbook, &wb, "{}", md);
        prop_assert!(back.warnings.is_empty(), "{:?}\n{}", back.warnings, md);
    }
}

#[test]
fn long_titles_double_spaces_and_deep_nesting_come_back() {
    let mut wb = Workbook::new("Launch  review");
    let ci = wb.add_category("Operations  & more");
    let long = "A title that goes on ".repeat(10);
    let mut item = Item {
        id: "ops.long".into(),
        title: format!("{}end", long),
        description: "- level one\n  - level two\n    - level three\n      - level four".into(),
        notes: "Note: not a label\n\n  indented".into(),
        ..Item::default()
    };
    item.evidence = vec!["https://a.test/x".into(), "ticket-7".into()];
    wb.categories[ci].items.push(item);
    let (md, back) = round_trip(&wb);
    assert_eq!(back.workbook, wb, "{md}");
}
