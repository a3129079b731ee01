//! `openclaw cron add`.

use std::io::Write;

use jiff::Timestamp;

use super::super::{CmdResult, Ctx, Exit, usage};
use crate::cron::{self, Action, Job, Schedule, SessionTarget, schedule};

/// Schedule a message to an agent, or a reset of its stale sessions.
///
/// Exactly one schedule: --cron takes a standard 5-field expression (minute hour day-of-month
/// month day-of-week, with lists, ranges, steps and names such as mon-fri or jan, or @daily and
/// @hourly) evaluated in --tz (default: session.reset.timezone); --every an interval counted from
/// the end of the previous run; --at one time (RFC 3339, or YYYY-MM-DD HH:MM in --tz), after
/// which the job disables itself. A time that does not exist on a daylight-saving day runs once
/// at the end of the gap; a time that happens twice runs once. The fields mean what they mean
/// to the system cron: day-of-month and day-of-week are ORed when both are restricted, and ANDed
/// when either starts with * (so "0 9 */4 * sun" runs on Sundays that are the 1st, 5th, 9th, …).
/// The job's next three runs are printed, so you can see at once what the expression means.
///
/// A message runs an agent turn in a session of its own (agent:<id>:cron:<job>) or, with
/// --session main, in the agent's main session; --deliver sends the reply to a channel peer
/// through the running gateway. The gateway runs due jobs; `openclaw cron run` runs one now.
///
/// Examples:
///   openclaw cron add --name briefing --cron "0 8 * * mon-fri" --tz Europe/Amsterdam \
///     --agent jarvis --message "Brief me on today's calendar and mail" --deliver telegram:123456789
///   openclaw cron add --name tidy --every 6h --agent main --reset-stale
///   openclaw cron add --name reminder --at "2026-12-24 17:00" --message "Remind me to call mum"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[command(group(clap::ArgGroup::new("when").required(true).args(["cron", "every", "at"])))]
#[command(group(clap::ArgGroup::new("what").required(true).args(["message", "reset_stale"])))]
pub struct Args {
    /// A name for the job (its id is made from it)
    #[arg(long)]
    pub name: String,
    /// A cron expression, e.g. "0 8 * * mon-fri"
    #[arg(long, value_name = "EXPR")]
    pub cron: Option<String>,
    /// Run every DURATION (e.g. 30m, 6h, 1d)
    #[arg(long, value_name = "DURATION")]
    pub every: Option<String>,
    /// Run once at TIME (RFC 3339, or YYYY-MM-DD HH:MM in --tz)
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// IANA time zone for --cron and --at [default: session.reset.timezone]
    #[arg(long, value_name = "ZONE", conflicts_with = "every")]
    pub tz: Option<String>,
    /// The agent [default: defaultAgent]
    #[arg(long)]
    pub agent: Option<String>,
    /// The message the agent gets
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    /// Reset the agent's stale sessions instead (the session.reset policy)
    #[arg(long)]
    pub reset_stale: bool,
    /// Which session the message goes to
    #[arg(long, value_enum, default_value_t = SessionTarget::Isolated, conflicts_with = "reset_stale")]
    pub session: SessionTarget,
    /// Send the reply to CHANNEL:PEER (needs the running gateway)
    #[arg(long, value_name = "CHANNEL:PEER", conflicts_with = "reset_stale")]
    pub deliver: Option<String>,
}

/// Validates everything, adds the job and prints its id and next runs (three for a cron
/// expression; `-q`: only the id).
pub fn cmd_add(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config()?.config;
    let agent = args.agent.clone().unwrap_or_else(|| config.default_agent.clone());
    super::super::agent::require_agent(&config, &agent)?;
    if args.name.trim().is_empty() {
        return Err(usage("--name is empty"));
    }
    let zone_name = match &args.tz {
        Some(z) => z.clone(),
        None => config.session.reset.timezone.clone(),
    };
    let tz = schedule::zone(&zone_name).map_err(|e| usage(format!("--tz: {e}")))?;
    // Store the zone's name rather than `local`, so the job means the same wherever it runs.
    let zone_name = if zone_name.eq_ignore_ascii_case("local") {
        tz.iana_name().map(String::from).unwrap_or(zone_name)
    } else {
        zone_name
    };
    let now = Timestamp::now();
    let schedule = if let Some(expr) = &args.cron {
        cron::CronExpr::parse(expr).map_err(|e| usage(e.to_string()))?;
        Schedule::Cron { expr: expr.trim().to_string(), tz: zone_name }
    } else if let Some(every) = &args.every {
        schedule::parse_every(every).map_err(|e| usage(format!("--every: {e}")))?;
        Schedule::Every { every: every.trim().to_string() }
    } else {
        let text = args.at.as_deref().unwrap_or_default();
        let at = schedule::parse_at(text, &tz).map_err(|e| usage(format!("--at: {e}")))?;
        if at <= now {
            return Err(usage(format!("--at {text:?} is in the past")));
        }
        Schedule::At { at: crate::time::rfc3339_ms(at) }
    };
    let action = match &args.message {
        Some(m) if m.trim().is_empty() => return Err(usage("--message is empty")),
        Some(m) => Action::Message { message: m.clone() },
        None => Action::ResetStale { reset_stale: true },
    };
    if let Some(d) = &args.deliver {
        match d.split_once(':') {
            Some((c, p)) if !c.is_empty() && !p.is_empty() => {}
            _ => {
                return Err(usage(format!(
                    "--deliver {d:?}: expected CHANNEL:PEER, e.g. telegram:123456789"
                )));
            }
        }
    }
    let next = schedule.next_after(now)?;
    if next.is_none() && matches!(schedule, Schedule::Cron { .. }) {
        return Err(usage(format!(
            "--cron {:?} never fires (no matching date in the next 8 years)",
            args.cron.as_deref().unwrap_or_default()
        )));
    }
    let job = cron::add(
        &ctx.home,
        Job {
            id: String::new(),
            name: args.name.trim().to_string(),
            agent,
            schedule,
            action,
            session: args.session,
            deliver: args.deliver.clone(),
            enabled: true,
            created_at: now,
            last_run_at: None,
            last_status: None,
            next_run_at: next,
            failures: 0,
            backoff_until: None,
        },
    )?;
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&job)?;
        return Ok(Exit::Success);
    }
    if p.quiet {
        let mut out = p.stdout();
        writeln!(out, "{}", job.id)?;
        out.flush()?;
        return Ok(Exit::Success);
    }
    // Three runs of a cron expression show what it means (every other day, or every day?); an
    // interval counts from the end of each run, so only its first run is known.
    let tz = job.schedule.time_zone();
    let runs: Vec<String> = match &job.schedule {
        Schedule::Cron { .. } => {
            std::iter::successors(job.next_run_at, |t| job.schedule.next_after(*t).ok().flatten())
                .take(3)
                .map(|t| super::when(t, &tz))
                .collect()
        }
        _ => job.next_run_at.iter().map(|t| super::when(*t, &tz)).collect(),
    };
    let mut text = format!("added cron job {} ({})", job.id, job.schedule);
    match &runs[..] {
        [] => text.push_str("\nnext run: never"),
        [one] => text.push_str(&format!("\nnext run: {one}")),
        many => text.push_str(&format!("\nnext runs:\n  {}", many.join("\n  "))),
    }
    p.status(text)?;
    Ok(Exit::Success)
}
