//! Dead letters: outbound messages the outbox could not deliver, kept with their reason instead
//! of being dropped. `channels/dead-letters.jsonl` (0600; it holds conversation text) is
//! append-only: a `dead` line when a delivery gives up, a `resent` or `dropped` line when
//! `openclaw channel dead-letters resend|drop` settles it. A letter is open while it has no
//! settling line.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::ChatRef;
use crate::home::Home;
use crate::store::{self, FileLock, IoError};

/// One undelivered message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadLetter {
    /// `dl-` and 8 hex digits.
    pub id: String,
    /// RFC 3339 UTC, when the outbox gave up.
    pub at: String,
    /// Channel name.
    pub channel: String,
    /// Account id.
    pub account: String,
    /// Where it was going.
    pub chat: ChatRef,
    /// The parts not yet sent, in order (already within the channel's limit).
    pub parts: Vec<String>,
    /// The message the first unsent part replies to, if it was the reply's first part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// Ids of the parts that did go out before the failure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent_ids: Vec<String>,
    /// The last error, one sentence.
    pub error: String,
    /// Tries of the failing part.
    pub attempts: u32,
    /// Who sent it: `reply`, `cron`, `heartbeat`, `subagent`, `message`, `cli`.
    pub origin: String,
    /// The session it belongs to, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Record {
    Dead(Box<DeadLetter>),
    Resent {
        id: String,
        at: String,
        #[serde(rename = "messageIds")]
        message_ids: Vec<String>,
    },
    Dropped {
        id: String,
        at: String,
    },
}

/// `channels/dead-letters.jsonl`.
pub fn path(home: &Home) -> PathBuf {
    home.channels_dir().join("dead-letters.jsonl")
}

fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Millisecond)
        .unwrap_or_else(|_| jiff::Timestamp::now())
        .to_string()
}

fn append(home: &Home, record: &Record) -> Result<(), IoError> {
    store::create_dir_private(&home.channels_dir())?;
    store::append_line(&path(home), record)
}

/// Keeps `letter` (its `id` and `at` are filled in); returns the id.
pub fn keep(home: &Home, mut letter: DeadLetter) -> Result<String, IoError> {
    letter.id = format!("dl-{}", crate::session::transcript::short_id());
    letter.at = now();
    let id = letter.id.clone();
    append(home, &Record::Dead(Box::new(letter)))?;
    Ok(id)
}

/// A letter ready to be filled in by the outbox.
pub fn blank() -> DeadLetter {
    DeadLetter {
        id: String::new(),
        at: String::new(),
        channel: String::new(),
        account: String::new(),
        chat: ChatRef { id: String::new(), kind: super::ChatKind::Direct, thread: None },
        parts: Vec::new(),
        reply_to: None,
        sent_ids: Vec::new(),
        error: String::new(),
        attempts: 0,
        origin: String::new(),
        session: None,
    }
}

/// The open letters, oldest first, and a warning for each unreadable line.
pub fn open(home: &Home) -> Result<(Vec<DeadLetter>, Vec<String>), IoError> {
    let read = store::read_jsonl(&path(home))?;
    let mut letters: Vec<DeadLetter> = Vec::new();
    let mut warnings = read.warnings;
    for line in read.lines {
        match serde_json::from_value::<Record>(line.value) {
            Ok(Record::Dead(d)) => letters.push(*d),
            Ok(Record::Resent { id, .. } | Record::Dropped { id, .. }) => letters.retain(|d| d.id != id),
            Err(e) => warnings.push(format!("{}:{}: skipped: {e}", path(home).display(), line.line)),
        }
    }
    Ok((letters, warnings))
}

/// Holds the dead-letter lock while letters are resent, so two `resend`s never send one twice.
pub fn lock(home: &Home) -> Result<FileLock, IoError> {
    store::create_dir_private(&home.channels_dir())?;
    FileLock::exclusive(&path(home))
}

/// Marks `id` as delivered.
pub fn resent(home: &Home, id: &str, message_ids: Vec<String>) -> Result<(), IoError> {
    append(home, &Record::Resent { id: id.into(), at: now(), message_ids })
}

/// Marks `id` as given up on by the user.
pub fn dropped(home: &Home, id: &str) -> Result<(), IoError> {
    append(home, &Record::Dropped { id: id.into(), at: now() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn letters_stay_open_until_settled() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let mut l = blank();
        l.channel = "discord".into();
        l.parts = vec!["hello".into()];
        l.error = "discord: 500".into();
        let a = keep(&home, l.clone()).unwrap();
        let b = keep(&home, l).unwrap();
        assert_ne!(a, b);
        assert_eq!(open(&home).unwrap().0.len(), 2);
        resent(&home, &a, vec!["1".into()]).unwrap();
        dropped(&home, &b).unwrap();
        assert!(open(&home).unwrap().0.is_empty());
        assert_eq!(std::fs::metadata(path(&home)).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
