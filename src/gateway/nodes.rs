//! The gateway's side of its nodes: the `/ws/node` endpoint, the live connections, and the
//! requests in flight to them ([`Nodes`], the [`NodeLink`] the `nodes` tool uses).
//!
//! Authentication: the endpoint is outside the API token (a node has no token). A connection gets
//! a random challenge and must answer with a `hello` signed by its key within
//! [`HELLO_TIMEOUT`]; a bad signature is closed with [`CLOSE_REFUSED`]. A key paired in
//! `credentials/nodes.json` is welcomed and may be sent requests; any other key gets a pairing
//! code and then waits, holding a socket and nothing else, until the owner approves (it is
//! welcomed on the same socket) or rejects it (closed). At most [`MAX_WAITING`] unpaired sockets
//! wait at once. Whenever the file changes (`openclaw node approve`/`rm` tells a running gateway
//! through `POST /api/nodes/sync`, and a poll catches edits by hand) every connection checks its
//! key again, so a revoked node is disconnected at once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use jiff::Timestamp;
use serde_json::Value;
use tokio::sync::{mpsc, oneshot, watch};

use super::log;
use crate::home::Home;
use crate::node::pairing::{self, Admission};
use crate::node::{CLOSE_BUSY, CLOSE_REFUSED, FromNode, IDLE, ToNode};
use crate::tool::nodes::{InvokeFuture, NodeInfo, NodeLink, NodeReply};

/// How long a new connection has to say who it is.
pub const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// Unpaired connections waiting for the owner, at most.
pub const MAX_WAITING: usize = 16;

/// One welcomed node connection.
#[derive(Debug)]
struct Conn {
    id: u64,
    public_key: String,
    capabilities: Vec<String>,
    tx: mpsc::Sender<ToNode>,
    calls: Mutex<HashMap<u64, oneshot::Sender<Result<NodeReply, String>>>>,
}

/// What the gateway remembers of a node since it started.
#[derive(Debug, Clone)]
struct Seen {
    capabilities: Vec<String>,
    platform: String,
    last_seen: Timestamp,
}

/// The gateway's nodes: live connections by name, and what was last seen of each.
#[derive(Debug)]
pub struct Nodes {
    home: Home,
    live: Mutex<HashMap<String, Arc<Conn>>>,
    seen: Mutex<HashMap<String, Seen>>,
    generation: watch::Sender<u64>,
    next_id: AtomicU64,
    waiting: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Nodes {
    /// No nodes yet.
    pub fn new(home: Home) -> Arc<Self> {
        Arc::new(Nodes {
            home,
            live: Mutex::new(HashMap::new()),
            seen: Mutex::new(HashMap::new()),
            generation: watch::channel(0).0,
            next_id: AtomicU64::new(1),
            waiting: AtomicUsize::new(0),
        })
    }

    /// `credentials/nodes.json` changed: every connection checks its key again.
    pub fn sync(&self) {
        self.generation.send_modify(|g| *g += 1);
    }

    /// Paired nodes, connected ones with their live facts, as JSON for the API.
    pub fn status(&self) -> Vec<NodeInfo> {
        let paired = pairing::load(&self.home, Timestamp::now()).map(|f| f.paired).unwrap_or_default();
        let live = lock(&self.live);
        let seen = lock(&self.seen);
        paired
            .into_iter()
            .map(|p| {
                let conn = live.get(&p.name).filter(|c| c.public_key == p.public_key);
                let s = seen.get(&p.name);
                NodeInfo {
                    connected: conn.is_some(),
                    capabilities: s.map(|s| s.capabilities.clone()).unwrap_or_default(),
                    platform: s.map(|s| s.platform.clone()).unwrap_or_default(),
                    last_seen: s.map(|s| crate::time::rfc3339_ms(s.last_seen)),
                    name: p.name,
                }
            })
            .collect()
    }

    /// Connected nodes.
    pub fn connected(&self) -> usize {
        lock(&self.live).len()
    }

    fn touch(&self, name: &str) {
        if let Some(s) = lock(&self.seen).get_mut(name) {
            s.last_seen = Timestamp::now();
        }
    }

    /// Sends one request to `node` and waits for its answer, at most `timeout`.
    pub async fn call(
        &self,
        node: &str,
        command: &str,
        args: Value,
        timeout: Duration,
    ) -> Result<NodeReply, String> {
        let Some(conn) = lock(&self.live).get(node).cloned() else {
            let paired = pairing::load(&self.home, Timestamp::now())
                .map(|f| f.paired.iter().any(|p| p.name == node))
                .unwrap_or(false);
            return Err(if paired {
                format!("node \"{node}\" is paired but not connected")
            } else {
                format!("no node is paired as \"{node}\"")
            });
        };
        if !conn.capabilities.iter().any(|c| c == command) {
            return Err(format!(
                "node \"{node}\" does not offer \"{command}\"; it offers: {}",
                conn.capabilities.join(", ")
            ));
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        lock(&conn.calls).insert(id, tx);
        let timeout_ms = timeout.as_millis().min(u128::from(u64::MAX)) as u64;
        let request = ToNode::Invoke { id, command: command.to_string(), args, timeout_ms };
        if conn.tx.send(request).await.is_err() {
            lock(&conn.calls).remove(&id);
            return Err(format!("node \"{node}\" disconnected before {command} could be sent"));
        }
        // The node's own timeout is the same; a little more here lets its answer arrive.
        match tokio::time::timeout(timeout + Duration::from_secs(2), rx).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(_)) => Err(format!("node \"{node}\" disconnected while running {command}")),
            Err(_) => {
                lock(&conn.calls).remove(&id);
                Err(format!("node \"{node}\" did not answer {command} within {} s", timeout.as_secs()))
            }
        }
    }

    /// Whether the key still holds the name (paired, not revoked).
    fn still_paired(&self, name: &str, public_key: &str) -> bool {
        match pairing::load(&self.home, Timestamp::now()) {
            Ok(f) => f.paired.iter().any(|p| p.name == name && p.public_key == public_key),
            // An unreadable file revokes nothing: the owner sees the error in the log.
            Err(e) => {
                log::error!("{e}");
                true
            }
        }
    }
}

impl NodeLink for Nodes {
    fn list(&self) -> Vec<NodeInfo> {
        self.status()
    }

    fn invoke<'a>(
        &'a self,
        node: &'a str,
        command: &'a str,
        args: Value,
        timeout: Duration,
    ) -> InvokeFuture<'a> {
        Box::pin(async move {
            let started = std::time::Instant::now();
            let result = self.call(node, command, args, timeout).await;
            let ms = started.elapsed().as_millis();
            match &result {
                Ok(r) => log::info!(
                    "node invoke: {node} {command}: {} in {ms} ms",
                    if r.ok { "ok" } else { "refused or failed" }
                ),
                Err(e) => log::warning!("node invoke: {node} {command}: {e}"),
            }
            result
        })
    }
}

/// Watches `credentials/nodes.json` for changes made without the API (by hand, or while the
/// API call failed), once a second.
pub async fn watch_file(nodes: Arc<Nodes>, mut stop: watch::Receiver<bool>) {
    let path = pairing::path(&nodes.home);
    let mtime = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut seen: Option<SystemTime> = mtime(&path);
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = super::stopped(&mut stop) => return,
        }
        let now = mtime(&path);
        if now != seen {
            seen = now;
            nodes.sync();
        }
    }
}

async fn send(socket: &mut WebSocket, m: &ToNode) -> bool {
    let text = serde_json::to_string(m).unwrap_or_default();
    socket.send(Message::Text(text.into())).await.is_ok()
}

async fn close(mut socket: WebSocket, code: u16, reason: &str) {
    let frame = CloseFrame { code, reason: reason.to_string().into() };
    let _ = tokio::time::timeout(Duration::from_secs(2), socket.send(Message::Close(Some(frame)))).await;
}

/// The next text message, answering pings; `None` when the socket ended or stayed silent for
/// `idle`.
async fn next_text(socket: &mut WebSocket, idle: Duration) -> Option<String> {
    loop {
        match tokio::time::timeout(idle, socket.recv()).await {
            Ok(Some(Ok(Message::Text(t)))) => return Some(t.as_str().to_string()),
            Ok(Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Binary(_)))) => {}
            _ => return None,
        }
    }
}

/// Serves one connection on `/ws/node`, from challenge to close.
pub async fn serve(
    nodes: Arc<Nodes>,
    mut socket: WebSocket,
    address: String,
    mut stop: watch::Receiver<bool>,
) {
    let mut nonce = [0u8; 32];
    if ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut nonce).is_err() {
        return close(socket, 1011, "no randomness").await;
    }
    let nonce = crate::node::hex(&nonce);
    if !send(&mut socket, &ToNode::Challenge { nonce: nonce.clone() }).await {
        return;
    }
    let Some(text) = next_text(&mut socket, HELLO_TIMEOUT).await else {
        return close(socket, CLOSE_REFUSED, "no hello").await;
    };
    let Ok(FromNode::Hello { name, public_key, signature, capabilities, platform, .. }) =
        serde_json::from_str::<FromNode>(&text)
    else {
        return close(socket, CLOSE_REFUSED, "expected a hello").await;
    };
    if let Err(why) = crate::node::validate_name(&name) {
        return close(socket, CLOSE_REFUSED, &why).await;
    }
    let signed = crate::node::signed_text(&nonce, &name, &public_key);
    if !crate::node::identity::verify(&public_key, &signed, &signature) {
        log::warning!("node connection from {address} refused: bad signature for \"{name}\"");
        return close(socket, CLOSE_REFUSED, "bad signature").await;
    }
    let capabilities: Vec<String> =
        capabilities.into_iter().filter(|c| crate::node::CAPABILITIES.contains(&c.as_str())).collect();
    let platform: String = platform.chars().take(64).collect();
    let mut generation = nodes.generation.subscribe();
    let paired_as =
        match pairing::admit(&nodes.home, &name, &public_key, &address, &platform, Timestamp::now()) {
            Ok(Admission::Paired(n)) => n,
            Ok(Admission::Full) => {
                log::warning!(
                    "node \"{name}\" refused: {} pairing requests wait already",
                    pairing::MAX_PENDING
                );
                return close(socket, CLOSE_BUSY, "too many pending pairing requests").await;
            }
            Ok(Admission::Pending(code)) => {
                if nodes.waiting.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
                    nodes.waiting.fetch_sub(1, Ordering::SeqCst);
                    return close(socket, CLOSE_BUSY, "too many connections wait for pairing").await;
                }
                log::info!("node \"{name}\" asks to be paired: openclaw node approve {code}");
                let outcome =
                    wait_for_approval(&nodes, &mut socket, &public_key, &code, &mut generation, &mut stop)
                        .await;
                nodes.waiting.fetch_sub(1, Ordering::SeqCst);
                match outcome {
                    Waited::Paired(n) => n,
                    Waited::Rejected => {
                        log::info!("node \"{name}\" rejected");
                        return close(socket, CLOSE_REFUSED, "pairing rejected").await;
                    }
                    Waited::Gone => return,
                }
            }
            Err(e) => {
                log::error!("node \"{name}\": {e}");
                return close(socket, 1011, "the gateway cannot read its node file").await;
            }
        };
    if !send(&mut socket, &ToNode::Welcome { name: paired_as.clone() }).await {
        return;
    }
    let (tx, mut rx) = mpsc::channel::<ToNode>(64);
    let conn = Arc::new(Conn {
        id: nodes.next_id.fetch_add(1, Ordering::Relaxed),
        public_key: public_key.clone(),
        capabilities: capabilities.clone(),
        tx,
        calls: Mutex::new(HashMap::new()),
    });
    // A node that reconnects replaces its old socket (whose calls then fail as disconnected).
    lock(&nodes.live).insert(paired_as.clone(), conn.clone());
    lock(&nodes.seen).insert(
        paired_as.clone(),
        Seen { capabilities: capabilities.clone(), platform, last_seen: Timestamp::now() },
    );
    log::info!("node \"{paired_as}\" connected, offering {}", capabilities.join(", "));
    let why = connected(&nodes, &mut socket, &conn, &paired_as, &mut rx, &mut generation, &mut stop).await;
    {
        let mut live = lock(&nodes.live);
        if live.get(&paired_as).is_some_and(|c| c.id == conn.id) {
            live.remove(&paired_as);
        }
    }
    // Whoever still waits learns the node is gone (dropping the senders).
    lock(&conn.calls).clear();
    log::info!("node \"{paired_as}\" disconnected: {why}");
    match why {
        Disconnect::Revoked => close(socket, CLOSE_REFUSED, "revoked").await,
        Disconnect::Stopping => close(socket, 1001, "gateway stopping").await,
        Disconnect::Lost(_) => {}
    }
}

enum Waited {
    Paired(String),
    Rejected,
    Gone,
}

async fn wait_for_approval(
    nodes: &Nodes,
    socket: &mut WebSocket,
    public_key: &str,
    code: &str,
    generation: &mut watch::Receiver<u64>,
    stop: &mut watch::Receiver<bool>,
) -> Waited {
    if !send(socket, &ToNode::Pairing { code: code.to_string() }).await {
        return Waited::Gone;
    }
    loop {
        tokio::select! {
            text = next_text(socket, IDLE) => match text.map(|t| serde_json::from_str::<FromNode>(&t)) {
                Some(Ok(FromNode::Ping)) => if !send(socket, &ToNode::Pong).await { return Waited::Gone },
                Some(_) => {}
                None => return Waited::Gone,
            },
            changed = generation.changed() => {
                if changed.is_err() { return Waited::Gone }
                let Ok(file) = pairing::load(&nodes.home, Timestamp::now()) else { continue };
                if let Some(name) = pairing::paired_name(&file, public_key) {
                    return Waited::Paired(name);
                }
                if !file.pending.iter().any(|r| r.public_key == public_key) {
                    return Waited::Rejected;
                }
            }
            _ = super::stopped(stop) => return Waited::Gone,
        }
    }
}

#[derive(Debug)]
enum Disconnect {
    Revoked,
    Stopping,
    Lost(String),
}

impl std::fmt::Display for Disconnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Disconnect::Revoked => f.write_str("revoked"),
            Disconnect::Stopping => f.write_str("the gateway is stopping"),
            Disconnect::Lost(why) => f.write_str(why),
        }
    }
}

async fn connected(
    nodes: &Nodes,
    socket: &mut WebSocket,
    conn: &Conn,
    name: &str,
    rx: &mut mpsc::Receiver<ToNode>,
    generation: &mut watch::Receiver<u64>,
    stop: &mut watch::Receiver<bool>,
) -> Disconnect {
    loop {
        tokio::select! {
            text = next_text(socket, IDLE) => {
                let Some(text) = text else { return Disconnect::Lost("the connection ended".into()) };
                nodes.touch(name);
                match serde_json::from_str::<FromNode>(&text) {
                    Ok(FromNode::Ping) => if !send(socket, &ToNode::Pong).await {
                        return Disconnect::Lost("the connection broke".into());
                    },
                    Ok(FromNode::Result { id, ok, content, details }) => {
                        if let Some(waiter) = lock(&conn.calls).remove(&id) {
                            let _ = waiter.send(Ok(NodeReply { ok, content, details }));
                        }
                    }
                    Ok(FromNode::Hello { .. }) => {}
                    Err(e) => log::warning!("node \"{name}\" sent something not understood: {e}"),
                }
            }
            request = rx.recv() => {
                let Some(request) = request else { return Disconnect::Lost("replaced".into()) };
                if !send(socket, &request).await {
                    return Disconnect::Lost("the connection broke".into());
                }
            }
            changed = generation.changed() => {
                if changed.is_err() || !nodes.still_paired(name, &conn.public_key) {
                    return Disconnect::Revoked;
                }
            }
            _ = super::stopped(stop) => return Disconnect::Stopping,
        }
    }
}
