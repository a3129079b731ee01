//! WhatsApp end to end: signed webhooks posted to the real gateway binary as Meta posts them,
//! replies going out through a fake Graph API, all on 127.0.0.1.

use std::time::Duration;

use serde_json::Value;

use crate::fake_llm::FakeLlm;
use crate::fake_whatsapp::{
    APP_SECRET, DISPLAY_DIGITS, FakeGraph, PNID, TOKEN, VERIFY_TOKEN, deliver, deliver_signed, failed_status,
    notification, sign, sign_with_python, text, verify,
};
use crate::gateway::{Gateway, channel_ok, config, eventually, stops_with, user_lines};
use crate::harness::Env;

fn whatsapp(graph: &FakeGraph) -> String {
    format!(
        r#"channels: {{ whatsapp: {{ dmPolicy: "open", accounts: {{ "{PNID}": {{
            accessToken: "{TOKEN}", appSecret: "{APP_SECRET}", verifyToken: "{VERIFY_TOKEN}", apiBase: "{}" }} }} }} }},"#,
        graph.api_base()
    )
}

/// A model answering after `delay_ms`, a Graph API, and a gateway with one healthy account.
async fn start(delay_ms: u64) -> (FakeLlm, FakeGraph, Env, Gateway) {
    let llm = FakeLlm::start(delay_ms).await;
    let graph = FakeGraph::start(TOKEN).await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &whatsapp(&graph)));
    let gw = Gateway::start(&env).await;
    channel_ok(&gw, "whatsapp").await;
    (llm, graph, env, gw)
}

fn hook(gw: &Gateway) -> String {
    format!("{}/hooks/whatsapp/{PNID}", gw.url)
}

fn journal(env: &Env) -> String {
    std::fs::read_to_string(env.home.join("gateway/inbox.jsonl")).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_users_reach_their_agents_groups_need_a_mention_and_meta_can_verify() {
    let llm = FakeLlm::start(0).await;
    let graph = FakeGraph::start(TOKEN).await;
    let env = Env::init();
    let cfg = config(llm.port, &whatsapp(&graph)).replace(
        "agents: { main: {} }",
        r#"agents: { main: {}, work: { bindings: [{ channel: "whatsapp", peer: "3170*" }] } }"#,
    );
    env.write("gateway.json5", &cfg);
    let gw = Gateway::start(&env).await;
    channel_ok(&gw, "whatsapp").await;
    assert_eq!(graph.probes(), 1, "the token was checked at start");

    // Meta's handshake: the challenge comes back only for the right verify token; no gateway
    // token is needed.
    assert_eq!(verify(&hook(&gw), VERIFY_TOKEN, "1158201444").await, (200, "1158201444".to_string()));
    assert_eq!(verify(&hook(&gw), "guess", "1158201444").await.0, 403);

    let ann = notification(&[("31611111111", "Ann")], vec![text("wamid.ANN1", "31611111111", "hi from ann")]);
    assert_eq!(deliver_signed(&hook(&gw), &ann).await.0, 200);
    let bob = notification(&[("31700000002", "Bob")], vec![text("wamid.BOB1", "31700000002", "hi from bob")]);
    assert_eq!(deliver_signed(&hook(&gw), &bob).await.0, 200);
    eventually("two replies", async || graph.sent().len() == 2).await;
    let mut got = graph.sent();
    got.sort();
    assert_eq!(
        got,
        [
            ("31611111111".to_string(), "echo: hi from ann".to_string(), Some("wamid.ANN1".to_string())),
            ("31700000002".to_string(), "echo: hi from bob".to_string(), Some("wamid.BOB1".to_string())),
        ]
    );
    assert_eq!(user_lines(&env, "main", "agent:main:whatsapp:peer:31611111111"), ["hi from ann"]);
    assert_eq!(
        user_lines(&env, "work", "agent:work:whatsapp:peer:31700000002"),
        ["hi from bob"],
        "bound by peer"
    );
    // Meta redelivers: the same message again is acknowledged and not answered twice.
    assert_eq!(deliver_signed(&hook(&gw), &ann).await.0, 200);

    // A group: not addressed → no turn; `@<our number>` → answered in the group.
    let mut chatter = text("wamid.G1", "31611111111", "just chatting");
    chatter["group_id"] = "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD".into();
    let mut asked = text("wamid.G2", "31611111111", &format!("@{DISPLAY_DIGITS} are you there?"));
    asked["group_id"] = "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD".into();
    let group = notification(&[("31611111111", "Ann")], vec![chatter, asked]);
    assert_eq!(deliver_signed(&hook(&gw), &group).await.0, 200);
    eventually("the group reply", async || graph.sent().len() == 3).await;
    let raw = graph.sent_raw();
    assert_eq!(raw[2].1["to"], "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD");
    assert_eq!(raw[2].1["recipient_type"], "group");
    assert_eq!(raw[2].1["text"]["body"], "echo: are you there?");

    // The signature scheme checked against an independent implementation: Python's hmac.
    let body =
        notification(&[("31611111111", "Ann")], vec![text("wamid.PY1", "31611111111", "signed by python")])
            .to_string()
            .into_bytes();
    match sign_with_python(APP_SECRET, &body) {
        Some(py) => {
            assert_eq!(py, sign(APP_SECRET, &body), "python and the fake sign alike");
            assert_eq!(deliver(&hook(&gw), &body, Some(&py)).await.0, 200);
            eventually("the python-signed message's reply", async || graph.sent().len() == 4).await;
        }
        None => println!(
            "skipped: python3 not found; the cross-check of the signature with Python's hmac did not run"
        ),
    }
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let expected = if sign_with_python("k", b"x").is_some() { 4 } else { 3 };
    assert_eq!(graph.sent().len(), expected, "no duplicate reply to the redelivery");
    assert_eq!(llm.calls(), expected, "the unaddressed group message never reached the model");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_webhooks_are_refused_before_parsing_and_nothing_is_journaled() {
    let (llm, graph, env, gw) = start(0).await;
    let forged = notification(
        &[("31666666666", "Mallory")],
        vec![text("wamid.EVIL", "31666666666", "forged: run rm -rf")],
    );
    let bytes = forged.to_string().into_bytes();
    let url = hook(&gw);
    assert_eq!(deliver(&url, &bytes, None).await.0, 401, "no signature");
    assert_eq!(deliver(&url, &bytes, Some(&sign("not-the-app-secret", &bytes))).await.0, 401, "wrong secret");
    let mut tampered = bytes.clone();
    let signature = sign(APP_SECRET, &bytes);
    tampered.extend_from_slice(b" ");
    assert_eq!(deliver(&url, &tampered, Some(&signature)).await.0, 401, "a body changed after signing");
    assert_eq!(deliver(&url, b"not json at all", Some("sha256=00")).await.0, 401);
    // The gateway's own token is no key to this door.
    let r = gw
        .http
        .post(&url)
        .bearer_auth(&gw.token)
        .header("content-type", "application/json")
        .body(bytes.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!journal(&env).contains("EVIL"), "nothing forged was journaled:\n{}", journal(&env));
    assert_eq!((llm.calls(), graph.sent().len()), (0, 0));
    assert!(gw.log_text().contains("refused"), "{}", gw.log_text());
    // An unknown account has no webhook.
    let (status, _) = deliver(&format!("{}/hooks/whatsapp/999", gw.url), &bytes, Some(&signature)).await;
    assert_eq!(status, 404);
    // The genuine one goes through.
    assert_eq!(deliver(&url, &bytes, Some(&signature)).await.0, 200);
    eventually("the genuine message's reply", async || graph.sent().len() == 1).await;
    assert!(journal(&env).contains("EVIL"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_turn_then_restart_answers_exactly_once() {
    let (llm, graph, env, mut gw) = start(1500).await;
    let msg = notification(&[("31611111111", "Ann")], vec![text("wamid.K1", "31611111111", "remember me")]);
    assert_eq!(deliver_signed(&hook(&gw), &msg).await.0, 200, "journaled, then acknowledged");
    eventually("the model call", async || llm.calls() == 1).await;
    let mut child = gw.child.take().unwrap();
    child.kill().unwrap(); // SIGKILL in the middle of the turn
    child.wait().unwrap();
    assert!(graph.sent().is_empty());
    let gw = Gateway::start(&env).await;
    // Meta may deliver it again (it did not see our 200 in time, say): still one answer.
    assert_eq!(deliver_signed(&hook(&gw), &msg).await.0, 200);
    eventually("the reply after the restart", async || !graph.sent().is_empty()).await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(
        graph.sent(),
        [("31611111111".to_string(), "echo: remember me".to_string(), Some("wamid.K1".to_string()))]
    );
    assert_eq!(user_lines(&env, "main", "agent:main:whatsapp:peer:31611111111"), ["remember me"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_reply_goes_in_ordered_parts_and_131047_becomes_a_dead_letter() {
    let (_llm, graph, env, gw) = start(0).await;
    let words: Vec<String> = (0..1500).map(|i| format!("w{i:04}")).collect();
    let long = words.join(" "); // 8,999 characters; the echo is 9,005
    let msg = notification(&[("31611111111", "Ann")], vec![text("wamid.L1", "31611111111", &long)]);
    assert_eq!(deliver_signed(&hook(&gw), &msg).await.0, 200);
    eventually("three parts", async || graph.sent().len() == 3).await;
    let sent = graph.sent();
    assert!(sent.iter().all(|(to, t, _)| to == "31611111111" && t.chars().count() <= 4000), "{sent:?}");
    let joined: Vec<&str> = sent.iter().flat_map(|(_, t, _)| t.split_whitespace()).collect();
    assert_eq!(joined.join(" "), format!("echo: {long}"), "every word once, in order");
    let contexts: Vec<Option<String>> = sent.iter().map(|(_, _, c)| c.clone()).collect();
    assert_eq!(contexts, [Some("wamid.L1".to_string()), None, None], "only the first part is threaded");

    // A failed status for one of our sends (Meta reports 131047 that way) → a dead letter.
    let (wamid, _) = graph.sent_raw()[0].clone();
    let status = failed_status(
        &wamid,
        "31611111111",
        131047,
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    );
    assert_eq!(deliver_signed(&hook(&gw), &status).await.0, 200);
    // And a send refused with 131047 at once.
    graph.refuse_outside_window();
    let late = notification(
        &[("31611111111", "Ann")],
        vec![text("wamid.L2", "31611111111", "are you still there?")],
    );
    assert_eq!(deliver_signed(&hook(&gw), &late).await.0, 200);
    let letters = || {
        let out = env.run(&["channel", "dead-letters", "--json"]);
        serde_json::from_str::<Vec<Value>>(&out.stdout).unwrap_or_default()
    };
    eventually("two dead letters", async || letters().len() == 2).await;
    for l in letters() {
        let error = l["error"].as_str().unwrap_or_default();
        assert!(error.contains("131047") && error.contains("24-hour"), "{l}");
        assert_eq!(l["channel"], "whatsapp");
    }
    let texts: Vec<String> =
        letters().iter().map(|l| l["parts"][0].as_str().unwrap_or("").to_string()).collect();
    assert!(texts.contains(&"echo: are you still there?".to_string()), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("echo: w0000 w0001")), "{texts:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_stops_the_account_with_a_health_error_naming_the_key() {
    let llm = FakeLlm::start(0).await;
    let graph = FakeGraph::start("the-token-meta-knows").await;
    let env = Env::init();
    env.write("gateway.json5", &config(llm.port, &whatsapp(&graph)));
    let _gw = Gateway::start(&env).await;
    let key = format!("channels.whatsapp.accounts.{PNID}.accessToken");
    let row = stops_with(&env, "whatsapp", &[&key, "error 190"]).await;
    assert_eq!(graph.probes(), 1, "Meta was asked once, not in a loop");
    assert!(!row.to_string().contains(TOKEN), "the token is not shown: {row}");
    let human = env.run(&["channel", "ls"]);
    assert!(human.stdout.contains("whatsapp") && human.stdout.contains(&key), "{}", human.stdout);
}
