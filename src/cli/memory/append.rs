//! `openclaw memory append`.

use std::io::Read;

use anyhow::Context as _;
use serde::Serialize;

use crate::cli::{CmdResult, Ctx, Exit, usage};
use crate::memory::{self, MemoryError, daily};

/// Append a timestamped entry to today's daily log (or to MEMORY.md)
///
/// Writes `- HH:MM text` to memory/YYYY-MM-DD.md of today (in the configured
/// `session.reset.timezone`), creating memory/ and the file, headed `# YYYY-MM-DD`, on the day's
/// first entry. With --long the entry goes to MEMORY.md as `- YYYY-MM-DD HH:MM text`. Text of
/// several lines (e.g. from stdin with `-`) becomes one entry: the first line is stamped, the
/// others are indented under it. Each entry is a single append, so concurrent writers (the
/// gateway, cron jobs, you) never mix their lines.
///
/// Examples:
///   openclaw memory append "Jonas prefers calls after 10:00"
///   openclaw memory append --long --agent jarvis "Anniversary: 14 March"
///   git log -1 --format=%s | openclaw memory append -
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Append to the long-term memory, MEMORY.md
    #[arg(long)]
    long: bool,
    /// The agent [default: the config's defaultAgent]
    #[arg(long, value_name = "ID")]
    agent: Option<String>,
    /// The text (several words are joined by spaces), or - to read it from stdin
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,
}

#[derive(Serialize)]
struct Report<'a> {
    agent: &'a str,
    path: &'a str,
    date: Option<String>,
    entry: &'a str,
    created: bool,
}

/// Appends one entry.
pub fn cmd_append(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config()?.config;
    let agent = super::pick_agent(&config, args.agent.as_deref())?;
    let text = if args.text.len() == 1 && args.text[0] == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("reading stdin")?;
        String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("stdin is not UTF-8 text"))?
    } else {
        args.text.join(" ")
    };
    let now = daily::now(&super::time_zone(&config)?);
    let result = if args.long {
        memory::append_long(&ctx.home, &agent, &now, &text)
    } else {
        daily::append(&ctx.home, &agent, &now, &text)
    };
    let appended = match result {
        Err(MemoryError::EmptyText) => return Err(usage(MemoryError::EmptyText.to_string())),
        other => other?,
    };
    let rel = match appended.date {
        Some(date) => format!("{}/{date}.md", memory::DAILY_DIR),
        None => memory::LONG_MEMORY.to_string(),
    };
    if ctx.printer.json {
        ctx.printer.json_doc(&Report {
            agent: &agent,
            path: &rel,
            date: appended.date.map(|d| d.to_string()),
            entry: &appended.entry,
            created: appended.created,
        })?;
    } else {
        ctx.printer.status(format!("appended to {rel} of agent {agent}"))?;
    }
    Ok(Exit::Success)
}
