//! `openclaw agent …` (placeholder until implemented).

use super::{CmdResult, Ctx};

/// The agent commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Not implemented yet
    Todo,
}

/// Runs one agent command.
pub fn run(_ctx: &Ctx, _cmd: Command) -> CmdResult {
    anyhow::bail!("not implemented yet")
}
