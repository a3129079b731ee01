//! Workspace confinement for file tools (DESIGN §4): a path the model gives is resolved, checked to
//! lie inside the agent's workspace, and then opened without following symlinks.
//!
//! Two layers:
//! 1. [`resolve_in_workspace`] rejects `..`, NUL bytes, over-long paths and absolute paths outside
//!    the workspace, then resolves symlinks (of the target, or for a write of its deepest existing
//!    ancestor) with `canonicalize` and checks the result lies inside the canonical workspace.
//! 2. [`open_read`] and [`write_file`] then walk the *resolved* relative path from the workspace one
//!    component at a time with `openat(O_NOFOLLOW)`: if anything swapped a directory or the file for
//!    a symlink after the check (time-of-check/time-of-use), the open fails instead of following
//!    it. Writes go to a temporary file in the same directory and `renameat` over the target.
//!
//! Not covered: hard links to outside files that already exist in the workspace (a path check cannot
//! tell them apart; creating one needs `exec`, which the sandbox confines), and bind mounts.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use rustix::fs::{AtFlags, Mode, OFlags};

/// Longest path accepted, in bytes (Linux `PATH_MAX`).
const MAX_PATH: usize = 4096;
/// Longest file name component, in bytes (Linux `NAME_MAX`).
const MAX_NAME: usize = 255;

/// Why a path was refused; each message is one sentence for the model.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    /// An empty path.
    #[error("path is empty")]
    Empty,
    /// A NUL byte.
    #[error("path contains a NUL byte")]
    Nul,
    /// Longer than the system allows.
    #[error("path is too long ({0} bytes; at most 4096, and 255 per name)")]
    TooLong(usize),
    /// A `..` component.
    #[error("path \"{0}\" contains \"..\"; paths must stay inside the workspace")]
    ParentDir(String),
    /// Absolute, and not below the workspace.
    #[error("path \"{0}\" is outside the workspace; use a path relative to the workspace")]
    Outside(String),
    /// A symlink (of the target or a parent) resolves outside the workspace.
    #[error("path \"{0}\" resolves through a symlink to outside the workspace")]
    SymlinkEscape(String),
    /// A symlink whose target does not exist.
    #[error("path \"{0}\" is a symlink to a missing target")]
    DanglingSymlink(String),
    /// Nothing there (reads only).
    #[error("no such file: \"{0}\"")]
    NotFound(String),
    /// The workspace itself is missing.
    #[error("the workspace {} does not exist", .0.display())]
    NoWorkspace(PathBuf),
    /// Any other I/O failure while resolving.
    #[error("cannot resolve \"{path}\": {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The cause.
        source: io::Error,
    },
}

/// A path resolved inside a workspace: the canonical workspace and a relative path below it that
/// contains no symlinks, `.` or `..` (at the time of the check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The canonical workspace directory.
    pub root: PathBuf,
    /// Relative path below `root`; empty for the workspace itself.
    pub rel: PathBuf,
}

impl Resolved {
    /// The absolute path.
    pub fn abs(&self) -> PathBuf {
        self.root.join(&self.rel)
    }

    /// The path as shown to the model: relative, `.` for the workspace itself.
    pub fn display(&self) -> String {
        if self.rel.as_os_str().is_empty() { ".".into() } else { self.rel.display().to_string() }
    }
}

/// Resolves `path` (relative to `workspace`, or absolute below it) and checks that it cannot reach
/// outside. For a read the target must exist; for a write (`for_write`) it may not, and then its
/// deepest existing ancestor is checked instead. A symlink is allowed only when it resolves inside.
pub fn resolve_in_workspace(workspace: &Path, path: &str, for_write: bool) -> Result<Resolved, PathError> {
    if path.is_empty() {
        return Err(PathError::Empty);
    }
    if path.contains('\0') {
        return Err(PathError::Nul);
    }
    if path.len() > MAX_PATH {
        return Err(PathError::TooLong(path.len()));
    }
    let root = workspace.canonicalize().map_err(|_| PathError::NoWorkspace(workspace.into()))?;
    let given = Path::new(path);
    let relative = if given.is_absolute() {
        given
            .strip_prefix(workspace)
            .or_else(|_| given.strip_prefix(&root))
            .map_err(|_| PathError::Outside(path.into()))?
    } else {
        given
    };
    let mut rel = PathBuf::new();
    for c in relative.components() {
        match c {
            Component::Normal(name) if name.len() > MAX_NAME => {
                return Err(PathError::TooLong(name.len()));
            }
            Component::Normal(name) => rel.push(name),
            Component::CurDir => {}
            Component::ParentDir => return Err(PathError::ParentDir(path.into())),
            Component::RootDir | Component::Prefix(_) => return Err(PathError::Outside(path.into())),
        }
    }
    let joined = root.join(&rel);
    let inside = |real: PathBuf| -> Result<Resolved, PathError> {
        match real.strip_prefix(&root) {
            Ok(r) => Ok(Resolved { root: root.clone(), rel: r.to_path_buf() }),
            Err(_) => Err(PathError::SymlinkEscape(path.into())),
        }
    };
    let io_err = |source: io::Error| PathError::Io { path: path.into(), source };

    match std::fs::symlink_metadata(&joined) {
        Ok(meta) => match joined.canonicalize() {
            Ok(real) => inside(real),
            Err(e) if e.kind() == io::ErrorKind::NotFound && meta.is_symlink() => {
                // Say "escape" rather than "dangling" when the link text already points outside.
                match std::fs::read_link(&joined) {
                    Ok(t) if t.is_absolute() && !t.starts_with(&root) => {
                        Err(PathError::SymlinkEscape(path.into()))
                    }
                    _ => Err(PathError::DanglingSymlink(path.into())),
                }
            }
            Err(e) => Err(io_err(e)),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if !for_write {
                // A parent may be a symlink pointing outside: report the escape, not "missing".
                check_deepest_ancestor(&root, &rel, path)?;
                return Err(PathError::NotFound(path.into()));
            }
            check_deepest_ancestor(&root, &rel, path)
        }
        Err(e) => Err(io_err(e)),
    }
}

/// For a target that does not exist: resolves its deepest existing ancestor, checks it, and
/// appends the missing components (plain names, since `..` was rejected).
fn check_deepest_ancestor(root: &Path, rel: &Path, path: &str) -> Result<Resolved, PathError> {
    let names: Vec<&OsStr> = rel.iter().collect();
    for keep in (0..names.len()).rev() {
        let ancestor: PathBuf = root.join(names[..keep].iter().collect::<PathBuf>());
        let meta = match std::fs::symlink_metadata(&ancestor) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(PathError::Io { path: path.into(), source: e }),
        };
        let real = match ancestor.canonicalize() {
            Ok(r) => r,
            Err(_) if meta.is_symlink() => return Err(PathError::DanglingSymlink(path.into())),
            Err(e) => return Err(PathError::Io { path: path.into(), source: e }),
        };
        let Ok(base) = real.strip_prefix(root) else {
            return Err(PathError::SymlinkEscape(path.into()));
        };
        let mut rel = base.to_path_buf();
        rel.extend(&names[keep..]);
        return Ok(Resolved { root: root.to_path_buf(), rel });
    }
    Err(PathError::NoWorkspace(root.into()))
}

/// Opens the directory `rel` below `root`, one component at a time, never following a symlink.
/// With `create`, missing directories are made (mode 0700).
fn open_dir_beneath(root: &Path, rel: &Path, create: bool) -> io::Result<OwnedFd> {
    let dir_flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let mut dir = rustix::fs::open(root, dir_flags, Mode::empty())?;
    for name in rel.iter() {
        let next = match rustix::fs::openat(&dir, name, dir_flags, Mode::empty()) {
            Err(rustix::io::Errno::NOENT) if create => {
                match rustix::fs::mkdirat(&dir, name, Mode::from_raw_mode(0o700)) {
                    Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                    Err(e) => return Err(e.into()),
                }
                rustix::fs::openat(&dir, name, dir_flags, Mode::empty())?
            }
            other => other?,
        };
        dir = next;
    }
    Ok(dir)
}

/// What a resolved path is, checked again without following symlinks.
pub(crate) enum Opened {
    /// A regular file, open for reading.
    File(File),
    /// A directory, open for listing.
    Dir(OwnedFd),
}

/// Opens a resolved path for reading with `O_NOFOLLOW` at every step.
pub(crate) fn open_read(r: &Resolved) -> io::Result<Opened> {
    let Some(name) = r.rel.file_name() else {
        return Ok(Opened::Dir(open_dir_beneath(&r.root, Path::new(""), false)?));
    };
    let parent = r.rel.parent().unwrap_or(Path::new(""));
    let dir = open_dir_beneath(&r.root, parent, false)?;
    let fd = rustix::fs::openat(
        &dir,
        name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK,
        Mode::empty(),
    )?;
    let stat = rustix::fs::fstat(&fd)?;
    let kind = rustix::fs::FileType::from_raw_mode(stat.st_mode);
    match kind {
        rustix::fs::FileType::RegularFile => Ok(Opened::File(File::from(fd))),
        rustix::fs::FileType::Directory => Ok(Opened::Dir(fd)),
        _ => Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file")),
    }
}

/// Replaces (or creates) the file at a resolved path with `bytes`: parents are created inside the
/// workspace, the data goes to a temporary file beside the target, is synced, and is renamed over
/// it, so readers see the old or the new content. An existing file keeps its permission bits; a
/// new one gets 0600.
pub(crate) fn write_file(r: &Resolved, bytes: &[u8]) -> io::Result<()> {
    let Some(name) = r.rel.file_name() else {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "is the workspace directory"));
    };
    let parent = r.rel.parent().unwrap_or(Path::new(""));
    let dir = open_dir_beneath(&r.root, parent, true)?;
    let mode = match rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => match rustix::fs::FileType::from_raw_mode(st.st_mode) {
            rustix::fs::FileType::RegularFile => st.st_mode & 0o7777,
            rustix::fs::FileType::Directory => {
                return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory"));
            }
            _ => return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file")),
        },
        Err(rustix::io::Errno::NOENT) => 0o600,
        Err(e) => return Err(e.into()),
    };
    let mut tmp_name = b".tmp-openclaw-".to_vec();
    tmp_name.extend_from_slice(uuid::Uuid::new_v4().simple().to_string().as_bytes());
    let tmp_name = OsStr::from_bytes(&tmp_name);
    let fd = rustix::fs::openat(
        &dir,
        tmp_name,
        OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::from_raw_mode(mode),
    )?;
    let mut file = File::from(fd);
    let written = file
        .write_all(bytes)
        .and_then(|()| rustix::fs::fchmod(&file, Mode::from_raw_mode(mode)).map_err(io::Error::from))
        .and_then(|()| file.sync_all())
        .and_then(|()| rustix::fs::renameat(&dir, tmp_name, &dir, name).map_err(io::Error::from));
    if let Err(e) = written {
        let _ = rustix::fs::unlinkat(&dir, tmp_name, AtFlags::empty());
        return Err(e);
    }
    // Best effort: not every filesystem can sync a directory.
    let _ = rustix::fs::fsync(&dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_resolve_and_dots_vanish() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path();
        std::fs::write(ws.join("a.md"), "x").unwrap();
        let r = resolve_in_workspace(ws, "./a.md", false).unwrap();
        assert_eq!(r.rel, PathBuf::from("a.md"));
        let r = resolve_in_workspace(ws, "new/dir/b.md", true).unwrap();
        assert_eq!(r.rel, PathBuf::from("new/dir/b.md"));
        assert_eq!(resolve_in_workspace(ws, ".", false).unwrap().display(), ".");
    }

    #[test]
    fn refusals_name_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path();
        assert!(matches!(resolve_in_workspace(ws, "../x", true), Err(PathError::ParentDir(_))));
        assert!(matches!(resolve_in_workspace(ws, "/etc/passwd", false), Err(PathError::Outside(_))));
        assert!(matches!(resolve_in_workspace(ws, "a\0b", true), Err(PathError::Nul)));
        assert!(matches!(resolve_in_workspace(ws, "", true), Err(PathError::Empty)));
        assert!(matches!(resolve_in_workspace(ws, "missing", false), Err(PathError::NotFound(_))));
    }

    /// The check happened, then something swapped a directory for a symlink pointing out: the
    /// no-follow walk must fail rather than write or read through it.
    #[test]
    fn swapping_a_directory_for_a_symlink_after_the_check_does_not_escape() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(ws.join("d")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(ws.join("d/f"), "inside").unwrap();
        std::fs::write(outside.join("f"), "outside").unwrap();
        let w = resolve_in_workspace(&ws, "d/new.txt", true).unwrap();
        let r = resolve_in_workspace(&ws, "d/f", false).unwrap();
        std::fs::rename(ws.join("d"), ws.join("d.old")).unwrap();
        std::os::unix::fs::symlink(&outside, ws.join("d")).unwrap();
        assert!(write_file(&w, b"pwned").is_err());
        assert!(!outside.join("new.txt").exists());
        assert!(open_read(&r).is_err());
        // The same for the final component.
        std::fs::remove_file(ws.join("d")).unwrap();
        std::fs::rename(ws.join("d.old"), ws.join("d")).unwrap();
        std::fs::remove_file(ws.join("d/f")).unwrap();
        std::os::unix::fs::symlink(outside.join("f"), ws.join("d/f")).unwrap();
        assert!(open_read(&r).is_err());
        assert!(write_file(&r, b"pwned").is_err());
        assert_eq!(std::fs::read_to_string(outside.join("f")).unwrap(), "outside");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever path the model makes up from these pieces, an accepted path never leads
        /// outside: every existing prefix of the result resolves inside the workspace.
        #[test]
        fn accepted_paths_stay_inside(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["..", ".", "a", "b", "out", "inner", "dangle", "", "x.md"]),
                1..6,
            ),
            absolute in proptest::bool::ANY,
            for_write in proptest::bool::ANY,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let ws = dir.path().join("ws");
            std::fs::create_dir_all(ws.join("a/b")).unwrap();
            std::fs::create_dir_all(dir.path().join("outside/a")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("outside"), ws.join("out")).unwrap();
            std::os::unix::fs::symlink("a", ws.join("inner")).unwrap();
            std::os::unix::fs::symlink("../outside/missing", ws.join("dangle")).unwrap();
            let mut path = parts.join("/");
            if absolute {
                path = format!("{}/{path}", ws.display());
            }
            if let Ok(r) = resolve_in_workspace(&ws, &path, for_write) {
                let root = ws.canonicalize().unwrap();
                proptest::prop_assert_eq!(&r.root, &root);
                let mut prefix = r.root.clone();
                for c in r.rel.components() {
                    proptest::prop_assert!(matches!(c, Component::Normal(_)), "{:?}", r.rel);
                    prefix.push(c);
                    if let Ok(real) = prefix.canonicalize() {
                        proptest::prop_assert!(real.starts_with(&root), "{path} -> {}", real.display());
                    }
                }
            }
        }
    }
}
