//! The durability rules of DESIGN §7, and nothing else: atomic replacement of whole files,
//! advisory locks on sibling lock files, whole-line appends to JSON Lines files and a reader that
//! survives a torn last line, and bounded reads that refuse anything but a regular file. This module knows nothing of sessions, config or agents.

mod append;
mod atomic;
mod jsonl;
mod lock;
mod read;
mod stamp;

pub use append::{append_bytes, append_or_create};
pub use atomic::{create_dir_private, sync_dir, write_atomic, write_new};
pub use jsonl::{
    JsonlLine, JsonlRead, JsonlWriter, append_line, read_jsonl, read_jsonl_capped, read_jsonl_tail,
};
pub use lock::{FileLock, lock_path};
pub use read::{CAP_DOCUMENT, CAP_LOG, CAP_SESSIONS, CAP_SMALL, excerpt, open_state_file, read_state_file};
pub use stamp::FileStamp;

/// Permission bits for files that hold secrets or private conversation.
pub const PRIVATE_FILE: u32 = 0o600;
/// Permission bits for directories under the home.
pub const PRIVATE_DIR: u32 = 0o700;

/// A failed file operation, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{action} {}: {source}", .path.display())]
pub struct IoError {
    /// What we were doing, e.g. "writing".
    pub action: &'static str,
    /// The file at fault.
    pub path: std::path::PathBuf,
    /// The underlying error.
    #[source]
    pub source: std::io::Error,
}

impl IoError {
    /// Builds a closure for `map_err` that names the action and the path.
    pub fn at(
        action: &'static str,
        path: impl Into<std::path::PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> IoError {
        let path = path.into();
        move |source| IoError { action, path, source }
    }
}
