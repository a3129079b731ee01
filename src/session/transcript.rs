//! Transcripts (DESIGN §6): JSON Lines, one object per line, appended and never rewritten.
//!
//! The turn loop uses three calls: [`create`] before the first line of a session (writes the
//! `{"type":"session",…}` header, a no-op when the live file exists), then [`append`] for each
//! message, tool result or compaction, built with [`Message::user`], [`Message::assistant`],
//! [`Message::tool_result`] and [`Compaction::new`]. [`read`] and [`read_tail`] never fail on a
//! torn or garbage line: they skip it and return a warning naming `file:line`.

use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::key::SessionKey;
use crate::home::Home;
use crate::store::{self, IoError};

/// Transcript format version written in the header.
pub const VERSION: u32 = 1;

/// One line of a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Line {
    /// The first line: which session this file holds.
    Session(Header),
    /// A user, assistant, tool or system message.
    Message(Message),
    /// Older messages summarised to save context.
    Compaction(Compaction),
    /// What the outbox sent to a channel for this session (message ids), or why it could not.
    Delivery(Delivery),
}

/// `{"type":"session",…}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    /// Format version.
    pub version: u32,
    /// The session id (matches `sessionId` in sessions.json).
    pub id: String,
    /// Canonical session key.
    pub key: String,
    /// The agent.
    pub agent: String,
    /// RFC 3339 UTC with milliseconds.
    pub created_at: String,
    /// Fields from a newer version.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The person (or group member) talking to the agent.
    User,
    /// The model.
    Assistant,
    /// The result of a tool call.
    Tool,
    /// A runtime note.
    System,
}

impl Role {
    /// The word used in the transcript.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Assistant => "assistant",
            Role::Tool => "tool",
            Role::System => "system",
        }
    }
}

/// Where an inbound message came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Origin {
    /// Channel name.
    pub channel: String,
    /// Channel account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Sender id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
    /// Sender's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A tool call requested by the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// Provider-given id, echoed by the tool result.
    pub id: String,
    /// Tool name, e.g. `exec`.
    pub name: String,
    /// Arguments as the model gave them.
    #[serde(default)]
    pub arguments: Value,
}

/// Token usage of one model call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Usage {
    /// Prompt tokens.
    pub input: u64,
    /// Completion tokens.
    pub output: u64,
}

/// `{"type":"message",…}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Short unique id within the transcript.
    pub id: String,
    /// RFC 3339 UTC with milliseconds.
    pub ts: String,
    /// Who wrote it.
    pub role: Role,
    /// The text.
    #[serde(default)]
    pub content: String,
    /// Origin of a user message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Origin>,
    /// Tool calls requested by an assistant message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tool_calls: Vec<ToolCall>,
    /// Model of an assistant message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Token usage of an assistant message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    /// The call a tool result answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
    /// Tool name of a tool result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether a tool result is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_error: Option<bool>,
    /// Fields from a newer version.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

impl Message {
    /// A message of `role`, stamped now, with a fresh id and nothing else set.
    pub fn new(role: Role, content: impl Into<String>) -> Self {
        Self {
            id: short_id(),
            ts: crate::time::rfc3339_ms(Timestamp::now()),
            role,
            content: content.into(),
            from: None,
            tool_calls: Vec::new(),
            model: None,
            usage: None,
            tool_call_id: None,
            name: None,
            is_error: None,
            extra: serde_json::Map::new(),
        }
    }

    /// An inbound user message, stamped now.
    pub fn user(content: impl Into<String>, from: Option<Origin>) -> Self {
        Self { from, ..Self::new(Role::User, content) }
    }

    /// A model reply, stamped now.
    pub fn assistant(
        content: impl Into<String>,
        tool_calls: Vec<ToolCall>,
        model: Option<String>,
        usage: Option<Usage>,
    ) -> Self {
        Self { tool_calls, model, usage, ..Self::new(Role::Assistant, content) }
    }

    /// The result of tool call `call_id`, stamped now.
    pub fn tool_result(call_id: &str, name: &str, content: impl Into<String>, is_error: bool) -> Self {
        Self {
            tool_call_id: Some(call_id.to_string()),
            name: Some(name.to_string()),
            is_error: Some(is_error),
            ..Self::new(Role::Tool, content)
        }
    }
}

/// `{"type":"compaction",…}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Compaction {
    /// Short unique id.
    pub id: String,
    /// RFC 3339 UTC with milliseconds.
    pub ts: String,
    /// The summary that replaces the older messages.
    pub summary: String,
    /// First message kept verbatim after the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_kept_id: Option<String>,
    /// Context size before compaction.
    #[serde(default)]
    pub tokens_before: u64,
}

impl Compaction {
    /// A compaction stamped now.
    pub fn new(summary: impl Into<String>, first_kept_id: Option<String>, tokens_before: u64) -> Self {
        Self {
            id: short_id(),
            ts: crate::time::rfc3339_ms(Timestamp::now()),
            summary: summary.into(),
            first_kept_id,
            tokens_before,
        }
    }
}

/// `{"type":"delivery",…}`: one outbound message to a channel, as the service took it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    /// RFC 3339 UTC with milliseconds.
    pub ts: String,
    /// Channel name.
    pub channel: String,
    /// Account id.
    pub account_id: String,
    /// The chat it went to.
    pub to: String,
    /// The service's ids of the parts sent, in order.
    #[serde(default)]
    pub message_ids: Vec<String>,
    /// Which part of the reply this line records (0-based), when it records one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
    /// How many parts the reply has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<u32>,
    /// Why (part of) it was not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The dead letter that keeps the unsent rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter: Option<String>,
    /// The inbound message this answers, when it is a reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbound_id: Option<String>,
    /// Who sent it: `reply`, `cron`, `heartbeat`, `subagent`, `message`, `cli`.
    pub origin: String,
}

/// A short random id (8 hex digits) for lines within one transcript.
pub fn short_id() -> String {
    let u = uuid::Uuid::new_v4().simple().to_string();
    u[..8].to_string()
}

/// A line as read back: typed when this version knows its shape, raw otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A known line.
    Known(Box<Line>),
    /// Valid JSON of a type or shape this version does not know; shown raw.
    Other(Value),
}

/// One readable line of a transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadLine {
    /// 1-based line number in the file.
    pub line: usize,
    /// The line as JSON, exactly as stored.
    pub raw: Value,
    /// The line, typed.
    pub entry: Entry,
}

/// A transcript read back, with one warning per skipped line.
#[derive(Debug, Default)]
pub struct Transcript {
    /// The file.
    pub path: PathBuf,
    /// Readable lines in order.
    pub lines: Vec<ReadLine>,
    /// `file:line: skipped an unreadable line (…)`.
    pub warnings: Vec<String>,
}

/// The live transcript file of `key`.
pub fn path(home: &Home, key: &SessionKey) -> PathBuf {
    home.transcript_path(&key.agent, &key.to_string())
}

/// Writes the header of a new live transcript for `session_id`; returns false (and writes
/// nothing) when the live transcript already exists. Creates `transcripts/` when needed.
pub fn create(home: &Home, key: &SessionKey, session_id: &str, now: Timestamp) -> Result<bool, IoError> {
    let header = Line::Session(Header {
        version: VERSION,
        id: session_id.to_string(),
        key: key.to_string(),
        agent: key.agent.clone(),
        created_at: crate::time::rfc3339_ms(now),
        extra: serde_json::Map::new(),
    });
    let p = path(home, key);
    // The common case, checked without O_CREAT (which takes the directory's inode lock).
    if p.exists() {
        return Ok(false);
    }
    if let Some(dir) = p.parent()
        && !dir.is_dir()
    {
        store::create_dir_private(dir)?;
    }
    let mut bytes =
        serde_json::to_vec(&header).map_err(|e| IoError::at("encoding a line for", p.clone())(e.into()))?;
    bytes.push(b'\n');
    store::write_new(&p, &bytes, store::PRIVATE_FILE)
}

/// Appends one line to the live transcript of `key` (one write, synced before returning).
pub fn append(home: &Home, key: &SessionKey, line: &Line) -> Result<(), IoError> {
    let mut w = Writer::open(home, key)?;
    w.append(line)?;
    w.sync()
}

/// The live transcript of one session held open for a turn: lines are appended as they happen
/// and made durable together by [`Writer::sync`] (before a tool runs and before the turn is
/// acknowledged, DESIGN §7), one `fdatasync` where a line-by-line append pays one per line.
#[derive(Debug)]
pub struct Writer(store::JsonlWriter);

impl Writer {
    /// Opens the live transcript of `key` for appending; the transcripts folder is made on first
    /// use.
    pub fn open(home: &Home, key: &SessionKey) -> Result<Self, IoError> {
        let p = path(home, key);
        match store::JsonlWriter::open(&p) {
            Err(e) if e.source.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = p.parent() {
                    store::create_dir_private(dir)?;
                }
                store::JsonlWriter::open(&p).map(Self)
            }
            other => other.map(Self),
        }
    }

    /// Appends one line (one `write`); durable after [`Writer::sync`].
    pub fn append(&mut self, line: &Line) -> Result<(), IoError> {
        self.0.append(line)
    }

    /// Flushes the lines appended so far to disk.
    pub fn sync(&mut self) -> Result<(), IoError> {
        self.0.sync()
    }
}

/// Reads the whole live transcript of `key`; a missing file reads as empty.
pub fn read(home: &Home, key: &SessionKey) -> Result<Transcript, IoError> {
    read_file(path(home, key))
}

/// Reads the last `n` lines of the live transcript of `key`.
pub fn read_tail(home: &Home, key: &SessionKey, n: usize) -> Result<Transcript, IoError> {
    let p = path(home, key);
    let read = store::read_jsonl_tail(&p, n)?;
    Ok(typed(p, read))
}

/// Reads any transcript file (live or archived).
pub fn read_file(p: PathBuf) -> Result<Transcript, IoError> {
    let read = store::read_jsonl(&p)?;
    Ok(typed(p, read))
}

fn typed(path: PathBuf, read: store::JsonlRead) -> Transcript {
    let lines = read
        .lines
        .into_iter()
        .map(|l| {
            let entry = match Line::deserialize(&l.value) {
                Ok(line) => Entry::Known(Box::new(line)),
                Err(_) => Entry::Other(l.value.clone()),
            };
            ReadLine { line: l.line, raw: l.value, entry }
        })
        .collect();
    Transcript { path, lines, warnings: read.warnings }
}

impl Transcript {
    /// The header, when the first readable line is one.
    pub fn header(&self) -> Option<&Header> {
        match self.lines.first().map(|l| &l.entry) {
            Some(Entry::Known(line)) => match line.as_ref() {
                Line::Session(h) => Some(h),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_append_read() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let key = SessionKey::main("main");
        let now: Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
        assert!(create(&home, &key, "sid", now).unwrap());
        assert!(!create(&home, &key, "other", now).unwrap());
        append(&home, &key, &Line::Message(Message::user("hi", None))).unwrap();
        let call = ToolCall {
            id: "c1".into(),
            name: "exec".into(),
            arguments: serde_json::json!({"command": "ls"}),
        };
        append(&home, &key, &Line::Message(Message::assistant("", vec![call], None, None))).unwrap();
        append(&home, &key, &Line::Message(Message::tool_result("c1", "exec", "a\nb", false))).unwrap();
        append(&home, &key, &Line::Compaction(Compaction::new("sum", None, 9))).unwrap();
        let t = read(&home, &key).unwrap();
        assert_eq!(t.header().unwrap().id, "sid");
        assert_eq!(t.header().unwrap().created_at, "2026-11-23T10:00:00.000Z");
        assert_eq!(t.lines.len(), 5);
        assert!(t.lines.iter().all(|l| matches!(l.entry, Entry::Known(_))));
        let first = std::fs::read_to_string(path(&home, &key)).unwrap();
        assert!(
            first.starts_with(r#"{"type":"session","version":1,"id":"sid","key":"agent:main:main""#),
            "{first}"
        );
        let tail = read_tail(&home, &key, 2).unwrap();
        assert_eq!(tail.lines.len(), 2);
        assert_eq!(tail.lines[1].line, 5);
    }

    #[test]
    fn unknown_types_are_kept_raw() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.jsonl");
        std::fs::write(&p, "{\"type\":\"future\",\"x\":1}\nnot json\n").unwrap();
        let t = read_file(p).unwrap();
        assert!(matches!(t.lines[0].entry, Entry::Other(_)));
        assert_eq!(t.warnings.len(), 1);
        assert!(t.warnings[0].contains("t.jsonl:2"));
    }
}
