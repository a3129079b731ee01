//! The whole path from a (fake) Slack through routing and turns back to the channel, next to
//! Discord, Telegram and the web chat in one gateway.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::botapi::FakeBot;
use crate::fake_discord::FakeDiscord;
use crate::fake_llm::FakeLlm;
use crate::fake_slack::{APP_TOKEN, BOT_TOKEN, BOT_USER, FakeOptions, FakeSlack, Fault, dm_channel};
use crate::gateway::{Gateway, config, eventually, user_lines};
use crate::harness::Env;

fn slack(fake: &FakeSlack) -> String {
    format!(
        r#"channels: {{ slack: {{ dmPolicy: "open", apiBase: "{}",
            accounts: {{ default: {{ appToken: "{APP_TOKEN}", botToken: "{BOT_TOKEN}" }} }} }} }},"#,
        fake.api_base()
    )
}

async fn fake() -> FakeSlack {
    FakeSlack::start_with(FakeOptions { ack_timeout: Duration::from_secs(1), ..Default::default() }).await
}

/// `(channel, text, thread_ts)` of every message the bot posted.
fn posted(fake: &FakeSlack) -> Vec<(String, String, Option<String>)> {
    fake.posted().into_iter().map(|p| (p.channel, p.text, p.thread_ts)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_users_reach_their_agents_mentions_are_answered_and_threads_stay_threads() {
    let llm = FakeLlm::start(0).await;
    let fake = fake().await;
    let env = Env::init();
    let cfg = config(llm.port, &slack(&fake)).replace(
        "agents: { main: {} }",
        r#"agents: { main: {}, work: { bindings: [{ channel: "slack", peer: "U2" }] } }"#,
    );
    env.write("gateway.json5", &cfg);
    let gw = Gateway::start(&env).await;
    fake.dm("U1", "hi from ann");
    fake.dm("U2", "hi from bob");
    eventually("two replies", async || posted(&fake).len() == 2).await;
    let mut got = posted(&fake);
    got.sort();
    assert_eq!(
        got,
        [
            (dm_channel("U1"), "echo: hi from ann".to_string(), None),
            (dm_channel("U2"), "echo: hi from bob".to_string(), None)
        ]
    );
    assert_eq!(user_lines(&env, "main", "agent:main:slack:peer:U1"), ["hi from ann"]);
    assert_eq!(user_lines(&env, "work", "agent:work:slack:peer:U2"), ["hi from bob"], "bound by peer");

    // In a channel: no mention, no answer; a mention (sent by Slack twice, as `message` and
    // `app_mention`) is answered once, in the channel.
    fake.post("C1", "U1", "just chatting", None);
    let parent = fake.post("C1", "U1", &format!("<@{BOT_USER}> are you there?"), None);
    eventually("the mention's reply", async || posted(&fake).len() == 3).await;
    assert_eq!(posted(&fake)[2], ("C1".to_string(), "echo: are you there?".to_string(), None));
    // A reply in that message's thread is answered in the thread, in the thread's own session.
    fake.post("C1", "U1", &format!("<@{BOT_USER}> and here?"), Some(&parent));
    eventually("the thread's reply", async || posted(&fake).len() == 4).await;
    assert_eq!(posted(&fake)[3], ("C1".to_string(), "echo: and here?".to_string(), Some(parent.clone())));
    assert_eq!(user_lines(&env, "main", "agent:main:slack:channel:C1"), ["are you there?"]);
    assert_eq!(
        user_lines(&env, "main", &format!("agent:main:slack:channel:C1:thread:{parent}")),
        ["and here?"]
    );

    // A 4,500-character reply goes in two ordered parts, after a 429 is waited out; what the
    // model says cannot ping the channel.
    fake.fault("chat.postMessage", Fault::RateLimited { retry_after: 1 });
    let long: String = format!("<!channel> {}", "0123456789 ".repeat(408)).chars().take(4494).collect();
    fake.dm("U1", &long);
    eventually("both parts", async || posted(&fake).len() == 6).await;
    let parts: Vec<String> = posted(&fake)[4..]
        .iter()
        .map(|(c, t, _)| {
            assert_eq!(c, &dm_channel("U1"));
            t.clone()
        })
        .collect();
    assert!(parts[0].starts_with("echo: &lt;!channel&gt; 0123"), "{}", parts[0]);
    let unescaped = parts.join(" ").replace("&lt;", "<").replace("&gt;", ">");
    assert_eq!(
        unescaped.split_whitespace().collect::<Vec<_>>(),
        format!("echo: {long}").split_whitespace().collect::<Vec<_>>()
    );
    assert!(parts.iter().all(|p| p.chars().count() <= 4000 + 10));
    let calls = fake.calls("chat.postMessage");
    let limited = calls.iter().position(|c| !c.ok).expect("the 429");
    assert!(
        calls[limited + 1].at - calls[limited].at >= Duration::from_secs(1),
        "Retry-After was waited out"
    );
    assert_eq!(llm.calls(), 5, "the unaddressed message never reached the model");

    let (_, status) = gw.get("/api/status").await;
    let sl =
        status["channels"].as_array().unwrap().iter().find(|c| c["channel"] == "slack").cloned().unwrap();
    assert_eq!(sl["health"]["state"], "ok", "{status}");
    // The ack travels on the socket apart from the replies: wait for it rather than race it.
    eventually("every envelope acknowledged", async || {
        fake.deliveries().iter().all(|d| d.acked_at.is_some() || d.retry_attempt > 0)
    })
    .await;
    assert!(fake.given_up().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_turn_then_restart_answers_exactly_once() {
    let llm = FakeLlm::start(1500).await;
    let fake = fake().await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &slack(&fake)));
    let mut gw = Gateway::start(&env).await;
    fake.dm("U1", "remember me");
    eventually("the model call", async || llm.calls() == 1).await;
    let event = fake.deliveries()[0].event_id.clone();
    // The ack frame and the model call race each other; the turn takes 1.5 s.
    eventually("the envelope acknowledged", async || fake.acked(&event)).await;
    assert!(posted(&fake).is_empty(), "acknowledged once journaled, before the turn ended");
    let mut child = gw.child.take().unwrap();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(posted(&fake).is_empty());
    let _gw = Gateway::start(&env).await;
    eventually("the reply after the restart", async || !posted(&fake).is_empty()).await;
    // Give a duplicate time to show up, then check there is none.
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(posted(&fake), [(dm_channel("U1"), "echo: remember me".to_string(), None)]);
    assert_eq!(user_lines(&env, "main", "agent:main:slack:peer:U1"), ["remember me"]);
    assert_eq!(fake.deliveries_of(&event).len(), 1, "Slack had its ack: nothing was redelivered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_runs_next_to_discord_telegram_and_the_web_chat_and_a_bad_token_stops_its_account() {
    let llm = FakeLlm::start(0).await;
    let fake = fake().await;
    let discord = FakeDiscord::start().await;
    let bot = FakeBot::start().await;
    let env = Env::init();
    let channels = format!(
        r#"channels: {{ webchat: {{ enabled: true }},
            slack: {{ apiBase: "{}", accounts: {{
                default: {{ appToken: "{APP_TOKEN}", botToken: "{BOT_TOKEN}" }},
                broken: {{ appToken: "{APP_TOKEN}", botToken: "xoxb-revoked-SECRET" }} }} }},
            discord: {{ accounts: {{ default: {{ token: "{}", apiBase: "{}" }} }} }},
            telegram: {{ accounts: {{ default: {{ botToken: "{}", apiBase: "{}", pollTimeoutSeconds: 1 }} }} }} }},"#,
        fake.api_base(),
        crate::fake_discord::TOKEN,
        discord.api_base(),
        crate::botapi::TOKEN,
        bot.base
    );
    env.write("gateway.json5", &config(llm.port, &channels));
    let gw = Gateway::start(&env).await;
    let rows = async || {
        let ls = env.run(&["channel", "ls", "--json"]);
        serde_json::from_str::<Vec<Value>>(&ls.stdout).unwrap_or_default()
    };
    let row = |rows: &[Value], channel: &str, account: &str| {
        rows.iter().find(|r| r["channel"] == channel && r["account"] == account).cloned().unwrap_or_default()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let r = rows().await;
        let ok =
            ["slack", "discord", "telegram"].iter().all(|c| row(&r, c, "default")["health"]["state"] == "ok");
        if ok && row(&r, "slack", "broken")["lastError"].as_str().is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "accounts: {r:?}\n{}", gw.log_text());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = rows().await;
    let broken = row(&r, "slack", "broken");
    let error = broken["lastError"].as_str().unwrap();
    assert!(
        error.contains("channels.slack.accounts.broken.botToken") && error.contains("invalid_auth"),
        "{error}"
    );
    assert!(!error.contains("SECRET"), "{error}");
    assert_eq!(broken["health"]["state"], "failing", "{broken}");
    let tests_before = fake.calls("auth.test").len();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(fake.calls("auth.test").len(), tests_before, "a refused token is not retried in a loop");
    let human = env.run(&["channel", "ls"]);
    assert!(human.stdout.contains("slack") && human.stdout.contains("broken"), "{}", human.stdout);

    // `send --channel slack` goes through the running gateway's account.
    let started = Instant::now();
    let out = env.run(&["send", "--channel", "slack", "--to", "channel:C1", "the backup <finished> & done"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("sent to slack:channel:C1 from account default"), "{}", out.stdout);
    assert_eq!(
        posted(&fake),
        [("C1".to_string(), "the backup &lt;finished&gt; &amp; done".to_string(), None)]
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    drop(gw);
}
