//! Self-tests of the fake Slack (`fake_slack.rs`): plain WebSocket and HTTP calls check the
//! rules the adapter tests rely on, and Slack's official `@slack/socket-mode` client connects to
//! it, acknowledges and replies (`tests/slackjs/check.mjs`).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::fake_slack::{APP_TOKEN, BOT_TOKEN, BOT_USER, FakeOptions, FakeSlack, dm_channel};

async fn call(fake: &FakeSlack, method: &str, token: &str, body: Value) -> Value {
    openclaw::net::channel_client()
        .unwrap()
        .post(format!("{}/{method}", fake.api_base()))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("call")
        .json()
        .await
        .expect("JSON answer")
}

async fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn tickets_are_single_use_unacked_envelopes_come_back_and_connections_are_capped() {
    let fake =
        FakeSlack::start_with(FakeOptions { ack_timeout: Duration::from_millis(300), ..Default::default() })
            .await;
    assert_eq!(
        call(&fake, "apps.connections.open", BOT_TOKEN, json!({})).await["error"],
        "not_allowed_token_type"
    );
    assert_eq!(call(&fake, "auth.test", "xoxb-nope", json!({})).await["error"], "invalid_auth");
    let url =
        call(&fake, "apps.connections.open", APP_TOKEN, json!({})).await["url"].as_str().unwrap().to_string();
    let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str()).await.expect("connect");
    let text = |m: Message| serde_json::from_str::<Value>(m.to_text().unwrap()).unwrap();
    let hello = text(ws.next().await.unwrap().unwrap());
    assert_eq!(
        (hello["type"].clone(), hello["connection_info"]["app_id"].clone()),
        (json!("hello"), json!("A0APP"))
    );
    assert!(tokio_tungstenite::connect_async(url.as_str()).await.is_err(), "a ticket is used once");

    fake.dm("U1", "hi");
    let first = text(ws.next().await.unwrap().unwrap());
    assert_eq!((first["type"].clone(), first["retry_attempt"].clone()), (json!("events_api"), json!(0)));
    assert_eq!(first["payload"]["event"]["channel"], json!(dm_channel("U1")));
    let again = text(ws.next().await.unwrap().unwrap());
    assert_eq!((again["retry_attempt"].clone(), again["retry_reason"].clone()), (json!(1), json!("timeout")));
    assert_eq!(again["payload"]["event_id"], first["payload"]["event_id"]);
    ws.send(Message::text(json!({"envelope_id": again["envelope_id"]}).to_string())).await.unwrap();
    let event = first["payload"]["event_id"].as_str().unwrap().to_string();
    wait_for("the ack", || fake.acked(&event)).await;

    // The bot's own post comes back as an event with its bot_id; a long text is refused.
    let sent = call(&fake, "chat.postMessage", BOT_TOKEN, json!({"channel": "C1", "text": "hello"})).await;
    assert_eq!(sent["ok"], json!(true));
    let echo = loop {
        let v = text(ws.next().await.unwrap().unwrap());
        if v["payload"]["event_id"] != first["payload"]["event_id"] {
            break v;
        }
    };
    assert_eq!(
        (echo["payload"]["event"]["user"].clone(), echo["payload"]["event"]["bot_id"].clone()),
        (json!(BOT_USER), json!("B0BOT"))
    );
    let long = "x".repeat(40_001);
    assert_eq!(
        call(&fake, "chat.postMessage", BOT_TOKEN, json!({"channel": "C1", "text": long})).await["error"],
        "msg_too_long"
    );

    // Ten connections at most: the eleventh is told too_many_websockets.
    let mut open = vec![ws];
    for _ in 0..9 {
        let url = call(&fake, "apps.connections.open", APP_TOKEN, json!({})).await["url"]
            .as_str()
            .unwrap()
            .to_string();
        open.push(tokio_tungstenite::connect_async(url.as_str()).await.expect("connect").0);
    }
    let url =
        call(&fake, "apps.connections.open", APP_TOKEN, json!({})).await["url"].as_str().unwrap().to_string();
    let (mut eleventh, _) = tokio_tungstenite::connect_async(url.as_str()).await.expect("connect");
    let refused = text(eleventh.next().await.unwrap().unwrap());
    assert_eq!(
        (refused["type"].clone(), refused["reason"].clone()),
        (json!("disconnect"), json!("too_many_websockets"))
    );
}

fn slackjs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/slackjs")
}

#[tokio::test]
async fn the_official_socket_mode_client_connects_acks_and_replies() {
    let dir = slackjs_dir();
    if !dir.join("node_modules/@slack/socket-mode/package.json").is_file() {
        eprintln!(
            "skipped: @slack/socket-mode not installed; run `mkdir -p target/slackjs && \
             cp tests/slackjs/package*.json target/slackjs/ && npm ci --prefix target/slackjs`"
        );
        return;
    }
    let fake = FakeSlack::start().await;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/slackjs/check.mjs");
    let mut child = tokio::process::Command::new("node")
        .arg(&script)
        .arg(fake.port.to_string())
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("run node (is Node.js installed?)");
    let mut stdout = tokio::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut expect_line = async |want: &str| {
        use tokio::io::AsyncBufReadExt;
        let mut line = String::new();
        let got = tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                line.clear();
                if stdout.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return false;
                }
                if line.trim() == want {
                    return true;
                }
            }
        })
        .await;
        got == Ok(true)
    };
    if !expect_line("connected 1").await {
        let _ = child.start_kill();
        let out = child.wait_with_output().await.expect("node output");
        panic!("the client did not connect: {}", String::from_utf8_lossy(&out.stderr));
    }
    fake.dm("U1", "hello from a DM");
    wait_for("the DM reply", || fake.posted().len() == 1).await;
    // Slack refreshes the connection; the client reconnects and gets what comes next there.
    fake.refresh();
    if !expect_line("connected 2").await {
        let _ = child.start_kill();
        let out = child.wait_with_output().await.expect("node output");
        panic!("no reconnect after refresh_requested: {}", String::from_utf8_lossy(&out.stderr));
    }
    let thread = crate::fake_slack::ts();
    fake.post("C1", "U2", &format!("<@{BOT_USER}> hello from a thread"), Some(&thread));

    let status = match tokio::time::timeout(Duration::from_secs(20), child.wait()).await {
        Ok(s) => s.expect("wait for node"),
        Err(_) => {
            let _ = child.start_kill();
            panic!("check.mjs did not finish; posted so far: {:?}", fake.posted());
        }
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        use tokio::io::AsyncReadExt;
        let _ = e.read_to_string(&mut err).await;
    }
    assert!(status.success(), "check.mjs failed ({status}):\n{err}");

    let posted: Vec<(String, String, Option<String>)> =
        fake.posted().into_iter().map(|p| (p.channel, p.text, p.thread_ts)).collect();
    assert_eq!(
        posted,
        [
            (dm_channel("U1"), "echo: hello from a DM".to_string(), None),
            ("C1".to_string(), format!("echo: <@{BOT_USER}> hello from a thread"), Some(thread)),
        ]
    );
    // The client's own wire format is what the fake understood: Bearer tokens, form bodies.
    let opens = fake.calls("apps.connections.open");
    assert!(opens.iter().filter(|c| c.ok).all(|c| c.token.as_deref() == Some(APP_TOKEN)));
    let posts = fake.calls("chat.postMessage");
    assert!(posts.iter().all(|c| c.ok && c.token.as_deref() == Some(BOT_TOKEN)), "{posts:?}");
    assert!(
        posts[0].content_type.as_deref().is_some_and(|t| t.starts_with("application/x-www-form-urlencoded")),
        "{posts:?}"
    );
    // Every envelope was acknowledged on its first delivery (but the echo of the last reply,
    // which may come after the client left).
    let last_post = fake.posted()[1].at;
    let user_events: Vec<_> =
        fake.deliveries().into_iter().filter(|d| d.retry_attempt == 0 && d.at < last_post).collect();
    assert!(user_events.len() >= 3 && user_events.iter().all(|d| d.acked_at.is_some()), "{user_events:?}");
    assert!(fake.given_up().is_empty());
    assert_eq!(fake.connections().len(), 2);
}
