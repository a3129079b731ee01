//! `openclaw config get`.

use std::io::Write;

use crate::cli::{CmdResult, Ctx, Exit, hinted, usage};
use crate::config::{self, KeyPath, PathSeg};

/// Print one value of the effective configuration
///
/// The path is dotted, with 0-based list indices in brackets and quoted keys for names with
/// dots: `session.reset.atHour`, `agents.jarvis.bindings[0].peer`,
/// `channels.discord.accounts["bot.id"]`. Defaults count, so keys absent from the file still
/// have a value. Strings print raw, everything else as JSON (with --json, strings too). Secrets
/// print as "***" unless --show-secrets is given.
///
/// Examples:
///   openclaw config get session.dmScope
///   openclaw config get agents.jarvis.bindings
///   openclaw config get gateway.token --show-secrets
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Dotted key path, e.g. session.reset.atHour
    pub path: String,
    /// Print secrets instead of "***"
    #[arg(long)]
    pub show_secrets: bool,
}

/// Prints the value at a key path.
pub fn cmd_get(ctx: &Ctx, args: &Args) -> CmdResult {
    let path = KeyPath::parse(&args.path).map_err(usage)?;
    let loaded = ctx.load_config_strict_or_last_good()?;
    let root = loaded.config.to_json(args.show_secrets);
    let Some(value) = path.get(&root) else {
        let (near, keys) = path.nearest(&root);
        let place = if near.0.is_empty() { "the top level".to_string() } else { near.to_string() };
        let missing = path.0.get(near.0.len());
        let candidates: Vec<&str> = keys.iter().map(String::as_str).collect();
        let close = match missing {
            Some(PathSeg::Key(k)) => config::closest_key(k, &candidates),
            _ => None,
        };
        let hint = match close {
            _ if keys.is_empty() => format!("{place} holds a single value"),
            Some(c) => format!("did you mean \"{c}\"? keys under {place}: {}", keys.join(", ")),
            None => format!("keys under {place}: {}", keys.join(", ")),
        };
        return Err(hinted(format!("{} has no key {path}", file_name(&loaded.path)), hint));
    };
    if ctx.printer.json {
        ctx.printer.json_doc(value)?;
        return Ok(Exit::Success);
    }
    let mut out = ctx.printer.stdout();
    match value {
        serde_json::Value::String(s) => writeln!(out, "{s}")?,
        other => writeln!(out, "{}", serde_json::to_string_pretty(other)?)?,
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
