//! `openclaw node install-service`.

use anyhow::Context as _;

use crate::cli::gateway::{quote, write_user_unit};
use crate::cli::{CmdResult, Ctx};

/// Write a systemd user unit that runs this machine as a node.
///
/// Writes ~/.config/systemd/user/openclaw-node.service ($XDG_CONFIG_HOME respected): this
/// program with this home, `node run --foreground` with the gateway and name given here (or
/// node.gateway / node.name), restarted on failure but not after the gateway refused the node
/// (exit 1). Prints the commands that enable it. Linux only.
///
/// Examples:
///   openclaw node install-service --gateway ws://192.168.1.10:18789 --name pi
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The gateway, ws://HOST:PORT or wss://HOST[/PATH] (default: node.gateway)
    #[arg(long, value_name = "URL")]
    gateway: Option<String>,
    /// The name to be paired as (default: node.name, else the host name)
    #[arg(long)]
    name: Option<String>,
}

/// Writes the unit file.
pub fn cmd_install_service(ctx: &Ctx, args: &Args) -> CmdResult {
    if !cfg!(target_os = "linux") {
        return Err(crate::cli::hinted(
            format!(
                "install-service writes a systemd unit, and systemd runs only on Linux, not {}",
                std::env::consts::OS
            ),
            "run `openclaw node run --foreground` under your own service manager (launchd on macOS)",
        ));
    }
    let config = super::node_config(ctx)?;
    let options = super::target(&config, args.gateway.as_deref(), args.name.as_deref())?;
    let exe = std::env::current_exe().context("finding this program's path")?;
    let home = std::path::absolute(ctx.home.root()).unwrap_or_else(|_| ctx.home.root().to_path_buf());
    let unit = format!(
        "[Unit]\nDescription=openclaw node {name}\nAfter=network-online.target\nWants=network-online.target\n\n\
         [Service]\nExecStart={exe} --home {home} node run --foreground --gateway {url} --name {name}\n\
         Restart=on-failure\nRestartSec=5\nRestartPreventExitStatus=1 2\n\n[Install]\nWantedBy=default.target\n",
        name = options.name,
        exe = quote(&exe.to_string_lossy()),
        home = quote(&home.to_string_lossy()),
        url = quote(&options.url),
    );
    write_user_unit(ctx, "openclaw-node", &unit)
}
