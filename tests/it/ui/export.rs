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
    assert!(h.query_by_label("Export PDF").is_some());
    h.get_by_label("Walkthrough").click();
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Export PDF").is_none());

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

#[test]
fn share_writes_the_workbook_and_report_and_opens_a_mailto() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
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
    let folder = dir.path().join("to-send");
    h.get_by_role_and_label(Role::TextInput, "Folder").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Folder")
        .type_text(&folder.display().to_string());
    h.run();
    h.get_by_label("OK").click();

    // The mail link is asked for in the frame the PDF is reported done.
    let start = std::time::Instant::now();
    let mut opened = Vec::new();
    while opened.is_empty() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "no mailto: errors {:?}",
            h.state().errors()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
        opened = output_commands(&h).1;
    }
    h.run();
    assert_eq!(opened.len(), 1, "{opened:?}");
    let url = &opened[0];
    let enc = shipshape::export::markdown::percent_encode;
    assert!(url.starts_with("mailto:?subject="), "{url}");
    assert!(
        url.contains(&enc("Production readiness: Payments API")),
        "{url}"
    );
    assert!(url.contains("&body="), "{url}");
    assert!(url.contains(&enc("Demo-ready")), "{url}");
    assert!(url.contains(&enc("SLOs published")), "a red item: {url}");

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
    assert!(h.query_by_label("Ready to send").is_some());
    assert!(
        h.query_by_label(shipshape::export::markdown::MAILTO_ATTACHMENT_NOTE)
            .is_some()
    );
}
