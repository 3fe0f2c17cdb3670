//! The two programs: `shipshape`, the command line, hands over to
//! `shipshape-gui` when asked for the window; the window's program runs
//! commands too, and sets git up to call the command line.

use std::path::Path;

use crate::util::{BIN, Dir, GUI_BIN, Out, WB};

/// `program` with `args` in `d`, with no display to open a window on.
fn headless(d: &Dir, program: impl AsRef<Path>, args: &[&str]) -> Out {
    let mut cmd = d.program(program.as_ref(), args);
    cmd.env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET");
    Out::from(cmd.output().expect("run the program"))
}

#[test]
fn shipshape_with_a_file_starts_the_window_program_with_it() {
    let d = Dir::new();
    d.workbook();
    let out = headless(&d, BIN, &[WB]);
    // Only the window's program says this: the command line has no window.
    out.assert_error("cannot open the window");
}

#[test]
fn shipshape_without_the_window_program_beside_it_says_where_it_looked() {
    let d = Dir::new();
    d.workbook();
    // Linked, not copied, in a folder beside the real one (the same file
    // system): a copy's write handle, inherited by a program another test
    // starts at that moment, made running it fail with "text file busy".
    let alone = tempfile::tempdir_in(Path::new(BIN).parent().unwrap()).unwrap();
    let copy = alone.path().join("shipshape");
    std::fs::hard_link(BIN, &copy).unwrap();
    let out = headless(&d, &copy, &[WB]);
    out.assert_error("shipshape-gui");
    assert!(
        out.stderr.contains(alone.path().to_str().unwrap()),
        "names the folder it looked in: {out}"
    );
    assert!(
        d.read(WB).contains("Payments API"),
        "the workbook is untouched"
    );
}

#[test]
fn the_window_program_runs_commands_too() {
    let d = Dir::new();
    d.workbook();
    let out = headless(&d, GUI_BIN, &["list", WB]);
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.contains("reliability."), "{out}");
}

#[test]
fn git_setup_from_the_window_program_has_git_call_the_command_line() {
    let d = Dir::new();
    d.git_ok(&["init", "-q", "-b", "main"]);
    let out = headless(&d, GUI_BIN, &["git", "setup"]);
    assert_eq!(out.code, 0, "{out}");
    let driver = d.git_ok(&["config", "merge.shipshape.driver"]);
    let cli = Path::new(BIN).canonicalize().unwrap();
    assert!(
        driver.contains(cli.to_str().unwrap()),
        "the merge driver is the command line ({}): {driver}",
        cli.display()
    );
    assert!(!driver.contains("shipshape-gui"), "{driver}");
}
