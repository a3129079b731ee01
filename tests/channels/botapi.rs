//! A fake Telegram Bot API on 127.0.0.1: `getMe`, long-polling `getUpdates` that forgets updates
//! only below the requested offset (like the real API, so an unacknowledged update comes again),
//! `sendMessage`, `sendChatAction`; scripted faults per method; every call recorded.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::Notify;

pub const TOKEN: &str = "123456:SECRET-token_abc";
pub const BOT_ID: i64 = 999;
pub const BOT_USERNAME: &str = "claw_bot";

/// A direct message from `sender` as `getUpdates` returns it (the gateway and web chat tests).
#[allow(dead_code)]
pub fn dm(update_id: i64, sender: i64, text: &str) -> Value {
    json!({"update_id": update_id, "message": {"message_id": update_id * 10, "date": 0, "text": text,
        "from": {"id": sender, "is_bot": false, "first_name": "P", "username": format!("p{sender}")},
        "chat": {"id": sender, "type": "private", "first_name": "P"}}})
}

/// A scripted failure for the next call of one method.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answer with this status and Bot API error body.
    Error { status: u16, body: Value },
    /// Start a 200 answer and cut the connection mid-body.
    Drop,
}

impl Fault {
    pub fn too_many(retry_after: u64) -> Fault {
        Fault::Error {
            status: 429,
            body: json!({"ok": false, "error_code": 429,
                "description": format!("Too Many Requests: retry after {retry_after}"),
                "parameters": {"retry_after": retry_after}}),
        }
    }

    pub fn bad_gateway() -> Fault {
        Fault::Error {
            status: 502,
            body: json!({"ok": false, "error_code": 502, "description": "Bad Gateway"}),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: Instant,
}

#[derive(Default)]
struct State_ {
    updates: Vec<Value>,
    faults: VecDeque<(String, Fault)>,
    calls: Vec<Call>,
    next_message_id: i64,
    /// `getUpdates` answers at once instead of holding the request open.
    no_long_polling: bool,
}

#[derive(Clone)]
struct Shared {
    state: Arc<Mutex<State_>>,
    pushed: Arc<Notify>,
}

pub struct FakeBot {
    pub base: String,
    shared: Shared,
}

impl FakeBot {
    pub async fn start() -> FakeBot {
        FakeBot::start_at("127.0.0.1:0").await
    }

    /// Serves on `addr` (e.g. one a client already failed to reach).
    pub async fn start_at(addr: &str) -> FakeBot {
        let shared = Shared { state: Arc::default(), pushed: Arc::new(Notify::new()) };
        shared.state.lock().unwrap().next_message_id = 1000;
        let app = axum::Router::new().fallback(handle).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeBot { base: format!("http://{addr}"), shared }
    }

    /// Queues an update (its `update_id` must grow).
    pub fn push(&self, update: Value) {
        self.shared.state.lock().unwrap().updates.push(update);
        self.shared.pushed.notify_waiters();
    }

    /// The next call of `method` fails with `fault` (faults queue up in order).
    pub fn fail_next(&self, method: &str, fault: Fault) {
        self.shared.state.lock().unwrap().faults.push_back((method.to_string(), fault));
    }

    /// From now on `getUpdates` answers at once, as servers without long polling do.
    pub fn answer_at_once(&self) {
        self.shared.state.lock().unwrap().no_long_polling = true;
    }

    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.shared.state.lock().unwrap().calls.iter().filter(|c| c.method == method).cloned().collect()
    }
}

fn json_response(status: u16, body: Value) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn ok(result: Value) -> Response {
    json_response(200, json!({"ok": true, "result": result}))
}

async fn handle(State(shared): State<Shared>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let bytes = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let Some((token, method)) = path.strip_prefix("/bot").and_then(|p| p.split_once('/')) else {
        return json_response(404, json!({"ok": false, "error_code": 404, "description": "Not Found"}));
    };
    let method = method.to_string();
    let fault = {
        let mut st = shared.state.lock().unwrap();
        st.calls.push(Call { method: method.clone(), body: body.clone(), at: Instant::now() });
        let pos = st.faults.iter().position(|(m, _)| *m == method);
        pos.and_then(|p| st.faults.remove(p)).map(|(_, f)| f)
    };
    if token != TOKEN {
        return json_response(401, json!({"ok": false, "error_code": 401, "description": "Unauthorized"}));
    }
    match fault {
        Some(Fault::Error { status, body }) => return json_response(status, body),
        Some(Fault::Drop) => {
            let chunks: Vec<Result<Bytes, std::io::Error>> =
                vec![Ok(Bytes::from_static(b"{\"ok\":true,\"result\":[")), Err(std::io::Error::other("cut"))];
            return Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap();
        }
        None => {}
    }
    match method.as_str() {
        "getMe" => ok(json!({"id": BOT_ID, "is_bot": true, "first_name": "Claw", "username": BOT_USERNAME})),
        "getUpdates" => get_updates(&shared, &body).await,
        "sendMessage" => {
            let mut st = shared.state.lock().unwrap();
            st.next_message_id += 1;
            ok(
                json!({"message_id": st.next_message_id, "chat": {"id": body["chat_id"]}, "text": body["text"]}),
            )
        }
        "sendChatAction" => ok(json!(true)),
        _ => json_response(
            404,
            json!({"ok": false, "error_code": 404, "description": "Not Found: method not found"}),
        ),
    }
}

async fn get_updates(shared: &Shared, body: &Value) -> Response {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let mut timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
    if shared.state.lock().unwrap().no_long_polling {
        timeout = Duration::ZERO;
    }
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = shared.pushed.notified();
        let pending: Vec<Value> = {
            let mut st = shared.state.lock().unwrap();
            // Like Telegram: asking with an offset confirms (forgets) every update below it.
            st.updates.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
            st.updates.clone()
        };
        if !pending.is_empty() {
            return ok(Value::Array(pending));
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return ok(json!([]));
        }
    }
}
