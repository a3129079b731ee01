//! What a careless or hostile client, or a careless provider, cannot do to the gateway: see a
//! secret in an error, reach files outside the home, kill its own turn by hanging up, or hold
//! connections open.

use serde_json::{Value, json};

use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config};
use crate::harness::Env;

/// A key long enough to be recognised as a secret wherever it shows up.
const KEY: &str = "sk-live-0123456789abcdef";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_the_provider_echoes_reaches_neither_the_chat_nor_the_log_nor_the_api() {
    let llm = FakeLlm::unauthorized().await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, "").replace(r#"apiKey: "k""#, &format!("apiKey: {KEY:?}")));
    let gw = Gateway::start(&env).await;

    let mut chat = crate::ws::Ws::connect(&gw.url, &format!("/ws/chat?token={}&peer=b1", gw.token)).await;
    assert_eq!(chat.recv().await["type"], "ready");
    chat.send(r#"{"type":"message","id":"c1","text":"hi"}"#).await;
    let error = loop {
        let m = chat.recv().await;
        if m["type"] == "error" {
            break m;
        }
    };
    assert_eq!(
        error["message"],
        "Sorry, the model could not be reached; the owner can see why with `openclaw gateway logs`."
    );

    // The owner's side: the detail, without the key.
    let (status, body) = gw.post("/api/send", json!({"text": "hi"})).await;
    assert_eq!(status, 502, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    let message = v["error"].as_str().unwrap();
    assert!(message.contains("HTTP 401: Incorrect API key provided: Bearer ***"), "{message}");
    assert!(!body.contains(KEY), "{body}");
    let log = gw.log_text();
    assert!(log.contains("HTTP 401: Incorrect API key provided: Bearer ***"), "{log}");
    assert!(!log.contains(KEY), "{log}");
    assert_eq!(llm.calls(), 2);
}

async fn setup(delay_ms: u64) -> (Env, FakeLlm, Gateway) {
    let llm = FakeLlm::start(delay_ms).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, ""));
    let gw = Gateway::start(&env).await;
    (env, llm, gw)
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Ids name folders and files under the home: `../` or an overlong key is refused at the door,
/// with a message that names no path of the machine, and nothing outside the home is touched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_that_would_leave_the_home_or_overflow_a_file_name_are_refused_with_400() {
    let (env, _llm, gw) = setup(0).await;
    let (status, body) = gw.post("/api/send", json!({"text": "hi"})).await;
    assert_eq!(status, 200, "{body}");
    // Outside the home, a folder laid out like an agent's: what `../../user` would reach.
    let outside = env.dir.path().join("user");
    copy_dir(&env.home.join("agents/main"), &outside);
    let before = crate::harness::snapshot_tree(&outside);
    assert!(!before.is_empty());
    let paths = [env.dir.path().to_string_lossy().to_string(), "/tmp/".to_string()];
    let no_path = |body: &str| {
        for p in &paths {
            assert!(!body.contains(p.as_str()), "a path in {body}");
        }
    };

    let (status, body) = gw.post("/api/sessions/reset", json!({"agent": "../../user"})).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("invalid agent id"), "{body}");
    no_path(&body);
    let (status, body) = gw.get("/api/sessions?agent=../../user").await;
    assert_eq!(status, 400, "{body}");
    no_path(&body.to_string());
    let (status, body) = gw.post("/api/send", json!({"text": "hi", "agent": "../../user"})).await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = gw.get("/api/sessions?agent=nobody").await;
    assert_eq!(status, 404, "{body}");

    let long = "x".repeat(300);
    for (path, req) in [
        ("/api/send", json!({"text": "hi", "to": long})),
        ("/api/send", json!({"text": "hi", "session": format!("agent:main:peer:{long}")})),
        ("/api/sessions/reset", json!({"keys": [format!("agent:main:peer:{long}")]})),
        ("/v1/chat/completions", json!({"user": long, "messages": [{"role": "user", "content": "hi"}]})),
    ] {
        let (status, body) = gw.post(path, req).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert!(body.contains("too long"), "{path}: {body}");
        no_path(&body);
    }
    let (status, body) = gw.get(&format!("/api/sessions/agent:main:peer:{long}")).await;
    assert_eq!(status, 400, "{body}");
    no_path(&body.to_string());

    assert_eq!(crate::harness::snapshot_tree(&outside), before, "nothing outside the home changed");
    let (status, v) = gw.get("/api/status").await;
    assert_eq!(status, 200);
    assert_eq!(v["sessions"], 1, "{v}");
}

/// A client that gives up on a non-streaming call does not take the turn with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_hangs_up_leaves_its_turn_running_to_the_end() {
    let (env, _llm, gw) = setup(1500).await;
    for (path, req) in [
        ("/api/send", json!({"text": "one", "to": "ann"})),
        ("/v1/chat/completions", json!({"user": "bob", "messages": [{"role": "user", "content": "two"}]})),
    ] {
        let sent = gw
            .http
            .post(format!("{}{path}", gw.url))
            .timeout(std::time::Duration::from_millis(300))
            .bearer_auth(&gw.token)
            .header("content-type", "application/json")
            .body(req.to_string())
            .send()
            .await;
        assert!(sent.is_err_and(|e| e.is_timeout()), "{path}: the client gives up first");
    }
    for (key, text) in [("agent:main:cli:peer:ann", "one"), ("agent:main:openai:peer:bob", "two")] {
        crate::gateway::eventually(&format!("the reply of {key}"), async || {
            crate::gateway::messages(&env, key).len() == 2
        })
        .await;
        assert_eq!(crate::gateway::messages(&env, key)[1], ("assistant".into(), format!("echo: {text}")));
    }
    crate::gateway::eventually("no turn in flight", async || {
        gw.get("/api/status").await.1["turnsInFlight"] == 0
    })
    .await;
}

/// Clients that connect and send nothing (or half a request) are closed after
/// `gateway.headerTimeoutSeconds`, and no more than `gateway.maxConnections` are served at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_connections_are_closed_and_their_number_is_bounded() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    let limits = "shutdownGraceSeconds: 5, headerTimeoutSeconds: 1, maxConnections: 4 }";
    env.write("gateway.json5", &config(llm.port, "").replace("shutdownGraceSeconds: 5 }", limits));
    let gw = Gateway::start(&env).await;
    let host = gw.url.strip_prefix("http://").unwrap().to_string();
    let started = std::time::Instant::now();
    let mut silent = Vec::new();
    for i in 0..8 {
        let mut tcp = tokio::net::TcpStream::connect(&host).await.unwrap();
        if i % 2 == 1 {
            tcp.write_all(b"GET /healthz HTTP/1.1\r\nHo").await.unwrap();
        }
        silent.push(tcp);
    }
    // Four are served (and time out); the others wait their turn. A real request waits too.
    let (status, body) = gw.get("/healthz").await;
    assert_eq!((status, body), (200, json!("ok\n")));
    assert!(started.elapsed() >= std::time::Duration::from_millis(900), "served past the limit");
    for (i, mut tcp) in silent.into_iter().enumerate() {
        let mut buf = Vec::new();
        let read = tokio::time::timeout(std::time::Duration::from_secs(10), tcp.read_to_end(&mut buf)).await;
        assert!(read.is_ok(), "connection {i} still open after {:?}", started.elapsed());
    }
}
