//! `openclaw gateway start`.

use std::io::{Seek, SeekFrom};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::super::{CmdResult, Ctx, Exit, hinted};
use crate::gateway::{self, log, process};

/// Start the gateway: channels, the web chat and the control API.
///
/// Runs in the background by default: it detaches, logs to logs/gateway.log, writes
/// gateway/gateway.pid, and this command returns once it answers, printing the web chat URL
/// (with the API token). --foreground keeps it attached with logs on stderr (for systemd,
/// containers and debugging); Ctrl-C or SIGTERM stops it after the turns in flight. On a
/// machine without a home this creates one first (like `openclaw init`). One gateway runs per
/// home. It listens on gateway.listen (default 127.0.0.1:18789).
///
/// Examples:
///   openclaw gateway start
///   openclaw gateway start --foreground -v
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Stay attached; log to stderr
    #[arg(long)]
    pub foreground: bool,
}

/// Starts the gateway (detached unless --foreground).
pub fn cmd_start(ctx: &Ctx, args: &Args) -> CmdResult {
    let p = &ctx.printer;
    // Idempotent: a fresh machine gets its home, an existing one is left as it is.
    let done = crate::setup::init(&ctx.home)?;
    for w in &done.warnings {
        p.warn(w);
    }
    if !done.created.is_empty() {
        p.status(format!("Initialised openclaw home at {}", ctx.home.root().display()))?;
    }
    if args.foreground {
        return foreground(ctx);
    }
    if super::lock_held(ctx) {
        let pid = process::read_pid(&ctx.home).map_or("unknown".into(), |p| p.to_string());
        return Err(hinted(
            format!("the gateway already runs (pid {pid})"),
            "`openclaw gateway status` shows it; `openclaw gateway stop` stops it",
        ));
    }
    crate::store::create_dir_private(&ctx.home.logs_dir())?;
    let log_path = ctx.home.logs_dir().join("gateway.log");
    // The log names senders and sessions: private like the rest of the home (DESIGN §2), whatever
    // the umask, and a log an older version created world-readable is tightened.
    let mut log_file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(crate::store::PRIVATE_FILE)
        .open(&log_path)
        .with_context(|| format!("opening {}", log_path.display()))?;
    log_file
        .set_permissions(std::fs::Permissions::from_mode(crate::store::PRIVATE_FILE))
        .with_context(|| format!("making {} private", log_path.display()))?;
    let log_start = log_file.seek(SeekFrom::End(0)).unwrap_or(0);
    let exe = std::env::current_exe().context("finding this program's path")?;
    let mut cmd = Command::new(exe);
    cmd.arg("--home").arg(ctx.home.root());
    for _ in 0..ctx.printer.verbose {
        cmd.arg("-v");
    }
    cmd.args(["gateway", "start", "--foreground"])
        .stdin(Stdio::null())
        .stdout(log_file.try_clone()?)
        .stderr(log_file);
    {
        use std::os::unix::process::CommandExt;
        // Its own process group: Ctrl-C in this terminal does not reach it.
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().context("starting the gateway process")?;
    let pid = child.id();
    let deadline = Instant::now() + Duration::from_secs(20);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let http = process::http_client().context("building an HTTP client")?;
    loop {
        if let Some(status) = child.try_wait()? {
            let tail = std::fs::read(&log_path)
                .ok()
                .map(|b| {
                    String::from_utf8_lossy(b.get(log_start as usize..).unwrap_or_default()).into_owned()
                })
                .unwrap_or_default();
            let last = tail.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string();
            return Err(hinted(
                format!("the gateway exited at start ({status}): {last}"),
                format!("see {}", log_path.display()),
            ));
        }
        if let Some(running) = rt.block_on(process::find(&ctx.home, &http))
            && running.info.pid == pid
        {
            return announce(ctx, &running.info.url, pid, &log_path);
        }
        if Instant::now() > deadline {
            return Err(hinted(
                format!("the gateway (pid {pid}) did not answer within 20 s"),
                format!("see {}", log_path.display()),
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn announce(ctx: &Ctx, url: &str, pid: u32, log_path: &std::path::Path) -> CmdResult {
    let loaded = ctx.load_config_strict()?;
    let token = process::client_token(&ctx.home, &loaded.config).unwrap_or_default();
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&serde_json::json!({"pid": pid, "url": url, "webchat": format!("{url}/?token={token}"),
            "log": log_path.display().to_string()}))?;
        return Ok(Exit::Success);
    }
    use std::io::Write;
    let mut out = p.stdout();
    writeln!(out, "gateway running (pid {pid})")?;
    writeln!(out, "  web chat: {url}/?token={token}")?;
    writeln!(out, "  api:      {url}  (Authorization: Bearer <token from gateway/token>)")?;
    writeln!(out, "  logs:     {}", log_path.display())?;
    out.flush()?;
    Ok(Exit::Success)
}

fn foreground(ctx: &Ctx) -> CmdResult {
    log::set_level(match ctx.printer.verbose {
        0 => log::Level::Info,
        _ => log::Level::Debug,
    });
    let rt = gateway::runtime()?;
    let options = gateway::Options { notify: std::env::var_os("NOTIFY_SOCKET").is_some() };
    match rt.block_on(gateway::serve(ctx.home.clone(), options)) {
        Ok(()) => {
            rt.shutdown_timeout(Duration::from_secs(1));
            Ok(Exit::Success)
        }
        Err(e) => {
            log::error!("{e}");
            rt.shutdown_timeout(Duration::from_millis(100));
            Err(e.into())
        }
    }
}
