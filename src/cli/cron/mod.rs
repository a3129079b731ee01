//! `openclaw cron …`: add, list, remove, run and inspect scheduled jobs (DESIGN §9, §10).

mod add;
mod ls;
mod rm;
mod run;
mod runs;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{CmdResult, Ctx};

/// Add, list, remove, run and inspect scheduled jobs
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Add(add::Args),
    Ls(ls::Args),
    Rm(rm::Args),
    Run(run::Args),
    Runs(runs::Args),
}

/// Runs one cron command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Add(args) => add::cmd_add(ctx, &args),
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::Rm(args) => rm::cmd_rm(ctx, &args),
        Command::Run(args) => run::cmd_run(ctx, &args),
        Command::Runs(args) => runs::cmd_runs(ctx, &args),
    }
}

/// `Mon 2026-11-30 08:00 CET`: a time as a user reads it, in `tz`.
fn when(ts: Timestamp, tz: &TimeZone) -> String {
    ts.to_zoned_datetime(tz.clone()).strftime("%a %Y-%m-%d %H:%M %Z").to_string()
}

/// `2h ago` / `in 5m`.
fn relative(ts: Timestamp, now: Timestamp) -> String {
    let d = now.duration_since(ts);
    if d.is_negative() {
        format!("in {}", crate::time::human_age(-d))
    } else {
        format!("{} ago", crate::time::human_age(d))
    }
}
