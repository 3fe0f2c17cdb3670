//! The `shipshape-gui` program: the window, or the command line when given
//! a subcommand (so that `cargo run -- check FILE` works from a checkout).
//! This is the one place that knows both; `cli` never opens the window.

use std::process::ExitCode;

use shipshape::{cli, ui};

fn main() -> ExitCode {
    let args = match cli::parse() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let result = match args.command {
        Some(command) => cli::run(command),
        None => ui::run(args.file).map(|()| ExitCode::SUCCESS),
    };
    cli::exit_code(result)
}
