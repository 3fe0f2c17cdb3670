//! The `shipshape` binary: the window, or the CLI when given a subcommand.

fn main() -> std::process::ExitCode {
    shipshape::cli::main()
}
