use crate::harness::{Env, snapshot_tree};

fn comments(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.trim_start().starts_with("//")).collect()
}

#[test]
fn agent_new_writes_workspace_and_config_keeping_comments() {
    let env = Env::init();
    let before = env.read("gateway.json5");
    let out = env.ok(&[
        "agent",
        "new",
        "jarvis",
        "--model",
        "anthropic/claude-sonnet-4-5",
        "--bind",
        "telegram",
        "--bind",
        "slack:team-a",
    ]);
    insta::assert_snapshot!(env.redact(&out), @r"
    Created agent jarvis (anthropic/claude-sonnet-4-5)
      workspace: [HOME]/agents/jarvis/workspace
      bound:     telegram
      bound:     slack account team-a
    ");
    let after = env.read("gateway.json5");
    assert_eq!(comments(&before), comments(&after), "every comment survives");
    assert!(after.contains(r#"model: "anthropic/claude-sonnet-4-5""#), "{after}");
    assert!(after.contains(r#"{ channel: "slack", accountId: "team-a" }"#), "{after}");
    // The text before the agents section is byte-for-byte the same.
    let head = before.find("agents: {").unwrap();
    assert_eq!(&after[..head], &before[..head]);
    assert!(env.read("agents/jarvis/workspace/IDENTITY.md").contains("- Name: Jarvis"));
    assert!(env.read("agents/jarvis/workspace/IDENTITY.md").contains("anthropic/claude-sonnet-4-5"));
    assert_eq!(env.read("agents/jarvis/state/sessions.json").trim(), "{}");
    env.ok(&["config", "validate"]);
}

#[test]
fn agent_new_without_tty_never_prompts_and_uses_defaults() {
    let env = Env::init();
    // stdin is /dev/null in the harness: a prompt would fail or hang.
    env.ok(&["agent", "new", "helper"]);
    let show = env.ok(&["agent", "show", "helper"]);
    assert!(show.contains("model:      openai/gpt-4o-mini (models.default)"), "{show}");
}

#[test]
fn agent_new_refuses_bad_input_and_changes_nothing() {
    let env = Env::init();
    env.ok(&["agent", "new", "jarvis"]);
    let before = snapshot_tree(&env.home);
    let err = env.fails(&["agent", "new", "jarvis"], 1);
    assert!(err.contains(r#"agent "jarvis" already exists"#), "{err}");
    let err = env.fails(&["agent", "new", "Jarvis"], 2);
    assert!(err.contains(r#"invalid agent id "Jarvis""#), "{err}");
    let err = env.fails(&["agent", "new", "../evil"], 2);
    assert!(err.contains("invalid agent id"), "{err}");
    let err = env.fails(&["agent", "new", "x", "--model", "gpt4"], 2);
    assert!(err.contains(r#"invalid --model "gpt4""#), "{err}");
    let err = env.fails(&["agent", "new", "x", "--bind", "tele gram"], 2);
    assert!(err.contains("invalid --bind"), "{err}");
    assert_eq!(snapshot_tree(&env.home), before);
}

#[test]
fn agent_new_refuses_a_leftover_directory() {
    let env = Env::init();
    env.write("agents/ghost/workspace/MEMORY.md", "precious\n");
    let err = env.fails(&["agent", "new", "ghost"], 1);
    assert!(err.contains("already exists but agent \"ghost\" is not in gateway.json5"), "{err}");
    assert_eq!(env.read("agents/ghost/workspace/MEMORY.md"), "precious\n");
}

#[test]
fn agent_ls_and_show() {
    let env = Env::init();
    env.ok(&["agent", "new", "jarvis", "--model", "local/llama3", "--bind", "discord"]);
    env.write("agents/jarvis/workspace/memory/2026-11-23.md", "# 2026-11-23\n- 10:00 hello\n");
    let ls = env.ok(&["agent", "ls"]);
    insta::assert_snapshot!(ls, @r"
    AGENT   MODEL                         BINDINGS  SESSIONS
    main*   openai/gpt-4o-mini (default)  0         0
    jarvis  local/llama3                  1         0
    ");
    let show = env.ok(&["agent", "show", "jarvis"]);
    insta::assert_snapshot!(env.redact(&show), @r#"
    agent:      jarvis
    model:      local/llama3
    workspace:  [HOME]/agents/jarvis/workspace
    state:      [HOME]/agents/jarvis/state
    sessions:   0
    memory:     MEMORY.md 130 B, 1 daily log (27 B)
    bindings:
      #1 { channel: "discord" }
    "#);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "agent", "ls"])).unwrap();
    let ids: Vec<&str> = json.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["main", "jarvis"]);
    let err = env.fails(&["agent", "show", "nobody"], 1);
    assert!(
        err.contains(r#"agent "nobody" does not exist"#)
            && err.contains("hint: agents defined: main, jarvis"),
        "{err}"
    );
}

#[test]
fn agent_rm_needs_purge_and_removes_config_entry_and_directory() {
    let env = Env::init();
    env.ok(&["agent", "new", "scratch", "--bind", "telegram"]);
    let before = snapshot_tree(&env.home);
    let err = env.fails(&["agent", "rm", "scratch"], 1);
    assert!(err.contains("refused without --purge"), "{err}");
    assert_eq!(snapshot_tree(&env.home), before);
    env.ok(&["agent", "rm", "scratch", "--purge"]);
    assert!(!env.path("agents/scratch").exists());
    assert!(!env.read("gateway.json5").contains("scratch"));
    let err = env.fails(&["agent", "rm", "main", "--purge"], 1);
    assert!(err.contains("is the defaultAgent"), "{err}");
    assert!(env.path("agents/main/workspace").is_dir());
}

#[test]
fn concurrent_agent_new_loses_no_config_update() {
    let env = Env::init();
    let children: Vec<_> = (0..6)
        .map(|i| {
            let mut cmd = env.command(&["agent", "new", &format!("a{i}"), "--bind", &format!("chan{i}")]);
            cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "agent", "ls"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 7, "main + 6 agents: {json}");
    let binds = env.ok(&["bind", "ls"]);
    for i in 0..6 {
        assert!(binds.contains(&format!("chan{i}")), "{binds}");
    }
}
