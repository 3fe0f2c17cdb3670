//! The command table: shortcuts unique and tried most specific first.

use super::*;
use std::collections::HashMap;

#[test]
fn no_two_commands_share_a_shortcut() {
    let mut seen: HashMap<KeyboardShortcut, Command> = HashMap::new();
    for (command, shortcut) in Command::shortcut_table() {
        if let Some(other) = seen.insert(shortcut, command) {
            panic!("{command:?} and {other:?} both use {shortcut:?}");
        }
    }
}

#[test]
fn digits_follow_status_order() {
    for (i, s) in Status::ALL.iter().enumerate() {
        let sc = Command::SetStatus(*s).shortcut().unwrap();
        assert_eq!(sc.logical_key, DIGITS[i]);
    }
}

#[test]
fn specific_shortcuts_are_tried_first() {
    let table = Command::shortcut_table();
    let pos = |c| table.iter().position(|(x, _)| *x == c).unwrap();
    assert!(pos(Command::SaveAs) < pos(Command::Save));
    assert!(pos(Command::Redo) < pos(Command::Undo));
    assert!(pos(Command::MoveItemUp) < pos(Command::SelectPrevious));
}

#[test]
fn the_recheck_filter_says_how_far_ahead_it_looks() {
    let days = crate::model::RECHECK_WARNING_DAYS.to_string();
    assert!(Command::ToggleRecheckOnly.tooltip().contains(&days));
}

#[test]
fn every_command_is_listed_once() {
    let all: std::collections::HashSet<Command> = Command::ALL.iter().copied().collect();
    assert_eq!(all.len(), Command::ALL.len());
    assert!(Command::ALL.iter().all(|c| !c.label().is_empty()));
}
