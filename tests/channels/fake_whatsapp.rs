//! A fake Meta for the WhatsApp Business Cloud API, in two halves:
//! - the Graph API on 127.0.0.1 (`GET /v23.0/<phoneNumberId>`, `POST /v23.0/<phoneNumberId>/messages`
//!   for text and for read + typing), which checks the bearer token (error 190 otherwise), the
//!   4,096-character `text.body` limit (error 100), and can be told to answer 131047;
//! - the webhook driver, which builds notification bodies in Meta's shape and signs them as Meta
//!   does (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`), and performs the
//!   GET verification handshake.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

pub const PNID: &str = "1098765432";
pub const DISPLAY: &str = "+31 6 1234 5678";
pub const DISPLAY_DIGITS: &str = "31612345678";
pub const TOKEN: &str = "EAAG-test-access-token";
pub const APP_SECRET: &str = "test-app-secret";
pub const VERIFY_TOKEN: &str = "verify-me";

#[derive(Default)]
struct State_ {
    /// Bodies of the text messages sent, with the wamid given.
    sent: Vec<(String, Value)>,
    /// Bodies of read/typing calls.
    typing: Vec<Value>,
    probes: usize,
    next: u64,
    /// Answer every text send with this Graph error.
    fail_sends: Option<(u16, Value)>,
}

#[derive(Clone)]
struct Shared {
    state: Arc<Mutex<State_>>,
    token: String,
}

pub struct FakeGraph {
    pub port: u16,
    shared: Shared,
}

fn graph_error(status: u16, code: u64, message: &str) -> (u16, Value) {
    (
        status,
        json!({"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdEf123"}}),
    )
}

fn answer((status, body): (u16, Value)) -> Response {
    (StatusCode::from_u16(status).unwrap(), [("content-type", "application/json")], body.to_string())
        .into_response()
}

impl FakeGraph {
    /// A Graph API that accepts `token`.
    pub async fn start(token: &str) -> FakeGraph {
        let shared = Shared { state: Arc::default(), token: token.to_string() };
        let app = Router::new()
            .route("/v23.0/{pnid}", get(phone))
            .route("/v23.0/{pnid}/messages", post(messages))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeGraph { port, shared }
    }

    pub fn api_base(&self) -> String {
        format!("http://127.0.0.1:{}/v23.0", self.port)
    }

    /// `(to, body text, context message id)` of every text sent, in order.
    pub fn sent(&self) -> Vec<(String, String, Option<String>)> {
        self.shared
            .state
            .lock()
            .unwrap()
            .sent
            .iter()
            .map(|(_, b)| {
                (
                    b["to"].as_str().unwrap_or_default().to_string(),
                    b["text"]["body"].as_str().unwrap_or_default().to_string(),
                    b["context"]["message_id"].as_str().map(str::to_string),
                )
            })
            .collect()
    }

    /// The raw bodies of the text sends and their wamids.
    pub fn sent_raw(&self) -> Vec<(String, Value)> {
        self.shared.state.lock().unwrap().sent.clone()
    }

    pub fn typing(&self) -> Vec<Value> {
        self.shared.state.lock().unwrap().typing.clone()
    }

    pub fn probes(&self) -> usize {
        self.shared.state.lock().unwrap().probes
    }

    /// Answers every later text send with error 131047 (outside the 24-hour window).
    pub fn refuse_outside_window(&self) {
        self.shared.state.lock().unwrap().fail_sends =
            Some(graph_error(400, 131047, "(#131047) Re-engagement message"));
        let mut s = self.shared.state.lock().unwrap();
        if let Some((_, body)) = s.fail_sends.as_mut() {
            body["error"]["error_data"] = json!({"messaging_product": "whatsapp",
                "details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number."});
        }
    }
}

/// `None` when the bearer token is the one Meta knows, else the 190 answer.
fn unauthorized(s: &Shared, headers: &HeaderMap) -> Option<Response> {
    let given = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if given == format!("Bearer {}", s.token) {
        return None;
    }
    Some(answer(graph_error(
        401,
        190,
        "Error validating access token: Session has expired on Thursday, 03-Dec-26 10:00:00 PST.",
    )))
}

async fn phone(
    State(s): State<Shared>,
    Path(pnid): Path<String>,
    Query(_q): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    s.state.lock().unwrap().probes += 1;
    if let Some(r) = unauthorized(&s, &headers) {
        return r;
    }
    answer((
        200,
        json!({"verified_name": "Claw", "display_phone_number": DISPLAY, "id": pnid, "quality_rating": "GREEN"}),
    ))
}

async fn messages(
    State(s): State<Shared>,
    Path(_pnid): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(r) = unauthorized(&s, &headers) {
        return r;
    }
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return answer(graph_error(400, 100, "(#100) Invalid JSON"));
    };
    if v["messaging_product"] != "whatsapp" {
        return answer(graph_error(400, 100, "(#100) The parameter messaging_product is required."));
    }
    let mut st = s.state.lock().unwrap();
    if v["status"] == "read" {
        if v["message_id"].as_str().is_none_or(|m| !m.starts_with("wamid.")) {
            return answer(graph_error(400, 100, "(#100) Invalid parameter"));
        }
        st.typing.push(v);
        return answer((200, json!({"success": true})));
    }
    let text = v["text"]["body"].as_str().unwrap_or_default();
    if v["type"] != "text" || text.is_empty() || v["to"].as_str().is_none_or(str::is_empty) {
        return answer(graph_error(400, 100, "(#100) Invalid parameter"));
    }
    if text.chars().count() > 4096 {
        return answer(graph_error(
            400,
            100,
            "(#100) Param text['body'] must be at most 4096 characters long.",
        ));
    }
    if let Some(f) = st.fail_sends.clone() {
        return answer(f);
    }
    st.next += 1;
    let wamid = format!("wamid.OUT{:06}", st.next);
    st.sent.push((wamid.clone(), v.clone()));
    answer((
        200,
        json!({"messaging_product": "whatsapp", "contacts": [{"input": v["to"], "wa_id": v["to"]}],
            "messages": [{"id": wamid}]}),
    ))
}

/// One inbound text message, as the `messages` array holds it.
pub fn text(wamid: &str, from: &str, body: &str) -> Value {
    json!({"from": from, "id": wamid, "timestamp": "1764928800", "type": "text", "text": {"body": body}})
}

/// A notification carrying `messages` from senders named in `contacts` (`(wa_id, name)`).
pub fn notification(contacts: &[(&str, &str)], messages: Vec<Value>) -> Value {
    let contacts: Vec<Value> =
        contacts.iter().map(|(id, name)| json!({"profile": {"name": name}, "wa_id": id})).collect();
    json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
        "field": "messages",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": DISPLAY_DIGITS, "phone_number_id": PNID},
            "contacts": contacts, "messages": messages}}]}]})
}

/// A notification carrying one `failed` status of `wamid` with error `code`.
pub fn failed_status(wamid: &str, to: &str, code: u64, title: &str) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
        "field": "messages",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": DISPLAY_DIGITS, "phone_number_id": PNID},
            "statuses": [{"id": wamid, "status": "failed", "timestamp": "1764928900", "recipient_id": to,
                "errors": [{"code": code, "title": title}]}]}}]}]})
}

/// `sha256=<hex>` over `body` with `secret`, as Meta signs.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    let tag = ring::hmac::sign(&key, body);
    format!("sha256={}", tag.as_ref().iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// The same signature computed by Python's `hmac` module (an implementation independent of
/// ours); `None` when python3 is not installed.
pub fn sign_with_python(secret: &str, body: &[u8]) -> Option<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args([
            "-c",
            "import hashlib, hmac, sys; sys.stdout.write('sha256=' + hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(), hashlib.sha256).hexdigest())",
            secret,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(body).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// POSTs `body` to the webhook at `url` as Meta does, with `signature` as the
/// `X-Hub-Signature-256` header (none when `None`); `(status, answer)`.
pub async fn deliver(url: &str, body: &[u8], signature: Option<&str>) -> (u16, String) {
    let client = openclaw::net::channel_client().unwrap();
    let mut req = client
        .post(url)
        .header("content-type", "application/json")
        .header("user-agent", "facebookexternalua")
        .body(body.to_vec());
    if let Some(s) = signature {
        req = req.header("x-hub-signature-256", s);
    }
    let r = req.send().await.expect("webhook POST");
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
}

/// Signs `body` with the test app secret and POSTs it.
pub async fn deliver_signed(url: &str, body: &Value) -> (u16, String) {
    let bytes = body.to_string().into_bytes();
    deliver(url, &bytes, Some(&sign(APP_SECRET, &bytes))).await
}

/// Meta's verification handshake; `(status, answer)`.
pub async fn verify(url: &str, token: &str, challenge: &str) -> (u16, String) {
    let client = openclaw::net::channel_client().unwrap();
    let mut url = reqwest::Url::parse(url).unwrap();
    url.query_pairs_mut()
        .append_pair("hub.mode", "subscribe")
        .append_pair("hub.verify_token", token)
        .append_pair("hub.challenge", challenge);
    let r = client.get(url).send().await.expect("verification GET");
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
}
