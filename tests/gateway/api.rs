//! The control API, the OpenAI-compatible endpoint and `openclaw send` through the gateway.

use serde_json::{Value, json};

use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config, eventually, messages};
use crate::harness::Env;

async fn setup(delay_ms: u64) -> (Env, FakeLlm, Gateway) {
    let llm = FakeLlm::start(delay_ms).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, ""));
    let gw = Gateway::start(&env).await;
    (env, llm, gw)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_is_open_and_everything_else_needs_the_token() {
    let (_env, _llm, gw) = setup(0).await;
    let r = gw.http.get(format!("{}/healthz", gw.url)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = gw.http.get(format!("{}/api/status", gw.url)).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json_text().await;
    assert!(body["error"].as_str().unwrap().contains("token"), "{body}");
    let r = gw.http.get(format!("{}/api/status", gw.url)).bearer_auth("wrong").send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = gw.http.get(format!("{}/api/agents?token={}", gw.url, gw.token)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let (status, v) = gw.get("/api/status").await;
    assert_eq!(status, 200);
    assert_eq!(v["agents"], json!(["main"]));
    assert_eq!(v["pid"], gw.pid());
}

trait JsonText {
    async fn json_text(self) -> Value;
}

impl JsonText for reqwest::Response {
    async fn json_text(self) -> Value {
        serde_json::from_str(&self.text().await.unwrap()).unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_send_runs_a_turn_with_and_without_streaming() {
    let (env, _llm, gw) = setup(0).await;
    let (status, body) = gw.post("/api/send", json!({"text": "hello"})).await;
    assert_eq!(status, 200, "{body}");
    let out: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(out["reply"], "echo: hello");
    assert_eq!(out["sessionKey"], "agent:main:main");

    let (status, body) = gw.post("/api/send", json!({"text": "again", "stream": true, "to": "ann"})).await;
    assert_eq!(status, 200);
    let events: Vec<Value> = body
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    let deltas: String =
        events.iter().filter(|e| e["type"] == "delta").map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(deltas, "echo: again");
    let last = events.last().unwrap();
    assert_eq!(last["type"], "done");
    assert_eq!(last["sessionKey"], "agent:main:cli:peer:ann");
    assert_eq!(
        messages(&env, "agent:main:cli:peer:ann"),
        [("user".into(), "again".into()), ("assistant".into(), "echo: again".into())]
    );
    let (status, v) = gw.get("/api/sessions/agent:main:cli:peer:ann").await;
    assert_eq!(status, 200);
    assert!(v["lines"].as_array().unwrap().len() >= 3, "{v}");
    let (_, v) = gw.get("/api/sessions?agent=main").await;
    assert_eq!(v["sessions"].as_array().unwrap().len(), 2, "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openclaw_send_goes_through_the_running_gateway() {
    let (env, _llm, gw) = setup(0).await;
    let envc = std::sync::Arc::new(env);
    let e = envc.clone();
    let out = tokio::task::spawn_blocking(move || e.ok(&["send", "--to", "bob", "hi there"])).await.unwrap();
    assert_eq!(out.trim(), "echo: hi there");
    assert!(gw.log_text().contains("api send to agent:main:cli:peer:bob"), "{}", gw.log_text());
    let e = envc.clone();
    let out = tokio::task::spawn_blocking(move || e.ok(&["--json", "send", "x"])).await.unwrap();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["reply"], "echo: x");
    let e = envc.clone();
    let out =
        tokio::task::spawn_blocking(move || e.ok(&["session", "reset", "agent:main:main"])).await.unwrap();
    assert!(out.contains("reset agent:main:main (manual)"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openai_chat_completions_stream_and_not() {
    let (env, _llm, gw) = setup(0).await;
    let req = json!({"model": "openclaw/main", "user": "u1",
        "messages": [{"role": "system", "content": "x"}, {"role": "user", "content": "ping"}]});
    let (status, body) = gw.post("/v1/chat/completions", req.clone()).await;
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["object"], "chat.completion");
    assert_eq!(v["choices"][0]["message"]["content"], "echo: ping");
    assert_eq!(v["usage"]["completion_tokens"], 3);
    assert_eq!(messages(&env, "agent:main:openai:peer:u1").len(), 2);

    let mut req = req;
    req["stream"] = json!(true);
    let (status, body) = gw.post("/v1/chat/completions", req).await;
    assert_eq!(status, 200);
    let data: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("data: ")).collect();
    assert_eq!(data.last(), Some(&"[DONE]"));
    let text: String = data
        .iter()
        .filter_map(|d| serde_json::from_str::<Value>(d).ok())
        .filter_map(|v| v["choices"][0]["delta"]["content"].as_str().map(str::to_string))
        .collect();
    assert_eq!(text, "echo: ping");
    let (status, _) =
        gw.post("/v1/chat/completions", json!({"model": "openclaw/nobody", "messages": []})).await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_session_runs_its_turns_in_arrival_order() {
    let (env, llm, gw) = setup(150).await;
    let gw = std::sync::Arc::new(gw);
    let mut tasks = Vec::new();
    for i in 0..6 {
        let g = gw.clone();
        tasks.push(tokio::spawn(async move { g.post("/api/send", json!({"text": format!("m{i}")})).await }));
        // The next message arrives only once this one is queued.
        let g = gw.clone();
        eventually("the message to be queued", async || {
            let (_, v) = g.get("/api/status").await;
            let depth = v["queues"][0]["depth"].as_u64().unwrap_or(0);
            depth as usize == i + 1 || llm.calls() > i
        })
        .await;
    }
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, 200, "{body}");
    }
    let got = messages(&env, "agent:main:main");
    let want: Vec<(String, String)> = (0..6)
        .flat_map(|i| {
            [("user".to_string(), format!("m{i}")), ("assistant".to_string(), format!("echo: m{i}"))]
        })
        .collect();
    assert_eq!(got, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_and_the_web_chat_socket() {
    let (env, _llm, gw) = setup(0).await;
    let mut events = crate::ws::Ws::connect(&gw.url, &format!("/api/events?token={}", gw.token)).await;
    let mut chat = crate::ws::Ws::connect(&gw.url, &format!("/ws/chat?token={}&peer=b42", gw.token)).await;
    assert_eq!(
        chat.recv().await,
        json!({"type": "ready", "agent": "main", "sessionKey": "agent:main:webchat:peer:b42", "history": [],
            "agents": ["main"], "newCommand": "/new"})
    );
    chat.send(r#"{"type":"message","id":"c1","text":"from the browser"}"#).await;
    let mut deltas = String::new();
    let done = loop {
        let m = chat.recv().await;
        assert_eq!(m["id"], "c1", "{m}");
        match m["type"].as_str() {
            Some("delta") => deltas.push_str(m["text"].as_str().unwrap()),
            Some("done") => break m,
            _ => panic!("unexpected {m}"),
        }
    };
    assert_eq!(deltas, "echo: from the browser");
    assert_eq!(done["reply"], "echo: from the browser");
    assert_eq!(done["model"], "fake/m");
    assert_eq!(done["usage"], json!({"input": 10, "output": 3}), "the fake model's usage: {done}");
    assert_eq!(messages(&env, "agent:main:webchat:peer:b42").len(), 2);
    let mut seen = Vec::new();
    while !seen.iter().any(|e: &Value| e["type"] == "turn.finished") {
        seen.push(events.recv().await);
    }
    assert!(
        seen.iter().any(|e| e["type"] == "turn.started" && e["sessionKey"] == "agent:main:webchat:peer:b42"),
        "{seen:?}"
    );
    // The same browser again (a reload): the conversation so far comes with `ready`.
    let mut again = crate::ws::Ws::connect(&gw.url, &format!("/ws/chat?token={}&peer=b42", gw.token)).await;
    assert_eq!(
        again.recv().await["history"],
        json!([
            {"role": "user", "text": "from the browser"},
            {"role": "assistant", "text": "echo: from the browser", "model": "fake/m",
                "usage": {"input": 10, "output": 3}},
        ])
    );
    // The page's agent picker: a known agent is taken, an unknown one leaves the choice to the
    // bindings (here: main).
    let mut picked =
        crate::ws::Ws::connect(&gw.url, &format!("/ws/chat?token={}&peer=b42&agent=nobody", gw.token)).await;
    assert_eq!(picked.recv().await["agent"], "main");
}

/// The gateway keeps its own parsed copy of sessions.json; a change another process makes
/// between turns must be seen and kept, never overwritten by the copy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_change_by_another_process_survives_the_gateways_next_turns() {
    let (env, _llm, gw) = setup(0).await;
    for text in ["one", "two"] {
        let (status, body) = gw.post("/api/send", json!({"text": text, "to": "ann"})).await;
        assert_eq!(status, 200, "{body}");
    }
    let home = openclaw::home::Home::new(&env.home);
    let store = openclaw::session::SessionStore::open(&home, "main");
    // This test process is "another process": it edits the file under the lock, as the CLI does.
    store
        .update(|s| {
            let e = s.get_mut("agent:main:cli:peer:ann").unwrap();
            e.display_name = Some("Ann from the CLI".into());
            e.extra.insert("tag".into(), json!("kept"));
            s.insert("agent:main:cli:peer:bob".into(), openclaw::session::SessionEntry::new(1));
        })
        .unwrap();
    let (status, body) = gw.post("/api/send", json!({"text": "three", "to": "ann"})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = gw.post("/api/send", json!({"text": "hi", "to": "cy"})).await;
    assert_eq!(status, 200, "{body}");
    let on_disk = store.read_raw().unwrap().sessions().unwrap();
    let ann = &on_disk["agent:main:cli:peer:ann"];
    assert_eq!(ann.message_count, 6, "three turns of two messages: {ann:?}");
    assert_eq!(ann.display_name.as_deref(), Some("Ann from the CLI"));
    assert_eq!(ann.extra["tag"], "kept");
    assert!(on_disk.contains_key("agent:main:cli:peer:bob"), "{on_disk:?}");
    assert_eq!(on_disk["agent:main:cli:peer:cy"].message_count, 2);
}
