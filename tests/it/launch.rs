//! Due dates relative to launch through the real binary: `set --due T-14`,
//! `launch` (what moved, what now lapses, `--dry-run`, history, bad input),
//! and what `check` and `list` say about a relative due.

use crate::util::{Dir, WB};

const SLOS: &str = "reliability.slos";
const BACKUPS: &str = "reliability.backups";
const PENTEST: &str = "security.pentest";

/// [`WB`] launching 2027-01-31, with SLOs due T-14, backups on a fixed
/// day, and a pen-test mitigation accepted until 2027-02-10.
fn relative_workbook() -> Dir {
    let d = Dir::new();
    d.workbook();
    let said = d.ok(&["set", WB, SLOS, "--due", "T-14"]);
    assert!(said.contains("due T-14 · 2027-01-17"), "{said}");
    d.ok(&["set", WB, BACKUPS, "--due", "2027-01-10"]);
    let mut wb = d.load(WB);
    let item = wb.item_mut(PENTEST).unwrap();
    item.status = shipshape::model::Status::Mitigated;
    item.mitigation.text = "WAF rule".into();
    item.mitigation.accepted_by = "CISO".into();
    item.mitigation.until = "2027-02-10".parse().ok();
    d.save(WB, &wb);
    d
}

#[test]
fn set_due_t_minus_14_writes_the_relative_form_and_version_2() {
    let d = relative_workbook();
    let text = d.read(WB);
    assert!(text.contains("    version: 2,\n"), "{text}");
    assert!(text.contains("due: Some(\"T-14\")"), "{text}");
    assert!(text.contains("due: Some(\"2027-01-10\")"), "{text}");

    let list = d.ok(&["list", WB, "--as-of", "2027-01-01"]);
    let line = list.lines().find(|l| l.starts_with(SLOS)).unwrap();
    assert!(line.contains("T-14 · 2027-01-17"), "{list}");

    // check --json keeps `due` an ISO date and adds the relative form.
    let out = d.exits(&["check", WB, "--json", "--as-of", "2027-01-20"], 1);
    let v = out.json();
    let items = v["items"].as_array().unwrap();
    let slos = items.iter().find(|i| i["id"] == SLOS).unwrap();
    assert_eq!(slos["due"], "2027-01-17");
    assert_eq!(slos["due_relative"], "T-14");
    assert_eq!(slos["overdue"], true);
    let backups = items.iter().find(|i| i["id"] == BACKUPS).unwrap();
    assert_eq!(backups["due"], "2027-01-10");
    assert!(backups["due_relative"].is_null());

    // Back to days only: version 1 again, so older builds can open it.
    d.ok(&["set", WB, SLOS, "--due", "2027-01-17"]);
    assert!(d.read(WB).contains("    version: 1,\n"));
    d.ok(&["set", WB, SLOS, "--due", "none"]);
    assert_eq!(d.load(WB).item(SLOS).unwrap().due, None);
}

#[test]
fn set_due_refuses_a_bad_relative_form_with_an_example() {
    let d = relative_workbook();
    let before = d.read(WB);
    let out = d.run(&["set", WB, SLOS, "--due", "T-x"]);
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stderr
            .contains("`T-x`: expected T-<days> or T+<days>, e.g. T-14"),
        "{out}"
    );
    assert_eq!(d.read(WB), before);
}

#[test]
fn launch_moves_the_relative_dues_and_says_what_now_lapses_and_is_overdue() {
    let d = relative_workbook();
    let out = d.ok(&["launch", WB, "2027-02-14", "--as-of", "2027-01-20"]);
    assert!(
        out.contains("launch: 2027-01-31 → 2027-02-14 (14 days later)"),
        "{out}"
    );
    assert!(out.contains("due dates moved: 1\n"), "{out}");
    assert!(
        out.contains("  reliability.slos  T-14    2027-01-17 → 2027-01-31\n"),
        "{out}"
    );
    assert!(
        out.contains("mitigations that now lapse before launch: 1\n  security.pentest: mitigation accepted until 2027-02-10, before launch on 2027-02-14"),
        "{out}"
    );
    assert!(!out.contains("now overdue"), "{out}");
    assert!(out.ends_with("saved w.shipshape.ron\n"), "{out}");
    let wb = d.load(WB);
    assert_eq!(wb.launch, "2027-02-14".parse().ok());
    assert_eq!(
        wb.due_date(wb.item(SLOS).unwrap()),
        "2027-01-31".parse().ok()
    );
    assert_eq!(
        wb.due_date(wb.item(BACKUPS).unwrap()),
        "2027-01-10".parse().ok(),
        "absolute stays"
    );

    // Earlier again: SLOs is due before the as-of date now.
    let out = d.ok(&["launch", WB, "2027-01-31", "--as-of", "2027-01-20"]);
    assert!(out.contains("(14 days earlier)"), "{out}");
    assert!(
        out.contains(
            "now overdue: 1\n  reliability.slos  due T-14 · 2027-01-17, owner unassigned\n"
        ),
        "{out}"
    );
}

#[test]
fn launch_keeps_the_replaced_version_in_the_history() {
    let d = relative_workbook();
    let before = d.read(WB);
    d.ok(&["launch", WB, "2027-03-01"]);
    let v = d.exits(&["history", WB, "--json"], 0).json();
    assert!(!v.as_array().unwrap().is_empty(), "{v}");
    d.ok(&["history", WB, "--restore", "1"]);
    assert_eq!(d.read(WB), before, "the version before the move comes back");
}

#[test]
fn launch_dry_run_prints_the_same_report_and_writes_nothing() {
    let d = relative_workbook();
    let before = d.read(WB);
    let out = d.ok(&[
        "launch",
        WB,
        "2027-02-14",
        "--dry-run",
        "--as-of",
        "2027-01-20",
    ]);
    assert!(
        out.contains("  reliability.slos  T-14    2027-01-17 → 2027-01-31\n"),
        "{out}"
    );
    assert!(
        out.contains("mitigations that now lapse before launch: 1"),
        "{out}"
    );
    assert!(
        out.ends_with("dry run: w.shipshape.ron not changed\n"),
        "{out}"
    );
    assert_eq!(d.read(WB), before);
    let v = d.exits(&["history", WB, "--json"], 0).json();
    let kept = v.as_array().unwrap().len();
    d.ok(&["launch", WB, "2027-02-14", "--dry-run"]);
    let v = d.exits(&["history", WB, "--json"], 0).json();
    assert_eq!(
        v.as_array().unwrap().len(),
        kept,
        "a dry run keeps no version"
    );
}

#[test]
fn launch_none_leaves_relative_dues_without_a_date_and_check_warns() {
    let d = relative_workbook();
    let out = d.ok(&["launch", WB, "none"]);
    assert!(out.contains("launch: 2027-01-31 → not set"), "{out}");
    assert!(
        out.contains("2027-01-17 → no date (no launch date)"),
        "{out}"
    );
    let out = d.exits(&["check", WB, "--as-of", "2030-01-01"], 1);
    assert!(
        out.stdout
            .contains("reliability.slos: due T-14, but the workbook has no launch date"),
        "{out}"
    );
    assert!(out.stdout.contains("due T-14 (no launch date)"), "{out}");
    let v = d.exits(&["check", WB, "--json"], 1).json();
    let slos = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == SLOS)
        .unwrap()
        .clone();
    assert!(slos["due"].is_null(), "{slos}");
    assert_eq!(slos["overdue"], false);
}

#[test]
fn launch_to_the_same_date_writes_nothing() {
    let d = relative_workbook();
    let before = d.read(WB);
    let out = d.ok(&["launch", WB, "2027-01-31"]);
    assert_eq!(out, "the launch is already 2027-01-31: nothing to do\n");
    assert_eq!(d.read(WB), before);
}

#[test]
fn launch_with_a_bad_date_exits_2_and_says_why() {
    let d = relative_workbook();
    let before = d.read(WB);
    let out = d.run(&["launch", WB, "2027-02-30"]);
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains("\"2027-02-30\" is not a date"), "{out}");
    assert!(
        out.stderr.contains("(expected YYYY-MM-DD), or `none`"),
        "{out}"
    );
    assert_eq!(d.read(WB), before);
    d.fails(
        &["launch", "missing.shipshape.ron", "2027-02-01"],
        "missing.shipshape.ron",
    );
}

/// `set` reads dates as the window does: `+2w` and `fri` are the days
/// they mean today (written as dates, never as the words), `T+30` in a
/// plain date is the day it falls on, `none` clears.
#[test]
fn set_takes_typed_dates_and_writes_the_days_they_mean() {
    let d = relative_workbook();
    let before = chrono::Local::now().date_naive();
    d.ok(&["set", WB, SLOS, "--due", "+2w"]);
    d.ok(&["set", WB, PENTEST, "--until", "T+30"]);
    let after = chrono::Local::now().date_naive();
    let wb = d.load(WB);
    // Around midnight the day may turn between the two readings.
    let two_weeks =
        |day: chrono::NaiveDate| Some(shipshape::model::Due::On(day + chrono::Days::new(14)));
    let due = wb.item(SLOS).unwrap().due;
    assert!(
        due == two_weeks(before) || due == two_weeks(after),
        "{due:?}"
    );
    assert_eq!(
        wb.item(PENTEST).unwrap().mitigation.until,
        "2027-03-02".parse().ok(),
        "T+30 from the 2027-01-31 launch"
    );
    assert!(
        d.read(WB)
            .contains(&format!("due: Some(\"{}\")", due.unwrap()))
    );

    d.ok(&["set", WB, SLOS, "--due", "none"]);
    assert_eq!(d.load(WB).item(SLOS).unwrap().due, None);
    d.fails(
        &["set", WB, SLOS, "--due", "frday"],
        "`frday` is not a date",
    );
}
