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

    /// Every `.rs` file under `dir`.
    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_command_line_program_names_no_window_code() {
        // The linker leaves the window's crates out of `shipshape` only as
        // long as nothing it runs names `ui`.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("src/main.rs")];
        sources(&root.join("src/cli"), &mut files);
        assert!(files.len() > 10, "found the sources: {files:?}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            // Split so that this file does not name them either.
            let needles = [
                concat!("crate", "::ui"),
                concat!("shipshape", "::ui"),
                concat!("ui", "::run"),
                concat!("eframe", "::"),
                concat!("egui", "::"),
            ];
            for needle in needles {
                assert!(
                    !text.contains(needle),
                    "{} names {needle}: the command line would link the window",
                    file.display()
                );
            }
        }
    }

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
