//! MCP end to end: the real `openclaw` binary (one-off `send`, the CLI, the gateway) against
//! real MCP servers nobody here wrote — the reference `@modelcontextprotocol/server-everything`
//! (stdio, streamable HTTP and SSE) and a small server on the official Python SDK
//! (`py_server.py`: slow, crashing, list-changing tools) — with a scripted OpenAI-compatible
//! model on 127.0.0.1 that asks for the tool calls.
//!
//! `.ci/run` installs both servers under `target/` (`target/mcp-node`, `target/mcp-venv`); a test
//! that needs one that is missing prints `SKIP: …` and returns.

#[path = "../cli/harness.rs"]
#[allow(dead_code)]
mod harness;

#[path = "../gateway/gateway.rs"]
#[allow(dead_code)]
mod gateway;

#[path = "../provider/server.rs"]
#[allow(dead_code)]
mod server;

mod bench;
mod cli;
mod turns;

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use serde_json::{Value, json};

use server::Reply;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(program)).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .find(|p| p.is_file())
}

/// `node` and the reference server's entry point, or `None` after printing why the test skips.
pub fn everything() -> Option<(PathBuf, PathBuf)> {
    let js =
        root().join("target/mcp-node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    match (which("node"), js.is_file()) {
        (Some(node), true) => Some((node, js)),
        (None, _) => {
            eprintln!("SKIP: node is not installed (.ci/run installs nodejs)");
            None
        }
        (_, false) => {
            eprintln!(
                "SKIP: @modelcontextprotocol/server-everything is not installed under target/mcp-node \
                 (.ci/run installs it: npm ci --prefix target/mcp-node)"
            );
            None
        }
    }
}

/// The venv Python with the official MCP SDK, or `None` after printing why the test skips.
pub fn python() -> Option<PathBuf> {
    let py = root().join("target/mcp-venv/bin/python");
    let ok = py.is_file()
        && std::process::Command::new(&py)
            .args(["-c", "import mcp.server.mcpserver"])
            .output()
            .is_ok_and(|o| o.status.success());
    if ok {
        Some(py)
    } else {
        eprintln!(
            "SKIP: the Python MCP SDK is not installed in target/mcp-venv \
             (.ci/run installs it: python3 -m venv target/mcp-venv && target/mcp-venv/bin/pip install -r tests/mcp/requirements.txt)"
        );
        None
    }
}

/// `mcp.servers` entry for the Python test server.
pub fn py_server(py: &std::path::Path, extra: &str) -> String {
    let script = root().join("tests/mcp/py_server.py");
    format!(
        r#"{{ command: {:?}, args: [{:?}], {extra} }}"#,
        py.display().to_string(),
        script.display().to_string()
    )
}

/// `mcp.servers` entry for the reference server over stdio.
pub fn everything_stdio(node: &std::path::Path, js: &std::path::Path) -> String {
    format!(
        r#"{{ command: {:?}, args: [{:?}, "stdio"] }}"#,
        node.display().to_string(),
        js.display().to_string()
    )
}

/// A streamed model reply asking for one tool call.
pub fn tool_call(id: &str, name: &str, args: Value) -> Reply {
    let ev = [
        chunk(json!({"role": "assistant", "content": null}), None),
        chunk(
            json!({"tool_calls": [{"index": 0, "id": id, "type": "function",
                "function": {"name": name, "arguments": args.to_string()}}]}),
            None,
        ),
        chunk(json!({}), Some("tool_calls")),
        "data: [DONE]\n\n".to_string(),
    ];
    Reply::sse(&ev)
}

/// A streamed model reply saying `text`.
pub fn say(text: &str) -> Reply {
    let ev = [
        chunk(json!({"role": "assistant", "content": text}), None),
        chunk(json!({}), Some("stop")),
        "data: [DONE]\n\n".to_string(),
    ];
    Reply::sse(&ev)
}

fn chunk(delta: Value, finish: Option<&str>) -> String {
    let c = json!({"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-test",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
    format!("data: {c}\n\n")
}

/// A home after `openclaw init` whose model is the scripted server at `base`; `agent` is the
/// body of `agents.main`, `extra` more top-level keys.
pub fn home(base: &str, agent: &str, extra: &str) -> harness::Env {
    let env = harness::Env::init();
    let config = format!(
        r#"{{
  // the scripted model
  models: {{
    default: "openai/gpt-test",
    providers: {{ openai: {{ api: "openai", baseUrl: "{base}/v1", apiKey: "sk-test" }} }},
    retry: {{ maxTries: 1 }},
  }},
  session: {{ reset: {{ timezone: "UTC" }} }},
  agents: {{ main: {{ {agent} }} }},
  gateway: {{ listen: "127.0.0.1:0", shutdownGraceSeconds: 5 }},
  {extra}
}}
"#
    );
    std::fs::write(env.home.join("gateway.json5"), config).unwrap();
    env
}

/// Runs `openclaw <args>` off the test's runtime (the scripted model must keep answering).
pub async fn run(env: &harness::Env, args: &[&str]) -> Output {
    let mut cmd = env.command(args);
    bounded(tokio::task::spawn_blocking(move || cmd.output().unwrap())).await.unwrap()
}

pub async fn bounded<F: std::future::Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(90), f).await.expect("test took longer than 90 s")
}

pub fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The messages of the main session's transcript.
pub fn transcript(env: &harness::Env) -> Vec<Value> {
    let p = env.home.join("agents/main/state/transcripts/agent:main:main.jsonl");
    std::fs::read_to_string(&p)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["type"] == "message")
        .collect()
}

/// The tool-result lines of the main session.
pub fn tool_results(env: &harness::Env) -> Vec<Value> {
    transcript(env).into_iter().filter(|m| m["role"] == "tool").collect()
}

/// Names of the tools offered in a request the model received.
pub fn offered(body: &Value) -> Vec<String> {
    body["tools"]
        .as_array()
        .map(|t| t.iter().filter_map(|t| t["function"]["name"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Whether process `pid` is still alive (and not a zombie).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|s| s.rsplit(')').next().and_then(|r| r.split_whitespace().next()) != Some("Z"))
}

/// Pids the Python server wrote to `starts.log` in `dir`.
pub fn starts(dir: &std::path::Path) -> Vec<u32> {
    std::fs::read_to_string(dir.join("starts.log"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

/// A free port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
