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

/// Every route, with the token check on all but `/healthz` and the web chat page `/`.
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
        .route("/ws/chat", get(webchat_ws))
        .layer(middleware::from_fn_with_state(gw.clone(), auth));
    // The chat page holds no secret and must survive a reload after it took `?token=` out of the
    // address bar (it keeps the token in sessionStorage); its WebSocket is what checks the token.
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/", get(webchat_page))
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
    match given_token(&req) {
        Some(t) if gw.token_matches(&t) => next.run(req).await,
        Some(_) => error(StatusCode::UNAUTHORIZED, "wrong token"),
        None => error(StatusCode::UNAUTHORIZED, "a token is required (Authorization: Bearer <token>)"),
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
    Tool(String),
    Done(Box<Result<TurnOutput, RunError>>),
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
            Event::ToolCall { name, .. } => {
                let _ = events.send(Progress::Tool(name.to_string()));
            }
            _ => {}
        };
        let result = gw.run_turn(inbound, &mut on_event).await;
        let _ = tx.send(Progress::Done(Box::new(result)));
    });
    rx
}

fn sse_response(rx: mpsc::UnboundedReceiver<Progress>, encode: fn(Progress) -> Vec<String>) -> Response {
    let stream = futures_util::stream::unfold(rx, move |mut rx| async move {
        let p = rx.recv().await?;
        let text: String = encode(p).into_iter().map(|d| format!("data: {d}\n\n")).collect();
        Some((Ok::<_, std::convert::Infallible>(text), rx))
    });
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
        return sse_response(spawn_turn(gw, inbound), |p| match p {
            Progress::Delta(t) => vec![json!({"type": "delta", "text": t}).to_string()],
            Progress::Tool(n) => vec![json!({"type": "tool", "name": n}).to_string()],
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

#[derive(Deserialize)]
struct ChatBody {
    model: Option<String>,
    #[serde(default)]
    messages: Vec<Value>,
    #[serde(default)]
    stream: bool,
    user: Option<String>,
}

fn openai_error(status: StatusCode, message: impl Into<String>) -> Response {
    let message = log::redact(&message.into());
    (status, Json(json!({"error": {"message": message, "type": "invalid_request_error"}}))).into_response()
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

async fn openai_chat(State(gw): Gw, Json(body): Json<ChatBody>) -> Response {
    let state = gw.state();
    let config = state.config();
    let model = body.model.clone().unwrap_or_default();
    let agent = match model.strip_prefix("openclaw/") {
        Some(a) if !a.is_empty() => a.to_string(),
        _ if model.is_empty() || model == "openclaw" => config.default_agent.clone(),
        _ => {
            return openai_error(StatusCode::NOT_FOUND, format!("model {model:?} is not openclaw/<agentId>"));
        }
    };
    if !config.agents.contains_key(&agent) {
        return openai_error(StatusCode::NOT_FOUND, format!("no agent {agent}"));
    }
    let Some(text) = body
        .messages
        .iter()
        .rev()
        .find(|m| m.get("role").and_then(|r| r.as_str()) == Some("user"))
        .map(|m| content_text(m.get("content").unwrap_or(&Value::Null)))
        .filter(|t| !t.trim().is_empty())
    else {
        return openai_error(StatusCode::BAD_REQUEST, "messages has no user message with text");
    };
    let peer = body.user.clone().filter(|u| !u.is_empty()).unwrap_or_else(|| "api".into());
    let key = match SessionKey::parse(
        &SessionKey::direct(&agent, DmScope::PerChannelPeer, "openai", &peer).to_string(),
    ) {
        Ok(k) => k,
        Err(e) => return openai_error(StatusCode::BAD_REQUEST, format!("user: {e}")),
    };
    let from =
        transcript::Origin { channel: "openai".into(), account_id: None, peer: Some(peer), name: None };
    let inbound = Inbound { key, text, from: Some(from), channel: "openai".into(), inbound_id: None };
    let id = format!("chatcmpl-{}", transcript::short_id());
    let created = jiff::Timestamp::now().as_second();
    let model_name = format!("openclaw/{agent}");
    if body.stream {
        let rx = spawn_turn(gw, inbound);
        let chunk = move |delta: Value, finish: Option<&str>| {
            json!({"id": id, "object": "chat.completion.chunk", "created": created, "model": model_name,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
            .to_string()
        };
        let first = chunk(json!({"role": "assistant", "content": ""}), None);
        let stream = futures_util::stream::unfold((rx, Some(first), false), move |(mut rx, first, ended)| {
            let chunk = chunk.clone();
            async move {
                if let Some(f) = first {
                    return Some((
                        Ok::<_, std::convert::Infallible>(format!("data: {f}\n\n")),
                        (rx, None, false),
                    ));
                }
                if ended {
                    return None;
                }
                let text = match rx.recv().await? {
                    Progress::Delta(t) => format!("data: {}\n\n", chunk(json!({"content": t}), None)),
                    Progress::Tool(_) => String::new(),
                    Progress::Done(r) => {
                        let end = match *r {
                            Ok(_) => chunk(json!({}), Some("stop")),
                            Err(e) => json!({"error": {"message": log::redact(&e.to_string())}}).to_string(),
                        };
                        return Some((Ok(format!("data: {end}\n\ndata: [DONE]\n\n")), (rx, None, true)));
                    }
                };
                Some((Ok(text), (rx, None, false)))
            }
        });
        let mut resp = Body::from_stream(stream).into_response();
        resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
        return resp;
    }
    match run_to_end(gw, inbound).await {
        None => openai_error(StatusCode::INTERNAL_SERVER_ERROR, "the turn failed"),
        Some(Ok(out)) => Json(json!({
            "id": id, "object": "chat.completion", "created": created, "model": model_name,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": out.reply}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": out.usage.input, "completion_tokens": out.usage.output,
                "total_tokens": out.usage.input + out.usage.output},
        }))
        .into_response(),
        Some(Err(e)) => {
            let status = turn_error_response(&e).status();
            match status {
                StatusCode::INTERNAL_SERVER_ERROR => {
                    openai_error(status, "the turn failed; the gateway log (openclaw gateway logs) says why")
                }
                _ => openai_error(status, e.to_string()),
            }
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
    ws.on_upgrade(move |socket| webchat_session(gw, peer, socket))
}

#[derive(Deserialize)]
struct ClientMessage {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Value,
    #[serde(default)]
    text: String,
}

/// Messages the web chat shows when it (re)connects.
const WEBCHAT_HISTORY: usize = 50;

/// The last [`WEBCHAT_HISTORY`] user and assistant texts of the live session, oldest first, so a
/// reloaded page shows the conversation it is part of. Tool calls and results stay out, as they
/// do when the reply streams in.
fn webchat_history(home: &crate::home::Home, key: &SessionKey) -> Vec<Value> {
    // Enough lines to find that many texts among tool calls and results in most sessions.
    let Ok(t) = transcript::read_tail(home, key, WEBCHAT_HISTORY * 4) else { return Vec::new() };
    let mut out: Vec<Value> = t
        .lines
        .iter()
        .filter_map(|l| match &l.entry {
            transcript::Entry::Known(line) => match line.as_ref() {
                transcript::Line::Message(m) if !m.content.trim().is_empty() => match m.role {
                    transcript::Role::User => Some(json!({"role": "user", "text": m.content})),
                    transcript::Role::Assistant => {
                        Some(json!({"role": "assistant", "text": m.content, "model": m.model}))
                    }
                    _ => None,
                },
                _ => None,
            },
            transcript::Entry::Other(_) => None,
        })
        .collect();
    let extra = out.len().saturating_sub(WEBCHAT_HISTORY);
    out.drain(..extra);
    out
}

async fn webchat_session(gw: Arc<Gateway>, peer: String, mut socket: WebSocket) {
    let state = gw.state();
    let route_in = routing::Inbound {
        channel: "webchat",
        account_id: None,
        peer: Some(routing::Peer { id: &peer, name: None, handle: None }),
        group: None,
        thread: None,
    };
    let route = state.router.route(&route_in);
    let agent = route.agent.to_string();
    let key = route.session_key.clone().unwrap_or_else(|| SessionKey::main(&agent));
    drop(state);
    let history = webchat_history(&gw.home, &key);
    let ready = json!({"type": "ready", "agent": agent, "sessionKey": key.to_string(), "history": history});
    if socket.send(WsMessage::Text(ready.to_string().into())).await.is_err() {
        return;
    }
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<String>();
    let mut stop = gw.shutdown_signal();
    loop {
        tokio::select! {
            Some(text) = out_rx.recv() => {
                if socket.send(WsMessage::Text(text.into())).await.is_err() { break }
            }
            msg = socket.recv() => {
                let text = match msg {
                    Some(Ok(WsMessage::Text(t))) => t.to_string(),
                    Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => continue,
                };
                let Ok(m) = serde_json::from_str::<ClientMessage>(&text) else {
                    let e = json!({"type": "error", "id": null, "message": "not a JSON message"});
                    let _ = out_tx.send(e.to_string());
                    continue;
                };
                if m.kind != "message" || m.text.trim().is_empty() {
                    continue;
                }
                gw.emit(json!({"type": "message.in", "channel": "webchat"}));
                let from = transcript::Origin { channel: "webchat".into(), account_id: None, peer: Some(peer.clone()), name: None };
                let inbound = Inbound { key: key.clone(), text: m.text, from: Some(from), channel: "webchat".into(), inbound_id: None };
                let mut rx = spawn_turn(gw.clone(), inbound);
                let (tx, id) = (out_tx.clone(), m.id);
                tokio::spawn(async move {
                    while let Some(p) = rx.recv().await {
                        let v = match p {
                            Progress::Delta(t) => json!({"type": "delta", "id": id, "text": t}),
                            Progress::Tool(n) => json!({"type": "tool", "id": id, "name": n}),
                            Progress::Done(r) => match *r {
                                Ok(out) => json!({"type": "done", "id": id, "reply": out.reply, "model": out.model}),
                                Err(e) => json!({"type": "error", "id": id, "message": super::chat_error_text(&e)}),
                            },
                        };
                        if tx.send(v.to_string()).is_err() { break }
                    }
                });
            }
            _ = super::stopped(&mut stop) => break,
        }
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
        let want = format!("script-src 'sha256-{}'", base64(digest.as_ref()));
        assert!(
            WEBCHAT_PAGE.contains(&want),
            "the CSP in webchat/index.html must say {want} (the script changed)"
        );
    }

    fn base64(bytes: &[u8]) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                out.push(match i <= chunk.len() {
                    true => ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char,
                    false => '=',
                });
            }
        }
        out
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b+c%2"), "a b c%2");
        assert_eq!(percent_decode("abc"), "abc");
    }
}
