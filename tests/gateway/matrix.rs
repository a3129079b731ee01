//! The Matrix channel end to end against a real Synapse homeserver ([`crate::synapse`]): users
//! are plain Client-Server API clients; the gateway is the real binary. Each test registers its
//! own users and rooms on the shared homeserver. Without Synapse installed the tests print SKIP.

use std::time::Duration;

use serde_json::{Value, json};

use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config, eventually, user_lines};
use crate::harness::Env;
use crate::synapse::{Synapse, User, synapse};

/// The shared homeserver, or `None` (the test returns: Synapse is not installed, said on stderr).
async fn homeserver() -> Option<&'static Synapse> {
    tokio::task::spawn_blocking(synapse).await.expect("synapse thread")
}

/// The `channels` block for `bot`; `extra` goes into the account.
fn matrix(hs: &Synapse, bot: &User, extra: &str) -> String {
    format!(
        r#"channels: {{ matrix: {{ dmPolicy: "open", accounts: {{ default: {{
            homeserver: "{}", userId: "{}", accessToken: "{}", syncTimeoutSeconds: 5, {extra} }} }} }} }},"#,
        hs.base, bot.id, bot.token
    )
}

/// Waits (bounded, Synapse can be slow) until `f` is true.
async fn until(what: &str, mut f: impl AsyncFnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !f().await {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A DM room from `user` to `bot`, once the bot has joined it.
async fn dm(user: &User, bot: &User) -> String {
    let room = user.create_room(&[&bot.id], true, json!({})).await;
    until("the bot joins the DM", async || user.members(&room).await.contains(&bot.id)).await;
    room
}

fn channel_row(env: &Env) -> Value {
    let ls = env.run(&["channel", "ls", "--json"]);
    let rows: Vec<Value> = serde_json::from_str(&ls.stdout).unwrap_or_default();
    rows.into_iter().find(|r| r["channel"] == "matrix").unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_users_reach_their_agents_rooms_need_a_mention_and_threads_are_answered_in_thread() {
    let Some(hs) = homeserver().await else { return };
    let (bot, ann, bob) =
        (hs.register("claw", false).await, hs.register("ann", false).await, hs.register("bob", false).await);
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    let cfg = config(llm.port, &matrix(hs, &bot, "")).replace(
        "agents: { main: {} }",
        r#"agents: { main: {}, work: { bindings: [{ channel: "matrix", peer: "bob*" }] } }"#,
    );
    env.write("gateway.json5", &cfg);
    let gw = Gateway::start(&env).await;
    let (ann_dm, bob_dm) = (dm(&ann, &bot).await, dm(&bob, &bot).await);
    ann.say(&ann_dm, "hi from ann").await;
    bob.say(&bob_dm, "hi from bob").await;
    until("both DMs answered", async || {
        ann.bodies_from(&ann_dm, &bot.id).await.len() == 1
            && bob.bodies_from(&bob_dm, &bot.id).await.len() == 1
    })
    .await;
    assert_eq!(ann.bodies_from(&ann_dm, &bot.id).await, ["echo: hi from ann"]);
    assert_eq!(bob.bodies_from(&bob_dm, &bot.id).await, ["echo: hi from bob"]);
    let reply = &ann.messages_from(&ann_dm, &bot.id).await[0];
    assert_eq!(reply["content"]["m.mentions"], json!({}), "the bot's messages ping nobody: {reply}");
    assert_eq!(user_lines(&env, "main", &format!("agent:main:matrix:peer:{}", ann.id)), ["hi from ann"]);
    assert_eq!(
        user_lines(&env, "work", &format!("agent:work:matrix:peer:{}", bob.id)),
        ["hi from bob"],
        "bound by localpart"
    );

    // A room of three: only what mentions the bot is answered.
    let room = ann.create_room(&[&bot.id, &bob.id], false, json!({"name": "ops"})).await;
    bob.join(&room).await;
    until("the bot joins the room", async || ann.members(&room).await.contains(&bot.id)).await;
    ann.say(&room, "just chatting").await;
    let mention = json!({"msgtype": "m.text", "body": format!("{}: are you there?", bot.id),
        "m.mentions": {"user_ids": [bot.id]}});
    let asked = ann.send_event(&room, "m.room.message", mention).await;
    until("the mention's reply", async || !ann.bodies_from(&room, &bot.id).await.is_empty()).await;
    // A thread under the question, mentioning the bot by name (a client without m.mentions).
    let local = bot.id.trim_start_matches('@').split(':').next().unwrap().to_string();
    let in_thread = json!({"msgtype": "m.text", "body": format!("{local}, and in the thread?"),
        "m.relates_to": {"rel_type": "m.thread", "event_id": asked, "is_falling_back": true,
                         "m.in_reply_to": {"event_id": asked}}});
    ann.send_event(&room, "m.room.message", in_thread).await;
    until("the thread's reply", async || ann.bodies_from(&room, &bot.id).await.len() == 2).await;
    let replies = ann.messages_from(&room, &bot.id).await;
    assert_eq!(replies[0]["content"]["body"], "echo: are you there?");
    assert_eq!(replies[0]["content"]["m.relates_to"]["m.in_reply_to"]["event_id"], asked.as_str());
    assert_eq!(replies[1]["content"]["body"], "echo: and in the thread?");
    assert_eq!(replies[1]["content"]["m.relates_to"]["rel_type"], "m.thread", "{}", replies[1]);
    assert_eq!(replies[1]["content"]["m.relates_to"]["event_id"], asked.as_str());
    assert_eq!(user_lines(&env, "main", &format!("agent:main:matrix:channel:{room}")), ["are you there?"]);
    assert_eq!(
        user_lines(&env, "main", &format!("agent:main:matrix:channel:{room}:thread:{asked}")),
        ["and in the thread?"]
    );
    assert_eq!(llm.calls(), 4, "the unaddressed message never reached the model");

    let row = channel_row(&env);
    assert_eq!(row["health"]["state"], "ok", "{row}");
    let human = env.run(&["channel", "ls"]);
    assert!(human.stdout.contains("matrix"), "{}", human.stdout);
    drop(gw);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_resumes_from_the_sync_token_and_a_gap_is_backfilled() {
    let Some(hs) = homeserver().await else { return };
    let (bot, ann) = (hs.register("claw", false).await, hs.register("ann", false).await);
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    // A password login (the token is kept under credentials/), and a timeline of two events a
    // sync, so what comes while the gateway is down is a `limited` gap.
    let channels = format!(
        r#"channels: {{ matrix: {{ dmPolicy: "open", accounts: {{ default: {{
            homeserver: "{}", userId: "{}", password: "pw-secret", syncTimeoutSeconds: 5, timelineLimit: 2 }} }} }} }},"#,
        hs.base, bot.id
    );
    env.write("gateway.json5", &config(llm.port, &channels));
    let mut gw = Gateway::start(&env).await;
    let room = dm(&ann, &bot).await;
    ann.say(&room, "before").await;
    until("the first reply", async || ann.bodies_from(&room, &bot.id).await.len() == 1).await;
    let session = env.home.join("credentials/matrix.default.session.json");
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(&session).unwrap()).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&session).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(gw.terminate().await, 0);

    for i in 1..=5 {
        ann.say(&room, &format!("while away {i}")).await;
    }
    let _gw = Gateway::start(&env).await;
    until("five more replies", async || ann.bodies_from(&room, &bot.id).await.len() >= 6).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut want: Vec<String> = (1..=5).map(|i| format!("echo: while away {i}")).collect();
    want.insert(0, "echo: before".to_string());
    assert_eq!(ann.bodies_from(&room, &bot.id).await, want, "nothing lost, nothing repeated, in order");
    let again: Value = serde_json::from_str(&std::fs::read_to_string(&session).unwrap()).unwrap();
    assert_eq!(again["accessToken"], stored["accessToken"], "the login was reused, not repeated");
    assert_eq!(llm.calls(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_turn_then_restart_answers_exactly_once() {
    let Some(hs) = homeserver().await else { return };
    let (bot, ann) = (hs.register("claw", false).await, hs.register("ann", false).await);
    let llm = FakeLlm::start(1500).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &matrix(hs, &bot, "")));
    let mut gw = Gateway::start(&env).await;
    let room = dm(&ann, &bot).await;
    ann.say(&room, "remember me").await;
    eventually("the model call", async || llm.calls() == 1).await;
    let mut child = gw.child.take().unwrap();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(ann.bodies_from(&room, &bot.id).await.is_empty());
    let _gw = Gateway::start(&env).await;
    until("the reply after the restart", async || !ann.bodies_from(&room, &bot.id).await.is_empty()).await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(ann.bodies_from(&room, &bot.id).await, ["echo: remember me"]);
    assert_eq!(user_lines(&env, "main", &format!("agent:main:matrix:peer:{}", ann.id)), ["remember me"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_reply_goes_in_ordered_parts_and_rate_limits_are_waited_out() {
    let Some(hs) = homeserver().await else { return };
    let (bot, ann, admin) =
        (hs.register("claw", false).await, hs.register("ann", false).await, hs.register("admin", true).await);
    // One message a second for the bot: the second part is refused with M_LIMIT_EXCEEDED first.
    admin.override_ratelimit(&bot.id, 1, 1).await;
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &matrix(hs, &bot, "")));
    let _gw = Gateway::start(&env).await;
    let room = dm(&ann, &bot).await;
    let words: Vec<String> = (0..500).map(|i| format!("w{i:07}")).collect();
    let text = words.join(" ");
    assert_eq!(text.chars().count(), 4499);
    ann.say(&room, &text).await;
    until("two parts", async || ann.bodies_from(&room, &bot.id).await.len() == 2).await;
    let parts = ann.messages_from(&room, &bot.id).await;
    let bodies: Vec<&str> = parts.iter().map(|p| p["content"]["body"].as_str().unwrap()).collect();
    assert!(
        bodies.iter().all(|b| b.chars().count() <= 4000),
        "{:?}",
        bodies.iter().map(|b| b.len()).collect::<Vec<_>>()
    );
    let got: Vec<&str> = bodies.iter().flat_map(|b| b.split_whitespace()).collect();
    let mut want = vec!["echo:"];
    want.extend(words.iter().map(String::as_str));
    assert_eq!(got, want, "the parts, in order, are the whole reply");
    let gap = parts[1]["origin_server_ts"].as_u64().unwrap() - parts[0]["origin_server_ts"].as_u64().unwrap();
    assert!(gap >= 900, "the second part waited out the rate limit ({gap} ms)");
    let dead = env.run(&["channel", "dead-letters", "ls", "--json"]);
    assert_eq!(dead.stdout.trim(), "[]", "nothing failed: {}", dead.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_encrypted_room_gets_one_notice() {
    let Some(hs) = homeserver().await else { return };
    let (bot, ann) = (hs.register("claw", false).await, hs.register("ann", false).await);
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &matrix(hs, &bot, "")));
    let _gw = Gateway::start(&env).await;
    let encryption = json!({"initial_state": [{"type": "m.room.encryption", "state_key": "",
        "content": {"algorithm": "m.megolm.v1.aes-sha2"}}]});
    let room = ann.create_room(&[&bot.id], true, encryption).await;
    until("the bot joins", async || ann.members(&room).await.contains(&bot.id)).await;
    let sealed = json!({"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "AwgAEnAc", "sender_key": "k",
        "device_id": "D", "session_id": "s"});
    ann.send_event(&room, "m.room.encrypted", sealed.clone()).await;
    until("the notice", async || !ann.bodies_from(&room, &bot.id).await.is_empty()).await;
    ann.send_event(&room, "m.room.encrypted", sealed).await;
    ann.say(&room, "plain text after").await;
    until("the plain message's reply", async || ann.bodies_from(&room, &bot.id).await.len() == 2).await;
    let sent = ann.messages_from(&room, &bot.id).await;
    assert_eq!(sent[0]["content"]["msgtype"], "m.notice");
    assert!(sent[0]["content"]["body"].as_str().unwrap().contains("end-to-end encrypted"), "{}", sent[0]);
    assert_eq!(sent[1]["content"]["body"], "echo: plain text after", "one notice, not one per message");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_token_stops_the_account_with_health_naming_the_key() {
    let Some(hs) = homeserver().await else { return };
    let mut bot = hs.register("claw", false).await;
    bot.token = "syt_not_a_real_token".into();
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &matrix(hs, &bot, "")));
    let gw = Gateway::start(&env).await;
    until("the account stops", async || channel_row(&env)["health"]["state"] == "failing").await;
    let row = channel_row(&env);
    let error = row["lastError"].as_str().unwrap_or_default();
    assert!(error.contains("channels.matrix.accounts.default.accessToken"), "{row}");
    assert!(error.contains("M_UNKNOWN_TOKEN"), "{row}");
    assert!(!error.contains("syt_not_a_real_token"), "the token is not shown: {row}");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(channel_row(&env)["restarts"], 0, "no reconnect loop on a bad token");
    assert!(!gw.log_text().contains("syt_not_a_real_token"), "the token is not logged");
}

#[test]
fn config_validate_names_the_matrix_key_with_its_position() {
    let env = Env::init();
    env.write(
        "gateway.json5",
        "{\n  channels: {\n    matrix: { accounts: { ops: {\n      homeserver: \"https://m.example.org\",\n      userId: \"bot\",\n      accessToken: \"t\" } } },\n  },\n}\n",
    );
    let out = env.run(&["config", "validate"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stderr.contains("gateway.json5:5:"), "{}", out.stderr);
    assert!(
        out.stderr.contains("channels.matrix.accounts.ops.userId is not a Matrix user id"),
        "{}",
        out.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_part_sent_again_with_its_nonce_is_one_message() {
    use openclaw::channel::{Channel, ChatKind, ChatRef, Part, matrix::MatrixChannel};
    let Some(hs) = homeserver().await else { return };
    let (bot, ann) = (hs.register("claw", false).await, hs.register("ann", false).await);
    let room = ann.create_room(&[&bot.id], false, json!({})).await;
    let dir = tempfile::tempdir().unwrap();
    let settings = json!({"homeserver": hs.base, "userId": bot.id, "accessToken": bot.token});
    let http = openclaw::net::channel_client().unwrap();
    let home = openclaw::home::Home::new(dir.path());
    let adapter = MatrixChannel::from_config("default", &settings, http, &home).unwrap();
    let (status, _) = bot_join(&bot, &room).await;
    assert_eq!(status, 200);
    let chat = ChatRef { id: room.clone(), kind: ChatKind::Group, thread: None };
    let part = Part { chat: &chat, text: "only once", reply_to: None, nonce: "0123456789abcdef00000" };
    // As after a crash between the send and its record: the outbox sends the part again.
    let first = adapter.send_part(part).await.unwrap();
    let again = adapter.send_part(part).await.unwrap();
    assert_eq!(first, again, "the homeserver recognised the transaction id");
    assert_eq!(ann.bodies_from(&room, &bot.id).await, ["only once"]);
    let other = Part { nonce: "0123456789abcdef00001", ..part };
    assert_ne!(adapter.send_part(other).await.unwrap(), first, "another part is another message");
}

async fn bot_join(bot: &User, room: &str) -> (u16, Value) {
    bot.call(reqwest::Method::POST, &format!("/join/{}", crate::synapse::enc(room)), Some(json!({}))).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invites_are_joined_only_from_senders_the_bot_may_talk_to() {
    let Some(hs) = homeserver().await else { return };
    let (bot, ann, eve) =
        (hs.register("claw", false).await, hs.register("ann", false).await, hs.register("eve", false).await);
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    let channels = matrix(hs, &bot, "")
        .replace(r#"dmPolicy: "open""#, &format!(r#"dmPolicy: "allowlist", allowFrom: ["{}"]"#, ann.id));
    env.write("gateway.json5", &config(llm.port, &channels));
    let _gw = Gateway::start(&env).await;
    let stranger = eve.create_room(&[&bot.id], false, json!({"name": "spam"})).await;
    let room = dm(&ann, &bot).await;
    // The stranger's invite is declined (the bot leaves), the allowed one's is joined.
    until("the stranger's invite declined", async || {
        let (_, v) = eve
            .call(
                reqwest::Method::GET,
                &format!(
                    "/rooms/{}/state/m.room.member/{}",
                    crate::synapse::enc(&stranger),
                    crate::synapse::enc(&bot.id)
                ),
                None,
            )
            .await;
        v["membership"] == "leave"
    })
    .await;
    assert!(!eve.members(&stranger).await.contains(&bot.id));
    ann.say(&room, "hello").await;
    until("ann's reply", async || !ann.bodies_from(&room, &bot.id).await.is_empty()).await;
    assert_eq!(ann.bodies_from(&room, &bot.id).await, ["echo: hello"]);
}
