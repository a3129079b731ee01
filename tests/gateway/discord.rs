//! The whole path from a (fake) Discord through routing and turns back to the channel, next to
//! Telegram and the web chat in one gateway.

use std::time::Duration;

use serde_json::{Value, json};

use crate::botapi::FakeBot;
use crate::fake_discord::{FakeDiscord, FakeOptions, TOKEN, dm, dm_channel_id, guild_message, snowflake};
use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config, eventually, lines, user_lines};
use crate::harness::Env;

fn discord(fake: &FakeDiscord) -> String {
    format!(
        r#"channels: {{ discord: {{ dmPolicy: "open", accounts: {{ default: {{ token: "{TOKEN}", apiBase: "{}" }} }} }} }},"#,
        fake.api_base()
    )
}

async fn fake() -> FakeDiscord {
    FakeDiscord::start_with(FakeOptions { heartbeat_interval_ms: 1000, ..Default::default() }).await
}

/// `(channel id, content)` of every message the bot sent.
fn sent(fake: &FakeDiscord) -> Vec<(String, String)> {
    fake.sent_messages()
        .into_iter()
        .map(|m| (m.channel_id, m.body["content"].as_str().unwrap_or_default().to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_users_reach_their_agents_and_guild_mentions_are_answered() {
    let llm = FakeLlm::start(0).await;
    let fake = fake().await;
    let env = Env::init();
    let cfg = config(llm.port, &discord(&fake)).replace(
        "agents: { main: {} }",
        r#"agents: { main: {}, work: { bindings: [{ channel: "discord", peer: "bo*" }] } }"#,
    );
    env.write("gateway.json5", &cfg);
    let gw = Gateway::start(&env).await;
    fake.message_create(dm(&snowflake(), "111", "ann", "hi from ann"));
    fake.message_create(dm(&snowflake(), "222", "bob", "hi from bob"));
    eventually("two replies", async || sent(&fake).len() == 2).await;
    let mut got = sent(&fake);
    got.sort();
    let mut want = vec![
        (dm_channel_id("111"), "echo: hi from ann".to_string()),
        (dm_channel_id("222"), "echo: hi from bob".to_string()),
    ];
    want.sort();
    assert_eq!(got, want);
    assert_eq!(user_lines(&env, "main", "agent:main:discord:peer:111"), ["hi from ann"]);
    assert_eq!(user_lines(&env, "work", "agent:work:discord:peer:222"), ["hi from bob"], "bound by handle");

    // In a guild channel: a message without a mention is not answered, one with a mention is.
    fake.message_create(guild_message(&snowflake(), "5", "77", "111", "ann", "just chatting", false));
    fake.message_create(guild_message(&snowflake(), "5", "77", "111", "ann", "are you there?", true));
    eventually("the mention's reply", async || sent(&fake).len() == 3).await;
    assert_eq!(sent(&fake)[2], ("77".to_string(), "echo: are you there?".to_string()));
    assert_eq!(user_lines(&env, "main", "agent:main:discord:channel:77"), ["are you there?"]);
    assert_eq!(llm.calls(), 3, "the unaddressed message never reached the model");
    // Each delivery is in the transcript with the service's message id. The delivery line is
    // written after Discord answered the send, so the fake may see the message first.
    let deliveries = || -> Vec<Value> {
        lines(&env, "main", "agent:main:discord:channel:77")
            .into_iter()
            .filter(|v| v["type"] == "delivery")
            .collect()
    };
    eventually("the delivery line", async || !deliveries().is_empty()).await;
    let delivery = deliveries();
    assert_eq!(delivery.len(), 1, "{delivery:?}");
    assert_eq!(delivery[0]["messageIds"], json!([fake.sent_messages()[2].id]));
    let (_, status) = gw.get("/api/status").await;
    let dc =
        status["channels"].as_array().unwrap().iter().find(|c| c["channel"] == "discord").cloned().unwrap();
    assert_eq!(dc["health"]["state"], "ok", "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_turn_then_restart_answers_exactly_once() {
    let llm = FakeLlm::start(1500).await;
    let fake = fake().await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &discord(&fake)));
    let mut gw = Gateway::start(&env).await;
    fake.message_create(dm(&snowflake(), "111", "ann", "remember me"));
    eventually("the model call", async || llm.calls() == 1).await;
    let mut child = gw.child.take().unwrap();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(sent(&fake).is_empty());
    let _gw = Gateway::start(&env).await;
    eventually("the reply after the restart", async || !sent(&fake).is_empty()).await;
    // Give a duplicate time to show up, then check there is none.
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(sent(&fake), [(dm_channel_id("111"), "echo: remember me".to_string())]);
    assert_eq!(user_lines(&env, "main", "agent:main:discord:peer:111"), ["remember me"]);
    assert_eq!(fake.identifies().len(), 1, "the restarted gateway resumed the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_telegram_and_the_web_chat_share_one_gateway_and_its_outbox() {
    let llm = FakeLlm::start(0).await;
    let fake = fake().await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    let channels = format!(
        r#"channels: {{ webchat: {{ enabled: true }},
            discord: {{ dmPolicy: "open", accounts: {{ default: {{ token: "{TOKEN}", apiBase: "{}" }},
                                                      broken: {{ token: "wrong", apiBase: "{}", gatewayUrl: "{}" }} }} }},
            telegram: {{ enabled: false, accounts: {{ default: {{ botToken: "1:x", apiBase: "{}" }} }} }},
            icq: {{ accounts: {{ default: {{ botToken: "x" }} }} }} }},"#,
        fake.api_base(),
        fake.api_base(),
        fake.gateway_url(),
        bot.base
    );
    env.write("gateway.json5", &config(llm.port, &channels));
    let gw = Gateway::start(&env).await;
    // `send --channel` goes through the running gateway: the same account, the same lane.
    eventually("discord/default ok", async || {
        let (_, v) = gw.get("/api/channels").await;
        v["channels"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["account"] == "default" && c["health"]["state"] == "ok")
    })
    .await;
    fake.add_channel(json!({"id": "77", "type": 0, "guild_id": "5", "name": "general"}));
    let connections = fake.connections();
    let out = env.run(&["-v", "send", "--channel", "discord", "--to", "channel:77", "the backup finished"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("via the gateway"), "{}", out.stderr);
    assert!(
        out.stdout.starts_with("sent to discord:channel:77 from account default (message id "),
        "{}",
        out.stdout
    );
    assert_eq!(sent(&fake), [("77".to_string(), "the backup finished".to_string())]);
    assert_eq!(fake.connections(), connections, "no second gateway connection for the send");
    assert!(bot.calls("getUpdates").is_empty() && bot.calls("getMe").is_empty(), "telegram is disabled");

    let ls = env.run(&["channel", "ls", "--json"]);
    assert_eq!(ls.code, 0, "{}", ls.stderr);
    let rows: Vec<Value> = serde_json::from_str(&ls.stdout).unwrap();
    let row = |account: &str| rows.iter().find(|r| r["account"] == account).cloned().unwrap_or_default();
    assert_eq!(row("default")["health"]["state"], "ok", "{rows:?}");
    eventually("the broken account stops", async || {
        let ls = env.run(&["channel", "ls", "--json"]);
        let rows: Vec<Value> = serde_json::from_str(&ls.stdout).unwrap_or_default();
        rows.iter()
            .any(|r| r["account"] == "broken" && r["lastError"].as_str().is_some_and(|e| e.contains("4004")))
    })
    .await;
    let icq = row("*");
    assert_eq!(icq["channel"], "icq");
    assert!(icq["lastError"].as_str().unwrap().contains("not supported by this build"), "{icq}");
    assert!(!rows.iter().any(|r| r["channel"] == "telegram"), "a disabled channel has no accounts: {rows:?}");
    // The row names the channel; its error does not say it again.
    let human = env.run(&["channel", "ls"]);
    let broken: Vec<&str> = human.stdout.lines().filter(|l| l.contains(" broken ")).collect();
    assert_eq!(
        broken,
        ["discord  broken   failing  0         channels.discord.accounts.broken.token was rejected by \
          Discord's gateway (close 4004 authentication failed: Authentication failed.); check the bot token"],
        "{}",
        human.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_kill_9s_leave_no_message_unanswered_and_none_answered_twice() {
    const KILLS: usize = 50;
    let llm = FakeLlm::start(0).await;
    let fake = FakeDiscord::start_with(FakeOptions {
        heartbeat_interval_ms: 1000,
        rate_limit: None,
        ..Default::default()
    })
    .await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &discord(&fake)));
    // Replies of two parts each (the echo of a 2,500-character message), so a kill can fall
    // between the parts of one reply as well as between the reply and its record.
    let text = |i: usize| {
        let words: Vec<String> = (0..300).map(|w| format!("m{i:02}w{w:03}")).collect();
        words.join(" ")
    };
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for i in 0..KILLS {
        let mut gw = Gateway::start(&env).await;
        fake.message_create(dm(&snowflake(), "111", "ann", &text(i)));
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        tokio::time::sleep(Duration::from_millis(seed % 120)).await;
        let mut child = gw.child.take().unwrap();
        child.kill().unwrap(); // SIGKILL, at a different point of the message's path each time
        child.wait().unwrap();
    }
    let _gw = Gateway::start(&env).await;
    // Every message gets its two parts delivered, and no part of any reply is sent twice: the
    // transcript records each part once, and the service saw each recorded message id once.
    let deliveries = || {
        let mut parts: std::collections::BTreeMap<String, Vec<u64>> = Default::default();
        for l in lines(&env, "main", "agent:main:discord:peer:111") {
            if l["type"] == "delivery" && l["error"].is_null() {
                parts
                    .entry(l["inboundId"].as_str().unwrap_or_default().to_string())
                    .or_default()
                    .push(l["part"].as_u64().unwrap_or(99));
            }
        }
        parts
    };
    eventually("every message answered", async || {
        let d = deliveries();
        d.len() == KILLS && d.values().all(|p| p.len() >= 2)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    for (id, mut parts) in deliveries() {
        parts.sort();
        assert_eq!(parts, [0, 1], "message {id}: parts recorded {parts:?}");
    }
    assert_eq!(sent(&fake).len(), 2 * KILLS, "one message on Discord per recorded part");
    assert_eq!(
        user_lines(&env, "main", "agent:main:discord:peer:111").len(),
        KILLS,
        "each message taken in once"
    );
}
