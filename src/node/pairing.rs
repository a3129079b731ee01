//! The gateway's record of its nodes, in `credentials/nodes.json` (0600, changed under its lock,
//! written atomically): the paired nodes (name and public key) and the pending requests of
//! unknown keys, each with a one-time code for `openclaw node approve`. A pending request lives
//! an hour; at most [`MAX_PENDING`] wait at once, so unknown keys cannot grow the file.

use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::channel::access::{self, AccessError, PAIRING_TTL, rfc3339};
use crate::home::Home;

/// At most this many requests wait at once.
pub const MAX_PENDING: usize = 8;

/// A node the owner approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairedNode {
    /// The name agents and commands use.
    pub name: String,
    /// Its Ed25519 public key, hex.
    pub public_key: String,
    /// When it was approved.
    #[serde(with = "rfc3339")]
    pub approved_at: Timestamp,
}

/// A node waiting for the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingNode {
    /// The one-time code.
    pub code: String,
    /// The name it asked for.
    pub name: String,
    /// Its public key, hex.
    pub public_key: String,
    /// Where it connected from.
    #[serde(default)]
    pub address: String,
    /// `os/arch`.
    #[serde(default)]
    pub platform: String,
    /// When it asked.
    #[serde(with = "rfc3339")]
    pub created_at: Timestamp,
}

/// `credentials/nodes.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeFile {
    /// Approved nodes.
    pub paired: Vec<PairedNode>,
    /// Requests waiting for approval.
    pub pending: Vec<PendingNode>,
}

/// Why a pairing command failed.
#[derive(Debug, thiserror::Error)]
pub enum PairingError {
    /// The file could not be read or written, or is not what we wrote.
    #[error(transparent)]
    Store(#[from] AccessError),
    /// No pending request has this code (or it expired).
    #[error("no pending node request has the code {0}")]
    UnknownCode(String),
    /// Another key is paired under the name the request asks for.
    #[error("a different node is already paired as \"{0}\"; remove it first with `openclaw node rm {0}`")]
    NameTaken(String),
    /// Neither a paired node nor a pending code.
    #[error("no node is paired as \"{0}\" and no pending request has that code")]
    Unknown(String),
}

/// What the gateway does with a connecting key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    /// Paired under this name.
    Paired(String),
    /// Waiting, with this code.
    Pending(String),
    /// Too many requests wait already.
    Full,
}

/// What `remove` took away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    /// A paired node (revoked).
    Paired(PairedNode),
    /// A pending request (rejected).
    Pending(PendingNode),
}

/// `credentials/nodes.json`.
pub fn path(home: &Home) -> PathBuf {
    home.credentials_dir().join("nodes.json")
}

fn expired(r: &PendingNode, now: Timestamp) -> bool {
    now.duration_since(r.created_at) >= PAIRING_TTL
}

/// The file as it is (expired requests dropped from the answer, not from the file).
pub fn load(home: &Home, now: Timestamp) -> Result<NodeFile, PairingError> {
    let mut file: NodeFile = access::read_json(&path(home))?;
    file.pending.retain(|r| !expired(r, now));
    Ok(file)
}

/// The paired node holding `public_key`, if any.
pub fn paired_name(file: &NodeFile, public_key: &str) -> Option<String> {
    file.paired.iter().find(|p| p.public_key == public_key).map(|p| p.name.clone())
}

/// Admits a key that proved itself: its paired name, or its pending request (made now, or the
/// one it already has, with name, address and platform refreshed).
pub fn admit(
    home: &Home,
    name: &str,
    public_key: &str,
    address: &str,
    platform: &str,
    now: Timestamp,
) -> Result<Admission, PairingError> {
    let path = path(home);
    if let Some(name) = paired_name(&load(home, now)?, public_key) {
        return Ok(Admission::Paired(name));
    }
    let _lock = access::lock(&path)?;
    let mut file: NodeFile = access::read_json(&path)?;
    if let Some(name) = paired_name(&file, public_key) {
        return Ok(Admission::Paired(name));
    }
    file.pending.retain(|r| !expired(r, now));
    let full = file.pending.len() >= MAX_PENDING;
    let code = match file.pending.iter_mut().find(|r| r.public_key == public_key) {
        Some(r) => {
            r.name = name.to_string();
            r.address = address.to_string();
            r.platform = platform.to_string();
            r.code.clone()
        }
        None if full => return Ok(Admission::Full),
        None => {
            let mut code = access::new_code();
            while file.pending.iter().any(|r| r.code == code) {
                code = access::new_code();
            }
            file.pending.push(PendingNode {
                code: code.clone(),
                name: name.to_string(),
                public_key: public_key.to_string(),
                address: address.to_string(),
                platform: platform.to_string(),
                created_at: now,
            });
            code
        }
    };
    access::write_json(&path, &file)?;
    Ok(Admission::Pending(code))
}

/// Approves the request with `code` (any case): the node is paired under the name it asked for.
pub fn approve(home: &Home, code: &str, now: Timestamp) -> Result<PairedNode, PairingError> {
    let path = path(home);
    let _lock = access::lock(&path)?;
    let mut file: NodeFile = access::read_json(&path)?;
    let wanted = code.trim().to_ascii_uppercase();
    let pos = file
        .pending
        .iter()
        .position(|r| r.code == wanted && !expired(r, now))
        .ok_or_else(|| PairingError::UnknownCode(code.to_string()))?;
    let request = file.pending[pos].clone();
    if file.paired.iter().any(|p| p.name == request.name && p.public_key != request.public_key) {
        return Err(PairingError::NameTaken(request.name));
    }
    file.pending.remove(pos);
    file.pending.retain(|r| !expired(r, now));
    file.paired.retain(|p| p.public_key != request.public_key);
    let node = PairedNode { name: request.name, public_key: request.public_key, approved_at: now };
    file.paired.push(node.clone());
    access::write_json(&path, &file)?;
    Ok(node)
}

/// Revokes the paired node called `what`, or rejects the pending request whose code it is.
pub fn remove(home: &Home, what: &str, now: Timestamp) -> Result<Removed, PairingError> {
    let path = path(home);
    let _lock = access::lock(&path)?;
    let mut file: NodeFile = access::read_json(&path)?;
    let removed = if let Some(i) = file.paired.iter().position(|p| p.name == what) {
        Removed::Paired(file.paired.remove(i))
    } else if let Some(i) =
        file.pending.iter().position(|r| r.code == what.trim().to_ascii_uppercase() && !expired(r, now))
    {
        Removed::Pending(file.pending.remove(i))
    } else {
        return Err(PairingError::Unknown(what.to_string()));
    };
    file.pending.retain(|r| !expired(r, now));
    access::write_json(&path, &file)?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn request_approve_revoke() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let now = Timestamp::now();
        let Admission::Pending(code) = admit(&home, "pi", "aa", "127.0.0.1", "linux/arm", now).unwrap()
        else {
            panic!("a new key waits")
        };
        assert_eq!(admit(&home, "pi", "aa", "x", "y", now).unwrap(), Admission::Pending(code.clone()));
        assert_eq!(std::fs::metadata(path(&home)).unwrap().permissions().mode() & 0o777, 0o600);
        let Admission::Pending(other) = admit(&home, "pi", "bb", "", "", now).unwrap() else { panic!() };
        assert!(matches!(approve(&home, "nope", now), Err(PairingError::UnknownCode(_))));
        let node = approve(&home, &code.to_lowercase(), now).unwrap();
        assert_eq!((node.name.as_str(), node.public_key.as_str()), ("pi", "aa"));
        assert_eq!(admit(&home, "whatever", "aa", "", "", now).unwrap(), Admission::Paired("pi".into()));
        assert!(matches!(approve(&home, &other, now), Err(PairingError::NameTaken(n)) if n == "pi"));
        assert!(matches!(remove(&home, &other, now).unwrap(), Removed::Pending(r) if r.public_key == "bb"));
        assert!(matches!(remove(&home, "pi", now).unwrap(), Removed::Paired(p) if p.public_key == "aa"));
        assert!(matches!(remove(&home, "pi", now), Err(PairingError::Unknown(_))));
        assert!(matches!(admit(&home, "pi", "aa", "", "", now).unwrap(), Admission::Pending(_)));
    }

    #[test]
    fn pending_requests_are_bounded_and_expire() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let now = Timestamp::now();
        for i in 0..MAX_PENDING {
            assert!(matches!(
                admit(&home, "n", &format!("k{i}"), "", "", now).unwrap(),
                Admission::Pending(_)
            ));
        }
        assert_eq!(admit(&home, "n", "late", "", "", now).unwrap(), Admission::Full);
        let later = now + jiff::SignedDuration::from_secs(3601);
        assert!(matches!(admit(&home, "n", "late", "", "", later).unwrap(), Admission::Pending(_)));
        assert_eq!(load(&home, later).unwrap().pending.len(), 1);
    }
}
