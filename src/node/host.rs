//! The node process (`openclaw node run`): dials out to the gateway, proves its key, waits to be
//! paired, and runs what the gateway asks — within this machine's own policy, which lives under
//! `node` in this home's `gateway.json5` and which nothing the gateway sends can widen.
//!
//! What it offers ([`capabilities`]): `system.info` and `notify` by default; `system.run` once
//! `node.exec.security` is `allowlist` or `full` (the `exec` tool's code and semantics: the same
//! allowlist check, clean environment, Landlock sandbox, reaper, timeout and output cap, confined
//! to the node's workspace); `file.read` / `file.write` (inside the workspace) only when switched
//! on in `node.capabilities`. Any of them can be switched off there. Every request is checked
//! here again, whatever the gateway believes the node offers, and logged on the node.
//!
//! The connection is retried with backoff (1 s doubling to 60 s) until the node is stopped or the
//! gateway refuses it (rejected or revoked), which ends the process with an error.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use super::identity::{Identity, IdentityError};
use super::{CAPABILITIES, CLOSE_REFUSED, FromNode, IDLE, MAX_MESSAGE, PING_EVERY, ToNode};
use crate::config::{AgentConfig, Config, ExecSecurity, NodeConfig};
use crate::gateway::log;
use crate::home::Home;
use crate::net::Backoff;
use crate::net::ws::{self, Frame, Socket};
use crate::store::{self, IoError, PRIVATE_FILE};
use crate::tool::{ExecTool, ReadTool, Tool, ToolContext, ToolResult, WriteTool, check_exec_policy};

/// Why the node cannot run or stopped.
#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    /// `node.*` in gateway.json5 is wrong.
    #[error("{0}")]
    Config(String),
    /// The key pair cannot be loaded or made.
    #[error(transparent)]
    Identity(#[from] IdentityError),
    /// A file of the node's home.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The gateway rejected or revoked this node.
    #[error("the gateway refused this node: {0}")]
    Refused(String),
}

/// What this node offers, from `node.capabilities` and `node.exec`. An unknown name is an error.
pub fn capabilities(node: &NodeConfig) -> Result<Vec<&'static str>, String> {
    if let Some(bad) = node.capabilities.keys().find(|k| !CAPABILITIES.contains(&k.as_str())) {
        return Err(format!(
            "node.capabilities: unknown capability \"{bad}\"; known: {}",
            CAPABILITIES.join(", ")
        ));
    }
    Ok(CAPABILITIES
        .iter()
        .copied()
        .filter(|c| {
            let default = matches!(*c, "system.info" | "notify" | "system.run");
            let on = node.capabilities.get(*c).copied().unwrap_or(default);
            on && !(*c == "system.run" && node.exec.security == ExecSecurity::Deny)
        })
        .collect())
}

/// This machine's side of the node link: its policy and the context its commands run in.
#[derive(Debug)]
pub struct Host {
    capabilities: Vec<&'static str>,
    ctx: ToolContext,
}

impl Host {
    /// The host for `config.node`; the workspace (default `node/workspace`) is made 0700.
    pub fn new(home: &Home, config: &Config) -> Result<Host, NodeError> {
        let node = &config.node;
        let capabilities = capabilities(node).map_err(NodeError::Config)?;
        for g in &node.exec.allowlist {
            globset::Glob::new(g).map_err(|e| {
                NodeError::Config(format!("node.exec.allowlist: bad glob \"{g}\": {}", e.kind()))
            })?;
        }
        let workspace = match &node.workspace {
            Some(w) if Path::new(w).is_absolute() => PathBuf::from(w),
            Some(w) => home.root().join(w),
            None => home.node_dir().join("workspace"),
        };
        store::create_dir_private(&workspace)?;
        let mut agent = AgentConfig::default();
        agent.tools.exec = node.exec.clone();
        let mut ctx = ToolContext::new(home, "node", Arc::new(agent));
        ctx.workspace = workspace;
        Ok(Host { capabilities, ctx })
    }

    /// What it offers.
    pub fn capabilities(&self) -> &[&'static str] {
        &self.capabilities
    }

    /// The directory commands and files are confined to.
    pub fn workspace(&self) -> &Path {
        &self.ctx.workspace
    }

    /// Runs one request within this node's policy.
    pub async fn handle(&self, command: &str, args: Value, timeout: Duration) -> ToolResult {
        if !self.capabilities.contains(&command) {
            return ToolResult::error(format!(
                "this node does not offer \"{command}\" (it offers: {}; its owner sets node.capabilities \
                 and node.exec in the node's gateway.json5)",
                self.capabilities.join(", ")
            ));
        }
        let args = if args.is_null() { json!({}) } else { args };
        match command {
            "system.info" => ToolResult::ok(
                serde_json::to_string_pretty(&system_info(&self.ctx.workspace)).unwrap_or_default(),
            ),
            "system.run" => self.run(args, timeout).await,
            "file.read" => ReadTool.call(&self.ctx, args).await,
            "file.write" => WriteTool.call(&self.ctx, args).await,
            "notify" => notify(args).await,
            _ => ToolResult::error(format!("unknown command \"{command}\"")),
        }
    }

    async fn run(&self, args: Value, timeout: Duration) -> ToolResult {
        // The exec tool names the agent's keys; on a node the policy is `node.exec`.
        if let Some(command) = args.get("command").and_then(Value::as_str)
            && let Err(why) = check_exec_policy(&self.ctx.config.tools.exec, command)
        {
            return ToolResult::error(
                why.replace("tools.exec", "node.exec").replace("for this agent", "on this node"),
            );
        }
        let mut ctx = self.ctx.clone();
        let secs = timeout.max(Duration::from_secs(1));
        ctx.limits.exec_timeout = secs;
        ctx.limits.exec_timeout_max = secs;
        ExecTool.call(&ctx, args).await
    }
}

/// One line for the node's log about a request: the command line or the path, never content.
fn summary(command: &str, args: &Value) -> String {
    let field = match command {
        "system.run" => "command",
        "file.read" | "file.write" => "path",
        _ => return String::new(),
    };
    let text = args.get(field).and_then(Value::as_str).unwrap_or("");
    let cut: String = text.chars().take(200).collect();
    format!(" {cut:?}")
}

/// OS, host name, load, memory and the workspace's disk.
pub fn system_info(workspace: &Path) -> Value {
    let mut info = json!({
        "hostname": hostname(),
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "cpus": std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
    });
    // SAFETY: uname fills the zeroed struct it is given; the fields are NUL-terminated.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    if unsafe { libc::uname(&mut u) } == 0 {
        let field = |f: &[libc::c_char]| {
            let bytes: Vec<u8> = f.iter().take_while(|c| **c != 0).map(|c| *c as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        info["kernel"] = json!(format!("{} {}", field(&u.sysname), field(&u.release)));
    }
    if let Ok(text) = std::fs::read_to_string("/etc/os-release")
        && let Some(name) = text.lines().find_map(|l| l.strip_prefix("PRETTY_NAME="))
    {
        info["osRelease"] = json!(name.trim_matches('"'));
    }
    let mut load = [0f64; 3];
    // SAFETY: getloadavg writes at most 3 values into the array.
    if unsafe { libc::getloadavg(load.as_mut_ptr(), 3) } == 3 {
        info["load"] = json!(load.map(|l| (l * 100.0).round() / 100.0));
    }
    if let Ok(text) = std::fs::read_to_string("/proc/uptime")
        && let Some(secs) = text.split_whitespace().next().and_then(|s| s.parse::<f64>().ok())
    {
        info["uptimeSeconds"] = json!(secs as u64);
    }
    if let Ok(text) = std::fs::read_to_string("/proc/meminfo") {
        let kib = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .map(|k| k * 1024)
        };
        info["memory"] = json!({"totalBytes": kib("MemTotal:"), "availableBytes": kib("MemAvailable:")});
    }
    if let Ok(path) = std::ffi::CString::new(workspace.as_os_str().as_encoded_bytes()) {
        // SAFETY: statvfs fills the zeroed struct for a NUL-terminated path.
        let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
        if unsafe { libc::statvfs(path.as_ptr(), &mut s) } == 0 {
            let unit = s.f_frsize as u64;
            info["disk"] = json!({
                "path": workspace.display().to_string(),
                "totalBytes": s.f_blocks as u64 * unit,
                "freeBytes": s.f_bavail as u64 * unit,
            });
        }
    }
    info
}

/// This machine's host name.
pub fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `len` bytes into the buffer.
    if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } != 0 {
        return "localhost".into();
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// Text from the gateway, for a notification: one line of printable characters, 500 at most.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).take(500).collect()
}

/// `notify {text, title?}`: a desktop notification where there is a display (notify-send on
/// Linux, osascript on macOS, the text passed as an argument, never through a shell), else a
/// line in the node's log.
async fn notify(args: Value) -> ToolResult {
    let text = match args.get("text").and_then(Value::as_str) {
        Some(t) if !t.trim().is_empty() => clean(t),
        _ => return ToolResult::error("notify: argument \"text\" (a non-empty string) is required"),
    };
    let title = clean(args.get("title").and_then(Value::as_str).unwrap_or("openclaw"));
    let display = |v: &str| std::env::var_os(v).is_some_and(|d| !d.is_empty());
    let mut cmd = if cfg!(target_os = "macos") {
        let mut c = tokio::process::Command::new("osascript");
        c.args([
            "-e",
            "on run argv",
            "-e",
            "display notification (item 2 of argv) with title (item 1 of argv)",
        ])
        .args(["-e", "end run", &title, &text]);
        Some(c)
    } else if display("DISPLAY") || display("WAYLAND_DISPLAY") {
        let mut c = tokio::process::Command::new("notify-send");
        c.arg("--").arg(&title).arg(&text);
        Some(c)
    } else {
        None
    };
    if let Some(cmd) = cmd.as_mut() {
        cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
        cmd.stderr(std::process::Stdio::null()).kill_on_drop(true);
        let shown = tokio::time::timeout(Duration::from_secs(5), cmd.status()).await;
        if matches!(shown, Ok(Ok(s)) if s.success()) {
            return ToolResult::ok("shown as a desktop notification")
                .with_details(json!({"delivered": "desktop"}));
        }
    }
    log::info!("NOTIFY {title}: {text}");
    ToolResult::ok("this node has no usable display: the notification was written to its log")
        .with_details(json!({"delivered": "log"}))
}

/// Lets go of the program's code pages touched at start (argument parsing, config loading,
/// key loading): most are never run again, yet they stayed in the resident set, half of an
/// idle node's memory. Only the executable (`r-xp`) mappings of this program are touched: they
/// are never written, so the kernel maps the same file pages back if that code runs again.
#[cfg(target_os = "linux")]
fn release_startup_code() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(release_code_pages);
}

#[cfg(target_os = "linux")]
fn release_code_pages() {
    let (Ok(exe), Ok(maps)) =
        (std::fs::read_link("/proc/self/exe"), std::fs::read_to_string("/proc/self/maps"))
    else {
        return;
    };
    for line in maps.lines() {
        let mut f = line.split_whitespace();
        let (Some(range), Some(perms)) = (f.next(), f.next()) else { continue };
        if perms != "r-xp" || f.nth(3).map(Path::new) != Some(exe.as_path()) {
            continue;
        }
        let Some((lo, hi)) = range.split_once('-') else { continue };
        let (Ok(lo), Ok(hi)) = (usize::from_str_radix(lo, 16), usize::from_str_radix(hi, 16)) else {
            continue;
        };
        // SAFETY: a read-only, never-written private file mapping of our own executable:
        // dropping its pages loses nothing; the next use faults them in from the file again.
        unsafe { libc::madvise(lo as *mut libc::c_void, hi - lo, libc::MADV_DONTNEED) };
    }
}

#[cfg(not(target_os = "linux"))]
fn release_startup_code() {}

/// Where the node is, in `node/status.json`, for `openclaw node run` to report after detaching.
fn write_status(home: &Home, state: &str, gateway: &str, extra: Value) {
    let mut doc = json!({
        "pid": std::process::id(),
        "state": state,
        "gateway": gateway,
        "since": crate::time::rfc3339_ms(Timestamp::now()),
    });
    if let (Some(d), Some(e)) = (doc.as_object_mut(), extra.as_object()) {
        d.extend(e.clone());
    }
    let path = status_path(home);
    let bytes = format!("{doc}\n");
    if let Err(e) = store::write_atomic(&path, bytes.as_bytes(), PRIVATE_FILE) {
        log::warning!("{e}");
    }
}

/// `node/status.json`.
pub fn status_path(home: &Home) -> PathBuf {
    home.node_dir().join("status.json")
}

/// `node/identity.key`.
pub fn identity_path(home: &Home) -> PathBuf {
    home.node_dir().join("identity.key")
}

/// Where to connect and as whom.
#[derive(Debug, Clone)]
pub struct Options {
    /// The node endpoint, `ws(s)://host:port/ws/node`.
    pub url: String,
    /// The name to ask for.
    pub name: String,
}

/// How one connection ended.
enum Ended {
    Stopped,
    Refused(String),
    Lost(String),
}

/// Runs the node until `stop` turns true (Ok) or the gateway refuses it (Err).
pub async fn run(
    home: &Home,
    host: Arc<Host>,
    options: &Options,
    mut stop: watch::Receiver<bool>,
) -> Result<(), NodeError> {
    let identity = Identity::load_or_create(&identity_path(home))?;
    log::info!(
        "node {} (key {}) offering {}; workspace {}",
        options.name,
        super::fingerprint(identity.public_key()),
        host.capabilities().join(", "),
        host.workspace().display()
    );
    let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
    loop {
        write_status(home, "connecting", &options.url, json!({"name": options.name}));
        match connection(home, &host, &identity, options, &mut backoff, &mut stop).await {
            Ended::Stopped => {
                write_status(home, "stopped", &options.url, json!({"name": options.name}));
                return Ok(());
            }
            Ended::Refused(why) => {
                write_status(home, "refused", &options.url, json!({"name": options.name, "reason": why}));
                return Err(NodeError::Refused(why));
            }
            Ended::Lost(why) => {
                let wait = backoff.next_wait();
                log::warning!("gateway connection: {why}; retrying in {} ms", wait.as_millis());
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = crate::gateway::stopped(&mut stop) => return Ok(()),
                }
            }
        }
    }
}

async fn connection(
    home: &Home,
    host: &Arc<Host>,
    identity: &Identity,
    options: &Options,
    backoff: &mut Backoff,
    stop: &mut watch::Receiver<bool>,
) -> Ended {
    let ws_options = ws::Options {
        connect_timeout: Duration::from_secs(15),
        idle_timeout: IDLE,
        max_message: MAX_MESSAGE,
        keepalive: None,
    };
    let mut socket = tokio::select! {
        s = Socket::connect(&options.url, ws_options) => match s {
            Ok(s) => s,
            Err(e) => return Ended::Lost(e.to_string()),
        },
        _ = crate::gateway::stopped(stop) => return Ended::Stopped,
    };
    let nonce = match socket.recv().await {
        Ok(Frame::Text(t)) => match serde_json::from_str::<ToNode>(&t) {
            Ok(ToNode::Challenge { nonce }) => nonce,
            _ => {
                return Ended::Lost(
                    "the gateway did not send a challenge; is this an openclaw gateway?".into(),
                );
            }
        },
        Ok(Frame::Closed { code, reason }) => return closed(code, reason),
        Ok(Frame::Binary(_)) => return Ended::Lost("the gateway sent binary data".into()),
        Err(e) => return Ended::Lost(e.to_string()),
    };
    let hello = FromNode::Hello {
        name: options.name.clone(),
        public_key: identity.public_key().to_string(),
        signature: identity.sign(&super::signed_text(&nonce, &options.name, identity.public_key())),
        capabilities: host.capabilities().iter().map(|c| c.to_string()).collect(),
        platform: format!("{}/{}", std::env::consts::OS, std::env::consts::ARCH),
        version: env!("CARGO_PKG_VERSION").into(),
    };
    if let Err(e) = socket.send(&json_text(&hello)).await {
        return Ended::Lost(e.to_string());
    }
    let (results, mut answers) = mpsc::channel::<FromNode>(64);
    // Dropped with the connection: a command still running is stopped (the exec tool kills it).
    let mut running: JoinSet<()> = JoinSet::new();
    let mut paired = false;
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        tokio::select! {
            frame = socket.recv() => match frame {
                Ok(Frame::Text(t)) => match serde_json::from_str::<ToNode>(&t) {
                    Ok(ToNode::Pairing { code }) => {
                        log::info!("not paired yet; on the gateway, approve with: openclaw node approve {code}");
                        write_status(home, "pairing", &options.url, json!({"name": options.name, "code": code}));
                        release_startup_code();
                    }
                    Ok(ToNode::Welcome { name }) => {
                        paired = true;
                        backoff.reset();
                        log::info!("connected to {} as {name}", options.url);
                        write_status(home, "connected", &options.url, json!({"name": name}));
                        release_startup_code();
                    }
                    Ok(ToNode::Invoke { id, command, args, timeout_ms }) if paired => {
                        let (host, results) = (host.clone(), results.clone());
                        running.spawn(async move {
                            let answer = invoke(&host, id, &command, args, timeout_ms).await;
                            let _ = results.send(answer).await;
                        });
                    }
                    Ok(_) => {}
                    Err(e) => log::warning!("ignoring a message from the gateway that is not understood: {e}"),
                },
                Ok(Frame::Binary(_)) => {}
                Ok(Frame::Closed { code, reason }) => return closed(code, reason),
                Err(e) => return Ended::Lost(e.to_string()),
            },
            Some(answer) = answers.recv() => {
                if let Err(e) = socket.send(&json_text(&answer)).await {
                    return Ended::Lost(e.to_string());
                }
            }
            Some(_) = running.join_next(), if !running.is_empty() => {}
            _ = ping.tick() => {
                if let Err(e) = socket.send(&json_text(&FromNode::Ping)).await {
                    return Ended::Lost(e.to_string());
                }
            }
            _ = crate::gateway::stopped(stop) => {
                socket.close(1000, "node stopping").await;
                return Ended::Stopped;
            }
        }
    }
}

fn closed(code: Option<u16>, reason: String) -> Ended {
    if code == Some(CLOSE_REFUSED) {
        Ended::Refused(if reason.is_empty() { "rejected or revoked".into() } else { reason })
    } else {
        Ended::Lost(format!(
            "the gateway closed the connection ({})",
            code.map_or(reason.clone(), |c| format!("{c} {reason}"))
        ))
    }
}

fn json_text(m: &FromNode) -> String {
    serde_json::to_string(m).unwrap_or_default()
}

/// Runs one request and logs it in the node's own log.
async fn invoke(host: &Host, id: u64, command: &str, args: Value, timeout_ms: u64) -> FromNode {
    let started = Instant::now();
    let summary = summary(command, &args);
    let result = host.handle(command, args, Duration::from_millis(timeout_ms)).await;
    let ms = started.elapsed().as_millis();
    if result.is_error {
        let first = result.content.lines().next().unwrap_or("");
        log::info!("invoke {id} {command}{summary}: refused or failed in {ms} ms: {first}");
    } else {
        log::info!("invoke {id} {command}{summary}: ok in {ms} ms");
    }
    FromNode::Result { id, ok: !result.is_error, content: result.content, details: result.details }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(json: Value) -> NodeConfig {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn default_is_info_and_notify_and_exec_needs_a_policy() {
        assert_eq!(capabilities(&NodeConfig::default()).unwrap(), ["system.info", "notify"]);
        let n = node(json!({"exec": {"security": "allowlist", "allowlist": ["echo *"]},
            "capabilities": {"file.write": false, "file.read": true, "notify": false}}));
        assert_eq!(capabilities(&n).unwrap(), ["system.info", "system.run", "file.read"]);
        let n = node(json!({"capabilities": {"system.run": true}}));
        assert_eq!(capabilities(&n).unwrap(), ["system.info", "notify"], "deny wins over the switch");
        let err = capabilities(&node(json!({"capabilities": {"shell": true}}))).unwrap_err();
        assert!(err.contains("unknown capability \"shell\""), "{err}");
    }

    #[tokio::test]
    async fn the_node_checks_its_own_policy() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let config = Config {
            node: node(json!({"exec": {"security": "allowlist", "allowlist": ["echo *"]}})),
            ..Config::default()
        };
        let host = Host::new(&home, &config).unwrap();
        let t = Duration::from_secs(5);
        let ok = host.handle("system.run", json!({"command": "echo hi"}), t).await;
        assert!(!ok.is_error && ok.content.contains("hi"), "{ok:?}");
        let no = host.handle("system.run", json!({"command": "id"}), t).await;
        assert!(no.is_error && no.content.contains("node.exec.allowlist"), "{no:?}");
        let no = host.handle("file.write", json!({"path": "x", "content": "y"}), t).await;
        assert!(no.is_error && no.content.contains("does not offer \"file.write\""), "{no:?}");
        let info = host.handle("system.info", Value::Null, t).await;
        let v: Value = serde_json::from_str(&info.content).unwrap();
        assert_eq!(v["os"], std::env::consts::OS);
        assert!(v["disk"]["totalBytes"].as_u64().unwrap() > 0, "{v}");
    }
}
