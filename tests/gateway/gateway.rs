//! A gateway process for one test, killed when the test ends.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::Env;

/// The config every test starts from; `extra` is spliced into the top-level object.
pub fn config(llm_port: u16, extra: &str) -> String {
    format!(
        r#"{{
  defaultAgent: "main",
  models: {{
    default: "fake/m",
    providers: {{ fake: {{ api: "openai", baseUrl: "http://127.0.0.1:{llm_port}/v1", apiKey: "k" }} }},
    retry: {{ maxTries: 1 }},
  }},
  agents: {{ main: {{}} }},
  gateway: {{ listen: "127.0.0.1:0", shutdownGraceSeconds: 5 }},
  {extra}
}}
"#
    )
}

/// A running `openclaw gateway start --foreground`.
pub struct Gateway {
    pub child: Option<Child>,
    pub url: String,
    pub token: String,
    pub log: std::path::PathBuf,
    pub http: reqwest::Client,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Gateway {
    /// Starts the gateway on `env` and waits (bounded) until it answers.
    pub async fn start(env: &Env) -> Gateway {
        Self::start_with(env, &[]).await
    }

    /// Starts it with extra environment variables.
    pub async fn start_with(env: &Env, vars: &[(&str, &str)]) -> Gateway {
        static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let log = env.dir.path().join(format!("gateway-{n}.log"));
        let file = std::fs::File::create(&log).expect("log file");
        let mut cmd = env.command(&["gateway", "start", "--foreground"]);
        cmd.stdout(Stdio::null()).stderr(file).envs(vars.iter().copied());
        let child = cmd.spawn().expect("spawn gateway");
        let pid = child.id();
        let http = openclaw::gateway::process::http_client().expect("client");
        let mut gw = Gateway { child: Some(child), url: String::new(), token: String::new(), log, http };
        let runtime = env.home.join("gateway/gateway.json");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(Instant::now() < deadline, "gateway did not start:\n{}", gw.log_text());
            if let Some(Ok(Some(status))) = gw.child.as_mut().map(|c| c.try_wait()) {
                panic!("gateway exited ({status}):\n{}", gw.log_text());
            }
            if let Ok(text) = std::fs::read_to_string(&runtime)
                && let Ok(v) = serde_json::from_str::<Value>(&text)
                && v["pid"] == pid
            {
                gw.url = v["url"].as_str().expect("url").to_string();
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        gw.token = std::fs::read_to_string(env.home.join("gateway/token")).expect("token").trim().to_string();
        gw
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map(|c| c.id()).expect("running")
    }

    /// GET with the token; (status, JSON or text).
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let r =
            self.http.get(format!("{}{path}", self.url)).bearer_auth(&self.token).send().await.expect("get");
        let status = r.status().as_u16();
        let text = r.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// POST JSON with the token; (status, raw body).
    pub async fn post(&self, path: &str, body: Value) -> (u16, String) {
        let r = self
            .http
            .post(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("post");
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    }

    /// Sends SIGTERM and waits (bounded) for the exit code.
    pub async fn terminate(&mut self) -> i32 {
        let mut child = self.child.take().expect("running");
        // SAFETY: signals our own child.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("gateway did not exit after SIGTERM:\n{}", self.log_text());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Waits (bounded) until `f` is true.
pub async fn eventually(what: &str, mut f: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !f().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The transcript lines of `key` (agent main) as JSON.
pub fn transcript(env: &Env, key: &str) -> Vec<Value> {
    lines(env, "main", key)
}

/// `(role, content)` of the transcript's messages.
pub fn messages(env: &Env, key: &str) -> Vec<(String, String)> {
    transcript(env, key)
        .into_iter()
        .filter(|v| v["type"] == "message")
        .map(|v| {
            (v["role"].as_str().unwrap_or("").to_string(), v["content"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

/// The transcript lines of `key` in `agent`'s transcript, as JSON.
pub fn lines(env: &Env, agent: &str, key: &str) -> Vec<Value> {
    let path = openclaw::home::Home::new(&env.home).transcript_path(agent, key);
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The user messages of `key` in `agent`'s transcript.
pub fn user_lines(env: &Env, agent: &str, key: &str) -> Vec<String> {
    lines(env, agent, key)
        .into_iter()
        .filter(|v| v["role"] == "user")
        .map(|v| v["content"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Waits (bounded) until an account of `channel` reports itself healthy.
pub async fn channel_ok(gw: &Gateway, channel: &str) {
    eventually(&format!("a healthy {channel} account"), async || {
        let (_, v) = gw.get("/api/channels").await;
        v["channels"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["channel"] == channel && c["health"]["state"] == "ok")
    })
    .await;
}

/// `channel ls --json`, parsed.
pub fn channel_rows(env: &Env) -> Vec<Value> {
    let ls = env.run(&["channel", "ls", "--json"]);
    serde_json::from_str(&ls.stdout).unwrap_or_default()
}

/// Waits (bounded) until the account of `channel` stops with an error holding every one of
/// `needles`, then checks that it stays stopped (no restarts); its `channel ls` row.
pub async fn stops_with(env: &Env, channel: &str, needles: &[&str]) -> Value {
    let row = || channel_rows(env).into_iter().find(|r| r["channel"] == channel).unwrap_or_default();
    eventually(&format!("the {channel} account stops"), async || {
        let r = row();
        r["health"]["state"] == "failing"
            && r["lastError"].as_str().is_some_and(|e| needles.iter().all(|n| e.contains(n)))
    })
    .await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let r = row();
    assert_eq!(
        (r["health"]["state"].as_str(), &r["restarts"]),
        (Some("failing"), &Value::from(0)),
        "stopped, not retried in a loop: {r}"
    );
    r
}
