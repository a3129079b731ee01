//! The memory tools (DESIGN §8): `memory_search` (ranked), `memory_get` (a memory file or a line
//! range of it) and `memory_append` (today's log, or MEMORY.md with `long`). They reach only
//! `MEMORY.md` and `memory/*.md` of the calling agent's workspace.

use std::sync::Arc;

use jiff::tz::TimeZone;
use serde_json::{Value, json};

use super::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};
use crate::memory::{self, daily, search};

/// The three memory tools; "today" is a day in `tz` (the configured `session.reset.timezone`).
pub fn tools(tz: TimeZone) -> Vec<Arc<dyn Tool>> {
    vec![Arc::new(MemorySearch { tz: tz.clone() }), Arc::new(MemoryGet), Arc::new(MemoryAppend { tz })]
}

macro_rules! try_tool {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return ToolResult::error(e.to_string()),
        }
    };
}

/// `memory_search {query, maxResults?}`.
pub struct MemorySearch {
    tz: TimeZone,
}

impl Tool for MemorySearch {
    fn name(&self) -> &str {
        "memory_search"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "memory_search".into(),
            description: "Search MEMORY.md and daily logs; returns ranked snippets with path and lines."
                .into(),
            parameters: json!({"type":"object","properties":{
                "query":{"type":"string"},"maxResults":{"type":"integer"}},"required":["query"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = try_tool!(Args::parse("memory_search", args));
            let query = try_tool!(args.str("query"));
            let max = try_tool!(args.opt_u64("maxResults")).unwrap_or(5).clamp(1, 50) as usize;
            let opts = search::SearchOptions { max_results: max, today: Some(daily::today(&self.tz)) };
            let hits = try_tool!(search::search(&ctx.home, &ctx.agent, query, &opts));
            if hits.is_empty() {
                return ToolResult::ok(format!("no memory matches \"{query}\""));
            }
            let text: Vec<String> = hits
                .iter()
                .map(|h| format!("{}:{}-{} ({:.2}) {}", h.path, h.start_line, h.end_line, h.score, h.snippet))
                .collect();
            ToolResult::ok(text.join("\n"))
        })
    }
}

/// `memory_get {path, from?, lines?}`.
pub struct MemoryGet;

impl Tool for MemoryGet {
    fn name(&self) -> &str {
        "memory_get"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "memory_get".into(),
            description: "Read MEMORY.md or memory/YYYY-MM-DD.md, optionally lines from..from+lines-1."
                .into(),
            parameters: json!({"type":"object","properties":{
                "path":{"type":"string"},"from":{"type":"integer"},"lines":{"type":"integer"}},"required":["path"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = try_tool!(Args::parse("memory_get", args));
            let rel = try_tool!(args.str("path"));
            let from = try_tool!(args.opt_u64("from")).unwrap_or(1).max(1) as usize;
            let lines = try_tool!(args.opt_u64("lines")).map(|n| n as usize);
            let path = try_tool!(memory_path(ctx, rel));
            let bytes = match memory::read(&path) {
                Ok(Some(b)) => b,
                Ok(None) => return ToolResult::error(format!("{rel} does not exist")),
                Err(e) => return ToolResult::error(e.to_string()),
            };
            let text = String::from_utf8_lossy(&bytes);
            let total = text.lines().count();
            if from > total.max(1) {
                return ToolResult::error(format!("{rel} has {total} lines; from={from} is past the end"));
            }
            let mut out: String =
                text.lines().skip(from - 1).take(lines.unwrap_or(usize::MAX)).collect::<Vec<_>>().join("\n");
            let cap = ctx.limits.read_max_bytes;
            if out.len() > cap {
                let mut cut = cap;
                while !out.is_char_boundary(cut) {
                    cut -= 1;
                }
                out.truncate(cut);
                out.push_str("\n[cut; ask for fewer lines]");
            }
            ToolResult::ok(out)
        })
    }
}

/// Resolves `MEMORY.md` or `memory/<name>.md` (one level, no dot files) in the workspace,
/// through the same confinement as the file tools (a symlink out of the workspace is refused).
fn memory_path(ctx: &ToolContext, rel: &str) -> Result<std::path::PathBuf, String> {
    let rel = rel.trim_start_matches("./");
    let allowed = rel == memory::LONG_MEMORY
        || rel.strip_prefix(&format!("{}/", memory::DAILY_DIR)).is_some_and(|name| {
            name.ends_with(".md") && !name.starts_with('.') && !name.contains(['/', '\\', '\0'])
        });
    if !allowed {
        return Err(format!(
            "memory_get reads only MEMORY.md and memory/<name>.md, not \"{rel}\"; use read for other files"
        ));
    }
    super::resolve_in_workspace(&ctx.workspace, rel, false).map(|r| r.abs()).map_err(|e| e.to_string())
}

/// `memory_append {text, long?}`.
pub struct MemoryAppend {
    tz: TimeZone,
}

impl Tool for MemoryAppend {
    fn name(&self) -> &str {
        "memory_append"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "memory_append".into(),
            description: "Append a timestamped note to today's log, or to MEMORY.md when long is true."
                .into(),
            parameters: json!({"type":"object","properties":{
                "text":{"type":"string"},"long":{"type":"boolean"}},"required":["text"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = try_tool!(Args::parse("memory_append", args));
            let text = try_tool!(args.str("text"));
            let long = try_tool!(args.opt_bool("long")).unwrap_or(false);
            let now = daily::now(&self.tz);
            let appended = if long {
                memory::append_long(&ctx.home, &ctx.agent, &now, text)
            } else {
                daily::append(&ctx.home, &ctx.agent, &now, text)
            };
            let appended = try_tool!(appended);
            let rel = appended
                .path
                .strip_prefix(ctx.home.workspace(&ctx.agent))
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| appended.path.display().to_string());
            ToolResult::ok(format!("appended to {rel}"))
        })
    }
}
