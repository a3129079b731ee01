//! Whole-file writes that are never seen half-done: temp file in the same directory, fsync,
//! rename over the target, fsync of the directory.

use std::fs::{self, DirBuilder, Permissions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use super::IoError;

/// Replaces `path` with `bytes` atomically; the file gets `mode` (e.g. 0o600).
///
/// Readers see either the old or the new content, never a mix, and a crash at any point leaves
/// one of the two on disk. Callers that read-modify-write must hold the file's [`super::FileLock`].
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<(), IoError> {
    let (dir, tmp) = synced_temp_beside(path, &[bytes], mode)?;
    tmp.persist(path).map_err(|e| IoError { action: "replacing", path: path.into(), source: e.error })?;
    sync_dir(dir)
}

/// A temporary file (`.tmp-*`, `mode`) in the directory of `path` holding `parts` one after
/// the other, synced to disk; and that directory. Dropped unpersisted, it is removed.
pub(super) fn synced_temp_beside<'p>(
    path: &'p Path,
    parts: &[&[u8]],
    mode: u32,
) -> Result<(&'p Path, tempfile::NamedTempFile), IoError> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(IoError::at("creating a temporary file in", dir))?;
    for part in parts {
        tmp.write_all(part).map_err(IoError::at("writing", tmp.path().to_path_buf()))?;
    }
    tmp.as_file().sync_all().map_err(IoError::at("syncing", tmp.path().to_path_buf()))?;
    Ok((dir, tmp))
}

/// Creates `path` with `bytes` only if it does not exist yet, atomically: the whole file appears
/// at once (temp file, fsync, link without replacing) or not at all. Returns false when it
/// existed; an existing file is never touched.
pub fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<bool, IoError> {
    if path.exists() {
        return Ok(false);
    }
    let (dir, tmp) = synced_temp_beside(path, &[bytes], mode)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(IoError { action: "creating", path: path.into(), source: e.error }),
    }
    sync_dir(dir)?;
    Ok(true)
}

/// Creates a directory (and its parents) with mode 0700; an existing directory is left as is.
pub fn create_dir_private(path: &Path) -> Result<(), IoError> {
    DirBuilder::new()
        .recursive(true)
        .mode(super::PRIVATE_DIR)
        .create(path)
        .map_err(IoError::at("creating directory", path))
}

/// Makes renames and creations in `dir` durable (fsync of the directory; a filesystem that
/// cannot open directories for sync is not an error).
pub fn sync_dir(dir: &Path) -> Result<(), IoError> {
    // A rename is durable only once the directory entry is; not every filesystem allows
    // opening a directory for sync, so a failure to open is not an error.
    if let Ok(d) = fs::File::open(dir) {
        d.sync_all().map_err(IoError::at("syncing directory", dir))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_with_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        write_atomic(&p, b"one", 0o600).unwrap();
        write_atomic(&p, b"two", 0o600).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temp files left behind");
    }

    #[test]
    fn write_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        assert!(write_new(&p, b"first", 0o600).unwrap());
        assert!(!write_new(&p, b"second", 0o600).unwrap());
        assert_eq!(fs::read(&p).unwrap(), b"first");
    }

    /// Racing creators (two processes making the gateway token, say): one wins, and a reader
    /// that finds the file finds all of the winner's bytes, never a part.
    #[test]
    fn write_new_is_whole_or_absent_for_a_racing_reader() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("token");
        let contents: Vec<Vec<u8>> = (0..4u8).map(|i| vec![b'a' + i; 1024 * 1024]).collect();
        let (start, done) = (std::sync::Barrier::new(contents.len() + 1), AtomicBool::new(false));
        let won = std::thread::scope(|s| {
            let reader = s.spawn(|| {
                start.wait();
                let mut torn = None;
                while !done.load(Ordering::Acquire) && torn.is_none() {
                    torn = fs::read(&p).ok().filter(|seen| !contents.contains(seen)).map(|seen| seen.len());
                }
                torn
            });
            let writers: Vec<_> = contents
                .iter()
                .map(|c| {
                    s.spawn(|| {
                        start.wait();
                        write_new(&p, c, 0o600).unwrap()
                    })
                })
                .collect();
            let won: Vec<bool> = writers.into_iter().map(|w| w.join().unwrap()).collect();
            done.store(true, Ordering::Release);
            assert_eq!(reader.join().unwrap(), None, "a reader saw that many bytes of a file being written");
            won
        });
        assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
        let winner = won.iter().position(|w| *w).unwrap();
        assert_eq!(fs::read(&p).unwrap(), contents[winner]);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp files left behind");
    }
}
