//! The item table and the header around it: filters and counts, marks and
//! colours, the launch countdown, tooltips, layout at common window sizes,
//! theme and zoom.

use chrono::NaiveDate;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::model::{Due, Status};
use shipshape::storage;
use shipshape::ui::ShipshapeApp;

use super::{
    AUTOSCALING, AUTOSCALING_TITLE, ctrl, drawn_text_colors, fixture, harness, harness_sized,
    is_red, item, open_by_path, select_row, today, type_into, workbook_file,
};

#[test]
fn filters_narrow_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    assert_eq!(h.state().listed_ids().len(), 25);

    type_into(&mut h, Role::TextInput, "Search", "backup");
    let listed = h.state().listed_ids();
    assert!(!listed.is_empty() && listed.len() < 25, "{listed:?}");
    assert!(listed.iter().all(|id| {
        let i = item(h.state(), id);
        format!("{} {} {}", i.id, i.title, i.description)
            .to_lowercase()
            .contains("backup")
    }));
    h.get_by_label("Clear filters").click();
    h.run();
    assert_eq!(h.state().listed_ids().len(), 25);

    select_row(&mut h, AUTOSCALING_TITLE);
    h.get_by_label("3 Done").click();
    h.run();
    h.get_by_label("Red only").click();
    h.run();
    let red = h.state().listed_ids();
    assert_eq!(red.len(), 24);
    assert!(!red.contains(&AUTOSCALING.to_owned()));
    h.get_by_label("Red only").click();
    h.run();

    h.get_by_role_and_label(Role::ComboBox, "Owner").click();
    h.run();
    // The combo's entry, not the editor's quick-assign chip of the same name.
    let entry = h
        .get_all_by_label("Bob")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()).reverse())
        .unwrap();
    entry.click();
    h.run();
    assert_eq!(
        h.state().listed_ids(),
        ["observability.structured-logs".to_owned()]
    );
}

#[test]
fn header_counts_filter_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();
    h.get_by_label("Done 1").click();
    h.run();
    assert_eq!(h.state().listed_ids(), [AUTOSCALING.to_owned()]);
    h.get_by_label("Done 1").click();
    h.run();
    assert_eq!(h.state().listed_ids().len(), 25);
}

#[test]
fn theme_toggle_zoom_and_find_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    let before = h.ctx.theme();
    let toggle = if before == egui::Theme::Dark {
        "Light mode"
    } else {
        "Dark mode"
    };
    h.get_by_label(toggle).click();
    h.run();
    assert_ne!(h.ctx.theme(), before);

    h.key_press_modifiers(ctrl(), Key::Equals);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-3);
    h.key_press_modifiers(ctrl(), Key::Minus);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-3);

    h.key_press_modifiers(ctrl(), Key::F);
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Search")
            .is_focused()
    );
}

/// Tooltips drawn this frame.
fn tooltips_shown(h: &Harness<'static, ShipshapeApp>) -> usize {
    h.ctx.memory(|m| {
        m.areas()
            .visible_layer_ids()
            .iter()
            .filter(|l| l.order == egui::Order::Tooltip)
            .count()
    })
}

#[test]
fn a_row_tooltip_stayed_drawn_over_a_modal_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    assert!(item(h.state(), AUTOSCALING).red_reason(today()).is_some());
    h.get_all_by_label(AUTOSCALING_TITLE)
        .next()
        .unwrap()
        .hover();
    h.run();
    // The pointer rests past egui's tooltip delay.
    h.run_steps(4);
    assert_eq!(tooltips_shown(&h), 1, "the red row shows why");

    h.key_press_modifiers(ctrl(), Key::P);
    h.run();
    h.run_steps(4);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Export PDF")
            .is_some(),
        "the dialog is up"
    );
    assert_eq!(tooltips_shown(&h), 0, "nothing of the window over it");

    h.key_press(Key::Escape);
    h.run();
    h.run_steps(4);
    assert!(h.query_by_label("Export PDF").is_none());
}

#[test]
fn the_mitigation_column_sat_under_the_table_scroll_bar() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    for category in &mut wb.categories {
        for item in &mut category.items {
            item.mitigation.text = "Feature flag off by default".into();
        }
    }
    storage::save(&path, &wb).unwrap();
    for size in [[1280.0, 800.0], [1920.0, 1080.0]] {
        let h = harness_sized(dir.path(), Some(path.clone()), size);
        // The table ends where the editor panel's splitter is, less the
        // central panel's margin; a scroll bar takes the last points of it.
        let splitter = h
            .get_all_by_role(Role::Splitter)
            .map(|n| n.rect().center().x)
            .fold(f32::MIN, f32::max);
        let style = h.ctx.global_style();
        let margin = egui::Frame::central_panel(&style).inner_margin.right;
        let bar = egui::style::ScrollStyle::floating().bar_width;
        let bar_left = splitter - f32::from(margin) - bar;
        let header = h.get_by_label("Mit.").rect();
        assert!(
            header.right() <= bar_left,
            "{size:?}: the Mit. header ends at {} but the scroll bar starts at {bar_left}",
            header.right()
        );
        let marks: Vec<_> = h.get_all_by_label("✎").map(|n| n.rect()).collect();
        assert!(!marks.is_empty());
        for mark in marks {
            assert!(
                mark.right() <= bar_left,
                "{size:?}: a ✎ mark ends at {} but the scroll bar starts at {bar_left}",
                mark.right()
            );
        }
    }
}

/// The colour of the label `text` in the item table (not the editor's date
/// button of the same text).
fn table_text_color(h: &Harness<'static, ShipshapeApp>, text: &str) -> egui::Color32 {
    let node = h
        .get_all_by_role_and_label(Role::Label, text)
        .next()
        .unwrap_or_else(|| panic!("no label {text:?}"));
    let rect = node.rect().expand(1.0);
    let colors: Vec<_> = drawn_text_colors(h, text)
        .into_iter()
        .filter(|(r, _)| rect.contains(r.center()))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(colors.len(), 1, "{text:?} drawn as {colors:?}");
    colors[0]
}

#[test]
fn the_table_marks_written_mitigations_and_draws_overdue_dates_red() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    // Red and due last week: overdue.
    let scaling = wb.item_mut(AUTOSCALING).unwrap();
    scaling.mitigation.text = "Manual scale-up runbook".into();
    scaling.due = NaiveDate::from_ymd_opt(2026, 2, 20).map(Due::On);
    // Red but due later: not overdue.
    wb.item_mut("reliability.health-checks").unwrap().due =
        NaiveDate::from_ymd_opt(2026, 3, 20).map(Due::On);
    // Due in the past but done: passes, so not overdue.
    let retries = wb.item_mut("reliability.idempotent-retries").unwrap();
    retries.status = Status::Done;
    retries.due = NaiveDate::from_ymd_opt(2026, 2, 10).map(Due::On);
    // Only a blank mitigation: no mark.
    wb.item_mut("reliability.backups").unwrap().mitigation.text = "  \n".into();
    storage::save(&path, &wb).unwrap();
    let wb = storage::load(&path).unwrap().workbook;
    let mut h = harness(dir.path(), Some(path));

    // The mark is a label in the row of the item with a written mitigation,
    // and in no other row.
    let marks: Vec<f32> = h
        .get_all_by_role_and_label(Role::Label, "✎")
        .map(|n| n.rect().center().y)
        .collect();
    let row_of = |title: &str| h.get_all_by_label(title).next().unwrap().rect().center().y;
    let scaling_row = row_of(AUTOSCALING_TITLE);
    assert_eq!(marks.len(), 1, "one mark: {marks:?}");
    assert!(
        (marks[0] - scaling_row).abs() < 10.0,
        "the mark at y={} is not on the row at y={scaling_row}",
        marks[0]
    );
    for id in ["reliability.slos", "reliability.backups"] {
        let row = row_of(&wb.item(id).unwrap().title);
        assert!(
            marks.iter().all(|m| (m - row).abs() >= 10.0),
            "{id} has no mitigation but a mark"
        );
    }

    // Overdue says so in words (the day is on hover), in red.
    let overdue = table_text_color(&h, "⚠ overdue 9 d");
    assert!(is_red(overdue), "overdue date drawn in {overdue:?}");
    for date in ["2026-03-20", "2026-02-10"] {
        let c = table_text_color(&h, date);
        assert!(!is_red(c), "{date} is not overdue but drawn in {c:?}");
    }
    assert!(
        h.query_by_role_and_label(Role::Button, "⚠ 1 overdue")
            .is_some(),
        "the header counts it"
    );

    // The same holds in the other theme.
    let toggle = if h.ctx.theme() == egui::Theme::Dark {
        "Light mode"
    } else {
        "Dark mode"
    };
    h.get_by_label(toggle).click();
    h.run();
    let overdue = table_text_color(&h, "⚠ overdue 9 d");
    assert!(is_red(overdue), "overdue date drawn in {overdue:?}");
    let c = table_text_color(&h, "2026-03-20");
    assert!(!is_red(c), "not overdue but drawn in {c:?}");
}

#[test]
fn the_header_counts_down_to_launch_from_the_apps_today() {
    let dir = tempfile::tempdir().unwrap();
    // Launch 2026-04-01; the app's "today" is 2026-03-01.
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Launch")
            .value()
            .as_deref(),
        Some("2026-04-01")
    );
    assert!(h.query_by_label("T-31 days").is_some());
    assert!(h.query_by_label_contains("launched").is_none());

    for (launch, words) in [
        ((2026, 3, 2), "T-1 day"),
        ((2026, 3, 1), "launch day"),
        ((2026, 2, 28), "launched yesterday"),
        ((2026, 2, 20), "launched 9 days ago"),
    ] {
        let launch = NaiveDate::from_ymd_opt(launch.0, launch.1, launch.2).unwrap();
        let file = format!("{launch}.shipshape.ron");
        let path = workbook_file(dir.path(), &file, "Other", launch, false);
        open_by_path(&mut h, &path);
        assert_eq!(h.state().workbook().unwrap().launch, Some(launch));
        assert!(
            h.query_by_label(words).is_some(),
            "launch {launch}: no {words:?}"
        );
        let stale = if words.starts_with("T-") {
            "launched"
        } else {
            "T-"
        };
        assert!(
            h.query_by_label_contains(stale).is_none(),
            "launch {launch}: {words:?} and also {stale:?}"
        );
    }
}
