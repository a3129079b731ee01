use crate::harness::Env;

#[test]
fn session_kill_names_what_is_wrong() {
    let env = Env::init();
    let err = env.fails(&["session", "kill", "agent:main:main"], 2);
    assert!(err.contains("is not a sub-agent session"), "{err}");
    let key = "agent:main:subagent:0b5e5d0e-0000-4000-8000-000000000001";
    let err = env.fails(&["session", "kill", key], 1);
    assert!(err.contains(&format!("no session {key}")), "{err}");
    env.write(
        "agents/main/state/sessions.json",
        &format!(r#"{{"{key}": {{"sessionId": "x", "status": "done", "parentKey": "agent:main:main"}}}}"#),
    );
    let err = env.fails(&["session", "kill", key], 1);
    assert!(err.contains("is not running (status: done)"), "{err}");
    env.write(
        "agents/main/state/sessions.json",
        &format!(r#"{{"{key}": {{"sessionId": "x", "status": "running", "parentKey": "agent:main:main"}}}}"#),
    );
    let err = env.fails(&["session", "kill", key], 1);
    assert!(err.contains("no gateway runs on this home"), "{err}");
}
