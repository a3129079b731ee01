//! `openclaw bind explain`: the routing decision, as a user reads it.

use crate::harness::{Env, snapshot_tree};

/// The DESIGN §3 example plus a catch-all and a group binding, so every verdict shows up.
const CONFIG: &str = r#"{
  // routing under test
  defaultAgent: "main",
  session: { dmScope: "per-channel-peer" },
  agents: {
    main: { bindings: [{ channel: "telegram" }] },
    jarvis: {
      bindings: [
        { channel: "whatsapp", accountId: "31612345678" },
        { channel: "discord", accountId: "bot-token-id" },
        { channel: "telegram", peer: "jonas_*" },   // peer patterns are globs
      ],
    },
    ops: {
      bindings: [
        { channel: "discord", group: "1234*" },
        { channel: "telegram", peer: "*" },
      ],
    },
  },
}
"#;

fn env_with(config: &str) -> Env {
    let env = Env::new();
    env.write("gateway.json5", config);
    for agent in ["main", "jarvis", "ops"] {
        std::fs::create_dir_all(env.path(&format!("agents/{agent}/workspace"))).expect("workspace");
        std::fs::create_dir_all(env.path(&format!("agents/{agent}/state/transcripts"))).expect("state");
    }
    env
}

fn json(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json", "bind", "explain"];
    all.extend_from_slice(args);
    let out = env.ok(&all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not one JSON document ({e}):\n{out}"))
}

#[test]
fn peer_binding_wins_and_every_other_binding_says_why() {
    let env = env_with(CONFIG);
    let out =
        env.ok(&["bind", "explain", "--channel", "telegram", "--peer", "7001", "--peer-handle", "jonas_k"]);
    insta::assert_snapshot!(out, @r#"
    agent:        jarvis
    binding:      jarvis #3 { channel: "telegram", peer: "jonas_*" }  (peer)
    matched on:   handle "jonas_k"
    session key:  agent:jarvis:telegram:peer:7001  (dmScope: per-channel-peer)

    Other bindings, in file order:
      main #1 { channel: "telegram" }
          matched, but less specific (channel only < peer)
      jarvis #1 { channel: "whatsapp", accountId: "31612345678" }
          channel "telegram" is not "whatsapp"; no accountId given (wants "31612345678")
      jarvis #2 { channel: "discord", accountId: "bot-token-id" }
          channel "telegram" is not "discord"; no accountId given (wants "bot-token-id")
      ops #1 { channel: "discord", group: "1234*" }
          channel "telegram" is not "discord"; no group given (wants "1234*")
      ops #2 { channel: "telegram", peer: "*" }
          matched and as specific, but later in the file
    "#);
}

#[test]
fn no_match_goes_to_the_default_agent() {
    let env = env_with(CONFIG);
    let out = env.ok(&["bind", "explain", "--channel", "signal", "--peer", "+4915112345678"]);
    insta::assert_snapshot!(out, @r#"
    agent:        main
    binding:      no binding matched; defaultAgent main
    session key:  agent:main:signal:peer:+4915112345678  (dmScope: per-channel-peer)

    Other bindings, in file order:
      main #1 { channel: "telegram" }
          channel "signal" is not "telegram"
      jarvis #1 { channel: "whatsapp", accountId: "31612345678" }
          channel "signal" is not "whatsapp"; no accountId given (wants "31612345678")
      jarvis #2 { channel: "discord", accountId: "bot-token-id" }
          channel "signal" is not "discord"; no accountId given (wants "bot-token-id")
      jarvis #3 { channel: "telegram", peer: "jonas_*" }
          channel "signal" is not "telegram"; peer "+4915112345678" does not match "jonas_*"
      ops #1 { channel: "discord", group: "1234*" }
          channel "signal" is not "discord"; no group given (wants "1234*")
      ops #2 { channel: "telegram", peer: "*" }
          channel "signal" is not "telegram"
    "#);
}

#[test]
fn group_binding_beats_account_binding_and_thread_lands_in_the_key() {
    let env = env_with(CONFIG);
    let doc = json(
        &env,
        &["--channel", "Discord", "--account", "bot-token-id", "--group", "123456789", "--thread", "42"],
    );
    assert_eq!(doc["agent"], "ops");
    assert_eq!(doc["matched"]["n"], 1);
    assert_eq!(doc["matched"]["binding"], serde_json::json!({ "channel": "discord", "group": "1234*" }));
    assert_eq!(doc["sessionKey"], "agent:ops:discord:channel:123456789:thread:42");
    let jarvis2 = doc["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .find(|c| c["agent"] == "jarvis" && c["n"] == 2)
        .expect("jarvis #2 listed");
    assert_eq!(jarvis2["matched"], true);
    assert_eq!(jarvis2["won"], false);
    assert_eq!(jarvis2["why"], "matched, but less specific (accountId < group)");
    assert_eq!(doc["candidates"].as_array().map(Vec::len), Some(6));
}

#[test]
fn json_without_match_has_null_binding() {
    let env = env_with(CONFIG);
    let doc = json(&env, &["--channel", "whatsapp", "--account", "other", "--peer", "316"]);
    assert_eq!(doc["agent"], "main");
    assert_eq!(doc["matched"], serde_json::Value::Null);
    assert_eq!(doc["reason"], "no binding matched; defaultAgent main");
    assert_eq!(doc["sessionKey"], "agent:main:whatsapp:peer:316");
    assert_eq!(doc["dmScope"], "per-channel-peer");
}

#[test]
fn session_key_follows_dm_scope() {
    let env = env_with(&CONFIG.replace("per-channel-peer", "main"));
    let doc = json(&env, &["--channel", "telegram", "--peer", "jonas_k"]);
    assert_eq!(doc["sessionKey"], "agent:jarvis:main");
    let env = env_with(&CONFIG.replace("per-channel-peer", "per-peer"));
    let doc = json(&env, &["--channel", "telegram", "--peer", "jonas_k"]);
    assert_eq!(doc["sessionKey"], "agent:jarvis:peer:jonas_k");
}

#[test]
fn peer_glob_matches_the_display_name() {
    let env = env_with(CONFIG);
    let out = env.ok(&[
        "-q",
        "bind",
        "explain",
        "--channel",
        "telegram",
        "--peer",
        "777",
        "--peer-name",
        "Jonas_K",
    ]);
    assert_eq!(out, "jarvis\n");
    let out = env.ok(&["-q", "bind", "explain", "--channel", "telegram", "--peer", "777"]);
    assert_eq!(out, "ops\n");
}

/// Issue #9: a Telegram user `@jonas_phone` shown as "Jonas" went to the default agent, and
/// explain keyed the session by the handle while the gateway keys it by the numeric id.
#[test]
fn peer_glob_matches_the_handle_and_the_key_uses_the_id() {
    let env = env_with(CONFIG);
    let args =
        ["--channel", "telegram", "--peer", "7001", "--peer-name", "Jonas", "--peer-handle", "@jonas_phone"];
    let doc = json(&env, &args);
    assert_eq!(doc["agent"], "jarvis");
    assert_eq!(doc["matched"]["n"], 3);
    assert_eq!(doc["matched"]["matchedOn"], "handle");
    assert_eq!(doc["sessionKey"], "agent:jarvis:telegram:peer:7001");
    let candidates = doc["candidates"].as_array().expect("candidates");
    let on: Vec<(&str, &serde_json::Value)> =
        candidates.iter().map(|c| (c["agent"].as_str().unwrap_or(""), &c["matchedOn"])).collect();
    // main #1 has no peer; ops #2's `*` matched too (on the id, tried first) but lost.
    assert_eq!(on[0], ("main", &serde_json::Value::Null));
    assert_eq!(on[3], ("jarvis", &serde_json::json!("handle")));
    assert_eq!(on[5], ("ops", &serde_json::json!("id")));

    let mut all = vec!["bind", "explain"];
    all.extend_from_slice(&args);
    let out = env.ok(&all);
    assert!(out.contains("\nmatched on:   handle \"jonas_phone\"\n"), "{out}");
    // `--username` is the same flag.
    let out = env.ok(&[
        "-q",
        "bind",
        "explain",
        "--channel",
        "telegram",
        "--peer",
        "7001",
        "--username",
        "jonas_x",
    ]);
    assert_eq!(out, "jarvis\n");
    // Neither id, name nor handle: the name alone does not match, so the catch-all wins.
    let doc = json(
        &env,
        &["--channel", "telegram", "--peer", "7001", "--peer-name", "Jonas", "--peer-handle", "jo"],
    );
    assert_eq!(doc["agent"], "ops");
    assert_eq!(doc["matched"]["matchedOn"], "id");
    let jarvis3 = &doc["candidates"][3];
    assert_eq!(jarvis3["matchedOn"], serde_json::Value::Null);
    assert_eq!(jarvis3["why"], r#"none of peer "7001", name "Jonas", handle "jo" matches "jonas_*""#);
}

#[test]
fn an_id_match_says_so_and_a_binding_without_peer_says_nothing() {
    let env = env_with(CONFIG);
    let out = env.ok(&["bind", "explain", "--channel", "telegram", "--peer", "jonas_k"]);
    let head: Vec<&str> = out.lines().take(4).collect();
    assert_eq!(
        head,
        [
            "agent:        jarvis",
            r#"binding:      jarvis #3 { channel: "telegram", peer: "jonas_*" }  (peer)"#,
            r#"matched on:   id "jonas_k""#,
            "session key:  agent:jarvis:telegram:peer:jonas_k  (dmScope: per-channel-peer)",
        ]
    );
    let doc = json(&env, &["--channel", "whatsapp", "--account", "31612345678", "--peer", "316"]);
    assert_eq!(doc["agent"], "jarvis");
    assert_eq!(doc["matched"]["matchedOn"], serde_json::Value::Null);
    let out =
        env.ok(&["bind", "explain", "--channel", "whatsapp", "--account", "31612345678", "--peer", "316"]);
    assert!(!out.contains("matched on:"), "{out}");
}

#[test]
fn default_agent_comes_from_the_config() {
    let env = env_with(r#"{ defaultAgent: "jarvis", agents: { main: {}, jarvis: {} } }"#);
    let out = env.ok(&["bind", "explain", "--channel", "telegram", "--group", "-100200"]);
    assert_eq!(
        out,
        "agent:        jarvis\n\
         binding:      no binding matched; defaultAgent jarvis\n\
         session key:  agent:jarvis:telegram:channel:-100200  (dmScope: per-channel-peer)\n\
         \n\
         No bindings are configured.\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = env_with(CONFIG);
    let err = env.fails(&["bind", "explain", "--peer", "x"], 2);
    assert!(err.contains("--channel <CHANNEL>"), "{err}");
    let err = env.fails(&["bind", "explain", "--channel", "telegram", "--thread", "1"], 2);
    assert!(err.contains("--group <GROUP>"), "{err}");
    let err = env.fails(&["bind", "explain", "--channel", ""], 2);
    assert!(err.contains("--channel"), "{err}");
    let err = env.fails(&["bind", "explain", "--channel", "telegram", "--peer-handle", "jonas_k"], 2);
    assert!(err.contains("--peer <ID>"), "{err}");
    let err = env.fails(&["bind", "explain", "--channel", "telegram", "--peer", "1", "--peer-handle", ""], 2);
    assert!(err.contains("--peer-handle"), "{err}");
}

#[test]
fn invalid_glob_is_an_error_naming_file_agent_binding_and_pattern() {
    let env = env_with(&CONFIG.replace(r#"peer: "jonas_*""#, r#"peer: "jonas_[""#));
    let before = snapshot_tree(&env.home);
    let err = env.fails(&["bind", "explain", "--channel", "telegram", "--peer", "jonas_k"], 1);
    assert_eq!(
        env.redact(&err).lines().next(),
        Some(
            "error: [HOME]/gateway.json5:11:38: invalid peer glob \"jonas_[\" in binding 3 of agent \"jarvis\": \
             unclosed character class; missing ']'"
        ),
        "{err}"
    );
    assert_eq!(snapshot_tree(&env.home), before, "explain changed files");
}

#[test]
fn missing_home_says_run_init() {
    let env = Env::new();
    let err = env.fails(&["bind", "explain", "--channel", "telegram"], 1);
    assert!(err.contains("openclaw init"), "{err}");
    assert!(!env.home.exists());
}
