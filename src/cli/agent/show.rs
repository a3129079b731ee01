//! `openclaw agent show`.

use std::io::Write;

use super::super::{CmdResult, Ctx, Exit, human_bytes};
use super::AgentSummary;

/// Show one agent: paths, model, bindings, sessions and memory size.
///
/// Examples:
///   openclaw agent show main
///   openclaw agent show jarvis --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The agent to show
    pub id: String,
}

/// Prints the agent's summary.
pub fn cmd_show(ctx: &Ctx, args: &Args) -> CmdResult {
    let loaded = ctx.load_config_readonly()?.loaded;
    super::require_agent(&loaded.config, &args.id)?;
    let a = AgentSummary::gather(&ctx.home, &loaded.config, &args.id);
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&a)?;
        return Ok(Exit::Success);
    }
    let mut out = p.stdout();
    let model = if a.model_is_default { format!("{} (models.default)", a.model) } else { a.model.clone() };
    writeln!(out, "agent:      {}{}", a.id, if a.default { " (defaultAgent)" } else { "" })?;
    writeln!(out, "model:      {model}")?;
    writeln!(out, "workspace:  {}", a.workspace)?;
    writeln!(out, "state:      {}", a.state)?;
    writeln!(out, "sessions:   {}", a.sessions)?;
    writeln!(
        out,
        "memory:     MEMORY.md {}, {} daily log{} ({})",
        human_bytes(a.memory.long_bytes),
        a.memory.daily_logs,
        if a.memory.daily_logs == 1 { "" } else { "s" },
        human_bytes(a.memory.daily_bytes)
    )?;
    if a.bindings.is_empty() {
        writeln!(out, "bindings:   none")?;
    } else {
        writeln!(out, "bindings:")?;
        for (i, b) in a.bindings.iter().enumerate() {
            writeln!(out, "  #{} {}", i + 1, crate::routing::display_binding(b))?;
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
