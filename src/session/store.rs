//! `sessions.json` (DESIGN §6, §7): one JSON object keyed by canonical session key, read under a
//! shared lock, changed only under the exclusive lock on `sessions.json.lock` and replaced
//! atomically. A file that does not parse is an error naming `file:line:col` and is never
//! overwritten. Keys in a non-canonical spelling (`dm`, `direct`, upper-case structure) are
//! normalised on read. Transcripts and the reset policy live next door; this module only knows the
//! metadata file.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::key::SessionKey;
use super::reset::ResetReason;
use crate::home::Home;
use crate::store::{self, FileLock, IoError};

/// All sessions of one agent, keyed by canonical session key, in file order.
pub type Sessions = IndexMap<String, SessionEntry>;

/// What kind of conversation a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatType {
    /// A direct message with one peer.
    Direct,
    /// A group chat.
    Group,
    /// A channel (Discord/Slack channel and the like).
    Channel,
}

/// One entry of `sessions.json`: metadata only, small enough to rewrite on every turn.
///
/// Deserialised by hand (below) rather than with `#[serde(flatten)]`, which buffers every field
/// and made loading 100,000 entries three times slower.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionEntry {
    /// UUID v4, new at each reset; the transcript header carries the same id.
    pub session_id: String,
    /// Epoch ms when the entry was first created.
    pub created_at: i64,
    /// Epoch ms of the last change to the entry.
    pub updated_at: i64,
    /// Epoch ms when the current session (since the last reset) started.
    pub session_started_at: i64,
    /// Epoch ms of the last message in either direction.
    pub last_interaction_at: i64,
    /// Channel name, e.g. `telegram`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Channel account that received the conversation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Peer (sender) id, for direct chats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
    /// `direct`, `group` or `channel`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat_type: Option<ChatType>,
    /// A human name for the conversation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Messages in the current session.
    pub message_count: u64,
    /// Input tokens used in the current session.
    pub input_tokens: u64,
    /// Output tokens used in the current session.
    pub output_tokens: u64,
    /// Last model used, `provider/model`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Why the session was last reset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reset_reason: Option<ResetReason>,
    /// Fields this version does not know, kept on round trip.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for SessionEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = SessionEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a session entry object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SessionEntry, A::Error> {
                let mut e = SessionEntry::default();
                while let Some(BorrowedKey(key)) = map.next_key()? {
                    match key.as_ref() {
                        "sessionId" => e.session_id = map.next_value()?,
                        "createdAt" => e.created_at = map.next_value()?,
                        "updatedAt" => e.updated_at = map.next_value()?,
                        "sessionStartedAt" => e.session_started_at = map.next_value()?,
                        "lastInteractionAt" => e.last_interaction_at = map.next_value()?,
                        "channel" => e.channel = map.next_value()?,
                        "accountId" => e.account_id = map.next_value()?,
                        "peer" => e.peer = map.next_value()?,
                        // A value this version does not know (imported state) stays in `extra`,
                        // so it round-trips instead of making the whole store unreadable.
                        "chatType" => match map.next_value::<serde_json::Value>()? {
                            serde_json::Value::Null => {}
                            v => match ChatType::deserialize(&v) {
                                Ok(c) => e.chat_type = Some(c),
                                Err(_) => drop(e.extra.insert(key.into_owned(), v)),
                            },
                        },
                        "displayName" => e.display_name = map.next_value()?,
                        "messageCount" => e.message_count = map.next_value()?,
                        "inputTokens" => e.input_tokens = map.next_value()?,
                        "outputTokens" => e.output_tokens = map.next_value()?,
                        "model" => e.model = map.next_value()?,
                        "resetReason" => match map.next_value::<serde_json::Value>()? {
                            serde_json::Value::Null => {}
                            v => match ResetReason::deserialize(&v) {
                                Ok(r) => e.reset_reason = Some(r),
                                Err(_) => drop(e.extra.insert(key.into_owned(), v)),
                            },
                        },
                        _ => {
                            let v = map.next_value()?;
                            e.extra.insert(key.into_owned(), v);
                        }
                    }
                }
                Ok(e)
            }
        }
        d.deserialize_map(EntryVisitor)
    }
}

impl SessionEntry {
    /// A fresh entry with a new session id, all times set to `now_ms`.
    pub fn new(now_ms: i64) -> Self {
        Self {
            session_id: new_session_id(),
            created_at: now_ms,
            updated_at: now_ms,
            session_started_at: now_ms,
            last_interaction_at: now_ms,
            ..Self::default()
        }
    }

    /// Starts a new session in this entry: new id, start time, reason; counters back to zero.
    pub fn restart(&mut self, reason: ResetReason, now_ms: i64) {
        self.session_id = new_session_id();
        self.session_started_at = now_ms;
        self.updated_at = now_ms;
        self.reset_reason = Some(reason);
        self.message_count = 0;
        self.input_tokens = 0;
        self.output_tokens = 0;
    }
}

/// A new random session id (UUID v4).
pub fn new_session_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The few fields `session ls` needs, borrowed from the file bytes: parsing 100,000 of these
/// skips everything else without allocating.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EntrySummary<'a> {
    /// See [`SessionEntry::session_id`].
    #[serde(borrow)]
    pub session_id: Cow<'a, str>,
    /// See [`SessionEntry::updated_at`].
    pub updated_at: i64,
    /// See [`SessionEntry::session_started_at`].
    pub session_started_at: i64,
    /// See [`SessionEntry::last_interaction_at`].
    pub last_interaction_at: i64,
    /// See [`SessionEntry::channel`].
    #[serde(borrow)]
    pub channel: Option<Cow<'a, str>>,
    /// See [`SessionEntry::message_count`].
    pub message_count: u64,
    /// See [`SessionEntry::input_tokens`].
    pub input_tokens: u64,
    /// See [`SessionEntry::output_tokens`].
    pub output_tokens: u64,
    /// The parent session of a sub-agent (`parentKey` in the entry's extra fields).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub parent_key: Option<Cow<'a, str>>,
}

/// One entry as stored (its JSON object text) and the fields a listing needs.
#[derive(Debug, Clone)]
pub struct RawEntry<'a> {
    /// The entry's JSON object, exactly as in the file.
    pub json: &'a str,
    /// Its listing fields.
    pub summary: EntrySummary<'a>,
}

/// Why `sessions.json` could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading, locking or writing failed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The file is not a JSON object of session entries; it is left untouched.
    #[error("{}:{line}:{col}: cannot read the session store: {message}", .path.display())]
    Corrupt {
        /// The sessions.json at fault.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What serde_json found.
        message: String,
    },
}

/// The `sessions.json` of one agent.
#[derive(Debug, Clone)]
pub struct SessionStore {
    path: PathBuf,
    agent: String,
}

/// Bytes of `sessions.json` read under the shared lock, for zero-copy listing.
#[derive(Debug)]
pub struct RawStore {
    path: PathBuf,
    bytes: Vec<u8>,
}

/// The store held under its exclusive lock: change [`LockedStore::sessions`], then
/// [`LockedStore::save`]. Dropping it without saving changes nothing.
#[derive(Debug)]
pub struct LockedStore {
    /// The sessions as read under the lock.
    pub sessions: Sessions,
    path: PathBuf,
    _lock: FileLock,
}

impl SessionStore {
    /// The store of `agent` under `home` (nothing is read yet).
    pub fn open(home: &Home, agent: &str) -> Self {
        Self { path: home.sessions_path(agent), agent: agent.to_string() }
    }

    /// The store file itself.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The agent this store belongs to.
    pub fn agent(&self) -> &str {
        &self.agent
    }

    /// Reads all sessions under a shared lock; a missing file is an empty store.
    pub fn load(&self) -> Result<Sessions, StoreError> {
        self.read_raw()?.sessions()
    }

    /// One entry, by any spelling of its key.
    pub fn get(&self, key: &str) -> Result<Option<SessionEntry>, StoreError> {
        let key = canonical_key(key);
        Ok(self.load()?.shift_remove(key.as_ref()))
    }

    /// Reads the file bytes under a shared lock, for [`RawStore::summaries`].
    pub fn read_raw(&self) -> Result<RawStore, StoreError> {
        if !self.path.exists() {
            return Ok(RawStore { path: self.path.clone(), bytes: Vec::new() });
        }
        let _lock = lock_if_dir_exists(&self.path, FileLock::shared)?;
        let bytes = store::read_state_file(&self.path, store::CAP_SESSIONS)?.unwrap_or_default();
        Ok(RawStore { path: self.path.clone(), bytes })
    }

    /// Takes the exclusive lock and reads the store; the state directory is created if needed.
    /// Hold it for a whole batch of changes and call [`LockedStore::save`] once.
    pub fn lock(&self) -> Result<LockedStore, StoreError> {
        if let Some(dir) = self.path.parent() {
            store::create_dir_private(dir)?;
        }
        let lock = FileLock::exclusive(&self.path)?;
        let raw = store::read_state_file(&self.path, store::CAP_SESSIONS)?.unwrap_or_default();
        let sessions = RawStore { path: self.path.clone(), bytes: raw }.sessions()?;
        Ok(LockedStore { sessions, path: self.path.clone(), _lock: lock })
    }

    /// Read-modify-write under the exclusive lock: `f` changes the map, which is then written
    /// atomically (0600). One lock for the whole batch.
    /// The process keeps the parsed map (see [`SessionStore::with_cached`]), so a process that
    /// updates often parses the file again only after another process changed it.
    pub fn update<T>(&self, f: impl FnOnce(&mut Sessions) -> T) -> Result<T, StoreError> {
        self.update_shared(f)
    }

    /// Inserts or replaces one entry.
    pub fn upsert(&self, key: &SessionKey, entry: SessionEntry) -> Result<(), StoreError> {
        self.update(|s| {
            s.insert(key.to_string(), entry);
        })
    }

    /// Removes one entry; returns it when it was there.
    pub fn remove(&self, key: &SessionKey) -> Result<Option<SessionEntry>, StoreError> {
        self.update(|s| s.shift_remove(&key.to_string()))
    }
}

fn lock_if_dir_exists(
    path: &Path,
    take: fn(&Path) -> Result<FileLock, IoError>,
) -> Result<Option<FileLock>, IoError> {
    // A reader must not create the state directory (or anything else) as a side effect.
    if path.parent().is_some_and(Path::is_dir) { take(path).map(Some) } else { Ok(None) }
}

impl LockedStore {
    /// Writes the sessions atomically (0600), still under the lock.
    pub fn save(&self) -> Result<(), StoreError> {
        store::write_atomic(&self.path, &encode(&self.sessions), store::PRIVATE_FILE)?;
        Ok(())
    }
}

/// Encodes the store one entry per line, so it stays readable, greppable and diffable.
pub fn encode(sessions: &Sessions) -> Vec<u8> {
    let mut out = Vec::with_capacity(sessions.len() * 400 + 4);
    out.push(b'{');
    for (i, (key, entry)) in sessions.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
        encode_entry(&mut out, key, entry);
    }
    out.extend_from_slice(if sessions.is_empty() { b"}\n" } else { b"\n}\n" });
    out
}

/// One line of [`encode`]'s output, without the separator: `"key": {entry}`.
pub(super) fn encode_entry(out: &mut Vec<u8>, key: &str, entry: &SessionEntry) {
    // Serializing strings and derived structs into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, key);
    out.extend_from_slice(b": ");
    let shadowed = (entry.chat_type.is_some() && entry.extra.contains_key("chatType"))
        || (entry.reset_reason.is_some() && entry.extra.contains_key("resetReason"));
    if shadowed {
        // A typed value set over an unknown one kept from the file: the typed one wins.
        let mut e = entry.clone();
        if e.chat_type.is_some() {
            e.extra.remove("chatType");
        }
        if e.reset_reason.is_some() {
            e.extra.remove("resetReason");
        }
        let _ = serde_json::to_writer(&mut *out, &e);
    } else {
        let _ = serde_json::to_writer(&mut *out, entry);
    }
}

impl RawStore {
    /// Bytes read from `path` by other means.
    pub(super) fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Self {
        Self { path, bytes }
    }

    /// The file these bytes came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Parses every entry fully.
    pub fn sessions(&self) -> Result<Sessions, StoreError> {
        let pairs: Vec<(Cow<'_, str>, SessionEntry)> = self.parse()?;
        let mut map = Sessions::with_capacity(pairs.len());
        for (key, entry) in pairs {
            insert_newest(&mut map, canonical_key(&key).into_owned(), entry, |e| e.updated_at);
        }
        Ok(map)
    }

    /// Parses only what a listing needs, borrowing strings from the bytes; keys are canonical.
    pub fn summaries(&self) -> Result<Vec<(Cow<'_, str>, EntrySummary<'_>)>, StoreError> {
        Ok(canonical_pairs(self.parse()?, |e: &EntrySummary<'_>| e.updated_at))
    }

    /// Each entry's JSON text as stored, with its summary, for printing entries verbatim
    /// (unknown fields included) without decoding them; keys are canonical.
    pub fn raw_entries(&self) -> Result<Vec<(Cow<'_, str>, RawEntry<'_>)>, StoreError> {
        let pairs: Vec<(Cow<'_, str>, &serde_json::value::RawValue)> = self.parse()?;
        let mut out = Vec::with_capacity(pairs.len());
        for (key, raw) in pairs {
            match serde_json::from_str::<EntrySummary<'_>>(raw.get()) {
                Ok(summary) => out.push((key, RawEntry { json: raw.get(), summary })),
                // Re-parse the whole file for an error that names its line and column.
                Err(_) => return self.summaries().map(|_| Vec::new()),
            }
        }
        Ok(canonical_pairs(out, |e: &RawEntry<'_>| e.summary.updated_at))
    }

    /// Parses every entry fully, in file order, without building a map; keys are canonical.
    pub fn entries(&self) -> Result<Vec<(Cow<'_, str>, SessionEntry)>, StoreError> {
        Ok(canonical_pairs(self.parse()?, |e: &SessionEntry| e.updated_at))
    }

    fn parse<'a, V: Deserialize<'a>>(&'a self) -> Result<Vec<(Cow<'a, str>, V)>, StoreError> {
        if self.bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Vec::new());
        }
        serde_json::from_slice::<Pairs<'a, V>>(&self.bytes).map(|p| p.0).map_err(|e| {
            let mut message = e.to_string();
            if let Some(i) = message.rfind(" at line ") {
                message.truncate(i);
            }
            // A wrong-typed string value is quoted whole by serde; keep the message one line long.
            let message = store::excerpt(&message, 200);
            StoreError::Corrupt { path: self.path.clone(), line: e.line(), col: e.column(), message }
        })
    }
}

/// Rewrites non-canonical keys; when two spellings of one key exist, keeps the newer entry.
fn canonical_pairs<'a, V>(
    pairs: Vec<(Cow<'a, str>, V)>,
    updated: impl Fn(&V) -> i64,
) -> Vec<(Cow<'a, str>, V)> {
    if !pairs.iter().any(|(k, _)| needs_normalising(k)) {
        return pairs;
    }
    let mut map: IndexMap<Cow<'a, str>, V> = IndexMap::with_capacity(pairs.len());
    for (key, entry) in pairs {
        let key = match canonical_key(&key) {
            Cow::Borrowed(_) => key,
            Cow::Owned(k) => Cow::Owned(k),
        };
        insert_newest(&mut map, key, entry, &updated);
    }
    map.into_iter().collect()
}

fn insert_newest<K: std::hash::Hash + Eq, V>(
    map: &mut IndexMap<K, V>,
    key: K,
    entry: V,
    updated: impl Fn(&V) -> i64,
) {
    // Two spellings of one key (imported state): keep the entry changed last.
    match map.get_mut(&key) {
        Some(old) if updated(old) >= updated(&entry) => {}
        Some(old) => *old = entry,
        None => {
            map.insert(key, entry);
        }
    }
}

/// Whether a key might not be in canonical form (cheap check before parsing it).
fn needs_normalising(key: &str) -> bool {
    let mut parts = key.splitn(4, ':');
    let structural = [parts.next(), parts.next(), parts.next()];
    structural.iter().flatten().any(|p| p.bytes().any(|b| b.is_ascii_uppercase()))
        || key.contains(":dm:")
        || key.contains(":direct:")
        || key.contains(":group:")
        || key.contains(":DM:")
}

/// The canonical spelling of a stored key; a key that does not parse is kept as written (doctor
/// reports it).
pub fn canonical_key(key: &str) -> Cow<'_, str> {
    if !needs_normalising(key) {
        return Cow::Borrowed(key);
    }
    match SessionKey::parse(key) {
        Ok(k) => {
            let s = k.to_string();
            if s == key { Cow::Borrowed(key) } else { Cow::Owned(s) }
        }
        Err(_) => Cow::Borrowed(key),
    }
}

/// A JSON object read as a vector of pairs, in file order, with borrowed keys where possible.
struct Pairs<'a, V>(Vec<(Cow<'a, str>, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Pairs<'de, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairsVisitor<'de, V>(PhantomData<(&'de (), V)>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<'de, V> {
            type Value = Pairs<'de, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of sessions keyed by session key")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(key) = map.next_key::<BorrowedKey<'de>>()? {
                    out.push((key.0, map.next_value()?));
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(PairsVisitor(PhantomData))
    }
}

/// A map key borrowed from the input when it has no escapes.
struct BorrowedKey<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for BorrowedKey<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = BorrowedKey<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a session key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(BorrowedKey(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(BorrowedKey(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(BorrowedKey(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, SessionStore) {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let s = SessionStore::open(&home, "main");
        (dir, s)
    }

    #[test]
    fn missing_file_is_empty_and_not_created() {
        let (dir, s) = store();
        assert!(s.load().unwrap().is_empty());
        assert!(!dir.path().join("agents").exists());
    }

    #[test]
    fn round_trip_keeps_unknown_fields_and_normalises_keys() {
        let (_dir, s) = store();
        std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        std::fs::write(
            s.path(),
            r#"{"agent:main:telegram:dm:Jonas": {"sessionId":"x","updatedAt":5,"chatType":"direct","resetReason":"compact","future":{"a":1}}}"#,
        )
        .unwrap();
        let map = s.load().unwrap();
        let e = &map["agent:main:telegram:peer:Jonas"];
        assert_eq!(e.chat_type, Some(ChatType::Direct));
        assert_eq!(e.extra["future"]["a"], 1);
        s.update(|_| ()).unwrap();
        let text = std::fs::read_to_string(s.path()).unwrap();
        assert!(text.contains(r#""agent:main:telegram:peer:Jonas": {"#), "{text}");
        assert!(text.contains(r#""future":{"a":1}"#), "{text}");
        assert!(text.contains(r#""resetReason":"compact""#), "unknown enum values round-trip: {text}");
        let raw = s.read_raw().unwrap();
        let sums = raw.summaries().unwrap();
        assert_eq!(sums[0].0, "agent:main:telegram:peer:Jonas");
        assert_eq!(sums[0].1.updated_at, 5);
        s.update(|m| m.values_mut().for_each(|e| e.restart(ResetReason::Manual, 9))).unwrap();
        let text = std::fs::read_to_string(s.path()).unwrap();
        assert_eq!(text.matches("resetReason").count(), 1, "{text}");
        assert!(text.contains(r#""resetReason":"manual""#), "{text}");
    }

    #[test]
    fn corrupt_file_names_line_and_column_and_is_kept() {
        let (_dir, s) = store();
        std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        let bad = "{\n  \"agent:main:main\": {\"sessionId\": \"x\",,}\n}\n";
        std::fs::write(s.path(), bad).unwrap();
        let err = s.load().unwrap_err().to_string();
        assert!(err.contains("sessions.json:2:"), "{err}");
        assert!(s.update(|_| ()).is_err());
        assert_eq!(std::fs::read_to_string(s.path()).unwrap(), bad);
    }

    #[test]
    fn upsert_get_remove() {
        let (_dir, s) = store();
        let key = SessionKey::main("main");
        s.upsert(&key, SessionEntry::new(7)).unwrap();
        assert_eq!(s.get("agent:main:main").unwrap().unwrap().created_at, 7);
        assert!(s.remove(&key).unwrap().is_some());
        assert!(s.get("agent:main:main").unwrap().is_none());
        assert_eq!(std::fs::read_to_string(s.path()).unwrap(), "{}\n");
    }
}
