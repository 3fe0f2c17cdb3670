//! `status`: the portfolio of every workbook under some folders — the
//! table, `--json`, `--owner`, the exit codes, unreadable files, and the
//! walk honouring `.gitignore` as ripgrep does (for `check DIR` too).

use shipshape::model::{Category, Item, Status, Workbook};

use crate::util::{Dir, Out};

const AS_OF: &str = "2026-03-10";

/// A workbook of `project` launching on `launch`, with one done item and
/// `red` open items owned by `owner` (due 2026-03-01, so overdue).
fn workbook(project: &str, launch: Option<&str>, red: usize, owner: &str) -> Workbook {
    let mut wb = Workbook::new(project);
    wb.launch = launch.map(|l| l.parse().unwrap());
    let mut items = vec![Item {
        id: "ops.done".into(),
        title: "Done already".into(),
        status: Status::Done,
        ..Item::default()
    }];
    items.extend((0..red).map(|i| Item {
        id: format!("ops.open-{i}"),
        title: format!("Open item {i}"),
        status: Status::NotStarted,
        owner: owner.into(),
        due: Some("2026-03-01".parse().unwrap()),
        ..Item::default()
    }));
    wb.categories.push(Category {
        id: "ops".into(),
        name: "Operations".into(),
        items,
    });
    wb
}

/// `d` with `workbooks` saved at their paths (folders made as needed).
fn save_all(d: &Dir, workbooks: &[(&str, Workbook)]) {
    for (path, wb) in workbooks {
        std::fs::create_dir_all(d.path(path).parent().unwrap()).unwrap();
        d.save(path, wb);
    }
}

/// Three services: one ready, two not (the nearer launch first).
fn portfolio() -> Dir {
    let d = Dir::new();
    save_all(
        &d,
        &[
            (
                "svc/ready.shipshape.ron",
                workbook("Ready", Some("2026-04-01"), 0, ""),
            ),
            (
                "svc/later.shipshape.ron",
                workbook("Later", Some("2026-09-01"), 3, "Ana"),
            ),
            (
                "sooner.shipshape.ron",
                workbook("Sooner", Some("2026-05-01"), 1, "Bo"),
            ),
        ],
    );
    d
}

fn status(d: &Dir, extra: &[&str], code: i32) -> Out {
    d.exits(&[&["status", "--as-of", AS_OF][..], extra].concat(), code)
}

/// The lines of a table, without the summary after the blank line.
fn table_lines(out: &Out) -> Vec<&str> {
    out.stdout.lines().take_while(|l| !l.is_empty()).collect()
}

#[test]
fn status_lists_every_workbook_most_urgent_first_in_columns() {
    let d = portfolio();
    let out = status(&d, &[], 1);
    let lines = table_lines(&out);
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("PROJECT  "), "{out}");
    for heading in [
        "VERDICT", "RED", "OVERDUE", "RE-CHECK", "LAPSING", "LAUNCH", "REVIEW", "PATH",
    ] {
        assert!(lines[0].contains(heading), "{heading}: {out}");
    }
    let projects: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(projects, ["Sooner", "Later", "Ready"], "{out}");
    assert!(
        lines[1].contains("demo-ready") && lines[1].contains("2026-05-01 T-52"),
        "{out}"
    );
    assert!(lines[3].contains("production-ready"), "{out}");
    // Aligned: each path starts where the PATH heading does.
    let at = lines[0].find("PATH").unwrap();
    for (line, path) in lines[1..].iter().zip([
        "sooner.shipshape.ron",
        "svc/later.shipshape.ron",
        "svc/ready.shipshape.ron",
    ]) {
        assert_eq!(line.find(path), Some(at), "{out}");
    }
    // Numbers right-aligned under their heading: Later has 3 red.
    let red_end = lines[0].find("RED").unwrap() + "RED".len();
    assert_eq!(&lines[2][red_end - 1..red_end], "3", "{out}");
    assert!(
        out.stdout.ends_with(
            "\n3 workbooks as of 2026-03-10: 1 production-ready, 2 demo-ready, 0 unreadable\n"
        ),
        "{out}"
    );
}

#[test]
fn status_exits_0_only_when_every_workbook_is_production_ready() {
    let d = Dir::new();
    save_all(&d, &[("a.shipshape.ron", workbook("A", None, 0, ""))]);
    status(&d, &[], 0);
    save_all(&d, &[("b/b.shipshape.ron", workbook("B", None, 1, ""))]);
    status(&d, &[], 1);
    // Only the folder given counts.
    d.exits(&["status", "--as-of", AS_OF, "."], 1);
    std::fs::create_dir_all(d.path("c")).unwrap();
    d.save("c/c.shipshape.ron", &workbook("C", None, 0, ""));
    let out = d.exits(&["status", "--as-of", AS_OF, "c"], 0);
    assert!(out.stdout.contains("c/c.shipshape.ron"), "{out}");
}

#[test]
fn status_json_is_a_workbooks_array_and_an_unreadable_array() {
    let d = portfolio();
    d.write("broken.shipshape.ron", "(\n  format: nonsense");
    let out = status(&d, &["--json"], 2);
    let doc = out.json();
    assert_eq!(doc["as_of"], AS_OF);
    assert_eq!(doc["ready"], false);
    let books = doc["workbooks"].as_array().unwrap();
    let projects: Vec<&str> = books
        .iter()
        .map(|b| b["project"].as_str().unwrap())
        .collect();
    assert_eq!(projects, ["Sooner", "Later", "Ready"]);
    let later = &books[1];
    assert_eq!(later["path"], "svc/later.shipshape.ron");
    assert_eq!(later["ready"], false);
    assert_eq!(later["verdict"], "Demo-ready: 3 red");
    assert_eq!(later["items"], 4);
    assert_eq!(
        (later["red"].as_u64(), later["overdue"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(later["recheck_due"], 0);
    assert_eq!(later["lapsing"], 0);
    assert_eq!(later["launch"], "2026-09-01");
    assert_eq!(later["days_to_launch"], 175);
    assert_eq!(later["review"], "2026-08-04");
    let keys: Vec<&String> = later.as_object().unwrap().keys().collect();
    assert_eq!(
        keys.len(),
        12,
        "a new key belongs in the README too: {keys:?}"
    );
    let bad = &doc["unreadable"][0];
    assert_eq!(bad["path"], "broken.shipshape.ron");
    assert!(bad["line"].as_u64().is_some(), "{out}");
    assert!(bad["column"].as_u64().is_some(), "{out}");
    assert!(!bad["error"].as_str().unwrap().is_empty());
    assert_eq!(doc["empty"], serde_json::json!([]));
}

#[test]
fn status_owner_lists_what_one_person_owes_across_services() {
    let d = portfolio();
    save_all(
        &d,
        &[("x/other.shipshape.ron", workbook("Other", None, 1, "ana"))],
    );
    let out = status(&d, &["--owner", "ANA"], 1);
    let lines = table_lines(&out);
    assert!(lines[0].starts_with("SERVICE"), "{out}");
    assert_eq!(lines.len(), 5, "Later's 3 and Other's 1: {out}");
    for line in &lines[1..] {
        assert!(line.contains("2026-03-01 (overdue)"), "{out}");
        assert!(line.contains("not started without a mitigation"), "{out}");
    }
    assert!(
        lines[1].starts_with("Later") && lines[1].contains("ops.open-0"),
        "{out}"
    );
    assert!(
        lines[4].starts_with("Other") && lines[4].contains("x/other.shipshape.ron"),
        "{out}"
    );
    assert!(
        !out.stdout.contains("Sooner"),
        "Bo's items are not Ana's: {out}"
    );
    // Spelled as the workbooks spell it most.
    assert!(
        out.stdout
            .contains("\nAna owes 4 items in 4 workbooks as of 2026-03-10\n"),
        "{out}"
    );

    let doc = status(&d, &["--owner", "Ana", "--json"], 1).json();
    assert_eq!(doc["owner"], "Ana");
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["project"], "Later");
    assert_eq!(items[0]["id"], "ops.open-0");
    assert_eq!(items[0]["title"], "Open item 0");
    assert_eq!(items[0]["red"], true);
    assert_eq!(items[0]["due"], "2026-03-01");
    assert_eq!(items[0]["overdue"], true);
    assert_eq!(items[0]["reason"], "not started without a mitigation");
    assert_eq!(items[0]["path"], "svc/later.shipshape.ron");

    let out = status(&d, &["--owner", "Nobody"], 1);
    assert!(
        out.stdout.contains("Nobody owes nothing in 4 workbooks"),
        "{out}"
    );
}

#[test]
fn an_unreadable_file_is_listed_with_its_position_and_the_rest_still_reported() {
    let d = portfolio();
    d.write("broken.shipshape.ron", "(\n  format: nonsense");
    let out = status(&d, &[], 2);
    let lines = table_lines(&out);
    assert_eq!(lines.len(), 5, "{out}");
    // Unreadable first: nothing can be said about it until it is fixed.
    assert!(lines[1].contains("unreadable"), "{out}");
    assert!(lines[1].contains("broken.shipshape.ron:2:"), "{out}");
    assert!(lines[2].starts_with("Sooner"), "{out}");
    assert!(out.stdout.contains("1 unreadable"), "{out}");
    assert!(!out.stderr.contains("panicked"), "{out}");
    // With --owner, too.
    let out = status(&d, &["--owner", "Ana"], 2);
    assert!(
        out.stdout.contains("unreadable: broken.shipshape.ron:2:"),
        "{out}"
    );
}

#[test]
fn a_folder_that_does_not_exist_is_an_error() {
    let d = portfolio();
    d.fails(&["status", "nowhere"], "nowhere: no such folder");
    d.fails(&["status", "--owner"], "");
}

#[test]
fn an_empty_folder_says_so_and_is_not_ready() {
    let d = Dir::new();
    std::fs::create_dir_all(d.path("empty")).unwrap();
    let out = d.exits(&["status", "empty"], 1);
    assert_eq!(out.stdout, "No *.shipshape.ron under empty\n", "{out}");
    let doc = d.exits(&["status", "empty", "--json"], 1).json();
    assert_eq!(doc["empty"], serde_json::json!(["empty"]));
    assert_eq!(doc["workbooks"], serde_json::json!([]));
}

/// A git repository whose `.gitignore` ignores `build/`, with a workbook
/// there (a copy a build step left) and one tracked.
fn repo_with_ignored_copy() -> Dir {
    let d = Dir::new();
    save_all(
        &d,
        &[
            ("svc/real.shipshape.ron", workbook("Real", None, 0, "")),
            ("build/copy.shipshape.ron", workbook("Copy", None, 2, "")),
        ],
    );
    d.write(".gitignore", "build/\n");
    d
}

#[test]
fn status_and_check_skip_what_gitignore_ignores_inside_a_git_repository() {
    let d = repo_with_ignored_copy();
    // Outside a repository .gitignore means nothing, as for git and rg.
    let out = status(&d, &[], 1);
    assert!(out.stdout.contains("build/copy.shipshape.ron"), "{out}");

    d.git_ok(&["init", "-q"]);
    let out = status(&d, &[], 0);
    assert!(!out.stdout.contains("copy"), "{out}");
    assert!(out.stdout.contains("svc/real.shipshape.ron"), "{out}");
    let out = d.exits(&["check", ".", "--as-of", AS_OF], 0);
    assert!(!out.stdout.contains("copy"), "{out}");
    assert!(
        out.stdout.contains("1 workbook: 1 production-ready"),
        "{out}"
    );
    // Named explicitly, an ignored folder is searched (as rg does).
    let out = status(&d, &["build"], 1);
    assert!(out.stdout.contains("build/copy.shipshape.ron"), "{out}");
}
