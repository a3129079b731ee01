//! `openclaw import openclaw` on a SQLite-era home (OpenClaw 2026.7+): the databases are built
//! here from OpenClaw's own schema (`import_fixture_sqlite/*.schema.sql`, dumped from 2026.9.6)
//! with rows shaped like the ones it writes, one transcript event zstd-compressed as OpenClaw
//! stores large ones.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde_json::json;

use crate::harness::{Env, snapshot_tree};

const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/import_fixture_sqlite");

fn create(path: &Path, schema: &str) -> Connection {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let conn = Connection::open(path).unwrap();
    let sql = std::fs::read_to_string(Path::new(SCHEMA).join(schema)).unwrap();
    // SQLite makes sqlite_sequence itself; the dump lists it.
    let sql: String =
        sql.lines().filter(|l| !l.starts_with("CREATE TABLE sqlite_sequence")).collect::<Vec<_>>().join("\n");
    conn.execute_batch(&sql).unwrap();
    conn
}

/// A SQLite-era home: openclaw.json and a workspace as files, sessions and approvals in SQLite.
fn sqlite_home(env: &Env) -> PathBuf {
    let src = env.dir.path().join("oc");
    std::fs::create_dir_all(src.join("workspace")).unwrap();
    std::fs::write(src.join("workspace/SOUL.md"), "# Soul\nSQLite era.\n").unwrap();
    std::fs::write(
        src.join("openclaw.json"),
        r#"{ agents: { list: [{ id: "main", default: true }] }, session: { dmScope: "per-channel-peer", reset: { mode: "idle", idleMinutes: 10000000 } } }"#,
    )
    .unwrap();
    let agent = create(&src.join("agents/main/agent/openclaw-agent.sqlite"), "openclaw-agent.schema.sql");
    let sid = "d38a64f6-2196-4190-80fc-e6f3f9152cc3";
    let key = "agent:main:telegram:direct:4242";
    agent
        .execute(
            "INSERT INTO session_nodes (session_key, current_session_id, entry_json, entry_valid, updated_at, last_interaction_at) VALUES (?1, ?2, ?3, 1, 1795476698189, 1795476698178)",
            rusqlite::params![key, sid, json!({"sessionId": sid, "updatedAt": 1795476698189i64, "inputTokens": 7, "outputTokens": 3}).to_string()],
        )
        .unwrap();
    agent
        .execute(
            "INSERT INTO session_windows (session_id, session_key, created_at, updated_at, chat_type, channel, account_id, model_provider, model) VALUES (?1, ?2, 1795476639171, 1795476698189, 'direct', 'telegram', 'default', 'fake', 'fake-model')",
            rusqlite::params![sid, key],
        )
        .unwrap();
    let events = [
        json!({"type":"session","version":4,"id":sid,"timestamp":"2026-11-23T23:30:54.703Z"}),
        json!({"type":"message","id":"a","parentId":null,"timestamp":"2026-11-23T23:30:56.516Z","message":{"role":"user","content":"remember: the boat is called Ada"}}),
        json!({"type":"message","id":"b","parentId":"a","timestamp":"2026-11-23T23:30:57.646Z","message":{"role":"assistant","content":[{"type":"text","text":"The boat is Ada."}],"provider":"fake","model":"fake-model"}}),
    ];
    for (seq, e) in events.iter().enumerate() {
        let text = e.to_string();
        if seq == 2 {
            let z = ruzstd::encoding::compress_to_vec(
                text.as_bytes(),
                ruzstd::encoding::CompressionLevel::Fastest,
            );
            agent
                .execute(
                    "INSERT INTO transcript_events (session_id, seq, event_json, created_at, event_zstd, event_utf8_bytes, navigation_json) VALUES (?1, ?2, NULL, 0, ?3, ?4, ?5)",
                    rusqlite::params![sid, seq as i64, z, text.len() as i64, json!({"version":1,"report":{"kind":"leaf"},"navigation":{},"reset":{},"model":{},"modelBytes":0,"modelWithoutCheckpointBytes":0,"withoutCustomDataBytes":0}).to_string()],
                )
                .unwrap();
        } else {
            agent
                .execute(
                    "INSERT INTO transcript_events (session_id, seq, event_json, created_at) VALUES (?1, ?2, ?3, 0)",
                    rusqlite::params![sid, seq as i64, text],
                )
                .unwrap();
        }
    }
    drop(agent);
    let state = create(&src.join("state/openclaw-state.sqlite"), "openclaw-state.schema.sql");
    state
        .execute(
            "INSERT INTO channel_pairing_allow_entries (channel_key, account_id, entry, sort_order, updated_at) VALUES ('telegram', 'default', '4242', 0, 1795476000000)",
            [],
        )
        .unwrap();
    state
        .execute(
            "INSERT INTO secret_store_entries (scope_kind, scope_id, name, value, kind, created_at_ms, updated_at_ms) VALUES ('team', '', 'OPENAI_API_KEY', 'sk-live-TOPSECRET', 'secret', 0, 0)",
            [],
        )
        .unwrap();
    src
}

#[test]
fn a_sqlite_era_home_is_imported_read_only() {
    let env = Env::new();
    let src = sqlite_home(&env);
    let before = snapshot_tree(&src);
    let names_before: Vec<_> =
        walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok).map(|e| e.into_path()).collect();
    let run = env.run(&["import", "openclaw", "--from", src.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("sk-live-TOPSECRET"));
    let r: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(r["eras"].as_array().unwrap().contains(&json!("sqlite")), "{r}");
    assert!(
        r["unmapped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["item"].as_str().unwrap().contains("OPENAI_API_KEY")),
        "{r}"
    );
    // Nothing was written next to the databases (no -wal, no -shm) and nothing changed.
    assert_eq!(snapshot_tree(&src), before);
    let names_after: Vec<_> =
        walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok).map(|e| e.into_path()).collect();
    assert_eq!(names_after, names_before);

    let show = env.run(&["session", "show", "agent:main:telegram:peer:4242"]);
    assert_eq!(show.code, 0, "{show:?}");
    assert!(show.stdout.contains("the boat is called Ada"), "{}", show.stdout);
    assert!(show.stdout.contains("The boat is Ada."), "the compressed event: {}", show.stdout);
    assert!(env.read("credentials/telegram-allowFrom.json").contains("4242"));
    assert_eq!(env.read("agents/main/workspace/SOUL.md"), "# Soul\nSQLite era.\n");
    // The home names no model, so the default one answers once its key is set.
    let doctor = env.run_with(&["doctor"], &[("OPENAI_API_KEY", "sk-test")]);
    assert_eq!(doctor.code, 0, "{doctor:?}");
    let again = env.run(&["import", "openclaw", "--from", src.to_str().unwrap()]);
    assert!(again.stdout.contains("Nothing to do"), "{again:?}");
}

#[test]
fn a_database_in_use_by_a_writer_is_read_as_committed() {
    let env = Env::new();
    let src = sqlite_home(&env);
    let db = src.join("agents/main/agent/openclaw-agent.sqlite");
    // The Node gateway keeps its databases in WAL mode and may hold a write transaction.
    let writer = Connection::open(&db).unwrap();
    writer.pragma_update(None, "journal_mode", "WAL").unwrap();
    writer.execute_batch("BEGIN IMMEDIATE; UPDATE session_nodes SET updated_at = 1;").unwrap();
    let run = env.run(&["import", "openclaw", "--from", src.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{run:?}");
    let show = env.run(&["session", "show", "agent:main:telegram:peer:4242"]);
    assert!(show.stdout.contains("the boat is called Ada"), "{}", show.stdout);
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_real_sqlite_era_home_is_imported() {
    crate::import::imports_a_real_home("sqlite-era");
}
