//! Archived transcripts (`transcripts/archive/<key>.<UTC stamp>.jsonl`): their file-safe stamps,
//! listing them, and pruning the old ones — the only place where session data is ever deleted,
//! and only when a user asks for it.

use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::home::{Home, key_from_file_name};
use crate::store::IoError;

/// Length of a stamp such as `20261124T040000.123Z`.
const STAMP_LEN: usize = 20;
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

/// The UTC stamp of an archive file name, e.g. `20261124T040000.123Z` (no `:`, sorts by time).
pub fn archive_stamp(at: Timestamp) -> String {
    at.strftime(STAMP_FORMAT).to_string()
}

/// Reads a stamp made by [`archive_stamp`].
pub fn parse_stamp(stamp: &str) -> Option<Timestamp> {
    let civil = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S%.f", stamp.strip_suffix('Z')?).ok()?;
    civil.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp())
}

/// One file in an agent's transcript archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Archived {
    /// The agent.
    pub agent: String,
    /// The session key, decoded from the file name (`None` if the name is not ours).
    pub key: Option<String>,
    /// The file.
    pub path: PathBuf,
    /// When it was archived: the stamp in the name, else the file's modification time.
    #[serde(serialize_with = "ser_ts")]
    pub archived_at: Timestamp,
    /// Size in bytes.
    pub bytes: u64,
}

fn ser_ts<S: serde::Serializer>(ts: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::time::rfc3339_ms(*ts))
}

/// Splits `<key>.<stamp>.jsonl` into the key and the stamp's instant.
pub fn parse_archive_name(name: &str) -> Option<(String, Timestamp)> {
    let stem = name.strip_suffix(".jsonl")?;
    let cut = stem.len().checked_sub(STAMP_LEN + 1)?;
    let (key, dot_stamp) = (stem.get(..cut)?, stem.get(cut..)?);
    let at = parse_stamp(dot_stamp.strip_prefix('.')?)?;
    Some((key_from_file_name(key)?, at))
}

/// Whether `agent` has any archived transcript; an unreadable archive directory counts as yes.
/// Stops at the first one, where [`list`] reads them all.
pub fn any(home: &Home, agent: &str) -> bool {
    match std::fs::read_dir(home.archive_dir(agent)) {
        Ok(read) => read.flatten().any(|e| {
            e.file_name().to_str().is_some_and(|n| n.ends_with(".jsonl") && !n.starts_with(".tmp-"))
        }),
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    }
}

/// Every archived transcript of `agent`, oldest first. A missing archive directory is empty.
pub fn list(home: &Home, agent: &str) -> Result<Vec<Archived>, IoError> {
    let dir = home.archive_dir(agent);
    let read = match std::fs::read_dir(&dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(IoError::at("reading", dir)(e)),
    };
    let mut out = Vec::new();
    for entry in read {
        let entry = entry.map_err(IoError::at("reading", dir.clone()))?;
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        if !name.ends_with(".jsonl") || name.starts_with(".tmp-") {
            continue;
        }
        let meta = match entry.metadata() {
            Ok(m) if m.is_file() => m,
            _ => continue,
        };
        let parsed = parse_archive_name(&name);
        let archived_at = match &parsed {
            Some((_, at)) => *at,
            None => meta
                .modified()
                .ok()
                .and_then(|m| Timestamp::try_from(m).ok())
                .unwrap_or(Timestamp::UNIX_EPOCH),
        };
        out.push(Archived {
            agent: agent.to_string(),
            key: parsed.map(|(k, _)| k),
            path,
            archived_at,
            bytes: meta.len(),
        });
    }
    out.sort_by(|a, b| a.archived_at.cmp(&b.archived_at).then_with(|| a.path.cmp(&b.path)));
    Ok(out)
}

/// Deletes the archived transcripts of `agent` archived more than `older_than` before `now`;
/// returns what it removed (with `dry_run`, what it would remove). Live transcripts are never
/// touched.
pub fn prune(
    home: &Home,
    agent: &str,
    older_than: SignedDuration,
    now: Timestamp,
    dry_run: bool,
) -> Result<Vec<Archived>, IoError> {
    let cutoff = now.checked_sub(older_than).unwrap_or(Timestamp::MIN);
    let old: Vec<Archived> = list(home, agent)?.into_iter().filter(|a| a.archived_at < cutoff).collect();
    if dry_run {
        return Ok(old);
    }
    let mut removed = Vec::with_capacity(old.len());
    for a in old {
        match std::fs::remove_file(&a.path) {
            Ok(()) => removed.push(a),
            // Someone else pruned it first: it is gone either way.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(IoError::at("removing", a.path)(e)),
        }
    }
    if !removed.is_empty() {
        sync_dir(&home.archive_dir(agent))?;
    }
    Ok(removed)
}

pub(crate) use crate::store::sync_dir;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip_and_names_parse() {
        let at: Timestamp = "2026-11-24T04:00:00.123Z".parse().unwrap();
        assert_eq!(archive_stamp(at), "20261124T040000.123Z");
        assert_eq!(parse_stamp("20261124T040000.123Z"), Some(at));
        let (key, t) = parse_archive_name("agent:main:x:peer:a%2Fb.20261124T040000.123Z.jsonl").unwrap();
        assert_eq!(key, "agent:main:x:peer:a/b");
        assert_eq!(t, at);
        assert!(parse_archive_name("notes.jsonl").is_none());
        assert!(parse_archive_name("agent:main:main.2026112XT040000.123Z.jsonl").is_none());
    }

    #[test]
    fn prune_removes_only_old_archives() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let arch = home.archive_dir("main");
        std::fs::create_dir_all(&arch).unwrap();
        let now: Timestamp = "2026-11-24T04:00:00Z".parse().unwrap();
        let old = home.archive_path("main", "agent:main:main", "20261101T040000.000Z");
        let new = home.archive_path("main", "agent:main:main", "20261123T040000.000Z");
        std::fs::write(&old, "{}\n").unwrap();
        std::fs::write(&new, "{}\n").unwrap();
        let week = SignedDuration::from_hours(24 * 7);
        let dry = prune(&home, "main", week, now, true).unwrap();
        assert_eq!(dry.len(), 1);
        assert!(old.exists());
        let gone = prune(&home, "main", week, now, false).unwrap();
        assert_eq!(gone[0].path, old);
        assert!(!old.exists() && new.exists());
    }
}
