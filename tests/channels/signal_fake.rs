//! Self-tests of the fake signal-cli daemon: it answers what `signal-cli daemon --http` answers,
//! byte for byte where signal-cli is exact (the SSE framing of `ServerSentEventSender`), and
//! signal-cli's own JSON-RPC client (`signal-cli-client`, the Rust client in signal-cli's
//! repository, not published to a registry) is accepted by it when one is at hand
//! (`SIGNAL_CLI_CLIENT=/path/to/signal-cli-client`).

use std::time::Duration;

use serde_json::{Value, json};

use crate::fake_signal::{ACCOUNT, ACCOUNT_UUID, FakeSignal, dm};

async fn rpc(fake: &FakeSignal, body: &str, content_type: Option<&str>) -> (u16, String) {
    let mut req = openclaw::net::channel_client()
        .unwrap()
        .post(format!("{}/api/v1/rpc", fake.url))
        .body(body.to_string());
    if let Some(t) = content_type {
        req = req.header("Content-Type", t);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_event_stream_is_framed_as_signal_cli_frames_it() {
    let fake = FakeSignal::start(Duration::from_millis(200)).await;
    let http = openclaw::net::channel_client().unwrap();
    let wrong = http.get(format!("{}/api/v1/events?account=%2B1999", fake.url)).send().await.unwrap();
    assert_eq!(wrong.status().as_u16(), 400, "multi-account daemon without that account");
    let check = http.get(format!("{}/api/v1/check", fake.url)).send().await.unwrap();
    assert_eq!((check.status().as_u16(), check.content_length()), (200, Some(0)));

    let mut r = http.get(format!("{}/api/v1/events?account=%2B31600000001", fake.url)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200, "headers come at once");
    assert_eq!(r.headers()["content-type"], "text/event-stream");
    let first = tokio::time::timeout(Duration::from_secs(2), r.chunk()).await.unwrap().unwrap().unwrap();
    assert_eq!(&first[..], b":\n", "a keep-alive comment");
    fake.receive(dm("u1", "+31611111111", "Ann", 5, "hi"));
    let frame = loop {
        let c = tokio::time::timeout(Duration::from_secs(2), r.chunk()).await.unwrap().unwrap().unwrap();
        if &c[..] != b":\n" {
            break c;
        }
    };
    let text = std::str::from_utf8(&frame).unwrap();
    let data = text.strip_prefix("event:receive\ndata:").and_then(|t| t.strip_suffix("\n\n")).expect(text);
    let v: Value = serde_json::from_str(data).unwrap();
    assert_eq!(v["account"], ACCOUNT);
    let env = &v["envelope"];
    for key in [
        "source",
        "sourceNumber",
        "sourceUuid",
        "sourceName",
        "sourceDevice",
        "timestamp",
        "serverReceivedTimestamp",
        "serverDeliveredTimestamp",
        "dataMessage",
    ] {
        assert!(env.get(key).is_some(), "JsonMessageEnvelope field {key}");
    }
    assert_eq!(env["dataMessage"]["message"], "hi");
}

#[tokio::test]
async fn json_rpc_answers_as_signal_cli_does() {
    let fake = FakeSignal::start(Duration::from_secs(15)).await;
    let send = json!({"jsonrpc": "2.0", "id": 7, "method": "send",
        "params": {"account": ACCOUNT, "recipient": ["+31611111111"], "message": "x"}})
    .to_string();
    assert_eq!(rpc(&fake, &send, None).await.0, 415, "no Content-Type");
    let (status, body) = rpc(&fake, &send, Some("application/json")).await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((status, v["id"].clone(), v["jsonrpc"].clone()), (200, json!(7), json!("2.0")));
    assert!(v["result"]["timestamp"].is_i64());
    assert_eq!(v["result"]["results"][0]["type"], "SUCCESS");
    assert_eq!(v["result"]["results"][0]["recipientAddress"]["number"], "+31611111111");
    let note = json!({"jsonrpc": "2.0", "method": "sendTyping", "params": {"recipient": ["+31611111111"]}});
    assert_eq!(rpc(&fake, &note.to_string(), Some("application/json")).await, (201, String::new()));
    let (_, body) =
        rpc(&fake, r#"{"jsonrpc":"2.0","id":"a","method":"nope"}"#, Some("application/json")).await;
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["error"]["code"], -32601);
    fake.rate_limit(1);
    let (_, body) = rpc(&fake, &send, Some("application/json")).await;
    let e: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(e["error"]["code"], -5);
    assert_eq!(e["error"]["data"]["response"]["results"][0]["retryAfterSeconds"], 1);
}

#[tokio::test]
async fn signal_clis_own_client_talks_to_the_fake() {
    let Some(client) = std::env::var_os("SIGNAL_CLI_CLIENT") else {
        eprintln!(
            "SKIP: SIGNAL_CLI_CLIENT is not set (build signal-cli's client/ crate and point it at the binary to check the fake with it)"
        );
        return;
    };
    let fake = FakeSignal::start(Duration::from_secs(15)).await;
    let url = format!("{}/api/v1/rpc", fake.url);
    let run = |args: Vec<String>| {
        let client = client.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                std::process::Command::new(client).args(args).output().unwrap()
            })
            .await
            .unwrap()
        }
    };
    let base = |rest: &[&str]| -> Vec<String> {
        let mut a = vec!["--json-rpc-http".to_string(), url.clone(), "-a".into(), ACCOUNT.into()];
        a.extend(rest.iter().map(|s| s.to_string()));
        a
    };
    let out = run(base(&["send", "-m", "hello from the official client", "+31611111111"])).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["results"][0]["type"], "SUCCESS", "{printed}");
    assert_eq!(fake.sent()[0]["message"], "hello from the official client");
    assert_eq!(
        fake.sent()[0]["recipients"],
        json!(["+31611111111"]),
        "the plural spelling, which signal-cli also takes"
    );
    let out = run(base(&["sendTyping", "+31611111111"])).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(fake.typing().len(), 1);
    let out = run(base(&["getUserStatus", ACCOUNT])).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains(ACCOUNT_UUID));
}
