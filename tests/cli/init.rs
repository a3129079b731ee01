use std::os::unix::fs::PermissionsExt;

use crate::harness::{Env, snapshot_tree};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn init_creates_private_home_with_commented_config_and_main_agent() {
    let env = Env::new();
    let out = env.ok(&["init"]);
    insta::assert_snapshot!(env.redact(&out), @r"
    Initialised openclaw home at [HOME]
      config:  [HOME]/gateway.json5
      agent:   main ([HOME]/agents/main/workspace)

    Next: `openclaw onboard` sets up a model provider (or edit gateway.json5, then `openclaw config validate`).
    ");
    assert_eq!(mode(&env.home), 0o700);
    assert_eq!(mode(&env.path("gateway.json5")), 0o600);
    let config = env.read("gateway.json5");
    assert!(config.contains("// The agent that gets every message no binding matches."));
    for f in ["AGENTS.md", "SOUL.md", "USER.md", "IDENTITY.md", "TOOLS.md", "BOOTSTRAP.md", "MEMORY.md"] {
        let text = env.read(&format!("agents/main/workspace/{f}"));
        assert!(text.starts_with("# "), "{f} has a heading");
    }
    assert!(env.path("agents/main/workspace/memory").is_dir());
    assert!(env.path("agents/main/workspace/skills").is_dir());
    assert!(env.path("agents/main/state/transcripts").is_dir());
    assert_eq!(env.read("agents/main/state/sessions.json").trim(), "{}");
    assert!(env.read("agents/main/workspace/IDENTITY.md").contains("- Name: Main"));
}

#[test]
fn init_twice_changes_nothing_and_says_so() {
    let env = Env::init();
    env.write("agents/main/workspace/MEMORY.md", "my own notes\n");
    let before = snapshot_tree(&env.home);
    let out = env.ok(&["init"]);
    assert!(out.contains("already set up; nothing to do"), "{out}");
    assert_eq!(snapshot_tree(&env.home), before);
}

#[test]
fn init_honours_openclaw_home_and_json() {
    let env = Env::new();
    let mut cmd = env.command(&["--json", "init"]);
    // Drop --home: rebuild the command with only the environment variable.
    cmd = {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_openclaw"));
        c.env_clear().env("OPENCLAW_HOME", &env.home).env("TZ", "UTC").args(["--json", "init"]);
        drop(cmd);
        c
    };
    let run = env.run_cmd(cmd);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["home"], env.home.display().to_string());
    assert!(doc["created"].as_array().unwrap().len() > 10);
    assert!(env.path("gateway.json5").is_file());
}
#[test]
fn commands_on_a_missing_home_say_run_init() {
    let env = Env::new();
    let err = env.fails(&["config", "validate"], 1);
    assert!(err.contains("no openclaw home at") && err.contains("openclaw init"), "{err}");
    assert!(!env.home.exists(), "nothing was created");
}
