//! The iMessage adapter against the fake BlueBubbles, driven through the library.

use std::sync::Arc;
use std::time::Duration;

use openclaw::channel::imessage::IMessageChannel;
use openclaw::channel::{Channel, ChatKind, ChatRef, Part};
use openclaw::home::Home;
use serde_json::json;

use crate::fake_bluebubbles::{FakeBlueBubbles, PASSWORD};

#[tokio::test]
async fn a_part_retried_while_still_queued_is_not_sent_twice() {
    let bb = FakeBlueBubbles::start(PASSWORD).await;
    bb.set_send_delay(Duration::from_millis(1500));
    let dir = tempfile::tempdir().unwrap();
    let settings = json!({"accounts": {"mac": {"serverUrl": bb.url(), "password": PASSWORD}}});
    let http = openclaw::net::channel_client().unwrap();
    let ch = Arc::new(IMessageChannel::from_config("mac", &settings, http, &Home::new(dir.path())).unwrap());
    let chat = ChatRef { id: "+15550000001".into(), kind: ChatKind::Direct, thread: None };
    let part = |nonce: &'static str| Part { chat: &chat, text: "the report is ready", reply_to: None, nonce };
    // The first try is still being sent by BlueBubbles when the same part is tried again (as the
    // outbox does after a timeout, or a restarted gateway after a crash).
    let (first, second) = tokio::join!(ch.send_part(part("0123456789abcdef00000")), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        ch.send_part(part("0123456789abcdef00000")).await
    });
    assert!(first.is_ok() && second.is_ok(), "{first:?} {second:?}");
    assert_eq!(bb.refused(), 1, "BlueBubbles refused the second request by its tempGuid");
    let sent = bb.sent();
    assert_eq!(sent.len(), 1, "sent once: {sent:?}");
    assert_eq!(sent[0].0, "iMessage;-;+15550000001");
    assert_eq!(sent[0].2, "openclaw-0123456789abcdef00000");
    // A different part (another nonce) is its own message.
    ch.send_part(part("0123456789abcdef00001")).await.unwrap();
    assert_eq!(bb.sent().len(), 2);
}
