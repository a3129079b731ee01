//! Raw byte appends for plain-text logs (the daily memory log): one `write` per record with
//! `O_APPEND`, synced before returning, and a race-free "create with a header, else append".

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::IoError;

/// Appends `bytes` to `path` (created with `mode` when missing) in one write and syncs it.
///
/// With `O_APPEND` the kernel places the whole buffer at the end of the file atomically with
/// respect to other appenders on local filesystems, so concurrent records never interleave.
pub fn append_bytes(path: &Path, bytes: &[u8], mode: u32) -> Result<(), IoError> {
    let mut file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(mode)
        .open(path)
        .map_err(IoError::at("opening", path))?;
    let written = file.write(bytes).map_err(IoError::at("appending to", path))?;
    if written < bytes.len() {
        file.write_all(&bytes[written..]).map_err(IoError::at("appending to", path))?;
    }
    file.sync_data().map_err(IoError::at("syncing", path))
}

/// Appends `record` to `path`; when the file does not exist yet it is created holding
/// `header` followed by `record`, all at once. Returns true when this call created the file.
///
/// Creation writes a temporary file and renames it into place without replacing, so a
/// concurrent appender either sees no file (and races to create it) or the complete header:
/// a record can never land above the header.
pub fn append_or_create(path: &Path, header: &[u8], record: &[u8], mode: u32) -> Result<bool, IoError> {
    if path.exists() {
        append_bytes(path, record, mode)?;
        return Ok(false);
    }
    let (dir, tmp) = super::atomic::synced_temp_beside(path, &[header, record], mode)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            super::sync_dir(dir)?;
            Ok(true)
        }
        // Someone else created it first: ours is dropped (and its temp file removed).
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            append_bytes(path, record, mode)?;
            Ok(false)
        }
        Err(e) => Err(IoError { action: "creating", path: path.into(), source: e.error }),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn header_only_on_creation() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("2026-11-23.md");
        assert!(append_or_create(&p, b"# head\n\n", b"- one\n", 0o600).unwrap());
        assert!(!append_or_create(&p, b"# head\n\n", b"- two\n", 0o600).unwrap());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "# head\n\n- one\n- two\n");
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp files left");
    }

    #[test]
    fn concurrent_creators_write_one_header() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("log.md");
        std::thread::scope(|s| {
            for i in 0..8 {
                let p = &p;
                s.spawn(move || {
                    for j in 0..20 {
                        append_or_create(p, b"# head\n", format!("{i}-{j}\n").as_bytes(), 0o600).unwrap();
                    }
                });
            }
        });
        let text = std::fs::read_to_string(&p).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "# head");
        assert_eq!(lines.len(), 161);
        assert_eq!(lines.iter().filter(|l| **l == "# head").count(), 1);
    }
}
