//! Memory (DESIGN §8): plain Markdown files in an agent's workspace — `MEMORY.md` (long-term)
//! and `memory/YYYY-MM-DD.md` (daily logs). This module lists them in a fixed order, appends
//! timestamped entries durably ([`daily`]), searches them fast ([`grep`]) and ranks chunks of them
//! against a query ([`search`], BM25 computed from the files on each search).
//!
//! It owns the files' format and order, not the config or the output: callers say which agent,
//! which zone "today" is in, and what to do with each match.

pub mod daily;
pub mod grep;
pub mod search;

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::civil::Date;

pub use daily::DateRange;

use crate::home::Home;
use crate::store::{self, IoError};

/// File name of the long-term memory, relative to the workspace.
pub const LONG_MEMORY: &str = "MEMORY.md";
/// Folder of the daily logs, relative to the workspace.
pub const DAILY_DIR: &str = "memory";

/// Why a memory operation failed.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// Reading or writing a file failed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The text to append holds nothing but whitespace.
    #[error("nothing to append: the text is empty")]
    EmptyText,
    /// The agent has no workspace folder to write into.
    #[error("agent {agent:?} has no workspace at {}", .path.display())]
    NoWorkspace {
        /// The agent id.
        agent: String,
        /// Where the workspace should be.
        path: PathBuf,
    },
}

/// A day the user wrote that is not `today`, `yesterday` or a real `YYYY-MM-DD` date.
#[derive(Debug, thiserror::Error)]
#[error("invalid date {input:?}: expected YYYY-MM-DD, today or yesterday")]
pub struct DateError {
    /// The text as given.
    pub input: String,
}

/// One memory file of an agent, as listed for a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryFile {
    /// Path relative to the workspace, `/`-separated: `MEMORY.md`, `memory/2026-11-23.md`.
    pub rel: String,
    /// Full path.
    pub path: PathBuf,
    /// The day of a daily log; `None` for `MEMORY.md` and undated files in `memory/`.
    pub date: Option<Date>,
}

/// The memory files of `agent`, in search order: `MEMORY.md`, then daily logs by date, then any
/// other `memory/*.md` by name. Files that do not exist are left out; only regular files count
/// (no symlinks, no hidden files, no subfolders).
///
/// With a bounded `range`, only daily logs dated inside it are listed: `MEMORY.md` and undated
/// files have no date, so a date filter excludes them.
pub fn files(home: &Home, agent: &str, range: DateRange) -> Result<Vec<MemoryFile>, MemoryError> {
    let mut out = Vec::new();
    let long = home.long_memory(agent);
    if !range.is_bounded() && long.symlink_metadata().is_ok_and(|m| m.is_file()) {
        out.push(MemoryFile { rel: LONG_MEMORY.into(), path: long, date: None });
    }
    let mut dated = Vec::new();
    let mut undated = Vec::new();
    for (name, path) in md_files(&home.daily_memory_dir(agent))? {
        let rel = format!("{DAILY_DIR}/{name}");
        match daily::date_of_file_name(&name) {
            Some(date) if range.contains(date) => dated.push(MemoryFile { rel, path, date: Some(date) }),
            Some(_) => {}
            None if !range.is_bounded() => undated.push(MemoryFile { rel, path, date: None }),
            None => {}
        }
    }
    dated.sort_by_key(|f| f.date);
    undated.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.extend(dated);
    out.extend(undated);
    Ok(out)
}

/// Regular, non-hidden `*.md` files directly in `dir` as (name, path); a missing `dir` is empty.
fn md_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, IoError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(IoError::at("listing", dir)(e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(IoError::at("listing", dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !name.ends_with(".md") {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            out.push((name, entry.path()));
        }
    }
    Ok(out)
}

/// Reads a memory file; `None` when it does not exist.
pub fn read(path: &Path) -> Result<Option<Vec<u8>>, IoError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(IoError::at("reading", path)(e)),
    }
}

/// What an append wrote, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The file appended to.
    pub path: PathBuf,
    /// The exact text appended (one or more lines, newline-terminated).
    pub entry: String,
    /// Whether this append created the file.
    pub created: bool,
    /// The daily log's day; `None` for `MEMORY.md`.
    pub date: Option<Date>,
}

/// Appends `text` to `MEMORY.md` as one entry stamped with date and time
/// (`- 2026-11-23 14:03 text`), creating the file (headed `# Memory`) when missing. One
/// `O_APPEND` write.
pub fn append_long(
    home: &Home,
    agent: &str,
    now: &ZonedDateTime,
    text: &str,
) -> Result<Appended, MemoryError> {
    let stamp = format!("{} {:02}:{:02}", now.date(), now.hour(), now.minute());
    let entry = entry_lines(&stamp, text)?;
    require_workspace(home, agent)?;
    let path = home.long_memory(agent);
    // A MEMORY.md that does not end in a newline would glue our entry onto its last line.
    let glue = match std::fs::read(&path) {
        Ok(bytes) => !bytes.is_empty() && !bytes.ends_with(b"\n"),
        Err(_) => false,
    };
    let record = if glue { format!("\n{entry}") } else { entry.clone() };
    let created = store::append_or_create(&path, b"# Memory\n\n", record.as_bytes(), store::PRIVATE_FILE)?;
    Ok(Appended { path, entry, created, date: None })
}

/// `- <stamp> first line`, following lines indented two spaces; blank edges trimmed, trailing
/// spaces dropped, interior blank lines kept empty.
fn entry_lines(stamp: &str, text: &str) -> Result<String, MemoryError> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let start = lines.iter().position(|l| !l.trim().is_empty()).ok_or(MemoryError::EmptyText)?;
    let end = lines.iter().rposition(|l| !l.trim().is_empty()).map_or(start, |i| i + 1);
    let mut out = String::with_capacity(text.len() + stamp.len() + 8);
    for (i, line) in lines[start..end].iter().enumerate() {
        if i == 0 {
            out.push_str("- ");
            out.push_str(stamp);
            out.push(' ');
            out.push_str(line.trim_start());
        } else if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
        out.push('\n');
    }
    Ok(out)
}

fn require_workspace(home: &Home, agent: &str) -> Result<(), MemoryError> {
    let path = home.workspace(agent);
    if path.is_dir() { Ok(()) } else { Err(MemoryError::NoWorkspace { agent: agent.into(), path }) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the text, an entry is exactly one top-level list item: readers that count
        /// `- ` lines (or look for `# ` headings) are never fooled by what a user wrote.
        #[test]
        fn an_entry_is_one_list_item(text in "[ -~\n\t]{0,200}") {
            match entry_lines("14:03", &text) {
                Err(MemoryError::EmptyText) => prop_assert!(text.trim().is_empty()),
                Err(e) => prop_assert!(false, "{e}"),
                Ok(entry) => {
                    prop_assert!(entry.starts_with("- 14:03 "));
                    prop_assert!(entry.ends_with('\n') && !entry.ends_with("\n\n"));
                    for line in entry.lines().skip(1) {
                        prop_assert!(line.is_empty() || line.starts_with("  "), "{line:?}");
                    }
                    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
                    prop_assert_eq!(words(&entry)[2..].to_vec(), words(&text));
                }
            }
        }
    }

    fn home_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Home) {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        for (rel, text) in files {
            let p = home.workspace("main").join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        (dir, home)
    }

    #[test]
    fn files_in_search_order() {
        let (_d, home) = home_with(&[
            ("memory/2026-11-23.md", ""),
            ("memory/zz.md", ""),
            ("memory/2025-01-02.md", ""),
            ("memory/.hidden.md", ""),
            ("memory/a.txt", ""),
            ("MEMORY.md", ""),
            ("memory/aa.md", ""),
        ]);
        let rels = |r| files(&home, "main", r).unwrap().into_iter().map(|f| f.rel).collect::<Vec<_>>();
        assert_eq!(
            rels(DateRange::default()),
            ["MEMORY.md", "memory/2025-01-02.md", "memory/2026-11-23.md", "memory/aa.md", "memory/zz.md"]
        );
        assert_eq!(rels(DateRange { since: Some(date(2026, 1, 1)), until: None }), ["memory/2026-11-23.md"]);
    }

    #[test]
    fn long_append_creates_and_keeps_lines_apart() {
        let (_d, home) = home_with(&[("MEMORY.md", "# Memory\nno newline at end")]);
        let now = date(2026, 11, 23).at(9, 5, 0, 0).to_zoned_datetime(jiff::tz::TimeZone::UTC).unwrap();
        let a = append_long(&home, "main", &now, "likes tea").unwrap();
        assert!(!a.created);
        assert_eq!(
            std::fs::read_to_string(home.long_memory("main")).unwrap(),
            "# Memory\nno newline at end\n- 2026-11-23 09:05 likes tea\n"
        );
        let (_d2, fresh) = home_with(&[("AGENTS.md", "")]);
        assert!(append_long(&fresh, "main", &now, "likes tea").unwrap().created);
        let text = std::fs::read_to_string(fresh.long_memory("main")).unwrap();
        assert_eq!(text, "# Memory\n\n- 2026-11-23 09:05 likes tea\n");
        let err = append_long(&home, "ghost", &now, "x").unwrap_err();
        assert!(matches!(err, MemoryError::NoWorkspace { .. }), "{err}");
    }
}
