//! SQLite-era OpenClaw state (2026.7+): the per-agent database
//! (`agents/<id>/agent/openclaw-agent.sqlite`: sessions, transcript events, archived
//! transcripts) and the state database (approved senders, pairing requests, cron jobs).
//!
//! Opened read-only and never written: with its `-wal` file present (a running gateway) the
//! database is read through the normal reader protocol, inside one read transaction so the
//! rows agree with each other, waiting out a writer's lock (busy timeout); without one it is
//! opened `immutable`, so not even a `-shm` file is created next to it.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde_json::Value;

use super::config::Mapped;
use super::sessions::{SourceSession, plan_session};
use super::{Action, FileFrom, Op, Planner};
use crate::channel::access::ApprovedSender;

/// How long a read waits for the Node gateway's write lock.
const BUSY: Duration = Duration::from_secs(10);

fn open(path: &Path) -> rusqlite::Result<Connection> {
    let wal = path.with_file_name(format!("{}-wal", path.file_name().unwrap_or_default().to_string_lossy()));
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(b as char),
        }
    }
    uri.push_str(if wal.exists() { "?mode=ro" } else { "?mode=ro&immutable=1" });
    let conn = Connection::open_with_flags(uri, flags)?;
    conn.busy_timeout(BUSY)?;
    conn.execute_batch("BEGIN")?;
    Ok(conn)
}

fn has_table(conn: &Connection, name: &str) -> bool {
    conn.query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [name], |_| Ok(()))
        .optional()
        .ok()
        .flatten()
        .is_some()
}

/// A zstd frame, decompressed.
fn unzstd(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    ruzstd::decoding::StreamingDecoder::new(bytes).map_err(std::io::Error::other)?.read_to_end(&mut out)?;
    Ok(out)
}

/// Plans everything in one database.
pub(super) fn plan(p: &mut Planner<'_>, db: &Path, mapped: &Mapped) {
    let label = db.strip_prefix(p.src).unwrap_or(db).display().to_string();
    let conn = match open(db) {
        Ok(c) => c,
        Err(e) => {
            p.warn(format!("{}: cannot be read ({e}); nothing in it is imported", db.display()));
            return;
        }
    };
    let agent_db = db.file_name().is_some_and(|n| n == "openclaw-agent.sqlite");
    let result = if agent_db {
        let agent = db
            .parent()
            .and_then(Path::parent)
            .and_then(|d| d.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p.wanted(&agent) { plan_agent_db(p, &conn, &agent, &label) } else { Ok(()) }
    } else {
        plan_state_db(p, &conn, &label, mapped)
    };
    if let Err(e) = result {
        p.warn(format!("{}: {e}; the rest of it is not imported", db.display()));
    }
}

/// The JSON of one transcript event row.
fn event_json(text: Option<String>, zstd: Option<Vec<u8>>) -> Option<Value> {
    let bytes = match (text, zstd) {
        (Some(t), _) => t.into_bytes(),
        (None, Some(z)) => unzstd(&z).ok()?,
        _ => return None,
    };
    serde_json::from_slice(&bytes).ok()
}

fn plan_agent_db(p: &mut Planner<'_>, conn: &Connection, agent: &str, label: &str) -> rusqlite::Result<()> {
    let have = match super::target_sessions(p.home, agent) {
        Ok(h) => h,
        Err(e) => {
            p.warn(format!("{e}; the sessions of agent {agent} are not imported"));
            return Ok(());
        }
    };
    if has_table(conn, "session_nodes") {
        let mut nodes = conn.prepare(
            "SELECT session_key, current_session_id, entry_json FROM session_nodes WHERE archived_at IS NULL ORDER BY session_key",
        )?;
        let rows: Vec<(String, String, String)> =
            nodes.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        let has_windows = has_table(conn, "session_windows");
        for (key, sid, entry_json) in rows {
            let mut entry: Value = serde_json::from_str(&entry_json).unwrap_or_else(|_| {
                p.warn(format!(
                    "{label}: session {key}: its entry is not JSON; imported from its window alone"
                ));
                Value::Object(Default::default())
            });
            let Some(obj) = entry.as_object_mut() else { continue };
            obj.insert("sessionId".into(), Value::String(sid.clone()));
            if has_windows {
                let window = conn
                    .query_row(
                        "SELECT channel, account_id, chat_type, model_provider, model, display_name, created_at, updated_at FROM session_windows WHERE session_id = ?1",
                        [&sid],
                        |r| {
                            Ok([
                                ("channel", r.get::<_, Option<String>>(0)?.map(Value::from)),
                                ("lastAccountId", r.get::<_, Option<String>>(1)?.map(Value::from)),
                                ("chatType", r.get::<_, Option<String>>(2)?.map(Value::from)),
                                ("modelProvider", r.get::<_, Option<String>>(3)?.map(Value::from)),
                                ("model", r.get::<_, Option<String>>(4)?.map(Value::from)),
                                ("displayName", r.get::<_, Option<String>>(5)?.map(Value::from)),
                                ("sessionStartedAt", r.get::<_, Option<i64>>(6)?.map(Value::from)),
                                ("updatedAt", r.get::<_, Option<i64>>(7)?.map(Value::from)),
                            ])
                        },
                    )
                    .optional()?;
                for (k, v) in window.into_iter().flatten() {
                    if let Some(v) = v {
                        obj.entry(k).or_insert(v);
                    }
                }
            }
            let mut events = Vec::new();
            if has_table(conn, "transcript_events") {
                let mut q = conn.prepare(
                    "SELECT event_json, event_zstd FROM transcript_events WHERE session_id = ?1 ORDER BY seq",
                )?;
                let rows = q.query_map([&sid], |r| {
                    Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<Vec<u8>>>(1)?))
                })?;
                for row in rows {
                    let (text, z) = row?;
                    events.push(event_json(text, z).unwrap_or(Value::Null));
                }
            }
            let original = (!events.is_empty()).then(|| {
                let mut bytes = Vec::new();
                for e in events.iter().filter(|e| !e.is_null()) {
                    bytes.extend_from_slice(e.to_string().as_bytes());
                    bytes.push(b'\n');
                }
                FileFrom::Bytes(bytes)
            });
            let transcript = (!events.is_empty()).then_some(events);
            let s = SourceSession {
                agent,
                raw_key: &key,
                entry: &entry,
                transcript,
                original,
                origin: label.to_string(),
            };
            plan_session(p, &have, s);
        }
    }
    if has_table(conn, "session_transcript_archives") {
        let mut q = conn.prepare(
            "SELECT session_id, session_key, encoding, archive_blob, created_at FROM session_transcript_archives ORDER BY created_at, session_id",
        )?;
        let rows: Vec<(String, String, String, Vec<u8>, i64)> = q
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        for (sid, key, encoding, blob, at) in rows {
            let bytes = if encoding == "zstd" {
                match unzstd(&blob) {
                    Ok(b) => b,
                    Err(e) => {
                        p.warn(format!("{label}: archived transcript {sid}: {e}; not imported"));
                        continue;
                    }
                }
            } else {
                blob
            };
            let name = match super::sessions::map_key(&key) {
                Ok((k, _)) => k.to_string(),
                Err(_) => format!("openclaw-{sid}"),
            };
            let stamp = crate::session::archive::archive_stamp(crate::time::from_ms(at));
            let to = p.home.archive_path(agent, &name, &stamp);
            p.file("archive", to, FileFrom::Bytes(bytes), false);
        }
    }
    if has_table(conn, "auth_profile_store") {
        let n: i64 = conn.query_row("SELECT count(*) FROM auth_profile_store", [], |r| r.get(0))?;
        if n > 0 {
            p.unmapped(
                format!("{label}: auth profiles"),
                "provider logins (API keys, OAuth) are not copied: give providers an apiKey (\"${VAR}\") in gateway.json5",
            );
        }
    }
    if has_table(conn, "memory_index_chunks") {
        p.unmapped(
            format!("{label}: memory index"),
            "OpenClaw's search index; ours is rebuilt from the Markdown files",
        );
    }
    Ok(())
}

fn plan_state_db(
    p: &mut Planner<'_>,
    conn: &Connection,
    label: &str,
    mapped: &Mapped,
) -> rusqlite::Result<()> {
    if has_table(conn, "channel_pairing_allow_entries") {
        let mut q = conn.prepare(
            "SELECT channel_key, account_id, entry, updated_at FROM channel_pairing_allow_entries ORDER BY channel_key, account_id, sort_order, entry",
        )?;
        let rows: Vec<(String, String, String, i64)> = q
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut by_channel: std::collections::BTreeMap<String, Vec<ApprovedSender>> = Default::default();
        let mut other_accounts = std::collections::BTreeSet::new();
        for (channel, account, id, at) in rows {
            if id.is_empty() || id == "*" {
                continue;
            }
            if account != "default" && !account.is_empty() {
                other_accounts.insert(format!("{channel}/{account}"));
            }
            let have = crate::channel::access::approved(p.home, &channel).unwrap_or_default();
            let list = by_channel.entry(channel.clone()).or_default();
            if have.iter().any(|a| a.id == id) || list.iter().any(|a| a.id == id) {
                p.item(
                    Action::Unchanged,
                    "credentials",
                    format!("{channel}-allowFrom.json"),
                    Some(format!("approved sender {id}")),
                );
                continue;
            }
            p.item(
                Action::Create,
                "credentials",
                format!("{channel}-allowFrom.json"),
                Some(format!("approved sender {id}")),
            );
            list.push(ApprovedSender {
                id,
                name: None,
                username: None,
                approved_at: crate::time::from_ms(at),
            });
        }
        for (channel, senders) in by_channel {
            if !senders.is_empty() {
                p.ops.push(Op::Approved { channel, senders });
            }
        }
        for a in other_accounts {
            p.unmapped(
                format!("{label}: approved senders of {a}"),
                "approvals here are per channel: they may now write to every account of the channel",
            );
        }
    }
    if has_table(conn, "channel_pairing_requests") {
        let n: i64 = conn.query_row("SELECT count(*) FROM channel_pairing_requests", [], |r| r.get(0))?;
        if n > 0 {
            p.unmapped(
                format!("{label}: {n} pending pairing request(s)"),
                "not carried over (their codes expire after an hour; the senders ask again)",
            );
        }
    }
    if has_table(conn, "cron_jobs") {
        let have = crate::cron::jobs::load(p.home).unwrap_or_default();
        let mut q = conn.prepare(
            "SELECT job_id, enabled, job_json FROM cron_jobs ORDER BY sort_order, updated_at, job_id",
        )?;
        let rows: Vec<(String, i64, String)> =
            q.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        for (id, enabled, json) in rows {
            let mut v: Value = match serde_json::from_str(&json) {
                Ok(v) => v,
                Err(e) => {
                    p.unmapped(format!("{label}: cron job {id}"), format!("its JSON does not parse ({e})"));
                    continue;
                }
            };
            if let Some(o) = v.as_object_mut() {
                o.entry("id").or_insert(Value::String(id.clone()));
                o.insert("enabled".into(), Value::Bool(enabled != 0));
            }
            super::files::plan_job(p, &v, mapped, &have, &format!("{label}: cron job {id}"));
        }
    }
    if has_table(conn, "secret_store_entries") {
        let mut q =
            conn.prepare("SELECT name FROM secret_store_entries WHERE deleted_at_ms IS NULL ORDER BY name")?;
        let names: Vec<String> = q.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        if !names.is_empty() {
            p.unmapped(
                format!("{label}: stored secrets ({})", names.join(", ")),
                "not copied: set them in the gateway's environment and refer to them as \"${VAR}\"",
            );
        }
    }
    for (table, what) in [
        ("mcp_oauth_stores", "MCP OAuth logins: log in again (or give the server a token header)"),
        ("device_pairing_paired", "paired devices: pair again"),
        ("web_push_subscriptions", "web push subscriptions: no equivalent"),
    ] {
        if has_table(conn, table) {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0))?;
            if n > 0 {
                p.unmapped(format!("{label}: {table} ({n})"), what);
            }
        }
    }
    Ok(())
}
