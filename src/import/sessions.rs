//! OpenClaw sessions: `sessions.json` entries and their pi transcripts, planned as our entries
//! under the same keys (`direct`/`dm` spelled `peer`), converted live transcripts, and the
//! originals copied untouched into `transcripts/archive/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Action, FileFrom, ImportError, NewSession, Op, Planner, pi};
use crate::session::transcript::{Header, Line};
use crate::session::{ChatType, SessionEntry, SessionKey, SessionStore};
use crate::store::{self, IoError, PRIVATE_FILE};

/// Entry fields we carry over (by name) or rebuild; the rest are reported.
const CARRIED: &[&str] = &[
    "sessionId",
    "updatedAt",
    "createdAt",
    "sessionStartedAt",
    "lastInteractionAt",
    "channel",
    "lastChannel",
    "lastAccountId",
    "chatType",
    "displayName",
    "label",
    "subject",
    "inputTokens",
    "outputTokens",
    "model",
    "modelProvider",
    "sessionFile",
];
/// Caches OpenClaw rebuilds on every turn (prompt snapshots, context reports): not data.
const REBUILT: &[&str] = &["skillsSnapshot", "systemPromptReport", "contextBudgetStatus"];

/// Our key for an OpenClaw session key, or why there is none. Keys of the per-account scope
/// (`agent:a:telegram:<account>:direct:<peer>`) lose the account.
pub(crate) fn map_key(raw: &str) -> Result<(SessionKey, Option<String>), String> {
    match SessionKey::parse(raw) {
        Ok(k) => Ok((k, None)),
        Err(e) => {
            let parts: Vec<&str> = raw.splitn(6, ':').collect();
            if parts.len() == 6
                && matches!(
                    parts[4].to_ascii_lowercase().as_str(),
                    "direct" | "dm" | "peer" | "group" | "channel"
                )
            {
                let folded = format!("{}:{}:{}:{}:{}", parts[0], parts[1], parts[2], parts[4], parts[5]);
                if let Ok(k) = SessionKey::parse(&folded) {
                    return Ok((k, Some(parts[3].to_string())));
                }
            }
            Err(e.reason.to_string())
        }
    }
}

fn str_field<'v>(e: &'v Value, keys: &[&str]) -> Option<&'v str> {
    keys.iter().find_map(|k| e.get(*k).and_then(Value::as_str)).filter(|s| !s.is_empty())
}

fn int_field(e: &Value, key: &str) -> Option<i64> {
    e.get(key).and_then(Value::as_i64)
}

/// Our entry for an OpenClaw entry and its converted transcript.
fn entry_of(key: &SessionKey, account: Option<String>, e: &Value, c: &pi::Converted) -> SessionEntry {
    let started_header =
        c.started.as_deref().and_then(|s| s.parse::<jiff::Timestamp>().ok()).map(|t| t.as_millisecond());
    let updated = int_field(e, "updatedAt").or(started_header).unwrap_or(0);
    let started = int_field(e, "sessionStartedAt").or(started_header).unwrap_or(updated);
    let model = match (str_field(e, &["modelProvider"]), str_field(e, &["model"])) {
        (Some(p), Some(m)) if !m.contains('/') => Some(format!("{p}/{m}")),
        (_, Some(m)) => Some(m.to_string()),
        _ => c.model.clone(),
    };
    let chat_type = match str_field(e, &["chatType"]) {
        Some("direct" | "dm") => Some(ChatType::Direct),
        Some("group") => Some(ChatType::Group),
        Some("channel") => Some(ChatType::Channel),
        _ => match &key.scope {
            crate::session::Scope::Peer { .. } | crate::session::Scope::Main => None,
            crate::session::Scope::Group { .. } => Some(ChatType::Group),
            _ => None,
        },
    };
    let peer = match &key.scope {
        crate::session::Scope::Peer { peer, .. } => Some(peer.clone()),
        _ => None,
    };
    let mut extra = serde_json::Map::new();
    extra.insert("importedFrom".into(), Value::String("openclaw".into()));
    SessionEntry {
        session_id: c
            .session_id
            .clone()
            .or_else(|| str_field(e, &["sessionId"]).map(str::to_string))
            .unwrap_or_default(),
        created_at: int_field(e, "createdAt").unwrap_or(started),
        updated_at: updated,
        session_started_at: started,
        last_interaction_at: int_field(e, "lastInteractionAt").unwrap_or(updated),
        channel: str_field(e, &["channel", "lastChannel"])
            .map(str::to_string)
            .or(key.channel().map(str::to_string)),
        account_id: account.or_else(|| str_field(e, &["lastAccountId"]).map(str::to_string)),
        peer,
        chat_type,
        display_name: c
            .name
            .clone()
            .or_else(|| str_field(e, &["displayName", "label", "subject"]).map(str::to_string)),
        message_count: c.message_count,
        input_tokens: e.get("inputTokens").and_then(Value::as_u64).unwrap_or(0),
        output_tokens: e.get("outputTokens").and_then(Value::as_u64).unwrap_or(0),
        model,
        reset_reason: None,
        extra,
    }
}

/// A file-safe UTC stamp for an epoch-ms time.
fn stamp_ms(ms: i64) -> String {
    crate::session::archive::archive_stamp(crate::time::from_ms(ms))
}

/// The time in an OpenClaw archive name (`…jsonl.reset.2026-01-05T04-00-00.000Z`).
fn stamp_of_suffix(suffix: &str, fallback: jiff::Timestamp) -> String {
    let ts = suffix.split_once('T').and_then(|(date, time)| {
        format!("{date}T{}", time.replacen('-', ":", 2)).parse::<jiff::Timestamp>().ok()
    });
    crate::session::archive::archive_stamp(ts.unwrap_or(fallback))
}

/// One session of the source, as read from whichever era.
pub(crate) struct SourceSession<'a> {
    /// The agent whose store held it.
    pub agent: &'a str,
    /// The key as OpenClaw wrote it.
    pub raw_key: &'a str,
    /// The entry as OpenClaw wrote it.
    pub entry: &'a Value,
    /// The transcript's pi entries (header first), when there is a transcript.
    pub transcript: Option<Vec<Value>>,
    /// The original transcript's bytes (copied untouched into the archive).
    pub original: Option<FileFrom>,
    /// Where it was read from, for messages.
    pub origin: String,
}

/// Plans one session: entry, converted transcript and archived original.
pub(crate) fn plan_session(p: &mut Planner<'_>, have: &crate::session::Sessions, s: SourceSession<'_>) {
    let sid = str_field(s.entry, &["sessionId"]).unwrap_or("unknown").to_string();
    let (key, account) = match map_key(s.raw_key) {
        Ok(k) => k,
        Err(why) => {
            let stamp = stamp_ms(int_field(s.entry, "updatedAt").unwrap_or(0));
            p.unmapped(
                format!("{}: session {:?}", s.origin, s.raw_key),
                format!("this key has no form here ({why}); its original transcript is kept in the archive"),
            );
            if let Some(orig) = s.original {
                let to = p.home.archive_path(s.agent, &format!("openclaw-{sid}"), &stamp);
                p.file("archive", to, orig, false);
            }
            return;
        }
    };
    let agent = key.agent.clone();
    if !p.wanted(&agent) {
        return;
    }
    let canonical = key.to_string();
    if account.is_some() {
        p.unmapped(
            format!("{}: session {:?}", s.origin, s.raw_key),
            format!("imported as {canonical}: sessions here are not kept per account"),
        );
    }
    let stamp = stamp_ms(int_field(s.entry, "updatedAt").unwrap_or(0));
    let archive = p.home.archive_path(&agent, &canonical, &stamp);
    let archive_name = archive.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let converted = match s.transcript {
        Some(values) => pi::convert(values, &archive_name),
        None => {
            p.warn(format!(
                "{}: session {canonical}: its transcript is missing; the session is imported empty",
                s.origin
            ));
            pi::Converted::default()
        }
    };
    if converted.unreadable > 0 {
        p.warn(format!(
            "{}: session {canonical}: {} unreadable transcript line(s) skipped (kept in the archived original)",
            s.origin, converted.unreadable
        ));
    }
    for (what, n) in &converted.dropped {
        p.unmapped(
            format!("{}: session {canonical}: {what} ×{n}", s.origin),
            "no equivalent; kept in the archived original",
        );
    }
    let entry = entry_of(&key, account, s.entry, &converted);
    let action = match have.get(&canonical) {
        None if !p.home.transcript_path(&agent, &canonical).exists() => Action::Create,
        Some(e) if e.session_id == entry.session_id => Action::Unchanged,
        _ => p.differs(),
    };
    let detail = format!(
        "{} message(s){}",
        converted.message_count,
        if converted.off_branch > 0 {
            format!(
                ", {} entries on other branches or before a reset kept in the original",
                converted.off_branch
            )
        } else {
            String::new()
        }
    );
    p.item(action, "session", canonical.clone(), Some(detail));
    if matches!(action, Action::Create | Action::Kept)
        && let Some(orig) = s.original
    {
        p.file("archive", archive, orig, false);
    }
    if action == Action::Create {
        let header = Line::Session(Header {
            version: crate::session::transcript::VERSION,
            id: entry.session_id.clone(),
            key: canonical.clone(),
            agent: agent.clone(),
            created_at: converted.started.clone().map_or_else(
                || crate::time::rfc3339_ms(crate::time::from_ms(entry.session_started_at)),
                |s| s.parse::<jiff::Timestamp>().map_or(s, crate::time::rfc3339_ms),
            ),
            extra: [("importedFrom".to_string(), Value::String(s.origin.clone()))].into_iter().collect(),
        });
        let mut lines = vec![header];
        lines.extend(converted.lines);
        p.ops.push(Op::Session(Box::new(NewSession {
            agent,
            key: canonical,
            entry,
            transcript: Some(lines),
        })));
    }
}

/// Plans the file-era sessions of one agent.
pub(crate) fn plan_file_sessions(p: &mut Planner<'_>, agent: &str) {
    let dir = p.src.join("agents").join(agent).join("sessions");
    let store_path = dir.join("sessions.json");
    let have = match super::target_sessions(p.home, agent) {
        Ok(h) => h,
        Err(e) => {
            p.warn(format!("{e}; the sessions of agent {agent} are not imported"));
            return;
        }
    };
    let origin = format!("agents/{agent}/sessions/sessions.json");
    let mut referenced: Vec<PathBuf> = Vec::new();
    if let Ok(bytes) = std::fs::read(&store_path) {
        match serde_json::from_slice::<serde_json::Map<String, Value>>(&bytes) {
            Ok(store) => {
                let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
                let mut rebuilt = 0;
                for (raw_key, e) in &store {
                    for k in e.as_object().into_iter().flat_map(|o| o.keys()) {
                        if REBUILT.contains(&k.as_str()) {
                            rebuilt += 1;
                        } else if !CARRIED.contains(&k.as_str()) {
                            *unknown.entry(k.clone()).or_default() += 1;
                        }
                    }
                    let path = transcript_file(&dir, e);
                    let (transcript, original) = match path.as_ref().map(|p| (p, std::fs::read_to_string(p))) {
                        Some((path, Ok(text))) => {
                            referenced.push(path.clone());
                            (Some(pi_values(&text)), Some(FileFrom::Path(path.clone())))
                        }
                        _ => (None, None),
                    };
                    let s = SourceSession { agent, raw_key, entry: e, transcript, original, origin: origin.clone() };
                    plan_session(p, &have, s);
                }
                for (field, n) in unknown {
                    p.unmapped(format!("{origin}: field {field} (in {n} session(s))"), "no place in our sessions.json");
                }
                if rebuilt > 0 {
                    p.unmapped(
                        format!("{origin}: prompt snapshots and context reports"),
                        "caches OpenClaw rebuilds each turn; ours are built from the workspace",
                    );
                }
            }
            Err(e) => p.warn(format!(
                "{}:{}:{}: {e}; no session entry of agent {agent} is imported (their transcripts are archived)",
                store_path.display(),
                e.line(),
                e.column()
            )),
        }
    }
    // Transcripts that no entry names: earlier sessions closed by a reset, deleted ones, orphans.
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|f| f.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains(".jsonl")))
        .filter(|f| !referenced.contains(f))
        .collect();
    files.sort();
    for f in files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let (stem, rest) = name.split_once(".jsonl").unwrap_or((&name, ""));
        let fallback = super::files::mtime(&f);
        let stamp = match rest.split_once('.').map(|(_, r)| r.split_once('.')) {
            Some(Some((_, ts))) => stamp_of_suffix(ts, fallback),
            _ => crate::session::archive::archive_stamp(fallback),
        };
        let to = p.home.archive_path(agent, &format!("openclaw-{stem}"), &stamp);
        p.file("archive", to, FileFrom::Path(f), false);
    }
}

/// The transcript an entry names: its `sessionFile` when that exists, else `<sessionId>.jsonl`
/// next to the store (the file name of `sessionFile` there, for a home moved between machines).
fn transcript_file(dir: &Path, e: &Value) -> Option<PathBuf> {
    if let Some(f) = e.get("sessionFile").and_then(Value::as_str) {
        let path = Path::new(f);
        let path = if path.is_absolute() { path.to_path_buf() } else { dir.join(path) };
        if path.is_file() {
            return Some(path);
        }
        if let Some(name) = path.file_name()
            && dir.join(name).is_file()
        {
            return Some(dir.join(name));
        }
    }
    let sid = e.get("sessionId").and_then(Value::as_str)?;
    Some(dir.join(format!("{sid}.jsonl")))
}

/// The JSON lines of a transcript's text (unreadable ones become `null`, which the converter
/// counts).
pub(crate) fn pi_values(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or(Value::Null))
        .collect()
}

/// Writes the planned sessions: each transcript created whole (never over an existing one),
/// then the entries added under one lock per agent, only where the key is still free.
pub(crate) fn write(home: &crate::home::Home, sessions: Vec<NewSession>) -> Result<(), ImportError> {
    let mut by_agent: BTreeMap<String, Vec<NewSession>> = BTreeMap::new();
    for s in sessions {
        by_agent.entry(s.agent.clone()).or_default().push(s);
    }
    for (agent, list) in by_agent {
        let store = SessionStore::open(home, &agent);
        let mut locked = store.lock()?;
        store::create_dir_private(&home.transcripts_dir(&agent))?;
        let mut changed = false;
        for s in list {
            if locked.sessions.contains_key(&s.key) {
                continue;
            }
            if let Some(lines) = &s.transcript {
                let path = home.transcript_path(&agent, &s.key);
                let mut bytes = Vec::new();
                for l in lines {
                    serde_json::to_writer(&mut bytes, l)
                        .map_err(|e| IoError::at("encoding", &path)(e.into()))?;
                    bytes.push(b'\n');
                }
                if !store::write_new(&path, &bytes, PRIVATE_FILE)? {
                    continue;
                }
            }
            locked.sessions.insert(s.key, s.entry);
            changed = true;
        }
        if changed {
            locked.save()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_take_our_spelling() {
        let k = |raw: &str| map_key(raw).map(|(k, a)| (k.to_string(), a));
        assert_eq!(k("agent:main:telegram:direct:42"), Ok(("agent:main:telegram:peer:42".into(), None)));
        assert_eq!(k("agent:main:discord:group:9"), Ok(("agent:main:discord:channel:9".into(), None)));
        assert_eq!(
            k("agent:main:telegram:work:direct:42"),
            Ok(("agent:main:telegram:peer:42".into(), Some("work".into())))
        );
        assert!(k("agent:main:sample").is_err());
        assert_eq!(
            stamp_of_suffix("2026-11-20T04-00-00.000Z", jiff::Timestamp::UNIX_EPOCH),
            "20261120T040000.000Z"
        );
    }
}
