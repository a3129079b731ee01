//! Session keys (DESIGN §6): building them from where a message came from, and parsing them back.
//!
//! The canonical form is what `sessions.json` and transcript file names use. The structural parts
//! (`agent`, the agent id, the channel and the kind words) are lower-case; the ids a channel gives
//! us (peer, group, thread, job) keep their case, because several channels' ids are
//! case-sensitive. `direct` and `dm` are read as `peer`, `group` as `channel` (OpenClaw's own
//! spellings), so imported state parses. The words `main`, `peer`, `dm`, `direct`, `subagent`
//! and `cron` right after the agent id open their own key forms, so they cannot be channel names.

use std::fmt;

use crate::config::DmScope;

/// What a session is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `agent:<id>:main`: one DM session across all channels.
    Main,
    /// A direct conversation: `agent:<id>:peer:<peer>` or `agent:<id>:<channel>:peer:<peer>`.
    Peer {
        /// Present under `per-channel-peer`.
        channel: Option<String>,
        /// The sender id.
        peer: String,
    },
    /// A group or channel: `agent:<id>:<channel>:channel:<group>[:thread:<thread>]`.
    Group {
        /// Channel name.
        channel: String,
        /// Group or channel id.
        group: String,
        /// Thread id within the group.
        thread: Option<String>,
    },
    /// `agent:<id>:subagent:<uuid>`.
    Subagent(String),
    /// `agent:<id>:cron:<jobId>`.
    Cron(String),
}

/// A parsed session key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionKey {
    /// The agent that owns the session.
    pub agent: String,
    /// What the session is about.
    pub scope: Scope,
}

/// A string that is not a session key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid session key {key:?}: {reason}")]
pub struct KeyError {
    /// The text as given.
    pub key: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

const THREAD: &str = ":thread:";

/// The longest file name a key may have (see [`crate::home::key_to_file_name`]): 255 bytes less
/// room for `.<timestamp>.jsonl` and a lock file's suffix.
const MAX_FILE_NAME: usize = 200;

impl SessionKey {
    /// `agent:<agent>:main`.
    pub fn main(agent: &str) -> Self {
        Self { agent: agent.to_ascii_lowercase(), scope: Scope::Main }
    }

    /// The key for a direct message under `dm_scope`.
    pub fn direct(agent: &str, dm_scope: DmScope, channel: &str, peer: &str) -> Self {
        let scope = match dm_scope {
            DmScope::Main => Scope::Main,
            DmScope::PerPeer => Scope::Peer { channel: None, peer: peer.to_string() },
            DmScope::PerChannelPeer => {
                Scope::Peer { channel: Some(channel.to_ascii_lowercase()), peer: peer.to_string() }
            }
        };
        Self { agent: agent.to_ascii_lowercase(), scope }
    }

    /// The key for a group or channel message, optionally in a thread.
    pub fn group(agent: &str, channel: &str, group: &str, thread: Option<&str>) -> Self {
        Self {
            agent: agent.to_ascii_lowercase(),
            scope: Scope::Group {
                channel: channel.to_ascii_lowercase(),
                group: group.to_string(),
                thread: thread.map(str::to_string),
            },
        }
    }

    /// `agent:<agent>:subagent:<id>`.
    pub fn subagent(agent: &str, id: &str) -> Self {
        Self { agent: agent.to_ascii_lowercase(), scope: Scope::Subagent(id.to_string()) }
    }

    /// `agent:<agent>:cron:<job>`.
    pub fn cron(agent: &str, job: &str) -> Self {
        Self { agent: agent.to_ascii_lowercase(), scope: Scope::Cron(job.to_string()) }
    }

    /// The channel this session belongs to, when it has one.
    pub fn channel(&self) -> Option<&str> {
        match &self.scope {
            Scope::Peer { channel, .. } => channel.as_deref(),
            Scope::Group { channel, .. } => Some(channel),
            _ => None,
        }
    }

    /// Parses any form of DESIGN §6, accepting `direct`/`dm` for `peer` and `group` for `channel`.
    pub fn parse(key: &str) -> Result<Self, KeyError> {
        // The transcript's file name (plus an archive's timestamp) must fit the file system's
        // 255-byte limit; a longer key would fail later, as an error naming a path.
        if crate::home::key_to_file_name(key).len() > MAX_FILE_NAME {
            let start: String = key.chars().take(40).collect();
            return Err(KeyError { key: format!("{start}…"), reason: "it is too long" });
        }
        let err = |reason| KeyError { key: key.to_string(), reason };
        let mut parts = key.splitn(3, ':');
        let (Some(prefix), Some(agent), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(err("expected agent:<agentId>:…"));
        };
        if !prefix.eq_ignore_ascii_case("agent") {
            return Err(err("a session key starts with \"agent:\""));
        }
        let agent = agent.to_ascii_lowercase();
        if crate::agent::validate_id(&agent).is_err() {
            return Err(err("the agent id is not valid"));
        }
        let nonempty = |s: &str, reason| if s.is_empty() { Err(err(reason)) } else { Ok(s.to_string()) };
        let (head, tail) = match rest.split_once(':') {
            Some((h, t)) => (h.to_ascii_lowercase(), Some(t)),
            None => (rest.to_ascii_lowercase(), None),
        };
        let scope = match (head.as_str(), tail) {
            ("main", None) => Scope::Main,
            ("peer" | "direct" | "dm", Some(peer)) => {
                Scope::Peer { channel: None, peer: nonempty(peer, "the peer id is empty")? }
            }
            ("subagent", Some(id)) => Scope::Subagent(nonempty(id, "the sub-agent id is empty")?),
            ("cron", Some(job)) => Scope::Cron(nonempty(job, "the cron job id is empty")?),
            (channel, Some(tail)) => {
                if channel.is_empty() {
                    return Err(err("the channel is empty"));
                }
                let Some((kind, id)) = tail.split_once(':') else {
                    return Err(err("expected <channel>:peer:<id> or <channel>:channel:<id>"));
                };
                match kind.to_ascii_lowercase().as_str() {
                    "peer" | "direct" | "dm" => Scope::Peer {
                        channel: Some(channel.to_string()),
                        peer: nonempty(id, "the peer id is empty")?,
                    },
                    "channel" | "group" => {
                        let (group, thread) = match id.rfind(THREAD) {
                            Some(i) => {
                                (&id[..i], Some(nonempty(&id[i + THREAD.len()..], "the thread id is empty")?))
                            }
                            None => (id, None),
                        };
                        Scope::Group {
                            channel: channel.to_string(),
                            group: nonempty(group, "the group id is empty")?,
                            thread,
                        }
                    }
                    _ => return Err(err("expected peer, channel, or group after the channel name")),
                }
            }
            (_, None) => {
                return Err(err("expected main, peer:<id>, <channel>:…, subagent:<id> or cron:<id>"));
            }
        };
        Ok(Self { agent, scope })
    }
}

impl fmt::Display for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "agent:{}:", self.agent)?;
        match &self.scope {
            Scope::Main => f.write_str("main"),
            Scope::Peer { channel: None, peer } => write!(f, "peer:{peer}"),
            Scope::Peer { channel: Some(c), peer } => write!(f, "{c}:peer:{peer}"),
            Scope::Group { channel, group, thread: None } => write!(f, "{channel}:channel:{group}"),
            Scope::Group { channel, group, thread: Some(t) } => {
                write!(f, "{channel}:channel:{group}{THREAD}{t}")
            }
            Scope::Subagent(id) => write!(f, "subagent:{id}"),
            Scope::Cron(job) => write!(f, "cron:{job}"),
        }
    }
}

impl std::str::FromStr for SessionKey {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_key_too_long_for_a_file_name_is_refused() {
        let peer = "x".repeat(170);
        assert!(SessionKey::parse(&format!("agent:main:openai:peer:{peer}")).is_ok());
        let long = format!("agent:main:openai:peer:{peer}{peer}");
        let e = SessionKey::parse(&long).unwrap_err();
        assert_eq!(e.reason, "it is too long");
        assert!(e.to_string().len() < 100, "{e}");
        // Escaped characters count three times.
        assert!(SessionKey::parse(&format!("agent:main:peer:{}", "/".repeat(70))).is_err());
    }

    #[test]
    fn design_examples_round_trip() {
        for key in [
            "agent:main:main",
            "agent:jarvis:peer:31612345678",
            "agent:jarvis:whatsapp:peer:31612345678",
            "agent:jarvis:discord:channel:123456789",
            "agent:jarvis:discord:channel:123456789:thread:42",
            "agent:jarvis:subagent:5f0c7a5e-1b9e-4bb1-9d8c-8e2d4c1d0a11",
            "agent:jarvis:cron:daily-report",
        ] {
            let parsed = SessionKey::parse(key).unwrap();
            assert_eq!(parsed.to_string(), key);
        }
    }

    #[test]
    fn aliases_and_case() {
        let k = SessionKey::parse("Agent:Jarvis:Telegram:DM:JonasK").unwrap();
        assert_eq!(k.to_string(), "agent:jarvis:telegram:peer:JonasK");
        assert_eq!(SessionKey::parse("agent:a:direct:x").unwrap().to_string(), "agent:a:peer:x");
        assert_eq!(
            SessionKey::parse("agent:a:slack:group:C1").unwrap().to_string(),
            "agent:a:slack:channel:C1"
        );
        assert_eq!(SessionKey::parse("agent:a:slack:group:C1").unwrap().channel(), Some("slack"));
    }

    #[test]
    fn builders_follow_dm_scope() {
        let b = |s| SessionKey::direct("jarvis", s, "WhatsApp", "316").to_string();
        assert_eq!(b(DmScope::Main), "agent:jarvis:main");
        assert_eq!(b(DmScope::PerPeer), "agent:jarvis:peer:316");
        assert_eq!(b(DmScope::PerChannelPeer), "agent:jarvis:whatsapp:peer:316");
        assert_eq!(
            SessionKey::group("a", "discord", "9", Some("1")).to_string(),
            "agent:a:discord:channel:9:thread:1"
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "main",
            "agent:",
            "agent:main",
            "session:main:main",
            "agent:Bad Id:main",
            "agent:a:peer:",
            "agent:a:telegram",
            "agent:a:telegram:user:1",
            "agent:a:telegram:channel:",
            "agent:a:main:extra",
            "agent:a::peer:1",
        ] {
            assert!(SessionKey::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    fn id() -> impl Strategy<Value = String> {
        "[A-Za-z0-9_@.+-][A-Za-z0-9_@.+:-]{0,20}".prop_filter("no thread marker", |s| !s.contains(THREAD))
    }

    proptest! {
        #[test]
        fn built_keys_parse_back(agent in "[a-z0-9][a-z0-9_-]{0,10}",
                                 // Words that open a non-channel key form are not channel names.
                                 channel in "[a-z][a-z0-9]{0,8}".prop_filter("reserved word", |c| {
                                     !matches!(c.as_str(), "main" | "peer" | "dm" | "direct" | "subagent" | "cron")
                                 }),
                                 peer in id(), group in id(), thread in proptest::option::of(id())) {
            for scope in [DmScope::Main, DmScope::PerPeer, DmScope::PerChannelPeer] {
                let k = SessionKey::direct(&agent, scope, &channel, &peer);
                prop_assert_eq!(SessionKey::parse(&k.to_string()).unwrap(), k);
            }
            let g = SessionKey::group(&agent, &channel, &group, thread.as_deref());
            prop_assert_eq!(SessionKey::parse(&g.to_string()).unwrap(), g);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,60}") {
            let _ = SessionKey::parse(&s);
        }
    }
}
