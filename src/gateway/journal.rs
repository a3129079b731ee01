//! The inbound journal (DESIGN §7): `gateway/inbox.jsonl`. A channel message is appended (and
//! synced) before its delivery is acknowledged, and a `{"done": id}` line follows once its turn
//! finished and the reply was handed to the channel. At start, messages without `done` are
//! replayed; ids already seen are acknowledged without being processed again.
//!
//! The file stays small: the ids of the last [`WINDOW`] finished messages are remembered (a
//! channel redelivers within seconds or minutes, never 10,000 messages later), and once the file
//! holds twice that many lines it is rewritten atomically with only those `done` markers and the
//! messages still pending. A crash during the rewrite leaves the old file or the new one, and
//! both hold every unanswered message. The rewrite happens once per [`WINDOW`]/2 messages, so the
//! cost of a message stays flat however long the gateway runs.

use std::collections::{HashSet, VecDeque};

use indexmap::IndexMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::channel::InboundMessage;
use crate::home::Home;
use crate::store::{self, IoError};

/// How many finished message ids are remembered to recognise a redelivery.
pub const WINDOW: usize = 10_000;

/// The largest journal read at start: the file holds about 2 × [`WINDOW`] lines plus the
/// messages in flight, far below this; anything bigger is not a journal the gateway wrote.
const CAP: u64 = 256 << 20;

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
    /// Every id remembered: the finished ones in `finished` and the pending ones.
    seen: HashSet<String>,
    /// Finished ids, oldest first, at most [`WINDOW`].
    finished: VecDeque<String>,
    pending: IndexMap<String, InboundMessage>,
    lines: usize,
    window: usize,
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
        let mut journal = Journal {
            path,
            seen: HashSet::new(),
            finished: VecDeque::new(),
            pending: IndexMap::new(),
            lines: 0,
            window: WINDOW,
        };
        for line in read.lines {
            journal.lines += 1;
            match serde_json::from_value::<Record>(line.value) {
                Ok(Record::Done { done }) => journal.finish(done),
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

    /// Marks `id` answered; rewrites the file when it grew past twice the window.
    pub fn done(&mut self, id: &str) -> Result<(), IoError> {
        store::append_line(&self.path, &Record::Done { done: id.to_string() })?;
        self.lines += 1;
        self.finish(id.to_string());
        if self.lines > 2 * self.window + self.pending.len() {
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

    /// How many lines the file holds (as far as this process knows).
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// Remembers `id` as finished, forgetting the oldest finished id past the window.
    fn finish(&mut self, id: String) {
        let was_pending = self.pending.shift_remove(&id).is_some();
        if !was_pending && !self.seen.insert(id.clone()) {
            // A second `done` for an id already finished (or one that is gone from the window).
            return;
        }
        self.finished.push_back(id);
        while self.finished.len() > self.window {
            if let Some(old) = self.finished.pop_front() {
                self.seen.remove(&old);
            }
        }
    }

    /// Rewrites the file atomically with the `done` markers of the window, then the pending
    /// messages in full, so duplicates arriving after a compaction are still recognised and
    /// nothing unanswered is lost.
    fn compact(&mut self) -> Result<(), IoError> {
        let mut bytes = Vec::with_capacity(self.finished.len() * 48);
        let finished = self.finished.iter().map(|id| serde_json::to_vec(&Record::Done { done: id.clone() }));
        for line in finished.chain(self.pending.values().map(serde_json::to_vec)) {
            let line = line.map_err(|e| IoError::at("encoding a line for", &self.path)(e.into()))?;
            bytes.extend_from_slice(&line);
            bytes.push(b'\n');
        }
        store::write_atomic(&self.path, &bytes, store::PRIVATE_FILE)?;
        self.lines = self.finished.len() + self.pending.len();
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

    fn lines_on_disk(home: &Home) -> usize {
        std::fs::read_to_string(home.gateway_dir().join("inbox.jsonl")).unwrap().lines().count()
    }

    #[test]
    fn stays_bounded_and_still_drops_duplicates_within_the_window() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        std::fs::create_dir_all(home.gateway_dir()).unwrap();
        let mut j = Journal::open(&home).unwrap();
        j.window = 50;
        assert_eq!(j.record(&msg("in-flight")).unwrap(), Recorded::New);
        let mut most = 0;
        for i in 0..1000 {
            assert_eq!(j.record(&msg(&i.to_string())).unwrap(), Recorded::New);
            j.done(&i.to_string()).unwrap();
            most = most.max(lines_on_disk(&home));
        }
        assert!(most <= 2 * 50 + 2, "the journal grew to {most} lines");
        assert_eq!(j.lines(), lines_on_disk(&home));
        // Reopened, it still knows the message in flight and the last 50 finished ids.
        let mut j = Journal::open(&home).unwrap();
        j.window = 50;
        assert_eq!(j.pending().iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["in-flight"]);
        assert_eq!(j.record(&msg("in-flight")).unwrap(), Recorded::Duplicate);
        for i in 950..1000 {
            assert_eq!(j.record(&msg(&i.to_string())).unwrap(), Recorded::Duplicate, "id {i}");
        }
        assert_eq!(j.record(&msg("0")).unwrap(), Recorded::New, "ids past the window are forgotten");
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
