//! Workbooks for people without the app: pure functions from a
//! [`Workbook`](crate::model::Workbook) to the text of a file or a message,
//! or to the bytes of a printable PDF. Nothing here touches the disk; the CLI
//! and the GUI write what these return.

pub mod ci;
pub mod csv;
pub mod markdown;
pub mod pdf;
pub mod text;
