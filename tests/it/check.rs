//! `check`: the verdict, its exit code and its JSON, through the real binary.

use crate::util::{Dir, WB};

/// Makes every item of [`WB`] pass: done, mitigated or not applicable with
/// a reason.
pub fn make_ready(d: &Dir) {
    let ids: Vec<String> = d
        .ok(&["list", WB])
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 25);
    for id in &ids {
        d.ok(&["set", WB, id, "--status", "done"]);
    }
    d.ok(&[
        "set",
        WB,
        "performance.bundle-budget",
        "--status",
        "not-applicable",
        "--mitigation",
        "No front end",
    ]);
    d.ok(&[
        "set",
        WB,
        "security.pentest",
        "--status",
        "mitigated",
        "--mitigation",
        "Internal review",
        "--accepted-by",
        "CTO",
        "--until",
        "2027-01-15",
    ]);
}

#[test]
fn check_exits_0_when_production_ready() {
    let d = Dir::new();
    d.workbook();
    make_ready(&d);
    let text = d.ok(&["check", WB, "--as-of", "2027-01-01"]);
    assert!(
        text.starts_with(
            "Payments API — Production-ready (as of 2027-01-01; launch 2027-01-31, T-30 days)"
        ),
        "{text}"
    );
    assert!(text.contains(
        "security.pentest: mitigation accepted until 2027-01-15, before launch on 2027-01-31"
    ));
}

#[test]
fn check_exits_1_and_lists_red_items_by_category() {
    let d = Dir::new();
    d.workbook();
    make_ready(&d);
    d.ok(&[
        "set",
        WB,
        "observability.on-call",
        "--status",
        "in-progress",
        "--owner",
        "Kim",
        "--due",
        "2027-01-05",
    ]);
    d.ok(&[
        "set",
        WB,
        "security.secrets",
        "--status",
        "not-applicable",
        "--mitigation",
        "",
    ]);
    let text = d.exits(&["check", WB, "--as-of", "2027-01-10"], 1).stdout;
    assert!(text.contains("Demo-ready: 2 red"), "{text}");
    let obs = text.find("  Observability\n").unwrap();
    let sec = text.find("  Security\n").unwrap();
    assert!(obs < sec, "grouped in category order: {text}");
    assert!(
        text.contains("owner Kim, due 2027-01-05 (overdue): in progress without a mitigation"),
        "{text}"
    );
    assert!(
        text.contains("not applicable, but no reason is written"),
        "{text}"
    );
    assert!(
        text.contains("Overdue:\n  observability.on-call  due 2027-01-05, owner Kim"),
        "{text}"
    );

    // The mitigation lapses after its date: red again.
    let text = d.exits(&["check", WB, "--as-of", "2027-01-16"], 1).stdout;
    assert!(text.contains("mitigation expired on 2027-01-15"), "{text}");
    assert!(text.contains("Demo-ready: 3 red"), "{text}");
}

#[test]
fn check_json_has_the_documented_shape() {
    let d = Dir::new();
    d.workbook();
    d.ok(&[
        "set",
        WB,
        "reliability.slos",
        "--status",
        "done",
        "--owner",
        "Ann",
        "--due",
        "2027-01-02",
    ]);
    let v = d
        .exits(&["check", WB, "--json", "--as-of", "2027-01-03"], 1)
        .json();
    let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 6);
    for k in ["project", "as_of", "ready", "counts", "warnings", "items"] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["project"], "Payments API");
    assert_eq!(v["as_of"], "2027-01-03");
    assert_eq!(v["ready"], false);
    assert_eq!(v["counts"]["done"], 1);
    assert_eq!(v["counts"]["not-started"], 24);
    for s in ["in-progress", "mitigated", "not-applicable"] {
        assert_eq!(v["counts"][s], 0);
    }
    assert!(v["warnings"].as_array().unwrap().is_empty());
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 25);
    let first = items[0].as_object().unwrap();
    let item_keys: Vec<_> = first.keys().map(String::as_str).collect();
    let mut expected = [
        "id",
        "category",
        "title",
        "description",
        "status",
        "owner",
        "due",
        "due_relative",
        "mitigation",
        "accepted_by",
        "until",
        "notes",
        "evidence",
        "verified",
        "every",
        "reworded",
        "overdue",
        "passes",
        "reason",
    ];
    let mut got = item_keys.clone();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(got, expected);
    assert_eq!(first["id"], "reliability.slos");
    assert_eq!(first["status"], "done");
    assert_eq!(first["owner"], "Ann");
    assert_eq!(first["due"], "2027-01-02");
    assert_eq!(first["overdue"], false);
    assert_eq!(first["passes"], true);
    assert_eq!(items[1]["owner"], "");
    assert!(items[1]["due"].is_null());
    assert!(items[1]["until"].is_null());
    assert_eq!(items[1]["evidence"], serde_json::json!([]));
    assert_eq!(first["reason"], serde_json::Value::Null);
    assert_eq!(items[1]["reason"], "not started without a mitigation");
}

/// The date is read in two processes; a run across midnight sees either day.
#[test]
fn as_of_defaults_to_today() {
    let d = Dir::new();
    d.workbook();
    let before = chrono::Local::now().date_naive().to_string();
    let v = d.exits(&["check", WB, "--json"], 1).json();
    let after = chrono::Local::now().date_naive().to_string();
    assert!(
        v["as_of"] == before || v["as_of"] == after,
        "as_of {} is neither {before} nor {after}",
        v["as_of"]
    );
}
