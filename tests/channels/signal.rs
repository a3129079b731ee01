//! The Signal adapter against the fake signal-cli daemon (JSON-RPC + SSE on 127.0.0.1): the
//! adapter runs as a task, the test plays the gateway by draining the inbox and acking.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openclaw::channel::signal::SignalChannel;
use openclaw::channel::{Channel, ChannelError, ChatKind, ChatRef, Health, Outbound, outbox};
use openclaw::home::Home;
use serde_json::{Value, json};

use crate::fake_signal::{ACCOUNT, ACCOUNT_UUID, FakeSignal, Mode, dm, group_message, noise};
use crate::running::run;

const ANN: &str = "a11ce000-0000-4000-8000-000000000001";
const ANN_NUMBER: &str = "+31611111111";
const GROUP: &str = "Pmpi+EfPWmsxiomLe9Nx2XF9HOE483p6iKiFj65iMwI=";

fn adapter(settings: Value) -> Arc<SignalChannel> {
    let http = openclaw::net::channel_client().unwrap();
    Arc::new(
        SignalChannel::from_config("default", &json!({"accounts": {"default": settings}}), http).unwrap(),
    )
}

fn settings(fake: &FakeSignal) -> Value {
    json!({"account": ACCOUNT, "httpUrl": fake.url, "keepaliveTimeoutSeconds": 2})
}

fn request(chat: ChatRef, text: impl Into<String>) -> outbox::Request {
    outbox::Request {
        channel: "signal".into(),
        account: Some("default".into()),
        out: Outbound { chat, text: text.into(), reply_to: None },
        origin: outbox::Origin::Cli,
        session: None,
        inbound_id: None,
        skip_parts: 0,
    }
}

async fn until(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dms_and_group_mentions_come_in_and_noise_is_ignored() {
    let fake = FakeSignal::start(Duration::from_millis(300)).await;
    let ch = adapter(settings(&fake));
    let mut r = run(&ch);
    until("attached", || fake.attached()).await;
    for e in noise(ANN, ANN_NUMBER, 1) {
        fake.receive(e);
    }
    fake.receive(dm(ANN, ANN_NUMBER, "Ann", 1_700_000_000_001, "hello bot"));
    let m = r.take().await;
    assert_eq!((m.chat.kind, m.chat.id.as_str(), m.text.as_str()), (ChatKind::Direct, ANN, "hello bot"));
    assert_eq!(m.id, format!("signal:default:{ANN}:1700000000001"), "(source, timestamp) is the id");
    assert_eq!((m.sender.name.as_deref(), m.sender.username.as_deref()), (Some("Ann"), Some(ANN_NUMBER)));
    assert!(m.addressed);

    // A group message without a mention, then one that mentions the bot (by its ACI, which
    // getUserStatus told) and someone else.
    fake.receive(group_message(ANN, ANN_NUMBER, "Ann", 1_700_000_000_002, GROUP, "lunch?", &[]));
    let quiet = r.take().await;
    assert_eq!((quiet.chat.kind, quiet.chat.id.as_str(), quiet.addressed), (ChatKind::Group, GROUP, false));
    let text = "\u{FFFC} ask \u{FFFC} too";
    fake.receive(group_message(
        ANN,
        ANN_NUMBER,
        "Ann",
        1_700_000_000_003,
        GROUP,
        text,
        &[(0, 1, "", ACCOUNT_UUID), (6, 1, "+31622222222", "b0b")],
    ));
    let asked = r.take().await;
    assert_eq!((asked.addressed, asked.text.as_str()), (true, "ask @+31622222222 too"));
    // The noise (receipt, typing, our own sync message) never came through: the next message
    // after it is the one above.
    assert_eq!(fake.connections(), 1);
    r.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_go_out_in_ordered_parts_rate_limits_are_waited_out_and_typing_shows() {
    let fake = FakeSignal::start(Duration::from_millis(300)).await;
    let ch = adapter(settings(&fake));
    let adapter: Arc<dyn Channel> = ch.clone();
    let home = Home::new(tempfile::tempdir().unwrap().path());
    let words: Vec<String> = (0..1000).map(|i| format!("w{i:04}")).collect();
    let dm_chat = openclaw::channel::ChatRef { id: ANN.into(), kind: ChatKind::Direct, thread: None };
    fake.rate_limit(1);
    let started = Instant::now();
    let sent =
        outbox::send_through(&home, &adapter, request(dm_chat.clone(), words.join(" "))).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "the rate limit's retryAfterSeconds was waited out"
    );
    let got = fake.sent();
    assert_eq!(got.len(), 2, "5,999 characters in two parts of at most 4,000");
    assert_eq!(sent.message_ids.len(), 2);
    assert!(got.iter().all(|p| p["recipient"] == json!([ANN]) && p["account"] == ACCOUNT));
    let joined: Vec<String> = got.iter().map(|p| p["message"].as_str().unwrap().to_string()).collect();
    assert!(joined.iter().all(|p| p.chars().count() <= 4000));
    assert_eq!(joined.join(" "), words.join(" "), "every word, in order");

    let group = openclaw::channel::ChatRef { id: GROUP.into(), kind: ChatKind::Group, thread: None };
    ch.typing(&group).await;
    assert_eq!(fake.typing(), [json!({"groupId": GROUP, "account": ACCOUNT})]);
    outbox::send_through(&home, &adapter, request(group, "to the team")).await.unwrap();
    assert_eq!(fake.sent()[2]["groupId"], GROUP);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_arrived_while_away_is_handed_over_and_a_silent_stream_is_reconnected() {
    let fake = FakeSignal::start(Duration::from_millis(300)).await;
    // on-connection: signal-cli leaves messages with Signal while nobody listens.
    fake.receive(dm(ANN, ANN_NUMBER, "Ann", 10, "sent while the gateway was down"));
    // The first subscription is half-open: headers, then nothing at all.
    fake.half_open(1);
    let ch = adapter(settings(&fake));
    let mut r = run(&ch);
    let m = r.take().await;
    assert_eq!(m.text, "sent while the gateway was down");
    assert_eq!(fake.connections(), 2, "the silent stream was dropped after the keep-alive timeout");
    fake.receive(dm(ANN, ANN_NUMBER, "Ann", 11, "and now"));
    assert_eq!(r.take().await.text, "and now");
    assert_eq!(ch.health(), Health::Ok);
    r.stop().await.unwrap();

    // What the documented receive mode is for: in signal-cli's default mode the daemon consumes
    // what arrives while nobody is attached.
    fake.set_mode(Mode::OnStart);
    until("detached", || !fake.attached()).await;
    fake.receive(dm(ANN, ANN_NUMBER, "Ann", 12, "lost"));
    assert_eq!(fake.dropped(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_the_daemon_does_not_serve_stops_with_a_clear_error() {
    let fake = FakeSignal::start(Duration::from_millis(300)).await;
    let ch = adapter(json!({"account": "+31699999999", "httpUrl": fake.url}));
    let err = run(&ch).ended().await.unwrap_err();
    assert!(matches!(err, ChannelError::Config { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("does not serve channels.signal.accounts.default.account = +31699999999"),
        "{text}"
    );
    assert!(matches!(ch.health(), Health::Failing { .. }));

    // With cliPath, a signal-cli that exits saying the number is not registered.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("signal-cli");
    std::fs::write(&script, "#!/bin/sh\necho \"User $2 is not registered.\" >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let ch = adapter(json!({"account": "+31699999999", "httpUrl": "http://127.0.0.1:9", "cliPath": script}));
    let err = run(&ch).ended().await.unwrap_err().to_string();
    assert!(err.contains("signal-cli refuses channels.signal.accounts.default.account"), "{err}");
    assert!(err.contains("User +31699999999 is not registered"), "{err}");
}

/// `examples/fake_signal_cli.rs`, built next to this test binary by `cargo test`.
fn fake_cli() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let p = exe.parent()?.parent()?.join("examples").join("fake_signal_cli");
    if p.is_file() {
        return Some(p);
    }
    eprintln!(
        "SKIP: {} is not built (cargo test builds it; or cargo build --example fake_signal_cli)",
        p.display()
    );
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_cli_path_the_daemon_is_started_restarted_when_it_dies_and_stopped() {
    let Some(cli) = fake_cli() else { return };
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let ch =
        adapter(json!({"account": ACCOUNT, "httpUrl": url, "cliPath": cli, "keepaliveTimeoutSeconds": 2}));
    let mut r = run(&ch);
    let http = openclaw::net::channel_client().unwrap();
    let inject = |text: &'static str, ts: u64| {
        let (http, url) = (http.clone(), url.clone());
        async move {
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                let sent = http
                    .post(format!("{url}/test/receive"))
                    .body(dm(ANN, ANN_NUMBER, "Ann", ts, text).to_string())
                    .send()
                    .await;
                if sent.is_ok_and(|s| s.status().is_success()) {
                    return;
                }
                assert!(Instant::now() < deadline, "the daemon never came up");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    inject("via the daemon the gateway started", 1).await;
    assert_eq!(r.take().await.text, "via the daemon the gateway started");
    let _ = http.post(format!("{url}/test/exit")).send().await;
    inject("after it died and was restarted", 2).await;
    assert_eq!(r.take().await.text, "after it died and was restarted");
    assert_eq!(ch.health(), Health::Ok);
    r.stop().await.unwrap();
    let gone = http.get(format!("{url}/api/v1/check")).send().await;
    assert!(gone.is_err(), "the daemon stops with the account: {gone:?}");
}
