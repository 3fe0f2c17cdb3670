//! Date fields you can type into: `2027-01-15`, `+2w`, `-3d`, `fri`,
//! `T-14`, `none` (read by [`crate::model::parse_due`] and
//! [`crate::model::parse_date`]), with a calendar beside for the mouse.
//!
//! The text is applied when the field loses focus (Enter, Tab, a click
//! elsewhere); Escape puts the value back. Text that is not a date stays
//! in the field, with the reason under it, and changes nothing. While the
//! field is not being edited it shows the value, so an undo, a `git pull`
//! or another item shows through. The draft lives in egui's memory under
//! the field's ID, which names the item, so it never lands on another.
//!
//! The calendar shows the month and year, steps by month (and by year),
//! and always has six week rows, so it keeps its size and place while you
//! step through the months.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::model::{Due, TYPED_DATE_HINT, TypedDateError};

/// The widths of a date field's text: a date, or `T-14` and its day.
const FIELD_WIDTH: f32 = 96.0;

/// One date field: what it shows and how it reads what is typed.
pub struct DateField<'a> {
    /// Unique among the fields on screen (include the item's ID).
    pub salt: &'a str,
    /// The value as the field shows it: canonical text, empty for none.
    pub shown: String,
    /// The day the calendar opens on (the value's day, or today).
    pub calendar_day: NaiveDate,
    pub today: NaiveDate,
    /// The label naming the field, for screen readers.
    pub label: Option<egui::Id>,
    /// Whether the date may be cleared (typing `none`, the calendar's
    /// Clear).
    pub clearable: bool,
    /// Take the keyboard focus this frame (a shortcut asked for it).
    pub focus: bool,
}

/// How much larger than the window's 14-point body text this field's
/// text is (the presenter view's fields are twice the size).
fn body_scale(ui: &egui::Ui) -> f32 {
    let size = egui::TextStyle::Body.resolve(ui.style()).size;
    (size / 14.0).max(1.0)
}

/// What a date field's user did this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entered<T> {
    Set(T),
    Cleared,
}

/// What a field remembers between frames while it is being edited.
#[derive(Debug, Clone, Default)]
struct Draft {
    text: String,
    /// Why the text was refused; it stays shown until edited or Escape.
    error: Option<String>,
    /// The month the calendar shows (its first day).
    month: Option<NaiveDate>,
}

impl DateField<'_> {
    /// The ID of the text field of the date field `salt` drawn in `ui`
    /// (to take the keyboard or select its text from outside).
    pub fn text_id(ui: &egui::Ui, salt: &str) -> egui::Id {
        ui.make_persistent_id(("date-field", salt)).with("text")
    }

    /// Whether the date field `salt` in `ui` holds typed text it refused.
    pub fn refused(ui: &egui::Ui, salt: &str) -> bool {
        let id = ui.make_persistent_id(("date-field", salt));
        ui.data(|d| d.get_temp::<Draft>(id))
            .is_some_and(|draft| draft.error.is_some())
    }

    /// The text in the date field `salt` in `ui` as typed (what it shows
    /// when nothing is being typed).
    pub fn typed(ui: &egui::Ui, salt: &str) -> Option<String> {
        let id = ui.make_persistent_id(("date-field", salt));
        ui.data(|d| d.get_temp::<Draft>(id)).map(|draft| draft.text)
    }

    /// Draws the field and its calendar button. `parse` reads typed text
    /// (`Ok(None)` clears); `pick` turns a day picked on the calendar into
    /// a value.
    pub fn ui<T>(
        self,
        ui: &mut egui::Ui,
        parse: impl Fn(&str) -> Result<Option<T>, TypedDateError>,
        pick: impl Fn(NaiveDate) -> T,
    ) -> Option<Entered<T>> {
        let id = ui.make_persistent_id(("date-field", self.salt));
        let text_id = id.with("text");
        let mut draft: Draft = ui.data(|d| d.get_temp(id)).unwrap_or_default();
        let editing = ui.memory(|m| m.has_focus(text_id));
        if !editing && draft.error.is_none() {
            draft.text.clone_from(&self.shown);
        }
        let mut out = None;
        ui.horizontal(|ui| {
            let mut edit = egui::TextEdit::singleline(&mut draft.text)
                .id(text_id)
                .hint_text(if self.clearable { "none" } else { "YYYY-MM-DD" })
                .desired_width(FIELD_WIDTH * body_scale(ui));
            if draft.error.is_some() {
                edit = edit.text_color(ui.visuals().error_fg_color);
            }
            let mut r = ui.add(edit).on_hover_text(TYPED_DATE_HINT);
            if let Some(label) = self.label {
                r = r.labelled_by(label);
            }
            if self.focus {
                // `D` then `fri` replaces the date the field shows.
                r.request_focus();
                super::cursor::place(ui.ctx(), text_id, draft.text.chars().count(), true);
            }
            if r.changed() {
                draft.error = None;
            }
            if r.lost_focus() {
                out = self.commit(ui, &mut draft, &parse);
            }
            if let Some(picked) = self.calendar_ui(ui, &mut draft) {
                draft.error = None;
                out = match picked {
                    Some(day) => Some(Entered::Set(pick(day))),
                    None => Some(Entered::Cleared),
                };
            }
        });
        if let Some(error) = &draft.error {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("⚠ {error}"))
                        .small()
                        .color(ui.visuals().error_fg_color),
                )
                .wrap(),
            );
        }
        ui.data_mut(|d| d.insert_temp(id, draft));
        out
    }

    /// The field lost focus: Escape puts the value back; changed text is
    /// read, and kept with the reason when it is not a date.
    fn commit<T>(
        &self,
        ui: &egui::Ui,
        draft: &mut Draft,
        parse: &impl Fn(&str) -> Result<Option<T>, TypedDateError>,
    ) -> Option<Entered<T>> {
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            draft.text.clone_from(&self.shown);
            draft.error = None;
            return None;
        }
        if draft.text.trim() == self.shown.trim() {
            draft.error = None;
            return None;
        }
        match parse(&draft.text) {
            Ok(Some(value)) => Some(Entered::Set(value)),
            Ok(None) if self.clearable => Some(Entered::Cleared),
            Ok(None) => {
                draft.error = Some("a date is needed here".to_owned());
                None
            }
            Err(e) => {
                draft.error = Some(e.to_string());
                None
            }
        }
    }

    /// The calendar button and, when open, the month. Returns a picked
    /// day, or `Some(None)` for Clear.
    fn calendar_ui(&self, ui: &mut egui::Ui, draft: &mut Draft) -> Option<Option<NaiveDate>> {
        let button = ui
            .add(egui::Button::new("▦").small())
            .on_hover_text("Pick on a calendar");
        button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Calendar"));
        super::a11y::calendar_button(&button, self.label);
        if button.clicked() {
            draft.month = Some(first_of_month(self.calendar_day));
        }
        let mut out = None;
        egui::Popup::from_toggle_button_response(&button)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .align(egui::RectAlign::BOTTOM_START)
            .align_alternatives(&[egui::RectAlign::TOP_START])
            .show(|ui| {
                let month = draft
                    .month
                    .get_or_insert_with(|| first_of_month(self.calendar_day));
                out = month_ui(ui, month, self);
                if out.is_some() {
                    egui::Popup::close_all(ui.ctx());
                }
            });
        out
    }
}

/// One month: its name and year between the steps, six week rows of days
/// (Monday first), Today and Clear.
fn month_ui(
    ui: &mut egui::Ui,
    month: &mut NaiveDate,
    field: &DateField<'_>,
) -> Option<Option<NaiveDate>> {
    let mut out = None;
    ui.horizontal(|ui| {
        let step = |ui: &mut egui::Ui, text: &str, hover: &str| {
            ui.add(egui::Button::new(text).small())
                .on_hover_text(hover)
                .clicked()
        };
        if step(ui, "«", "Previous year") {
            *month = add_months(*month, -12);
        }
        if step(ui, "‹", "Previous month") {
            *month = add_months(*month, -1);
        }
        ui.add_sized(
            [120.0, 18.0],
            egui::Label::new(egui::RichText::new(month.format("%B %Y").to_string()).strong()),
        );
        if step(ui, "›", "Next month") {
            *month = add_months(*month, 1);
        }
        if step(ui, "»", "Next year") {
            *month = add_months(*month, 12);
        }
    });
    let selected = field.shown.parse::<Due>().ok().and_then(|d| match d {
        Due::On(day) => Some(day),
        Due::FromLaunch(_) => None,
    });
    egui::Grid::new((field.salt, "month"))
        .spacing([2.0, 2.0])
        .show(ui, |ui| {
            for name in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] {
                ui.weak(name);
            }
            ui.end_row();
            for day in month_grid(*month) {
                let in_month = day.month() == month.month();
                let mut text = egui::RichText::new(day.day().to_string());
                if !in_month {
                    text = text.weak();
                }
                if day == field.today {
                    text = text.strong().underline();
                }
                let r = ui
                    .add(
                        egui::Button::selectable(selected == Some(day), text)
                            .min_size(egui::vec2(26.0, 20.0)),
                    )
                    .on_hover_text(day.format("%A %-d %B %Y").to_string());
                if r.clicked() {
                    out = Some(Some(day));
                }
                if day.weekday() == Weekday::Sun {
                    ui.end_row();
                }
            }
        });
    ui.horizontal(|ui| {
        if ui.button("Today").clicked() {
            out = Some(Some(field.today));
        }
        if field.clearable && ui.button("Clear").clicked() {
            out = Some(None);
        }
    });
    out
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// `month` moved by `n` months, staying put at chrono's limits.
fn add_months(month: NaiveDate, n: i32) -> NaiveDate {
    let m = Months::new(n.unsigned_abs());
    if n < 0 {
        month.checked_sub_months(m)
    } else {
        month.checked_add_months(m)
    }
    .unwrap_or(month)
}

/// The 42 days the calendar shows for `month`: from the Monday on or
/// before its first day, six weeks, whatever the month's length.
fn month_grid(month: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let first = first_of_month(month);
    let back = u64::from(first.weekday().num_days_from_monday());
    let start = first
        .checked_sub_days(chrono::Days::new(back))
        .unwrap_or(first);
    start.iter_days().take(42)
}

/// A due date's field: `T-14` stays relative to the launch (shown with
/// its day beside), anything else is a day. Returns the text form to set
/// (empty to clear).
pub fn due_ui(
    ui: &mut egui::Ui,
    salt: &str,
    (due, launch): (Option<Due>, Option<NaiveDate>),
    today: NaiveDate,
    (label, focus): (Option<egui::Id>, bool),
) -> Option<String> {
    let day = due.and_then(|d| d.resolve(launch));
    let field = DateField {
        salt,
        shown: due.map(|d| d.to_string()).unwrap_or_default(),
        calendar_day: day.unwrap_or(today),
        today,
        label,
        clearable: true,
        focus,
    };
    let entered = field.ui(ui, |text| crate::model::parse_due(text, today), Due::On);
    // The day a relative due falls on; the weekday of a date.
    match (due, day) {
        (Some(Due::FromLaunch(_)), Some(d)) => ui.weak(format!("= {d}")),
        (Some(Due::FromLaunch(_)), None) => ui.weak("(no launch date)"),
        (Some(Due::On(d)), _) => ui.weak(d.format("%a").to_string()),
        (None, _) => ui.weak(""),
    };
    entered.map(|e| match e {
        Entered::Set(d) => d.to_string(),
        Entered::Cleared => String::new(),
    })
}

/// A calendar date (an until date, a launch, a review). `T-14` typed here
/// is the day it falls on given `launch`. Returns the new value.
pub fn optional_date_ui(
    ui: &mut egui::Ui,
    salt: &str,
    value: Option<NaiveDate>,
    (today, launch): (NaiveDate, Option<NaiveDate>),
    label: Option<egui::Id>,
) -> Option<Option<NaiveDate>> {
    let field = DateField {
        salt,
        shown: crate::model::date_text(value),
        calendar_day: value.unwrap_or(today),
        today,
        label,
        clearable: true,
        focus: false,
    };
    let entered = field.ui(
        ui,
        |text| crate::model::parse_date(text, today, launch),
        |d| d,
    );
    entered.map(|e| match e {
        Entered::Set(d) => Some(d),
        Entered::Cleared => None,
    })
}

/// A date that must be set (the day a report is judged as of).
pub fn required_date_ui(
    ui: &mut egui::Ui,
    salt: &str,
    value: NaiveDate,
    today: NaiveDate,
    label: Option<egui::Id>,
) -> Option<NaiveDate> {
    let field = DateField {
        salt,
        shown: crate::model::date_text(Some(value)),
        calendar_day: value,
        today,
        label,
        clearable: false,
        focus: false,
    };
    match field.ui(
        ui,
        |text| crate::model::parse_date(text, today, None),
        |d| d,
    )? {
        Entered::Set(d) => Some(d),
        Entered::Cleared => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_shows_six_weeks_from_a_monday() {
        // February 2027 starts on a Monday and fills four rows; August
        // 2027 starts on a Sunday and spans six.
        for (y, m) in [(2027, 2), (2027, 8), (2026, 12)] {
            let month = NaiveDate::from_ymd_opt(y, m, 1).unwrap();
            let days: Vec<_> = month_grid(month).collect();
            assert_eq!(days.len(), 42);
            assert_eq!(days[0].weekday(), Weekday::Mon);
            assert!(days[0] <= month && month < days[7]);
        }
    }

    #[test]
    fn months_step_and_stay_put_at_the_limits() {
        let jan = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(
            add_months(jan, -1),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert_eq!(
            add_months(jan, 12),
            NaiveDate::from_ymd_opt(2028, 1, 1).unwrap()
        );
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
    }
}
