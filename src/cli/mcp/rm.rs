//! `openclaw mcp rm`.

use crate::cli::{CmdResult, Ctx, Exit};
use crate::config::ConfigDoc;

/// Remove an MCP server from gateway.json5.
///
/// Deletes mcp.servers.<name> (comments elsewhere in the file are kept). A running gateway
/// notices the change and stops the server; agents lose its tools from their next turn. An
/// agent whose `mcp` list still names it makes the change invalid, and nothing is written.
///
/// Examples:
///   openclaw mcp rm files
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The server (mcp.servers.<name>)
    pub name: String,
}

/// Removes the entry and saves.
pub fn cmd_rm(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    doc.remove_mcp_server(&args.name)?;
    doc.save()?;
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&serde_json::json!({"removed": args.name}))?;
    } else {
        p.status(format!("removed MCP server {}", args.name))?;
    }
    Ok(Exit::Success)
}
