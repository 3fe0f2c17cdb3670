//! The meeting clock: how long the meeting and the current item have run,
//! and whether the walk is on pace for its planned length. The time comes
//! from a [`Clock`], which tests advance by hand, so nothing here sleeps
//! or reads the system clock behind a test's back.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Where the meeting clock reads the time.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system's monotonic clock.
    #[default]
    System,
    /// A time set by hand (tests): it moves only when advanced.
    Manual(Arc<Mutex<Duration>>),
}

impl Clock {
    /// A clock standing at zero until [`Clock::advance`]d.
    pub fn manual() -> Self {
        Self::Manual(Arc::default())
    }

    /// Moves a manual clock on by `by`; the system clock moves by itself.
    pub fn advance(&self, by: Duration) {
        if let Self::Manual(now) = self {
            *now.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) += by;
        }
    }

    /// The time since an origin fixed for the clock's life.
    pub fn now(&self) -> Duration {
        match self {
            Self::System => {
                static ORIGIN: OnceLock<Instant> = OnceLock::new();
                ORIGIN.get_or_init(Instant::now).elapsed()
            }
            Self::Manual(now) => *now
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        }
    }
}

/// When the meeting and the item on screen started, on a [`Clock`]'s time.
#[derive(Debug, Clone, Default)]
pub struct MeetingClock {
    started: Option<Duration>,
    /// The item on screen and when it came on screen.
    item: Option<(String, Duration)>,
}

/// What the clock line says, as of one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub elapsed: Duration,
    pub on_item: Duration,
    /// Seconds behind the plan (negative: ahead).
    pub drift: i64,
    /// The plan's time per item.
    pub per_item: Duration,
}

impl MeetingClock {
    /// Starts the meeting at `now` unless it already runs.
    pub fn start(&mut self, now: Duration) {
        self.started.get_or_insert(now);
    }

    /// Starts the meeting over at `now` (and the current item's time).
    pub fn restart(&mut self, now: Duration) {
        self.started = Some(now);
        if let Some((_, since)) = &mut self.item {
            *since = now;
        }
    }

    /// Notes which item is on screen: a different one starts its own time.
    pub fn show_item(&mut self, id: &str, now: Duration) {
        if self.item.as_ref().is_none_or(|(shown, _)| shown != id) {
            self.item = Some((id.to_owned(), now));
        }
    }

    /// The reading at `now` with the item at `position` (0-based) of
    /// `count` walked in `planned`.
    pub fn read(&self, now: Duration, position: usize, count: usize, planned: Duration) -> Reading {
        let elapsed = now.saturating_sub(self.started.unwrap_or(now));
        let on_item = now.saturating_sub(self.item.as_ref().map_or(now, |(_, since)| *since));
        let per_item = per_item(planned, count);
        Reading {
            elapsed,
            on_item,
            drift: drift(elapsed, on_item, position, per_item),
            per_item,
        }
    }
}

/// The plan's time per item: `planned` over `count` items (all of it for
/// none).
pub fn per_item(planned: Duration, count: usize) -> Duration {
    planned / u32::try_from(count.max(1)).unwrap_or(u32::MAX)
}

/// Seconds behind the plan (negative: ahead). By the plan, the items
/// before `position` took their share each, and the current item may
/// take up to its own; time spent beyond that is behind, time saved by
/// moving on early is ahead.
pub fn drift(elapsed: Duration, on_item: Duration, position: usize, per_item: Duration) -> i64 {
    let before = per_item.saturating_mul(u32::try_from(position).unwrap_or(u32::MAX));
    let planned_by_now = before.saturating_add(on_item.min(per_item));
    secs(elapsed) - secs(planned_by_now)
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

/// The drift in words: "on pace" within a minute, else whole minutes
/// "behind" or "ahead".
pub fn pacing_text(drift: i64) -> String {
    let minutes = drift.unsigned_abs() / 60;
    match (minutes, drift > 0) {
        (0, _) => "on pace".to_owned(),
        (m, true) => format!("{m} min behind"),
        (m, false) => format!("{m} min ahead"),
    }
}

/// A stopwatch reading: `4:05`, `12:00`, `1:02:03` past an hour.
pub fn clock_text(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A plan's share per item in words: `2 min 24 s`, `5 min`, `40 s`.
pub fn share_text(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 60, s % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn stopwatch_text() {
        assert_eq!(clock_text(Duration::ZERO), "0:00");
        assert_eq!(clock_text(Duration::from_secs(245)), "4:05");
        assert_eq!(clock_text(12 * MIN), "12:00");
        assert_eq!(clock_text(Duration::from_secs(3723)), "1:02:03");
        assert_eq!(clock_text(Duration::from_secs(3600)), "1:00:00");
    }

    #[test]
    fn share_in_words() {
        assert_eq!(share_text(Duration::from_secs(144)), "2 min 24 s");
        assert_eq!(share_text(5 * MIN), "5 min");
        assert_eq!(share_text(Duration::from_secs(40)), "40 s");
    }

    #[test]
    fn pacing_in_words_is_whole_minutes_either_way() {
        assert_eq!(pacing_text(0), "on pace");
        assert_eq!(pacing_text(59), "on pace");
        assert_eq!(pacing_text(-59), "on pace");
        assert_eq!(pacing_text(60), "1 min behind");
        assert_eq!(pacing_text(185), "3 min behind");
        assert_eq!(pacing_text(-60), "1 min ahead");
        assert_eq!(pacing_text(-7 * 60 - 1), "7 min ahead");
    }

    #[test]
    fn per_item_share_divides_the_plan() {
        assert_eq!(per_item(60 * MIN, 25), Duration::from_secs(144));
        assert_eq!(per_item(60 * MIN, 0), 60 * MIN, "no items: the whole plan");
        assert_eq!(per_item(60 * MIN, 1), 60 * MIN);
    }

    #[test]
    fn drift_counts_overruns_and_early_moves() {
        let share = 2 * MIN;
        // Arrived at the third item on time, within its share.
        assert_eq!(drift(5 * MIN, MIN, 2, share), 0);
        // Three minutes past this item's share.
        assert_eq!(drift(9 * MIN, 5 * MIN, 2, share), 3 * 60);
        // Moved on to the sixth item after four minutes: six ahead.
        assert_eq!(drift(4 * MIN, Duration::ZERO, 5, share), -6 * 60);
        // The first item, exactly its share: on pace.
        assert_eq!(drift(share, share, 0, share), 0);
    }

    #[test]
    fn the_meeting_runs_from_its_start_and_each_item_from_its_own() {
        let mut c = MeetingClock::default();
        c.start(10 * MIN);
        c.show_item("a", 10 * MIN);
        c.start(20 * MIN); // entering again keeps the meeting's start
        c.show_item("a", 12 * MIN); // the same item keeps its time
        let r = c.read(14 * MIN, 0, 30, 60 * MIN);
        assert_eq!((r.elapsed, r.on_item), (4 * MIN, 4 * MIN));
        assert_eq!(r.per_item, 2 * MIN);
        assert_eq!(r.drift, 2 * 60, "two minutes past the first item's share");
        c.show_item("b", 14 * MIN);
        let r = c.read(15 * MIN, 1, 30, 60 * MIN);
        assert_eq!((r.elapsed, r.on_item, r.drift), (5 * MIN, MIN, 2 * 60));
        c.restart(15 * MIN);
        let r = c.read(16 * MIN, 1, 30, 60 * MIN);
        assert_eq!((r.elapsed, r.on_item), (MIN, MIN));
    }

    #[test]
    fn a_clock_never_started_reads_zero() {
        let r = MeetingClock::default().read(7 * MIN, 0, 3, 60 * MIN);
        assert_eq!(
            (r.elapsed, r.on_item, r.drift),
            (Duration::ZERO, Duration::ZERO, 0)
        );
    }

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let c = Clock::manual();
        assert_eq!(c.now(), Duration::ZERO);
        c.clone().advance(MIN);
        assert_eq!(c.now(), MIN, "clones share the time");
        let system = Clock::System;
        system.advance(MIN * 600);
        assert!(
            system.now() < MIN * 600,
            "the system clock is not set by hand"
        );
    }

    #[test]
    fn the_system_clock_moves_by_itself() {
        // No sleep: the monotonic clock moves within a short busy wait.
        let start = Clock::System.now();
        let moved = (0..10_000_000).any(|_| Clock::System.now() > start);
        assert!(moved, "the system clock stood still");
    }
}
