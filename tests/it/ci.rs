//! `check` as a CI gate: several files and folders, the exit codes, JUnit
//! XML (read back with a real XML parser) and GitHub annotations — and the
//! snippets of `docs/ci.md`, run here on the fixture they describe.

use std::path::Path;

use crate::util::{Dir, Out, WB, fixture};

const PAYMENTS: &str = "services/payments/payments.shipshape.ron";
const SEARCH: &str = "services/search/search.shipshape.ron";

/// A directory holding `tests/fixtures/ci/services/`.
fn services() -> Dir {
    let d = Dir::new();
    for file in [PAYMENTS, SEARCH] {
        let to = d.path(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture(&format!("ci/{file}")), to).unwrap();
    }
    d
}

/// The code blocks of a Markdown file: (info string, text).
fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// Runs a `shipshape …` line from the doc in `d`: its words are the
/// arguments; `> FILE` sends stdout to FILE, as the shell would.
fn run_doc_line(d: &Dir, line: &str) -> Out {
    let (command, to_file) = match line.split_once(" > ") {
        Some((c, f)) => (c, Some(f.trim())),
        None => (line, None),
    };
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = d.run(&args);
    if let Some(file) = to_file {
        d.write(file, &out.stdout);
    }
    out
}

fn parse_junit(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML: {e}\n{xml}"))
}

#[test]
fn the_docs_snippets_run_here_and_print_what_the_doc_shows() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci.md")).unwrap();
    let blocks = code_blocks(&doc);
    let d = services();

    // The CI snippets: each `shipshape` command, as the CI would run it
    // (today, so only the shape is checked).
    let ci_lines: Vec<String> = blocks
        .iter()
        .filter(|(info, _)| info == "yaml")
        .flat_map(|(_, text)| text.lines().map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|l| {
            let l = l
                .trim()
                .trim_start_matches("- ")
                .trim_start_matches("run: ");
            l.starts_with("shipshape ").then(|| l.to_owned())
        })
        .collect();
    assert_eq!(ci_lines.len(), 2, "{ci_lines:?}");
    for line in &ci_lines {
        let out = run_doc_line(&d, line);
        assert_eq!(out.code, 1, "{line}: Payments API is not ready: {out}");
        if line.contains("--format github") {
            let first = out.stdout.lines().next().unwrap();
            assert!(
                first.starts_with(&format!("::error file={PAYMENTS},line=32,title=")),
                "{first}"
            );
        }
        if let Some((_, file)) = line.split_once(" > ") {
            let xml = d.read(file.trim());
            let report = parse_junit(&xml);
            let suites: Vec<_> = report
                .root_element()
                .children()
                .filter(|n| n.has_tag_name("testsuite"))
                .collect();
            assert_eq!(suites.len(), 2);
        }
    }

    // The examples: a `sh` block with one command, then exactly its output.
    let mut examples = 0;
    for pair in blocks.windows(2) {
        let [(info, command), (_, expected)] = pair else {
            continue;
        };
        if info != "sh" || !command.starts_with("shipshape check") {
            continue;
        }
        let out = run_doc_line(&d, command.trim());
        assert_eq!(out.code, 1, "{command}: {out}");
        assert_eq!(out.stdout, *expected, "{command}");
        examples += 1;
    }
    assert_eq!(examples, 2);
}

#[test]
fn junit_has_a_suite_per_workbook_a_case_per_item_and_a_failure_per_red_item() {
    let d = services();
    let out = d.exits(
        &[
            "check",
            "services",
            "--format",
            "junit",
            "--as-of",
            "2027-02-01",
        ],
        1,
    );
    let report = parse_junit(&out.stdout);
    let root = report.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("5"));
    assert_eq!(root.attribute("failures"), Some("1"));
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("name"), Some("Payments API"));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 3);
    let slos = cases[1];
    assert_eq!(slos.attribute("classname"), Some("Reliability"));
    assert_eq!(
        slos.attribute("name"),
        Some("reliability.slos-published: SLOs published")
    );
    let failure = slos.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("in progress without a mitigation")
    );
    assert!(failure.text().unwrap().contains("owner Zoë Łukasz"));
}

#[test]
fn junit_stays_well_formed_whatever_a_workbook_holds() {
    let d = Dir::new();
    d.workbook();
    let nasty = "<b>\"Ann\" & 'Bo'</b>\u{1b}]0;x\u{7}\r\n]]>";
    d.ok(&[
        "set",
        WB,
        "reliability.slos",
        "--owner",
        nasty,
        "--title",
        nasty,
    ]);
    let out = d.exits(&["check", WB, "--format", "junit"], 1);
    let report = parse_junit(&out.stdout);
    let case = report
        .descendants()
        .find(|n| {
            n.attribute("name")
                .is_some_and(|v| v.starts_with("reliability.slos:"))
        })
        .unwrap();
    assert!(
        case.attribute("name")
            .unwrap()
            .contains("<b>\"Ann\" & 'Bo'</b>"),
        "markup survives as text"
    );
}

#[test]
fn github_annotations_escape_what_would_end_them() {
    let d = Dir::new();
    d.workbook();
    d.ok(&[
        "set",
        WB,
        "reliability.slos",
        "--title",
        "SLOs: 99.9%, p99\nlatency",
    ]);
    let out = d.exits(&["check", WB, "--format", "github"], 1);
    let slos = out
        .stdout
        .lines()
        .find(|l| l.contains("reliability.slos%3A"))
        .unwrap();
    assert!(
        slos.contains("title=reliability.slos%3A SLOs%3A 99.9%25%2C p99%0Alatency::"),
        "{slos}"
    );
}

#[test]
fn an_unreadable_file_among_several_is_reported_and_exits_2() {
    let d = services();
    d.write(
        "services/broken.shipshape.ron",
        "(format: \"shipshape-workbook\", version: 1,\n  project: 3)",
    );
    let out = d.exits(&["check", "services", "--as-of", "2027-02-01"], 2);
    assert!(
        out.stdout
            .contains("== services/payments/payments.shipshape.ron"),
        "{out}"
    );
    assert!(
        out.stdout.contains("Search — Production-ready"),
        "the others are still judged"
    );
    assert!(
        out.stdout
            .contains("3 workbooks: 1 production-ready, 1 not ready, 1 unreadable"),
        "{out}"
    );
    assert!(
        out.stderr
            .contains("error: services/broken.shipshape.ron: "),
        "{out}"
    );

    let out = d.exits(&["check", "services", "--format", "github"], 2);
    assert!(
        out.stdout
            .contains("::error file=services/broken.shipshape.ron,line=2,col="),
        "{out}"
    );
    let out = d.exits(&["check", "services", "--json"], 2);
    let docs = out.json();
    assert_eq!(docs[0]["path"], "services/broken.shipshape.ron");
    assert!(docs[0]["error"].is_string());
    assert_eq!(docs[1]["path"], PAYMENTS);
    assert_eq!(docs[1]["project"], "Payments API");
}

#[test]
fn files_and_folders_combine_and_a_ready_set_exits_0() {
    let d = services();
    d.exits(
        &[
            "check",
            SEARCH,
            "--as-of",
            "2027-02-01",
            "--format",
            "junit",
        ],
        0,
    );
    d.exits(&["check", "services/search", "--as-of", "2027-02-01"], 0);
    let out = d.exits(
        &[
            "check",
            SEARCH,
            "services/payments",
            "--as-of",
            "2027-02-01",
        ],
        1,
    );
    let order: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("== "))
        .collect();
    assert_eq!(order, [format!("== {SEARCH}"), format!("== {PAYMENTS}")]);
    std::fs::create_dir(d.path("empty")).unwrap();
    d.fails(&["check", "empty"], "no *.shipshape.ron file");
    d.fails(
        &["check", SEARCH, "--json", "--format", "text"],
        "cannot be used with",
    );
}
