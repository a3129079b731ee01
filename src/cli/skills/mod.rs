//! `openclaw skills …`: the skills in an agent's workspace (DESIGN §4). Listing lives in
//! [`crate::agent::skills`]; this folder prints it.

mod ls;

use super::{CmdResult, Ctx};

/// The skills commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Ls(ls::Args),
}

/// Runs one skills command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
    }
}
