//! How often a done item must be re-checked: [`Interval`], a number of days
//! or of calendar months, written `90d`, `2w`, `3m`, `1y` or by name
//! (`weekly`, `monthly`, `quarterly`, `yearly`).
//!
//! Weeks are kept as days and years as months, so each interval has one
//! value and one canonical text ([`Interval`]'s `Display`): `14d` reads back
//! as `2w`, `3m` as `quarterly`. Months are calendar months — `2026-01-31`
//! plus a month is `2026-02-28` — because "quarterly" on a calendar means
//! the same day three months on, not 90 days.

use chrono::{Days, Months, NaiveDate};

/// The longest interval accepted, in days (100 years): longer means never,
/// and the date arithmetic stays far from chrono's limits.
const MAX_DAYS: u32 = 36_500;
/// The longest interval accepted, in months (100 years).
const MAX_MONTHS: u32 = 1_200;

/// A re-check interval: at least one day or month, at most 100 years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Interval {
    Days(u32),
    Months(u32),
}

/// Text that is not an interval.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not an interval (use a number with d, w, m or y — 90d, 2w, 3m, 1y — or weekly, monthly, quarterly, yearly)"
)]
pub struct IntervalError(pub String);

impl Interval {
    /// Every named interval with its name, in the order pickers list them.
    pub const NAMED: [(&'static str, Self); 4] = [
        ("weekly", Self::Days(7)),
        ("monthly", Self::Months(1)),
        ("quarterly", Self::Months(3)),
        ("yearly", Self::Months(12)),
    ];

    /// The last day an item verified on `verified` passes without a new
    /// check: `verified` plus the interval (months clamp to the end of a
    /// shorter month). `None` past the end of the calendar chrono knows,
    /// which is never.
    pub fn after(self, verified: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Days(n) => verified.checked_add_days(Days::new(u64::from(n))),
            Self::Months(n) => verified.checked_add_months(Months::new(n)),
        }
    }

    /// The interval in a sentence, after "every": "90 days", "2 weeks",
    /// "month", "3 months", "year".
    pub fn prose(self) -> String {
        let (n, one, many) = match self {
            Self::Days(n) if n % 7 == 0 => (n / 7, "week", "weeks"),
            Self::Days(n) => (n, "day", "days"),
            Self::Months(n) if n % 12 == 0 => (n / 12, "year", "years"),
            Self::Months(n) => (n, "month", "months"),
        };
        if n == 1 {
            one.to_owned()
        } else {
            format!("{n} {many}")
        }
    }
}

impl std::fmt::Display for Interval {
    /// The canonical text: the name where there is one, else the largest
    /// unit that divides it (`2w`, not `14d`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some((name, _)) = Self::NAMED.iter().find(|(_, i)| i == self) {
            return f.write_str(name);
        }
        match *self {
            Self::Days(n) if n % 7 == 0 => write!(f, "{}w", n / 7),
            Self::Days(n) => write!(f, "{n}d"),
            Self::Months(n) if n % 12 == 0 => write!(f, "{}y", n / 12),
            Self::Months(n) => write!(f, "{n}m"),
        }
    }
}

impl std::str::FromStr for Interval {
    type Err = IntervalError;

    /// A name (`quarterly`, also `annually`), or a whole number and a unit:
    /// `d`, `w`, `m`, `y` or the words (`90 days`, `1 week`), any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || IntervalError(text.to_owned());
        let t = text.trim().to_ascii_lowercase();
        if t == "annually" {
            return Ok(Self::Months(12));
        }
        if let Some((_, i)) = Self::NAMED.iter().find(|(name, _)| *name == t) {
            return Ok(*i);
        }
        let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(err)?;
        let (digits, unit) = t.split_at(split);
        let n: u32 = digits.parse().map_err(|_| err())?;
        let (per, unit): (u32, fn(u32) -> Self) = match unit.trim() {
            "d" | "day" | "days" => (1, Self::Days),
            "w" | "week" | "weeks" => (7, Self::Days),
            "m" | "month" | "months" => (1, Self::Months),
            "y" | "year" | "years" => (12, Self::Months),
            _ => return Err(err()),
        };
        let interval = unit(n.checked_mul(per).ok_or_else(err)?);
        match interval {
            Self::Days(1..=MAX_DAYS) | Self::Months(1..=MAX_MONTHS) => Ok(interval),
            _ => Err(err()),
        }
    }
}

/// In files as its canonical text, like dates: `every: Some("quarterly")`.
impl serde::Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Interval {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_units_and_names() {
        let cases = [
            ("90d", Interval::Days(90)),
            (" 90 days ", Interval::Days(90)),
            ("2w", Interval::Days(14)),
            ("1 week", Interval::Days(7)),
            ("3m", Interval::Months(3)),
            ("3M", Interval::Months(3)),
            ("1y", Interval::Months(12)),
            ("weekly", Interval::Days(7)),
            ("monthly", Interval::Months(1)),
            ("Quarterly", Interval::Months(3)),
            ("yearly", Interval::Months(12)),
            ("annually", Interval::Months(12)),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<Interval>(), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_interval() {
        for text in [
            "",
            "d",
            "90",
            "0d",
            "0w",
            "-3d",
            "3.5d",
            "3 fortnights",
            "36501d",
            "101y",
            "none",
            "99999999999d",
        ] {
            assert!(text.parse::<Interval>().is_err(), "{text:?}");
        }
        assert!("36500d".parse::<Interval>().is_ok());
        assert!("100y".parse::<Interval>().is_ok());
    }

    #[test]
    fn displays_canonically() {
        let cases = [
            (Interval::Days(90), "90d"),
            (Interval::Days(14), "2w"),
            (Interval::Days(7), "weekly"),
            (Interval::Days(1), "1d"),
            (Interval::Months(1), "monthly"),
            (Interval::Months(3), "quarterly"),
            (Interval::Months(6), "6m"),
            (Interval::Months(12), "yearly"),
            (Interval::Months(24), "2y"),
        ];
        for (interval, text) in cases {
            assert_eq!(interval.to_string(), text);
        }
        assert_eq!(Interval::Days(90).prose(), "90 days");
        assert_eq!(Interval::Days(14).prose(), "2 weeks");
        assert_eq!(Interval::Days(7).prose(), "week");
        assert_eq!(Interval::Months(3).prose(), "3 months");
        assert_eq!(Interval::Months(12).prose(), "year");
    }

    #[test]
    fn days_add_exactly() {
        assert_eq!(
            Interval::Days(90).after(d("2026-12-01")),
            Some(d("2027-03-01"))
        );
        assert_eq!(
            Interval::Days(7).after(d("2026-12-28")),
            Some(d("2027-01-04"))
        );
        assert_eq!(Interval::Days(1).after(NaiveDate::MAX), None);
    }

    /// Calendar months: the same day of the month, or the last day of a
    /// shorter month, across month and year ends and leap days.
    #[test]
    fn months_are_calendar_months_across_month_ends() {
        let cases = [
            ("2026-01-31", 1, "2026-02-28"),
            ("2028-01-31", 1, "2028-02-29"),
            ("2026-03-31", 1, "2026-04-30"),
            ("2026-11-30", 3, "2027-02-28"),
            ("2026-12-15", 1, "2027-01-15"),
            ("2028-02-29", 12, "2029-02-28"),
            ("2026-05-31", 3, "2026-08-31"),
        ];
        for (from, months, to) in cases {
            assert_eq!(
                Interval::Months(months).after(d(from)),
                Some(d(to)),
                "{from} + {months}m"
            );
        }
    }

    #[test]
    fn serializes_as_its_text() {
        let text = ron::to_string(&Some(Interval::Months(3))).unwrap();
        assert_eq!(text, "Some(\"quarterly\")");
        let back: Option<Interval> = ron::from_str("Some(\"2w\")").unwrap();
        assert_eq!(back, Some(Interval::Days(14)));
        let bad = ron::from_str::<Option<Interval>>("Some(\"soon\")").unwrap_err();
        assert!(
            bad.to_string().contains("`soon` is not an interval"),
            "{bad}"
        );
    }

    fn interval() -> impl Strategy<Value = Interval> {
        prop_oneof![
            (1..=MAX_DAYS).prop_map(Interval::Days),
            (1..=MAX_MONTHS).prop_map(Interval::Months),
        ]
    }

    proptest! {
        #[test]
        fn display_parses_back_to_the_same_interval(i in interval()) {
            prop_assert_eq!(i.to_string().parse::<Interval>(), Ok(i));
        }

        #[test]
        fn any_accepted_text_displays_canonically(n in 0u32..5000, unit in "d|w|m|y| days| weeks| months| years") {
            let text = format!("{n}{unit}");
            if let Ok(i) = text.parse::<Interval>() {
                let canonical = i.to_string();
                prop_assert_eq!(canonical.parse::<Interval>(), Ok(i));
                prop_assert_eq!(canonical.parse::<Interval>().map(|c| c.to_string()), Ok(canonical.clone()));
            }
        }
    }
}
