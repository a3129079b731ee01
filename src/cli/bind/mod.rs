//! `openclaw bind …`: routing rules in `gateway.json5` (DESIGN §5).
//!
//! Minimal group for the `routing` branch: only `explain`. The full group (add, ls, rm) replaces
//! this file at merge.

pub mod explain;

use super::{CmdResult, Ctx};

/// The bind commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Explain(explain::Args),
}

/// Runs one bind command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Explain(args) => explain::cmd_explain(ctx, &args),
    }
}
