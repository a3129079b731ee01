//! `openclaw session show`.

use std::io::Write;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::super::{CmdResult, Ctx, Exit, Printer, hinted, usage};
use crate::session::transcript::{self, Entry, Line, Message, Role};
use crate::session::{SessionKey, SessionStore};

/// Show a session's transcript.
///
/// Renders the live transcript readably: time, role and content of each message, the tool
/// calls an assistant made (`→ exec {"command":"ls"}`), tool results indented and abbreviated,
/// and compactions marked. Times are in the local time zone. `--json` prints the raw lines as
/// JSON Lines instead. Unreadable lines are skipped with a warning naming file and line.
///
/// Examples:
///   openclaw session show agent:main:main
///   openclaw session show agent:jarvis:telegram:peer:12345 --tail 20
///   openclaw session show agent:main:main --json | jq -r 'select(.role=="user") | .content'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The session key, e.g. agent:main:main
    pub key: String,
    /// Only the last N lines
    #[arg(long, value_name = "N")]
    pub tail: Option<usize>,
}

/// How many lines of a tool result are shown.
const TOOL_LINES: usize = 4;
/// How many characters of one shown line.
const LINE_CHARS: usize = 160;

/// Runs `session show`.
pub fn cmd_show(ctx: &Ctx, args: &Args) -> CmdResult {
    let key = SessionKey::parse(&args.key).map_err(|e| usage(e.to_string()))?;
    let loaded = ctx.load_config_readonly()?.loaded;
    super::agents(&loaded.config, Some(&key.agent))?;
    let canonical = key.to_string();
    let store = SessionStore::open(&ctx.home, &key.agent);
    let entry = store.get(&canonical)?;
    let path = transcript::path(&ctx.home, &key);
    if entry.is_none() && !path.is_file() {
        return Err(hinted(
            format!("no session {canonical} in {}", store.path().display()),
            format!("list them with `openclaw session ls --agent {}`", key.agent),
        ));
    }
    let t = match args.tail {
        Some(n) => transcript::read_tail(&ctx.home, &key, n)?,
        None => transcript::read(&ctx.home, &key)?,
    };
    for w in &t.warnings {
        ctx.printer.warn(w);
    }
    let mut out = ctx.printer.stdout();
    if ctx.printer.json {
        for l in &t.lines {
            Printer::json_line(&mut out, &l.raw)?;
        }
        out.flush()?;
        return Ok(Exit::Success);
    }
    if t.lines.is_empty() {
        drop(out);
        let archived = crate::session::archive::list(&ctx.home, &key.agent)?
            .into_iter()
            .rev()
            .find(|a| a.key.as_deref() == Some(canonical.as_str()));
        ctx.printer.status(match archived {
            Some(a) => format!(
                "{canonical}: no messages since the last reset (previous transcript: {})",
                a.path.display()
            ),
            None => format!("{canonical}: no messages yet"),
        })?;
        return Ok(Exit::Success);
    }
    let tz = TimeZone::system();
    for l in &t.lines {
        render(&mut out, &ctx.printer, &tz, &l.entry)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn render(out: &mut impl Write, p: &Printer, tz: &TimeZone, entry: &Entry) -> std::io::Result<()> {
    match entry {
        Entry::Known(line) => match line.as_ref() {
            Line::Session(h) => writeln!(
                out,
                "{}",
                p.paint(
                    &format!("── session {} · id {} · started {} ──", h.key, h.id, local(tz, &h.created_at)),
                    "2"
                )
            ),
            Line::Message(m) => render_message(out, p, tz, m),
            Line::Delivery(d) => {
                let what = match (&d.error, d.message_ids.is_empty()) {
                    (Some(e), _) => format!("not delivered to {}:{}: {e}", d.channel, d.to),
                    (None, _) => format!(
                        "delivered to {}:{} (message id {})",
                        d.channel,
                        d.to,
                        d.message_ids.join(", ")
                    ),
                };
                writeln!(out, "{}", p.paint(&format!("{} {what}", local(tz, &d.ts)), "2"))
            }
            Line::Compaction(c) => writeln!(
                out,
                "{}",
                p.paint(
                    &format!(
                        "── {} compaction: {} tokens summarised ──\n{}",
                        local(tz, &c.ts),
                        c.tokens_before,
                        indent(&abbreviate(&c.summary, TOOL_LINES))
                    ),
                    "2"
                )
            ),
        },
        Entry::Other(v) => writeln!(out, "{}", p.paint(&format!("(unknown line) {v}"), "2")),
    }
}

fn render_message(out: &mut impl Write, p: &Printer, tz: &TimeZone, m: &Message) -> std::io::Result<()> {
    let (colour, mut who) = match m.role {
        Role::User => ("32;1", "user".to_string()),
        Role::Assistant => ("34;1", "assistant".to_string()),
        Role::Tool => ("33", format!("tool {}", m.name.as_deref().unwrap_or(""))),
        Role::System => ("35", "system".to_string()),
    };
    let mut notes = Vec::new();
    if let Some(from) = &m.from {
        notes.push(match &from.name {
            Some(n) => format!("{n} via {}", from.channel),
            None => format!("via {}", from.channel),
        });
    }
    if let Some(model) = &m.model {
        notes.push(model.clone());
    }
    if let Some(u) = m.usage {
        notes.push(format!("{}→{} tokens", u.input, u.output));
    }
    if m.is_error == Some(true) {
        notes.push("error".into());
    }
    if m.extra.get("toolCallsRecovered") == Some(&serde_json::Value::Bool(true)) {
        notes.push("tool calls recovered from text".into());
    }
    if !notes.is_empty() {
        who = format!("{who} ({})", notes.join(", "));
    }
    writeln!(out, "{} {}", p.paint(&local(tz, &m.ts), "2"), p.paint(who.trim_end(), colour))?;
    let body = if m.role == Role::Tool { abbreviate(&m.content, TOOL_LINES) } else { m.content.clone() };
    if !body.is_empty() {
        writeln!(out, "{}", indent(&body))?;
    }
    for call in &m.tool_calls {
        writeln!(out, "  → {} {}", call.name, clip(&call.arguments.to_string()))?;
    }
    Ok(())
}

/// An RFC 3339 stamp as local `YYYY-MM-DD HH:MM:SS`; unreadable stamps are shown as given.
fn local(tz: &TimeZone, ts: &str) -> String {
    match ts.parse::<Timestamp>() {
        Ok(t) => t.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M:%S").to_string(),
        Err(_) => ts.to_string(),
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
}

fn clip(line: &str) -> String {
    if line.chars().count() <= LINE_CHARS {
        return line.to_string();
    }
    let mut s: String = line.chars().take(LINE_CHARS).collect();
    s.push('…');
    s
}

/// The first `n` lines, each clipped, and a note of how many more there are.
fn abbreviate(text: &str, n: usize) -> String {
    let total = text.lines().count();
    let mut shown: Vec<String> = text.lines().take(n).map(clip).collect();
    if total > n {
        shown.push(format!("… ({} more lines)", total - n));
    }
    shown.join("\n")
}
