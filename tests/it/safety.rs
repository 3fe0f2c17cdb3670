//! Nothing written is lost by the command line: parallel writers all land,
//! a hung writer gives an error instead of a hang, read-only files and
//! comments are not overwritten unseen, nothing is written that could not be
//! read back, and every save keeps the version it replaced.

use std::process::Stdio;

use shipshape::model::Status;
use shipshape::storage;

use crate::util::{Dir, WB};

#[test]
fn twenty_five_parallel_sets_on_twenty_five_items_all_land() {
    let d = Dir::new();
    d.workbook();
    let ids: Vec<String> = d.load(WB).items().map(|(_, i)| i.id.clone()).collect();
    assert_eq!(ids.len(), 25);
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            d.command(&["set", WB, id, "--status", "done"])
                // 25 writers queue for one lock; on a loaded CI machine the
                // last may wait longer than the default timeout.
                .env("SHIPSHAPE_LOCK_TIMEOUT", "120")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let wb = d.load(WB);
    let done = wb.items().filter(|(_, i)| i.status == Status::Done).count();
    assert_eq!(done, 25, "every parallel edit landed");
}

#[test]
fn a_writer_that_holds_the_lock_too_long_gives_a_clear_error_not_a_hang() {
    let d = Dir::new();
    d.workbook();
    let before = d.read(WB);
    let held = storage::lock(&d.path(WB), storage::DEFAULT_LOCK_TIMEOUT).unwrap();
    let started = std::time::Instant::now();
    let out = d.run_env(
        &["set", WB, "reliability.slos", "--status", "done"],
        &[("SHIPSHAPE_LOCK_TIMEOUT", "0.3")],
    );
    out.assert_error("is being changed by another program");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(d.read(WB), before, "nothing written");
    drop(held);
    d.ok(&["set", WB, "reliability.slos", "--status", "done"]);
}

#[cfg(unix)]
#[test]
fn read_only_workbooks_are_refused_not_replaced() {
    use std::os::unix::fs::PermissionsExt as _;
    let d = Dir::new();
    d.workbook();
    let path = d.path(WB);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = d.read(WB);
    d.fails(
        &["set", WB, "reliability.slos", "--status", "done"],
        "is read-only",
    );
    d.fails(&["resolve", WB, "--all", "--ours"], "is read-only");
    assert_eq!(d.read(WB), before);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "still read-only");
}

#[test]
fn comments_are_not_dropped_without_being_asked() {
    let d = Dir::new();
    d.workbook();
    let commented = d.read(WB).replacen(
        "    project:",
        "    // Owned by the payments team\n    project:",
        1,
    );
    d.write(WB, &commented);
    let out = d.fails(
        &["set", WB, "reliability.slos", "--status", "done"],
        "the file has comments",
    );
    assert!(out.stderr.contains("w.shipshape.ron:4:5"), "{out}");
    assert!(out.stderr.contains("--drop-comments"), "{out}");
    assert_eq!(d.read(WB), commented);
    d.ok(&[
        "set",
        WB,
        "reliability.slos",
        "--status",
        "done",
        "--drop-comments",
    ]);
    assert!(!d.read(WB).contains("//"));
    // The commented version is kept in the history.
    let v = d.exits(&["history", WB, "--json"], 0).json();
    let newest = v[0]["path"].as_str().unwrap();
    assert!(
        std::fs::read_to_string(newest)
            .unwrap()
            .contains("// Owned by")
    );
}

#[test]
fn nothing_is_written_that_could_not_be_read_back() {
    let d = Dir::new();
    d.workbook();
    // Just under the read cap: one more long note would pass it.
    let mut wb = d.load(WB);
    let room = storage::MAX_FILE_BYTES as usize - storage::to_string(&wb).unwrap().len();
    wb.categories[0].items[0].notes = "n".repeat(room - 1000);
    d.save(WB, &wb);
    let before = d.read(WB);
    let note = "x".repeat(100_000);
    let out = d.fails(
        &["set", WB, "reliability.backups", "--note", &note],
        "could not be opened again",
    );
    assert!(out.stderr.contains("MiB"), "{out}");
    assert_eq!(d.read(WB), before, "the file is as it was");
    d.exits(&["check", WB], 1);
}

#[test]
fn every_save_keeps_the_version_it_replaced_and_restore_brings_one_back() {
    let d = Dir::new();
    d.workbook();
    let original = d.read(WB);
    let out = d.ok(&["history", WB]);
    assert!(out.contains("no earlier versions"), "{out}");
    d.ok(&["set", WB, "reliability.slos", "--status", "done"]);
    d.ok(&["set", WB, "reliability.slos", "--owner", "Ann"]);
    let v = d.exits(&["history", WB, "--json"], 0).json();
    let versions = v.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["number"], 1);
    assert_eq!(versions[0]["then"], "1 item changed (owner)");
    assert_eq!(
        versions[0]["then_items"],
        serde_json::json!(["reliability.slos"])
    );
    assert_eq!(versions[1]["then"], "1 item changed (status, verified)");
    assert_eq!(versions[1]["headline"], "Demo-ready: 25 red");
    let text = d.ok(&["history", WB]);
    assert!(text.contains("2 earlier version(s)"), "{text}");
    assert!(text.contains("--restore N"), "{text}");

    let out = d.ok(&["history", WB, "--restore", "2"]);
    assert!(out.contains("restored"), "{out}");
    assert_eq!(
        d.read(WB),
        original,
        "version 2 is the file as first written"
    );
    // The restore kept what it replaced: it can be undone.
    let v = d.exits(&["history", WB, "--json"], 0).json();
    assert_eq!(v.as_array().unwrap().len(), 3);
    d.ok(&["history", WB, "--restore", "1"]);
    assert_eq!(d.load(WB).item("reliability.slos").unwrap().owner, "Ann");
    d.fails(&["history", WB, "--restore", "9"], "there is no version 9");
}

#[test]
fn new_and_import_with_force_keep_the_file_they_replace() {
    let d = Dir::new();
    d.workbook();
    d.ok(&["set", WB, "reliability.slos", "--status", "done"]);
    let worked_on = d.read(WB);
    d.ok(&["new", WB, "--project", "Other", "--force"]);
    let v = d.exits(&["history", WB, "--json"], 0).json();
    let newest = v[0]["path"].as_str().unwrap();
    assert_eq!(std::fs::read_to_string(newest).unwrap(), worked_on);
}
