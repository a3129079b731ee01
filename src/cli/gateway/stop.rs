//! `openclaw gateway stop`.

use std::time::{Duration, Instant};

use super::super::{CmdResult, Ctx, Exit};
use crate::gateway::process;

/// Stop the running gateway.
///
/// Sends SIGTERM: the gateway stops taking messages, lets the turns in flight finish (up to
/// gateway.shutdownGraceSeconds, default 20), records any turn it had to cut off in its
/// transcript, and exits. Waits for that, then reports.
///
/// Examples:
///   openclaw gateway stop
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Stops the gateway and waits for it to exit.
pub fn cmd_stop(ctx: &Ctx, _args: &Args) -> CmdResult {
    let pid = process::read_pid(&ctx.home);
    let (true, Some(pid)) = (super::lock_held(ctx), pid) else {
        anyhow::bail!("the gateway is not running");
    };
    let grace = crate::config::load_lenient(&ctx.home.config_path())
        .map(|l| l.config.gateway.shutdown_grace_seconds)
        .unwrap_or(20);
    let Ok(raw) = libc::pid_t::try_from(pid) else { anyhow::bail!("gateway/gateway.pid holds {pid}") };
    // SAFETY: sends SIGTERM to the pid the gateway wrote; no memory is involved.
    if unsafe { libc::kill(raw, libc::SIGTERM) } != 0 {
        anyhow::bail!("cannot signal the gateway (pid {pid}): {}", std::io::Error::last_os_error());
    }
    let started = Instant::now();
    let deadline = started + Duration::from_secs(grace + 10);
    while super::lock_held(ctx) {
        if Instant::now() > deadline {
            anyhow::bail!("the gateway (pid {pid}) did not stop within {} s", grace + 10);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&serde_json::json!({"stopped": true, "pid": pid}))?;
    } else {
        p.status(format!("gateway stopped (pid {pid}, {:.1} s)", started.elapsed().as_secs_f64()))?;
    }
    Ok(Exit::Success)
}
