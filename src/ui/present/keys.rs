//! The presenter view's keys: one enum owns each key's action, its keys
//! and the words of the key line at the bottom of the screen. While the
//! presenter view is up these keys replace the table's (`O` is the owner
//! here too, but `R` is red only and the arrows step through items), and
//! of the window's commands only those with Ctrl act (undo, save, quit,
//! zoom).

use egui::{Key, Modifiers};

use super::walk::Step;
use crate::model::{ItemField, Status};

/// What a key does in the presenter view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentKey {
    Step(Step),
    ToggleRedOnly,
    SetStatus(Status),
    Edit(ItemField),
    LongerPlan,
    ShorterPlan,
    RestartClock,
    ToggleTheme,
    Leave,
}

impl PresentKey {
    /// Every presenter key, in the order of the key line.
    pub const ALL: [Self; 18] = [
        Self::Step(Step::Next),
        Self::Step(Step::Previous),
        Self::Step(Step::First),
        Self::Step(Step::Last),
        Self::ToggleRedOnly,
        Self::SetStatus(Status::NotStarted),
        Self::SetStatus(Status::InProgress),
        Self::SetStatus(Status::Done),
        Self::SetStatus(Status::Mitigated),
        Self::SetStatus(Status::NotApplicable),
        Self::Edit(ItemField::Owner),
        Self::Edit(ItemField::Due),
        Self::Edit(ItemField::MitigationText),
        Self::Edit(ItemField::Notes),
        Self::LongerPlan,
        Self::ShorterPlan,
        Self::RestartClock,
        Self::ToggleTheme,
    ];

    /// The keys that do it, without modifiers. Presentation clickers send
    /// PageDown and PageUp.
    pub fn keys(self) -> &'static [Key] {
        match self {
            Self::Step(Step::Next) => &[Key::PageDown, Key::ArrowRight, Key::ArrowDown],
            Self::Step(Step::Previous) => &[Key::PageUp, Key::ArrowLeft, Key::ArrowUp],
            Self::Step(Step::First) => &[Key::Home],
            Self::Step(Step::Last) => &[Key::End],
            Self::ToggleRedOnly => &[Key::R],
            Self::SetStatus(s) => &STATUS_KEYS[s.index()..=s.index()],
            Self::Edit(ItemField::Owner) => &[Key::O],
            Self::Edit(ItemField::Due) => &[Key::D],
            Self::Edit(ItemField::MitigationText) => &[Key::M],
            Self::Edit(_) => &[Key::N],
            // Ctrl+/Ctrl- zoom; these plain keys only change the plan.
            Self::LongerPlan => &[Key::Plus, Key::Equals],
            Self::ShorterPlan => &[Key::Minus],
            Self::RestartClock => &[Key::C],
            Self::ToggleTheme => &[Key::T],
            Self::Leave => &[Key::Escape],
        }
    }

    /// The presenter keys pressed this frame (plain, or with Shift: `+`
    /// is Shift and `=` on most keyboards), taken from the input.
    pub fn pressed(ctx: &egui::Context) -> Vec<Self> {
        ctx.input_mut(|i| {
            Self::ALL
                .into_iter()
                .chain([Self::Leave])
                .filter(|k| {
                    // Every key of it is taken, not just the first pressed.
                    let hits = k
                        .keys()
                        .iter()
                        .filter(|&&key| i.consume_key(Modifiers::NONE, key));
                    hits.count() > 0
                })
                .collect()
        })
    }

    /// The key line's words for this key, or `None` for the keys it
    /// names together ("1–5 status").
    pub fn hint(self) -> Option<&'static str> {
        Some(match self {
            Self::Step(Step::Next) => "→ PgDn next",
            Self::Step(Step::Previous) => "← PgUp back",
            Self::Step(Step::First) => "Home/End first, last",
            Self::ToggleRedOnly => "R red only",
            Self::SetStatus(Status::NotStarted) => "1–5 status",
            Self::Edit(ItemField::Owner) => "O owner",
            Self::Edit(ItemField::Due) => "D due",
            Self::Edit(ItemField::MitigationText) => "M mitigation",
            Self::Edit(ItemField::Notes) => "N note",
            Self::LongerPlan => "+/− plan",
            Self::RestartClock => "C restart clock",
            Self::ToggleTheme => "T light/dark",
            Self::Leave => "Esc leave",
            Self::Step(Step::Last) | Self::SetStatus(_) | Self::Edit(_) | Self::ShorterPlan => {
                return None;
            }
        })
    }
}

const STATUS_KEYS: [Key; 5] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::command::Command;

    #[test]
    fn no_two_presenter_keys_share_a_key() {
        let mut seen = std::collections::HashMap::new();
        for k in PresentKey::ALL.into_iter().chain([PresentKey::Leave]) {
            for key in k.keys() {
                if let Some(other) = seen.insert(*key, k) {
                    panic!("{key:?} is both {other:?} and {k:?}");
                }
            }
        }
    }

    #[test]
    fn the_presenter_keys_do_not_take_a_ctrl_command() {
        // The window's commands that act in the presenter view all have
        // Ctrl; a presenter key with Ctrl would shadow one.
        for command in Command::ALL.iter().filter(|c| c.acts_while_presenting()) {
            for s in command.shortcuts() {
                assert!(
                    !Command::is_typing_key(&s),
                    "{command:?} acts while presenting"
                );
            }
        }
    }

    #[test]
    fn every_key_has_its_words_on_the_key_line() {
        let line: Vec<&str> = PresentKey::ALL
            .into_iter()
            .chain([PresentKey::Leave])
            .filter_map(PresentKey::hint)
            .collect();
        for needle in [
            "PgDn", "PgUp", "Home", "End", "R ", "1–5", "O ", "D ", "M ", "N ", "+/−",
        ] {
            assert!(
                line.iter().any(|h| h.contains(needle)),
                "{needle} in {line:?}"
            );
        }
    }

    #[test]
    fn every_status_has_its_digit() {
        for s in Status::ALL {
            assert_eq!(PresentKey::SetStatus(s).keys(), &[STATUS_KEYS[s.index()]]);
        }
    }
}
