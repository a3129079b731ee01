//! `openclaw config show`.

use crate::cli::{CmdResult, Ctx, Exit};

/// Print the effective configuration as JSON
///
/// Shows what openclaw actually uses: defaults filled in, `${VAR}` references expanded and agent
/// `main` always present. Secrets (apiKey, token, botToken, appToken, …) print as "***" unless
/// --show-secrets is given. Warnings about unknown keys go to stderr.
///
/// Examples:
///   openclaw config show
///   openclaw config show | jq '.agents | keys'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Print secrets instead of "***"
    #[arg(long)]
    pub show_secrets: bool,
}

/// Prints the effective configuration.
pub fn cmd_show(ctx: &Ctx, args: &Args) -> CmdResult {
    let loaded = ctx.load_config_strict_or_last_good()?;
    ctx.printer.json_doc(&loaded.config.to_json(args.show_secrets))?;
    Ok(Exit::Success)
}
