//! Reviews in the window: Start review… pre-filled from the workbook's
//! people, a decision recorded from the editor, End review…'s sign-off
//! form (a conditional go needs its conditions), undo, and the Review
//! history panel.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shipshape::model::{Approver, Decision, Person, ReviewStart, SignOff, Status, Workbook};
use shipshape::storage;

use super::{AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness, select_row, today, type_into};

/// The fixture with two people, who the Start review dialog offers.
fn with_people(dir: &std::path::Path) -> std::path::PathBuf {
    let path = fixture(dir);
    let mut wb = storage::load(&path).unwrap().workbook;
    wb.people = vec![
        Person {
            name: "Ann".into(),
            role: "SRE".into(),
            ..Person::default()
        },
        Person {
            name: "Bo".into(),
            role: "Dev".into(),
            ..Person::default()
        },
    ];
    storage::save(&path, &wb).unwrap();
    path
}

fn menu(
    h: &mut egui_kittest::Harness<'static, shipshape::ui::ShipshapeApp>,
    menu: &str,
    entry: &str,
) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label_contains(entry).click();
    h.run();
}

fn wb<'a>(h: &'a egui_kittest::Harness<'static, shipshape::ui::ShipshapeApp>) -> &'a Workbook {
    h.state().workbook().unwrap()
}

#[test]
fn start_review_offers_the_people_and_records_who_is_present() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(with_people(dir.path())));
    menu(&mut h, "Edit", "Start review…");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "attendee 2 name")
            .value()
            .as_deref(),
        Some("Bo")
    );
    // Start without a title is refused: the dialog stays.
    h.get_by_label("Start").click();
    h.run();
    assert!(wb(&h).reviews.is_empty());
    type_into(&mut h, Role::TextInput, "Title", "Go/no-go");
    h.get_all_by_label("Present").nth(1).unwrap().click();
    h.run();
    h.get_by_label("+ Add attendee").click();
    h.run();
    type_into(&mut h, Role::TextInput, "attendee 3 name", "Cy");
    h.get_by_label("Start").click();
    h.run();

    let r = &wb(&h).reviews[0];
    assert_eq!(r.title, "Go/no-go");
    assert_eq!(r.date, today());
    let who: Vec<(&str, &str, bool)> = r
        .attendees
        .iter()
        .map(|a| (a.name.as_str(), a.role.as_str(), a.present))
        .collect();
    assert_eq!(
        who,
        vec![("Ann", "SRE", true), ("Bo", "Dev", false), ("Cy", "", true)]
    );
    assert!(r.is_open());
    assert!(
        h.query_by_label_contains("● Review open: Go/no-go")
            .is_some(),
        "the header shows the open review"
    );
    assert!(h.state_mut().is_dirty());
    // One undo step takes it back.
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert!(wb(&h).reviews.is_empty());
}

#[test]
fn a_decision_from_the_editor_and_end_review_sign_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_people(dir.path());
    let mut file = storage::load(&path).unwrap().workbook;
    file.start_review(ReviewStart {
        title: "Go/no-go".into(),
        date: today(),
        attendees: Vec::new(),
    })
    .unwrap();
    storage::save(&path, &file).unwrap();
    let mut h = harness(dir.path(), Some(path));

    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Decision or action")
        .scroll_to_me();
    h.run();
    type_into(
        &mut h,
        Role::MultilineTextInput,
        "Decision or action",
        "Load-test again in May",
    );
    type_into(&mut h, Role::TextInput, "Who", "Bo");
    h.get_by_label("Add to the review").click();
    h.run();
    let actions = &wb(&h).reviews[0].actions;
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].item, AUTOSCALING);
    assert_eq!(actions[0].text, "Load-test again in May");
    assert_eq!(actions[0].owner, "Bo");
    assert!(h.query_by_label("• Load-test again in May — Bo").is_some());

    h.get_by_role_and_label(Role::Button, "End review…").click();
    h.run();
    assert!(
        h.query_by_label("1 item changed during the review.")
            .is_some()
    );
    h.get_by_label("Go with conditions").click();
    h.run();
    h.get_by_label("Sign off").click();
    h.run();
    assert!(wb(&h).reviews[0].is_open(), "conditions are required");
    assert!(
        h.query_by_label("A go with conditions needs the conditions written down.")
            .is_some()
    );
    type_into(
        &mut h,
        Role::MultilineTextInput,
        "Conditions",
        "Backups restored once",
    );
    type_into(&mut h, Role::TextInput, "approver 1 name", "Cy");
    type_into(&mut h, Role::TextInput, "approver 1 role", "CTO");
    h.get_by_label("Sign off").click();
    h.run();

    let r = &wb(&h).reviews[0];
    let sign_off = r.sign_off.as_ref().expect("signed off");
    assert_eq!(sign_off.decision, Decision::GoWithConditions);
    assert_eq!(sign_off.conditions, "Backups restored once");
    assert_eq!(
        sign_off.approvers,
        vec![Approver {
            name: "Cy".into(),
            role: "CTO".into(),
            date: Some(today()),
        }]
    );
    assert_eq!(r.changed_items(), vec![AUTOSCALING]);
    assert_eq!(r.after.as_ref().unwrap().red, r.before.red - 1);
    assert!(h.query_by_label_contains("● Review open").is_none());
    assert!(
        h.query_by_label("Decision or action").is_none(),
        "no review open"
    );
}

/// A workbook with two ended reviews: the first with every item red, the
/// second after autoscaling was done.
fn reviewed(dir: &std::path::Path) -> std::path::PathBuf {
    let path = fixture(dir);
    let mut wb = storage::load(&path).unwrap().workbook;
    for (title, date) in [("Kick-off", "2026-01-10"), ("Go/no-go", "2026-02-20")] {
        wb.start_review(ReviewStart {
            title: title.into(),
            date: date.parse().unwrap(),
            attendees: Vec::new(),
        })
        .unwrap();
        wb.item_mut(AUTOSCALING)
            .unwrap()
            .set_status(Status::Done, today());
        wb.end_review(SignOff {
            decision: Decision::NoGo,
            conditions: String::new(),
            approvers: Vec::new(),
        })
        .unwrap();
    }
    storage::save(&path, &wb).unwrap();
    path
}

#[test]
fn the_review_history_panel_shows_reviews_changes_what_stayed_red_and_the_trend() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(reviewed(dir.path())));
    assert!(h.query_by_label("Review history").is_none());
    menu(&mut h, "View", "Review history");
    assert!(h.query_by_label("Reviews (2)").is_some());
    assert!(h.query_by_label("Kick-off").is_some());
    assert!(h.query_by_label("25 → 24").is_some());
    assert!(h.query_by_label("24 → 24").is_some());
    assert!(h.query_by_label("Since “Kick-off”").is_some());
    assert!(h.query_by_label("Now passing (0)").is_some());
    assert!(h.query_by_label("Red at every review (24)").is_some());
    assert!(h.query_by_label("  SLOs published").is_some());
    assert!(h.query_by_label("  and 12 more").is_some());
    assert!(h.query_by_label("Trend").is_some());
    // Ctrl+Shift+H closes it again.
    h.key_press_modifiers(ctrl().plus(egui::Modifiers::SHIFT), Key::H);
    h.run();
    assert!(h.query_by_label("Reviews (2)").is_none());
}

#[test]
fn the_review_history_panel_without_reviews_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.key_press_modifiers(ctrl().plus(egui::Modifiers::SHIFT), Key::H);
    h.run();
    assert!(
        h.query_by_label("No reviews yet: Edit → Start review… records the first.")
            .is_some()
    );
}
