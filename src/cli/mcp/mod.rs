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
