//! Bounding the workbook text the window lays out. egui lays out every
//! character it is given, at about 180 bytes each: a 60 MB note pasted
//! from a log would take gigabytes and a black window. So every widget
//! that shows workbook text gets it through [`clip`], and a field longer
//! than [`MAX_EDITABLE_CHARS`] is not edited in place: it is shown cut and
//! read-only with its size ([`too_long_ui`]), and its whole text can be
//! saved to a file ([`LongText`], exported through the path dialog).

use std::borrow::Cow;
use std::path::Path;

use egui::RichText;

use super::app::ShipshapeApp;
use super::command::Action;
use super::file_dialog::PathPurpose;
use crate::model::{ItemField, Workbook, WorkbookField, file_stem};
use crate::storage;

/// A text field longer than this (in characters) is shown cut and
/// read-only; up to it, a text edit lays it all out (a few megabytes).
pub const MAX_EDITABLE_CHARS: usize = 100_000;

/// At most this many characters of one text are laid out anywhere.
pub const MAX_SHOWN_CHARS: usize = 3_000;

/// The window's title bar shows no more of the project name than this.
pub const MAX_TITLE_CHARS: usize = 200;

/// `text` as a label shows it: cut to at most [`MAX_SHOWN_CHARS`]
/// characters (see [`clip_to`]) and, if it has right-to-left text, put in
/// the order egui draws right ([`super::bidi::display`]).
pub fn clip(text: &str) -> Cow<'_, str> {
    let clipped = clip_to(text, MAX_SHOWN_CHARS);
    match super::bidi::display(&clipped) {
        Cow::Borrowed(_) => clipped,
        Cow::Owned(shown) => Cow::Owned(shown),
    }
}

/// `text` cut on a character boundary to at most `max_chars` characters,
/// the last of them "…" when it was cut. Reads at most `max_chars`
/// characters, however long the text.
pub fn clip_to(text: &str, max_chars: usize) -> Cow<'_, str> {
    if text.len() <= max_chars {
        // Every character is at least a byte.
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(max_chars) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let keep = max_chars.saturating_sub(1);
            let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &text[..end]))
        }
    }
}

/// Whether `text` is too long to edit in the window (more than
/// [`MAX_EDITABLE_CHARS`] characters); cheap however long it is.
pub fn too_long(text: &str) -> bool {
    text.len() > MAX_EDITABLE_CHARS && text.char_indices().nth(MAX_EDITABLE_CHARS).is_some()
}

/// A size in words: "12 KB", "61.2 MB" (binary units, as file managers
/// show them).
pub fn size_text(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// "Notes: 61.2 MB — too long to edit here; shown cut", for a text of
/// `bytes`.
pub fn too_long_notice(label: &str, bytes: usize) -> String {
    format!(
        "{label}: {} — too long to edit here; shown cut",
        size_text(bytes)
    )
}

/// A text a dialog edits, or — too long to edit — what it shows of one
/// it keeps as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogText {
    Edit(String),
    Keep { shown: String, bytes: usize },
}

impl DialogText {
    pub fn new(text: &str) -> Self {
        if too_long(text) {
            Self::Keep {
                shown: clip(text).into_owned(),
                bytes: text.len(),
            }
        } else {
            Self::Edit(text.to_owned())
        }
    }

    /// The text as edited; `None` for one kept as it is.
    pub fn edited(&self) -> Option<&str> {
        match self {
            Self::Edit(text) => Some(text),
            Self::Keep { .. } => None,
        }
    }
}

/// Which text field a too-long text is, so that it can be exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LongText {
    Item { id: String, field: ItemField },
    Workbook(WorkbookField),
}

impl LongText {
    /// The whole text in `wb`; `None` when the item is gone.
    pub fn text<'a>(&self, wb: &'a Workbook) -> Option<&'a str> {
        match self {
            Self::Item { id, field } => field.text(wb.item(id)?),
            Self::Workbook(field) => field.text(wb),
        }
    }

    /// The field's label: "Notes", "Project name", "Workbook description"
    /// (an item has a description too).
    pub fn label(&self) -> &'static str {
        match self {
            Self::Item { field, .. } => field.label(),
            Self::Workbook(WorkbookField::Description) => "Workbook description",
            Self::Workbook(field) => field.label(),
        }
    }

    /// The export button's label, different for each field of an item.
    pub fn export_label(&self) -> String {
        format!("Export the full {}…", self.label().to_lowercase())
    }

    /// The file name a save dialog proposes: `payments-api-notes.txt`,
    /// `ops-runbooks-notes.txt`.
    pub fn file_name(&self, project: &str) -> String {
        let stem = match self {
            Self::Item { id, field } => file_stem(&format!("{id} {}", field.label())),
            Self::Workbook(field) => file_stem(&format!("{project} {}", field.label())),
        };
        format!("{stem}.txt")
    }
}

/// A field too long to edit: what it is and its size, the start of it
/// read-only (selectable, so it can be copied), and the button that saves
/// the whole text to a file.
pub fn too_long_ui(
    ui: &mut egui::Ui,
    source: &LongText,
    text: &str,
    width: f32,
    queue: &mut Vec<Action>,
) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, warning_color(ui)))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.set_width(width - 18.0);
            read_only_ui(ui, source.label(), &clip(text), text.len());
            export_button_ui(ui, source, queue);
        });
}

/// One line for a too-long field shown elsewhere (the project name in the
/// header): the notice and the export button.
pub fn too_long_line_ui(ui: &mut egui::Ui, source: &LongText, text: &str, queue: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let notice = too_long_notice(source.label(), text.len());
        ui.label(RichText::new(format!("⚠ {notice}")).color(warning_color(ui)));
        export_button_ui(ui, source, queue);
    });
}

/// The notice and the start of a text of `bytes` (`shown`, already cut),
/// read-only; dialogs show a [`DialogText::Keep`] with it.
pub fn read_only_ui(ui: &mut egui::Ui, label: &str, shown: &str, bytes: usize) {
    let l = ui.label(
        RichText::new(too_long_notice(label, bytes))
            .color(warning_color(ui))
            .strong(),
    );
    let mut shown = shown;
    egui::ScrollArea::vertical()
        .id_salt(("too-long", label))
        .max_height(150.0)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut shown)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        });
}

fn export_button_ui(ui: &mut egui::Ui, source: &LongText, queue: &mut Vec<Action>) {
    if ui
        .button(source.export_label())
        .on_hover_text("Save the whole text to a file")
        .clicked()
    {
        queue.push(Action::Browse(PathPurpose::ExportText(source.clone())));
    }
}

fn warning_color(ui: &egui::Ui) -> egui::Color32 {
    super::style::amber_text(ui.visuals().dark_mode)
}

impl ShipshapeApp {
    /// Writes the whole of a too-long field to `path`; says where it went.
    pub(super) fn export_text_to(&mut self, source: &LongText, path: &Path) {
        let written = match self.workbook().and_then(|wb| source.text(wb)) {
            None => Err("the item is gone".to_owned()),
            Some(text) => storage::write_atomic(path, text.as_bytes())
                .map(|()| text.len())
                .map_err(|e| e.to_string()),
        };
        match written {
            Ok(bytes) => self.view.info(format!(
                "Saved the full {} ({}) to {}",
                source.label().to_lowercase(),
                size_text(bytes),
                path.display()
            )),
            Err(e) => self.view.error(format!(
                "cannot export the {}: {e}: {}",
                source.label().to_lowercase(),
                path.display()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> usize {
        s.chars().count()
    }

    #[test]
    fn short_text_is_not_clipped_or_copied() {
        assert!(matches!(clip("Runbooks"), Cow::Borrowed("Runbooks")));
        let exact = "é".repeat(MAX_SHOWN_CHARS);
        assert!(matches!(clip(&exact), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary_to_the_bound() {
        for text in [
            "a".repeat(MAX_SHOWN_CHARS + 1),
            "é".repeat(MAX_SHOWN_CHARS * 3),
            "日本語".repeat(MAX_SHOWN_CHARS),
            "🚀x".repeat(MAX_SHOWN_CHARS),
        ] {
            let clipped = clip(&text);
            assert_eq!(chars(&clipped), MAX_SHOWN_CHARS, "{}", &text[..4]);
            assert!(clipped.ends_with('…'));
            let kept = clipped.trim_end_matches('…');
            assert!(text.starts_with(kept));
        }
        assert_eq!(clip_to("abcdef", 4), "abc…");
        assert_eq!(clip_to("abcd", 4), "abcd");
        assert_eq!(clip_to("abcd", 1), "…");
    }

    #[test]
    fn a_60_mb_field_lays_out_no_more_than_the_bound() {
        let note = "2026-03-01 worker-7 request handled\n".repeat(60_000_000 / 36);
        assert!(too_long(&note));
        // What the editor shows of it, and the notice above it.
        assert!(chars(&clip(&note)) <= MAX_SHOWN_CHARS);
        assert_eq!(
            too_long_notice("Notes", note.len()),
            "Notes: 57.2 MB — too long to edit here; shown cut"
        );
    }

    #[test]
    fn too_long_counts_characters_not_bytes() {
        assert!(!too_long(&"a".repeat(MAX_EDITABLE_CHARS)));
        assert!(too_long(&"a".repeat(MAX_EDITABLE_CHARS + 1)));
        // Three bytes each: 300,000 bytes, still editable.
        assert!(!too_long(&"語".repeat(MAX_EDITABLE_CHARS)));
        assert!(too_long(&"語".repeat(MAX_EDITABLE_CHARS + 1)));
    }

    #[test]
    fn a_dialog_keeps_a_too_long_text_and_shows_its_start() {
        assert_eq!(DialogText::new("Ops").edited(), Some("Ops"));
        let long = "x".repeat(MAX_EDITABLE_CHARS + 1);
        let kept = DialogText::new(&long);
        assert_eq!(kept.edited(), None);
        let DialogText::Keep { shown, bytes } = kept else {
            panic!("kept");
        };
        assert_eq!(
            (shown.chars().count(), bytes),
            (MAX_SHOWN_CHARS, long.len())
        );
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(size_text(150_000), "147 KB");
        assert_eq!(size_text(1), "1 KB");
        assert_eq!(size_text(64_160_000), "61.2 MB");
    }

    #[test]
    fn long_text_finds_its_field_and_names_its_file() {
        let mut wb = Workbook::new("Payments API");
        let c = wb.add_category("Ops");
        let loc = wb.add_item(c, "Runbooks").unwrap();
        let id = wb.item_at(loc).unwrap().id.clone();
        wb.item_mut(&id).unwrap().notes = "log".into();
        let notes = LongText::Item {
            id: id.clone(),
            field: ItemField::Notes,
        };
        assert_eq!(notes.text(&wb), Some("log"));
        assert_eq!(notes.export_label(), "Export the full notes…");
        assert_eq!(notes.file_name("Payments API"), "ops-runbooks-notes.txt");
        let project = LongText::Workbook(WorkbookField::Project);
        assert_eq!(project.text(&wb), Some("Payments API"));
        assert_eq!(
            project.file_name("Payments API"),
            "payments-api-project-name.txt"
        );
        let gone = LongText::Item {
            id: "gone".into(),
            field: ItemField::Notes,
        };
        assert_eq!(gone.text(&wb), None);
    }
}
