//! Property tests: every workbook survives model → RON → model and re-saves
//! byte-identically; no bytes, arbitrary or mangled, panic the parser.

use super::*;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 .,:;!?'\"\\\\/()\\[\\]{}#-]{0,30}",
        any::<String>().prop_map(|s| s.chars().take(30).collect()),
        Just("Zoë Łukasz 李雷 Ayşe Öztürk Ω ✓\n\r\t\u{0}\u{200b}".to_owned()),
    ]
}

fn date() -> impl Strategy<Value = Option<chrono::NaiveDate>> {
    prop_oneof![
        Just(None),
        (-5000i32..9000, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

/// A due date: none, a day, or days from the launch (which makes the file
/// version 2).
fn due() -> impl Strategy<Value = Option<crate::model::Due>> {
    use crate::model::{Due, MAX_LAUNCH_OFFSET_DAYS};
    let max = MAX_LAUNCH_OFFSET_DAYS.cast_signed();
    prop_oneof![
        date().prop_map(|d| d.map(Due::On)),
        (-max..=max).prop_map(|n| Some(Due::FromLaunch(n))),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn item() -> impl Strategy<Value = Item> {
    (
        (text(), text(), text(), status(), text(), due()),
        (
            text(),
            text(),
            date(),
            text(),
            prop::collection::vec(text(), 0..3),
        ),
        (date(), interval(), text()),
        prop::collection::vec(conflict(), 0..2),
    )
        .prop_map(
            |(
                (id, title, description, status, owner, due),
                (m, by, until, notes, evidence),
                (verified, every, reworded),
                conflicts,
            )| Item {
                id,
                title,
                description,
                status,
                owner,
                due,
                mitigation: Mitigation {
                    text: m,
                    accepted_by: by,
                    until,
                },
                notes,
                evidence,
                verified,
                every,
                reworded,
                conflicts,
            },
        )
}

fn interval() -> impl Strategy<Value = Option<crate::model::Interval>> {
    use crate::model::Interval;
    prop_oneof![
        Just(None),
        (1u32..=36_500).prop_map(|n| Some(Interval::Days(n))),
        (1u32..=1_200).prop_map(|n| Some(Interval::Months(n))),
    ]
}

fn conflict() -> impl Strategy<Value = Conflict> {
    (text(), text(), text()).prop_map(|(field, ours, theirs)| Conflict {
        field,
        ours,
        theirs,
    })
}

fn review() -> impl Strategy<Value = crate::model::Review> {
    use crate::model::{
        Approver, Attendee, Decision, FieldChange, ItemAction, ItemChanges, ItemSnapshot, Review,
        SignOff, Tally,
    };
    let day = (1i32..9000, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default());
    let tally = || {
        (0usize..50, 0usize..50, prop::collection::vec(text(), 0..3)).prop_map(
            |(red, passing, red_items)| Tally {
                red,
                passing,
                red_items,
            },
        )
    };
    let sign_off = (
        prop::sample::select(Decision::ALL.to_vec()),
        text(),
        prop::collection::vec((text(), text(), date()), 0..3),
    )
        .prop_map(|(decision, conditions, approvers)| SignOff {
            decision,
            conditions,
            approvers: approvers
                .into_iter()
                .map(|(name, role, date)| Approver { name, role, date })
                .collect(),
        });
    (
        (
            text(),
            day,
            text(),
            prop::collection::vec((text(), text(), any::<bool>()), 0..3),
        ),
        (
            tally(),
            prop::collection::vec((text(), text(), text()), 0..3),
        ),
        (
            prop::collection::vec((text(), text(), text(), date()), 0..3),
            prop::collection::vec((text(), text(), text(), text(), text()), 0..3),
            prop::option::of(tally()),
            prop::option::of(sign_off),
        ),
    )
        .prop_map(
            |(
                (id, date, title, attendees),
                (before, start),
                (actions, changes, after, sign_off),
            )| {
                Review {
                    id: format!("r{id}"),
                    date,
                    title,
                    attendees: attendees
                        .into_iter()
                        .map(|(name, role, present)| Attendee {
                            name,
                            role,
                            present,
                        })
                        .collect(),
                    before,
                    start: start
                        .into_iter()
                        .map(|(item, field, value)| ItemSnapshot {
                            item,
                            fields: [(field, value)].into_iter().collect(),
                        })
                        .collect(),
                    actions: actions
                        .into_iter()
                        .map(|(item, text, owner, due)| ItemAction {
                            item,
                            text,
                            owner,
                            due,
                        })
                        .collect(),
                    changes: changes
                        .into_iter()
                        .map(|(item, title, field, before, after)| ItemChanges {
                            item,
                            title,
                            fields: vec![FieldChange {
                                field,
                                before,
                                after,
                            }],
                        })
                        .collect(),
                    after,
                    sign_off,
                }
            },
        )
}

fn workbook() -> impl Strategy<Value = crate::model::Workbook> {
    (
        text(),
        text(),
        date(),
        date(),
        prop::collection::vec((text(), text(), text()), 0..3),
        prop::collection::vec((text(), prop::collection::vec(item(), 0..4)), 0..4),
        prop::collection::vec(conflict(), 0..3),
        prop::collection::vec(review(), 0..3),
    )
        .prop_map(
            |(project, description, launch, review, people, cats, conflicts, reviews)| {
                let mut wb = crate::model::Workbook::new(project);
                wb.reviews = reviews
                    .into_iter()
                    .enumerate()
                    .map(|(n, mut r)| {
                        // IDs must be unique; keep the random text as a suffix.
                        r.id = format!("{n}{}", r.id);
                        r
                    })
                    .collect();
                wb.conflicts = conflicts;
                wb.description = description;
                wb.launch = launch;
                wb.review = review;
                wb.people = people
                    .into_iter()
                    .map(|(name, role, email)| Person { name, role, email })
                    .collect();
                let mut n = 0;
                wb.categories = cats
                    .into_iter()
                    .enumerate()
                    .map(|(ci, (name, items))| Category {
                        id: format!("c{ci}"),
                        name,
                        items: items
                            .into_iter()
                            .map(|mut i| {
                                n += 1;
                                // IDs must be unique; keep the random text as a suffix.
                                i.id = format!("i{n}{}", i.id);
                                i
                            })
                            .collect(),
                    })
                    .collect();
                wb
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn ron_round_trip_is_identity_and_resave_is_byte_identical(wb in workbook()) {
        let text = to_string(&wb).unwrap();
        let back = parse(text.as_bytes()).unwrap();
        prop_assert!(back.unknown_fields.is_empty());
        prop_assert_eq!(&back.workbook, &wb);
        prop_assert_eq!(to_string(&back.workbook).unwrap(), text.clone());
        let version = if !wb.reviews.is_empty() {
            "version: 3,"
        } else if wb.has_relative_due() {
            "version: 2,"
        } else {
            "version: 1,"
        };
        prop_assert!(text.contains(version), "oldest version that holds it");
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn mangled_workbooks_never_panic(cut in 0usize..4000, junk in "[(){}\\[\\]\",:a-z0-9 \n]{0,8}") {
        let text = BUILTIN_TEMPLATE;
        let cut = cut.min(text.len());
        let cut = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let mangled = format!("{}{}{}", &text[..cut], junk, &text[cut..]);
        let _ = parse(mangled.as_bytes());
    }
}

proptest! {
    // Each case writes and fsyncs three files.
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn a_recovery_copy_always_loads_as_the_workbook_it_saved(wb in workbook()) {
        let dir = tempfile::tempdir().unwrap();
        let recoveries = crate::storage::StateDir::at(dir.path()).recoveries();
        let original = dir.path().join("w.shipshape.ron");
        recoveries
            .write(
                &crate::storage::recovery_key(Some(&original)),
                Some(&original),
                Some("h"),
                &wb,
                std::time::SystemTime::now(),
            )
            .unwrap();
        let found = recoveries.for_file(&original).unwrap();
        prop_assert_eq!(found.load().unwrap().workbook, wb);
        prop_assert_eq!(found.base_hash.as_deref(), Some("h"));
    }
}
