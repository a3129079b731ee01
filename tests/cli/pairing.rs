//! `openclaw pairing ls | approve`, with requests made the way the gateway makes them
//! (`channel::access::check` on a stranger's direct message).

use std::os::unix::fs::PermissionsExt;

use jiff::{SignedDuration, Timestamp};
use openclaw::channel::access::{self, Access};
use openclaw::channel::{ChatKind, ChatRef, InboundMessage, Sender};
use openclaw::home::Home;
use serde_json::{Value, json};

use crate::harness::{Env, snapshot_tree};

fn stranger(channel: &str, id: &str, name: &str, username: Option<&str>) -> InboundMessage {
    InboundMessage {
        id: format!("{channel}:default:{id}"),
        channel: channel.into(),
        account_id: "default".into(),
        chat: ChatRef { id: id.into(), kind: ChatKind::Direct, thread: None },
        sender: Sender { id: id.into(), name: Some(name.into()), username: username.map(Into::into) },
        text: "hi".into(),
        addressed: true,
        message_id: Some("1".into()),
    }
}

/// What the gateway does with a stranger's DM under the default policy; returns the code.
fn ask(env: &Env, msg: &InboundMessage, at: Timestamp) -> String {
    match access::check(&Home::new(&env.home), msg, &Value::Null, at).unwrap() {
        Access::Pair { code, reply_text } => {
            assert!(reply_text.contains(&format!("openclaw pairing approve {} {code}", msg.channel)));
            code
        }
        other => panic!("expected a pairing code, got {other:?}"),
    }
}

fn mode(env: &Env, rel: &str) -> u32 {
    std::fs::metadata(env.path(rel)).unwrap().permissions().mode() & 0o777
}

#[test]
fn ls_shows_pending_requests_and_approve_lets_the_sender_in() {
    let env = Env::init();
    assert_eq!(env.ok(&["pairing", "ls"]), "no pending pairing requests\n");
    assert_eq!(env.ok(&["-q", "pairing", "ls"]), "");
    assert_eq!(env.ok(&["--json", "pairing", "ls"]), "[]\n");

    let now = Timestamp::now();
    let ann = stranger("telegram", "4242", "Ann Lee", Some("ann"));
    let code = ask(&env, &ann, now - SignedDuration::from_mins(5));
    assert_eq!(ask(&env, &ann, now), code, "the same sender keeps the same pending code");
    let bob_code = ask(&env, &stranger("discord", "77", "Bob", None), now - SignedDuration::from_mins(2));
    assert_eq!(mode(&env, "credentials/telegram-pairing.json"), 0o600);
    assert_eq!(mode(&env, "credentials"), 0o700);

    let table = env.ok(&["pairing", "ls"]).replace(&code, "CODE_ONE").replace(&bob_code, "CODE_TWO");
    assert_eq!(
        table,
        "CHANNEL   CODE      SENDER  NAME            AGE\n\
         telegram  CODE_ONE  4242    Ann Lee (@ann)  5m\n\
         discord   CODE_TWO  77      Bob             2m\n"
    );
    let only: Value = serde_json::from_str(&env.ok(&["--json", "pairing", "ls", "telegram"])).unwrap();
    assert_eq!(only.as_array().unwrap().len(), 1);
    assert_eq!(only[0]["code"], json!(code));
    assert_eq!(only[0]["senderId"], "4242");
    assert_eq!(only[0]["channel"], "telegram");

    assert_eq!(
        env.ok(&["pairing", "approve", "telegram", &code.to_lowercase()]),
        "approved Ann Lee (@ann, id 4242) on telegram\n"
    );
    assert_eq!(mode(&env, "credentials/telegram-allowFrom.json"), 0o600);
    let allow: Value = serde_json::from_str(&env.read("credentials/telegram-allowFrom.json")).unwrap();
    assert_eq!(allow["allowFrom"][0]["id"], "4242");
    assert_eq!(access::check(&Home::new(&env.home), &ann, &Value::Null, now).unwrap(), Access::Allow);
    assert_eq!(env.ok(&["pairing", "ls", "telegram"]), "no pending pairing requests\n");

    // A code works once.
    let err = env.fails(&["pairing", "approve", "telegram", &code], 1);
    assert_eq!(
        err,
        format!(
            "error: no pending pairing request for telegram with code {code} (it may have expired after 1 hour)\n\
             hint: list the pending codes with: openclaw pairing ls\n"
        )
    );
    // The other channel's request is untouched, and codes do not cross channels.
    env.fails(&["pairing", "approve", "telegram", &bob_code], 1);
    let json: Value =
        serde_json::from_str(&env.ok(&["--json", "pairing", "approve", "discord", &bob_code])).unwrap();
    assert_eq!(json, json!({"channel": "discord", "id": "77", "name": "Bob", "username": null}));
}

#[test]
fn expired_codes_are_not_listed_and_cannot_be_approved() {
    let env = Env::init();
    let old = Timestamp::now() - SignedDuration::from_mins(61);
    let code = ask(&env, &stranger("telegram", "5", "Eve", None), old);
    assert_eq!(env.ok(&["pairing", "ls"]), "no pending pairing requests\n");
    let before = snapshot_tree(&env.home);
    let err = env.fails(&["pairing", "approve", "telegram", &code], 1);
    assert!(
        err.starts_with(&format!("error: no pending pairing request for telegram with code {code}")),
        "{err}"
    );
    assert!(!env.path("credentials/telegram-allowFrom.json").exists());
    assert_eq!(snapshot_tree(&env.home), before, "a failed approve changes nothing");

    // After expiry the sender can ask again and gets a new code.
    let fresh = ask(&env, &stranger("telegram", "5", "Eve", None), Timestamp::now());
    assert_ne!(fresh, code);
    assert!(env.ok(&["pairing", "ls"]).contains(&fresh));
}

#[test]
fn usage_and_missing_home() {
    let env = Env::init();
    env.fails(&["pairing", "approve", "telegram"], 2);
    let err = env.fails(&["pairing", "approve", "nochannel", "ABCDEFGH"], 1);
    assert!(err.contains("no pending pairing request for nochannel with code ABCDEFGH"), "{err}");
    let fresh = Env::new();
    let err = fresh.fails(&["pairing", "ls"], 1);
    assert!(err.contains("openclaw init"), "{err}");
}
