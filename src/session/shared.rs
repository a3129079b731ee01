//! One process-wide copy of each `sessions.json`, and group commit of changes to it.
//!
//! The gateway runs many turns at once; each reads its session's entry when it starts and writes
//! counts and times when it ends. Parsing and rewriting the whole file for every one of them made
//! the store the bottleneck (7.7 ms of CPU per message at 1,000 sessions). So:
//! - the parsed map is kept per file and trusted while the file on disk is the one it was read
//!   from or written as: same device, inode, size, mtime and ctime; when the mtime is too close
//!   to the moment it was recorded to tell two writes in one clock tick apart, the content's
//!   fingerprint must match too (git's "racy clean" rule);
//! - changes sent with [`SessionStore::commit_entry`] while a write is under way are applied
//!   together and written once, and each caller returns only once the write holding its change
//!   is on disk (group commit). Under concurrent load the writer waits a moment before each
//!   write so that more changes share it; a lone change is written at once;
//! - each entry's encoded line is kept, so a write re-encodes only the entries that changed.
//!
//! Writes still happen only under the exclusive lock, atomically (DESIGN §7), so other processes
//! see no difference; a change they make is noticed by the file's identity and read back in.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use super::store::{RawStore, SessionEntry, SessionStore, Sessions, StoreError, encode_entry};
use crate::store::{self, FileLock, FileStamp, IoError};

/// How long the writer gathers changes before a write, while changes arrive together.
const LINGER: Duration = Duration::from_millis(3);

static FILES: LazyLock<Mutex<HashMap<PathBuf, Arc<Shared>>>> = LazyLock::new(Default::default);
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// The cache and the commit queue of one `sessions.json`.
#[derive(Debug)]
pub(super) struct Shared {
    path: PathBuf,
    cache: Mutex<Option<Cached>>,
    queue: Mutex<Queue>,
}

#[derive(Debug)]
struct Cached {
    sessions: Sessions,
    /// The file the map matches; `None` while this process writes it: the map is then ahead of
    /// the file, and nobody else can write (we hold the exclusive lock).
    file: Option<FileState>,
    /// Changes whenever the map is replaced by one read from disk, so a write that finishes
    /// after such a replacement does not vouch for a map it did not produce.
    generation: u64,
    /// Each entry's encoded line, in map order; `None` until the first write, and after a
    /// change that may have touched any entry.
    lines: Option<Vec<Vec<u8>>>,
}

impl Cached {
    fn new(sessions: Sessions, file: FileState) -> Self {
        Self { sessions, file: Some(file), generation: next_generation(), lines: None }
    }

    /// The file's bytes, re-encoding only the entries in `touched` (all when `None`).
    fn encode(&mut self, touched: Option<&[String]>) -> Vec<u8> {
        let line = |key: &str, entry: &SessionEntry| {
            let mut out = Vec::with_capacity(400);
            encode_entry(&mut out, key, entry);
            out
        };
        match (self.lines.as_mut(), touched) {
            (Some(lines), Some(keys)) => {
                for key in keys {
                    let Some((i, k, e)) = self.sessions.get_full(key.as_str()) else { continue };
                    match i.cmp(&lines.len()) {
                        std::cmp::Ordering::Less => lines[i] = line(k, e),
                        std::cmp::Ordering::Equal => lines.push(line(k, e)),
                        // Entries inserted out of step: start over.
                        std::cmp::Ordering::Greater => {
                            self.lines = None;
                            return self.encode(None);
                        }
                    }
                }
                if lines.len() != self.sessions.len() {
                    self.lines = None;
                    return self.encode(None);
                }
            }
            _ => self.lines = Some(self.sessions.iter().map(|(k, e)| line(k, e)).collect()),
        }
        let lines = self.lines.as_deref().unwrap_or_default();
        let mut out = Vec::with_capacity(lines.iter().map(|l| l.len() + 4).sum::<usize>() + 4);
        out.push(b'{');
        for (i, l) in lines.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
            out.extend_from_slice(l);
        }
        out.extend_from_slice(if lines.is_empty() { b"}\n" } else { b"\n}\n" });
        out
    }
}

#[derive(Debug, Clone)]
struct FileState {
    /// `None`: the file did not exist.
    id: Option<FileStamp>,
    fingerprint: u64,
    recorded: SystemTime,
}

#[derive(Default)]
struct Queue {
    pending: Vec<Box<dyn Pending>>,
    flushing: bool,
    /// Changes in the last write, and when it ended: a write shared by several changes means
    /// they arrive together, and the next write waits [`LINGER`] to gather more.
    last_batch: usize,
    last_end: Option<std::time::Instant>,
}

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Queue")
            .field("pending", &self.pending.len())
            .field("flushing", &self.flushing)
            .finish()
    }
}

/// A change waiting for the next write.
trait Pending: Send {
    /// The entry it changes.
    fn key(&self) -> &str;
    fn apply(self: Box<Self>, sessions: &mut Sessions) -> Box<dyn Applied>;
    fn fail(self: Box<Self>, e: &StoreError);
}

/// A change applied to the map, waiting to hear whether the write made it durable.
trait Applied: Send {
    fn done(self: Box<Self>, result: Result<(), &StoreError>);
}

struct Change<N, F, T> {
    key: String,
    new: N,
    change: F,
    reply: tokio::sync::oneshot::Sender<Result<T, StoreError>>,
}

struct Outcome<T> {
    value: T,
    reply: tokio::sync::oneshot::Sender<Result<T, StoreError>>,
}

impl<N, F, T> Pending for Change<N, F, T>
where
    N: FnOnce() -> SessionEntry + Send,
    F: FnOnce(&mut SessionEntry) -> T + Send,
    T: Send + 'static,
{
    fn key(&self) -> &str {
        &self.key
    }
    fn apply(self: Box<Self>, sessions: &mut Sessions) -> Box<dyn Applied> {
        let Change { key, new, change, reply } = *self;
        let value = change(sessions.entry(key).or_insert_with(new));
        Box::new(Outcome { value, reply })
    }
    fn fail(self: Box<Self>, e: &StoreError) {
        let _ = self.reply.send(Err(e.duplicate()));
    }
}

impl<T: Send + 'static> Applied for Outcome<T> {
    fn done(self: Box<Self>, result: Result<(), &StoreError>) {
        let Outcome { value, reply } = *self;
        let _ = reply.send(result.map(|()| value).map_err(StoreError::duplicate));
    }
}

impl StoreError {
    /// The same error again, for each of several callers waiting on one write.
    fn duplicate(&self) -> StoreError {
        match self {
            StoreError::Io(e) => StoreError::Io(IoError {
                action: e.action,
                path: e.path.clone(),
                source: std::io::Error::new(e.source.kind(), e.source.to_string()),
            }),
            StoreError::Corrupt { path, line, col, message } => {
                StoreError::Corrupt { path: path.clone(), line: *line, col: *col, message: message.clone() }
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl SessionStore {
    fn shared(&self) -> Arc<Shared> {
        lock(&FILES)
            .entry(self.path().to_path_buf())
            .or_insert_with(|| {
                Arc::new(Shared {
                    path: self.path().to_path_buf(),
                    cache: Mutex::default(),
                    queue: Mutex::default(),
                })
            })
            .clone()
    }

    /// Calls `f` with the sessions as they are on disk (or about to be, while this process
    /// writes them), from the process-wide copy when the file has not changed since it was read.
    /// For hot paths that read a few entries; [`SessionStore::load`] gives an owned map.
    pub fn with_cached<R>(&self, f: impl FnOnce(&Sessions) -> R) -> Result<R, StoreError> {
        self.shared().read(f)
    }

    /// Changes the entry of `key` (made with `new` when missing) and writes the store; returns
    /// once the write holding the change is on disk. Changes arriving while a write is under
    /// way are written together in the next one. Needs a Tokio runtime (the write runs on its
    /// blocking pool).
    pub async fn commit_entry<T: Send + 'static>(
        &self,
        key: String,
        new: impl FnOnce() -> SessionEntry + Send + 'static,
        change: impl FnOnce(&mut SessionEntry) -> T + Send + 'static,
    ) -> Result<T, StoreError> {
        let shared = self.shared();
        let (reply, answer) = tokio::sync::oneshot::channel();
        let start = {
            let mut q = lock(&shared.queue);
            q.pending.push(Box::new(Change { key, new, change, reply }));
            !std::mem::replace(&mut q.flushing, true)
        };
        if start {
            let flusher = shared.clone();
            tokio::task::spawn_blocking(move || flusher.flush());
        }
        match answer.await {
            Ok(result) => result,
            // The writer stopped without answering (a panic in a change): say so, don't hang.
            Err(_) => Err(StoreError::Io(IoError {
                action: "writing",
                path: self.path().to_path_buf(),
                source: std::io::Error::other("the session store writer stopped"),
            })),
        }
    }

    /// Read-modify-write under the exclusive lock, through the process-wide copy.
    pub(super) fn update_shared<T>(&self, f: impl FnOnce(&mut Sessions) -> T) -> Result<T, StoreError> {
        let (out, written) = self.shared().apply_and_write(f, None)?;
        written.map(|()| out)
    }
}

impl Shared {
    fn read<R>(&self, f: impl FnOnce(&Sessions) -> R) -> Result<R, StoreError> {
        let id = stat(&self.path)?;
        {
            let cache = lock(&self.cache);
            if let Some(c) = cache.as_ref()
                && c.file.as_ref().is_none_or(|s| s.id == id)
            {
                return Ok(f(&c.sessions));
            }
        }
        let (sessions, file) = self.load(true)?;
        let out = f(&sessions);
        let mut cache = lock(&self.cache);
        // Never replace a map this process is writing: it is newer than anything on disk.
        if cache.as_ref().is_none_or(|c| c.file.is_some()) {
            *cache = Some(Cached::new(sessions, file));
        }
        Ok(out)
    }

    /// Reads and parses the file; `shared_lock` unless the caller holds the exclusive one.
    fn load(&self, shared_lock: bool) -> Result<(Sessions, FileState), StoreError> {
        let _lock = match shared_lock && self.path.parent().is_some_and(Path::is_dir) {
            true => Some(FileLock::shared(&self.path)?),
            false => None,
        };
        let (bytes, id) = read_with_id(&self.path)?;
        let fingerprint = fingerprint(&bytes);
        let sessions = RawStore::from_bytes(self.path.clone(), bytes).sessions()?;
        Ok((sessions, FileState { id, fingerprint, recorded: SystemTime::now() }))
    }

    /// Whether the cached map of `generation` still matches the file; call under the exclusive
    /// lock. Reads the file only when its mtime cannot tell (racy) .
    fn trusted(&self) -> Result<Option<u64>, StoreError> {
        let id = stat(&self.path)?;
        let Some((state, generation)) =
            lock(&self.cache).as_ref().and_then(|c| Some((c.file.clone()?, c.generation)))
        else {
            return Ok(None);
        };
        if state.id != id {
            return Ok(None);
        }
        let racy = state.id.as_ref().is_some_and(|id| id.racy(state.recorded));
        if racy && fingerprint(&read_with_id(&self.path)?.0) != state.fingerprint {
            return Ok(None);
        }
        Ok(Some(generation))
    }

    /// Read-modify-write of the file under its exclusive lock, keeping the cache in step.
    /// `touched`: the entries `change` may change (`None`: any). The outer error is a failure
    /// before `change` ran; the inner one a failed write of its result.
    fn apply_and_write<T>(
        &self,
        change: impl FnOnce(&mut Sessions) -> T,
        touched: Option<&[String]>,
    ) -> Result<(T, Result<(), StoreError>), StoreError> {
        if let Some(dir) = self.path.parent()
            && !dir.is_dir()
        {
            store::create_dir_private(dir)?;
        }
        let _lock = FileLock::exclusive(&self.path)?;
        let trusted = self.trusted()?;
        let mut cache = lock(&self.cache);
        if trusted.is_none() || cache.as_ref().map(|c| c.generation) != trusted {
            drop(cache);
            let (sessions, file) = self.load(false)?;
            cache = lock(&self.cache);
            *cache = Some(Cached::new(sessions, file));
        }
        let Some(c) = cache.as_mut() else { unreachable!("the cache was filled above") };
        let out = change(&mut c.sessions);
        c.file = None;
        let generation = c.generation;
        let bytes = c.encode(touched);
        drop(cache);
        let written = store::write_atomic(&self.path, &bytes, store::PRIVATE_FILE)
            .map_err(StoreError::from)
            .and_then(|()| stat(&self.path));
        let mut cache = lock(&self.cache);
        let written = match written {
            Ok(id) => {
                if let Some(c) = cache.as_mut().filter(|c| c.generation == generation) {
                    let recorded = SystemTime::now();
                    c.file = Some(FileState { id, fingerprint: fingerprint(&bytes), recorded });
                }
                Ok(())
            }
            Err(e) => {
                // The map holds a change the file does not: read the file again next time.
                *cache = None;
                Err(e)
            }
        };
        Ok((out, written))
    }

    /// Writes everything queued, batch after batch, until the queue is empty.
    fn flush(&self) {
        loop {
            let wait = {
                let q = lock(&self.queue);
                match q.last_end {
                    Some(end) if q.last_batch > 1 => LINGER.saturating_sub(end.elapsed()),
                    _ => Duration::ZERO,
                }
            };
            if !wait.is_zero() {
                std::thread::sleep(wait);
            }
            let batch = {
                let mut q = lock(&self.queue);
                if q.pending.is_empty() {
                    q.flushing = false;
                    q.last_batch = 0;
                    return;
                }
                std::mem::take(&mut q.pending)
            };
            let size = batch.len();
            let keys: Vec<String> = batch.iter().map(|p| p.key().to_string()).collect();
            let mut batch = Some(batch);
            // A change that panics must not take the writer down: later commits would wait for
            // it forever. Its batch's callers see their reply dropped ("writer stopped"), and
            // the map it was changing is read from disk again.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.apply_and_write(
                    |sessions| {
                        let pending = batch.take().unwrap_or_default();
                        pending.into_iter().map(|p| p.apply(sessions)).collect::<Vec<_>>()
                    },
                    Some(&keys),
                )
            }));
            match result {
                Ok(Ok((applied, written))) => {
                    applied.into_iter().for_each(|a| a.done(written.as_ref().map(|_| ())))
                }
                Ok(Err(e)) => batch.into_iter().flatten().for_each(|p| p.fail(&e)),
                Err(_) => *lock(&self.cache) = None,
            }
            let mut q = lock(&self.queue);
            q.last_batch = size;
            q.last_end = Some(std::time::Instant::now());
        }
    }
}

fn next_generation() -> u64 {
    GENERATION.fetch_add(1, Ordering::Relaxed)
}

fn stat(path: &Path) -> Result<Option<FileStamp>, StoreError> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(Some(FileStamp::of(&m))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(IoError::at("reading", path)(e).into()),
    }
}

/// The file's bytes and the identity of the inode they were read from.
fn read_with_id(path: &Path) -> Result<(Vec<u8>, Option<FileStamp>), StoreError> {
    let Some((file, meta)) = store::open_state_file(path, store::CAP_SESSIONS)? else {
        return Ok((Vec::new(), None));
    };
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(store::CAP_SESSIONS + 1).read_to_end(&mut bytes).map_err(IoError::at("reading", path))?;
    Ok((bytes, Some(FileStamp::of(&meta))))
}

/// A fast 64-bit fingerprint of the content (FxHash's mixing, eight bytes at a time).
fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    let mut h = bytes.len() as u64;
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
    }
    chunks.remainder().iter().fold(h, |h, &b| mix(h, u64::from(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::home::Home;
    use crate::session::SessionKey;

    fn store() -> (tempfile::TempDir, SessionStore) {
        let dir = tempfile::tempdir().unwrap();
        let s = SessionStore::open(&Home::new(dir.path()), "main");
        (dir, s)
    }

    fn count(s: &SessionStore, key: &str) -> u64 {
        s.with_cached(|m| m.get(key).map_or(0, |e| e.message_count)).unwrap()
    }

    async fn bump(s: &SessionStore, key: &str) -> u64 {
        let change = |e: &mut SessionEntry| {
            e.message_count += 1;
            e.message_count
        };
        s.commit_entry(key.to_string(), || SessionEntry::new(1), change).await.unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_commits_all_land_and_the_file_reads_back() {
        let (_dir, s) = store();
        let mut tasks = Vec::new();
        for t in 0..8 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                for _ in 0..25 {
                    bump(&s, &format!("agent:main:cli:peer:p{}", t % 4)).await;
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        // What the file says, parsed from scratch (another process's view).
        let on_disk = s.read_raw().unwrap().sessions().unwrap();
        assert_eq!(on_disk.len(), 4);
        assert!(on_disk.values().all(|e| e.message_count == 50), "{on_disk:?}");
        assert_eq!(count(&s, "agent:main:cli:peer:p0"), 50);
    }

    #[tokio::test]
    async fn a_change_made_by_another_writer_is_read_back_and_kept() {
        let (_dir, s) = store();
        bump(&s, "agent:main:main").await;
        // Another process: reads and writes the file itself, not through this cache.
        let mut locked = s.lock().unwrap();
        let mut foreign = SessionEntry::new(5);
        foreign.extra.insert("note".into(), serde_json::json!("kept"));
        locked.sessions.insert("agent:main:cli:peer:other".into(), foreign);
        locked.sessions.get_mut("agent:main:main").unwrap().message_count = 10;
        locked.save().unwrap();
        drop(locked);
        assert_eq!(count(&s, "agent:main:main"), 10, "the cached copy noticed the new file");
        assert_eq!(bump(&s, "agent:main:main").await, 11);
        let on_disk = s.read_raw().unwrap().sessions().unwrap();
        assert_eq!(on_disk["agent:main:main"].message_count, 11);
        assert_eq!(on_disk["agent:main:cli:peer:other"].extra["note"], "kept");
    }

    #[tokio::test]
    async fn sync_updates_and_commits_share_one_copy() {
        let (_dir, s) = store();
        let key = SessionKey::main("main");
        s.upsert(&key, SessionEntry::new(3)).unwrap();
        assert_eq!(bump(&s, "agent:main:main").await, 1);
        s.update(|m| m.get_mut("agent:main:main").unwrap().message_count = 7).unwrap();
        assert_eq!(bump(&s, "agent:main:main").await, 8);
        s.remove(&key).unwrap();
        assert_eq!(bump(&s, "agent:main:main").await, 1, "a removed entry starts again");
        assert_eq!(s.read_raw().unwrap().sessions().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_corrupt_file_fails_the_commit_and_is_left_alone() {
        let (_dir, s) = store();
        bump(&s, "agent:main:main").await;
        let bad = "{\n  \"agent:main:main\": {,}\n}\n";
        std::fs::write(s.path(), bad).unwrap();
        let err = s
            .commit_entry("agent:main:main".into(), || SessionEntry::new(1), |e| e.message_count += 1)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("sessions.json:2:"), "{err}");
        assert_eq!(std::fs::read_to_string(s.path()).unwrap(), bad);
        assert!(s.with_cached(|_| ()).is_err(), "readers see the error too");
    }

    #[tokio::test]
    async fn a_panicking_change_fails_its_caller_and_later_commits_still_land() {
        let (_dir, s) = store();
        let err = s
            .commit_entry("agent:main:main".into(), || SessionEntry::new(1), |_| panic!("a bug in a change"))
            .await;
        assert!(err.unwrap_err().to_string().contains("writer stopped"));
        assert_eq!(bump(&s, "agent:main:main").await, 1);
        assert_eq!(s.read_raw().unwrap().sessions().unwrap()["agent:main:main"].message_count, 1);
    }

    #[test]
    fn encoded_lines_match_a_full_encode() {
        let mut sessions = Sessions::new();
        for i in 0..5 {
            sessions.insert(format!("agent:main:cli:peer:p{i}"), SessionEntry::new(i));
        }
        let file = FileState { id: None, fingerprint: 0, recorded: SystemTime::now() };
        let mut c = Cached::new(sessions, file);
        assert_eq!(c.encode(None), super::super::store::encode(&c.sessions));
        c.sessions.get_mut("agent:main:cli:peer:p2").unwrap().message_count = 9;
        c.sessions.insert("agent:main:cli:peer:new".into(), SessionEntry::new(9));
        let touched = ["agent:main:cli:peer:p2".to_string(), "agent:main:cli:peer:new".to_string()];
        assert_eq!(c.encode(Some(&touched)), super::super::store::encode(&c.sessions));
    }
}
