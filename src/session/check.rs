//! Consistency checks of one agent's session state for `openclaw doctor`, and the repairs that
//! are safe to make. Checking never changes anything; [`repair`] only restarts entries whose
//! conversation is provably gone (never deletes a file or an entry).

use std::path::PathBuf;

use jiff::Timestamp;
use serde::Serialize;

use super::reset::ResetReason;
use super::store::{SessionStore, StoreError};
use super::transcript;
use crate::home::{Home, key_from_file_name};
use crate::store::IoError;

/// Something wrong with an agent's sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Problem {
    /// A key in sessions.json that is not a session key.
    InvalidKey {
        /// The key as stored.
        key: String,
        /// Why it does not parse.
        reason: String,
    },
    /// A key that belongs to another agent.
    ForeignKey {
        /// The key.
        key: String,
    },
    /// An entry that counts messages but has no live transcript and no archive of its session.
    MissingTranscript {
        /// The key.
        key: String,
        /// Where the transcript should be.
        path: PathBuf,
    },
    /// A reset that archived the transcript but was killed before writing the store: the entry
    /// still has the archived session's id.
    InterruptedReset {
        /// The key.
        key: String,
        /// The archive holding the entry's session.
        archive: PathBuf,
    },
    /// The live transcript's header names another session id than the entry.
    SessionIdMismatch {
        /// The key.
        key: String,
        /// Id in sessions.json.
        entry: String,
        /// Id in the transcript header.
        transcript: String,
    },
    /// A transcript with lines that cannot be read (they are skipped when reading).
    UnreadableLines {
        /// The file.
        path: PathBuf,
        /// One warning per line.
        warnings: Vec<String>,
    },
    /// A live transcript without an entry in sessions.json.
    OrphanTranscript {
        /// The file.
        path: PathBuf,
    },
}

impl Problem {
    /// Whether [`repair`] fixes this problem.
    pub fn repairable(&self) -> bool {
        matches!(self, Problem::MissingTranscript { .. } | Problem::InterruptedReset { .. })
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::InvalidKey { key, reason } => write!(f, "session {key:?} has an invalid key: {reason}"),
            Problem::ForeignKey { key } => write!(f, "session {key} belongs to another agent"),
            Problem::MissingTranscript { key, path } => {
                write!(f, "session {key} has messages but its transcript {} is missing", path.display())
            }
            Problem::InterruptedReset { key, archive } => {
                write!(f, "session {key} was archived to {} but its reset did not finish", archive.display())
            }
            Problem::SessionIdMismatch { key, entry, transcript } => {
                write!(f, "session {key} has id {entry} in sessions.json but {transcript} in its transcript")
            }
            Problem::UnreadableLines { path, warnings } => {
                write!(f, "{} has {} unreadable line(s)", path.display(), warnings.len())
            }
            Problem::OrphanTranscript { path } => {
                write!(f, "{} has no entry in sessions.json", path.display())
            }
        }
    }
}

/// Why checking could not run.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// sessions.json is unreadable (corrupt files are reported here, not repaired).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A directory could not be listed.
    #[error(transparent)]
    Io(#[from] IoError),
}

/// Checks the sessions.json of `agent` against its transcripts; changes nothing.
pub fn check(home: &Home, agent: &str) -> Result<Vec<Problem>, CheckError> {
    let store = SessionStore::open(home, agent);
    let sessions = store.load()?;
    let archives = super::archive::list(home, agent)?;
    let mut problems = Vec::new();
    for (key, entry) in &sessions {
        let parsed = match super::SessionKey::parse(key) {
            Ok(k) => k,
            Err(e) => {
                problems.push(Problem::InvalidKey { key: key.clone(), reason: e.reason.to_string() });
                continue;
            }
        };
        if parsed.agent != agent {
            problems.push(Problem::ForeignKey { key: key.clone() });
            continue;
        }
        let live = home.transcript_path(agent, key);
        if live.is_file() {
            let t = transcript::read_file(live.clone())?;
            if let Some(h) = t.header()
                && !entry.session_id.is_empty()
                && h.id != entry.session_id
            {
                problems.push(Problem::SessionIdMismatch {
                    key: key.clone(),
                    entry: entry.session_id.clone(),
                    transcript: h.id.clone(),
                });
            }
            continue;
        }
        // No live transcript: fine right after a reset (the header is written at the next turn).
        let newest_archive = archives.iter().rev().find(|a| a.key.as_deref() == Some(key.as_str()));
        if let Some(a) = newest_archive
            && !entry.session_id.is_empty()
        {
            let t = transcript::read_file(a.path.clone())?;
            if t.header().is_some_and(|h| h.id == entry.session_id) {
                problems.push(Problem::InterruptedReset { key: key.clone(), archive: a.path.clone() });
                continue;
            }
        }
        if entry.message_count > 0 {
            problems.push(Problem::MissingTranscript { key: key.clone(), path: live });
        }
    }
    let dir = home.transcripts_dir(agent);
    if let Ok(read) = std::fs::read_dir(&dir) {
        let mut files: Vec<PathBuf> = read
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for path in files {
            let key = path.file_stem().and_then(|s| s.to_str()).and_then(key_from_file_name);
            if key.as_ref().is_none_or(|k| !sessions.contains_key(k)) {
                problems.push(Problem::OrphanTranscript { path: path.clone() });
            }
            let t = transcript::read_file(path.clone())?;
            if !t.warnings.is_empty() {
                problems.push(Problem::UnreadableLines { path, warnings: t.warnings });
            }
        }
    }
    Ok(problems)
}

/// Fixes the repairable problems under one lock: an entry whose transcript is lost, or whose
/// reset was interrupted, gets a new session (reason `repair` or `manual`). Returns the keys it
/// changed. Problems that no longer hold under the lock are skipped.
pub fn repair(
    home: &Home,
    agent: &str,
    problems: &[Problem],
    now: Timestamp,
) -> Result<Vec<String>, StoreError> {
    let store = SessionStore::open(home, agent);
    let mut locked = store.lock()?;
    let mut fixed = Vec::new();
    for p in problems {
        let (key, reason) = match p {
            Problem::MissingTranscript { key, .. } => (key, ResetReason::Repair),
            Problem::InterruptedReset { key, .. } => (key, ResetReason::Manual),
            _ => continue,
        };
        if home.transcript_path(agent, key).exists() {
            continue;
        }
        if let Some(entry) = locked.sessions.get_mut(key) {
            entry.restart(reason, now.as_millisecond());
            fixed.push(key.clone());
        }
    }
    if !fixed.is_empty() {
        locked.save()?;
    }
    Ok(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::transcript::{Line, Message};
    use crate::session::{SessionEntry, SessionKey};

    #[test]
    fn finds_and_repairs_problems() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let store = SessionStore::open(&home, "main");
        let now = Timestamp::now();
        let lost = SessionKey::cron("main", "lost");
        let ok = SessionKey::cron("main", "ok");
        let fresh = SessionKey::cron("main", "fresh");
        let mismatch = SessionKey::cron("main", "mismatch");
        for k in [&lost, &ok, &fresh, &mismatch] {
            let mut e = SessionEntry::new(1);
            e.message_count = if *k == fresh { 0 } else { 2 };
            store.upsert(k, e).unwrap();
        }
        let id = |k: &SessionKey| store.get(&k.to_string()).unwrap().unwrap().session_id;
        transcript::create(&home, &ok, &id(&ok), now).unwrap();
        transcript::create(&home, &mismatch, "someone-else", now).unwrap();
        let orphan = SessionKey::cron("main", "orphan");
        transcript::append(&home, &orphan, &Line::Message(Message::user("hi", None))).unwrap();
        std::fs::write(transcript::path(&home, &ok), {
            let mut b = std::fs::read(transcript::path(&home, &ok)).unwrap();
            b.extend_from_slice(b"garbage\n");
            b
        })
        .unwrap();
        let problems = check(&home, "main").unwrap();
        let kinds: Vec<String> = problems.iter().map(|p| format!("{p}")).collect();
        assert_eq!(problems.len(), 4, "{kinds:#?}");
        assert!(matches!(&problems[0], Problem::MissingTranscript { key, .. } if *key == lost.to_string()));
        assert!(
            matches!(&problems[1], Problem::SessionIdMismatch { transcript, .. } if transcript == "someone-else")
        );
        assert!(problems.iter().any(|p| matches!(p, Problem::UnreadableLines { .. })));
        assert!(problems.iter().any(|p| matches!(p, Problem::OrphanTranscript { .. })));
        let before = id(&lost);
        assert_eq!(repair(&home, "main", &problems, now).unwrap(), vec![lost.to_string()]);
        let after = store.get(&lost.to_string()).unwrap().unwrap();
        assert_ne!(after.session_id, before);
        assert_eq!((after.message_count, after.reset_reason), (0, Some(ResetReason::Repair)));
        assert_eq!(check(&home, "main").unwrap().len(), 3);
    }
}
