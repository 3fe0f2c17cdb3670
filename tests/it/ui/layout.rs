//! Issue 13, point 2: at projector sizes and zoom the window degrades but
//! never collapses. At 1024×768 and 150 % the verdict was one letter per
//! line and the table and editor were gone; at 1280×720 and 150 % the
//! table had no rows. Each size here must show the verdict's words on one
//! or two lines, at least three rows of the table and the editor's status
//! buttons, all above the status bar.

use egui::Rect;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::ui::ShipshapeApp;

use super::{AUTOSCALING, AUTOSCALING_TITLE, fixture, harness_zoomed, select_row};

/// The titles of three rows that are not selected (so not also the
/// editor's heading).
const ROWS: [&str; 3] = [
    "SLOs published",
    "Health checks at every layer",
    "Idempotent retries",
];

/// The area between the top of the window and the status bar.
fn content_area(h: &Harness<'static, ShipshapeApp>) -> Rect {
    let screen = h.ctx.content_rect();
    let status_bar_top = h
        .get_by_role_and_label(Role::Button, "Light mode")
        .rect()
        .top();
    Rect::from_min_max(screen.min, egui::pos2(screen.right(), status_bar_top))
}

fn assert_visible(h: &Harness<'static, ShipshapeApp>, rect: Rect, what: &str, size: &str) {
    let area = content_area(h);
    assert!(
        rect.width() > 0.0 && rect.height() > 0.0 && area.expand(0.5).contains_rect(rect),
        "{size}: {what} at {rect:?} is not inside {area:?}"
    );
}

fn check(pixels: [f32; 2], zoom: f32) {
    let size = format!("{}×{} at {:.0} %", pixels[0], pixels[1], zoom * 100.0);
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness_zoomed(dir.path(), Some(path), pixels, zoom);
    select_row(&mut h, AUTOSCALING_TITLE);
    h.run();

    let verdict = h.get_by_label_contains("Demo-ready: 25 red").rect();
    assert_visible(&h, verdict, "the verdict", &size);
    // Its words on a line or two, never a column of letters.
    assert!(
        verdict.width() > 2.0 * verdict.height(),
        "{size}: the verdict is squeezed into {verdict:?}"
    );

    for title in ROWS {
        let row = h.get_by_label(title).rect();
        assert_visible(&h, row, &format!("the row {title:?}"), &size);
    }
    for status in ["1 Not started", "3 Done", "5 Not applicable"] {
        let button = h.get_by_role_and_label(Role::RadioButton, status).rect();
        assert_visible(&h, button, &format!("the editor's {status:?}"), &size);
    }
}

#[test]
fn xga_projector_at_100_percent_shows_verdict_rows_and_status_buttons() {
    check([1024.0, 768.0], 1.0);
}

#[test]
fn xga_projector_at_150_percent_shows_verdict_rows_and_status_buttons() {
    check([1024.0, 768.0], 1.5);
}

#[test]
fn hd_projector_at_100_percent_shows_verdict_rows_and_status_buttons() {
    check([1280.0, 720.0], 1.0);
}

#[test]
fn hd_projector_at_150_percent_shows_verdict_rows_and_status_buttons() {
    check([1280.0, 720.0], 1.5);
}

/// A workbook with an overdue red item (due 10 days ago) and a
/// mitigation that lapses before launch (a warning), as a meeting has.
fn troubled_fixture(dir: &std::path::Path) -> std::path::PathBuf {
    use shipshape::model::{Due, Mitigation, Status};
    let path = fixture(dir);
    let mut wb = shipshape::storage::load(&path).unwrap().workbook;
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    wb.categories[0].items[0].due = Some(Due::On(day("2026-02-19")));
    let item = &mut wb.categories[0].items[2];
    item.status = Status::Mitigated;
    item.mitigation = Mitigation {
        text: "Manual failover runbook".into(),
        accepted_by: "Alice".into(),
        until: Some(day("2026-03-15")),
    };
    shipshape::storage::save(&path, &wb).unwrap();
    path
}

/// Where the table starts: the top of the Search field's label.
fn table_top(h: &Harness<'static, ShipshapeApp>) -> f32 {
    h.get_by_label("Search").rect().top()
}

/// "The header jumps": a warning line pushed the table down, and the
/// overdue count moved the banner. The header keeps its height with and
/// without them, in the full header and the compact one.
#[test]
fn the_header_keeps_its_height_when_warnings_and_overdue_appear() {
    for (pixels, zoom) in [([1280.0, 800.0], 1.0), ([1024.0, 768.0], 1.5)] {
        let dir = tempfile::tempdir().unwrap();
        let calm = harness_zoomed(dir.path(), Some(fixture(dir.path())), pixels, zoom);
        let dir = tempfile::tempdir().unwrap();
        let troubled = harness_zoomed(dir.path(), Some(troubled_fixture(dir.path())), pixels, zoom);
        let warning = troubled.get_by_label_contains("before launch");
        assert!(
            warning.rect().height() > 0.0,
            "{pixels:?}: the warning is shown"
        );
        assert!(troubled.query_by_label_contains("1 overdue").is_some());
        assert_eq!(
            table_top(&calm),
            table_top(&troubled),
            "{pixels:?} at {zoom}"
        );
    }
}

/// Issue 13, point 6: an overdue date in the table says so with an icon
/// and a word, not by colour alone (red on the selected row's blue did not
/// read at all).
#[test]
fn an_overdue_due_date_reads_as_words_in_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_zoomed(
        dir.path(),
        Some(troubled_fixture(dir.path())),
        [1280.0, 800.0],
        1.0,
    );
    select_row(&mut h, "SLOs published");
    let cell = h.get_by_label("⚠ overdue 10 d");
    assert!(cell.rect().height() > 0.0);
    assert!(
        h.query_by_label("2026-02-19").is_none(),
        "the day is on hover"
    );
}

/// 800×600 at 200 % (400×300 points): no room for the editor beside or
/// under the list, so Enter opens it in the list's place and Esc goes
/// back; the verdict stays in view throughout.
#[test]
fn a_tiny_window_opens_the_editor_as_a_sheet_and_goes_back_with_escape() {
    use egui::Key;
    let dir = tempfile::tempdir().unwrap();
    // Overdue, for the longest header an item has.
    let path = fixture(dir.path());
    let mut wb = shipshape::storage::load(&path).unwrap().workbook;
    let due = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).map(shipshape::model::Due::On);
    wb.item_mut(AUTOSCALING).unwrap().due = due;
    shipshape::storage::save(&path, &wb).unwrap();
    let mut h = harness_zoomed(dir.path(), Some(path), [800.0, 600.0], 2.0);
    let size = "800×600 at 200 %";
    assert!(h.query_by_label("3 Done").is_none(), "no editor yet");
    for title in ["SLOs published", AUTOSCALING_TITLE, ROWS[1]] {
        assert_visible(&h, h.get_by_label(title).rect(), title, size);
    }
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(super::item(h.state(), AUTOSCALING).is_overdue(super::today(), None));
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.query_by_label("SLOs published").is_none(),
        "the list gave way"
    );
    let back = h.get_by_role_and_label(Role::Button, "◀ List").rect();
    assert_visible(&h, back, "the way back", size);
    // The header gives way (the description on one line), so the status
    // buttons are in view in a 300-point window.
    for status in ["1 Not started", "3 Done", "5 Not applicable"] {
        let button = h.get_by_role_and_label(Role::RadioButton, status).rect();
        assert_visible(&h, button, status, size);
    }
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(
        super::item(h.state(), AUTOSCALING).status,
        shipshape::model::Status::Done,
        "the sheet edits the selected item"
    );
    h.key_press(Key::Escape);
    h.run();
    assert_visible(&h, h.get_by_label(ROWS[1]).rect(), "the list, back", size);
    assert!(h.query_by_label("3 Done").is_none(), "the editor gave way");
    let verdict = h.get_by_label_contains("Demo-ready").rect();
    assert_visible(&h, verdict, "the verdict", size);
}

/// Without the side panel, the categories are a drop-down in the filter
/// bar that filters the table as the panel did.
#[test]
fn a_narrow_window_filters_by_category_from_the_drop_down() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_zoomed(dir.path(), Some(fixture(dir.path())), [1024.0, 768.0], 1.5);
    assert!(h.query_by_label("Categories").is_none(), "no side panel");
    h.get_by_role_and_label(Role::ComboBox, "Category").click();
    h.run();
    h.get_by_label("Security · 5 red").click();
    h.run();
    assert!(h.query_by_label("Secrets management").is_some());
    assert!(h.query_by_label("SLOs published").is_none());
    assert!(h.query_by_label_contains("5 of 25").is_some());
}
