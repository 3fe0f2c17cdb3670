//! `shipshape review` through the real binary: a meeting from start to
//! sign-off, the JSON scripts read, every refusal (nothing written), the
//! history each write keeps, and a git merge of two branches' reviews.

use crate::util::{Dir, WB};

const SLOS: &str = "reliability.slos";
const BACKUPS: &str = "reliability.backups";

/// [`WB`] with a review started on 2027-01-03 by Ann (SRE) and Bo.
fn started() -> Dir {
    let d = Dir::new();
    d.workbook();
    let out = d.ok(&[
        "review",
        "start",
        WB,
        "--title",
        "Go/no-go",
        "--date",
        "2027-01-03",
        "--attendee",
        "Ann:SRE",
        "--attendee",
        "Bo",
    ]);
    assert!(
        out.contains("started review 1 \"Go/no-go\" on 2027-01-03: 25 red, 0 passing, 2 attendees"),
        "{out}"
    );
    d
}

#[test]
fn a_review_from_start_to_sign_off() {
    let d = started();
    assert!(d.read(WB).contains("    version: 3,\n"));
    d.ok(&["set", WB, SLOS, "--status", "done"]);
    d.ok(&["set", WB, BACKUPS, "--owner", "Ann"]);
    let out = d.ok(&[
        "review",
        "decide",
        WB,
        BACKUPS,
        "--text",
        "Restore one backup",
        "--owner",
        "Ann",
        "--due",
        "2027-01-20",
    ]);
    assert!(
        out.contains("recorded a decision on reliability.backups"),
        "{out}"
    );
    d.ok(&["review", "attend", WB, "bo", "--absent"]);

    // While open, list shows the changes so far.
    let open = d
        .ok(&["review", "list", WB, "--json"])
        .parse::<serde_json::Value>()
        .unwrap();
    assert_eq!(open[0]["open"], true);
    assert_eq!(open[0]["decision"], serde_json::Value::Null);
    assert_eq!(open[0]["red_after"], serde_json::Value::Null);
    assert_eq!(open[0]["changed"], serde_json::json!([SLOS, BACKUPS]));

    let out = d.ok(&[
        "review",
        "end",
        WB,
        "--decision",
        "go-with-conditions",
        "--conditions",
        "Backups restored once",
        "--approver",
        "Cy:CTO",
        "--approver",
        "Di",
        "--date",
        "2027-01-04",
    ]);
    assert!(
        out.contains(
            "ended review 1 \"Go/no-go\": Go with conditions; 2 items changed; red 25 → 24"
        ),
        "{out}"
    );

    let list = d
        .ok(&["review", "list", WB, "--json"])
        .parse::<serde_json::Value>()
        .unwrap();
    let r = &list[0];
    assert_eq!(r["number"], 1);
    assert_eq!(r["title"], "Go/no-go");
    assert_eq!(r["date"], "2027-01-03");
    assert_eq!(r["open"], false);
    assert_eq!(
        r["attendees"],
        serde_json::json!([
            {"name": "Ann", "role": "SRE", "present": true},
            {"name": "Bo", "role": "", "present": false},
        ])
    );
    assert_eq!(r["decision"], "go-with-conditions");
    assert_eq!(r["conditions"], "Backups restored once");
    assert_eq!(
        r["approvers"],
        serde_json::json!([
            {"name": "Cy", "role": "CTO", "date": "2027-01-04"},
            {"name": "Di", "role": "", "date": "2027-01-04"},
        ])
    );
    assert_eq!(r["changed"], serde_json::json!([SLOS, BACKUPS]));
    assert_eq!(r["red_before"], 25);
    assert_eq!(r["red_after"], 24);
    assert_eq!(r["passing_after"], 1);
    assert_eq!(
        r["actions"],
        serde_json::json!([{"item": BACKUPS, "text": "Restore one backup", "owner": "Ann", "due": "2027-01-20"}])
    );
    assert!(
        r.get("changes").is_none(),
        "list leaves out the field changes"
    );

    let show = d
        .ok(&["review", "show", WB, "1", "--json"])
        .parse::<serde_json::Value>()
        .unwrap();
    assert_eq!(show["changes"][0]["item"], SLOS);
    assert_eq!(
        show["changes"][0]["fields"][0],
        serde_json::json!({"field": "status", "before": "not-started", "after": "done"})
    );

    let text = d.ok(&["review", "show", WB, "1"]);
    for line in [
        "Go/no-go (2027-01-03)\n",
        "Decision: Go with conditions: Backups restored once\n",
        "Verdict: 25 red, 0 passing → 24 red, 1 passing\n",
        "  Bo — absent\n",
        "  Cy (CTO), 2027-01-04\n",
        "    owner: (none) → Ann\n",
        "  reliability.backups: Restore one backup (Ann, due 2027-01-20)\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    let list = d.ok(&["review", "list", WB]);
    assert!(
        list.contains(" 1  2027-01-03  go-with-conditions  red 25 → 24  2 changed  Go/no-go"),
        "{list}"
    );
    // Every write kept the version it replaced.
    let history = d.ok(&["history", WB]);
    assert!(history.lines().count() >= 6, "{history}");
}

#[test]
fn review_refusals_write_nothing() {
    let d = Dir::new();
    d.workbook();
    d.fails(
        &["review", "end", WB, "--decision", "go"],
        "no review is open",
    );
    d.fails(
        &["review", "decide", WB, SLOS, "--text", "x"],
        "no review is open",
    );
    let before = d.read(WB);
    d.fails(
        &["review", "start", WB, "--title", " "],
        "a review needs a title",
    );
    d.fails(
        &[
            "review",
            "start",
            WB,
            "--title",
            "T",
            "--date",
            "2027-02-30",
        ],
        "not a date",
    );
    d.fails(&["review", "show", WB, "1"], "no review 1");
    assert_eq!(d.read(WB), before, "refusals write nothing");
    assert_eq!(d.ok(&["review", "list", WB, "--json"]).trim(), "[]");

    let d = started();
    let before = d.read(WB);
    d.fails(
        &["review", "start", WB, "--title", "Another"],
        "review \"Go/no-go\" is still open",
    );
    d.fails(
        &["review", "end", WB, "--decision", "go-with-conditions"],
        "needs the conditions",
    );
    d.fails(
        &["review", "end", WB, "--decision", "maybe"],
        "unknown decision",
    );
    d.fails(
        &["review", "decide", WB, "nope", "--text", "x"],
        "no item with ID `nope`",
    );
    d.fails(
        &["review", "attend", WB, "Zed", "--absent"],
        "`Zed` is not an attendee",
    );
    d.fails(&["review", "show", WB, "0"], "no review 0");
    d.fails(&["review", "show", WB, "2"], "it has 1 review");
    assert_eq!(d.read(WB), before, "refusals write nothing");
    let help = d.ok(&["review", "end", "--help"]);
    assert!(help.contains("Exit codes: 0 done, 2 error"), "{help}");
}

#[test]
fn diff_mentions_reviews_started_and_ended() {
    let d = Dir::new();
    d.workbook();
    d.copy(WB, "before.shipshape.ron");
    d.ok(&[
        "review",
        "start",
        WB,
        "--title",
        "Q1",
        "--date",
        "2027-01-03",
    ]);
    d.copy(WB, "open.shipshape.ron");
    d.ok(&["review", "end", WB, "--decision", "no-go"]);
    let out = d.ok(&["diff", "before.shipshape.ron", WB]);
    assert!(out.contains("Review started: Q1 (2027-01-03)"), "{out}");
    assert!(
        out.contains("Review ended: Q1 (2027-01-03): no-go"),
        "{out}"
    );
    let out = d.ok(&["diff", "open.shipshape.ron", WB]);
    assert!(!out.contains("Review started"), "{out}");
    assert!(out.contains("Review ended: Q1"), "{out}");
}

#[test]
fn reviews_on_two_branches_merge_in_git() {
    let d = Dir::new();
    d.workbook();
    d.git_ok(&["init", "-q", "-b", "main"]);
    d.git_ok(&["config", "user.name", "Test"]);
    d.git_ok(&["config", "user.email", "test@example.com"]);
    d.git_ok(&["config", "commit.gpgsign", "false"]);
    d.ok(&["git", "setup"]);
    d.git_ok(&["add", "."]);
    d.git_ok(&["commit", "-qm", "base"]);
    d.git_ok(&["checkout", "-qb", "other"]);
    d.ok(&[
        "review",
        "start",
        WB,
        "--title",
        "Theirs",
        "--date",
        "2027-01-02",
    ]);
    d.ok(&["review", "end", WB, "--decision", "no-go"]);
    d.git_ok(&["commit", "-qam", "theirs"]);
    d.git_ok(&["checkout", "-q", "main"]);
    d.ok(&[
        "review",
        "start",
        WB,
        "--title",
        "Ours",
        "--date",
        "2027-01-09",
    ]);
    d.ok(&["review", "end", WB, "--decision", "go"]);
    d.git_ok(&["commit", "-qam", "ours"]);
    d.git_ok(&["merge", "-q", "other", "-m", "merge"]);
    let list = d
        .ok(&["review", "list", WB, "--json"])
        .parse::<serde_json::Value>()
        .unwrap();
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, vec!["Theirs", "Ours"]);
}
