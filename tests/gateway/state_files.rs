//! Issue #10: gateway state files that are not what the gateway wrote are refused with an error
//! naming them, and the inbound journal stays bounded.

use std::os::unix::process::CommandExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::botapi::{FakeBot, TOKEN};
use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config, eventually};
use crate::harness::Env;

fn telegram(bot: &FakeBot) -> String {
    format!(
        r#"channels: {{ telegram: {{ dmPolicy: "open", accounts: {{ default: {{ botToken: "{TOKEN}", apiBase: "{}", pollTimeoutSeconds: 1 }} }} }} }},"#,
        bot.base
    )
}

fn dm(update_id: i64, sender: i64, text: &str) -> Value {
    json!({"update_id": update_id, "message": {"message_id": update_id * 10, "date": 0, "text": text,
        "from": {"id": sender, "is_bot": false, "first_name": "P", "username": format!("p{sender}")},
        "chat": {"id": sender, "type": "private", "first_name": "P"}}})
}

fn replies(bot: &FakeBot) -> Vec<String> {
    bot.calls("sendMessage").into_iter().map(|c| c.body["text"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn a_journal_linked_to_dev_zero_is_refused_with_a_clear_error() {
    let env = Env::init();
    env.write("gateway.json5", &config(1, ""));
    std::fs::create_dir_all(env.path("gateway")).expect("gateway dir");
    std::os::unix::fs::symlink("/dev/zero", env.path("gateway/inbox.jsonl")).expect("symlink");
    let mut cmd = env.command(&["gateway", "start", "--foreground"]);
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    // Should the gateway read /dev/zero again, it must hit a 2 GiB wall instead of the machine's.
    // SAFETY: setrlimit is async-signal-safe and touches nothing of the parent.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 2 << 30, rlim_max: 2 << 30 };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn gateway");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the gateway still runs with /dev/zero as its journal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("inbox.jsonl") && stderr.contains("not a regular file"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_offset_file_is_a_clear_error_without_a_huge_log_line() {
    let bot = FakeBot::start().await;
    let env = Env::init();
    env.write("gateway.json5", &config(1, &telegram(&bot)));
    std::fs::create_dir_all(env.path("credentials")).expect("credentials dir");
    std::fs::write(env.path("credentials/telegram.default.offset"), vec![b'9'; 1 << 20]).expect("offset");
    let gw = Gateway::start(&env).await;
    eventually("the channel to fail", async || {
        let (_, status) = gw.get("/api/status").await;
        status["channels"][0]["health"]["state"] == "failing"
    })
    .await;
    let (_, status) = gw.get("/api/status").await;
    let error = status["channels"][0]["health"]["error"].as_str().unwrap_or_default().to_string();
    assert!(error.contains("telegram.default.offset") && error.contains("MiB"), "{status}");
    assert!(error.len() < 500, "{} bytes of error", error.len());
    eventually("the log line", async || gw.log_text().contains("telegram.default.offset")).await;
    let longest = gw.log_text().lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 1000, "a log line of {longest} bytes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_journal_shrinks_and_still_drops_recent_duplicates() {
    let llm = FakeLlm::start(0).await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &telegram(&bot)));
    std::fs::create_dir_all(env.path("gateway")).expect("gateway dir");
    let journal: String = (0..100_000).map(|i| format!("{{\"done\":\"telegram:default:{i}\"}}\n")).collect();
    env.write("gateway/inbox.jsonl", &journal);
    let _gw = Gateway::start(&env).await;
    bot.push(dm(99_999, 111, "a redelivery of an answered message"));
    bot.push(dm(100_000, 111, "new"));
    eventually("the reply", async || !replies(&bot).is_empty()).await;
    let lines =
        || std::fs::read_to_string(env.path("gateway/inbox.jsonl")).unwrap_or_default().lines().count();
    eventually("the journal to shrink", async || lines() <= 20_001).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(replies(&bot), ["echo: new"]);
}

#[test]
fn the_gateway_log_is_private_even_under_umask_000() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::init();
    env.write("gateway.json5", &config(1, ""));
    let mut cmd = env.command(&["gateway", "start"]);
    // SAFETY: umask is async-signal-safe and changes only the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    let run = env.run_cmd(cmd);
    let pid: i32 = env.read("gateway/gateway.pid").trim().parse().unwrap_or(0);
    let mode = std::fs::metadata(env.path("logs/gateway.log")).map(|m| m.permissions().mode() & 0o777);
    let stop = env.run(&["gateway", "stop"]);
    if stop.code != 0 && pid > 0 {
        // SAFETY: signals the gateway this test started.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(mode.ok(), Some(0o600));
}
