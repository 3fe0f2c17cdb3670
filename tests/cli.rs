//! The `shipshape` binary, run for real in temporary directories.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "helpers outside #[test] fns: a failed setup step should fail the test"
)]

use std::path::PathBuf;
use std::process::{Command, Output};

struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    fn new() -> Self {
        Self {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_shipshape"))
            .args(args)
            .current_dir(self.tmp.path())
            .output()
            .unwrap()
    }

    /// A workbook from the built-in template, launching 2027-01-31.
    fn workbook(&self) -> PathBuf {
        let out = self.run(&[
            "new",
            "w.shipshape.ron",
            "--project",
            "Payments API",
            "--launch",
            "2027-01-31",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        self.path("w.shipshape.ron")
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited by signal")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An error run: exit 2, `error: …` on stderr, nothing on stdout.
fn assert_error(out: &Output, needle: &str) {
    assert_eq!(
        code(out),
        2,
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
    let err = stderr(out);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

// ---- new -------------------------------------------------------------------

#[test]
fn new_creates_the_25_item_workbook() {
    let d = Dir::new();
    let out = d.run(&[
        "new",
        "w.shipshape.ron",
        "--project",
        "Payments API",
        "--launch",
        "2027-01-31",
    ]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("25 items in 5 categories"));
    let text = d.read("w.shipshape.ron");
    assert!(text.starts_with("(\n    format: \"shipshape-workbook\",\n    version: 1,\n"));
    assert!(text.contains("project: \"Payments API\""));
    assert!(text.contains("launch: Some(\"2027-01-31\")"));
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let d = Dir::new();
    let wb = d.workbook();
    std::fs::write(&wb, "precious").unwrap();
    let out = d.run(&["new", "w.shipshape.ron", "--project", "Other"]);
    assert_error(&out, "already exists");
    assert_eq!(d.read("w.shipshape.ron"), "precious");
    let out = d.run(&["new", "w.shipshape.ron", "--project", "Other", "--force"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(d.read("w.shipshape.ron").contains("project: \"Other\""));
}

#[test]
fn new_from_template_keeps_checklist_and_drops_progress() {
    let d = Dir::new();
    d.workbook();
    d.run(&[
        "set",
        "w.shipshape.ron",
        "security.secrets",
        "--status",
        "done",
        "--owner",
        "Ann",
    ]);
    let out = d.run(&[
        "new",
        "next.shipshape.ron",
        "--project",
        "Next",
        "--template",
        "w.shipshape.ron",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let list = stdout(&d.run(&["list", "next.shipshape.ron", "--status", "done"]));
    assert!(list.is_empty(), "{list}");
    let out = d.run(&[
        "new",
        "x.shipshape.ron",
        "--project",
        "X",
        "--template",
        "missing.ron",
    ]);
    assert_error(&out, "missing.ron");
}

#[test]
fn new_rejects_bad_arguments() {
    let d = Dir::new();
    assert_error(&d.run(&["new", "w.shipshape.ron"]), "--project");
    assert_error(
        &d.run(&["new", "w.shipshape.ron", "--project", "  "]),
        "must not be empty",
    );
    assert_error(
        &d.run(&[
            "new",
            "w.shipshape.ron",
            "--project",
            "P",
            "--launch",
            "2027-02-30",
        ]),
        "not a date",
    );
    assert!(!d.path("w.shipshape.ron").exists());
}

// ---- list ------------------------------------------------------------------

#[test]
fn list_prints_one_line_per_item_and_filters() {
    let d = Dir::new();
    d.workbook();
    let all = stdout(&d.run(&["list", "w.shipshape.ron"]));
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

    d.run(&[
        "set",
        "w.shipshape.ron",
        "security.secrets",
        "--owner",
        "Zoë Łukasz",
        "--due",
        "2026-01-10",
    ]);
    d.run(&[
        "set",
        "w.shipshape.ron",
        "security.pentest",
        "--owner",
        "zoë łukasz",
        "--status",
        "done",
        "--due",
        "2026-01-10",
    ]);

    let sec = stdout(&d.run(&["list", "w.shipshape.ron", "--category", "Security"]));
    assert_eq!(sec.lines().count(), 5);
    let by_id = stdout(&d.run(&["list", "w.shipshape.ron", "--category", "security"]));
    assert_eq!(sec, by_id);

    let mine = stdout(&d.run(&["list", "w.shipshape.ron", "--owner", "ZOË ŁUKASZ"]));
    assert_eq!(mine.lines().count(), 2, "{mine}");
    let unassigned = stdout(&d.run(&["list", "w.shipshape.ron", "--owner", "unassigned"]));
    assert_eq!(unassigned.lines().count(), 23);

    let done = stdout(&d.run(&["list", "w.shipshape.ron", "--status", "done"]));
    assert_eq!(done.lines().count(), 1);
    assert!(done.contains("security.pentest"));

    let overdue = stdout(&d.run(&[
        "list",
        "w.shipshape.ron",
        "--overdue",
        "--as-of",
        "2026-02-01",
    ]));
    assert_eq!(
        overdue.lines().count(),
        1,
        "done items are never overdue: {overdue}"
    );
    assert!(overdue.contains("security.secrets") && overdue.contains("(overdue)"));
    let not_yet = stdout(&d.run(&[
        "list",
        "w.shipshape.ron",
        "--overdue",
        "--as-of",
        "2026-01-10",
    ]));
    assert!(not_yet.is_empty(), "due today is not overdue");
}

#[test]
fn list_json_has_the_item_shape() {
    let d = Dir::new();
    d.workbook();
    let v = json(&d.run(&[
        "list",
        "w.shipshape.ron",
        "--category",
        "Operations",
        "--json",
    ]));
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["id"], "operations.ci-cd");
    assert_eq!(items[0]["category"], "Operations");
}

#[test]
fn list_rejects_unknown_category_and_status() {
    let d = Dir::new();
    d.workbook();
    assert_error(
        &d.run(&["list", "w.shipshape.ron", "--category", "Nope"]),
        "Reliability",
    );
    assert_error(
        &d.run(&["list", "w.shipshape.ron", "--status", "finished"]),
        "not-started",
    );
}

// ---- set -------------------------------------------------------------------

#[test]
fn set_edits_every_field_and_saves() {
    let d = Dir::new();
    d.workbook();
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
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
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("performance.cdn: mitigated, owner 李雷, due 2027-01-15"));
    let v = json(&d.run(&[
        "check",
        "w.shipshape.ron",
        "--json",
        "--as-of",
        "2027-01-01",
    ]));
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
    let text = d.read("w.shipshape.ron");
    assert!(text.contains("accepted_by: \"Ayşe Öztürk\""));
    assert!(text.contains("notes: \"Revisit after launch\""));
    assert!(text.contains("\"https://example.com/load-test\""));

    // --note appends; --owner "" and --due none clear.
    d.run(&[
        "set",
        "w.shipshape.ron",
        "performance.cdn",
        "--note",
        "Second",
        "--owner",
        "",
        "--due",
        "none",
    ]);
    let text = d.read("w.shipshape.ron");
    assert!(
        text.contains("notes: \"Revisit after launch\\n\\nSecond\""),
        "{text}"
    );
    let item = stdout(&d.run(&["list", "w.shipshape.ron", "--category", "performance"]));
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
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
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
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v = json(&d.run(&["list", "w.shipshape.ron", "--json"]));
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

    let out = d.run(&["set", "w.shipshape.ron", "performance.cdn"]);
    assert_error(
        &out,
        "nothing to change: give at least one of --title, --description, --status, --owner, --due, --mitigation, --accepted-by, --until, --notes, --evidence",
    );
    let out = d.run(&["set", "w.shipshape.ron", "performance.cdn", "--title", " "]);
    assert_error(&out, "the title cannot be empty");
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
        "performance.cdn",
        "--evidence",
        "not a link",
    ]);
    assert_error(&out, "is not a link");
    let out = d.run(&["set", "--help"]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("Who accepted the mitigation"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn set_mitigated_without_text_says_the_item_is_still_red() {
    let d = Dir::new();
    d.workbook();
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
        "security.pentest",
        "--status",
        "mitigated",
    ]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains(
            "still red: mitigated, but no mitigation is written; mitigation not accepted by anyone; mitigation has no end date"
        ),
        "{}",
        stdout(&out)
    );
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
        "security.pentest",
        "--mitigation",
        "Internal review",
        "--accepted-by",
        "CTO",
        "--until",
        "2099-01-01",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stdout(&out).contains("still red"), "{}", stdout(&out));
}

/// Regression: `--status mitigated --mitigation x` with nobody accepting it
/// and no end date passed the rule (a false green in `check` and the window).
#[test]
fn mitigation_without_acceptor_or_end_date_is_red_not_a_false_green() {
    let d = Dir::new();
    d.workbook();
    make_ready(&d);
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
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
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "still red: mitigated, but mitigation not accepted by anyone; mitigation has no end date"
        ),
        "{}",
        stdout(&out)
    );
    let out = d.run(&["check", "w.shipshape.ron", "--as-of", "2027-01-01"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("Demo-ready: 1 red"), "{text}");
    assert!(
        text.contains("mitigation not accepted by anyone; mitigation has no end date"),
        "{text}"
    );
    // Only whitespace is nobody.
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
        "security.pentest",
        "--accepted-by",
        "   ",
        "--until",
        "2027-01-15",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = d.run(&["check", "w.shipshape.ron", "--as-of", "2027-01-01"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("mitigated, but mitigation not accepted by anyone"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn set_unknown_item_suggests_closest_ids() {
    let d = Dir::new();
    d.workbook();
    let before = d.read("w.shipshape.ron");
    assert_error(
        &d.run(&[
            "set",
            "w.shipshape.ron",
            "reliability.slo",
            "--status",
            "done",
        ]),
        "did you mean reliability.slos",
    );
    assert_error(
        &d.run(&["set", "w.shipshape.ron", "runbooks", "--status", "done"]),
        "operations.runbooks",
    );
    assert_eq!(d.read("w.shipshape.ron"), before);
}

#[test]
fn set_rejects_bad_values_and_changes_nothing() {
    let d = Dir::new();
    d.workbook();
    let before = d.read("w.shipshape.ron");
    assert_error(
        &d.run(&["set", "w.shipshape.ron", "reliability.slos"]),
        "nothing to change",
    );
    assert_error(
        &d.run(&[
            "set",
            "w.shipshape.ron",
            "reliability.slos",
            "--status",
            "finished",
        ]),
        "unknown status",
    );
    assert_error(
        &d.run(&[
            "set",
            "w.shipshape.ron",
            "reliability.slos",
            "--due",
            "tomorrow",
        ]),
        "not a date",
    );
    assert_error(
        &d.run(&[
            "set",
            "w.shipshape.ron",
            "reliability.slos",
            "--evidence",
            "two words",
        ]),
        "URL",
    );
    assert_eq!(d.read("w.shipshape.ron"), before);
}

#[test]
fn set_refuses_to_drop_fields_from_a_newer_version() {
    let d = Dir::new();
    let wb = d.workbook();
    let text = d.read("w.shipshape.ron").replacen(
        "    review: None,\n",
        "    review: None,\n    risk_owner: \"Kim\",\n",
        1,
    );
    std::fs::write(&wb, &text).unwrap();
    assert_error(
        &d.run(&[
            "set",
            "w.shipshape.ron",
            "reliability.slos",
            "--status",
            "done",
        ]),
        "risk_owner",
    );
    assert_eq!(d.read("w.shipshape.ron"), text);
}

#[test]
fn set_resolves_a_conflict_on_the_field_it_sets() {
    let d = Dir::new();
    let wb = d.workbook();
    let text = d.read("w.shipshape.ron").replacen(
        "                    evidence: [],\n",
        "                    evidence: [],\n                    conflicts: [\n                        (\n                            field: \"owner\",\n                            ours: \"Ann\",\n                            theirs: \"Bob\",\n                        ),\n                    ],\n",
        1,
    );
    std::fs::write(&wb, &text).unwrap();
    let out = d.run(&["check", "w.shipshape.ron"]);
    assert!(
        stdout(&out).contains("conflict in owner: ours \"Ann\", theirs \"Bob\""),
        "{}",
        stdout(&out)
    );
    d.run(&[
        "set",
        "w.shipshape.ron",
        "reliability.slos",
        "--owner",
        "Bob",
    ]);
    assert!(!d.read("w.shipshape.ron").contains("conflicts"));
}

// ---- check -----------------------------------------------------------------

/// Makes every item pass: done, mitigated or not applicable with a reason.
fn make_ready(d: &Dir) {
    let ids: Vec<String> = stdout(&d.run(&["list", "w.shipshape.ron"]))
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 25);
    for id in &ids {
        let out = d.run(&["set", "w.shipshape.ron", id, "--status", "done"]);
        assert_eq!(code(&out), 0);
    }
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
        "performance.bundle-budget",
        "--status",
        "not-applicable",
        "--mitigation",
        "No front end",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
        "security.pentest",
        "--status",
        "mitigated",
        "--mitigation",
        "Internal review",
        "--accepted-by",
        "CTO",
        "--until",
        "2027-01-15",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn check_exits_0_when_production_ready() {
    let d = Dir::new();
    d.workbook();
    make_ready(&d);
    let out = d.run(&["check", "w.shipshape.ron", "--as-of", "2027-01-01"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "Payments API — Production-ready (as of 2027-01-01; launch 2027-01-31, T-30 days)"
        ),
        "{text}"
    );
    assert!(text.contains(
        "security.pentest: mitigation accepted until 2027-01-15, before launch on 2027-01-31"
    ));
}

#[test]
fn check_exits_1_and_lists_red_items_by_category() {
    let d = Dir::new();
    d.workbook();
    make_ready(&d);
    d.run(&[
        "set",
        "w.shipshape.ron",
        "observability.on-call",
        "--status",
        "in-progress",
        "--owner",
        "Kim",
        "--due",
        "2027-01-05",
    ]);
    d.run(&[
        "set",
        "w.shipshape.ron",
        "security.secrets",
        "--status",
        "not-applicable",
        "--mitigation",
        "",
    ]);
    let out = d.run(&["check", "w.shipshape.ron", "--as-of", "2027-01-10"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains("Demo-ready: 2 red"), "{text}");
    let obs = text.find("  Observability\n").unwrap();
    let sec = text.find("  Security\n").unwrap();
    assert!(obs < sec, "grouped in category order: {text}");
    assert!(
        text.contains("owner Kim, due 2027-01-05 (overdue): in progress without a mitigation"),
        "{text}"
    );
    assert!(
        text.contains("not applicable, but no reason is written"),
        "{text}"
    );
    assert!(
        text.contains("Overdue:\n  observability.on-call  due 2027-01-05, owner Kim"),
        "{text}"
    );

    // The mitigation lapses after its date: red again.
    let out = d.run(&["check", "w.shipshape.ron", "--as-of", "2027-01-16"]);
    assert!(
        stdout(&out).contains("mitigation expired on 2027-01-15"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_json_has_the_documented_shape() {
    let d = Dir::new();
    d.workbook();
    d.run(&[
        "set",
        "w.shipshape.ron",
        "reliability.slos",
        "--status",
        "done",
        "--owner",
        "Ann",
        "--due",
        "2027-01-02",
    ]);
    let out = d.run(&[
        "check",
        "w.shipshape.ron",
        "--json",
        "--as-of",
        "2027-01-03",
    ]);
    assert_eq!(code(&out), 1);
    let v = json(&out);
    let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 6);
    for k in ["project", "as_of", "ready", "counts", "warnings", "items"] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["project"], "Payments API");
    assert_eq!(v["as_of"], "2027-01-03");
    assert_eq!(v["ready"], false);
    assert_eq!(v["counts"]["done"], 1);
    assert_eq!(v["counts"]["not-started"], 24);
    for s in ["in-progress", "mitigated", "not-applicable"] {
        assert_eq!(v["counts"][s], 0);
    }
    assert!(v["warnings"].as_array().unwrap().is_empty());
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 25);
    let first = items[0].as_object().unwrap();
    let item_keys: Vec<_> = first.keys().map(String::as_str).collect();
    let mut expected = [
        "id",
        "category",
        "title",
        "description",
        "status",
        "owner",
        "due",
        "mitigation",
        "accepted_by",
        "until",
        "notes",
        "evidence",
        "overdue",
        "passes",
        "reason",
    ];
    let mut got = item_keys.clone();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(got, expected);
    assert_eq!(first["id"], "reliability.slos");
    assert_eq!(first["status"], "done");
    assert_eq!(first["owner"], "Ann");
    assert_eq!(first["due"], "2027-01-02");
    assert_eq!(first["overdue"], false);
    assert_eq!(first["passes"], true);
    assert_eq!(items[1]["owner"], "");
    assert!(items[1]["due"].is_null());
    assert!(items[1]["until"].is_null());
    assert_eq!(items[1]["evidence"], serde_json::json!([]));
    assert_eq!(first["reason"], serde_json::Value::Null);
    assert_eq!(items[1]["reason"], "not started without a mitigation");
}

#[test]
fn as_of_defaults_to_today() {
    let d = Dir::new();
    d.workbook();
    let v = json(&d.run(&["check", "w.shipshape.ron", "--json"]));
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(v["as_of"], today);
}

// ---- bad input -------------------------------------------------------------

#[test]
fn bad_files_are_errors_with_path_and_position() {
    let d = Dir::new();
    let wb = d.workbook();
    let good = d.read("w.shipshape.ron");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "empty"),
        ("binary", vec![0xff, 0xfe, 0x00, 0x01], "not UTF-8"),
        (
            "json",
            b"{\"items\": []}".to_vec(),
            "not a Shipshape workbook",
        ),
        (
            "conflict",
            good.replacen(
                "    review: None,\n",
                "<<<<<<< HEAD\n    review: None,\n=======\n>>>>>>> b\n",
                1,
            )
            .into_bytes(),
            "unresolved git conflict markers",
        ),
        (
            "newer",
            good.replace("version: 1,", "version: 9,").into_bytes(),
            "newer than this build",
        ),
        (
            "date",
            good.replacen("due: None", "due: Some(\"2027-13-01\")", 1)
                .into_bytes(),
            "invalid date",
        ),
        (
            "dup",
            good.replace("\"reliability.autoscaling\"", "\"reliability.slos\"")
                .into_bytes(),
            "more than once",
        ),
        (
            "ext",
            format!("#![enable(implicit_some)]\n{good}").into_bytes(),
            "extension",
        ),
        (
            "syntax",
            good.replacen("status: NotStarted", "status: Nope", 1)
                .into_bytes(),
            ":18:",
        ),
    ];
    for (name, bytes, needle) in cases {
        std::fs::write(&wb, &bytes).unwrap();
        for cmd in ["check", "list"] {
            let out = d.run(&[cmd, "w.shipshape.ron"]);
            assert_error(&out, needle);
            assert!(
                stderr(&out).contains("w.shipshape.ron"),
                "{name}: {}",
                stderr(&out)
            );
        }
        let out = d.run(&[
            "set",
            "w.shipshape.ron",
            "reliability.slos",
            "--status",
            "done",
        ]);
        assert_error(&out, needle);
        assert_eq!(std::fs::read(&wb).unwrap(), bytes, "{name}: file untouched");
    }
}

#[test]
fn missing_file_and_directory_are_errors() {
    let d = Dir::new();
    assert_error(
        &d.run(&["check", "nope.shipshape.ron"]),
        "nope.shipshape.ron",
    );
    std::fs::create_dir(d.path("dir.shipshape.ron")).unwrap();
    assert_error(&d.run(&["list", "dir.shipshape.ron"]), "directory");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let d = Dir::new();
    let out = d.run(&["check"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("error:"));
    let out = d.run(&["list", "w.ron", "--frobnicate"]);
    assert_eq!(code(&out), 2);
    let out = d.run(&["--help"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Exit codes"));
    let out = d.run(&["--version"]);
    assert_eq!(code(&out), 0);
}

#[test]
fn save_into_missing_directory_fails_cleanly() {
    let d = Dir::new();
    let out = d.run(&["new", "no/such/dir/w.shipshape.ron", "--project", "P"]);
    assert_error(&out, "cannot save no/such/dir/w.shipshape.ron");
}

#[cfg(unix)]
#[test]
fn devices_are_refused_not_read_forever() {
    let d = Dir::new();
    assert_error(&d.run(&["check", "/dev/zero"]), "not a workbook file");
}

#[test]
fn output_into_a_closed_pipe_is_not_a_panic() {
    use std::io::Read as _;
    use std::process::Stdio;
    let d = Dir::new();
    // Far more output than a pipe buffers, so the writer meets the hang-up.
    let big = shipshape::model::sample::synthetic(3000);
    shipshape::storage::save(&d.path("w.shipshape.ron"), &big).unwrap();
    for args in [
        &["list", "w.shipshape.ron"][..],
        &["check", "w.shipshape.ron", "--json"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_shipshape"))
            .args(args)
            .current_dir(d.tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, then hang up, as `| head -1` does.
        let mut first = [0u8; 8];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{err}");
        assert!(status.code().is_some_and(|c| c <= 1), "{status:?}: {err}");
    }
}

#[test]
fn list_with_a_65536_character_owner_does_not_panic() {
    let d = Dir::new();
    d.workbook();
    let huge = "x".repeat(65_536);
    let out = d.run(&[
        "set",
        "w.shipshape.ron",
        "reliability.slos",
        "--owner",
        &huge,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = d.run(&["list", "w.shipshape.ron"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 25);
}

#[test]
fn control_characters_from_a_workbook_never_reach_the_terminal() {
    let d = Dir::new();
    d.workbook();
    let evil = "Evil\u{1b}]0;pwned\u{7}\u{9b}31m";
    d.run(&[
        "set",
        "w.shipshape.ron",
        "reliability.autoscaling",
        "--owner",
        evil,
    ]);
    for args in [
        &["list", "w.shipshape.ron"][..],
        &["check", "w.shipshape.ron"],
        &["export", "md", "w.shipshape.ron"],
    ] {
        let out = d.run(args);
        let text = stdout(&out);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{args:?}: {text:?}"
        );
        assert!(text.contains("Evil\\u{1b}"), "{args:?} shows it escaped");
    }
}

#[cfg(unix)]
#[test]
fn writing_onto_a_device_or_fifo_is_refused_and_leaves_it_alone() {
    let d = Dir::new();
    d.workbook();
    let fifo = d.path("out.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/null", d.path("null-link")).unwrap();
    for target in ["out.fifo", "null-link"] {
        let out = d.run(&["export", "md", "w.shipshape.ron", "-o", target]);
        assert_error(&out, "not a regular file");
        let out = d.run(&["new", target, "--project", "P", "--force"]);
        assert_error(&out, "not a regular file");
    }
    assert!(!std::fs::metadata(&fifo).unwrap().is_file());
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}

#[test]
fn a_failed_save_says_the_os_error_once() {
    let d = Dir::new();
    let out = d.run(&["new", "missing-dir/w.shipshape.ron", "--project", "P"]);
    let err = stderr(&out);
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}
