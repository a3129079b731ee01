//! The inbound journal (DESIGN §7): `gateway/inbox.jsonl`. A channel message is appended (and
//! synced) before its delivery is acknowledged, and a `{"done": id}` line follows once its turn
//! finished and the reply was handed to the channel. At start, messages without `done` are
//! replayed; ids already seen are acknowledged without being processed again.

use std::collections::HashSet;

use indexmap::IndexMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::channel::InboundMessage;
use crate::home::Home;
use crate::store::{self, IoError};

/// The largest journal read at start; anything bigger is not a journal the gateway wrote.
const CAP: u64 = 256 << 20;

/// Compact when the file holds more lines than this and nothing is pending.
const COMPACT_AFTER_LINES: usize = 10_000;

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Record {
    Done { done: String },
    Message(Box<InboundMessage>),
}

/// The journal and what it knows.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    seen: HashSet<String>,
    pending: IndexMap<String, InboundMessage>,
    lines: usize,
}

/// What [`Journal::record`] did with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// New: journaled, to be processed.
    New,
    /// Seen before: acknowledge, do not process again.
    Duplicate,
}

impl Journal {
    /// Opens `gateway/inbox.jsonl`, rebuilding the set of seen ids and the pending messages.
    /// Torn lines (a crash mid-write) are skipped. A journal that is not a regular file, or is
    /// far larger than the gateway ever writes, is an error naming it.
    pub fn open(home: &Home) -> Result<Self, IoError> {
        let path = home.gateway_dir().join("inbox.jsonl");
        let read = store::read_jsonl_capped(&path, CAP)?;
        let mut journal = Journal { path, seen: HashSet::new(), pending: IndexMap::new(), lines: 0 };
        for line in read.lines {
            journal.lines += 1;
            match serde_json::from_value::<Record>(line.value) {
                Ok(Record::Done { done }) => {
                    journal.pending.shift_remove(&done);
                    journal.seen.insert(done);
                }
                Ok(Record::Message(m)) => {
                    let m = *m;
                    if journal.seen.insert(m.id.clone()) {
                        journal.pending.insert(m.id.clone(), m);
                    }
                }
                Err(_) => {}
            }
        }
        Ok(journal)
    }

    /// Journals `msg` (synced to disk) unless its id was seen before.
    pub fn record(&mut self, msg: &InboundMessage) -> Result<Recorded, IoError> {
        if self.seen.contains(&msg.id) {
            return Ok(Recorded::Duplicate);
        }
        store::append_line(&self.path, msg)?;
        self.lines += 1;
        self.seen.insert(msg.id.clone());
        self.pending.insert(msg.id.clone(), msg.clone());
        Ok(Recorded::New)
    }

    /// Marks `id` answered; compacts the file when nothing is pending and it grew large.
    pub fn done(&mut self, id: &str) -> Result<(), IoError> {
        store::append_line(&self.path, &Record::Done { done: id.to_string() })?;
        self.lines += 1;
        self.pending.shift_remove(id);
        if self.pending.is_empty() && self.lines > COMPACT_AFTER_LINES {
            self.compact()?;
        }
        Ok(())
    }

    /// Messages journaled but not answered, in journal order.
    pub fn pending(&self) -> Vec<InboundMessage> {
        self.pending.values().cloned().collect()
    }

    /// How many messages wait for an answer.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// Rewrites the file atomically with only the `done` markers of recent ids, so duplicates
    /// arriving after a compaction are still recognised.
    fn compact(&mut self) -> Result<(), IoError> {
        let mut text = String::new();
        for id in &self.seen {
            let line = serde_json::to_string(&Record::Done { done: id.clone() }).unwrap_or_default();
            text.push_str(&line);
            text.push('\n');
        }
        store::write_atomic(&self.path, text.as_bytes(), store::PRIVATE_FILE)?;
        self.lines = self.seen.len();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::{ChatKind, ChatRef, Sender};

    fn msg(id: &str) -> InboundMessage {
        InboundMessage {
            id: id.into(),
            channel: "telegram".into(),
            account_id: "default".into(),
            chat: ChatRef { id: "1".into(), kind: ChatKind::Direct, thread: None },
            sender: Sender { id: "1".into(), name: None, username: None },
            text: "hi".into(),
            addressed: true,
            message_id: None,
        }
    }

    #[test]
    fn duplicates_are_recognised_and_pending_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        std::fs::create_dir_all(home.gateway_dir()).unwrap();
        let mut j = Journal::open(&home).unwrap();
        assert_eq!(j.record(&msg("a")).unwrap(), Recorded::New);
        assert_eq!(j.record(&msg("b")).unwrap(), Recorded::New);
        assert_eq!(j.record(&msg("a")).unwrap(), Recorded::Duplicate);
        j.done("a").unwrap();
        let mut j = Journal::open(&home).unwrap();
        assert_eq!(j.pending().iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["b"]);
        assert_eq!(j.record(&msg("a")).unwrap(), Recorded::Duplicate);
        assert_eq!(j.record(&msg("b")).unwrap(), Recorded::Duplicate);
        j.done("b").unwrap();
        j.compact().unwrap();
        let mut j = Journal::open(&home).unwrap();
        assert_eq!(j.pending_len(), 0);
        assert_eq!(j.record(&msg("b")).unwrap(), Recorded::Duplicate);
    }
}
