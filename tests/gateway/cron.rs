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

/// The first `hour`:00 UTC after `now` on a day whose weekday (Sunday 0) is in `days`.
fn next_on(now: jiff::Timestamp, hour: i8, days: &[i8]) -> jiff::Timestamp {
    let mut date = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    loop {
        let at = date.at(hour, 0, 0, 0).to_zoned_datetime(jiff::tz::TimeZone::UTC).unwrap().timestamp();
        if at > now && days.contains(&date.weekday().to_sunday_zero_offset()) {
            return at;
        }
        date = date.tomorrow().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_recomputes_next_runs_stored_by_an_older_version_and_logs_the_move() {
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, ""));
    let now = jiff::Timestamp::now();
    // An hour half a day away, so the clock cannot cross it while the test runs.
    let hour = (now.to_zoned_datetime(jiff::tz::TimeZone::UTC).hour() + 12) % 24;
    let expr = format!("0 {hour} * * */2");
    // What an older version stored: it read `*/2` as `*`, so its next run fell on any day; here
    // one of Mon, Wed, Fri, which `*/2` (Sun, Tue, Thu, Sat) never is.
    let stored = next_on(now, hour, &[1, 3, 5]);
    let right = next_on(now, hour, &[0, 2, 4, 6]);
    let daily = next_on(now, hour, &[0, 1, 2, 3, 4, 5, 6]);
    let job = |id: &str, expr: &str, next: jiff::Timestamp| {
        serde_json::json!({
            "id": id, "name": id, "agent": "main",
            "schedule": {"kind": "cron", "expr": expr, "tz": "UTC"},
            "action": {"message": "hi"}, "session": "isolated", "enabled": true,
            "createdAt": "2026-01-01T00:00:00.000Z", "nextRunAt": next.to_string(), "failures": 0
        })
    };
    let jobs = serde_json::json!({
        "odd-days-1a2b": job("odd-days-1a2b", &expr, stored),
        "daily-3c4d": job("daily-3c4d", &format!("0 {hour} * * *"), daily),
    });
    env.write("cron/jobs.json", &serde_json::to_string_pretty(&jobs).unwrap());

    let gw = Gateway::start(&env).await;
    eventually("the moved job in the log", async || gw.log_text().contains("next run moved")).await;
    let log = gw.log_text();
    let line = log.lines().find(|l| l.contains("next run moved")).unwrap();
    assert!(line.contains("odd-days-1a2b") && line.contains(&format!("cron {expr} (UTC)")), "{log}");
    let show =
        |t: jiff::Timestamp| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).strftime("%a %F %H:%M").to_string();
    assert!(line.contains(&format!("from {} UTC to {} UTC", show(stored), show(right))), "{line}");
    assert!(!log.contains("daily-3c4d"), "a job that was right is not moved: {log}");

    let listed: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "cron", "ls"])).unwrap();
    let next = |id: &str| -> jiff::Timestamp {
        let job = listed.as_array().unwrap().iter().find(|j| j["id"] == id).unwrap();
        job["nextRunAt"].as_str().unwrap().parse().unwrap()
    };
    assert_eq!(next("odd-days-1a2b"), right);
    assert_eq!(next("daily-3c4d"), daily);
}
