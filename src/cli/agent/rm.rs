//! `openclaw agent rm`.

use crate::config::ConfigDoc;

use super::super::{CmdResult, Ctx, Exit, hinted};

/// Remove an agent: its config entry and its whole directory.
///
/// This deletes agents/<id>/ — workspace, memory, sessions and transcripts — so it refuses
/// unless --purge is given. The default agent cannot be removed; point defaultAgent elsewhere
/// first.
///
/// Examples:
///   openclaw agent rm scratch --purge
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The agent to remove
    pub id: String,
    /// Really delete the agent's workspace, memory and sessions
    #[arg(long)]
    pub purge: bool,
}

/// Removes the config entry (validated first), then the directory.
pub fn cmd_rm(ctx: &Ctx, args: &Args) -> CmdResult {
    let loaded = ctx.load_config()?;
    let id = args.id.as_str();
    super::require_agent(&loaded.config, id)?;
    let dir = ctx.home.agent_dir(id);
    if !args.purge {
        return Err(hinted(
            format!(
                "agent rm would delete {} (workspace, memory and sessions) and is refused without --purge",
                dir.display()
            ),
            format!("openclaw agent rm {id} --purge"),
        ));
    }
    if loaded.config.default_agent == id {
        return Err(hinted(
            format!("agent {id:?} is the defaultAgent and cannot be removed"),
            "set another default first: openclaw config set defaultAgent <id>",
        ));
    }
    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    doc.remove_agent(id)?;
    doc.save()?;
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| anyhow::anyhow!("removing {}: {e}", dir.display()))?;
    }
    if ctx.printer.json {
        ctx.printer.json_doc(&serde_json::json!({ "removed": id, "path": dir.display().to_string() }))?;
    } else {
        ctx.printer.status(format!("Removed agent {id} and {}", dir.display()))?;
    }
    Ok(Exit::Success)
}
