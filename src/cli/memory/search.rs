//! `openclaw memory search`.

use std::io::Write;

use crate::cli::{CmdResult, Ctx, Exit, usage};
use crate::memory::daily;
use crate::memory::search::{self, SearchError, SearchOptions};

/// Rank memory by relevance to a query
///
/// Splits MEMORY.md and memory/*.md into small chunks (list items, paragraphs, headings; at
/// most 15 lines) and ranks them with BM25 against the words of the query, case-insensitively
/// (a plural s is ignored; a few stop words like "the" are dropped). Daily logs get a small
/// boost for being recent; MEMORY.md counts as current. This is what the agent's memory_search
/// tool runs. Nothing is stored: the files are read afresh each time.
///
/// Prints the best N hits as `path:start-end  score  snippet`, best first; path is relative to
/// the workspace and start-end the chunk's lines, for `sed -n` or memory_get. Exits 1 when
/// nothing matched, like grep. --json prints an array of {path, startLine, endLine, score,
/// snippet}.
///
/// Examples:
///   openclaw memory search dentist appointment
///   openclaw memory search -n 10 "what does Ana drink"
///   openclaw memory search --agent jarvis invoice --json | jq -r '.[0].path'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Words to search for (several words are one query)
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    query: Vec<String>,
    /// The agent [default: the config's defaultAgent]
    #[arg(long, value_name = "ID")]
    agent: Option<String>,
    /// How many hits to print
    #[arg(short = 'n', long = "max-results", value_name = "N", default_value_t = 5)]
    max_results: usize,
}

/// Searches and prints the ranked hits.
pub fn cmd_search(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config_readonly()?.loaded.config;
    let agent = super::pick_agent(&config, args.agent.as_deref())?;
    let today = daily::today(&super::time_zone(&config)?);
    let opts = SearchOptions { max_results: args.max_results, today: Some(today) };
    let query = args.query.join(" ");
    let hits = match search::search(&ctx.home, &agent, &query, &opts) {
        Ok(hits) => hits,
        Err(e @ SearchError::EmptyQuery(_)) => return Err(usage(e.to_string())),
        Err(e) => return Err(e.into()),
    };
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&hits)?;
    } else {
        let places: Vec<String> =
            hits.iter().map(|h| format!("{}:{}-{}", h.path, h.start_line, h.end_line)).collect();
        let width = places.iter().map(|s| s.chars().count()).max().unwrap_or(0);
        let mut out = p.stdout();
        for (place, hit) in places.iter().zip(&hits) {
            let pad = " ".repeat(width - place.chars().count());
            let place = p.paint(place, "35");
            writeln!(out, "{place}{pad}  {:>6.2}  {}", hit.score, hit.snippet)?;
        }
        out.flush()?;
    }
    Ok(if hits.is_empty() { Exit::Failure } else { Exit::Success })
}
