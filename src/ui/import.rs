//! File → Import checklist…, a checklist file dropped on the window, and
//! `shipshape CHECKLIST.md`: the preview of what the import makes — the
//! project, how many items in which categories, the first items and every
//! warning — with the choices that change it (for Markdown which blocks
//! are the checks, for a spreadsheet which sheet and what each column
//! holds), before anything is created. Create makes an unsaved workbook,
//! as New does: Save picks its file, and unsaved edits to the open
//! workbook are asked about first.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::RichText;

use super::app::ShipshapeApp;
use super::dialogs::{Outcome, buttons};
use super::style;
use super::text::clip;
use super::view::Modal;
use crate::import::markdown::ItemShape;
use crate::import::sheet::ColumnUse;
use crate::import::sheet::columns::{Mapping, Target};
use crate::import::{self, Format, ImportError, Imported, Options};
use crate::model::Workbook;

/// How many items the preview lists.
const FIRST_ITEMS: usize = 8;

/// The preview: the file, the choices, and the import they give.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportDialog {
    pub path: PathBuf,
    bytes: Arc<[u8]>,
    pub format: Format,
    /// Markdown: which blocks are the checks.
    pub shape: ItemShape,
    /// Spreadsheets: the sheet read (`None`: the first with a checklist).
    pub sheet: Option<String>,
    sheets: Vec<String>,
    /// Spreadsheets: the columns the user gave a target (`--map`).
    pub map: Vec<Mapping>,
    /// Spreadsheets: the header's columns and where each goes.
    columns: Option<Vec<ColumnUse>>,
    result: Result<Imported, ImportError>,
    /// Whether a frame has drawn it: its scroll areas start at the top,
    /// not where the last preview's were left (egui keeps them by ID).
    shown: bool,
}

impl ImportDialog {
    pub fn new(path: PathBuf, bytes: Vec<u8>, format: Format) -> Self {
        let sheets = match format {
            Format::Xlsx => import::xlsx::sheet_names(&bytes).unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut dialog = Self {
            path,
            bytes: bytes.into(),
            format,
            shape: ItemShape::Auto,
            sheet: None,
            sheets,
            map: Vec::new(),
            columns: None,
            result: Err(ImportError::Empty),
            shown: false,
        };
        dialog.recompute();
        dialog
    }

    /// The import with the current choices (the project named after the
    /// file when the checklist names none, as `shipshape import` does).
    fn recompute(&mut self) {
        let options = Options {
            project: None,
            map: self.map.clone(),
            sheet: self.sheet.clone(),
            items: self.shape,
        };
        self.columns = import::format::columns(self.format, &self.bytes, &options);
        self.result =
            import::format::import(self.format, &self.bytes, &options).map(|mut imported| {
                if imported.workbook.project == import::UNTITLED
                    && let Some(stem) = import::format::file_stem(&self.path)
                {
                    imported.workbook.project = stem;
                }
                imported
            });
    }

    /// Create workbook answers the imported workbook; Cancel nothing.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<Workbook> {
        ui.heading("Import checklist");
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.label(format!("{} — {}", clip(&name), self.format.label()));
        // A window too short for the whole preview (1024×768 on a projector
        // at 150 %) scrolls the body, so the heading and buttons stay on
        // screen. Its height is set, not taken from the space left: a
        // modal's space is its size of the frame before, so a growing
        // preview would otherwise grow a little each frame, moving the
        // buttons under the pointer.
        let height = body_height(ui);
        from_top(
            egui::ScrollArea::vertical()
                .id_salt("import-body")
                .max_height(height)
                .min_scrolled_height(height)
                .auto_shrink([false, true]),
            self.shown,
        )
        .show(ui, |ui| self.body_ui(ui, height));
        self.shown = true;
        ui.add_space(6.0);
        let outcome = ui
            .horizontal(|ui| match &self.result {
                Ok(_) => buttons(
                    ui,
                    [
                        ("Create workbook", Outcome::Ok(())),
                        ("Cancel", Outcome::Cancel),
                    ],
                ),
                Err(_) => buttons(ui, [("Cancel", Outcome::Cancel)]),
            })
            .inner;
        match (outcome, &self.result) {
            (Outcome::Ok(()), Ok(imported)) => Outcome::Ok(imported.workbook.clone()),
            (Outcome::Ok(()), Err(_)) | (Outcome::Open, _) => Outcome::Open,
            (Outcome::Cancel, _) => Outcome::Cancel,
        }
    }

    /// The choices, then the preview or why there is none.
    fn body_ui(&mut self, ui: &mut egui::Ui, height: f32) {
        // `|`, not `||`: both are drawn every frame.
        if self.choices_ui(ui) | self.columns_ui(ui, height) {
            self.recompute();
        }
        ui.add_space(6.0);
        let dark = ui.visuals().dark_mode;
        match &self.result {
            Ok(imported) => preview_ui(ui, imported, dark),
            Err(e) => {
                ui.label(RichText::new(format!("Cannot import: {e}")).color(style::red_text(dark)));
                // The window's way to what the command line's --sheet and
                // --map do, which the message does not name.
                match e {
                    ImportError::NoChecklistSheet(_) => {
                        ui.label("Choose the sheet with the checklist under Sheet, then set the column that holds the checks to Title under Columns.");
                    }
                    // No title in the column taken for the checks: maybe
                    // the wrong one.
                    ImportError::NoTitleColumn(_) | ImportError::NoItems(_)
                        if self.columns.is_some() =>
                    {
                        ui.label("Under Columns, set the column that holds the checks to Title.");
                    }
                    _ => {}
                }
            }
        }
    }

    /// The shape (Markdown) or sheet (spreadsheets) choice; whether it
    /// changed.
    fn choices_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let mut changed = false;
        match self.format {
            Format::Markdown => {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Items from:");
                    for shape in ItemShape::ALL {
                        changed |= ui
                            .radio_value(&mut self.shape, shape, shape.label())
                            .on_hover_text(shape.help())
                            .changed();
                    }
                });
            }
            Format::Xlsx if self.sheets.len() > 1 => {
                let shown = self
                    .sheet
                    .clone()
                    .unwrap_or_else(|| "The first with a checklist".into());
                egui::ComboBox::from_label("Sheet")
                    .selected_text(clip(&shown))
                    .show_ui(ui, |ui| {
                        changed |= ui
                            .selectable_value(&mut self.sheet, None, "The first with a checklist")
                            .changed();
                        for name in &self.sheets {
                            changed |= ui
                                .selectable_value(&mut self.sheet, Some(name.clone()), clip(name))
                                .changed();
                        }
                    });
                if changed {
                    // Another sheet has other columns.
                    self.map.clear();
                }
            }
            Format::Xlsx | Format::Csv | Format::Azure => {}
        }
        changed
    }
}

impl ImportDialog {
    /// Spreadsheets: each header column with where its values go, to be
    /// changed (the window's `--map`); whether a choice changed. Open by
    /// itself when the import fails, which is when no column was taken
    /// for the checks.
    fn columns_ui(&mut self, ui: &mut egui::Ui, body_height: f32) -> bool {
        let Some(columns) = &self.columns else {
            return false;
        };
        let mut picked: Option<(String, Target)> = None;
        let mut reset = false;
        egui::CollapsingHeader::new(format!("Columns ({})", columns.len()))
            .default_open(self.result.is_err())
            .show(ui, |ui| {
                // At most half the body, so the preview under it shows.
                from_top(
                    egui::ScrollArea::vertical()
                        .id_salt("import-columns")
                        .max_height(180.0_f32.min(body_height / 2.0)),
                    self.shown,
                )
                .show(ui, |ui| {
                    egui::Grid::new("import-columns-grid")
                        .num_columns(2)
                        .show(ui, |ui| {
                            for (i, column) in columns.iter().enumerate() {
                                if let Some(target) = target_ui(ui, i, column) {
                                    picked = Some((column.header.clone(), target));
                                }
                                ui.end_row();
                            }
                        });
                });
                if !self.map.is_empty() {
                    reset = ui.button("Use the guessed columns").clicked();
                }
            });
        if reset {
            self.map.clear();
            return true;
        }
        let Some((column, target)) = picked else {
            return false;
        };
        self.map.retain(|m| m.column != column);
        self.map.push(Mapping { column, target });
        true
    }
}

/// One column's row: its name, and where its values go; the target
/// picked, if one was. A column without a header cannot be named in a
/// map, so its target is shown but not offered.
fn target_ui(ui: &mut egui::Ui, i: usize, column: &ColumnUse) -> Option<Target> {
    let name = ui.label(clip(&column.label));
    let mut target = column.target;
    ui.add_enabled_ui(!column.header.is_empty(), |ui| {
        egui::ComboBox::from_id_salt(("import-column", i))
            .selected_text(target.label())
            .show_ui(ui, |ui| {
                for t in Target::CHOICES {
                    ui.selectable_value(&mut target, t, t.label());
                }
            })
            .response
            .labelled_by(name.id)
            .on_disabled_hover_text("A column without a header is kept in each item's description");
    });
    (target != column.target).then_some(target)
}

/// The most the preview's body may take: the window's height less the
/// heading and file line above it, the buttons below, and the dialog's frame
/// and the gap around it.
fn body_height(ui: &egui::Ui) -> f32 {
    let spacing = &ui.style().spacing;
    let above = ui.min_rect().height();
    let below = 6.0 + spacing.interact_size.y + 2.0 * spacing.item_spacing.y;
    // A modal's frame is a popup's, whose margin is the menus'.
    let frame = spacing.menu_margin.sum().y + 2.0 * 16.0;
    (ui.ctx().content_rect().height() - above - below - frame).max(120.0)
}

/// `area`, scrolled to the top unless the dialog was `shown` before.
fn from_top(area: egui::ScrollArea, shown: bool) -> egui::ScrollArea {
    if shown {
        area
    } else {
        area.vertical_scroll_offset(0.0)
    }
}

/// The project, counts, categories, first items and warnings.
fn preview_ui(ui: &mut egui::Ui, imported: &Imported, dark: bool) {
    let wb = &imported.workbook;
    ui.label(format!("Project: {}", clip(&wb.project)));
    ui.label(RichText::new(counts(wb)).strong());
    let cats: Vec<String> = wb
        .categories
        .iter()
        .map(|c| format!("{} ({})", clip(&c.name), c.items.len()))
        .collect();
    ui.horizontal_wrapped(|ui| {
        ui.label("Categories:");
        for c in cats {
            ui.label(c);
        }
    });
    ui.add_space(4.0);
    ui.label(RichText::new("First items").strong());
    for (c, i) in wb.items().take(FIRST_ITEMS) {
        ui.label(format!("{} › {}", clip(&c.name), clip(&i.title)));
    }
    if wb.item_count() > FIRST_ITEMS {
        ui.weak(format!("… and {} more", wb.item_count() - FIRST_ITEMS));
    }
    ui.add_space(4.0);
    if imported.warnings.is_empty() {
        ui.label("No warnings: nothing in the file was left out.");
        return;
    }
    let amber = style::amber_text(dark);
    ui.label(
        RichText::new(format!("Warnings ({})", imported.warnings.len()))
            .strong()
            .color(amber),
    );
    let height = ui.text_style_height(&egui::TextStyle::Body);
    egui::ScrollArea::vertical()
        .max_height(160.0)
        .auto_shrink([false, true])
        .show_rows(ui, height, imported.warnings.len(), |ui, rows| {
            for w in &imported.warnings[rows] {
                ui.label(clip(w));
            }
        });
    if !imported.kept_columns.is_empty() {
        ui.label("Under Columns, a column kept in the description can be given a field of its own, or left out.");
    }
}

/// "12 items in 3 categories".
fn counts(wb: &Workbook) -> String {
    let (n, c) = (wb.item_count(), wb.categories.len());
    format!(
        "{n} {} in {c} {}",
        if n == 1 { "item" } else { "items" },
        if c == 1 { "category" } else { "categories" }
    )
}

impl ShipshapeApp {
    /// A checklist file chosen or dropped: its preview, or why it cannot be
    /// read.
    pub(super) fn import_chosen(&mut self, path: PathBuf) {
        match read_checklist(&path) {
            Ok((bytes, format)) => {
                let dialog = ImportDialog::new(path, bytes, format);
                self.view.modal = Some(Modal::Import(Box::new(dialog)));
            }
            Err(e) => self.view.error(e),
        }
    }
}

/// The file's bytes and its format: by its name, else by its first bytes.
fn read_checklist(path: &Path) -> Result<(Vec<u8>, Format), String> {
    let bytes =
        crate::storage::read_capped(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let format = Format::of_path(path)
        .or_else(|| match import::format::sniff(&bytes) {
            Some(import::format::Sniffed::Format(f)) => Some(f),
            _ => None,
        })
        .ok_or_else(|| {
            format!(
                "{}: cannot tell what kind of checklist this is; a Markdown (.md), CSV (.csv), spreadsheet (.xlsx, .ods) or Azure review checklist (.json) file can be imported",
                path.display()
            )
        })?;
    Ok((bytes, format))
}

/// Whether a dropped or given file is a checklist to import rather than a
/// workbook to open.
pub fn is_checklist(path: &Path) -> bool {
    Format::of_path(path).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words() {
        let mut wb = Workbook::new("P");
        assert_eq!(counts(&wb), "0 items in 0 categories");
        let c = wb.add_category("A");
        wb.add_item(c, "x");
        assert_eq!(counts(&wb), "1 item in 1 category");
    }

    #[test]
    fn checklists_are_told_from_workbooks_by_name() {
        assert!(is_checklist(Path::new("a.md")));
        assert!(is_checklist(Path::new("a.XLSX")));
        assert!(!is_checklist(Path::new("a.shipshape.ron")));
        assert!(!is_checklist(Path::new("noext")));
    }

    /// Sheet is offered only when there is a sheet to choose.
    #[test]
    fn a_spreadsheet_of_one_sheet_offers_no_sheet_choice() {
        use crate::import::xlsx::tests::{Cell::Text, xlsx};
        use egui_kittest::kittest::Queryable;
        let checks = || vec![vec![Text("Check")], vec![Text("MFA for admins")]];
        for (sheets, offered) in [
            (vec![("Only", checks())], false),
            (vec![("A", checks()), ("B", checks())], true),
        ] {
            let book = xlsx(&sheets);
            let dialog = ImportDialog::new("team.xlsx".into(), book, Format::Xlsx);
            let mut h = crate::ui::dialogs::testing::harness(dialog, ImportDialog::ui);
            h.run();
            assert!(h.query_by_label("1 item in 1 category").is_some());
            assert_eq!(
                h.query_by_label("Sheet").is_some(),
                offered,
                "{} sheets",
                sheets.len()
            );
        }
    }

    #[test]
    fn a_file_of_no_known_kind_is_refused_with_what_can_be() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes");
        std::fs::write(&path, "just words").unwrap();
        let e = read_checklist(&path).unwrap_err();
        assert!(e.contains("cannot tell what kind of checklist"), "{e}");
        std::fs::write(&path, "# Title\n\n- [ ] a\n").unwrap();
        assert_eq!(read_checklist(&path).unwrap().1, Format::Markdown);
    }
}
