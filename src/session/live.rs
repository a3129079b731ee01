//! The known lines of live transcripts, kept per process and read incrementally.
//!
//! Every turn needs its session's history, and parsing the whole transcript again made a turn's
//! cost grow with the length of the conversation. Transcripts are only ever appended to (a reset
//! moves the file away and starts a new one), so a kept copy stays valid while the file is the
//! same inode, is at least as long as what was read, and still holds the same bytes just before
//! where reading stopped; then only the lines appended since are parsed. Anything else (a new
//! file, a shorter one, different bytes) reads the file from the start.
//!
//! Only complete lines are taken: a line still being written (no newline yet) is read on a later
//! call, once whole. Lines that are not valid transcript lines are skipped, as
//! [`super::transcript::read`] reports them; callers wanting those use that instead.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use super::key::SessionKey;
use super::transcript::{self, Line};
use crate::home::Home;
use crate::store::{self, IoError};

/// Bytes just before the read position that must still be there for the kept copy to be used.
const CHECK_BYTES: usize = 64;
/// Transcript bytes kept across all sessions; past it, the least recently used go. Parsed lines
/// take about 7 times the bytes they were read from, so this holds the cache near 28 MB.
const BUDGET_BYTES: u64 = 4 << 20;

#[derive(Debug)]
struct Kept {
    dev: u64,
    ino: u64,
    /// Bytes of the file read so far (whole lines only).
    read_to: u64,
    /// The file's bytes just before `read_to`.
    check: Vec<u8>,
    lines: Arc<Vec<Line>>,
    used: u64,
}

static KEPT: LazyLock<Mutex<HashMap<PathBuf, Kept>>> = LazyLock::new(Default::default);
static CLOCK: AtomicU64 = AtomicU64::new(0);

/// The known lines of the live transcript of `key`, oldest first; a missing file has none.
pub fn lines(home: &Home, key: &SessionKey) -> Result<Arc<Vec<Line>>, IoError> {
    let path = transcript::path(home, key);
    let Some((mut file, meta)) = store::open_state_file(&path, store::CAP_LOG)? else {
        lock().remove(&path);
        return Ok(Arc::default());
    };
    let (dev, ino, len) = (meta.dev(), meta.ino(), meta.size());
    let kept = lock().remove(&path);
    let (mut lines, from) = match kept {
        Some(k) if k.dev == dev && k.ino == ino && k.read_to <= len && still_there(&file, &k) => {
            (k.lines, k.read_to)
        }
        _ => (Arc::default(), 0),
    };
    let mut bytes = Vec::with_capacity((len - from) as usize);
    file.seek(SeekFrom::Start(from)).map_err(IoError::at("reading", &path))?;
    (&mut file).take(len - from).read_to_end(&mut bytes).map_err(IoError::at("reading", &path))?;
    let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    if whole > 0 {
        let new = Arc::make_mut(&mut lines);
        for raw in bytes[..whole].split(|&b| b == b'\n') {
            if let Ok(line) = serde_json::from_slice::<Line>(raw) {
                new.push(line);
            }
        }
    }
    let read_to = from + whole as u64;
    let check = match whole {
        0 => Vec::new(),
        _ => bytes[whole.saturating_sub(CHECK_BYTES)..whole].to_vec(),
    };
    let check = if check.len() < CHECK_BYTES.min(read_to as usize) {
        // Fewer new bytes than the check needs: take the rest from the file.
        let start = read_to.saturating_sub(CHECK_BYTES as u64);
        let mut buf = vec![0; (read_to - start) as usize];
        file.read_exact_at(&mut buf, start).map_err(IoError::at("reading", &path))?;
        buf
    } else {
        check
    };
    let used = CLOCK.fetch_add(1, Ordering::Relaxed);
    let mut kept = lock();
    kept.insert(path, Kept { dev, ino, read_to, check, lines: lines.clone(), used });
    evict(&mut kept, BUDGET_BYTES);
    Ok(lines)
}

fn lock() -> std::sync::MutexGuard<'static, HashMap<PathBuf, Kept>> {
    KEPT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether the bytes before the kept read position are still the ones read.
fn still_there(file: &File, k: &Kept) -> bool {
    let mut buf = vec![0; k.check.len()];
    file.read_exact_at(&mut buf, k.read_to - k.check.len() as u64).is_ok() && buf == k.check
}

fn evict(kept: &mut HashMap<PathBuf, Kept>, budget: u64) {
    let mut total: u64 = kept.values().map(|k| k.read_to).sum();
    while total > budget && kept.len() > 1 {
        let Some(oldest) = kept.iter().min_by_key(|(_, k)| k.used).map(|(p, _)| p.clone()) else { return };
        if let Some(k) = kept.remove(&oldest) {
            total -= k.read_to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::transcript::Message;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .filter_map(|l| match l {
                Line::Message(m) => Some(m.content.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn appended_lines_are_read_and_a_replaced_file_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let key = SessionKey::main("main");
        assert!(lines(&home, &key).unwrap().is_empty());
        transcript::create(&home, &key, "s1", jiff::Timestamp::now()).unwrap();
        transcript::append(&home, &key, &Line::Message(Message::user("one", None))).unwrap();
        assert_eq!(texts(&lines(&home, &key).unwrap()), ["one"]);
        transcript::append(&home, &key, &Line::Message(Message::user("two", None))).unwrap();
        // A line being written (no newline yet) waits until it is whole.
        let p = transcript::path(&home, &key);
        let mut f = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
        let three = serde_json::to_string(&Line::Message(Message::user("three", None))).unwrap() + "\n";
        let (head, rest) = three.split_at(13);
        std::io::Write::write_all(&mut f, head.as_bytes()).unwrap();
        assert_eq!(texts(&lines(&home, &key).unwrap()), ["one", "two"]);
        std::io::Write::write_all(&mut f, rest.as_bytes()).unwrap();
        assert_eq!(texts(&lines(&home, &key).unwrap()), ["one", "two", "three"]);
        // Rewritten in place (same inode, longer, different bytes before the read position).
        let text = std::fs::read_to_string(&p).unwrap().replace("\"three\"", "\"THREE\"") + "\n";
        std::fs::OpenOptions::new().write(true).open(&p).unwrap().write_all_at(text.as_bytes(), 0).unwrap();
        assert_eq!(texts(&lines(&home, &key).unwrap()), ["one", "two", "THREE"]);
        // Replaced by a new file (a reset).
        std::fs::remove_file(&p).unwrap();
        transcript::create(&home, &key, "s2", jiff::Timestamp::now()).unwrap();
        transcript::append(&home, &key, &Line::Message(Message::user("fresh", None))).unwrap();
        assert_eq!(texts(&lines(&home, &key).unwrap()), ["fresh"]);
    }

    #[test]
    fn the_cache_keeps_the_most_recent_transcripts_within_its_budget() {
        let kept_entry =
            |read_to, used| Kept { dev: 0, ino: 0, read_to, check: Vec::new(), lines: Arc::default(), used };
        let mut kept: HashMap<PathBuf, Kept> = HashMap::new();
        for (i, size) in [(0, 400), (1, 300), (2, 500), (3, 200)] {
            kept.insert(PathBuf::from(format!("t{i}")), kept_entry(size, i));
        }
        evict(&mut kept, 900);
        let mut left: Vec<_> = kept.keys().map(|p| p.display().to_string()).collect();
        left.sort();
        // The two least recently used went; what is left fits.
        assert_eq!(left, ["t2", "t3"]);
        // One transcript larger than the whole budget is still kept: the session in use.
        let mut one = HashMap::from([(PathBuf::from("big"), kept_entry(5000, 9))]);
        evict(&mut one, 1000);
        assert_eq!(one.len(), 1);
    }
}
