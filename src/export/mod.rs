//! Exporters: pure functions from a [`Workbook`](crate::model::Workbook) to
//! the bytes of another format. No file I/O happens here; the CLI and the GUI
//! decide where the bytes go.

pub mod pdf;
