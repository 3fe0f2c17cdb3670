//! The merge driver when it cannot merge by item — a side that does not load
//! or comes from a newer Shipshape — and the merges that once lost a side
//! silently: a category removed on one side and renamed on the other, the
//! same new ID added on both, and "ours"/"theirs" during a rebase.

use crate::util::Dir;

const FILE: &str = "service.shipshape.ron";

/// A repository with the merge driver set up and a workbook on `main`.
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
    let bin_dir = std::path::Path::new(crate::util::BIN).parent().unwrap();
    let command = format!("{}/shipshape", bin_dir.display());
    d.ok(&["git", "setup", "--command", &command]);
    d.git_ok(&["add", "."]);
    d.git_ok(&["commit", "-qm", "base"]);
    d
}

/// Replaces the first `from` in the file with `to` and commits on `branch`.
fn commit_text_edit(d: &Dir, branch: &str, from: &str, to: &str) {
    d.git_ok(&["checkout", "-q", "-B", branch, "main"]);
    let text = d.read(FILE);
    assert!(text.contains(from), "{from:?} not in the file");
    d.write(FILE, text.replacen(from, to, 1));
    d.git_ok(&["commit", "-qam", branch]);
}

#[test]
fn a_side_that_does_not_load_gives_a_visible_line_merge_naming_it() {
    let d = repo();
    commit_text_edit(&d, "typo", "status: NotStarted", "status: Dnoe");
    d.git_ok(&["checkout", "-q", "main"]);
    d.ok(&["set", FILE, "reliability.slos", "--owner", "Ann"]);
    d.git_ok(&["commit", "-qam", "owner"]);
    let out = d.git(&["merge", "typo"]);
    assert_ne!(out.code, 0, "git reports the conflict: {out}");
    assert!(
        out.stdout.contains("CONFLICT") || out.stderr.contains("CONFLICT"),
        "{out}"
    );
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(
        said.contains("cannot merge service.shipshape.ron by item"),
        "{said}"
    );
    assert!(
        said.contains("theirs (the branch being merged in) does not load: line"),
        "{said}"
    );
    assert!(
        !said.contains(".merge_file"),
        "git's temp file is not named: {said}"
    );
    let text = d.read(FILE);
    assert!(
        text.contains("<<<<<<< ours") && text.contains(">>>>>>> theirs"),
        "{text}"
    );
    assert!(text.contains("Dnoe"), "their side is in the file");
    let out = d.exits(&["conflicts", FILE], 1);
    assert!(out.stderr.contains("git still lists"), "{out}");
    let out = d.fails(&["check", FILE], "conflict markers");
    assert!(out.stderr.contains("git still lists"), "{out}");
}

#[test]
fn a_newer_format_on_one_side_is_merged_line_by_line_not_dropped() {
    let d = repo();
    commit_text_edit(&d, "newer", "version: 1,", "version: 9,");
    d.git_ok(&["checkout", "-q", "main"]);
    d.ok(&["set", FILE, "reliability.slos", "--status", "done"]);
    d.git_ok(&["commit", "-qam", "done"]);
    let out = d.git(&["merge", "newer"]);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert_ne!(out.code, 0, "{said}");
    assert!(said.contains("newer than this build"), "{said}");
    let text = d.read(FILE);
    assert!(
        text.contains("version: 9"),
        "the newer side is kept: {text}"
    );
    assert!(text.contains("status: Done"), "ours is kept: {text}");
}

#[test]
fn a_driver_run_by_hand_with_an_unreadable_base_leaves_markers_and_fails() {
    let d = repo();
    d.write(
        "base.ron",
        "(format: \"shipshape-workbook\", version: 1, project: ",
    );
    d.copy(FILE, "ours.ron");
    d.copy(FILE, "theirs.ron");
    d.ok(&["set", "theirs.ron", "reliability.slos", "--owner", "Bo"]);
    let out = d.exits(&["merge", "base.ron", "ours.ron", "theirs.ron", FILE], 1);
    assert!(
        out.stderr
            .contains("the common ancestor (base) does not load"),
        "{out}"
    );
    assert!(out.stderr.contains(FILE), "{out}");
    assert!(
        d.read("ours.ron").contains("Bo"),
        "their change is in the result"
    );
}

#[test]
fn a_category_renamed_on_one_side_and_removed_on_the_other_is_a_conflict() {
    let d = repo();
    commit_text_edit(&d, "rename", "name: \"Operations\"", "name: \"Ops\"");
    d.git_ok(&["checkout", "-q", "-B", "remove", "main"]);
    let mut wb = d.load(FILE);
    wb.categories.retain(|c| c.id != "operations");
    d.save(FILE, &wb);
    d.git_ok(&["commit", "-qam", "remove"]);
    d.git_ok(&["checkout", "-q", "rename"]);
    let out = d.git(&["merge", "remove"]);
    assert_ne!(out.code, 0, "{out}");
    let out = d.exits(&["conflicts", FILE], 1);
    assert!(out.stdout.contains("category.operations.removed"), "{out}");
    d.ok(&["resolve", FILE, "category.operations.removed", "--theirs"]);
    let wb = d.load(FILE);
    assert!(wb.categories.iter().all(|c| c.id != "operations"));
    let out = d.exits(&["conflicts", FILE], 1);
    assert!(
        out.stderr
            .contains("`git add service.shipshape.ron` marks it merged"),
        "{out}"
    );
    d.git_ok(&["add", FILE]);
    d.exits(&["conflicts", FILE], 0);
}

#[test]
fn the_same_new_id_added_on_both_sides_keeps_both_items() {
    let d = repo();
    for (branch, description) in [("a", "ours"), ("b", "theirs")] {
        d.git_ok(&["checkout", "-q", "-B", branch, "main"]);
        let mut wb = d.load(FILE);
        let loc = wb.add_item(0, "Chaos drill").unwrap();
        wb.categories[0].items[loc.item].description = description.into();
        d.save(FILE, &wb);
        d.git_ok(&["commit", "-qam", branch]);
    }
    d.git_ok(&["checkout", "-q", "a"]);
    let out = d.git(&["merge", "b"]);
    assert_eq!(out.code, 0, "{out}");
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(
        said.contains("theirs is now `reliability.chaos-drill-2`"),
        "{said}"
    );
    let wb = d.load(FILE);
    assert_eq!(
        wb.item("reliability.chaos-drill").unwrap().description,
        "ours"
    );
    assert_eq!(
        wb.item("reliability.chaos-drill-2").unwrap().description,
        "theirs"
    );
}

#[test]
fn during_a_rebase_the_hints_say_which_side_is_whose() {
    let d = repo();
    d.git_ok(&["checkout", "-q", "-B", "feature", "main"]);
    d.ok(&["set", FILE, "reliability.slos", "--owner", "Mine"]);
    d.git_ok(&["commit", "-qam", "mine"]);
    d.git_ok(&["checkout", "-q", "main"]);
    d.ok(&["set", FILE, "reliability.slos", "--owner", "Upstream"]);
    d.git_ok(&["commit", "-qam", "upstream"]);
    d.git_ok(&["checkout", "-q", "feature"]);
    let out = d.git(&["rebase", "main"]);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert_ne!(out.code, 0, "{said}");
    assert!(said.contains("A rebase is under way"), "{said}");
    let out = d.exits(&["conflicts", FILE], 1);
    assert!(out.stdout.contains("A rebase is under way"), "{out}");
    assert!(out.stdout.contains("`--theirs` keeps your change"), "{out}");
    d.ok(&["resolve", FILE, "reliability.slos", "owner", "--theirs"]);
    assert_eq!(d.load(FILE).item("reliability.slos").unwrap().owner, "Mine");
}
