//! Agents (DESIGN §4, §11): ids, workspaces, skills, system prompt assembly, and the turn loop
//! with its chat commands and compaction.

mod commands;
mod compact;
pub mod heartbeat;
pub mod history;
pub mod prompt;
pub mod skills;
pub mod subagent;
pub mod turn;
pub mod workspace;

pub use commands::MODEL_OVERRIDE;
pub use turn::{Event, Inbound, Runtime, TurnError, TurnOutput};

/// An agent id that does not match `^[a-z0-9][a-z0-9_-]{0,63}$`.
#[derive(Debug, thiserror::Error)]
#[error(
    "invalid agent id {0:?}: use 1–64 lower-case letters, digits, '-' or '_', starting with a letter or digit"
)]
pub struct InvalidAgentId(pub String);

/// Checks an agent id against `^[a-z0-9][a-z0-9_-]{0,63}$`.
pub fn validate_id(id: &str) -> Result<(), InvalidAgentId> {
    let bytes = id.as_bytes();
    let ok = !bytes.is_empty()
        && bytes.len() <= 64
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes.iter().all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok { Ok(()) } else { Err(InvalidAgentId(id.to_string())) }
}

/// The chat a session's conversation happens in: its group (and thread) for a group session,
/// else a direct chat with its peer. Not the peer's id read as a target: on Discord a bare id is
/// a channel, and a DM goes to the user's DM channel, which the adapter knows (or opens).
pub fn session_chat(
    key: &crate::session::SessionKey,
    entry: &crate::session::SessionEntry,
) -> Option<crate::channel::ChatRef> {
    match &key.scope {
        crate::session::Scope::Group { group, thread, .. } => Some(crate::channel::ChatRef {
            id: group.clone(),
            kind: crate::channel::ChatKind::Group,
            thread: thread.clone(),
        }),
        _ => entry.peer.as_ref().map(|peer| crate::channel::ChatRef {
            id: peer.clone(),
            kind: crate::channel::ChatKind::Direct,
            thread: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for good in ["main", "a", "jarvis-2", "x_y", "0abc", &"a".repeat(64)] {
            assert!(validate_id(good).is_ok(), "{good}");
        }
        for bad in ["", "Main", "-a", "_a", "a b", "a.b", "../x", "é", &"a".repeat(65)] {
            assert!(validate_id(bad).is_err(), "{bad}");
        }
    }
}
