//! Getting the workbook out of the window: PDF export in the background,
//! the summary on the clipboard, and Share… (files plus a mail link).

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::model::Status;
use shipshape::storage;
use shipshape::ui::{Command, ShipshapeApp};

use super::{
    AUTOSCALING, AUTOSCALING_TITLE, answer_path_field, ctrl, fixture, harness, output_commands,
    select_row,
};
use crate::util::{media_width, pdf_text};

/// Runs frames until the background PDF work is done (or fails the test).
fn wait_until_idle(h: &mut Harness<'static, ShipshapeApp>) {
    let start = std::time::Instant::now();
    while h.state().is_busy() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the PDF never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.step();
    h.step();
}

#[test]
fn export_pdf_dialog_writes_the_chosen_kind_and_paper() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));

    // Cancel costs nothing.
    h.key_press_modifiers(ctrl(), Key::P);
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Export PDF")
            .is_some()
    );
    h.get_by_label("Walkthrough").click();
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Export PDF")
            .is_none()
    );

    h.key_press_modifiers(ctrl(), Key::P);
    h.run();
    h.get_by_label("Walkthrough").click();
    h.get_by_label("Letter").click();
    h.get_by_label("Open in the system's viewer after export")
        .click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    // The path field proposes PROJECT-KIND.pdf next to the workbook.
    let suggested = dir.path().join("payments-api-walkthrough.pdf");
    assert!(
        h.query_by_label(&suggested.display().to_string()).is_some()
            || h.get_by_role_and_label(Role::TextInput, "Path")
                .value()
                .is_some_and(|v| v == suggested.display().to_string()),
        "the PDF name is suggested"
    );
    let target = dir.path().join("walk");
    answer_path_field(&mut h, "Path", &target);
    wait_until_idle(&mut h);

    let written = dir.path().join("walk.pdf");
    let bytes = std::fs::read(&written)
        .unwrap_or_else(|e| panic!("no PDF ({e}); errors: {:?}", h.state().errors()));
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&bytes);
    assert!(text.contains("Payments API"), "{text}");
    assert!(text.contains("Walkthrough checklist"), "{text}");
    assert!((media_width(&bytes) - 612.0).abs() < 0.5, "US Letter");
    let note = h.state().note().unwrap_or_default().to_owned();
    assert!(
        note.contains("Exported") && note.contains("walk.pdf"),
        "{note}"
    );
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(
        !h.state_mut().is_dirty(),
        "exporting does not change the workbook"
    );
}

#[test]
fn a_pdf_that_cannot_be_written_shows_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.state_mut().run_command(Command::ExportPdf);
    h.run();
    h.get_by_label("Open in the system's viewer after export")
        .click();
    h.get_by_label("Export…").click();
    h.run();
    let target = dir.path().join("no-such-dir").join("r.pdf");
    answer_path_field(&mut h, "Path", &target);
    wait_until_idle(&mut h);
    let errors = h.state().errors();
    assert!(
        errors.iter().any(|e| e.contains("no-such-dir")),
        "{errors:?}"
    );
    assert!(!target.exists());
}

#[test]
fn copy_summary_puts_the_verdict_and_red_items_on_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.get_by_label("Edit").click();
    h.run();
    // One accessibility click is one frame: the copy is in its output.
    h.get_by_label_contains("Copy summary").click();
    h.step();
    let (copied, _) = output_commands(&h);
    assert_eq!(copied.len(), 1, "{copied:?}");
    let text = &copied[0];
    assert!(text.starts_with("Payments API: Demo-ready"), "{text}");
    assert!(text.contains(AUTOSCALING_TITLE), "{text}");
    assert!(
        text.contains("Alice"),
        "red items carry their owner: {text}"
    );
    h.run();
    assert!(
        h.state()
            .note()
            .is_some_and(|n| n.contains("Copied the summary"))
    );
}

/// The opener a test gives the app: a script that writes the link it was
/// asked to open into `opened.txt`, as a mail app would receive it.
fn recording_opener(dir: &std::path::Path) -> std::ffi::OsString {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("opener.sh");
    let log = dir.join("opened.txt");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script.into_os_string()
}

/// Share… up to the folder answer, with `opener` as the system's.
fn share_into(
    dir: &std::path::Path,
    opener: std::ffi::OsString,
) -> egui_kittest::Harness<'static, shipshape::ui::ShipshapeApp> {
    let config = shipshape::ui::AppConfig {
        opener: Some(opener),
        ..shipshape::ui::AppConfig::in_dir(dir, super::today())
    };
    let mut h = super::harness_with(config, Some(fixture(dir)), [1280.0, 800.0]);
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Share…").click();
    h.run();
    assert!(
        h.query_by_label(shipshape::export::markdown::MAILTO_ATTACHMENT_NOTE)
            .is_some(),
        "the dialog says attachments do not travel"
    );
    h.get_by_label("Choose folder…").click();
    h.run();
    let folder = dir.join("to-send");
    h.get_by_role_and_label(Role::TextInput, "Folder").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Folder")
        .type_text(&folder.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h
}

/// Steps the app until `done` (the PDF and the opener run on threads).
fn wait_for(
    h: &mut egui_kittest::Harness<'static, shipshape::ui::ShipshapeApp>,
    done: impl Fn(&egui_kittest::Harness<'static, shipshape::ui::ShipshapeApp>) -> bool,
) {
    let start = std::time::Instant::now();
    while !done(h) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "errors {:?}",
            h.state().errors()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

#[test]
fn share_writes_the_workbook_and_report_and_opens_a_mailto() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = share_into(dir.path(), recording_opener(dir.path()));
    wait_for(&mut h, |h| {
        h.query_by_label_contains("Your mail app opened").is_some()
    });
    let url = std::fs::read_to_string(dir.path().join("opened.txt")).unwrap();
    let enc = shipshape::export::markdown::percent_encode;
    assert!(url.starts_with("mailto:?subject="), "{url}");
    assert!(
        url.contains(&enc("Production readiness: Payments API")),
        "{url}"
    );
    assert!(url.contains("&body="), "{url}");
    assert!(url.contains(&enc("Demo-ready")), "{url}");
    assert!(url.contains(&enc("SLOs published")), "a red item: {url}");

    let folder = dir.path().join("to-send");
    let shared = storage::load(&folder.join("payments.shipshape.ron"))
        .unwrap()
        .workbook;
    assert_eq!(
        shared.item(AUTOSCALING).unwrap().status,
        Status::Done,
        "the shared workbook has the edits on screen"
    );
    let pdf = std::fs::read(folder.join("payments-api-report.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf_text(&pdf).contains("Payments API"));
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Ready to send")
            .is_some()
    );
    assert!(
        h.query_by_label(shipshape::export::markdown::MAILTO_ATTACHMENT_NOTE)
            .is_some()
    );
}

/// Issue 13: Share said the mail app "should open" when none could.
#[test]
fn share_says_when_no_mail_app_opened_and_where_the_files_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = share_into(dir.path(), "false".into());
    wait_for(&mut h, |h| {
        h.query_all_by_label_contains("No mail app opened")
            .next()
            .is_some()
    });
    assert!(h.query_by_label_contains("should open").is_none());
    let warning = h
        .state()
        .warnings()
        .into_iter()
        .find(|e| e.contains("No mail app opened"))
        .expect("a warning that stays");
    let folder = dir.path().join("to-send");
    assert!(
        warning.contains(&format!("The files are in {}", folder.display())),
        "{warning}"
    );
    assert!(
        warning.contains("false failed"),
        "the opener's words: {warning}"
    );
}
