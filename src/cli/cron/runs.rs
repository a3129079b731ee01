//! `openclaw cron runs`.

use std::io::Write;

use super::super::{CmdResult, Ctx, Exit, Printer, table};
use crate::cron::{self, RunRecord};

/// Show a job's run history, oldest first.
///
/// One row per run: when it started, how it ended, how long it took, the session it ran in and
/// the start of its reply (or its error). `--json` prints the records as JSON Lines, exactly as
/// stored in cron/runs/<id>.jsonl.
///
/// Examples:
///   openclaw cron runs briefing-3f9a --tail 5
///   openclaw cron runs briefing-3f9a --json | jq -r 'select(.status == "error") | .error'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The job id (see `openclaw cron ls`)
    pub id: String,
    /// Only the last N runs
    #[arg(long, value_name = "N")]
    pub tail: Option<usize>,
}

/// Prints the history table (or JSON Lines).
pub fn cmd_runs(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let jobs = cron::load(&ctx.home)?;
    let job = jobs.get(&args.id);
    if job.is_none() && !cron::jobs::runs_path(&ctx.home, &args.id).is_file() {
        return Err(
            cron::CronError::Unknown { id: args.id.clone(), known: jobs.keys().cloned().collect() }.into()
        );
    }
    let (runs, warnings) = cron::runs(&ctx.home, &args.id, args.tail)?;
    let p = &ctx.printer;
    for w in &warnings {
        p.warn(w);
    }
    let mut out = p.stdout();
    if p.json {
        for r in &runs {
            Printer::json_line(&mut out, r)?;
        }
        out.flush()?;
        return Ok(Exit::Success);
    }
    if runs.is_empty() {
        p.status(format!("job {} has not run yet", args.id))?;
        return Ok(Exit::Success);
    }
    let tz = job.map(|j| j.schedule.time_zone()).unwrap_or_else(jiff::tz::TimeZone::system);
    let rows: Vec<Vec<String>> = runs.iter().map(|r| row(r, &tz)).collect();
    write!(out, "{}", table(&["STARTED", "STATUS", "TOOK", "SESSION", "REPLY"], &rows))?;
    out.flush()?;
    Ok(Exit::Success)
}

fn row(r: &RunRecord, tz: &jiff::tz::TimeZone) -> Vec<String> {
    let took = r.finished_at.duration_since(r.started_at);
    let took = format!("{:.1}s", took.as_secs_f64().max(0.0));
    let text = r.error.as_deref().or(r.reply.as_deref()).unwrap_or("");
    let first = text.lines().next().unwrap_or("");
    let mut short: String = first.chars().take(60).collect();
    if short.len() < first.len() || text.lines().nth(1).is_some() {
        short.push('…');
    }
    vec![
        super::when(r.started_at, tz),
        r.status.as_str().to_string(),
        took,
        r.session_key.clone().unwrap_or_else(|| "-".into()),
        short,
    ]
}
