//! `openclaw memory show`.

use std::io::Write;

use serde::Serialize;

use crate::cli::{CmdResult, Ctx, Exit, usage};
use crate::memory::{self, LONG_MEMORY, daily};

/// Print a daily log or the long-term memory
///
/// DAY is `today` (the default), `yesterday`, a date `YYYY-MM-DD`, or `long` for MEMORY.md.
/// "Today" is counted in the configured `session.reset.timezone`. The file is printed as it is;
/// a day without a log is an error (exit 1). `--json` prints {agent, path, date, content}.
///
/// Examples:
///   openclaw memory show
///   openclaw memory show yesterday --agent jarvis
///   openclaw memory show 2026-11-20
///   openclaw memory show long --json | jq -r .content
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// today, yesterday, YYYY-MM-DD, or long
    #[arg(default_value = "today", value_name = "DAY")]
    day: String,
    /// The agent [default: the config's defaultAgent]
    #[arg(long, value_name = "ID")]
    agent: Option<String>,
}

#[derive(Serialize)]
struct Shown<'a> {
    agent: &'a str,
    path: &'a str,
    date: Option<String>,
    content: &'a str,
}

/// Prints one memory file.
pub fn cmd_show(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config_readonly()?.loaded.config;
    let agent = super::pick_agent(&config, args.agent.as_deref())?;
    let (rel, path, date) = if args.day.eq_ignore_ascii_case("long") {
        (LONG_MEMORY.to_string(), ctx.home.long_memory(&agent), None)
    } else {
        let today = daily::today(&super::time_zone(&config)?);
        let date = daily::parse_day(&args.day, today).map_err(|e| usage(e.to_string()))?;
        (format!("{}/{date}.md", memory::DAILY_DIR), ctx.home.daily_memory(&agent, date), Some(date))
    };
    let Some(content) = memory::read(&path)? else {
        let what = match date {
            Some(date) => format!("no daily log for {date}"),
            None => format!("no long-term memory for agent {agent}"),
        };
        anyhow::bail!("{what} ({})", path.display());
    };
    if ctx.printer.json {
        let content = String::from_utf8_lossy(&content);
        let shown = Shown { agent: &agent, path: &rel, date: date.map(|d| d.to_string()), content: &content };
        ctx.printer.json_doc(&shown)?;
    } else {
        let mut out = ctx.printer.stdout();
        out.write_all(&content)?;
        out.flush()?;
    }
    Ok(Exit::Success)
}
