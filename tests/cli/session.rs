//! `openclaw session ls/show/reset/prune`, including bad input, concurrency with real processes
//! and crash safety under SIGKILL.

use std::path::PathBuf;
use std::process::Stdio;

use openclaw::home::Home;
use openclaw::session::transcript::{self, Line, Message};
use openclaw::session::{SessionEntry, SessionKey, SessionStore};

use crate::harness::{Env, snapshot_tree};

const CONFIG: &str = r#"{
  // test config
  agents: { main: {}, jarvis: {} },
  session: { reset: { mode: "daily", atHour: 4, timezone: "UTC", idleMinutes: 0 } },
}
"#;

const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

fn env_with(config: &str) -> Env {
    let env = Env::new();
    env.write("gateway.json5", config);
    env
}

fn env() -> Env {
    env_with(CONFIG)
}

fn home(env: &Env) -> Home {
    Home::new(&env.home)
}

fn now() -> i64 {
    openclaw::time::now_ms()
}

/// An entry that started `started_ago` and was last used `last_ago` ago.
fn entry(started_ago: i64, last_ago: i64, messages: u64, channel: Option<&str>) -> SessionEntry {
    let n = now();
    SessionEntry {
        created_at: n - started_ago - DAY,
        updated_at: n - last_ago,
        session_started_at: n - started_ago,
        last_interaction_at: n - last_ago,
        channel: channel.map(str::to_string),
        message_count: messages,
        input_tokens: messages * 100,
        output_tokens: messages * 10,
        ..SessionEntry::new(n)
    }
}

fn put(env: &Env, key: &str, e: SessionEntry) -> SessionKey {
    let k = SessionKey::parse(key).unwrap();
    SessionStore::open(&home(env), &k.agent).upsert(&k, e).unwrap();
    k
}

/// Writes a live transcript with a header and `n` user messages; returns its bytes.
fn chat(env: &Env, key: &SessionKey, n: usize) -> Vec<u8> {
    let h = home(env);
    let id = SessionStore::open(&h, &key.agent).get(&key.to_string()).unwrap().map(|e| e.session_id);
    transcript::create(&h, key, &id.unwrap_or_default(), jiff::Timestamp::now()).unwrap();
    for i in 0..n {
        transcript::append(&h, key, &Line::Message(Message::user(format!("message {i}"), None))).unwrap();
    }
    std::fs::read(transcript::path(&h, key)).unwrap()
}

fn archives(env: &Env, agent: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(home(env).archive_dir(agent))
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn sessions_rel(agent: &str) -> String {
    format!("agents/{agent}/state/sessions.json")
}

#[test]
fn ls_prints_newest_first_across_agents() {
    let env = env();
    put(&env, "agent:main:main", entry(HOUR, 3 * HOUR, 4, None));
    put(&env, "agent:main:telegram:peer:jonas", entry(HOUR, 5 * MIN, 2, Some("telegram")));
    put(&env, "agent:jarvis:discord:channel:42", entry(3 * DAY, 2 * DAY, 10, None));
    let out = env.ok(&["session", "ls"]);
    insta::assert_snapshot!(out, @r"
    KEY                              AGENT   CHANNEL   AGE  MESSAGES  TOKENS
    agent:main:telegram:peer:jonas   main    telegram  5m   2         220
    agent:main:main                  main    -         3h   4         440
    agent:jarvis:discord:channel:42  jarvis  discord   2d   10        1100
    ");
    let only = env.ok(&["session", "ls", "--agent", "jarvis"]);
    assert_eq!(only.lines().count(), 2, "{only}");
    assert!(only.contains("agent:jarvis:discord:channel:42"));
    let tg = env.ok(&["session", "ls", "--channel", "Telegram"]);
    assert_eq!(tg.lines().count(), 2, "{tg}");
    assert!(tg.contains("agent:main:telegram:peer:jonas"));
    let active = env.ok(&["session", "ls", "--active", "30m"]);
    assert_eq!(active.lines().count(), 2, "{active}");
    assert!(active.contains("jonas"));
    // Only the 3-day-old session started before the last 04:00 UTC boundary... unless the
    // hour-old ones did too (between 04:00 and 05:00 UTC); check against the policy itself.
    let stale = env.ok(&["session", "ls", "--stale"]);
    assert!(stale.contains("agent:jarvis:discord:channel:42"), "{stale}");
}

#[test]
fn ls_json_has_key_agent_and_unknown_fields() {
    let env = env();
    env.write(
        &sessions_rel("main"),
        "{\"agent:main:telegram:dm:Jonas\": {\"sessionId\":\"s1\",\"lastInteractionAt\":5,\"messageCount\":3,\"custom\":{\"keep\":true}},\n\
         \"agent:main:cron:empty\": { },\n\
         \"agent:main:cron:pretty\": {\n    \"messageCount\": 1\n  }\n}",
    );
    let out = env.ok(&["--json", "session", "ls"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v[0];
    // The `dm` spelling is read as the canonical `peer`.
    assert_eq!(first["key"], "agent:main:telegram:peer:Jonas");
    assert_eq!(first["agent"], "main");
    assert_eq!(first["messageCount"], 3);
    assert_eq!(first["custom"]["keep"], true);
    // Entries are printed as stored, whatever their layout.
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[1]["key"], "agent:main:cron:empty");
    assert_eq!(v[2]["messageCount"], 1);
    assert_eq!(env.ok(&["--json", "session", "ls", "--agent", "jarvis"]).trim(), "[]");
}

#[test]
fn ls_bad_duration_and_unknown_agent() {
    let env = env();
    let err = env.fails(&["session", "ls", "--active", "30q"], 2);
    assert!(err.contains("\"30q\""), "{err}");
    let err = env.fails(&["session", "ls", "--agent", "nobody"], 1);
    assert!(err.contains("nobody") && err.contains("main, jarvis"), "{err}");
    let err = env.fails(&["session", "prune", "--older-than", "soon"], 2);
    assert!(err.contains("\"soon\""), "{err}");
}

#[test]
fn corrupted_store_is_reported_with_position_and_never_rewritten() {
    let env = env();
    let bad = "{\n  \"agent:main:main\": {\"sessionId\": \"a\", \"messageCount\": 1},\n  \"agent:main:x:peer:1\": {\"sessionId\": \"b\",, }\n}\n";
    env.write(&sessions_rel("main"), bad);
    let before = snapshot_tree(&env.home);
    for args in [
        &["session", "ls"][..],
        &["session", "show", "agent:main:main"],
        &["session", "reset", "agent:main:main"],
        &["session", "reset", "--all"],
        &["session", "reset", "--stale"],
    ] {
        let err = env.fails(args, 1);
        assert!(err.contains("agents/main/state/sessions.json:3:"), "{args:?}: {err}");
        assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 1, "{err}");
    }
    assert_eq!(env.read(&sessions_rel("main")), bad);
    assert_eq!(snapshot_tree(&env.home), before);
}

fn demo_transcript(env: &Env) {
    put(env, "agent:main:main", entry(HOUR, MIN, 5, Some("telegram")));
    env.write(
        "agents/main/state/transcripts/agent:main:main.jsonl",
        concat!(
            r#"{"type":"session","version":1,"id":"s1","key":"agent:main:main","agent":"main","createdAt":"2026-11-23T10:00:00.000Z"}"#, "\n",
            r#"{"type":"message","id":"m1","ts":"2026-11-23T10:00:01.000Z","role":"user","content":"list my files","from":{"channel":"telegram","peer":"123","name":"Jonas"}}"#, "\n",
            r#"{"type":"message","id":"m2","ts":"2026-11-23T10:00:02.000Z","role":"assistant","content":"Let me look.","toolCalls":[{"id":"c1","name":"exec","arguments":{"command":"ls"}}],"model":"openai/gpt-4o-mini","usage":{"input":812,"output":64}}"#, "\n",
            "this is not json\n",
            r#"{"type":"message","id":"m3","ts":"2026-11-23T10:00:03.000Z","role":"tool","toolCallId":"c1","name":"exec","content":"AGENTS.md\nMEMORY.md\nSOUL.md\nTOOLS.md\nUSER.md\nmemory","isError":false}"#, "\n",
            r#"{"type":"message","id":"m4","ts":"2026-11-23T10:00:04.000Z","role":"assistant","content":"You have six entries.","model":"openai/gpt-4o-mini","usage":{"input":900,"output":12}}"#, "\n",
            r#"{"type":"compaction","id":"m5","ts":"2026-11-23T11:00:00.000Z","summary":"Jonas asked for his files.","firstKeptId":"m4","tokensBefore":91234}"#, "\n",
            r#"{"type":"message","id":"m6","ts":"2026-11-23T11:00:01.000Z","role":"user","content":"thanks"#,
        ),
    );
}

#[test]
fn show_renders_and_warns_about_garbage_lines() {
    let env = env();
    demo_transcript(&env);
    let run = env.run(&["session", "show", "agent:main:main"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r#"
    ── session agent:main:main · id s1 · started 2026-11-23 10:00:00 ──
    2026-11-23 10:00:01 user (Jonas via telegram)
      list my files
    2026-11-23 10:00:02 assistant (openai/gpt-4o-mini, 812→64 tokens)
      Let me look.
      → exec {"command":"ls"}
    2026-11-23 10:00:03 tool exec
      AGENTS.md
      MEMORY.md
      SOUL.md
      TOOLS.md
      … (2 more lines)
    2026-11-23 10:00:04 assistant (openai/gpt-4o-mini, 900→12 tokens)
      You have six entries.
    ── 2026-11-23 11:00:00 compaction: 91234 tokens summarised ──
      Jonas asked for his files.
    "#);
    let err = env.redact(&run.stderr);
    assert!(err.contains("[HOME]/agents/main/state/transcripts/agent:main:main.jsonl:4: skipped"), "{err}");
    assert!(err.contains("agent:main:main.jsonl:8: skipped"), "torn last line: {err}");
    // --json: the raw readable lines, one per line; --tail limits them.
    let json = env.ok(&["--json", "session", "show", "agent:main:main"]);
    assert_eq!(json.lines().count(), 6);
    for l in json.lines() {
        serde_json::from_str::<serde_json::Value>(l).unwrap();
    }
    let tail = env.ok(&["--json", "session", "show", "agent:main:main", "--tail", "2"]);
    let ids: Vec<String> = tail
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["m4", "m5"]);
}

#[test]
fn show_unknown_and_invalid_keys() {
    let env = env();
    put(&env, "agent:main:main", entry(HOUR, MIN, 0, None));
    let err = env.redact(&env.fails(&["session", "show", "agent:main:cron:nightly"], 1));
    assert!(
        err.contains("agent:main:cron:nightly") && err.contains("[HOME]/agents/main/state/sessions.json"),
        "{err}"
    );
    let err = env.fails(&["session", "show", "main"], 2);
    assert!(err.contains("\"main\""), "{err}");
    // Known but reset: no transcript yet is not an error.
    let out = env.ok(&["session", "show", "agent:main:main"]);
    assert_eq!(out, "agent:main:main: no messages yet\n");
}

#[test]
fn reset_archives_and_never_deletes() {
    let env = env();
    let k = put(&env, "agent:main:main", entry(HOUR, MIN, 3, None));
    let old_id = SessionStore::open(&home(&env), "main").get("agent:main:main").unwrap().unwrap().session_id;
    let body = chat(&env, &k, 3);
    let out = env.ok(&["session", "reset", "agent:main:main"]);
    assert_eq!(out, "reset agent:main:main (manual)\n");
    let arch = archives(&env, "main");
    assert_eq!(arch.len(), 1);
    let name = arch[0].file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("agent:main:main.") && name.ends_with("Z.jsonl"), "{name}");
    assert_eq!(std::fs::read(&arch[0]).unwrap(), body, "archive holds the old transcript byte for byte");
    assert!(!transcript::path(&home(&env), &k).exists());
    let shown = env.ok(&["session", "show", "agent:main:main"]);
    assert!(shown.contains("no messages since the last reset") && shown.contains(&name), "{shown}");
    let e = SessionStore::open(&home(&env), "main").get("agent:main:main").unwrap().unwrap();
    assert_ne!(e.session_id, old_id);
    assert_eq!(e.session_id.len(), 36);
    assert_eq!(e.reset_reason, Some(openclaw::session::ResetReason::Manual));
    assert_eq!((e.message_count, e.input_tokens, e.output_tokens), (0, 0, 0));
    assert!(e.session_started_at >= now() - MIN);
    // A second reset of a session without a transcript keeps the first archive.
    let json = env.ok(&["--json", "session", "reset", "agent:main:main"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["archivedTo"], serde_json::Value::Null);
    assert_eq!(v[0]["reason"], "manual");
    assert_eq!(archives(&env, "main"), arch);
}

#[test]
fn reset_dry_run_changes_nothing() {
    let env = env();
    let k = put(&env, "agent:main:main", entry(3 * DAY, 2 * DAY, 3, None));
    chat(&env, &k, 2);
    put(&env, "agent:jarvis:main", entry(3 * DAY, 2 * DAY, 3, None));
    let before = snapshot_tree(&env.home);
    let out = env.ok(&["session", "reset", "--all", "--dry-run"]);
    assert!(out.contains("would reset agent:main:main (manual)"), "{out}");
    assert!(out.contains("would reset agent:jarvis:main (manual)"), "{out}");
    let json = env.ok(&["--json", "session", "reset", "--stale", "--dry-run"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["reason"], "daily");
    env.ok(&["session", "reset", "agent:main:main", "--dry-run"]);
    assert_eq!(snapshot_tree(&env.home), before);
}

#[test]
fn reset_stale_uses_the_policy_reason() {
    let env = env();
    put(&env, "agent:main:cron:old", entry(3 * DAY, 2 * DAY, 1, None));
    put(&env, "agent:main:cron:fresh", entry(0, 0, 1, None));
    // Daily at 04:00 UTC: the session from three days ago is stale.
    let out = env.ok(&["session", "reset", "--stale", "--agent", "main"]);
    assert!(out.contains("reset agent:main:cron:old (daily)"), "{out}");
    assert!(!out.contains("fresh"), "{out}");
    // Added after the daily reset: started three hours ago, it may lie before today's boundary
    // (between 04:00 and 07:00 UTC it does) and would have been reset above.
    put(&env, "agent:main:cron:idle", entry(3 * HOUR, 2 * HOUR, 1, None));
    // Idle after 60 minutes.
    env.write(
        "gateway.json5",
        r#"{ agents: { main: {} }, session: { reset: { mode: "idle", idleMinutes: 60 } } }"#,
    );
    let out = env.ok(&["session", "reset", "--stale", "--all"]);
    assert!(out.contains("reset agent:main:cron:idle (idle)"), "{out}");
    assert!(!out.contains("fresh") && !out.contains("old"), "{out}");
    let e = SessionStore::open(&home(&env), "main").load().unwrap();
    assert_eq!(e["agent:main:cron:fresh"].message_count, 1);
    assert_eq!(e["agent:main:cron:idle"].message_count, 0);
    assert_eq!(e["agent:main:cron:idle"].reset_reason, Some(openclaw::session::ResetReason::Idle));
    // A session just reset is not stale again until it idles anew.
    assert!(env.ok(&["session", "reset", "--stale"]).contains("nothing to reset"));
    // And mode none never resets.
    env.write(
        "gateway.json5",
        r#"{ agents: { main: {} }, session: { reset: { mode: "none", idleMinutes: 1 } } }"#,
    );
    assert!(env.ok(&["session", "ls", "--stale"]).contains("no sessions"));
}

#[test]
fn reset_bad_targets() {
    let env = env();
    put(&env, "agent:main:main", entry(HOUR, MIN, 1, None));
    let before = snapshot_tree(&env.home);
    env.fails(&["session", "reset"], 2);
    env.fails(&["session", "reset", "agent:main:main", "--all"], 2);
    env.fails(&["session", "reset", "--agent", "main", "--all"], 2);
    env.fails(&["session", "reset", "not-a-key"], 2);
    // One unknown key fails the batch before anything changes, whatever its position.
    let err = env.redact(&env.fails(&["session", "reset", "agent:main:main", "agent:jarvis:cron:x"], 1));
    assert!(
        err.contains("agent:jarvis:cron:x") && err.contains("[HOME]/agents/jarvis/state/sessions.json"),
        "{err}"
    );
    env.fails(&["session", "reset", "agent:nobody:main"], 1);
    assert_eq!(snapshot_tree(&env.home), before);
}

#[test]
fn prune_deletes_only_old_archives() {
    let env = env();
    let arch = "agents/main/state/transcripts/archive";
    env.write(&format!("{arch}/agent:main:main.20200101T040000.000Z.jsonl"), "{}\n");
    env.write(&format!("{arch}/agent:main:main.29990101T040000.000Z.jsonl"), "{}\n");
    env.write("agents/main/state/transcripts/agent:main:main.jsonl", "{}\n");
    let before = snapshot_tree(&env.home);
    let dry = env.ok(&["session", "prune", "--older-than", "30d", "--dry-run"]);
    assert!(
        dry.contains(
            "would remove agents/main/state/transcripts/archive/agent:main:main.20200101T040000.000Z.jsonl"
        ),
        "{dry}"
    );
    assert_eq!(snapshot_tree(&env.home), before);
    let json = env.ok(&["--json", "session", "prune", "--older-than", "30d"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["archivedAt"], "2020-01-01T04:00:00.000Z");
    assert!(!env.path(&format!("{arch}/agent:main:main.20200101T040000.000Z.jsonl")).exists());
    assert!(env.path(&format!("{arch}/agent:main:main.29990101T040000.000Z.jsonl")).exists());
    assert!(env.path("agents/main/state/transcripts/agent:main:main.jsonl").exists());
}

/// Six `session reset` processes at once, while this process upserts entries, increments a
/// counter read-modify-write and appends transcript lines on the same agent: nothing is lost.
#[test]
fn concurrent_resets_and_updates_lose_nothing() {
    let env = env();
    let h = home(&env);
    let keys: Vec<SessionKey> =
        (0..6).map(|i| put(&env, &format!("agent:main:cron:job{i}"), entry(HOUR, MIN, 1, None))).collect();
    let old_ids: Vec<String> = {
        let s = SessionStore::open(&h, "main").load().unwrap();
        keys.iter().map(|k| s[&k.to_string()].session_id.clone()).collect()
    };
    for k in &keys {
        chat(&env, k, 5);
    }
    put(&env, "agent:main:cron:counter", entry(HOUR, MIN, 0, None));
    let children: Vec<_> = keys
        .iter()
        .map(|k| {
            let mut c = env.command(&["session", "reset", &k.to_string()]);
            c.stdout(Stdio::piped()).stderr(Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    std::thread::scope(|s| {
        s.spawn(|| {
            for j in 0..40 {
                put(&env, &format!("agent:main:cron:new{j}"), entry(0, 0, 0, None));
            }
        });
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..40 {
                    SessionStore::open(&h, "main")
                        .update(|m| m.get_mut("agent:main:cron:counter").unwrap().message_count += 1)
                        .unwrap();
                }
            });
        }
        s.spawn(|| {
            for j in 0..30 {
                for k in &keys {
                    let line = Line::Message(Message::user(format!("late {j} {}", "x".repeat(2000)), None));
                    transcript::append(&h, k, &line).unwrap();
                }
            }
        });
    });
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let s = SessionStore::open(&h, "main").load().unwrap();
    for (k, old) in keys.iter().zip(&old_ids) {
        let e = &s[&k.to_string()];
        assert_ne!(&e.session_id, old, "reset of {k} lost");
        assert_eq!(e.reset_reason, Some(openclaw::session::ResetReason::Manual));
    }
    for j in 0..40 {
        assert!(s.contains_key(&format!("agent:main:cron:new{j}")), "upsert {j} lost");
    }
    assert_eq!(s["agent:main:cron:counter"].message_count, 80, "an increment was lost");
    // Every transcript line is whole and in exactly one file (archive or new live one).
    for k in &keys {
        let mut files = archives(&env, "main");
        files.retain(|p| p.file_name().unwrap().to_str().unwrap().starts_with(&format!("{k}.")));
        assert_eq!(files.len(), 1, "{k}");
        files.push(transcript::path(&h, k));
        let mut late = 0;
        let mut early = 0;
        for f in files {
            let t = transcript::read_file(f.clone()).unwrap();
            assert!(t.warnings.is_empty(), "{:?}", t.warnings);
            for l in &t.lines {
                let c = l.raw["content"].as_str().unwrap_or("");
                late += usize::from(c.starts_with("late "));
                early += usize::from(c.starts_with("message "));
            }
        }
        assert_eq!((early, late), (5, 30), "{k}");
    }
}

/// SIGKILL `session reset --all` at random points, many times: the store always parses, no
/// transcript line is ever lost, and doctor's check finds only interrupted resets, which
/// `repair` finishes.
#[test]
fn killed_resets_leave_consistent_state() {
    let env = env();
    let h = home(&env);
    let keys: Vec<SessionKey> = (0..150)
        .map(|i| put(&env, &format!("agent:main:telegram:peer:{i}"), entry(HOUR, MIN, 1, None)))
        .collect();
    let mut written = 0usize;
    for round in 0..12u64 {
        let store = SessionStore::open(&h, "main").load().unwrap();
        for k in &keys {
            let id = &store[&k.to_string()].session_id;
            transcript::create(&h, k, id, jiff::Timestamp::now()).unwrap();
            transcript::append(&h, k, &Line::Message(Message::user(format!("r{round}"), None))).unwrap();
            written += 1;
        }
        let mut child = env
            .command(&["session", "reset", "--all"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2 + round * 3));
        let _ = child.kill();
        let _ = child.wait();
        let s = SessionStore::open(&h, "main").load().expect("store parses after SIGKILL");
        assert_eq!(s.len(), keys.len());
    }
    let problems = openclaw::session::check(&h, "main").unwrap();
    assert!(
        problems.iter().all(|p| matches!(p, openclaw::session::Problem::InterruptedReset { .. })),
        "{problems:?}"
    );
    openclaw::session::repair(&h, "main", &problems, jiff::Timestamp::now()).unwrap();
    assert_eq!(openclaw::session::check(&h, "main").unwrap(), vec![]);
    // Count user lines across live and archived transcripts: all there, all whole.
    let mut files: Vec<PathBuf> = archives(&env, "main");
    files.extend(keys.iter().map(|k| transcript::path(&h, k)).filter(|p| p.exists()));
    let mut found = 0;
    for f in files {
        let t = transcript::read_file(f).unwrap();
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
        found += t.lines.iter().filter(|l| l.raw["role"] == "user").count();
    }
    assert_eq!(found, written);
    env.ok(&["session", "ls"]);
}
