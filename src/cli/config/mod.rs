//! `openclaw config …`: where the configuration is, what it says, whether it is valid, and
//! single-key reads and comment-preserving writes.

mod get;
mod path;
mod set;
mod show;
mod unset;
mod validate;

use super::{CmdResult, Ctx};

/// Inspect and change gateway.json5.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Path(path::Args),
    Show(show::Args),
    Validate(validate::Args),
    Get(get::Args),
    Set(set::Args),
    Unset(unset::Args),
}

/// Runs one config command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Path(args) => path::cmd_path(ctx, &args),
        Command::Show(args) => show::cmd_show(ctx, &args),
        Command::Validate(args) => validate::cmd_validate(ctx, &args),
        Command::Get(args) => get::cmd_get(ctx, &args),
        Command::Set(args) => set::cmd_set(ctx, &args),
        Command::Unset(args) => unset::cmd_unset(ctx, &args),
    }
}
