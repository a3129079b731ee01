//! `openclaw cron rm`.

use super::super::{CmdResult, Ctx, Exit};
use crate::cron;

/// Remove a scheduled job.
///
/// The job stops running at once, also under a running gateway. Its run history stays in
/// cron/runs/<id>.jsonl.
///
/// Examples:
///   openclaw cron rm briefing-3f9a
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The job id (see `openclaw cron ls`)
    pub id: String,
}

/// Removes the job and says so.
pub fn cmd_rm(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let job = cron::remove(&ctx.home, &args.id)?;
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&job)?;
    } else {
        p.status(format!("removed cron job {} ({})", job.id, job.name))?;
    }
    Ok(Exit::Success)
}
