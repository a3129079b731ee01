//! `openclaw session prune`.

use jiff::Timestamp;

use super::super::{CmdResult, Ctx, Exit, human_bytes};
use crate::session::{Archived, prune};

/// Delete archived transcripts older than a duration.
///
/// Resets move transcripts to `transcripts/archive/` and never delete them; this command is how
/// they go away. The age is taken from the UTC stamp in the archive's file name (its
/// modification time when the name has none). Live transcripts and sessions.json are never
/// touched.
///
/// Examples:
///   openclaw session prune --older-than 30d
///   openclaw session prune --older-than 2w --agent jarvis --dry-run
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Delete archives older than DURATION (e.g. 30d, 2w, 12h)
    #[arg(long, value_name = "DURATION")]
    pub older_than: String,
    /// Only this agent's archives
    #[arg(long, value_name = "AGENT")]
    pub agent: Option<String>,
    /// Show what would be deleted and delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs `session prune`.
pub fn cmd_prune(ctx: &Ctx, args: &Args) -> CmdResult {
    let older_than = super::duration_arg("--older-than", &args.older_than)?;
    let loaded = ctx.load_config()?;
    let agents = super::agents(&loaded.config, args.agent.as_deref())?;
    let now = Timestamp::now();
    let mut all: Vec<Archived> = Vec::new();
    for agent in &agents {
        all.extend(prune(&ctx.home, agent, older_than, now, args.dry_run)?);
    }
    if ctx.printer.json {
        ctx.printer.json_doc(&all)?;
        return Ok(Exit::Success);
    }
    let verb = if args.dry_run { "would remove" } else { "removed" };
    let root = ctx.home.root();
    for a in &all {
        let shown = a.path.strip_prefix(root).unwrap_or(&a.path);
        ctx.printer.status(format!("{verb} {}", shown.display()))?;
    }
    let bytes: u64 = all.iter().map(|a| a.bytes).sum();
    ctx.printer.status(format!(
        "{verb} {} archived transcript{} ({})",
        all.len(),
        if all.len() == 1 { "" } else { "s" },
        human_bytes(bytes)
    ))?;
    Ok(Exit::Success)
}
