//! `openclaw import …`: bringing another agent runtime's home over. The reading, mapping and
//! writing live in [`crate::import`]; this folder parses flags and prints the plan.

mod openclaw;

use super::{CmdResult, Ctx};

/// Bring another runtime's state into this home
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Openclaw(openclaw::Args),
}

/// Runs one import command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Openclaw(args) => openclaw::cmd_openclaw(ctx, &args),
    }
}
