//! Whole agent turns through the real `openclaw send` binary against scripted model servers on
//! 127.0.0.1: streaming, tool calls, failover, broken streams, resets, chat commands and
//! compaction, checked in the transcript and sessions.json a user would look at.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

use crate::openai::{DONE, chunk, streamed, usage};
use crate::server::{Reply, Server};

/// A home after `openclaw init`, with `models` pointing at the servers.
struct Home {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Home {
    fn new(openai_base: &str, extra: &str) -> Home {
        Self::with_models(
            &format!(
                r#"default: "openai/gpt-test",
                providers: {{ openai: {{ api: "openai", baseUrl: "{openai_base}/v1", apiKey: "sk-test" }} }},"#
            ),
            extra,
        )
    }

    fn with_models(models: &str, extra: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("home");
        let home = Home { _dir: dir, path };
        let out = home.cmd(&["init"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let config = format!(
            r#"{{
  models: {{ {models}
    retry: {{ maxTries: 2, baseDelayMs: 1 }},
    timeouts: {{ idleSeconds: 3, requestSeconds: 20 }},
  }},
  session: {{ reset: {{ timezone: "UTC" }} }},
  agents: {{ main: {{ tools: {{ exec: {{ security: "full" }} }} }} }},
  {extra}
}}"#
        );
        std::fs::write(home.path.join("gateway.json5"), config).unwrap();
        home
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_openclaw"));
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .arg("--home")
            .arg(&self.path)
            .args(args)
            .stdin(Stdio::null());
        c
    }

    /// Runs `openclaw <args>` without blocking the servers' runtime.
    async fn run(&self, args: &[&str]) -> Output {
        let mut cmd = self.cmd(args);
        crate::bounded(tokio::task::spawn_blocking(move || cmd.output().unwrap())).await.unwrap()
    }

    /// Puts `session` in place of the config's session section and writes six earlier messages
    /// of about `size` bytes each into the main session; returns the transcript's path.
    fn long_conversation(&self, session: &str, size: usize) -> PathBuf {
        let cfg = std::fs::read_to_string(self.path.join("gateway.json5")).unwrap();
        let changed = cfg.replace("session: { reset: { timezone: \"UTC\" } },", session);
        assert_ne!(cfg, changed);
        std::fs::write(self.path.join("gateway.json5"), changed).unwrap();
        let t = self.path.join("agents/main/state/transcripts/agent:main:main.jsonl");
        std::fs::create_dir_all(t.parent().unwrap()).unwrap();
        let mut text = String::new();
        for i in 0..6 {
            let role = if i % 2 == 0 { "user" } else { "assistant" };
            let line = json!({"type": "message", "id": format!("m{i}"), "ts": "2026-11-24T00:00:00.000Z",
                "role": role, "content": format!("tea question {i} {}", "x".repeat(size))});
            text.push_str(&format!("{line}\n"));
        }
        std::fs::write(&t, text).unwrap();
        t
    }

    fn workspace(&self) -> PathBuf {
        self.path.join("agents/main/workspace")
    }

    fn transcript(&self, key: &str) -> Vec<Value> {
        let p = self.path.join(format!("agents/main/state/transcripts/{key}.jsonl"));
        read_lines(&p)
    }

    fn entry(&self, key: &str) -> Value {
        let text = std::fs::read_to_string(self.path.join("agents/main/state/sessions.json")).unwrap();
        let store: Value = serde_json::from_str(&text).unwrap();
        store[key].clone()
    }
}

fn read_lines(p: &Path) -> Vec<Value> {
    std::fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("unparsable transcript line {l:?}: {e}")))
        .collect()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The `role` (or `type` for non-messages) of each transcript line.
fn shape(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| match l["type"].as_str() {
            Some("message") => l["role"].as_str().unwrap_or("?").to_string(),
            Some(t) => t.to_string(),
            None => "?".into(),
        })
        .collect()
}

/// A streamed reply that calls tools: `(index, id, name, argument fragments)`.
fn tool_calls(calls: &[(u64, &str, &str, &[&str])]) -> Reply {
    let mut ev = vec![chunk(json!({"role": "assistant", "content": null}), None)];
    for (index, id, name, parts) in calls {
        ev.push(chunk(
            json!({"tool_calls": [{"index": index, "id": id, "type": "function",
                "function": {"name": name, "arguments": ""}}]}),
            None,
        ));
        for part in *parts {
            ev.push(chunk(json!({"tool_calls": [{"index": index, "function": {"arguments": part}}]}), None));
        }
    }
    ev.push(chunk(json!({}), Some("tool_calls")));
    ev.push(usage(40, 20));
    ev.push(DONE.into());
    Reply::sse(&ev)
}

#[tokio::test]
async fn send_streams_the_reply_and_records_transcript_and_session() {
    let server = Server::start(vec![streamed(&["Hel", "lo", " there"])]).await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "hi"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Hello there\n");

    let lines = home.transcript("agent:main:main");
    assert_eq!(shape(&lines), ["session", "user", "assistant"]);
    assert_eq!(lines[1]["content"], "hi");
    assert_eq!(lines[2]["content"], "Hello there");
    assert_eq!(lines[2]["model"], "openai/gpt-test");
    assert_eq!(lines[2]["usage"], json!({"input": 12, "output": 5}));
    let entry = home.entry("agent:main:main");
    assert_eq!((entry["messageCount"].as_u64(), entry["inputTokens"].as_u64()), (Some(2), Some(12)));
    assert_eq!(entry["sessionId"], lines[0]["id"]);

    let req = server.only();
    let system = req.body["messages"][0]["content"].as_str().unwrap();
    // What changes from turn to turn (the time, the channel) comes last, after everything a
    // prompt cache can reuse.
    assert!(system.starts_with("## Tools\n"), "{system}");
    let last = system.trim_end().lines().last().unwrap();
    assert!(last.starts_with("Runtime: agent main · model openai/gpt-test · channel cli"), "{system}");
    assert!(system.contains("## AGENTS.md") && system.contains("## MEMORY.md"), "{system}");
    assert_eq!(req.body["messages"][1], json!({"role": "user", "content": "hi"}));
    let tools: Vec<&str> = req.body["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["function"]["name"].as_str().unwrap())
        .collect();
    for t in ["read", "write", "edit", "exec", "memory_search", "memory_get", "memory_append"] {
        assert!(tools.contains(&t), "{t} offered: {tools:?}");
    }
    let bytes = req.body.to_string().len();
    assert!(bytes < 15_000, "a hi turn sends {bytes} bytes");
}

#[tokio::test]
async fn json_output_and_stdin() {
    let server = Server::start(vec![streamed(&["pong"])]).await;
    let home = Home::new(&server.base, "");
    let mut cmd = home.cmd(&["--json", "send", "-"]);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let out = crate::bounded(tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(b"ping\n").unwrap();
        child.wait_with_output().unwrap()
    }))
    .await
    .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["reply"], "pong");
    assert_eq!(doc["sessionKey"], "agent:main:main");
    assert_eq!(doc["model"], "openai/gpt-test");
    assert_eq!(doc["usage"], json!({"input": 12, "output": 5}));
    assert_eq!(server.only().body["messages"][1]["content"], "ping");
}

#[tokio::test]
async fn a_tool_call_with_streamed_argument_deltas_runs_in_the_workspace() {
    let server = Server::start(vec![
        tool_calls(&[(
            0,
            "call_1",
            "write",
            &["{\"pa", "th\":\"notes", ".txt\",\"con", "tent\":\"buy milk\"}"],
        )]),
        streamed(&["Saved."]),
    ])
    .await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "note: buy milk"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Saved.\n");
    assert_eq!(std::fs::read_to_string(home.workspace().join("notes.txt")).unwrap(), "buy milk");

    let lines = home.transcript("agent:main:main");
    assert_eq!(shape(&lines), ["session", "user", "assistant", "tool", "assistant"]);
    assert_eq!(lines[2]["toolCalls"][0]["name"], "write");
    assert_eq!(lines[2]["toolCalls"][0]["arguments"], json!({"path": "notes.txt", "content": "buy milk"}));
    assert_eq!(lines[3]["toolCallId"], "call_1");
    assert_eq!(lines[3]["isError"], false);
    let second = &server.received()[1].body["messages"];
    let tool_msg = second.as_array().unwrap().iter().find(|m| m["role"] == "tool").unwrap();
    assert_eq!(tool_msg["tool_call_id"], "call_1");
    assert_eq!(home.entry("agent:main:main")["messageCount"], 4);
}

#[tokio::test]
async fn two_parallel_tool_calls_both_run_and_are_answered_in_order() {
    let server = Server::start(vec![
        tool_calls(&[
            (0, "c_a", "write", &["{\"path\":\"a.txt\",", "\"content\":\"A\"}"]),
            (1, "c_b", "exec", &["{\"command\":", "\"echo B > b.txt\"}"]),
        ]),
        streamed(&["Both done."]),
    ])
    .await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "make two files"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(home.workspace().join("a.txt")).unwrap(), "A");
    assert_eq!(std::fs::read_to_string(home.workspace().join("b.txt")).unwrap(), "B\n");
    let lines = home.transcript("agent:main:main");
    assert_eq!(shape(&lines), ["session", "user", "assistant", "tool", "tool", "assistant"]);
    assert_eq!(
        (lines[3]["toolCallId"].as_str(), lines[4]["toolCallId"].as_str()),
        (Some("c_a"), Some("c_b"))
    );
}

#[tokio::test]
async fn a_tool_call_trying_to_escape_the_workspace_is_refused_and_the_model_is_told() {
    let server = Server::start(vec![
        tool_calls(&[(0, "c1", "read", &["{\"path\":\"../../../gateway.json5\"}"])]),
        streamed(&["I cannot read that."]),
    ])
    .await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "show me your config"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = home.transcript("agent:main:main");
    assert_eq!(lines[3]["isError"], true);
    assert!(lines[3]["content"].as_str().unwrap().contains("must stay inside the workspace"), "{}", lines[3]);
    assert!(!lines[3]["content"].as_str().unwrap().contains("apiKey"));
}

#[tokio::test]
async fn an_agent_added_by_editing_the_config_gets_its_workspace_on_its_first_turn() {
    let server = Server::start(vec![
        tool_calls(&[(0, "c1", "read", &["{\"path\":\"AGENTS.md\"}"])]),
        streamed(&["Read it."]),
    ])
    .await;
    let home = Home::new(&server.base, "");
    let cfg = std::fs::read_to_string(home.path.join("gateway.json5")).unwrap();
    std::fs::write(
        home.path.join("gateway.json5"),
        cfg.replace("agents: { main:", "agents: { ops: {}, main:"),
    )
    .unwrap();
    assert!(!home.path.join("agents/ops").exists());
    let out = home.run(&["send", "--agent", "ops", "read AGENTS.md"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let workspace = home.path.join("agents/ops/workspace");
    for file in ["AGENTS.md", "SOUL.md", "IDENTITY.md", "BOOTSTRAP.md"] {
        assert!(workspace.join(file).is_file(), "{file} missing");
    }
    let lines = read_lines(&home.path.join("agents/ops/state/transcripts/agent:ops:main.jsonl"));
    let result = lines.iter().find(|l| l["role"] == "tool").expect("a tool result");
    assert_eq!(result["isError"], false, "{result}");
    // Its first turn is a first run: the bootstrap is in the prompt, as after `agent new`.
    let first = server.received()[0].body.to_string();
    assert!(first.contains("BOOTSTRAP.md"), "{first}");
}

#[tokio::test]
async fn a_500_on_the_primary_fails_over_to_the_anthropic_fallback() {
    let primary = Server::start(vec![
        Reply::json(500, json!({"error": {"message": "boom"}})),
        Reply::json(500, json!({"error": {"message": "boom"}})),
    ])
    .await;
    let fallback = Server::start(vec![crate::anthropic::streamed(&["From", " Claude"])]).await;
    let models = format!(
        r#"default: "openai/gpt-test", fallbacks: ["anthropic/claude-test"],
        providers: {{
          openai: {{ api: "openai", baseUrl: "{}/v1", apiKey: "sk-test" }},
          anthropic: {{ api: "anthropic", baseUrl: "{}", apiKey: "sk-ant" }},
        }},"#,
        primary.base, fallback.base
    );
    let home = Home::with_models(&models, "");
    let out = home.run(&["send", "hi"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "From Claude\n");
    assert_eq!(primary.received().len(), 2, "retried once (maxTries 2)");
    let lines = home.transcript("agent:main:main");
    assert_eq!(lines[2]["model"], "anthropic/claude-test");
    assert_eq!(home.entry("agent:main:main")["model"], "anthropic/claude-test");
}

#[tokio::test]
async fn a_429_is_retried_then_succeeds() {
    let server = Server::start(vec![
        Reply::json(429, json!({"error": {"message": "slow down"}})).header("retry-after", "0"),
        streamed(&["ok"]),
    ])
    .await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "hi"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "ok\n");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_stream_dropped_mid_reply_fails_clearly_and_the_transcript_keeps_what_came() {
    let reply = Reply::sse(&[
        chunk(json!({"role": "assistant", "content": ""}), None),
        crate::openai::text("Half an ans"),
        crate::openai::text("wer"),
    ])
    .dropped();
    let server = Server::start(vec![reply]).await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "hi"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("Half an answer"), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("error: ") && err.contains("stream ended early"), "{err}");
    let lines = home.transcript("agent:main:main");
    assert_eq!(shape(&lines), ["session", "user", "assistant"]);
    assert_eq!(lines[2]["content"], "Half an answer");
    assert!(lines[2]["error"].as_str().unwrap().contains("stream ended early"));
    assert_eq!(home.entry("agent:main:main")["messageCount"], 2);
}

#[tokio::test]
async fn a_malformed_stream_chunk_is_a_clear_error() {
    let server = Server::start(vec![Reply::sse(&["data: {oops\n\n"])]).await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "hi"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("malformed stream event"), "{}", stderr(&out));
    assert_eq!(shape(&home.transcript("agent:main:main")), ["session", "user"]);
}

#[tokio::test]
async fn a_missing_api_key_names_the_key_to_set() {
    let models = r#"default: "anthropic/claude-test",
        providers: { anthropic: { api: "anthropic", baseUrl: "https://api.anthropic.com" } },"#;
    let home = Home::with_models(models, "");
    let out = home.run(&["send", "hi"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("models.providers.anthropic.apiKey is not set"), "{}", stderr(&out));
    // Used by name, without a providers entry: the variable to set.
    let home = Home::with_models(r#"default: "openai/gpt-4o-mini","#, "");
    let out = home.run(&["send", "hi"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("set OPENAI_API_KEY in the gateway's environment"), "{}", stderr(&out));
}

/// A fresh home with only the usual environment variables set works with no provider entry;
/// a local Anthropic-compatible server needs no key.
#[tokio::test]
async fn well_known_providers_work_by_name_with_their_environment_variables() {
    let server = Server::start(vec![streamed(&["hello from env"])]).await;
    let home = Home::with_models(r#"default: "openai/gpt-test","#, "");
    let mut cmd = home.cmd(&["send", "hi"]);
    cmd.env("OPENAI_API_KEY", "sk-from-env-123").env("OPENAI_BASE_URL", format!("{}/v1", server.base));
    let out = crate::bounded(tokio::task::spawn_blocking(move || cmd.output().unwrap())).await.unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "hello from env\n");
    let got = &server.received()[0];
    assert_eq!(got.headers["authorization"], "Bearer sk-from-env-123");
}

#[tokio::test]
async fn a_stale_session_is_reset_before_the_turn() {
    let server = Server::start(vec![streamed(&["first"]), streamed(&["second"])]).await;
    let home = Home::new(&server.base, "");
    assert!(home.run(&["send", "hello"]).await.status.success());
    let old_id = home.entry("agent:main:main")["sessionId"].clone();
    // Pretend the session started three days ago: the daily boundary has passed since.
    let store_path = home.path.join("agents/main/state/sessions.json");
    let mut store: Value = serde_json::from_str(&std::fs::read_to_string(&store_path).unwrap()).unwrap();
    let three_days_ago = store["agent:main:main"]["sessionStartedAt"].as_i64().unwrap() - 3 * 86_400_000;
    store["agent:main:main"]["sessionStartedAt"] = json!(three_days_ago);
    std::fs::write(&store_path, store.to_string()).unwrap();

    let out = home.run(&["send", "new day"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let entry = home.entry("agent:main:main");
    assert_ne!(entry["sessionId"], old_id);
    assert_eq!(entry["resetReason"], "daily");
    let archive: Vec<_> =
        std::fs::read_dir(home.path.join("agents/main/state/transcripts/archive")).unwrap().collect();
    assert_eq!(archive.len(), 1, "the old transcript is archived, not deleted");
    let second = &server.received()[1].body["messages"];
    assert_eq!(second.as_array().unwrap().len(), 2, "system + the new message only: {second}");
    assert_eq!(shape(&home.transcript("agent:main:main")), ["session", "user", "assistant"]);
}

#[tokio::test]
async fn chat_commands_are_answered_without_the_model() {
    let server = Server::start(vec![streamed(&["ok"])]).await;
    let home = Home::new(&server.base, "");
    let help = home.run(&["send", "/help"]).await;
    assert!(stdout(&help).contains("/compact"), "{}", stdout(&help));
    let status = home.run(&["send", "/status"]).await;
    assert!(stdout(&status).contains("Session agent:main:main"), "{}", stdout(&status));
    assert!(stdout(&status).contains("model openai/gpt-test"), "{}", stdout(&status));
    let set = home.run(&["send", "/model openai/gpt-other"]).await;
    assert_eq!(stdout(&set), "This session now uses openai/gpt-other.\n");
    let bad = home.run(&["send", "/model nope/x"]).await;
    assert!(stdout(&bad).contains("Cannot use nope/x"), "{}", stdout(&bad));
    assert!(server.received().is_empty(), "no command reached the model");

    assert!(home.run(&["send", "hi"]).await.status.success());
    assert_eq!(server.only().body["model"], "gpt-other");
    let old_id = home.entry("agent:main:main")["sessionId"].clone();
    let new = home.run(&["send", "/new"]).await;
    assert!(stdout(&new).starts_with("Started a new session"), "{}", stdout(&new));
    assert_ne!(home.entry("agent:main:main")["sessionId"], old_id);
    assert_eq!(home.entry("agent:main:main")["resetReason"], "manual");
}

#[tokio::test]
async fn compaction_flushes_memory_then_summarises_and_the_turn_goes_on() {
    let server = Server::start(vec![
        // 1. memory flush: the model saves a note, then 2. says it is done.
        tool_calls(&[(0, "m1", "memory_append", &["{\"text\":\"Jonas takes his tea with honey\"}"])]),
        streamed(&["NO_REPLY"]),
        // 3. the summary, 4. the real answer.
        streamed(&["- Jonas asked about tea five times."]),
        streamed(&["Noted."]),
    ])
    .await;
    let extra = "session: { reset: { timezone: \"UTC\" }, compaction: { contextTokens: 2048, threshold: 0.5, keepMessages: 2 } },";
    let home = Home::new(&server.base, "");
    // A session section that compacts early, and an earlier conversation long enough to pass it.
    let t = home.long_conversation(extra, 700);

    let out = home.run(&["send", "and now?"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Noted.\n");
    let got = server.received();
    assert_eq!(got.len(), 4);
    let flush_tools: Vec<&str> = got[0].body["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["function"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(flush_tools, ["memory_append"]);
    let last_system = got[3].body["messages"][0]["content"].as_str().unwrap();
    assert!(
        last_system.contains(
            "## Earlier in this conversation (summary)\n- Jonas asked about tea five times.\n\nRuntime: "
        ),
        "the summary goes before the runtime line: {last_system}"
    );
    assert!(got[3].body["messages"].as_array().unwrap().len() < 8, "older messages left the context");

    let today = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let log = std::fs::read_to_string(home.workspace().join(format!("memory/{today}.md"))).unwrap();
    assert!(log.contains("Jonas takes his tea with honey"), "{log}");
    let lines = read_lines(&t);
    let compaction = lines.iter().find(|l| l["type"] == "compaction").expect("a compaction line");
    assert_eq!(compaction["summary"], "- Jonas asked about tea five times.");
    assert!(compaction["tokensBefore"].as_u64().unwrap() > 1000);
    assert_eq!(lines.iter().filter(|l| l["role"] == "user").count(), 4, "nothing was deleted");
}

#[tokio::test]
async fn two_processes_on_one_session_take_turns() {
    let slow = |w: &str| streamed(&[w, " ", w, " ", w]).gap(std::time::Duration::from_millis(40));
    let server = Server::start(vec![slow("one"), slow("two")]).await;
    let home = Home::new(&server.base, "");
    let (a, b) = tokio::join!(home.run(&["send", "first"]), home.run(&["send", "second"]));
    assert!(a.status.success() && b.status.success(), "{}{}", stderr(&a), stderr(&b));
    let lines = home.transcript("agent:main:main");
    assert_eq!(shape(&lines), ["session", "user", "assistant", "user", "assistant"]);
    // The second turn saw the first turn's whole exchange.
    assert_eq!(server.received()[1].body["messages"].as_array().unwrap().len(), 4);
}

/// A server that repeats secrets in its error: none of this home's secrets reach the screen,
/// not only the key the provider sent.
#[tokio::test]
async fn an_error_that_echoes_secrets_of_the_config_is_printed_without_them() {
    let server = Server::start(vec![Reply::json(
        401,
        json!({"error": {"message": "Bearer sk-test rejected; also seen: 123456:tg-secret-token"}}),
    )])
    .await;
    let home = Home::new(
        &server.base,
        r#"channels: { telegram: { enabled: false, accounts: { default: { botToken: "123456:tg-secret-token" } } } },"#,
    );
    let out = home.run(&["send", "hi"]).await;
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("HTTP 401") && err.contains("***"), "{err}");
    assert!(!err.contains("tg-secret-token") && !err.contains("sk-test"), "{err}");
}

#[tokio::test]
async fn a_session_reset_during_a_turn_waits_and_archives_the_whole_exchange() {
    let slow = streamed(&["a", " ", "slow", " ", "reply"]).gap(std::time::Duration::from_millis(150));
    let server = Server::start(vec![slow]).await;
    let home = Home::new(&server.base, "");
    let turn = tokio::spawn({
        let cmd = home.cmd(&["send", "question"]);
        async move {
            let mut cmd = cmd;
            crate::bounded(tokio::task::spawn_blocking(move || cmd.output().unwrap())).await.unwrap()
        }
    });
    // Reset once the turn has written the user's line and is waiting on the model.
    let live = home.path.join("agents/main/state/transcripts/agent:main:main.jsonl");
    for _ in 0..200 {
        if std::fs::read_to_string(&live).is_ok_and(|t| t.contains("question")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let reset = home.run(&["session", "reset", "agent:main:main"]).await;
    let sent = turn.await.unwrap();
    assert!(sent.status.success() && reset.status.success(), "{}{}", stderr(&sent), stderr(&reset));
    // The reset came after the turn: its archive holds the whole exchange, header first, and no
    // line of the turn went to a new transcript without a header.
    let archive = home.path.join("agents/main/state/transcripts/archive");
    let archived: Vec<PathBuf> = std::fs::read_dir(&archive).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(archived.len(), 1, "{archived:?}");
    assert_eq!(shape(&read_lines(&archived[0])), ["session", "user", "assistant"]);
    assert!(!live.exists() || shape(&read_lines(&live))[0] == "session");
    // And the reset stuck: the entry names a new session, not the archived one.
    let old_id = read_lines(&archived[0])[0]["id"].clone();
    assert_ne!(home.entry("agent:main:main")["sessionId"], old_id);
}

#[tokio::test]
async fn sessions_send_runs_a_turn_in_another_session_and_refuses_its_own() {
    let server = Server::start(vec![
        // Outer turn in agent:main:main: 1. sends to Bob's session and to itself.
        tool_calls(&[
            (
                0,
                "s1",
                "sessions_send",
                &["{\"sessionKey\":\"agent:main:peer:bob\",\"text\":\"ask about lunch\"}"],
            ),
            (1, "s2", "sessions_send", &["{\"sessionKey\":\"agent:main:main\",\"text\":\"loop\"}"]),
        ]),
        // 2. the nested turn in Bob's session answers.
        streamed(&["Bob: noon works"]),
        // 3. the outer turn reads Bob's history, then 4. answers.
        tool_calls(&[(0, "h1", "sessions_history", &["{\"sessionKey\":\"agent:main:peer:bob\"}"])]),
        streamed(&["Lunch at noon."]),
    ])
    .await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "coordinate lunch with bob"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Lunch at noon.\n");

    // Bob's session got the message, marked with where it came from, and the reply.
    let bob = home.transcript("agent:main:peer:bob");
    assert_eq!(shape(&bob), ["session", "user", "assistant"]);
    assert_eq!(bob[1]["content"], "[message from session agent:main:main]\nask about lunch");
    assert_eq!(bob[2]["content"], "Bob: noon works");

    let main = home.transcript("agent:main:main");
    let results: Vec<&Value> = main.iter().filter(|l| l["role"] == "tool").collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["content"], "reply from agent:main:peer:bob:\nBob: noon works");
    assert_eq!(results[0]["isError"], false);
    assert_eq!(results[1]["isError"], true);
    assert!(results[1]["content"].as_str().unwrap().contains("is this session"), "{}", results[1]);
    let history = results[2]["content"].as_str().unwrap();
    assert!(
        history.contains("[user] [message from session agent:main:main]")
            && history.ends_with("[assistant] Bob: noon works"),
        "{history}"
    );
    // The nested model call saw Bob's session, not the outer conversation.
    let got = server.received();
    assert_eq!(got.len(), 4);
    let nested = got[1].body.to_string();
    assert!(nested.contains("ask about lunch") && !nested.contains("coordinate lunch with bob"), "{nested}");
}

/// A [`openclaw::cron::Deliver`] that records what it was asked to send and answers as told.
struct Recorder {
    sent: std::sync::Mutex<Vec<(String, String, String)>>,
    fail: Option<String>,
}

impl openclaw::cron::Deliver for Recorder {
    fn deliver<'a>(
        &'a self,
        channel: &'a str,
        peer: &'a str,
        text: &'a str,
    ) -> openclaw::cron::DeliverFuture<'a> {
        self.sent.lock().unwrap().push((channel.into(), peer.into(), text.into()));
        let result = match &self.fail {
            Some(e) => Err(openclaw::cron::DeliveryError::Failed(e.clone())),
            None => Ok("msg-77".to_string()),
        };
        Box::pin(async move { result })
    }
}

#[tokio::test]
async fn a_cron_job_run_delivers_its_reply_and_a_failed_delivery_backs_off() {
    use openclaw::cron::{self, Action, Job, Schedule, SessionTarget, Status};
    let server = Server::start(vec![streamed(&["Briefing: ", "two meetings."]), streamed(&["Again."])]).await;
    let home = Home::new(&server.base, "");
    let text = std::fs::read_to_string(home.path.join("gateway.json5")).unwrap();
    let config = openclaw::config::parse(&home.path.join("gateway.json5"), &text).unwrap().config;
    let options = openclaw::provider::Options::from_config(&config.models);
    let oc_home = openclaw::home::Home::new(&home.path);
    let rt = openclaw::agent::turn::Runtime::new(oc_home.clone(), config, options).unwrap();
    let now = jiff::Timestamp::now();
    let job = cron::add(
        &oc_home,
        Job {
            id: String::new(),
            name: "Briefing".into(),
            agent: "main".into(),
            schedule: Schedule::Cron { expr: "0 8 * * mon-fri".into(), tz: "Europe/Amsterdam".into() },
            action: Action::Message { message: "Brief me".into() },
            session: SessionTarget::Isolated,
            deliver: Some("telegram:123456789".into()),
            enabled: true,
            created_at: now,
            last_run_at: None,
            last_status: None,
            next_run_at: Some(now),
            failures: 0,
            backoff_until: None,
        },
    )
    .unwrap();
    assert_eq!(cron::due(&oc_home, now).unwrap().len(), 1);

    let ok = Recorder { sent: Default::default(), fail: None };
    let record = crate::bounded(cron::run_job(&rt, &job, now, &ok)).await.unwrap();
    assert_eq!(record.status, Status::Ok, "{record:?}");
    assert_eq!(
        ok.sent.lock().unwrap().as_slice(),
        &[("telegram".to_string(), "123456789".to_string(), "Briefing: two meetings.".to_string())]
    );
    let delivery = record.delivery.clone().unwrap();
    assert_eq!((delivery.status.as_str(), delivery.detail.as_str()), ("sent", "msg-77"));
    assert!(cron::due(&oc_home, jiff::Timestamp::now()).unwrap().is_empty(), "next run is a weekday 08:00");

    let failing = Recorder { sent: Default::default(), fail: Some("chat not found".into()) };
    let record = crate::bounded(cron::run_job(&rt, &job, jiff::Timestamp::now(), &failing)).await.unwrap();
    assert_eq!(record.status, Status::Error);
    assert_eq!(record.error.as_deref(), Some("delivery to telegram:123456789 failed: chat not found"));
    let stored = cron::get(&oc_home, &job.id).unwrap();
    assert_eq!(stored.failures, 1);
    assert!(stored.backoff_until.is_some());
    let (runs, _) = cron::runs(&oc_home, &job.id, None).unwrap();
    assert_eq!(runs.iter().map(|r| r.status).collect::<Vec<_>>(), [Status::Ok, Status::Error]);
    let key = format!("agent:main:cron:{}", job.id);
    assert_eq!(shape(&home.transcript(&key)), ["session", "user", "assistant", "user", "assistant"]);
}

#[tokio::test]
async fn a_sub_agent_runs_in_its_own_session_and_reports_back_to_the_parent() {
    let server = Server::start(vec![
        tool_calls(&[(
            0,
            "s1",
            "sessions_spawn",
            &["{\"task\":\"count the files\",", "\"label\":\"counter\"}"],
        )]),
        // The parent's next step and the child's turn may reach the model in either order.
        streamed(&["ok"]),
        streamed(&["ok"]),
    ])
    .await;
    let home = Home::new(&server.base, "");
    let out = home.run(&["send", "fan this out"]).await;
    assert!(out.status.success(), "{}", stderr(&out));

    let store: Value = serde_json::from_str(
        &std::fs::read_to_string(home.path.join("agents/main/state/sessions.json")).unwrap(),
    )
    .unwrap();
    let (child_key, child) = store
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, _)| k.starts_with("agent:main:subagent:"))
        .expect("a sub-agent session");
    assert_eq!(child["parentKey"], "agent:main:main");
    assert_eq!(child["label"], "counter");
    assert_eq!(child["status"], "done");
    let child_lines = home.transcript(child_key);
    assert_eq!(child_lines[1]["content"], "count the files");

    // The tool answered at once; the result arrived later as a message in the parent session.
    let parent = home.transcript("agent:main:main");
    let tool = parent.iter().find(|l| l["role"] == "tool").unwrap();
    assert!(
        tool["content"].as_str().unwrap().starts_with("started sub-agent agent:main:subagent:"),
        "{tool}"
    );
    let last = parent.last().unwrap();
    assert_eq!(last["role"], "user");
    assert_eq!(last["content"], format!("[sub-agent counter ({child_key}) finished]\nok"));
    assert_eq!(last["from"]["channel"], "subagent");
    assert_eq!(server.received().len(), 3);

    // `session ls` shows the child under its parent.
    let ls = stdout(&home.run(&["session", "ls"]).await);
    let keys: Vec<&str> = ls.lines().skip(1).map(|l| l.split("  ").next().unwrap_or("")).collect();
    assert_eq!(keys, ["agent:main:main".to_string(), format!("↳ {child_key}")], "{ls}");
}

#[tokio::test]
async fn a_sub_agent_of_a_telegram_session_is_announced_in_that_chat() {
    let bot = crate::botapi::FakeBot::start().await;
    let server = Server::start(vec![
        tool_calls(&[(0, "s1", "sessions_spawn", &["{\"task\":\"look it up\",\"label\":\"finder\"}"])]),
        streamed(&["found it"]),
        streamed(&["found it"]),
    ])
    .await;
    let channels = format!(
        r#"channels: {{ telegram: {{ apiBase: "{}", accounts: {{ default: {{ botToken: "{}" }} }} }} }},"#,
        bot.base,
        crate::botapi::TOKEN
    );
    let home = Home::new(&server.base, &channels);
    let out = home.run(&["send", "--session", "agent:main:telegram:peer:4242", "find it"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = bot.calls("sendMessage");
    assert_eq!(sent.len(), 1, "one announcement");
    assert_eq!(sent[0].body["chat_id"].to_string().trim_matches('"'), "4242");
    let text = sent[0].body["text"].as_str().unwrap();
    assert!(
        text.starts_with("[sub-agent finder (agent:main:subagent:") && text.ends_with("finished]\nfound it"),
        "{text}"
    );
}

/// On Discord a DM session is keyed by the user id, but its messages go to the DM channel: the
/// announcement goes there, not to a "channel" named after the user (which Discord refuses).
#[tokio::test]
async fn a_sub_agent_of_a_discord_dm_is_announced_in_that_dm() {
    use crate::fake_discord::{FakeDiscord, TOKEN, dm_channel_id};
    let discord = FakeDiscord::start().await;
    let server = Server::start(vec![
        tool_calls(&[(0, "s1", "sessions_spawn", &["{\"task\":\"look it up\",\"label\":\"finder\"}"])]),
        streamed(&["found it"]),
        streamed(&["found it"]),
    ])
    .await;
    let channels = format!(
        r#"channels: {{ discord: {{ accounts: {{ default: {{ token: "{TOKEN}", apiBase: "{}" }} }} }} }},"#,
        discord.api_base()
    );
    let home = Home::new(&server.base, &channels);
    let out = home.run(&["send", "--session", "agent:main:discord:peer:4242", "find it"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = discord.sent_messages();
    assert_eq!(sent.len(), 1, "one announcement");
    assert_eq!(sent[0].channel_id, dm_channel_id("4242"), "in the DM with the user");
    let text = sent[0].body["content"].as_str().unwrap();
    assert!(
        text.starts_with("[sub-agent finder (agent:main:subagent:") && text.ends_with("finished]\nfound it"),
        "{text}"
    );
}

/// A turn that fails before the model answers keeps the user's message; sending the same
/// message again answers that one instead of putting it in the transcript twice.
#[tokio::test]
async fn a_message_sent_again_after_a_failed_turn_is_not_taken_in_twice() {
    let dead = crate::server::dead_base().await;
    let home = Home::new(&dead, "");
    let out = home.run(&["send", "what is on today?"]).await;
    assert!(!out.status.success(), "the provider is down: {}", stdout(&out));
    let lines = home.transcript("agent:main:main");
    assert_eq!(shape(&lines), ["session", "user"]);

    // The provider comes back.
    let server = Server::start(vec![streamed(&["Nothing", " much"]), streamed(&["Still", " nothing"])]).await;
    let config = std::fs::read_to_string(home.path.join("gateway.json5")).unwrap();
    std::fs::write(home.path.join("gateway.json5"), config.replace(&dead, &server.base)).unwrap();
    let out = home.run(&["send", "what is on today?"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Nothing much\n");
    let lines = home.transcript("agent:main:main");
    assert_eq!(shape(&lines), ["session", "user", "assistant"]);
    assert_eq!(lines[1]["content"], "what is on today?");
    let sent = &server.received()[0].body["messages"];
    let users: Vec<&Value> = sent.as_array().unwrap().iter().filter(|m| m["role"] == "user").collect();
    assert_eq!(users, [&json!({"role": "user", "content": "what is on today?"})], "{sent}");
    assert_eq!(home.entry("agent:main:main")["messageCount"], 2);

    // Once answered, the same words again are a new message.
    let out = home.run(&["send", "what is on today?"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        shape(&home.transcript("agent:main:main")),
        ["session", "user", "assistant", "user", "assistant"]
    );
}

/// `/status` measures the context against the model's own window: its entry in the provider's
/// `models`, else the provider's `contextWindow`, else `session.compaction.contextTokens`.
#[tokio::test]
async fn status_uses_the_context_window_of_the_model_then_of_the_provider() {
    let server = Server::start(Vec::new()).await;
    let home = Home::with_models(
        &format!(
            r#"default: "openai/gpt-test",
            providers: {{ openai: {{ api: "openai", baseUrl: "{}/v1", apiKey: "sk-test", contextWindow: 32768,
              models: [{{ id: "gpt-test", contextWindow: 16384 }}] }},
              other: {{ api: "openai", baseUrl: "{}/v1", apiKey: "sk-test" }} }},"#,
            server.base, server.base
        ),
        "",
    );
    let window = |out: &Output| {
        let text = stdout(out);
        let line = text.lines().find(|l| l.starts_with("context about")).unwrap_or_default().to_string();
        assert!(!line.is_empty(), "{text}");
        line
    };
    let status = home.run(&["send", "/status"]).await;
    assert!(window(&status).contains(" of 16384 tokens"));
    let source = "window 16384 tokens, from gateway.json5 models.providers.openai.models[0].contextWindow";
    assert!(stdout(&status).contains(source), "{}", stdout(&status));
    assert!(home.run(&["send", "/model openai/gpt-big"]).await.status.success());
    assert!(window(&home.run(&["send", "/status"]).await).contains(" of 32768 tokens"));
    assert!(home.run(&["send", "/model other/m"]).await.status.success());
    let status = home.run(&["send", "/status"]).await;
    assert!(window(&status).contains(" of 128000 tokens"));
    assert!(stdout(&status).contains("window 128000 tokens, from the default"), "{}", stdout(&status));
    // A provider not marked local is never asked for its window.
    assert!(server.received().is_empty());
}

/// A whole (non-streamed) completion whose text is `content`, as a server answers that ignores
/// `stream: true` or was asked without it.
fn completion(content: &str) -> Reply {
    Reply::json(
        200,
        json!({"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "qwen",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 30, "completion_tokens": 10, "total_tokens": 40}}),
    )
}

/// `models` with one provider `llama` on `base`, with `settings` added to it.
fn llama(base: &str, settings: &str) -> String {
    format!(
        r#"default: "llama/qwen2.5-1.5b",
        providers: {{ llama: {{ api: "openai", baseUrl: "{base}/v1" {settings} }} }},"#
    )
}

const WRITTEN_CALL: &str = "```json\n{\"name\": \"write\", \"parameters\": {\"path\": \"notes.txt\", \"content\": \"buy milk\"}}\n```";

/// A small model on a local server writes its tool call as JSON text: the call runs, the user
/// never sees the JSON, and the transcript marks the call as recovered and keeps the text.
#[tokio::test]
async fn a_tool_call_written_as_json_text_by_a_local_model_runs_and_is_marked_recovered() {
    for streaming in [true, false] {
        let first = match streaming {
            true => streamed(&[&WRITTEN_CALL[..9], &WRITTEN_CALL[9..30], &WRITTEN_CALL[30..]]),
            false => completion(WRITTEN_CALL),
        };
        let server = Server::start(vec![first, streamed(&["Saved."])]).await;
        // A window in the config: the server is not asked for one.
        let home = Home::with_models(&llama(&server.base, ", local: true, contextWindow: 32768"), "");
        let out = home.run(&["send", "note: buy milk"]).await;
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), "Saved.\n", "streaming: {streaming}");
        assert_eq!(std::fs::read_to_string(home.workspace().join("notes.txt")).unwrap(), "buy milk");

        let lines = home.transcript("agent:main:main");
        assert_eq!(shape(&lines), ["session", "user", "assistant", "tool", "assistant"]);
        let call = &lines[2];
        assert_eq!(call["toolCallsRecovered"], true);
        assert_eq!(call["rawContent"], WRITTEN_CALL);
        assert_eq!(call["content"], "");
        assert_eq!(call["toolCalls"][0]["name"], "write");
        assert_eq!(call["toolCalls"][0]["arguments"], json!({"path": "notes.txt", "content": "buy milk"}));
        assert_eq!(lines[3]["toolCallId"], call["toolCalls"][0]["id"]);
        assert_eq!(lines[3]["isError"], false);
        // The model is shown its call in the API's own shape, answered by the tool's result.
        let second = server.received()[1].body["messages"].as_array().unwrap().clone();
        let asked = second.iter().find(|m| m["role"] == "assistant").unwrap();
        assert_eq!(asked["tool_calls"][0]["function"]["name"], "write");
        let answered = second.iter().find(|m| m["role"] == "tool").unwrap();
        assert_eq!(answered["tool_call_id"], asked["tool_calls"][0]["id"]);

        let show = home.run(&["session", "show", "agent:main:main"]).await;
        assert!(stdout(&show).contains("tool calls recovered from text"), "{}", stdout(&show));
    }
}

/// The JSON stays the reply when recovery is off for the provider (or it is not local), when it names a tool the
/// agent does not have, or when there is other text around it.
#[tokio::test]
async fn a_json_reply_stays_text_when_recovery_is_off_or_the_tool_is_not_the_agents() {
    let cases = [
        ("off", ", local: true, toolCallRecovery: false, contextWindow: 32768", WRITTEN_CALL.to_owned()),
        ("denied", ", local: true, contextWindow: 32768", WRITTEN_CALL.to_owned()),
        ("text around it", ", local: true, contextWindow: 32768", format!("I will save it:\n{WRITTEN_CALL}")),
        ("not marked local", "", WRITTEN_CALL.to_owned()),
    ];
    for (case, settings, reply) in cases {
        let server = Server::start(vec![streamed(&[&reply])]).await;
        let home = Home::with_models(&llama(&server.base, settings), "");
        if case == "denied" {
            let cfg = std::fs::read_to_string(home.path.join("gateway.json5")).unwrap();
            let denied = cfg.replace("tools: { exec:", "tools: { deny: [\"write\"], exec:");
            assert_ne!(cfg, denied);
            std::fs::write(home.path.join("gateway.json5"), denied).unwrap();
        }
        let out = home.run(&["send", "note: buy milk"]).await;
        assert!(out.status.success(), "{case}: {}", stderr(&out));
        assert_eq!(stdout(&out), format!("{reply}\n"), "{case}");
        assert!(!home.workspace().join("notes.txt").exists(), "{case}");
        let lines = home.transcript("agent:main:main");
        assert_eq!(shape(&lines), ["session", "user", "assistant"], "{case}");
        assert_eq!(lines[2]["content"], reply.as_str(), "{case}");
        assert!(lines[2].get("toolCallsRecovered").is_none(), "{case}");
        assert_eq!(server.received().len(), 1, "{case}");
    }
}

/// With no `contextWindow` in the config, a local server's own figure sets the window:
/// llama.cpp's `GET /props` or Ollama's `POST /api/show`. A conversation far below the default
/// 128,000 tokens but above 80 % of the server's 4,096 is compacted; `/status` says where the
/// window came from. A server with neither endpoint leaves the default.
#[tokio::test]
async fn a_local_servers_own_context_window_makes_compaction_come_in_time() {
    let not_found = || Reply::json(404, json!({"error": "not found"}));
    let props =
        || Reply::json(200, json!({"default_generation_settings": {"n_ctx": 4096}, "total_slots": 1}));
    let show = || {
        Reply::json(
            200,
            json!({"parameters": "stop \"<|im_end|>\"\nnum_ctx 4096",
                "model_info": {"general.architecture": "qwen2", "qwen2.context_length": 32768}}),
        )
    };
    let compacting = || vec![streamed(&["- Jonas asked about tea six times."]), streamed(&["Noted."])];
    let cases: [(&str, Vec<Reply>, &str, &[&str]); 3] = [
        (
            "llama.cpp",
            [vec![props(), props()], compacting()].concat(),
            "window 4096 tokens, from the server (llama.cpp GET /props)",
            &["/props", "/props", "/v1/chat/completions", "/v1/chat/completions"],
        ),
        (
            "ollama",
            [vec![not_found(), show(), not_found(), show()], compacting()].concat(),
            "window 4096 tokens, from the server (Ollama POST /api/show)",
            &["/props", "/api/show", "/props", "/api/show", "/v1/chat/completions", "/v1/chat/completions"],
        ),
        (
            "neither",
            vec![not_found(), not_found(), not_found(), not_found(), streamed(&["Noted."])],
            "window 128000 tokens, from the default (session.compaction.contextTokens)",
            &["/props", "/api/show", "/props", "/api/show", "/v1/chat/completions"],
        ),
    ];
    for (case, replies, status_line, paths) in cases {
        let server = Server::start(replies).await;
        let home = Home::with_models(&llama(&server.base, ", local: true"), "");
        let session =
            "session: { reset: { timezone: \"UTC\" }, compaction: { keepMessages: 2, memoryFlush: false } },";
        let t = home.long_conversation(session, 2000);

        let status = home.run(&["send", "/status"]).await;
        assert!(stdout(&status).contains(status_line), "{case}: {}", stdout(&status));
        let out = home.run(&["send", "and now?"]).await;
        assert!(out.status.success(), "{case}: {}", stderr(&out));
        assert_eq!(stdout(&out), "Noted.\n", "{case}");
        let got: Vec<String> = server.received().iter().map(|r| r.path.clone()).collect();
        assert_eq!(got, *paths, "{case}");
        let show = server.received().into_iter().find(|r| r.path == "/api/show");
        if let Some(show) = show {
            assert_eq!(show.body, json!({"model": "qwen2.5-1.5b"}), "{case}");
        }
        let compacted = read_lines(&t).iter().any(|l| l["type"] == "compaction");
        assert_eq!(compacted, case != "neither", "{case}");
    }
}

/// For a local provider the runtime line (new every minute) goes before the newest user message
/// instead of ending the system prompt, so a chat template that puts the tool schemas after the
/// system text still shares them with the turn before; the transcript keeps the user's own words.
#[tokio::test]
async fn a_local_provider_gets_the_runtime_line_in_the_newest_user_turn() {
    let server = Server::start(vec![streamed(&["Hi!"]), streamed(&["Hi again!"])]).await;
    let home = Home::with_models(&llama(&server.base, ", local: true, contextWindow: 32768"), "");
    for text in ["hi", "hi"] {
        let out = home.run(&["send", text]).await;
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let got = server.received();
    let first = got[0].body["messages"].as_array().unwrap();
    let second = got[1].body["messages"].as_array().unwrap();
    let system = first[0]["content"].as_str().unwrap();
    assert!(!system.contains("Runtime: "), "{system}");
    assert_eq!(second[0]["content"], first[0]["content"], "the system prompt is byte-identical");
    let newest = second.last().unwrap()["content"].as_str().unwrap();
    assert!(newest.starts_with("[Runtime: agent main · model llama/qwen2.5-1.5b"), "{newest}");
    assert!(newest.ends_with("]\n\nhi"), "{newest}");
    assert_eq!(second[1]["content"], "hi", "only the newest user turn carries the runtime line");
    let lines = home.transcript("agent:main:main");
    let users: Vec<&Value> = lines.iter().filter(|l| l["role"] == "user").map(|l| &l["content"]).collect();
    assert_eq!(users, [&json!("hi"), &json!("hi")]);
}
