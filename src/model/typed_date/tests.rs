use chrono::NaiveDate;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Wednesday 2 December 2026.
fn today() -> NaiveDate {
    d(2026, 12, 2)
}

fn due(text: &str) -> Option<Due> {
    parse_due(text, today()).unwrap()
}

#[test]
fn calendar_dates_read_as_themselves() {
    assert_eq!(due("2027-01-15"), Some(Due::On(d(2027, 1, 15))));
    assert_eq!(due("  2027-01-15 "), Some(Due::On(d(2027, 1, 15))));
    assert!(parse_due("2027-02-30", today()).is_err());
}

#[test]
fn words_for_nearby_days() {
    assert_eq!(due("today"), Some(Due::On(today())));
    assert_eq!(due("Tomorrow"), Some(Due::On(d(2026, 12, 3))));
    assert_eq!(due("yesterday"), Some(Due::On(d(2026, 12, 1))));
}

#[test]
fn offsets_count_from_today() {
    assert_eq!(due("+2w"), Some(Due::On(d(2026, 12, 16))));
    assert_eq!(due("-3d"), Some(Due::On(d(2026, 11, 29))));
    assert_eq!(due("+10"), Some(Due::On(d(2026, 12, 12))));
    assert_eq!(due("3 days"), Some(Due::On(d(2026, 12, 5))));
    assert_eq!(due("+ 1 week"), Some(Due::On(d(2026, 12, 9))));
    assert_eq!(due("+1m"), Some(Due::On(d(2027, 1, 2))));
    assert_eq!(due("-1 month"), Some(Due::On(d(2026, 11, 2))));
    assert_eq!(due("+1y"), Some(Due::On(d(2027, 12, 2))));
    assert_eq!(due("-2y"), Some(Due::On(d(2024, 12, 2))));
}

#[test]
fn a_month_later_than_the_31st_is_the_months_last_day() {
    let jan31 = d(2027, 1, 31);
    assert_eq!(
        parse_due("+1m", jan31).unwrap(),
        Some(Due::On(d(2027, 2, 28)))
    );
}

#[test]
fn weekdays_are_the_next_one_after_today() {
    // Today is a Wednesday.
    assert_eq!(due("fri"), Some(Due::On(d(2026, 12, 4))));
    assert_eq!(due("Friday"), Some(Due::On(d(2026, 12, 4))));
    assert_eq!(due("next fri"), Some(Due::On(d(2026, 12, 4))));
    assert_eq!(due("thu"), Some(Due::On(d(2026, 12, 3))));
    assert_eq!(due("tue."), Some(Due::On(d(2026, 12, 8))));
    assert_eq!(due("mon"), Some(Due::On(d(2026, 12, 7))));
    assert_eq!(due("sun"), Some(Due::On(d(2026, 12, 6))));
    // On the day itself: a week later ("today" says today).
    assert_eq!(due("wed"), Some(Due::On(d(2026, 12, 9))));
    assert_eq!(due("saturday"), Some(Due::On(d(2026, 12, 5))));
    // Two letters are enough (`fr`, `th`: the walk's short due dates);
    // one names two days (or, `t`, the launch).
    assert_eq!(due("fr"), Some(Due::On(d(2026, 12, 4))));
    assert_eq!(due("th"), Some(Due::On(d(2026, 12, 3))));
    assert_eq!(due("tu"), Some(Due::On(d(2026, 12, 8))));
    assert_eq!(due("Sa"), Some(Due::On(d(2026, 12, 5))));
    assert!(parse_due("s", today()).is_err());
    assert_eq!(due("t"), Some(Due::FromLaunch(0)));
}

#[test]
fn launch_relative_dues_stay_relative() {
    assert_eq!(due("T-14"), Some(Due::FromLaunch(-14)));
    assert_eq!(due("t + 7"), Some(Due::FromLaunch(7)));
    assert_eq!(due("T"), Some(Due::FromLaunch(0)));
    assert_eq!(due("T-14 · 2027-01-17"), Some(Due::FromLaunch(-14)));
    assert!(matches!(
        parse_due("T-x", today()),
        Err(TypedDateError::Due(_))
    ));
}

#[test]
fn a_bare_number_counts_days_and_a_bare_unit_needs_no_plus() {
    assert_eq!(due("9"), Some(Due::On(d(2026, 12, 11))));
    assert_eq!(due("2w"), Some(Due::On(d(2026, 12, 16))));
    assert_eq!(due("1m"), Some(Due::On(d(2027, 1, 2))));
}

#[test]
fn none_and_empty_clear() {
    for text in ["", "  ", "none", "None", "clear", "no date"] {
        assert_eq!(due(text), None, "{text:?}");
    }
}

#[test]
fn what_is_not_a_date_says_what_is() {
    for text in [
        "frday",
        "soon",
        "2w3",
        "+",
        "-",
        "+2x",
        "+1234567d",
        "14/01/2027",
        "t14",
    ] {
        let err = parse_due(text, today()).unwrap_err();
        assert!(
            err.to_string().contains("+2w") || matches!(err, TypedDateError::Due(_)),
            "{text:?}: {err}"
        );
    }
    assert_eq!(
        parse_due("soon", today()).unwrap_err(),
        TypedDateError::NotADate("soon".into())
    );
}

#[test]
fn offsets_beyond_the_limit_are_refused() {
    let limit = i64::from(MAX_LAUNCH_OFFSET_DAYS);
    assert_eq!(
        due(&format!("+{limit}d")),
        Some(Due::On(today() + chrono::Days::new(10_000)))
    );
    assert_eq!(
        parse_due(&format!("+{}d", limit + 1), today()),
        Err(TypedDateError::TooFar(format!("+{}d", limit + 1)))
    );
    assert_eq!(
        parse_due(&format!("-{}d", limit + 1), today()),
        Err(TypedDateError::TooFar(format!("-{}d", limit + 1)))
    );
    assert!(matches!(
        parse_due("+1500w", today()),
        Err(TypedDateError::TooFar(_))
    ));
    assert!(matches!(
        parse_due("+400m", today()),
        Err(TypedDateError::TooFar(_))
    ));
    assert!(matches!(
        parse_due("-28y", today()),
        Err(TypedDateError::TooFar(_))
    ));
    assert!(parse_due("+27y", today()).is_ok());
    // Six digits are a count, only too far; seven are not a date at all.
    assert_eq!(
        parse_due("+100000d", today()),
        Err(TypedDateError::TooFar("+100000d".into()))
    );
    assert!(matches!(
        parse_due("+1000000d", today()),
        Err(TypedDateError::NotADate(_))
    ));
}

#[test]
fn plain_dates_resolve_launch_relative_forms() {
    let launch = Some(d(2027, 3, 1));
    assert_eq!(
        parse_date("T-14", today(), launch),
        Ok(Some(d(2027, 2, 15)))
    );
    assert_eq!(parse_date("T+7", today(), launch), Ok(Some(d(2027, 3, 8))));
    assert_eq!(
        parse_date("T-14", today(), None),
        Err(TypedDateError::NoLaunch("T-14".into()))
    );
    assert_eq!(parse_date("fri", today(), None), Ok(Some(d(2026, 12, 4))));
    assert_eq!(parse_date("none", today(), launch), Ok(None));
    assert_eq!(
        parse_date("2027-01-15", today(), None),
        Ok(Some(d(2027, 1, 15)))
    );
}

#[test]
fn every_canonical_due_reads_back_as_itself() {
    for due in [
        Due::On(d(2027, 1, 15)),
        Due::FromLaunch(-14),
        Due::FromLaunch(0),
        Due::FromLaunch(7),
    ] {
        assert_eq!(parse_due(&due.to_string(), today()), Ok(Some(due)));
    }
}
