//! `openclaw cron ls`.

use std::io::Write;

use jiff::Timestamp;

use super::super::{CmdResult, Ctx, Exit, table};
use crate::cron::{self, Job};

/// List scheduled jobs.
///
/// Shows each job's id, name, agent, schedule, next run (in the job's zone) and how its last run
/// ended. `--json` prints the jobs as stored in cron/jobs.json, as an array.
///
/// Examples:
///   openclaw cron ls
///   openclaw cron ls --json | jq -r '.[] | select(.lastStatus == "error") | .id'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Prints the table (or JSON array) of jobs.
pub fn cmd_ls(ctx: &Ctx, _args: &Args) -> CmdResult {
    ctx.home.require()?;
    let jobs: Vec<Job> = cron::load(&ctx.home)?.into_values().collect();
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&jobs)?;
        return Ok(Exit::Success);
    }
    if jobs.is_empty() {
        p.status("no cron jobs; add one with `openclaw cron add`")?;
        return Ok(Exit::Success);
    }
    let now = Timestamp::now();
    let rows: Vec<Vec<String>> = jobs.iter().map(|j| row(j, now)).collect();
    let mut out = p.stdout();
    write!(out, "{}", table(&["ID", "NAME", "AGENT", "SCHEDULE", "NEXT", "LAST"], &rows))?;
    out.flush()?;
    Ok(Exit::Success)
}

fn row(j: &Job, now: Timestamp) -> Vec<String> {
    let tz = j.schedule.time_zone();
    let next = match (j.enabled, j.next_run_at) {
        (false, _) => "disabled".to_string(),
        (true, None) => "never".to_string(),
        (true, Some(t)) => match j.backoff_until.filter(|b| *b > t.max(now)) {
            Some(b) => format!("{} (backing off)", super::when(b, &tz)),
            None => super::when(t, &tz),
        },
    };
    let last = match (j.last_status, j.last_run_at) {
        (Some(s), Some(t)) => format!("{} {}", s.as_str(), super::relative(t, now)),
        _ => "-".to_string(),
    };
    vec![j.id.clone(), j.name.clone(), j.agent.clone(), j.schedule.to_string(), next, last]
}
