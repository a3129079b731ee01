//! Signal through the whole gateway, against the fake signal-cli daemon: routing by binding,
//! group mention gating, a crash mid-turn with Signal handing the message over again, and an
//! account the daemon does not serve.

use std::time::Duration;

use crate::fake_llm::FakeLlm;
use crate::fake_signal::{ACCOUNT, FakeSignal, dm, group_message};
use crate::gateway::{Gateway, config, eventually, stops_with, user_lines};
use crate::harness::Env;

const ANN: &str = "a11ce000-0000-4000-8000-000000000001";
const BOB: &str = "b0b00000-0000-4000-8000-000000000002";
const GROUP: &str = "Pmpi+EfPWmsxiomLe9Nx2XF9HOE483p6iKiFj65iMwI=";

fn signal(fake: &FakeSignal, account: &str) -> String {
    format!(
        r#"channels: {{ signal: {{ dmPolicy: "open", accounts: {{ default: {{ account: "{account}", httpUrl: "{}" }} }} }} }},"#,
        fake.url
    )
}

/// `(recipient or group, message)` of every send.
fn sent(fake: &FakeSignal) -> Vec<(String, String)> {
    fake.sent()
        .into_iter()
        .map(|p| {
            let to = p["recipient"][0].as_str().or(p["groupId"].as_str()).unwrap_or_default().to_string();
            (to, p["message"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_reach_their_agents_and_a_group_answers_only_mentions() {
    let llm = FakeLlm::start(0).await;
    let fake = FakeSignal::start(Duration::from_secs(15)).await;
    let env = Env::init();
    let cfg = config(llm.port, &signal(&fake, ACCOUNT)).replace(
        "agents: { main: {} }",
        r#"agents: { main: {}, work: { bindings: [{ channel: "signal", peer: "+3162*" }] } }"#,
    );
    env.write("gateway.json5", &cfg);
    let gw = Gateway::start(&env).await;
    eventually("attached", async || fake.attached()).await;
    fake.receive(dm(ANN, "+31611111111", "Ann", 1_000, "hi from ann"));
    fake.receive(dm(BOB, "+31622222222", "Bob", 1_001, "hi from bob"));
    eventually("two replies", async || sent(&fake).len() == 2).await;
    let mut got = sent(&fake);
    got.sort();
    assert_eq!(
        got,
        [
            (ANN.to_string(), "echo: hi from ann".to_string()),
            (BOB.to_string(), "echo: hi from bob".to_string())
        ]
    );
    assert_eq!(user_lines(&env, "main", &format!("agent:main:signal:peer:{ANN}")), ["hi from ann"]);
    assert_eq!(
        user_lines(&env, "work", &format!("agent:work:signal:peer:{BOB}")),
        ["hi from bob"],
        "bound by number"
    );

    fake.receive(group_message(ANN, "+31611111111", "Ann", 1_002, GROUP, "lunch?", &[]));
    fake.receive(group_message(
        ANN,
        "+31611111111",
        "Ann",
        1_003,
        GROUP,
        "\u{FFFC} are you there?",
        &[(0, 1, ACCOUNT, "x")],
    ));
    eventually("the mention's reply", async || sent(&fake).len() == 3).await;
    assert_eq!(sent(&fake)[2], (GROUP.to_string(), "echo: are you there?".to_string()));
    assert_eq!(
        user_lines(&env, "main", &format!("agent:main:signal:channel:{GROUP}")),
        ["are you there?"],
        "group id kept as is"
    );
    assert_eq!(llm.calls(), 3, "the unaddressed message never reached the model");
    let (_, status) = gw.get("/api/status").await;
    let row =
        status["channels"].as_array().unwrap().iter().find(|c| c["channel"] == "signal").cloned().unwrap();
    assert_eq!(row["health"]["state"], "ok", "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_turn_then_restart_answers_exactly_once() {
    let llm = FakeLlm::start(1500).await;
    let fake = FakeSignal::start(Duration::from_secs(15)).await;
    // Signal hands everything over again at the next connection.
    fake.replay_on_connect(true);
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &signal(&fake, ACCOUNT)));
    let mut gw = Gateway::start(&env).await;
    eventually("attached", async || fake.attached()).await;
    fake.receive(dm(ANN, "+31611111111", "Ann", 2_000, "remember me"));
    eventually("the model call", async || llm.calls() == 1).await;
    let mut child = gw.child.take().unwrap();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(sent(&fake).is_empty());
    let _gw = Gateway::start(&env).await;
    eventually("the reply after the restart", async || !sent(&fake).is_empty()).await;
    eventually("the replayed message seen", async || fake.connections() >= 2).await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(sent(&fake), [(ANN.to_string(), "echo: remember me".to_string())], "answered once");
    assert_eq!(user_lines(&env, "main", &format!("agent:main:signal:peer:{ANN}")), ["remember me"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_the_daemon_does_not_serve_shows_in_channel_ls() {
    let llm = FakeLlm::start(0).await;
    let fake = FakeSignal::start(Duration::from_secs(15)).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &signal(&fake, "+31699999999")));
    let gw = Gateway::start(&env).await;
    stops_with(&env, "signal", &["does not serve channels.signal.accounts.default.account"]).await;
    assert!(gw.log_text().contains("not restarting until the config changes"));
}
