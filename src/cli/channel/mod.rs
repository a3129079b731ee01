//! `openclaw channel …`: the channel accounts of gateway.json5 as the gateway runs them, and the
//! outbox's dead letters.

mod dead_letters;
mod ls;

use super::{CmdResult, Ctx};

/// List channel accounts and their health; list and resend dead letters
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Ls(ls::Args),
    DeadLetters(dead_letters::Args),
}

/// Runs one channel command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::DeadLetters(args) => dead_letters::cmd_dead_letters(ctx, &args),
    }
}
