//! A fake OpenAI-compatible model: replies `echo: <last user message>` (streamed or not), after
//! an optional delay, and counts requests. [`FakeLlm::unauthorized`] answers 401 instead, with
//! the `Authorization` header it was sent repeated in the body, as some servers do.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

#[derive(Clone)]
struct Shared {
    delay: Duration,
    calls: Arc<AtomicUsize>,
    unauthorized: bool,
}

/// The server; it stops with the test's runtime.
pub struct FakeLlm {
    pub port: u16,
    pub calls: Arc<AtomicUsize>,
}

impl FakeLlm {
    pub async fn start(delay_ms: u64) -> FakeLlm {
        Self::serve(delay_ms, false).await
    }

    /// A server that refuses every key and echoes it in its 401 body.
    pub async fn unauthorized() -> FakeLlm {
        Self::serve(0, true).await
    }

    async fn serve(delay_ms: u64, unauthorized: bool) -> FakeLlm {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let calls = Arc::new(AtomicUsize::new(0));
        let shared = Shared { delay: Duration::from_millis(delay_ms), calls: calls.clone(), unauthorized };
        let app = Router::new().route("/v1/chat/completions", post(chat)).with_state(shared);
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeLlm { port, calls }
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

async fn chat(State(s): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    s.calls.fetch_add(1, Ordering::SeqCst);
    if s.unauthorized {
        let sent = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
        let body = serde_json::json!({"error": {"message": format!("Incorrect API key provided: {sent}"),
            "type": "invalid_request_error"}});
        return (StatusCode::UNAUTHORIZED, [(header::CONTENT_TYPE, "application/json")], body.to_string())
            .into_response();
    }
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let last = v["messages"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or("")
        .to_string();
    tokio::time::sleep(s.delay).await;
    let reply = format!("echo: {last}");
    let usage = serde_json::json!({"prompt_tokens": 10, "completion_tokens": 3});
    if v["stream"] != true {
        let body = serde_json::json!({"id": "x", "object": "chat.completion", "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
            "usage": usage});
        return ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
    }
    let mut sse = String::new();
    for word in reply.split_inclusive(' ') {
        let chunk = serde_json::json!({"id": "x", "object": "chat.completion.chunk", "model": "m",
            "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": null}]});
        sse.push_str(&format!("data: {chunk}\n\n"));
    }
    let end = serde_json::json!({"id": "x", "object": "chat.completion.chunk", "model": "m",
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": usage});
    sse.push_str(&format!("data: {end}\n\ndata: [DONE]\n\n"));
    ([(header::CONTENT_TYPE, "text/event-stream")], sse).into_response()
}
