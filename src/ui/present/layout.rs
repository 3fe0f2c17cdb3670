//! Drawing the presenter view, sized for a 1080p projector read from 3 m:
//! the title 48 px, everything else at least 24 px. Pinned at the top: the
//! verdict, the position ("Security · 13 of 25") and the launch countdown;
//! at the bottom: the meeting clock and the keys. Status is always a word
//! with an icon, and red is said in words, so nothing rests on colour.

use chrono::NaiveDate;
use egui::{Color32, FontId, Frame, Margin, RichText};

use super::edit::{self, Editing};
use super::keys::PresentKey;
use super::walk::Step;
use super::{PresentAction, clock, position};
use crate::model::{Item, ItemField, Status, Workbook};
use crate::ui::app::ShipshapeApp;
use crate::ui::command::Action;
use crate::ui::style;
use crate::ui::text::{clip, clip_to};
use crate::ui::view::Derived;

/// The item's title.
pub const TITLE: f32 = 48.0;
/// Body text: fields, description, the pinned lines.
pub const BODY: f32 = 28.0;
/// The smallest text on screen: labels, hints, the key line.
pub const SMALL: f32 = 24.0;
/// Most characters of a description, mitigation or notes shown: the rest
/// is in the window's editor.
const LONG_TEXT: usize = 900;

pub fn body_font() -> FontId {
    FontId::proportional(BODY)
}

/// The status's icon, so it never rests on its colour.
pub fn status_icon(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "○",
        Status::InProgress => "◐",
        Status::Done => "✔",
        Status::Mitigated => "◆",
        Status::NotApplicable => "⊘",
    }
}

/// The screen's background: near black or white, for contrast on a
/// washed-out projector.
fn background(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(14)
    } else {
        Color32::WHITE
    }
}

impl ShipshapeApp {
    /// The whole window while presenting.
    pub(in crate::ui) fn present_ui(&mut self, ui: &mut egui::Ui) {
        let today = self.today();
        let ctx = ui.ctx().clone();
        self.sync_presenter(&ctx, today);
        // The clock ticks.
        ctx.request_repaint_after(std::time::Duration::from_secs(1));
        let Self {
            doc,
            view,
            queue,
            present,
            config,
            ..
        } = self;
        let (planned, minutes) = (present.planned(), present.planned_minutes());
        let red_only = present.settings.red_only;
        let (Some(doc), Some(session)) = (doc.as_ref(), present.session.as_mut()) else {
            return;
        };
        let wb = doc.workbook();
        let dark = ui.visuals().dark_mode;
        let frame = Frame::new()
            .fill(background(dark))
            .inner_margin(Margin::symmetric(40, 18));
        let shown = view.selected.as_deref().and_then(|id| wb.item(id));
        let at = view
            .selected
            .as_deref()
            .and_then(|id| position(&session.walk, id));
        let count = session.walk.len();
        egui::Panel::top("present-top").frame(frame).show(ui, |ui| {
            let place = place_text(wb, shown, at, count, red_only);
            pinned_ui(ui, &view.derived, wb, today, &place);
        });
        let reading = present
            .clock
            .read(config.clock.now(), at.unwrap_or(0), count, planned);
        let note = view.messages.last().map(|m| m.text.clone());
        egui::Panel::bottom("present-clock")
            .frame(frame)
            .show(ui, |ui| {
                clock_ui(ui, &reading, (minutes, count), note.as_deref(), queue);
            });
        egui::CentralPanel::default()
            .frame(frame.inner_margin(Margin::symmetric(56, 24)))
            .show(ui, |ui| {
                let Some(item) = shown else {
                    empty_ui(ui, red_only);
                    return;
                };
                let cx = edit::Context {
                    known_owners: &view.derived.known_owners,
                    today,
                    launch: wb.launch,
                };
                egui::ScrollArea::vertical()
                    .id_salt("present-item")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        item_ui(ui, wb, item, today, &mut session.editing, &cx, queue);
                    });
            });
    }
}

/// "Security · 13 of 25", "… · 3 of 12 red", or where an item outside
/// the walk (undo showed it) stands.
fn place_text(
    wb: &Workbook,
    shown: Option<&Item>,
    at: Option<usize>,
    count: usize,
    red_only: bool,
) -> String {
    let red = if red_only { " red" } else { "" };
    let Some(item) = shown else {
        return format!("{count}{red} items");
    };
    let category = wb
        .locate(&item.id)
        .and_then(|l| wb.categories.get(l.category))
        .map(|c| clip_to(&c.name, 40).into_owned())
        .unwrap_or_default();
    match at {
        Some(p) => format!("{category} · {} of {count}{red}", p + 1),
        None => format!("{category} · not in this walk of {count}{red}"),
    }
}

/// The pinned top line: verdict, position, countdown.
fn pinned_ui(ui: &mut egui::Ui, d: &Derived, wb: &Workbook, today: NaiveDate, place: &str) {
    ui.horizontal(|ui| {
        let (icon, fill) = if d.ready {
            ("✔", style::GREEN)
        } else {
            ("✖", style::RED)
        };
        Frame::new()
            .fill(fill)
            .corner_radius(6.0)
            .inner_margin(Margin::symmetric(16, 6))
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!("{icon} {}", clip(&d.headline)))
                        .font(FontId::new(BODY, style::bold()))
                        .color(Color32::WHITE),
                );
            });
        ui.add_space(24.0);
        ui.label(
            RichText::new(place)
                .font(FontId::new(BODY, style::bold()))
                .color(ui.visuals().strong_text_color()),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let text = match wb.launch {
                Some(launch) => format!(
                    "Launch {launch} · {}",
                    crate::ui::header::countdown(launch, today)
                ),
                None => "No launch date".to_owned(),
            };
            ui.label(RichText::new(text).size(BODY).strong());
        });
    });
}

/// One item: where it sits, its title, red or passing in words, its
/// description and fields.
fn item_ui(
    ui: &mut egui::Ui,
    wb: &Workbook,
    item: &Item,
    today: NaiveDate,
    editing: &mut Option<Editing>,
    cx: &edit::Context<'_>,
    queue: &mut Vec<Action>,
) {
    let dark = ui.visuals().dark_mode;
    ui.set_max_width(ui.available_width().min(1600.0));
    ui.label(RichText::new(&item.id).size(SMALL).weak());
    ui.add(
        egui::Label::new(
            RichText::new(clip(&item.title))
                .font(FontId::new(TITLE, style::bold()))
                .color(ui.visuals().strong_text_color()),
        )
        .wrap(),
    );
    ui.add_space(6.0);
    let (text, color) = match item.red_reason(today) {
        Some(reason) => (format!("✖ Red: {reason}"), style::red_text(dark)),
        None => ("✔ Passes".to_owned(), style::green_text(dark)),
    };
    ui.add(
        egui::Label::new(
            RichText::new(text)
                .font(FontId::new(BODY, style::bold()))
                .color(color),
        )
        .wrap(),
    );
    if let Some(due) = item.due_date(wb.launch)
        && item.is_overdue(today, wb.launch)
    {
        let days = (today - due).num_days();
        let unit = if days == 1 { "day" } else { "days" };
        ui.label(
            RichText::new(format!("⚠ Overdue {days} {unit}: was due {due}"))
                .font(FontId::new(BODY, style::bold()))
                .color(style::amber_text(dark)),
        );
    }
    if !item.description.trim().is_empty() {
        ui.add_space(8.0);
        ui.add(
            egui::Label::new(RichText::new(clip_to(&item.description, LONG_TEXT)).size(BODY))
                .wrap(),
        );
    }
    ui.add_space(16.0);
    ui.separator();
    ui.add_space(8.0);
    status_row_ui(ui, item, queue);
    for field in [
        ItemField::Owner,
        ItemField::Due,
        ItemField::MitigationText,
        ItemField::Notes,
    ] {
        ui.add_space(10.0);
        match editing {
            Some(e) if e.field == field => edit::edit_ui(ui, e, item, cx, queue),
            _ => field_ui(ui, wb, item, field, queue),
        }
    }
}

/// The five statuses as buttons, numbered like their keys; the current
/// one filled and marked.
fn status_row_ui(ui: &mut egui::Ui, item: &Item, queue: &mut Vec<Action>) {
    ui.label(RichText::new("Status").size(SMALL).weak());
    ui.horizontal_wrapped(|ui| {
        for (n, s) in Status::ALL.into_iter().enumerate() {
            let current = item.status == s;
            let mut text =
                RichText::new(format!("{} {} {}", n + 1, status_icon(s), s.label())).size(BODY);
            if current {
                text = text.color(Color32::WHITE).strong();
            }
            let mut b = egui::Button::selectable(current, text).min_size(egui::vec2(0.0, 48.0));
            if current {
                b = b.fill(style::status_fill(s));
            }
            let r = ui.add(b).on_hover_text(format!("Key {}", n + 1));
            if r.clicked() && !current {
                queue.push(Action::SetStatus(item.id.clone(), s));
            }
        }
    });
}

/// A field's label with its key, and its value (or that it has none);
/// a click on either opens the field, as its key does.
fn field_ui(
    ui: &mut egui::Ui,
    wb: &Workbook,
    item: &Item,
    field: ItemField,
    queue: &mut Vec<Action>,
) {
    let (key, empty) = match field {
        ItemField::Owner => ("O", "unassigned"),
        ItemField::Due => ("D", "no due date"),
        ItemField::MitigationText => ("M", "none"),
        _ => ("N", "no notes"),
    };
    let value = match field {
        ItemField::Due => item
            .due
            .map(|d| d.describe_resolved(wb.due_date(item)))
            .unwrap_or_default(),
        ItemField::MitigationText => mitigation_text(item),
        ItemField::Notes => last_chars(&item.notes, LONG_TEXT).to_owned(),
        _ => field.get(item),
    };
    let label = ui.label(
        RichText::new(format!("{}  ({key})", field.label()))
            .size(SMALL)
            .weak(),
    );
    let text = if value.trim().is_empty() {
        RichText::new(empty).size(BODY).weak().italics()
    } else {
        RichText::new(clip(&value)).size(BODY)
    };
    let r = ui
        .add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
        .on_hover_text(format!("Edit ({key})"));
    if r.clicked() || label.clicked() {
        queue.push(Action::Present(PresentAction::Key(PresentKey::Edit(field))));
    }
}

/// The mitigation with who accepted it and until when, when they are set.
fn mitigation_text(item: &Item) -> String {
    let m = &item.mitigation;
    let mut text = clip_to(&m.text, LONG_TEXT).into_owned();
    let by = m.accepted_by.trim();
    if !by.is_empty() {
        text.push_str(&format!("\naccepted by {by}"));
    }
    if let Some(until) = m.until {
        text.push_str(&format!(
            "{}until {until}",
            if by.is_empty() { "\n" } else { ", " }
        ));
    }
    text
}

/// The end of `text`, at most `max` characters: the latest notes matter.
fn last_chars(text: &str, max: usize) -> &str {
    let skip = text.chars().count().saturating_sub(max);
    text.char_indices()
        .nth(skip)
        .map_or("", |(i, _)| &text[i..])
}

/// No item to show: the walk is empty.
fn empty_ui(ui: &mut egui::Ui, red_only: bool) {
    ui.add_space(80.0);
    let text = if red_only {
        "✔ Nothing is red: every item passes. R shows every item."
    } else {
        "This workbook has no items."
    };
    ui.label(RichText::new(text).font(FontId::new(BODY, style::bold())));
}

/// The meeting clock, the buttons for the mouse, the keys and the last
/// message (an undo says what it undid).
fn clock_ui(
    ui: &mut egui::Ui,
    r: &clock::Reading,
    (minutes, count): (u32, usize),
    note: Option<&str>,
    queue: &mut Vec<Action>,
) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let color = if r.drift >= 60 {
            style::amber_text(dark)
        } else {
            ui.visuals().strong_text_color()
        };
        ui.label(
            RichText::new(format!(
                "{} elapsed · {} on this item · ",
                clock::clock_text(r.elapsed),
                clock::clock_text(r.on_item)
            ))
            .size(BODY),
        );
        ui.label(
            RichText::new(clock::pacing_text(r.drift))
                .font(FontId::new(BODY, style::bold()))
                .color(color),
        );
        ui.label(
            RichText::new(format!(
                " · plan {minutes} min for {count} items, {} each",
                clock::share_text(r.per_item)
            ))
            .size(BODY)
            .weak(),
        );
    });
    // The buttons for the mouse, then one label per key, so a narrow
    // window wraps between keys.
    ui.horizontal_wrapped(|ui| {
        for (text, action) in [
            (
                "◀ Back",
                PresentAction::Key(PresentKey::Step(Step::Previous)),
            ),
            ("Next ▶", PresentAction::Key(PresentKey::Step(Step::Next))),
            ("Leave", PresentAction::Leave),
        ] {
            if ui.button(RichText::new(text).size(SMALL)).clicked() {
                queue.push(Action::Present(action));
            }
        }
        ui.spacing_mut().item_spacing.x = 24.0;
        let keys = PresentKey::ALL.into_iter().chain([PresentKey::Leave]);
        for hint in keys.filter_map(PresentKey::hint) {
            ui.label(RichText::new(hint).size(SMALL).weak());
        }
    });
    if let Some(note) = note {
        ui.add(egui::Label::new(RichText::new(clip(note)).size(SMALL)).truncate());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_notes_are_kept() {
        assert_eq!(last_chars("abcdef", 3), "def");
        assert_eq!(last_chars("abc", 10), "abc");
        assert_eq!(last_chars("ééé", 2), "éé");
        assert_eq!(last_chars("", 2), "");
    }

    #[test]
    fn every_status_has_its_own_icon() {
        let icons: std::collections::HashSet<&str> =
            Status::ALL.into_iter().map(status_icon).collect();
        assert_eq!(icons.len(), Status::ALL.len());
    }
}
