//! Who may talk to the agents through a channel (DESIGN §10): the `dmPolicy` / `groupPolicy`
//! settings, the owner-approved senders under `credentials/<channel>-allowFrom.json`, and the
//! pairing flow that lets an unknown sender ask the owner in with a one-time code kept in
//! `credentials/<channel>-pairing.json`. It decides; the gateway replies and routes.
//!
//! Settings (on `channels.<name>`, or on `channels.<name>.accounts.<id>`, which wins):
//! - `dmPolicy`: `pairing` (default) | `allowlist` | `open` | `disabled` — for direct messages.
//!   `pairing` and `allowlist` admit the senders in `allowFrom` and those approved with
//!   `openclaw pairing approve`; `pairing` answers anyone else with a code, `allowlist` ignores them.
//! - `allowFrom`: sender ids or usernames (`@` optional, usernames match without regard to case);
//!   `"*"` admits everyone.
//! - `groupPolicy`: `open` (default) | `allowlist` | `disabled` — for group and channel chats;
//!   `allowlist` admits only the chat ids in `groups.allow` (`"*"` for all).

use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ChatKind, InboundMessage};
use crate::home::Home;
use crate::store::{self, FileLock, IoError, PRIVATE_FILE};

/// How long a pairing code stays valid.
pub const PAIRING_TTL: SignedDuration = SignedDuration::from_secs(3600);
/// At most this many pending requests per channel; further unknown senders are ignored until one
/// is approved or expires (so a flood of strangers cannot grow the file).
pub const MAX_PENDING: usize = 3;
/// Letters and digits that cannot be mistaken for one another (no 0/O, 1/I).
const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 8;

/// The verdict on one inbound message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Route it to an agent.
    Allow,
    /// Drop it silently; the reason is for the log.
    Deny(String),
    /// An unknown sender under `dmPolicy: pairing`: send `reply_text` back (not to an agent).
    Pair {
        /// The one-time code the owner approves.
        code: String,
        /// What to tell the sender.
        reply_text: String,
    },
}

/// Why an access decision or a pairing command failed.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// A setting has the wrong shape or value.
    #[error("{key}: {message}")]
    Config {
        /// The config path, e.g. `channels.telegram.dmPolicy`.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// A credentials file could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
    /// A credentials file is not what we wrote.
    #[error("{}: {message}", .path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The parser's words.
        message: String,
    },
    /// `pairing approve` with a code that is not pending (never issued, approved or expired).
    #[error("no pending pairing request for {channel} with code {code} (it may have expired after 1 hour)")]
    UnknownCode {
        /// Channel name.
        channel: String,
        /// The code as given.
        code: String,
    },
}

/// `dmPolicy` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DmPolicy {
    /// Unknown senders get a pairing code (the default).
    Pairing,
    /// Only `allowFrom` and approved senders.
    Allowlist,
    /// Everyone.
    Open,
    /// No direct messages at all.
    Disabled,
}

/// `groupPolicy` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupPolicy {
    /// Every group (the default).
    Open,
    /// Only the chat ids in `groups.allow`.
    Allowlist,
    /// No group messages.
    Disabled,
}

/// A sender waiting for the owner's approval, as stored in `credentials/<channel>-pairing.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairingRequest {
    /// Channel name (filled in when listing; not stored).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub channel: String,
    /// The one-time code.
    pub code: String,
    /// The sender's id on the service.
    pub sender_id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Handle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The account the message came in on.
    #[serde(default)]
    pub account_id: String,
    /// When the code was issued.
    #[serde(with = "rfc3339")]
    pub created_at: Timestamp,
}

/// A sender the owner approved, as stored in `credentials/<channel>-allowFrom.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovedSender {
    /// The sender's id on the service.
    pub id: String,
    /// Display name at approval time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Handle at approval time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// When.
    #[serde(with = "rfc3339")]
    pub approved_at: Timestamp,
}

/// Timestamps as RFC 3339 text, so the files read well in an editor.
pub(crate) mod rfc3339 {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(ts: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time::rfc3339_ms(*ts))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct PairingFile {
    #[serde(default)]
    requests: Vec<PairingRequest>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AllowFile {
    #[serde(default)]
    allow_from: Vec<ApprovedSender>,
}

/// The access settings of one channel account, resolved (account over channel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// For direct messages.
    pub dm: DmPolicy,
    /// Config `allowFrom` entries.
    pub allow_from: Vec<String>,
    /// For group and channel chats.
    pub group: GroupPolicy,
    /// Config `groups.allow` chat ids.
    pub groups_allow: Vec<String>,
}

impl Policy {
    /// Reads the policy of `account` from `settings` (the value of `channels.<channel>`).
    pub fn from_settings(channel: &str, account: &str, settings: &Value) -> Result<Policy, AccessError> {
        let account_value = settings.get("accounts").and_then(|a| a.get(account));
        let lookup = |key: &str| -> Option<(String, &Value)> {
            if let Some(v) = account_value.and_then(|a| a.get(key)) {
                return Some((format!("channels.{channel}.accounts.{account}.{key}"), v));
            }
            settings.get(key).map(|v| (format!("channels.{channel}.{key}"), v))
        };
        let word = |key: &str, allowed: &[&str]| -> Result<Option<String>, AccessError> {
            let Some((path, v)) = lookup(key) else { return Ok(None) };
            match v.as_str() {
                Some(s) if allowed.contains(&s) => Ok(Some(s.to_string())),
                _ => Err(AccessError::Config {
                    key: path,
                    message: format!("expected one of {}, found {v}", allowed.join(", ")),
                }),
            }
        };
        let dm = match word("dmPolicy", &["pairing", "allowlist", "open", "disabled"])?.as_deref() {
            Some("allowlist") => DmPolicy::Allowlist,
            Some("open") => DmPolicy::Open,
            Some("disabled") => DmPolicy::Disabled,
            _ => DmPolicy::Pairing,
        };
        let group = match word("groupPolicy", &["open", "allowlist", "disabled"])?.as_deref() {
            Some("allowlist") => GroupPolicy::Allowlist,
            Some("disabled") => GroupPolicy::Disabled,
            _ => GroupPolicy::Open,
        };
        let allow_from = match lookup("allowFrom") {
            Some((path, v)) => string_list(&path, v)?,
            None => Vec::new(),
        };
        let groups_allow = match lookup("groups") {
            Some((path, v)) => match v.get("allow") {
                Some(list) => string_list(&format!("{path}.allow"), list)?,
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        Ok(Policy { dm, allow_from, group, groups_allow })
    }
}

/// Ids may be written as numbers in JSON5 (`allowFrom: [12345]`); both forms are accepted.
fn string_list(path: &str, v: &Value) -> Result<Vec<String>, AccessError> {
    let bad = || AccessError::Config {
        key: path.to_string(),
        message: "expected a list of ids or usernames".to_string(),
    };
    let items = v.as_array().ok_or_else(bad)?;
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err(bad()),
        })
        .collect()
}

/// Whether `entry` (an id, `@username` or `*`) names the sender of `msg`.
fn entry_matches(entry: &str, msg: &InboundMessage) -> bool {
    let entry = entry.trim();
    if entry == "*" || entry == msg.sender.id {
        return true;
    }
    let handle = entry.strip_prefix('@').unwrap_or(entry);
    msg.sender.username.as_deref().is_some_and(|u| u.eq_ignore_ascii_case(handle))
}

/// Decides what to do with `msg`. `settings` is the value of `channels.<msg.channel>` (use
/// `Value::Null` when the channel has no settings). Under `dmPolicy: pairing` an unknown sender's
/// request is recorded (or its pending code reused) in `credentials/<channel>-pairing.json`.
pub fn check(
    home: &Home,
    msg: &InboundMessage,
    settings: &Value,
    now: Timestamp,
) -> Result<Access, AccessError> {
    let policy = Policy::from_settings(&msg.channel, &msg.account_id, settings)?;
    match msg.chat.kind {
        ChatKind::Group | ChatKind::Channel => Ok(match policy.group {
            GroupPolicy::Open => Access::Allow,
            GroupPolicy::Disabled => {
                Access::Deny(format!("{}: group messages are disabled (groupPolicy)", msg.channel))
            }
            GroupPolicy::Allowlist => {
                if policy.groups_allow.iter().any(|g| g == "*" || *g == msg.chat.id) {
                    Access::Allow
                } else {
                    Access::Deny(format!("{}: group {} is not in groups.allow", msg.channel, msg.chat.id))
                }
            }
        }),
        ChatKind::Direct => {
            if policy.dm == DmPolicy::Open {
                return Ok(Access::Allow);
            }
            if policy.dm == DmPolicy::Disabled {
                return Ok(Access::Deny(format!("{}: direct messages are disabled (dmPolicy)", msg.channel)));
            }
            if policy.allow_from.iter().any(|e| entry_matches(e, msg))
                || is_approved(home, &msg.channel, msg)?
            {
                return Ok(Access::Allow);
            }
            if policy.dm == DmPolicy::Allowlist {
                return Ok(Access::Deny(format!(
                    "{}: sender {} is not in allowFrom (dmPolicy: allowlist)",
                    msg.channel, msg.sender.id
                )));
            }
            match request_pairing(home, msg, now)? {
                Some(code) => {
                    let reply_text = format!(
                        "I only talk to people my owner has approved. Your pairing code is {code} \
                         (valid for 1 hour). Ask the owner to run:\n\nopenclaw pairing approve {} {code}",
                        msg.channel
                    );
                    Ok(Access::Pair { code, reply_text })
                }
                None => Ok(Access::Deny(format!(
                    "{}: {MAX_PENDING} pairing requests are already pending; sender {} ignored",
                    msg.channel, msg.sender.id
                ))),
            }
        }
    }
}

/// `credentials/<channel>-pairing.json`.
pub fn pairing_path(home: &Home, channel: &str) -> PathBuf {
    home.credentials_dir().join(format!("{}-pairing.json", crate::home::key_to_file_name(channel)))
}

/// `credentials/<channel>-allowFrom.json`.
pub fn allow_path(home: &Home, channel: &str) -> PathBuf {
    home.credentials_dir().join(format!("{}-allowFrom.json", crate::home::key_to_file_name(channel)))
}

pub(crate) fn read_json<T: Default + for<'de> Deserialize<'de>>(path: &Path) -> Result<T, AccessError> {
    match store::read_state_file(path, store::CAP_DOCUMENT)? {
        Some(bytes) => serde_json::from_slice(&bytes).map_err(|e| AccessError::Corrupt {
            path: path.to_path_buf(),
            message: store::excerpt(&e.to_string(), 200),
        }),
        None => Ok(T::default()),
    }
}

pub(crate) fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), AccessError> {
    if let Some(dir) = path.parent() {
        store::create_dir_private(dir)?;
    }
    let mut bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| AccessError::Corrupt { path: path.to_path_buf(), message: e.to_string() })?;
    bytes.push(b'\n');
    store::write_atomic(path, &bytes, PRIVATE_FILE)?;
    Ok(())
}

pub(crate) fn lock(path: &Path) -> Result<FileLock, AccessError> {
    if let Some(dir) = path.parent() {
        store::create_dir_private(dir)?;
    }
    Ok(FileLock::exclusive(path)?)
}

fn is_approved(home: &Home, channel: &str, msg: &InboundMessage) -> Result<bool, AccessError> {
    let file: AllowFile = read_json(&allow_path(home, channel))?;
    Ok(file.allow_from.iter().any(|a| a.id == msg.sender.id))
}

/// The senders approved for `channel`.
pub fn approved(home: &Home, channel: &str) -> Result<Vec<ApprovedSender>, AccessError> {
    let file: AllowFile = read_json(&allow_path(home, channel))?;
    Ok(file.allow_from)
}

/// Adds senders approved elsewhere (an imported home) to `channel`'s list, under its lock; a
/// sender already approved keeps its entry. Returns the senders added.
pub fn add_approved(
    home: &Home,
    channel: &str,
    senders: &[ApprovedSender],
) -> Result<Vec<ApprovedSender>, AccessError> {
    let path = allow_path(home, channel);
    let _lock = lock(&path)?;
    let mut file: AllowFile = read_json(&path)?;
    let mut added = Vec::new();
    for s in senders {
        if !file.allow_from.iter().any(|a| a.id == s.id) {
            file.allow_from.push(s.clone());
            added.push(s.clone());
        }
    }
    if !added.is_empty() {
        write_json(&path, &file)?;
    }
    Ok(added)
}

fn expired(r: &PairingRequest, now: Timestamp) -> bool {
    now.duration_since(r.created_at) >= PAIRING_TTL
}

/// Records a pairing request for the sender of `msg` (or finds its pending one) and returns the
/// code; `None` when [`MAX_PENDING`] other requests are pending.
fn request_pairing(home: &Home, msg: &InboundMessage, now: Timestamp) -> Result<Option<String>, AccessError> {
    let path = pairing_path(home, &msg.channel);
    // The lock directory is created on demand; no need for a file before the first stranger.
    let _lock = lock(&path)?;
    let mut file: PairingFile = read_json(&path)?;
    let before = file.requests.len();
    file.requests.retain(|r| !expired(r, now));
    if let Some(r) = file.requests.iter().find(|r| r.sender_id == msg.sender.id) {
        let code = r.code.clone();
        if file.requests.len() != before {
            write_json(&path, &file)?;
        }
        return Ok(Some(code));
    }
    if file.requests.len() >= MAX_PENDING {
        if file.requests.len() != before {
            write_json(&path, &file)?;
        }
        return Ok(None);
    }
    let mut code = new_code();
    while file.requests.iter().any(|r| r.code == code) {
        code = new_code();
    }
    file.requests.push(PairingRequest {
        channel: String::new(),
        code: code.clone(),
        sender_id: msg.sender.id.clone(),
        name: msg.sender.name.clone(),
        username: msg.sender.username.clone(),
        account_id: msg.account_id.clone(),
        created_at: now,
    });
    write_json(&path, &file)?;
    Ok(Some(code))
}

/// A fresh random code from the unambiguous alphabet (32 letters, so every byte maps evenly).
pub(crate) fn new_code() -> String {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    bytes
        .iter()
        .take(CODE_LEN)
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// The channels that have a pairing file under `credentials/`, sorted.
fn pairing_channels(home: &Home) -> Result<Vec<String>, AccessError> {
    let dir = home.credentials_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(IoError::at("reading directory", dir)(e).into()),
    };
    let mut channels: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name().to_str().and_then(|n| n.strip_suffix("-pairing.json")).map(str::to_string)
        })
        .filter_map(|n| crate::home::key_from_file_name(&n))
        .collect();
    channels.sort();
    Ok(channels)
}

/// Pending (unexpired) pairing requests of `channel`, or of every channel, oldest first.
pub fn pending(
    home: &Home,
    channel: Option<&str>,
    now: Timestamp,
) -> Result<Vec<PairingRequest>, AccessError> {
    let channels = match channel {
        Some(c) => vec![c.to_string()],
        None => pairing_channels(home)?,
    };
    let mut out = Vec::new();
    for c in channels {
        let file: PairingFile = read_json(&pairing_path(home, &c))?;
        out.extend(
            file.requests
                .into_iter()
                .filter(|r| !expired(r, now))
                .map(|r| PairingRequest { channel: c.clone(), ..r }),
        );
    }
    out.sort_by_key(|r| r.created_at);
    Ok(out)
}

/// Approves the pending request with `code` on `channel`: the sender is added to
/// `credentials/<channel>-allowFrom.json` and the request removed. Codes match without regard to
/// case.
pub fn approve(
    home: &Home,
    channel: &str,
    code: &str,
    now: Timestamp,
) -> Result<ApprovedSender, AccessError> {
    let path = pairing_path(home, channel);
    let unknown = || AccessError::UnknownCode { channel: channel.to_string(), code: code.to_string() };
    if !path.exists() {
        return Err(unknown());
    }
    let _lock = lock(&path)?;
    let mut file: PairingFile = read_json(&path)?;
    let wanted = code.trim().to_ascii_uppercase();
    let pos = file.requests.iter().position(|r| r.code == wanted && !expired(r, now)).ok_or_else(unknown)?;
    let request = file.requests.remove(pos);
    let approved = ApprovedSender {
        id: request.sender_id.clone(),
        name: request.name.clone(),
        username: request.username.clone(),
        approved_at: now,
    };
    {
        let allow = allow_path(home, channel);
        let _allow_lock = lock(&allow)?;
        let mut list: AllowFile = read_json(&allow)?;
        list.allow_from.retain(|a| a.id != approved.id);
        list.allow_from.push(approved.clone());
        write_json(&allow, &list)?;
    }
    // The allow list is written first: a crash in between leaves a stale request, never a lost
    // approval.
    file.requests.retain(|r| !expired(r, now));
    write_json(&path, &file)?;
    Ok(approved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::{ChatRef, Sender};
    use serde_json::json;

    fn msg(kind: ChatKind, sender: &str, username: Option<&str>) -> InboundMessage {
        InboundMessage {
            id: "telegram:default:1".into(),
            channel: "telegram".into(),
            account_id: "default".into(),
            chat: ChatRef {
                id: if kind == ChatKind::Direct { sender.into() } else { "-100".into() },
                kind,
                thread: None,
            },
            sender: Sender {
                id: sender.into(),
                name: Some("Ann".into()),
                username: username.map(Into::into),
            },
            text: "hi".into(),
            addressed: true,
            message_id: Some("5".into()),
        }
    }

    fn now() -> Timestamp {
        "2026-11-24T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn dm_policy_matrix() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let ann = msg(ChatKind::Direct, "42", Some("ann"));
        let cases = [
            (json!({"dmPolicy": "open"}), "allow"),
            (json!({"dmPolicy": "disabled", "allowFrom": ["42"]}), "deny"),
            (json!({"dmPolicy": "allowlist"}), "deny"),
            (json!({"dmPolicy": "allowlist", "allowFrom": [42]}), "allow"),
            (json!({"dmPolicy": "allowlist", "allowFrom": ["@ANN"]}), "allow"),
            (json!({"dmPolicy": "allowlist", "allowFrom": ["*"]}), "allow"),
            (json!({"dmPolicy": "allowlist", "allowFrom": ["43", "bob"]}), "deny"),
            (json!({"allowFrom": ["ann"]}), "allow"),
            (json!({}), "pair"),
            (Value::Null, "pair"),
            // The account's setting wins over the channel's.
            (json!({"dmPolicy": "disabled", "accounts": {"default": {"dmPolicy": "open"}}}), "allow"),
            (json!({"dmPolicy": "open", "accounts": {"default": {"dmPolicy": "allowlist"}}}), "deny"),
            (json!({"dmPolicy": "open", "accounts": {"other": {"dmPolicy": "disabled"}}}), "allow"),
        ];
        for (settings, want) in cases {
            let got = match check(&home, &ann, &settings, now()).unwrap() {
                Access::Allow => "allow",
                Access::Deny(_) => "deny",
                Access::Pair { .. } => "pair",
            };
            assert_eq!(got, want, "settings {settings}");
        }
    }

    #[test]
    fn group_policy_matrix() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let g = msg(ChatKind::Group, "42", None);
        let cases = [
            (json!({}), true),
            (json!({"dmPolicy": "disabled"}), true),
            (json!({"groupPolicy": "disabled"}), false),
            (json!({"groupPolicy": "allowlist"}), false),
            (json!({"groupPolicy": "allowlist", "groups": {"allow": [-100]}}), true),
            (json!({"groupPolicy": "allowlist", "groups": {"allow": ["-200"]}}), false),
        ];
        for (settings, want) in cases {
            let got = check(&home, &g, &settings, now()).unwrap() == Access::Allow;
            assert_eq!(got, want, "settings {settings}");
        }
        assert!(!pairing_path(&home, "telegram").exists(), "groups never create pairing requests");
    }

    #[test]
    fn bad_settings_name_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let ann = msg(ChatKind::Direct, "42", None);
        let err =
            check(&home, &ann, &json!({"accounts": {"default": {"dmPolicy": "closed"}}}), now()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "channels.telegram.accounts.default.dmPolicy: expected one of pairing, allowlist, open, disabled, found \"closed\""
        );
        let err = check(&home, &ann, &json!({"allowFrom": "42"}), now()).unwrap_err();
        assert!(err.to_string().starts_with("channels.telegram.allowFrom: "), "{err}");
    }

    #[test]
    fn pairing_reuses_codes_caps_pending_and_expires() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let settings = json!({});
        let code_of = |m: &InboundMessage, at: Timestamp| match check(&home, m, &settings, at).unwrap() {
            Access::Pair { code, reply_text } => {
                assert!(
                    reply_text.contains(&format!("openclaw pairing approve telegram {code}")),
                    "{reply_text}"
                );
                Some(code)
            }
            Access::Deny(_) => None,
            Access::Allow => panic!("unexpected allow"),
        };
        let first = code_of(&msg(ChatKind::Direct, "1", None), now()).unwrap();
        assert_eq!(first.len(), 8);
        assert!(first.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{first}");
        assert_eq!(
            code_of(&msg(ChatKind::Direct, "1", None), now()).unwrap(),
            first,
            "same sender, same code"
        );
        assert!(code_of(&msg(ChatKind::Direct, "2", None), now()).is_some());
        assert!(code_of(&msg(ChatKind::Direct, "3", None), now()).is_some());
        assert!(code_of(&msg(ChatKind::Direct, "4", None), now()).is_none(), "fourth pending is refused");
        let later = now() + SignedDuration::from_secs(3601);
        assert_eq!(pending(&home, None, later).unwrap().len(), 0);
        let fresh = code_of(&msg(ChatKind::Direct, "1", None), later).unwrap();
        assert_ne!(fresh, first, "an expired code is replaced");
        assert!(matches!(approve(&home, "telegram", &first, later), Err(AccessError::UnknownCode { .. })));

        let who = approve(&home, "telegram", &fresh.to_lowercase(), later).unwrap();
        assert_eq!(who.id, "1");
        assert_eq!(check(&home, &msg(ChatKind::Direct, "1", None), &settings, later).unwrap(), Access::Allow);
        // Approved senders pass allowlist mode too, but not disabled.
        let allowlist = json!({"dmPolicy": "allowlist"});
        assert_eq!(
            check(&home, &msg(ChatKind::Direct, "1", None), &allowlist, later).unwrap(),
            Access::Allow
        );
        let err = approve(&home, "telegram", &fresh, later).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "no pending pairing request for telegram with code {fresh} (it may have expired after 1 hour)"
            )
        );
    }

    #[test]
    fn codes_are_random() {
        let codes: std::collections::HashSet<String> = (0..200).map(|_| new_code()).collect();
        assert_eq!(codes.len(), 200);
    }
}
