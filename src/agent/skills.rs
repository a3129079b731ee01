//! Skills: `skills/<name>/SKILL.md` in an agent's workspace (DESIGN §4). This module lists them
//! with the name and description from each file's front matter, for the system prompt and
//! `openclaw skills ls`. The model reads a skill's file on demand with its `read` tool; nothing
//! here loads a skill's body.
//!
//! Front matter is the small YAML subset skills use:
//!
//! ```text
//! ---
//! name: weather
//! description: Get current weather and forecasts for a place.
//! ---
//! ```
//!
//! Plain `key: value` lines, optionally quoted, and `key: >` / `key: |` followed by indented lines.
//! When the front matter is missing or malformed, the folder name is the name and the first
//! non-empty line of the file (without a leading `#`) the description, so a skill written by hand
//! still shows up. A skill is listed only when `SKILL.md` is a regular file inside the workspace (a
//! symlink pointing out of it is skipped): its text goes into the prompt.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::home::Home;

/// File name of a skill's instructions inside its folder.
pub const SKILL_FILE: &str = "SKILL.md";

/// Bytes read from a `SKILL.md` to find its front matter; the body is not needed here.
const HEAD_BYTES: u64 = 8 * 1024;

/// One skill of an agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skill {
    /// `name:` from the front matter, or the folder name.
    pub name: String,
    /// `description:` from the front matter, or the file's first non-empty line; one line.
    pub description: String,
    /// Path of `SKILL.md` relative to the workspace, `/`-separated: `skills/weather/SKILL.md`.
    pub path: String,
}

/// The skills of `agent`, sorted by folder name. A missing `skills/` folder, an unreadable file or
/// a folder without `SKILL.md` simply lists nothing for it: skills never stop a turn.
pub fn list(home: &Home, agent: &str) -> Vec<Skill> {
    let workspace = home.workspace(agent);
    let Ok(entries) = std::fs::read_dir(home.skills_dir(agent)) else { return Vec::new() };
    let mut dirs: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            (!name.starts_with('.')).then(|| (name, e.path()))
        })
        .collect();
    if dirs.is_empty() {
        return Vec::new();
    }
    dirs.sort();
    let root = workspace.canonicalize().ok();
    dirs.into_iter()
        .filter_map(|(dir, path)| {
            let file = path.join(SKILL_FILE);
            let head = read_head(&file, root.as_deref())?;
            let (name, description) = parse(&head, &dir);
            Some(Skill { name, description, path: format!("skills/{dir}/{SKILL_FILE}") })
        })
        .collect()
}

/// The first bytes of `file` as text, if it is a regular file that resolves inside `root`.
fn read_head(file: &Path, root: Option<&Path>) -> Option<String> {
    let real = file.canonicalize().ok()?;
    if !root.is_some_and(|r| real.starts_with(r)) || !real.is_file() {
        return None;
    }
    let mut buf = Vec::new();
    std::fs::File::open(&real).ok()?.take(HEAD_BYTES).read_to_end(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// Name and description of a skill from its `SKILL.md` text; `dir` is the fallback name.
pub fn parse(text: &str, dir: &str) -> (String, String) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut name, mut description) = (None, None);
    let mut body = text;
    if let Some((fields, rest)) = front_matter(text) {
        body = rest;
        for (key, value) in fields {
            match key {
                "name" if !value.is_empty() => name = Some(value),
                "description" if !value.is_empty() => description = Some(value),
                _ => {}
            }
        }
    }
    let name = name.unwrap_or_else(|| dir.to_string());
    let description = description.unwrap_or_else(|| {
        let first = body.lines().map(str::trim).find(|l| !l.is_empty() && *l != "---").unwrap_or("");
        one_line(first.trim_start_matches('#'))
    });
    (one_line(&name), description)
}

/// The `key: value` pairs between a leading `---` line and the next `---` line, and the text
/// after it; `None` when the text does not open with front matter or never closes it.
fn front_matter(text: &str) -> Option<(Vec<(&str, String)>, &str)> {
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut consumed = text.find('\n')? + 1;
    let mut fields: Vec<(&str, String)> = Vec::new();
    // A `key: >` or `key: |` block: its indented lines are folded into one line.
    let mut block: Option<usize> = None;
    for line in lines {
        consumed += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((fields, text.get(consumed..).unwrap_or("")));
        }
        if let Some(i) = block
            && (line.starts_with(' ') || line.starts_with('\t') || trimmed.is_empty())
        {
            if let Some((_, value)) = fields.get_mut(i) {
                if !value.is_empty() && !trimmed.is_empty() {
                    value.push(' ');
                }
                value.push_str(trimmed.trim());
            }
            continue;
        }
        block = None;
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (key, value) = trimmed.split_once(':')?;
        let key = key.trim();
        if key.is_empty() || key.contains(' ') {
            return None;
        }
        let value = value.trim();
        if matches!(value, ">" | "|" | ">-" | "|-" | ">+" | "|+") {
            block = Some(fields.len());
            fields.push((key, String::new()));
        } else {
            fields.push((key, unquote(value)));
        }
    }
    None
}

fn unquote(value: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return if q == '\'' { inner.replace("''", "'") } else { inner.replace("\\\"", "\"") };
        }
    }
    value.to_string()
}

/// Whitespace (newlines included) collapsed to single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields() {
        let text = "---\nname: weather\ndescription: \"Get forecasts: today, tomorrow.\"\nlicense: MIT\n---\n# Weather\nbody";
        assert_eq!(parse(text, "dir"), ("weather".into(), "Get forecasts: today, tomorrow.".into()));
        let folded = "---\nname: 'it''s'\ndescription: >\n  Two lines\n  folded.\n---\n";
        assert_eq!(parse(folded, "dir"), ("it's".into(), "Two lines folded.".into()));
    }

    #[test]
    fn malformed_front_matter_falls_back() {
        // Never closed: the folder name and the first line that says something.
        assert_eq!(
            parse("---\nname: x\n\nUse this to bake bread.\n", "bread"),
            ("bread".into(), "name: x".into())
        );
        // No front matter at all.
        assert_eq!(parse("\n# Bake bread\n\nSteps…", "bread"), ("bread".into(), "Bake bread".into()));
        // A line that is not key: value.
        assert_eq!(parse("---\nthis is prose\n---\nBody line\n", "b"), ("b".into(), "this is prose".into()));
        // Front matter without a description: the first body line.
        assert_eq!(parse("---\nname: pan\n---\n\nFry things.\n", "p"), ("pan".into(), "Fry things.".into()));
        assert_eq!(parse("", "empty"), ("empty".into(), String::new()));
    }

    #[test]
    fn lists_skills_in_the_workspace_only() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let skills = home.skills_dir("main");
        for (name, text) in [
            ("b-weather", "---\nname: weather\ndescription: Forecasts.\n---\n"),
            ("a-notes", "Take notes.\n"),
        ] {
            std::fs::create_dir_all(skills.join(name)).unwrap();
            std::fs::write(skills.join(name).join(SKILL_FILE), text).unwrap();
        }
        std::fs::create_dir_all(skills.join("no-file")).unwrap();
        std::fs::create_dir_all(skills.join("escape")).unwrap();
        let outside = dir.path().join("secret.md");
        std::fs::write(&outside, "---\nname: secret\ndescription: leaked\n---\n").unwrap();
        std::os::unix::fs::symlink(&outside, skills.join("escape").join(SKILL_FILE)).unwrap();
        let got = list(&home, "main");
        assert_eq!(
            got,
            vec![
                Skill {
                    name: "a-notes".into(),
                    description: "Take notes.".into(),
                    path: "skills/a-notes/SKILL.md".into()
                },
                Skill {
                    name: "weather".into(),
                    description: "Forecasts.".into(),
                    path: "skills/b-weather/SKILL.md".into()
                },
            ]
        );
        assert!(list(&home, "ghost").is_empty());
    }
}
