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
