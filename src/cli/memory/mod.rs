//! `openclaw memory …`: search, show and append to an agent's memory files (DESIGN §8, §9).
//! The file handling lives in [`crate::memory`]; this folder turns it into text, JSON and exit
//! codes.

mod append;
mod grep;
mod search;
mod show;

use anyhow::Context as _;
use jiff::tz::TimeZone;

use super::{CmdResult, Ctx, hinted};
use crate::config::Config;

/// The memory commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Grep(grep::Args),
    Search(search::Args),
    Show(show::Args),
    Append(append::Args),
}

/// Runs one memory command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Grep(args) => grep::cmd_grep(ctx, &args),
        Command::Search(args) => search::cmd_search(ctx, &args),
        Command::Show(args) => show::cmd_show(ctx, &args),
        Command::Append(args) => append::cmd_append(ctx, &args),
    }
}

/// The agent named by `--agent`, or the config's `defaultAgent`; it must be defined.
fn pick_agent(config: &Config, flag: Option<&str>) -> anyhow::Result<String> {
    let id = flag.unwrap_or(&config.default_agent);
    if !config.agents.contains_key(id) {
        let known: Vec<&str> = config.agents.keys().map(String::as_str).collect();
        let hint = if known.is_empty() {
            "no agents are defined: create one with `openclaw agent new <id>`".to_string()
        } else {
            format!("agents defined: {}", known.join(", "))
        };
        return Err(hinted(format!("unknown agent {id:?}"), hint));
    }
    crate::agent::validate_id(id)?;
    Ok(id.to_string())
}

/// The zone "today" is counted in: `session.reset.timezone`.
fn time_zone(config: &Config) -> anyhow::Result<TimeZone> {
    let name = &config.session.reset.timezone;
    config
        .session
        .reset
        .time_zone()
        .with_context(|| format!("session.reset.timezone: unknown time zone {name:?}"))
}
