//! The whole path from a (fake) Telegram Bot API through routing and turns back to the chat.

use std::time::Duration;

use serde_json::json;

use crate::botapi::{FakeBot, TOKEN, dm};
use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config, eventually, user_lines};
use crate::harness::Env;

fn telegram(bot: &FakeBot, extra: &str) -> String {
    format!(
        r#"channels: {{ telegram: {{ dmPolicy: "open", {extra} accounts: {{ default: {{ botToken: "{TOKEN}", apiBase: "{}", pollTimeoutSeconds: 1 }} }} }} }},"#,
        bot.base
    )
}

/// `(chat_id, text)` of every sendMessage call.
fn sent(bot: &FakeBot) -> Vec<(i64, String)> {
    bot.calls("sendMessage")
        .into_iter()
        .map(|c| (c.body["chat_id"].as_i64().unwrap_or(0), c.body["text"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_peers_reach_their_agents_and_replies_go_back_to_their_chats() {
    let llm = FakeLlm::start(0).await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    let cfg = config(llm.port, &telegram(&bot, "")).replace(
        "agents: { main: {} }",
        r#"agents: { main: {}, work: { bindings: [{ channel: "telegram", peer: "222" }] } }"#,
    );
    env.write("gateway.json5", &cfg);
    let gw = Gateway::start(&env).await;
    bot.push(dm(1, 111, "hi from 111"));
    bot.push(dm(2, 222, "hi from 222"));
    eventually("two replies", async || sent(&bot).len() == 2).await;
    let mut got = sent(&bot);
    got.sort();
    assert_eq!(got, [(111, "echo: hi from 111".to_string()), (222, "echo: hi from 222".to_string())]);
    assert_eq!(user_lines(&env, "main", "agent:main:telegram:peer:111"), ["hi from 111"]);
    assert_eq!(user_lines(&env, "work", "agent:work:telegram:peer:222"), ["hi from 222"]);
    let (_, status) = gw.get("/api/status").await;
    assert_eq!(status["channels"][0]["channel"], "telegram");
    assert_eq!(status["channels"][0]["health"]["state"], "ok", "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_turn_then_restart_answers_the_message_exactly_once() {
    let llm = FakeLlm::start(1500).await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &telegram(&bot, "")));
    let mut gw = Gateway::start(&env).await;
    bot.push(dm(1, 111, "remember me"));
    eventually("the model call", async || llm.calls() == 1).await;
    let mut child = gw.child.take().unwrap();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(sent(&bot).is_empty());
    let _gw = Gateway::start(&env).await;
    eventually("the reply after the restart", async || !sent(&bot).is_empty()).await;
    // Give a duplicate time to show up, then check there is none.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sent(&bot), [(111, "echo: remember me".to_string())]);
    assert_eq!(user_lines(&env, "main", "agent:main:telegram:peer:111"), ["remember me"]);
    // The done mark follows the delivery.
    eventually("the message marked done", async || env.read("gateway/inbox.jsonl").contains(r#"{"done":"#))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_sender_gets_a_pairing_code_instead_of_the_agent() {
    let llm = FakeLlm::start(0).await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    env.write(
        "gateway.json5",
        &config(llm.port, &telegram(&bot, "").replace("dmPolicy: \"open\"", "dmPolicy: \"pairing\"")),
    );
    let _gw = Gateway::start(&env).await;
    bot.push(dm(1, 333, "let me in"));
    eventually("the pairing reply", async || !sent(&bot).is_empty()).await;
    let (chat, text) = &sent(&bot)[0];
    assert_eq!(*chat, 333);
    assert!(text.contains("openclaw pairing approve telegram"), "{text}");
    assert_eq!(llm.calls(), 0);
}

/// Issue #9: `@jonas_phone`, whose display name is "Jonas", is bound by `peer: "jonas_*"`; the
/// gateway offered only the display name to the glob, so he reached the default agent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_glob_on_the_telegram_username_routes_to_its_agent() {
    let llm = FakeLlm::start(0).await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    let cfg = config(llm.port, &telegram(&bot, "")).replace(
        "agents: { main: {} }",
        r#"agents: { main: {}, jarvis: { bindings: [{ channel: "telegram", peer: "jonas_*" }] } }"#,
    );
    env.write("gateway.json5", &cfg);
    let _gw = Gateway::start(&env).await;
    bot.push(json!({"update_id": 1, "message": {"message_id": 10, "date": 0, "text": "hi, it's Jonas",
        "from": {"id": 7001, "is_bot": false, "first_name": "Jonas", "username": "jonas_phone"},
        "chat": {"id": 7001, "type": "private", "first_name": "Jonas"}}}));
    eventually("the reply", async || !sent(&bot).is_empty()).await;
    assert_eq!(sent(&bot), [(7001, "echo: hi, it's Jonas".to_string())]);
    assert_eq!(user_lines(&env, "jarvis", "agent:jarvis:telegram:peer:7001"), ["hi, it's Jonas"]);
    assert!(user_lines(&env, "main", "agent:main:telegram:peer:7001").is_empty());
}

/// A storage failure in the middle of a turn is not the user's problem: the message stays in the
/// journal, unanswered, and is answered once the disk works again (here: after a restart).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storage_failure_keeps_the_message_in_the_journal_for_a_retry() {
    let llm = FakeLlm::start(0).await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &telegram(&bot, "")));
    // A file where the transcripts folder belongs, once the gateway runs: every transcript
    // write fails (as root too).
    let home = openclaw::home::Home::new(&env.home);
    let transcripts = home.transcript_path("main", "x").parent().unwrap().to_path_buf();
    let mut gw = Gateway::start(&env).await;
    let _ = std::fs::remove_dir_all(&transcripts);
    std::fs::write(&transcripts, "not a folder").unwrap();
    bot.push(dm(1, 111, "still there?"));
    eventually("the failed turn", async || gw.log_text().contains("kept in the journal")).await;
    assert_eq!(sent(&bot), [], "no apology: the message is not done");
    let journal = std::fs::read_to_string(env.home.join("gateway/inbox.jsonl")).unwrap();
    assert!(journal.contains("still there?") && !journal.contains("\"done\""), "{journal}");
    assert_eq!(gw.terminate().await, 0);

    std::fs::remove_file(&transcripts).unwrap();
    let _gw = Gateway::start(&env).await;
    eventually("the reply after the disk came back", async || !sent(&bot).is_empty()).await;
    assert_eq!(sent(&bot), [(111, "echo: still there?".to_string())]);
}

/// An access check that cannot read its files (here the approved-senders file is a folder; in
/// the field, no file descriptors left) neither drops the message nor lets it in: it stays in
/// the journal and is handled once the file can be read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_access_policy_keeps_the_message_in_the_journal() {
    let llm = FakeLlm::start(0).await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    let cfg = config(llm.port, &telegram(&bot, "")).replace(r#"dmPolicy: "open""#, r#"dmPolicy: "pairing""#);
    env.write("gateway.json5", &cfg);
    let allow = env.home.join("credentials/telegram-allowFrom.json");
    std::fs::create_dir_all(&allow).unwrap();
    let mut gw = Gateway::start(&env).await;
    bot.push(dm(1, 111, "let me in"));
    eventually("the failed check", async || gw.log_text().contains("kept in the journal")).await;
    assert_eq!(sent(&bot), [], "neither a pairing code nor a reply");
    let journal = std::fs::read_to_string(env.home.join("gateway/inbox.jsonl")).unwrap();
    assert!(journal.contains("let me in") && !journal.contains("\"done\""), "{journal}");
    assert_eq!(gw.terminate().await, 0);

    std::fs::remove_dir(&allow).unwrap();
    let _gw = Gateway::start(&env).await;
    eventually("the pairing code", async || !sent(&bot).is_empty()).await;
    let got = sent(&bot);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, 111);
    assert!(got[0].1.to_lowercase().contains("pair"), "{got:?}");
}

/// Messages of one chat that arrive together take their turns in the order they were sent,
/// however the tasks handling them are scheduled (each had its own task, and on a busy machine
/// a later one could reach the session's queue first).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_from_one_chat_is_answered_in_the_order_it_was_sent() {
    let llm = FakeLlm::start(0).await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &telegram(&bot, "")));
    let texts: Vec<String> = (0..40).map(|i| format!("message {i}")).collect();
    for (i, text) in texts.iter().enumerate() {
        bot.push(dm(i as i64 + 1, 111, text));
    }
    let _gw = Gateway::start(&env).await;
    eventually("every reply", async || sent(&bot).len() >= texts.len()).await;
    assert_eq!(user_lines(&env, "main", "agent:main:telegram:peer:111"), texts);
    let replies: Vec<String> = sent(&bot).into_iter().map(|(_, t)| t).collect();
    let expected: Vec<String> = texts.iter().map(|t| format!("echo: {t}")).collect();
    assert_eq!(replies, expected);
}
