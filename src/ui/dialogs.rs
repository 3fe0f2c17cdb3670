//! The small dialogs, each a struct that holds its scratch values and draws
//! itself with `ui(&mut self, ui) -> Outcome`. A dialog knows nothing of the
//! app: the app opens it with the values to edit and decides what its
//! outcome means (`root.rs`, `modal_ui`), so Cancel costs nothing and OK is
//! one queued action. Tests drive a dialog alone with
//! `Harness::new_ui_state`.
//!
//! Here: the text prompts, the item's title and description, the project
//! and dates, and "Save changes?". The path field is in `file_dialog`,
//! Export PDF and Share… in `export`, a conflict's own value in `conflicts`.

use chrono::NaiveDate;

use super::command::GuardAnswer;
use super::text::{DialogText, clip, clip_to, read_only_ui};

/// What the user did with a dialog this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T = ()> {
    /// Nothing yet: keep showing it.
    Open,
    /// OK (or Enter), with the dialog's answer.
    Ok(T),
    /// Cancel, Escape or a click outside the dialog.
    Cancel,
}

impl<T> Outcome<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Self::Open => Outcome::Open,
            Self::Ok(value) => Outcome::Ok(f(value)),
            Self::Cancel => Outcome::Cancel,
        }
    }
}

/// Shows `body` as the window's modal dialog; Escape or a click outside it
/// is [`Outcome::Cancel`].
pub fn show<T>(ctx: &egui::Context, body: impl FnOnce(&mut egui::Ui) -> Outcome<T>) -> Outcome<T> {
    ctx.data_mut(|d| d.remove_temp::<String>(heading_key()));
    // The modal's area, and so its dialog node, has this ID.
    let id = egui::Id::unique("shipshape-modal");
    let response = egui::Modal::new(id).show(ctx, |ui| {
        ui.set_max_width(520.0);
        body(ui)
    });
    // The dialog is named by its heading, as a screen reader expects.
    if let Some(name) = ctx.data_mut(|d| d.remove_temp::<String>(heading_key())) {
        ctx.accesskit_node_builder(id, |node| node.set_label(name));
    }
    // Asked every frame: it consumes the Escape key.
    let dismissed = response.should_close();
    match response.inner {
        Outcome::Open if dismissed => Outcome::Cancel,
        outcome => outcome,
    }
}

fn heading_key() -> egui::Id {
    egui::Id::unique("shipshape-dialog-heading")
}

/// A dialog's heading, which also names the dialog for a screen reader.
pub fn heading(ui: &mut egui::Ui, text: impl Into<String>) -> egui::Response {
    let text = text.into();
    let r = ui.heading(text.as_str());
    ui.data_mut(|d| {
        if d.get_temp::<String>(heading_key()).is_none() {
            d.insert_temp(heading_key(), text);
        }
    });
    r
}

/// One line of text to ask for: a category's name, a new item's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPrompt {
    heading: String,
    label: &'static str,
    hint: &'static str,
    pub text: String,
}

impl TextPrompt {
    pub fn new(heading: impl Into<String>, label: &'static str, hint: &'static str) -> Self {
        Self {
            heading: heading.into(),
            label,
            hint,
            text: String::new(),
        }
    }

    /// The prompt with `text` to edit.
    pub fn with_text(self, text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..self
        }
    }

    /// OK or Enter answers the text as typed; empty text is refused.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<String> {
        heading(ui, self.heading.clone());
        let outcome = text_prompt(ui, self.label, &mut self.text, self.hint);
        refuse_empty(outcome, &self.text).map(|()| self.text.clone())
    }
}

/// An item's title and description (its ID stays). A text too long to
/// edit is shown cut and kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemTextDialog {
    pub id: String,
    pub title: DialogText,
    pub description: DialogText,
}

impl ItemTextDialog {
    /// OK, or Enter in the title, answers; an empty title is refused.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome {
        heading(ui, "Edit item");
        ui.weak(format!("ID {} stays the same.", clip(&self.id)));
        let enter = match &mut self.title {
            DialogText::Edit(title) => prompt_field(ui, "Title", title, ""),
            DialogText::Keep { shown, bytes } => {
                read_only_ui(ui, "Title", shown, *bytes);
                false
            }
        };
        match &mut self.description {
            DialogText::Edit(description) => {
                let l = ui.label("Description");
                ui.add(
                    egui::TextEdit::multiline(description)
                        .hint_text("What done means for this item")
                        .desired_rows(4)
                        .desired_width(460.0),
                )
                .labelled_by(l.id);
            }
            DialogText::Keep { shown, bytes } => read_only_ui(ui, "Description", shown, *bytes),
        }
        let outcome = match ok_cancel(ui) {
            Outcome::Open if enter => Outcome::Ok(()),
            outcome => outcome,
        };
        match self.title.edited() {
            Some(title) => refuse_empty(outcome, title),
            None => outcome,
        }
    }
}

/// The project's name, launch date and review date. A name too long to
/// edit is shown cut and kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookDialog {
    pub project: DialogText,
    pub launch: Option<NaiveDate>,
    pub review: Option<NaiveDate>,
    /// Where the date pickers open when a date is not set.
    pub today: NaiveDate,
}

impl WorkbookDialog {
    /// OK answers (not Enter: the date pickers use it); an empty project
    /// name is refused.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome {
        heading(ui, "Project and dates");
        let today = self.today;
        egui::Grid::new("workbook-fields")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                match &mut self.project {
                    DialogText::Edit(project) => {
                        let l = ui.label("Project");
                        let r = ui
                            .add(egui::TextEdit::singleline(project).desired_width(300.0))
                            .labelled_by(l.id);
                        take_focus_first(ui, &r);
                    }
                    DialogText::Keep { shown, bytes } => {
                        ui.label("Project");
                        ui.vertical(|ui| read_only_ui(ui, "Project name", shown, *bytes));
                    }
                }
                ui.end_row();
                let l = ui.label("Launch date");
                ui.horizontal(|ui| {
                    let launch = (today, self.launch);
                    if let Some(d) = super::dates::optional_date_ui(
                        ui,
                        "wb-launch",
                        self.launch,
                        launch,
                        Some(l.id),
                    ) {
                        self.launch = d;
                    }
                });
                ui.end_row();
                let l = ui.label("Review date");
                ui.horizontal(|ui| {
                    let launch = (today, self.launch);
                    if let Some(d) = super::dates::optional_date_ui(
                        ui,
                        "wb-review",
                        self.review,
                        launch,
                        Some(l.id),
                    ) {
                        self.review = d;
                    }
                    if self.review.is_none() {
                        ui.weak("four weeks before launch");
                    }
                });
                ui.end_row();
            });
        ui.add_space(6.0);
        let outcome = ui
            .horizontal(|ui| buttons(ui, [("OK", Outcome::Ok(())), ("Cancel", Outcome::Cancel)]))
            .inner;
        match self.project.edited() {
            Some(project) => refuse_empty(outcome, project),
            None => outcome,
        }
    }
}

/// "Save changes?" before the workbook closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsavedChanges {
    pub project: String,
    /// The file's name as the user knows it.
    pub file: String,
}

impl UnsavedChanges {
    /// Save or Discard; Cancel (or Escape) keeps the workbook open.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<GuardAnswer> {
        heading(ui, format!("Save changes to “{}”?", self.project));
        ui.label(format!(
            "The workbook ({}) has changes that are not saved.",
            self.file
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            buttons(
                ui,
                [
                    ("Save", Outcome::Ok(GuardAnswer::Save)),
                    ("Discard", Outcome::Ok(GuardAnswer::Discard)),
                    ("Cancel", Outcome::Cancel),
                ],
            )
        })
        .inner
    }
}

/// "Remove this item?" before Delete removes an item someone has
/// answered. Remove is the default (Enter); Cancel or Escape keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoveItemDialog {
    pub id: String,
    pub title: String,
    /// What would go with it: "status, owner, notes".
    pub answers: String,
}

impl RemoveItemDialog {
    pub fn new(item: &crate::model::Item, answers: &[crate::model::ItemField]) -> Self {
        let answers: Vec<&str> = answers.iter().map(|f| f.noun()).collect();
        Self {
            id: item.id.clone(),
            title: clip_to(&item.title, super::text::MAX_TITLE_CHARS).into_owned(),
            answers: answers.join(", "),
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome {
        heading(ui, format!("Remove “{}”?", self.title));
        ui.label(format!(
            "It has answers ({}) that go with it. Undo (Ctrl+Z) brings it back.",
            self.answers
        ));
        ui.add_space(8.0);
        let mut outcome = ui
            .horizontal(|ui| {
                let remove = ui.button("Remove");
                // The default button: focused, so Enter (and Space) press it.
                if ui.memory(|m| m.focused().is_none()) {
                    remove.request_focus();
                }
                let cancel = ui.button("Cancel");
                if remove.clicked() {
                    Outcome::Ok(())
                } else if cancel.clicked() {
                    Outcome::Cancel
                } else {
                    Outcome::Open
                }
            })
            .inner;
        if outcome == Outcome::Open && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            outcome = Outcome::Ok(());
        }
        outcome
    }
}

/// An OK with nothing typed stays open.
pub fn refuse_empty(outcome: Outcome, text: &str) -> Outcome {
    match outcome {
        Outcome::Ok(()) if text.trim().is_empty() => Outcome::Open,
        outcome => outcome,
    }
}

/// A labelled one-line field with OK and Cancel; Enter is OK.
pub fn text_prompt(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) -> Outcome {
    let enter = prompt_field(ui, label, text, hint);
    match ok_cancel(ui) {
        Outcome::Open if enter => Outcome::Ok(()),
        outcome => outcome,
    }
}

/// A labelled one-line field that takes the focus when the dialog opens;
/// returns whether Enter was pressed in it.
fn prompt_field(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) -> bool {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let r = ui
            .add(
                egui::TextEdit::singleline(text)
                    .hint_text(hint)
                    .desired_width(380.0),
            )
            .labelled_by(l.id);
        take_focus_first(ui, &r);
        r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
    })
    .inner
}

/// A dialog's first field takes the keyboard when the dialog opens (and
/// whenever nothing has it), so typing starts at once.
pub fn take_focus_first(ui: &egui::Ui, field: &egui::Response) {
    if !field.has_focus() && !field.lost_focus() && ui.memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
}

/// OK and Cancel buttons.
pub fn ok_cancel(ui: &mut egui::Ui) -> Outcome {
    ui.add_space(6.0);
    ui.horizontal(|ui| buttons(ui, [("OK", Outcome::Ok(())), ("Cancel", Outcome::Cancel)]))
        .inner
}

/// A row of buttons; the outcome of the one clicked. The first is the
/// default: drawn filled, and pressed by Enter when no widget has the
/// keyboard — which includes a one-line field that Enter just left, so
/// Enter in a dialog's field answers it. (A focused button takes Enter
/// itself; a multi-line field keeps it for a new line.)
pub fn buttons<T, L: Into<egui::WidgetText>, const N: usize>(
    ui: &mut egui::Ui,
    buttons: [(L, Outcome<T>); N],
) -> Outcome<T> {
    let mut outcome = Outcome::Open;
    let mut default = None;
    for (i, (label, answer)) in buttons.into_iter().enumerate() {
        let r = if i == 0 {
            let button =
                egui::Button::new(label.into().strong()).fill(ui.visuals().selection.bg_fill);
            ui.add(button).on_hover_text("Enter")
        } else {
            ui.button(label)
        };
        if r.clicked() {
            outcome = answer;
        } else if i == 0 {
            default = Some(answer);
        }
    }
    let enter =
        ui.input(|i| i.key_pressed(egui::Key::Enter)) && ui.memory(|m| m.focused().is_none());
    match (outcome, default) {
        (Outcome::Open, Some(default)) if enter => default,
        (outcome, _) => outcome,
    }
}

/// Drives one dialog the way the window shows it, for tests.
#[cfg(test)]
pub mod testing {
    use egui_kittest::Harness;

    use super::{Outcome, show};

    /// A dialog on screen and its first answer.
    pub struct Shown<D, T> {
        pub dialog: D,
        /// `None` while the dialog is still open.
        pub answer: Option<Outcome<T>>,
        fonts: bool,
    }

    /// A harness showing `dialog` as a modal until it answers.
    pub fn harness<D: 'static, T: 'static>(
        dialog: D,
        ui: fn(&mut D, &mut egui::Ui) -> Outcome<T>,
    ) -> Harness<'static, Shown<D, T>> {
        let shown = Shown {
            dialog,
            answer: None,
            fonts: false,
        };
        let mut h = Harness::builder().build_ui_state(
            move |egui_ui, shown: &mut Shown<D, T>| {
                // The app's fonts, as the window has them (the date
                // fields' ▦); they apply from the next pass.
                if !shown.fonts {
                    crate::ui::style::install_fonts(egui_ui.ctx());
                    shown.fonts = true;
                    egui_ui.ctx().request_discard("fonts");
                    return;
                }
                if shown.answer.is_some() {
                    return;
                }
                match show(egui_ui.ctx(), |egui_ui| ui(&mut shown.dialog, egui_ui)) {
                    Outcome::Open => {}
                    answer => shown.answer = Some(answer),
                }
            },
            shown,
        );
        h.run();
        h
    }
}

#[cfg(test)]
mod tests {
    use egui::Key;
    use egui::accesskit::Role;
    use egui_kittest::kittest::{NodeT, Queryable};

    use super::testing::harness;
    use super::*;

    fn prompt() -> TextPrompt {
        TextPrompt::new("Add a category", "Name", "e.g. Compliance")
    }

    #[test]
    fn a_prompt_answers_its_text_on_enter() {
        let mut h = harness(prompt(), TextPrompt::ui);
        h.get_by_role_and_label(Role::TextInput, "Name")
            .type_text("Compliance");
        h.run();
        assert_eq!(h.state().answer, None);
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Ok("Compliance".into())));
    }

    #[test]
    fn a_prompt_refuses_empty_text() {
        let mut h = harness(prompt().with_text("  "), TextPrompt::ui);
        h.get_by_label("OK").click();
        h.run();
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().answer, None, "still open");
        h.get_by_label("Cancel").click();
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Cancel));
    }

    #[test]
    fn escape_cancels_a_prompt() {
        let mut h = harness(prompt().with_text("Ops"), TextPrompt::ui);
        h.key_press(Key::Escape);
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Cancel));
    }

    #[test]
    fn an_item_needs_a_title_and_keeps_its_description() {
        let dialog = ItemTextDialog {
            id: "ops.runbooks".into(),
            title: DialogText::new(""),
            description: DialogText::new("old"),
        };
        let mut h = harness(dialog, ItemTextDialog::ui);
        assert!(
            h.query_by_label("ID ops.runbooks stays the same.")
                .is_some()
        );
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(h.state().answer, None, "no title, no answer");
        h.get_by_role_and_label(Role::TextInput, "Title")
            .type_text("Runbooks");
        h.run();
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Ok(())));
        assert_eq!(h.state().dialog.title.edited(), Some("Runbooks"));
        assert_eq!(h.state().dialog.description.edited(), Some("old"));
    }

    #[test]
    fn the_project_name_cannot_be_emptied() {
        let dialog = WorkbookDialog {
            project: DialogText::new(""),
            launch: None,
            review: None,
            today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        };
        let mut h = harness(dialog, WorkbookDialog::ui);
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(h.state().answer, None);
        h.get_by_role_and_label(Role::TextInput, "Project").focus();
        h.run();
        h.get_by_role_and_label(Role::TextInput, "Project")
            .type_text("Payments");
        h.run();
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Ok(())));
        assert_eq!(h.state().dialog.project.edited(), Some("Payments"));
    }

    #[test]
    fn a_too_long_description_is_shown_cut_and_kept() {
        let long = "log line\n".repeat(20_000);
        let dialog = ItemTextDialog {
            id: "ops.runbooks".into(),
            title: DialogText::new("Runbooks"),
            description: DialogText::new(&long),
        };
        let mut h = harness(dialog, ItemTextDialog::ui);
        let notice = "Description: 176 KB — too long to edit here; shown cut";
        let shown = h.get_by_role_and_label(Role::MultilineTextInput, notice);
        assert!(shown.accesskit_node().is_read_only());
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Ok(())));
        assert_eq!(h.state().dialog.title.edited(), Some("Runbooks"));
        assert_eq!(h.state().dialog.description.edited(), None, "kept as it is");
    }

    fn unsaved() -> UnsavedChanges {
        UnsavedChanges {
            project: "Payments API".into(),
            file: "payments.shipshape.ron".into(),
        }
    }

    #[test]
    fn unsaved_changes_ask_save_discard_or_cancel() {
        let mut h = harness(unsaved(), UnsavedChanges::ui);
        assert!(
            h.query_by_role_and_label(Role::Dialog, "Save changes to “Payments API”?")
                .is_some(),
            "the dialog, named by its heading"
        );
        assert!(
            h.query_by_label(
                "The workbook (payments.shipshape.ron) has changes that are not saved."
            )
            .is_some()
        );
        for (button, answer) in [
            ("Save", Outcome::Ok(GuardAnswer::Save)),
            ("Discard", Outcome::Ok(GuardAnswer::Discard)),
            ("Cancel", Outcome::Cancel),
        ] {
            let mut h = harness(unsaved(), UnsavedChanges::ui);
            h.get_by_label(button).click();
            h.run();
            assert_eq!(h.state().answer, Some(answer), "{button}");
        }
        h.key_press(Key::Escape);
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Cancel), "Escape");
    }
}
