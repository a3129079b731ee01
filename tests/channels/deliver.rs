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

fn discord_home(
    fake: &crate::fake_discord::FakeDiscord,
    extra: &str,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    assert!(openclaw(&home, &["init"]).output().unwrap().status.success());
    let token = crate::fake_discord::TOKEN;
    std::fs::write(
        home.join("gateway.json5"),
        format!(
            "{{\n  channels: {{\n    discord: {{ apiBase: \"{}\", accounts: {{ default: {{ token: \"{token}\" }}{extra} }} }},\n  }},\n}}\n",
            fake.api_base()
        ),
    )
    .unwrap();
    (dir, home)
}

#[tokio::test]
async fn a_wrong_channel_setting_fails_config_validate_with_its_position() {
    let fake = crate::fake_discord::FakeDiscord::start().await;
    let (_dir, home) = discord_home(&fake, ", ops: { token: 5 }");
    let out = run(&home, &["config", "validate"]).await;
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gateway.json5:3:")
            && err.contains("channels.discord.accounts.ops.token must be a string"),
        "{err}"
    );
    let (_dir, home) = discord_home(&fake, ", ops: { token: \"t\", gatewayUrl: \"http://x\" }");
    let err = String::from_utf8_lossy(&run(&home, &["config", "validate"]).await.stderr).into_owned();
    assert!(err.contains("channels.discord.accounts.ops.gatewayUrl is not a ws:// or wss:// URL"), "{err}");
}

#[tokio::test]
async fn dead_letters_are_listed_resent_and_dropped() {
    use openclaw::channel::{ChatKind, ChatRef, deadletter};
    let fake = crate::fake_discord::FakeDiscord::start().await;
    fake.add_channel(json!({"id": "77", "type": 0, "guild_id": "5", "name": "general"}));
    let (_dir, home) = discord_home(&fake, "");
    let h = openclaw::home::Home::new(&home);
    let letter = |text: &str| {
        let mut l = deadletter::blank();
        l.channel = "discord".into();
        l.account = "default".into();
        l.chat = ChatRef { id: "77".into(), kind: ChatKind::Channel, thread: None };
        l.parts = vec![text.to_string(), "part two".to_string()];
        l.error = "discord: POST /channels/77/messages: 403 Missing Permissions".into();
        l.origin = "reply".into();
        deadletter::keep(&h, l).unwrap()
    };
    let (a, b) = (letter("first letter"), letter("second letter"));
    let ls = run(&home, &["channel", "dead-letters", "--json"]).await;
    let open: Vec<serde_json::Value> = serde_json::from_slice(&ls.stdout).unwrap();
    assert_eq!(open.len(), 2);
    let human = String::from_utf8_lossy(&run(&home, &["channel", "dead-letters"]).await.stdout).into_owned();
    assert!(human.contains(&a) && human.contains("Missing Permissions"), "{human}");

    let out = run(&home, &["channel", "dead-letters", "resend", &a]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let texts: Vec<String> = fake
        .sent_messages()
        .iter()
        .map(|m| m.body["content"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(texts, ["first letter", "part two"], "both parts, in order, once");
    let out = run(&home, &["channel", "dead-letters", "drop", &b]).await;
    assert!(out.status.success());
    let again = run(&home, &["channel", "dead-letters", "resend", &a]).await;
    assert_eq!(again.status.code(), Some(1), "a settled letter is not sent twice");
    assert_eq!(fake.sent_messages().len(), 2);
    let ls = run(&home, &["channel", "dead-letters", "--json"]).await;
    assert_eq!(serde_json::from_slice::<Vec<serde_json::Value>>(&ls.stdout).unwrap().len(), 0);
    let unknown = run(&home, &["channel", "dead-letters", "drop", "dl-nope"]).await;
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no open dead letter dl-nope"));
}
