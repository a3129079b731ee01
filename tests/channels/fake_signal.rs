//! A fake signal-cli HTTP daemon on 127.0.0.1, speaking what `signal-cli daemon --http` speaks
//! (shapes read from AsamK/signal-cli at c26e0632: `http/HttpServerHandler.java`,
//! `http/ServerSentEventSender.java`, `json/JsonMessageEnvelope.java`, `json/JsonDataMessage.java`,
//! `json/JsonGroupInfo.java`, `json/JsonMention.java`, `json/JsonSendMessageResult.java`,
//! `util/SendMessageResultUtils.java`, `jsonrpc/SignalJsonRpcCommandHandler.java`,
//! `man/signal-cli-jsonrpc.5.adoc`):
//!
//! - `GET /api/v1/check` → 200, empty.
//! - `GET /api/v1/events?account=…` → `text/event-stream`, headers flushed at once; each message
//!   is `event:receive\ndata:{"envelope":{…},"account":"+…"}\n\n`, a `:\n` keep-alive comes every
//!   `keepalive` (15 s in signal-cli); an account the daemon does not have → 400 (multi-account
//!   mode's answer).
//! - `POST /api/v1/rpc` (`Content-Type: application/json`, else 415; a Host header other than the
//!   bound address → 421) → a JSON-RPC 2.0 response: `send` → `{timestamp, results:[{recipientAddress
//!   {uuid,number}, type:"SUCCESS"}]}`, or error -5 with `data.response` on a rate limit;
//!   `sendTyping` → `{}`; `getUserStatus` → `[{recipient, number, uuid, isRegistered}]`; anything
//!   else → -32601. A notification (no id) → 201 without a body.
//! - Receive modes: `on-connection` (signal-cli's `--receive-mode on-connection`) keeps what
//!   arrives while no client is attached and hands it over at the next connect; `on-start` (the
//!   default of signal-cli) consumes it, so it is lost to a client that was away.
//! - Test control (not signal-cli's): `POST /test/receive` emits an envelope, `POST /test/exit`
//!   ends the process (for `examples/fake_signal_cli.rs`, the stand-in for a `cliPath` daemon).
//! - Faults: a half-open stream (headers, then nothing, not even keep-alives), rate limits, and
//!   replay of everything sent so far at each new connection (Signal redelivering).

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::mpsc;

/// The bot's number and ACI.
pub const ACCOUNT: &str = "+31600000001";
pub const ACCOUNT_UUID: &str = "8d2f3a10-0000-4000-8000-00000000b071";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    OnConnection,
    OnStart,
}

struct Shared {
    port: u16,
    keepalive: Duration,
    mode: Mutex<Mode>,
    queue: Mutex<Vec<String>>,
    history: Mutex<Vec<String>>,
    subscribers: Mutex<Vec<mpsc::UnboundedSender<String>>>,
    sent: Mutex<Vec<Value>>,
    typing: Mutex<Vec<Value>>,
    connections: AtomicUsize,
    half_open: AtomicU32,
    rate_limits: AtomicU32,
    replay: AtomicBool,
    dropped: AtomicUsize,
}

/// The running fake; it stops with the test's runtime.
#[derive(Clone)]
pub struct FakeSignal {
    pub url: String,
    s: Arc<Shared>,
}

impl FakeSignal {
    pub async fn start(keepalive: Duration) -> FakeSignal {
        Self::start_on("127.0.0.1:0", keepalive).await.expect("bind")
    }

    /// The fake on `addr` (`examples/fake_signal_cli.rs` runs it as a stand-in signal-cli).
    pub async fn start_on(addr: &str, keepalive: Duration) -> std::io::Result<FakeSignal> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let port = listener.local_addr().expect("addr").port();
        let s = Arc::new(Shared {
            port,
            keepalive,
            mode: Mutex::new(Mode::OnConnection),
            queue: Mutex::default(),
            history: Mutex::default(),
            subscribers: Mutex::default(),
            sent: Mutex::default(),
            typing: Mutex::default(),
            connections: AtomicUsize::new(0),
            half_open: AtomicU32::new(0),
            rate_limits: AtomicU32::new(0),
            replay: AtomicBool::new(false),
            dropped: AtomicUsize::new(0),
        });
        let app = Router::new()
            .route("/api/v1/check", get(|| async { StatusCode::OK }))
            .route("/api/v1/events", get(events))
            .route("/api/v1/rpc", post(rpc))
            // Test control, not signal-cli's: for a fake running in another process.
            .route("/test/receive", post(test_receive))
            .route("/test/exit", post(test_exit))
            .with_state(s.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(FakeSignal { url: format!("http://127.0.0.1:{port}"), s })
    }

    pub fn set_mode(&self, m: Mode) {
        *self.s.mode.lock().unwrap() = m;
    }

    /// The next `n` subscriptions get headers and then silence.
    pub fn half_open(&self, n: u32) {
        self.s.half_open.store(n, Ordering::SeqCst);
    }

    /// The next `n` sends are refused with a rate limit (retry after 1 s).
    pub fn rate_limit(&self, n: u32) {
        self.s.rate_limits.store(n, Ordering::SeqCst);
    }

    /// Every new subscription first gets every envelope sent so far again.
    pub fn replay_on_connect(&self, on: bool) {
        self.s.replay.store(on, Ordering::SeqCst);
    }

    pub fn connections(&self) -> usize {
        self.s.connections.load(Ordering::SeqCst)
    }

    /// Envelopes consumed while nobody listened (on-start mode).
    pub fn dropped(&self) -> usize {
        self.s.dropped.load(Ordering::SeqCst)
    }

    /// Whether a client is attached to the event stream.
    pub fn attached(&self) -> bool {
        let mut subs = self.s.subscribers.lock().unwrap();
        subs.retain(|t| !t.is_closed());
        !subs.is_empty()
    }

    /// The `params` of every successful `send`.
    pub fn sent(&self) -> Vec<Value> {
        self.s.sent.lock().unwrap().clone()
    }

    pub fn typing(&self) -> Vec<Value> {
        self.s.typing.lock().unwrap().clone()
    }

    /// Emits one envelope for [`ACCOUNT`] as signal-cli would.
    pub fn receive(&self, envelope: Value) {
        let data = json!({"envelope": envelope, "account": ACCOUNT}).to_string();
        let frame = format!("event:receive\ndata:{data}\n\n");
        self.s.history.lock().unwrap().push(frame.clone());
        let mut subs = self.s.subscribers.lock().unwrap();
        subs.retain(|t| !t.is_closed());
        if !subs.is_empty() {
            for t in subs.iter() {
                let _ = t.send(frame.clone());
            }
            return;
        }
        match *self.s.mode.lock().unwrap() {
            Mode::OnConnection => self.s.queue.lock().unwrap().push(frame),
            Mode::OnStart => {
                self.s.dropped.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
}

/// An envelope with a text `dataMessage` from `uuid`/`number`.
pub fn dm(uuid: &str, number: &str, name: &str, timestamp: u64, text: &str) -> Value {
    json!({
        "source": number, "sourceNumber": number, "sourceUuid": uuid, "sourceName": name, "sourceDevice": 1,
        "timestamp": timestamp, "serverReceivedTimestamp": timestamp + 3, "serverDeliveredTimestamp": timestamp + 5,
        "dataMessage": {"timestamp": timestamp, "message": text, "expiresInSeconds": 0, "viewOnce": false},
    })
}

/// The same in group `group_id`, with `mentions` as (start, length, number, uuid).
pub fn group_message(
    uuid: &str,
    number: &str,
    name: &str,
    timestamp: u64,
    group_id: &str,
    text: &str,
    mentions: &[(usize, usize, &str, &str)],
) -> Value {
    let mut e = dm(uuid, number, name, timestamp, text);
    e["dataMessage"]["groupInfo"] =
        json!({"groupId": group_id, "groupName": "Team", "revision": 3, "type": "DELIVER"});
    if !mentions.is_empty() {
        e["dataMessage"]["mentions"] = mentions
            .iter()
            .map(|(s, l, n, u)| json!({"name": n, "number": n, "uuid": u, "start": s, "length": l}))
            .collect();
    }
    e
}

/// Envelopes that are not messages: a read receipt, a typing notice, and our own message sent
/// from a linked device.
pub fn noise(uuid: &str, number: &str, timestamp: u64) -> Vec<Value> {
    let base = json!({"source": number, "sourceNumber": number, "sourceUuid": uuid, "sourceName": "x",
        "sourceDevice": 1, "timestamp": timestamp, "serverReceivedTimestamp": 0, "serverDeliveredTimestamp": 0});
    let mut receipt = base.clone();
    receipt["receiptMessage"] =
        json!({"when": timestamp, "isDelivery": false, "isRead": true, "isViewed": false, "timestamps": [1]});
    let mut typing = base.clone();
    typing["typingMessage"] = json!({"action": "STARTED", "timestamp": timestamp});
    let mut sync = base;
    sync["sourceNumber"] = json!(ACCOUNT);
    sync["sourceUuid"] = json!(ACCOUNT_UUID);
    sync["syncMessage"] = json!({"sentMessage": {"destination": number, "destinationNumber": number,
        "destinationUuid": uuid, "timestamp": timestamp, "message": "sent from my phone", "expiresInSeconds": 0, "viewOnce": false}});
    vec![receipt, typing, sync]
}

async fn test_exit() -> StatusCode {
    std::process::exit(3)
}

async fn test_receive(State(s): State<Arc<Shared>>, body: Bytes) -> StatusCode {
    let Ok(envelope) = serde_json::from_slice::<Value>(&body) else { return StatusCode::BAD_REQUEST };
    FakeSignal { url: String::new(), s }.receive(envelope);
    StatusCode::NO_CONTENT
}

fn host_ok(s: &Shared, headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    host == format!("127.0.0.1:{}", s.port) || host == format!("localhost:{}", s.port)
}

async fn events(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    if !host_ok(&s, &headers) {
        return StatusCode::MISDIRECTED_REQUEST.into_response();
    }
    if q.get("account").is_some_and(|a| a != ACCOUNT && a != ACCOUNT_UUID) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    s.connections.fetch_add(1, Ordering::SeqCst);
    let stream_headers = [(header::CONTENT_TYPE, "text/event-stream")];
    if s.half_open.load(Ordering::SeqCst) > 0 {
        s.half_open.fetch_sub(1, Ordering::SeqCst);
        let silent = futures_util::stream::pending::<Result<Bytes, Infallible>>();
        return (stream_headers, Body::from_stream(silent)).into_response();
    }
    let (tx, rx) = mpsc::unbounded_channel::<String>();
    if s.replay.load(Ordering::SeqCst) {
        for f in s.history.lock().unwrap().iter() {
            let _ = tx.send(f.clone());
        }
    }
    for f in s.queue.lock().unwrap().drain(..) {
        let _ = tx.send(f);
    }
    s.subscribers.lock().unwrap().push(tx);
    let mut ticker = tokio::time::interval(s.keepalive);
    ticker.reset();
    let stream = futures_util::stream::unfold((rx, ticker), |(mut rx, mut ticker)| async move {
        let bytes = tokio::select! {
            f = rx.recv() => Bytes::from(f?),
            _ = ticker.tick() => Bytes::from_static(b":\n"),
        };
        Some((Ok::<_, Infallible>(bytes), (rx, ticker)))
    });
    (stream_headers, Body::from_stream(stream)).into_response()
}

fn error(id: &Value, code: i64, message: &str, data: Option<Value>) -> Value {
    let mut e = json!({"code": code, "message": message});
    if let Some(d) = data {
        e["data"] = d;
    }
    json!({"jsonrpc": "2.0", "error": e, "id": id})
}

/// A list parameter as signal-cli reads one (`JsonRpcNamespace`): `name` as one value or a
/// list, or the plural `names`.
fn list(params: &Value, name: &str) -> Vec<String> {
    let strings = |v: &Value| match v {
        Value::String(x) => vec![x.clone()],
        Value::Array(a) => a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    match params.get(name) {
        Some(v) if !v.is_null() => strings(v),
        _ => params.get(format!("{name}s")).map(strings).unwrap_or_default(),
    }
}

fn one(s: &Shared, req: &Value) -> Option<Value> {
    let id = req.get("id").cloned();
    let idv = id.clone().unwrap_or(Value::Null);
    let params = req.get("params").cloned().unwrap_or(json!({}));
    if params.get("account").is_some_and(|a| a != ACCOUNT) {
        return Some(error(&idv, -32602, "Specified account does not exist", None));
    }
    let ts = jiff::Timestamp::now().as_millisecond();
    let result = match req.get("method").and_then(Value::as_str) {
        Some("send") => {
            let to = list(&params, "recipient");
            let address = |r: &str| match r.starts_with('+') {
                true => json!({"uuid": format!("uuid-of-{r}"), "number": r}),
                false => json!({"uuid": r, "number": null}),
            };
            if s.rate_limits.load(Ordering::SeqCst) > 0 {
                s.rate_limits.fetch_sub(1, Ordering::SeqCst);
                let results: Vec<Value> = to
                    .iter()
                    .map(|r| {
                        json!({"recipientAddress": address(r),
                    "type": "RATE_LIMIT_FAILURE", "retryAfterSeconds": 1})
                    })
                    .collect();
                return Some(error(
                    &idv,
                    -5,
                    "Failed to send message due to rate limiting",
                    Some(json!({"response": {"timestamp": ts, "results": results}})),
                ));
            }
            let groups = list(&params, "groupId");
            if to.is_empty() && groups.is_empty() {
                return Some(error(&idv, -32602, "No recipients given", None));
            }
            s.sent.lock().unwrap().push(params.clone());
            let results: Vec<Value> = match params.get("groupId") {
                Some(g) => vec![
                    json!({"recipientAddress": address("+31600000077"), "groupId": g, "type": "SUCCESS"}),
                ],
                None => {
                    to.iter().map(|r| json!({"recipientAddress": address(r), "type": "SUCCESS"})).collect()
                }
            };
            json!({"timestamp": ts, "results": results})
        }
        Some("sendTyping") => {
            s.typing.lock().unwrap().push(params.clone());
            json!({})
        }
        Some("getUserStatus") => {
            let r = list(&params, "recipient").first().cloned().unwrap_or_default();
            let uuid = if r == ACCOUNT { ACCOUNT_UUID.to_string() } else { format!("uuid-of-{r}") };
            json!([{"recipient": r, "number": r, "uuid": uuid, "isRegistered": true}])
        }
        _ => return Some(error(&idv, -32601, "Method not implemented", None)),
    };
    id.map(|id| json!({"jsonrpc": "2.0", "result": result, "id": id}))
}

async fn rpc(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    if !host_ok(&s, &headers) {
        return StatusCode::MISDIRECTED_REQUEST.into_response();
    }
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !json_type {
        return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
    }
    let answer = match serde_json::from_slice::<Value>(&body) {
        Err(_) => Some(error(&Value::Null, -32700, "Parse error", None)),
        Ok(Value::Array(batch)) => {
            let all: Vec<Value> = batch.iter().filter_map(|r| one(&s, r)).collect();
            (!all.is_empty()).then_some(Value::Array(all))
        }
        Ok(req) => one(&s, &req),
    };
    match answer {
        Some(v) => ([(header::CONTENT_TYPE, "application/json")], v.to_string()).into_response(),
        None => StatusCode::CREATED.into_response(),
    }
}
