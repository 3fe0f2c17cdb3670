//! Reviews in the file: version 3 only when a workbook has reviews, the
//! text people and git read, and every way a hand-edited review can be
//! wrong refused with its line and column.

use super::*;
use crate::model::{Approver, Attendee, Decision, ItemAction, ReviewStart, SignOff, Workbook};

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// The built-in template with one review started and ended, one action.
fn reviewed() -> Workbook {
    let mut wb = builtin_template();
    wb.start_review(ReviewStart {
        title: "Q2 walkthrough".into(),
        date: d("2026-05-04"),
        attendees: vec![Attendee::parse("Ann:SRE")],
    })
    .unwrap();
    wb.record_action(ItemAction {
        item: "reliability.slos".into(),
        text: "Publish the SLOs".into(),
        owner: "Ann".into(),
        due: Some(d("2026-05-20")),
    })
    .unwrap();
    wb.item_mut("reliability.slos").unwrap().owner = "Ann".into();
    wb.end_review(SignOff {
        decision: Decision::NoGo,
        conditions: String::new(),
        approvers: vec![Approver::parse("Cy:CTO", Some(d("2026-05-04")))],
    })
    .unwrap();
    wb
}

#[test]
fn a_workbook_without_reviews_keeps_its_version_and_bytes() {
    let text = to_string(&builtin_template()).unwrap();
    assert!(text.contains("    version: 1,\n"));
    assert!(!text.contains("reviews"));
    assert_eq!(text, BUILTIN_TEMPLATE);
}

#[test]
fn reviews_make_version_3_and_round_trip() {
    let wb = reviewed();
    let text = to_string(&wb).unwrap();
    assert!(text.contains("    version: 3,\n"), "{text}");
    let back = parse(text.as_bytes()).unwrap();
    assert!(back.unknown_fields.is_empty());
    assert_eq!(back.workbook, wb);
    assert_eq!(to_string(&back.workbook).unwrap(), text);
    // Written last, readable, one field per line.
    let reviews = &text[text.find("    reviews: [\n").unwrap()..];
    for line in [
        "            id: \"2026-05-04-q2-walkthrough\",\n",
        "            date: \"2026-05-04\",\n",
        "            title: \"Q2 walkthrough\",\n",
        "                    present: true,\n",
        "                red: 25,\n",
        "                    text: \"Publish the SLOs\",\n",
        "                    due: Some(\"2026-05-20\"),\n",
        "                            field: \"owner\",\n",
        "                            after: \"Ann\",\n",
        "                decision: NoGo,\n",
    ] {
        assert!(reviews.contains(line), "{line:?} in\n{reviews}");
    }
    // Ended: no snapshot left.
    assert!(!reviews.contains("start:"));
}

#[test]
fn an_open_review_keeps_its_snapshot_in_the_file() {
    let mut wb = builtin_template();
    wb.start_review(ReviewStart {
        title: "Q2".into(),
        date: d("2026-05-04"),
        attendees: Vec::new(),
    })
    .unwrap();
    let text = to_string(&wb).unwrap();
    assert!(text.contains("            start: [\n"), "{text}");
    assert!(text.contains("                        \"status\": \"not-started\",\n"));
    let mut back = parse(text.as_bytes()).unwrap().workbook;
    back.item_mut("reliability.slos").unwrap().owner = "Bo".into();
    assert_eq!(back.open_review().unwrap().changes_in(&back).len(), 1);
    // The snapshot's items do not move the items' lines.
    let lines = item_lines(&text);
    let reviews = text.lines().position(|l| l == "    reviews: [").unwrap();
    assert!(wb.items().all(|(_, i)| lines[&i.id] < reviews));
}

#[test]
fn reviews_in_an_older_version_are_refused_at_their_line() {
    let text = to_string(&reviewed()).unwrap();
    for older in ["version: 1,", "version: 2,"] {
        let bad = text.replace("version: 3,", older);
        let err = parse(bad.as_bytes()).unwrap_err();
        let line = bad.lines().position(|l| l == "    reviews: [").unwrap() + 1;
        assert_eq!(err.position, Some((line, 1)), "{err}");
        assert!(err.to_string().contains("version 3"), "{err}");
    }
}

#[test]
fn bad_reviews_are_refused_with_line_and_column() {
    let text = to_string(&reviewed()).unwrap();
    let line_of = |t: &str, needle: &str| t.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let cases = [
        ("decision: NoGo", "decision: Maybe"),
        ("date: \"2026-05-04\"", "date: \"2026-13-04\""),
        ("present: true", "present: 3"),
        ("red: 25", "red: -1"),
    ];
    for (from, to) in cases {
        let bad = text.replacen(from, to, 1);
        let err = parse(bad.as_bytes()).unwrap_err();
        assert_eq!(
            err.position.map(|p| p.0),
            Some(line_of(&bad, to)),
            "{to}: {err}"
        );
    }
    let twice = text.replacen(
        "        ),\n    ],\n)",
        &format!(
            "        ),\n{}    ],\n)",
            &text[text.find("        (\n            id: \"2026").unwrap()
                ..text.rfind("    ],\n)").unwrap()]
        ),
        1,
    );
    let err = parse(twice.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::Invalid(_)), "{err}");
    let second = twice
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id: \"2026-05-04-q2-walkthrough\""))
        .nth(1)
        .map(|(n, _)| n + 1);
    assert_eq!(err.position.map(|p| p.0), second);
}
