//! Where each channel account resumes from (Telegram's update offset, Discord's session and
//! sequence number, Matrix's `next_batch`, …): one small file per account under
//! `credentials/`, 0600, replaced atomically, so a crash leaves the old position or the new one.

use std::path::PathBuf;

use serde::{Serialize, de::DeserializeOwned};

use super::ChannelError;
use crate::home::{Home, key_to_file_name};
use crate::store::{self, PRIVATE_FILE};

/// The resume position of one account, as a typed JSON document.
#[derive(Debug, Clone)]
pub struct CursorStore {
    channel: &'static str,
    path: PathBuf,
}

impl CursorStore {
    /// The cursor of `channel/account`: `credentials/<channel>.<account>.<suffix>`.
    pub fn new(home: &Home, channel: &'static str, account: &str, suffix: &str) -> Self {
        let path = home.credentials_dir().join(format!("{channel}.{}.{suffix}", key_to_file_name(account)));
        CursorStore { channel, path }
    }

    /// The file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// The raw text, `None` when nothing was stored yet.
    pub fn load_text(&self) -> Result<Option<String>, ChannelError> {
        let config = |message: String| ChannelError::Config { channel: self.channel.into(), message };
        match store::read_state_file(&self.path, store::CAP_SMALL) {
            Ok(Some(bytes)) => String::from_utf8(bytes).map(Some).map_err(|_| {
                config(format!(
                    "{}: not a resume position (not UTF-8 text); delete it to start from the service's current position",
                    self.path.display()
                ))
            }),
            Ok(None) => Ok(None),
            Err(e) => Err(config(e.to_string())),
        }
    }

    /// The stored position; `None` when there is none. A file that does not parse is an error
    /// naming it (resuming from a wrong place would lose or repeat messages).
    pub fn load<T: DeserializeOwned>(&self) -> Result<Option<T>, ChannelError> {
        let Some(text) = self.load_text()? else { return Ok(None) };
        serde_json::from_str(&text).map(Some).map_err(|e| ChannelError::Config {
            channel: self.channel.into(),
            message: format!(
                "{}: not a resume position ({e}); delete it to start from the service's current position",
                self.path.display()
            ),
        })
    }

    /// Replaces the stored text atomically.
    pub fn save_text(&self, text: &str) -> Result<(), ChannelError> {
        let io = |e: store::IoError| ChannelError::Transport {
            channel: self.channel.into(),
            message: e.to_string(),
        };
        if let Some(dir) = self.path.parent() {
            store::create_dir_private(dir).map_err(io)?;
        }
        store::write_atomic(&self.path, text.as_bytes(), PRIVATE_FILE).map_err(io)
    }

    /// Replaces the stored position atomically.
    pub fn save<T: Serialize>(&self, value: &T) -> Result<(), ChannelError> {
        let mut text = serde_json::to_string(value).map_err(|e| ChannelError::Transport {
            channel: self.channel.into(),
            message: format!("encoding the resume position: {e}"),
        })?;
        text.push('\n');
        self.save_text(&text)
    }

    /// Forgets the position (the next run starts fresh).
    pub fn clear(&self) -> Result<(), ChannelError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(ChannelError::Transport {
                channel: self.channel.into(),
                message: format!("removing {}: {e}", self.path.display()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn positions_round_trip_privately_and_bad_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let c = CursorStore::new(&home, "discord", "ops/1", "cursor.json");
        assert_eq!(c.load::<u64>().unwrap(), None);
        c.save(&42u64).unwrap();
        assert_eq!(c.load::<u64>().unwrap(), Some(42));
        assert!(c.path().ends_with("credentials/discord.ops%2F1.cursor.json"));
        assert_eq!(std::fs::metadata(c.path()).unwrap().permissions().mode() & 0o777, 0o600);
        std::fs::write(c.path(), "{oops").unwrap();
        let e = c.load::<u64>().unwrap_err().to_string();
        assert!(e.contains("discord.ops%2F1.cursor.json") && e.contains("delete it"), "{e}");
        c.clear().unwrap();
        assert_eq!(c.load::<u64>().unwrap(), None);
    }
}
