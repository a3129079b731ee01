//! `openclaw session …`: list, show, reset and prune sessions (DESIGN §6, §9).

mod kill;
mod ls;
mod prune;
mod reset;
mod show;

use anyhow::Context as _;

use super::{CmdResult, Ctx, hinted};
use crate::config::Config;

/// List, show, reset and prune sessions
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Ls(ls::Args),
    Show(show::Args),
    Reset(reset::Args),
    Prune(prune::Args),
    Kill(kill::Args),
}

/// Runs one session command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::Show(args) => show::cmd_show(ctx, &args),
        Command::Reset(args) => reset::cmd_reset(ctx, &args),
        Command::Prune(args) => prune::cmd_prune(ctx, &args),
        Command::Kill(args) => kill::cmd_kill(ctx, &args),
    }
}

/// The agents a command covers: `--agent A` (which must exist) or every configured agent.
fn agents(config: &Config, only: Option<&str>) -> anyhow::Result<Vec<String>> {
    let known: Vec<String> = if config.agents.is_empty() {
        vec![config.default_agent.clone()]
    } else {
        config.agents.keys().cloned().collect()
    };
    match only {
        None => Ok(known),
        Some(a) if known.iter().any(|k| k == a) => Ok(vec![a.to_string()]),
        Some(a) => Err(hinted(
            format!("no agent {a:?} in gateway.json5"),
            format!("agents defined: {}", known.join(", ")),
        )),
    }
}

/// Parses a `--active`/`--older-than` value; a bad one is a usage error naming it.
fn duration_arg(flag: &str, value: &str) -> anyhow::Result<jiff::SignedDuration> {
    crate::time::parse_duration(value).map_err(|e| super::usage(format!("{flag}: {e}")))
}

/// The reset policy of the configuration, with the config file named on error.
fn policy(ctx: &Ctx, config: &Config) -> anyhow::Result<crate::session::Policy> {
    crate::session::Policy::from_config(&config.session.reset)
        .with_context(|| format!("{}", ctx.home.config_path().display()))
}
