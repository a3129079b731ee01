//! `openclaw cron run`.

use std::io::Write;

use jiff::Timestamp;

use super::super::{CmdResult, Ctx, Exit};
use crate::agent::turn::Runtime;
use crate::cron::{self, DirectDeliver, Status};

/// Run a scheduled job now, in this process, and print the reply.
///
/// The run is recorded like a scheduled one (cron runs shows it) and the job's next run is
/// computed from now. A --deliver target is sent to directly through its channel (the channel's
/// error, if any, is recorded and fails the run). Exits 1 when the run failed.
///
/// Examples:
///   openclaw cron run briefing-3f9a
///   openclaw cron run briefing-3f9a --json | jq .usage
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The job id (see `openclaw cron ls`)
    pub id: String,
}

/// Runs the job and prints its reply (or, with --json, the run record).
pub fn cmd_run(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config_strict()?.config;
    let job = cron::get(&ctx.home, &args.id)?;
    let options = crate::provider::Options::from_config(&config.models);
    let rt = Runtime::new(ctx.home.clone(), config, options)?;
    let deliver = DirectDeliver { home: ctx.home.clone(), config: rt.config.clone() };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let record = runtime.block_on(cron::run_job(&rt, &job, Timestamp::now(), &deliver));
    runtime.block_on(rt.browsers.shutdown());
    let record = record?;
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&record)?;
        return Ok(if record.status == Status::Ok { Exit::Success } else { Exit::Failure });
    }
    if let Some(reply) = &record.reply {
        let mut out = p.stdout();
        writeln!(out, "{}", reply.trim_end())?;
        out.flush()?;
    }
    if let Some(d) = &record.delivery
        && d.status != "sent"
    {
        p.warn(format!("not delivered to {}: {}", d.to, d.detail));
    }
    match record.error {
        Some(e) => Err(anyhow::anyhow!("cron job {} failed: {e}", job.id)),
        None => Ok(Exit::Success),
    }
}
