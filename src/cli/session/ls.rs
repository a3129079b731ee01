//! `openclaw session ls`.

use std::io::Write;

use jiff::Timestamp;
use serde::Serialize;

use super::super::{CmdResult, Ctx, Exit, table};
use crate::session::{EntrySummary, SessionEntry, SessionStore};

/// List sessions, newest first.
///
/// Shows every session of every configured agent (or of `--agent`): its key, agent, channel,
/// time since the last interaction, message count and tokens used (input + output) since the
/// last reset. `--json` prints an array of the full entries, each with its `key` and `agent`.
///
/// Examples:
///   openclaw session ls
///   openclaw session ls --agent jarvis --channel telegram
///   openclaw session ls --active 30m
///   openclaw session ls --stale --json | jq -r '.[].key'
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this agent's sessions
    #[arg(long, value_name = "AGENT")]
    pub agent: Option<String>,
    /// Only sessions of this channel (e.g. telegram)
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// Only sessions with an interaction within DURATION (e.g. 30m, 12h, 7d)
    #[arg(long, value_name = "DURATION")]
    pub active: Option<String>,
    /// Only sessions the reset policy would reset now
    #[arg(long)]
    pub stale: bool,
}

struct Row<'a> {
    agent: &'a str,
    key: &'a str,
    entry: &'a EntrySummary<'a>,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    key: &'a str,
    agent: &'a str,
    #[serde(flatten)]
    entry: &'a SessionEntry,
}

/// Runs `session ls`.
pub fn cmd_ls(ctx: &Ctx, args: &Args) -> CmdResult {
    let loaded = ctx.load_config()?;
    let agents = super::agents(&loaded.config, args.agent.as_deref())?;
    let active = args.active.as_deref().map(|v| super::duration_arg("--active", v)).transpose()?;
    let now = Timestamp::now();
    let now_ms = now.as_millisecond();
    let cutoffs = if args.stale { Some(super::policy(ctx, &loaded.config)?.cutoffs(now)) } else { None };
    let active_since = active.map(|d| now_ms.saturating_sub(d.as_millis() as i64));
    let channel = args.channel.as_deref().map(str::to_ascii_lowercase);

    let raws = agents
        .iter()
        .map(|a| SessionStore::open(&ctx.home, a).read_raw().map(|r| (a.as_str(), r)))
        .collect::<Result<Vec<_>, _>>()?;
    let summaries =
        raws.iter().map(|(a, r)| r.summaries().map(|s| (*a, s))).collect::<Result<Vec<_>, _>>()?;

    let mut rows: Vec<Row<'_>> = Vec::new();
    for (agent, list) in &summaries {
        for (key, entry) in list {
            if let Some(c) = &channel
                && !entry_channel(key, entry).is_some_and(|ec| ec.eq_ignore_ascii_case(c))
            {
                continue;
            }
            if active_since.is_some_and(|since| entry.last_interaction_at < since) {
                continue;
            }
            if cutoffs
                .is_some_and(|c| c.reason(entry.session_started_at, entry.last_interaction_at).is_none())
            {
                continue;
            }
            rows.push(Row { agent, key, entry });
        }
    }
    rows.sort_unstable_by(|a, b| {
        b.entry
            .last_interaction_at
            .cmp(&a.entry.last_interaction_at)
            .then_with(|| b.entry.updated_at.cmp(&a.entry.updated_at))
            .then_with(|| a.key.cmp(b.key))
    });

    if ctx.printer.json {
        return print_json(ctx, &raws, &rows);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let age = crate::time::human_age(jiff::SignedDuration::from_millis(
                now_ms.saturating_sub(r.entry.last_interaction_at),
            ));
            vec![
                r.key.to_string(),
                r.agent.to_string(),
                entry_channel(r.key, r.entry).unwrap_or("-").to_string(),
                age,
                r.entry.message_count.to_string(),
                r.entry.input_tokens.saturating_add(r.entry.output_tokens).to_string(),
            ]
        })
        .collect();
    let mut out = ctx.printer.stdout();
    if rows.is_empty() {
        drop(out);
        ctx.printer.status("no sessions")?;
        return Ok(Exit::Success);
    }
    out.write_all(table(&["KEY", "AGENT", "CHANNEL", "AGE", "MESSAGES", "TOKENS"], &cells).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}

/// The channel of an entry, or the one its key names.
fn entry_channel<'a>(key: &'a str, entry: &'a EntrySummary<'a>) -> Option<&'a str> {
    entry.channel.as_deref().or_else(|| {
        // agent:<id>:<channel>:peer|channel:… — the third part, unless it is a kind word.
        let mut parts = key.splitn(4, ':');
        let third = parts.nth(2)?;
        parts.next()?;
        (!matches!(third, "main" | "peer" | "subagent" | "cron")).then_some(third)
    })
}

fn print_json(ctx: &Ctx, raws: &[(&str, crate::session::RawStore)], rows: &[Row<'_>]) -> CmdResult {
    // Full entries (unknown fields included) only for the rows shown.
    let mut full = std::collections::HashMap::new();
    for (agent, raw) in raws {
        if rows.iter().any(|r| r.agent == *agent) {
            full.insert(*agent, raw.sessions()?);
        }
    }
    let mut out = ctx.printer.stdout();
    out.write_all(b"[")?;
    for (i, r) in rows.iter().enumerate() {
        let Some(entry) = full.get(r.agent).and_then(|m| m.get(r.key)) else { continue };
        out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut out, &JsonEntry { key: r.key, agent: r.agent, entry })?;
    }
    out.write_all(if rows.is_empty() { b"]\n" } else { b"\n]\n" })?;
    out.flush()?;
    Ok(Exit::Success)
}
