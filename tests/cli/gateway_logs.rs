//! `openclaw gateway logs` on a log file the gateway wrote (the format of `gateway::log`).

use crate::harness::Env;

const LOG: &str = "2026-11-24T01:02:03.456Z INFO  gateway listening on http://127.0.0.1:18789\n\
                   2026-11-24T01:02:04.000Z WARN  channel telegram/default: 502, retrying\n\
                   thread 'tokio-runtime-worker' panicked at src/x.rs:1:1\n\
                   2026-11-24T01:02:05.789Z ERROR config not reloaded, the old one keeps running: x\n";

#[test]
fn logs_print_the_last_lines_as_they_are() {
    let env = Env::init();
    env.write("logs/gateway.log", LOG);
    let out = env.ok(&["gateway", "logs", "-n", "2"]);
    assert_eq!(out, LOG.lines().skip(2).map(|l| format!("{l}\n")).collect::<String>());
}

#[test]
fn logs_json_prints_one_object_per_line() {
    let env = Env::init();
    env.write("logs/gateway.log", LOG);
    let out = env.ok(&["gateway", "logs", "--json"]);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).expect(l)).collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(
        lines[1],
        serde_json::json!({"time": "2026-11-24T01:02:04.000Z", "level": "WARN", "message": "channel telegram/default: 502, retrying"})
    );
    assert_eq!(lines[2]["level"], serde_json::Value::Null);
    assert_eq!(lines[2]["message"], "thread 'tokio-runtime-worker' panicked at src/x.rs:1:1");
    assert_eq!(lines[3]["level"], "ERROR");
    let out = env.ok(&["gateway", "logs", "--json", "-n", "1"]);
    assert_eq!(out.lines().count(), 1);
}
