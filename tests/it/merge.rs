//! `merge`, `diff`, `show`, `conflicts` and `resolve` on plain files, as
//! git calls them (base, ours, theirs; `/dev/null` for a new file).

use shipshape::model::Status;

use crate::util::Dir;

#[test]
fn merge_command_exit_codes_and_files() {
    let d = Dir::new();
    d.ok(&["new", "base.ron", "--project", "P"]);
    for f in ["ours.ron", "theirs.ron", "ours2.ron"] {
        d.copy("base.ron", f);
    }
    d.ok(&["set", "ours.ron", "reliability.slos", "--owner", "A"]);
    d.ok(&["set", "theirs.ron", "reliability.slos", "--status", "done"]);
    d.ok(&["merge", "base.ron", "ours.ron", "theirs.ron"]);
    let wb = d.load("ours.ron");
    let slos = wb.item("reliability.slos").unwrap();
    assert_eq!((slos.owner.as_str(), slos.status), ("A", Status::Done));

    d.ok(&["set", "ours2.ron", "reliability.slos", "--owner", "B"]);
    d.copy("base.ron", "base2.ron");
    let conflicted = d.exits(
        &[
            "merge",
            "base2.ron",
            "ours2.ron",
            "ours.ron",
            "service.shipshape.ron",
        ],
        1,
    );
    assert!(
        conflicted.stderr.contains("merging service.shipshape.ron"),
        "{conflicted}"
    );
    let wb = d.load("ours2.ron");
    assert_eq!(wb.conflict_count(), 1);

    // Add/add: git passes an empty base.
    d.write("empty.ron", "");
    d.copy("base.ron", "ours3.ron");
    d.ok(&["merge", "empty.ron", "ours3.ron", "base.ron"]);
    assert_eq!(d.load("ours3.ron").conflict_count(), 0);

    // A broken side: OURS left exactly as it was hid their side from git's
    // user (regression: git reported a conflict, the file showed none). Now
    // both sides are in OURS, line by line, and the exit code says conflict.
    d.write(
        "broken.ron",
        "(format: \"shipshape-workbook\", version: 1,\n  project: ",
    );
    let out = d.exits(&["merge", "base.ron", "ours.ron", "broken.ron"], 1);
    assert!(
        out.stderr
            .contains("theirs (the branch being merged in) does not load: line 2"),
        "{out}"
    );
    let text = d.read("ours.ron");
    assert!(
        text.contains("<<<<<<< ours") && text.contains("  project: \n"),
        "{text}"
    );
}

#[test]
fn diff_command_reports_changes_and_verdicts_as_text_and_json() {
    let d = Dir::new();
    d.ok(&["new", "old.ron", "--project", "P"]);
    d.copy("old.ron", "new.ron");
    d.ok(&[
        "set",
        "new.ron",
        "reliability.slos",
        "--status",
        "done",
        "--owner",
        "Ann",
    ]);
    let text = d.ok(&["diff", "old.ron", "new.ron", "--as-of", "2026-03-01"]);
    assert!(
        text.starts_with("Verdict: Demo-ready: 25 red → Demo-ready: 24 red\n"),
        "{text}"
    );
    assert!(text.contains("    status: not-started → done"), "{text}");
    let json = d.exits(&["diff", "old.ron", "new.ron", "--json"], 0).json();
    assert_eq!(json["changed"][0]["id"], "reliability.slos");
    assert_eq!(json["changed"][0]["fields"][0]["field"], "status");
    assert_eq!(json["verdict_after"]["red"], 24);
    assert_eq!(json["became_green"][0]["id"], "reliability.slos");
    // git passes /dev/null for a file that did not exist.
    let created = d.ok(&["diff", "/dev/null", "new.ron"]);
    assert!(created.contains("Added (25):"), "{created}");

    // The textconv never breaks `git diff`, even on a file that does not load.
    d.write("broken.ron", "<<<<<<< HEAD\n(\n");
    let shown = d.ok(&["show", "--textconv", "broken.ron"]);
    assert!(
        shown.starts_with(
            "# shipshape: broken.ron:1:1: this file has unresolved git conflict markers"
        ),
        "{shown}"
    );
    assert!(shown.contains("<<<<<<< HEAD"));
    d.fails(&["show", "broken.ron"], "broken.ron");

    let same = d.ok(&["diff", "old.ron", "old.ron"]);
    assert!(same.contains("No changes."), "{same}");
    d.fails(&["diff", "old.ron", "nope.ron"], "nope.ron");
}

#[test]
fn resolve_handles_removed_items_and_all_at_once() {
    let d = Dir::new();
    d.ok(&["new", "base.ron", "--project", "P"]);
    // Theirs removes an item ours edited; both edit another field.
    let mut theirs = d.load("base.ron");
    let loc = theirs.locate("reliability.slos").unwrap();
    theirs.remove_item(loc);
    theirs.item_mut("security.secrets").unwrap().owner = "theirs".into();
    d.save("theirs.ron", &theirs);
    d.copy("base.ron", "ours.ron");
    d.ok(&["set", "ours.ron", "reliability.slos", "--owner", "Ann"]);
    d.ok(&["set", "ours.ron", "security.secrets", "--owner", "ours"]);
    d.exits(&["merge", "base.ron", "ours.ron", "theirs.ron"], 1);
    let listed = d.exits(&["conflicts", "ours.ron"], 1).stdout;
    assert!(
        listed.contains("reliability.slos  removed: ours \"kept\", theirs \"removed\""),
        "{listed}"
    );
    assert!(
        listed.contains("security.secrets  owner: ours \"ours\", theirs \"theirs\""),
        "{listed}"
    );

    d.fails(
        &[
            "resolve",
            "ours.ron",
            "reliability.slos",
            "removed",
            "--value",
            "maybe",
        ],
        "use `removed` or `kept`",
    );
    d.fails(
        &["resolve", "ours.ron", "reliability.slos", "owner", "--ours"],
        "(its conflicts: removed)",
    );

    let out = d.ok(&["resolve", "ours.ron", "--all", "--theirs"]);
    assert!(out.contains("resolved 2 conflict(s)"), "{out}");
    let wb = d.load("ours.ron");
    assert!(wb.item("reliability.slos").is_none(), "theirs removed it");
    assert_eq!(wb.item("security.secrets").unwrap().owner, "theirs");
    assert_eq!(wb.conflict_count(), 0);
}
