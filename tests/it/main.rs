//! The integration tests, as one binary: each test binary links the whole
//! app with egui, and on a two-core machine linking several was most of the
//! time CI spent (ripgrep keeps its tests the same way).
//!
//! `util` runs the real `shipshape` binary and git in temporary directories
//! and reads PDFs; the other modules are the tests, by subject. Golden files
//! are regenerated deliberately with `SHIPSHAPE_BLESS=1` (see `golden`).

// Helpers outside #[test] functions are not covered by clippy.toml's
// allow-unwrap-in-tests; in a test a panic is how a check fails.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "helpers outside #[test] fns: a failed setup step or check should fail the test"
)]

mod azure;
mod check;
mod ci;
mod cli;
mod exchange;
mod git;
mod git_failures;
mod golden;
mod import_md;
mod launch;
mod merge;
mod pdf;
mod pdf_layout;
mod pdf_meeting;
mod pdf_scripts;
mod programs;
mod recheck;
mod review;
mod robustness;
mod safety;
mod sheets;
mod status;
mod ui;
mod upgrade;
mod util;
