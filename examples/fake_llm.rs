//! A zero-latency OpenAI-compatible chat-completions server on 127.0.0.1, for benchmarks and
//! trying `openclaw send` without a real model. It streams a fixed reply (SSE, with usage) and
//! logs the size of every request body on stderr.
//!
//!     cargo run --release --example fake_llm -- 127.0.0.1:18080
//!     # gateway.json5: models.providers.fake = { api: "openai", baseUrl: "http://127.0.0.1:18080/v1" }

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::serve::ListenerExt;

const REPLY: &str = "Hello! How can I help you today?";

async fn chat(body: Bytes) -> impl IntoResponse {
    eprintln!("request: {} bytes", body.len());
    let stream = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("stream").and_then(|s| s.as_bool()))
        .unwrap_or(false);
    let usage = serde_json::json!({"prompt_tokens": body.len() / 4, "completion_tokens": 9});
    if !stream {
        let reply = serde_json::json!({
            "id": "fake", "object": "chat.completion", "model": "fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": REPLY}, "finish_reason": "stop"}],
            "usage": usage,
        });
        return ([(header::CONTENT_TYPE, "application/json")], reply.to_string());
    }
    let mut sse = String::new();
    for word in REPLY.split_inclusive(' ') {
        let chunk = serde_json::json!({"id": "fake", "object": "chat.completion.chunk", "model": "fake",
            "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": null}]});
        sse.push_str(&format!("data: {chunk}\n\n"));
    }
    let last = serde_json::json!({"id": "fake", "object": "chat.completion.chunk", "model": "fake",
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]});
    let usage = serde_json::json!({"id": "fake", "object": "chat.completion.chunk", "model": "fake",
        "choices": [], "usage": usage});
    sse.push_str(&format!("data: {last}\n\ndata: {usage}\n\ndata: [DONE]\n\n"));
    ([(header::CONTENT_TYPE, "text/event-stream")], sse)
}

fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:18080".into());
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        eprintln!("fake LLM on http://{addr}/v1");
        // Like a real API server: small SSE writes go out at once.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let app = Router::new().route("/v1/chat/completions", post(chat));
        axum::serve(listener, app).await
    })
}
