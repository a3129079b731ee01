//! `openclaw node run`.

use std::io::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::cli::{CmdResult, Ctx, Exit, hinted};
use crate::gateway::log;
use crate::node::host::{self, Host};

/// Run this machine as a node of a gateway.
///
/// Dials out to the gateway (nothing listens here, so it works behind NAT), proves its
/// identity with an Ed25519 key kept in node/identity.key (0600), and on first contact asks to
/// be paired: it prints the code the owner approves on the gateway with
/// `openclaw node approve <CODE>`. Then it runs what the gateway's agents ask, within this
/// home's own policy (`node` in gateway.json5): system.info and notify by default; system.run
/// once node.exec.security is "allowlist" or "full"; file.read / file.write when switched on in
/// node.capabilities. It reconnects with backoff when the gateway goes away.
///
/// Runs in the background by default (log in logs/node.log); --foreground stays attached with
/// the log on stderr (for systemd and containers). A rejected or revoked node stops.
///
/// Examples:
///   openclaw node run --gateway ws://192.168.1.10:18789 --name pi
///   openclaw node run --gateway wss://gw.example.com --foreground
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The gateway, ws://HOST:PORT or wss://HOST[/PATH] (default: node.gateway)
    #[arg(long, value_name = "URL")]
    pub gateway: Option<String>,
    /// The name to be paired as (default: node.name, else the host name)
    #[arg(long)]
    pub name: Option<String>,
    /// Stay attached; log to stderr
    #[arg(long)]
    pub foreground: bool,
}

/// Runs the node (detached unless --foreground).
pub fn cmd_run(ctx: &Ctx, args: &Args) -> CmdResult {
    crate::store::create_dir_private(ctx.home.root())?;
    let config = super::node_config(ctx)?;
    let options = super::target(&config, args.gateway.as_deref(), args.name.as_deref())?;
    let host = Host::new(&ctx.home, &config)?;
    crate::store::create_dir_private(&ctx.home.node_dir())?;
    let lock_path = ctx.home.node_dir().join("node");
    if args.foreground {
        let Some(_lock) = crate::store::FileLock::try_exclusive(&lock_path)? else {
            return Err(already_running(ctx));
        };
        return foreground(ctx, host, &options);
    }
    if crate::store::FileLock::try_exclusive(&lock_path)?.is_none() {
        return Err(already_running(ctx));
    }
    detach(ctx, &options)
}

fn already_running(ctx: &Ctx) -> anyhow::Error {
    let pid = status(ctx).and_then(|s| s["pid"].as_u64()).map_or("unknown".into(), |p| p.to_string());
    hinted(
        format!("a node already runs on this home (pid {pid})"),
        "stop it first (kill <pid>), or give another node its own --home",
    )
}

fn status(ctx: &Ctx) -> Option<Value> {
    let bytes = std::fs::read(host::status_path(&ctx.home)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn foreground(ctx: &Ctx, host: Host, options: &host::Options) -> CmdResult {
    log::set_level(if ctx.printer.verbose > 0 { log::Level::Debug } else { log::Level::Info });
    // One thread: a node idles most of its life, and its memory should show it.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let result = rt.block_on(async {
        let (stop_tx, stop) = tokio::sync::watch::channel(false);
        use tokio::signal::unix::{SignalKind, signal};
        let (mut term, mut int) = (signal(SignalKind::terminate())?, signal(SignalKind::interrupt())?);
        tokio::spawn(async move {
            tokio::select! {
                _ = term.recv() => log::info!("SIGTERM received; stopping"),
                _ = int.recv() => log::info!("SIGINT received; stopping"),
            }
            let _ = stop_tx.send(true);
        });
        anyhow::Ok(host::run(&ctx.home, Arc::new(host), options, stop).await)
    })?;
    rt.shutdown_timeout(Duration::from_millis(500));
    match result {
        Ok(()) => Ok(Exit::Success),
        Err(e) => {
            log::error!("{e}");
            Err(hinted(e.to_string(), "run `openclaw node run` again to ask to be paired again"))
        }
    }
}

fn detach(ctx: &Ctx, options: &host::Options) -> CmdResult {
    let _ = std::fs::remove_file(host::status_path(&ctx.home));
    let args = ["node", "run", "--foreground", "--gateway", &options.url, "--name", &options.name];
    let (mut child, log_path, log_start) = crate::cli::gateway::spawn_detached(ctx, &args, "node")?;
    let pid = child.id();
    let deadline = Instant::now() + Duration::from_secs(15);
    let state = loop {
        if let Some(exit) = child.try_wait()? {
            return Err(crate::cli::gateway::exited_at_start("node", exit, &log_path, log_start));
        }
        let s = status(ctx).filter(|s| s["pid"] == pid);
        let settled =
            s.as_ref().is_some_and(|s| matches!(s["state"].as_str(), Some("pairing" | "connected")));
        if settled || Instant::now() > deadline {
            break s.unwrap_or_else(|| json!({"state": "connecting"}));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let p = &ctx.printer;
    let code = state["code"].as_str().unwrap_or("");
    let kind = state["state"].as_str().unwrap_or("connecting");
    if p.json {
        p.json_doc(&json!({"pid": pid, "name": options.name, "gateway": options.url, "state": kind,
            "code": (!code.is_empty()).then_some(code), "log": log_path.display().to_string()}))?;
        return Ok(Exit::Success);
    }
    let mut out = p.stdout();
    match kind {
        "connected" => writeln!(out, "node {} connected to {} (pid {pid})", options.name, options.url)?,
        "pairing" => {
            writeln!(out, "node {} is waiting to be paired (pid {pid})", options.name)?;
            writeln!(out, "  on the gateway, run: openclaw node approve {code}")?;
        }
        _ => writeln!(
            out,
            "node {} started (pid {pid}) but has not reached {} yet; it keeps trying",
            options.name, options.url
        )?,
    }
    writeln!(out, "  log: {}", log_path.display())?;
    out.flush()?;
    Ok(Exit::Success)
}
