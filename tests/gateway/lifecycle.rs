//! Starting, stopping, status, shutdown with a turn in flight, config reload.

use std::time::Duration;

use serde_json::{Value, json};

use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config, eventually, messages};
use crate::harness::Env;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_gateway_is_refused_and_status_reports_the_first() {
    let llm = FakeLlm::start(0).await;
    let env = std::sync::Arc::new(Env::init());
    env.write("gateway.json5", &config(llm.port, ""));
    let gw = Gateway::start(&env).await;
    let e = env.clone();
    let err =
        tokio::task::spawn_blocking(move || e.fails(&["gateway", "start", "--foreground"], 1)).await.unwrap();
    assert!(err.contains(&format!("the gateway already runs (pid {})", gw.pid())), "{err}");
    let e = env.clone();
    let err = tokio::task::spawn_blocking(move || e.fails(&["gateway", "start"], 1)).await.unwrap();
    assert!(err.contains("already runs"), "{err}");
    let e = env.clone();
    let out = tokio::task::spawn_blocking(move || e.ok(&["gateway", "status", "--json"])).await.unwrap();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["pid"], gw.pid());
    assert_eq!(v["url"], gw.url);
    assert_eq!(v["agents"], json!(["main"]));
    let e = env.clone();
    let out = tokio::task::spawn_blocking(move || e.ok(&["gateway", "status"])).await.unwrap();
    assert!(out.starts_with(&format!("gateway running (pid {}", gw.pid())), "{out}");
    // The web chat link works as printed: it carries the token, as `gateway start` prints it.
    let token = env.read("gateway/token");
    assert!(out.contains(&format!("web chat:  {}/?token={}", gw.url, token.trim())), "{out}");
}

/// Kills a detached gateway if the test fails before stopping it.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        // SAFETY: signals the gateway this test started (gone already when the test passed).
        unsafe { libc::kill(self.0 as i32, libc::SIGKILL) };
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_detaches_and_stop_stops_it() {
    let llm = FakeLlm::start(0).await;
    let env = std::sync::Arc::new(Env::new());
    let e = env.clone();
    // A fresh machine: start creates the home first.
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&e.home).unwrap();
        e.write("gateway.json5", &config(llm.port, ""));
        let out = e.ok(&["gateway", "start"]);
        assert!(out.starts_with("Initialised openclaw home at"), "{out}");
        assert!(e.home.join("agents/main/workspace").is_dir());
        assert!(out.contains("gateway running (pid"), "{out}");
        assert!(out.contains("/?token="), "{out}");
        let pid: u32 = e.read("gateway/gateway.pid").trim().parse().unwrap();
        let _guard = KillOnDrop(pid);
        let out = e.ok(&["gateway", "status"]);
        assert!(out.contains(&format!("gateway running (pid {pid}")), "{out}");
        let logs = e.ok(&["gateway", "logs", "-n", "5"]);
        assert!(logs.contains("INFO  gateway listening on http://127.0.0.1:"), "{logs}");
        let logs = e.ok(&["gateway", "logs", "-n", "5", "--json"]);
        let listening = logs
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|v| {
                v["message"].as_str().is_some_and(|m| m.starts_with("gateway listening on http://127.0.0.1:"))
            })
            .unwrap_or_else(|| panic!("{logs}"));
        assert_eq!(listening["level"], "INFO");
        assert!(listening["time"].as_str().unwrap().parse::<jiff::Timestamp>().is_ok(), "{listening}");
        let out = e.ok(&["send", "via detached"]);
        assert_eq!(out.trim(), "echo: via detached");
        let log = e.read("logs/gateway.log");
        assert!(log.contains("api send to agent:main:main"), "{log}");
        assert!(!log.contains("via detached"), "message text must not be logged at info: {log}");
        let out = e.run(&["gateway", "stop"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains(&format!("gateway stopped (pid {pid}")), "{}", out.stdout);
        let err = e.fails(&["gateway", "status"], 1);
        assert!(err.contains("the gateway is not running"), "{err}");
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_the_running_turn_finish_and_exits_0() {
    let llm = FakeLlm::start(800).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, ""));
    let mut gw = Gateway::start(&env).await;
    let (url, token, http) = (gw.url.clone(), gw.token.clone(), gw.http.clone());
    let turn = tokio::spawn(async move {
        http.post(format!("{url}/api/send"))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(json!({"text": "slow"}).to_string())
            .send()
            .await
    });
    eventually("the model call", async || llm.calls() == 1).await;
    assert_eq!(gw.terminate().await, 0, "{}", gw.log_text());
    let answer = turn.await.unwrap().expect("answered before exit");
    assert_eq!(answer.status(), 200);
    assert_eq!(
        messages(&env, "agent:main:main"),
        [("user".into(), "slow".into()), ("assistant".into(), "echo: slow".into())]
    );
    assert!(!env.home.join("gateway/gateway.pid").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_turn_longer_than_the_grace_period_is_recorded_as_interrupted() {
    let llm = FakeLlm::start(10_000).await;
    let env = Env::init();
    env.write(
        "gateway.json5",
        &config(llm.port, "").replace("shutdownGraceSeconds: 5", "shutdownGraceSeconds: 1"),
    );
    let mut gw = Gateway::start(&env).await;
    let (url, token, http) = (gw.url.clone(), gw.token.clone(), gw.http.clone());
    tokio::spawn(async move {
        http.post(format!("{url}/api/send"))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(json!({"text": "very slow"}).to_string())
            .send()
            .await
    });
    eventually("the model call", async || llm.calls() == 1).await;
    assert_eq!(gw.terminate().await, 0, "{}", gw.log_text());
    let got = messages(&env, "agent:main:main");
    assert_eq!(got.first(), Some(&("user".to_string(), "very slow".to_string())));
    assert_eq!(
        got.last(),
        Some(&("system".to_string(), "[turn interrupted by gateway shutdown]".to_string()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_changes_are_picked_up_and_a_broken_config_keeps_the_old_one() {
    let llm = FakeLlm::start(0).await;
    let env = std::sync::Arc::new(Env::init());
    env.write("gateway.json5", &config(llm.port, ""));
    let gw = Gateway::start(&env).await;
    // A new agent with a binding appears without a restart.
    let new = config(llm.port, "").replace(
        "agents: { main: {} }",
        "agents: { main: {}, work: { bindings: [{ channel: \"webchat\" }] } }",
    );
    tokio::time::sleep(Duration::from_millis(1100)).await; // a different mtime second
    env.write("gateway.json5", &new);
    eventually("the reload", async || {
        let (_, v) = gw.get("/api/agents").await;
        v["agents"].as_array().is_some_and(|a| a.len() == 2)
    })
    .await;
    let (status, body) = gw
        .post(
            "/v1/chat/completions",
            json!({"model": "openclaw/work", "messages": [{"role": "user", "content": "w"}]}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // A broken file is refused; the old config keeps running.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    env.write("gateway.json5", "{ agents: ");
    eventually("the refusal in the log", async || gw.log_text().contains("config not reloaded")).await;
    let (_, v) = gw.get("/api/agents").await;
    assert_eq!(v["agents"].as_array().unwrap().len(), 2);
    let (status, _) = gw.post("/api/send", json!({"text": "still here"})).await;
    assert_eq!(status, 200);
    // It kept a private copy of the config it runs on, for read-only commands to fall back to.
    let kept = env.path("gateway/last-good.json5");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), new);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777, 0o600);
    // `gateway status` still answers: the error as a warning, and which config runs.
    let e = env.clone();
    let run = tokio::task::spawn_blocking(move || e.run(&["gateway", "status"])).await.unwrap();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("gateway.json5:1:11:"), "{}", run.stderr);
    assert!(run.stdout.contains("config:    the last good config, loaded"), "{}", run.stdout);
    assert!(run.stdout.contains("agents:    main, work"), "{}", run.stdout);
    let e = env.clone();
    let run = tokio::task::spawn_blocking(move || e.run(&["gateway", "status", "--json"])).await.unwrap();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["config"]["lastGood"], true, "{v}");
    assert!(v["config"]["reloadError"].as_str().unwrap().contains("gateway.json5:1:11:"), "{v}");
    // Writers refuse.
    let e = env.clone();
    let run = tokio::task::spawn_blocking(move || e.run(&["config", "set", "cron.enabled", "false"]))
        .await
        .unwrap();
    assert_eq!(run.code, 1, "{run:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn systemd_hears_ready_and_stopping() {
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, ""));
    let sock_path = env.dir.path().join("notify.sock");
    let sock = std::os::unix::net::UnixDatagram::bind(&sock_path).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut gw = Gateway::start_with(&env, &[("NOTIFY_SOCKET", sock_path.to_str().unwrap())]).await;
    let mut buf = [0u8; 64];
    let n = sock.recv(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"READY=1");
    assert_eq!(gw.terminate().await, 0);
    let n = sock.recv(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"STOPPING=1");
}

#[test]
fn install_service_writes_a_notify_unit() {
    let env = Env::init();
    let out = env.ok(&["gateway", "install-service"]);
    assert!(
        out.contains("systemctl --user daemon-reload && systemctl --user enable --now openclaw-gateway"),
        "{out}"
    );
    let unit =
        std::fs::read_to_string(env.dir.path().join("user/.config/systemd/user/openclaw-gateway.service"))
            .unwrap();
    assert!(unit.contains("Type=notify\n"), "{unit}");
    assert!(unit.contains("Restart=on-failure\n"), "{unit}");
    let exec = format!(
        "ExecStart={} --home {} gateway start --foreground\n",
        env!("CARGO_BIN_EXE_openclaw"),
        env.home.display()
    );
    assert!(unit.contains(&exec), "{unit}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_web_chat_is_not_served() {
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, "channels: { webchat: { enabled: false } },"));
    let gw = Gateway::start(&env).await;
    let (status, _) = gw.get("/").await;
    assert_eq!(status, 404);
    let (status, _) = gw.get("/ws/chat?peer=x").await;
    assert_eq!(status, 404);
    let (_, v) = gw.get("/api/status").await;
    assert_eq!(v["webchat"], false);
}
