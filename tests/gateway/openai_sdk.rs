//! The OpenAI-compatible endpoint, checked with the official `openai` Python SDK
//! (tests/openai/check.py, run from the venv `.ci/run` makes in `target/py-openai`), and on the
//! wire for what the SDK does not show: keep-alive comments, bodies without a JSON content type,
//! OpenAI's error shape.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config};
use crate::harness::Env;

/// The model answers after this long, so a stream has silence to fill.
const MODEL_DELAY_MS: u64 = 700;

async fn setup() -> (Env, FakeLlm, Gateway) {
    let llm = FakeLlm::start(MODEL_DELAY_MS).await;
    let env = Env::init();
    let text = config(llm.port, "").replace("agents: { main: {} },", "agents: { main: {}, helper: {} },");
    let text = text.replace("shutdownGraceSeconds: 5", "shutdownGraceSeconds: 5, sseKeepAliveSeconds: 0.1");
    env.write("gateway.json5", &text);
    let gw = Gateway::start(&env).await;
    (env, llm, gw)
}

/// The venv's python with `openai` importable, or `None` after printing why the test skips.
fn sdk_python() -> Option<PathBuf> {
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/py-openai/bin/python");
    let ok = std::process::Command::new(&python)
        .args(["-c", "import openai"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        println!(
            "SKIP: the openai Python SDK is not installed in {} (`.ci/run` makes it: \
             python3 -m venv target/py-openai && target/py-openai/bin/pip install openai)",
            python.display()
        );
        return None;
    }
    Some(python)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_openai_sdk_lists_models_and_chats_with_and_without_streaming() {
    let Some(python) = sdk_python() else { return };
    let (_env, _llm, gw) = setup().await;
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/openai/check.py");
    let (url, token) = (format!("{}/v1", gw.url), gw.token.clone());
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(python)
            .arg(script)
            .env("OPENAI_BASE_URL", url)
            .env("OPENAI_API_KEY", token)
            .output()
            .expect("run python")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the SDK script failed:\n{stdout}\n{stderr}\n{}", gw.log_text());
    assert!(stdout.contains("streamed: echo: stream me usage: 10 3"), "{stdout}");
    assert!(stdout.trim_end().ends_with("all ok"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_stream_gets_keep_alives_and_a_plain_curl_body_is_accepted() {
    let (_env, _llm, gw) = setup().await;
    // As curl's `-d` sends it: no JSON content type.
    let body = json!({"model": "openclaw/main", "stream": true,
        "stream_options": {"include_usage": true},
        "messages": [{"role": "user", "content": "slow"}]});
    let r = gw
        .http
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(&gw.token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    let first_content = text.find("echo: ").expect("the reply");
    let keep_alives = text[..first_content].matches(": keep-alive\n\n").count();
    // 700 ms of silence at one comment per 100 ms: some, however loaded the machine is.
    assert!(keep_alives >= 2, "{keep_alives} keep-alives before the reply:\n{text}");
    let data: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("data: ")).collect();
    assert_eq!(data.last(), Some(&"[DONE]"));
    let usage: Value = serde_json::from_str(data[data.len() - 2]).unwrap();
    assert_eq!(usage["choices"], json!([]));
    assert_eq!(usage["usage"]["total_tokens"], 13);

    // Errors in OpenAI's shape.
    let r = gw
        .http
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(&gw.token)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(v["error"]["type"], "invalid_request_error", "{v}");
    assert_eq!(v["error"]["code"], "invalid_json", "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("request body"), "{v}");
    assert!(v["error"].get("param").is_some(), "{v}");
    let (status, v) = gw.get("/v1/models/openclaw%2Fnobody").await;
    assert_eq!(status, 404);
    assert_eq!(v["error"]["code"], "model_not_found", "{v}");
    assert_eq!(v["error"]["param"], "model", "{v}");
    let (status, v) = gw.get("/v1/models/openclaw/helper").await;
    assert_eq!(status, 200);
    assert_eq!(v["id"], "openclaw/helper");
    let r = gw.http.get(format!("{}/v1/models", gw.url)).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(v["error"]["code"], "invalid_api_key", "{v}");
}
