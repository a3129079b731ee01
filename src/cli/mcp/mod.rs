//! `openclaw mcp …`: the MCP servers of gateway.json5 — their state, the tools agents get from
//! them, a probe that connects now, and adding and removing servers.
//!
//! `ls` and `tools` ask the running gateway when there is one (its servers are the ones agents
//! use); without one they start the servers for the listing and stop them after.

mod add;
mod ls;
mod probe;
mod rm;
mod tools;

use std::sync::Arc;

use crate::mcp::{LogFn, LogKind};

use super::{CmdResult, Ctx};

/// List MCP servers and their tools, probe one, add and remove servers
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Ls(ls::Args),
    Tools(tools::Args),
    Probe(probe::Args),
    Add(add::Args),
    Rm(rm::Args),
}

/// Runs one mcp command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::Tools(args) => tools::cmd_tools(ctx, &args),
        Command::Probe(args) => probe::cmd_probe(ctx, &args),
        Command::Add(args) => add::cmd_add(ctx, &args),
        Command::Rm(args) => rm::cmd_rm(ctx, &args),
    }
}

/// Server stderr and lifecycle lines on our stderr with -v, otherwise nowhere.
pub(crate) fn cli_log(ctx: &Ctx) -> LogFn {
    let verbose = ctx.printer.verbose > 0;
    Arc::new(move |kind, server, text| {
        if verbose {
            let tag = if kind == LogKind::Stderr { "stderr" } else { "mcp" };
            eprintln!("{tag} {server}: {text}");
        }
    })
}

/// A runtime for commands that start servers in this process.
pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?)
}

/// `doctor`'s MCP part: an error for each enabled server that is not up (with why), a warning for
/// one that offers no tools. Asks the running gateway when there is one, else connects now.
pub(crate) fn doctor_findings(ctx: &Ctx) -> Vec<crate::doctor::Finding> {
    use crate::doctor::{Finding, Severity};
    let Ok(loaded) = crate::config::load(&ctx.home.config_path()) else { return Vec::new() };
    let config = loaded.config;
    if !config.mcp.servers.values().any(|s| s.enabled) {
        return Vec::new();
    }
    let rows: Vec<serde_json::Value> = match super::gateway::Client::find(ctx, &config) {
        Some(client) => match client.get("/api/mcp") {
            Ok(v) => v["servers"].as_array().cloned().unwrap_or_default(),
            Err(_) => return Vec::new(),
        },
        None => {
            let Ok(rt) = runtime() else { return Vec::new() };
            rt.block_on(async {
                let hub = crate::mcp::Hub::new(ctx.home.clone(), cli_log(ctx));
                hub.apply(&config);
                let status = hub.status(true).await;
                hub.shutdown().await;
                status.iter().map(|s| serde_json::to_value(s).unwrap_or_default()).collect()
            })
        }
    };
    let path = ctx.home.config_path();
    let mut out = Vec::new();
    for r in rows {
        let (server, agent) = (r["server"].as_str().unwrap_or(""), r["agent"].as_str().unwrap_or(""));
        let state = r["state"].as_str().unwrap_or("");
        let (severity, message) = if state != "ready" {
            let why = r["lastError"].as_str().unwrap_or("no reason known");
            (Severity::Error, format!("MCP server {server} (agent {agent}) is {state}: {why}"))
        } else if r["tools"].as_u64() == Some(0) {
            (
                Severity::Warning,
                format!("MCP server {server} (agent {agent}) offers no tools (check its toolFilter)"),
            )
        } else {
            continue;
        };
        out.push(Finding { severity, path: path.clone(), message, fix: None });
    }
    out
}
