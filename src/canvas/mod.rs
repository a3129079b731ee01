//! Canvases (DESIGN §11, the `canvas` tool): what an agent shows a user beyond a chat bubble — a
//! table, a form, a status board — kept per agent in `agents/<id>/state/canvas/<canvasId>.json`.
//!
//! This module owns the saved canvases ([`save`], [`load`], [`list`], [`current`]), the live
//! notifications a running gateway's web chat listens to ([`publish`], [`subscribe`]), the signed
//! read-only links ([`link`]), the Markdown renderer ([`markdown`]) and the sandboxed document a
//! canvas is served as ([`page`]). It knows nothing of channels or of the web chat's socket: the
//! tool (`crate::tool::canvas`) and the gateway wire those in.

pub mod link;
pub mod markdown;
pub mod page;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use crate::home::Home;
use crate::store::{self, FileLock, IoError};

/// The largest canvas content accepted, in bytes.
pub const MAX_CONTENT: usize = 512 * 1024;
/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;

/// How the content is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// HTML, shown in a sandbox.
    Html,
    /// Markdown, rendered with every HTML character escaped.
    Markdown,
}

impl Format {
    /// `html` or `markdown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "markdown",
        }
    }

    /// Reads `html` or `markdown` (`md` too).
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "html" => Some(Format::Html),
            "markdown" | "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// One saved canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Canvas {
    /// `cv-` and 16 hex digits.
    pub id: String,
    /// The agent that made it.
    pub agent: String,
    /// The session it was shown in.
    pub session_key: String,
    /// Its title.
    pub title: String,
    /// How `content` is written.
    pub format: Format,
    /// What the agent wrote (untrusted: it is only ever shown sandboxed or escaped).
    pub content: String,
    /// 1 when presented, one more at each update.
    pub version: u64,
    /// Taken down by the agent (`hide`): no longer shown, its links refused.
    #[serde(default)]
    pub hidden: bool,
    /// When it was presented (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// How it reached the user the last time: `webchat`, `link`, `text` or `saved`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown_via: Option<String>,
}

/// Why a canvas could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CanvasError {
    /// A file operation failed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// A canvas file does not parse.
    #[error("{path}: not a canvas file: {message}")]
    Corrupt {
        /// The file.
        path: String,
        /// What the parser said.
        message: String,
    },
}

/// Whether `id` is a canvas id (`cv-` and 16 lower-case hex digits): ids reach file names.
pub fn valid_id(id: &str) -> bool {
    id.strip_prefix("cv-")
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// A new random canvas id.
pub fn new_id() -> String {
    format!("cv-{}", &uuid::Uuid::new_v4().simple().to_string()[..16])
}

fn path(home: &Home, agent: &str, id: &str) -> std::path::PathBuf {
    home.canvas_dir(agent).join(format!("{id}.json"))
}

/// Writes `canvas` (atomically, 0600) to its agent's canvas folder.
pub fn save(home: &Home, canvas: &Canvas) -> Result<(), CanvasError> {
    let dir = home.canvas_dir(&canvas.agent);
    store::create_dir_private(&dir)?;
    let _lock = FileLock::exclusive(&dir)?;
    write(home, canvas)
}

fn write(home: &Home, canvas: &Canvas) -> Result<(), CanvasError> {
    let mut bytes = serde_json::to_vec_pretty(canvas).unwrap_or_default();
    bytes.push(b'\n');
    store::write_atomic(&path(home, &canvas.agent, &canvas.id), &bytes, store::PRIVATE_FILE)?;
    Ok(())
}

/// Changes the canvas `id` of `agent` under the agent's canvas lock; `None` when there is none.
pub fn modify<T>(
    home: &Home,
    agent: &str,
    id: &str,
    change: impl FnOnce(&mut Canvas) -> T,
) -> Result<Option<(Canvas, T)>, CanvasError> {
    let dir = home.canvas_dir(agent);
    if !dir.is_dir() {
        return Ok(None);
    }
    let _lock = FileLock::exclusive(&dir)?;
    let Some(mut canvas) = load(home, agent, id)? else { return Ok(None) };
    let out = change(&mut canvas);
    write(home, &canvas)?;
    Ok(Some((canvas, out)))
}

/// The canvas `id` of `agent`, if it exists.
pub fn load(home: &Home, agent: &str, id: &str) -> Result<Option<Canvas>, CanvasError> {
    if !valid_id(id) {
        return Ok(None);
    }
    let p = path(home, agent, id);
    let Some(bytes) = store::read_state_file(&p, (MAX_CONTENT as u64) * 8)? else { return Ok(None) };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| CanvasError::Corrupt { path: p.display().to_string(), message: e.to_string() })
}

/// Every canvas of `agent`, newest change first. A file that does not parse is skipped.
pub fn list(home: &Home, agent: &str) -> Result<Vec<Canvas>, CanvasError> {
    let dir = home.canvas_dir(agent);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(IoError::at("reading", dir)(e).into()),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".json")) else { continue };
        if let Ok(Some(c)) = load(home, agent, id) {
            out.push(c);
        }
    }
    out.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then_with(|| b.id.cmp(&a.id)));
    Ok(out)
}

/// The canvas the session `key` of `agent` shows now: its newest one not hidden.
pub fn current(home: &Home, agent: &str, key: &str) -> Result<Option<Canvas>, CanvasError> {
    Ok(list(home, agent)?.into_iter().find(|c| c.session_key == key && !c.hidden))
}

/// The canvas `id` of whichever agent has it (agents in `agents`' order).
pub fn find<'a>(
    home: &Home,
    agents: impl IntoIterator<Item = &'a str>,
    id: &str,
) -> Result<Option<Canvas>, CanvasError> {
    for agent in agents {
        if let Some(c) = load(home, agent, id)? {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// What changed, for the web chat pages open on the canvas's session.
#[derive(Debug, Clone)]
pub enum Change {
    /// Presented or updated: show this.
    Shown(Arc<Canvas>),
    /// Hidden by the agent.
    Hidden {
        /// Its session.
        session_key: String,
        /// Its id.
        id: String,
    },
}

impl Change {
    /// The session the change belongs to.
    pub fn session_key(&self) -> &str {
        match self {
            Change::Shown(c) => &c.session_key,
            Change::Hidden { session_key, .. } => session_key,
        }
    }
}

fn events() -> &'static broadcast::Sender<Change> {
    static EVENTS: OnceLock<broadcast::Sender<Change>> = OnceLock::new();
    EVENTS.get_or_init(|| broadcast::channel(64).0)
}

/// Tells this process's open web chat pages about a change.
pub fn publish(change: Change) {
    let _ = events().send(change);
}

/// Changes published from now on.
pub fn subscribe() -> broadcast::Receiver<Change> {
    events().subscribe()
}

fn viewers() -> &'static Mutex<HashMap<String, usize>> {
    static VIEWERS: OnceLock<Mutex<HashMap<String, usize>>> = OnceLock::new();
    VIEWERS.get_or_init(Mutex::default)
}

/// Counts an open web chat page of session `key` until dropped.
#[derive(Debug)]
pub struct Viewer(String);

impl Viewer {
    /// A page of session `key` is open.
    pub fn open(key: &str) -> Viewer {
        *viewers().lock().unwrap_or_else(|e| e.into_inner()).entry(key.to_string()).or_default() += 1;
        Viewer(key.to_string())
    }
}

impl Drop for Viewer {
    fn drop(&mut self) {
        let mut v = viewers().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = v.get_mut(&self.0) {
            *n -= 1;
            if *n == 0 {
                v.remove(&self.0);
            }
        }
    }
}

/// Web chat pages of session `key` open in this process now.
pub fn open_pages(key: &str) -> usize {
    viewers().lock().unwrap_or_else(|e| e.into_inner()).get(key).copied().unwrap_or(0)
}

/// A plain-text rendering for chats that cannot open a link: Markdown stays as written, HTML
/// becomes text with table cells separated by ` | `.
pub fn to_text(canvas: &Canvas) -> String {
    match canvas.format {
        Format::Markdown => canvas.content.trim().to_string(),
        Format::Html => {
            // html_to_text separates table cells with `|`s (doubled, and before the first
            // cell): one ` | ` between cells, and no blank lines between rows.
            let text = crate::tool::html_to_text(&canvas.content);
            text.lines()
                .map(|l| {
                    l.split('|').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" | ")
                })
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// A canvas of agent `main`'s main session, for tests.
#[cfg(test)]
pub(crate) fn sample(format: Format, title: &str, content: &str) -> Canvas {
    Canvas {
        id: new_id(),
        agent: "main".into(),
        session_key: "agent:main:main".into(),
        title: title.into(),
        format,
        content: content.into(),
        version: 1,
        hidden: false,
        created_at: "2026-12-05T06:00:00.000Z".into(),
        updated_at: "2026-12-05T06:00:00.000Z".into(),
        shown_via: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas(content: &str, format: Format) -> Canvas {
        sample(format, "T", content)
    }

    #[test]
    fn ids_are_checked_before_they_reach_a_path() {
        assert!(valid_id(&new_id()));
        for bad in ["cv-../../etc/pass", "cv-0123456789abcdeF", "cv-0123", "x-0123456789abcdef", ""] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn saved_canvases_are_listed_newest_first_and_the_current_one_is_not_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let mut a = canvas("a", Format::Markdown);
        let mut b = canvas("b", Format::Markdown);
        b.updated_at = "2026-12-05T07:00:00.000Z".into();
        save(&home, &a).unwrap();
        save(&home, &b).unwrap();
        let ids: Vec<String> = list(&home, "main").unwrap().into_iter().map(|c| c.id).collect();
        assert_eq!(ids, [b.id.clone(), a.id.clone()]);
        assert_eq!(current(&home, "main", "agent:main:main").unwrap().unwrap().id, b.id);
        modify(&home, "main", &b.id, |c| c.hidden = true).unwrap().unwrap();
        assert_eq!(current(&home, "main", "agent:main:main").unwrap().unwrap().id, a.id);
        a.hidden = true;
        save(&home, &a).unwrap();
        assert!(current(&home, "main", "agent:main:main").unwrap().is_none());
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(path(&home, "main", &a.id)).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
        assert!(load(&home, "main", "cv-../x").unwrap().is_none());
    }

    #[test]
    fn html_tables_become_text_rows() {
        let c = canvas(
            "<h2>Disks</h2><table><tr><th>Mount</th><th>Use</th></tr><tr><td>/</td><td>41%</td></tr></table>",
            Format::Html,
        );
        assert_eq!(to_text(&c), "Disks\nMount | Use\n/ | 41%");
    }
}
