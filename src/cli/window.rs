//! Opening the window from the command-line program.
//!
//! Shipshape is two programs built from this one crate: `shipshape`, the
//! command line, and `shipshape-gui`, the window (which also runs every
//! subcommand). `shipshape` without a subcommand hands over to the window
//! program installed beside it. The split keeps the window's crates (winit,
//! Wayland, D-Bus, egui, OpenGL loaders) out of the program scripts, CI
//! gates and the git merge driver start many times a day: the dynamic
//! loader no longer relocates their 19,000 pointers on every start, which
//! was 7 % of a small PDF export's time (docs/pdf/README.md, "Speed").

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

/// The window program's file name.
pub const GUI_PROGRAM: &str = "shipshape-gui";

/// The command-line program's file name.
pub const CLI_PROGRAM: &str = "shipshape";

/// Runs the window program beside this one with this process's arguments
/// (a workbook or folder to open). On Unix the window replaces this
/// process, so its exit code, signals and terminal are the caller's.
pub fn hand_over() -> anyhow::Result<ExitCode> {
    let exe = std::env::current_exe().context("cannot find this program's path")?;
    let gui = beside(&exe, GUI_PROGRAM);
    if !gui.is_file() {
        anyhow::bail!(
            "the window is a program of its own, {GUI_PROGRAM}, and there is none in {} \
             (`cargo install --path .` and the .deb install both programs; \
             from a checkout, `cargo run --release` opens the window)",
            gui.parent().unwrap_or(Path::new(".")).display()
        );
    }
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    run(&gui, &args)
}

/// `exe`'s sibling program `name` (with the platform's executable suffix).
pub fn beside(exe: &Path, name: &str) -> PathBuf {
    exe.with_file_name(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

#[cfg(unix)]
fn run(gui: &Path, args: &[OsString]) -> anyhow::Result<ExitCode> {
    use std::os::unix::process::CommandExt as _;
    // `exec` returns only when it failed.
    let error = std::process::Command::new(gui).args(args).exec();
    Err(error).with_context(|| format!("cannot start {}", gui.display()))
}

#[cfg(not(unix))]
fn run(gui: &Path, args: &[OsString]) -> anyhow::Result<ExitCode> {
    let status = std::process::Command::new(gui)
        .args(args)
        .status()
        .with_context(|| format!("cannot start {}", gui.display()))?;
    let code = status.code().unwrap_or(i32::from(super::EXIT_ERROR));
    Ok(ExitCode::from(
        u8::try_from(code).unwrap_or(super::EXIT_ERROR),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_program_is_looked_for_beside_this_one() {
        let exe = Path::new("/opt/shipshape/bin")
            .join(format!("{CLI_PROGRAM}{}", std::env::consts::EXE_SUFFIX));
        assert_eq!(
            beside(&exe, GUI_PROGRAM),
            Path::new("/opt/shipshape/bin")
                .join(format!("{GUI_PROGRAM}{}", std::env::consts::EXE_SUFFIX))
        );
    }
}
