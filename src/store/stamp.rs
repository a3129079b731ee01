//! What identifies a file's content at one moment without reading it, for in-memory copies that
//! must notice when the file changes: device, inode, size, mtime and ctime. A copy is trusted by
//! its stamp only when the file last changed well before the copy was taken: two writes within
//! one tick of the file clock can leave the same stamp (git's "racy clean" rule).

use std::os::unix::fs::MetadataExt;
use std::time::{Duration, SystemTime};

/// File times come from the kernel's coarse clock (a scheduler tick, up to 10 ms); the margin is
/// generous.
const GRANULARITY: Duration = Duration::from_millis(50);

/// A file's identity and change times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl FileStamp {
    /// The stamp of the file `m` describes.
    pub fn of(m: &std::fs::Metadata) -> Self {
        Self {
            dev: m.dev(),
            ino: m.ino(),
            len: m.size(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        }
    }

    /// Whether a copy of the content taken at `taken` may differ from the file even though the
    /// stamp is the same: the file changed within the clock's resolution of that moment.
    pub fn racy(&self, taken: SystemTime) -> bool {
        let at = |(s, ns): (i64, i64)| {
            SystemTime::UNIX_EPOCH
                + Duration::from_secs(s.max(0) as u64)
                + Duration::from_nanos(ns.max(0) as u64)
        };
        taken < at(self.mtime).max(at(self.ctime)) + GRANULARITY
    }

    /// A stamp for tests: `len` bytes, changed at `changed`.
    #[cfg(test)]
    pub fn for_test(len: u64, changed: SystemTime) -> Self {
        let d = changed.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
        let t = (d.as_secs() as i64, i64::from(d.subsec_nanos()));
        Self { dev: 1, ino: 2, len, mtime: t, ctime: t }
    }
}
