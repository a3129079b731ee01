//! One connection to one MCP server: JSON-RPC 2.0 over a [`Transport`] (stdio, streamable HTTP
//! or the older HTTP+SSE), the `initialize` handshake, `tools/list` (all pages) and `tools/call`.
//!
//! Replies are matched to requests by id whatever the transport delivers them on; the server's
//! own requests (`ping`, and anything a tools-only client does not offer) are answered, and its
//! notifications are handed to the owner ([`Notice`]). When the transport ends, every request
//! waiting for an answer fails at once with the reason, and [`Client::closed`] says why.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot, watch};

use super::transport::{self, Transport};
use super::{McpError, ServerSpec, StderrSink};

/// The protocol version this client asks for; older servers answer with their own, which is
/// accepted when it is one this client knows.
pub const PROTOCOL_VERSION: &str = "2025-06-18";
const KNOWN_VERSIONS: &[&str] = &["2025-06-18", "2025-03-26", "2024-11-05", "2025-11-25"];

/// What the server said about itself in the handshake.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerInfo {
    /// The protocol version agreed on.
    pub protocol_version: String,
    /// `serverInfo.name`.
    pub name: String,
    /// `serverInfo.version`.
    pub version: String,
    /// The server's `capabilities` object, as sent.
    pub capabilities: Value,
    /// `instructions`, when the server gave any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
}

/// One tool as the server lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteTool {
    /// The server's name for it.
    pub name: String,
    /// What it does.
    pub description: String,
    /// JSON schema of its arguments.
    pub input_schema: Value,
}

/// A notification the server sent (`notifications/tools/list_changed`, …).
#[derive(Debug, Clone)]
pub struct Notice {
    /// The method.
    pub method: String,
}

/// Requests waiting for an answer, and where the server's notifications go.
pub(crate) struct Peer {
    pending: Mutex<HashMap<u64, oneshot::Sender<Result<Value, McpError>>>>,
    notices: mpsc::UnboundedSender<Notice>,
    closed: watch::Sender<Option<String>>,
    /// Answers to the server's own requests go back through this (set once connected).
    replies: mpsc::UnboundedSender<Value>,
}

impl Peer {
    /// Handles one message from the server.
    pub(crate) fn dispatch(&self, msg: Value) {
        if let Value::Array(batch) = msg {
            batch.into_iter().for_each(|m| self.dispatch(m));
            return;
        }
        let method = msg.get("method").and_then(Value::as_str);
        let id = msg.get("id").filter(|v| !v.is_null());
        match (method, id) {
            (Some(method), Some(id)) => {
                // The server asks us something; a tools-only client offers no sampling, roots or
                // elicitation, so anything but ping is "method not found".
                let reply = if method == "ping" {
                    json!({"jsonrpc": "2.0", "id": id, "result": {}})
                } else {
                    json!({"jsonrpc": "2.0", "id": id,
                        "error": {"code": -32601, "message": format!("method not found: {method}")}})
                };
                let _ = self.replies.send(reply);
            }
            (Some(method), None) => {
                let _ = self.notices.send(Notice { method: method.to_string() });
            }
            (None, Some(id)) => {
                let Some(id) = id.as_u64() else { return };
                let Some(tx) = self.pending.lock().unwrap_or_else(|e| e.into_inner()).remove(&id) else {
                    return;
                };
                let outcome = match msg.get("error") {
                    Some(err) => Err(McpError::Rpc {
                        code: err.get("code").and_then(Value::as_i64).unwrap_or(0),
                        message: err.get("message").and_then(Value::as_str).unwrap_or("").to_string(),
                    }),
                    None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
                };
                let _ = tx.send(outcome);
            }
            (None, None) => {}
        }
    }

    /// The transport ended: fail every waiting request with `why` (the first reason sticks).
    pub(crate) fn close(&self, why: String) {
        self.closed.send_if_modified(|c| {
            if c.is_none() {
                *c = Some(why.clone());
                true
            } else {
                false
            }
        });
        let why = self.closed.borrow().clone().unwrap_or(why);
        let waiting: Vec<_> = self.pending.lock().unwrap_or_else(|e| e.into_inner()).drain().collect();
        for (_, tx) in waiting {
            let _ = tx.send(Err(McpError::Closed(why.clone())));
        }
    }

    /// Why the connection ended, once it has.
    pub(crate) fn closed_reason(&self) -> Option<String> {
        self.closed.borrow().clone()
    }
}

/// A live connection, after the handshake.
pub struct Client {
    peer: Arc<Peer>,
    transport: Transport,
    next_id: AtomicU64,
    /// What the server said about itself.
    pub info: ServerInfo,
    request_timeout: Duration,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("info", &self.info).finish_non_exhaustive()
    }
}

impl Client {
    /// Starts or reaches the server and runs the handshake, all within `connectionTimeoutMs`.
    /// The receiver gets the server's notifications.
    pub async fn connect(
        spec: &ServerSpec,
        stderr: StderrSink,
    ) -> Result<(Client, mpsc::UnboundedReceiver<Notice>), McpError> {
        // Boxed so the callers (supervisor, probe) share one copy of the handshake's future.
        Box::pin(Self::connect_inner(spec, stderr)).await
    }

    async fn connect_inner(
        spec: &ServerSpec,
        stderr: StderrSink,
    ) -> Result<(Client, mpsc::UnboundedReceiver<Notice>), McpError> {
        let timeout = Duration::from_millis(spec.config.connection_timeout_ms);
        let (notices_tx, notices) = mpsc::unbounded_channel();
        let (replies_tx, mut replies) = mpsc::unbounded_channel::<Value>();
        let peer = Arc::new(Peer {
            pending: Mutex::new(HashMap::new()),
            notices: notices_tx,
            closed: watch::channel(None).0,
            replies: replies_tx,
        });
        let connecting = async {
            let transport = transport::open(spec, peer.clone(), stderr).await?;
            let mut client = Client {
                peer: peer.clone(),
                transport,
                next_id: AtomicU64::new(1),
                info: ServerInfo::default(),
                request_timeout: Duration::from_millis(spec.config.request_timeout_ms),
            };
            client.info = client.initialize().await?;
            Ok::<_, McpError>(client)
        };
        let client = match tokio::time::timeout(timeout, connecting).await {
            Ok(r) => r?,
            Err(_) => {
                let why = peer.closed_reason();
                return Err(McpError::Timeout {
                    what: "connecting and the handshake".into(),
                    ms: spec.config.connection_timeout_ms,
                    detail: why,
                });
            }
        };
        // Answers to the server's requests (ping) go out in order, off the reader's path.
        let sender = client.transport.sender();
        tokio::spawn(async move {
            while let Some(reply) = replies.recv().await {
                if sender.send(reply).await.is_err() {
                    break;
                }
            }
        });
        client.transport.after_handshake(&client.info.protocol_version);
        Ok((client, notices))
    }

    async fn initialize(&self) -> Result<ServerInfo, McpError> {
        let params = json!({
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": {"name": "openclaw", "version": env!("CARGO_PKG_VERSION")},
        });
        // The handshake is bounded by the connection timeout, not the request timeout.
        let result = self.request_within("initialize", params, Duration::from_secs(24 * 3600)).await?;
        let version = result.get("protocolVersion").and_then(Value::as_str).unwrap_or("").to_string();
        if !KNOWN_VERSIONS.contains(&version.as_str()) {
            return Err(McpError::Protocol(format!(
                "the server speaks MCP protocol version \"{version}\", which this client does not know (it speaks {})",
                KNOWN_VERSIONS.join(", ")
            )));
        }
        let server = result.get("serverInfo").cloned().unwrap_or(Value::Null);
        let info = ServerInfo {
            protocol_version: version,
            name: server.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
            version: server.get("version").and_then(Value::as_str).unwrap_or("").to_string(),
            capabilities: result.get("capabilities").cloned().unwrap_or_else(|| json!({})),
            instructions: result.get("instructions").and_then(Value::as_str).map(str::to_string),
        };
        self.notify("notifications/initialized", json!({})).await?;
        Ok(info)
    }

    /// Sends a request and waits for its answer, at most `requestTimeoutMs`.
    pub async fn request(&self, method: &str, params: Value) -> Result<Value, McpError> {
        self.request_within(method, params, self.request_timeout).await
    }

    async fn request_within(
        &self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, McpError> {
        if let Some(why) = self.peer.closed_reason() {
            return Err(McpError::Closed(why));
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        self.peer.pending.lock().unwrap_or_else(|e| e.into_inner()).insert(id, tx);
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        if let Err(e) = self.transport.send(msg).await {
            self.peer.pending.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            return Err(e);
        }
        match tokio::time::timeout(timeout, rx).await {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(_)) => Err(McpError::Closed(
                self.peer.closed_reason().unwrap_or_else(|| "the connection ended".into()),
            )),
            Err(_) => {
                self.peer.pending.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
                // Tell the server to stop working on it; it may ignore this.
                let cancel = json!({"requestId": id, "reason": "timed out"});
                let _ = self.notify("notifications/cancelled", cancel).await;
                Err(McpError::Timeout {
                    what: method.to_string(),
                    ms: timeout.as_millis() as u64,
                    detail: None,
                })
            }
        }
    }

    /// Sends a notification.
    pub async fn notify(&self, method: &str, params: Value) -> Result<(), McpError> {
        self.transport.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await
    }

    /// Every tool the server offers, all pages, in the server's order.
    pub async fn list_tools(&self) -> Result<Vec<RemoteTool>, McpError> {
        let mut tools = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..1000 {
            let params = match &cursor {
                Some(c) => json!({"cursor": c}),
                None => json!({}),
            };
            let page = self.request("tools/list", params).await?;
            let Some(items) = page.get("tools").and_then(Value::as_array) else {
                return Err(McpError::Protocol("tools/list answered without a \"tools\" list".into()));
            };
            for t in items {
                let Some(name) = t.get("name").and_then(Value::as_str) else { continue };
                tools.push(RemoteTool {
                    name: name.to_string(),
                    description: t
                        .get("description")
                        .or_else(|| t.get("title"))
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    input_schema: t
                        .get("inputSchema")
                        .filter(|s| s.is_object())
                        .cloned()
                        .unwrap_or_else(|| json!({"type": "object", "properties": {}})),
                });
            }
            cursor = page.get("nextCursor").and_then(Value::as_str).map(str::to_string);
            if cursor.is_none() {
                break;
            }
        }
        Ok(tools)
    }

    /// Calls one tool; the raw `CallToolResult`.
    pub async fn call_tool(&self, name: &str, arguments: Value) -> Result<Value, McpError> {
        self.request("tools/call", json!({"name": name, "arguments": arguments})).await
    }

    /// Why the connection ended, or `None` while it is up.
    pub fn closed(&self) -> Option<String> {
        self.peer.closed_reason()
    }

    /// Resolves when the connection ends, with the reason.
    pub async fn wait_closed(&self) -> String {
        let mut rx = self.peer.closed.subscribe();
        match rx.wait_for(Option::is_some).await {
            Ok(r) => r.clone().unwrap_or_default(),
            Err(_) => "the connection ended".into(),
        }
    }

    /// Ends the connection: a stdio server gets its stdin closed, then SIGTERM, then SIGKILL
    /// for its whole process group; an HTTP session is deleted.
    pub async fn shutdown(&self) {
        self.transport.shutdown().await;
        self.peer.close("stopped".into());
    }
}
