//! Reviews in the window: Start review… (title, date, attendees from the
//! workbook's people with present toggles), End review… (the sign-off
//! form: decision, conditions, approver rows), the editor's decision or
//! action on the selected item while a review is open, and applying each
//! as one undoable edit ([`ReviewEdit`], queued like every other change).
//! The History panel is `review_history`.

use chrono::NaiveDate;
use egui::RichText;

use super::app::ShipshapeApp;
use super::command::Action;
use super::dialogs::{Outcome, buttons};
use super::text::clip;
use super::view::Modal;
use crate::model::{Approver, Attendee, Decision, ItemAction, Review, ReviewStart, SignOff};

/// A change to the workbook's reviews, queued by a dialog or the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewEdit {
    Start(ReviewStart),
    End(SignOff),
    Decide(ItemAction),
}

/// One person row of a dialog: name, role, and (attendees) present.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonRow {
    pub name: String,
    pub role: String,
    pub present: bool,
}

/// Start review…: the meeting's title, date and who attends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartReviewDialog {
    pub title: String,
    pub date: NaiveDate,
    pub attendees: Vec<PersonRow>,
}

impl StartReviewDialog {
    /// OK answers (not Enter: the date picker uses it); an empty title is
    /// refused. Rows without a name are left out.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<ReviewStart> {
        super::dialogs::heading(ui, "Start review");
        ui.weak("Records the verdict and every item now; End review records what changed.");
        ui.add_space(4.0);
        egui::Grid::new("start-review")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label("Title");
                ui.add(
                    egui::TextEdit::singleline(&mut self.title)
                        .hint_text("e.g. Go/no-go walkthrough")
                        .desired_width(300.0),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Date");
                ui.horizontal(|ui| {
                    let picked = super::dates::required_date_ui(
                        ui,
                        "review-date",
                        self.date,
                        self.date,
                        Some(l.id),
                    );
                    if let Some(d) = picked {
                        self.date = d;
                    }
                });
                ui.end_row();
            });
        ui.add_space(6.0);
        ui.label(RichText::new("Attendees").strong());
        people_ui(ui, "attendee", &mut self.attendees, true);
        ui.add_space(6.0);
        let outcome = ui
            .horizontal(|ui| {
                buttons(
                    ui,
                    [("Start", Outcome::Ok(())), ("Cancel", Outcome::Cancel)],
                )
            })
            .inner;
        match outcome {
            Outcome::Ok(()) if self.title.trim().is_empty() => Outcome::Open,
            outcome => outcome.map(|()| ReviewStart {
                title: self.title.trim().to_owned(),
                date: self.date,
                attendees: named(&self.attendees)
                    .map(|p| Attendee {
                        name: p.name.trim().to_owned(),
                        role: p.role.trim().to_owned(),
                        present: p.present,
                    })
                    .collect(),
            }),
        }
    }
}

/// End review…: the sign-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndReviewDialog {
    /// The open review's title and date, for the heading.
    pub review: String,
    pub decision: Decision,
    pub conditions: String,
    pub approvers: Vec<PersonRow>,
    /// The day the approvers sign.
    pub date: NaiveDate,
    /// How many items changed since the review started.
    pub changed: usize,
}

impl EndReviewDialog {
    /// OK answers; a go with conditions without them is refused, with the
    /// reason shown.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<SignOff> {
        super::dialogs::heading(ui, "End review");
        ui.label(clip(&self.review));
        ui.weak(match self.changed {
            1 => "1 item changed during the review.".to_owned(),
            n => format!("{n} items changed during the review."),
        });
        ui.add_space(6.0);
        ui.label(RichText::new("Decision").strong());
        ui.horizontal(|ui| {
            for d in Decision::ALL {
                ui.radio_value(&mut self.decision, d, d.label());
            }
        });
        let l = ui.label("Conditions");
        ui.add(
            egui::TextEdit::multiline(&mut self.conditions)
                .hint_text("What the go depends on")
                .desired_rows(2)
                .desired_width(460.0),
        )
        .labelled_by(l.id);
        let missing =
            self.decision == Decision::GoWithConditions && self.conditions.trim().is_empty();
        if missing {
            ui.colored_label(
                super::style::red_text(ui.visuals().dark_mode),
                "A go with conditions needs the conditions written down.",
            );
        }
        ui.add_space(6.0);
        ui.label(RichText::new("Approvers").strong());
        people_ui(ui, "approver", &mut self.approvers, false);
        ui.add_space(6.0);
        let outcome = ui
            .horizontal(|ui| {
                buttons(
                    ui,
                    [("Sign off", Outcome::Ok(())), ("Cancel", Outcome::Cancel)],
                )
            })
            .inner;
        match outcome {
            Outcome::Ok(()) if missing => Outcome::Open,
            outcome => outcome.map(|()| SignOff {
                decision: self.decision,
                conditions: self.conditions.trim().to_owned(),
                approvers: named(&self.approvers)
                    .map(|p| Approver {
                        name: p.name.trim().to_owned(),
                        role: p.role.trim().to_owned(),
                        date: Some(self.date),
                    })
                    .collect(),
            }),
        }
    }
}

fn named(rows: &[PersonRow]) -> impl Iterator<Item = &PersonRow> {
    rows.iter().filter(|p| !p.name.trim().is_empty())
}

/// Rows of name and role (and a Present toggle), each removable, and an
/// Add button. Widgets are labelled "`attendee 1 name`" and so on, for screen
/// readers and tests.
fn people_ui(ui: &mut egui::Ui, what: &str, rows: &mut Vec<PersonRow>, present: bool) {
    let mut remove = None;
    egui::Grid::new(format!("{what}-rows"))
        .num_columns(4)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            for (n, row) in rows.iter_mut().enumerate() {
                let number = n + 1;
                ui.add(
                    egui::TextEdit::singleline(&mut row.name)
                        .hint_text("Name")
                        .desired_width(170.0),
                )
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::TextInput,
                        true,
                        format!("{what} {number} name"),
                    )
                });
                ui.add(
                    egui::TextEdit::singleline(&mut row.role)
                        .hint_text("Role")
                        .desired_width(130.0),
                )
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::TextInput,
                        true,
                        format!("{what} {number} role"),
                    )
                });
                if present {
                    ui.checkbox(&mut row.present, "Present");
                }
                if ui.small_button("✖").on_hover_text("Remove").clicked() {
                    remove = Some(n);
                }
                ui.end_row();
            }
        });
    if let Some(n) = remove {
        rows.remove(n);
    }
    if ui.button(format!("+ Add {what}")).clicked() {
        rows.push(PersonRow {
            present: true,
            ..PersonRow::default()
        });
    }
}

/// A decision or action being typed in the editor during an open review.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionDraft {
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// The editor's section during an open review: the decisions and actions
/// recorded on `item_id`, and a form to add one.
pub fn decision_ui(
    ui: &mut egui::Ui,
    review: &Review,
    item_id: &str,
    draft: &mut ActionDraft,
    today: NaiveDate,
    queue: &mut Vec<Action>,
) {
    ui.separator();
    ui.label(RichText::new(format!("Review: {}", clip(&review.title))).strong());
    for a in review.actions.iter().filter(|a| a.item == item_id) {
        let mut line = format!("• {}", clip(&a.text));
        if !a.owner.is_empty() {
            line.push_str(&format!(" — {}", clip(&a.owner)));
        }
        if let Some(d) = a.due {
            line.push_str(&format!(", due {d}"));
        }
        ui.label(line);
    }
    let l = ui.label("Decision or action");
    ui.add(
        egui::TextEdit::multiline(&mut draft.text)
            .hint_text("What was decided, or what is to be done")
            .desired_rows(2)
            .desired_width(ui.available_width() - 12.0),
    )
    .labelled_by(l.id);
    ui.horizontal(|ui| {
        let l = ui.label("Who");
        ui.add(egui::TextEdit::singleline(&mut draft.owner).desired_width(120.0))
            .labelled_by(l.id);
        let l = ui.label("By");
        let picked =
            super::dates::optional_date_ui(ui, "action-due", draft.due, (today, None), Some(l.id));
        if let Some(d) = picked {
            draft.due = d;
        }
    });
    let ready = !draft.text.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new("Add to the review"))
        .on_hover_text("Recorded in the open review, on this item")
        .clicked()
    {
        queue.push(Action::Review(ReviewEdit::Decide(ItemAction {
            item: item_id.to_owned(),
            text: draft.text.trim().to_owned(),
            owner: draft.owner.trim().to_owned(),
            due: draft.due,
        })));
    }
}

impl ShipshapeApp {
    /// Start review…, pre-filled with the workbook's people, all present.
    pub(super) fn ask_start_review(&mut self) {
        let today = self.today();
        let Some(wb) = self.workbook() else { return };
        if let Some(open) = wb.open_review() {
            let title = clip(&open.title).into_owned();
            self.view
                .error(format!("Review “{title}” is still open: end it first."));
            return;
        }
        let attendees = wb
            .people
            .iter()
            .map(|p| PersonRow {
                name: p.name.clone(),
                role: p.role.clone(),
                present: true,
            })
            .collect();
        self.view.modal = Some(Modal::StartReview(StartReviewDialog {
            title: String::new(),
            date: today,
            attendees,
        }));
    }

    /// End review…, with the decision the last review took (if any).
    pub(super) fn ask_end_review(&mut self) {
        let today = self.today();
        let Some(wb) = self.workbook() else { return };
        let Some(open) = wb.open_review() else {
            self.view.error("No review is open: Start review… first.");
            return;
        };
        let changed = open.changes_in(wb).len();
        self.view.modal = Some(Modal::EndReview(EndReviewDialog {
            review: format!("{} ({})", open.title, open.date),
            decision: Decision::NoGo,
            conditions: String::new(),
            approvers: vec![PersonRow {
                present: true,
                ..PersonRow::default()
            }],
            date: today,
            changed,
        }));
    }

    /// Applies a review edit as one undo step; the model's refusal is shown.
    pub(super) fn apply_review_edit(&mut self, edit: ReviewEdit) {
        let Some(doc) = &mut self.doc else { return };
        let decided = matches!(edit, ReviewEdit::Decide(_));
        let mut wb = doc.workbook().clone();
        let result = match edit {
            ReviewEdit::Start(start) => wb.start_review(start).map(|_| "Review started."),
            ReviewEdit::End(sign_off) => wb.end_review(sign_off).map(|_| "Review ended."),
            ReviewEdit::Decide(action) => wb.record_action(action).map(|()| "Decision recorded."),
        };
        match result {
            Ok(note) => {
                doc.edit(|current| *current = wb);
                if decided {
                    self.view.action_draft = ActionDraft::default();
                }
                self.view.info(note);
            }
            Err(e) => self.view.error(e.to_string()),
        }
    }
}
