//! `openclaw agent ls`.

use super::super::{CmdResult, Ctx, Exit, table};
use super::AgentSummary;

/// List agents with their model, bindings and session count.
///
/// Agents are listed in gateway.json5 order; the default agent is marked with '*'.
///
/// Examples:
///   openclaw agent ls
///   openclaw agent ls --json | jq -r '.[].id'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Prints one row per configured agent.
pub fn cmd_ls(ctx: &Ctx, _args: &Args) -> CmdResult {
    let loaded = ctx.load_config_readonly()?.loaded;
    let agents: Vec<AgentSummary> =
        loaded.config.agents.keys().map(|id| AgentSummary::gather(&ctx.home, &loaded.config, id)).collect();
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&agents)?;
        return Ok(Exit::Success);
    }
    let rows: Vec<Vec<String>> = agents
        .iter()
        .map(|a| {
            let id = if a.default { format!("{}*", a.id) } else { a.id.clone() };
            let model = if a.model_is_default { format!("{} (default)", a.model) } else { a.model.clone() };
            vec![id, model, a.bindings.len().to_string(), a.sessions.to_string()]
        })
        .collect();
    let mut out = p.stdout();
    use std::io::Write;
    out.write_all(table(&["AGENT", "MODEL", "BINDINGS", "SESSIONS"], &rows).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}
