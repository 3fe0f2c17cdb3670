use serde::{Deserialize, Serialize};

/// Where an item stands. Only the verdict decides whether it passes: a
/// `Mitigated` item without a written mitigation is still red.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Mitigated,
    NotApplicable,
}

impl Status {
    /// Every status, in the order the UI and reports list them (and the digit
    /// keys 1–5 pick them).
    pub const ALL: [Self; 5] = [
        Self::NotStarted,
        Self::InProgress,
        Self::Done,
        Self::Mitigated,
        Self::NotApplicable,
    ];

    /// The word the CLI and JSON use (`not-started`, …).
    pub fn cli_word(self) -> &'static str {
        match self {
            Self::NotStarted => "not-started",
            Self::InProgress => "in-progress",
            Self::Done => "done",
            Self::Mitigated => "mitigated",
            Self::NotApplicable => "not-applicable",
        }
    }

    /// A human label for screens and print.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "In progress",
            Self::Done => "Done",
            Self::Mitigated => "Mitigated",
            Self::NotApplicable => "Not applicable",
        }
    }

    /// Parses a CLI status word; also accepts the label and a few spellings
    /// people type (`n/a`, `wip`), case-insensitively.
    pub fn from_word(word: &str) -> Option<Self> {
        let w = word.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Some(match w.as_str() {
            "not-started" | "notstarted" | "todo" | "open" => Self::NotStarted,
            "in-progress" | "inprogress" | "wip" | "started" => Self::InProgress,
            "done" | "green" | "complete" | "completed" => Self::Done,
            "mitigated" => Self::Mitigated,
            "not-applicable" | "notapplicable" | "n/a" | "na" => Self::NotApplicable,
            _ => return None,
        })
    }

    /// Position in [`Status::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// How many items have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts(pub [usize; 5]);

impl StatusCounts {
    pub fn get(&self, status: Status) -> usize {
        self.0[status.index()]
    }

    pub fn add(&mut self, status: Status) {
        self.0[status.index()] += 1;
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// `(status, count)` in [`Status::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Status, usize)> + '_ {
        Status::ALL.iter().map(|&s| (s, self.get(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_words_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_word(s.cli_word()), Some(s));
            assert_eq!(Status::from_word(s.label()), Some(s));
        }
        assert_eq!(Status::from_word("N/A"), Some(Status::NotApplicable));
        assert_eq!(Status::from_word("finished?"), None);
    }

    #[test]
    fn all_is_in_index_order() {
        for (i, s) in Status::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
        }
    }
}
