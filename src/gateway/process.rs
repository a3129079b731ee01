//! The gateway's files under `gateway/` and how other processes find a running gateway:
//! `gateway.pid`, the runtime file `gateway.json` (pid, url, started), the token, and the
//! systemd notification socket.

use std::io::Read;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::home::Home;
use crate::store::{self, IoError, PRIVATE_FILE};

/// What a running gateway writes to `gateway/gateway.json` once it listens.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeInfo {
    /// Its process id.
    pub pid: u32,
    /// Where it serves, e.g. `http://127.0.0.1:18789`.
    pub url: String,
    /// When it started (RFC 3339).
    pub started: String,
}

fn pid_path(home: &Home) -> PathBuf {
    home.gateway_dir().join("gateway.pid")
}

fn runtime_path(home: &Home) -> PathBuf {
    home.gateway_dir().join("gateway.json")
}

/// The text of a small file of the running gateway; `None` when it is missing or is not a small
/// regular file of text (a FIFO there must not hang `gateway status`).
fn read_small(path: &std::path::Path) -> Option<String> {
    String::from_utf8(store::read_state_file(path, store::CAP_SMALL).ok()??).ok()
}

/// The pid in `gateway/gateway.pid`, if any.
pub fn read_pid(home: &Home) -> Option<u32> {
    read_small(&pid_path(home))?.trim().parse().ok()
}

/// The runtime file of the gateway, if one was written.
pub fn read_runtime(home: &Home) -> Option<RuntimeInfo> {
    let text = read_small(&runtime_path(home))?;
    serde_json::from_str(&text).ok()
}

/// Writes `gateway.pid` and `gateway.json` for this process.
pub fn write_runtime(home: &Home, url: &str) -> Result<(), IoError> {
    let pid = std::process::id();
    store::write_atomic(&pid_path(home), format!("{pid}\n").as_bytes(), PRIVATE_FILE)?;
    let info =
        RuntimeInfo { pid, url: url.to_string(), started: crate::time::rfc3339_ms(jiff::Timestamp::now()) };
    let text = serde_json::to_string_pretty(&info).unwrap_or_default();
    store::write_atomic(&runtime_path(home), text.as_bytes(), PRIVATE_FILE)
}

/// Removes the runtime files at a clean exit.
pub fn remove_runtime(home: &Home) {
    let _ = std::fs::remove_file(runtime_path(home));
    let _ = std::fs::remove_file(pid_path(home));
}

/// Whether process `pid` exists.
pub fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: kill with signal 0 only checks that the process exists; no signal is sent.
    unsafe { libc::kill(pid, 0) == 0 }
}

/// The API token: `gateway.token` from the config, else `gateway/token`, generated (32 random
/// bytes as hex, mode 0600) when missing.
pub fn token(home: &Home, config: &Config) -> Result<String, IoError> {
    if let Some(t) = config.gateway.token.as_deref().filter(|t| !t.is_empty()) {
        return Ok(t.to_string());
    }
    let path = home.gateway_dir().join("token");
    if let Some(t) = read_small(&path)
        && !t.trim().is_empty()
    {
        return Ok(t.trim().to_string());
    }
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(IoError::at("reading", "/dev/urandom"))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    store::create_dir_private(&home.gateway_dir())?;
    // Another process may have written it first; theirs wins.
    if !store::write_new(&path, format!("{hex}\n").as_bytes(), PRIVATE_FILE)?
        && let Some(t) = read_small(&path)
    {
        return Ok(t.trim().to_string());
    }
    Ok(hex)
}

/// The token a client should send, without generating one.
pub fn client_token(home: &Home, config: &Config) -> Option<String> {
    if let Some(t) = config.gateway.token.as_deref().filter(|t| !t.is_empty()) {
        return Some(t.to_string());
    }
    let t = read_small(&home.gateway_dir().join("token"))?;
    Some(t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Compares two byte strings in time that depends only on their lengths.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Sends `state` (e.g. `READY=1`) to systemd's `$NOTIFY_SOCKET`; nothing when it is unset.
pub fn sd_notify(state: &str) {
    let Some(path) = std::env::var_os("NOTIFY_SOCKET") else { return };
    let Ok(sock) = std::os::unix::net::UnixDatagram::unbound() else { return };
    let bytes = path.as_encoded_bytes();
    let result = match bytes.strip_prefix(b"@") {
        #[cfg(target_os = "linux")]
        Some(name) => {
            use std::os::linux::net::SocketAddrExt;
            std::os::unix::net::SocketAddr::from_abstract_name(name)
                .and_then(|addr| sock.send_to_addr(state.as_bytes(), &addr))
        }
        // Abstract socket names (`@…`) exist only on Linux, as does systemd.
        #[cfg(not(target_os = "linux"))]
        Some(_) => Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "abstract socket addresses are Linux-only",
        )),
        None => sock.send_to(state.as_bytes(), PathBuf::from(path)),
    };
    if let Err(e) = result {
        super::log::warning!("sd_notify {state}: {e}");
    }
}

/// A gateway that answers on this home, found through its runtime file and `/healthz`.
#[derive(Debug, Clone)]
pub struct Running {
    /// What it wrote at start.
    pub info: RuntimeInfo,
}

/// The gateway running on `home`, if its process is alive and `/healthz` answers.
pub async fn find(home: &Home, http: &reqwest::Client) -> Option<Running> {
    let info = read_runtime(home)?;
    if !alive(info.pid) {
        return None;
    }
    let ok = http
        .get(format!("{}/healthz", info.url))
        .timeout(std::time::Duration::from_secs(2))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success());
    ok.then_some(Running { info })
}

/// An HTTP client for talking to the gateway (plain HTTP on loopback).
pub fn http_client() -> Option<reqwest::Client> {
    crate::provider::http_client(&crate::provider::Timeouts {
        connect: std::time::Duration::from_secs(5),
        idle: std::time::Duration::from_secs(3600),
        overall: std::time::Duration::from_secs(3600),
    })
    .ok()
}
