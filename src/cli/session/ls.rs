//! `openclaw session ls`.

use std::io::Write;

use jiff::Timestamp;

use super::super::{CmdResult, Ctx, Exit};
use crate::session::{EntrySummary, SessionStore};

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
#[command(verbatim_doc_comment)]
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

/// What the filters, the sort and the table need of one session.
struct Row<'a> {
    agent: &'a str,
    key: &'a str,
    channel: &'a str,
    started: i64,
    last: i64,
    updated: i64,
    messages: u64,
    tokens: u64,
    /// The entry's JSON text, for `--json`.
    json: Option<&'a str>,
    /// The parent session of a sub-agent.
    parent: Option<&'a str>,
    /// Nesting under its parent in the table (0 for top-level sessions).
    depth: usize,
}

impl<'a> Row<'a> {
    fn new(agent: &'a str, key: &'a str, e: &'a EntrySummary<'a>, json: Option<&'a str>) -> Self {
        Row {
            agent,
            key,
            channel: e.channel.as_deref().or_else(|| key_channel(key)).unwrap_or("-"),
            started: e.session_started_at,
            last: e.last_interaction_at,
            updated: e.updated_at,
            messages: e.message_count,
            tokens: e.input_tokens.saturating_add(e.output_tokens),
            json,
            parent: e.parent_key.as_deref(),
            depth: 0,
        }
    }
}

struct Filter {
    channel: Option<String>,
    active_since: Option<i64>,
    cutoffs: Option<crate::session::Cutoffs>,
}

impl Filter {
    fn keeps(&self, r: &Row<'_>) -> bool {
        self.channel.as_ref().is_none_or(|c| r.channel.eq_ignore_ascii_case(c))
            && self.active_since.is_none_or(|since| r.last >= since)
            && self.cutoffs.is_none_or(|c| c.reason(r.started, r.last).is_some())
    }
}

/// Runs `session ls`.
pub fn cmd_ls(ctx: &Ctx, args: &Args) -> CmdResult {
    let loaded = ctx.load_config_readonly()?.loaded;
    let agents = super::agents(&loaded.config, args.agent.as_deref())?;
    let active = args.active.as_deref().map(|v| super::duration_arg("--active", v)).transpose()?;
    let now = Timestamp::now();
    let now_ms = now.as_millisecond();
    let filter = Filter {
        channel: args.channel.as_deref().map(str::to_ascii_lowercase),
        active_since: active.map(|d| now_ms.saturating_sub(d.as_millis() as i64)),
        cutoffs: if args.stale { Some(super::policy(ctx, &loaded.config)?.cutoffs(now)) } else { None },
    };
    let raws = agents
        .iter()
        .map(|a| SessionStore::open(&ctx.home, a).read_raw().map(|r| (a.as_str(), r)))
        .collect::<Result<Vec<_>, _>>()?;

    if ctx.printer.json {
        // Entries verbatim (unknown fields included), without decoding and re-encoding them.
        let parsed =
            raws.iter().map(|(a, r)| r.raw_entries().map(|e| (*a, e))).collect::<Result<Vec<_>, _>>()?;
        let mut rows = Vec::new();
        for (agent, list) in &parsed {
            for (key, e) in list {
                let row = Row::new(agent, key, &e.summary, Some(e.json));
                if filter.keeps(&row) {
                    rows.push(row);
                }
            }
        }
        sort(&mut rows);
        return print_json(ctx, &rows);
    }

    let parsed = raws.iter().map(|(a, r)| r.summaries().map(|s| (*a, s))).collect::<Result<Vec<_>, _>>()?;
    let mut rows = Vec::with_capacity(parsed.iter().map(|(_, l)| l.len()).sum());
    for (agent, list) in &parsed {
        for (key, e) in list {
            let row = Row::new(agent, key, e, None);
            if filter.keeps(&row) {
                rows.push(row);
            }
        }
    }
    sort(&mut rows);
    let rows = nest(rows);
    if rows.is_empty() {
        ctx.printer.status("no sessions")?;
        return Ok(Exit::Success);
    }
    let ages: Vec<String> = rows
        .iter()
        .map(|r| match r.last {
            // Never interacted (or imported without times).
            ..=0 => "-".to_string(),
            last => crate::time::human_age(jiff::SignedDuration::from_millis(now_ms.saturating_sub(last))),
        })
        .collect();
    let mut out = ctx.printer.stdout();
    write_table(&mut out, &rows, &ages)?;
    out.flush()?;
    Ok(Exit::Success)
}

/// Puts sub-agent sessions right under their parent (in their sorted order), when both are
/// listed; a child whose parent is not listed stays where it was.
fn nest(rows: Vec<Row<'_>>) -> Vec<Row<'_>> {
    if rows.iter().all(|r| r.parent.is_none()) {
        return rows;
    }
    let listed: std::collections::HashSet<&str> = rows.iter().map(|r| r.key).collect();
    let mut children: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(p) = r.parent.filter(|p| listed.contains(p) && *p != r.key) {
            children.entry(p).or_default().push(i);
        }
    }
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(rows.len());
    let mut placed = vec![false; rows.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for i in 0..rows.len() {
        let top = rows[i].parent.is_none_or(|p| !listed.contains(p) || p == rows[i].key);
        if !top || placed[i] {
            continue;
        }
        stack.push((i, 0));
        while let Some((j, depth)) = stack.pop() {
            if std::mem::replace(&mut placed[j], true) {
                continue;
            }
            order.push((j, depth));
            for &c in children.get(rows[j].key).into_iter().flatten().rev() {
                stack.push((c, depth + 1));
            }
        }
    }
    // Anything left is in a parent cycle: list it flat rather than lose it.
    order.extend((0..rows.len()).filter(|&i| !placed[i]).map(|i| (i, 0)));
    let mut slots: Vec<Option<Row<'_>>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|(i, depth)| slots[i].take().map(|r| Row { depth, ..r })).collect()
}

/// Newest interaction first; ties by last change, then key.
fn sort(rows: &mut [Row<'_>]) {
    rows.sort_unstable_by(|a, b| {
        b.last.cmp(&a.last).then_with(|| b.updated.cmp(&a.updated)).then_with(|| a.key.cmp(b.key))
    });
}

/// Writes the table straight to `out`: the same layout as [`super::super::table`], without
/// building 600,000 cell strings (or going through `fmt` padding) for 100,000 sessions.
fn write_table(out: &mut impl Write, rows: &[Row<'_>], ages: &[String]) -> std::io::Result<()> {
    let width = |s: &str| if s.is_ascii() { s.len() } else { s.chars().count() };
    // Sub-agents are drawn under their parent: `↳ key`, indented by depth.
    fn shown<'r>(r: &Row<'r>) -> std::borrow::Cow<'r, str> {
        match r.depth {
            0 => std::borrow::Cow::Borrowed(r.key),
            d => std::borrow::Cow::Owned(format!("{}↳ {}", "  ".repeat(d - 1), r.key)),
        }
    }
    let mut w: [usize; 5] = [3, 5, 7, 3, 8];
    for (r, age) in rows.iter().zip(ages) {
        w[0] = w[0].max(width(&shown(r)));
        w[1] = w[1].max(width(r.agent));
        w[2] = w[2].max(width(r.channel));
        w[3] = w[3].max(age.len());
        w[4] = w[4].max(r.messages.checked_ilog10().map_or(1, |d| d as usize + 1));
    }
    let cell = |out: &mut dyn Write, text: &str, col: usize| -> std::io::Result<()> {
        out.write_all(text.as_bytes())?;
        let pad = w[col] - width(text) + 2;
        out.write_all(&SPACES.as_bytes()[..pad.min(SPACES.len())])?;
        for _ in SPACES.len()..pad {
            out.write_all(b" ")?;
        }
        Ok(())
    };
    for (i, h) in ["KEY", "AGENT", "CHANNEL", "AGE", "MESSAGES"].iter().enumerate() {
        cell(out, h, i)?;
    }
    out.write_all(b"TOKENS\n")?;
    let mut num = String::with_capacity(24);
    for (r, age) in rows.iter().zip(ages) {
        cell(out, &shown(r), 0)?;
        cell(out, r.agent, 1)?;
        cell(out, r.channel, 2)?;
        cell(out, age, 3)?;
        num.clear();
        {
            use std::fmt::Write as _;
            let _ = write!(num, "{}", r.messages);
        }
        cell(out, &num, 4)?;
        writeln!(out, "{}", r.tokens)?;
    }
    Ok(())
}

const SPACES: &str = "                                                                ";

/// The channel a key names (`agent:<id>:<channel>:peer|channel:…`), if any.
fn key_channel(key: &str) -> Option<&str> {
    let mut parts = key.splitn(4, ':');
    let third = parts.nth(2)?;
    parts.next()?;
    (!matches!(third, "main" | "peer" | "subagent" | "cron")).then_some(third)
}

fn print_json(ctx: &Ctx, rows: &[Row<'_>]) -> CmdResult {
    let mut out = ctx.printer.stdout();
    out.write_all(b"[")?;
    for (i, r) in rows.iter().enumerate() {
        let Some(json) = r.json else { continue };
        out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        // {"key":…,"agent":…, then the stored object's own fields.
        out.write_all(b"{\"key\":")?;
        serde_json::to_writer(&mut out, r.key)?;
        out.write_all(b",\"agent\":")?;
        serde_json::to_writer(&mut out, r.agent)?;
        let body = json.trim_start().strip_prefix('{').unwrap_or("}").trim_start();
        if !body.starts_with('}') {
            out.write_all(b",")?;
        }
        out.write_all(body.as_bytes())?;
    }
    out.write_all(if rows.is_empty() { b"]\n" } else { b"\n]\n" })?;
    out.flush()?;
    Ok(Exit::Success)
}
