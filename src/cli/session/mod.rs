//! `openclaw session …` (placeholder until implemented).

use super::{CmdResult, Ctx};

/// The session commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Not implemented yet
    Todo,
}

/// Runs one session command.
pub fn run(_ctx: &Ctx, _cmd: Command) -> CmdResult {
    anyhow::bail!("not implemented yet")
}
