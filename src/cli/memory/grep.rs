//! `openclaw memory grep`.

use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::cli::{CmdResult, Ctx, Exit, usage};
use crate::memory::grep::{FileHits, Grep, GrepOptions, Hit, HitKind};
use crate::memory::{self, DateRange, daily};

/// Search memory files with a regular expression
///
/// Searches MEMORY.md, then the daily logs memory/YYYY-MM-DD.md oldest first, then any other
/// memory/*.md by name, and prints each matching line as `path:line:text` like `grep -n` (paths
/// relative to the workspace; prefixed with the agent under --all-agents). Context lines (-C)
/// print as `path-line-text`, groups separated by `--`. Exits 1 when nothing matched, 2 for an
/// invalid pattern or date.
///
/// --since and --until (inclusive; YYYY-MM-DD, today or yesterday) select daily logs by their
/// file name; MEMORY.md and undated files have no date, so a date filter leaves them out.
/// --json prints one JSON object per line (JSON Lines): {type, agent, path, line, text,
/// submatches: [{start, end, match}]}; type is "match", or "context" for -C lines; start and
/// end are byte offsets in the line. Bytes that are not UTF-8 print as they are (U+FFFD in JSON).
///
/// Examples:
///   openclaw memory grep dentist
///   openclaw memory grep -i 'tea|coffee' --since 2026-11-01
///   openclaw memory grep -F 'a.b(' --all-agents -C 2
///   openclaw memory grep --json invoice | jq -r .path
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The regular expression (Rust regex syntax; use -F for a literal, `--` before a leading -)
    #[arg(value_name = "REGEX")]
    pattern: String,
    /// The agent to search [default: the config's defaultAgent]
    #[arg(long, value_name = "ID", conflicts_with = "all_agents")]
    agent: Option<String>,
    /// Search every agent in the config, in config order
    #[arg(long)]
    all_agents: bool,
    /// Match case-insensitively
    #[arg(short = 'i', long)]
    ignore_case: bool,
    /// Treat the pattern as a literal string, not a regex
    #[arg(short = 'F', long)]
    fixed_strings: bool,
    /// Show N lines of context around each match
    #[arg(short = 'C', long, value_name = "N", default_value_t = 0)]
    context: usize,
    /// Only daily logs dated on or after DATE
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only daily logs dated on or before DATE
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
}

/// A file to search and how to name it in the output.
struct Target {
    agent: String,
    shown: String,
    rel: String,
    path: PathBuf,
}

impl AsRef<std::path::Path> for Target {
    fn as_ref(&self) -> &std::path::Path {
        &self.path
    }
}

/// Searches and prints.
pub fn cmd_grep(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config_readonly()?.loaded.config;
    let printer = &ctx.printer;
    let grep = Grep::new(&GrepOptions {
        pattern: args.pattern.clone(),
        ignore_case: args.ignore_case,
        fixed: args.fixed_strings,
        context: args.context,
        submatches: printer.json || printer.color(),
    })
    .map_err(|e| usage(e.to_string()))?;
    let range = date_range(&config, args)?;
    let agents = if args.all_agents {
        config.agents.keys().cloned().collect()
    } else {
        vec![super::pick_agent(&config, args.agent.as_deref())?]
    };
    let mut targets = Vec::new();
    for agent in &agents {
        for f in memory::files(&ctx.home, agent, range)? {
            let shown = if args.all_agents { format!("{agent}/{}", f.rel) } else { f.rel.clone() };
            targets.push(Target { agent: agent.clone(), shown, rel: f.rel, path: f.path });
        }
    }
    // Spawning threads costs more than it saves on a handful of small files.
    let threads =
        if targets.len() < 32 { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()) };

    let mut out = printer.stdout();
    let mut emit =
        Emit { color: printer.color(), json: printer.json, context: args.context > 0, printed: false };
    let mut matched = false;
    let mut unreadable = 0usize;
    grep.search_files(&targets, threads, |i, result| -> std::io::Result<()> {
        match result {
            Ok(hits) => {
                matched |= hits.matched();
                emit.file(&mut out, &targets[i], &hits)
            }
            Err(e) => {
                unreadable += 1;
                printer.warn(e.to_string());
                Ok(())
            }
        }
    })?;
    out.flush()?;
    if unreadable > 0 {
        anyhow::bail!("{unreadable} memory file(s) could not be read");
    }
    Ok(if matched { Exit::Success } else { Exit::Failure })
}

fn date_range(config: &crate::config::Config, args: &Args) -> anyhow::Result<DateRange> {
    if args.since.is_none() && args.until.is_none() {
        return Ok(DateRange::default());
    }
    let today = daily::today(&super::time_zone(config)?);
    let parse = |flag: &str, v: &Option<String>| {
        v.as_deref()
            .map(|s| daily::parse_day(s, today).map_err(|e| usage(format!("{flag}: {e}"))))
            .transpose()
    };
    let range = DateRange { since: parse("--since", &args.since)?, until: parse("--until", &args.until)? };
    if let (Some(since), Some(until)) = (range.since, range.until)
        && since > until
    {
        return Err(usage(format!("--since {since} is after --until {until}")));
    }
    Ok(range)
}

/// Writes hits as grep-style lines or JSON Lines.
struct Emit {
    color: bool,
    json: bool,
    context: bool,
    /// Whether a line was printed already (so the next context group needs a `--`).
    printed: bool,
}

const PATH: &str = "\x1b[35m";
const LINE: &str = "\x1b[32m";
const MATCH: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    agent: &'a str,
    path: &'a str,
    line: u64,
    text: Cow<'a, str>,
    submatches: Vec<JsonSub<'a>>,
}

#[derive(Serialize)]
struct JsonSub<'a> {
    start: usize,
    end: usize,
    #[serde(rename = "match")]
    text: Cow<'a, str>,
}

impl Emit {
    fn file(&mut self, out: &mut impl Write, target: &Target, hits: &FileHits) -> std::io::Result<()> {
        let mut first = true;
        for hit in hits.hits() {
            if self.json {
                if hit.kind != HitKind::Break {
                    json_line(out, target, &hit)?;
                }
                continue;
            }
            if hit.kind == HitKind::Break || (first && self.context && self.printed) {
                out.write_all(b"--\n")?;
            }
            first = false;
            if hit.kind != HitKind::Break {
                self.line(out, &target.shown, &hit)?;
                self.printed = true;
            }
        }
        Ok(())
    }

    fn line(&self, out: &mut impl Write, shown: &str, hit: &Hit<'_>) -> std::io::Result<()> {
        let sep = if hit.kind == HitKind::Match { ':' } else { '-' };
        if !self.color {
            write!(out, "{shown}{sep}{}{sep}", hit.line)?;
            out.write_all(hit.text)?;
            return out.write_all(b"\n");
        }
        write!(out, "{PATH}{shown}{RESET}{sep}{LINE}{}{RESET}{sep}", hit.line)?;
        let mut at = 0;
        for m in hit.submatches.iter().filter(|m| m.start < m.end) {
            out.write_all(hit.text.get(at..m.start).unwrap_or_default())?;
            out.write_all(MATCH.as_bytes())?;
            out.write_all(hit.text.get(m.start..m.end).unwrap_or_default())?;
            out.write_all(RESET.as_bytes())?;
            at = m.end;
        }
        out.write_all(hit.text.get(at..).unwrap_or_default())?;
        out.write_all(b"\n")
    }
}

fn json_line(out: &mut impl Write, target: &Target, hit: &Hit<'_>) -> std::io::Result<()> {
    let record = JsonHit {
        kind: if hit.kind == HitKind::Match { "match" } else { "context" },
        agent: &target.agent,
        path: &target.rel,
        line: hit.line,
        text: String::from_utf8_lossy(hit.text),
        submatches: hit
            .submatches
            .iter()
            .map(|m| JsonSub {
                start: m.start,
                end: m.end,
                text: String::from_utf8_lossy(hit.text.get(m.clone()).unwrap_or_default()),
            })
            .collect(),
    };
    crate::cli::Printer::json_line(out, &record)
}
