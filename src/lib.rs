//! Shipshape: production-readiness workbooks that a team fills in, argues
//! over in a meeting, prints, and keeps in git.
//!
//! The library holds everything so that tests and benchmarks use the real
//! code; the two programs' `main`s (`shipshape`, the command line, and
//! `shipshape-gui`, the window) only choose what to run. See
//! `ARCHITECTURE.md` for how the modules fit together.

pub mod cli;
pub mod export;
pub mod fonts;
pub mod import;
pub mod model;
pub mod storage;
pub mod ui;
