//! Advisory locks on a sibling lock file (`sessions.json` → `sessions.json.lock`).
//!
//! The lock lives on a separate file because the data file itself is replaced by rename on every
//! write, and a lock on a replaced inode protects nothing.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::IoError;

/// The lock file that guards `path`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    path.with_file_name(name)
}

/// A held advisory lock; released on drop.
#[derive(Debug)]
pub struct FileLock {
    file: File,
}

impl FileLock {
    /// Blocks until this process holds the exclusive lock guarding `path`.
    pub fn exclusive(path: &Path) -> Result<Self, IoError> {
        let file = open(path)?;
        file.lock().map_err(IoError::at("locking", lock_path(path)))?;
        Ok(Self { file })
    }

    /// Blocks until this process holds a shared (read) lock guarding `path`.
    pub fn shared(path: &Path) -> Result<Self, IoError> {
        let file = open(path)?;
        file.lock_shared().map_err(IoError::at("locking", lock_path(path)))?;
        Ok(Self { file })
    }

    /// Takes the exclusive lock only if nobody holds it; `None` when it is busy.
    pub fn try_exclusive(path: &Path) -> Result<Option<Self>, IoError> {
        let file = open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self { file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(IoError::at("locking", lock_path(path))(e)),
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

fn open(path: &Path) -> Result<File, IoError> {
    let lock = lock_path(path);
    // Opening an existing lock file without O_CREAT skips the directory's inode lock, which
    // concurrent turns in one transcripts folder would otherwise queue on.
    if let Ok(file) = OpenOptions::new().read(true).write(true).open(&lock) {
        return Ok(file);
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(super::PRIVATE_FILE)
        .open(&lock)
        .map_err(IoError::at("opening lock file", lock))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusive_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sessions.json");
        let held = FileLock::exclusive(&p).unwrap();
        assert!(FileLock::try_exclusive(&p).unwrap().is_none());
        drop(held);
        assert!(FileLock::try_exclusive(&p).unwrap().is_some());
        assert!(dir.path().join("sessions.json.lock").exists());
    }
}
