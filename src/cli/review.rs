//! `review`: the walkthrough meeting on record. `start` opens a review
//! (attendees, the verdict and every item's fields as of now), `decide`
//! records a decision or action on an item, `attend` marks someone absent
//! or present, `end` signs it off (recording what changed during it), and
//! `list` and `show` print the reviews, as text or JSON. Every change is a
//! locked read-modify-write through `write::edit`, kept in the history.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::{load, parse_date, plural, today};
use crate::model::{
    Approver, Attendee, Decision, ItemAction, ItemChanges, Review, ReviewStart, SignOff, Workbook,
};

const EXIT_CODES: &str = "Exit codes: 0 done, 2 error (bad arguments, unreadable file, no open review, unknown item or review; nothing written).";

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Start a review: records who attends, the verdict and every item as of now. One may be open at a time.
    #[command(after_help = EXIT_CODES)]
    Start(StartArgs),
    /// Record a decision or action on an item during the open review.
    #[command(after_help = EXIT_CODES)]
    Decide(DecideArgs),
    /// Mark an attendee of the open review absent (or present again).
    #[command(after_help = EXIT_CODES)]
    Attend(AttendArgs),
    /// Sign the open review off: records what changed during it and the verdict now.
    #[command(after_help = EXIT_CODES)]
    End(EndArgs),
    /// The reviews, one line each (or JSON), oldest first.
    #[command(after_help = EXIT_CODES)]
    List(ListArgs),
    /// One review in full: attendees, changes, decisions, sign-off.
    #[command(after_help = EXIT_CODES)]
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct StartArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub title: String,
    /// The review's date, YYYY-MM-DD (default: today); both verdicts are taken as of it.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Someone attending, "Name:Role" (the role may be left out); repeat for each.
    #[arg(long, value_name = "NAME:ROLE")]
    pub attendee: Vec<String>,
    /// Save even though the file has comments, which saving drops.
    #[arg(long)]
    pub drop_comments: bool,
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    pub file: PathBuf,
    /// The item the decision or action is about.
    pub id: String,
    /// What was decided, or what is to be done.
    #[arg(long)]
    pub text: String,
    /// Who does it.
    #[arg(long, default_value = "")]
    pub owner: String,
    /// By when, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    #[arg(long)]
    pub drop_comments: bool,
}

#[derive(Debug, Args)]
pub struct AttendArgs {
    pub file: PathBuf,
    /// The attendee's name (ignoring case).
    pub name: String,
    /// Absent (default: present).
    #[arg(long)]
    pub absent: bool,
    #[arg(long)]
    pub drop_comments: bool,
}

#[derive(Debug, Args)]
pub struct EndArgs {
    pub file: PathBuf,
    #[arg(long, value_parser = Decision::from_word, value_name = "go|go-with-conditions|no-go")]
    pub decision: Decision,
    /// What a go with conditions depends on (required for go-with-conditions).
    #[arg(long, default_value = "")]
    pub conditions: String,
    /// Someone who signs the decision off, "Name:Role"; repeat for each.
    #[arg(long, value_name = "NAME:ROLE")]
    pub approver: Vec<String>,
    /// The day the approvers sign, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    #[arg(long)]
    pub drop_comments: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    pub file: PathBuf,
    /// A JSON array of reviews (the shape of `review show --json`, without
    /// the per-field changes).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub file: PathBuf,
    /// The review's number in `review list` (1 = the oldest).
    pub number: usize,
    #[arg(long)]
    pub json: bool,
}

pub fn review(command: ReviewCommand) -> anyhow::Result<ExitCode> {
    match command {
        ReviewCommand::Start(args) => start(args),
        ReviewCommand::Decide(args) => decide(args),
        ReviewCommand::Attend(args) => attend(args),
        ReviewCommand::End(args) => end(args),
        ReviewCommand::List(args) => list(args),
        ReviewCommand::Show(args) => show(args),
    }
}

fn start(args: StartArgs) -> anyhow::Result<ExitCode> {
    let mut editing = super::write::edit(&args.file, args.drop_comments)?;
    let wb = editing.workbook();
    let at = wb.start_review(ReviewStart {
        title: args.title,
        date: args.date.unwrap_or_else(today),
        attendees: args.attendee.iter().map(|a| Attendee::parse(a)).collect(),
    })?;
    let r = &wb.reviews[at];
    let line = format!(
        "started review {} \"{}\" on {}: {} red, {} passing, {}",
        at + 1,
        r.title,
        r.date,
        r.before.red,
        r.before.passing,
        plural(r.attendees.len(), "attendee", "attendees")
    );
    editing.save()?;
    outln!("{line}");
    outln!("saved {}", args.file.display());
    Ok(ExitCode::SUCCESS)
}

fn decide(args: DecideArgs) -> anyhow::Result<ExitCode> {
    let mut editing = super::write::edit(&args.file, args.drop_comments)?;
    editing.workbook().record_action(ItemAction {
        item: args.id.clone(),
        text: args.text,
        owner: args.owner.trim().to_owned(),
        due: args.due,
    })?;
    editing.save()?;
    outln!("recorded a decision on {}", args.id);
    outln!("saved {}", args.file.display());
    Ok(ExitCode::SUCCESS)
}

fn attend(args: AttendArgs) -> anyhow::Result<ExitCode> {
    let mut editing = super::write::edit(&args.file, args.drop_comments)?;
    editing
        .workbook()
        .set_attendance(&args.name, !args.absent)?;
    editing.save()?;
    let how = if args.absent { "absent" } else { "present" };
    outln!("{}: {how}", args.name.trim());
    outln!("saved {}", args.file.display());
    Ok(ExitCode::SUCCESS)
}

fn end(args: EndArgs) -> anyhow::Result<ExitCode> {
    let date = args.date.unwrap_or_else(today);
    let mut editing = super::write::edit(&args.file, args.drop_comments)?;
    let wb = editing.workbook();
    let at = wb.end_review(SignOff {
        decision: args.decision,
        conditions: args.conditions.trim().to_owned(),
        approvers: args
            .approver
            .iter()
            .map(|a| Approver::parse(a, Some(date)))
            .collect(),
    })?;
    let r = &wb.reviews[at];
    let after = r.outcome();
    let line = format!(
        "ended review {} \"{}\": {}; {} changed; red {} → {}",
        at + 1,
        r.title,
        args.decision.label(),
        plural(r.changes.len(), "item", "items"),
        r.before.red,
        after.red
    );
    editing.save()?;
    outln!("{line}");
    outln!("saved {}", args.file.display());
    Ok(ExitCode::SUCCESS)
}

/// A review as `review list --json` and `show --json` give it.
#[derive(Serialize)]
struct ReviewJson<'a> {
    number: usize,
    id: &'a str,
    title: &'a str,
    date: String,
    open: bool,
    attendees: &'a [Attendee],
    decision: Option<&'static str>,
    conditions: &'a str,
    approvers: &'a [Approver],
    /// The IDs of the items changed during the review (so far, while open).
    changed: Vec<String>,
    red_before: usize,
    passing_before: usize,
    /// `null` while open.
    red_after: Option<usize>,
    passing_after: Option<usize>,
    actions: &'a [ItemAction],
    /// Only in `show`: each changed item's fields, before → after.
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<Vec<ItemChanges>>,
}

impl<'a> ReviewJson<'a> {
    fn new(wb: &Workbook, index: usize, r: &'a Review, full: bool) -> Self {
        let changes = r.changes_in(wb);
        let sign_off = r.sign_off.as_ref();
        Self {
            number: index + 1,
            id: &r.id,
            title: &r.title,
            date: r.date.to_string(),
            open: r.is_open(),
            attendees: &r.attendees,
            decision: r.decision().map(Decision::word),
            conditions: sign_off.map_or("", |s| s.conditions.as_str()),
            approvers: sign_off.map_or(&[], |s| s.approvers.as_slice()),
            changed: changes.iter().map(|c| c.item.clone()).collect(),
            red_before: r.before.red,
            passing_before: r.before.passing,
            red_after: r.after.as_ref().map(|t| t.red),
            passing_after: r.after.as_ref().map(|t| t.passing),
            actions: &r.actions,
            changes: full.then_some(changes),
        }
    }
}

fn list(args: ListArgs) -> anyhow::Result<ExitCode> {
    let wb = load(&args.file)?.workbook;
    if args.json {
        let all: Vec<_> = (wb.reviews.iter().enumerate())
            .map(|(n, r)| ReviewJson::new(&wb, n, r, false))
            .collect();
        outln!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(ExitCode::SUCCESS);
    }
    if wb.reviews.is_empty() {
        outln!("no reviews yet: `shipshape review start FILE --title T` starts one");
    }
    for (n, r) in wb.reviews.iter().enumerate() {
        let state = r.decision().map_or("open", Decision::word);
        let after = r
            .after
            .as_ref()
            .map_or_else(|| "…".to_owned(), |t| t.red.to_string());
        outln!(
            "{:>2}  {}  {:<18}  red {} → {}  {} changed  {}",
            n + 1,
            r.date,
            state,
            r.before.red,
            after,
            r.changes_in(&wb).len(),
            r.title
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let wb = load(&args.file)?.workbook;
    let Some(r) = args.number.checked_sub(1).and_then(|n| wb.reviews.get(n)) else {
        anyhow::bail!(
            "no review {} in {}: it has {}",
            args.number,
            args.file.display(),
            plural(wb.reviews.len(), "review", "reviews")
        );
    };
    if args.json {
        let json = ReviewJson::new(&wb, args.number - 1, r, true);
        outln!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(ExitCode::SUCCESS);
    }
    out!("{}", render(&wb, r));
    Ok(ExitCode::SUCCESS)
}

/// One review for people, ending in a newline.
fn render(wb: &Workbook, r: &Review) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", r.title, r.date);
    let state = r.sign_off.as_ref().map_or_else(
        || "open".to_owned(),
        |s| match s.conditions.trim() {
            "" => s.decision.label().to_owned(),
            c => format!("{}: {c}", s.decision.label()),
        },
    );
    let _ = writeln!(out, "Decision: {state}");
    let after = r.after.as_ref().map_or_else(
        || "(open)".to_owned(),
        |t| format!("{} red, {} passing", t.red, t.passing),
    );
    let _ = writeln!(
        out,
        "Verdict: {} red, {} passing → {after}",
        r.before.red, r.before.passing
    );
    let _ = writeln!(out, "\nAttendees ({}):", r.attendees.len());
    for a in &r.attendees {
        let absent = if a.present { "" } else { " — absent" };
        let _ = writeln!(out, "  {}{}{absent}", a.name, role(&a.role));
    }
    if let Some(s) = &r.sign_off {
        let _ = writeln!(out, "\nApprovers ({}):", s.approvers.len());
        for a in &s.approvers {
            let date = a.date.map(|d| format!(", {d}")).unwrap_or_default();
            let _ = writeln!(out, "  {}{}{date}", a.name, role(&a.role));
        }
    }
    let changes = r.changes_in(wb);
    let _ = writeln!(out, "\nChanged during the review ({}):", changes.len());
    for c in &changes {
        let _ = writeln!(out, "  {}  {}", c.item, c.title);
        for f in &c.fields {
            let _ = writeln!(
                out,
                "    {}: {} → {}",
                f.field,
                crate::model::diff::show(&f.before),
                crate::model::diff::show(&f.after)
            );
        }
    }
    let _ = writeln!(out, "\nDecisions and actions ({}):", r.actions.len());
    for a in &r.actions {
        let mut who = Vec::new();
        if !a.owner.is_empty() {
            who.push(a.owner.clone());
        }
        if let Some(d) = a.due {
            who.push(format!("due {d}"));
        }
        let who = if who.is_empty() {
            String::new()
        } else {
            format!(" ({})", who.join(", "))
        };
        let _ = writeln!(out, "  {}: {}{who}", a.item, a.text);
    }
    out
}

fn role(role: &str) -> String {
    if role.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", role.trim())
    }
}
