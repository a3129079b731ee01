use std::sync::Arc;
use std::time::{Duration, Instant};

use openclaw::channel::telegram::TelegramChannel;
use openclaw::channel::{
    Channel, ChannelError, ChatKind, ChatRef, Delivery, Health, Inbox, Outbound, outbox,
};
use openclaw::home::Home;
use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use crate::botapi::{BOT_ID, BOT_USERNAME, FakeBot, Fault, TOKEN};

fn settings(base: &str, token: &str) -> Value {
    json!({"accounts": {"default": {"botToken": token, "apiBase": base, "pollTimeoutSeconds": 1}}})
}

fn adapter(bot: &FakeBot, home: &Home) -> Arc<TelegramChannel> {
    let http = openclaw::provider::http_client(&Default::default()).unwrap();
    Arc::new(TelegramChannel::from_config("default", &settings(&bot.base, TOKEN), http, home).unwrap())
}

/// Sends `out` the way every sender does: through the outbox (split once, retried once).
async fn send(ch: &Arc<TelegramChannel>, home: &Home, out: &Outbound) -> Result<Vec<String>, ChannelError> {
    let adapter: Arc<dyn Channel> = ch.clone();
    let req = outbox::Request {
        channel: "telegram".into(),
        account: None,
        out: out.clone(),
        origin: outbox::Origin::Cli,
        session: None,
        inbound_id: None,
        skip_parts: 0,
    };
    outbox::send_through(home, &adapter, req).await.map(|d| d.message_ids).map_err(|e| e.error)
}

struct Running {
    task: JoinHandle<Result<(), ChannelError>>,
    stop: watch::Sender<bool>,
    rx: mpsc::Receiver<Delivery>,
}

fn run(ch: &Arc<TelegramChannel>) -> Running {
    let (inbox, rx) = Inbox::channel(16);
    let (stop, shutdown) = watch::channel(false);
    let ch = ch.clone();
    let task = tokio::spawn(async move { ch.run(inbox, shutdown).await });
    Running { task, stop, rx }
}

impl Running {
    async fn next(&mut self) -> Delivery {
        tokio::time::timeout(Duration::from_secs(15), self.rx.recv())
            .await
            .expect("no message within 15 s")
            .expect("inbox closed")
    }

    /// Receives one message and acknowledges it as journaled.
    async fn take(&mut self) -> openclaw::channel::InboundMessage {
        let d = self.next().await;
        d.ack.send(Ok(())).unwrap();
        d.message
    }

    async fn stop(self) -> Result<(), ChannelError> {
        self.stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(5), self.task).await.expect("run did not stop").unwrap()
    }
}

fn from(id: i64, name: &str) -> Value {
    json!({"id": id, "is_bot": false, "first_name": name, "username": name.to_lowercase()})
}

fn dm(update_id: i64, sender: i64, text: &str) -> Value {
    json!({"update_id": update_id, "message": {"message_id": update_id * 10, "date": 0, "text": text,
        "from": from(sender, "Ann"), "chat": {"id": sender, "type": "private", "first_name": "Ann"}}})
}

fn group(update_id: i64, text: &str, extra: Value) -> Value {
    let mut m = json!({"message_id": update_id * 10, "date": 0, "text": text, "from": from(7, "Bob"),
        "chat": {"id": -1001, "type": "supergroup", "title": "Team"}});
    if let (Some(m), Some(extra)) = (m.as_object_mut(), extra.as_object()) {
        m.extend(extra.clone());
    }
    json!({"update_id": update_id, "message": m})
}

async fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(15), "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn maps_direct_and_group_messages() {
    let bot = FakeBot::start().await;
    let home = tempfile::tempdir().unwrap();
    let ch = adapter(&bot, &Home::new(home.path()));
    let mut r = run(&ch);
    bot.push(dm(1, 42, "hello there"));
    bot.push(group(2, "just chatting", json!({})));
    bot.push(group(3, &format!("@{BOT_USERNAME} what time is it?"), json!({})));
    bot.push(group(
        4,
        "and tomorrow?",
        json!({"reply_to_message": {"message_id": 5, "from": {"id": BOT_ID}}}),
    ));
    bot.push(group(
        5,
        &format!("/status@{BOT_USERNAME}"),
        json!({"message_thread_id": 77, "is_topic_message": true}),
    ));
    bot.push(group(6, "reply to a human", json!({"reply_to_message": {"message_id": 6, "from": {"id": 8}}})));

    let m = r.take().await;
    assert_eq!(m.id, "telegram:default:1");
    assert_eq!((m.channel.as_str(), m.account_id.as_str()), ("telegram", "default"));
    assert_eq!(m.chat, ChatRef { id: "42".into(), kind: ChatKind::Direct, thread: None });
    assert_eq!((m.sender.id.as_str(), m.sender.username.as_deref()), ("42", Some("ann")));
    assert_eq!((m.text.as_str(), m.addressed, m.message_id.as_deref()), ("hello there", true, Some("10")));

    let mut got = Vec::new();
    for _ in 0..5 {
        let m = r.take().await;
        assert_eq!(m.chat.kind, ChatKind::Group);
        assert_eq!(m.chat.id, "-1001");
        assert_eq!(m.sender.id, "7");
        got.push((m.id, m.text, m.addressed, m.chat.thread));
    }
    let want = vec![
        ("telegram:default:2", "just chatting", false, None),
        ("telegram:default:3", "what time is it?", true, None),
        ("telegram:default:4", "and tomorrow?", true, None),
        ("telegram:default:5", "/status", true, Some("77")),
        ("telegram:default:6", "reply to a human", false, None),
    ];
    let want: Vec<(String, String, bool, Option<String>)> =
        want.into_iter().map(|(a, b, c, d)| (a.into(), b.into(), c, d.map(Into::into))).collect();
    assert_eq!(got, want);
    assert_eq!(ch.health(), Health::Ok);
    assert_eq!(ch.bot_username().as_deref(), Some(BOT_USERNAME));
    r.stop().await.unwrap();
    assert_eq!(ch.health(), Health::Stopped);

    // Every poll asked only for messages.
    let polls = bot.calls("getUpdates");
    assert!(polls.iter().all(|c| c.body["allowed_updates"] == json!(["message"])));
    assert!(polls.iter().all(|c| c.body["timeout"] == json!(1)));
}

fn committed_offset(home: &std::path::Path) -> Option<String> {
    std::fs::read_to_string(home.join("credentials/telegram.default.offset")).ok()
}

#[tokio::test]
async fn offset_is_committed_only_after_the_ack() {
    let bot = FakeBot::start().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());

    // Killed while the gateway still journals the message: nothing is committed.
    let ch = adapter(&bot, &home);
    let mut r = run(&ch);
    bot.push(dm(10, 42, "first"));
    let d = r.next().await;
    assert_eq!(d.message.id, "telegram:default:10");
    r.task.abort();
    drop(d);
    assert_eq!(committed_offset(dir.path()), None);

    // The gateway refuses the message (journal failed): run ends with that error, no commit.
    let ch = adapter(&bot, &home);
    let mut r = run(&ch);
    let d = r.next().await;
    assert_eq!(d.message.id, "telegram:default:10", "redelivered with the same id");
    d.ack
        .send(Err(ChannelError::Transport { channel: "gateway".into(), message: "disk full".into() }))
        .unwrap();
    let err = tokio::time::timeout(Duration::from_secs(5), r.task).await.unwrap().unwrap().unwrap_err();
    assert_eq!(err.to_string(), "gateway: disk full");
    assert!(matches!(ch.health(), Health::Failing { .. }));
    assert_eq!(committed_offset(dir.path()), None);

    // Acknowledged: committed on disk (0600) and with Telegram through the next poll.
    let ch = adapter(&bot, &home);
    let mut r = run(&ch);
    assert_eq!(r.take().await.id, "telegram:default:10");
    wait_for("the offset file", || committed_offset(dir.path()).as_deref() == Some("11\n")).await;
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(dir.path().join("credentials/telegram.default.offset")).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    wait_for("a poll with offset 11", || bot.calls("getUpdates").iter().any(|c| c.body["offset"] == 11))
        .await;
    bot.push(dm(11, 42, "second"));
    assert_eq!(r.take().await.text, "second");
    wait_for("offset 12 on disk", || committed_offset(dir.path()).as_deref() == Some("12\n")).await;
    r.stop().await.unwrap();

    // A restart resumes from the committed offset: nothing acknowledged comes again.
    bot.push(dm(12, 42, "third"));
    let ch = adapter(&bot, &home);
    let mut r = run(&ch);
    assert_eq!(r.take().await.id, "telegram:default:12");
    r.stop().await.unwrap();
    let first_poll_of_last_run = bot.calls("getUpdates").into_iter().rev().find(|c| c.body["offset"] == 12);
    assert!(first_poll_of_last_run.is_some());
}

#[tokio::test]
async fn waits_out_429_and_survives_5xx_and_dropped_connections() {
    let bot = FakeBot::start().await;
    let dir = tempfile::tempdir().unwrap();
    let ch = adapter(&bot, &Home::new(dir.path()));
    bot.fail_next("getUpdates", Fault::too_many(2));
    bot.fail_next("getUpdates", Fault::bad_gateway());
    bot.fail_next("getUpdates", Fault::Drop);
    bot.push(dm(1, 42, "still there?"));
    let started = Instant::now();
    let mut r = run(&ch);
    wait_for("the 429", || !bot.calls("getUpdates").is_empty()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    match ch.health() {
        Health::Failing { error } => assert!(error.contains("rate limited"), "{error}"),
        other => panic!("expected Failing during the 429 wait, got {other:?}"),
    }
    assert_eq!(r.take().await.text, "still there?");
    let polls = bot.calls("getUpdates");
    assert!(polls.len() >= 4, "429, 502, drop, success: {} polls", polls.len());
    let waited = polls[1].at - polls[0].at;
    assert!(waited >= Duration::from_secs(2), "retry_after 2 s honoured, waited {waited:?}");
    assert!(started.elapsed() < Duration::from_secs(8), "backoff stays short: {:?}", started.elapsed());
    wait_for("health back to Ok", || ch.health() == Health::Ok).await;
    r.stop().await.unwrap();
}

#[tokio::test]
async fn long_replies_are_split_in_order_and_thread_to_the_original() {
    let bot = FakeBot::start().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let ch = adapter(&bot, &home);
    let words: Vec<String> = (0..1250).map(|i| format!("w{i:06}")).collect();
    let text = words.join(" ");
    assert_eq!(text.len(), 9999);
    bot.fail_next("sendMessage", Fault::too_many(1));
    bot.fail_next("sendMessage", Fault::bad_gateway());
    let chat = ChatRef { id: "-1001".into(), kind: ChatKind::Group, thread: Some("77".into()) };
    let out = Outbound { chat: chat.clone(), text: text.clone(), reply_to: Some("50".into()) };
    let sent = send(&ch, &home, &out).await.unwrap();
    assert_eq!(sent, vec!["1001", "1002", "1003"]);

    let calls = bot.calls("sendMessage");
    assert_eq!(calls.len(), 5, "two failed attempts, then three parts");
    let parts: Vec<&Value> = calls[2..].iter().map(|c| &c.body).collect();
    for p in &parts {
        assert_eq!(p["chat_id"], json!(-1001));
        assert_eq!(p["message_thread_id"], json!(77));
        assert!(p["text"].as_str().unwrap().len() <= 4096);
    }
    assert_eq!(parts[0]["reply_parameters"]["message_id"], json!(50));
    assert!(parts[1].get("reply_parameters").is_none() && parts[2].get("reply_parameters").is_none());
    let joined: Vec<&str> = parts.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(joined.join(" "), text);

    ch.typing(&chat).await;
    let typing = bot.calls("sendChatAction");
    assert_eq!(typing.len(), 1);
    assert_eq!(typing[0].body, json!({"chat_id": -1001, "action": "typing", "message_thread_id": 77}));
}

#[tokio::test]
async fn a_bad_token_is_a_config_error_that_never_shows_the_token() {
    let bot = FakeBot::start().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let wrong = "777:WRONG-secret_token";
    let http = openclaw::provider::http_client(&Default::default()).unwrap();
    let ch = Arc::new(
        TelegramChannel::from_config("default", &settings(&bot.base, wrong), http.clone(), &home).unwrap(),
    );
    let r = run(&ch);
    let err = tokio::time::timeout(Duration::from_secs(5), r.task).await.unwrap().unwrap().unwrap_err();
    assert!(matches!(err, ChannelError::Config { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("channels.telegram.accounts.default.botToken"), "{text}");
    assert!(text.contains("401"), "{text}");
    assert!(!text.contains(wrong) && !text.contains("WRONG"), "{text}");
    match ch.health() {
        Health::Failing { error } => assert!(!error.contains("WRONG")),
        other => panic!("expected Failing, got {other:?}"),
    }
    let out = Outbound {
        chat: ChatRef { id: "1".into(), kind: ChatKind::Direct, thread: None },
        text: "x".into(),
        reply_to: None,
    };
    let err = send(&ch, &home, &out).await.unwrap_err();
    assert!(matches!(err, ChannelError::Config { .. }) && !format!("{err:?}").contains("WRONG"), "{err:?}");

    // A server that is gone: transport errors name the method, never the URL's token.
    let dead = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let ch = Arc::new(TelegramChannel::from_config("default", &settings(&dead, TOKEN), http, &home).unwrap());
    let err = send(&ch, &home, &out).await.unwrap_err();
    assert!(matches!(err, ChannelError::Transport { .. }), "{err:?}");
    let text = format!("{err} {err:?}");
    assert!(text.contains("sendMessage failed"), "{text}");
    assert!(!text.contains("SECRET"), "{text}");
}

#[tokio::test]
async fn an_unreachable_api_is_retried_until_it_answers() {
    let addr = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    let http = openclaw::provider::http_client(&Default::default()).unwrap();
    let base = format!("http://{addr}");
    let ch = Arc::new(
        TelegramChannel::from_config("default", &settings(&base, TOKEN), http, &Home::new(dir.path()))
            .unwrap(),
    );
    let mut r = run(&ch);
    wait_for("Failing while nothing listens", || matches!(ch.health(), Health::Failing { .. })).await;
    if let Health::Failing { error } = ch.health() {
        assert!(error.starts_with("telegram: getMe failed"), "{error}");
        assert!(!error.contains("SECRET"), "{error}");
    }
    let bot = FakeBot::start_at(&addr).await;
    bot.push(dm(3, 42, "back online"));
    assert_eq!(r.take().await.text, "back online");
    wait_for("health back to Ok", || ch.health() == Health::Ok).await;
    r.stop().await.unwrap();
}

#[tokio::test]
async fn a_quiet_bot_is_healthy_once_the_api_knows_its_token() {
    let bot = FakeBot::start().await;
    let dir = tempfile::tempdir().unwrap();
    let http = openclaw::provider::http_client(&Default::default()).unwrap();
    let settings =
        json!({"accounts": {"default": {"botToken": TOKEN, "apiBase": bot.base, "pollTimeoutSeconds": 30}}});
    let home = Home::new(dir.path());
    let ch = Arc::new(TelegramChannel::from_config("default", &settings, http, &home).unwrap());
    assert_eq!(ch.health(), Health::Starting);
    let r = run(&ch);
    // getMe answered; the first long poll (30 s) is still open: nothing to deliver.
    wait_for("health Ok before any update", || ch.health() == Health::Ok).await;
    assert!(bot.calls("getUpdates").len() <= 1, "still in the first poll");
    r.stop().await.unwrap();
}

/// A Bot API that answers `getUpdates` at once (no long polling) is polled about once a second,
/// not in a busy loop, and a message still comes through promptly.
#[tokio::test]
async fn a_bot_api_without_long_polling_is_not_polled_in_a_busy_loop() {
    let bot = FakeBot::start().await;
    bot.answer_at_once();
    let dir = tempfile::tempdir().unwrap();
    let ch = adapter(&bot, &Home::new(dir.path()));
    let mut r = run(&ch);
    wait_for("the first poll", || !bot.calls("getUpdates").is_empty()).await;
    let window = Duration::from_secs(3);
    tokio::time::sleep(window).await;
    let polls = bot.calls("getUpdates");
    let first = polls[0].at;
    let in_window = polls.iter().filter(|c| c.at - first < window).count();
    // One a second: 3 (4 at a window's edge); without the floor it was hundreds.
    assert!((2..=4).contains(&in_window), "{in_window} polls in {window:?}");
    for pair in polls.windows(2) {
        assert!(pair[1].at - pair[0].at >= Duration::from_millis(950), "{:?}", pair[1].at - pair[0].at);
    }
    bot.push(dm(1, 42, "anyone?"));
    let pushed = Instant::now();
    assert_eq!(r.take().await.text, "anyone?");
    assert!(pushed.elapsed() < Duration::from_secs(3), "took {:?}", pushed.elapsed());
    r.stop().await.unwrap();
}
