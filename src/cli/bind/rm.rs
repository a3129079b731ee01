//! `openclaw bind rm`.

use crate::cli::{CmdResult, Ctx, Exit};
use crate::config::ConfigDoc;

/// Remove one binding of an agent
///
/// N is the binding's number as `openclaw bind ls` shows it (1-based, per agent); the bindings
/// after it move up by one. Comments and layout of gateway.json5 are kept.
///
/// Examples:
///   openclaw bind ls --agent jarvis
///   openclaw bind rm jarvis 2
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The agent whose binding goes
    pub agent: String,
    /// The binding's number, from `openclaw bind ls`
    #[arg(value_parser = clap::value_parser!(u64).range(1..))]
    pub n: u64,
}

/// Removes a binding.
pub fn cmd_rm(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let n = usize::try_from(args.n).unwrap_or(usize::MAX);
    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    let binding = doc.remove_binding(&args.agent, n)?;
    let loaded = doc.save()?;
    for w in &loaded.warnings {
        ctx.printer.warn(w);
    }
    if ctx.printer.json {
        ctx.printer.json_doc(&super::binding_json(&args.agent, n, &binding))?;
    } else {
        ctx.printer.status(format!("removed binding {n} of {}: {binding}", args.agent))?;
    }
    Ok(Exit::Success)
}
