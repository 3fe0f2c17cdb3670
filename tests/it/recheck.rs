//! Re-verification through the real binary: `set --verified/--every`,
//! `--status done` recording today, and what `check` says when a re-check
//! is overdue or falls due soon.

use crate::util::{Dir, WB};

const BACKUPS: &str = "reliability.backups";

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[test]
fn status_done_records_today_unless_verified_is_given() {
    let d = Dir::new();
    d.workbook();
    let said = d.ok(&["set", WB, BACKUPS, "--status", "done"]);
    let item = d.load(WB).item(BACKUPS).unwrap().clone();
    assert_eq!(item.verified, Some(today()));
    assert!(
        said.contains(&format!("verified {}, re-check every 3 months", today())),
        "{said}"
    );

    d.ok(&[
        "set",
        WB,
        BACKUPS,
        "--status",
        "done",
        "--verified",
        "2026-11-02",
    ]);
    let item = d.load(WB).item(BACKUPS).unwrap().clone();
    assert_eq!(item.verified, "2026-11-02".parse().ok(), "--verified wins");

    d.ok(&["set", WB, BACKUPS, "--verified", "none", "--every", "2w"]);
    let item = d.load(WB).item(BACKUPS).unwrap().clone();
    assert_eq!(item.verified, None);
    assert_eq!(item.every.map(|e| e.to_string()).as_deref(), Some("2w"));
    let text = d.read(WB);
    assert!(
        text.contains("every: Some(\"2w\")"),
        "canonical in the file"
    );
}

#[test]
fn every_is_set_shown_and_cleared_and_bad_values_are_refused() {
    let d = Dir::new();
    d.workbook();
    d.ok(&["set", WB, "reliability.slos", "--every", "90 days"]);
    let shown = d.ok(&["show", WB]);
    assert!(shown.contains("reliability.slos every: 90d"), "{shown}");
    d.ok(&["set", WB, "reliability.slos", "--every", "none"]);
    assert_eq!(d.load(WB).item("reliability.slos").unwrap().every, None);

    let out = d.fails(
        &["set", WB, "reliability.slos", "--every", "fortnightly"],
        "`fortnightly` is not an interval",
    );
    assert!(out.stderr.contains("--every"), "{out}");
    d.fails(
        &["set", WB, "reliability.slos", "--verified", "last week"],
        "not a date",
    );
}

#[test]
fn a_new_workbook_writes_no_recheck_lines_but_the_templates_interval() {
    let d = Dir::new();
    d.workbook();
    let text = d.read(WB);
    assert_eq!(text.matches("every: ").count(), 1, "only the backups item");
    assert!(!text.contains("verified: "), "nothing verified yet");
}

#[test]
fn check_turns_an_overdue_recheck_red_and_warns_of_one_due_soon() {
    let d = Dir::new();
    d.workbook(); // launch 2027-01-31
    crate::check::make_ready(&d);
    d.ok(&["set", WB, BACKUPS, "--verified", "2026-10-01"]);
    // 2026-10-01 + 3 months = 2027-01-01: passes on the day, red after.
    d.ok(&["check", WB, "--as-of", "2027-01-01"]);
    let out = d.exits(&["check", WB, "--as-of", "2027-01-02"], 1);
    assert!(
        out.stdout
            .contains("re-check overdue: last verified 2026-10-01, every 3 months"),
        "{out}"
    );

    let out = d.exits(&["check", WB, "--as-of", "2026-12-20"], 0);
    assert!(
        out.stdout.contains(
            "reliability.backups: re-check due by 2027-01-01, before launch on 2027-01-31"
        ),
        "{out}"
    );
    let json = d
        .exits(&["check", WB, "--as-of", "2026-12-20", "--json"], 0)
        .json();
    assert_eq!(
        json["warnings"][0],
        "reliability.backups: re-check due by 2027-01-01, before launch on 2027-01-31"
    );
    let backups = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == BACKUPS)
        .unwrap();
    assert_eq!(backups["verified"], "2026-10-01");
    assert_eq!(backups["every"], "quarterly");
    let slos = &json["items"][0];
    assert!(slos["every"].is_null(), "no interval is null: {slos}");
}

#[test]
fn a_done_item_never_verified_is_due_now() {
    let d = Dir::new();
    d.workbook();
    crate::check::make_ready(&d);
    d.ok(&["set", WB, BACKUPS, "--verified", "none"]);
    let out = d.exits(&["check", WB], 1);
    assert!(
        out.stdout
            .contains("re-check overdue: never verified, every 3 months"),
        "{out}"
    );
}
