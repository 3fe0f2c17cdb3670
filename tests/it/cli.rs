//! `new`, `list` and `set`, the real binary in temporary directories.

use crate::util::{Dir, WB};

// ---- new -------------------------------------------------------------------

#[test]
fn new_creates_the_25_item_workbook() {
    let d = Dir::new();
    let out = d.ok(&[
        "new",
        WB,
        "--project",
        "Payments API",
        "--launch",
        "2027-01-31",
    ]);
    assert!(out.contains("25 items in 5 categories"), "{out}");
    let text = d.read(WB);
    assert!(text.starts_with("(\n    format: \"shipshape-workbook\",\n    version: 1,\n"));
    assert!(text.contains("project: \"Payments API\""));
    assert!(text.contains("launch: Some(\"2027-01-31\")"));
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let d = Dir::new();
    d.workbook();
    d.write(WB, "precious");
    d.fails(&["new", WB, "--project", "Other"], "already exists");
    assert_eq!(d.read(WB), "precious");
    d.ok(&["new", WB, "--project", "Other", "--force"]);
    assert!(d.read(WB).contains("project: \"Other\""));
}

#[test]
fn new_from_template_keeps_checklist_and_drops_progress() {
    let d = Dir::new();
    d.workbook();
    d.ok(&[
        "set",
        WB,
        "security.secrets",
        "--status",
        "done",
        "--owner",
        "Ann",
    ]);
    d.ok(&[
        "new",
        "next.shipshape.ron",
        "--project",
        "Next",
        "--template",
        WB,
    ]);
    let list = d.ok(&["list", "next.shipshape.ron", "--status", "done"]);
    assert!(list.is_empty(), "{list}");
    let all = d.ok(&["list", "next.shipshape.ron"]);
    assert_eq!(all.lines().count(), 25, "the checklist is kept: {all}");
    d.fails(
        &[
            "new",
            "x.shipshape.ron",
            "--project",
            "X",
            "--template",
            "missing.ron",
        ],
        "missing.ron",
    );
}

#[test]
fn new_rejects_bad_arguments() {
    let d = Dir::new();
    d.fails(&["new", WB], "--project");
    d.fails(&["new", WB, "--project", "  "], "must not be empty");
    d.fails(
        &["new", WB, "--project", "P", "--launch", "2027-02-30"],
        "not a date",
    );
    assert!(!d.path(WB).exists());
}

// ---- list ------------------------------------------------------------------

#[test]
fn list_prints_one_line_per_item_and_filters() {
    let d = Dir::new();
    d.workbook();
    let all = d.ok(&["list", WB]);
    assert_eq!(all.lines().count(), 25);
    let first = all.lines().next().unwrap();
    for field in [
        "reliability.slos",
        "not-started",
        "unassigned",
        "SLOs published",
    ] {
        assert!(first.contains(field), "{first}");
    }

    d.ok(&[
        "set",
        WB,
        "security.secrets",
        "--owner",
        "Zoë Łukasz",
        "--due",
        "2026-01-10",
    ]);
    d.ok(&[
        "set",
        WB,
        "security.pentest",
        "--owner",
        "zoë łukasz",
        "--status",
        "done",
        "--due",
        "2026-01-10",
    ]);

    let sec = d.ok(&["list", WB, "--category", "Security"]);
    assert_eq!(sec.lines().count(), 5);
    let by_id = d.ok(&["list", WB, "--category", "security"]);
    assert_eq!(sec, by_id);

    let mine = d.ok(&["list", WB, "--owner", "ZOË ŁUKASZ"]);
    assert_eq!(mine.lines().count(), 2, "{mine}");
    let unassigned = d.ok(&["list", WB, "--owner", "unassigned"]);
    assert_eq!(unassigned.lines().count(), 23);

    let done = d.ok(&["list", WB, "--status", "done"]);
    assert_eq!(done.lines().count(), 1);
    assert!(done.contains("security.pentest"));

    let overdue = d.ok(&["list", WB, "--overdue", "--as-of", "2026-02-01"]);
    assert_eq!(
        overdue.lines().count(),
        1,
        "done items are never overdue: {overdue}"
    );
    assert!(overdue.contains("security.secrets") && overdue.contains("(overdue)"));
    let not_yet = d.ok(&["list", WB, "--overdue", "--as-of", "2026-01-10"]);
    assert!(not_yet.is_empty(), "due today is not overdue");
}

#[test]
fn list_json_has_the_item_shape() {
    let d = Dir::new();
    d.workbook();
    let v = d
        .exits(&["list", WB, "--category", "Operations", "--json"], 0)
        .json();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["id"], "operations.ci-cd");
    assert_eq!(items[0]["category"], "Operations");
}

#[test]
fn list_rejects_unknown_category_and_status() {
    let d = Dir::new();
    d.workbook();
    d.fails(&["list", WB, "--category", "Nope"], "Reliability");
    d.fails(&["list", WB, "--status", "finished"], "not-started");
}

// ---- set -------------------------------------------------------------------

#[test]
fn set_edits_every_field_and_saves() {
    let d = Dir::new();
    d.workbook();
    let out = d.ok(&[
        "set",
        WB,
        "performance.cdn",
        "--status",
        "mitigated",
        "--owner",
        "李雷",
        "--due",
        "2027-01-15",
        "--mitigation",
        "Origin can take 3x peak",
        "--accepted-by",
        "Ayşe Öztürk",
        "--until",
        "2027-03-01",
        "--note",
        "Revisit after launch",
        "--evidence",
        "https://example.com/load-test",
    ]);
    assert!(
        out.contains("performance.cdn: mitigated, owner 李雷, due 2027-01-15"),
        "{out}"
    );
    let v = d
        .exits(&["check", WB, "--json", "--as-of", "2027-01-01"], 1)
        .json();
    let item = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "performance.cdn")
        .unwrap()
        .clone();
    assert_eq!(item["status"], "mitigated");
    assert_eq!(item["owner"], "李雷");
    assert_eq!(item["due"], "2027-01-15");
    assert_eq!(item["mitigation"], "Origin can take 3x peak");
    assert_eq!(item["until"], "2027-03-01");
    assert_eq!(item["passes"], true);
    let text = d.read(WB);
    assert!(text.contains("accepted_by: \"Ayşe Öztürk\""));
    assert!(text.contains("notes: \"Revisit after launch\""));
    assert!(text.contains("\"https://example.com/load-test\""));

    // --note appends; --owner "" and --due none clear.
    d.ok(&[
        "set",
        WB,
        "performance.cdn",
        "--note",
        "Second",
        "--owner",
        "",
        "--due",
        "none",
    ]);
    let text = d.read(WB);
    assert!(
        text.contains("notes: \"Revisit after launch\\n\\nSecond\""),
        "{text}"
    );
    let item = d.ok(&["list", WB, "--category", "performance"]);
    assert!(
        item.lines()
            .any(|l| l.starts_with("performance.cdn") && l.contains("unassigned"))
    );
}

/// `set` has a flag for every item field, made from the model's field list:
/// title and description too, repeated links, `--notes` (alias `--note`).
#[test]
fn set_has_a_flag_for_every_field() {
    let d = Dir::new();
    d.workbook();
    d.ok(&[
        "set",
        WB,
        "performance.cdn",
        "--title",
        "  CDN in front of the API  ",
        "--description",
        "Static assets and cacheable GETs",
        "--evidence",
        "https://a.example",
        "--evidence",
        "https://b.example",
        "--notes",
        "One",
        "--note",
        "Two",
    ]);
    let v = d.exits(&["list", WB, "--json"], 0).json();
    let item = v
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "performance.cdn")
        .unwrap()
        .clone();
    assert_eq!(
        item["title"], "CDN in front of the API",
        "values are trimmed"
    );
    assert_eq!(item["description"], "Static assets and cacheable GETs");
    assert_eq!(
        item["evidence"],
        serde_json::json!(["https://a.example", "https://b.example"])
    );
    assert_eq!(item["notes"], "One\n\nTwo");

    d.fails(
        &["set", WB, "performance.cdn"],
        "nothing to change: give at least one of --title, --description, --status, --owner, --due, --mitigation, --accepted-by, --until, --notes, --evidence",
    );
    d.fails(
        &["set", WB, "performance.cdn", "--title", " "],
        "the title cannot be empty",
    );
    d.fails(
        &["set", WB, "performance.cdn", "--evidence", "not a link"],
        "is not a link",
    );
    let help = d.ok(&["set", "--help"]);
    assert!(help.contains("Who accepted the mitigation"), "{help}");
}

#[test]
fn set_mitigated_without_text_says_the_item_is_still_red() {
    let d = Dir::new();
    d.workbook();
    let out = d.ok(&["set", WB, "security.pentest", "--status", "mitigated"]);
    assert!(
        out.contains(
            "still red: mitigated, but no mitigation is written; mitigation not accepted by anyone; mitigation has no end date"
        ),
        "{out}"
    );
    let out = d.ok(&[
        "set",
        WB,
        "security.pentest",
        "--mitigation",
        "Internal review",
        "--accepted-by",
        "CTO",
        "--until",
        "2099-01-01",
    ]);
    assert!(!out.contains("still red"), "{out}");
    assert!(out.contains("security.pentest: mitigated"), "{out}");
}

/// Regression: `--status mitigated --mitigation x` with nobody accepting it
/// and no end date passed the rule (a false green in `check` and the window).
#[test]
fn mitigation_without_acceptor_or_end_date_is_red_not_a_false_green() {
    let d = Dir::new();
    d.workbook();
    crate::check::make_ready(&d);
    let out = d.ok(&[
        "set",
        WB,
        "security.pentest",
        "--status",
        "mitigated",
        "--mitigation",
        "x",
        "--accepted-by",
        "",
        "--until",
        "none",
    ]);
    assert!(
        out.contains(
            "still red: mitigated, but mitigation not accepted by anyone; mitigation has no end date"
        ),
        "{out}"
    );
    let text = d.exits(&["check", WB, "--as-of", "2027-01-01"], 1).stdout;
    assert!(text.contains("Demo-ready: 1 red"), "{text}");
    assert!(
        text.contains("mitigation not accepted by anyone; mitigation has no end date"),
        "{text}"
    );
    // Only whitespace is nobody.
    d.ok(&[
        "set",
        WB,
        "security.pentest",
        "--accepted-by",
        "   ",
        "--until",
        "2027-01-15",
    ]);
    let text = d.exits(&["check", WB, "--as-of", "2027-01-01"], 1).stdout;
    assert!(
        text.contains("mitigated, but mitigation not accepted by anyone"),
        "{text}"
    );
}

#[test]
fn set_unknown_item_suggests_closest_ids() {
    let d = Dir::new();
    d.workbook();
    let before = d.read(WB);
    d.fails(
        &["set", WB, "reliability.slo", "--status", "done"],
        "did you mean reliability.slos",
    );
    d.fails(
        &["set", WB, "runbooks", "--status", "done"],
        "operations.runbooks",
    );
    assert_eq!(d.read(WB), before);
}

#[test]
fn set_rejects_bad_values_and_changes_nothing() {
    let d = Dir::new();
    d.workbook();
    let before = d.read(WB);
    d.fails(&["set", WB, "reliability.slos"], "nothing to change");
    d.fails(
        &["set", WB, "reliability.slos", "--status", "finished"],
        "unknown status",
    );
    d.fails(
        &["set", WB, "reliability.slos", "--due", "someday"],
        "`someday` is not a date: type 2027-01-15, today, +2w",
    );
    d.fails(
        &["set", WB, "reliability.slos", "--evidence", "two words"],
        "URL",
    );
    assert_eq!(d.read(WB), before);
}

#[test]
fn set_refuses_to_drop_fields_from_a_newer_version() {
    let d = Dir::new();
    d.workbook();
    let text = d.read(WB).replacen(
        "    review: None,\n",
        "    review: None,\n    risk_owner: \"Kim\",\n",
        1,
    );
    d.write(WB, &text);
    d.fails(
        &["set", WB, "reliability.slos", "--status", "done"],
        "risk_owner",
    );
    assert_eq!(d.read(WB), text);
}

#[test]
fn set_resolves_a_conflict_on_the_field_it_sets() {
    let d = Dir::new();
    d.workbook();
    let text = d.read(WB).replacen(
        "                    evidence: [],\n",
        "                    evidence: [],\n                    conflicts: [\n                        (\n                            field: \"owner\",\n                            ours: \"Ann\",\n                            theirs: \"Bob\",\n                        ),\n                    ],\n",
        1,
    );
    d.write(WB, &text);
    let out = d.exits(&["check", WB], 1);
    assert!(
        out.stdout
            .contains("conflict in owner: ours \"Ann\", theirs \"Bob\""),
        "{out}"
    );
    d.ok(&["set", WB, "reliability.slos", "--owner", "Bob"]);
    assert!(!d.read(WB).contains("conflicts"));
    assert!(d.read(WB).contains("owner: \"Bob\""));
}

// ---- completions and man ---------------------------------------------------

/// Every visible subcommand, and a nested one of each group.
const SUBCOMMANDS: [&str; 17] = [
    "new",
    "list",
    "set",
    "check",
    "merge",
    "git",
    "setup",
    "show",
    "diff",
    "conflicts",
    "resolve",
    "export",
    "pdf",
    "import",
    "azure",
    "history",
    "completions",
];

#[test]
fn completions_for_each_shell_name_every_subcommand() {
    let d = Dir::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = d.ok(&["completions", shell]);
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
        assert!(script.contains("as-of"), "{shell}: flags complete too");
    }
    d.fails(&["completions", "tcsh"], "tcsh");
    d.fails(&["completions"], "SHELL");
}

/// `page` as `man -l` shows it, when man is installed.
fn render_man(page: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("man")
        .arg("-l")
        .arg(page)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "man -l {page:?}: {stderr}"
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn man_page_lists_every_subcommand_and_renders() {
    let d = Dir::new();
    let roff = d.ok(&["man"]);
    assert!(roff.contains("\n.TH shipshape 1 "), "{roff}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS", ".SH NOTES"] {
        assert!(roff.contains(section), "{section}: {roff}");
    }
    assert!(roff.contains("Exit codes"), "{roff}");
    d.write("shipshape.1", &roff);
    if let Some(text) = render_man(&d.path("shipshape.1")) {
        for sub in [
            "shipshape-new(1)",
            "shipshape-check(1)",
            "shipshape-completions(1)",
        ] {
            assert!(text.contains(sub), "{sub}: {text}");
        }
        assert!(!text.contains("shipshape-man"), "man is hidden: {text}");
    }
}

#[test]
fn man_into_a_directory_writes_a_page_per_command() {
    let d = Dir::new();
    assert_eq!(d.ok(&["man", "pages"]), "");
    let mut names: Vec<String> = std::fs::read_dir(d.path("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for page in [
        "shipshape.1",
        "shipshape-check.1",
        "shipshape-git-setup.1",
        "shipshape-export-pdf.1",
        "shipshape-completions.1",
    ] {
        assert!(names.iter().any(|n| n == page), "{page}: {names:?}");
    }
    assert!(
        !names
            .iter()
            .any(|n| n.contains("help") || n.contains("-man")),
        "{names:?}"
    );
    assert_eq!(d.read("pages/shipshape.1"), d.ok(&["man"]));
    if let Some(text) = render_man(&d.path("pages/shipshape-set.1")) {
        assert!(text.contains("--owner"), "{text}");
    }
    d.write("file", "");
    d.fails(&["man", "file"], "cannot write the manual pages");
}
