//! `openclaw bind explain` (placeholder; the routing helper provides the real one).

use crate::cli::{CmdResult, Ctx};

/// Show which agent and session a message would go to.
///
/// Examples:
///   openclaw bind explain --channel telegram --peer jonas_1
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Channel the message arrives on, e.g. telegram
    #[arg(long)]
    pub channel: String,
    /// Channel account id
    #[arg(long)]
    pub account: Option<String>,
    /// Sender id or name
    #[arg(long)]
    pub peer: Option<String>,
    /// Group or channel id
    #[arg(long)]
    pub group: Option<String>,
}

/// Explains the routing of one message.
pub fn cmd_explain(_ctx: &Ctx, _args: &Args) -> CmdResult {
    anyhow::bail!("bind explain is not wired yet")
}
