//! System prompt assembly (DESIGN §4): the text the model gets before a turn's history, built
//! from the runtime facts the caller passes in and the agent's workspace files. It reads files
//! but never writes, never prints, and never fails: a file that cannot be read becomes a one-line
//! note in the prompt, so a broken workspace degrades a turn instead of stopping it.
//!
//! Layout, in order, sections separated by a blank line — what stays the same turn after turn
//! first, what changes last, so a model server's prompt cache (llama.cpp's, Anthropic's, OpenAI's)
//! reuses everything before the runtime line ([`Prompt::stable_len`]):
//!
//! 1. `## Tools`: the tool names only — their schemas (with descriptions) travel separately in the
//!    request, and repeating them here would pay for the same text twice;
//! 2. `## Skills`: name, description and path of each `skills/*/SKILL.md` ([`super::skills`]);
//!    the model reads a skill's file when it needs it;
//! 3. `## AGENTS.md`, `## SOUL.md`, `## TOOLS.md`, `## IDENTITY.md`, `## USER.md`,
//!    `## BOOTSTRAP.md` (first run only), `## MEMORY.md`: each file's text;
//! 4. one runtime line: agent, model, channel, weekday, date, time and zone (the caller puts a
//!    compaction summary just before it).
//!
//! Limits (`agents.<id>.prompt`): each file is cut at `maxFileBytes`, and the whole prompt at
//! `maxTotalBytes` by cutting the files last in the order first (MEMORY.md before USER.md …),
//! each cut ending in a visible marker that says how much is left and how to get it. Cuts fall on
//! a line break when one is near, never inside a UTF-8 character. Files left no room at all are
//! named in one closing note. The runtime line and the tool names are never cut; the markers may
//! take the prompt up to a few hundred bytes past `maxTotalBytes`.
//! Missing and empty files are left out without a heading.
//!
//! First run: BOOTSTRAP.md asks the agent to introduce itself and then delete the file. It is
//! included while the file exists and the turn belongs to the agent's first conversation
//! ([`first_run`]): no transcript was ever archived and no other session holds messages. So a
//! multi-turn first conversation keeps it, and an agent that forgot to delete it is not bootstrapped
//! again a day later.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use jiff::ZonedDateTime;
use serde::Serialize;

use super::skills::{self, Skill};
use crate::config::PromptConfig;
use crate::home::{Home, WORKSPACE_FILES};
use crate::store::FileStamp;

/// The bootstrap file included on the first run only.
pub const BOOTSTRAP_FILE: &str = "BOOTSTRAP.md";
/// The long-term memory file, reachable through `memory_search` when cut.
const MEMORY_FILE: &str = "MEMORY.md";
const NOT_A_FILE: &str = "it is not a regular file";
/// Budget kept for a file's heading and truncation marker when fitting it into the total.
const MARKER_RESERVE: usize = 160;
/// A file that would get less than this many bytes of the total is left out, named in one note at
/// the end.
const MIN_USEFUL: usize = 200;
/// Longest skill description put into the prompt, in bytes.
const MAX_SKILL_DESCRIPTION: usize = 240;

/// Size limits of the prompt, from `agents.<id>.prompt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromptLimits {
    /// Bytes of one workspace file before it is cut.
    pub max_file_bytes: usize,
    /// Bytes of the whole prompt.
    pub max_total_bytes: usize,
}

impl From<&PromptConfig> for PromptLimits {
    fn from(c: &PromptConfig) -> Self {
        Self { max_file_bytes: c.max_file_bytes, max_total_bytes: c.max_total_bytes }
    }
}

impl Default for PromptLimits {
    fn default() -> Self {
        (&PromptConfig::default()).into()
    }
}

/// Everything a turn knows that the prompt states.
#[derive(Debug, Clone)]
pub struct PromptInput<'a> {
    /// The home, for the workspace's path.
    pub home: &'a Home,
    /// The agent id.
    pub agent: &'a str,
    /// The effective model, `provider/model`.
    pub model: &'a str,
    /// Where the message came from: `telegram`, `webchat`, … or `cli` for `openclaw send`.
    pub channel: &'a str,
    /// The current time in the configured zone (`session.reset.timezone`).
    pub now: &'a ZonedDateTime,
    /// Names of the tools the agent may call this turn, in the order they are offered.
    pub tools: &'a [&'a str],
    /// Whether to include BOOTSTRAP.md (see [`first_run`]).
    pub first_run: bool,
    /// Size limits.
    pub limits: PromptLimits,
}

/// An assembled system prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Prompt {
    /// The prompt text.
    pub text: String,
    /// What went into it, in order: for `/status`, `--verbose` and tests.
    pub sections: Vec<SectionInfo>,
    /// Bytes at the start of `text` that do not depend on the time or the channel (everything
    /// before the runtime line): the prefix a prompt cache can reuse from one turn to the next.
    pub stable_len: usize,
}

/// One section of a [`Prompt`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionInfo {
    /// `runtime`, `tools`, `skills`, a file name such as `MEMORY.md` (0 bytes when the total
    /// limit left it out), or `left out` (the note naming those files).
    pub name: String,
    /// Bytes of the section in the prompt text (heading and marker included).
    pub bytes: usize,
    /// Whether the section was cut (or left out) by a limit.
    pub truncated: bool,
}

/// Assembles the system prompt for one turn.
pub fn assemble(input: &PromptInput<'_>) -> Prompt {
    let mut b = Builder { text: String::new(), sections: Vec::new() };
    // Last in the text, but counted against the total from the start: it is never cut.
    let runtime = runtime_line(input);
    let reserve = runtime.len() + 2;
    if !input.tools.is_empty() {
        b.push("tools", format!("## Tools\n{}", input.tools.join(", ")), false);
    }
    let limits = input.limits;
    let skills = skills::list(input.home, input.agent);
    if !skills.is_empty() {
        let room = limits.max_total_bytes.saturating_sub(b.text.len() + 2 + reserve);
        let (text, cut) = skills_section(&skills, room);
        b.push("skills", text, cut);
    }
    let workspace = input.home.workspace(input.agent);
    // Resolved only when a workspace file is a symlink: a canonicalize costs a syscall per
    // path component on every turn.
    let root = std::cell::OnceCell::new();
    let root = || root.get_or_init(|| workspace.canonicalize().ok()).as_deref();
    let can_search = input.tools.contains(&"memory_search");
    let mut left_out: Vec<(&str, u64)> = Vec::new();
    for &name in WORKSPACE_FILES {
        if name == BOOTSTRAP_FILE && !input.first_run {
            continue;
        }
        let file = match read_capped(&workspace.join(name), &root, limits.max_file_bytes) {
            Ok(Some(file)) => file,
            Ok(None) => continue,
            Err(why) => {
                b.push(name, format!("## {name}\n[{name} could not be read: {why}]"), true);
                continue;
            }
        };
        let room = limits.max_total_bytes.saturating_sub(b.text.len() + 2 + MARKER_RESERVE + reserve);
        let keep = limits.max_file_bytes.min(room);
        let heading_and_text = |body: &str| format!("## {name}\n{body}");
        if file.text.len() <= keep && !file.cut {
            b.push(name, heading_and_text(&file.text), false);
            continue;
        }
        if keep < MIN_USEFUL {
            left_out.push((name, file.size));
            b.sections.push(SectionInfo { name: name.to_string(), bytes: 0, truncated: true });
            continue;
        }
        let kept = cut_text(&file.text, keep);
        let more = file.size.saturating_sub(kept.len() as u64 + file.skipped);
        let marker = marker(name, more, can_search);
        b.push(name, heading_and_text(&format!("{kept}\n{marker}")), true);
    }
    if !left_out.is_empty() {
        b.push("left out", left_out_note(&left_out, can_search), true);
    }
    b.push("runtime", runtime, false);
    let stable_len = b.text.len() - b.sections.last().map_or(0, |s| s.bytes);
    b.text.push('\n');
    Prompt { text: b.text, sections: b.sections, stable_len }
}

/// Whether a turn of session `key` is the agent's first run: BOOTSTRAP.md exists, no transcript
/// was ever archived, and no other session holds messages. When the session store cannot be read
/// the answer is `false`: a missed bootstrap is cheaper than a repeated one.
pub fn first_run(home: &Home, agent: &str, key: &str) -> bool {
    if !home.workspace(agent).join(BOOTSTRAP_FILE).is_file() {
        return false;
    }
    let key = crate::session::store::canonical_key(key);
    let quiet = crate::session::SessionStore::open(home, agent)
        .with_cached(|sessions| sessions.iter().all(|(k, e)| *k == key || e.message_count == 0));
    quiet.unwrap_or(false) && !crate::session::archive::any(home, agent)
}

struct Builder {
    text: String,
    sections: Vec<SectionInfo>,
}

impl Builder {
    fn push(&mut self, name: &str, section: String, truncated: bool) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.text.push_str(&section);
        self.sections.push(SectionInfo { name: name.to_string(), bytes: section.len(), truncated });
    }
}

fn runtime_line(input: &PromptInput<'_>) -> String {
    let when = input.now.strftime("%A %Y-%m-%d %H:%M %:Q (UTC%:z)");
    format!("Runtime: agent {} · model {} · channel {} · {when}", input.agent, input.model, input.channel)
}

fn skills_section(skills: &[Skill], room: usize) -> (String, bool) {
    let mut text = String::from("## Skills\nRead a skill's file before you follow it.");
    for (i, s) in skills.iter().enumerate() {
        let description = cut_text(&s.description, MAX_SKILL_DESCRIPTION);
        let ellipsis = if description.len() < s.description.len() { "…" } else { "" };
        let line = format!("\n- {}: {description}{ellipsis} ({})", s.name, s.path);
        if text.len() + line.len() + MARKER_RESERVE > room {
            text.push_str(&format!("\n[… {} more skills under skills/ are not listed]", skills.len() - i));
            return (text, true);
        }
        text.push_str(&line);
    }
    (text, false)
}

/// The start of a workspace file, read up to a cap.
#[derive(Clone)]
struct Capped {
    /// Text (lossy UTF-8), blank lines and trailing whitespace trimmed; at most `cap` + 1 bytes
    /// of the file were read.
    text: String,
    /// Whether the file holds more than was read.
    cut: bool,
    /// Size of the whole file in bytes.
    size: u64,
    /// Bytes of leading blank lines trimmed from `text`, so the "more bytes" count stays exact.
    skipped: u64,
}

/// Reads at most `cap` + 1 bytes of `path`. `Ok(None)` when the file is missing or holds only
/// whitespace; `Err` with a reason when it exists but cannot be used (unreadable, not a regular
/// file, or resolving outside the workspace through a symlink).
fn read_capped<'a>(
    path: &Path,
    root: &dyn Fn() -> Option<&'a Path>,
    cap: usize,
) -> Result<Option<Capped>, String> {
    let (real, stamp) = match resolve_inside(path, root) {
        Ok(Some((p, meta))) => (p, meta.map(|m| Stamp::of(&m, cap))),
        Ok(None) => return Ok(None),
        Err(why) => return Err(why),
    };
    if let Some(stamp) = &stamp
        && let Some(hit) = read_cache::get(&real, stamp)
    {
        return Ok(hit);
    }
    let read_at = SystemTime::now();
    let mut file = std::fs::File::open(&real).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    let mut buf = Vec::with_capacity((meta.len() as usize).min(cap) + 1);
    (&mut file).take(cap as u64 + 1).read_to_end(&mut buf).map_err(|e| io_reason(&e))?;
    let cut = meta.len() > buf.len() as u64 || buf.len() > cap;
    let whole = String::from_utf8_lossy(&buf);
    let start = whole.trim_start().len();
    let skipped = (whole.len() - start) as u64;
    let text = whole.trim().to_string();
    let out = (!text.is_empty() || cut).then(|| Capped {
        text,
        cut,
        size: meta.len().max(buf.len() as u64),
        skipped,
    });
    // Cached only when what was read is the file the stamp describes.
    if let Some(stamp) = stamp
        && stamp == Stamp::of(&meta, cap)
    {
        read_cache::put(real, stamp, read_at, out.clone());
    }
    Ok(out)
}

/// What identifies a workspace file's content, and the cap it was read with.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    file: FileStamp,
    cap: usize,
}

impl Stamp {
    fn of(m: &std::fs::Metadata, cap: usize) -> Self {
        Stamp { file: FileStamp::of(m), cap }
    }
}

/// The workspace files as last read. Every turn of an agent puts the same files into its prompt,
/// and reading them again (seven opens and reads per message) was a tenth of the gateway's CPU
/// under load. An entry is used while the file's stamp is unchanged and not racy
/// ([`FileStamp::racy`]).
mod read_cache {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::{LazyLock, Mutex};
    use std::time::SystemTime;

    use super::{Capped, Stamp};
    /// More files than any set of agents has: beyond it the cache starts over.
    const MAX_ENTRIES: usize = 4096;

    type Entry = (Stamp, SystemTime, Option<Capped>);
    static FILES: LazyLock<Mutex<HashMap<PathBuf, Entry>>> = LazyLock::new(Default::default);

    pub(super) fn get(path: &PathBuf, stamp: &Stamp) -> Option<Option<Capped>> {
        let files = FILES.lock().unwrap_or_else(|e| e.into_inner());
        let (cached, read_at, text) = files.get(path)?;
        (cached == stamp && !stamp.file.racy(*read_at)).then(|| text.clone())
    }

    pub(super) fn put(path: PathBuf, stamp: Stamp, read_at: SystemTime, text: Option<Capped>) {
        let mut files = FILES.lock().unwrap_or_else(|e| e.into_inner());
        if files.len() >= MAX_ENTRIES {
            files.clear();
        }
        files.insert(path, (stamp, read_at, text));
    }
}

/// `path` itself (with its metadata), or where its symlink points when that is inside `root`;
/// `Ok(None)` when nothing is there (a dangling symlink included). Only symlinks are resolved: a
/// plain file in the workspace costs one `lstat`, which keeps assembly cheap on every turn.
#[allow(clippy::type_complexity)]
fn resolve_inside<'a>(
    path: &Path,
    root: &dyn Fn() -> Option<&'a Path>,
) -> Result<Option<(PathBuf, Option<std::fs::Metadata>)>, String> {
    let meta = match path.symlink_metadata() {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_reason(&e)),
    };
    // Checked before opening: opening a FIFO would block the turn.
    if !meta.file_type().is_symlink() {
        return if meta.is_file() {
            Ok(Some((path.to_path_buf(), Some(meta))))
        } else {
            Err(NOT_A_FILE.into())
        };
    }
    let real = match path.canonicalize() {
        Ok(p) => p,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_reason(&e)),
    };
    if !root().is_some_and(|r| real.starts_with(r)) {
        return Err("it points outside the workspace".into());
    }
    if real.is_file() { Ok(Some((real, None))) } else { Err(NOT_A_FILE.into()) }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The longest prefix of `text` of at most `max` bytes, ending at a line break when one lies in
/// the last quarter, else at a character boundary; trailing whitespace dropped.
fn cut_text(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let end = match head.rfind('\n') {
        Some(nl) if nl >= end - end / 4 => nl,
        _ => end,
    };
    text[..end].trim_end()
}

fn marker(name: &str, more: u64, can_search: bool) -> String {
    format!("[… truncated: {} more bytes in {name}; {}]", thousands(more), how_to_read(name, can_search))
}

fn how_to_read(name: &str, can_search: bool) -> String {
    if name == MEMORY_FILE && can_search {
        "use memory_search to find what you need, memory_get to read lines".to_string()
    } else {
        format!("read {name} for the rest")
    }
}

/// One note for the files the total limit left no room for.
fn left_out_note(files: &[(&str, u64)], can_search: bool) -> String {
    let list: Vec<String> =
        files.iter().map(|(n, size)| format!("{n} ({} bytes)", thousands(*size))).collect();
    let search = if can_search && files.iter().any(|(n, _)| *n == MEMORY_FILE) {
        "; search MEMORY.md with memory_search"
    } else {
        ""
    };
    format!("[… left out for size: {}; read them when you need them{search}]", list.join(", "))
}

/// `12345` → `12,345`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
