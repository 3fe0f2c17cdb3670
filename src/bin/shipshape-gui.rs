//! The `shipshape-gui` program: the window, or the command line when given
//! a subcommand (so that `cargo run -- check FILE` works from a checkout).
//! This is the one place that knows both; `cli` never opens the window.

use std::process::ExitCode;

use shipshape::{cli, ui};

fn main() -> ExitCode {
    cli::main(|file| ui::run(file).map(|()| ExitCode::SUCCESS))
}
