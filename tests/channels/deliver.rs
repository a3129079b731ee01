//! Direct delivery through the real binary: `openclaw send --channel telegram --to PEER` against
//! the fake Bot API, with the channel's own error surfaced when it refuses.

use std::process::{Command, Stdio};

use serde_json::json;

use crate::botapi::{FakeBot, Fault, TOKEN};

fn home_with(base: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let run = |args: &[&str]| openclaw(&home, args).output().unwrap();
    assert!(run(&["init"]).status.success());
    std::fs::write(
        home.join("gateway.json5"),
        format!(r#"{{ channels: {{ telegram: {{ apiBase: "{base}", accounts: {{ default: {{ botToken: "{TOKEN}" }} }} }} }} }}"#),
    )
    .unwrap();
    (dir, home)
}

fn openclaw(home: &std::path::Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_openclaw"));
    c.env_clear().env("TZ", "UTC").arg("--home").arg(home).args(args).stdin(Stdio::null());
    c
}

async fn run(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut cmd = openclaw(home, args);
    tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap()
}

#[tokio::test]
async fn send_channel_delivers_and_prints_the_message_id() {
    let bot = FakeBot::start().await;
    let (_dir, home) = home_with(&bot.base);
    let out = run(&home, &["send", "--channel", "telegram", "--to", "4242", "the backup finished"]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("sent to telegram:4242 from account default (message id "), "{stdout}");
    let calls = bot.calls("sendMessage");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].body["chat_id"].to_string().trim_matches('"'), "4242");
    assert_eq!(calls[0].body["text"], "the backup finished");
}

#[tokio::test]
async fn a_refused_delivery_is_an_error_with_the_channels_words_and_no_token() {
    let bot = FakeBot::start().await;
    bot.fail_next(
        "sendMessage",
        Fault::Error {
            status: 400,
            body: json!({"ok": false, "error_code": 400, "description": "Bad Request: chat not found"}),
        },
    );
    let (_dir, home) = home_with(&bot.base);
    let out = run(&home, &["send", "--channel", "telegram", "--to", "1", "hello"]).await;
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chat not found"), "{err}");
    assert!(!err.contains(TOKEN), "the bot token leaked: {err}");
    let unknown = run(&home, &["send", "--channel", "discord", "--to", "1", "hello"]).await;
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("channels.discord is not configured"));
}
