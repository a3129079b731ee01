//! iMessage end to end: BlueBubbles webhooks posted to the real gateway binary, the catch-up
//! query at start, replies through a fake BlueBubbles REST API, all on 127.0.0.1.

use std::time::Duration;

use serde_json::Value;

use crate::fake_bluebubbles::{FakeBlueBubbles, PASSWORD, emit};
use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, channel_ok, config, eventually, stops_with, user_lines};
use crate::harness::Env;

const ANN: &str = "+15550000001";
const BOB: &str = "+15550000002";
const FAMILY: &str = "iMessage;+;chat493021";

fn dm(address: &str) -> String {
    format!("iMessage;-;{address}")
}

fn imessage(bb: &FakeBlueBubbles, password: &str) -> String {
    format!(
        r#"channels: {{ imessage: {{ dmPolicy: "open", accounts: {{ mac: {{
            serverUrl: "{}", password: "{password}", mentionPatterns: ["claw"], catchUpSeconds: 3600 }} }} }} }},"#,
        bb.url()
    )
}

/// A model answering after `delay_ms`, a BlueBubbles server, and a gateway with one healthy
/// account.
async fn start(delay_ms: u64) -> (FakeLlm, FakeBlueBubbles, Env, Gateway) {
    let llm = FakeLlm::start(delay_ms).await;
    let bb = FakeBlueBubbles::start(PASSWORD).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &imessage(&bb, PASSWORD)));
    let gw = Gateway::start(&env).await;
    channel_ok(&gw, "imessage").await;
    (llm, bb, env, gw)
}

fn hook(gw: &Gateway, secret: &str) -> String {
    format!("{}/hooks/imessage/mac?password={secret}", gw.url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_users_reach_their_agents_groups_need_a_mention_and_the_secret_is_checked() {
    let llm = FakeLlm::start(0).await;
    let bb = FakeBlueBubbles::start(PASSWORD).await;
    let env = Env::init();
    let cfg = config(llm.port, &imessage(&bb, PASSWORD)).replace(
        "agents: { main: {} }",
        &format!(
            r#"agents: {{ main: {{}}, work: {{ bindings: [{{ channel: "imessage", peer: "{BOB}" }}] }} }}"#
        ),
    );
    env.write("gateway.json5", &cfg);
    // History from before the first start is not answered.
    bb.receive(ANN, &dm(ANN), "an old message");
    tokio::time::sleep(Duration::from_millis(20)).await;
    let gw = Gateway::start(&env).await;
    channel_ok(&gw, "imessage").await;
    assert_eq!(bb.queries(), 1, "the catch-up ran at start");

    // Without the shared secret, nothing is taken in.
    let forged = bb.receive(ANN, &dm(ANN), "forged message");
    assert_eq!(emit(&format!("{}/hooks/imessage/mac", gw.url), "new-message", &forged).await, Some(401));
    assert_eq!(emit(&hook(&gw, "guess"), "new-message", &forged).await, Some(401));
    let journal = std::fs::read_to_string(env.home.join("gateway/inbox.jsonl")).unwrap_or_default();
    assert!(!journal.contains("forged"), "{journal}");

    let ann = bb.receive(ANN, &dm(ANN), "hi from ann");
    assert_eq!(emit(&hook(&gw, PASSWORD), "new-message", &ann).await, Some(200));
    let bob = bb.receive(BOB, &dm(BOB), "hi from bob");
    assert_eq!(emit(&hook(&gw, PASSWORD), "new-message", &bob).await, Some(200));
    eventually("two replies", async || bb.sent().len() == 2).await;
    let mut got: Vec<(String, String)> = bb.sent().into_iter().map(|(c, m, _)| (c, m)).collect();
    got.sort();
    assert_eq!(got, [(dm(ANN), "echo: hi from ann".to_string()), (dm(BOB), "echo: hi from bob".to_string())]);
    assert_eq!(user_lines(&env, "main", &format!("agent:main:imessage:peer:{ANN}")), ["hi from ann"]);
    assert_eq!(
        user_lines(&env, "work", &format!("agent:work:imessage:peer:{BOB}")),
        ["hi from bob"],
        "bound by peer"
    );

    // What is not a message: a tapback, an update of a message (delivered, read), our own.
    let tapback = bb.tapback(ANN, &dm(ANN), &ann);
    assert_eq!(emit(&hook(&gw, PASSWORD), "new-message", &tapback).await, Some(200));
    assert_eq!(emit(&hook(&gw, PASSWORD), "updated-message", &ann).await, Some(200));
    // BlueBubbles replays old webhooks after its restarts: answered once all the same.
    assert_eq!(emit(&hook(&gw, PASSWORD), "new-message", &ann).await, Some(200));

    // A group: not addressed → no turn; the mention pattern → answered in the group.
    let chatter = bb.receive(ANN, FAMILY, "just chatting");
    assert_eq!(emit(&hook(&gw, PASSWORD), "new-message", &chatter).await, Some(200));
    let asked = bb.receive(ANN, FAMILY, "Claw, what's for dinner?");
    assert_eq!(emit(&hook(&gw, PASSWORD), "new-message", &asked).await, Some(200));
    eventually("the group reply", async || bb.sent().len() == 3).await;
    assert_eq!(bb.sent()[2].0, FAMILY);
    assert_eq!(bb.sent()[2].1, "echo: Claw, what's for dinner?");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(bb.sent().len(), 3, "no reply to a tapback, an update or a replay");
    assert_eq!(llm.calls(), 3);
    let temps: std::collections::HashSet<String> = bb.sent().into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(temps.len(), 3, "one tempGuid per part");
    assert!(temps.iter().all(|t| t.starts_with("openclaw-")), "{temps:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_turn_and_an_outage_are_answered_exactly_once_after_restart() {
    let (llm, bb, env, mut gw) = start(1500).await;
    let m = bb.receive(ANN, &dm(ANN), "remember me");
    let url = hook(&gw, PASSWORD);
    assert_eq!(emit(&url, "new-message", &m).await, Some(200));
    eventually("the model call", async || llm.calls() == 1).await;
    let mut child = gw.child.take().unwrap();
    child.kill().unwrap(); // SIGKILL in the middle of the turn
    child.wait().unwrap();
    // While the gateway is down a message arrives; its webhook fails and BlueBubbles never
    // retries it.
    let away = bb.receive(ANN, &dm(ANN), "sent while you were away");
    assert_eq!(emit(&url, "new-message", &away).await, None, "nobody listens");
    let _gw = Gateway::start(&env).await;
    eventually("both replies", async || bb.sent().len() >= 2).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let texts: Vec<String> = bb.sent().into_iter().map(|(_, m, _)| m).collect();
    assert_eq!(texts, ["echo: remember me", "echo: sent while you were away"], "each once, in order");
    assert_eq!(
        user_lines(&env, "main", &format!("agent:main:imessage:peer:{ANN}")),
        ["remember me", "sent while you were away"]
    );
    let cursor = std::fs::read_to_string(env.home.join("credentials/imessage.mac.cursor.json")).unwrap();
    let after = serde_json::from_str::<Value>(&cursor).unwrap()["after"].as_i64().unwrap();
    assert_eq!(after, away["dateCreated"].as_i64().unwrap(), "the cursor moved to the newest message");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_reply_goes_in_ordered_parts() {
    let (_llm, bb, _env, gw) = start(0).await;
    let words: Vec<String> = (0..1500).map(|i| format!("w{i:04}")).collect();
    let long = words.join(" ");
    let m = bb.receive(ANN, &dm(ANN), &long);
    assert_eq!(emit(&hook(&gw, PASSWORD), "new-message", &m).await, Some(200));
    eventually("three parts", async || bb.sent().len() == 3).await;
    let sent = bb.sent();
    assert!(sent.iter().all(|(c, m, _)| *c == dm(ANN) && m.chars().count() <= 4000), "{sent:?}");
    let joined: Vec<&str> = sent.iter().flat_map(|(_, m, _)| m.split_whitespace()).collect();
    assert_eq!(joined.join(" "), format!("echo: {long}"), "every word once, in order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_password_stops_the_account_with_a_health_error_naming_the_key() {
    let llm = FakeLlm::start(0).await;
    let bb = FakeBlueBubbles::start("the-real-password").await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &imessage(&bb, PASSWORD)));
    let _gw = Gateway::start(&env).await;
    let row = stops_with(&env, "imessage", &["channels.imessage.accounts.mac.password", "401"]).await;
    assert!(!row.to_string().contains(PASSWORD), "the password is not shown: {row}");
}
