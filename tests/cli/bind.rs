//! `openclaw bind add | ls | rm` (explain is tested with the routing module).

use crate::config::fixture_case;
use crate::harness::{Env, snapshot_tree};

const TWO_AGENTS: &str = "{\n  agents: {\n    main: {},\n    jarvis: {\n      bindings: [\n        { channel: \"whatsapp\", accountId: \"31612345678\" },\n        { channel: \"telegram\", peer: \"jonas_*\" }, // globs\n      ],\n    },\n  },\n}\n";

#[test]
fn add_keeps_comments_and_prints_the_number() {
    let out = fixture_case(
        "bind-add-comments",
        &["bind", "add", "jarvis", "--channel", "telegram", "--peer", "jonas_*"],
    );
    assert_eq!(out, "added binding 3 to jarvis: { channel: \"telegram\", peer: \"jonas_*\" }\n");
}

#[test]
fn add_creates_agents_when_missing() {
    fixture_case("bind-add-no-agents", &["bind", "add", "main", "--channel", "slack", "--account", "T0123"]);
}

#[test]
fn add_fills_an_empty_agents_object() {
    fixture_case("bind-add-empty-agents", &["bind", "add", "main", "--channel", "webchat"]);
}

#[test]
fn add_keeps_crlf_tabs_and_quoted_keys() {
    fixture_case("bind-add-crlf", &["bind", "add", "jarvis", "--channel", "discord", "--group", "123*"]);
}

#[test]
fn add_follows_json_style() {
    fixture_case("bind-add-json-style", &["bind", "add", "main", "--channel", "telegram", "--peer", "a*"]);
}

#[test]
fn add_expands_an_inline_agent() {
    fixture_case("bind-add-inline-agent", &["bind", "add", "jarvis", "--channel", "telegram"]);
}

#[test]
fn rm_removes_one_and_keeps_the_rest() {
    let out = fixture_case("bind-rm-middle", &["bind", "rm", "jarvis", "2"]);
    assert_eq!(out, "removed binding 2 of jarvis: { channel: \"discord\", accountId: \"bot-token-id\" }\n");
}

#[test]
fn ls_prints_a_table_and_json() {
    let env = Env::new();
    env.write("gateway.json5", TWO_AGENTS);
    insta::assert_snapshot!(env.ok(&["bind", "ls"]), @r"
    AGENT   N  CHANNEL   ACCOUNT      PEER     GROUP
    jarvis  1  whatsapp  31612345678  -        -
    jarvis  2  telegram  -            jonas_*  -
    ");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "bind", "ls", "--agent", "jarvis"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"agent": "jarvis", "n": 1, "channel": "whatsapp", "accountId": "31612345678", "peer": null, "group": null},
            {"agent": "jarvis", "n": 2, "channel": "telegram", "accountId": null, "peer": "jonas_*", "group": null},
        ])
    );
    assert_eq!(env.ok(&["bind", "ls", "--agent", "main"]), "no bindings: every message goes to agent main\n");
    assert_eq!(env.ok(&["--json", "bind", "ls", "--agent", "main"]), "[]\n");
    let err = env.fails(&["bind", "ls", "--agent", "jarvs"], 1);
    assert_eq!(
        err,
        "error: agent \"jarvs\" is not defined in gateway.json5\nhint: agents defined: main, jarvis\n"
    );
}

#[test]
fn add_and_rm_reject_bad_input_without_touching_the_file() {
    let env = Env::new();
    env.write("gateway.json5", TWO_AGENTS);
    let before = snapshot_tree(&env.home);
    let err = env.fails(&["bind", "add", "jarvs", "--channel", "telegram"], 1);
    assert_eq!(
        err,
        "error: agent \"jarvs\" is not defined in gateway.json5\nhint: agents defined: main, jarvis\n"
    );
    let err = env.fails(&["bind", "add", "jarvis", "--channel", "telegram", "--peer", "jonas_*"], 1);
    assert_eq!(err, "error: agent \"jarvis\" already has this binding (number 2)\n");
    let err = env.fails(&["bind", "add", "jarvis", "--channel", "telegram", "--peer", "jo[nas"], 2);
    assert!(err.contains("invalid glob \"jo[nas\" for --peer"), "{err}");
    env.fails(&["bind", "add", "jarvis", "--channel", ""], 2);
    env.fails(&["bind", "add", "jarvis"], 2);
    let err = env.fails(&["bind", "rm", "jarvis", "3"], 1);
    assert_eq!(
        err,
        "error: agent \"jarvis\" has no binding 3 (it has 2, numbered 1 to 2)\nhint: list them with `openclaw bind ls --agent jarvis`\n"
    );
    let err = env.fails(&["bind", "rm", "main", "1"], 1);
    assert!(err.contains("agent \"main\" has no binding 1 (it has none)"), "{err}");
    env.fails(&["bind", "rm", "jarvis", "0"], 2);
    env.fails(&["bind", "rm", "nobody", "1"], 1);
    assert_eq!(snapshot_tree(&env.home), before);
}

#[test]
fn add_then_ls_then_rm_round_trip() {
    let env = Env::new();
    env.write("gateway.json5", TWO_AGENTS);
    let before = env.read("gateway.json5");
    let json: serde_json::Value = serde_json::from_str(&env.ok(&[
        "--json",
        "bind",
        "add",
        "main",
        "--channel",
        "discord",
        "--group",
        "42",
    ]))
    .unwrap();
    assert_eq!(json["n"], 1);
    assert_eq!(json["group"], "42");
    assert!(env.ok(&["bind", "ls"]).contains("main    1  discord"));
    env.ok(&["bind", "rm", "main", "1"]);
    // Back to the same bindings; main keeps an empty list.
    assert_eq!(
        env.read("gateway.json5"),
        before.replace("    main: {},", "    main: {\n      bindings: [],\n    },")
    );
}

#[test]
fn add_warns_when_an_earlier_agent_has_the_same_binding() {
    let env = Env::new();
    env.write("gateway.json5", "{ agents: { jarvis: { bindings: [{ channel: 'slack' }] }, bob: {} } }");
    let run = env.run(&["bind", "add", "bob", "--channel", "slack"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "warning: agent jarvis has the same binding (number 1) earlier in the file, so this one never wins\n"
    );
}

#[test]
fn concurrent_adds_from_eight_processes_lose_nothing() {
    let env = Env::new();
    env.write("gateway.json5", TWO_AGENTS);
    let children: Vec<_> = (0..8)
        .map(|i| {
            let mut cmd = env.command(&[
                "bind",
                "add",
                "jarvis",
                "--channel",
                "telegram",
                "--peer",
                &format!("user{i}"),
            ]);
            cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
            cmd.spawn().expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "bind", "ls", "--agent", "jarvis"])).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 10);
    let mut peers: Vec<&str> = list.iter().filter_map(|b| b["peer"].as_str()).collect();
    peers.sort();
    assert_eq!(peers, ["jonas_*", "user0", "user1", "user2", "user3", "user4", "user5", "user6", "user7"]);
    assert!(env.read("gateway.json5").contains("// globs"));
}

#[test]
fn add_refuses_a_channel_this_build_does_not_have_unless_forced() {
    let env = Env::init();
    let before = env.read("gateway.json5");
    let err = env.fails(&["bind", "add", "main", "--channel", "telegarm"], 1);
    assert!(
        err.contains("error: no channel called \"telegarm\" in this build; nothing was written"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean telegram? (--force adds it anyway)"), "{err}");
    let err = env.fails(&["bind", "add", "main", "--channel", "fax"], 1);
    assert!(err.contains("channels: telegram, discord,") && err.contains("webchat"), "{err}");
    assert_eq!(env.read("gateway.json5"), before);
    env.ok(&["bind", "add", "main", "--channel", "webchat"]);
    env.ok(&["bind", "add", "main", "--channel", "telegarm", "--force"]);
    assert!(env.read("gateway.json5").contains("channel: \"telegarm\""));
}
