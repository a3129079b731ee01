//! `openclaw doctor` (placeholder until implemented).

use super::{CmdResult, Ctx};

/// Placeholder
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Placeholder.
pub fn cmd_doctor(_ctx: &Ctx, _args: &Args) -> CmdResult {
    anyhow::bail!("not implemented yet")
}
