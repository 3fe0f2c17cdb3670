//! The `shipshape` program: the command line. Without a subcommand it hands
//! over to the window's program, `shipshape-gui` (see `cli::window` for why
//! they are two).

use std::process::ExitCode;

use shipshape::cli;

fn main() -> ExitCode {
    let args = match cli::parse() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let result = match args.command {
        Some(command) => cli::run(command),
        None => cli::window::hand_over(),
    };
    cli::exit_code(result)
}
