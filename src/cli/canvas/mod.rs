//! `openclaw canvas …`: the canvases agents presented (DESIGN §11, the `canvas` tool), read from
//! each agent's `state/canvas/`. Storage lives in [`crate::canvas`]; this folder prints it.

mod ls;
mod show;

use super::{CmdResult, Ctx};

/// The canvas commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Ls(ls::Args),
    Show(show::Args),
}

/// Runs one canvas command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::Show(args) => show::cmd_show(ctx, &args),
    }
}

/// The agents a command looks at: the one given (which must exist), else every agent.
fn agents(ctx: &Ctx, agent: Option<&str>) -> anyhow::Result<Vec<String>> {
    let config = ctx.load_config_readonly()?.loaded.config;
    match agent {
        Some(a) => {
            crate::cli::agent::require_agent(&config, a)?;
            Ok(vec![a.to_string()])
        }
        None => Ok(config.agent_ids().into_iter().map(str::to_string).collect()),
    }
}
