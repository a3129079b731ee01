//! The HTTP side of the gateway: `/healthz`, the token-protected control API, the
//! OpenAI-compatible `/v1/chat/completions`, and the web chat (`/` and `/ws/chat`).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::{Gateway, RunError, log};
use crate::agent::turn::{Event, Inbound, TurnError, TurnOutput};
use crate::config::DmScope;
use crate::routing;
use crate::session::{self, SessionKey, SessionStore, transcript};

/// The web chat page.
const WEBCHAT_PAGE: &str = include_str!("webchat/index.html");

type Gw = State<Arc<Gateway>>;

/// Every route, with the token check on all but `/healthz`, the web chat page `/` and the channel
/// webhooks `/hooks/<kind>/<account>` (which check their own signatures).
pub fn router(gw: Arc<Gateway>) -> Router {
    let protected = Router::new()
        .route("/api/send", post(api_send))
        .route("/api/sessions", get(api_sessions))
        .route("/api/sessions/reset", post(api_reset))
        .route("/api/sessions/kill", post(api_kill))
        .route("/api/sessions/{key}", get(api_session))
        .route("/api/agents", get(api_agents))
        .route("/api/status", get(api_status))
        .route("/api/channels", get(api_channels))
        .route("/api/mcp", get(api_mcp))
        .route("/api/mcp/tools", get(api_mcp_tools))
        .route("/api/deliver", post(api_deliver))
        .route("/api/dead-letters/resend", post(api_resend))
        .route("/api/events", get(api_events))
        .route("/v1/chat/completions", post(openai_chat))
        .route("/v1/models", get(openai_models))
        .route("/v1/models/{*id}", get(openai_model))
        .route("/ws/chat", get(webchat_ws))
        .route("/api/nodes", get(api_nodes))
        .route("/api/nodes/invoke", post(api_node_invoke))
        .route("/api/nodes/sync", post(api_nodes_sync))
        .layer(middleware::from_fn_with_state(gw.clone(), auth));
    // The chat page holds no secret and must survive a reload after it took `?token=` out of the
    // address bar (it keeps the token in sessionStorage); its WebSocket is what checks the token.
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/", get(webchat_page))
        // A canvas link carries its own signature, scoped to that one canvas (see canvas::link).
        .route("/canvas/{id}", get(canvas_page))
        // Checked by the account's own signature or secret, not by the token.
        .route("/hooks/{kind}/{account}", axum::routing::any(super::hooks::hook))
        // Nodes have no token: they prove a paired key instead (see `super::nodes`).
        .route(crate::node::ENDPOINT, get(node_ws))
        .merge(protected)
        .with_state(gw)
}

/// A JSON error body; the message is cleared of secret values (it can hold what a provider
/// echoed back).
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({"error": log::redact(&message.into())}))).into_response()
}

/// An agent id a client gave, checked by the CLI's rule ([`crate::agent::validate_id`]) and
/// against the config: ids name folders under the home, so `../x` must never reach a path.
#[allow(clippy::result_large_err)]
fn known_agent(config: &crate::config::Config, agent: &str) -> Result<String, Response> {
    crate::agent::validate_id(agent).map_err(|e| error(StatusCode::BAD_REQUEST, e.to_string()))?;
    if !config.agents.contains_key(agent) {
        return Err(error(StatusCode::NOT_FOUND, format!("no agent {agent} in gateway.json5")));
    }
    Ok(agent.to_string())
}

/// A session key a client gave whole, checked as the CLI checks it.
#[allow(clippy::result_large_err)]
fn session_key(text: &str) -> Result<SessionKey, Response> {
    SessionKey::parse(text).map_err(|e| error(StatusCode::BAD_REQUEST, e.to_string()))
}

/// A session key built from parts a client gave (agent, peer, OpenAI `user`): checked as if it
/// had been given whole, so an overlong peer is refused here and not by the file system.
#[allow(clippy::result_large_err)]
fn built_key(key: SessionKey) -> Result<SessionKey, Response> {
    session_key(&key.to_string())
}

/// A failure of the gateway's own files: the detail names paths of this machine, so it goes to
/// the log and the client learns only what failed.
fn internal(what: &str, detail: &dyn std::fmt::Display) -> Response {
    log::error!("{what}: {detail}");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("{what}; the gateway log (openclaw gateway logs) says why"),
    )
}

/// The bearer token from `Authorization` or `?token=`.
fn given_token(req: &Request) -> Option<String> {
    if let Some(h) = req.headers().get(header::AUTHORIZATION).and_then(|h| h.to_str().ok())
        && let Some(t) = h.strip_prefix("Bearer ")
    {
        return Some(t.trim().to_string());
    }
    let query = req.uri().query()?;
    query.split('&').find_map(|kv| kv.strip_prefix("token=")).map(percent_decode)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn auth(State(gw): Gw, req: Request, next: Next) -> Response {
    // OpenAI clients read errors in OpenAI's shape.
    let refuse = match req.uri().path().starts_with("/v1/") {
        true => |m: &str| openai_error(StatusCode::UNAUTHORIZED, "invalid_api_key", m),
        false => |m: &str| error(StatusCode::UNAUTHORIZED, m),
    };
    match given_token(&req) {
        Some(t) if gw.token_matches(&t) => next.run(req).await,
        Some(_) => refuse("wrong token"),
        None => refuse("a token is required (Authorization: Bearer <token>)"),
    }
}

/// The answer to a failed turn: the provider's detail (secrets taken out) for the owner's
/// client, but no paths of this machine.
fn turn_error_response(e: &RunError) -> Response {
    match e {
        RunError::ShuttingDown => error(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
        RunError::Turn(TurnError::UnknownAgent { .. }) => error(StatusCode::NOT_FOUND, e.to_string()),
        RunError::Turn(TurnError::Provider(_)) => error(StatusCode::BAD_GATEWAY, e.to_string()),
        RunError::Turn(_) => {
            // run_turn logged the detail.
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the turn failed; the gateway log (openclaw gateway logs) says why",
            )
        }
    }
}

/// Runs a turn in its own task and waits for it: a client that hangs up drops this future, not
/// the turn, which finishes and keeps its reply in the transcript. `None` if the task panicked.
async fn run_to_end(gw: Arc<Gateway>, inbound: Inbound) -> Option<Result<TurnOutput, RunError>> {
    tokio::spawn(async move { gw.run_turn(inbound, &mut |_| {}).await }).await.ok()
}

/// What a streamed turn reports.
enum Progress {
    Delta(String),
    /// A tool is about to run: its call id, name and arguments (as [`shown_tool_text`]).
    Tool {
        call_id: String,
        name: String,
        arguments: String,
    },
    /// A tool finished: its call id, name, result (as [`shown_tool_text`]) and whether it failed.
    ToolResult {
        call_id: String,
        name: String,
        result: String,
        is_error: bool,
    },
    Done(Box<Result<TurnOutput, RunError>>),
}

/// The most of a tool call's arguments or result a client is shown live or in history.
const TOOL_TEXT_MAX: usize = 4000;

/// A tool call's arguments or result as clients see it: the config's secrets and the token
/// taken out, cut to [`TOOL_TEXT_MAX`] bytes with a note of what was left off.
fn shown_tool_text(text: &str) -> String {
    let text = log::redact(text);
    if text.len() <= TOOL_TEXT_MAX {
        return text;
    }
    let cut = (0..=TOOL_TEXT_MAX).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    format!("{}\n… ({} more bytes)", &text[..cut], text.len() - cut)
}

/// Runs the turn in its own task (it completes even if the client goes away), reporting
/// progress on the returned channel.
fn spawn_turn(gw: Arc<Gateway>, inbound: Inbound) -> mpsc::UnboundedReceiver<Progress> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let events = tx.clone();
        let mut on_event = move |e: Event<'_>| match e {
            Event::Text(t) => {
                let _ = events.send(Progress::Delta(t.to_string()));
            }
            Event::ToolCall { id, name, arguments } => {
                let _ = events.send(Progress::Tool {
                    call_id: id.to_string(),
                    name: name.to_string(),
                    arguments: shown_tool_text(&arguments.to_string()),
                });
            }
            Event::ToolResult { id, name, content, is_error } => {
                let _ = events.send(Progress::ToolResult {
                    call_id: id.to_string(),
                    name: name.to_string(),
                    result: shown_tool_text(content),
                    is_error,
                });
            }
            _ => {}
        };
        let result = gw.run_turn(inbound, &mut on_event).await;
        let _ = tx.send(Progress::Done(Box::new(result)));
    });
    rx
}

/// The pause after which a silent stream gets an SSE comment (`gateway.sseKeepAliveSeconds`).
fn keep_alive_every(config: &crate::config::Config) -> std::time::Duration {
    let seconds = config.gateway.sse_keep_alive_seconds;
    std::time::Duration::try_from_secs_f64(seconds.clamp(0.05, 3600.0))
        .unwrap_or(std::time::Duration::from_secs(10))
}

/// An SSE answer: `first`, then what `encode` makes of each progress report (each string one
/// `data:` event), up to the turn's end; a `: keep-alive` comment goes out whenever
/// `keep_alive` passes in silence (a long prompt being read, a slow tool), so proxies with an
/// idle timeout do not cut the stream.
fn sse_response(
    rx: mpsc::UnboundedReceiver<Progress>,
    first: Vec<String>,
    keep_alive: std::time::Duration,
    encode: impl FnMut(Progress) -> Vec<String> + Send + 'static,
) -> Response {
    let events = |data: Vec<String>| data.into_iter().map(|d| format!("data: {d}\n\n")).collect::<String>();
    let first = Some(events(first)).filter(|f| !f.is_empty());
    let stream = futures_util::stream::unfold(
        (rx, first, false, encode),
        move |(mut rx, first, ended, mut encode)| async move {
            if let Some(f) = first {
                return Some((Ok::<_, std::convert::Infallible>(f), (rx, None, ended, encode)));
            }
            if ended {
                return None;
            }
            let (text, ended) = match tokio::time::timeout(keep_alive, rx.recv()).await {
                Err(_) => (": keep-alive\n\n".to_string(), false),
                Ok(None) => return None,
                Ok(Some(p)) => {
                    let done = matches!(p, Progress::Done(_));
                    (events(encode(p)), done)
                }
            };
            Some((Ok(text), (rx, None, ended, encode)))
        },
    );
    let mut resp = Body::from_stream(stream).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

#[derive(Deserialize)]
struct SendBody {
    agent: Option<String>,
    session: Option<String>,
    to: Option<String>,
    text: String,
    #[serde(default)]
    stream: bool,
}

async fn api_send(State(gw): Gw, Json(body): Json<SendBody>) -> Response {
    if body.text.trim().is_empty() {
        return error(StatusCode::BAD_REQUEST, "text is empty");
    }
    let state = gw.state();
    let config = state.config();
    let key = match (&body.session, &body.to) {
        (Some(s), _) => session_key(s),
        (None, to) => {
            let agent = body.agent.clone().unwrap_or_else(|| config.default_agent.clone());
            match crate::agent::validate_id(&agent) {
                Err(e) => Err(error(StatusCode::BAD_REQUEST, e.to_string())),
                Ok(()) => built_key(match to {
                    Some(peer) => SessionKey::direct(&agent, config.session.dm_scope, "cli", peer),
                    None => SessionKey::main(&agent),
                }),
            }
        }
    };
    let key = match key {
        Ok(k) => k,
        Err(resp) => return resp,
    };
    log::info!("api send to {key}");
    let inbound = Inbound { key, text: body.text, from: None, channel: "cli".into(), inbound_id: None };
    if body.stream {
        let every = keep_alive_every(config);
        return sse_response(spawn_turn(gw, inbound), Vec::new(), every, |p| match p {
            Progress::Delta(t) => vec![json!({"type": "delta", "text": t}).to_string()],
            Progress::Tool { name, .. } => vec![json!({"type": "tool", "name": name}).to_string()],
            Progress::ToolResult { .. } => Vec::new(),
            Progress::Done(r) => match *r {
                Ok(out) => {
                    let mut v = serde_json::to_value(&out).unwrap_or_default();
                    if let Some(o) = v.as_object_mut() {
                        o.insert("type".into(), "done".into());
                    }
                    vec![v.to_string()]
                }
                Err(e) => vec![json!({"type": "error", "error": log::redact(&e.to_string())}).to_string()],
            },
        });
    }
    match run_to_end(gw, inbound).await {
        Some(Ok(out)) => Json(out).into_response(),
        Some(Err(e)) => turn_error_response(&e),
        None => internal("the turn failed", &"its task panicked"),
    }
}

#[derive(Deserialize)]
struct AgentQuery {
    agent: Option<String>,
}

async fn api_sessions(State(gw): Gw, Query(q): Query<AgentQuery>) -> Response {
    let state = gw.state();
    let agents: Vec<String> = match q.agent {
        Some(a) => match known_agent(state.config(), &a) {
            Ok(a) => vec![a],
            Err(resp) => return resp,
        },
        None => state.config().agents.keys().cloned().collect(),
    };
    let mut out = Vec::new();
    for agent in agents {
        match SessionStore::open(&gw.home, &agent).load() {
            Ok(sessions) => {
                for (key, entry) in sessions {
                    let mut v = serde_json::to_value(&entry).unwrap_or_default();
                    if let Some(o) = v.as_object_mut() {
                        o.insert("key".into(), key.into());
                        o.insert("agent".into(), agent.clone().into());
                    }
                    out.push(v);
                }
            }
            Err(e) => return internal(&format!("cannot read the sessions of {agent}"), &e),
        }
    }
    Json(json!({"sessions": out})).into_response()
}

async fn api_session(State(gw): Gw, Path(key): Path<String>) -> Response {
    let key = match session_key(&key) {
        Ok(k) => k,
        Err(resp) => return resp,
    };
    match transcript::read(&gw.home, &key) {
        Ok(t) if t.lines.is_empty() => error(StatusCode::NOT_FOUND, format!("no transcript for {key}")),
        Ok(t) => {
            let lines: Vec<Value> = t.lines.into_iter().map(|l| l.raw).collect();
            Json(json!({"key": key.to_string(), "lines": lines})).into_response()
        }
        Err(e) => internal(&format!("cannot read the transcript of {key}"), &e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResetBody {
    keys: Option<Vec<String>>,
    agent: Option<String>,
    all: bool,
    stale: bool,
}

/// `POST /api/sessions/kill {key}`: stops a running sub-agent.
async fn api_kill(State(gw): Gw, Json(body): Json<serde_json::Value>) -> Response {
    let Some(key) = body.get("key").and_then(|k| k.as_str()) else {
        return error(StatusCode::BAD_REQUEST, "give the sub-agent's session key as \"key\"");
    };
    if let Err(resp) = session_key(key) {
        return resp;
    }
    match crate::agent::subagent::kill(&gw.home, key) {
        Ok(r) => Json(serde_json::json!({"killed": key, "parent": r.parent})).into_response(),
        Err(e) => error(StatusCode::NOT_FOUND, e),
    }
}

async fn api_reset(State(gw): Gw, Json(body): Json<ResetBody>) -> Response {
    let state = gw.state();
    let config = state.config();
    let now = jiff::Timestamp::now();
    let mut plans: Vec<(String, session::Target, Vec<String>)> = Vec::new();
    if let Some(keys) = body.keys {
        let mut by_agent: indexmap::IndexMap<String, Vec<String>> = indexmap::IndexMap::new();
        for k in keys {
            match session_key(&k) {
                Ok(key) => by_agent.entry(key.agent.clone()).or_default().push(key.to_string()),
                Err(resp) => return resp,
            }
        }
        for (agent, keys) in by_agent {
            plans.push((agent, session::Target::Keys(keys.clone(), session::ResetReason::Manual), keys));
        }
    } else {
        let agents: Vec<String> = match (&body.agent, body.all) {
            (Some(a), _) => match known_agent(config, a) {
                Ok(a) => vec![a],
                Err(resp) => return resp,
            },
            (None, true) => config.agents.keys().cloned().collect(),
            (None, false) => return error(StatusCode::BAD_REQUEST, "give keys, agent or all"),
        };
        let target = if body.stale {
            match session::Policy::from_config(&config.session.reset) {
                Ok(p) => session::Target::Stale(p.cutoffs(now)),
                Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
            }
        } else {
            session::Target::All
        };
        for agent in agents {
            let prefix = format!("agent:{agent}:");
            let busy: Vec<String> =
                gw.queues.depths().into_iter().map(|(k, _)| k).filter(|k| k.starts_with(&prefix)).collect();
            plans.push((agent, target.clone(), busy));
        }
    }
    let mut reset = Vec::new();
    for (agent, target, keys) in plans {
        match gw.reset(&agent, target, &keys).await {
            Ok(done) => reset.extend(done),
            Err(session::ResetError::Unknown { key, .. }) => {
                return error(StatusCode::NOT_FOUND, format!("no session {key}"));
            }
            Err(e) => return internal(&format!("cannot reset sessions of {agent}"), &e),
        }
    }
    Json(json!({"reset": reset})).into_response()
}

async fn api_agents(State(gw): Gw) -> Response {
    let state = gw.state();
    let config = state.config();
    let agents: Vec<Value> = config
        .agents
        .iter()
        .map(|(id, a)| {
            json!({
                "id": id,
                "model": a.model.clone().or(config.models.default.clone()),
                "default": *id == config.default_agent,
                "bindings": a.bindings.len(),
            })
        })
        .collect();
    Json(json!({"agents": agents})).into_response()
}

/// The document behind `GET /api/status` and `openclaw gateway status`.
pub fn status(gw: &Gateway) -> Value {
    let state = gw.state();
    let config = state.config();
    let now = jiff::Timestamp::now();
    let uptime = now.as_second() - gw.started.as_second();
    let queues: Vec<Value> =
        gw.queues.depths().into_iter().map(|(k, d)| json!({"sessionKey": k, "depth": d})).collect();
    let mut active = 0usize;
    for agent in config.agents.keys() {
        if let Ok(s) = SessionStore::open(&gw.home, agent).load() {
            active += s.len();
        }
    }
    json!({
        "pid": std::process::id(),
        "url": gw.url.read().map(|u| u.clone()).unwrap_or_default(),
        "startedAt": crate::time::rfc3339_ms(gw.started),
        "uptimeSeconds": uptime,
        "accepting": gw.accepting(),
        "agents": config.agents.keys().collect::<Vec<_>>(),
        "channels": gw.channels.status(),
        "webchat": webchat_enabled(config),
        "sessions": active,
        "turnsInFlight": gw.turns_in_flight(),
        "queues": queues,
        "nodes": gw.nodes.status(),
        "config": gw.config_status(),
    })
}

async fn api_status(State(gw): Gw) -> Response {
    Json(status(&gw)).into_response()
}

async fn api_channels(State(gw): Gw) -> Response {
    Json(json!({"channels": gw.channels.status()})).into_response()
}

/// `GET /api/mcp`: every MCP server the gateway runs, per agent, with its state.
async fn api_mcp(State(gw): Gw) -> Response {
    Json(json!({"servers": gw.mcp.status(false).await})).into_response()
}

#[derive(Deserialize)]
struct McpToolsQuery {
    agent: Option<String>,
}

/// `GET /api/mcp/tools?agent=A`: the MCP tools agent A (default: defaultAgent) is offered.
async fn api_mcp_tools(
    State(gw): Gw,
    axum::extract::Query(q): axum::extract::Query<McpToolsQuery>,
) -> Response {
    let state = gw.state();
    let config = state.config();
    let agent = q.agent.unwrap_or_else(|| config.default_agent.clone());
    if !config.agents.contains_key(&agent) {
        return error(StatusCode::NOT_FOUND, format!("agent \"{agent}\" does not exist"));
    }
    match gw.mcp.visible_tools(config, &agent).await {
        Ok(tools) => Json(json!({"agent": agent, "tools": tools})).into_response(),
        Err(e) => error(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeliverBody {
    channel: String,
    #[serde(default)]
    account_id: Option<String>,
    to: String,
    text: String,
}

/// The HTTP status that says what a failed delivery was: the caller's config, or the service.
fn delivery_error(e: &crate::channel::outbox::OutboxError) -> Response {
    let status = match e.error {
        crate::channel::ChannelError::Config { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        crate::channel::ChannelError::Closed => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::BAD_GATEWAY,
    };
    error(status, e.to_string())
}

/// `POST /api/deliver {channel, accountId?, to, text}`: `send --channel` through the running
/// accounts and their outbox lane.
async fn api_deliver(
    State(gw): Gw,
    body: Result<Json<DeliverBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.body_text()),
    };
    if b.text.trim().is_empty() {
        return error(StatusCode::BAD_REQUEST, "the message is empty");
    }
    let config = gw.state().rt.config.clone();
    let origin = crate::channel::outbox::Origin::Cli;
    let sent = crate::channel::deliver::to_target(
        &gw.home,
        &config.channels,
        &b.channel,
        b.account_id.as_deref(),
        &b.to,
        &b.text,
        origin,
        None,
    )
    .await;
    match sent {
        Ok(d) => Json(json!({"channel": d.channel, "account": d.account, "messageIds": d.message_ids}))
            .into_response(),
        Err(e) => delivery_error(&e),
    }
}

#[derive(Deserialize)]
struct ResendBody {
    id: String,
}

/// `POST /api/dead-letters/resend {id}`: resends one dead letter through the running account.
async fn api_resend(
    State(gw): Gw,
    body: Result<Json<ResendBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.body_text()),
    };
    let config = gw.state().rt.config.clone();
    match crate::channel::outbox::resend(&gw.home, &config.channels, &b.id).await {
        Ok(d) => Json(json!({"channel": d.channel, "account": d.account, "messageIds": d.message_ids}))
            .into_response(),
        Err(e) => delivery_error(&e),
    }
}

async fn api_events(State(gw): Gw, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |mut socket| async move {
        let mut rx = gw.subscribe();
        let mut stop = gw.shutdown_signal();
        loop {
            tokio::select! {
                ev = rx.recv() => match ev {
                    Ok(text) => if socket.send(WsMessage::Text(text.into())).await.is_err() { break },
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        let note = json!({"type": "lagged", "missed": n}).to_string();
                        if socket.send(WsMessage::Text(note.into())).await.is_err() { break }
                    }
                    Err(_) => break,
                },
                msg = socket.recv() => if !matches!(msg, Some(Ok(_))) { break },
                _ = super::stopped(&mut stop) => break,
            }
        }
    })
}

/// `GET /ws/node`: a node's connection.
async fn node_ws(State(gw): Gw, headers: axum::http::HeaderMap, ws: WebSocketUpgrade) -> Response {
    // Behind a reverse proxy the peer is the proxy; its forwarded header names the node.
    let address = ["x-forwarded-for", "x-real-ip"]
        .iter()
        .find_map(|h| headers.get(*h).and_then(|v| v.to_str().ok()))
        .map(|v| v.chars().take(100).collect())
        .unwrap_or_default();
    let nodes = gw.nodes.clone();
    let stop = gw.shutdown_signal();
    ws.max_message_size(crate::node::MAX_MESSAGE)
        .on_upgrade(move |socket| super::nodes::serve(nodes, socket, address, stop))
}

/// `GET /api/nodes`: paired nodes, connected or not.
async fn api_nodes(State(gw): Gw) -> Response {
    Json(json!({"nodes": gw.nodes.status()})).into_response()
}

/// `POST /api/nodes/sync`: `credentials/nodes.json` changed (approve, reject, revoke).
async fn api_nodes_sync(State(gw): Gw) -> Response {
    gw.nodes.sync();
    Json(json!({"ok": true})).into_response()
}

#[derive(Deserialize)]
struct InvokeBody {
    node: String,
    command: String,
    #[serde(default)]
    args: Value,
    /// Seconds.
    timeout: Option<u64>,
}

/// `POST /api/nodes/invoke {node, command, args?, timeout?}`: `openclaw node invoke`.
async fn api_node_invoke(
    State(gw): Gw,
    body: Result<Json<InvokeBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(b) = match body {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.body_text()),
    };
    let timeout = b
        .timeout
        .filter(|t| *t > 0)
        .map_or(crate::node::DEFAULT_TIMEOUT, |t| std::time::Duration::from_secs(t.min(3600)));
    use crate::tool::nodes::NodeLink as _;
    match gw.nodes.invoke(&b.node, &b.command, b.args, timeout).await {
        Ok(r) => Json(json!({"node": b.node, "command": b.command, "ok": r.ok, "content": r.content,
            "details": r.details}))
        .into_response(),
        Err(why) => error(StatusCode::BAD_GATEWAY, why),
    }
}

#[derive(Deserialize)]
struct ChatBody {
    model: Option<String>,
    #[serde(default)]
    messages: Vec<Value>,
    #[serde(default)]
    stream: bool,
    #[serde(default)]
    stream_options: StreamOptions,
    user: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StreamOptions {
    include_usage: bool,
}

/// An error in OpenAI's shape, `{"error": {message, type, code, param}}`; the message is
/// cleared of secret values.
fn openai_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (status, Json(openai_error_body(status, code, message))).into_response()
}

fn openai_error_body(status: StatusCode, code: &str, message: impl Into<String>) -> Value {
    let kind = match status.as_u16() {
        401 => "authentication_error",
        500.. => "server_error",
        _ => "invalid_request_error",
    };
    let param = match code {
        "model_not_found" => json!("model"),
        "missing_user_message" => json!("messages"),
        "invalid_user" => json!("user"),
        _ => Value::Null,
    };
    let message = log::redact(&message.into());
    json!({"error": {"message": message, "type": kind, "code": code, "param": param}})
}

/// The OpenAI error for a failed turn: the provider's detail (secrets taken out), but no paths
/// of this machine.
fn openai_turn_error(e: &RunError) -> (StatusCode, Value) {
    let status = turn_error_response(e).status();
    let body = match status {
        StatusCode::INTERNAL_SERVER_ERROR => openai_error_body(
            status,
            "turn_failed",
            "the turn failed; the gateway log (openclaw gateway logs) says why",
        ),
        StatusCode::SERVICE_UNAVAILABLE => openai_error_body(status, "shutting_down", e.to_string()),
        StatusCode::NOT_FOUND => openai_error_body(status, "model_not_found", e.to_string()),
        _ => openai_error_body(status, "upstream_error", e.to_string()),
    };
    (status, body)
}

/// The text of an OpenAI message's `content` (a string, or parts with `text`).
fn content_text(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => {
            parts.iter().filter_map(|p| p.get("text").and_then(|t| t.as_str())).collect::<Vec<_>>().join("\n")
        }
        _ => String::new(),
    }
}

/// The OpenAI model object of an agent.
fn model_object(gw: &Gateway, agent: &str) -> Value {
    json!({"id": format!("openclaw/{agent}"), "object": "model", "created": gw.started.as_second(),
        "owned_by": "openclaw"})
}

/// `GET /v1/models`: one model, `openclaw/<agent>`, for each agent.
async fn openai_models(State(gw): Gw) -> Response {
    let state = gw.state();
    let data: Vec<Value> = state.config().agents.keys().map(|a| model_object(&gw, a)).collect();
    Json(json!({"object": "list", "data": data})).into_response()
}

/// `GET /v1/models/{id}`: an agent's model object, or OpenAI's 404.
async fn openai_model(State(gw): Gw, Path(id): Path<String>) -> Response {
    let state = gw.state();
    match id.strip_prefix("openclaw/").filter(|a| state.config().agents.contains_key(*a)) {
        Some(agent) => Json(model_object(&gw, agent)).into_response(),
        None => openai_error(
            StatusCode::NOT_FOUND,
            "model_not_found",
            format!(
                "The model '{id}' does not exist (models here are openclaw/<agentId>; GET /v1/models lists them)"
            ),
        ),
    }
}

/// `POST /v1/chat/completions`. The body is read as JSON whatever its `Content-Type` says
/// (curl's `-d` sends `application/x-www-form-urlencoded`).
async fn openai_chat(State(gw): Gw, body: axum::body::Bytes) -> Response {
    let body: ChatBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => {
            return openai_error(StatusCode::BAD_REQUEST, "invalid_json", format!("the request body: {e}"));
        }
    };
    let state = gw.state();
    let config = state.config();
    let model = body.model.clone().unwrap_or_default();
    let agent = match model.strip_prefix("openclaw/") {
        Some(a) if !a.is_empty() => a.to_string(),
        _ if model.is_empty() || model == "openclaw" => config.default_agent.clone(),
        _ => {
            let msg = format!("The model '{model}' does not exist (models here are openclaw/<agentId>)");
            return openai_error(StatusCode::NOT_FOUND, "model_not_found", msg);
        }
    };
    if !config.agents.contains_key(&agent) {
        let msg = format!("The model 'openclaw/{agent}' does not exist (no agent {agent})");
        return openai_error(StatusCode::NOT_FOUND, "model_not_found", msg);
    }
    let Some(text) = body
        .messages
        .iter()
        .rev()
        .find(|m| m.get("role").and_then(|r| r.as_str()) == Some("user"))
        .map(|m| content_text(m.get("content").unwrap_or(&Value::Null)))
        .filter(|t| !t.trim().is_empty())
    else {
        return openai_error(
            StatusCode::BAD_REQUEST,
            "missing_user_message",
            "messages has no user message with text",
        );
    };
    let peer = body.user.clone().filter(|u| !u.is_empty()).unwrap_or_else(|| "api".into());
    let key = match SessionKey::parse(
        &SessionKey::direct(&agent, DmScope::PerChannelPeer, "openai", &peer).to_string(),
    ) {
        Ok(k) => k,
        Err(e) => return openai_error(StatusCode::BAD_REQUEST, "invalid_user", format!("user: {e}")),
    };
    let from =
        transcript::Origin { channel: "openai".into(), account_id: None, peer: Some(peer), name: None };
    let inbound = Inbound { key, text, from: Some(from), channel: "openai".into(), inbound_id: None };
    let id = format!("chatcmpl-{}", transcript::short_id());
    let created = jiff::Timestamp::now().as_second();
    let model_name = format!("openclaw/{agent}");
    let usage = |u: &crate::agent::turn::Usage| json!({"prompt_tokens": u.input, "completion_tokens": u.output, "total_tokens": u.input + u.output});
    if body.stream {
        let every = keep_alive_every(config);
        let include_usage = body.stream_options.include_usage;
        let head =
            json!({"id": id, "object": "chat.completion.chunk", "created": created, "model": model_name});
        let chunk = move |choices: Value, usage: Option<Value>| {
            let mut c = head.clone();
            c["choices"] = choices;
            if let Some(u) = usage {
                c["usage"] = u;
            } else if include_usage {
                c["usage"] = Value::Null;
            }
            c.to_string()
        };
        let delta = move |delta: Value, finish: Option<&str>| json!([{"index": 0, "delta": delta, "finish_reason": finish}]);
        let first = vec![chunk(delta(json!({"role": "assistant", "content": ""}), None), None)];
        return sse_response(spawn_turn(gw, inbound), first, every, move |p| match p {
            Progress::Delta(t) => vec![chunk(delta(json!({"content": t}), None), None)],
            Progress::Tool { .. } | Progress::ToolResult { .. } => Vec::new(),
            Progress::Done(r) => {
                let mut end = Vec::new();
                match *r {
                    Ok(out) => {
                        end.push(chunk(delta(json!({}), Some("stop")), None));
                        if include_usage {
                            end.push(chunk(json!([]), Some(usage(&out.usage))));
                        }
                    }
                    Err(e) => end.push(openai_turn_error(&e).1.to_string()),
                }
                end.push("[DONE]".into());
                end
            }
        });
    }
    match run_to_end(gw, inbound).await {
        None => openai_error(StatusCode::INTERNAL_SERVER_ERROR, "turn_failed", "the turn failed"),
        Some(Ok(out)) => Json(json!({
            "id": id, "object": "chat.completion", "created": created, "model": model_name,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": out.reply}, "finish_reason": "stop"}],
            "usage": usage(&out.usage),
        }))
        .into_response(),
        Some(Err(e)) => {
            let (status, body) = openai_turn_error(&e);
            (status, Json(body)).into_response()
        }
    }
}

/// Whether `channels.webchat.enabled` is not false.
fn webchat_enabled(config: &crate::config::Config) -> bool {
    config.channels.get("webchat").and_then(|w| w.get("enabled")).and_then(|e| e.as_bool()) != Some(false)
}

async fn webchat_page(State(gw): Gw) -> Response {
    if !webchat_enabled(gw.state().config()) {
        return error(StatusCode::NOT_FOUND, "the web chat is disabled (channels.webchat.enabled)");
    }
    Html(WEBCHAT_PAGE).into_response()
}

#[derive(Deserialize)]
struct ChatQuery {
    peer: Option<String>,
    /// The agent the page's picker chose; without it (or when it is not an agent of the config)
    /// the bindings decide, as for any channel.
    agent: Option<String>,
}

async fn webchat_ws(
    State(gw): Gw,
    Query(q): Query<ChatQuery>,
    ws: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    if !webchat_enabled(gw.state().config()) {
        return error(StatusCode::NOT_FOUND, "the web chat is disabled (channels.webchat.enabled)");
    }
    let ws = match ws {
        Ok(ws) => ws,
        Err(e) => return e.into_response(),
    };
    let peer = q.peer.filter(|p| !p.is_empty() && p.len() <= 128).unwrap_or_else(|| "browser".into());
    let chosen = q.agent.filter(|a| known_agent(gw.state().config(), a).is_ok());
    ws.on_upgrade(move |socket| webchat_session(gw, peer, chosen, socket))
}

#[derive(Deserialize)]
struct ClientMessage {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Value,
    #[serde(default)]
    text: String,
    /// `canvas.action`: the canvas, the action's name and the form's fields.
    #[serde(default)]
    canvas: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    values: Value,
}

#[derive(Deserialize)]
struct CanvasQuery {
    agent: Option<String>,
    exp: Option<i64>,
    sig: Option<String>,
    embed: Option<String>,
}

/// How long the web chat's own frame links stay valid (a reload gets fresh ones).
const WEBCHAT_CANVAS_TTL_SECS: i64 = 12 * 3600;

/// `GET /canvas/<id>?agent=…&exp=…&sig=…`: one canvas, read-only, sandboxed (see canvas::page).
async fn canvas_page(State(gw): Gw, Path(id): Path<String>, Query(q): Query<CanvasQuery>) -> Response {
    let refuse = |status: StatusCode, message: &str| {
        canvas_response(
            status,
            crate::canvas::page::refusal(message),
            "default-src 'none'; style-src 'unsafe-inline'; sandbox".into(),
        )
    };
    let (Some(agent), Some(exp), Some(sig)) = (q.agent, q.exp, q.sig) else {
        return refuse(StatusCode::FORBIDDEN, "this canvas link is not valid");
    };
    let key = match crate::canvas::link::key(&gw.home) {
        Ok(k) => k,
        Err(e) => {
            log::error!("canvas link key: {e}");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "the gateway cannot check canvas links now");
        }
    };
    let now = jiff::Timestamp::now().as_second();
    if let Err(e) = crate::canvas::link::verify(&key, &agent, &id, exp, &sig, now) {
        log::info!("canvas link refused: {e}");
        return refuse(StatusCode::FORBIDDEN, &e.to_string());
    }
    // Signed by this gateway, so agent and id are ours; still, they name files.
    if crate::agent::validate_id(&agent).is_err() {
        return refuse(StatusCode::NOT_FOUND, "this canvas no longer exists");
    }
    let canvas = match crate::canvas::load(&gw.home, &agent, &id) {
        Ok(Some(c)) => c,
        Ok(None) => return refuse(StatusCode::NOT_FOUND, "this canvas no longer exists"),
        Err(e) => {
            log::error!("canvas {id}: {e}");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "this canvas cannot be read");
        }
    };
    if canvas.hidden {
        return refuse(StatusCode::GONE, "the agent has taken this canvas down");
    }
    let state = gw.state();
    let scripts = state.config().agents.get(&agent).is_some_and(|a| a.tools.canvas.allow_scripts);
    let standalone = q.embed.is_none();
    canvas_response(
        StatusCode::OK,
        crate::canvas::page::document(&canvas, standalone),
        crate::canvas::page::csp(scripts),
    )
}

fn canvas_response(status: StatusCode, body: String, csp: String) -> Response {
    let mut resp = (status, Html(body)).into_response();
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A canvas as the web chat page gets it: what to show and the signed address of its frame.
fn canvas_frame(gw: &Gateway, c: &crate::canvas::Canvas) -> Value {
    let exp = jiff::Timestamp::now().as_second() + WEBCHAT_CANVAS_TTL_SECS;
    let url = match crate::canvas::link::key(&gw.home) {
        Ok(key) => format!("{}&embed=1", crate::canvas::link::path(&key, &c.agent, &c.id, exp)),
        Err(e) => {
            log::error!("canvas link key: {e}");
            return Value::Null;
        }
    };
    json!({"id": c.id, "title": c.title, "version": c.version, "url": url})
}

/// The session message a click or form submit in a canvas becomes, or why it is refused.
fn canvas_action_text(
    home: &crate::home::Home,
    key: &SessionKey,
    m: &ClientMessage,
) -> Result<String, String> {
    let action = m.action.as_str();
    if action.is_empty()
        || action.len() > 64
        || !action.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.:-".contains(&b))
    {
        return Err("a canvas action is a name of up to 64 letters, digits, _ . : -".into());
    }
    let canvas = crate::canvas::load(home, &key.agent, &m.canvas).map_err(|e| {
        log::error!("canvas {}: {e}", m.canvas);
        "the canvas cannot be read".to_string()
    })?;
    let canvas = canvas
        .filter(|c| c.session_key == key.to_string() && !c.hidden)
        .ok_or("that canvas is not shown in this session")?;
    let mut values = serde_json::Map::new();
    match &m.values {
        Value::Null => {}
        Value::Object(o) if o.len() <= 50 => {
            for (k, v) in o {
                let Value::String(v) = v else { return Err("canvas form values must be text".into()) };
                if k.len() > 100 || v.len() > 2000 {
                    return Err(
                        "a canvas form field is too long (names 100, values 2000 bytes at most)".into()
                    );
                }
                values.insert(k.clone(), Value::String(v.clone()));
            }
        }
        _ => return Err("canvas form values must be an object of at most 50 text fields".into()),
    }
    let mut text = format!("[canvas {} \"{}\"] action: {action}", canvas.id, canvas.title);
    if !values.is_empty() {
        text.push('\n');
        text.push_str(&Value::Object(values).to_string());
    }
    Ok(text)
}

/// Messages the web chat shows when it (re)connects.
const WEBCHAT_HISTORY: usize = 50;

/// The last [`WEBCHAT_HISTORY`] entries of the live session, oldest first, so a reloaded page
/// shows the conversation it is part of: user and assistant texts (with model and usage), and
/// each tool call with its result, as the page is shown them while the reply streams in.
fn webchat_history(home: &crate::home::Home, key: &SessionKey) -> Vec<Value> {
    use transcript::Role;
    // Enough lines to find that many entries in most sessions.
    let Ok(t) = transcript::read_tail(home, key, WEBCHAT_HISTORY * 4) else { return Vec::new() };
    let mut out: Vec<Value> = Vec::new();
    for l in &t.lines {
        let transcript::Entry::Known(line) = &l.entry else { continue };
        let transcript::Line::Message(m) = line.as_ref() else { continue };
        match m.role {
            Role::User if !m.content.trim().is_empty() => {
                out.push(json!({"role": "user", "text": m.content}));
            }
            Role::Assistant if !m.content.trim().is_empty() || !m.tool_calls.is_empty() => {
                out.push(json!({"role": "assistant", "text": m.content, "model": m.model, "usage": m.usage}));
                out.extend(m.tool_calls.iter().map(|c| {
                    json!({"role": "tool", "callId": c.id, "name": c.name,
                        "arguments": shown_tool_text(&c.arguments.to_string())})
                }));
            }
            Role::Tool => {
                let id = m.tool_call_id.as_deref().unwrap_or_default();
                let call = out.iter_mut().rev().find(|v| v["role"] == "tool" && v["callId"] == id);
                if let Some(call) = call {
                    call["result"] = shown_tool_text(&m.content).into();
                    call["isError"] = m.is_error.unwrap_or(false).into();
                }
            }
            _ => {}
        }
    }
    let extra = out.len().saturating_sub(WEBCHAT_HISTORY);
    out.drain(..extra);
    out
}

/// One web chat connection. Frames to the page: `ready` {agent, sessionKey, history, agents,
/// newCommand, canvas?}; per turn (by the page's `id`) `delta` {text}, `tool` {callId, name,
/// arguments}, `tool.result` {callId, name, result, isError}, then `done` {reply, model, usage,
/// command, sessionId} or `error` {message}; `canvas` and `canvas.hide`. From the page: `message`
/// {id, text} and `canvas.action`. When the gateway stops, the socket closes with 1012.
async fn webchat_session(gw: Arc<Gateway>, peer: String, chosen: Option<String>, mut socket: WebSocket) {
    let _open = gw.chat_opened();
    let state = gw.state();
    let route_in = routing::Inbound {
        channel: "webchat",
        account_id: None,
        peer: Some(routing::Peer { id: &peer, name: None, handle: None }),
        group: None,
        thread: None,
    };
    let (agent, key) = match chosen {
        Some(agent) => (agent.clone(), state.router.session_key(&agent, &route_in)),
        None => {
            let route = state.router.route(&route_in);
            (route.agent.to_string(), route.session_key)
        }
    };
    let key = key.unwrap_or_else(|| SessionKey::main(&agent));
    // What the page offers: the agents to switch to, and the command that starts a new session.
    let agents: Vec<String> = state.config().agents.keys().cloned().collect();
    let new_command = state.config().session.reset_triggers.first().cloned();
    let setup = crate::provider::readiness::check_agent(state.config(), &agent).setup().cloned();
    drop(state);
    let key_str = key.to_string();
    // Subscribed before the current canvas is read, so a change in between is not missed.
    let mut changes = crate::canvas::subscribe();
    let _viewer = crate::canvas::Viewer::open(&key_str);
    let current = |gw: &Gateway| match crate::canvas::current(&gw.home, &agent, &key_str) {
        Ok(Some(c)) => canvas_frame(gw, &c),
        Ok(None) => Value::Null,
        Err(e) => {
            log::warning!("canvases of {key_str}: {e}");
            Value::Null
        }
    };
    let history = webchat_history(&gw.home, &key);
    let mut ready = json!({"type": "ready", "agent": agent, "sessionKey": key_str, "history": history,
        "agents": agents, "newCommand": new_command});
    let shown = current(&gw);
    if !shown.is_null() {
        ready["canvas"] = shown;
    }
    // No model can answer for this agent: the page shows what to set up instead of a chat that
    // only fails.
    if let Some(setup) = setup {
        ready["setup"] = json!(setup);
    }
    if socket.send(WsMessage::Text(ready.to_string().into())).await.is_err() {
        return;
    }
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<String>();
    // Let go when the gateway stops: the turns in flight still stream their replies to the end
    // (the gateway waits for them), then the channel closes and the page is told the gateway is
    // restarting, so it reconnects instead of showing an error.
    let mut out_tx = Some(out_tx);
    let mut stop = gw.shutdown_signal();
    let stopping = loop {
        tokio::select! {
            text = out_rx.recv() => match text {
                Some(text) => if socket.send(WsMessage::Text(text.into())).await.is_err() { break false },
                None => break true,
            },
            change = changes.recv() => {
                let frame = match change {
                    Ok(crate::canvas::Change::Shown(c)) if c.session_key == key_str => {
                        json!({"type": "canvas", "canvas": canvas_frame(&gw, &c)})
                    }
                    Ok(crate::canvas::Change::Hidden { session_key, id }) if session_key == key_str => {
                        json!({"type": "canvas.hide", "id": id})
                    }
                    Ok(_) => continue,
                    // Missed some: show whatever is current now.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                        json!({"type": "canvas", "canvas": current(&gw)})
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => continue,
                };
                if socket.send(WsMessage::Text(frame.to_string().into())).await.is_err() { break false }
            }
            msg = socket.recv() => {
                let text = match msg {
                    Some(Ok(WsMessage::Text(t))) => t.to_string(),
                    Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => break false,
                    Some(Ok(_)) => continue,
                };
                let Some(out_tx) = &out_tx else {
                    let id = serde_json::from_str::<ClientMessage>(&text).map(|m| m.id).unwrap_or_default();
                    let e = json!({"type": "error", "id": id,
                        "message": "the gateway is restarting; send it again once the page has reconnected"});
                    if socket.send(WsMessage::Text(e.to_string().into())).await.is_err() { break false }
                    continue;
                };
                let Ok(m) = serde_json::from_str::<ClientMessage>(&text) else {
                    let e = json!({"type": "error", "id": null, "message": "not a JSON message"});
                    let _ = out_tx.send(e.to_string());
                    continue;
                };
                let text = match m.kind.as_str() {
                    "message" if !m.text.trim().is_empty() => m.text.clone(),
                    "canvas.action" => match canvas_action_text(&gw.home, &key, &m) {
                        Ok(t) => t,
                        Err(e) => {
                            let _ = out_tx.send(json!({"type": "error", "id": m.id, "message": e}).to_string());
                            continue;
                        }
                    },
                    _ => continue,
                };
                gw.emit(json!({"type": "message.in", "channel": "webchat"}));
                let from = transcript::Origin { channel: "webchat".into(), account_id: None, peer: Some(peer.clone()), name: None };
                let inbound = Inbound { key: key.clone(), text, from: Some(from), channel: "webchat".into(), inbound_id: None };
                let mut rx = spawn_turn(gw.clone(), inbound);
                let (tx, id) = (out_tx.clone(), m.id);
                tokio::spawn(async move {
                    while let Some(p) = rx.recv().await {
                        let v = match p {
                            Progress::Delta(t) => json!({"type": "delta", "id": id, "text": t}),
                            Progress::Tool { call_id, name, arguments } => json!({"type": "tool", "id": id,
                                "callId": call_id, "name": name, "arguments": arguments}),
                            Progress::ToolResult { call_id, name, result, is_error } => json!({"type": "tool.result",
                                "id": id, "callId": call_id, "name": name, "result": result, "isError": is_error}),
                            Progress::Done(r) => match *r {
                                Ok(out) => json!({"type": "done", "id": id, "reply": out.reply, "model": out.model,
                                    "usage": out.usage, "command": out.command, "sessionId": out.session_id}),
                                Err(e) => {
                                    let mut v = json!({"type": "error", "id": id, "message": super::chat_error_text(&e)});
                                    if let Some(setup) = super::setup_for(&e) {
                                        v["setup"] = json!(setup);
                                    }
                                    v
                                }
                            },
                        };
                        if tx.send(v.to_string()).is_err() { break }
                    }
                });
            }
            _ = super::stopped(&mut stop), if out_tx.is_some() => out_tx = None,
        }
    };
    if stopping {
        let reason = "the gateway is restarting".into();
        let close = axum::extract::ws::CloseFrame { code: axum::extract::ws::close_code::RESTART, reason };
        let _ = socket.send(WsMessage::Close(Some(close))).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's Content-Security-Policy allows its one inline script by hash: an edit of the
    /// script without a new hash leaves a page that does nothing.
    #[test]
    fn the_web_chat_script_matches_its_csp_hash() {
        let (_, rest) = WEBCHAT_PAGE.split_once("<script>").expect("an inline script");
        let (script, _) = rest.split_once("</script>").expect("a closed script");
        let digest = ring::digest::digest(&ring::digest::SHA256, script.as_bytes());
        let want = format!("script-src 'sha256-{}'", crate::canvas::link::base64(digest.as_ref()));
        assert!(
            WEBCHAT_PAGE.contains(&want),
            "the CSP in webchat/index.html must say {want} (the script changed)"
        );
    }

    /// A tool's output is shown whole up to the limit, then cut on a character boundary with a
    /// note of what was left off.
    #[test]
    fn tool_text_is_cut_to_a_sane_size() {
        assert_eq!(shown_tool_text("small"), "small");
        let long = "é".repeat(TOOL_TEXT_MAX); // two bytes each
        let shown = shown_tool_text(&long);
        let (kept, note) = shown.split_once('\n').expect("a note");
        assert_eq!(kept.len(), TOOL_TEXT_MAX);
        assert_eq!(note, format!("… ({} more bytes)", long.len() - TOOL_TEXT_MAX));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b+c%2"), "a b c%2");
        assert_eq!(percent_decode("abc"), "abc");
    }
}
