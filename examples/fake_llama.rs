//! A llama.cpp-style OpenAI-compatible server on 127.0.0.1 that charges time for prompt
//! processing the way `llama-server` with `cache_prompt` does: one slot keeps the tokens of the
//! last request (its prompt and the reply it generated), a new request reuses the longest common
//! prefix with them, and every token after that costs `MS_PER_TOKEN` milliseconds before the
//! reply starts. Used by `scripts/bench-prompt-cache.sh` to time a second "hi".
//!
//!     cargo run --example fake_llama -- 127.0.0.1:18081 [MS_PER_TOKEN] [qwen|tools-first]
//!
//! The prompt is rendered with a ChatML template (`<|im_start|>role\n…<|im_end|>`) and the tool
//! schemas either after the system text, inside the system turn, as Qwen 2.5's template puts
//! them (`qwen`, the default), or before it (`tools-first`, the order hosted APIs cache in:
//! tools, system, messages). It is counted at 4 bytes a token, about what
//! a llama tokenizer gives for English and JSON. Each request logs one line on stderr:
//! `prompt: N tokens, cached: C, processed: P in T ms`. `GET /props` answers `n_ctx` like
//! llama.cpp does.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use serde_json::{Value, json};

const REPLY: &str = "Hello! How can I help you today?";
const BYTES_PER_TOKEN: usize = 4;

#[derive(Clone)]
struct Slot {
    /// What the slot's KV cache holds, as rendered text.
    cached: Arc<Mutex<String>>,
    ms_per_token: f64,
    tools_first: bool,
}

/// The ChatML text of a request: what the model would read.
fn render(req: &Value, tools_first: bool) -> String {
    let mut out = String::new();
    let tools = req.get("tools").and_then(Value::as_array).filter(|t| !t.is_empty());
    let schemas = || {
        let mut s = String::from("# Tools\n<tools>\n");
        for t in tools.into_iter().flatten() {
            s.push_str(&t.to_string());
            s.push('\n');
        }
        s.push_str("</tools>");
        s
    };
    if tools_first && tools.is_some() {
        out.push_str(&format!("<|im_start|>system\n{}<|im_end|>\n", schemas()));
    }
    for (i, m) in req.get("messages").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let role = m.get("role").and_then(Value::as_str).unwrap_or("user");
        out.push_str(&format!("<|im_start|>{role}\n"));
        out.push_str(m.get("content").and_then(Value::as_str).unwrap_or_default());
        if let Some(calls) = m.get("tool_calls") {
            out.push_str(&calls.to_string());
        }
        if i == 0 && role == "system" && tools.is_some() && !tools_first {
            out.push_str("\n\n");
            out.push_str(&schemas());
        }
        out.push_str("<|im_end|>\n");
    }
    out.push_str("<|im_start|>assistant\n");
    out
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

async fn chat(State(slot): State<Slot>, body: axum::body::Bytes) -> impl IntoResponse {
    let req: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let prompt = render(&req, slot.tools_first);
    let (total, cached) = {
        let mut cache = slot.cached.lock().unwrap_or_else(|e| e.into_inner());
        let shared = common_prefix(&cache, &prompt);
        // The slot now holds this prompt and the reply generated after it.
        *cache = format!("{prompt}{REPLY}<|im_end|>\n");
        (prompt.len().div_ceil(BYTES_PER_TOKEN), shared / BYTES_PER_TOKEN)
    };
    let processed = total - cached;
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs_f64(processed as f64 * slot.ms_per_token / 1000.0)).await;
    let prompt_ms = started.elapsed().as_secs_f64() * 1000.0;
    eprintln!("prompt: {total} tokens, cached: {cached}, processed: {processed} in {prompt_ms:.0} ms");
    let usage = json!({"prompt_tokens": total, "completion_tokens": 9,
        "prompt_tokens_details": {"cached_tokens": cached}});
    let timings = json!({"cache_n": cached, "prompt_n": processed, "prompt_ms": prompt_ms});
    let stream = req.get("stream").and_then(Value::as_bool).unwrap_or(false);
    if !stream {
        let reply = json!({
            "id": "fake", "object": "chat.completion", "model": "fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": REPLY}, "finish_reason": "stop"}],
            "usage": usage, "timings": timings,
        });
        return ([(header::CONTENT_TYPE, "application/json")], reply.to_string());
    }
    let mut sse = String::new();
    for word in REPLY.split_inclusive(' ') {
        let chunk = json!({"id": "fake", "object": "chat.completion.chunk", "model": "fake",
            "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": null}]});
        sse.push_str(&format!("data: {chunk}\n\n"));
    }
    let last = json!({"id": "fake", "object": "chat.completion.chunk", "model": "fake",
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "timings": timings});
    let usage = json!({"id": "fake", "object": "chat.completion.chunk", "model": "fake",
        "choices": [], "usage": usage});
    sse.push_str(&format!("data: {last}\n\ndata: {usage}\n\ndata: [DONE]\n\n"));
    ([(header::CONTENT_TYPE, "text/event-stream")], sse)
}

async fn props() -> impl IntoResponse {
    axum::Json(json!({"default_generation_settings": {"n_ctx": 32768}, "total_slots": 1}))
}

fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:18081".into());
    let ms_per_token = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let tools_first = std::env::args().nth(3).as_deref() == Some("tools-first");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        let order = if tools_first { "tools first" } else { "Qwen order: tools after the system text" };
        eprintln!("fake llama.cpp on http://{addr}/v1, {ms_per_token} ms per uncached prompt token, {order}");
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let slot = Slot { cached: Arc::default(), ms_per_token, tools_first };
        let app = Router::new()
            .route("/v1/chat/completions", post(chat))
            .route("/props", get(props))
            .with_state(slot);
        axum::serve(listener, app).await
    })
}
