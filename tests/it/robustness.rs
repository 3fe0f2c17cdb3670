//! Bad input and hostile surroundings for the binary: broken and foreign
//! files, devices and FIFOs, closed pipes, huge and control-character text.
//! Each ends in a clear error (exit 2) or a clean run, never a panic.

use crate::util::{Dir, WB};

#[test]
fn bad_files_are_errors_with_path_and_position() {
    let d = Dir::new();
    let wb = d.workbook();
    let good = d.read(WB);
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
        d.write(WB, &bytes);
        for cmd in ["check", "list"] {
            let out = d.fails(&[cmd, WB], needle);
            assert!(out.stderr.contains(WB), "{name}: {out}");
        }
        d.fails(&["set", WB, "reliability.slos", "--status", "done"], needle);
        assert_eq!(std::fs::read(&wb).unwrap(), bytes, "{name}: file untouched");
    }
}

#[test]
fn missing_file_and_directory_are_errors() {
    let d = Dir::new();
    d.fails(&["check", "nope.shipshape.ron"], "nope.shipshape.ron");
    std::fs::create_dir(d.path("dir.shipshape.ron")).unwrap();
    d.fails(&["list", "dir.shipshape.ron"], "directory");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let d = Dir::new();
    let out = d.exits(&["check"], 2);
    assert!(out.stderr.contains("error:"), "{out}");
    let out = d.exits(&["list", "w.ron", "--frobnicate"], 2);
    assert!(out.stderr.contains("--frobnicate"), "{out}");
    assert!(d.ok(&["--help"]).contains("Exit codes"));
    assert!(d.ok(&["--version"]).starts_with("shipshape "));
}

#[test]
fn save_into_missing_directory_fails_cleanly() {
    let d = Dir::new();
    d.fails(
        &["new", "no/such/dir/w.shipshape.ron", "--project", "P"],
        "cannot save no/such/dir/w.shipshape.ron",
    );
}

#[cfg(unix)]
#[test]
fn devices_are_refused_not_read_forever() {
    let d = Dir::new();
    d.fails(&["check", "/dev/zero"], "not a workbook file");
}

#[test]
fn output_into_a_closed_pipe_is_not_a_panic() {
    use std::io::Read as _;
    use std::process::Stdio;
    let d = Dir::new();
    // Far more output than a pipe buffers, so the writer meets the hang-up.
    d.save(WB, &shipshape::model::sample::synthetic(3000));
    for args in [
        &["list", WB][..],
        &["check", WB, "--json"],
        &["export", "csv", WB],
    ] {
        let mut child = d
            .command(args)
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
    d.ok(&["set", WB, "reliability.slos", "--owner", &huge]);
    assert_eq!(d.ok(&["list", WB]).lines().count(), 25);
}

#[test]
fn control_characters_from_a_workbook_never_reach_the_terminal() {
    let d = Dir::new();
    d.workbook();
    let evil = "Evil\u{1b}]0;pwned\u{7}\u{9b}31m";
    d.ok(&["set", WB, "reliability.autoscaling", "--owner", evil]);
    for (args, code) in [
        (&["list", WB][..], 0),
        (&["check", WB], 1),
        (&["export", "md", WB], 0),
    ] {
        let text = d.exits(args, code).stdout;
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
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/null", d.path("null-link")).unwrap();
    for target in ["out.fifo", "null-link"] {
        d.fails(&["export", "md", WB, "-o", target], "not a regular file");
        d.fails(
            &["new", target, "--project", "P", "--force"],
            "not a regular file",
        );
    }
    assert!(!std::fs::metadata(&fifo).unwrap().is_file());
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}

#[test]
fn a_failed_save_says_the_os_error_once() {
    let d = Dir::new();
    let out = d.fails(
        &["new", "missing-dir/w.shipshape.ron", "--project", "P"],
        "No such file or directory",
    );
    let err = out.stderr;
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}

#[test]
fn bad_spreadsheets_are_errors_with_file_and_position() {
    let d = Dir::new();
    let book = std::fs::read(crate::util::fixture("checklists/team-readiness.xlsx")).unwrap();
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "csv",
            "open.csv",
            b"Item,Notes,Owner\nA,ok,Bo\nB,\"never closed\nC,x,y\n".to_vec(),
            "open.csv: line 3, column 3: this quoted cell is never closed",
        ),
        (
            "csv",
            "people.csv",
            b"Name,Phone\nAnn,123\n".to_vec(),
            "people.csv: no title column",
        ),
        (
            "csv",
            "empty.csv",
            b"\r\n \r\n".to_vec(),
            "empty.csv: the file is empty",
        ),
        (
            "csv",
            "header.csv",
            b"Item,Owner\n,Bo\n".to_vec(),
            "has a title",
        ),
        (
            "xlsx",
            "junk.xlsx",
            b"PK\x03\x04junk".to_vec(),
            "junk.xlsx: the spreadsheet is damaged or cut short",
        ),
        (
            "xlsx",
            "cut.xlsx",
            book[..book.len() / 2].to_vec(),
            "cut.xlsx: the spreadsheet is damaged or cut short",
        ),
        (
            "xlsx",
            "empty.xlsx",
            Vec::new(),
            "empty.xlsx: the file is empty",
        ),
        (
            "xlsx",
            "null.xlsx",
            vec![0; 4096],
            "null.xlsx: not a spreadsheet",
        ),
    ];
    for (cmd, name, bytes, needle) in cases {
        d.write(name, &bytes);
        d.fails(&["import", cmd, name, "-o", "out.ron"], needle);
        assert!(!d.path("out.ron").exists(), "{name}: nothing written");
    }
}

#[test]
fn hostile_markdown_imports_or_fails_cleanly() {
    let d = Dir::new();
    // Lists nested 50,000 deep on one line, quotes 100,000 deep.
    d.write("deep.md", format!("{}[ ] deep\n", "- ".repeat(50_000)));
    d.write(
        "quotes.md",
        format!("{}- [ ] quoted\n", ">".repeat(100_000)),
    );
    // Task items nested past the depth cap, each with a long title.
    let nested: String = (0..40)
        .map(|i| format!("{}- [ ] {}\n", "  ".repeat(i), "word ".repeat(60)))
        .collect();
    d.write("nested.md", nested);
    // A table of 20,000 rows, a heading document of 5,000 sections.
    let rows: String = (0..20_000)
        .map(|i| format!("| check {i} | Done |\n"))
        .collect();
    d.write("table.md", format!("| Check | Status |\n|---|---|\n{rows}"));
    let sections: String = (0..5_000)
        .map(|i| format!("### Check {i}\n\nWhy {i}.\n\n"))
        .collect();
    d.write("headings.md", format!("# T\n\n## Cat\n\n{sections}"));
    // Unclosed HTML, a link with no end, front matter that never closes.
    d.write(
        "html.md",
        "---\ntitle: x\n- [ ] <a href=\"never <details><summary>open\n- [ ] <br <b>bold\n",
    );
    for (name, items) in [
        ("deep.md", None),
        ("quotes.md", None),
        ("nested.md", Some(32)),
        ("table.md", Some(20_000)),
        ("headings.md", Some(5_000)),
        ("html.md", None),
    ] {
        let out = d.run(&["import", "md", name, "-o", "out.ron", "--force"]);
        assert!(out.code == 0 || out.code == 2, "{name}: {out}");
        assert!(!out.stderr.contains("panicked"), "{name}: {out}");
        if let Some(n) = items {
            assert_eq!(out.code, 0, "{name}: {out}");
            assert_eq!(d.load("out.ron").item_count(), n, "{name}");
        }
    }
    // Bad UTF-8 in the middle: the line is named, nothing written.
    let mut bytes = b"# T\n\n- [ ] fine\n- [ ] ".to_vec();
    bytes.extend([0xff, 0xfe]);
    d.write("bad.md", &bytes);
    d.fails(
        &["import", "md", "bad.md", "-o", "bad.ron"],
        "bad.md: line 4: the file is not UTF-8 text",
    );
    assert!(!d.path("bad.ron").exists());
}
