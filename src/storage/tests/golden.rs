//! The file text and content hash of one small workbook, pinned: the hash
//! is printed on paper and the text is what git diffs, so neither may change
//! between versions unnoticed.

use super::*;

#[test]
fn save_writes_the_canonical_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("w.shipshape.ron");
    save(&p, &golden_workbook()).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), GOLDEN_TEXT);
    assert_eq!(load(&p).unwrap().workbook, golden_workbook());
}

/// A small workbook with every field set, whose file text and content hash
/// are pinned below: the hash is printed on paper, so neither may change
/// between versions unnoticed. A new item field changes both on purpose
/// (when it is written even empty, every file gains a line): set it here
/// and pin the new text and hash (ARCHITECTURE.md, "Adding a field to an
/// item").
fn golden_workbook() -> crate::model::Workbook {
    let date = |s: &str| s.parse().ok();
    let mut wb = crate::model::Workbook::new("Golden \"Ω\" launch");
    wb.description = "Pinned.\nTwo lines.".into();
    wb.launch = date("2026-06-01");
    wb.review = date("2026-05-04");
    wb.people = vec![Person {
        name: "Zoë".into(),
        role: "SRE".into(),
        email: "zoe@example.com".into(),
    }];
    wb.categories = vec![Category {
        id: "reliability".into(),
        name: "Reliability".into(),
        items: vec![Item {
            id: "reliability.slos".into(),
            title: "SLOs published".into(),
            description: "Written down.".into(),
            status: Status::Mitigated,
            owner: "Ann".into(),
            due: "2026-04-01".parse().ok(),
            mitigation: Mitigation {
                text: "Manual failover".into(),
                accepted_by: "Bo".into(),
                until: date("2026-07-01"),
            },
            notes: "Line one\nline two".into(),
            evidence: vec!["https://example.com/slo".into()],
            verified: date("2026-03-02"),
            every: "quarterly".parse().ok(),
            reworded: "SLOs\n\nWritten.".into(),
            conflicts: vec![Conflict {
                field: "owner".into(),
                ours: "Ann".into(),
                theirs: "Cy".into(),
            }],
        }],
    }];
    wb.conflicts = vec![Conflict {
        field: "review".into(),
        ours: "2026-05-04".into(),
        theirs: "2026-05-11".into(),
    }];
    wb
}

const GOLDEN_TEXT: &str = r#"(
    format: "shipshape-workbook",
    version: 1,
    project: "Golden \"Ω\" launch",
    description: "Pinned.\nTwo lines.",
    launch: Some("2026-06-01"),
    review: Some("2026-05-04"),
    people: [
        (
            name: "Zoë",
            role: "SRE",
            email: "zoe@example.com",
        ),
    ],
    categories: [
        (
            id: "reliability",
            name: "Reliability",
            items: [
                (
                    id: "reliability.slos",
                    title: "SLOs published",
                    description: "Written down.",
                    status: Mitigated,
                    owner: "Ann",
                    due: Some("2026-04-01"),
                    mitigation: (
                        text: "Manual failover",
                        accepted_by: "Bo",
                        until: Some("2026-07-01"),
                    ),
                    notes: "Line one\nline two",
                    evidence: [
                        "https://example.com/slo",
                    ],
                    verified: Some("2026-03-02"),
                    every: Some("quarterly"),
                    reworded: "SLOs\n\nWritten.",
                    conflicts: [
                        (
                            field: "owner",
                            ours: "Ann",
                            theirs: "Cy",
                        ),
                    ],
                ),
            ],
        ),
    ],
    conflicts: [
        (
            field: "review",
            ours: "2026-05-04",
            theirs: "2026-05-11",
        ),
    ],
)
"#;

#[test]
fn a_small_workbook_has_exactly_this_file_text_and_content_hash() {
    let wb = golden_workbook();
    assert_eq!(to_string(&wb).unwrap(), GOLDEN_TEXT);
    assert_eq!(content_hash(&wb), "5cc26d784ee1");
}

/// The re-check fields and the reworded flag are written only when set: a
/// workbook that does not use them has the file text and content hash it
/// had before they existed, so upgrading Shipshape changes no file and no
/// printed hash.
#[test]
fn a_workbook_without_rechecks_keeps_its_text_and_hash_from_before_them() {
    let mut wb = golden_workbook();
    let item = &mut wb.categories[0].items[0];
    (item.verified, item.every) = (None, None);
    item.reworded.clear();
    let before: String = GOLDEN_TEXT
        .lines()
        .filter(|l| {
            ["verified: ", "every: ", "reworded: "]
                .iter()
                .all(|f| !l.contains(f))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(to_string(&wb).unwrap(), before);
    // The golden workbook's hash before `verified` and `every` were added.
    assert_eq!(content_hash(&wb), "a320e2d9c93d");
}

#[test]
fn content_hash_is_stable_and_sensitive() {
    let wb = builtin_template();
    let h = content_hash(&wb);
    assert_eq!(h.len(), 12);
    assert_eq!(h, content_hash(&wb.clone()));
    let mut other = wb.clone();
    other.categories[0].items[0].owner = "x".into();
    assert_ne!(h, content_hash(&other));
}

/// A relative due is written as such and makes the file version 2; the
/// rest of the text is the version 1 text, line for line. The hash is of
/// that text, so it changes with the content (the due), and only then.
#[test]
fn a_relative_due_writes_version_2_and_its_own_text_and_hash() {
    let mut wb = golden_workbook();
    wb.categories[0].items[0].due = Some(crate::model::Due::FromLaunch(-14));
    let expected = GOLDEN_TEXT
        .replacen("version: 1,", "version: 2,", 1)
        .replacen("due: Some(\"2026-04-01\")", "due: Some(\"T-14\")", 1);
    let text = to_string(&wb).unwrap();
    assert_eq!(text, expected);
    assert_eq!(content_hash(&wb), "467637d20373");
    let back = parse(text.as_bytes()).unwrap();
    assert_eq!(back.workbook, wb, "version 2 round-trips");
    assert_eq!(to_string(&back.workbook).unwrap(), text);

    // Back to a day: version 1 again, the golden bytes and hash.
    wb.categories[0].items[0].due = "2026-04-01".parse().ok();
    assert_eq!(to_string(&wb).unwrap(), GOLDEN_TEXT);
    assert_eq!(content_hash(&wb), "5cc26d784ee1");
}

#[test]
fn a_version_1_file_migrates_with_its_dues_as_days() {
    let parsed = parse(GOLDEN_TEXT.as_bytes()).unwrap();
    let item = &parsed.workbook.categories[0].items[0];
    assert_eq!(item.due, "2026-04-01".parse().ok());
    assert_eq!(parsed.workbook, golden_workbook());
}

/// Version 1 never held a relative due: one in a file that says version 1
/// (edited by hand, or by a tool that did not bump it) is refused at its
/// line, not read as something version 1 did not mean.
#[test]
fn a_version_1_file_with_a_relative_due_is_refused_at_its_line() {
    let text = GOLDEN_TEXT.replacen("due: Some(\"2026-04-01\")", "due: Some(\"T-14\")", 1);
    let err = parse(text.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::InvalidDate(_)), "{err}");
    assert!(
        err.to_string()
            .contains("a due date relative to launch (T-14) needs workbook format version 2, and this file says version 1"),
        "{err}"
    );
    let line = GOLDEN_TEXT
        .lines()
        .position(|l| l.contains("due: "))
        .unwrap()
        + 1;
    assert_eq!(err.position, Some((line, 1)));
}
