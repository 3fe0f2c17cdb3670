//! The `shipshape` command line: headless access to workbooks for scripts,
//! CI gates and people who live in a terminal.
//!
//! Parse → validate → run, each subcommand a thin layer over `model`,
//! `storage` and `export`. Exit codes (relied upon by scripts):
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | success; for `check` and `status`, every workbook is production-ready |
//! | 1 | `check`, `status`: a workbook is not production-ready; `merge`: merged with conflicts recorded in the file; `conflicts`: there are unresolved conflicts |
//! | 2 | any error: bad arguments, unreadable or invalid file, unknown item; `review`: no open review to end or record on, one already open to start |
//!
//! Errors go to stderr as `error: …`, printed once, here.

/// `print!` for command output. Text from a workbook is untrusted, so control
/// characters are shown escaped rather than sent to the terminal (an ESC in
/// an owner's name must not retitle the window or recolour the screen); a
/// closed stdout (`shipshape list … | head`) becomes an error that `main`
/// turns into a quiet exit instead of a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        std::io::stdout()
            .lock()
            .write_all($crate::cli::terminal_safe(&text).as_bytes())?
    }};
}

/// `println!` for command output; see [`out!`].
macro_rules! outln {
    ($($arg:tt)*) => {{
        out!($($arg)*);
        out!("\n");
    }};
}

/// `eprintln!` for messages and errors: every line to stderr goes through
/// here (as ripgrep's `messages.rs`), escaped like [`out!`] since it may
/// quote a workbook. A closed stderr is ignored: there is nobody to tell.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut text = format!($($arg)*);
        text.push('\n');
        let _ignored = std::io::stderr()
            .lock()
            .write_all($crate::cli::terminal_safe(&text).as_bytes());
    }};
}

mod check;
mod edit;
mod export;
mod generate;
mod git;
mod history;
mod import;
mod launch;
mod list;
mod merge_driver;
mod review;
mod status;
mod upgrade;
pub mod window;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::model::Status;
use crate::storage;

/// Exit code for every error.
pub const EXIT_ERROR: u8 = 2;
/// Exit code of `check` when the workbook is not production-ready.
pub const EXIT_NOT_READY: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "shipshape",
    version,
    about = "Production-readiness workbooks: every item is done, mitigated until a date, or not applicable — or it blocks the launch.",
    args_conflicts_with_subcommands = true,
    after_help = "Run without arguments to open the workbook window. Exit codes: 0 ok (check, status: production-ready), 1 check, status: not ready / merge, conflicts: conflicts to resolve, 2 error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A workbook to open in the window (a folder: every workbook under it, as a portfolio).
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workbook from the built-in 25-item template (or another workbook).
    New(edit::NewArgs),
    /// List items, one per line: id, status, owner, due, title.
    List(list::ListArgs),
    /// Edit one item and save the file.
    Set(edit::SetArgs),
    /// Move the launch date; due dates relative to it (T-14) move too. Prints what moved, mitigations that now lapse before launch and items now overdue (--dry-run: only that).
    Launch(launch::LaunchArgs),
    /// The review meeting on record: start, decide, attend, end (sign-off), list, show.
    #[command(subcommand)]
    Review(review::ReviewCommand),
    /// Apply a new version of the checklist: matched items keep their answers, reworded ones are red until confirmed, new ones are added; prints the diff first (--dry-run: only that).
    Upgrade(upgrade::UpgradeArgs),
    /// List the templates in the template folder, which `--template NAME` reads.
    Templates(upgrade::TemplatesArgs),
    /// Print the verdict and what blocks the launch; exit 0 when production-ready, 1 when not.
    Check(check::CheckArgs),
    /// Every workbook under the folders (default: here), one line each, most urgent first; exit 0 when all are production-ready, 1 when not, 2 when one is unreadable.
    Status(status::StatusArgs),
    /// Three-way merge by item and field, the git merge driver (%O %A %B %P): writes OURS; exit 0 clean, 1 conflicts recorded, 2 error.
    Merge(merge_driver::MergeArgs),
    /// Git integration.
    #[command(subcommand)]
    Git(git::GitCommand),
    /// Print a stable line-per-field rendering (git's diff textconv).
    Show(git::ShowArgs),
    /// What changed between two workbooks: items added, removed, moved, fields changed, verdict before and after.
    Diff(git::DiffArgs),
    /// List unresolved merge conflicts; exit 0 when there are none, 1 when there are.
    Conflicts(git::ConflictsArgs),
    /// Resolve a merge conflict on an item (FILE ITEM FIELD) or a workbook field (FILE FIELD): keep ours, take theirs, or set a value.
    Resolve(git::ResolveArgs),
    /// Write the workbook as Markdown, CSV or a printable PDF.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Make a workbook from a Markdown checklist or an Azure review checklist.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// The earlier versions of a workbook that saves replaced (kept locally), and putting one back.
    History(history::HistoryArgs),
    /// Print the completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions(generate::CompletionsArgs),
    /// Print the manual page (`shipshape man | man -l -`), or write every page into a directory.
    #[command(hide = true)]
    Man(generate::ManArgs),
}

/// `--as-of` shared by the commands that judge the workbook.
#[derive(Debug, Clone, Args)]
pub struct AsOf {
    /// Judge the workbook as of this date (YYYY-MM-DD) instead of today.
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

impl AsOf {
    /// The date given, else today in the local time zone.
    pub fn date(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(today)
    }
}

/// Today's local date.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A `YYYY-MM-DD` argument.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a date: {e} (expected YYYY-MM-DD)"))
}

/// A date argument that may also be `none`, to clear the date. (A newtype:
/// clap reads `Option<Option<T>>` as "flag with an optional value".)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateOrNone(pub Option<NaiveDate>);

/// A `YYYY-MM-DD` argument or `none`.
pub fn parse_date_or_none(s: &str) -> Result<DateOrNone, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        Ok(DateOrNone(None))
    } else {
        parse_date(s)
            .map(|d| DateOrNone(Some(d)))
            .map_err(|e| format!("{e}, or `none`"))
    }
}

/// A status word (`not-started`, `in-progress`, `done`, `mitigated`, `not-applicable`).
pub fn parse_status(s: &str) -> Result<Status, String> {
    Status::from_word(s).ok_or_else(|| {
        let words: Vec<_> = Status::ALL.iter().map(|s| s.cli_word()).collect();
        format!("unknown status {s:?}; use one of: {}", words.join(", "))
    })
}

/// Parses the process's arguments. `Err` is the exit code once clap has
/// printed its error, or the help or version asked for.
fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        // clap formats its own `error: …` with usage; help and version
        // are not errors.
        let _ignored = e.print();
        if e.use_stderr() {
            ExitCode::from(EXIT_ERROR)
        } else {
            ExitCode::SUCCESS
        }
    })
}

/// A program's `main`: parses the arguments and runs the command given, or,
/// without one, `window` with the file given (each program opens the
/// window its own way: see [`window`]).
pub fn main(window: impl FnOnce(Option<PathBuf>) -> anyhow::Result<ExitCode>) -> ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let result = match args.command {
        Some(command) => run(command),
        None => window(args.file),
    };
    exit_code(result)
}

/// The process's exit code for what a command (or the window) returned,
/// printing any error once.
fn exit_code(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        // The reader went away (`| head`): nothing left to say to anyone.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            errln!("error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// `text` with every control character but newline and tab escaped
/// (`\u{1b}`), so that it cannot drive the terminal.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// "1 category", "5 categories".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs a subcommand (without one, `main` opens the window instead).
fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::New(args) => edit::new(args),
        Command::List(args) => list::list(args),
        Command::Set(args) => edit::set(args),
        Command::Launch(args) => launch::launch(args),
        Command::Review(cmd) => review::review(cmd),
        Command::Upgrade(args) => upgrade::upgrade(args),
        Command::Templates(args) => upgrade::templates(args),
        Command::Check(args) => check::check(args),
        Command::Status(args) => status::status(args),
        Command::Merge(args) => merge_driver::merge(args),
        Command::Git(cmd) => git::git(cmd),
        Command::Show(args) => git::show(args),
        Command::Diff(args) => git::diff(args),
        Command::Conflicts(args) => git::conflicts(args),
        Command::Resolve(args) => git::resolve(args),
        Command::Export(cmd) => export::export(cmd),
        Command::Import(cmd) => import::import(cmd),
        Command::History(args) => history::history(args),
        Command::Completions(args) => generate::completions(args),
        Command::Man(args) => generate::man(args),
    }
}

/// `path` as shown to people and CI: without `.` steps
/// (`./services/a.ron` → `services/a.ron`), so that GitHub matches it with
/// the repository's files.
fn shown(path: &std::path::Path) -> String {
    use std::path::Component;
    let clean: PathBuf = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    if clean.as_os_str().is_empty() {
        ".".to_owned()
    } else {
        clean.display().to_string()
    }
}

/// Loads a workbook for a command, with the storage error as the message.
fn load(path: &std::path::Path) -> anyhow::Result<storage::Loaded> {
    Ok(storage::load(path)?)
}
