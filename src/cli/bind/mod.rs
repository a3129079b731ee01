//! `openclaw bind …`: the routing rules in `agents.<id>.bindings` of gateway.json5 (DESIGN §5).

mod add;
pub mod explain;
mod ls;
mod rm;

use super::{CmdResult, Ctx};

/// Route channels, accounts, peers and groups to agents.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Add(add::Args),
    Ls(ls::Args),
    Rm(rm::Args),
    Explain(explain::Args),
}

/// Runs one bind command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Add(args) => add::cmd_add(ctx, &args),
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::Rm(args) => rm::cmd_rm(ctx, &args),
        Command::Explain(args) => explain::cmd_explain(ctx, &args),
    }
}

/// A binding as JSON output: its agent, its 1-based number and its fields (absent ones null).
pub(crate) fn binding_json(agent: &str, n: usize, b: &crate::config::Binding) -> serde_json::Value {
    serde_json::json!({
        "agent": agent,
        "n": n,
        "channel": b.channel,
        "accountId": b.account_id,
        "peer": b.peer,
        "group": b.group,
    })
}
