//! `openclaw config unset`.

use crate::cli::{CmdResult, Ctx, Exit};
use crate::config::ConfigDoc;

/// Remove one key from gateway.json5, keeping comments and layout
///
/// Removes the key (with the comments inside its value) or, with an index, one list element;
/// what was removed falls back to its default. The file is locked, the result validated and
/// written atomically, as by `config set`. A key that is not in the file is an error (exit 1)
/// naming the closest key there, so a typo is never mistaken for success.
///
/// Examples:
///   openclaw config unset session.reset.idleMinutes
///   openclaw config unset agents.jarvis.bindings[0]
///   openclaw config unset 'channels.discord.accounts["bot.id"]'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Dotted key path, e.g. session.reset.idleMinutes
    pub path: String,
}

/// Removes the value at a key path.
pub fn cmd_unset(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    doc.unset(&args.path)?;
    let loaded = doc.save()?;
    for w in &loaded.warnings {
        ctx.printer.warn(w);
    }
    if ctx.printer.json {
        ctx.printer.json_doc(&serde_json::json!({ "path": args.path, "unset": true }))?;
    } else {
        ctx.printer.status(format!("unset {}", args.path))?;
    }
    Ok(Exit::Success)
}
