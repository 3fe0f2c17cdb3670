//! Sharing through git, in real temporary repositories: `git setup`, the
//! merge driver (clean merges, recorded conflicts that `check`, `conflicts`
//! and `resolve` then handle), and the textconv behind `git diff`.

use shipshape::model::{Status, Workbook};

use crate::util::{BIN, Dir};

const FILE: &str = "service.shipshape.ron";

/// A repository with a fresh workbook committed on `main`.
fn repo() -> Dir {
    let d = Dir::new();
    d.git_ok(&["init", "-q", "-b", "main"]);
    d.git_ok(&["config", "user.name", "Test"]);
    d.git_ok(&["config", "user.email", "test@example.com"]);
    d.git_ok(&["config", "commit.gpgsign", "false"]);
    d.ok(&[
        "new",
        FILE,
        "--project",
        "Payments",
        "--launch",
        "2026-06-01",
    ]);
    d.git_ok(&["add", "."]);
    d.git_ok(&["commit", "-qm", "base"]);
    d
}

/// Commits the `set` edits on `branch`, made from `from`.
fn commit_on(d: &Dir, branch: &str, from: &str, edits: &[&[&str]]) {
    d.git_ok(&["checkout", "-q", "-B", branch, from]);
    for e in edits {
        d.ok(&[&["set", FILE][..], e].concat());
    }
    d.git_ok(&["commit", "-qam", branch]);
}

/// Edits the workbook through the library (the CLI has no command for
/// workbook fields) and commits it on `branch`, made from `from`.
fn commit_edit_on(d: &Dir, branch: &str, from: &str, edit: impl FnOnce(&mut Workbook)) {
    d.git_ok(&["checkout", "-q", "-B", branch, from]);
    let mut wb = d.load(FILE);
    edit(&mut wb);
    d.save(FILE, &wb);
    d.git_ok(&["commit", "-qam", branch]);
}

#[test]
fn git_merge_driver_merges_edits_to_different_items_and_fields_of_one_item() {
    let d = repo();
    let out = d.ok(&["git", "setup"]);
    assert!(
        out.contains("set git config merge.shipshape.driver"),
        "{out}"
    );
    assert!(
        d.git_ok(&["config", "merge.shipshape.driver"])
            .contains(BIN),
        "the driver runs this build"
    );
    d.git_ok(&["add", ".gitattributes"]);
    d.git_ok(&["commit", "-qm", "attributes"]);

    // Adjacent items and the same item: a line merge would trip over these.
    commit_on(
        &d,
        "ann",
        "main",
        &[
            &["reliability.slos", "--owner", "Ann"],
            &["reliability.autoscaling", "--status", "done"],
        ],
    );
    commit_on(
        &d,
        "bo",
        "main",
        &[
            &["reliability.slos", "--due", "2026-05-01"],
            &["reliability.slos", "--status", "in-progress"],
            &["reliability.health-checks", "--owner", "Bo"],
        ],
    );
    d.git_ok(&["checkout", "-q", "ann"]);
    d.git_ok(&["merge", "--no-edit", "bo"]);

    let wb = d.load(FILE);
    let slos = wb.item("reliability.slos").unwrap();
    assert_eq!(slos.owner, "Ann");
    assert_eq!(slos.due.unwrap().to_string(), "2026-05-01");
    assert_eq!(slos.status, Status::InProgress);
    assert_eq!(
        wb.item("reliability.autoscaling").unwrap().status,
        Status::Done
    );
    assert_eq!(wb.item("reliability.health-checks").unwrap().owner, "Bo");
    assert_eq!(wb.conflict_count(), 0);
    assert!(
        d.git_ok(&["status", "--porcelain"]).is_empty(),
        "merge committed cleanly"
    );
}

#[test]
fn git_merge_driver_records_a_real_conflict_that_check_shows_and_resolve_clears() {
    let d = repo();
    d.ok(&["git", "setup"]);
    commit_on(
        &d,
        "ann",
        "main",
        &[&["reliability.slos", "--owner", "Ann"]],
    );
    commit_on(
        &d,
        "bo",
        "main",
        &[
            &["reliability.slos", "--owner", "Bo"],
            &["security.secrets", "--status", "done"],
        ],
    );
    d.git_ok(&["checkout", "-q", "ann"]);
    let merge = d.git(&["merge", "--no-edit", "bo"]);
    assert_eq!(merge.code, 1, "git must report the conflict: {merge}");
    let said = format!("{}{}", merge.stdout, merge.stderr);
    assert!(said.contains("CONFLICT"), "{said}");
    assert!(
        said.contains("reliability.slos: owner: ours \"Ann\", theirs \"Bo\""),
        "{said}"
    );

    // The file still loads: no conflict markers, both values kept.
    let wb = d.load(FILE);
    let slos = wb.item("reliability.slos").unwrap();
    assert_eq!(slos.owner, "Ann");
    assert_eq!(slos.conflicts.len(), 1);
    assert_eq!(
        wb.item("security.secrets").unwrap().status,
        Status::Done,
        "the clean part merged"
    );

    let text = d.exits(&["check", FILE, "--as-of", "2026-03-01"], 1).stdout;
    assert!(text.contains("1 unresolved merge conflict"), "{text}");
    assert!(
        text.contains("conflict in owner: ours \"Ann\", theirs \"Bo\""),
        "{text}"
    );
    assert!(text.contains("unresolved merge conflict"), "{text}");

    let json = d.exits(&["check", FILE, "--json"], 1).json();
    let slos = &json["items"][0];
    assert_eq!(slos["id"], "reliability.slos");
    assert_eq!(slos["conflicts"][0]["field"], "owner");
    assert_eq!(slos["conflicts"][0]["theirs"], "Bo");
    assert!(
        json["items"][1].get("conflicts").is_none(),
        "only items with conflicts say so"
    );

    let listed = d.exits(&["conflicts", FILE], 1);
    assert!(
        listed
            .stdout
            .contains("reliability.slos  owner: ours \"Ann\", theirs \"Bo\""),
        "{listed}"
    );

    let out = d.ok(&["resolve", FILE, "reliability.slos", "owner", "--theirs"]);
    assert!(
        out.contains("reliability.slos: owner = \"Bo\"; 0 conflict(s) left"),
        "{out}"
    );
    // Resolved, but git still lists the file as unmerged until `git add`.
    let left = d.exits(&["conflicts", FILE], 1);
    assert!(left.stderr.contains("has no conflicts left"), "{left}");
    let wb = d.load(FILE);
    assert_eq!(wb.item("reliability.slos").unwrap().owner, "Bo");
    assert_eq!(wb.conflict_count(), 0);
    let text = d.exits(&["check", FILE], 1).stdout;
    assert!(!text.contains("conflict"), "{text}");
    d.git_ok(&["add", FILE]);
    d.ok(&["conflicts", FILE]);
    d.git_ok(&["commit", "-qm", "merged"]);
}

#[test]
fn git_merge_records_workbook_field_conflicts_that_block_ready_until_resolved() {
    let d = repo();
    d.ok(&["git", "setup"]);
    // Everything passes on main, so only the workbook conflicts can block.
    commit_edit_on(&d, "main", "main", |wb| {
        let today = chrono::Local::now().date_naive();
        for c in &mut wb.categories {
            for i in &mut c.items {
                // As a person sets it: verified today, so the quarterly
                // backups re-check is not due.
                i.set_status(Status::Done, today);
            }
        }
    });
    d.ok(&["check", FILE]);
    commit_edit_on(&d, "ann", "main", |wb| {
        wb.launch = chrono::NaiveDate::from_ymd_opt(2026, 7, 1);
        wb.categories[0].name = "Resilience".into();
        wb.project = "Payments API".into();
    });
    commit_edit_on(&d, "bo", "main", |wb| {
        wb.launch = chrono::NaiveDate::from_ymd_opt(2026, 8, 1);
        wb.categories[0].name = "Uptime".into();
    });
    d.git_ok(&["checkout", "-q", "ann"]);
    let merge = d.git(&["merge", "--no-edit", "bo"]);
    assert_eq!(merge.code, 1, "git must report the conflict: {merge}");
    let said = format!("{}{}", merge.stdout, merge.stderr);
    assert!(
        said.contains("(workbook) launch: ours \"2026-07-01\", theirs \"2026-08-01\""),
        "{said}"
    );
    assert!(
        said.contains(
            "(workbook) category.reliability.name: ours \"Resilience\", theirs \"Uptime\""
        ),
        "{said}"
    );
    assert!(!said.contains("kept ours"), "{said}");

    // Both values are in the file; the one-sided project rename merged.
    let wb = d.load(FILE);
    assert_eq!(wb.project, "Payments API");
    assert_eq!(wb.conflicts.len(), 2);
    assert_eq!(wb.conflicts[0].theirs, "2026-08-01");

    let check = d.exits(&["check", FILE, "--as-of", "2026-03-01"], 1);
    let text = check.stdout;
    assert!(
        text.contains("Payments API — Demo-ready: 2 workbook conflicts"),
        "{text}"
    );
    assert!(text.contains("Workbook fields in conflict"), "{text}");
    assert!(
        text.contains("  conflict in launch: ours \"2026-07-01\", theirs \"2026-08-01\""),
        "{text}"
    );
    let json = d.exits(&["check", FILE, "--json"], 1).json();
    assert_eq!(json["ready"], false);
    assert_eq!(json["conflicts"][1]["field"], "category.reliability.name");

    let listed = d.exits(&["conflicts", FILE], 1);
    assert!(
        listed
            .stdout
            .contains("(workbook)  launch: ours \"2026-07-01\", theirs \"2026-08-01\""),
        "{listed}"
    );
    let listed = d.exits(&["conflicts", FILE, "--json"], 1).json();
    assert_eq!(listed[0]["item_id"], "");
    assert_eq!(listed[1]["category"], "Resilience");

    // Mistakes get a clear error and change nothing.
    let before = d.read_bytes(FILE);
    d.fails(
        &["resolve", FILE, "reliability.slos", "--ours"],
        "reliability.slos is an item: give its conflicting field too",
    );
    d.fails(
        &["resolve", FILE, "review", "--ours"],
        "the workbook has no conflict on `review` (its conflicts: launch, category.reliability.name)",
    );
    d.fails(
        &["resolve", FILE, "launch", "--value", "August"],
        "is not a date",
    );
    assert_eq!(d.read_bytes(FILE), before);

    let out = d.ok(&["resolve", FILE, "launch", "--theirs"]);
    assert!(
        out.contains("launch = \"2026-08-01\"; 1 conflict(s) left"),
        "{out}"
    );
    d.ok(&[
        "resolve",
        FILE,
        "category.reliability.name",
        "--value",
        "Availability",
    ]);
    let wb = d.load(FILE);
    assert_eq!(wb.launch, chrono::NaiveDate::from_ymd_opt(2026, 8, 1));
    assert_eq!(wb.categories[0].name, "Availability");
    assert!(wb.conflicts.is_empty());
    let unmerged = d.exits(&["check", FILE, "--as-of", "2026-03-01"], 1);
    assert!(unmerged.stderr.contains("git still lists"), "{unmerged}");
    d.git_ok(&["add", FILE]);
    let text = d.ok(&["check", FILE, "--as-of", "2026-03-01"]);
    assert!(text.contains("Production-ready"), "{text}");
    d.git_ok(&["commit", "-qm", "merged"]);
}

#[test]
fn set_resolves_a_conflict_on_the_field_it_sets() {
    let d = repo();
    d.ok(&["git", "setup"]);
    commit_on(
        &d,
        "ann",
        "main",
        &[&["reliability.slos", "--due", "2026-04-01"]],
    );
    commit_on(
        &d,
        "bo",
        "main",
        &[&["reliability.slos", "--due", "2026-04-15"]],
    );
    d.git_ok(&["checkout", "-q", "ann"]);
    let merge = d.git(&["merge", "--no-edit", "bo"]);
    assert_eq!(merge.code, 1, "{merge}");
    assert_eq!(d.load(FILE).conflict_count(), 1);
    d.ok(&["set", FILE, "reliability.slos", "--due", "2026-04-10"]);
    let wb = d.load(FILE);
    assert_eq!(wb.conflict_count(), 0);
    assert_eq!(
        wb.item("reliability.slos")
            .unwrap()
            .due
            .unwrap()
            .to_string(),
        "2026-04-10"
    );
}

#[test]
fn plain_text_git_merge_without_the_driver_handles_edits_to_different_items() {
    let d = repo();
    commit_on(
        &d,
        "ann",
        "main",
        &[&["reliability.slos", "--owner", "Ann", "--status", "done"]],
    );
    commit_on(
        &d,
        "bo",
        "main",
        &[&["operations.runbooks", "--owner", "Bo"]],
    );
    d.git_ok(&["checkout", "-q", "ann"]);
    d.git_ok(&["merge", "--no-edit", "bo"]);
    let wb = d.load(FILE);
    assert_eq!(wb.item("reliability.slos").unwrap().owner, "Ann");
    assert_eq!(wb.item("operations.runbooks").unwrap().owner, "Bo");
}

#[test]
fn git_setup_is_idempotent_and_says_what_it_did() {
    let d = repo();
    d.write(".gitattributes", "*.png binary");
    let first = d.ok(&["git", "setup"]);
    assert!(
        first.contains("added `*.shipshape.ron merge=shipshape diff=shipshape`"),
        "{first}"
    );
    assert!(
        first.contains("set git config diff.shipshape.textconv"),
        "{first}"
    );
    let second = d.ok(&["git", "setup"]);
    assert!(second.contains("already has"), "{second}");
    assert!(
        second.contains("git config merge.shipshape.driver is already"),
        "{second}"
    );
    assert!(!second.contains("added"), "{second}");
    assert_eq!(
        d.read(".gitattributes"),
        "*.png binary\n*.shipshape.ron merge=shipshape diff=shipshape\n"
    );
    assert!(
        d.git_ok(&["config", "merge.shipshape.name"])
            .contains("Shipshape")
    );

    // `git difftool -t shipshape` runs the semantic diff.
    d.ok(&["set", FILE, "reliability.slos", "--status", "done"]);
    let tool = d.git_ok(&["difftool", "-y", "-t", "shipshape", FILE]);
    assert!(tool.contains("status: not-started → done"), "{tool}");

    let outside = Dir::new();
    let ceiling = outside.root().parent().unwrap().to_str().unwrap();
    let o = outside.run_env(&["git", "setup"], &[("GIT_CEILING_DIRECTORIES", ceiling)]);
    assert_eq!(o.code, 2, "{o}");
    assert!(
        o.stderr
            .starts_with("error: `shipshape git setup` works inside a git repository"),
        "{o}"
    );
}

#[test]
fn git_diff_and_log_show_semantic_changes_through_the_textconv() {
    let d = repo();
    d.ok(&["git", "setup"]);
    d.ok(&[
        "set",
        FILE,
        "reliability.slos",
        "--owner",
        "Ann",
        "--note",
        "two\nlines",
    ]);
    let diff = d.git_ok(&["diff"]);
    assert!(diff.contains("+reliability.slos owner: Ann"), "{diff}");
    assert!(
        diff.contains("+reliability.slos notes: two\\nlines"),
        "{diff}"
    );
    assert!(!diff.contains("owner: \"Ann\","), "not the raw RON: {diff}");
    d.git_ok(&["commit", "-qam", "owner"]);
    let log = d.git_ok(&["log", "-p", "-1"]);
    assert!(log.contains("+reliability.slos owner: Ann"), "{log}");
}
