//! `openclaw session reset`.

use jiff::Timestamp;

use super::super::{CmdResult, Ctx, Exit, usage};
use crate::session::{ResetOutcome, ResetReason, SessionKey, Target, reset};

/// Reset sessions: archive their transcripts and start new ones.
///
/// Give exactly one target: session keys, `--agent A` (all of A's sessions), or `--all` (every
/// agent). `--stale` narrows `--agent`/`--all` to the sessions the reset policy
/// (`session.reset` in gateway.json5) would reset now; alone it means all agents. Each reset moves
/// the live transcript to `transcripts/archive/<key>.<UTC>.jsonl` (nothing is deleted) and gives
/// the entry a new session id, start time and reason (`manual` for keys, `daily`/`idle` for
/// `--stale`). Safe to run while the gateway runs; a crontab line for nightly resets:
///   0 4 * * * openclaw session reset --stale --all
///
/// Examples:
///   openclaw session reset agent:main:main
///   openclaw session reset --agent jarvis --dry-run
///   openclaw session reset --stale --agent main --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Session keys to reset
    #[arg(value_name = "KEY")]
    pub keys: Vec<String>,
    /// Reset the sessions of this agent
    #[arg(long, value_name = "AGENT", conflicts_with = "all")]
    pub agent: Option<String>,
    /// Reset the sessions of every agent
    #[arg(long)]
    pub all: bool,
    /// Only sessions the reset policy would reset now
    #[arg(long)]
    pub stale: bool,
    /// Show what would be reset and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs `session reset`.
pub fn cmd_reset(ctx: &Ctx, args: &Args) -> CmdResult {
    let by_agent = args.agent.is_some() || args.all || args.stale;
    let has_keys = !args.keys.is_empty();
    if has_keys == by_agent {
        return Err(usage(if has_keys {
            "give either session keys or --agent/--all/--stale, not both"
        } else {
            "nothing to reset: give session keys, --agent AGENT, --all or --stale"
        }));
    }
    let keys = args
        .keys
        .iter()
        .map(|k| SessionKey::parse(k).map_err(|e| usage(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let loaded = ctx.load_config()?;
    let now = Timestamp::now();

    // (agent, target) batches: one lock per agent.
    let mut batches: Vec<(String, Target)> = Vec::new();
    if keys.is_empty() {
        let target = if args.stale {
            Target::Stale(super::policy(ctx, &loaded.config)?.cutoffs(now))
        } else {
            Target::All
        };
        for agent in super::agents(&loaded.config, args.agent.as_deref())? {
            batches.push((agent, target.clone()));
        }
    } else {
        for key in &keys {
            super::agents(&loaded.config, Some(&key.agent))?;
            let canonical = key.to_string();
            match batches.iter_mut().find(|(a, _)| *a == key.agent) {
                Some((_, Target::Keys(list, _))) => list.push(canonical),
                _ => batches.push((key.agent.clone(), Target::Keys(vec![canonical], ResetReason::Manual))),
            }
        }
    }

    if !args.dry_run
        && let Some(client) = super::super::gateway::Client::find(ctx, &loaded.config)
    {
        // Through the gateway, so each reset waits for the session's running turn.
        let body = if keys.is_empty() {
            serde_json::json!({"agent": args.agent, "all": args.agent.is_none(), "stale": args.stale})
        } else {
            serde_json::json!({"keys": keys.iter().map(|k| k.to_string()).collect::<Vec<_>>()})
        };
        let answer = client.post("/api/sessions/reset", &body, &mut |_| {})?;
        let done = answer["reset"].as_array().cloned().unwrap_or_default();
        let rows: Vec<(String, String)> = done
            .iter()
            .map(|o| {
                (o["key"].as_str().unwrap_or("").to_string(), o["reason"].as_str().unwrap_or("").to_string())
            })
            .collect();
        if ctx.printer.json {
            ctx.printer.json_doc(&done)?;
            return Ok(Exit::Success);
        }
        return report(ctx, &rows, "reset");
    }
    if !keys.is_empty() && !args.dry_run {
        // Keys of several agents are several batches: check them all before changing any.
        for (agent, target) in &batches {
            reset(&ctx.home, agent, target, now, true, &mut |_, _| {})?;
        }
    }
    let bar = ctx.printer.progress(0, if args.dry_run { "checking" } else { "resetting" });
    let mut done: Vec<ResetOutcome> = Vec::new();
    for (agent, target) in &batches {
        let mut tick = |i: usize, total: usize| {
            if i == 1 {
                bar.set_length(total as u64);
                bar.set_position(0);
            }
            bar.set_position(i as u64);
        };
        done.extend(reset(&ctx.home, agent, target, now, args.dry_run, &mut tick)?);
    }
    bar.finish_and_clear();

    if ctx.printer.json {
        ctx.printer.json_doc(&done)?;
        return Ok(Exit::Success);
    }
    let verb = if args.dry_run { "would reset" } else { "reset" };
    let rows: Vec<(String, String)> = done.iter().map(|o| (o.key.clone(), o.reason.to_string())).collect();
    report(ctx, &rows, verb)
}

/// Prints one line per reset session and a count.
fn report(ctx: &Ctx, done: &[(String, String)], verb: &str) -> CmdResult {
    let mut out = ctx.printer.stdout();
    if !ctx.printer.quiet {
        use std::io::Write;
        for o in done {
            writeln!(out, "{verb} {} ({})", o.0, o.1)?;
        }
        out.flush()?;
    }
    drop(out);
    if done.is_empty() {
        ctx.printer.status("nothing to reset")?;
    } else if done.len() > 1 {
        ctx.printer.status(format!("{verb} {} sessions", done.len()))?;
    }
    Ok(Exit::Success)
}
