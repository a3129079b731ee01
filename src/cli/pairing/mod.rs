//! `openclaw pairing …`: the owner's side of the pairing flow (DESIGN §10). The policy and the
//! files live in [`crate::channel::access`]; this folder prints and approves.

mod approve;
mod ls;

use super::{CmdResult, Ctx};

/// List and approve pairing requests
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Ls(ls::Args),
    Approve(approve::Args),
}

/// Runs one pairing command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::Approve(args) => approve::cmd_approve(ctx, &args),
    }
}

/// `Ann (@ann, id 42)`, or as much of it as is known.
fn who(id: &str, name: Option<&str>, username: Option<&str>) -> String {
    match (name, username) {
        (Some(n), Some(u)) => format!("{n} (@{u}, id {id})"),
        (Some(n), None) => format!("{n} (id {id})"),
        (None, Some(u)) => format!("@{u} (id {id})"),
        (None, None) => format!("id {id}"),
    }
}
