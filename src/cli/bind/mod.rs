//! `openclaw bind …` (placeholder until implemented).

use super::{CmdResult, Ctx};

/// The bind commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Not implemented yet
    Todo,
}

/// Runs one bind command.
pub fn run(_ctx: &Ctx, _cmd: Command) -> CmdResult {
    anyhow::bail!("not implemented yet")
}
