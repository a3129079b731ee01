//! IRC through the whole gateway, against a real IRC server (ngircd) with plain clients playing
//! the people: routing by binding, mention gating in a channel, a crash mid-turn, a refused login.

use std::time::Duration;

use crate::fake_llm::FakeLlm;
use crate::gateway::{Gateway, config, eventually, stops_with, user_lines};
use crate::harness::Env;
use crate::irc_server::{Client, PASSWORD, server, unique};

fn irc(port: u16, nick: &str, password: &str, channels: &[&str]) -> String {
    format!(
        r#"channels: {{ irc: {{ dmPolicy: "open", accounts: {{ default: {{ server: "127.0.0.1:{port}", tls: false,
            nick: "{nick}", password: "{password}", channels: {channels:?}, floodIntervalMs: 200 }} }} }} }},"#
    )
}

/// What `who` received from any nick starting with `bot` (a restarted bot may have had to take
/// an alternative nick while the old connection was being reaped).
fn from_bot(who: &Client, bot: &str) -> Vec<(String, String)> {
    who.lines()
        .iter()
        .filter_map(|l| l.privmsg())
        .filter(|(n, _, _)| n.starts_with(bot))
        .map(|(_, t, x)| (t, x))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_reach_their_agents_and_a_channel_answers_only_mentions() {
    let Some(srv) = server() else { return };
    let llm = FakeLlm::start(0).await;
    let (bot, chan) = (unique("gw"), format!("#{}", unique("room")));
    let ann = Client::connect(srv.port, &unique("ann")).await;
    let bob = Client::connect(srv.port, &unique("bob")).await;
    ann.join(&chan).await;
    let env = Env::init();
    let cfg = config(llm.port, &irc(srv.port, &bot, PASSWORD, &[&chan])).replace(
        "agents: { main: {} }",
        &format!(
            r#"agents: {{ main: {{}}, work: {{ bindings: [{{ channel: "irc", peer: "{}" }}] }} }}"#,
            bob.nick
        ),
    );
    env.write("gateway.json5", &cfg);
    let gw = Gateway::start(&env).await;
    ann.wait_line(|l| l.starts_with(&format!(":{bot}!")) && l.contains(" JOIN ")).await;

    ann.say(&bot, "hi from ann").await;
    bob.say(&bot, "hi from bob").await;
    assert_eq!(ann.wait_privmsgs(&bot, 1).await, [(ann.nick.clone(), "echo: hi from ann".to_string())]);
    assert_eq!(bob.wait_privmsgs(&bot, 1).await, [(bob.nick.clone(), "echo: hi from bob".to_string())]);
    assert_eq!(user_lines(&env, "main", &format!("agent:main:irc:peer:{}", ann.nick)), ["hi from ann"]);
    assert_eq!(
        user_lines(&env, "work", &format!("agent:work:irc:peer:{}", bob.nick)),
        ["hi from bob"],
        "bound by nick"
    );

    ann.say(&chan, "just chatting").await;
    ann.say(&chan, &format!("{bot}: are you there?")).await;
    let got = ann.wait_privmsgs(&bot, 2).await;
    assert_eq!(got[1], (chan.clone(), format!("{}: echo: are you there?", ann.nick)));
    assert_eq!(user_lines(&env, "main", &format!("agent:main:irc:channel:{chan}")), ["are you there?"]);
    assert_eq!(llm.calls(), 3, "the unaddressed message never reached the model");
    let (_, status) = gw.get("/api/status").await;
    let row = status["channels"].as_array().unwrap().iter().find(|c| c["channel"] == "irc").cloned().unwrap();
    assert_eq!(row["health"]["state"], "ok", "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_turn_then_restart_answers_exactly_once() {
    let Some(srv) = server() else { return };
    let llm = FakeLlm::start(1500).await;
    let bot = unique("kb");
    let ann = Client::connect(srv.port, &unique("ann")).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &irc(srv.port, &bot, PASSWORD, &[])));
    let mut gw = Gateway::start(&env).await;
    // The bot is registered once ann can see it (ISON answers 303 with the nicks online).
    eventually("the bot online", async || {
        ann.send(&format!("ISON {bot}")).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        ann.lines().iter().any(|l| l.raw.contains(" 303 ") && l.raw.contains(&bot))
    })
    .await;
    ann.say(&bot, "remember me").await;
    eventually("the model call", async || llm.calls() == 1).await;
    let mut child = gw.child.take().unwrap();
    child.kill().unwrap(); // SIGKILL: the message is journaled, its turn half done
    child.wait().unwrap();
    assert!(from_bot(&ann, &bot).is_empty());
    let _gw = Gateway::start(&env).await;
    eventually("the reply after the restart", async || !from_bot(&ann, &bot).is_empty()).await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(from_bot(&ann, &bot), [(ann.nick.clone(), "echo: remember me".to_string())], "answered once");
    assert_eq!(user_lines(&env, "main", &format!("agent:main:irc:peer:{}", ann.nick)), ["remember me"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_server_password_shows_in_channel_ls_and_is_not_retried() {
    let Some(srv) = server() else { return };
    let llm = FakeLlm::start(0).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &irc(srv.port, &unique("rf"), "wrong-password", &[])));
    let gw = Gateway::start(&env).await;
    stops_with(&env, "irc", &["channels.irc.accounts.default.password was refused"]).await;
    let ls = env.run(&["channel", "ls"]);
    assert!(!ls.stdout.contains("wrong-password"), "{}", ls.stdout);
    let log = gw.log_text();
    assert!(log.contains("not restarting until the config changes"), "{log}");
    assert!(!log.contains("wrong-password"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_channel_without_a_gateway_connects_sends_and_quits() {
    let Some(srv) = server() else { return };
    let (bot, chan) = (unique("os"), format!("#{}", unique("ops")));
    let ann = Client::connect(srv.port, &unique("ann")).await;
    ann.join(&chan).await;
    let env = Env::init();
    env.write("gateway.json5", &config(1, &irc(srv.port, &bot, PASSWORD, &[&chan])));
    let out = env.run(&["send", "--channel", "irc", "--to", &chan, "the backup finished\nall 3 disks ok"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with(&format!("sent to irc:{chan}")), "{}", out.stdout);
    assert_eq!(
        ann.wait_privmsgs(&bot, 2).await,
        [(chan.clone(), "the backup finished".to_string()), (chan.clone(), "all 3 disks ok".to_string())]
    );
    ann.wait_line(|l| l.starts_with(&format!(":{bot}!")) && l.contains(" QUIT ")).await;
}

#[test]
fn config_validate_names_a_bad_irc_or_signal_setting_with_its_place() {
    let env = Env::init();
    let cfg = config(
        1,
        r#"channels: {
    irc: { accounts: { default: { server: "irc.example:6697", nick: "9lives" } } },
  },"#,
    );
    env.write("gateway.json5", &cfg);
    let err = env.fails(&["config", "validate"], 1);
    assert!(
        err.contains("gateway.json5:")
            && err.contains("channels.irc.accounts.default.nick is not an IRC nick"),
        "{err}"
    );
    env.write(
        "gateway.json5",
        &cfg.replace(
            r#"irc: { accounts: { default: { server: "irc.example:6697", nick: "9lives" } } },"#,
            r#"signal: { accounts: { default: { account: "0612345678" } } },"#,
        ),
    );
    let err = env.fails(&["config", "validate"], 1);
    assert!(
        err.contains(
            "channels.signal.accounts.default.account is not a phone number in international format"
        ),
        "{err}"
    );
}
