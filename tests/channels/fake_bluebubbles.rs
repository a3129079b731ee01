//! A fake BlueBubbles server on 127.0.0.1, speaking its REST API v1 (BlueBubblesApp/
//! bluebubbles-server `httpRoutes.ts`, `messageRouter.ts`, `messageValidator.ts`):
//! - every route wants `?password=` (aliases `guid`, `token`), else 401;
//! - `GET /api/v1/server/info`, `GET /api/v1/ping`;
//! - `POST /api/v1/message/query {after, sort, limit, offset, with}`: messages with
//!   `dateCreated >= after` (inclusive, as the server's `message.date >= :after`), paged;
//! - `POST /api/v1/message/text {chatGuid, tempGuid, message, method}`: a `tempGuid` still in the
//!   send queue is refused with 400 "Message is already queued to be sent!", as the server does;
//!   a sent message joins the chat as `isFromMe`;
//! - a webhook emitter: `new-message` events posted as BlueBubbles posts them (no signature, no
//!   retry).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

pub const PASSWORD: &str = "bb-server-password";

#[derive(Default)]
struct State_ {
    messages: Vec<Value>,
    /// `message/text` bodies that were sent, in order.
    sent: Vec<Value>,
    /// `message/text` bodies refused as already queued.
    refused: Vec<Value>,
    queue: HashSet<String>,
    queries: usize,
    send_delay: Duration,
    next: u64,
}

#[derive(Clone)]
struct Shared {
    state: Arc<Mutex<State_>>,
    password: String,
}

pub struct FakeBlueBubbles {
    pub port: u16,
    shared: Shared,
}

fn reply(status: u16, body: Value) -> Response {
    (StatusCode::from_u16(status).unwrap(), [("content-type", "application/json")], body.to_string())
        .into_response()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

impl FakeBlueBubbles {
    pub async fn start(password: &str) -> FakeBlueBubbles {
        let shared = Shared { state: Arc::default(), password: password.to_string() };
        let app = Router::new()
            .route("/api/v1/server/info", get(info))
            .route(
                "/api/v1/ping",
                get(|| async {
                    reply(200, json!({"status": 200, "message": "Ping received!", "data": "pong"}))
                }),
            )
            .route("/api/v1/message/query", post(query))
            .route("/api/v1/message/text", post(send_text))
            .layer(axum::middleware::from_fn_with_state(shared.clone(), auth))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeBlueBubbles { port, shared }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Makes each send take `d` (it stays in the send queue that long).
    pub fn set_send_delay(&self, d: Duration) {
        self.shared.state.lock().unwrap().send_delay = d;
    }

    /// A message from `address` in chat `chat` arrives on the Mac; returned as BlueBubbles
    /// serializes it (what a webhook carries and `message/query` returns).
    pub fn receive(&self, address: &str, chat: &str, text: &str) -> Value {
        let mut s = self.shared.state.lock().unwrap();
        s.next += 1;
        let group = chat.contains(";+;");
        let m = json!({
            "originalROWID": s.next,
            "guid": format!("p:0/F00D{:04}-0000-4000-8000-00000000{:04}", s.next, s.next),
            "text": text,
            "attributedBody": null,
            "handle": {"originalROWID": 7, "address": address, "service": "iMessage", "country": "us", "uncanonicalizedId": null},
            "handleId": 7,
            "otherHandle": 0,
            "attachments": [],
            "subject": null,
            "error": 0,
            "dateCreated": now_ms(),
            "dateRead": null,
            "dateDelivered": null,
            "isFromMe": false,
            "isArchived": false,
            "itemType": 0,
            "groupTitle": null,
            "groupActionType": 0,
            "balloonBundleId": null,
            "associatedMessageGuid": null,
            "associatedMessageType": null,
            "expressiveSendStyleId": null,
            "threadOriginatorGuid": null,
            "hasPayloadData": false,
            "chats": [{"originalROWID": 3, "guid": chat, "style": if group { 43 } else { 45 },
                "chatIdentifier": chat.rsplit(';').next().unwrap_or_default(), "isArchived": false,
                "displayName": if group { "Family" } else { "" }, "participants": []}],
        });
        s.messages.push(m.clone());
        m
    }

    /// A tapback on `target` (a reaction, not a message).
    pub fn tapback(&self, address: &str, chat: &str, target: &Value) -> Value {
        let mut m = self.receive(address, chat, "Loved “hello”");
        m["associatedMessageGuid"] = format!("p:0/{}", target["guid"].as_str().unwrap()).into();
        m["associatedMessageType"] = "love".into();
        let mut s = self.shared.state.lock().unwrap();
        if let Some(last) = s.messages.last_mut() {
            *last = m.clone();
        }
        m
    }

    /// `(chatGuid, message, tempGuid)` of each message sent, in order.
    pub fn sent(&self) -> Vec<(String, String, String)> {
        self.shared
            .state
            .lock()
            .unwrap()
            .sent
            .iter()
            .map(|b| {
                let s = |k: &str| b[k].as_str().unwrap_or_default().to_string();
                (s("chatGuid"), s("message"), s("tempGuid"))
            })
            .collect()
    }

    pub fn refused(&self) -> usize {
        self.shared.state.lock().unwrap().refused.len()
    }

    pub fn queries(&self) -> usize {
        self.shared.state.lock().unwrap().queries
    }
}

/// Posts one webhook event as BlueBubbles does; the status, or `None` when nobody answered
/// (BlueBubbles then gives up: no retry).
pub async fn emit(url: &str, kind: &str, data: &Value) -> Option<u16> {
    let client = openclaw::net::channel_client().unwrap();
    let body = json!({"type": kind, "data": data});
    let r = client.post(url).json(&body).timeout(Duration::from_secs(10)).send().await.ok()?;
    Some(r.status().as_u16())
}

async fn auth(
    State(s): State<Shared>,
    Query(q): Query<Vec<(String, String)>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let ok = q.iter().any(|(k, v)| matches!(k.as_str(), "password" | "guid" | "token") && *v == s.password);
    if !ok {
        return reply(
            401,
            json!({"status": 401, "message": "You are not authorized to access this resource",
                "error": {"type": "Authentication Error", "error": "Unauthorized"}}),
        );
    }
    next.run(req).await
}

async fn info() -> Response {
    reply(
        200,
        json!({"status": 200, "message": "Successfully fetched server info", "data": {
        "computer_id": "fake-mac", "os_version": "15.1", "server_version": "1.9.9",
        "private_api": false, "proxy_service": "Dynamic DNS", "detected_icloud": "me@icloud.com"}}),
    )
}

async fn query(State(s): State<Shared>, body: Bytes) -> Response {
    let b: Value = serde_json::from_slice(&body).unwrap_or_default();
    let after = b["after"].as_i64();
    let limit = b["limit"].as_u64().unwrap_or(100) as usize;
    let offset = b["offset"].as_u64().unwrap_or(0) as usize;
    if limit > 1000 {
        return reply(
            400,
            json!({"status": 400, "message": "Bad Request", "error": {"type": "Validation Error", "error": "limit must be at most 1000"}}),
        );
    }
    let mut st = s.state.lock().unwrap();
    st.queries += 1;
    let mut all: Vec<Value> = st
        .messages
        .iter()
        .filter(|m| after.is_none_or(|a| m["dateCreated"].as_i64().unwrap_or(0) >= a))
        .cloned()
        .collect();
    all.sort_by_key(|m| m["dateCreated"].as_i64().unwrap_or(0));
    if b["sort"] == "DESC" {
        all.reverse();
    }
    let total = all.len();
    let page: Vec<Value> = all.into_iter().skip(offset).take(limit).collect();
    let count = page.len();
    reply(
        200,
        json!({"status": 200, "message": "Successfully fetched messages!", "data": page,
        "metadata": {"offset": offset, "limit": limit, "total": total, "count": count}}),
    )
}

async fn send_text(State(s): State<Shared>, body: Bytes) -> Response {
    let b: Value = serde_json::from_slice(&body).unwrap_or_default();
    let bad = |e: &str| {
        reply(
            400,
            json!({"status": 400, "message": "Bad Request", "error": {"type": "Validation Error", "error": e}}),
        )
    };
    let (Some(chat), Some(text)) = (b["chatGuid"].as_str(), b["message"].as_str()) else {
        return bad("chatGuid and message are required");
    };
    let temp = b["tempGuid"].as_str().unwrap_or_default().to_string();
    if b["method"] == "apple-script" && temp.is_empty() {
        return bad("A 'tempGuid' is required when sending via AppleScript");
    }
    let delay = {
        let mut st = s.state.lock().unwrap();
        if st.queue.contains(&temp) {
            st.refused.push(b.clone());
            return bad(&format!("Message is already queued to be sent! (Temp GUID: {temp})"));
        }
        st.queue.insert(temp.clone());
        st.send_delay
    };
    tokio::time::sleep(delay).await;
    let mut st = s.state.lock().unwrap();
    st.queue.remove(&temp);
    st.next += 1;
    let guid = format!("p:0/5E17{:04}-0000-4000-8000-00000000{:04}", st.next, st.next);
    let m = json!({"guid": guid, "text": text, "isFromMe": true, "dateCreated": now_ms(), "itemType": 0,
        "handle": null, "associatedMessageGuid": null, "associatedMessageType": null,
        "chats": [{"guid": chat}], "tempGuid": temp});
    st.messages.push(m.clone());
    st.sent.push(b.clone());
    reply(200, json!({"status": 200, "message": "Message sent!", "data": m}))
}
