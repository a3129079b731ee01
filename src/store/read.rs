//! Bounded reads of state files: a state file is a regular file of a known size class, never a
//! FIFO, device or socket that someone (or a broken script) put in its place. Opening never
//! blocks (a FIFO with no writer would hang the reader forever), the type is checked on the open
//! descriptor (so a link swapped in between check and open changes nothing), and a file over its
//! cap is refused before anything is allocated for it.
//!
//! Symbolic links are followed: a home kept on another disk through a link is fine, and what a
//! link points at is checked like any other file (a link to `/dev/zero` is a character device
//! and refused).

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use super::IoError;

/// Cap for small position files: an offset, a cursor, a pid, a token.
pub const CAP_SMALL: u64 = 64 << 10;
/// Cap for JSON documents of settings and approvals (`cron/jobs.json`, credentials files).
pub const CAP_DOCUMENT: u64 = 16 << 20;
/// Cap for `sessions.json` (about a million sessions of typical size).
pub const CAP_SESSIONS: u64 = 512 << 20;
/// Cap for JSON Lines logs that only grow (transcripts, run histories, dead letters).
pub const CAP_LOG: u64 = 4 << 30;

/// Opens `path` for reading if it is a regular file of at most `cap` bytes; `None` when it does
/// not exist. Anything else (a FIFO, a device, a directory, a socket, an oversized file) is an
/// error naming the file.
pub fn open_state_file(path: &Path, cap: u64) -> Result<Option<(File, Metadata)>, IoError> {
    let file = match OpenOptions::new()
        .read(true)
        // A FIFO opened without O_NONBLOCK blocks until a writer appears; with it, the open
        // returns at once and the type check below refuses it. Regular files ignore the flag.
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(IoError::at("opening", path)(e)),
    };
    let meta = file.metadata().map_err(IoError::at("reading", path))?;
    let kind = meta.file_type();
    if !kind.is_file() {
        let what = if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_char_device() {
            "a character device"
        } else if kind.is_block_device() {
            "a block device"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        };
        let message = format!("it is {what}, not a regular file");
        return Err(IoError::at("refusing to read", path)(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            message,
        )));
    }
    if meta.len() > cap {
        return Err(too_big(path, meta.len(), cap));
    }
    Ok(Some((file, meta)))
}

/// Reads the whole of `path` if it is a regular file of at most `cap` bytes; `None` when it
/// does not exist. See [`open_state_file`].
pub fn read_state_file(path: &Path, cap: u64) -> Result<Option<Vec<u8>>, IoError> {
    let Some((file, meta)) = open_state_file(path, cap)? else { return Ok(None) };
    read_capped(file, path, meta.len(), cap).map(Some)
}

/// Reads the rest of `file` (expected to hold about `len` bytes), refusing to go past `cap` even
/// if the file grew after it was checked.
pub(super) fn read_capped(file: File, path: &Path, len: u64, cap: u64) -> Result<Vec<u8>, IoError> {
    let mut bytes = Vec::with_capacity(len.min(cap) as usize);
    file.take(cap + 1).read_to_end(&mut bytes).map_err(IoError::at("reading", path))?;
    if bytes.len() as u64 > cap {
        return Err(too_big(path, bytes.len() as u64, cap));
    }
    Ok(bytes)
}

fn too_big(path: &Path, len: u64, cap: u64) -> IoError {
    let message = format!("it holds {} or more, over the {} this file may hold", size(len), size(cap));
    IoError::at("refusing to read", path)(std::io::Error::new(std::io::ErrorKind::InvalidData, message))
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// `text` for quoting in an error message: at most `max` characters, with `…` when cut, so a
/// garbage file never turns into a garbage log line of its own size.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    #[test]
    fn reads_regular_files_and_missing_ones() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("offset");
        assert_eq!(read_state_file(&p, 10).unwrap(), None);
        std::fs::write(&p, b"42\n").unwrap();
        assert_eq!(read_state_file(&p, 10).unwrap().unwrap(), b"42\n");
    }

    fn mkfifo(p: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn refuses_a_fifo_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sessions.json");
        mkfifo(&p);
        let start = Instant::now();
        let err = read_state_file(&p, CAP_SESSIONS).unwrap_err().to_string();
        assert!(start.elapsed() < Duration::from_secs(2));
        assert!(err.contains("sessions.json") && err.contains("FIFO"), "{err}");
    }

    #[test]
    fn refuses_a_link_to_a_device() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("inbox.jsonl");
        std::os::unix::fs::symlink("/dev/zero", &p).unwrap();
        let err = read_state_file(&p, CAP_LOG).unwrap_err().to_string();
        assert!(err.contains("inbox.jsonl") && err.contains("character device"), "{err}");
    }

    #[test]
    fn refuses_files_over_the_cap_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("telegram.default.offset");
        std::fs::write(&p, vec![b'9'; 100_000]).unwrap();
        let err = read_state_file(&p, CAP_SMALL).unwrap_err().to_string();
        assert!(err.contains("telegram.default.offset") && err.contains("64 KiB"), "{err}");
        assert!(err.len() < 300, "{err}");
    }

    #[test]
    fn excerpt_cuts_on_a_char_boundary() {
        assert_eq!(excerpt("abc", 5), "abc");
        assert_eq!(excerpt("ééééé", 2), "éé…");
    }
}
