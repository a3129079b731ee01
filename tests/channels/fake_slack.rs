//! A fake Slack on 127.0.0.1 that speaks Socket Mode and the Web API methods a Socket Mode bot
//! uses: `apps.connections.open` (app-level token only; single-use `ws://` URLs with a ticket),
//! `auth.test`, `chat.postMessage` (JSON or form bodies, `ok: false` errors, 40,000-character
//! limit, a `ts` per message, the bot's own posts echoed back as `message` events as Slack does),
//! `conversations.open`, `reactions.add` / `reactions.remove`.
//!
//! Socket Mode as Slack runs it: `hello` on connect; `events_api` envelopes wrapping an
//! `event_callback`; an envelope not acknowledged (`{"envelope_id"}`) within the ack timeout is
//! sent again with `retry_attempt` + 1 and `retry_reason: "timeout"` (three retries, then Slack
//! gives up), to whichever connection is open then, so events sent while the client is away
//! arrive once it is back; `disconnect` with `refresh_requested` keeps the old socket open for an
//! overlap window; at most 10 connections (the 11th gets `too_many_websockets`). Faults: drop
//! every socket without a close frame, scripted Web API answers (HTTP 429 with `Retry-After`, any
//! `error`), and a record of every call, delivery and ack.
//!
//! Its fidelity is checked with Slack's official `@slack/socket-mode` client
//! (`tests/slackjs/check.mjs`).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};

pub const APP_TOKEN: &str = "xapp-1-A0APP-1-fakeapptoken";
pub const BOT_TOKEN: &str = "xoxb-1-fakebottoken";
pub const BOT_USER: &str = "U0BOT";
pub const BOT_ID: &str = "B0BOT";
pub const TEAM: &str = "T0TEAM";
pub const APP_ID: &str = "A0APP";
/// Slack's limit on connections per app.
const MAX_CONNECTIONS: usize = 10;
/// Slack truncates text beyond this; the fake refuses it (`msg_too_long`).
const MAX_TEXT: usize = 40_000;

/// How the fake behaves.
#[derive(Clone, Debug)]
pub struct FakeOptions {
    /// How long an envelope waits for its ack before it is sent again (Slack: 3 s).
    pub ack_timeout: Duration,
    /// Retries after the first attempt (Slack: 3).
    pub retries: u32,
    /// Echo the bot's own posts back as `message` events (Slack does). Default true.
    pub echo_own_messages: bool,
    /// How long an old socket stays open after `disconnect refresh_requested`.
    pub refresh_overlap: Duration,
    /// The server pings each socket this often (Slack's clients expect it within 30 s).
    pub ping_interval: Duration,
}

impl Default for FakeOptions {
    fn default() -> Self {
        FakeOptions {
            ack_timeout: Duration::from_secs(3),
            retries: 3,
            echo_own_messages: true,
            refresh_overlap: Duration::from_secs(10),
            ping_interval: Duration::from_secs(10),
        }
    }
}

/// A scripted answer for the next call of one Web API method.
#[derive(Clone, Debug)]
pub enum Fault {
    /// HTTP 429 with `Retry-After` and `{"ok":false,"error":"ratelimited"}`.
    RateLimited { retry_after: u64 },
    /// HTTP 200 with `{"ok":false,"error":<code>}`.
    Error(&'static str),
}

/// One Web API call, whatever its answer.
#[derive(Clone, Debug)]
pub struct ApiCall {
    pub method: String,
    /// The Bearer token (or the body's `token`).
    pub token: Option<String>,
    pub content_type: Option<String>,
    /// The parameters (a JSON body, or a form body as an object of strings).
    pub body: Value,
    /// `ok` of the answer (false for a 429 too).
    pub ok: bool,
    pub at: Instant,
}

/// A message posted with `chat.postMessage`.
#[derive(Clone, Debug)]
pub struct Posted {
    pub channel: String,
    pub text: String,
    pub thread_ts: Option<String>,
    pub ts: String,
    pub body: Value,
    pub at: Instant,
}

/// One envelope sent on one connection.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub envelope_id: String,
    pub event_id: String,
    pub connection: u64,
    pub retry_attempt: u32,
    pub at: Instant,
    pub acked_at: Option<Instant>,
}

/// One Socket Mode connection.
#[derive(Clone, Debug)]
pub struct Connection {
    pub id: u64,
    pub opened_at: Instant,
    pub hello_at: Option<Instant>,
    pub closed_at: Option<Instant>,
    /// The close code the client sent (None: no close frame from the client).
    pub client_close: Option<u16>,
    /// Got `disconnect`; no new envelopes go to it.
    pub retiring: bool,
}

enum Cmd {
    Frame(String),
    Close(u16),
    Drop,
}

#[derive(Default)]
struct St {
    opts: FakeOptions,
    port: u16,
    tickets: HashSet<String>,
    conns: Vec<Connection>,
    senders: HashMap<u64, mpsc::UnboundedSender<Cmd>>,
    calls: Vec<ApiCall>,
    faults: VecDeque<(String, Fault)>,
    posted: Vec<Posted>,
    deliveries: Vec<Delivery>,
    acked: HashSet<String>,
    given_up: Vec<String>,
    reactions: Vec<(String, String, String)>,
    /// Payloads by event id, for [`FakeSlack::resend`].
    payloads: HashMap<String, Value>,
    /// Frames from clients that were not acks.
    other_frames: Vec<String>,
}

impl St {
    /// Sends one attempt of `event_id` to the newest live connection; `false` when none is open.
    fn send_attempt(&mut self, event_id: &str, payload: &Value, attempt: u32) -> bool {
        let Some(conn) =
            self.conns.iter().rev().find(|c| c.closed_at.is_none() && c.hello_at.is_some() && !c.retiring)
        else {
            return false;
        };
        let envelope_id = uuid::Uuid::new_v4().to_string();
        let envelope = json!({
            "envelope_id": envelope_id,
            "type": "events_api",
            "accepts_response_payload": false,
            "retry_attempt": attempt,
            "retry_reason": if attempt == 0 { "" } else { "timeout" },
            "payload": payload,
        });
        let id = conn.id;
        if self.senders.get(&id).is_none_or(|tx| tx.send(Cmd::Frame(envelope.to_string())).is_err()) {
            return false;
        }
        self.deliveries.push(Delivery {
            envelope_id,
            event_id: event_id.to_string(),
            connection: id,
            retry_attempt: attempt,
            at: Instant::now(),
            acked_at: None,
        });
        true
    }
}

type Shared = Arc<Mutex<St>>;

fn lock(st: &Shared) -> MutexGuard<'_, St> {
    st.lock().unwrap_or_else(|e| e.into_inner())
}

/// The fake server; it stops when dropped.
pub struct FakeSlack {
    pub port: u16,
    st: Shared,
    stop: watch::Sender<bool>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeSlack {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        self.server.abort();
        for tx in lock(&self.st).senders.values() {
            let _ = tx.send(Cmd::Drop);
        }
    }
}

impl FakeSlack {
    pub async fn start() -> FakeSlack {
        FakeSlack::start_with(FakeOptions::default()).await
    }

    pub async fn start_with(opts: FakeOptions) -> FakeSlack {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local addr").port();
        let st: Shared = Arc::new(Mutex::new(St { opts, port, ..St::default() }));
        let (stop, mut until) = watch::channel(false);
        let app = axum::Router::new()
            .route("/link", get(link))
            .route("/link/", get(link))
            .route("/api/{method}", any(api))
            .with_state(st.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = until.wait_for(|s| *s).await;
                })
                .await;
        });
        FakeSlack { port, st, stop, server }
    }

    /// `http://127.0.0.1:P/api` (the Web API base, without a trailing slash).
    pub fn api_base(&self) -> String {
        format!("http://127.0.0.1:{}/api", self.port)
    }

    /// Sends an `events_api` envelope carrying `event` now (to the newest open connection), and
    /// again after each ack timeout until it is acknowledged or the retries are spent. Returns
    /// the `event_id`.
    pub fn event(&self, event: Value) -> String {
        let event_id = format!("Ev{:010}", next_id());
        let payload = json!({
            "token": "fake-verification-token",
            "team_id": TEAM,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": now_secs(),
            "authorizations": [{"enterprise_id": null, "team_id": TEAM, "user_id": BOT_USER,
                "is_bot": true, "is_enterprise_install": false}],
            "is_ext_shared_channel": false,
            "event_context": format!("4-{event_id}"),
        });
        lock(&self.st).payloads.insert(event_id.clone(), payload.clone());
        let st = self.st.clone();
        let id = event_id.clone();
        tokio::spawn(async move {
            let (timeout, retries) = {
                let s = lock(&st);
                (s.opts.ack_timeout, s.opts.retries)
            };
            for attempt in 0..=retries {
                lock(&st).send_attempt(&id, &payload, attempt);
                let deadline = Instant::now() + timeout;
                while Instant::now() < deadline {
                    if lock(&st).acked.contains(&id) {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
            lock(&st).given_up.push(id);
        });
        event_id
    }

    /// Sends event `event_id` once more, as a retry, even though it was acknowledged (Slack
    /// does that when the ack reached it late). `false` when no connection is open.
    pub fn resend(&self, event_id: &str) -> bool {
        let mut st = lock(&self.st);
        let attempt = st.deliveries.iter().filter(|d| d.event_id == event_id).count() as u32;
        let payload = st.payloads.get(event_id).cloned().unwrap_or(Value::Null);
        st.send_attempt(event_id, &payload, attempt)
    }

    /// A user's message in a DM with the bot (`message`, `channel_type: im`); returns its `ts`.
    pub fn dm(&self, user: &str, text: &str) -> String {
        let ts = ts();
        self.event(message(&dm_channel(user), "im", user, text, &ts, None));
        ts
    }

    /// A user's message in channel `channel` (thread `thread_ts` when given), as Slack sends
    /// it: a `message` event, plus an `app_mention` when it mentions the bot. Returns its `ts`.
    pub fn post(&self, channel: &str, user: &str, text: &str, thread_ts: Option<&str>) -> String {
        let ts = ts();
        self.event(message(channel, "channel", user, text, &ts, thread_ts));
        if text.contains(&format!("<@{BOT_USER}>")) {
            let mut mention = message(channel, "channel", user, text, &ts, thread_ts);
            mention["type"] = json!("app_mention");
            if let Some(o) = mention.as_object_mut() {
                o.remove("channel_type");
            }
            self.event(mention);
        }
        ts
    }

    /// Sends `disconnect refresh_requested` to every open connection; each is closed by the
    /// server after the overlap window unless the client closes it first.
    pub fn refresh(&self) {
        let mut st = lock(&self.st);
        let overlap = st.opts.refresh_overlap;
        let frame = json!({"type": "disconnect", "reason": "refresh_requested",
            "debug_info": {"host": "fake-slack"}})
        .to_string();
        let open: Vec<u64> = st.conns.iter().filter(|c| c.closed_at.is_none()).map(|c| c.id).collect();
        for id in open {
            if let Some(c) = st.conns.iter_mut().find(|c| c.id == id) {
                c.retiring = true;
            }
            if let Some(tx) = st.senders.get(&id).cloned() {
                let _ = tx.send(Cmd::Frame(frame.clone()));
                tokio::spawn(async move {
                    tokio::time::sleep(overlap).await;
                    let _ = tx.send(Cmd::Close(1000));
                });
            }
        }
    }

    /// Cuts every open socket without a close frame.
    pub fn drop_connections(&self) {
        for tx in lock(&self.st).senders.values() {
            let _ = tx.send(Cmd::Drop);
        }
    }

    /// The next call of `method` gets `fault` (faults queue up in order).
    pub fn fault(&self, method: &str, fault: Fault) {
        lock(&self.st).faults.push_back((method.to_string(), fault));
    }

    pub fn posted(&self) -> Vec<Posted> {
        lock(&self.st).posted.clone()
    }

    pub fn calls(&self, method: &str) -> Vec<ApiCall> {
        lock(&self.st).calls.iter().filter(|c| c.method == method).cloned().collect()
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.st).deliveries.clone()
    }

    /// Deliveries of one event, in order.
    pub fn deliveries_of(&self, event_id: &str) -> Vec<Delivery> {
        self.deliveries().into_iter().filter(|d| d.event_id == event_id).collect()
    }

    pub fn acked(&self, event_id: &str) -> bool {
        lock(&self.st).acked.contains(event_id)
    }

    /// Events whose retries were spent without an ack.
    pub fn given_up(&self) -> Vec<String> {
        lock(&self.st).given_up.clone()
    }

    pub fn connections(&self) -> Vec<Connection> {
        lock(&self.st).conns.clone()
    }

    pub fn open_connections(&self) -> usize {
        lock(&self.st).conns.iter().filter(|c| c.closed_at.is_none()).count()
    }

    pub fn reactions(&self) -> Vec<(String, String, String)> {
        lock(&self.st).reactions.clone()
    }

    pub fn other_frames(&self) -> Vec<String> {
        lock(&self.st).other_frames.clone()
    }
}

fn next_id() -> u64 {
    static N: AtomicU64 = AtomicU64::new(1);
    N.fetch_add(1, Ordering::Relaxed)
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A fresh message timestamp (`<seconds>.<6 digits>`), rising within the process.
pub fn ts() -> String {
    format!("{}.{:06}", now_secs(), next_id() % 1_000_000)
}

/// The DM channel between the bot and `user` (`U123` → `D123`).
pub fn dm_channel(user: &str) -> String {
    format!("D{}", user.trim_start_matches(['U', 'W']))
}

/// A `message` event as Slack sends it.
pub fn message(
    channel: &str,
    channel_type: &str,
    user: &str,
    text: &str,
    ts: &str,
    thread: Option<&str>,
) -> Value {
    let mut e = json!({
        "type": "message",
        "channel": channel,
        "channel_type": channel_type,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "team": TEAM,
        "client_msg_id": uuid::Uuid::new_v4().to_string(),
        "blocks": [{"type": "rich_text", "block_id": "b1",
            "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}],
    });
    if let Some(t) = thread {
        e["thread_ts"] = json!(t);
    }
    e
}

#[derive(serde::Deserialize)]
struct LinkQuery {
    #[serde(default)]
    ticket: String,
}

async fn link(State(st): State<Shared>, Query(q): Query<LinkQuery>, ws: WebSocketUpgrade) -> Response {
    if !lock(&st).tickets.remove(&q.ticket) {
        return (StatusCode::UNAUTHORIZED, "invalid or used ticket").into_response();
    }
    ws.on_upgrade(move |socket| serve_socket(st, socket))
}

async fn serve_socket(st: Shared, mut socket: WebSocket) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let id = next_id();
    let too_many = {
        let mut s = lock(&st);
        let open = s.conns.iter().filter(|c| c.closed_at.is_none()).count();
        s.conns.push(Connection {
            id,
            opened_at: Instant::now(),
            hello_at: None,
            closed_at: None,
            client_close: None,
            retiring: false,
        });
        s.senders.insert(id, tx);
        open >= MAX_CONNECTIONS
    };
    let finish = |st: &Shared, client_close: Option<u16>| {
        let mut s = lock(st);
        s.senders.remove(&id);
        if let Some(c) = s.conns.iter_mut().find(|c| c.id == id) {
            c.closed_at = Some(Instant::now());
            c.client_close = client_close;
        }
    };
    if too_many {
        let frame = json!({"type": "disconnect", "reason": "too_many_websockets",
            "debug_info": {"host": "fake-slack"}});
        let _ = socket.send(Message::Text(frame.to_string().into())).await;
        let _ = socket.send(Message::Close(Some(CloseFrame { code: 1000, reason: "".into() }))).await;
        return finish(&st, None);
    }
    let num = lock(&st).conns.iter().filter(|c| c.closed_at.is_none()).count();
    let hello = json!({"type": "hello", "num_connections": num,
        "debug_info": {"host": "fake-slack", "build_number": 1, "approximate_connection_time": 18060},
        "connection_info": {"app_id": APP_ID}});
    if socket.send(Message::Text(hello.to_string().into())).await.is_err() {
        return finish(&st, None);
    }
    let ping_every = {
        let mut s = lock(&st);
        if let Some(c) = s.conns.iter_mut().find(|c| c.id == id) {
            c.hello_at = Some(Instant::now());
        }
        s.opts.ping_interval
    };
    let mut pings = tokio::time::interval_at(tokio::time::Instant::now() + ping_every, ping_every);
    loop {
        tokio::select! {
            _ = pings.tick() => {
                if socket.send(Message::Ping(Bytes::from_static(b"ping"))).await.is_err() {
                    return finish(&st, None);
                }
            }
            cmd = rx.recv() => match cmd {
                Some(Cmd::Frame(t)) => {
                    if socket.send(Message::Text(t.into())).await.is_err() {
                        return finish(&st, None);
                    }
                }
                Some(Cmd::Close(code)) => {
                    let _ = socket.send(Message::Close(Some(CloseFrame { code, reason: "".into() }))).await;
                    return finish(&st, None);
                }
                Some(Cmd::Drop) | None => return finish(&st, None),
            },
            msg = socket.recv() => match msg {
                Some(Ok(Message::Text(t))) => {
                    let v: Value = serde_json::from_str(t.as_str()).unwrap_or(Value::Null);
                    let mut s = lock(&st);
                    match v.get("envelope_id").and_then(Value::as_str) {
                        Some(eid) => {
                            let event = s.deliveries.iter_mut().find(|d| d.envelope_id == eid).map(|d| {
                                d.acked_at = Some(Instant::now());
                                d.event_id.clone()
                            });
                            if let Some(e) = event {
                                s.acked.insert(e);
                            }
                        }
                        None => s.other_frames.push(t.as_str().to_string()),
                    }
                }
                Some(Ok(Message::Close(f))) => {
                    let code = f.as_ref().map_or(1005, |f| f.code);
                    // Reading on flushes the close reply (clients report an error without it).
                    let _ = tokio::time::timeout(Duration::from_secs(2), async {
                        while let Some(Ok(_)) = socket.recv().await {}
                    })
                    .await;
                    return finish(&st, Some(code));
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return finish(&st, None),
            },
        }
    }
}

/// The parameters of a Web API call: a JSON body, or a form body (what the Node SDK sends).
fn params(headers: &HeaderMap, body: &[u8]) -> Value {
    let ct = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if ct.starts_with("application/json") {
        return serde_json::from_slice(body).unwrap_or(Value::Null);
    }
    let text = String::from_utf8_lossy(body);
    let url = reqwest::Url::parse(&format!("http://x/?{text}")).expect("form body");
    let mut o = serde_json::Map::new();
    for (k, v) in url.query_pairs() {
        o.insert(k.into_owned(), Value::String(v.into_owned()));
    }
    Value::Object(o)
}

async fn api(
    State(st): State<Shared>,
    Path(method): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let p = params(&headers, &body);
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string)
        .or_else(|| p.get("token").and_then(Value::as_str).map(str::to_string));
    let mut s = lock(&st);
    let fault =
        s.faults.iter().position(|(m, _)| *m == method).and_then(|i| s.faults.remove(i)).map(|(_, f)| f);
    let (status, retry_after, answer) = match fault {
        Some(Fault::RateLimited { retry_after }) => {
            (StatusCode::TOO_MANY_REQUESTS, Some(retry_after), json!({"ok": false, "error": "ratelimited"}))
        }
        Some(Fault::Error(code)) => (StatusCode::OK, None, json!({"ok": false, "error": code})),
        None => (StatusCode::OK, None, answer(&mut s, &method, token.as_deref(), &p)),
    };
    s.calls.push(ApiCall {
        method: method.clone(),
        token,
        content_type: headers.get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string),
        body: p,
        ok: answer["ok"] == json!(true),
        at: Instant::now(),
    });
    drop(s);
    let mut resp = (status, axum::Json(answer)).into_response();
    if let Some(after) = retry_after {
        resp.headers_mut().insert("retry-after", after.to_string().parse().expect("header"));
    }
    resp
}

fn error(code: &str) -> Value {
    json!({"ok": false, "error": code})
}

fn answer(s: &mut St, method: &str, token: Option<&str>, p: &Value) -> Value {
    let param = |k: &str| p.get(k).and_then(Value::as_str).filter(|v| !v.is_empty()).map(str::to_string);
    let bot = match (method, token) {
        (_, None) => return error("not_authed"),
        ("apps.connections.open", Some(t)) if t == APP_TOKEN => false,
        ("apps.connections.open", Some(t)) if t.starts_with("xoxb-") || t.starts_with("xoxp-") => {
            return error("not_allowed_token_type");
        }
        ("apps.connections.open", Some(_)) => return error("invalid_auth"),
        (_, Some(t)) if t == BOT_TOKEN => true,
        (_, Some(t)) if t == APP_TOKEN => return error("not_allowed_token_type"),
        (_, Some(_)) => return error("invalid_auth"),
    };
    match method {
        "apps.connections.open" => {
            let ticket = uuid::Uuid::new_v4().to_string();
            s.tickets.insert(ticket.clone());
            json!({"ok": true, "url": format!("ws://127.0.0.1:{}/link/?ticket={ticket}&app_id={APP_ID}", s.port)})
        }
        "auth.test" if bot => json!({"ok": true, "url": "https://fake.slack.com/", "team": "Claw Test",
            "user": "clawbot", "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": false}),
        "chat.postMessage" => {
            let Some(mut channel) = param("channel") else { return error("channel_not_found") };
            if channel.starts_with('U') || channel.starts_with('W') {
                channel = dm_channel(&channel);
            }
            let Some(text) = param("text") else { return error("no_text") };
            if text.chars().count() > MAX_TEXT {
                return error("msg_too_long");
            }
            let thread_ts = param("thread_ts");
            let ts = ts();
            let mut msg = json!({"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "text": text,
                "ts": ts, "team": TEAM, "app_id": APP_ID});
            if let Some(t) = &thread_ts {
                msg["thread_ts"] = json!(t);
            }
            s.posted.push(Posted {
                channel: channel.clone(),
                text: text.clone(),
                thread_ts: thread_ts.clone(),
                ts: ts.clone(),
                body: p.clone(),
                at: Instant::now(),
            });
            if s.opts.echo_own_messages {
                let mut echo = msg.clone();
                echo["channel"] = json!(channel);
                echo["channel_type"] = json!(if channel.starts_with('D') { "im" } else { "channel" });
                echo["event_ts"] = json!(ts);
                let payload = json!({"team_id": TEAM, "api_app_id": APP_ID, "event": echo,
                    "type": "event_callback", "event_id": format!("Ev{:010}", next_id()), "event_time": now_secs()});
                let id = payload["event_id"].as_str().unwrap_or_default().to_string();
                // Once, without retries: enough to check that the bot ignores its own messages.
                s.send_attempt(&id, &payload, 0);
            }
            json!({"ok": true, "channel": channel, "ts": ts, "message": msg})
        }
        "conversations.open" => match param("users") {
            Some(u) => json!({"ok": true, "channel": {"id": dm_channel(&u)}}),
            None => error("users_list_not_supplied"),
        },
        "reactions.add" | "reactions.remove" => {
            let (Some(c), Some(t), Some(n)) = (param("channel"), param("timestamp"), param("name")) else {
                return error("invalid_arguments");
            };
            let key = (c, t, n);
            let held = s.reactions.iter().position(|r| *r == key);
            match (method, held) {
                ("reactions.add", Some(_)) => error("already_reacted"),
                ("reactions.add", None) => {
                    s.reactions.push(key);
                    json!({"ok": true})
                }
                (_, Some(i)) => {
                    s.reactions.remove(i);
                    json!({"ok": true})
                }
                (_, None) => error("no_reaction"),
            }
        }
        _ => error("unknown_method"),
    }
}
