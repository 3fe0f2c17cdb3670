//! Issue 13, point 1: the presenter view (F5) — full screen, one item at a
//! time, its own keys over the table's, every edit an ordinary undoable
//! one, the meeting clock on injected time, and its settings remembered
//! between runs (point 7).

use std::path::Path;
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Key, ViewportCommand, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::model::{Due, Status};
use shipshape::storage;
use shipshape::ui::{AppConfig, Clock, PresenterSettings, Settings, ShipshapeApp};

use super::{AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness_with, item, today};

const FULL_HD: [f32; 2] = [1920.0, 1080.0];

/// The app at 1920×1080 on `fixture`, with a clock moved by hand.
fn presenter(dir: &Path) -> (Harness<'static, ShipshapeApp>, Clock) {
    presenter_on(dir, &fixture(dir))
}

fn presenter_on(dir: &Path, path: &Path) -> (Harness<'static, ShipshapeApp>, Clock) {
    let clock = Clock::manual();
    let config = AppConfig {
        clock: clock.clone(),
        ..AppConfig::in_dir(dir, today())
    };
    (harness_with(config, Some(path.to_owned()), FULL_HD), clock)
}

fn press(h: &mut Harness<'static, ShipshapeApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// F5, one frame (whose output holds the viewport commands), then settled.
fn enter(h: &mut Harness<'static, ShipshapeApp>) -> Vec<ViewportCommand> {
    h.key_down(Key::F5);
    h.step();
    let commands = viewport_commands(h);
    h.key_up(Key::F5);
    h.run();
    assert!(h.state().is_presenting(), "F5 enters the presenter view");
    commands
}

fn viewport_commands(h: &Harness<'static, ShipshapeApp>) -> Vec<ViewportCommand> {
    h.output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

fn shown(h: &Harness<'static, ShipshapeApp>) -> String {
    h.state().selected().unwrap().to_owned()
}

fn ids(h: &Harness<'static, ShipshapeApp>) -> Vec<String> {
    h.state()
        .workbook()
        .unwrap()
        .items()
        .map(|(_, i)| i.id.clone())
        .collect()
}

#[test]
fn f5_enters_full_screen_and_escape_leaves_where_the_walk_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    assert!(!h.state().is_presenting());
    let commands = enter(&mut h);
    assert!(
        commands.contains(&ViewportCommand::Fullscreen(true)),
        "{commands:?}"
    );
    // The table and its menus are gone; the item fills the screen.
    assert!(h.query_by_label("File").is_none(), "no menu bar");
    let first = ids(&h)[0].clone();
    assert_eq!(shown(&h), first);
    press(&mut h, Key::PageDown);
    let second = shown(&h);
    h.key_down(Key::Escape);
    h.step();
    let commands = viewport_commands(&h);
    h.key_up(Key::Escape);
    h.run();
    assert!(!h.state().is_presenting(), "Esc leaves");
    assert!(
        commands.contains(&ViewportCommand::Fullscreen(false)),
        "{commands:?}"
    );
    assert_eq!(
        shown(&h),
        second,
        "the table selects where the walk stopped"
    );
    assert!(h.query_by_label("File").is_some());
}

#[test]
fn view_menu_offers_present_with_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Present").click();
    h.run();
    assert!(h.state().is_presenting());
}

#[test]
fn clicker_keys_arrows_home_and_end_step_through_the_items() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    let all = ids(&h);
    assert_eq!(h.state().presenter_walk(), all);
    for (key, at) in [
        (Key::PageDown, 1),
        (Key::ArrowRight, 2),
        (Key::ArrowDown, 3),
        (Key::PageUp, 2),
        (Key::ArrowLeft, 1),
        (Key::End, all.len() - 1),
        (Key::PageDown, all.len() - 1),
        (Key::Home, 0),
        (Key::PageUp, 0),
    ] {
        press(&mut h, key);
        assert_eq!(shown(&h), all[at], "after {key:?}");
    }
    assert!(
        h.query_by_label_contains(&format!("of {}", all.len()))
            .is_some(),
        "the position is pinned"
    );
}

#[test]
fn the_tables_keys_do_not_act_under_the_presenter() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    let count = h.state().workbook().unwrap().item_count();
    for key in [Key::Delete, Key::F2, Key::F5] {
        press(&mut h, key);
    }
    h.key_press_modifiers(ctrl(), Key::F);
    h.run();
    assert_eq!(
        h.state().workbook().unwrap().item_count(),
        count,
        "Delete removes nothing"
    );
    assert!(h.state().is_presenting(), "F5 again stays");
    assert!(h.query_by_label("Edit title and description…").is_none());
    assert!(!h.state_mut().is_dirty());
}

#[test]
fn r_walks_only_the_red_items_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    let first = wb.categories[0].items[0].id.clone();
    wb.item_mut(&first)
        .unwrap()
        .set_status(Status::Done, today());
    storage::save(&path, &wb).unwrap();
    let (mut h, _) = presenter_on(dir.path(), &path);
    enter(&mut h);
    assert_eq!(shown(&h), first);
    press(&mut h, Key::R);
    let walk = h.state().presenter_walk();
    assert_eq!(walk.len(), ids(&h).len() - 1);
    assert!(!walk.contains(&first));
    assert_eq!(
        shown(&h),
        walk[0],
        "the item shown moves to the next red one"
    );
    assert!(
        h.query_by_label(&format!("Reliability · 1 of {} red", walk.len()))
            .is_some()
    );
    // Done during a red-only walk: the item stays in it, shown passing.
    press(&mut h, Key::Num3);
    assert_eq!(h.state().presenter_walk(), walk);
    assert!(h.query_by_label("✔ Passes").is_some());
    press(&mut h, Key::R);
    assert_eq!(h.state().presenter_walk(), ids(&h));
    assert!(!h.state().presenter_settings().red_only);
}

#[test]
fn digits_set_the_status_as_an_undoable_edit_saved_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    press(&mut h, Key::PageDown);
    assert_eq!(shown(&h), AUTOSCALING);
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::NotStarted);
    assert!(h.query_by_label_contains("✖ Red: not started").is_some());
    press(&mut h, Key::Num3);
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done);
    assert!(h.query_by_label("✔ Passes").is_some());
    press(&mut h, Key::Num4);
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Mitigated);
    // Undo from another item: it comes back to the one it changed.
    press(&mut h, Key::PageDown);
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done);
    assert_eq!(shown(&h), AUTOSCALING, "undo shows what it changed");
    assert!(h.state().is_presenting());
    h.key_press_modifiers(ctrl(), Key::S);
    h.run();
    let saved = storage::load(h.state().path().unwrap()).unwrap().workbook;
    assert_eq!(saved.item(AUTOSCALING).unwrap().status, Status::Done);
}

/// Types `text` into the open large field named `label` (the mitigation
/// and notes have several lines).
fn type_in(h: &mut Harness<'static, ShipshapeApp>, label: &str, text: &str) {
    let role = match label {
        "Mitigation" | "Notes" => Role::MultilineTextInput,
        _ => Role::TextInput,
    };
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

#[test]
fn o_sets_the_owner_with_completion_from_the_workbooks_people() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    press(&mut h, Key::PageDown);
    press(&mut h, Key::O);
    assert!(h.query_by_label("Alice").is_some(), "known people offered");
    // Typing replaces the value; digits and R are text here, not keys.
    type_in(&mut h, "Owner", "R2");
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::NotStarted);
    assert!(h.state().presenter_walk().len() > 2, "R did not toggle");
    h.key_press_modifiers(ctrl(), Key::A);
    type_in(&mut h, "Owner", "al");
    press(&mut h, Key::Enter);
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Alice");
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Owner")
            .is_none(),
        "closed"
    );
    // Escape cancels what was typed, and stays in the presenter view.
    press(&mut h, Key::O);
    type_in(&mut h, "Owner", "Zed");
    press(&mut h, Key::Escape);
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Alice");
    assert!(h.state().is_presenting(), "Esc closed the field only");
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).owner, "", "one undo step");
    // Enter completes a known name, as in the editor: O, b, Enter.
    press(&mut h, Key::O);
    type_in(&mut h, "Owner", "b");
    press(&mut h, Key::Enter);
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Bob");
}

#[test]
fn d_m_and_n_edit_the_due_date_mitigation_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    press(&mut h, Key::PageDown);
    press(&mut h, Key::D);
    type_in(&mut h, "Due date", "T-7");
    press(&mut h, Key::Enter);
    assert_eq!(item(h.state(), AUTOSCALING).due, Some(Due::FromLaunch(-7)));
    press(&mut h, Key::M);
    type_in(&mut h, "Mitigation", "Manual scaling runbook");
    press(&mut h, Key::Enter);
    assert_eq!(
        item(h.state(), AUTOSCALING).mitigation.text,
        "Manual scaling runbook"
    );
    press(&mut h, Key::N);
    type_in(&mut h, "Notes", "Load test booked for Friday");
    press(&mut h, Key::Enter);
    press(&mut h, Key::N);
    type_in(&mut h, "Notes", "Bob checks the quota");
    press(&mut h, Key::Enter);
    assert_eq!(
        item(h.state(), AUTOSCALING).notes,
        "Load test booked for Friday\n\nBob checks the quota",
        "each note is a paragraph added"
    );
    assert!(h.query_by_label_contains("Bob checks the quota").is_some());
    // Four edits, four undo steps.
    for _ in 0..3 {
        h.key_press_modifiers(ctrl(), Key::Z);
        h.run();
    }
    let it = item(h.state(), AUTOSCALING);
    assert_eq!((it.notes.as_str(), it.mitigation.text.as_str()), ("", ""));
    assert_eq!(it.due, Some(Due::FromLaunch(-7)));
    assert!(h.state_mut().is_dirty());
}

#[test]
fn a_bad_date_stays_with_its_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    press(&mut h, Key::PageDown);
    press(&mut h, Key::D);
    type_in(&mut h, "Due date", "someday");
    press(&mut h, Key::Enter);
    assert!(h.query_by_label_contains("is not a date").is_some());
    assert_eq!(item(h.state(), AUTOSCALING).due, None);
    let reason = drawn_text(&h)
        .into_iter()
        .find(|(t, _)| t.contains("is not a date"));
    assert!(
        reason.as_ref().is_some_and(|(_, size)| *size >= 24.0),
        "readable: {reason:?}"
    );
    // Still open: the typing can be put right.
    h.key_press_modifiers(ctrl(), Key::A);
    type_in(&mut h, "Due date", "+2w");
    press(&mut h, Key::Enter);
    let two_weeks = today() + chrono::Days::new(14);
    assert_eq!(item(h.state(), AUTOSCALING).due, Some(Due::On(two_weeks)));
    press(&mut h, Key::D);
    type_in(&mut h, "Due date", "someday");
    press(&mut h, Key::Enter);
    press(&mut h, Key::Escape);
    assert!(h.state().is_presenting());
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Due date")
            .is_none()
    );
}

#[test]
fn the_verdict_position_and_countdown_are_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    press(&mut h, Key::PageDown);
    let red = h.state().workbook().unwrap().verdict(today()).red_count();
    assert!(
        h.query_by_label(&format!("✖ Demo-ready: {red} red"))
            .is_some()
    );
    assert!(h.query_by_label("Reliability · 2 of 25").is_some());
    // Launch 2026-04-01, today 2026-03-01.
    assert!(h.query_by_label("Launch 2026-04-01 · T-31 days").is_some());
    assert!(h.query_by_label(AUTOSCALING_TITLE).is_some());
}

#[test]
fn the_meeting_clock_runs_on_injected_time_and_says_the_pace() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, clock) = presenter(dir.path());
    enter(&mut h);
    assert!(
        h.query_by_label_contains("0:00 elapsed · 0:00 on this item")
            .is_some()
    );
    assert!(h.query_by_label("on pace").is_some());
    assert!(
        h.query_by_label_contains("plan 60 min for 25 items, 2 min 24 s each")
            .is_some()
    );
    // Five minutes on the first item: its share is 2 min 24 s.
    clock.advance(Duration::from_secs(300));
    h.run();
    assert!(
        h.query_by_label_contains("5:00 elapsed · 5:00 on this item")
            .is_some()
    );
    assert!(h.query_by_label("2 min behind").is_some());
    press(&mut h, Key::PageDown);
    clock.advance(Duration::from_secs(60));
    h.run();
    assert!(
        h.query_by_label_contains("6:00 elapsed · 1:00 on this item")
            .is_some()
    );
    assert!(h.query_by_label("2 min behind").is_some());
    press(&mut h, Key::End);
    assert!(h.query_by_label("51 min ahead").is_some());
    // A longer plan (+, or = unshifted); C starts the meeting over.
    press(&mut h, Key::Plus);
    assert_eq!(h.state().presenter_settings().planned_minutes, 65);
    press(&mut h, Key::Equals);
    assert_eq!(h.state().presenter_settings().planned_minutes, 70);
    press(&mut h, Key::Minus);
    assert_eq!(h.state().presenter_settings().planned_minutes, 65);
    press(&mut h, Key::C);
    assert!(h.query_by_label_contains("0:00 elapsed").is_some());
    // Leaving and coming back keeps the meeting's time.
    clock.advance(Duration::from_secs(90));
    press(&mut h, Key::Escape);
    enter(&mut h);
    assert!(h.query_by_label_contains("1:30 elapsed").is_some());
}

#[test]
fn presenter_settings_come_back_at_the_next_start_not_in_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    let path = h.state().path().unwrap().to_owned();
    let bytes = std::fs::read(&path).unwrap();
    enter(&mut h);
    press(&mut h, Key::R);
    for _ in 0..3 {
        press(&mut h, Key::Minus);
    }
    let mut storage = super::MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the workbook is untouched"
    );

    let config = AppConfig {
        settings: Settings::load(Some(&storage)),
        ..AppConfig::in_dir(dir.path(), today())
    };
    let mut next = harness_with(config, Some(path), FULL_HD);
    let expected = PresenterSettings {
        planned_minutes: 45,
        red_only: true,
    };
    assert_eq!(next.state().presenter_settings(), expected);
    enter(&mut next);
    let red = next
        .state()
        .workbook()
        .unwrap()
        .verdict(today())
        .red_count();
    assert_eq!(next.state().presenter_walk().len(), red, "red only again");
    assert!(next.query_by_label_contains("plan 45 min").is_some());
}

/// Every text drawn this frame: its string and font size in pixels.
fn drawn_text(h: &Harness<'static, ShipshapeApp>) -> Vec<(String, f32)> {
    fn walk(shape: &egui::Shape, ppp: f32, out: &mut Vec<(String, f32)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, ppp, out)),
            egui::Shape::Text(t) if !t.galley.text().trim().is_empty() => {
                let sections = t.galley.job.sections.iter();
                let size = sections
                    .map(|s| s.format.font_id.size)
                    .fold(f32::MAX, f32::min);
                out.push((t.galley.text().to_owned(), size * ppp));
            }
            _ => {}
        }
    }
    let ppp = h.output().pixels_per_point;
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, ppp, &mut out);
    }
    out
}

#[test]
fn at_1080p_the_title_is_40_px_and_nothing_is_under_24() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    press(&mut h, Key::PageDown);
    press(&mut h, Key::Escape);
    // Once more with a field open: its text and hints count too.
    enter(&mut h);
    press(&mut h, Key::M);
    h.step();
    let text = drawn_text(&h);
    let title = text.iter().find(|(t, _)| t == AUTOSCALING_TITLE);
    assert!(title.is_some_and(|(_, size)| *size >= 40.0), "{title:?}");
    assert!(text.len() > 20, "{text:?}");
    for (t, size) in &text {
        assert!(*size >= 24.0, "{t:?} is {size} px");
    }
    let pinned = ["Demo-ready", "2 of 25", "T-31 days", "elapsed", "ahead"];
    for p in pinned {
        assert!(text.iter().any(|(t, _)| t.contains(p)), "{p} drawn");
    }
}

#[test]
fn the_plan_stays_between_five_minutes_and_eight_hours() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    for _ in 0..20 {
        press(&mut h, Key::Minus);
    }
    assert_eq!(h.state().presenter_settings().planned_minutes, 5);
    assert!(
        h.query_by_label_contains("plan 5 min for 25 items, 12 s each")
            .is_some()
    );
    for _ in 0..100 {
        h.key_press(Key::Plus);
    }
    h.run();
    assert_eq!(h.state().presenter_settings().planned_minutes, 480);
}

#[test]
fn t_switches_dark_and_light_without_leaving() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    let before = h.ctx.theme();
    press(&mut h, Key::T);
    assert_ne!(h.ctx.theme(), before);
    assert!(h.state().is_presenting());
}

#[test]
fn status_is_a_word_with_an_icon_not_a_colour_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    for word in [
        "1 ○ Not started",
        "2 ◐ In progress",
        "3 ✔ Done",
        "4 ◆ Mitigated",
        "5 ⊘ Not applicable",
    ] {
        assert!(h.query_by_label(word).is_some(), "{word}");
    }
    // The current status is the selected button, for screen readers too.
    h.get_by_label("2 ◐ In progress").click();
    h.run();
    let first = ids(&h)[0].clone();
    assert_eq!(item(h.state(), &first).status, Status::InProgress);
}

/// Issue 13: status, a known owner and a typed due date in six keys — `2`,
/// `O`, `a`, Tab (sets the owner and opens the due date), `9`, Enter — as
/// two ordinary undo steps plus the status.
#[test]
fn tab_in_the_owner_sets_it_and_opens_the_due_date() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    press(&mut h, Key::PageDown);
    assert_eq!(shown(&h), AUTOSCALING);
    press(&mut h, Key::Num2);
    press(&mut h, Key::O);
    type_in(&mut h, "Owner", "a");
    press(&mut h, Key::Tab);
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Alice");
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Due date")
            .is_focused(),
        "the due date is open and has the keyboard"
    );
    type_in(&mut h, "Due date", "9");
    press(&mut h, Key::Enter);
    let item_now = item(h.state(), AUTOSCALING);
    assert_eq!(item_now.status, Status::InProgress);
    let tenth = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    assert_eq!(item_now.due, Some(Due::On(tenth)));
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Due date")
            .is_none()
    );
    // Undo takes the due date, then the owner, one at a time.
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).due, None);
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Alice");
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).owner, "");
}

/// Regression: leaving with the Leave button while a large field was open
/// dropped what had been typed in it.
#[test]
fn leaving_with_the_mouse_keeps_what_was_typed_in_an_open_field() {
    for (key, label, typed) in [
        (Key::M, "Mitigation", "Manual scaling runbook"),
        (Key::N, "Notes", "Quota raised"),
        (Key::O, "Owner", "Zed"),
        (Key::D, "Due date", "2026-05-01"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (mut h, _) = presenter(dir.path());
        enter(&mut h);
        press(&mut h, Key::PageDown);
        press(&mut h, key);
        type_in(&mut h, label, typed);
        h.get_by_role_and_label(Role::Button, "Leave").click();
        h.run();
        assert!(!h.state().is_presenting(), "{label}: left");
        let it = item(h.state(), AUTOSCALING);
        let kept = match key {
            Key::M => it.mitigation.text.clone(),
            Key::N => it.notes.clone(),
            Key::O => it.owner.clone(),
            _ => it.due.map(|d| d.to_string()).unwrap_or_default(),
        };
        assert!(kept.contains(typed), "{label}: {kept:?}");
    }
}

#[test]
fn undo_while_presenting_brings_a_removed_item_back_into_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    let all = ids(&h);
    // In the table: Delete on the first item, confirmed.
    press(&mut h, Key::Delete);
    press(&mut h, Key::Enter);
    assert_eq!(ids(&h).len(), all.len() - 1, "removed");
    enter(&mut h);
    assert_eq!(h.state().presenter_walk().len(), all.len() - 1);
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(
        h.state().presenter_walk(),
        all,
        "the item undo put back is walked again"
    );
    assert_eq!(shown(&h), all[0], "undo shows what it changed");
}

#[test]
fn the_item_shows_its_description_resolved_due_date_and_accepted_mitigation() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    let it = wb.item_mut(AUTOSCALING).unwrap();
    it.description = "Scale out at 70 % CPU, tested to 5× peak".into();
    it.due = Some(Due::FromLaunch(-7));
    it.mitigation.text = "Manual scaling runbook".into();
    it.mitigation.accepted_by = "Carol".into();
    it.mitigation.until = chrono::NaiveDate::from_ymd_opt(2026, 6, 30);
    storage::save(&path, &wb).unwrap();
    let (mut h, _) = presenter_on(dir.path(), &path);
    enter(&mut h);
    press(&mut h, Key::PageDown);
    assert_eq!(shown(&h), AUTOSCALING);
    assert!(
        h.query_by_label("Scale out at 70 % CPU, tested to 5× peak")
            .is_some(),
        "the description"
    );
    assert!(
        h.query_by_label("T-7 · 2026-03-25").is_some(),
        "a due date relative to launch is also said as its day"
    );
    assert!(
        h.query_by_label("Manual scaling runbook\naccepted by Carol, until 2026-06-30")
            .is_some(),
        "the mitigation with who accepted it and until when"
    );
}

#[test]
fn each_large_field_says_its_keys_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    for label in [
        "Owner  (O)",
        "Due date  (D)",
        "Mitigation  (M)",
        "Notes  (N)",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
    assert!(h.query_by_label("no due date").is_some());
    for (key, hint) in [
        (Key::O, "Tab sets and goes to the due date"),
        (Key::D, "2027-01-15, +2w, fri, T-14, none"),
        (Key::M, "Enter sets · Shift+Enter new line"),
        (Key::N, "Enter adds the note"),
    ] {
        press(&mut h, key);
        assert!(h.query_by_label_contains(hint).is_some(), "{key:?}: {hint}");
        press(&mut h, Key::Escape);
        assert!(h.state().is_presenting(), "{key:?}: Esc closed the field");
    }
}

#[test]
fn enter_on_an_unchanged_due_date_closes_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = presenter(dir.path());
    enter(&mut h);
    press(&mut h, Key::PageDown);
    press(&mut h, Key::D);
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Due date")
            .is_some()
    );
    press(&mut h, Key::Enter);
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Due date")
            .is_none(),
        "closed, nothing to refuse"
    );
    assert_eq!(item(h.state(), AUTOSCALING).due, None);
    assert!(!h.state_mut().is_dirty());
}
