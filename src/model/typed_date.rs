//! What a person types into a date field, read with today's date in hand:
//! `2027-01-15`, `today`, `tomorrow`, `+2w` (or `2w`), `-3d`, `+1m`, `9`
//! (nine days on), `fri` or `fr` (the next Friday), `T-14` (14 days before
//! launch), `none`.
//!
//! The file, `set` and merge speak only the canonical forms ([`Due`]'s
//! text and `YYYY-MM-DD`): a typed `+2w` is turned into the day it means
//! here, once, as the person types it, so a file never holds a date that
//! moves with the day it is read. `T-14` stays relative in a due date (it
//! follows the launch); in any other date field it is the day it falls on
//! now.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::{Due, DueError, MAX_LAUNCH_OFFSET_DAYS};

/// The shapes a date field takes, for hints and errors.
pub const TYPED_DATE_HINT: &str =
    "2027-01-15, today, +2w, 9 (days), -3d, +1m, fri, T-14 (before launch), none";

/// Text a date field cannot read, with what it takes instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypedDateError {
    #[error("`{0}` is not a date: type {TYPED_DATE_HINT}")]
    NotADate(String),
    #[error(transparent)]
    Due(#[from] DueError),
    #[error("`{0}` counts from the launch, and the launch has no date yet")]
    NoLaunch(String),
    #[error("`{0}` is too far from today (at most {MAX_LAUNCH_OFFSET_DAYS} days)")]
    TooFar(String),
}

/// Reads a due date as typed: `Ok(None)` clears it. `T-14` stays relative
/// to the launch; everything else is the day it means as of `today`.
pub fn parse_due(text: &str, today: NaiveDate) -> Result<Option<Due>, TypedDateError> {
    let t = text.trim();
    if is_launch_relative(t) {
        return Ok(Some(t.parse::<Due>()?));
    }
    Ok(parse_day(t, today)?.map(Due::On))
}

/// Reads a calendar date as typed (an until date, a launch): `Ok(None)`
/// clears it; `T-14` is the day it falls on given `launch`.
pub fn parse_date(
    text: &str,
    today: NaiveDate,
    launch: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, TypedDateError> {
    let t = text.trim();
    if is_launch_relative(t) {
        let due = t.parse::<Due>()?;
        return due
            .resolve(launch)
            .map(Some)
            .ok_or_else(|| TypedDateError::NoLaunch(t.to_owned()));
    }
    parse_day(t, today)
}

/// `T`, `T-14`, `T + 7`: a count from the launch. `today`, `tue`, `thu`
/// also start with a `t`, so the letter must stand alone.
fn is_launch_relative(t: &str) -> bool {
    let mut chars = t.chars();
    matches!(chars.next(), Some('T' | 't'))
        && chars
            .find(|c| !c.is_whitespace())
            .is_none_or(|c| matches!(c, '+' | '-' | '·' | '('))
}

/// Every typed form but the launch-relative one.
fn parse_day(t: &str, today: NaiveDate) -> Result<Option<NaiveDate>, TypedDateError> {
    let lower = t.to_lowercase();
    let not_a_date = || TypedDateError::NotADate(t.to_owned());
    match lower.as_str() {
        "" | "none" | "clear" | "no date" => return Ok(None),
        "today" => return Ok(Some(today)),
        "tomorrow" => return Ok(today.succ_opt()),
        "yesterday" => return Ok(today.pred_opt()),
        _ => {}
    }
    if let Ok(date) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(Some(date));
    }
    let words = lower.strip_prefix("next ").unwrap_or(&lower).trim_start();
    if let Some(day) = weekday(words) {
        return Ok(Some(next_weekday(today, day)));
    }
    let (days_or_months, text_unit) = offset(&lower).ok_or_else(not_a_date)?;
    shift(today, days_or_months, text_unit)
        .map(Some)
        .ok_or_else(|| TypedDateError::TooFar(t.to_owned()))
}

/// The unit of an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

/// `+2w`, `-3d`, `2 weeks`, `+1m`, `+1y`, `+10` (days): the signed count
/// and its unit.
fn offset(lower: &str) -> Option<(i64, Unit)> {
    let (sign, rest) = match lower.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, lower.strip_prefix('+').unwrap_or(lower)),
    };
    let rest = rest.trim_start();
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, unit) = rest.split_at(digits_end);
    // Longer than any date arithmetic needs; `parse` would also refuse
    // more digits than an i64 holds.
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    let unit = match unit.trim() {
        "" | "d" | "day" | "days" => Unit::Days,
        "w" | "wk" | "week" | "weeks" => Unit::Weeks,
        "m" | "mo" | "month" | "months" => Unit::Months,
        "y" | "yr" | "year" | "years" => Unit::Years,
        _ => return None,
    };
    Some((sign * n, unit))
}

/// `today` moved by `n` units; months and years land on the same day of
/// the month, or the month's last day (31 January + 1 month = 28 or 29
/// February). `None` beyond [`MAX_LAUNCH_OFFSET_DAYS`] from today.
fn shift(today: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    let days = match unit {
        Unit::Days => n,
        Unit::Weeks => n.checked_mul(7)?,
        Unit::Months | Unit::Years => {
            let months = if unit == Unit::Years {
                n.checked_mul(12)?
            } else {
                n
            };
            let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
            let date = if months < 0 {
                today.checked_sub_months(m)?
            } else {
                today.checked_add_months(m)?
            };
            return within_range(today, date);
        }
    };
    if days.unsigned_abs() > u64::from(MAX_LAUNCH_OFFSET_DAYS) {
        return None;
    }
    let d = Days::new(days.unsigned_abs());
    if days < 0 {
        today.checked_sub_days(d)
    } else {
        today.checked_add_days(d)
    }
}

fn within_range(today: NaiveDate, date: NaiveDate) -> Option<NaiveDate> {
    ((date - today).num_days().unsigned_abs() <= u64::from(MAX_LAUNCH_OFFSET_DAYS)).then_some(date)
}

/// `fr`, `fri`, `friday`, `Fri.` (any case).
fn weekday(word: &str) -> Option<Weekday> {
    let word = word.trim_end_matches('.');
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    // Two letters at least: `t` and `s` name two days each, `fr`, `th`
    // and `sa` one.
    (word.len() >= 2)
        .then(|| NAMES.iter().find(|(name, _)| name.starts_with(word)))
        .flatten()
        .map(|&(_, day)| day)
}

/// The first `day` after `today`: on a Friday, `fri` is a week later —
/// `today` says today.
fn next_weekday(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (day.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today + Days::new(u64::from(ahead))
}

#[cfg(test)]
mod tests;
