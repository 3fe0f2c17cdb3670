//! Sharing workbooks, through the real binary: the git merge driver and
//! textconv in real temporary repositories, `diff`, `resolve`, and the
//! Markdown/CSV exports and imports on real public checklists.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "helpers outside #[test] fns: a failed setup step should fail the test"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use shipshape::model::Status;
use shipshape::storage;

const BIN: &str = env!("CARGO_BIN_EXE_shipshape");
const FILE: &str = "service.shipshape.ron";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/checklists")
        .join(name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .output()
        .expect("run shipshape")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "failed: {}\n{}", stdout(&o), stderr(&o));
    stdout(&o)
}

/// Runs git in `dir`, isolated from the user's and the system's git config.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_MERGE_AUTOEDIT", "no")
        .output()
        .expect("run git")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let o = git(dir, args);
    assert!(
        o.status.success(),
        "git {args:?}: {}\n{}",
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

/// A repository with a fresh workbook committed on `main`.
fn repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    git_ok(d, &["init", "-q", "-b", "main"]);
    git_ok(d, &["config", "user.name", "Test"]);
    git_ok(d, &["config", "user.email", "test@example.com"]);
    git_ok(d, &["config", "commit.gpgsign", "false"]);
    ok(run(
        d,
        &[
            "new",
            FILE,
            "--project",
            "Payments",
            "--launch",
            "2026-06-01",
        ],
    ));
    git_ok(d, &["add", "."]);
    git_ok(d, &["commit", "-qm", "base"]);
    tmp
}

fn commit_on(d: &Path, branch: &str, from: &str, edits: &[&[&str]]) {
    git_ok(d, &["checkout", "-q", "-B", branch, from]);
    for e in edits {
        let mut args = vec!["set", FILE];
        args.extend_from_slice(e);
        ok(run(d, &args));
    }
    git_ok(d, &["commit", "-qam", branch]);
}

fn workbook(d: &Path) -> shipshape::model::Workbook {
    storage::load(&d.join(FILE)).unwrap().workbook
}

#[test]
fn git_merge_driver_merges_edits_to_different_items_and_fields_of_one_item() {
    let tmp = repo();
    let d = tmp.path();
    let out = ok(run(d, &["git", "setup"]));
    assert!(
        out.contains("set git config merge.shipshape.driver"),
        "{out}"
    );
    assert!(
        git_ok(d, &["config", "merge.shipshape.driver"]).contains(BIN),
        "the driver runs this build"
    );
    git_ok(d, &["add", ".gitattributes"]);
    git_ok(d, &["commit", "-qm", "attributes"]);

    // Adjacent items and the same item: a line merge would trip over these.
    commit_on(
        d,
        "ann",
        "main",
        &[
            &["reliability.slos", "--owner", "Ann"],
            &["reliability.autoscaling", "--status", "done"],
        ],
    );
    commit_on(
        d,
        "bo",
        "main",
        &[
            &["reliability.slos", "--due", "2026-05-01"],
            &["reliability.slos", "--status", "in-progress"],
            &["reliability.health-checks", "--owner", "Bo"],
        ],
    );
    git_ok(d, &["checkout", "-q", "ann"]);
    let merge = git(d, &["merge", "--no-edit", "bo"]);
    assert!(
        merge.status.success(),
        "{}\n{}",
        stdout(&merge),
        stderr(&merge)
    );

    let wb = workbook(d);
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
        git_ok(d, &["status", "--porcelain"]).is_empty(),
        "merge committed cleanly"
    );
}

#[test]
fn git_merge_driver_records_a_real_conflict_that_check_shows_and_resolve_clears() {
    let tmp = repo();
    let d = tmp.path();
    ok(run(d, &["git", "setup"]));
    commit_on(d, "ann", "main", &[&["reliability.slos", "--owner", "Ann"]]);
    commit_on(
        d,
        "bo",
        "main",
        &[
            &["reliability.slos", "--owner", "Bo"],
            &["security.secrets", "--status", "done"],
        ],
    );
    git_ok(d, &["checkout", "-q", "ann"]);
    let merge = git(d, &["merge", "--no-edit", "bo"]);
    assert!(!merge.status.success(), "git must report the conflict");
    let said = format!("{}{}", stdout(&merge), stderr(&merge));
    assert!(said.contains("CONFLICT"), "{said}");
    assert!(
        said.contains("reliability.slos: owner: ours \"Ann\", theirs \"Bo\""),
        "{said}"
    );

    // The file still loads: no conflict markers, both values kept.
    let wb = workbook(d);
    let slos = wb.item("reliability.slos").unwrap();
    assert_eq!(slos.owner, "Ann");
    assert_eq!(slos.conflicts.len(), 1);
    assert_eq!(
        wb.item("security.secrets").unwrap().status,
        Status::Done,
        "the clean part merged"
    );

    let check = run(d, &["check", FILE, "--as-of", "2026-03-01"]);
    assert_eq!(check.status.code(), Some(1));
    let text = stdout(&check);
    assert!(text.contains("1 unresolved merge conflict"), "{text}");
    assert!(
        text.contains("conflict in owner: ours \"Ann\", theirs \"Bo\""),
        "{text}"
    );
    assert!(text.contains("unresolved merge conflict"), "{text}");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(d, &["check", FILE, "--json"]))).unwrap();
    let slos = &json["items"][0];
    assert_eq!(slos["id"], "reliability.slos");
    assert_eq!(slos["conflicts"][0]["field"], "owner");
    assert_eq!(slos["conflicts"][0]["theirs"], "Bo");
    assert!(
        json["items"][1].get("conflicts").is_none(),
        "only items with conflicts say so"
    );

    let listed = run(d, &["conflicts", FILE]);
    assert_eq!(listed.status.code(), Some(1));
    assert!(stdout(&listed).contains("reliability.slos  owner: ours \"Ann\", theirs \"Bo\""));

    let out = ok(run(
        d,
        &["resolve", FILE, "reliability.slos", "owner", "--theirs"],
    ));
    assert!(
        out.contains("reliability.slos: owner = \"Bo\"; 0 conflict(s) left"),
        "{out}"
    );
    assert_eq!(run(d, &["conflicts", FILE]).status.code(), Some(0));
    let wb = workbook(d);
    assert_eq!(wb.item("reliability.slos").unwrap().owner, "Bo");
    assert_eq!(wb.conflict_count(), 0);
    assert!(!stdout(&run(d, &["check", FILE])).contains("conflict"));
    git_ok(d, &["add", FILE]);
    git_ok(d, &["commit", "-qm", "merged"]);
}

/// Edits the workbook through the library (the CLI has no command for
/// workbook fields) and commits it on `branch`, made from `from`.
fn commit_edit_on(
    d: &Path,
    branch: &str,
    from: &str,
    edit: impl FnOnce(&mut shipshape::model::Workbook),
) {
    git_ok(d, &["checkout", "-q", "-B", branch, from]);
    let mut wb = workbook(d);
    edit(&mut wb);
    storage::save(&d.join(FILE), &wb).unwrap();
    git_ok(d, &["commit", "-qam", branch]);
}

#[test]
fn git_merge_records_workbook_field_conflicts_that_block_ready_until_resolved() {
    let tmp = repo();
    let d = tmp.path();
    ok(run(d, &["git", "setup"]));
    // Everything passes on main, so only the workbook conflicts can block.
    commit_edit_on(d, "main", "main", |wb| {
        for c in &mut wb.categories {
            for i in &mut c.items {
                i.status = Status::Done;
            }
        }
    });
    assert_eq!(run(d, &["check", FILE]).status.code(), Some(0));
    commit_edit_on(d, "ann", "main", |wb| {
        wb.launch = chrono::NaiveDate::from_ymd_opt(2026, 7, 1);
        wb.categories[0].name = "Resilience".into();
        wb.project = "Payments API".into();
    });
    commit_edit_on(d, "bo", "main", |wb| {
        wb.launch = chrono::NaiveDate::from_ymd_opt(2026, 8, 1);
        wb.categories[0].name = "Uptime".into();
    });
    git_ok(d, &["checkout", "-q", "ann"]);
    let merge = git(d, &["merge", "--no-edit", "bo"]);
    assert!(!merge.status.success(), "git must report the conflict");
    let said = format!("{}{}", stdout(&merge), stderr(&merge));
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
    let wb = workbook(d);
    assert_eq!(wb.project, "Payments API");
    assert_eq!(wb.conflicts.len(), 2);
    assert_eq!(wb.conflicts[0].theirs, "2026-08-01");

    let check = run(d, &["check", FILE, "--as-of", "2026-03-01"]);
    assert_eq!(check.status.code(), Some(1), "not ready while in conflict");
    let text = stdout(&check);
    assert!(
        text.contains("Payments API — Demo-ready: 2 workbook conflicts"),
        "{text}"
    );
    assert!(text.contains("Workbook fields in conflict"), "{text}");
    assert!(
        text.contains("  conflict in launch: ours \"2026-07-01\", theirs \"2026-08-01\""),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(d, &["check", FILE, "--json"]))).unwrap();
    assert_eq!(json["ready"], false);
    assert_eq!(json["conflicts"][1]["field"], "category.reliability.name");

    let listed = run(d, &["conflicts", FILE]);
    assert_eq!(listed.status.code(), Some(1));
    assert!(
        stdout(&listed).contains("(workbook)  launch: ours \"2026-07-01\", theirs \"2026-08-01\""),
        "{}",
        stdout(&listed)
    );
    let listed: serde_json::Value =
        serde_json::from_str(&stdout(&run(d, &["conflicts", FILE, "--json"]))).unwrap();
    assert_eq!(listed[0]["item_id"], "");
    assert_eq!(listed[1]["category"], "Resilience");

    // Mistakes get a clear error and change nothing.
    let before = std::fs::read(d.join(FILE)).unwrap();
    let item = run(d, &["resolve", FILE, "reliability.slos", "--ours"]);
    assert_eq!(item.status.code(), Some(2));
    assert!(
        stderr(&item).contains("reliability.slos is an item: give its conflicting field too"),
        "{}",
        stderr(&item)
    );
    let none = run(d, &["resolve", FILE, "review", "--ours"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains(
            "the workbook has no conflict on `review` (its conflicts: launch, category.reliability.name)"
        ),
        "{}",
        stderr(&none)
    );
    let bad = run(d, &["resolve", FILE, "launch", "--value", "August"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("is not a date"), "{}", stderr(&bad));
    assert_eq!(std::fs::read(d.join(FILE)).unwrap(), before);

    let out = ok(run(d, &["resolve", FILE, "launch", "--theirs"]));
    assert!(
        out.contains("launch = \"2026-08-01\"; 1 conflict(s) left"),
        "{out}"
    );
    ok(run(
        d,
        &[
            "resolve",
            FILE,
            "category.reliability.name",
            "--value",
            "Availability",
        ],
    ));
    let wb = workbook(d);
    assert_eq!(wb.launch, chrono::NaiveDate::from_ymd_opt(2026, 8, 1));
    assert_eq!(wb.categories[0].name, "Availability");
    assert!(wb.conflicts.is_empty());
    let check = run(d, &["check", FILE, "--as-of", "2026-03-01"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stdout(&check).contains("Production-ready"));
    git_ok(d, &["add", FILE]);
    git_ok(d, &["commit", "-qm", "merged"]);
}

#[test]
fn set_resolves_a_conflict_on_the_field_it_sets() {
    let tmp = repo();
    let d = tmp.path();
    ok(run(d, &["git", "setup"]));
    commit_on(
        d,
        "ann",
        "main",
        &[&["reliability.slos", "--due", "2026-04-01"]],
    );
    commit_on(
        d,
        "bo",
        "main",
        &[&["reliability.slos", "--due", "2026-04-15"]],
    );
    git_ok(d, &["checkout", "-q", "ann"]);
    assert!(!git(d, &["merge", "--no-edit", "bo"]).status.success());
    ok(run(
        d,
        &["set", FILE, "reliability.slos", "--due", "2026-04-10"],
    ));
    let wb = workbook(d);
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
    let tmp = repo();
    let d = tmp.path();
    commit_on(
        d,
        "ann",
        "main",
        &[&["reliability.slos", "--owner", "Ann", "--status", "done"]],
    );
    commit_on(
        d,
        "bo",
        "main",
        &[&["operations.runbooks", "--owner", "Bo"]],
    );
    git_ok(d, &["checkout", "-q", "ann"]);
    let merge = git(d, &["merge", "--no-edit", "bo"]);
    assert!(
        merge.status.success(),
        "{}\n{}",
        stdout(&merge),
        stderr(&merge)
    );
    let wb = workbook(d);
    assert_eq!(wb.item("reliability.slos").unwrap().owner, "Ann");
    assert_eq!(wb.item("operations.runbooks").unwrap().owner, "Bo");
}

#[test]
fn git_setup_is_idempotent_and_says_what_it_did() {
    let tmp = repo();
    let d = tmp.path();
    std::fs::write(d.join(".gitattributes"), "*.png binary").unwrap();
    let first = ok(run(d, &["git", "setup"]));
    assert!(
        first.contains("added `*.shipshape.ron merge=shipshape diff=shipshape`"),
        "{first}"
    );
    assert!(
        first.contains("set git config diff.shipshape.textconv"),
        "{first}"
    );
    let second = ok(run(d, &["git", "setup"]));
    assert!(second.contains("already has"), "{second}");
    assert!(
        second.contains("git config merge.shipshape.driver is already"),
        "{second}"
    );
    assert!(!second.contains("added"), "{second}");
    let attrs = std::fs::read_to_string(d.join(".gitattributes")).unwrap();
    assert_eq!(
        attrs,
        "*.png binary\n*.shipshape.ron merge=shipshape diff=shipshape\n"
    );
    assert!(git_ok(d, &["config", "merge.shipshape.name"]).contains("Shipshape"));

    // `git difftool -t shipshape` runs the semantic diff.
    ok(run(
        d,
        &["set", FILE, "reliability.slos", "--status", "done"],
    ));
    let tool = git_ok(d, &["difftool", "-y", "-t", "shipshape", FILE]);
    assert!(tool.contains("status: not-started → done"), "{tool}");

    let outside = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .args(["git", "setup"])
        .current_dir(outside.path())
        .env("GIT_CEILING_DIRECTORIES", outside.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: `shipshape git setup` works inside a git repository"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn git_diff_and_log_show_semantic_changes_through_the_textconv() {
    let tmp = repo();
    let d = tmp.path();
    ok(run(d, &["git", "setup"]));
    ok(run(
        d,
        &[
            "set",
            FILE,
            "reliability.slos",
            "--owner",
            "Ann",
            "--note",
            "two\nlines",
        ],
    ));
    let diff = git_ok(d, &["diff"]);
    assert!(diff.contains("+reliability.slos owner: Ann"), "{diff}");
    assert!(
        diff.contains("+reliability.slos notes: two\\nlines"),
        "{diff}"
    );
    assert!(!diff.contains("owner: \"Ann\","), "not the raw RON: {diff}");
    git_ok(d, &["commit", "-qam", "owner"]);
    let log = git_ok(d, &["log", "-p", "-1"]);
    assert!(log.contains("+reliability.slos owner: Ann"), "{log}");
}

#[test]
fn merge_command_exit_codes_and_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(run(d, &["new", "base.ron", "--project", "P"]));
    for f in ["ours.ron", "theirs.ron", "ours2.ron"] {
        std::fs::copy(d.join("base.ron"), d.join(f)).unwrap();
    }
    ok(run(
        d,
        &["set", "ours.ron", "reliability.slos", "--owner", "A"],
    ));
    ok(run(
        d,
        &["set", "theirs.ron", "reliability.slos", "--status", "done"],
    ));
    let clean = run(d, &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let wb = storage::load(&d.join("ours.ron")).unwrap().workbook;
    let slos = wb.item("reliability.slos").unwrap();
    assert_eq!((slos.owner.as_str(), slos.status), ("A", Status::Done));

    ok(run(
        d,
        &["set", "ours2.ron", "reliability.slos", "--owner", "B"],
    ));
    std::fs::copy(d.join("base.ron"), d.join("base2.ron")).unwrap();
    let conflicted = run(
        d,
        &[
            "merge",
            "base2.ron",
            "ours2.ron",
            "ours.ron",
            "service.shipshape.ron",
        ],
    );
    assert_eq!(conflicted.status.code(), Some(1));
    assert!(
        stderr(&conflicted).contains("merging service.shipshape.ron"),
        "{}",
        stderr(&conflicted)
    );
    let wb = storage::load(&d.join("ours2.ron")).unwrap().workbook;
    assert_eq!(wb.conflict_count(), 1);

    // Add/add: git passes an empty base.
    std::fs::write(d.join("empty.ron"), "").unwrap();
    std::fs::copy(d.join("base.ron"), d.join("ours3.ron")).unwrap();
    assert_eq!(
        run(d, &["merge", "empty.ron", "ours3.ron", "base.ron"])
            .status
            .code(),
        Some(0)
    );

    // A broken side: exit 2, and OURS is left as it was.
    std::fs::write(
        d.join("broken.ron"),
        "(format: \"shipshape-workbook\", version: 1,\n  project: ",
    )
    .unwrap();
    let before = std::fs::read(d.join("ours.ron")).unwrap();
    let bad = run(d, &["merge", "base.ron", "ours.ron", "broken.ron"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with("error: "), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("broken.ron:"), "{}", stderr(&bad));
    assert_eq!(std::fs::read(d.join("ours.ron")).unwrap(), before);
}

#[test]
fn diff_command_reports_changes_and_verdicts_as_text_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(run(d, &["new", "old.ron", "--project", "P"]));
    std::fs::copy(d.join("old.ron"), d.join("new.ron")).unwrap();
    ok(run(
        d,
        &[
            "set",
            "new.ron",
            "reliability.slos",
            "--status",
            "done",
            "--owner",
            "Ann",
        ],
    ));
    let text = ok(run(
        d,
        &["diff", "old.ron", "new.ron", "--as-of", "2026-03-01"],
    ));
    assert!(
        text.starts_with("Verdict: Demo-ready: 25 red → Demo-ready: 24 red\n"),
        "{text}"
    );
    assert!(text.contains("    status: not-started → done"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(run(d, &["diff", "old.ron", "new.ron", "--json"]))).unwrap();
    assert_eq!(json["changed"][0]["id"], "reliability.slos");
    assert_eq!(json["changed"][0]["fields"][0]["field"], "status");
    assert_eq!(json["verdict_after"]["red"], 24);
    assert_eq!(json["became_green"][0]["id"], "reliability.slos");
    // git passes /dev/null for a file that did not exist.
    let created = ok(run(d, &["diff", "/dev/null", "new.ron"]));
    assert!(created.contains("Added (25):"), "{created}");

    // The textconv never breaks `git diff`, even on a file that does not load.
    std::fs::write(d.join("broken.ron"), "<<<<<<< HEAD\n(\n").unwrap();
    let shown = ok(run(d, &["show", "--textconv", "broken.ron"]));
    assert!(
        shown.starts_with(
            "# shipshape: broken.ron:1:1: this file has unresolved git conflict markers"
        ),
        "{shown}"
    );
    assert!(shown.contains("<<<<<<< HEAD"));
    assert_eq!(run(d, &["show", "broken.ron"]).status.code(), Some(2));

    let same = ok(run(d, &["diff", "old.ron", "old.ron"]));
    assert!(same.contains("No changes."));
    let missing = run(d, &["diff", "old.ron", "nope.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.ron"));
}

#[test]
fn export_md_then_import_md_keeps_titles_categories_and_doneness() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(run(d, &["new", "a.ron", "--project", "Payments"]));
    ok(run(
        d,
        &[
            "set",
            "a.ron",
            "reliability.slos",
            "--status",
            "done",
            "--owner",
            "Ann",
        ],
    ));
    ok(run(
        d,
        &[
            "set",
            "a.ron",
            "security.secrets",
            "--status",
            "mitigated",
            "--mitigation",
            "vault by Q3",
        ],
    ));
    let out = ok(run(d, &["export", "md", "a.ron", "-o", "a.md"]));
    assert!(out.contains("wrote Markdown to a.md"));
    let md = std::fs::read_to_string(d.join("a.md")).unwrap();
    assert!(md.contains("- [x] **SLOs published**"));
    ok(run(d, &["import", "md", "a.md", "-o", "b.ron"]));
    let (a, b) = (
        storage::load(&d.join("a.ron")).unwrap().workbook,
        storage::load(&d.join("b.ron")).unwrap().workbook,
    );
    assert_eq!(b.project, "Payments");
    let cats = |w: &shipshape::model::Workbook| {
        w.categories
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(cats(&a), cats(&b));
    for ((_, x), (_, y)) in a.items().zip(b.items()) {
        assert_eq!((&x.id, &x.title, x.status), (&y.id, &y.title, y.status));
    }
    assert_eq!(a.item_count(), b.item_count());
    let diff = ok(run(d, &["diff", "a.ron", "b.ron"]));
    assert!(diff.contains("No changes."), "{diff}");

    // Stdout without -o; refusing to overwrite the input or an existing workbook.
    assert!(ok(run(d, &["export", "md", "a.ron"])).starts_with("# Payments\n"));
    assert_eq!(
        run(d, &["export", "md", "a.ron", "-o", "a.ron"])
            .status
            .code(),
        Some(2)
    );
    let again = run(d, &["import", "md", "a.md", "-o", "b.ron"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists; use --force"));
}

#[test]
fn export_csv_has_one_row_per_item_that_a_csv_reader_parses() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(run(d, &["new", "a.ron", "--project", "P"]));
    ok(run(
        d,
        &[
            "set",
            "a.ron",
            "reliability.slos",
            "--note",
            "line, \"one\"\nline two",
        ],
    ));
    ok(run(d, &["export", "csv", "a.ron", "-o", "a.csv"]));
    let bytes = std::fs::read(d.join("a.csv")).unwrap();
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(&r.headers().unwrap()[2], "id");
    let rows: Vec<_> = r.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), 25);
    assert_eq!(&rows[0][2], "reliability.slos");
    assert_eq!(&rows[0][13], "line, \"one\"\nline two");
}

#[test]
fn imports_real_public_checklists() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let cases: [(&str, &str, usize); 5] = [
        ("md", "mercari-pre-production-checklist.md", 60),
        ("md", "mercari-design-checklist.md", 10),
        ("md", "kubernetes-kep-prr-questionnaire.md", 25),
        ("md", "checklist-25.md", 25),
        ("azure", "azure-review-checklists-resiliency.en.json", 38),
    ];
    for (n, (kind, name, min_items)) in cases.iter().enumerate() {
        let out_name = format!("{n}.shipshape.ron");
        let input = fixture(name);
        let o = run(
            d,
            &["import", kind, input.to_str().unwrap(), "-o", &out_name],
        );
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let wb = storage::load(&d.join(&out_name)).unwrap().workbook;
        assert!(
            wb.item_count() >= *min_items,
            "{name}: {} items",
            wb.item_count()
        );
        // What was imported is a working workbook.
        let check = run(d, &["check", &out_name]);
        assert_eq!(check.status.code(), Some(1), "{name}: nothing is done yet");
    }
    let kep = storage::load(&d.join("2.shipshape.ron")).unwrap().workbook;
    assert_eq!(
        kep.project, "kubernetes-kep-prr-questionnaire",
        "the file name when there is no title"
    );
    let named = run(
        d,
        &[
            "import",
            "md",
            fixture("checklist-25.md").to_str().unwrap(),
            "-o",
            "n.ron",
            "--project",
            "Checkout",
        ],
    );
    assert!(named.status.success());
    assert!(
        stderr(&named).contains("warning: ") && stderr(&named).contains("\"Blocked\""),
        "{}",
        stderr(&named)
    );
    assert_eq!(
        storage::load(&d.join("n.ron")).unwrap().workbook.project,
        "Checkout"
    );
}

#[test]
fn import_errors_are_clear() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(
        d.join("bad.json"),
        "{\n  \"items\": [\n    {\"text\": }\n  ]\n}\n",
    )
    .unwrap();
    let o = run(d, &["import", "azure", "bad.json", "-o", "x.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: bad.json: line 3, column"),
        "{}",
        stderr(&o)
    );
    std::fs::write(d.join("prose.md"), "# Notes\n\nNothing to check here.\n").unwrap();
    let o = run(d, &["import", "md", "prose.md", "-o", "x.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("found no checklist items"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("x.ron").exists(), "nothing written on error");
}

#[test]
fn resolve_handles_removed_items_and_all_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(run(d, &["new", "base.ron", "--project", "P"]));
    // Theirs removes an item ours edited; both edit another field.
    let mut theirs = storage::load(&d.join("base.ron")).unwrap().workbook;
    let loc = theirs.locate("reliability.slos").unwrap();
    theirs.remove_item(loc);
    theirs.item_mut("security.secrets").unwrap().owner = "theirs".into();
    storage::save(&d.join("theirs.ron"), &theirs).unwrap();
    std::fs::copy(d.join("base.ron"), d.join("ours.ron")).unwrap();
    ok(run(
        d,
        &["set", "ours.ron", "reliability.slos", "--owner", "Ann"],
    ));
    ok(run(
        d,
        &["set", "ours.ron", "security.secrets", "--owner", "ours"],
    ));
    let merge = run(d, &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(merge.status.code(), Some(1));
    let listed = stdout(&run(d, &["conflicts", "ours.ron"]));
    assert!(
        listed.contains("reliability.slos  removed: ours \"kept\", theirs \"removed\""),
        "{listed}"
    );
    assert!(
        listed.contains("security.secrets  owner: ours \"ours\", theirs \"theirs\""),
        "{listed}"
    );

    let bad = run(
        d,
        &[
            "resolve",
            "ours.ron",
            "reliability.slos",
            "removed",
            "--value",
            "maybe",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("use `removed` or `kept`"),
        "{}",
        stderr(&bad)
    );
    let none = run(
        d,
        &["resolve", "ours.ron", "reliability.slos", "owner", "--ours"],
    );
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("(its conflicts: removed)"),
        "{}",
        stderr(&none)
    );

    let out = ok(run(d, &["resolve", "ours.ron", "--all", "--theirs"]));
    assert!(out.contains("resolved 2 conflict(s)"), "{out}");
    let wb = storage::load(&d.join("ours.ron")).unwrap().workbook;
    assert!(wb.item("reliability.slos").is_none(), "theirs removed it");
    assert_eq!(wb.item("security.secrets").unwrap().owner, "theirs");
    assert_eq!(wb.conflict_count(), 0);
}
