//! The one place that knows file and folder names under the openclaw home (DESIGN §2).
//!
//! Everything else asks a [`Home`] for a path; nothing else joins literal names. This module does
//! not create or read files, except [`Home::require`], which checks that the home exists.

use std::path::{Path, PathBuf};

/// Name of the configuration file at the top of the home.
pub const CONFIG_FILE: &str = "gateway.json5";

/// Bootstrap files of a workspace, in the order the system prompt lists them (DESIGN §4).
pub const WORKSPACE_FILES: &[&str] =
    &["AGENTS.md", "SOUL.md", "TOOLS.md", "IDENTITY.md", "USER.md", "BOOTSTRAP.md", "MEMORY.md"];

/// Errors finding the home.
#[derive(Debug, thiserror::Error)]
pub enum HomeError {
    /// Neither `--home`, `$OPENCLAW_HOME` nor `$HOME` is set.
    #[error("cannot find the openclaw home: pass --home DIR or set OPENCLAW_HOME (HOME is not set)")]
    NoHome,
    /// The home directory is not there (yet).
    #[error("no openclaw home at {}: run `openclaw init` first", .0.display())]
    Missing(PathBuf),
}

/// The openclaw home directory and every path below it.
#[derive(Debug, Clone)]
pub struct Home {
    root: PathBuf,
}

impl Home {
    /// Wraps a directory as the home, without checking it.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Resolves the home: `--home DIR` > `$OPENCLAW_HOME` > `~/.openclaw`.
    pub fn resolve(flag: Option<&Path>) -> Result<Self, HomeError> {
        if let Some(dir) = flag {
            return Ok(Self::new(dir));
        }
        if let Some(dir) = std::env::var_os("OPENCLAW_HOME").filter(|v| !v.is_empty()) {
            return Ok(Self::new(dir));
        }
        let home = std::env::var_os("HOME").filter(|v| !v.is_empty()).ok_or(HomeError::NoHome)?;
        Ok(Self::new(PathBuf::from(home).join(".openclaw")))
    }

    /// Fails with a hint to run `openclaw init` when the home or its config does not exist.
    pub fn require(&self) -> Result<(), HomeError> {
        if self.config_path().is_file() { Ok(()) } else { Err(HomeError::Missing(self.root.clone())) }
    }

    /// The home directory itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `gateway.json5`.
    pub fn config_path(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }

    /// `agents/`.
    pub fn agents_dir(&self) -> PathBuf {
        self.root.join("agents")
    }

    /// `agents/<id>/`.
    pub fn agent_dir(&self, agent: &str) -> PathBuf {
        self.agents_dir().join(agent)
    }

    /// `agents/<id>/workspace/`: the agent's own files.
    pub fn workspace(&self, agent: &str) -> PathBuf {
        self.agent_dir(agent).join("workspace")
    }

    /// `agents/<id>/workspace/MEMORY.md`.
    pub fn long_memory(&self, agent: &str) -> PathBuf {
        self.workspace(agent).join("MEMORY.md")
    }

    /// `agents/<id>/workspace/memory/`: daily logs.
    pub fn daily_memory_dir(&self, agent: &str) -> PathBuf {
        self.workspace(agent).join("memory")
    }

    /// `agents/<id>/workspace/memory/YYYY-MM-DD.md`.
    pub fn daily_memory(&self, agent: &str, date: jiff::civil::Date) -> PathBuf {
        self.daily_memory_dir(agent).join(format!("{date}.md"))
    }

    /// `agents/<id>/workspace/skills/`.
    pub fn skills_dir(&self, agent: &str) -> PathBuf {
        self.workspace(agent).join("skills")
    }

    /// `agents/<id>/state/`.
    pub fn state_dir(&self, agent: &str) -> PathBuf {
        self.agent_dir(agent).join("state")
    }

    /// `agents/<id>/state/sessions.json`.
    pub fn sessions_path(&self, agent: &str) -> PathBuf {
        self.state_dir(agent).join("sessions.json")
    }

    /// `agents/<id>/state/transcripts/`.
    pub fn transcripts_dir(&self, agent: &str) -> PathBuf {
        self.state_dir(agent).join("transcripts")
    }

    /// `agents/<id>/state/transcripts/<key>.jsonl`, the live transcript of a session.
    pub fn transcript_path(&self, agent: &str, key: &str) -> PathBuf {
        self.transcripts_dir(agent).join(format!("{}.jsonl", key_to_file_name(key)))
    }

    /// `agents/<id>/state/transcripts/archive/`.
    pub fn archive_dir(&self, agent: &str) -> PathBuf {
        self.transcripts_dir(agent).join("archive")
    }

    /// `agents/<id>/state/transcripts/archive/<key>.<UTC>.jsonl`.
    pub fn archive_path(&self, agent: &str, key: &str, utc_stamp: &str) -> PathBuf {
        self.archive_dir(agent).join(format!("{}.{utc_stamp}.jsonl", key_to_file_name(key)))
    }

    /// `agents/<id>/state/canvas/`: the agent's canvases, one JSON file each.
    pub fn canvas_dir(&self, agent: &str) -> PathBuf {
        self.state_dir(agent).join("canvas")
    }

    /// `gateway/canvas.key`: the secret that signs canvas links (0600; deleting it revokes them).
    pub fn canvas_key_path(&self) -> PathBuf {
        self.gateway_dir().join("canvas.key")
    }

    /// `gateway/last-good.json5`: a copy of the last `gateway.json5` the gateway loaded (0600),
    /// which read-only commands fall back to while the file has an error.
    pub fn last_good_config_path(&self) -> PathBuf {
        self.gateway_dir().join("last-good.json5")
    }

    /// `credentials/`.
    pub fn credentials_dir(&self) -> PathBuf {
        self.root.join("credentials")
    }

    /// `channels/`: the outbox's dead letters.
    pub fn channels_dir(&self) -> PathBuf {
        self.root.join("channels")
    }

    /// `cron/`.
    pub fn cron_dir(&self) -> PathBuf {
        self.root.join("cron")
    }

    /// `gateway/`: pid, lock and runtime token of a running gateway.
    pub fn gateway_dir(&self) -> PathBuf {
        self.root.join("gateway")
    }

    /// `logs/`.
    pub fn logs_dir(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// `node/`: this machine's identity, status and workspace as a node of another gateway.
    pub fn node_dir(&self) -> PathBuf {
        self.root.join("node")
    }

    /// Agent ids that have a directory under `agents/`, sorted.
    pub fn agent_dirs(&self) -> Vec<String> {
        let mut ids: Vec<String> = std::fs::read_dir(self.agents_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().into_string().ok())
            // `.tmp-*`: an agent being created; other dot names: set aside by `doctor --fix`.
            .filter(|name| !name.starts_with('.'))
            .collect();
        ids.sort();
        ids
    }
}

/// Encodes a session key as a file name: `/`, `\`, `%`, control characters and a leading `.` are
/// percent-encoded; everything else (including `:`) is kept, so file names stay greppable.
pub fn key_to_file_name(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for (i, c) in key.char_indices() {
        let unsafe_char = matches!(c, '/' | '\\' | '%') || c.is_control() || (i == 0 && c == '.');
        if unsafe_char {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes a file name made by [`key_to_file_name`]; `None` when it is not valid encoding.
pub fn key_from_file_name(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = name.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn file_names_keep_colons_and_escape_slashes() {
        assert_eq!(key_to_file_name("agent:main:main"), "agent:main:main");
        assert_eq!(key_to_file_name("agent:a:x:peer:a/b"), "agent:a:x:peer:a%2Fb");
        assert_eq!(key_to_file_name(".hidden"), "%2Ehidden");
        assert_eq!(key_to_file_name("a\0b%"), "a%00b%25");
    }

    proptest! {
        #[test]
        fn file_names_round_trip(key in "\\PC{0,40}") {
            let name = key_to_file_name(&key);
            prop_assert!(!name.contains('/'));
            prop_assert!(!name.starts_with('.'));
            prop_assert_eq!(key_from_file_name(&name), Some(key));
        }
    }
}
