//! The `shipshape` program: the command line. Without a subcommand it hands
//! over to the window's program, `shipshape-gui` (see `cli::window` for why
//! they are two).

use std::process::ExitCode;

use shipshape::cli;

fn main() -> ExitCode {
    // The window's program gets this process's own arguments, file included.
    cli::main(|_file| cli::window::hand_over())
}
