//! The Slack adapter against the fake Slack (Socket Mode + Web API on 127.0.0.1): the adapter
//! runs as a task, the test plays the gateway by draining the inbox and answering the acks.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openclaw::channel::slack::SlackChannel;
use openclaw::channel::{Channel, ChannelError, ChatKind, ChatRef, Health, Outbound};
use openclaw::home::Home;
use serde_json::{Value, json};

use crate::running::{run, send, wait_for};

use crate::fake_slack::{APP_TOKEN, BOT_TOKEN, BOT_USER, FakeOptions, FakeSlack, Fault, dm_channel};

fn settings(fake: &FakeSlack, app: &str, bot: &str) -> Value {
    json!({"apiBase": fake.api_base(), "accounts": {"default": {"appToken": app, "botToken": bot}}})
}

fn adapter(fake: &FakeSlack) -> Arc<SlackChannel> {
    let http = openclaw::net::channel_client().unwrap();
    Arc::new(SlackChannel::from_config("default", &settings(fake, APP_TOKEN, BOT_TOKEN), http).unwrap())
}

/// Retries after 500 ms instead of Slack's 3 s, so the tests stay quick.
async fn fast_fake() -> FakeSlack {
    FakeSlack::start_with(FakeOptions {
        ack_timeout: Duration::from_millis(500),
        refresh_overlap: Duration::from_secs(5),
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn acks_only_after_the_journal_and_maps_dms_channels_threads_and_mentions() {
    let fake = fast_fake().await;
    let ch = adapter(&fake);
    let mut r = run(&ch);
    wait_for("hello", || ch.health() == Health::Ok).await;
    assert_eq!(fake.calls("auth.test").len(), 1);
    let open = fake.calls("apps.connections.open");
    assert_eq!(open[0].token.as_deref(), Some(APP_TOKEN), "the app-level token opens the socket");

    // A DM: not acknowledged while the gateway has not journaled it.
    let ts = fake.dm("U1", "hi &lt;there&gt;");
    let d = r.next().await;
    let event = fake.deliveries()[0].event_id.clone();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!fake.acked(&event), "acknowledged before it was journaled");
    d.ack.send(Ok(())).unwrap();
    wait_for("the ack", || fake.acked(&event)).await;
    let m = d.message;
    assert_eq!(m.chat, ChatRef { id: dm_channel("U1"), kind: ChatKind::Direct, thread: None });
    assert_eq!((m.sender.id.as_str(), m.text.as_str()), ("U1", "hi <there>"));
    assert_eq!(m.id, format!("slack:default:{}:{ts}", dm_channel("U1")));
    assert_eq!(m.message_id.as_deref(), Some(ts.as_str()));
    assert!(m.addressed);

    // A channel message without a mention is taken in but does not address the bot.
    fake.post("C1", "U2", "just chatting", None);
    let m = r.take().await;
    assert_eq!(m.chat, ChatRef { id: "C1".into(), kind: ChatKind::Channel, thread: None });
    assert!(!m.addressed);
    // A mention comes as `message` and `app_mention`: one message, mention stripped.
    fake.post("C1", "U2", &format!("<@{BOT_USER}> what time is it?"), None);
    let m = r.take().await;
    assert!(m.addressed && m.text == "what time is it?", "{m:?}");
    // In a thread: the thread's ts.
    let parent = fake.post("C1", "U2", &format!("<@{BOT_USER}> start"), None);
    assert_eq!(r.take().await.chat.thread, None);
    fake.post("C1", "U2", &format!("<@{BOT_USER}> and in the thread?"), Some(&parent));
    let m = r.take().await;
    assert_eq!(m.chat, ChatRef { id: "C1".into(), kind: ChatKind::Channel, thread: Some(parent.clone()) });

    // Other bots and the bot itself are not heard, but their envelopes are acknowledged.
    let mut bot =
        crate::fake_slack::message("C1", "channel", "U9", "beep <@U0BOT>", &crate::fake_slack::ts(), None);
    bot["bot_id"] = json!("B9");
    let bot_event = fake.event(bot);
    let mut own = crate::fake_slack::message("C1", "channel", BOT_USER, "me", &crate::fake_slack::ts(), None);
    own["bot_id"] = json!("B0BOT");
    let own_event = fake.event(own);
    fake.dm("U1", "still here");
    assert_eq!(r.take().await.text, "still here");
    wait_for("acks of ignored events", || fake.acked(&bot_event) && fake.acked(&own_event)).await;
    r.nothing_within(Duration::from_millis(300)).await;
    // Every envelope was acknowledged on its first delivery: nothing was retried.
    assert!(fake.deliveries().iter().all(|d| d.retry_attempt == 0), "{:?}", fake.deliveries());
    r.stop().await.unwrap();
    wait_for("the socket closed", || fake.open_connections() == 0).await;
    assert_eq!(fake.connections()[0].client_close, Some(1000), "closed cleanly on shutdown");
}

#[tokio::test]
async fn an_unjournaled_envelope_is_retried_and_a_retry_of_a_journaled_one_is_not_repeated() {
    let fake = fast_fake().await;
    let ch = adapter(&fake);
    let mut r = run(&ch);
    wait_for("hello", || ch.health() == Health::Ok).await;
    let first_ts = fake.dm("U1", "journal me");
    // The gateway cannot journal it: no ack, so Slack sends it again.
    let d = r.next().await;
    d.ack
        .send(Err(ChannelError::Transport { channel: "slack".into(), message: "disk full".into() }))
        .unwrap();
    let again = r.take().await;
    assert_eq!(again.message_id.as_deref(), Some(first_ts.as_str()));
    let event = fake.deliveries()[0].event_id.clone();
    wait_for("the ack of the retry", || fake.acked(&event)).await;
    let attempts: Vec<u32> = fake.deliveries_of(&event).iter().map(|d| d.retry_attempt).collect();
    assert_eq!(attempts, [0, 1]);
    assert!(
        fake.deliveries_of(&event)[0].acked_at.is_none() && fake.deliveries_of(&event)[1].acked_at.is_some()
    );

    // A retry of an envelope that was journaled and acknowledged (the ack reached Slack late):
    // acknowledged again, not handed to the gateway again.
    fake.dm("U1", "once");
    assert_eq!(r.take().await.text, "once");
    let once = fake.deliveries().last().unwrap().event_id.clone();
    wait_for("the ack", || fake.acked(&once)).await;
    assert!(fake.resend(&once));
    wait_for("the retry's ack", || fake.deliveries_of(&once).iter().all(|d| d.acked_at.is_some())).await;
    assert_eq!(fake.deliveries_of(&once).len(), 2);

    // A journal slower than Slack's 3 s: the envelope is left unacknowledged, and its retry
    // (the same journal id, so the journal keeps one) is what gets acknowledged.
    fake.dm("U1", "slow journal");
    let slow = r.next().await;
    let slow_event = fake.deliveries().last().unwrap().event_id.clone();
    tokio::time::sleep(Duration::from_millis(2800)).await;
    let _ = slow.ack.send(Ok(()));
    let retried = r.take().await;
    assert_eq!(retried.id, slow.message.id);
    wait_for("the ack", || fake.acked(&slow_event)).await;
    assert!(fake.deliveries_of(&slow_event)[0].acked_at.is_none(), "not acknowledged past the budget");
    r.nothing_within(Duration::from_millis(500)).await;
    r.stop().await.unwrap();
}

#[tokio::test]
async fn a_dropped_connection_is_reopened_and_nothing_is_lost_or_repeated() {
    let fake = fast_fake().await;
    let ch = adapter(&fake);
    let mut r = run(&ch);
    fake.dm("U1", "one");
    assert_eq!(r.take().await.text, "one");
    fake.drop_connections();
    // Sent while the socket is down: Slack keeps retrying, the reopened socket gets them.
    fake.dm("U1", "two");
    fake.dm("U1", "three");
    let mut got = vec![r.take().await.text, r.take().await.text];
    got.sort();
    assert_eq!(got, ["three", "two"]);
    r.nothing_within(Duration::from_millis(1500)).await;
    assert!(fake.given_up().is_empty());
    let conns = fake.connections();
    assert_eq!(conns.len(), 2, "one reconnect");
    assert_eq!(fake.calls("apps.connections.open").len(), 2, "a fresh URL for the reconnect");
    r.stop().await.unwrap();
}

#[tokio::test]
async fn a_refresh_opens_the_new_socket_before_the_old_one_closes() {
    let fake = fast_fake().await;
    let ch = adapter(&fake);
    let mut r = run(&ch);
    wait_for("hello", || ch.health() == Health::Ok).await;
    fake.refresh();
    wait_for("the old socket closed", || fake.connections().first().is_some_and(|c| c.closed_at.is_some()))
        .await;
    let conns = fake.connections();
    assert_eq!(conns.len(), 2);
    let (old, new) = (&conns[0], &conns[1]);
    assert!(
        new.hello_at.unwrap() <= old.closed_at.unwrap(),
        "the replacement was up before the old one closed"
    );
    assert_eq!(
        old.client_close,
        Some(1000),
        "the client closed the old socket itself, before the server did"
    );
    assert!(old.closed_at.unwrap() - old.opened_at < Duration::from_secs(5));
    fake.dm("U1", "after the refresh");
    assert_eq!(r.take().await.text, "after the refresh");
    assert_eq!(fake.deliveries().last().unwrap().connection, new.id);
    r.nothing_within(Duration::from_millis(700)).await;
    r.stop().await.unwrap();
}

#[tokio::test]
async fn a_refused_bot_or_app_token_stops_the_account_and_health_names_the_key() {
    let fake = fast_fake().await;
    let http = openclaw::net::channel_client().unwrap();
    for (app, bot, key, method) in [
        (APP_TOKEN, "xoxb-wrong-SECRET", "channels.slack.accounts.default.botToken", "auth.test"),
        ("xapp-wrong-SECRET", BOT_TOKEN, "channels.slack.accounts.default.appToken", "apps.connections.open"),
    ] {
        let before = fake.calls(method).len();
        let ch =
            Arc::new(SlackChannel::from_config("default", &settings(&fake, app, bot), http.clone()).unwrap());
        let r = run(&ch);
        let err = tokio::time::timeout(Duration::from_secs(10), r.task)
            .await
            .expect("stops by itself")
            .unwrap()
            .unwrap_err();
        assert!(matches!(err, ChannelError::Config { .. }), "{err:?}");
        let Health::Failing { error } = ch.health() else { panic!("{:?}", ch.health()) };
        assert!(error.contains(key) && error.contains("invalid_auth"), "{error}");
        assert!(!error.contains("SECRET"), "{error}");
        assert_eq!(fake.calls(method).len(), before + 1, "no retry loop on a refused token");
    }
    assert_eq!(fake.connections().len(), 0);
}

#[tokio::test]
async fn long_replies_go_in_ordered_escaped_parts_in_their_thread_and_rate_limits_are_waited_out() {
    let fake = FakeSlack::start_with(FakeOptions { echo_own_messages: false, ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let ch = adapter(&fake);
    let words: Vec<String> = (0..800).map(|i| format!("w{i:04}")).collect();
    let mut text = format!("<!channel> & <@U1> {}", words.join(" "));
    text.truncate(4500);
    fake.fault("chat.postMessage", Fault::RateLimited { retry_after: 1 });
    fake.fault("chat.postMessage", Fault::RateLimited { retry_after: 1 });
    let chat = ChatRef { id: "C1".into(), kind: ChatKind::Channel, thread: Some("1700000000.000100".into()) };
    let started = Instant::now();
    let out = Outbound { chat, text: text.clone(), reply_to: Some("1700000000.000200".into()) };
    let ids = tokio::time::timeout(Duration::from_secs(20), send(&ch, &home, out)).await.unwrap().unwrap();
    assert!(started.elapsed() >= Duration::from_secs(2), "both waits were honoured: {:?}", started.elapsed());
    assert_eq!(ids.len(), 2);
    let posted = fake.posted();
    assert_eq!(posted.iter().map(|p| p.ts.clone()).collect::<Vec<_>>(), ids);
    for p in &posted {
        assert_eq!(p.channel, "C1");
        assert_eq!(p.thread_ts.as_deref(), Some("1700000000.000100"), "every part in the thread");
        assert_eq!(p.body["unfurl_links"], json!(false));
    }
    assert!(posted[0].text.starts_with("&lt;!channel&gt; &amp; &lt;@U1&gt; w0000"), "{}", posted[0].text);
    let joined: Vec<String> = posted
        .iter()
        .map(|p| p.text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
        .collect();
    assert_eq!(joined.join(" "), text, "in order, nothing lost");
    assert!(text.chars().count() == 4500 && posted.iter().all(|p| p.text.chars().count() <= 4000 + 20));
    let calls = fake.calls("chat.postMessage");
    assert_eq!(calls.len(), 4, "two refusals, then two parts");
    assert!(calls[1].at - calls[0].at >= Duration::from_secs(1), "Retry-After: 1 was waited out");
    assert!(calls[2].at - calls[1].at >= Duration::from_secs(1), "and again");
    assert_eq!(calls[0].content_type.as_deref(), Some("application/json; charset=utf-8"));
}

#[tokio::test]
async fn an_account_deactivated_while_running_stops_at_its_next_send() {
    let fake = fast_fake().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let ch = adapter(&fake);
    let r = run(&ch);
    wait_for("hello", || ch.health() == Health::Ok).await;
    fake.fault("chat.postMessage", Fault::Error("account_inactive"));
    let out = Outbound {
        chat: ChatRef { id: "C1".into(), kind: ChatKind::Channel, thread: None },
        text: "hi".into(),
        reply_to: None,
    };
    let err = send(&ch, &home, out).await.unwrap_err();
    assert!(err.to_string().contains("account_inactive"), "{err}");
    assert_eq!(fake.calls("chat.postMessage").len(), 1, "a refused token is not retried");
    let end = tokio::time::timeout(Duration::from_secs(5), r.task).await.expect("the account stops").unwrap();
    assert!(matches!(end, Err(ChannelError::Config { .. })), "{end:?}");
    let Health::Failing { error } = ch.health() else { panic!("{:?}", ch.health()) };
    assert!(
        error.contains("channels.slack.accounts.default.botToken") && error.contains("deactivated"),
        "{error}"
    );
    wait_for("the socket closed", || fake.open_connections() == 0).await;
}
