//! `new` and `set`: making and editing workbooks from the shell.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use clap::Args;

use super::{parse_date, plural};
use crate::model::{
    FieldKind, Item, ItemField, RedReason, TemplateOptions, TypedDateError, Workbook, closest_ids,
    date_text,
};
use crate::storage;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The workbook file to create (by convention NAME.shipshape.ron).
    pub file: PathBuf,
    /// The project (service or launch) the workbook is for.
    #[arg(long)]
    pub project: String,
    /// Launch date, YYYY-MM-DD. The review defaults to four weeks before.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub launch: Option<NaiveDate>,
    /// Use this workbook's checklist instead of the built-in 25 items: a
    /// file, or the name of a template in the template folder
    /// (`shipshape templates`).
    #[arg(long, value_name = "FILE|NAME")]
    pub template: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn new(args: NewArgs) -> anyhow::Result<ExitCode> {
    if args.project.trim().is_empty() {
        bail!("--project must not be empty");
    }
    if !args.force && std::fs::symlink_metadata(&args.file).is_ok() {
        bail!(
            "{} already exists; use --force to overwrite it",
            args.file.display()
        );
    }
    let template = match &args.template {
        Some(arg) => super::upgrade::load_template(arg)?.1,
        None => storage::builtin_template(),
    };
    let wb = Workbook::from_template(
        &template,
        TemplateOptions {
            project: args.project.trim().to_owned(),
            launch: args.launch,
        },
    );
    super::write::replace(&args.file, &wb)?;
    outln!(
        "created {} for {} with {} in {}",
        args.file.display(),
        wb.project,
        plural(wb.item_count(), "item", "items"),
        plural(wb.categories.len(), "category", "categories")
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct SetArgs {
    pub file: PathBuf,
    /// The item's ID, as `list` shows it (e.g. reliability.slos).
    pub item_id: String,
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Save even though the file has comments, which saving drops.
    #[arg(long)]
    pub drop_comments: bool,
}

/// One `--FLAG VALUE` per item field, made from [`ItemField::ALL`]: a new
/// field gets its flag, help, value check and place in messages here
/// without this file changing. Accumulating fields (notes, evidence) add
/// what is given — a paragraph, a link — and may be repeated.
#[derive(Debug, Clone, Default)]
pub struct FieldArgs {
    /// The values given, in [`ItemField::ALL`] order, each trimmed.
    pub values: Vec<(ItemField, String)>,
}

impl FieldArgs {
    fn flag(field: ItemField) -> String {
        match field {
            // The flag only clears it: the wording it holds is the
            // upgrade's to record.
            ItemField::Reworded => CONFIRM_WORDING.to_owned(),
            _ => field.key().replace('_', "-"),
        }
    }

    /// Every flag, for messages: `--title, --description, …`.
    fn flags() -> String {
        let flags: Vec<String> = ItemField::ALL
            .iter()
            .map(|&f| format!("--{}", Self::flag(f)))
            .collect();
        flags.join(", ")
    }
}

/// `set`'s flag for [`ItemField::Reworded`]: confirms the new wording.
const CONFIRM_WORDING: &str = "confirm-wording";

/// Whether `value` would be accepted for `field`, as clap's value check.
fn check_value(field: ItemField, value: &str) -> Result<String, String> {
    let value = value.trim();
    if matches!(field.kind(), FieldKind::Due | FieldKind::Date) {
        // Typed forms (`fri`, `+2w`) are read in `apply`, with the
        // workbook's launch for a `T-14` in a plain date.
        return match typed_date(field, value, None) {
            Ok(_) | Err(TypedDateError::NoLaunch(_)) => Ok(value.to_owned()),
            Err(e) => Err(e.to_string()),
        };
    }
    let mut probe = Item::default();
    let checked = if field.accumulates() {
        probe.add_to_field(field, value)
    } else {
        probe.set_field(field, value)
    };
    checked
        .map(|()| value.to_owned())
        .map_err(|e| e.to_string())
}

impl clap::FromArgMatches for FieldArgs {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut args = Self::default();
        args.update_from_arg_matches(matches)?;
        Ok(args)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        for field in ItemField::ALL {
            if field == ItemField::Reworded {
                if matches.get_flag(field.name()) {
                    self.values.push((field, String::new()));
                }
                continue;
            }
            let given = matches
                .get_many::<String>(field.name())
                .into_iter()
                .flatten();
            self.values.extend(given.map(|v| (field, v.clone())));
        }
        Ok(())
    }
}

impl clap::Args for FieldArgs {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for field in ItemField::ALL {
            if field == ItemField::Reworded {
                cmd = cmd.arg(
                    clap::Arg::new(field.name())
                        .long(Self::flag(field))
                        .action(clap::ArgAction::SetTrue)
                        .help("Confirm the item against the checklist's new wording after `upgrade` changed it (clears the red flag; a done item records today as verified)"),
                );
                continue;
            }
            let value_name = match field.kind() {
                FieldKind::Date => "DATE|none",
                FieldKind::Due => "DATE|T-DAYS|T+DAYS|none",
                FieldKind::Interval => "INTERVAL|none",
                FieldKind::Status => "STATUS",
                FieldKind::Person => "NAME",
                FieldKind::Links => "URL",
                FieldKind::Text | FieldKind::Multiline => "TEXT",
            };
            let mut arg = clap::Arg::new(field.name())
                .long(Self::flag(field))
                .value_name(value_name)
                .help(field.help())
                .value_parser(move |v: &str| check_value(field, v));
            arg = if field.accumulates() {
                arg.action(clap::ArgAction::Append)
            } else {
                arg.action(clap::ArgAction::Set)
            };
            // `--note` is how the README has always spelled it.
            if field == ItemField::Notes {
                arg = arg.visible_alias("note");
            }
            cmd = cmd.arg(arg);
        }
        cmd
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

pub fn set(args: SetArgs) -> anyhow::Result<ExitCode> {
    if args.fields.values.is_empty() {
        bail!(
            "nothing to change: give at least one of {}",
            FieldArgs::flags()
        );
    }
    let mut editing = super::write::edit(&args.file, args.drop_comments)?;
    let wb = editing.workbook();
    let launch = wb.launch;
    let Some(item) = wb.item_mut(&args.item_id) else {
        let ids: Vec<&str> = wb.items().map(|(_, i)| i.id.as_str()).collect();
        let close = closest_ids(&args.item_id, ids);
        if close.is_empty() {
            bail!(
                "no item {:?} in {}; `shipshape list {}` shows the IDs",
                args.item_id,
                args.file.display(),
                args.file.display()
            );
        }
        bail!(
            "no item {:?} in {}; did you mean {}?",
            args.item_id,
            args.file.display(),
            close.join(", ")
        );
    };
    apply(item, &args.fields, launch)?;
    let summary = set_summary(item, launch);
    editing.save()?;
    outln!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// What `set` says after an edit: the item's status, owner and due date, and
/// — when the edit leaves it red for a reason the user may not expect
/// (`--status mitigated` with no acceptor) — why. A relative due shows its
/// date against `launch` ("due T-14 · 2027-01-17").
fn set_summary(item: &Item, launch: Option<NaiveDate>) -> String {
    let still_red = match item.red_reason(super::today()) {
        Some(
            r @ (RedReason::MitigationIncomplete(_)
            | RedReason::ReasonMissing
            | RedReason::MitigationExpired(_)
            | RedReason::RecheckOverdue { .. }
            | RedReason::Reworded),
        ) => format!(" — still red: {r}"),
        _ => String::new(),
    };
    let verified = match (item.verified, item.every) {
        (None, None) => String::new(),
        (verified, every) => {
            let verified = verified.map_or_else(|| "never".to_owned(), |d| d.to_string());
            let every =
                every.map_or_else(String::new, |e| format!(", re-check every {}", e.prose()));
            format!(", verified {verified}{every}")
        }
    };
    format!(
        "{}: {}, owner {}, due {}{verified}{still_red}",
        item.id,
        item.status.cli_word(),
        item.owner_or_unassigned(),
        item.due
            .map_or_else(|| "none".to_owned(), |d| d.describe(launch))
    )
}

/// Applies `set`'s values to `item` through the model's one setter, which
/// also settles any merge conflict on each field: the value given is the
/// resolution. The status is set as a person sets it, so `--status done`
/// records today as verified; a `--verified` given too comes later in
/// [`ItemField::ALL`], so it wins. `--confirm-wording` confirms first.
fn apply(item: &mut Item, fields: &FieldArgs, launch: Option<NaiveDate>) -> anyhow::Result<()> {
    // First, so that a `--verified` given too wins over the today that
    // confirming a done item records.
    if fields.values.iter().any(|(f, _)| *f == ItemField::Reworded) {
        item.confirm_wording(super::today());
    }
    for (field, value) in &fields.values {
        if *field == ItemField::Reworded {
            continue;
        }
        if *field == ItemField::Status
            && let Some(status) = crate::model::Status::from_word(value)
        {
            item.set_status(status, super::today());
            continue;
        }
        let flag = || format!("--{}", FieldArgs::flag(*field));
        let value = typed_date(*field, value, launch).with_context(flag)?;
        if field.accumulates() {
            item.add_to_field(*field, &value)
        } else {
            item.set_field(*field, &value)
        }
        .with_context(flag)?;
    }
    Ok(())
}

/// A date as typed (`fri`, `+2w`, `T-14`, `none`; see
/// [`crate::model::parse_due`]) in its canonical text form, as of today;
/// other fields' values as given.
fn typed_date(
    field: ItemField,
    value: &str,
    launch: Option<NaiveDate>,
) -> Result<String, TypedDateError> {
    let today = super::today();
    Ok(match field.kind() {
        FieldKind::Due => crate::model::parse_due(value, today)?
            .map(|d| d.to_string())
            .unwrap_or_default(),
        FieldKind::Date => date_text(crate::model::parse_date(value, today, launch)?),
        _ => value.to_owned(),
    })
}
