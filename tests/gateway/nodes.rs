//! Nodes (issue 17): real `openclaw node run` processes, each with its own home, connect to a
//! real gateway on 127.0.0.1; the owner pairs, rejects and revokes them with the CLI; a scripted
//! model calls the `nodes` tool and what the node did lands in the transcript.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::post;
use serde_json::{Value, json};

use crate::gateway::{Gateway, eventually, transcript};
use crate::harness::Env;

/// A model that calls `nodes` with the JSON after `nodes: ` in the user's message, then answers
/// `tool said: <result>` once the tool result is in.
async fn scripted_model() -> u16 {
    async fn chat(body: Bytes) -> axum::response::Response {
        let v: Value = serde_json::from_slice(&body).unwrap_or_default();
        let messages = v["messages"].as_array().cloned().unwrap_or_default();
        let last = messages.last().cloned().unwrap_or_default();
        let chunk = |delta: Value, finish: Value| {
            let c = json!({"id": "x", "object": "chat.completion.chunk", "model": "m",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
            format!("data: {c}\n\n")
        };
        let mut sse = String::new();
        let asked = last["content"].as_str().and_then(|t| t.strip_prefix("nodes: ")).map(str::to_string);
        match (last["role"].as_str(), asked) {
            (Some("user"), Some(args)) => {
                sse += &chunk(
                    json!({"role": "assistant", "content": null, "tool_calls": [{"index": 0, "id": "call_1",
                        "type": "function", "function": {"name": "nodes", "arguments": args}}]}),
                    Value::Null,
                );
                sse += &chunk(json!({}), json!("tool_calls"));
            }
            (Some("tool"), _) => {
                let said = format!("tool said: {}", last["content"].as_str().unwrap_or(""));
                sse += &chunk(json!({"content": said}), Value::Null);
                sse += &chunk(json!({}), json!("stop"));
            }
            _ => {
                sse += &chunk(json!({"content": "ok"}), Value::Null);
                sse += &chunk(json!({}), json!("stop"));
            }
        }
        sse += "data: [DONE]\n\n";
        ([(header::CONTENT_TYPE, "text/event-stream")], sse).into_response()
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let app = Router::new().route("/v1/chat/completions", post(chat));
    tokio::spawn(async move { axum::serve(listener, app).await });
    port
}

/// A gateway home whose agent `main` may use the node `pi`, on `listen`.
fn gateway_env(llm_port: u16, listen: &str) -> Env {
    let env = Env::init();
    env.write(
        "gateway.json5",
        &format!(
            r#"{{
  models: {{
    default: "fake/m",
    providers: {{ fake: {{ api: "openai", baseUrl: "http://127.0.0.1:{llm_port}/v1", apiKey: "k" }} }},
    retry: {{ maxTries: 1 }},
  }},
  agents: {{ main: {{ nodes: ["pi"] }} }},
  gateway: {{ listen: "{listen}", shutdownGraceSeconds: 5 }},
}}
"#
        ),
    );
    env
}

/// A running `openclaw node run --foreground` with its own home.
struct Node {
    env: Env,
    child: Option<Child>,
    log: std::path::PathBuf,
}

impl Drop for Node {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Node {
    /// Starts a node called `name` whose `gateway.json5` holds `node_config` (the `node` object).
    fn start(gw: &Gateway, name: &str, node_config: &str) -> Node {
        let env = Env::new();
        env.write("gateway.json5", &format!("{{ node: {node_config} }}\n"));
        let log = env.dir.path().join("node.log");
        let url = gw.url.replacen("http://", "ws://", 1);
        let mut cmd = env.command(&["node", "run", "--foreground", "--gateway", &url, "--name", name]);
        cmd.stdout(Stdio::null()).stderr(std::fs::File::create(&log).expect("log"));
        let child = cmd.spawn().expect("spawn node");
        Node { env, child: Some(child), log }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits (bounded) for the process to exit; its exit code.
    async fn exit_code(&mut self) -> i32 {
        let child = self.child.as_mut().expect("running");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "node did not exit:\n{}", self.log_text());
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

/// `openclaw node ls --json` on the gateway's home.
fn node_ls(env: &Env) -> Value {
    serde_json::from_str(&env.ok(&["--json", "node", "ls"])).expect("json")
}

/// Waits for the pending request of `name`; its code.
async fn pending_code(env: &Env, name: &str) -> String {
    let mut code = String::new();
    eventually(&format!("a pairing request from {name}"), async || {
        let ls = node_ls(env);
        match ls["pending"].as_array().and_then(|p| p.iter().find(|r| r["name"] == name)) {
            Some(r) => {
                code = r["code"].as_str().expect("code").to_string();
                true
            }
            None => false,
        }
    })
    .await;
    code
}

async fn connected(gw: &Gateway, name: &str) -> bool {
    let (_, v) = gw.get("/api/nodes").await;
    v["nodes"].as_array().into_iter().flatten().any(|n| n["name"] == name && n["connected"] == true)
}

/// Starts `pi` and approves it with the CLI; returns once it is connected.
async fn paired_node(gw: &Gateway, env: &Env, node_config: &str) -> Node {
    let node = Node::start(gw, "pi", node_config);
    let code = pending_code(env, "pi").await;
    let out = env.ok(&["node", "approve", &code]);
    assert!(out.starts_with("paired node pi (key "), "{out}");
    eventually("pi connected", async || connected(gw, "pi").await).await;
    node
}

/// The tool results of the main session, `(content, isError)`.
fn tool_results(env: &Env) -> Vec<(String, bool)> {
    transcript(env, "agent:main:main")
        .into_iter()
        .filter(|l| l["role"] == "tool")
        .map(|l| (l["content"].as_str().unwrap_or("").to_string(), l["isError"] == true))
        .collect()
}

#[tokio::test]
async fn pairing_is_approved_rejected_and_revoked_from_the_cli() {
    let llm = scripted_model().await;
    let env = gateway_env(llm, "127.0.0.1:0");
    let gw = Gateway::start(&env).await;

    let mut pi = Node::start(&gw, "pi", "{}");
    let code = pending_code(&env, "pi").await;
    // The owner sees it with the channels' requests too, and nothing is connected yet.
    let pairing = env.ok(&["pairing", "ls"]);
    assert!(
        pairing.lines().any(|l| l.starts_with("node") && l.contains(&code) && l.contains("pi")),
        "{pairing}"
    );
    assert!(!connected(&gw, "pi").await);
    let refused = env.run(&["node", "invoke", "pi", "system.info"]);
    assert_eq!(refused.code, 1, "an unpaired node gets no requests: {refused:?}");
    assert!(refused.stderr.contains("no node is paired as \"pi\""), "{}", refused.stderr);
    // The node's key is its own, private.
    let key = pi.env.home.join("node/identity.key");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&key).expect("key").permissions().mode() & 0o777, 0o600);

    env.ok(&["node", "approve", &code.to_lowercase()]);
    eventually("pi connected", async || connected(&gw, "pi").await).await;
    let info: Value =
        serde_json::from_str(&env.ok(&["--json", "node", "invoke", "pi", "system.info"])).expect("json");
    assert_eq!(info["ok"], true, "{info}");
    let facts: Value = serde_json::from_str(info["content"].as_str().expect("content")).expect("facts");
    assert_eq!(facts["os"], std::env::consts::OS);
    assert!(facts["disk"]["freeBytes"].as_u64().is_some(), "{facts}");
    let ls = node_ls(&env);
    assert_eq!(ls["paired"][0]["name"], "pi");
    assert_eq!(ls["paired"][0]["connected"], true);
    assert_eq!(ls["paired"][0]["capabilities"], json!(["system.info", "notify"]));
    let (_, status) = gw.get("/api/status").await;
    assert_eq!(status["nodes"][0]["name"], "pi", "{status}");
    let human = env.ok(&["gateway", "status"]);
    assert!(human.lines().any(|l| l.starts_with("pi") && l.contains("connected")), "{human}");

    // A second machine asks; the owner rejects it: it is told so and stops.
    let mut lap = Node::start(&gw, "lap", "{}");
    let lap_code = pending_code(&env, "lap").await;
    let out = env.ok(&["node", "rm", &lap_code]);
    assert_eq!(out, format!("rejected the pairing request of lap (code {lap_code})\n"));
    assert_eq!(lap.exit_code().await, 1);
    assert!(lap.log_text().contains("the gateway refused this node: pairing rejected"), "{}", lap.log_text());
    assert!(node_ls(&env)["pending"].as_array().expect("pending").is_empty());

    // Revoking pi disconnects it at once, and the running node stops.
    let started = Instant::now();
    assert_eq!(env.ok(&["node", "rm", "pi"]), "revoked node pi\n");
    assert_eq!(pi.exit_code().await, 1);
    assert!(started.elapsed() < Duration::from_secs(5), "revocation took {:?}", started.elapsed());
    assert!(pi.log_text().contains("the gateway refused this node: revoked"), "{}", pi.log_text());
    assert!(!connected(&gw, "pi").await);
    let gone = env.run(&["node", "invoke", "pi", "system.info"]);
    assert_eq!(gone.code, 1);
    assert!(node_ls(&env)["paired"].as_array().expect("paired").is_empty());
}

#[tokio::test]
async fn the_model_runs_a_command_on_a_node_and_the_node_keeps_its_own_policy() {
    let llm = scripted_model().await;
    let env = gateway_env(llm, "127.0.0.1:0");
    let gw = Gateway::start(&env).await;
    let node = paired_node(&gw, &env, r#"{ exec: { security: "allowlist", allowlist: ["echo *"] } }"#).await;

    let ask = |args: Value| json!({"text": format!("nodes: {args}")});
    let run = json!({"action": "invoke", "node": "pi", "command": "system.run",
        "args": {"command": "echo hello-from-the-node"}});
    let (status, body) = gw.post("/api/send", ask(run)).await;
    assert_eq!(status, 200, "{body}");
    let results = tool_results(&env);
    assert_eq!(results.len(), 1);
    assert!(!results[0].1 && results[0].0.contains("hello-from-the-node"), "{results:?}");
    let reply: Value = serde_json::from_str(&body).expect("json");
    assert!(reply["reply"].as_str().unwrap_or("").contains("hello-from-the-node"), "{reply}");
    // The node's own log has the invocation.
    assert!(
        node.log_text().lines().any(|l| l.contains("system.run \"echo hello-from-the-node\": ok")),
        "{}",
        node.log_text()
    );

    // Outside the node's allowlist: the gateway asks, the node refuses.
    let run = json!({"action": "invoke", "node": "pi", "command": "system.run", "args": {"command": "id"}});
    gw.post("/api/send", ask(run)).await;
    let (content, is_error) = tool_results(&env).pop().expect("second result");
    assert!(is_error, "{content}");
    assert!(content.contains("matches no entry of node.exec.allowlist"), "{content}");
    let cli = env.run(&["node", "invoke", "pi", "system.run", r#"{"command": "echo hi; id"}"#]);
    assert_eq!(cli.code, 1, "{cli:?}");
    assert!(cli.stderr.contains("may not contain \";\""), "{}", cli.stderr);
    // A capability the node does not offer is refused, and the list says what it offers.
    let write = json!({"action": "invoke", "node": "pi", "command": "file.write", "args": {"path": "x", "content": "y"}});
    gw.post("/api/send", ask(write)).await;
    let (content, is_error) = tool_results(&env).pop().expect("third result");
    assert!(is_error && content.contains("does not offer \"file.write\""), "{content}");
    assert!(!node.env.home.join("node/workspace/x").exists());
    gw.post("/api/send", ask(json!({"action": "list"}))).await;
    let (content, _) = tool_results(&env).pop().expect("list");
    let listed: Value = serde_json::from_str(&content).expect("list json");
    assert_eq!(listed[0]["name"], "pi");
    assert_eq!(listed[0]["capabilities"], json!(["system.info", "system.run", "notify"]));
    // A node outside agents.main.nodes is out of reach.
    let other = json!({"action": "invoke", "node": "laptop", "command": "system.info"});
    gw.post("/api/send", ask(other)).await;
    let (content, is_error) = tool_results(&env).pop().expect("fourth result");
    assert!(is_error && content.contains("may not use node \"laptop\""), "{content}");
}

#[tokio::test]
async fn a_node_killed_mid_invoke_is_a_clear_error_for_the_model() {
    let llm = scripted_model().await;
    let env = gateway_env(llm, "127.0.0.1:0");
    let gw = Gateway::start(&env).await;
    let mut node = paired_node(&gw, &env, r#"{ exec: { security: "full" } }"#).await;

    let run =
        json!({"action": "invoke", "node": "pi", "command": "system.run", "args": {"command": "sleep 30"}});
    let (g, body) = (gw.url.clone(), json!({"text": format!("nodes: {run}")}));
    let (token, http) = (gw.token.clone(), gw.http.clone());
    let turn = tokio::spawn(async move {
        let r = http.post(format!("{g}/api/send")).bearer_auth(token).json(&body).send().await;
        r.expect("send").status().as_u16()
    });
    // `system.run` makes the workspace's .tmp just before it starts the command.
    let tmp = node.env.home.join("node/workspace/.tmp");
    eventually("the node runs the command", async || tmp.is_dir()).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    if let Some(c) = node.child.as_mut() {
        c.kill().expect("kill node");
    }
    assert_eq!(
        tokio::time::timeout(Duration::from_secs(20), turn).await.expect("turn ends").expect("join"),
        200
    );
    assert!(started.elapsed() < Duration::from_secs(10), "the turn waited {:?}", started.elapsed());
    let (content, is_error) = tool_results(&env).pop().expect("result");
    assert!(is_error, "{content}");
    assert_eq!(content, "node \"pi\" disconnected while running system.run");
    node.exit_code().await;
}

#[tokio::test]
async fn a_node_reconnects_after_the_gateway_restarts() {
    let llm = scripted_model().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let env = gateway_env(llm, &format!("127.0.0.1:{port}"));
    let mut gw = Gateway::start(&env).await;
    let node = paired_node(&gw, &env, "{}").await;
    assert_eq!(gw.terminate().await, 0);
    drop(gw);
    let gw = Gateway::start(&env).await;
    eventually("pi back after the restart", async || connected(&gw, "pi").await).await;
    let out = env.ok(&["node", "invoke", "pi", "notify", r#"{"text": "back again"}"#]);
    assert!(out.contains("notification"), "{out}");
    assert!(node.log_text().contains("NOTIFY openclaw: back again"), "{}", node.log_text());
    assert!(node.log_text().contains("retrying in"), "{}", node.log_text());
}

#[tokio::test]
async fn a_second_machine_is_paired_in_two_commands() {
    let llm = scripted_model().await;
    let env = gateway_env(llm, "127.0.0.1:0");
    let gw = Gateway::start(&env).await;
    let node = Env::new();
    let url = gw.url.replacen("http://", "ws://", 1);
    // 1: on the node, `node run` detaches and prints what to run on the gateway.
    let out = node.ok(&["node", "run", "--gateway", &url, "--name", "pi"]);
    let status: Value = serde_json::from_str(&node.read("node/status.json")).expect("status");
    let pid = status["pid"].as_i64().expect("pid") as i32;
    struct Kill(i32);
    impl Drop for Kill {
        fn drop(&mut self) {
            // SAFETY: signals the node process this test started.
            unsafe { libc::kill(self.0, libc::SIGTERM) };
        }
    }
    let _kill = Kill(pid);
    let approve = out.lines().find_map(|l| l.trim().strip_prefix("on the gateway, run: ")).expect(&out);
    assert!(out.starts_with(&format!("node pi is waiting to be paired (pid {pid})\n")), "{out}");
    // 2: on the gateway, the printed command.
    let args: Vec<&str> = approve.split_whitespace().skip(1).collect();
    env.ok(&args);
    eventually("pi connected", async || connected(&gw, "pi").await).await;
    use std::os::unix::fs::PermissionsExt;
    let log = node.home.join("logs/node.log");
    assert_eq!(std::fs::metadata(&log).expect("log").permissions().mode() & 0o777, 0o600);
    // A second `node run` on the same home is refused.
    let again = node.fails(&["node", "run", "--gateway", &url], 1);
    assert!(again.contains(&format!("a node already runs on this home (pid {pid})")), "{again}");
}

#[test]
fn a_bad_node_policy_or_address_is_refused_before_connecting() {
    let env = Env::new();
    env.write("gateway.json5", "{ node: { capabilities: { shell: true } } }\n");
    let err = env.fails(&["node", "run", "--gateway", "ws://127.0.0.1:9", "--foreground"], 1);
    assert!(err.contains("gateway.json5:1:27: node.capabilities: unknown capability \"shell\""), "{err}");
    env.write("gateway.json5", "{}\n");
    let err = env.fails(&["node", "run", "--gateway", "http://example.com"], 2);
    assert!(err.contains("\"http://example.com\" is not a ws:// or wss:// URL"), "{err}");
    let err = env.fails(&["node", "run", "--gateway", "ws://127.0.0.1:9", "--name", "My Laptop"], 2);
    assert!(err.contains("\"My Laptop\" is not a valid node name"), "{err}");
    let err = env.fails(&["node", "run"], 2);
    assert!(err.contains("--gateway ws://HOST:PORT is required"), "{err}");
}
