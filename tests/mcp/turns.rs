//! Agent turns that use MCP tools: one-off `openclaw send` and the gateway.

use std::time::Duration;

use serde_json::{Value, json};

use crate::gateway::{Gateway, eventually};
use crate::server::Server;
use crate::*;

#[tokio::test]
async fn a_model_calls_an_mcp_tool_over_stdio_and_the_result_lands_in_the_transcript() {
    let Some((node, js)) = everything() else { return };
    let llm = Server::start(vec![
        tool_call("c1", "everything__echo", json!({"message": "hi from the model"})),
        say("The server said hi back."),
    ])
    .await;
    let env = home(
        &llm.base,
        "",
        &format!("mcp: {{ servers: {{ everything: {} }} }}", everything_stdio(&node, &js)),
    );
    let out = run(&env, &["send", "use the echo tool"]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("The server said hi back."));

    let results = tool_results(&env);
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(results[0]["name"], "everything__echo");
    assert_eq!(results[0]["content"], "Echo: hi from the model");
    assert_eq!(results[0]["isError"], false);
    assert_eq!(results[0]["details"]["mcpServer"], "everything");

    let received = llm.received();
    // The first request offered the server's tools with their descriptions and schemas.
    let tools = received[0].body["tools"].as_array().unwrap();
    let echo = tools.iter().find(|t| t["function"]["name"] == "everything__echo").expect("echo offered");
    assert_eq!(echo["function"]["description"], "Echoes back the input string");
    assert_eq!(echo["function"]["parameters"]["properties"]["message"]["type"], "string");
    assert!(offered(&received[0].body).contains(&"read".to_string()), "built-in tools stay");
    // The second request carried the tool's result back to the model.
    let msgs = received[1].body["messages"].as_array().unwrap();
    assert!(
        msgs.iter().any(|m| m["role"] == "tool" && m["content"] == "Echo: hi from the model"),
        "{msgs:?}"
    );
}

#[tokio::test]
async fn a_one_off_turn_runs_the_server_in_the_workspace_with_a_clean_environment_and_stops_it() {
    let Some(py) = python() else { return };
    let llm = Server::start(vec![tool_call("c1", "py__whoami", json!({})), say("done")]).await;
    let extra = format!("mcp: {{ servers: {{ py: {} }} }}", py_server(&py, r#"env: { GREETING: "hallo" }"#));
    let env = home(&llm.base, "", &extra);
    let mut cmd = env.command(&["send", "who are you"]);
    cmd.env("OPENAI_API_KEY", "sk-secret-of-the-gateway").env("GATEWAY_ONLY", "1");
    let out = bounded(tokio::task::spawn_blocking(move || cmd.output().unwrap())).await.unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let results = tool_results(&env);
    let seen: Value = serde_json::from_str(results[0]["content"].as_str().unwrap()).unwrap();
    let workspace = env.home.join("agents/main/workspace").canonicalize().unwrap();
    assert_eq!(seen["cwd"], workspace.display().to_string());
    let names: Vec<&str> = seen["env"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(names.contains(&"GREETING") && names.contains(&"PATH"), "{names:?}");
    assert!(!names.contains(&"OPENAI_API_KEY") && !names.contains(&"GATEWAY_ONLY"), "leaked: {names:?}");
    // The server was started for the turn and is gone after it.
    let pids = starts(&workspace);
    assert_eq!(pids.len(), 1);
    assert!(!alive(pids[0]), "the MCP server (pid {}) outlived `openclaw send`", pids[0]);
}

#[tokio::test]
async fn allow_deny_and_tool_filter_apply_to_mcp_tools() {
    let Some(py) = python() else { return };
    let llm = Server::start(vec![tool_call("c1", "py__crash", json!({})), say("could not")]).await;
    let extra =
        format!("mcp: {{ servers: {{ py: {} }} }}", py_server(&py, r#"toolFilter: { exclude: ["grow"] }"#));
    let env = home(&llm.base, r#"tools: { deny: ["py__crash", "py__s*"] }"#, &extra);
    let out = run(&env, &["mcp", "tools", "--json"]).await;
    assert!(out.status.success(), "{}", text(&out));
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = listed.iter().filter_map(|t| t["name"].as_str()).collect();
    assert_eq!(names, ["py__hello", "py__exit_soon", "py__fail", "py__whoami"]);

    let out = run(&env, &["send", "crash it"]).await;
    assert!(out.status.success(), "{}", text(&out));
    let offered = offered(&llm.received()[0].body);
    assert!(offered.contains(&"py__hello".to_string()), "{offered:?}");
    for gone in ["py__crash", "py__slow", "py__grow"] {
        assert!(!offered.contains(&gone.to_string()), "{gone} offered: {offered:?}");
    }
    let results = tool_results(&env);
    assert_eq!(results[0]["isError"], true);
    assert!(results[0]["content"].as_str().unwrap().contains("unknown or disallowed tool \"py__crash\""));
    // The denied tool never reached the server: it was started once and never crashed.
    assert_eq!(
        starts(&env.home.join("agents/main/workspace")).len(),
        2,
        "one start for `mcp tools`, one for the turn, no crash"
    );
}

#[tokio::test]
async fn a_server_that_is_down_is_explained_and_the_agent_keeps_its_other_tools() {
    let Some(py) = python() else { return };
    let llm =
        Server::start(vec![tool_call("c1", "read", json!({"path": "AGENTS.md"})), say("read it")]).await;
    let extra = format!(
        r#"mcp: {{ servers: {{
            missing: {{ command: "/nonexistent/mcp-server" }},
            broken: {{ command: {:?}, args: ["-c", "import sys; sys.stderr.write('boom: FOO_API_KEY is not set\\n'); sys.exit(2)"] }},
            slow: {{ command: "sleep", args: ["30"], connectionTimeoutMs: 700 }},
        }} }}"#,
        py.display().to_string()
    );
    let env = home(&llm.base, "", &extra);
    let out = run(&env, &["mcp", "ls", "--json"]).await;
    assert!(out.status.success(), "{}", text(&out));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let row = |name: &str| rows.iter().find(|r| r["server"] == name).unwrap().clone();
    assert_eq!(row("missing")["state"], "failing");
    assert!(
        row("missing")["lastError"].as_str().unwrap().contains("cannot start \"/nonexistent/mcp-server\"")
    );
    assert_eq!(row("broken")["state"], "failing");
    assert!(
        row("broken")["lastError"].as_str().unwrap().contains("boom: FOO_API_KEY is not set"),
        "{rows:?}"
    );
    assert!(row("slow")["lastError"].as_str().unwrap().contains("timed out after 700 ms"), "{rows:?}");

    let out = run(&env, &["mcp", "ls"]).await;
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("SERVER") && table.contains("boom: FOO_API_KEY is not set"), "{table}");

    let out = run(&env, &["doctor"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("MCP server broken (agent main) is failing"), "{}", text(&out));

    let out = run(&env, &["send", "read AGENTS.md"]).await;
    assert!(out.status.success(), "{}", text(&out));
    let results = tool_results(&env);
    assert_eq!(results[0]["name"], "read");
    assert_eq!(results[0]["isError"], false);
}

#[tokio::test]
async fn a_slow_call_times_out_and_the_model_is_told() {
    let Some(py) = python() else { return };
    let llm = Server::start(vec![
        tool_call("c1", "py__slow", json!({"seconds": 10})),
        tool_call("c2", "py__fail", json!({})),
        say("both failed"),
    ])
    .await;
    let extra = format!("mcp: {{ servers: {{ py: {} }} }}", py_server(&py, "requestTimeoutMs: 800"));
    let env = home(&llm.base, "", &extra);
    let started = std::time::Instant::now();
    let out = run(&env, &["send", "be slow"]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(started.elapsed() < Duration::from_secs(9), "the call was not cut off: {:?}", started.elapsed());
    let results = tool_results(&env);
    assert_eq!(results[0]["isError"], true);
    assert_eq!(results[0]["content"], "MCP server \"py\": tools/call timed out after 800 ms");
    // A tool that raises comes back as the server's isError result, in the server's words.
    assert_eq!(results[1]["isError"], true);
    assert_eq!(results[1]["content"], "Error executing tool fail");
}

#[tokio::test]
async fn a_server_found_dead_is_restarted_once_for_the_call_or_the_model_is_told_why() {
    let Some(py) = python() else { return };
    for (env_extra, want_ok) in [("", true), (r#"env: { ONE_LIFE: "1" }"#, false)] {
        let llm = Server::start(vec![
            tool_call("c1", "py__exit_soon", json!({})),
            // The model takes a while; the server has died in the meantime.
            tool_call("c2", "py__hello", json!({"name": "after"})).gap(Duration::from_millis(400)),
            say("done"),
        ])
        .await;
        let extra = format!("mcp: {{ servers: {{ py: {} }} }}", py_server(&py, env_extra));
        let env = home(&llm.base, "", &extra);
        let out = run(&env, &["send", "exit, then hello"]).await;
        assert!(out.status.success(), "{}", text(&out));
        let results = tool_results(&env);
        assert_eq!(results[0]["content"], "bye");
        let starts = starts(&env.home.join("agents/main/workspace"));
        if want_ok {
            assert_eq!(results[1]["content"], "hello after", "{results:?}");
            assert_eq!(starts.len(), 2);
        } else {
            assert_eq!(results[1]["isError"], true);
            let msg = results[1]["content"].as_str().unwrap();
            assert!(msg.starts_with("MCP server \"py\" is not running and did not restart:"), "{msg}");
            assert!(msg.contains("refusing a second life"), "{msg}");
            assert_eq!(starts.len(), 1);
        }
    }
}

fn gateway_config(llm: &Server, mcp: &str) -> String {
    let port: u16 = llm.base.rsplit(':').next().unwrap().parse().unwrap();
    crate::gateway::config(port, &format!("mcp: {{ servers: {{ {mcp} }} }}"))
}

async fn turn(gw: &Gateway, text: &str) -> Value {
    let (status, body) = gw.post("/api/send", json!({"session": "agent:main:main", "text": text})).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

#[tokio::test]
async fn in_the_gateway_a_crash_mid_call_is_reported_and_the_server_restarts() {
    let Some(py) = python() else { return };
    let llm = Server::start(vec![
        tool_call("c1", "py__crash", json!({})),
        say("it crashed"),
        tool_call("c2", "py__hello", json!({"name": "again"})),
        say("back"),
    ])
    .await;
    let env = harness::Env::init();
    std::fs::write(
        env.home.join("gateway.json5"),
        gateway_config(&llm, &format!("py: {}", py_server(&py, ""))),
    )
    .unwrap();
    let gw = Gateway::start(&env).await;
    let workspace = env.home.join("agents/main/workspace");
    eventually("the server to start", async || starts(&workspace).len() == 1).await;
    let first = starts(&workspace)[0];

    turn(&gw, "crash").await;
    let results = tool_results(&env);
    assert_eq!(results[0]["isError"], true);
    let msg = results[0]["content"].as_str().unwrap();
    assert!(msg.starts_with("MCP server \"py\" stopped during the call"), "{msg}");
    assert!(msg.contains("the call did not complete"), "{msg}");

    eventually("a restart", async || {
        let (_, v) = gw.get("/api/mcp").await;
        v["servers"][0]["state"] == "ready" && v["servers"][0]["restarts"].as_u64() >= Some(1)
    })
    .await;
    assert!(!alive(first));
    turn(&gw, "say hello").await;
    let results = tool_results(&env);
    assert_eq!(results[1]["content"], "hello again");
    assert_eq!(results[1]["isError"], false);
    // Its stderr and lifecycle are in the gateway log under its name.
    assert!(gw.log_text().contains("mcp py: stopped unexpectedly: the server exited"), "{}", gw.log_text());
}

#[tokio::test]
async fn in_the_gateway_a_tool_list_change_is_seen_without_a_restart_and_reloads_touch_only_changed_servers()
{
    let Some(py) = python() else { return };
    let llm = Server::start(vec![tool_call("c1", "py__grow", json!({})), say("grown"), say("ok")]).await;
    let env = harness::Env::init();
    let workspace = env.home.join("agents/main/workspace");
    std::fs::create_dir_all(workspace.join("a")).unwrap();
    std::fs::create_dir_all(workspace.join("b")).unwrap();
    let servers = |b_env: &str| {
        format!(
            "py: {}, other: {}",
            py_server(&py, r#"cwd: "a""#),
            py_server(&py, &format!(r#"cwd: "b", {b_env}"#))
        )
    };
    std::fs::write(env.home.join("gateway.json5"), gateway_config(&llm, &servers(""))).unwrap();
    let gw = Gateway::start(&env).await;
    eventually("both servers", async || {
        starts(&workspace.join("a")).len() == 1 && starts(&workspace.join("b")).len() == 1
    })
    .await;
    let tools = async || -> Vec<String> {
        let (_, v) = gw.get("/api/mcp/tools").await;
        v["tools"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_string()).collect()
    };
    assert!(!tools().await.contains(&"py__extra".to_string()));
    turn(&gw, "grow").await;
    eventually("the new tool", async || tools().await.contains(&"py__extra".to_string())).await;
    turn(&gw, "anything new?").await;
    let last = llm.received().last().unwrap().body.clone();
    assert!(offered(&last).contains(&"py__extra".to_string()), "{:?}", offered(&last));

    // A reload restarts the server whose settings changed, and only that one.
    std::fs::write(env.home.join("gateway.json5"), gateway_config(&llm, &servers(r#"env: { MODE: "2" }"#)))
        .unwrap();
    eventually("other restarted", async || starts(&workspace.join("b")).len() == 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(starts(&workspace.join("a")).len(), 1, "an unchanged server was restarted");
    let a_pid = starts(&workspace.join("a"))[0];
    assert!(alive(a_pid));
    // Removing a server stops it.
    let b_pid = starts(&workspace.join("b"))[1];
    std::fs::write(
        env.home.join("gateway.json5"),
        gateway_config(&llm, &format!("py: {}", py_server(&py, r#"cwd: "a""#))),
    )
    .unwrap();
    eventually("other stopped", async || !alive(b_pid)).await;
    // Shutdown stops the rest.
    let mut gw = gw;
    assert_eq!(gw.terminate().await, 0);
    eventually("py stopped", async || !alive(a_pid)).await;
}

#[tokio::test]
async fn the_reference_server_over_streamable_http_and_sse() {
    let Some((node, js)) = everything() else { return };
    let mut children = Vec::new();
    let mut urls = Vec::new();
    for (mode, path) in [("streamableHttp", "/mcp"), ("sse", "/sse")] {
        let port = free_port();
        let child = std::process::Command::new(&node)
            .arg(&js)
            .arg(mode)
            .env("PORT", port.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        children.push(Kill(child));
        urls.push(format!("http://127.0.0.1:{port}{path}"));
    }
    for url in &urls {
        let port = url.split(':').nth(2).unwrap().split('/').next().unwrap().to_string();
        eventually("the server to listen", async || {
            std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_ok()
        })
        .await;
    }
    let llm = Server::start(vec![
        tool_call("c1", "http__get-sum", json!({"a": 2, "b": 40})),
        tool_call("c2", "legacy__echo", json!({"message": "over sse"})),
        say("done"),
    ])
    .await;
    let extra = format!(
        r#"mcp: {{ servers: {{
            http: {{ url: "{}", transport: "streamable-http", headers: {{ "X-Test": "1" }} }},
            legacy: {{ url: "{}", transport: "sse" }},
        }} }}"#,
        urls[0], urls[1]
    );
    let env = home(&llm.base, "", &extra);
    for name in ["http", "legacy"] {
        let out = run(&env, &["mcp", "probe", name, "--json"]).await;
        assert!(out.status.success(), "{}", text(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["serverInfo"]["name"], "mcp-servers/everything");
        assert!(v["tools"].as_array().unwrap().iter().any(|t| t == "echo"));
    }
    let out = run(&env, &["send", "add and echo"]).await;
    assert!(out.status.success(), "{}", text(&out));
    let results = tool_results(&env);
    assert_eq!(results[0]["content"], "The sum of 2 and 40 is 42.");
    assert_eq!(results[1]["content"], "Echo: over sse");
}

struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
