//! Date widgets: egui_extras' picker (which speaks jiff dates) for an
//! optional date, and the due date's picker with its relative-to-launch
//! field (`T-14`).

use chrono::{Datelike, NaiveDate};
use egui_extras::DatePickerButton;

use crate::model::{Due, FieldKind};

pub fn to_jiff(date: NaiveDate) -> Option<jiff::civil::Date> {
    let year = i16::try_from(date.year()).ok()?;
    jiff::civil::Date::new(year, date.month() as i8, date.day() as i8).ok()
}

pub fn from_jiff(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

/// A date picker for an optional date; `None` shows "not set". Returns the
/// new value when the user saved a pick or cleared the date.
pub fn optional_date_ui(
    ui: &mut egui::Ui,
    salt: &str,
    value: Option<NaiveDate>,
    fallback: NaiveDate,
) -> Option<Option<NaiveDate>> {
    let mut out = None;
    let mut scratch = value
        .or(Some(fallback))
        .and_then(to_jiff)
        .unwrap_or_else(|| jiff::civil::date(2026, 1, 1));
    let format = if value.is_some() {
        "%Y-%m-%d"
    } else {
        "not set"
    };
    let r = ui.add(
        DatePickerButton::new(&mut scratch)
            .id_salt(salt)
            .format(format)
            .show_icon(false)
            .combo_boxes(false)
            .calendar_week(false),
    );
    if r.changed() {
        out = from_jiff(scratch).map(Some);
    }
    if value.is_some()
        && ui
            .small_button("✖")
            .on_hover_text("Clear the date")
            .clicked()
    {
        out = Some(None);
    }
    out
}

/// A due date: a picker for a day (a relative due shows its form and day
/// on it, "T-14 · 2027-01-17"; picking a day makes it absolute), a button
/// to clear it, and a field `typed` for a due relative to launch, applied
/// when it loses focus. Returns the text form to set, if any.
pub fn due_ui(
    ui: &mut egui::Ui,
    salt: &str,
    (due, launch): (Option<Due>, Option<NaiveDate>),
    today: NaiveDate,
    typed: &mut String,
) -> Option<String> {
    let shown = match due {
        None => "not set".to_owned(),
        Some(Due::On(_)) => "%Y-%m-%d".to_owned(),
        // The picker's format: `%` would start a directive.
        Some(rel) => rel.describe(launch).replace('%', ""),
    };
    let mut scratch = due
        .and_then(|d| d.resolve(launch))
        .or(Some(today))
        .and_then(to_jiff)
        .unwrap_or_else(|| jiff::civil::date(2026, 1, 1));
    let r = ui.add(
        DatePickerButton::new(&mut scratch)
            .id_salt(salt)
            .format(shown)
            .show_icon(false)
            .combo_boxes(false)
            .calendar_week(false),
    );
    let mut picked = r
        .changed()
        .then(|| from_jiff(scratch).map(|d| Due::On(d).to_string()))
        .flatten();
    if due.is_some()
        && ui
            .small_button("✖")
            .on_hover_text("Clear the due date")
            .clicked()
    {
        picked = Some(String::new());
    }
    let l = ui.weak("or relative");
    let t = ui
        .add(
            egui::TextEdit::singleline(typed)
                .hint_text("T-14")
                .desired_width(56.0),
        )
        .labelled_by(l.id)
        .on_hover_text(FieldKind::Due.hint());
    if t.lost_focus() && !typed.trim().is_empty() {
        picked = Some(typed.trim().to_owned());
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_both_ways() {
        let d = NaiveDate::from_ymd_opt(2027, 2, 28).unwrap();
        assert_eq!(from_jiff(to_jiff(d).unwrap()), Some(d));
        assert_eq!(to_jiff(NaiveDate::from_ymd_opt(40000, 1, 1).unwrap()), None);
    }
}
