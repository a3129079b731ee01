//! Self-tests of the fake Discord (`fake_discord.rs`): a plain WebSocket client and plain HTTP
//! calls check the protocol the adapter tests rely on, and the official discord.js client logs in
//! to it and replies (`tests/discordjs/check.mjs`).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::fake_discord::{
    self, BOT_ID, BOT_NAME, FakeDiscord, FakeOptions, GatewayFault, RestFault, TOKEN, dm, guild_message,
    snowflake,
};

const INTENTS: u64 = 37377;
const WAIT: Duration = Duration::from_secs(5);

struct Gw {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// What the client saw instead of a frame.
#[derive(Debug, PartialEq)]
enum End {
    /// A close frame with this code.
    Closed(u16),
    /// The TCP connection ended without a close frame.
    Dropped,
}

impl Gw {
    async fn connect(url: &str) -> Gw {
        let (ws, _) = tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(url))
            .await
            .expect("connect timed out")
            .expect("connect");
        Gw { ws }
    }

    /// Connects with `?v=10&encoding=json` and reads op10 Hello.
    async fn open(fake: &FakeDiscord) -> (Gw, Value) {
        let mut gw = Gw::connect(&format!("{}?v=10&encoding=json", fake.gateway_url())).await;
        let hello = gw.recv().await;
        assert_eq!(hello["op"], 10, "first frame must be Hello: {hello}");
        (gw, hello)
    }

    async fn send(&mut self, v: Value) {
        self.ws.send(Message::Text(v.to_string().into())).await.expect("send");
    }

    async fn send_raw(&mut self, raw: &str) {
        self.ws.send(Message::Text(raw.into())).await.expect("send");
    }

    /// The next frame, or how the connection ended.
    async fn next(&mut self, within: Duration) -> Option<Result<Value, End>> {
        loop {
            let msg = match tokio::time::timeout(within, self.ws.next()).await {
                Err(_) => return None,
                Ok(None | Some(Err(_))) => return Some(Err(End::Dropped)),
                Ok(Some(Ok(m))) => m,
            };
            match msg {
                Message::Text(t) => return Some(Ok(serde_json::from_str(t.as_str()).expect("JSON frame"))),
                Message::Close(f) => return Some(Err(End::Closed(f.map_or(1005, |f| f.code.into())))),
                _ => continue,
            }
        }
    }

    async fn recv(&mut self) -> Value {
        match self.next(WAIT).await {
            Some(Ok(v)) => v,
            other => panic!("expected a frame, got {other:?}"),
        }
    }

    async fn end(&mut self) -> End {
        match self.next(WAIT).await {
            Some(Err(e)) => e,
            other => panic!("expected the connection to end, got {other:?}"),
        }
    }

    async fn identify(&mut self, token: &str, intents: u64) {
        self.send(json!({"op": 2, "d": {"token": token, "intents": intents,
            "properties": {"os": "linux", "browser": "openclaw", "device": "openclaw"}}}))
            .await;
    }

    async fn ready(fake: &FakeDiscord) -> (Gw, Value) {
        let (mut gw, _) = Gw::open(fake).await;
        gw.identify(TOKEN, INTENTS).await;
        let ready = gw.recv().await;
        assert_eq!((ready["op"].clone(), ready["t"].clone()), (json!(0), json!("READY")), "{ready}");
        (gw, ready)
    }

    async fn close(mut self, code: u16) {
        let frame = CloseFrame { code: code.into(), reason: "".into() };
        let _ = self.ws.close(Some(frame)).await;
        let _ = tokio::time::timeout(WAIT, async { while let Some(Ok(_)) = self.ws.next().await {} }).await;
    }
}

async fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !f() {
        assert!(start.elapsed() < WAIT, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn http() -> reqwest::Client {
    openclaw::provider::http_client(&Default::default()).expect("http client")
}

async fn call(
    method: &str,
    url: &str,
    auth: bool,
    body: Option<Value>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = http().request(method, url);
    if auth {
        req = req.header("Authorization", format!("Bot {TOKEN}"));
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = tokio::time::timeout(WAIT, req.send()).await.expect("REST timed out").expect("REST call");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap_or_default();
    (status, headers, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test]
async fn identify_gets_ready_and_heartbeats_are_acked() {
    let fake =
        FakeDiscord::start_with(FakeOptions { heartbeat_interval_ms: 250, ..Default::default() }).await;
    let (mut gw, hello) = Gw::open(&fake).await;
    assert_eq!(hello["d"]["heartbeat_interval"], 250);
    assert_eq!((hello["s"].clone(), hello["t"].clone()), (Value::Null, Value::Null));

    gw.send(json!({"op": 1, "d": null})).await;
    assert_eq!(gw.recv().await["op"], 11);
    gw.identify(TOKEN, INTENTS).await;
    let ready = gw.recv().await;
    assert_eq!((ready["t"].as_str(), ready["s"].as_u64()), (Some("READY"), Some(1)));
    let d = &ready["d"];
    assert_eq!((d["v"].clone(), d["user"]["id"].clone()), (json!(10), json!(BOT_ID)));
    assert_eq!((d["user"]["username"].clone(), d["user"]["bot"].clone()), (json!(BOT_NAME), json!(true)));
    assert_eq!(d["resume_gateway_url"], fake.gateway_url());
    assert_eq!(d["session_id"].as_str(), fake.session_id().as_deref());
    gw.send(json!({"op": 1, "d": 1})).await;
    assert_eq!(gw.recv().await["op"], 11);

    fake.message_create(dm(&snowflake(), "111", "ann", "hi"));
    let m = gw.recv().await;
    assert_eq!(
        (m["op"].clone(), m["t"].clone(), m["s"].clone()),
        (json!(0), json!("MESSAGE_CREATE"), json!(2))
    );
    assert_eq!(m["d"]["content"], "hi");
    assert_eq!(m["d"]["channel_id"], fake_discord::dm_channel_id("111"));

    assert_eq!(fake.heartbeats(), 2);
    assert_eq!(fake.connections(), 1);
    assert_eq!(fake.identifies()[0]["intents"], INTENTS);
    assert_eq!(fake.connection_paths(), ["/gateway?v=10&encoding=json"]);
}

#[tokio::test]
async fn events_before_the_first_session_arrive_after_ready() {
    let fake = FakeDiscord::start().await;
    fake.message_create(dm(&snowflake(), "111", "ann", "early"));
    let (mut gw, _) = Gw::ready(&fake).await;
    let m = gw.recv().await;
    assert_eq!((m["s"].clone(), m["d"]["content"].clone()), (json!(2), json!("early")));
}

#[tokio::test]
async fn resume_replays_missed_events_then_resumed() {
    let fake = FakeDiscord::start().await;
    let (mut gw, ready) = Gw::ready(&fake).await;
    let session_id = ready["d"]["session_id"].clone();
    fake.message_create(dm(&snowflake(), "111", "ann", "one"));
    assert_eq!(gw.recv().await["s"], 2);

    fake.fault(GatewayFault::DropSocket);
    assert_eq!(gw.end().await, End::Dropped);
    wait_for("the fake to notice the drop", || fake.open_connections() == 0).await;
    assert!(fake.close_codes().is_empty(), "a dropped socket sends no close frame");
    fake.message_create(dm(&snowflake(), "111", "ann", "two"));
    fake.message_create(dm(&snowflake(), "222", "bob", "three"));

    let (mut gw, _) = Gw::open(&fake).await;
    gw.send(json!({"op": 6, "d": {"token": TOKEN, "session_id": session_id, "seq": 2}})).await;
    let replayed: Vec<Value> = [gw.recv().await, gw.recv().await, gw.recv().await].into();
    let got: Vec<(Value, Value, Value)> =
        replayed.iter().map(|f| (f["s"].clone(), f["t"].clone(), f["d"]["content"].clone())).collect();
    assert_eq!(
        got,
        [
            (json!(3), json!("MESSAGE_CREATE"), json!("two")),
            (json!(4), json!("MESSAGE_CREATE"), json!("three")),
            (json!(5), json!("RESUMED"), Value::Null),
        ]
    );
    fake.message_create(dm(&snowflake(), "111", "ann", "four"));
    assert_eq!(gw.recv().await["s"], 6);
    assert_eq!((fake.connections(), fake.identifies().len(), fake.resumes().len()), (2, 1, 1));
}

#[tokio::test]
async fn a_resume_from_an_older_seq_replays_from_there() {
    let fake = FakeDiscord::start().await;
    let (mut gw, ready) = Gw::ready(&fake).await;
    for text in ["a", "b"] {
        fake.message_create(dm(&snowflake(), "111", "ann", text));
        gw.recv().await;
    }
    fake.fault(GatewayFault::Close(4000));
    assert_eq!(gw.end().await, End::Closed(4000));
    let (mut gw, _) = Gw::open(&fake).await;
    // The client journaled only up to s=2, so "b" (s=3) comes again.
    gw.send(json!({"op": 6, "d": {"token": TOKEN, "session_id": ready["d"]["session_id"], "seq": 2}})).await;
    assert_eq!(gw.recv().await["d"]["content"], "b");
    assert_eq!(gw.recv().await["t"], "RESUMED");
}

#[tokio::test]
async fn a_resume_of_an_ended_session_gets_op9_false_and_identify_starts_afresh() {
    let fake = FakeDiscord::start().await;
    let (gw, ready) = Gw::ready(&fake).await;
    let old = ready["d"]["session_id"].clone();
    gw.close(1000).await;
    wait_for("the session to end", || fake.session_id().is_none()).await;
    assert_eq!(fake.close_codes(), [1000]);
    // Lost to the gateway, like on Discord: only REST backfill finds it.
    fake.message_create(dm(&snowflake(), "111", "ann", "while away"));

    let (mut gw, _) = Gw::open(&fake).await;
    gw.send(json!({"op": 6, "d": {"token": TOKEN, "session_id": old, "seq": 1}})).await;
    let op9 = gw.recv().await;
    assert_eq!((op9["op"].clone(), op9["d"].clone()), (json!(9), json!(false)));
    gw.identify(TOKEN, INTENTS).await;
    let ready = gw.recv().await;
    assert_eq!((ready["t"].clone(), ready["s"].clone()), (json!("READY"), json!(1)));
    assert_ne!(ready["d"]["session_id"], old);
    fake.message_create(dm(&snowflake(), "111", "ann", "back"));
    let m = gw.recv().await;
    assert_eq!((m["s"].clone(), m["d"]["content"].clone()), (json!(2), json!("back")));
}

#[tokio::test]
async fn a_resume_with_a_seq_from_the_future_is_closed_4007() {
    let fake = FakeDiscord::start().await;
    let (gw, ready) = Gw::ready(&fake).await;
    drop(gw);
    let (mut gw, _) = Gw::open(&fake).await;
    gw.send(json!({"op": 6, "d": {"token": TOKEN, "session_id": ready["d"]["session_id"], "seq": 99}})).await;
    assert_eq!(gw.end().await, End::Closed(4007));
}

#[tokio::test]
async fn protocol_errors_close_with_discords_codes() {
    let fake =
        FakeDiscord::start_with(FakeOptions { privileged_intents_enabled: 0, ..Default::default() }).await;
    let identify = |token: &str, intents: u64| {
        json!({"op": 2, "d": {"token": token, "intents": intents, "properties": {"os": "linux"}}}).to_string()
    };
    let cases: Vec<(&str, Vec<String>, u16)> = vec![
        ("bad token", vec![identify("nope", INTENTS - 32768)], 4004),
        ("not JSON", vec!["{op:".into()], 4002),
        ("no op", vec![r#"{"d":null}"#.into()], 4002),
        ("unknown opcode", vec![r#"{"op":42,"d":null}"#.into()], 4001),
        ("presence before identify", vec![r#"{"op":3,"d":{}}"#.into()], 4003),
        ("oversized payload", vec![format!(r#"{{"op":1,"d":null,"x":"{}"}}"#, "x".repeat(5000))], 4002),
        ("privileged intent not enabled", vec![identify(TOKEN, INTENTS)], 4014),
        ("unknown intent bit", vec![identify(TOKEN, 1 << 30)], 4013),
        ("identify twice", vec![identify(TOKEN, INTENTS - 32768), identify(TOKEN, INTENTS - 32768)], 4005),
    ];
    for (what, frames, code) in cases {
        let (mut gw, _) = Gw::open(&fake).await;
        for f in &frames {
            gw.send_raw(f).await;
        }
        loop {
            match gw.next(WAIT).await {
                Some(Ok(f)) if f["t"] == "READY" => continue,
                Some(Err(end)) => {
                    assert_eq!(end, End::Closed(code), "{what}");
                    break;
                }
                other => panic!("{what}: expected close {code}, got {other:?}"),
            }
        }
    }
    let mut gw = Gw::connect(&format!("{}?v=9&encoding=json", fake.gateway_url())).await;
    assert_eq!(gw.end().await, End::Closed(4012), "wrong API version");
}

#[tokio::test]
async fn gateway_faults_hit_the_live_connection() {
    let fake = FakeDiscord::start().await;
    let (mut gw, _) = Gw::ready(&fake).await;
    fake.fault(GatewayFault::Reconnect);
    assert_eq!(gw.recv().await["op"], 7);
    fake.fault(GatewayFault::RequestHeartbeat);
    assert_eq!(gw.recv().await["op"], 1);
    fake.fault(GatewayFault::InvalidSession(true));
    let op9 = gw.recv().await;
    assert_eq!((op9["op"].clone(), op9["d"].clone()), (json!(9), json!(true)));
    assert!(fake.session_id().is_some(), "op9 true keeps the session");

    fake.fault(GatewayFault::StopAckingHeartbeats);
    gw.send(json!({"op": 1, "d": 1})).await;
    assert!(gw.next(Duration::from_millis(300)).await.is_none(), "a zombie must not ack");
    wait_for("the heartbeat to count", || fake.heartbeats() == 1).await;

    fake.fault(GatewayFault::InvalidSession(false));
    assert_eq!(gw.recv().await["d"], false);
    assert!(fake.session_id().is_none(), "op9 false discards the session");
}

#[tokio::test]
async fn a_fault_with_no_connection_answers_the_next_resume() {
    let fake = FakeDiscord::start().await;
    let (gw, ready) = Gw::ready(&fake).await;
    drop(gw);
    wait_for("the drop", || fake.open_connections() == 0).await;
    fake.fault(GatewayFault::Close(4009));
    let (mut gw, _) = Gw::open(&fake).await;
    gw.send(json!({"op": 6, "d": {"token": TOKEN, "session_id": ready["d"]["session_id"], "seq": 1}})).await;
    assert_eq!(gw.end().await, End::Closed(4009));
    assert!(fake.session_id().is_none(), "4009 means a new session");
}

#[tokio::test]
async fn without_message_content_guild_text_is_empty_unless_the_bot_is_mentioned() {
    let fake = FakeDiscord::start().await;
    let (mut gw, _) = Gw::open(&fake).await;
    gw.identify(TOKEN, INTENTS - 32768).await;
    assert_eq!(gw.recv().await["t"], "READY");
    fake.message_create(guild_message(&snowflake(), "500", "501", "111", "ann", "secret", false));
    fake.message_create(guild_message(&snowflake(), "500", "501", "111", "ann", "hey bot", true));
    fake.message_create(dm(&snowflake(), "111", "ann", "direct"));
    let contents: Vec<Value> = [gw.recv().await, gw.recv().await, gw.recv().await]
        .iter()
        .map(|f| f["d"]["content"].clone())
        .collect();
    assert_eq!(contents, [json!(""), json!(format!("<@{BOT_ID}> hey bot")), json!("direct")]);
}

#[tokio::test]
async fn gateway_bot_needs_the_token_and_names_the_gateway() {
    let fake = FakeDiscord::start().await;
    let url = format!("{}/gateway/bot", fake.api_base());
    let (status, _, body) = call("GET", &url, false, None).await;
    assert_eq!((status, body), (401, json!({"message": "401: Unauthorized", "code": 0})));
    let (status, headers, body) = call("GET", &url, true, None).await;
    assert_eq!(status, 200);
    assert_eq!(body["url"], fake.gateway_url());
    assert_eq!(
        (body["shards"].clone(), body["session_start_limit"]["total"].clone()),
        (json!(1), json!(1000))
    );
    assert!(headers.contains_key("x-ratelimit-bucket"), "{headers:?}");
    let (status, _, me) = call("GET", &format!("{}/users/@me", fake.api_base()), true, None).await;
    assert_eq!((status, me["id"].clone()), (200, json!(BOT_ID)));
    let (status, _, body) = call("GET", &format!("{}/nope", fake.api_base()), true, None).await;
    assert_eq!((status, body), (404, json!({"message": "404: Not Found", "code": 0})));
    assert_eq!(fake.rest_calls().iter().map(|c| c.status).collect::<Vec<_>>(), [401, 200, 200, 404]);
    assert_eq!(fake.rest_calls()[1].auth.as_deref(), Some(format!("Bot {TOKEN}").as_str()));
}

#[tokio::test]
async fn create_message_checks_length_emptiness_and_channel() {
    let fake = FakeDiscord::start_with(FakeOptions { rate_limit: None, ..Default::default() }).await;
    let inbound = dm(&snowflake(), "111", "ann", "hi");
    let channel = inbound["channel_id"].as_str().unwrap().to_string();
    fake.message_create(inbound);
    let url = format!("{}/channels/{channel}/messages", fake.api_base());

    let (status, _, body) = call("POST", &url, true, Some(json!({"content": "x".repeat(2001)}))).await;
    assert_eq!(
        (status, body["code"].clone(), body["message"].clone()),
        (400, json!(50035), json!("Invalid Form Body"))
    );
    assert_eq!(body["errors"]["content"]["_errors"][0]["code"], "BASE_TYPE_MAX_LENGTH");
    let (status, _, body) = call("POST", &url, true, Some(json!({"content": ""}))).await;
    assert_eq!((status, body), (400, json!({"message": "Cannot send an empty message", "code": 50006})));
    // Characters, not bytes: 2000 emoji are 8000 bytes and still fit.
    let (status, _, sent) = call("POST", &url, true, Some(json!({"content": "😀".repeat(2000)}))).await;
    assert_eq!(status, 200, "{sent}");
    let (status, _, sent) = call("POST", &url, true, Some(json!({"content": "x".repeat(2000)}))).await;
    assert_eq!(
        (status, sent["author"]["id"].clone(), sent["channel_id"].clone()),
        (200, json!(BOT_ID), json!(channel))
    );
    let (status, _, body) = call(
        "POST",
        &format!("{}/channels/123/messages", fake.api_base()),
        true,
        Some(json!({"content": "x"})),
    )
    .await;
    assert_eq!((status, body), (404, json!({"message": "Unknown Channel", "code": 10003})));

    let sent_ids: Vec<String> = fake.sent_messages().iter().map(|m| m.id.clone()).collect();
    assert_eq!(sent_ids.len(), 2);
    assert_eq!(sent_ids[1], sent["id"].as_str().unwrap());
}

#[tokio::test]
async fn a_reply_with_an_enforced_nonce_is_created_once() {
    let fake = FakeDiscord::start().await;
    let (mut gw, _) = Gw::ready(&fake).await;
    let mid = snowflake();
    fake.message_create(guild_message(&mid, "500", "501", "111", "ann", "ping", true));
    gw.recv().await;
    let url = format!("{}/channels/501/messages", fake.api_base());
    let body = json!({"content": "pong <@111> @everyone", "nonce": "n-1", "enforce_nonce": true,
        "allowed_mentions": {"parse": [], "replied_user": false},
        "message_reference": {"message_id": mid, "fail_if_not_exists": false}});
    let (s1, _, first) = call("POST", &url, true, Some(body.clone())).await;
    let (s2, _, second) = call("POST", &url, true, Some(body)).await;
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(first["id"], second["id"]);
    assert_eq!((first["type"].clone(), first["referenced_message"]["id"].clone()), (json!(19), json!(mid)));
    assert_eq!((first["mentions"].clone(), first["mention_everyone"].clone()), (json!([]), json!(false)));
    assert_eq!(fake.sent_messages().len(), 1);
    assert_eq!(fake.sent_messages()[0].channel_id, "501");
    // The bot's own message comes back over the gateway, as on Discord.
    let echo = gw.recv().await;
    assert_eq!(
        (echo["d"]["author"]["id"].clone(), echo["d"]["guild_id"].clone()),
        (json!(BOT_ID), json!("500"))
    );

    let missing = json!({"content": "x", "message_reference": {"message_id": "1"}});
    let (status, _, body) = call("POST", &url, true, Some(missing)).await;
    assert_eq!((status, body["code"].clone()), (400, json!(50035)));
}

#[tokio::test]
async fn rate_limits_answer_429_with_headers() {
    let fake = FakeDiscord::start_with(FakeOptions {
        rate_limit: Some((2, Duration::from_secs(30))),
        ..Default::default()
    })
    .await;
    fake.message_create(guild_message(&snowflake(), "500", "501", "111", "ann", "hi", false));
    let url = format!("{}/channels/501/messages", fake.api_base());
    let msg = || Some(json!({"content": "hello"}));

    fake.rest_fault(
        "POST",
        "/channels/501/messages",
        RestFault::RateLimited { retry_after: 1.5, global: false },
    );
    let (status, h, body) = call("POST", &url, true, msg()).await;
    assert_eq!(status, 429);
    assert_eq!(body, json!({"message": "You are being rate limited.", "retry_after": 1.5, "global": false}));
    assert_eq!((h["retry-after"].to_str().unwrap(), h["x-ratelimit-scope"].to_str().unwrap()), ("2", "user"));

    let (status, h, _) = call("POST", &url, true, msg()).await;
    assert_eq!(status, 200);
    assert_eq!(
        (h["x-ratelimit-limit"].to_str().unwrap(), h["x-ratelimit-remaining"].to_str().unwrap()),
        ("2", "1")
    );
    let reset_after: f64 = h["x-ratelimit-reset-after"].to_str().unwrap().parse().unwrap();
    assert!(reset_after > 25.0 && reset_after <= 30.0, "{reset_after}");
    assert!(h["x-ratelimit-reset"].to_str().unwrap().parse::<f64>().unwrap() > 1.7e9);
    let (status, h, _) = call("POST", &url, true, msg()).await;
    assert_eq!((status, h["x-ratelimit-remaining"].to_str().unwrap()), (200, "0"));
    // Past the bucket: a real 429, and typing (another route) is unaffected.
    let (status, h, body) = call("POST", &url, true, msg()).await;
    assert_eq!((status, body["global"].clone()), (429, json!(false)));
    assert!(body["retry_after"].as_f64().unwrap() > 25.0, "{body}");
    assert_eq!(h["retry-after"].to_str().unwrap(), "30");
    let (status, _, _) = call("POST", &format!("{}/channels/501/typing", fake.api_base()), true, None).await;
    assert_eq!(status, 204);

    fake.rest_fault("GET", "/gateway/bot", RestFault::Status(502, json!({"message": "bad gateway"})));
    let (status, _, _) = call("GET", &format!("{}/gateway/bot", fake.api_base()), true, None).await;
    assert_eq!(status, 502);
    assert_eq!(fake.sent_messages().len(), 2);
    assert_eq!(fake.typing(), ["501"]);
}

#[tokio::test]
async fn backfill_lists_messages_after_an_id_newest_first() {
    let fake = FakeDiscord::start().await;
    let ids: Vec<String> = (0..4).map(|_| snowflake()).collect();
    for (i, id) in ids.iter().enumerate() {
        fake.message_create(dm(id, "111", "ann", &format!("m{i}")));
    }
    let channel = fake_discord::dm_channel_id("111");
    let base = format!("{}/channels/{channel}", fake.api_base());
    let (status, _, page) =
        call("GET", &format!("{base}/messages?after={}&limit=2", ids[0]), true, None).await;
    assert_eq!(status, 200);
    let contents: Vec<&Value> = page.as_array().unwrap().iter().map(|m| &m["content"]).collect();
    assert_eq!(contents, [&json!("m2"), &json!("m1")]);
    assert!(page[0].get("guild_id").is_none());
    let (_, _, ch) = call("GET", &base, true, None).await;
    assert_eq!((ch["type"].clone(), ch["recipients"][0]["id"].clone()), (json!(1), json!("111")));
    let (status, _, _) =
        call("PUT", &format!("{base}/messages/{}/reactions/%F0%9F%91%80/@me", ids[3]), true, None).await;
    assert_eq!(status, 204);
    assert_eq!(fake.reactions()[0].emoji, "👀");
    let (status, _, body) = call("GET", &format!("{base}/messages?limit=101"), true, None).await;
    assert_eq!((status, body["code"].clone()), (400, json!(50035)));
}

// ---------------------------------------------------------------------------------------------
// discord.js

fn discordjs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/discordjs")
}

#[tokio::test]
async fn discordjs_logs_in_to_the_fake_and_replies() {
    let dir = discordjs_dir();
    if !dir.join("node_modules/discord.js/package.json").is_file() {
        eprintln!(
            "skipped: discord.js not installed; run `mkdir -p target/discordjs && \
             cp tests/discordjs/package*.json target/discordjs/ && npm ci --prefix target/discordjs`"
        );
        return;
    }
    let fake =
        FakeDiscord::start_with(FakeOptions { heartbeat_interval_ms: 1000, ..Default::default() }).await;
    fake.add_guild("700000000000000001", "Claw Test", &["700000000000000002"]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/discordjs/check.mjs");
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

    // The script prints "ready" once the client has emitted clientReady.
    let mut line = String::new();
    let ready = tokio::time::timeout(Duration::from_secs(20), async {
        use tokio::io::AsyncBufReadExt;
        loop {
            line.clear();
            if stdout.read_line(&mut line).await.unwrap_or(0) == 0 {
                return false;
            }
            if line.trim() == "ready" {
                return true;
            }
        }
    })
    .await;
    if ready != Ok(true) {
        let _ = child.start_kill();
        let out = child.wait_with_output().await.expect("node output");
        panic!("discord.js did not get ready: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(fake.identifies().len(), 1);
    assert_eq!(fake.identifies()[0]["intents"], INTENTS);

    fake.message_create(dm(&snowflake(), "111", "ann", "hello from a DM"));
    wait_for("the DM reply", || fake.sent_messages().len() == 1).await;
    // Cut the socket; the guild message is dispatched while discord.js is away (it waits 500 ms
    // before reconnecting), so it can only get it through RESUME's replay.
    fake.fault(GatewayFault::DropSocket);
    let guild_id = snowflake();
    fake.message_create(guild_message(
        &guild_id,
        "700000000000000001",
        "700000000000000002",
        "222",
        "bob",
        "hello from a guild",
        true,
    ));
    let guild_seq = fake.seq();

    let status = tokio::time::timeout(Duration::from_secs(20), child.wait()).await;
    let status = match status {
        Ok(s) => s.expect("wait for node"),
        Err(_) => {
            let _ = child.start_kill();
            panic!("discord.js script did not finish; sent so far: {:?}", fake.sent_messages());
        }
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        use tokio::io::AsyncReadExt;
        let _ = e.read_to_string(&mut err).await;
    }
    assert!(status.success(), "check.mjs failed ({status}):\n{err}");

    let sent = fake.sent_messages();
    let got: Vec<(String, Value, Value)> = sent
        .iter()
        .map(|m| {
            (
                m.channel_id.clone(),
                m.body["content"].clone(),
                m.body["message_reference"]["message_id"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (fake_discord::dm_channel_id("111"), json!("echo: hello from a DM"), Value::Null),
            (
                "700000000000000002".to_string(),
                json!(format!("echo: <@{BOT_ID}> hello from a guild")),
                json!(guild_id)
            ),
        ]
    );
    for m in &sent {
        let allowed = [
            "content",
            "tts",
            "nonce",
            "enforce_nonce",
            "embeds",
            "components",
            "allowed_mentions",
            "message_reference",
            "flags",
            "sticker_ids",
            "attachments",
            "poll",
            "applied_tags",
            "thread_name",
            "username",
            "avatar_url",
        ];
        let fields: Vec<&String> = m.body.as_object().expect("JSON body").keys().collect();
        assert!(fields.iter().all(|f| allowed.contains(&f.as_str())), "unexpected field in {}", m.body);
    }
    let calls = fake.rest_calls();
    assert!(calls.iter().all(|c| c.status < 400), "discord.js got an error: {calls:?}");
    assert!(calls.iter().any(|c| c.path == "/api/v10/gateway/bot"));
    assert!(
        calls[0].user_agent.as_deref().is_some_and(|ua| ua.starts_with("DiscordBot (")),
        "{:?}",
        calls[0]
    );
    assert_eq!((fake.identifies().len(), fake.resumes().len(), fake.connections()), (1, 1, 2));
    let resumed_from = fake.resumes()[0]["seq"].as_u64().expect("resume seq");
    assert!(
        resumed_from < guild_seq,
        "the guild message (s={guild_seq}) was not replayed (resumed from {resumed_from})"
    );
    // discord.js closed its session with 1000 on destroy().
    wait_for("discord.js's close frame", || fake.close_codes() == [1000]).await;
}
