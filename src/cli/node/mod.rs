//! `openclaw node …`: run this machine as a node of a gateway (`run`, `install-service`), and,
//! on the gateway's machine, list, approve, remove and invoke nodes. The protocol and the files
//! live in [`crate::node`]; the connections in the gateway.

mod approve;
mod install_service;
mod invoke;
mod ls;
mod rm;
mod run;

pub use approve::approve_code;

use super::{CmdResult, Ctx};

/// Pair other machines with the gateway and run commands on them
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Run(run::Args),
    Ls(ls::Args),
    Approve(approve::Args),
    Rm(rm::Args),
    Invoke(invoke::Args),
    InstallService(install_service::Args),
}

/// Runs one node command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Run(args) => run::cmd_run(ctx, &args),
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::Approve(args) => approve::cmd_approve(ctx, &args),
        Command::Rm(args) => rm::cmd_rm(ctx, &args),
        Command::Invoke(args) => invoke::cmd_invoke(ctx, &args),
        Command::InstallService(args) => install_service::cmd_install_service(ctx, &args),
    }
}

/// Tells a running gateway that `credentials/nodes.json` changed, so an approved node is welcomed
/// and a revoked one disconnected now (the gateway also notices within a second by itself).
fn tell_gateway(ctx: &Ctx) {
    let config = crate::config::load_lenient(&ctx.home.config_path()).map(|l| l.config).unwrap_or_default();
    if let Some(client) = super::gateway::Client::find(ctx, &config)
        && let Err(e) = client.post("/api/nodes/sync", &serde_json::json!({}), &mut |_| {})
    {
        ctx.printer.verbose(format!("the gateway was not told ({e}); it notices the change within a second"));
    }
}

/// Where the node's settings come from: `gateway.json5` of this home when there is one.
fn node_config(ctx: &Ctx) -> anyhow::Result<crate::config::Config> {
    if !ctx.home.config_path().exists() {
        return Ok(crate::config::Config::default());
    }
    Ok(ctx.load_config_strict()?.config)
}

/// The URL and name `node run` and `node install-service` use.
fn target(
    config: &crate::config::Config,
    gateway: Option<&str>,
    name: Option<&str>,
) -> anyhow::Result<crate::node::host::Options> {
    let given = gateway.or(config.node.gateway.as_deref()).ok_or_else(|| {
        super::usage("--gateway ws://HOST:PORT is required (or set node.gateway in gateway.json5)")
    })?;
    let url = crate::node::endpoint_url(given).map_err(super::usage)?;
    let name = match name.or(config.node.name.as_deref()) {
        Some(n) => n.to_string(),
        None => crate::node::name_from_host(&crate::node::host::hostname()),
    };
    crate::node::validate_name(&name).map_err(super::usage)?;
    Ok(crate::node::host::Options { url, name })
}
