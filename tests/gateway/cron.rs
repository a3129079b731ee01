//! The gateway's cron scheduler runs due jobs in their sessions and records each run.

use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config, eventually, messages};
use crate::harness::Env;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_job_runs_in_its_session_and_is_recorded() {
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, ""));
    // Added before the gateway starts: a job that is due at once, then every 2 s.
    let out = env.ok(&[
        "-q",
        "cron",
        "add",
        "--name",
        "tick",
        "--every",
        "2s",
        "--agent",
        "main",
        "--message",
        "tick",
    ]);
    let id = out.trim().to_string();
    let _gw = Gateway::start(&env).await;
    let key = format!("agent:main:cron:{id}");
    eventually("two scheduled runs", async || {
        messages(&env, &key).iter().filter(|(role, text)| role == "user" && text == "tick").count() >= 2
    })
    .await;
    let runs = env.ok(&["--json", "cron", "runs", &id]);
    let first: serde_json::Value = serde_json::from_str(runs.lines().next().unwrap()).unwrap();
    assert_eq!(first["status"], "ok", "{first}");
    assert_eq!(first["reply"], "echo: tick");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heartbeat_skips_an_empty_checklist_and_drops_heartbeat_ok() {
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    let cfg = config(llm.port, "")
        .replace("agents: { main: {} },", "agents: { main: { heartbeat: { every: \"1s\" } } },");
    env.write("gateway.json5", &cfg);
    env.write("agents/main/workspace/HEARTBEAT.md", "# Heartbeat\n\n");
    let gw = Gateway::start(&env).await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(llm.calls(), 0, "an empty HEARTBEAT.md costs no model call");

    // The fake model echoes the message, so a checklist ending in HEARTBEAT_OK gets that reply.
    env.write("agents/main/workspace/HEARTBEAT.md", "# Heartbeat\n- look at the backups\nHEARTBEAT_OK\n");
    eventually("a heartbeat turn", async || {
        messages(&env, "agent:main:main")
            .iter()
            .any(|(role, text)| role == "user" && text.starts_with("[heartbeat]"))
    })
    .await;
    eventually("the reply to be dropped", async || {
        gw.log_text().contains("heartbeat: main: nothing to report")
    })
    .await;
}
