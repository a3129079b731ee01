//! An agent's directories and its workspace bootstrap files, written from built-in templates
//! (DESIGN §2, §4). Existing files are never overwritten, so creating a workspace twice is safe.
//!
//! A new agent appears all at once: it is built in a temporary directory under `agents/` and
//! renamed into place, so a full disk or a crash never leaves a half-created agent that blocks
//! `agent new` (only a `.tmp-*` directory that `doctor --fix` removes).

use std::path::PathBuf;

use crate::home::Home;
use crate::store::{self, IoError, PRIVATE_FILE};

/// Who the agent is, as written into `IDENTITY.md` and `SOUL.md`.
#[derive(Debug, Clone)]
pub struct Identity {
    /// Display name, e.g. "Jarvis".
    pub name: String,
    /// `provider/model`, or a note that the default applies.
    pub model: String,
}

const TEMPLATES: &[(&str, &str)] = &[
    ("AGENTS.md", include_str!("templates/AGENTS.md")),
    ("SOUL.md", include_str!("templates/SOUL.md")),
    ("USER.md", include_str!("templates/USER.md")),
    ("IDENTITY.md", include_str!("templates/IDENTITY.md")),
    ("TOOLS.md", include_str!("templates/TOOLS.md")),
    ("BOOTSTRAP.md", include_str!("templates/BOOTSTRAP.md")),
    ("MEMORY.md", include_str!("templates/MEMORY.md")),
];

/// Creates `agents/<id>/` with its workspace (bootstrap files, `memory/`, `skills/`) and state
/// (`sessions.json`, `transcripts/`). Returns the files and directories it created; an already
/// complete agent yields an empty list.
pub fn create(home: &Home, id: &str, identity: &Identity) -> Result<Vec<PathBuf>, IoError> {
    let target = home.agent_dir(id);
    if target.exists() {
        // Repairing an existing agent: fill in what is missing, in place.
        return fill(home, id, identity);
    }
    let agents = home.agents_dir();
    store::create_dir_private(&agents)?;
    let staging = tempfile::Builder::new()
        .prefix(".tmp-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(store::PRIVATE_DIR))
        .tempdir_in(&agents)
        .map_err(IoError::at("creating a temporary directory in", &agents))?;
    let staged_home = Home::new(staging.path());
    let staged = fill(&staged_home, id, identity)?;
    let staged_dir = staged_home.agent_dir(id);
    std::fs::rename(&staged_dir, &target).map_err(IoError::at("moving into place", &target))?;
    store::sync_dir(&agents)?;
    // `staging` (now empty but for `agents/`) is removed on drop.
    Ok(staged
        .into_iter()
        .map(|p| p.strip_prefix(&staged_dir).map_or_else(|_| p.clone(), |rel| target.join(rel)))
        .filter(|p| p.starts_with(&target))
        .collect())
}

/// Creates whatever of the agent's layout is missing, never overwriting a file.
fn fill(home: &Home, id: &str, identity: &Identity) -> Result<Vec<PathBuf>, IoError> {
    let mut created = Vec::new();
    let dirs = [
        home.agent_dir(id),
        home.workspace(id),
        home.daily_memory_dir(id),
        home.skills_dir(id),
        home.state_dir(id),
        home.transcripts_dir(id),
    ];
    for dir in dirs {
        if !dir.is_dir() {
            store::create_dir_private(&dir)?;
            created.push(dir);
        }
    }
    let workspace = home.workspace(id);
    for (name, template) in TEMPLATES {
        let text = template
            .replace("{{name}}", &identity.name)
            .replace("{{id}}", id)
            .replace("{{model}}", &identity.model);
        let path = workspace.join(name);
        if store::write_new(&path, text.as_bytes(), PRIVATE_FILE)? {
            created.push(path);
        }
    }
    let sessions = home.sessions_path(id);
    if store::write_new(&sessions, b"{}\n", PRIVATE_FILE)? {
        created.push(sessions);
    }
    Ok(created)
}

/// Whether `name` is one of the bootstrap files a new workspace starts with.
pub fn is_template(name: &str) -> bool {
    TEMPLATES.iter().any(|(t, _)| *t == name)
}

/// Whether `content` is the starting template of bootstrap file `name` as `agent new` or `init`
/// wrote it (with any name, id and model filled in), i.e. holds nothing of the user's.
pub fn is_pristine(name: &str, content: &[u8]) -> bool {
    let Some((_, template)) = TEMPLATES.iter().find(|(t, _)| *t == name) else { return false };
    let Ok(text) = std::str::from_utf8(content) else { return false };
    // The template's literal pieces, in order, with one line's worth of anything between them.
    let mut pieces = vec![*template];
    for mark in ["{{name}}", "{{id}}", "{{model}}"] {
        pieces = pieces.iter().flat_map(|p| p.split(mark)).collect();
    }
    let Some(mut rest) = text.strip_prefix(pieces[0]) else { return false };
    for piece in &pieces[1..] {
        let found =
            if piece.is_empty() { Some(rest.find('\n').unwrap_or(rest.len())) } else { rest.find(piece) };
        match found {
            Some(at) if !rest[..at].contains('\n') => rest = &rest[at + piece.len()..],
            _ => return false,
        }
    }
    rest.is_empty()
}

/// A display name from an agent id: `jarvis` → `Jarvis`, `home-bot` → `Home Bot`.
pub fn default_name(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let id = Identity { name: "Jarvis".into(), model: "openai/gpt-4o-mini".into() };
        let first = create(&home, "jarvis", &id).unwrap();
        assert!(first.iter().any(|p| p.ends_with("workspace/IDENTITY.md")));
        let identity = std::fs::read_to_string(home.workspace("jarvis").join("IDENTITY.md")).unwrap();
        assert!(identity.contains("- Name: Jarvis") && identity.contains("- Model: openai/gpt-4o-mini"));
        std::fs::write(home.long_memory("jarvis"), "mine").unwrap();
        assert!(create(&home, "jarvis", &id).unwrap().is_empty());
        assert_eq!(std::fs::read_to_string(home.long_memory("jarvis")).unwrap(), "mine");
        assert_eq!(std::fs::read_dir(home.agents_dir()).unwrap().count(), 1, "no staging left behind");
    }

    #[test]
    fn templates_are_recognised_until_edited() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let id = Identity { name: "Ada Bot".into(), model: "local/qwen".into() };
        create(&home, "ada", &id).unwrap();
        for (name, _) in TEMPLATES {
            let bytes = std::fs::read(home.workspace("ada").join(name)).unwrap();
            assert!(is_pristine(name, &bytes), "{name}");
            let mut edited = bytes.clone();
            edited.extend_from_slice(b"- a note of mine\n");
            assert!(!is_pristine(name, &edited), "{name} edited");
        }
        assert!(!is_pristine("NOTES.md", b""));
    }

    #[test]
    fn names() {
        assert_eq!(default_name("jarvis"), "Jarvis");
        assert_eq!(default_name("home-bot_2"), "Home Bot 2");
    }
}
