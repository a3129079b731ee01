//! The Discord adapter against the fake Discord (Gateway v10 + REST v10 on 127.0.0.1): the
//! adapter runs as a task, the test plays the gateway by draining the inbox and acking.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openclaw::channel::discord::DiscordChannel;
use openclaw::channel::{Channel, ChannelError, ChatKind, ChatRef, Health, Outbound, outbox};
use openclaw::home::Home;
use serde_json::{Value, json};

use crate::running::{run, send, wait_for};

use crate::fake_discord::{
    BOT_ID, FakeDiscord, FakeOptions, GatewayFault, RestFault, TOKEN, dm, dm_channel_id, guild_message,
    snowflake,
};

fn settings(fake: &FakeDiscord, token: &str) -> Value {
    json!({"accounts": {"default": {"token": token, "apiBase": fake.api_base()}}})
}

fn adapter(fake: &FakeDiscord, home: &Home) -> Arc<DiscordChannel> {
    let http = openclaw::net::channel_client().unwrap();
    Arc::new(DiscordChannel::from_config("default", &settings(fake, TOKEN), http, home).unwrap())
}

async fn fast_fake() -> FakeDiscord {
    FakeDiscord::start_with(FakeOptions {
        heartbeat_interval_ms: 250,
        rate_limit: None,
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn identifies_and_maps_dms_guild_messages_and_mentions() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let ch = adapter(&fake, &Home::new(dir.path()));
    let mut r = run(&ch);
    wait_for("READY", || ch.health() == Health::Ok).await;
    let id = &fake.identifies()[0];
    assert_eq!(id["intents"], json!(37377));
    assert_eq!(id["token"], json!(TOKEN));

    fake.message_create(dm(&snowflake(), "111", "ann", "hi there"));
    let m = r.take().await;
    assert_eq!(m.chat, ChatRef { id: "111".into(), kind: ChatKind::Direct, thread: None });
    assert_eq!((m.sender.id.as_str(), m.sender.username.as_deref()), ("111", Some("ann")));
    assert!(m.addressed && m.text == "hi there" && m.id.starts_with("discord:default:"));

    fake.message_create(guild_message(&snowflake(), "5", "77", "222", "bob", "just chatting", false));
    let m = r.take().await;
    assert_eq!(m.chat, ChatRef { id: "77".into(), kind: ChatKind::Channel, thread: None });
    assert!(!m.addressed, "a guild message without a mention does not address the bot");

    fake.message_create(guild_message(&snowflake(), "5", "77", "222", "bob", "what time is it?", true));
    let m = r.take().await;
    assert!(m.addressed);
    assert_eq!(m.text, "what time is it?", "the mention is stripped");

    // A reply to one of the bot's messages addresses it too.
    let mut reply = guild_message(&snowflake(), "5", "77", "222", "bob", "and tomorrow?", false);
    reply["type"] = json!(19);
    reply["referenced_message"] =
        json!({"id": "1", "author": {"id": BOT_ID, "username": "clawbot", "bot": true}});
    fake.message_create(reply);
    assert!(r.take().await.addressed);

    // Other bots (and the bot itself) are not heard.
    let mut other_bot = guild_message(&snowflake(), "5", "77", "333", "otherbot", "beep", true);
    other_bot["author"]["bot"] = json!(true);
    fake.message_create(other_bot);
    fake.message_create(dm(&snowflake(), "111", "ann", "still here"));
    assert_eq!(r.take().await.text, "still here");
    r.stop().await.unwrap();
    assert!(
        !fake.close_codes().contains(&1000),
        "shutdown keeps the session resumable: {:?}",
        fake.close_codes()
    );
}

#[tokio::test]
async fn a_dropped_socket_is_resumed_without_losing_or_repeating_a_message() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let ch = adapter(&fake, &Home::new(dir.path()));
    let mut r = run(&ch);
    fake.message_create(dm(&snowflake(), "111", "ann", "one"));
    assert_eq!(r.take().await.text, "one");
    fake.fault(GatewayFault::DropSocket);
    // Dispatched while the socket is down: kept in the session's log for the RESUME.
    fake.message_create(dm(&snowflake(), "111", "ann", "two"));
    fake.message_create(dm(&snowflake(), "111", "ann", "three"));
    assert_eq!(r.take().await.text, "two");
    assert_eq!(r.take().await.text, "three");
    r.nothing_within(Duration::from_millis(600)).await;
    assert_eq!(fake.identifies().len(), 1, "resumed, not identified again");
    assert_eq!(fake.resumes().len(), 1);
    assert_eq!(fake.resumes()[0]["session_id"], json!(fake.session_id().unwrap()));
    r.stop().await.unwrap();
}

#[tokio::test]
async fn a_restarted_adapter_resumes_from_its_cursor() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let ch = adapter(&fake, &home);
    let mut r = run(&ch);
    fake.message_create(dm(&snowflake(), "111", "ann", "before"));
    assert_eq!(r.take().await.text, "before");
    r.stop().await.unwrap();
    fake.message_create(dm(&snowflake(), "111", "ann", "while away"));
    // A new process: a new adapter over the same home.
    let ch = adapter(&fake, &home);
    let mut r = run(&ch);
    assert_eq!(r.take().await.text, "while away");
    r.nothing_within(Duration::from_millis(500)).await;
    assert_eq!((fake.identifies().len(), fake.resumes().len()), (1, 1));
    r.stop().await.unwrap();
}

#[tokio::test]
async fn an_invalid_session_is_identified_afresh() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let ch = adapter(&fake, &Home::new(dir.path()));
    let mut r = run(&ch);
    wait_for("READY", || ch.health() == Health::Ok).await;
    fake.fault(GatewayFault::InvalidSession(false));
    wait_for("a second IDENTIFY", || fake.identifies().len() == 2).await;
    fake.message_create(dm(&snowflake(), "111", "ann", "after"));
    assert_eq!(r.take().await.text, "after");
    assert!(fake.resumes().is_empty(), "a dead session is not resumed");
    r.stop().await.unwrap();
}

#[tokio::test]
async fn a_missed_heartbeat_ack_reconnects_and_resumes() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let ch = adapter(&fake, &Home::new(dir.path()));
    let mut r = run(&ch);
    wait_for("READY", || ch.health() == Health::Ok).await;
    wait_for("a heartbeat", || fake.heartbeats() >= 1).await;
    fake.fault(GatewayFault::StopAckingHeartbeats);
    wait_for("a reconnect", || fake.resumes().len() == 1).await;
    let codes = fake.close_codes();
    assert!(
        !codes.is_empty() && !codes.contains(&1000) && !codes.contains(&1001),
        "zombie closed with {codes:?}"
    );
    fake.message_create(dm(&snowflake(), "111", "ann", "alive?"));
    assert_eq!(r.take().await.text, "alive?");
    r.stop().await.unwrap();
}

#[tokio::test]
async fn close_4004_stops_the_account_and_health_says_why() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let http = openclaw::net::channel_client().unwrap();
    let wrong = "wrong-SECRET-token";
    // With gatewayUrl set, the token first meets the gateway (not GET /gateway/bot, which says 401).
    let mut s = settings(&fake, wrong);
    s["accounts"]["default"]["gatewayUrl"] = json!(fake.gateway_url());
    let ch = Arc::new(DiscordChannel::from_config("default", &s, http, &Home::new(dir.path())).unwrap());
    let r = run(&ch);
    let err = tokio::time::timeout(Duration::from_secs(10), r.task)
        .await
        .expect("stops by itself")
        .unwrap()
        .unwrap_err();
    assert!(matches!(err, ChannelError::Config { .. }), "{err:?}");
    match ch.health() {
        Health::Failing { error } => {
            assert!(
                error.contains("4004") && error.contains("channels.discord.accounts.default.token"),
                "{error}"
            );
            assert!(!error.contains("SECRET"), "{error}");
        }
        other => panic!("expected Failing, got {other:?}"),
    }
    assert_eq!(fake.connections(), 1, "no reconnect loop after 4004");
}

#[tokio::test]
async fn long_replies_go_in_ordered_parts_without_pings_and_429s_are_waited_out() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let ch = adapter(&fake, &home);
    let mut r = run(&ch);
    fake.message_create(dm(&snowflake(), "111", "ann", "tell me a long story"));
    let m = r.take().await;
    let words: Vec<String> = (0..715).map(|i| format!("w{i:05}")).collect();
    let mut text = format!("@everyone <@&123> {}", words.join(" "));
    text.truncate(5000);
    assert_eq!(text.chars().count(), 5000);
    fake.rest_fault("POST", "/api/v10/channels/", RestFault::RateLimited { retry_after: 1.0, global: false });
    let started = Instant::now();
    let out = Outbound { chat: m.chat.clone(), text: text.clone(), reply_to: m.message_id.clone() };
    let ids = send(&ch, &home, out).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "the 429's retry_after was waited out");
    assert_eq!(ids.len(), 3);
    let sent = fake.sent_messages();
    assert_eq!(sent.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), ids);
    for s in &sent {
        assert_eq!(s.channel_id, dm_channel_id("111"));
        assert_eq!(s.body["allowed_mentions"], json!({"parse": [], "replied_user": false}));
        assert!(s.body["content"].as_str().unwrap().encode_utf16().count() <= 2000);
    }
    assert_eq!(sent[0].body["message_reference"]["message_id"], json!(m.message_id.unwrap()));
    assert!(
        sent[1].body.get("message_reference").is_none() && sent[2].body.get("message_reference").is_none()
    );
    let joined: Vec<&str> = sent.iter().map(|s| s.body["content"].as_str().unwrap()).collect();
    assert_eq!(joined.join(" "), text, "in order, nothing lost");
    r.stop().await.unwrap();
}

#[tokio::test]
async fn a_refused_send_is_not_retried_and_becomes_a_dead_letter() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let ch = adapter(&fake, &home);
    fake.add_channel(json!({"id": "77", "type": 0, "guild_id": "5", "name": "general"}));
    fake.rest_fault(
        "POST",
        "/api/v10/channels/77/messages",
        RestFault::Status(403, json!({"message": "Missing Permissions", "code": 50013})),
    );
    let out = Outbound {
        chat: ChatRef { id: "77".into(), kind: ChatKind::Channel, thread: None },
        text: "hello".into(),
        reply_to: None,
    };
    let err = send(&ch, &home, out).await.unwrap_err();
    assert!(err.to_string().contains("Missing Permissions"), "{err}");
    let posts =
        fake.rest_calls().into_iter().filter(|c| c.method == "POST" && c.path.ends_with("/messages")).count();
    assert_eq!(posts, 1, "a 403 is not retried");
    let id = err.dead_letter.clone().expect("kept as a dead letter");
    let (letters, _) = openclaw::channel::deadletter::open(&home).unwrap();
    assert_eq!(letters.len(), 1);
    assert_eq!(
        (letters[0].id.as_str(), letters[0].parts.as_slice()),
        (id.as_str(), &["hello".to_string()][..])
    );
    // Resent once the permission is fixed; the letter closes.
    let channels: indexmap::IndexMap<String, Value> =
        serde_json::from_value(json!({"discord": settings(&fake, TOKEN)})).unwrap();
    let delivered = outbox::resend(&home, &channels, &id).await.unwrap();
    assert_eq!(delivered.message_ids.len(), 1);
    assert!(openclaw::channel::deadletter::open(&home).unwrap().0.is_empty());
}
