//! `completions` and `man`: the shell completion scripts and the manual
//! pages, generated from the clap definition of [`Cli`] itself so that they
//! always match the commands this binary has. The `.deb` ships them
//! (`packaging/linux/build-deb.sh`); users of `cargo install` run these.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, CommandFactory as _};
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, roman};

use super::Cli;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write shipshape.1 and a page per command (shipshape-check.1, …) into
    /// this directory instead of printing shipshape.1.
    pub dir: Option<PathBuf>,
}

/// The binary's name, as completions and man pages call it.
const NAME: &str = "shipshape";

pub fn completions(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    // Rendered first: clap_complete panics when its writer fails, and a
    // closed stdout must stay a quiet error (see `cli::exit_code`).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), NAME, &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: ManArgs) -> anyhow::Result<ExitCode> {
    let cmd = command_for_man();
    match args.dir {
        None => {
            let mut page = Vec::new();
            main_page(&cmd, &mut page)?;
            std::io::stdout().lock().write_all(&page)?;
        }
        Some(dir) => write_pages(&cmd, &dir)
            .with_context(|| format!("cannot write the manual pages to {}", dir.display()))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The command as the man pages describe it: built, so that every
/// subcommand knows its full name (`shipshape-git-setup`), and without the
/// `help` subcommand, which `man` replaces.
fn command_for_man() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// shipshape.1 and, as git does, a page per command and subcommand;
/// hidden commands (`man` itself) get none.
fn write_pages(cmd: &clap::Command, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut page = Vec::new();
    main_page(cmd, &mut page)?;
    std::fs::write(dir.join(format!("{NAME}.1")), page)?;
    let mut pending: Vec<_> = cmd.get_subcommands().collect();
    while let Some(sub) = pending.pop() {
        if sub.is_hide_set() {
            continue;
        }
        Man::new(sub.clone()).generate_to(dir)?;
        pending.extend(sub.get_subcommands());
    }
    Ok(())
}

/// shipshape.1: clap_mangen's sections, with the text that ends `--help`
/// (what running without arguments does, the exit codes) under NOTES rather
/// than clap_mangen's EXTRA, and a SEE ALSO for the git side.
fn main_page(cmd: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let man = Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    let mut roff = Roff::default();
    if let Some(notes) = cmd.get_after_help() {
        roff.control("SH", ["NOTES"]);
        roff.text([roman(notes.to_string())]);
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(
        "git(1), gitattributes(5). The README describes the workbook file \
         format and the merge driver that shipshape git setup installs.",
    )]);
    roff.to_writer(out)?;
    man.render_version_section(out)
}
