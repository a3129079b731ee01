//! A stand-in for the gateway's web chat endpoints, on 127.0.0.1: `GET /` serves the very
//! `index.html` the gateway embeds, and `GET /ws/chat?token=…&peer=…` speaks the chat protocol
//! with scripted replies chosen by the message text. This is the contract test of the page: the
//! frames below are exactly the ones the gateway sends.
//!
//! Scripts (by the text the user sends):
//! - `slow …`  → a delta, a `tool` frame (`exec` with [`TOOL_ARGS`]), then waits for
//!   [`FakeGateway::release`], then its `tool.result` ([`TOOL_RESULT`]), a second delta and `done`;
//! - `fail …`  → an `error` frame;
//! - `xss …`   → a reply full of HTML and a fenced code block;
//! - `md …`    → [`MARKDOWN`], streamed in two halves;
//! - `/new`    → `Started a new session (s2).`, as the gateway's reset trigger answers;
//! - `drop …`  → closes the socket and refuses reconnects until [`FakeGateway::accept`];
//! - anything else → `echo: <text>` in two deltas, then `done` (with [`USAGE`]).
//!
//! It has two agents, [`AGENTS`]; `?agent=` picks one (else the first), as the gateway's does.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use tokio::sync::Notify;

pub const PAGE: &str = include_str!("../../src/gateway/webchat/index.html");
pub const TOKEN: &str = "test-token-0123456789";
pub const ERROR_TEXT: &str = "models.providers.openai.apiKey is not set";
pub const AGENTS: [&str; 2] = ["main", "ops"];
pub const USAGE: (u64, u64) = (1234, 56);
pub const TOOL_ARGS: &str = r#"{"command":"df -h /"}"#;
pub const TOOL_RESULT: &str = "Filesystem  Use%\n/dev/sda1   41%";
pub const XSS: &str = "<img src=x onerror=alert(1)>";
/// A reply with every Markdown construct the page renders, and two attacks on it.
pub const MARKDOWN: &str = "# Plan\n\nSome **bold**, *italic* and `code` text, \
a [good link](https://example.com/a_b) and a [bad link](javascript:alert(document.domain)).\n\n\
- first <img src=x onerror=alert(1)>\n- second\n  - nested\n\n1. one\n2. two\n\n\
```sh\necho \"copied <b>text</b>\"\nls -la\n```\n\n\
snake_case_name stays, https://example.org/x. ends";

#[derive(Default)]
struct Shared {
    connections: AtomicUsize,
    refuse: AtomicBool,
    release: Notify,
    peers: std::sync::Mutex<Vec<String>>,
    /// Every message received: (agent, text).
    messages: std::sync::Mutex<Vec<(String, String)>>,
}

pub struct FakeGateway {
    pub url: String,
    shared: Arc<Shared>,
}

impl FakeGateway {
    pub async fn start() -> FakeGateway {
        let shared = Arc::new(Shared::default());
        let app = Router::new()
            .route("/", get(|| async { Html(PAGE) }))
            .route("/ws/chat", get(ws_chat))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeGateway { url, shared }
    }

    /// WebSocket connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// The `peer` of every accepted connection, in order.
    pub fn peers(&self) -> Vec<String> {
        self.shared.peers.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Every message the page sent, with the agent its connection was for.
    pub fn messages(&self) -> Vec<(String, String)> {
        self.shared.messages.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Let a waiting `slow` turn finish.
    pub fn release(&self) {
        self.shared.release.notify_one();
    }

    /// Accept WebSocket connections again after a `drop`.
    pub fn accept(&self) {
        self.shared.refuse.store(false, Ordering::SeqCst);
    }
}

#[derive(serde::Deserialize)]
struct ChatQuery {
    token: Option<String>,
    peer: Option<String>,
    agent: Option<String>,
}

async fn ws_chat(State(s): State<Arc<Shared>>, Query(q): Query<ChatQuery>, ws: WebSocketUpgrade) -> Response {
    if q.token.as_deref() != Some(TOKEN) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if s.refuse.load(Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let peer = q.peer.unwrap_or_default();
    s.connections.fetch_add(1, Ordering::SeqCst);
    if let Ok(mut p) = s.peers.lock() {
        p.push(peer.clone());
    }
    let agent = q.agent.filter(|a| AGENTS.contains(&a.as_str())).unwrap_or_else(|| AGENTS[0].into());
    ws.on_upgrade(move |socket| chat(socket, s, peer, agent))
}

async fn send(ws: &mut WebSocket, v: Value) -> bool {
    ws.send(Message::Text(v.to_string().into())).await.is_ok()
}

async fn chat(mut ws: WebSocket, s: Arc<Shared>, peer: String, agent: String) {
    let ready = json!({"type": "ready", "agent": agent, "sessionKey": format!("agent:{agent}:webchat:peer:{peer}"),
        "agents": AGENTS, "newCommand": "/new"});
    if !send(&mut ws, ready).await {
        return;
    }
    while let Some(Ok(msg)) = ws.recv().await {
        let Message::Text(raw) = msg else { continue };
        let Ok(m) = serde_json::from_str::<Value>(raw.as_str()) else { continue };
        if m["type"] != "message" {
            continue;
        }
        let id = m["id"].clone();
        let text = m["text"].as_str().unwrap_or_default().to_owned();
        if let Ok(mut all) = s.messages.lock() {
            all.push((agent.clone(), text.clone()));
        }
        let frames: Vec<Value> = if text.starts_with("slow") {
            send(&mut ws, json!({"type": "delta", "id": id, "text": "Let me check"})).await;
            let call =
                json!({"type": "tool", "id": id, "callId": "call_1", "name": "exec", "arguments": TOOL_ARGS});
            send(&mut ws, call).await;
            let _ = tokio::time::timeout(Duration::from_secs(20), s.release.notified()).await;
            vec![
                json!({"type": "tool.result", "id": id, "callId": "call_1", "name": "exec", "result": TOOL_RESULT,
                    "isError": false}),
                // The model's second answer, after the tool; the reply joins both, as the gateway does.
                json!({"type": "delta", "id": id, "text": "All done."}),
                json!({"type": "done", "id": id, "reply": "Let me check\n\nAll done.", "model": "fake/model-1"}),
            ]
        } else if text.starts_with("fail") {
            vec![json!({"type": "error", "id": id, "message": ERROR_TEXT})]
        } else if text.starts_with("xss") {
            let reply = format!("{XSS} and `<b>inline</b>`\n```html\n<script>alert(2)</script>\n```\nbye");
            vec![
                json!({"type": "delta", "id": id, "text": XSS}),
                json!({"type": "done", "id": id, "reply": reply, "model": "fake/model-1"}),
            ]
        } else if text.starts_with("md") {
            let (a, b) = MARKDOWN.split_at(MARKDOWN.len() / 2);
            vec![
                json!({"type": "delta", "id": id, "text": a}),
                json!({"type": "delta", "id": id, "text": b}),
                json!({"type": "done", "id": id, "reply": MARKDOWN, "model": "fake/model-1"}),
            ]
        } else if text == "/new" {
            let reply = "Started a new session (s2).";
            vec![
                json!({"type": "done", "id": id, "reply": reply, "model": null, "command": "/new", "sessionId": "s2"}),
            ]
        } else if text.starts_with("drop") {
            s.refuse.store(true, Ordering::SeqCst);
            return; // dropping the socket closes the TCP connection without a close frame
        } else {
            vec![
                json!({"type": "delta", "id": id, "text": "echo: "}),
                json!({"type": "delta", "id": id, "text": text}),
                json!({"type": "done", "id": id, "reply": format!("echo: {text}"), "model": "fake/model-1",
                    "usage": {"input": USAGE.0, "output": USAGE.1}}),
            ]
        };
        for f in frames {
            if !send(&mut ws, f).await {
                return;
            }
        }
    }
}
