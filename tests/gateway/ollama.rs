//! A fresh home, no key, no provider configured, and an Ollama running: the gateway finds it by
//! itself and its first model answers (a fake Ollama on 127.0.0.1 named by `OLLAMA_HOST`).

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::json;

use crate::gateway::Gateway;
use crate::harness::Env;

/// `GET /api/tags` with two models, and `/v1/chat/completions` answering with the model it was
/// asked for, streamed as Ollama's OpenAI-compatible endpoint does.
async fn fake_ollama() -> u16 {
    async fn tags() -> impl IntoResponse {
        axum::Json(json!({"models": [{"name": "llama3.2:latest", "model": "llama3.2:latest", "size": 1},
                                     {"name": "qwen2.5:7b", "model": "qwen2.5:7b", "size": 2}]}))
    }
    async fn chat(body: axum::body::Bytes) -> impl IntoResponse {
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let model = v["model"].as_str().unwrap_or("?").to_string();
        let chunk = json!({"id": "x", "object": "chat.completion.chunk", "model": model,
            "choices": [{"index": 0, "delta": {"content": format!("hello from {model}")}, "finish_reason": null}]});
        let end = json!({"id": "x", "object": "chat.completion.chunk", "model": model,
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]});
        (
            [(header::CONTENT_TYPE, "text/event-stream")],
            format!("data: {chunk}\n\ndata: {end}\n\ndata: [DONE]\n\n"),
        )
    }
    let app = Router::new().route("/api/tags", get(tags)).route("/v1/chat/completions", post(chat));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    port
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_home_answers_through_a_running_ollama() {
    let port = fake_ollama().await;
    let env = Env::init();
    // Only the listen port changes (tests run side by side); models stay the template's.
    let text = env.read("gateway.json5").replace("127.0.0.1:18789", "127.0.0.1:0");
    env.write("gateway.json5", &text);
    let host = format!("127.0.0.1:{port}");
    let _gw = Gateway::start_with(&env, &[("OLLAMA_HOST", host.as_str())]).await;
    let run = tokio::task::spawn_blocking(move || {
        let run = env.run(&["send", "hi"]);
        (run, env)
    })
    .await
    .expect("send");
    let (run, env) = run;
    assert_eq!((run.code, run.stdout.as_str()), (0, "hello from llama3.2:latest\n"), "{}", run.stderr);
    // The file was not touched: the choice lives in the gateway.
    assert!(env.read("gateway.json5").contains("default: \"openai/gpt-4o-mini\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_detected_when_no_ollama_runs() {
    let env = Env::init();
    let text = env.read("gateway.json5").replace("127.0.0.1:18789", "127.0.0.1:0");
    env.write("gateway.json5", &text);
    // A port nothing listens on: the gateway starts all the same, and says what to set up.
    let closed =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
    let host = format!("127.0.0.1:{closed}");
    let gw = Gateway::start_with(&env, &[("OLLAMA_HOST", host.as_str())]).await;
    let (_, body) = gw.post("/api/send", json!({"session": "agent:main:main", "text": "hi"})).await;
    assert!(body.contains("OPENAI_API_KEY"), "{body}");
    assert!(!gw.log_text().contains("Ollama found running"), "{}", gw.log_text());
}
