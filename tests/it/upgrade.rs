//! Template upgrades through the real binary: `upgrade --dry-run` writes
//! nothing, `upgrade` writes and keeps a history version, `--drop-removed`,
//! templates by name from the template folder, the errors, and confirming
//! a reworded item with `set --confirm-wording`.

use std::path::Path;

use crate::util::{Dir, WB};
use shipshape::model::{Status, Workbook};

const V2: &str = "v2.shipshape.ron";

/// [`WB`] with answers on the items the template will touch, and a v2 of
/// the checklist: `reliability.slos` reworded, `reliability.backups` moved
/// to security, a new `reliability.chaos`, `performance.cdn` gone.
fn setup() -> Dir {
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
    ]);
    d.ok(&[
        "set",
        WB,
        "performance.cdn",
        "--owner",
        "Bo",
        "--note",
        "ours",
    ]);
    d.save(V2, &v2(&d.load(WB)));
    d
}

/// How many versions of [`WB`] the local history keeps.
fn versions(d: &Dir) -> usize {
    let out = d.run(&["history", WB, "--json"]);
    out.json().as_array().unwrap().len()
}

fn v2(wb: &Workbook) -> Workbook {
    let mut t = wb.clone();
    t.project = "Checklist v2".into();
    t.item_mut("reliability.slos").unwrap().title = "SLOs published and alerting".into();
    let backups = t.item("reliability.backups").unwrap().clone();
    let loc = t.locate("reliability.backups").unwrap();
    t.remove_item(loc);
    let security = t
        .categories
        .iter()
        .position(|c| c.id == "security")
        .unwrap();
    t.categories[security].items.push(backups);
    let loc = t.locate("performance.cdn").unwrap();
    t.remove_item(loc);
    let reliability = t
        .categories
        .iter()
        .position(|c| c.id == "reliability")
        .unwrap();
    t.add_item(reliability, "Chaos");
    t
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let d = setup();
    let before = d.read_bytes(WB);
    let out = d.ok(&["upgrade", WB, "--template", V2, "--dry-run"]);
    assert_eq!(d.read_bytes(WB), before, "byte-identical");
    for needle in [
        "1 item added from the template, not started (red)",
        "1 item reworded: red until confirmed",
        "1 item moved to the template's category",
        "1 item not in the template, kept (--drop-removed drops them):",
        "performance.cdn",
        // The diff, as `shipshape diff` prints it.
        "Added (1):",
        "+ reliability.chaos",
        "title: SLOs published → SLOs published and alerting",
        "Dry run: w.shipshape.ron is unchanged.",
    ] {
        assert!(out.contains(needle), "{needle:?} in:\n{out}");
    }
    assert_eq!(versions(&d), 2, "the two `set`s of the setup, nothing more");
}

#[test]
fn upgrade_writes_keeps_answers_and_a_history_version() {
    let d = setup();
    let before = d.read(WB);
    let out = d.ok(&["upgrade", WB, "--template", V2]);
    assert!(out.contains("Saved w.shipshape.ron"), "{out}");
    let wb = d.load(WB);
    assert_eq!(wb.project, "Payments API", "the workbook's own fields stay");
    let slos = wb.item("reliability.slos").unwrap();
    assert_eq!(
        (slos.status, slos.owner.as_str()),
        (Status::Done, "Ann"),
        "answers kept"
    );
    assert_eq!(slos.title, "SLOs published and alerting");
    assert!(slos.reworded.starts_with("SLOs published\n"), "{slos:?}");
    let kept = wb.item("performance.cdn").unwrap();
    assert_eq!(kept.owner, "Bo");
    assert_eq!(
        wb.categories[wb.locate("reliability.backups").unwrap().category].id,
        "security"
    );

    // The version it replaced is in the local history: putting it back
    // gives the file as it was (and keeps the upgraded one, to undo that).
    assert_eq!(versions(&d), 3);
    let upgraded = d.read(WB);
    d.ok(&["history", WB, "--restore", "1"]);
    assert_eq!(d.read(WB), before);
    d.ok(&["history", WB, "--restore", "1"]);
    assert_eq!(d.read(WB), upgraded);

    // check names the new reason; confirming clears it and verifies.
    let out = d.exits(&["check", WB], 1);
    assert!(
        out.stdout.contains("reliability.slos")
            && out.stdout.contains("checklist wording changed: re-confirm"),
        "{out}"
    );
    let said = d.ok(&["set", WB, "reliability.slos", "--confirm-wording"]);
    assert!(!said.contains("still red"), "{said}");
    let slos = d.load(WB).item("reliability.slos").unwrap().clone();
    assert!(slos.reworded.is_empty());
    assert_eq!(slos.verified, Some(chrono::Local::now().date_naive()));

    // Again: nothing left to do, nothing written.
    let text = d.read(WB);
    let out = d.ok(&["upgrade", WB, "--template", V2]);
    assert!(out.contains("already has this checklist"), "{out}");
    assert_eq!(d.read(WB), text);
}

/// A reworded item's flag, old words included, survives a trip through
/// the Markdown export and import (the wording is one line break apart:
/// a blank line would start a new paragraph there).
#[test]
fn the_flag_survives_markdown_export_and_import() {
    let d = setup();
    d.ok(&["upgrade", WB, "--template", V2]);
    let md = d.ok(&["export", "md", WB]);
    d.write("w.md", md);
    d.ok(&["import", "md", "w.md", "-o", "back.shipshape.ron"]);
    let before = d.load(WB).item("reliability.slos").unwrap().clone();
    let after = d
        .load("back.shipshape.ron")
        .item("reliability.slos")
        .unwrap()
        .clone();
    assert!(!before.reworded.is_empty());
    assert_eq!(
        (&after.reworded, &after.description),
        (&before.reworded, &before.description)
    );
}

#[test]
fn drop_removed_drops_the_items_the_template_lacks() {
    let d = setup();
    let out = d.ok(&["upgrade", WB, "--template", V2, "--drop-removed"]);
    assert!(
        out.contains("1 item not in the template, dropped:"),
        "{out}"
    );
    assert!(
        out.contains("- performance.cdn"),
        "the diff lists it: {out}"
    );
    assert!(d.load(WB).item("performance.cdn").is_none());
}

/// The template folder under a temporary XDG data dir, as on Linux.
fn templates_dir(d: &Dir) -> std::path::PathBuf {
    d.path("data").join("shipshape").join("templates")
}

#[test]
fn a_template_by_name_from_the_template_folder() {
    let d = setup();
    let folder = templates_dir(&d);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::rename(d.path(V2), folder.join("team-v2.shipshape.ron")).unwrap();
    let data = d.path("data");
    let env = [("XDG_DATA_HOME", data.to_str().unwrap())];

    let out = d.run_env(&["templates"], &env);
    assert_eq!(out.code, 0, "{out}");
    assert!(
        out.stdout.contains("team-v2\tChecklist v2\t25 items"),
        "{out}"
    );

    let out = d.run_env(&["upgrade", WB, "--template", "team-v2"], &env);
    assert_eq!(out.code, 0, "{out}");
    assert!(d.load(WB).item("reliability.chaos").is_some());

    let out = d.run_env(
        &[
            "new",
            "n.shipshape.ron",
            "--project",
            "N",
            "--template",
            "team-v2",
        ],
        &env,
    );
    assert_eq!(out.code, 0, "{out}");
    let n = d.load("n.shipshape.ron");
    assert_eq!(n.project, "N");
    assert!(n.item("reliability.chaos").is_some() && n.item("performance.cdn").is_none());
    assert!(
        n.items()
            .all(|(_, i)| i.status == Status::NotStarted && i.owner.is_empty())
    );

    // An unknown name: exit 2, and what there is.
    let out = d.run_env(&["upgrade", WB, "--template", "team-v3"], &env);
    out.assert_error("no template named \"team-v3\"");
    assert!(out.stderr.contains("has: team-v2"), "{out}");
    let out = d.run_env(
        &[
            "new",
            "m.shipshape.ron",
            "--project",
            "M",
            "--template",
            "nope",
        ],
        &env,
    );
    out.assert_error("no template named \"nope\"");
    assert!(!d.path("m.shipshape.ron").exists());
}

#[test]
fn the_env_override_moves_the_template_folder() {
    let d = setup();
    std::fs::create_dir(d.path("shared")).unwrap();
    d.copy(V2, "shared/v2.shipshape.ron");
    let shared = d.path("shared");
    let out = d.run_env(
        &["upgrade", WB, "--template", "v2", "--dry-run"],
        &[("SHIPSHAPE_TEMPLATES_DIR", shared.to_str().unwrap())],
    );
    assert_eq!(out.code, 0, "{out}");
    assert!(
        out.stdout.contains(&format!(
            "checklist in {}",
            Path::new(&shared).join("v2.shipshape.ron").display()
        )),
        "{out}"
    );
}

#[test]
fn a_malformed_template_is_an_error_with_its_line_and_column() {
    let d = setup();
    let before = d.read_bytes(WB);
    d.write(
        "bad.shipshape.ron",
        "(\n    format: \"shipshape-workbook\",\n    version: 1,\n    project: oops,\n)\n",
    );
    let out = d.run(&["upgrade", WB, "--template", "bad.shipshape.ron"]);
    out.assert_error("bad.shipshape.ron:4:");
    assert!(out.stderr.contains("cannot use it as a template"), "{out}");
    assert_eq!(d.read_bytes(WB), before);
    d.fails(
        &["upgrade", WB, "--template", "missing/v9.shipshape.ron"],
        "v9.shipshape.ron",
    );
}
