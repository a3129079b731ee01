//! Benchmarks behind `scripts/bench-mcp.sh` (ignored in the normal run):
//! - the latency an MCP tool call over stdio adds beyond the server's own time: the same call
//!   (`echo` of the reference server) through openclaw's tool path (hub → client → pipe →
//!   result rendered for the model) against a bare client that writes the JSON-RPC line to the
//!   server's stdin and reads the answer line (server time + pipe, nothing else);
//! - the gateway's RSS (its own process, not the servers') with three stdio servers connected,
//!   next to the same gateway without them.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::gateway::{Gateway, eventually};
use crate::*;

const CALLS: usize = 2000;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn p99(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() * 99 / 100]
}

/// Round trips of `echo` with a bare line-in/line-out client.
fn bare_calls(node: &std::path::Path, js: &std::path::Path) -> Vec<Duration> {
    let mut child = Command::new(node)
        .arg(js)
        .arg("stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let mut send = |msg: serde_json::Value, expect_reply: bool, line: &mut String| {
        writeln!(stdin, "{msg}").unwrap();
        stdin.flush().unwrap();
        if expect_reply {
            loop {
                line.clear();
                stdout.read_line(line).unwrap();
                if line.contains("\"id\"") {
                    break;
                }
            }
        }
    };
    send(
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
            "capabilities": {}, "clientInfo": {"name": "bench", "version": "0"}}}),
        true,
        &mut line,
    );
    send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}), false, &mut line);
    let mut times = Vec::with_capacity(CALLS);
    for i in 0..CALLS + 200 {
        let msg = json!({"jsonrpc": "2.0", "id": i + 1, "method": "tools/call",
            "params": {"name": "echo", "arguments": {"message": "ping"}}});
        let t = Instant::now();
        send(msg, true, &mut line);
        if i >= 200 {
            times.push(t.elapsed());
        }
    }
    assert!(line.contains("Echo: ping"), "{line}");
    let _ = child.kill();
    let _ = child.wait();
    times
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: scripts/bench-mcp.sh"]
async fn bench_mcp_stdio_call_latency() {
    let Some((node, js)) = everything() else { return };
    let (n, j) = (node.clone(), js.clone());
    let bare = tokio::task::spawn_blocking(move || bare_calls(&n, &j)).await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let home = openclaw::home::Home::new(dir.path());
    std::fs::create_dir_all(home.workspace("main")).unwrap();
    let text = format!("{{ mcp: {{ servers: {{ everything: {} }} }} }}", everything_stdio(&node, &js));
    let config = openclaw::config::parse(std::path::Path::new("gateway.json5"), &text).unwrap().config;
    let hub = openclaw::mcp::Hub::quiet(home.clone());
    let tools = hub.tools_for(&config, "main").await;
    let echo = tools.iter().find(|t| t.name() == "everything__echo").unwrap().clone();
    let ctx = openclaw::tool::ToolContext::new(&home, "main", Arc::new(config.agents["main"].clone()));
    let mut ours = Vec::with_capacity(CALLS);
    for i in 0..CALLS + 200 {
        let t = Instant::now();
        let r = echo.call(&ctx, json!({"message": "ping"})).await;
        if i >= 200 {
            ours.push(t.elapsed());
        }
        assert_eq!(r.content, "Echo: ping");
    }
    hub.shutdown().await;
    let (b, o) = (median(bare.clone()), median(ours.clone()));
    println!(
        "MCP stdio tool call (reference server `echo`, {CALLS} calls): bare JSON-RPC client median {:.3} ms (p99 {:.3} ms); \
         openclaw tool path median {:.3} ms (p99 {:.3} ms); added {:.3} ms",
        b.as_secs_f64() * 1e3,
        p99(bare).as_secs_f64() * 1e3,
        o.as_secs_f64() * 1e3,
        p99(ours).as_secs_f64() * 1e3,
        (o.as_secs_f64() - b.as_secs_f64()) * 1e3
    );
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap()
}

#[tokio::test]
#[ignore = "benchmark: scripts/bench-mcp.sh"]
async fn bench_gateway_rss_with_three_stdio_servers() {
    let Some((node, js)) = everything() else { return };
    let mut figures = Vec::new();
    for servers in [0, 3] {
        let env = harness::Env::init();
        let list: Vec<String> =
            (0..servers).map(|i| format!("s{i}: {}", everything_stdio(&node, &js))).collect();
        let config = crate::gateway::config(9, &format!("mcp: {{ servers: {{ {} }} }}", list.join(", ")));
        std::fs::write(env.home.join("gateway.json5"), config).unwrap();
        let gw = Gateway::start(&env).await;
        eventually("servers ready", async || {
            let (_, v) = gw.get("/api/mcp").await;
            let rows = v["servers"].as_array().cloned().unwrap_or_default();
            rows.len() == servers && rows.iter().all(|r| r["state"] == "ready")
        })
        .await;
        // Tools listed through the API, as a turn would.
        let (_, v) = gw.get("/api/mcp/tools").await;
        assert_eq!(v["tools"].as_array().unwrap().len(), servers * 13);
        tokio::time::sleep(Duration::from_millis(500)).await;
        figures.push((servers, rss_kib(gw.pid())));
    }
    for (servers, kib) in &figures {
        println!(
            "gateway RSS with {servers} stdio MCP servers connected: {:.1} MiB (gateway process only)",
            *kib as f64 / 1024.0
        );
    }
}
